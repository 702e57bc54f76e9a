"""Misspellings no list names.

A word that no dictionary has and the lexicon does not read, one slip away (a letter added, dropped or
changed, or two next to each other swapped) from exactly one word the lexicon reads, is read as that word:
"beleive" as "believe", "agressive" as "aggressive", "reconcilled" as "reconciled".  The lexicon's
`spellings` list is read first (shorthand, and slips further away than one); this takes the rest.

Which words are long enough to be corrected is the profile's (`misspellings: {min_length: N}`): a short
word is one slip away from too many others.  Names are left alone: only a word written in lower case
is corrected (the pipeline checks the note's own letters).
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from typing import Any, Iterable

from .patterns import english_words, inflect

_WORD_RE = re.compile(r"[a-z]+")


def lexicon_words(profile, min_length: int = 1) -> frozenset[str]:
    """Every word of at least `min_length` letters in the profile's patterns, classes, cues, checklist and
    pathways (and each one's inflections: "~reconcile" reads "reconciled" too)."""
    found: set[str] = set()
    for value in (profile.rules, profile.classes, profile.cues, profile.checklist, profile.pathways,
                  profile.spellings):
        for text in _strings(value):
            found.update(w for w in _WORD_RE.findall(text.lower()) if len(w) >= min_length)
    out = set(found)
    for w in found:
        out.update(f for f in inflect(w) if len(f) >= min_length and f.isalpha())
    return frozenset(out)


def targets(words: Iterable[str], min_length: int) -> frozenset[str]:
    """The lexicon's words long enough to be read through a slip."""
    return frozenset(w for w in words if len(w) >= min_length)


def _strings(value: Any) -> Iterable[str]:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            yield v
        elif isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, (list, tuple, set, frozenset)):
            stack.extend(v)
        elif is_dataclass(v) and not isinstance(v, type):
            stack.extend(getattr(v, f.name) for f in fields(v))


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1:] for i in range(len(word))]


def one_slip(a: str, b: str) -> bool:
    """a and b differ by one added, dropped or changed letter, or by two neighbours swapped."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1 or a == b:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


_FREQ_LINE = re.compile(r'^\s*"([^"]*)"\s*:\s*(-?[0-9.eE+-]+)')


def common_words(common_log_probability: float) -> set[str]:
    """The words of spacy-lookups-data's English frequency table (log probabilities from a large corpus)
    with `common_log_probability` or more: read line by line, as far as they are that common (the table
    is one word a line, most common first; a million lines held at once would take 200 MB)."""
    import gzip

    import spacy_lookups_data

    path = str(spacy_lookups_data.en["lexeme_prob"])
    out: set[str] = set()
    with gzip.open(path + ("" if path.endswith(".gz") else ".gz"), "rt", encoding="utf8") as fh:
        for line in fh:
            m = _FREQ_LINE.match(line)
            if m is None:
                continue
            if float(m.group(2)) < common_log_probability:
                break
            out.add(m.group(1))
    return out


def real_words_near(targets: frozenset[str], common_log_probability: float) -> frozenset[str]:
    """Real words one slip from a lexicon word ("properly" beside "property", "vaping" beside "raping"),
    never read as another: the words of pyspellchecker's English dictionary (built from large corpora with
    the misspellings left out), and the words of spacy-lookups-data's frequency table common enough
    (`common_log_probability` or more) to be words, whatever a dictionary says ("vaping").  Worked out once
    for a lexicon and cached."""
    from spellchecker import SpellChecker

    index: dict[str, list[str]] = {}
    for w in targets:
        for key in (w, *_deletes(w)):
            index.setdefault(key, []).append(w)
    words = set(SpellChecker().word_frequency.dictionary)
    words.update(common_words(common_log_probability))
    out = set()
    for word in words:
        if word in targets or len(word) < 4 or not word.isalpha():
            continue
        if any(one_slip(word, t) for key in (word, *_deletes(word)) for t in index.get(key, ())):
            out.add(word)
    return frozenset(out)


class Misspellings:
    """Reads a word that no dictionary has as the one lexicon word it is a slip of (see the module)."""

    MEMO_LIMIT = 200_000  # words remembered (a long run meets ever new names and numbers): then forgotten

    def __init__(self, words: Iterable[str], min_length: int, near: frozenset[str]):
        """`words`: every word the lexicon reads (the short ones too: "their" is no slip of "theirs");
        `near`: the real words one slip from them (real_words_near, compiled and cached with the lexicon)."""
        self.min_length = min_length
        self.words = frozenset(words)
        self.near = near
        self.english = english_words()
        self._index: dict[str, list[str]] | None = None  # (built when a word first needs it)
        self._unknown: dict[str, bool] = {}
        self._memo: dict[str, str | None] = {}

    def unknown(self, word: str) -> bool:
        """`word` (lower case) is long enough, and no word of the dictionary or the lexicon: it may be a slip."""
        found = self._unknown.get(word)
        if found is None:
            if len(self._unknown) > self.MEMO_LIMIT:
                self._unknown.clear()
            found = self._unknown[word] = (len(word) >= self.min_length - 1 and word.isalpha() and word.isascii()
                                           and word not in self.words and word not in self.english
                                           and word not in self.near)
        return found

    def correct(self, word: str) -> str | None:
        """The lexicon word `word` (lower case) is a slip of, or None."""
        found = self._memo.get(word, False)
        if found is not False:
            return found
        if len(self._memo) > self.MEMO_LIMIT:
            self._memo.clear()
        found = None
        if self.unknown(word):
            index = self._index
            if index is None:
                index = self._index = {}
                for w in targets(self.words, self.min_length):
                    for k in (w, *_deletes(w)):
                        index.setdefault(k, []).append(w)
            candidates = {w for key in (word, *_deletes(word)) for w in index.get(key, ())
                          if one_slip(word, w)}
            if len(candidates) == 1:
                found = candidates.pop()
        self._memo[word] = found
        return found
