"""Templates for the behavioural suite: slots, casts of people, and the cases they generate.

Every template states the capability it tests and the rule code it is about:

* MFT (minimum functionality): the text must get a finding of `code` over the
  words marked «like this» (for RF codes: the detail must be reported missing;
  for PW codes: the pathway finding must be present).
* DIR (directional): `text` is a base the rule should fire on (also checked as an
  MFT); `variant` is a change that must remove the finding (quotation, another
  person or an institution or a thing as subject, negation, text about wording,
  the preferred wording, the detail being recorded).  `forbid` lists the codes
  the variant must not get ("NL" = no wording finding at all).
* INV (invariance): `text` and `variant` must get the same findings (for notes,
  also the same missing details).  Besides explicit INV templates, every MFT/DIR
  text is perturbed generically (see `perturbations`): another name, another name
  form, an unrelated sentence, a dated incident, another tense in the opening
  clause.

Sentences are written for this suite (UK council housing case notes); the text of
the development sets and of the lexicon is not used.  Generation is seeded and
capped so the whole suite runs in seconds.
"""
from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field, replace

SEED = 1414
CAP_PER_TEMPLATE = 30        # cases drawn from each template
INV_PER_TEMPLATE = 6         # base texts per template that get the generic perturbations

MFT, INV, DIR = "MFT", "INV", "DIR"

# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------

FEMALE_SURVIVORS = [("Ms", "Jodie", "Kaur"), ("Mrs", "Lorraine", "Okafor"), ("Miss", "Shannon", "Reid"),
                    ("Ms", "Amira", "Haddad"), ("Mrs", "Kelly", "Marsh"), ("Ms", "Bethany", "Nowak"),
                    ("Miss", "Chantelle", "Brooks"), ("Mrs", "Gloria", "Adeyemi")]
MALE_PERPETRATORS = [("Dean", "Cole"), ("Liam", "Price"), ("Craig", "Webster"), ("Tomasz", "Zielinski"),
                     ("Ryan", "Hughes"), ("Jason", "Flint"), ("Stuart", "Pryce")]
# first names that are also ordinary words (a name must not be read as the word)
WORD_NAME_SURVIVORS = [("Ms", "Grace", "Holt"), ("Miss", "Hope", "Waller"), ("Ms", "Summer", "Lane"),
                       ("Mrs", "Rose", "Black"), ("Ms", "Faith", "Long"), ("Miss", "Star", "Mills")]
MALE_SURVIVORS = [("Mr", "Marcus", "Bennett"), ("Mr", "Imran", "Sheikh"), ("Mr", "Gareth", "Lloyd")]
FEMALE_PERPETRATORS = [("Claire", "Doyle"), ("Nadia", "Rahman"), ("Hayley", "Gibbs")]

F_RELATIONS = ["partner", "ex-partner", "husband", "boyfriend"]
M_RELATIONS = ["partner", "wife", "ex-partner", "girlfriend"]

# how the note refers to the survivor (first item: used when a template does not care)
FORMS = ["title", "first", "initial", "upper", "full", "role", "shared"]
PFORMS = ["relation", "title", "first"]
ROLES = ["the tenant", "the customer", "the applicant"]


@dataclass(frozen=True)
class Cast:
    """One survivor and one perpetrator, and how the note names them."""

    form: str
    pform: str
    male: bool
    rel: str        # the perpetrator's relation to the survivor (kept when only names change)
    S: str          # the survivor as the note names them ("Ms Kaur", "Jodie", "the tenant")
    Sfull: str      # as the opening sentence introduces them
    Sname: str      # a plain full name, for form fields
    P: str          # the perpetrator as the note names them ("her partner", "Mr Cole", "Dean")
    Pintro: str     # as the opening sentence introduces them ("her partner, Dean Cole,")
    Pname: str
    s: str
    s_obj: str
    s_pos: str
    p: str
    p_obj: str
    p_pos: str

    def slots(self) -> dict[str, str]:
        d = {k: getattr(self, k) for k in ("S", "Sfull", "Sname", "P", "Pintro", "Pname", "s", "s_obj",
                                           "s_pos", "p", "p_obj", "p_pos")}
        d["Spos"] = possessive(self.S)
        d["Ppos"] = possessive(self.P)
        return d


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") and not name.isupper() else "'s")


def make_cast(rng: random.Random, form: str, pform: str, male: bool, rel: str | None = None,
              word_name: bool = False) -> Cast:
    if male:
        title, first, surname = rng.choice(MALE_SURVIVORS)
        pfirst, psurname = rng.choice(FEMALE_PERPETRATORS)
        rel_drawn, ptitle = rng.choice(M_RELATIONS), "Mrs" if rng.random() < 0.5 else "Ms"
        s, s_obj, s_pos, p, p_obj, p_pos = "he", "him", "his", "she", "her", "her"
    else:
        title, first, surname = rng.choice(WORD_NAME_SURVIVORS if word_name else FEMALE_SURVIVORS)
        pfirst, psurname = rng.choice(MALE_PERPETRATORS)
        rel_drawn, ptitle = rng.choice(F_RELATIONS), "Mr"
        s, s_obj, s_pos, p, p_obj, p_pos = "she", "her", "her", "he", "him", "his"
    rel = rel or rel_drawn
    if form == "shared":
        psurname = surname
        pform = "title"
        if rel in ("ex-partner", "boyfriend", "girlfriend"):
            rel = "husband" if not male else "wife"
    pname = f"{pfirst} {psurname}"
    sname = f"{first} {surname}"
    if form == "initial":
        S = Sfull = f"{title} {surname[0]}"
        P = {"relation": f"{s_pos} {rel}", "title": f"{ptitle} {psurname[0]}",
             "first": f"{ptitle} {psurname[0]}"}[pform]
        Pintro = f"{s_pos} {rel}, {ptitle} {psurname[0]},"
    else:
        S = {"title": f"{title} {surname}", "first": first, "upper": f"{title} {surname.upper()}",
             "full": sname, "role": rng.choice(ROLES), "shared": f"{title} {surname}"}[form]
        Sfull = {"title": f"{title} {sname}", "first": sname, "upper": f"{first} {surname.upper()}",
                 "full": sname, "shared": f"{title} {sname}"}.get(form)
        if form == "role":
            Sfull = f"{S}, {title} {sname},"
        P = {"relation": f"{s_pos} {rel}", "title": f"{ptitle} {psurname}", "first": pfirst}[pform]
        if form == "upper" and pform == "title":
            P = f"{ptitle} {psurname.upper()}"
        Pintro = f"{s_pos} {rel}, {pname},"
    return Cast(form, pform, male, rel, S, Sfull, sname, P, Pintro, pname, s, s_obj, s_pos, p, p_obj, p_pos)


# ---------------------------------------------------------------------------------------------
# Shared slots
# ---------------------------------------------------------------------------------------------

OPEN = "{^Sfull} {otense} that {Pintro} {abuse} {day}."
SLOTS_OPEN = {
    "otense": ["told me", "has told me", "had told me"],
    "abuse": ["pushed {s_obj} against the kitchen door", "punched {s_obj} in the face",
              "grabbed {s_obj} by the throat", "threw a mug at {s_obj}", "slapped {s_obj} across the face",
              "smashed {s_pos} phone and pinned {s_obj} to the floor"],
    "day": ["on Saturday night", "last week", "on 12/03", "at the weekend", "on Tuesday evening"],
}
UNRELATED = ["The kitchen extractor fan repair is booked for Thursday morning.",
             "Rent account checked today: clear.",
             "Gas safety check was completed in March.",
             "Parking permit renewal form posted out.",
             "Bin collection day for the block has moved to Wednesday."]
INCIDENT = ["On 14/02 {P} smashed the bathroom mirror.", "On 3 March {P} turned up at {s_pos} work.",
            "{^P} kicked the front door in on 21/01.", "On 9/01 {P} took {s_pos} keys and bank card."]

STAMPS = ["12/03 14:20 JT", "03/04/2024 09:05 - KB -", "Tel call 15/05 11:40 (RM):"]
RELATIVES = ["{s_pos} mum", "{s_pos} brother", "{s_pos} sister", "{s_pos} dad", "{s_pos} aunt"]
CHILDREN = ["{s_pos} son", "{s_pos} daughter", "{s_pos} eldest", "{s_pos} 15-year-old son"]
OFFICERS = ["the attending officer", "PC Walsh", "the duty sergeant", "the officer on the phone"]
INSTITUTIONS = ["the letting agent", "the housing panel", "the council", "the school", "Children's Services",
                "the GP surgery", "the DWP", "the landlord", "the housing association"]
COMPANIES = ["the contractor", "the removals firm", "the locksmith", "the energy supplier",
             "the furniture charity"]
WRITERS = ["I", "we"]


# ---------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Template:
    id: str
    code: str
    capability: str
    text: str
    variant: str | None = None
    transform: str = ""          # what the DIR/INV change is
    slots: dict = field(default_factory=dict)
    forbid: tuple[str, ...] = ()
    male: bool | None = None     # None: either (mostly female survivors)
    forms: tuple[str, ...] = tuple(FORMS)
    pforms: tuple[str, ...] = tuple(PFORMS)
    note: bool = False           # a whole short note: INV compares missing details too
    checklist: str = "auto"
    cap: int = CAP_PER_TEMPLATE


TEMPLATES: list[Template] = []


def T(id, code, capability, text, variant=None, **kw) -> None:
    if capability == DIR and "forbid" not in kw:
        kw["forbid"] = (code,)
    TEMPLATES.append(Template(id, code, capability, text, variant, **kw))


def subject_swaps(prefix, code, preds, classes, text="{OPEN} {^S} {pred}", **kw):
    """DIR: the same predicate with someone other than the survivor (or a thing) as subject."""
    pools = {"perpetrator": ["{P}"], "relative": RELATIVES, "child": CHILDREN, "officer": OFFICERS,
             "institution": INSTITUTIONS, "company": COMPANIES, "writer": WRITERS}
    for cls in classes:
        T(f"{prefix}.{cls}-subject", code, DIR, text, text.replace("{^S}", "{^X}").replace("«", "").replace("»", ""),
          transform=f"{cls}-subject", slots={"pred": preds, "X": pools[cls]}, **kw)


# ---- NL103 refused / failed -----------------------------------------------------------------
REFUSE_PREDS = ["«refused» the offer of a refuge space.", "«has refused» support from the outreach team.",
                "«refused to engage» with the IDVA.", "«refuses to engage» with {s_pos} housing officer.",
                "«is refusing» all contact from the office.", "«keeps refusing» to let the surveyor in.",
                "«had refused» a sanctuary referral before this.", "«failed to attend» the housing options appointment.",
                "«has failed to provide» proof of address.", "«fails to answer» when we ring.",
                "«failed to return» the signed tenancy form.", "«failed to engage» with the support plan.",
                "again «failed to turn up» for the viewing."]
T("NL103.inflections", "NL103", MFT, "{OPEN} {^S} {pred}", slots={"pred": REFUSE_PREDS})
T("NL103.pronoun", "NL103", MFT, "{OPEN} I rang {s_obj} back on Monday and {s} {pred}", slots={"pred": REFUSE_PREDS})
T("NL103.nominal", "NL103", MFT, "{OPEN} {nom}", slots={"nom": [
    "{^Spos} «refusal» of the refuge place has been noted.", "Case closed after {s_pos} «refusal to engage».",
    "{^s_pos} «failure to attend» means the panel will not consider the move.",
    "{^Spos} «failure» to return the form has held up the transfer.",
    "{^s_pos} «refusal» to let the surveyor in has delayed the works."]})
T("NL103.shorthand", "NL103", MFT, "{sh} disc DA - ex-p hit her {day}. {sh} {pred}", male=False, slots={
    "sh": ["Cust", "cust", "Tnt", "tnt", "Applicant", "Client"],
    "pred": ["«refused» support offered.", "«refussed» IDVA ref.", "«refusd» outreach.", "«has refused» refuge.",
             "«refusing» to engage w/ support.", "«failed to attend» appt 14/3.", "«faild to attend» viewing.",
             "«failed to engage» w/ WA."]})
T("NL103.fragment", "NL103", MFT, "{OPEN}\n{frag}", slots={"frag": [
    "Arrears - «refusing» to set up a plan.", "Support: «refused» engagement with outreach.",
    "Engagement: «refused» support.", "Outcome: «failed to attend».", "Attendance: «failed to attend» x2.",
    "IDVA referral - «refused».", "- «refused to engage» with WA", "«Refused» refuge. «Refused» IDVA."]})
T("NL103.pseudo-negation", "NL103", MFT, "{OPEN} {pn}", slots={"pn": [
    "{^S} not only «refused» the refuge place but also turned down the IDVA.",
    "{^S} «refused» the IDVA referral, and not for the first time.",
    "{^S} «has refused» support, and not just once.",
    "No doubt {S} «refused» the outreach visit because the timing was wrong."]})
SYM_PREDS = ["«refused to speak» to me when I called.", "«failed to attend» the meeting on Friday.",
             "«refused to sign» the form.", "«refused to let» the surveyor into the flat.",
             "«failed to turn up» at the office.", "«refused to give» a date for the visit."]
subject_swaps("NL103", "NL103", SYM_PREDS, ["perpetrator", "relative", "child", "officer", "institution", "company"])
T("NL103.perpetrator-leave", "NL103", DIR, "{OPEN} {^S} «refused to leave» the property.",
  "{OPEN} {^P} refused to leave the property.", transform="perpetrator-subject")
T("NL103.shared-surname", "NL103", DIR, "{OPEN} {^S} {pred}", "{OPEN} {^P} {pred}", transform="shared-surname",
  forms=("shared",), slots={"pred": SYM_PREDS})
T("NL103.writer", "NL103", DIR, "{OPEN} {^S} «failed to return» the call {when}.",
  "{OPEN} I failed to return {s_pos} call {when}.", transform="writer-subject",
  slots={"when": ["on Monday", "yesterday", "before the weekend"]})
T("NL103.agencies-failed", "NL103", DIR, "{OPEN} {^S} {fp} for years.", "{OPEN} {^ag} {fp2} for years.",
  transform="institution-subject", slots={"fp": ["«has failed» to engage", "«has failed to engage» with services"],
                                          "fp2": ["have failed {s_obj}", "have let {s_obj} down"],
                                          "ag": ["agencies", "services", "the system"]})
T("NL103.passive-institution", "NL103", DIR, "{OPEN} {^S} «refused» the offer of {x}.",
  "{OPEN} {^Spos} request for {x} was refused.", transform="institution-subject",
  slots={"x": ["a management move", "a discretionary housing payment", "emergency accommodation",
               "a higher priority band"]})
T("NL103.thing", "NL103", DIR, "{OPEN} {^S} «failed to show» on {d}, so the locks were not changed.",
  "{OPEN} The {thing} failed on {d}, so the locks were not changed.", transform="thing-subject",
  slots={"thing": ["drill", "new lock", "door entry system", "contractor's van"], "d": ["Monday", "12/04"]})
T("NL103.negation", "NL103", DIR, "{OPEN} {^S} «refused» {x}.", "{OPEN} {^S} {neg} {x}.", transform="negation",
  slots={"x": ["the refuge place", "the IDVA referral", "support from the outreach team"],
         "neg": ["did not refuse", "has not refused", "never refused", "has never refused", "at no point refused",
                 "did not at any point refuse"]})
T("NL103.negation-after", "NL103", DIR, "{OPEN} {^S} «refused» {x}.", "{OPEN} {^S} {neg}.",
  transform="negation-after", slots={"x": ["the options we discussed", "the support offered"],
                                     "neg": ["refused none of the options we discussed",
                                             "refused nothing that was offered"]})
T("NL103.quote", "NL103", DIR, "{OPEN} {^S} «refused» the refuge place.", "{OPEN} {^S} said: \"{q}\"",
  transform="quote-survivor", forbid=("NL",), male=False, slots={"q": [
      "I refused the refuge because he knows where it is.", "I keep failing the kids and I hate it.",
      "I refused to answer the door because he was outside.", "I failed to turn up because he had my phone."]})
T("NL103.quote-perpetrator", "NL103", DIR, "{OPEN} {^S} «refused» to let {p_obj} see the children.",
  "{OPEN} {^P} told the officer: \"{q}\"", transform="quote-perpetrator", forbid=("NL",), male=False,
  slots={"q": ["She refused to let me see my kids.", "She never fails to wind things up.",
               "She refused to give me my stuff back."]})
T("NL103.meta", "NL103", DIR, "{OPEN} {^S} «refused» support.", "{OPEN} {meta}", transform="about-wording",
  forbid=("NL",), slots={"meta": [
      "Team reminder: avoid writing \"refused\" in domestic abuse notes.",
      "I have changed \"refused\" to \"was not able to take up\" in my entry of 03/04.",
      "The word 'failed' should not be used about survivors in our notes.",
      "Survivors should not be recorded as having refused support; say what they were able to do."]})

# ---- NL104 claim / allege -------------------------------------------------------------------
CLAIM_PREDS = ["«claims» the front door was already damaged.", "«claimed» that the police had been called before.",
               "«is claiming» that the keys were lost.", "«alleges» that the neighbours heard everything.",
               "«alleged» that the car had been taken without asking."]
T("NL104.inflections", "NL104", MFT, "{OPEN} {^S} {pred}", slots={"pred": CLAIM_PREDS + [
    "«claims» {p} took {s_pos} bank card.", "«claimed» that {P} had locked {s_obj} out.",
    "is «claiming» {p} has been reading {s_pos} messages.", "«alleges» {p} threatened {s_obj} with a knife.",
    "made an «allegation» that {p} had hit {s_obj} again.", "has «alleged» that {p} took the children's passports."]})
T("NL104.adverb", "NL104", MFT, "{OPEN} {x}", slots={"x": [
    "{^P} «allegedly» kicked the door in.", "The «alleged assault» happened outside the flat.",
    "{^s} was «allegedly» pushed down the stairs.", "{^Spos} «allegations» have been passed to the police.",
    "We will check {s_pos} «claims» with the police."]})
subject_swaps("NL104", "NL104", CLAIM_PREDS, ["perpetrator", "institution"])
T("NL104.admin", "NL104", DIR, "{OPEN} {^S} «claims» {p} took {s_pos} bank card.", "{OPEN} {admin}",
  transform="admin-noun", slots={"admin": [
      "{^Spos} housing benefit claim is still being processed.", "{^Spos} Universal Credit claim was suspended in May.",
      "{^S} has claimed Universal Credit since March.", "Council tax reduction claim reference 40213.",
      "{^s_pos} home contents insurance claim has been paid.", "{^S} made a claim for the damaged carpet."]})
T("NL104.quote", "NL104", DIR, "{OPEN} {^S} «claims» {p} hid {s_pos} passport.", "{OPEN} {q}",
  transform="quote", forbid=("NL",), male=False, slots={"q": [
      "{^S} said: \"He claims I made all of it up.\"", "{^P} told the officer: \"She's just making claims to get a house.\"",
      "{^S} said: \"He keeps telling people I'm alleging things for attention.\""]})
T("NL104.meta", "NL104", DIR, "{OPEN} {^S} «claimed» that {p} took {s_pos} keys.", "{OPEN} {meta}",
  transform="about-wording", forbid=("NL",), slots={"meta": [
      "Team reminder: write \"told me\" rather than \"claimed\".", "Avoid 'alleged' when recording what a survivor says.",
      "I have replaced \"claims\" with \"reported\" in the note of 02/05."]})

# ---- NL107 disengaged -----------------------------------------------------------------------
DISENG = ["has «disengaged» from the outreach service.", "«disengaged» after two sessions.",
          "is «not engaging» with the IDVA.", "has «stopped engaging» with support.",
          "has «not been engaging» with {s_pos} support worker."]
T("NL107.forms", "NL107", MFT, "{OPEN} {^S} {pred}", slots={"pred": DISENG})
T("NL107.nominal", "NL107", MFT, "{OPEN} {x}", slots={"x": [
    "Case closed due to «non-engagement».", "{^Spos} «disengagement» from support is a concern.",
    "«Non-engagement» with the housing officer noted.", "Status: «disengaged».",
    "There has been «no engagement» from {S} since May."]})
subject_swaps("NL107", "NL107", ["has «disengaged» from the programme.", "is «not engaging» with the service."],
              ["perpetrator", "institution"])
T("NL107.engaged", "NL107", DIR, "{OPEN} {^S} {pred}", "{OPEN} {^S} {good}", transform="positive",
  slots={"pred": DISENG, "good": ["has engaged with the specialist service.", "is engaging well with the IDVA.",
                                  "engaged with the outreach worker twice this week."]})
T("NL107.not-only", "NL107", DIR, "{OPEN} {^S} is «not engaging» with the IDVA.",
  "{OPEN} {^S} is not only engaging with the IDVA but also {x}.", transform="pseudo-negation",
  slots={"x": ["going to the freedom programme", "attending every appointment"]})
T("NL107.negation", "NL107", DIR, "{OPEN} {^S} has «disengaged» from support.",
  "{OPEN} {^S} {neg} from support.", transform="negation",
  slots={"neg": ["has not disengaged", "has never disengaged", "did not disengage"]})
T("NL107.meta", "NL107", DIR, "{OPEN} {^S} has «disengaged».", "{OPEN} {meta}", transform="about-wording",
  forbid=("NL",), slots={"meta": ["Please avoid \"disengaged\"; say what we could not maintain and why.",
                                  "Survivors should not be blamed for not engaging.",
                                  "Supervision: the word 'non-engagement' is not used in DA notes."]})

# ---- NL108 victim label ---------------------------------------------------------------------
T("NL108.label", "NL108", MFT, "{OPEN} {x}", slots={"x": [
    "«The victim» rang the office at 10:20.", "I spoke to «the victim» on the phone.", "«The DA victim» came in today.",
    "«Service user» has moved out.", "«S/u» attended with {s_pos} sister.", "«Victim» is {Sname}.",
    "«DA victim» rang back at 3pm.", "Spoke to «the service user» about the move."]})
T("NL108.name", "NL108", DIR, "{OPEN} «The victim» {pred}", "{OPEN} {^S} {pred}", transform="name",
  slots={"pred": ["rang the office at 10:20.", "came in with {s_pos} sister.", "has moved to {s_pos} mum's."]})
T("NL108.scheme", "NL108", DIR, "{OPEN} «The victim» {x}.", "{OPEN} {^S} {y}.", transform="scheme-name",
  slots={"x": ["wants support"], "y": ["has been referred to Victim Support", "has made a victim personal statement",
                                       "was given a leaflet on the Victims' Code"]})
T("NL108.quote", "NL108", DIR, "{OPEN} «The victim» is frightened.", "{OPEN} {^S} said: \"{q}\"",
  transform="quote-survivor", forbid=("NL",), slots={"q": ["I don't want to be seen as a victim.",
                                                          "I'm not a victim, I just want him to stop."]})
T("NL108.meta", "NL108", DIR, "{OPEN} «The victim» rang.", "{OPEN} {meta}", transform="about-wording",
  forbid=("NL",), slots={"meta": ["Reminder: do not use the word \"victim\" as a label for the person.",
                                  "{^S} asked us not to call {s_obj} 'the victim' in letters.",
                                  "I have replaced \"service user\" with {s_pos} name throughout."]})

# ---- NL109 low risk (DA notes only) ---------------------------------------------------------
T("NL109.forms", "NL109", MFT, "{OPEN} {x}", slots={"x": [
    "I would assess this as «low risk».", "In my view there is «no risk» to {s_obj} now {p} has moved away.",
    "«Minimal risk» while {p} is in custody.", "I consider the case «low risk» at present.",
    "Risk level: «low».", "There is «no risk» to {s_obj} at present."]})
T("NL109.standard", "NL109", DIR, "{OPEN} I would assess this as «low risk».",
  "{OPEN} I would assess this as standard risk (DASH {n}).", transform="preferred-wording",
  slots={"n": ["6", "8", "9"]})
T("NL109.assessment", "NL109", DIR, "{OPEN} There is «no risk» to {s_obj} at present.",
  "{OPEN} {x}", transform="assessment-not-level",
  slots={"x": ["No risk assessment was possible as {s} had to leave.",
               "No risk assessment could be done today; I will try again tomorrow."]})

# ---- NL113 hostile survivor -----------------------------------------------------------------
HOSTILE = ["was «hostile» when I asked about the rent.", "became «aggressive» at the front door.",
           "was very «difficult» on the phone.", "has been «uncooperative» throughout.",
           "was «confrontational» with the repairs team.", "was «antagonistic» during the visit."]
T("NL113.forms", "NL113", MFT, "{OPEN} {^S} {pred}", slots={"pred": HOSTILE + [
    "can be «aggressive» when we visit.", "is a very «difficult» woman.", "tends to be «hostile» with staff.",
    "was rude and «hostile» at reception.", "was «hostile» and «aggressive» on the phone."]}, male=False)
T("NL113.work-with", "NL113", MFT, "{OPEN} I found {S} «difficult» to work with.")
T("NL113.field", "NL113", MFT, "DA disclosure form\nName: {Sname}\nPerpetrator: {Pname} ({rel})\n{f}: «{adj}»",
  slots={"f": ["Presentation", "Demeanour", "Attitude"], "adj": ["hostile", "aggressive", "uncooperative"],
         "rel": ["partner", "ex-partner"]}, male=False)
subject_swaps("NL113", "NL113", HOSTILE, ["perpetrator", "relative", "officer", "company"])
# note style with no verb, a record's "described as", a verb that takes "to be"
T("NL113.no-copula", "NL113", DIR, "{OPEN}\n{^S} «{adj}» when I asked about the rent.",
  "{OPEN}\n{^P} {adj} when I asked about the rent.", transform="perpetrator-subject", male=False,
  forms=("title", "first", "full", "upper"), slots={"adj": ["hostile", "aggressive", "uncooperative"]})
T("NL113.described", "NL113", DIR, "{OPEN} {^S} {cop} «{adj}» by the duty officer.",
  "{OPEN} {^S} {neg} {adj} by the duty officer.", transform="negation", male=False,
  slots={"cop": ["was described as", "was recorded as", "tends to be", "seemed to be"],
         "neg": ["was never described as", "was not recorded as"], "adj": ["hostile", "obstructive"]})
T("NL113.shared-surname", "NL113", DIR, "{OPEN} {^S} {pred}", "{OPEN} {^P} {pred}", transform="shared-surname",
  forms=("shared",), slots={"pred": HOSTILE})
T("NL113.thing", "NL113", DIR, "{OPEN} {^S} was «difficult» when we talked about {x}.", "{OPEN} {y}",
  transform="thing-subject", slots={"x": ["the move", "the children"], "y": [
      "It was a difficult conversation about the move.", "It is difficult for {s_obj} to travel to the office.",
      "It was a difficult decision for {s_obj} to make.", "The stairs are difficult for {s_obj} with the pram."]})
T("NL113.negation", "NL113", DIR, "{OPEN} {^S} was «hostile».", "{OPEN} {^S} {neg}", transform="negation",
  slots={"neg": ["was not hostile.", "was never aggressive with staff.", "was neither hostile nor aggressive.",
                 "was not at all difficult; {s} was frightened."]})
T("NL113.quote-perpetrator", "NL113", DIR, "{OPEN} {^S} was «aggressive».",
  "{OPEN} {^P} told the officer that {s} was \"{q}\".", transform="quote-perpetrator", forbid=("NL",),
  slots={"q": ["hostile and aggressive", "the difficult one", "aggressive all the time"]})
T("NL113.meta", "NL113", DIR, "{OPEN} {^S} was «hostile».", "{OPEN} {meta}", transform="about-wording",
  forbid=("NL",), slots={"meta": ["Please don't describe a frightened survivor as \"hostile\".",
                                  "Reminder: write what was said, not 'aggressive' or 'difficult'."]})

# ---- NL101, NL102, NL105, NL106, NL110, NL111, NL112, NL114 ------------------------------------
T("NL101.forms", "NL101", MFT, "{OPEN} {x}", slots={"x": [
    "As part of «our investigation» I visited the flat.", "We are «investigating» {s_pos} report.",
    "I will «investigate» the incident {s} described.", "«Investigation» into {s_pos} disclosure is ongoing."]})
T("NL101.police", "NL101", DIR, "{OPEN} «Our investigation» is ongoing.", "{OPEN} {x}",
  transform="institution-subject", slots={"x": [
      "The police investigation is ongoing.", "The police are investigating the assault.",
      "The criminal investigation is ongoing.", "The coroner's investigation is ongoing."]})
T("NL101.repair", "NL101", DIR, "{OPEN} I will «investigate» the incident {s} described.",
  "{OPEN} I will investigate the {x} {s} described.", transform="thing-object",
  slots={"x": ["leak", "damp", "smell of gas"]})
T("NL102.forms", "NL102", MFT, "{OPEN} {^S} has been in an «abusive relationship» with {P} for {n} years.",
  slots={"n": ["two", "six", "three"]})
T("NL102.preferred", "NL102", DIR, "{OPEN} {^S} has been in an «abusive relationship» for {n} years.",
  "{OPEN} {^S} has been with an abusive partner for {n} years.", transform="preferred-wording",
  slots={"n": ["two", "six", "three"]})
T("NL105.forms", "NL105", MFT, "{OPEN} {x}", male=False, slots={"x": [
    "{^S} «provoked him» by going out.", "The assault was «triggered by her» going out with friends.",
    "«The trigger was» {s_pos} asking for money."]})
T("NL105.quote", "NL105", DIR, "{OPEN} {^S} «provoked him».", "{OPEN} {^P} told police: \"{q}\"",
  transform="quote-perpetrator", forbid=("NL",), male=False,
  slots={"q": ["She provoked me, she knows what she's doing.", "She winds me up until I snap."]})
T("NL106.forms", "NL106", MFT, "{OPEN} {x}", slots={"x": [
    "«I strongly believe» {s} is minimising what is happening.", "«I am sure that» {p} will come back.",
    "«I feel strongly that» {s} should move."]})
T("NL106.other", "NL106", DIR, "{OPEN} «I strongly believe» {p} will return.", "{OPEN} {x}",
  transform="someone-else", slots={"x": ["{^S} strongly believes {p} will return.",
                                         "{^S} said: \"I strongly believe he will come back.\"",
                                         "I am not sure whether {p} will return."]})
T("NL110.forms", "NL110", MFT, "{OPEN} {^S} has a «history of abusive relationships».")
T("NL110.perpetrator", "NL110", DIR, "{OPEN} {^S} has a «history of abusive relationships».",
  "{OPEN} {x}", transform="perpetrator-subject", slots={"x": [
      "{^P} has a history of violence.", "{^S} has suffered abuse in previous relationships.",
      "{^P} has a history of abusive relationships."]})
T("NL111.forms", "NL111", MFT, "{OPEN} {x}", slots={"x": [
    "{^S} and {P} have «reconciled».", "They are «back together».", "{^S} has «got back with» {P}."]})
T("NL111.preferred", "NL111", DIR, "{OPEN} They are «back together».", "{OPEN} {x}", transform="preferred-wording",
  slots={"x": ["{^S} told me the relationship has recommenced.", "{^Spos} rent account has been reconciled."]})
T("NL112.forms", "NL112", MFT, "{OPEN} {x}", slots={"x": [
    "{^S} «let {p_obj} back in» on Friday.", "{^S} has «allowed {P} back into» the flat.",
    "{^s} «let {p_obj} back in» after {p} promised to change."]})
T("NL112.preferred", "NL112", DIR, "{OPEN} {^S} «let {p_obj} back in» on Friday.", "{OPEN} {x}",
  transform="preferred-wording", slots={"x": ["{^P} returned to the property on Friday.",
                                              "The locksmith let us in on Friday.",
                                              "{^P} let himself back in with a spare key on Friday."]}, male=False)
T("NL114.forms", "NL114", MFT, "{OPEN} {^S} and {P} have {x}.", slots={"x": [
    "a «toxic relationship»", "a «volatile relationship»", "an «on-off relationship»", "a «turbulent relationship»"]})
T("NL114.quote", "NL114", DIR, "{OPEN} They have a «toxic relationship».", "{OPEN} {^P} told the officer: \"{q}\"",
  transform="quote-perpetrator", forbid=("NL",), slots={"q": ["We've got a volatile relationship, that's all.",
                                                             "It's a toxic relationship, she gives as good as she gets."]})

# ---- NL2xx ----------------------------------------------------------------------------------
T("NL201.forms", "NL201", MFT, "{OPEN} {x}", slots={"x": [
    "«ASB case» opened for the incident.", "Logged as «noise nuisance» and a warning letter sent.",
    "Passed to the «ASB team» to deal with."]})
T("NL201.correct", "NL201", DIR, "{OPEN} «ASB case» opened for the incident.", "{OPEN} {x}",
  transform="correct-practice", slots={"x": ["Recorded as domestic abuse rather than ASB.",
                                             "Closed the ASB case and passed it to the DA lead."]})
T("NL202.forms", "NL202", MFT, "{OPEN} I {v} {P} could try «anger management».", slots={
    "v": ["suggested", "advised {s_obj} that", "recommended that"]})
T("NL202.negation", "NL202", DIR, "{OPEN} I suggested {P} could try «anger management».",
  "{OPEN} {x}", transform="negation", slots={"x": [
      "I did not suggest anger management.", "I explained that anger management is not a response to domestic abuse."]})
T("NL203.forms", "NL203", MFT, "{OPEN} I {x}", male=False, slots={"x": [
    "«advised {s_obj} to leave {p_obj}».", "«told {s_obj} {s} should leave {p_obj}».",
    "«encouraged {s_obj} to end the relationship»."]})
T("NL203.negation", "NL203", DIR, "{OPEN} I «advised {s_obj} to leave {p_obj}».", "{OPEN} {x}",
  transform="negation", male=False, slots={"x": [
      "I did not advise {s_obj} to leave {p_obj}; we talked through {s_pos} options.",
      "I was careful not to advise {s_obj} to leave {p_obj}."]})
T("NL203.relative", "NL203", DIR, "{OPEN} I «advised {s_obj} to leave {p_obj}».",
  "{OPEN} {^rel} has told {s_obj} to leave {p_obj}.", transform="relative-subject", male=False,
  slots={"rel": RELATIVES})
T("NL204.forms", "NL204", MFT, "{OPEN} I asked {s_obj} «{q}».", male=False, slots={"q": [
    "why {s} doesn't just leave", "why {s} went back", "why {s} doesn't leave {p_obj}"]})
T("NL204.preferred", "NL204", DIR, "{OPEN} I asked {s_obj} «why {s} doesn't just leave».",
  "{OPEN} I asked {s_obj} why {p} would do that to {s_obj}.", transform="preferred-wording", male=False)
T("NL205.forms", "NL205", MFT, "{OPEN} {x}", slots={"x": [
    "This looks like «mutual abuse».", "They are «as bad as each other».",
    "It is «six of one and half a dozen of the other»."]})
T("NL205.meta", "NL205", DIR, "{OPEN} This looks like «mutual abuse».", "{OPEN} {x}", transform="about-wording",
  forbid=("NL",), slots={"x": ["Mutual abuse is very rare, so I have asked the DA lead for advice.",
                               "{^S} and {P} have a mutual friend who lives on the estate."]})
T("NL206.forms", "NL206", MFT, "{OPEN} {x}", male=False, slots={"x": [
    "{^P} «only hits {s_obj} when» he has been drinking.", "{^P} lost his temper «because of his drinking».",
    "The assault was «down to his drinking»."]})
T("NL206.cause", "NL206", MFT, "{OPEN} {x}", male=False, slots={"x": [
    "«Since his redundancy he lashes out» at {s_obj}.", "The attacks «only happened when he was» out of work.",
    "{^P} «is only violent at» weekends.", "His brother died in June, which «is why it happened»."]})
T("NL206.cause-survivor", "NL206", DIR, "{OPEN} «Since his redundancy he lashes out» at {s_obj}.",
  "{OPEN} {x}", transform="someone-else", male=False, slots={"x": [
      "Since his redundancy he has lived at his mother's.", "The damp only happens when the heating is off.",
      "{^S} is only anxious at weekends."]})
T("NL206.quote", "NL206", DIR, "{OPEN} {^P} «only hits {s_obj} when» he has been drinking.",
  "{OPEN} {^S} said: \"{q}\"", transform="quote-survivor", forbid=("NL",), male=False,
  slots={"q": ["He only does it when he's had a drink.", "It's the drink, he's not like that sober."]})
T("NL206.reported", "NL206", DIR, "{OPEN} The attacks are «fuelled by cocaine».", "{OPEN} {x}",
  transform="someone-else", male=False, slots={"x": [
      "{^Spos} sister told me the attacks are fuelled by cocaine.",
      "According to {^P} the violence is down to drink.",
      "{^P} said it only happens when he has been drinking."]})
T("NL205.reported", "NL205", DIR, "{OPEN} They are «as bad as each other».", "{OPEN} {x}",
  transform="someone-else", male=False, slots={"x": [
      "{^Spos} mother said they are as bad as each other.",
      "{^P} told me they are both violent."]})
T("NL207.forms", "NL207", MFT, "{OPEN} I «passed on {p_pos} message» to {S}.")
T("NL207.negation", "NL207", DIR, "{OPEN} I «passed on {p_pos} message» to {S}.", "{OPEN} {x}",
  transform="negation", slots={"x": ["I did not pass on {p_pos} message.",
                                     "I told {P} that I cannot pass on messages."]})

# ---- RF and PW on short DA notes ----------------------------------------------------------------
HEAD = ("{^Sfull} came to the housing options desk {day}. When I asked about domestic abuse, {s} told me that "
        "{Pintro} has been hitting {s_obj} {dur}, most recently {day2} when {p} {abuse}. {^P} still lives at {addr}.")
HEAD_ONCE = ("{^Sfull} came to the housing options desk {day}. When I asked about domestic abuse, {s} told me that "
             "{Pintro} {abuse} {day2}. {^P} still lives at {addr}.")
NOTE_SLOTS = {"dur": ["for about two years", "since last summer", "for eighteen months"],
              "day2": ["on Sunday", "on 02/04", "last Friday"],
              "addr": ["14 Ash Grove", "Flat 3, Linden Court", "22 Mill Lane"]}
NOTE_KW = dict(note=True, male=False, forms=("title", "full", "first", "role"), pforms=("relation", "title"))


def rf(code, text, adds, transform="detail-recorded", head=HEAD, **slots):
    T(f"{code}.recorded", code, DIR, head + " " + text, head + " " + text + " {add}", transform=transform,
      slots={**NOTE_SLOTS, **slots, "add": adds}, **NOTE_KW)


REST = {"rest": ["Referred to Women's Aid with {s_pos} consent.", "I gave {s_obj} the National DA Helpline number.",
                 "We talked about refuge and a sanctuary scheme."]}
rf("RF05", "{rest}", ["No children in the household.", "{^s} has no children.", "Children: none.",
                      "{^s_pos} son, aged 6, lives with {s_obj} and sees {P} every other weekend."], **REST)
rf("RF04", "{rest}", ["{^s} is not pregnant.", "{^s} told me {s} is 20 weeks pregnant.", "Pregnant: no."], **REST)
rf("RF10", "{rest}", ["DASH completed: 9, standard risk.", "DASH done with {s_obj} today: 12, medium.",
                      "DASH not completed as {s} did not feel safe talking on the phone."], **REST)
rf("RF13", "{rest}", ["Safe contact: mobile only, weekday mornings.",
                      "{^s} asked us to ring {s_pos} mobile only, between 9 and 12 on weekdays.",
                      "Do not write to the address; email only."], **REST)
rf("RF11", "{rest}", ["No other agencies are involved.", "{^s} is already working with an IDVA.",
                      "Police are aware and have given {p_obj} bail conditions."], **REST)
rf("RF14", "We talked about refuge and a sanctuary scheme.",
   ["I gave {s_obj} the National DA Helpline number.", "Referral sent to Women's Aid with {s_pos} consent.",
    "Booked {s_obj} into a B&B for tonight."])
rf("RF09", "I gave {s_obj} the National DA Helpline number.",
   ["We discussed refuge, a sanctuary scheme and a non-molestation order.",
    "I explained {s_pos} options, including an IDVA referral and target hardening."])
rf("RF07", "{rest}", ["This was the first incident.", "It has been going on for about two years.",
                      "It happens most weekends."], head=HEAD_ONCE, **REST)

PW_HEAD = HEAD + " No children in the household. {^s} is not pregnant."
PW_KIDS = HEAD + " {^s_pos} two children, aged 4 and 9, live with {s_obj}. {^s} is not pregnant."
HIGH = ["DASH completed: {hs}, high risk.", "DASH score {hs} (high).", "DASH completed with {s_obj} - {hs}, HIGH."]
HS = {"hs": ["14", "16", "19", "22"]}
T("PW01.marac", "PW01", DIR, PW_HEAD + " {dash}", PW_HEAD + " {dash} {marac}", transform="referral-recorded",
  slots={**NOTE_SLOTS, **HS, "dash": HIGH, "marac": [
      "MARAC referral sent.", "Referred to MARAC today.", "I have submitted a MARAC referral.",
      "MARAC referral made with {s_pos} agreement."]}, **NOTE_KW)
T("PW01.next-sentence", "PW01", INV, PW_HEAD + " DASH completed: {hs}, high risk, and a MARAC referral was sent.",
  PW_HEAD + " DASH completed: {hs}, high risk. A MARAC referral was sent.", transform="split-sentence",
  slots={**NOTE_SLOTS, **HS}, **NOTE_KW)
T("PW01.order", "PW01", INV, PW_HEAD + " MARAC referral sent. {dash}", PW_HEAD + " {dash} MARAC referral sent.",
  transform="reorder", slots={**NOTE_SLOTS, **HS, "dash": HIGH}, **NOTE_KW)
T("PW02.mash", "PW02", DIR, PW_KIDS + " DASH completed: {ms}, medium risk.",
  PW_KIDS + " DASH completed: {ms}, medium risk. {mash}", transform="referral-recorded",
  slots={**NOTE_SLOTS, "ms": ["10", "11", "12"], "mash": ["MASH referral sent for the children.",
                                                         "I made a MASH referral for both children."]}, **NOTE_KW)
T("PW03.early-help", "PW03", DIR, PW_KIDS + " DASH completed: {ss}, standard risk.",
  PW_KIDS + " DASH completed: {ss}, standard risk. {eh}", transform="referral-recorded",
  slots={**NOTE_SLOTS, "ss": ["4", "6", "8"], "eh": ["Early Help referral sent with {s_pos} consent.",
                                                   "Early Help discussed and a referral made."]}, **NOTE_KW)
T("PW04.police", "PW04", DIR, PW_HEAD + " {^s} told me {s} is in immediate danger tonight.",
  PW_HEAD + " {^s} told me {s} is in immediate danger tonight. {pol}", transform="police-recorded",
  slots={**NOTE_SLOTS, "pol": ["I advised {s_obj} to call 999 if {p} comes back.", "Police called at 14:10.",
                               "I rang the police while {s} was with me."]}, **NOTE_KW)
T("PW05.level", "PW05", DIR, PW_HEAD + " {d} MARAC referral sent.", PW_HEAD + " {dh} MARAC referral sent.",
  transform="level-matches", slots={**NOTE_SLOTS, **HS, "d": ["DASH completed: {hs}, medium risk.",
                                                              "DASH with {S} today = {hs}, medium.",
                                                              "DASH {hs} - standard."],
                                    "dh": ["DASH completed: {hs}, high risk."]}, **NOTE_KW)


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\^?)(\w+)\}")


def _cap(s: str) -> str:
    for i, ch in enumerate(s):
        if ch.isalpha():
            return s[:i] + ch.upper() + s[i + 1:]
    return s


def fill(pattern: str, values: dict[str, str], depth: int = 0) -> str:
    """Fill {slot} (and {^slot}: capitalised) from `values`; slot values may hold slots themselves."""
    if depth > 6:
        raise ValueError(f"slots nest too deep: {pattern!r}")

    def one(m: re.Match) -> str:
        v = fill(values[m.group(2)], values, depth + 1)
        return _cap(v) if m.group(1) else v

    return _SLOT.sub(one, pattern)


def strip_marks(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove «» marks; return the clean text and the marked spans (character offsets)."""
    spans, out, start = [], [], None
    for ch in text:
        if ch == "«":
            start = len("".join(out))
        elif ch == "»":
            spans.append((start, len("".join(out))))
        else:
            out.append(ch)
    return "".join(out), spans


@dataclass(frozen=True)
class Case:
    capability: str
    code: str
    template: str
    transform: str
    text: str                               # MFT: the text; INV/DIR: the changed text
    base: str | None = None                 # INV/DIR: the original text
    spans: tuple[tuple[int, int], ...] = ()  # MFT: where the finding must be
    forbid: tuple[str, ...] = ()
    note: bool = False
    checklist: str = "auto"
    form: str = ""                          # how the survivor is named (see FORMS)


@dataclass(frozen=True)
class Draw:
    """One random draw of a template's slots and cast (kept so it can be re-rendered with changes)."""

    template: Template
    cast: Cast
    choices: tuple[tuple[str, str], ...]
    extra: str = ""             # a sentence added by a perturbation
    extra_first: bool = False

    def values(self) -> dict[str, str]:
        v = self.cast.slots()
        v.update(dict(self.choices))
        v["OPEN"] = OPEN
        return v

    def render(self, pattern: str) -> tuple[str, list[tuple[int, int]]]:
        text = fill(pattern, self.values())
        if self.extra:
            extra = fill(self.extra, self.values())
            text = f"{extra} {text}" if self.extra_first else f"{text} {extra}"
        return strip_marks(text)


def _rng(*keys) -> random.Random:
    return random.Random(zlib.crc32("|".join(map(str, (SEED,) + keys)).encode()))


def _draw(t: Template, rng: random.Random, form=None, pform=None, male=None, rel=None) -> Draw:
    male = (rng.random() < 0.2) if t.male is None and male is None else (t.male if male is None else male)
    form = form or rng.choice(t.forms)
    pform = pform or rng.choice(t.pforms)
    cast = make_cast(rng, form, pform, male, rel)
    slots = {**SLOTS_OPEN, **t.slots}
    choices = tuple((k, rng.choice(v)) for k, v in sorted(slots.items()))
    return Draw(t, cast, choices)


def draws(t: Template) -> list[Draw]:
    rng, seen, out = _rng(t.id), set(), []
    for _ in range(t.cap * 3):
        d = _draw(t, rng)
        key = d.render(t.text)[0], d.render(t.variant)[0] if t.variant else ""
        if key not in seen:
            seen.add(key)
            out.append(d)
        if len(out) >= t.cap:
            break
    return out


def perturbations(d: Draw, rng: random.Random) -> list[tuple[str, Draw]]:
    """Changes that must not change any finding: (label, changed draw)."""
    t, c = d.template, d.cast
    out = []
    other = _draw(t, rng, form=c.form, pform=c.pform, male=c.male, rel=c.rel)
    out.append(("name", replace(d, cast=other.cast)))
    forms = [f for f in t.forms if f != c.form and f != "shared" and c.form != "shared"]
    if forms:
        out.append(("name-form", replace(d, cast=_draw(t, rng, form=rng.choice(forms), pform=c.pform,
                                                       male=c.male, rel=c.rel).cast)))
    pforms = [f for f in t.pforms if f != c.pform and c.form not in ("shared", "initial")]
    if pforms:
        out.append(("perpetrator-name-form", replace(d, cast=make_cast(_rng(t.id, c.S, c.P), c.form,
                                                                       rng.choice(pforms), c.male, c.rel))))
    out.append(("unrelated-sentence", replace(d, extra=rng.choice(UNRELATED), extra_first=rng.random() < 0.5)))
    if "{OPEN}" in t.text or t.note:
        out.append(("dated-incident", replace(d, extra=rng.choice(INCIDENT))))
    if not c.male and c.form in ("title", "first", "full", "upper"):
        out.append(("name-is-a-word", replace(d, cast=make_cast(rng, c.form, c.pform, False, c.rel, word_name=True))))
    if "{OPEN}" in t.text and not t.note:
        # a CRM timeline: the entry starts with a date, a time and the writer's initials
        out.append(("timeline-stamp", replace(d, extra=rng.choice(STAMPS), extra_first=True)))
    if "{OPEN}" in t.text:
        ch = dict(d.choices)
        ch["otense"] = rng.choice([x for x in SLOTS_OPEN["otense"] if x != ch["otense"]])
        out.append(("tense-unrelated-clause", replace(d, choices=tuple(sorted(ch.items())))))
    return out


def generate(cap: int | None = None) -> list[Case]:
    """All cases, deterministically.  `cap` overrides the per-template cap (for quick runs)."""
    cases: list[Case] = []
    for t in TEMPLATES:
        ds = draws(replace(t, cap=cap) if cap else t)
        for d in ds:
            text, spans = d.render(t.text)
            if t.capability in (MFT, DIR):
                cases.append(Case(MFT, t.code, t.id, (t.transform or t.id.split(".", 1)[1]) if t.capability == MFT else "base", text,
                                  spans=tuple(spans), note=t.note, checklist=t.checklist, form=d.cast.form))
            if t.capability == DIR:
                var, _ = d.render(t.variant)
                cases.append(Case(DIR, t.code, t.id, t.transform, var, base=text, forbid=t.forbid,
                                  note=t.note, checklist=t.checklist, form=d.cast.form))
            if t.capability == INV:
                var, _ = d.render(t.variant)
                cases.append(Case(INV, t.code, t.id, t.transform, var, base=text, note=t.note,
                                  checklist=t.checklist))
        rng = _rng(t.id, "inv")
        for d in ds[:INV_PER_TEMPLATE]:
            for pattern in filter(None, (t.text, t.variant)):
                base, _ = d.render(pattern)
                for label, d2 in perturbations(d, rng):
                    var, _ = d2.render(pattern)
                    if var != base:
                        cases.append(Case(INV, t.code, t.id, label, var, base=base,
                                          note=t.note and label != "dated-incident", checklist=t.checklist))
    seen, out = set(), []
    for c in cases:
        key = (c.capability, c.code, c.text, c.base)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
