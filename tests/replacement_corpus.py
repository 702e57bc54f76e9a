"""A generated corpus of case notes around every phrase a replacement is offered for, and an
independent reader that says whether a sentence still reads on after a replacement.

The reader is deliberately not the engine's own `fits`: it is a second opinion, written from what
a housing officer would notice ("to to", "an record", "has did not", "upset towards staff").
"""
from __future__ import annotations

import re

# ---- who the sentence is about, how it starts, where it sits in the note ---------------------------

SURVIVORS = ["She", "Ms Baxter", "The tenant", "He", "Mr Khan"]        # singular
PLURALS = ["They", "The family"]                                     # plural subjects
DA_OPENING = "Ms Baxter disclosed that her partner, Mr Tate, hit her and threatened to kill her."
OPENERS = ["", "Today ", "On 3 May ", "When I called, ", "As agreed, "]


def placements(sentence: str) -> list[str]:
    """The sentence as the note's first sentence, after another one, after a line break, as a bullet."""
    lower_start = sentence[:1].lower() + sentence[1:] if not sentence.startswith(("Ms ", "Mr ", "I ")) else sentence
    return [sentence,
            f"{DA_OPENING} {sentence}",
            f"{DA_OPENING}\n{sentence}",
            f"{DA_OPENING}\n- {lower_start}"]


def _with_opener(opener: str, sentence: str) -> str:
    if not opener:
        return sentence
    first, rest = sentence.split(" ", 1)
    keep = first in ("I", "Ms", "Mr") or first[0].isupper() and first not in ("She", "He", "They", "The")
    return opener + (first if keep else first.lower()) + " " + rest


# ---- NL103: refused / failed ------------------------------------------------------------------------

OBJECTS = {
    "engage": "with Women's Aid", "attend": "the appointment", "cooperate": "with the police",
    "co-operate": "with the landlord", "comply": "with the tenancy agreement", "accept": "the offer of refuge",
    "answer": "my questions", "respond": "to my letter", "talk": "to me about it", "speak": "to the IDVA",
    "provide": "their ages", "keep": "the appointment", "turn up": "for the visit", "bring": "her documents",
    "return": "my calls", "contact": "the housing team", "complete": "the form", "reply": "to my email",
}
REFUSE_VERBS = ["engage", "attend", "cooperate", "co-operate", "comply", "accept", "answer", "respond", "talk",
                "speak", "provide"]
FAIL_VERBS = ["engage", "attend", "cooperate", "comply", "provide", "keep", "turn up", "bring",
              "respond", "return", "answer", "contact", "complete", "reply"]
# the verb group before the infinitive, singular subject
REFUSE_FORMS = ["refused to", "refuses to", "has refused to", "had refused to", "may have refused to",
                "is refusing to", "was refusing to", "has repeatedly refused to", "then refused to",
                "again refused to", "would have refused to", "keeps refusing to"]
FAIL_FORMS = ["failed to", "fails to", "has failed to", "had failed to", "will have failed to",
              "has been failing to", "also failed to", "could have failed to"]


def refused_failed() -> list[str]:
    out = []
    for verb in REFUSE_VERBS:
        for form in REFUSE_FORMS:
            out.append(f"{{S}} {form} {verb} {OBJECTS[verb]}.")
        out.append(f"Refused to {verb} {OBJECTS[verb]}.")                          # note style, no subject
        out.append(f"{{P}} refused to {verb} {OBJECTS[verb]}.")
    for verb in FAIL_VERBS:
        for form in FAIL_FORMS:
            out.append(f"{{S}} {form} {verb} {OBJECTS[verb]}.")
        out.append(f"Failed to {verb} {OBJECTS[verb]}.")
        out.append(f"{{P}} fail to {verb} {OBJECTS[verb]} each time.")
        out.append(f"I failed to {verb} {OBJECTS[verb]}.")
    out += ["{S} refused to engage, which is her right.", "{S} refused to engage and left.",
            "{S} said she refused to attend because he was there.", "{S} refused to to engage.",
            "Because she was frightened, she refused to speak to the IDVA.",
            "{S} refused to answer, then refused to engage with Women's Aid."]
    return out


# ---- NL101 investigation, NL102 abusive relationship, NL109 low risk, NL113 hostile, NL114 volatile ---

def investigation() -> list[str]:
    out = []
    for det in ["our", "the", "my", "this", "that", "any", "further", "her", "their", "its"]:
        out += [f"As part of {det} investigation I visited the property.",
                f"{det.capitalize()} investigation found that the locks had been changed.",
                f"I will complete {det} investigation by Friday.",
                f"{{S}} asked about {det} investigation."]
    out += ["An investigation was started.", "I began an investigation into the complaint.",
            "Investigations are ongoing.", "The investigations were closed.", "Our investigations show no arrears.",
            "I made investigations with the neighbours.", "Further investigations will follow.",
            "{S} is under our investigation.", "Investigation of the damp found a leak."]
    return out


def abusive_relationship() -> list[str]:
    out = []
    for verb in ["fled", "left", "has left", "escaped", "is leaving", "wants to leave", "got out of", "has fled"]:
        for det in ["a", "an", "the", "her", "their", "this", "that"]:
            for adj in ["abusive", "violent"]:
                out.append(f"{{S}} {verb} {det} {adj} relationship.")
    out += ["{S} fled an abusive relationship with Mr Tate in 2019.", "{S} has been in an abusive relationship.",
            "They have a violent relationship."]
    return out


def low_risk() -> list[str]:
    out = []
    for word in ["low", "minimal", "negligible"]:
        for level in ["", "level "]:
            phrase = f"{word} {level}risk"
            out += [f"I consider this {phrase}.", f"DASH 6, {phrase}.", f"{phrase.capitalize()}.",
                    f"The case was assessed as {phrase}.", f"This is a {phrase} case.",
                    f"This is {'an' if word[0] in 'aeiou' else 'a'} {phrase}.",
                    f"{{S}} is at {phrase}.", f"I think it is very {phrase}.",
                    f"I assessed it as extremely {phrase} today.", f"It is {phrase} to the children."]
    out += ["I consider this low-risk.", "The risk is low.", "Not low risk: DASH 16."]
    return out


ADJECTIVES = ["hostile", "aggressive", "antagonistic", "difficult", "uncooperative", "confrontational",
              "obstructive", "argumentative", "rude", "demanding", "manipulative", "challenging", "belligerent",
              "awkward", "evasive", "combative", "defensive", "unreasonable", "hysterical", "irate", "abrupt",
              "unhelpful"]


def hostile() -> list[str]:
    out = []
    for adj in ADJECTIVES:
        art = "an" if adj[0] in "aeiou" else "a"
        out += [f"{{S}} was {adj} when I asked for more detail.", f"{{S}} is {adj}.", f"{{S}} was very {adj}.",
                f"{{S}} became {adj} on the phone.", f"{{S}} has been {adj} today.", f"{{S}} was being {adj}.",
                f"{{P}} were {adj}.", f"{{S}} was {art} {adj} woman.", f"{{S}} seemed {adj} and upset.",
                f"{{S}} was {adj} towards staff.", f"{{S}} was {adj} to me on the phone.",
                f"{{S}} was {adj} with the officer.", f"{{S}} was quite {adj} at times.",
                f"{{S}} was {adj} about the repairs.", f"{{S}} was {adj}, then calm."]
    out += ["{S} was difficult to work with.", "{S} was challenging to engage.", "{S} can be awkward to deal with.",
            "{S} was hostile and aggressive.", "{S} was rude, hostile and upset."]
    return out


def volatile_relationship() -> list[str]:
    out = []
    adjs = ["toxic", "volatile", "turbulent", "stormy", "rocky", "unhealthy", "dysfunctional", "chaotic",
            "explosive", "on-off", "love-hate", "up and down"]
    for adj in adjs:
        art = "an" if adj[0] in "aeiou" else "a"
        out += [f"{{S}} is in {art} {adj} relationship.", f"{{S}} has been in {art} {adj} relationship for years.",
                f"{{S}} fled the {adj} relationship.", f"{{S}} left {art} {adj} relationship in May.",
                f"{{S}} is in {art} {adj} relationship with Mr Tate.", f"{{S}} wants to leave this {adj} relationship.",
                f"{{P}} are in {art} {adj} relationship.", f"They have {art} {adj} relationship.",
                f"Ms Baxter and Mr Tate are in {art} {adj} relationship.", f"The couple are in {art} {adj} relationship."]
    return out


RULE_SENTENCES = {
    "NL101": investigation, "NL102": abusive_relationship, "NL103": refused_failed, "NL109": low_risk,
    "NL113": hostile, "NL114": volatile_relationship,
}


def sentences(rule: str) -> list[str]:
    """Each template with each subject; the openers taken in turn (every shape meets every opener)."""
    out, k = [], 0
    for template in RULE_SENTENCES[rule]():
        subjects = SURVIVORS if "{S}" in template else PLURALS if "{P}" in template else [None]
        for subject in subjects:
            s = template.replace("{S}", subject or "").replace("{P}", subject or "")
            out.append(_with_opener(OPENERS[k % len(OPENERS)] if subject else "", s))
            k += 1
    return list(dict.fromkeys(out))


def corpus(rule: str) -> list[str]:
    """Every sentence of the rule, each in one of the places a note puts it (taken in turn)."""
    return [placements(s)[k % 4] for k, s in enumerate(sentences(rule))]


# ---- a second opinion on whether a sentence reads on -----------------------------------------------

AUX = {"has", "have", "had", "having", "is", "was", "were", "are", "am", "be", "been", "being", "will", "would",
       "can", "could", "may", "might", "shall", "should", "must", "do", "does", "did", "to", "keep", "keeps",
       "kept", "refusing", "failing"}
FINITE = {"did", "does", "do", "was", "were", "is", "are", "has", "had"}
VOWEL_SOUND_EXCEPTIONS = {"hour", "honest", "honour", "heir"}          # "an hour"
CONSONANT_SOUND_EXCEPTIONS = {"user", "union", "one", "university", "european", "useful", "usual", "unit"}
EMOTION = {"distressed", "upset", "agitated", "frightened"}


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’-]*", text.lower())


def problems(before: str, replacement: str, after: str) -> list[str]:
    """What a reader trips over where `replacement` meets the words either side."""
    before = re.split(r"[.!?\n]\s", before)[-1]          # the same sentence only
    after = re.split(r"[.!?\n]", after)[0]
    left, mid, right = words(before)[-2:], words(replacement), words(after)[:2]
    if not mid:
        return ["empty replacement"]
    out = []
    seq = left + mid + right
    for a, b in zip(seq, seq[1:]):
        if a == b:
            out.append(f"doubled word {a!r}")
    if left:
        prev, first = left[-1], mid[0]
        if prev in ("a", "an"):
            vowel = (first[0] in "aeiou" and first not in CONSONANT_SOUND_EXCEPTIONS) or first in VOWEL_SOUND_EXCEPTIONS
            if (prev == "an") != vowel:
                out.append(f"article {prev!r} before {first!r}")
        if prev in AUX and first in FINITE:
            out.append(f"two verb groups meet: {prev!r} {first!r}")
    if mid[-1] in ("to", "of", "with", "for", "the", "a", "an") and (not right or right[0] in
                                                                        ("with", "to", "the", "a", "of")):
        out.append(f"dangling {mid[-1]!r}")
    if mid[-1] in EMOTION and right and (right[0] in ("towards", "toward")
                                         or right[0] == "to" and len(right) > 1 and right[1] in
                                         ("me", "him", "her", "them", "us", "staff", "the", "my", "officers")):
        out.append(f"{mid[-1]!r} {right[0]!r}: the adjective took a complement the replacement does not")
    if mid[-2:] == ["an", "abuser"] and right and right[0] == "with":
        out.append("'relationship with an abuser with …': two partners in one phrase")
    if mid[:1] == ["standard"] and left and left[-1] in ("very", "extremely", "quite", "fairly", "relatively", "so"):
        out.append(f"{left[-1]!r} 'standard risk': a degree word before a category")
    if mid[-2:] == ["abusive", "partner"] and "out of" in " ".join(words(before)[-4:]):
        out.append("'got out of an abusive partner': one gets out of a relationship, not out of a person")
    return out
