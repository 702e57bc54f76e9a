"""Redaction of snippets in audit outputs: no name, phone, email, address, postcode, date of birth,
National Insurance or NHS number leaves notelint in a report.

It errs towards hiding.  Identifiers are found as spans before any snippet is cut, on the whole
note (spans) or on the stretches a note's snippets show with a margin wider than any identifier
(spans_around), so a number at a snippet's edge is still recognised and hidden whole:

- numbers: any run of 9+ digits however it is grouped or punctuated ("0044 7700 900789",
  "07700.900.321", "mob07700900654", "7700 900111", "+44 (0)7700 900 124"), shorter runs after a
  phone cue ("tel 463463"), NHS numbers (3-3-4), NI numbers with any separators ("QQ-65-43-21-A"),
  postcodes with a space, a dash or nothing ("NG18-2CD"), vehicle registrations;
- emails, also spelt out ("jane doe at gmail dot com", "jo[at]mail[dot]co[dot]uk");
- dates of birth: after a cue ("DOB", "born in March 1985") and any 20th-century full date;
- addresses: a house number and a street;
- names: after a title (Mr, Mrs, Ms, Dr ...), from a known-names column, any capitalised word that
  is not an ordinary English word, any run of capitalised words inside a sentence, names in
  capitals ("KIERAN BLACKWOOD", "Dean MARSH") unless an acronym the service uses (DASH, MARAC),
  lower-case names after a cue ("spoke to kelly o'neill", "her partner dean"), and an ordinary
  word that the note capitalises inside a sentence somewhere ("I spoke to Rose"), wherever it is
  capitalised in that note, including at the start of a sentence ("Rose said…").

The lexicon's words for agencies are kept, so a snippet still says what happened.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from .text import at_word_starts, capitalised_before_speech, capitalised_mid_sentence, capitalises

Span = tuple[int, int, str]

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_SEP = r"[ \t.\-/\u00a0]"
_DATE = (r"\d{1,2}(?:st|nd|rd|th)?" + _SEP + r"{1,2}(?:of\s+)?(?:\d{1,2}|" + _MONTH + r"),?" + _SEP + r"{1,2}\d{2,4}"
         r"|\d{4}-\d{1,2}-\d{1,2}|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{2,4}"
         r"|(?:" + _MONTH + r"\s+)?(?:19|20)\d{2}")
_DOB = re.compile(r"(?<![^\W\d_])(?:d\.?\s?o\.?\s?b|date\s+of\s+birth|birth\s*date|birthday|born)\b\.?"
                  r"(?:\s+(?:on|in|the))*\s*[:=\-]?\s*(?:" + _DATE + r")", re.IGNORECASE)
# "born in Leeds in 1985": the year (and the month or day before it) a few words after "born"
_BORN_LATER = re.compile(r"\bborn\b[^.\n]{0,40}?\b((?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + _MONTH
                         + r"\s+)?(?:19|20)\d{2})\b", re.IGNORECASE)
# a 20th-century full date is a date of birth ("12/03/1988", "4th March 1990", "March 4, 1990")
_OLD_DATE = re.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-](?:19\d{2}|200\d)|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
                       + _MONTH + r",?\s+(?:19\d{2}|200\d)|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+"
                       r"(?:19\d{2}|200\d))\b", re.IGNORECASE)
_OLD_YEAR = re.compile(r"(?:19\d\d|200\d)(?!\d)")  # (every 20th-century full date has one: a cheap test first)
_TLD = r"(?:com|co|uk|org|net|gov|nhs|ac|me|info|io|biz|email|live|online|scot|wales|sch|ltd|plc|eu|ie|de|fr)"
_AT = r"(?:\s*@\s*|\s*[\(\[\{<]\s*at\s*[\)\]\}>]\s*|\s+at\s+)"
_DOT = r"(?:\s*\.\s*|\s*[\(\[\{<]\s*dot\s*[\)\]\}>]\s*|\s+dot\s+)"
_LOCAL = r"(?!(?:is|at|on|to|her|his|their|my|email|e-mail|address|by|via|me|us|was|of|and|or|the)\b)[\w.+'’-]+"
_EMAIL = re.compile(r"[\w.+'’-]+[ \t]?@[ \t]?[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# found from the "at" (one cheap pass), then the one or two words of the address before it
_EMAIL_DOMAIN = re.compile(_AT + r"[\w-]+(?:" + _DOT + r"[\w-]+)*" + _DOT + _TLD + r"\b", re.IGNORECASE)
# (a cheap test first: an e-mail address ends in "." or "dot" and a domain, found by a search that skips
# in C to the next "." or "d")
_EMAIL_END = re.compile(r"(?:\.|dot)[\s)\]}>]*" + _TLD + r"\b")
_EMAIL_LOCAL = re.compile(r"(?<![\w.+'’-])(?:" + _LOCAL + r"\s+)?" + _LOCAL + r"$", re.IGNORECASE)
# (lower case; the first digit first, after one or two letters that begin a word: _postcodes)
_POSTCODE = re.compile(r"\d(?:(?<=(?<!\w)[a-z]\d)|(?<=(?<!\w)[a-z]{2}\d))[a-z\d]?[ \t\-\u00a0]{0,3}\d[a-z]{2}\b")
_OUTWARD = re.compile(r"\bpost\s?code\b\s*[:\-]?\s*([A-Z]{1,2}\d[A-Z\d]?)\b", re.IGNORECASE)
# (two capitals, the word-start test after the first, so that a search skips in C to a capital letter;
# in lower case, a digit first and the two letters before it: see _NI_CUE)
_NI = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z](?:[ .\-\u00a0]{0,2}\d{2}){3}[ .\-\u00a0]{0,2}[A-D]?\b")
_NI_LOWER = re.compile(r"\d(?<=(?<!\w)[a-z]{2}\d)\d{5}[a-d]?\b")
# Patterns read in lower case (the note lower-cased once: Redactor.spans) begin with their words,
# without a look-behind and without ignoring case, so that a search skips in C to the next letter
# that can begin one (a look-behind, or a pattern that ignores case, is tried at every character);
# that a match begins a word is checked after it is found (text.at_word_starts).
_NI_CUE = re.compile(r"(?:ni|n\.i\.|nino|national insurance)(?:\s+(?:no|number|num))?\.?\s*[:\-]?\s*"
                     r"([a-z]{2}[\s.\-]*\d[\d\s.\-]{4,12}[a-d]?)\b")
_NHS = re.compile(r"\d(?<!\d\d)\d{2}[ .\-\u00a0]\d{3}[ .\-\u00a0]\d{4}(?![\d])")  # (a digit first: see above)
_NHS_CUE = re.compile(r"nhs[^\d\n]{0,20}(\d[\d .\-]{8,14}\d)")  # lower case
# what may stand between the digits of one number: a space or two, a dot, a dash, brackets ("(0)");
# not ". " (the end of a sentence)
_NUM_SEP = r"(?:[ \u00a0]{1,2}|\.|[ \u00a0]?-[ \u00a0]?|[ \u00a0]?\(|\)[ \u00a0]?|\)\(|)"
# any run of 9 or more digits, however grouped ("0044 7700 900789", "07700.900.321", "(01623) 463 463")
# (a digit first, its look-behind after it, so that a search skips in C to the next digit; a run that
# begins with a date is passed over, and a "+" before it taken in: _phone_numbers)
_DIGITS = re.compile(r"\d(?<![\d,]\d)(?:" + _NUM_SEP + r"\d){8,}(?![\d])")
_DATE_FIRST = re.compile(r"(?:19|20)\d\d-\d\d?-\d\d?\b|\d\d?[./-]\d\d?[./-](?:19|20)?\d\d\b")
_PHONE_CUE = re.compile(r"(?:tel|telephone|phone|ph|mob|mobile|landline|number|no|call|ring|text|whatsapp|contact)"
                        r"\b\.?\s*(?:on|number|no\.?)?\s*[:\-]?\s*((?:\+\s?)?\d(?:" + _NUM_SEP + r"\d){4,})(?![\d])")  # lower case
_REG = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]\d{2}\s?[A-Z]{3}\b")  # (see _NI)
_STREET = (r"Road|Rd|Street|St|Close|Avenue|Ave|Lane|Ln|Drive|Dr|Way|Court|Ct|Crescent|Gardens|Place|Terrace|"
           r"Grove|Walk|Row|Hill|View|Rise|Square|Mews|Green|Park|Parade|Vale|Croft|Fields|Meadow|Meadows|Gate|"
           r"Estate|Wharf|Yard|Heights|Boulevard|Chase|Glade|Brow|Bank|End|Nook")
# a house number and a street (lower case; a digit first: see _NI_CUE), then a flat before it (_addresses)
_ADDRESS = re.compile(r"\d(?<!\w\d)\d*[a-z]?,?\s+(?:[a-z][\w'-]*\s+){1,3}(?:" + _STREET.lower() + r")\b")
_FLAT_BEFORE = re.compile(r"(?<!\w)(?:flat|apartment|apt|unit|room)\s+\d+[a-z]?,?\s+$")
_TITLE = re.compile(r"(mr|mrs|ms|miss|mx|dr|prof)\b\.?[ \t]+((?:[a-z][\w'’-]*[ \t]?){1,3})")  # lower case
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CAPITALISED = re.compile(r"[^\W\d_a-z][\w'’-]*")  # words not starting with a-z (then: isupper; and at_word_starts)
_DIGIT = re.compile(r"\d")
# people named in lower case after a cue: "spoke to kelly o'neill", "her partner dean", "client jane doe"
_CUE_WORDS = (r"spoke|speaking|spoken|talked|talking|chatted|met|meeting|visited|called|phoned|rang|texted|"
              r"emailed|contacted|named|known\s+as|aka|a\.k\.a\.|name\s+is|name's|nee|née|partner|ex-partner|"
              r"ex\s+partner|husband|ex-husband|wife|boyfriend|girlfriend|bf|gf|fiance|fiancé|fiancee|son|"
              r"daughter|mum|mother|dad|father|brother|sister|perpetrator|perp|client|tenant|applicant|"
              r"friend|cousin|aunt|uncle|nan|gran|grandmother|grandfather|neighbour|baby|child|stepson|"
              r"stepdaughter|stepfather|stepmother|ex").split("|")


def _by_first_letter(alternatives: list[str]) -> str:
    """An alternation of regex fragments that each begin with a letter, grouped by that letter
    ("s(?:poke|on)|t(?:alked|enant)"): at each place a search tries one group, not every fragment.
    The order within a group is kept (it decides which of two that both fit is taken)."""
    groups: dict[str, list[str]] = {}
    for a in alternatives:
        groups.setdefault(a[0], []).append(a[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


_CUE = re.compile(r"(?:" + _by_first_letter(_CUE_WORDS) + r")\b(?:\s+(?:to|with))?,?[ \t]+")  # lower case
# what follows a name and is not a surname: verbs in the past (irregular) and modals
_AFTER_NAME = frozenset("""came went got had hit left told said took gave made ran sat saw broke threw stole kept spoke
    rang sent brought bought caught fell felt found heard held hurt knew lost met paid put read shut slept stood
    struck swore thought tore understood woke wrote bit beat drove drank ate fought flew forgot forgave hid lent
    let lay lit meant rode rose sang sank shook shot stuck stung swam swung taught won wore will would could should
    can may might must shall do did does is was are were be been has have and or but also then too""".split())
_PLACEHOLDER = re.compile(r"\[(NAME|PHONE|EMAIL|POSTCODE|NI|NHS|DOB|ADDRESS|REG|NUMBER)\]", re.IGNORECASE)

# Acronyms kept in capitals (and any the lexicon names as an agency): the rest in capitals is a name.
ACRONYMS = frozenset("""DASH MARAC MASH IDVA ISVA ASB DA DV DVA VAWG NHS GP CPS DVPN DVPO NMO CAFCASS CAMHS CMHT CPN
    SARC IRIS RIC DAHA DHR SDVC MAPPA IOM LADO CIN CP CPP LAC EHCP SEN SENCO ESOL NRPF BRP ILR UKVI PNC CAD BWV
    UC PIP ESA JSA HB CTR DHP TA HMO PRS AST RSL HRA DWP HMRC CAB MP PCSO PC DC DS DI DCI CID UK EU OK NFA TBC TBA
    ASAP NB PS ID DOB NI AM PM TV CCTV SMS A&E ICU HV SW FGM FM HBV CSE CCE SGO RP EH LA IDAS NDAH ADHD PTSD OCD
    LGBT LGBTQ LGBTQ+ BAME ESOL ETA RE FYI CRM IT URGENT AKA N/A MARACS IDVAS DVA DAS RF NL PW SMS GDPR DPA""".split())

_FIRST_NAMES = frozenset("""abbie abby adam aiden alan albert alex alfie alice amber amelia amy andrew angela ann anna
    anne april archie ashley austin barbara barry ben bernard beth billy bob bonnie brandon brook brooke bruce
    callum cameron carl carol caroline charlie charlotte chelsea chloe chris christine clare claire colin connor
    craig crystal daisy dale dan daniel danny darren dave david dawn dean debbie demi denise dennis derek diane
    dominic donna doris dylan eddie edward eileen elaine eleanor ella ellie emily emma eric ethan evie faith
    frank freddie gail gary gavin gemma george georgia gordon grace graham grant hannah harry harvey hayley hazel
    heather helen holly hope ian isaac isabel isabella ivy jack jackie jacob jade jake james jamie jane janet jason
    jasmine jay jayden jean jenny jess jessica jill jo joan joanne joe john jon jordan joseph josh joy joyce judith
    julie june justin karen kate katie kayleigh keith kelly kerry kevin kieran kim kirsty kyle laura lauren lee
    leah leanne lewis liam lily linda lisa logan louise lucy luke lydia lynn maisie mandy marcus margaret maria
    marie mark martin mary mason matt matthew megan melissa mia michael michelle mike millie mohammed molly
    nathan neil nicola nicole noah norman oliver olivia oscar owen paige pamela patricia paul paula pauline pearl
    penny peter phil philip phoebe poppy rachel rebecca rhys richard rob robert robin robyn rose ross ruby ruth
    ryan sally sam samantha sandra sarah scott sean shane shannon sharon shaun sheila simon sophie stacey stephen
    steve steven stuart sue summer susan tara terry theo thomas tina toby tom tony tracey tracy trevor troy
    valerie vicky victoria violet wayne wendy will william zoe""".split())


@lru_cache(maxsize=1)
def _keep_words() -> frozenset[str]:
    """Ordinary English words (spaCy's lookup table), kept when capitalised on their own."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from .patterns import english_words

    return english_words() | frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"today", "yesterday", "tomorrow", "again", "later", "earlier", "now", "then",
                                    "tonight", "morning", "afternoon", "evening", "that", "this"}


@lru_cache(maxsize=256)
def _known_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    words = sorted({w for n in names for w in re.findall(r"[^\W\d_][\w'’-]+", n or "") if len(w) > 1},
                   key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(" + "|".join(map(re.escape, words)) + r")(?![^\W\d_])",
                      re.IGNORECASE) if words else None


class Redactor:
    """`Redactor(known_names=["Dara Quinn"]).redact(text)`; safe to share between threads.

    `spans(text)` gives the identifiers of a whole note once; `snippet()` and `redact_span()` cut
    from it without searching again."""

    def __init__(self, known_names: Iterable[str] = (), note_names: frozenset[str] = frozenset(),
                 words: RedactionWords | None = None):
        """`words`: the active profile's words that are never names (default: the default profile's)."""
        self.known = _known_pattern(tuple(sorted({str(n) for n in known_names if n})))
        self.note_names = note_names  # ordinary words this note uses as names (see for_note)
        self._note: str | None = None  # the whole note (for_note)
        self._note_lower: str | None = None
        self._asked: dict[str, bool] = {}
        self.words = words or RedactionWords.default()

    def for_note(self, text: str) -> "Redactor":
        """This redactor, also hiding the ordinary words that `text` (the whole note) capitalises
        inside a sentence — "Rose" in "I spoke to Rose" — or before a verb of speech ("Rose said ..."),
        wherever the note capitalises them.  (Each word is looked up in the note when a snippet meets
        it capitalised where an ordinary word may be: _named_in_note.)"""
        clone = Redactor(words=self.words)
        clone.known, clone.note_names, clone._note = self.known, self.note_names, text
        return clone

    def _named_in_note(self, key: str) -> bool:
        """Whether `key` (an ordinary word, lower case) is one of the note's names (for_note)."""
        if key in self.note_names:
            return True
        note = self._note
        if (note is None or key not in _keep_words() or key in self.words.agency or key in _ALWAYS_KEPT
                or key in _FUNCTION):
            return False
        asked = self._asked
        if key not in asked:
            if self._note_lower is None:
                lower = note.lower()
                self._note_lower = lower if len(lower) == len(note) else ""
            if self._note_lower:
                mid, speech = capitalises(note, self._note_lower, key, self.words.speech)
            else:  # (a letter whose lower case is longer: the note's words the long way)
                mid = key in {_base(w) for w in capitalised_mid_sentence(note) if len(w) > 1}
                speech = key in {_base(w) for w in capitalised_before_speech(note, self.words.speech) if len(w) > 1}
            asked[key] = mid or speech and key not in self.words.roles
        return asked[key]

    def redact(self, text: str) -> str:
        return render(text, self.spans(text))

    def spans_around(self, text: str, places: Iterable[tuple[int, int]], reach: int = 0) -> list[Span]:
        """The identifiers near each place (start, end) of `text`: all that a snippet of those places
        (`reach`: how far it goes each side, see snippet) can show, without searching the rest of the
        note.  Each stretch searched goes MARGIN characters further, to a space, so that an identifier
        crossing the snippet's edge is found whole, as in the whole note (spans)."""
        n, stretches = len(text), []
        for start, end in sorted(places):
            lo, hi = max(0, start - reach - MARGIN), min(n, end + reach + MARGIN)
            while lo > 0 and not text[lo - 1].isspace():
                lo -= 1
            while hi < n and not text[hi].isspace():
                hi += 1
            if stretches and lo <= stretches[-1][1]:
                stretches[-1][1] = max(stretches[-1][1], hi)
            else:
                stretches.append([lo, hi])
        if stretches == [[0, n]]:
            return self.spans(text)
        return merge([(lo + s, lo + e, label) for lo, hi in stretches for s, e, label in self.spans(text[lo:hi])])

    # ---- finding the identifiers: (start, end, placeholder), sorted, not overlapping ----
    def spans(self, text: str) -> list[Span]:
        found: list[Span] = []
        lower = _lower(text)

        def add(pattern: re.Pattern, label: str, group: int = 0, words: bool = False) -> None:
            """`words`: a pattern read in lower case that must begin a word (see _NI_CUE)."""
            for m in at_word_starts(pattern, lower) if words else pattern.finditer(text):
                if m.group(group):
                    found.append((m.start(group), m.end(group), label))

        if "@" in text:
            add(_EMAIL, "[EMAIL]")
        if _EMAIL_END.search(lower):
            for m in _EMAIL_DOMAIN.finditer(text):
                local = _EMAIL_LOCAL.search(text, max(0, m.start() - 80), m.start())
                if local:
                    found.append((local.start(), m.end(), "[EMAIL]"))
        if "b" in lower and ("dob" in lower or "d.o.b" in lower or "birth" in lower or "born" in lower):
            add(_DOB, "[DOB]")
            add(_BORN_LATER, "[DOB]", 1)
        if _OLD_YEAR.search(text):
            add(_OLD_DATE, "[DOB]")
        add(_NI_CUE, "[NI]", 1, words=True)
        add(_NI, "[NI]")
        found += [(m.start() - 2, m.end(), "[NI]") for m in _NI_LOWER.finditer(text)]
        add(_NHS, "[NHS]")
        if "nhs" in lower:
            found += [(m.start(1), m.end(1), "[NHS]") for m in _NHS_CUE.finditer(lower)]
        found += [(s, e, "[POSTCODE]") for s, e in _postcodes(lower)]
        if "post" in lower:
            add(_OUTWARD, "[POSTCODE]", 1)
        found += [(s, e, "[PHONE]") for s, e in _phone_numbers(text)]
        add(_PHONE_CUE, "[PHONE]", 1, words=True)
        add(_REG, "[REG]")
        found += [(s, e, "[ADDRESS]") for s, e in _addresses(lower)]
        if self.known is not None:
            add(self.known, "[NAME]")
        spans = merge(found)
        masked, masked_lower = _mask(text, spans), _mask(lower, spans)
        names = self._titled(masked, masked_lower) + self._after_cue(masked, masked_lower)
        masked = _mask(masked, merge(names))
        names += self._capitalised(masked)
        return merge(spans + names)

    @staticmethod
    def _titled(text: str, lower: str) -> list[Span]:
        """The name after a title: its words up to the first ordinary lower-case word (`lower`: the
        text in lower case, _lower)."""
        keep, out = _keep_words(), []
        for m in at_word_starts(_TITLE, lower):
            pos, taken = m.start(2), 0
            for w in re.finditer(r"\S+", text[m.start(2):m.end(2)]):
                word = w.group(0)
                if taken and word[0].islower() and word.lower().strip("'’") in keep:
                    break
                out.append((pos + w.start(), pos + w.end(), "[NAME]"))
                taken += 1
        return out

    def _after_cue(self, text: str, lower: str) -> list[Span]:
        """Lower-case names after a cue ("spoke to kelly o'neill", "her partner dean"): up to three
        words that are not ordinary words (or are first names), then a surname that is not a small word."""
        ordinary, stop, roles, agencies = _keep_words(), _stop_words(), self.words.roles, self.words.agency
        speech, out = self.words.speech, []
        for m in at_word_starts(_CUE, lower):
            pos, named, previous = m.end(), 0, ""
            for w in _WORD.finditer(text, pos):
                if text[pos:w.start()].strip() or named >= 3:
                    break  # punctuation between the words, or enough
                word, key = w.group(0), _base(w.group(0))
                if key in stop or key in roles or key in agencies or key in speech or word.upper() in ACRONYMS:
                    break
                name_like = key not in ordinary or key in _FIRST_NAMES
                # "jane doe": an ordinary word right after a lower-case first name is its surname,
                # unless it reads as what the person did ("dean hit her", "kelly came round")
                same_case = (previous.islower() and word.islower() or previous.isupper() and word.isupper()
                             or previous.istitle() and word.istitle())
                surname = (named == 1 and same_case and key not in _AFTER_NAME
                           and not key.endswith(("ed", "ing", "ly", "s")))
                if not (name_like or surname):
                    break
                out.append((w.start(), w.end(), "[NAME]"))
                named += 1
                pos, previous = w.end(), word
        return out

    def _capitalised(self, text: str) -> list[Span]:
        """A capitalised word is a name unless it is an ordinary word standing alone (or an agency's);
        a word in capitals is a name unless an acronym the service uses, or shouting ("URGENT HIGH RISK")."""
        ordinary_words, agency_words, roles = _keep_words(), self.words.agency, self.words.roles
        # runs of capitalised words with only spaces between them: [(start, end, key, in capitals), ...]
        runs: list[list[tuple[int, int, str, bool]]] = []
        last_end = -1
        for m in at_word_starts(_CAPITALISED, text):
            w = m.group(0)
            if not w[0].isupper() or not w.isalpha() and _DIGIT.search(w):
                continue
            key = _base(w)
            caps = len(w) > 1 and w.isupper()
            if caps and (w.strip("'’-") in ACRONYMS or key in agency_words and key not in _FIRST_NAMES):
                continue  # DASH, MARAC, POLICE: not names, and they end a run
            start, end = m.span()
            if runs and not text[last_end:start].strip(" \t"):
                runs[-1].append((start, end, key, caps))
            else:
                runs.append([(start, end, key, caps)])
            last_end = end
        out: list[Span] = []
        for run in runs:
            if len(run) == 1:  # (most runs: one word)
                start, end, key, caps = run[0]
                if key in _ALWAYS_KEPT or (caps and key in ordinary_words and key not in _FIRST_NAMES) or (
                        not caps and (key in agency_words and key not in _FIRST_NAMES
                                      or key in ordinary_words and _starts_sentence(text, start))
                        and not self._named_in_note(key)):
                    continue  # "Mr", "URGENT", "Friday", "the Police", "She" (but "her partner Dean": a name)
                out.append((start, end, "[NAME]"))
                continue
            if all(k in agency_words or k in _FUNCTION for _, _, k, _ in run):
                continue  # "Women's Aid", "Housing Options"
            if all(caps and k in ordinary_words and k not in _FIRST_NAMES for _, _, k, caps in run):
                continue  # "HIGH RISK": shouting, not a name
            lead = True
            for start, end, key, caps in run:
                if lead and (key in _FUNCTION or key in roles or key in _ALWAYS_KEPT):
                    continue  # "The", "Perpetrator", "Tenant" before a name
                lead = False
                if key in _ALWAYS_KEPT:
                    continue  # "Mr"
                out.append((start, end, "[NAME]"))
        return out


_FUNCTION = frozenset("the a an she he they her his their it i we you this that on in at of and to for but "
                      "so when then after before if".split())


_ALWAYS_KEPT = frozenset("mr mrs ms miss mx dr monday tuesday wednesday thursday friday saturday sunday january "
                         "february march april may june july august september october november december "
                         "i english".split())


def _lower(text: str) -> str:
    """`text` in lower case, character for character (the few letters whose lower case is longer,
    such as "İ", stay as they are: every offset is the same as in `text`)."""
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lower


def _phone_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Runs of 9 or more digits however grouped (_DIGITS), with a "+" before one, and not those that
    begin with a date ("2026-03-02 10:15" is no phone number)."""
    search, pos = _DIGITS.search, 0
    while (m := search(text, pos)) is not None:
        start = m.start()
        plus = start - 1 if text[start - 1:start] == "+" else (
            start - 2 if start >= 2 and text[start - 2] == "+" and text[start - 1].isspace() else None)
        if plus is None and _DATE_FIRST.match(text, start):
            pos = start + 1  # (a later digit of the run may begin a number: look again from the next)
            continue
        yield (start if plus is None else plus), m.end()
        pos = m.end()


def _postcodes(lower: str) -> Iterator[tuple[int, int]]:
    """Postcodes with a space, a dash or nothing in the middle ("NG18 2CD", "ng18-2cd", "S12AB")."""
    for m in _POSTCODE.finditer(lower):
        s = m.start()
        two = s >= 2 and "a" <= lower[s - 2] <= "z" and "a" <= lower[s - 1] <= "z"  # (else one letter)
        yield s - (2 if two else 1), m.end()


def _addresses(lower: str) -> Iterator[tuple[int, int]]:
    """A house number and a street, with the flat or unit before them ("flat 2, 14 Elm Road")."""
    for m in _ADDRESS.finditer(lower):
        flat = _FLAT_BEFORE.search(lower, max(0, m.start() - 40), m.start())
        yield (flat.start() if flat else m.start()), m.end()


def merge(spans: list[Span]) -> list[Span]:
    """Sorted spans with overlapping or touching ones joined (the first placeholder wins)."""
    out: list[Span] = []
    for s, e, label in sorted(spans):
        if out and s < out[-1][1]:
            ps, pe, plabel = out[-1]
            out[-1] = (ps, max(pe, e), plabel)
        else:
            out.append((s, e, label))
    return out


def _mask(text: str, spans: list[Span]) -> str:
    """`text` with the spans blanked out (same length): later passes do not see them."""
    if not spans:
        return text
    parts, pos = [], 0
    for s, e, _ in spans:
        parts += [text[pos:s], "\x00" * (e - s)]
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def render(text: str, spans: list[Span], lo: int = 0, hi: int | None = None) -> str:
    """text[lo:hi] with every span in it replaced by its placeholder (a span cut by lo or hi too)."""
    hi = len(text) if hi is None else hi
    out, pos = [], lo
    for s, e, label in spans:
        if e <= lo or s >= hi:
            continue
        out += [text[pos:max(s, lo)], label]
        pos = min(max(e, pos), hi)
    out.append(text[pos:hi])
    return re.sub(r"\[NAME\](\s+\[NAME\])+", "[NAME]", "".join(out))


def _starts_sentence(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j < 0 or text[j] in ".!?:;\"“(…"


def _base(word: str) -> str:
    w = word.lower()
    return w[:-2] if w.endswith(("'s", "’s")) else w


@dataclass(frozen=True)
class RedactionWords:
    """The words of the active profile that are never names: agencies and services ("Women's Aid",
    "Housing Options"), verbs of speech ("Rose said" marks a name), and roles ("Tenant said")."""

    agency: frozenset[str]
    speech: frozenset[str]
    roles: frozenset[str]

    @classmethod
    def of(cls, profile) -> "RedactionWords":
        """From the profile's classes @not_a_name, @speech_verb and @role_word (the classes declare
        which others they take in; a profile may extend any of them)."""
        classes = profile.classes
        agency = _class_words(classes, "not_a_name", r"[A-Za-z']+") - {"clare", "clare's"}  # Clare's Law
        agency |= {"women's", "aid", "housing", "options", "national", "helpline", "domestic", "abuse", "violence",
                   "refuge", "council", "services"}
        roles = _class_words(classes, "role_word", r"[A-Za-z'’-]+") | {"neighbour", "neighbours", "caller", "staff",
                                                                     "officers", "everyone"}
        return cls(frozenset(agency), frozenset(str(v).lower() for v in classes.get("speech_verb", [])),
                   frozenset(roles))

    @classmethod
    def default(cls) -> "RedactionWords":
        from .lexicon import load_profile

        return cls.of(load_profile(None))


def _class_words(classes: dict, name: str, word_re: str, seen: frozenset = frozenset()) -> set[str]:
    """Every word of a class's members, following its @references to other classes."""
    out: set[str] = set()
    for phrase in classes.get(name, []):
        phrase = str(phrase)
        if phrase.startswith("@") and " " not in phrase and phrase[1:] not in seen:
            out |= _class_words(classes, phrase[1:], word_re, seen | {name})
        else:
            out.update(w.lower() for w in re.findall(word_re, phrase))
    return out


def widen(spans: list[Span], lo: int, hi: int) -> tuple[int, int]:
    """lo and hi moved out of any span they fall inside, so a cut never splits an identifier."""
    for s, e, _ in spans:
        if s < lo < e:
            lo = s
        if s < hi < e:
            hi = e
    return lo, hi


SNIPPET_WIDTH = 60
SNIPPET_REACH = SNIPPET_WIDTH + 20  # at most, before `widen`: to the end of the word cut at the width
# how much further than a snippet's reach identifiers are looked for (Redactor.spans_around): more
# than the longest an identifier runs (an e-mail address spelt out, a flat number and a street)
MARGIN = 160


def snippet(text: str, start: int, end: int, redactor: Redactor | None = None, width: int = SNIPPET_WIDTH,
            spans: list[Span] | None = None) -> str:
    """The words around text[start:end], redacted, on one line, with ellipses where cut.
    The identifiers are found first (`spans`: of the whole note or, with Redactor.spans_around, of
    what is near enough; else `redactor.spans(text)`)."""
    if spans is None:
        spans = (redactor or Redactor()).spans(text)
    lo, hi = max(0, start - width), min(len(text), end + width)
    while lo > 0 and not text[lo - 1].isspace() and start - lo < width + 20:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - end < width + 20:
        hi += 1
    lo, hi = widen(spans, lo, hi)
    piece = " ".join(render(text, spans, lo, hi).split())
    return ("…" if lo > 0 else "") + piece + ("…" if hi < len(text) else "")


def redact_span(text: str, start: int, end: int, spans: list[Span]) -> str:
    """The flagged words themselves, redacted and in lower case (placeholders stay as they are)."""
    out = " ".join(render(text, spans, start, end).split()).lower()
    return _PLACEHOLDER.sub(lambda m: m.group(0).upper(), out)


_NAME_PART = re.compile(r"[^\W\d_]+")


def file_id(path: str) -> str:
    """A note id from a file name, safe to print: the name redacted, every word that is not an
    ordinary English word hidden too ("Jane Doe 07700 900123.txt" -> "[NAME] [PHONE].txt"), and,
    when anything was hidden, a short hash of the path so that files stay apart."""
    from pathlib import PurePath

    name = PurePath(path).name
    stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
    spaced = re.sub(r"[_]+", " ", stem)
    out = render(spaced, merge(Redactor().spans(spaced)))
    keep = _keep_words()
    out = _NAME_PART.sub(lambda m: m.group(0) if m.group(0) in ("NAME", "PHONE", "EMAIL", "POSTCODE", "NI", "NHS",
                                                                 "DOB", "ADDRESS", "REG")
                         or m.group(0).lower() in keep and m.group(0).lower() not in _FIRST_NAMES
                         or len(m.group(0)) == 1 else "[NAME]", out)
    out = re.sub(r"\[NAME\]([\s.-]*\[NAME\])+", "[NAME]", out)
    out = re.sub(r"(?<!\d)(?!(?:19|20)\d{6}(?!\d))\d{7,}", "[NUMBER]", out)  # (a date such as 20260301 stays)
    if out == spaced:
        return name
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{out}{dot}{ext} #{digest}"
