"""Redaction of snippets in audit outputs: no name, phone, email, address, postcode, date of birth
or National Insurance number leaves notelint in a report.

It errs towards hiding: besides names after a title (Mr, Mrs, Ms, Miss, Mx, Dr) and names from
a known-names column, any capitalised word that is not an ordinary English word, and any run of
capitalised words inside a sentence, is treated as a name; so is an ordinary word that the note
capitalises inside a sentence somewhere ("I spoke to Rose"), wherever it is capitalised in that
note, including at the start of a sentence ("Rose said…").  Acronyms (DASH, MARAC) and the
lexicon's words for agencies are kept, so a snippet still says what happened.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from .text import capitalised_before_speech, capitalised_mid_sentence


_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(\.[\w-]+)+")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_NI = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w/])")
_DATE = r"\d{1,2}(?:st|nd|rd|th)?[\s./-](?:\d{1,2}|[A-Za-z]{3,9})[\s./-]\d{2,4}|\d{4}-\d{2}-\d{2}"
_DOB = re.compile(r"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?)\s*[:\-]?\s*(?:" + _DATE + r")", re.IGNORECASE)
_OLD_DATE = re.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-](?:19\d{2}|200\d))\b")  # a 20th-century date: a birth date
_STREET = (r"Road|Rd|Street|St|Close|Avenue|Ave|Lane|Ln|Drive|Dr|Way|Court|Ct|Crescent|Gardens|Place|Terrace|"
           r"Grove|Walk|Row|Hill|View|Rise|Square|Mews|Green|Park|Parade|Vale|Croft|Fields|Meadow|Meadows")
_ADDRESS = re.compile(r"\b(?:(?:flat|apartment|unit)\s+\d+[a-z]?,?\s+)?\d+[a-z]?,?\s+(?:[A-Z][\w'-]*\s+){1,3}(?:"
                      + _STREET + r")\b", re.IGNORECASE)
_TITLE = re.compile(r"\b(mr|mrs|ms|miss|mx|dr|prof)\b\.?\s+((?:[A-Za-z][\w'’-]*\s?){1,3})", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=1)
def _keep_words() -> frozenset[str]:
    """Ordinary English words (spaCy's lookup table), kept when capitalised on their own."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from .patterns import english_words

    return english_words() | frozenset(STOP_WORDS)


class Redactor:
    """`Redactor(known_names=["Dara Quinn"]).redact(text)`; safe to share between threads."""

    def __init__(self, known_names: Iterable[str] = (), note_names: frozenset[str] = frozenset()):
        words = sorted({w for n in known_names for w in re.findall(r"[^\W\d_][\w'’-]+", n or "") if len(w) > 1},
                       key=len, reverse=True)
        self.known = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE) if words else None
        self.note_names = note_names  # ordinary words this note uses as names (see for_note)

    def for_note(self, text: str) -> "Redactor":
        """This redactor, also hiding the ordinary words that `text` (the whole note) capitalises
        inside a sentence — "Rose" in "I spoke to Rose" — wherever the note capitalises them."""
        ordinary, kept = _keep_words(), _agency_words() | _ALWAYS_KEPT | _FUNCTION
        names = {_base(w) for w in capitalised_mid_sentence(text) if len(w) > 1}
        # and those that only start sentences but speak ("Rose said ..."), unless they name a role
        names |= {_base(w) for w in capitalised_before_speech(text, _speech_verbs()) if len(w) > 1} - _role_words()
        clone = Redactor()
        clone.known = self.known
        clone.note_names = self.note_names | frozenset(k for k in names if k in ordinary and k not in kept)
        return clone

    def redact(self, text: str) -> str:
        text = _EMAIL.sub("[EMAIL]", text)
        text = _DOB.sub("[DOB]", text)
        text = _OLD_DATE.sub("[DOB]", text)
        text = _NI.sub("[NI]", text)
        text = _POSTCODE.sub("[POSTCODE]", text)
        text = _PHONE.sub("[PHONE]", text)
        text = _ADDRESS.sub("[ADDRESS]", text)
        if self.known is not None:
            text = self.known.sub("[NAME]", text)
        text = _TITLE.sub(self._title, text)
        return self._capitalised(text)

    @staticmethod
    def _title(m: re.Match) -> str:
        # the name after a title: its words up to the first ordinary lower-case word
        keep = _keep_words()
        words = m.group(2).split()
        taken = 0
        for w in words:
            if w[0].islower() and w.lower().strip("'’") in keep:
                break
            taken += 1
        taken = max(taken, 1)
        rest = " ".join(words[taken:])
        tail = m.group(2)[len(m.group(2).rstrip()):]
        return f"{m.group(1)} [NAME]" + (" " + rest if rest else "") + tail

    def _capitalised(self, text: str) -> str:
        """A capitalised word is a name unless it is an ordinary word standing alone (or an agency's)."""
        ordinary_words, agency_words = _keep_words(), _agency_words()
        words = [m for m in _WORD.finditer(text) if m.group(0)[0].isupper()
                 and not (m.group(0).isupper() and len(m.group(0)) > 1)]  # capitalised, not an acronym
        runs: list[list[re.Match]] = []
        for m in words:  # runs of capitalised words with only spaces between them
            if runs and text[runs[-1][-1].end():m.start()].strip() == "":
                runs[-1].append(m)
            else:
                runs.append([m])
        out, pos = [], 0
        for run in runs:
            keys = [_base(m.group(0)) for m in run]
            if len(run) > 1 and all(k in agency_words or k in _FUNCTION for k in keys):
                continue  # "Women's Aid", "Housing Options"
            for m, key in zip(run, keys):
                if key in _ALWAYS_KEPT or len(run) == 1 and key not in self.note_names and (
                        key in agency_words or key in ordinary_words and _starts_sentence(text, m.start())):
                    continue  # "Mr", "Friday", "the Police", "She" (but "her partner Dean": a name)
                if len(run) > 1 and key in _FUNCTION and m is run[0]:
                    continue  # "The" before a name
                out += [text[pos:m.start()], "[NAME]"]
                pos = m.end()
        out.append(text[pos:])
        return re.sub(r"\[NAME\](\s+\[NAME\])+", "[NAME]", "".join(out))


_FUNCTION = frozenset("the a an she he they her his their it i we you this that on in at of and to for but "
                      "so when then after before if".split())


_ALWAYS_KEPT = frozenset("mr mrs ms miss mx dr monday tuesday wednesday thursday friday saturday sunday january "
                         "february march april may june july august september october november december "
                         "i english".split())


def _starts_sentence(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j < 0 or text[j] in ".!?:;\"“(…"



def _base(word: str) -> str:
    w = word.lower()
    return w[:-2] if w.endswith(("'s", "’s")) else w


@lru_cache(maxsize=1)
def _agency_words() -> frozenset[str]:
    from .lexicon import load_profile

    out = set()
    for name, phrases in load_profile(None).classes.items():
        if any(k in name for k in ("institution", "agenc", "service", "organisation", "referral", "da_cue")):
            for phrase in phrases:
                out.update(w.lower() for w in re.findall(r"[A-Za-z']+", str(phrase)))
    return frozenset(out) | frozenset({"women's", "aid", "housing", "options", "national", "helpline",
                                       "domestic", "abuse", "violence", "refuge", "council", "services"})


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    from .lexicon import load_profile

    return frozenset(str(v).lower() for v in load_profile(None).classes.get("speech_verb", []))


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """Words for people by their role ("Tenant said", "Mum told me"): not names."""
    from .lexicon import load_profile

    out = set()
    for name, phrases in load_profile(None).classes.items():
        if name.endswith(("_noun", "_relation")):
            for phrase in phrases:
                out.update(w.lower() for w in re.findall(r"[A-Za-z'’-]+", str(phrase)))
    return frozenset(out) | frozenset({"neighbour", "neighbours", "caller", "staff", "officers", "everyone"})


def snippet(text: str, start: int, end: int, redactor: Redactor, width: int = 60) -> str:
    """The words around text[start:end], redacted, on one line, with ellipses where cut."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    while lo > 0 and not text[lo - 1].isspace() and start - lo < width + 20:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - end < width + 20:
        hi += 1
    piece = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + redactor.redact(piece) + ("…" if hi < len(text) else "")
