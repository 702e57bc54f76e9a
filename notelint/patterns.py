"""The lexicon's phrase language, compiled to token sequences for the phrase table (rules/matching.py).

    ~refuse            every inflection of the lemma (spaCy's English lookup table)
    (a|b c)            alternatives; an alternative may be several words or empty
    [x y]              optional
    @class             a word class from classes.yaml
    {...}              the part reported as the finding (default: the whole match)
    *                  any one word ("let * back in"); a pattern cannot start with it
    "a|b"              a literal kept as written (for text with brackets or bars); inside it \" is a
                       quotation mark ("\"" matches one); a quotation mark left unclosed is an error

Every word is tokenised by the same tokenizer as the notes, so "doesn't" or
"on-off" match however spaCy splits them; a hyphenated word also matches with a space for
its hyphen ("on off", "ex partner", as speech-to-text and hurried typing write them).
Matching is on lower-cased text: lemma matching is done by expanding lemmas here, once,
instead of lemmatising every token of every note (see docs in README "Speed").
"""
from __future__ import annotations

import functools
import gzip
import json
import re
from dataclasses import dataclass
from itertools import chain, product
from typing import Callable, Iterable, Mapping

MAX_EXPANSIONS = 40000
WILDCARD = "\x00*"  # the word a bare * stands for: the phrase table matches it to any one word

_TOKEN_RE = re.compile(r'"(?:[^"\\]|\\.)*"|[()|\[\]{}]|[^\s()|\[\]{}"]+|"')
_ESCAPE_RE = re.compile(r'\\(.)')  # inside a literal, \" is a quotation mark and \\ a backslash


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message says why."""


@dataclass(frozen=True)
class Phrase:
    """One concrete token sequence and the part of it to report."""

    words: tuple[str, ...]
    focus: tuple[int, int]  # token offsets within `words`


@functools.lru_cache(maxsize=1)
def _inflections() -> dict[str, tuple[str, ...]]:
    """lemma -> inflected forms, inverted from spacy-lookups-data's English lookup table."""
    import spacy_lookups_data

    path = spacy_lookups_data.en["lemma_lookup"]
    with gzip.open(str(path) + ("" if str(path).endswith(".gz") else ".gz"), "rt", encoding="utf8") as fh:
        table = json.load(fh)
    inverse: dict[str, list[str]] = {}
    for form, lemma in table.items():
        inverse.setdefault(lemma.lower(), []).append(form.lower())
    return {k: tuple(sorted(set(v))) for k, v in inverse.items()}


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Every word form and lemma in the English lookup table, and spaCy's English stop words (the
    table has no "the", "when" or "she"), to tell "Kerry" from "Access" and "The".
    Kept in the cache: reading the table takes longer than checking a note."""
    import spacy_lookups_data
    from spacy.lang.en.stop_words import STOP_WORDS

    from . import cache

    def build() -> frozenset[str]:
        table = _inflections()
        return frozenset(table).union(*table.values(), STOP_WORDS)
    return cache.remember(f"english-words-{spacy_lookups_data.__version__}-{cache.code_hash()[:12]}", frozenset, build)


def inflect(lemma: str, extra: Mapping[str, Iterable[str]] | None = None) -> list[str]:
    """The lemma and its forms in the lookup table, and those `extra` (a profile's `inflections`) adds for the
    lemmas the table lacks forms of ("texted", "headbutting")."""
    forms = [lemma.lower()]
    forms += [f for f in _inflections().get(lemma.lower(), ()) if f not in forms]
    if extra:
        forms += [f for f in extra.get(lemma.lower(), ()) if f not in forms]
    return forms


class _Parser:
    """Recursive-descent parser producing every expansion as (tokens, focus)."""

    def __init__(self, text: str, tokenize: Callable[[str], list[str]],
                 classes: Callable[[str], list[list[str]]], inflections: Mapping[str, Iterable[str]] | None = None):
        self.inflections = inflections
        self.text = text
        self.toks = _TOKEN_RE.findall(text)
        self.pos = 0
        self.tokenize = tokenize
        self.classes = classes

    def parse_items(self) -> list[list[tuple[list[str], tuple[int, int] | None]]]:
        """The top-level items of the pattern, each with its alternatives."""
        items = []
        while self._peek() is not None:
            tok = self._peek()
            if tok in ("|", ")", "]", "}"):
                raise PatternError(f"unexpected {tok!r} in pattern {self.text!r}")
            items.append(self._item(top=True))
        return items

    def _peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def _sequence(self, top=False):
        result: list[tuple[list[str], tuple[int, int] | None]] = [([], None)]
        while True:
            tok = self._peek()
            if tok is None or tok in ("|", ")", "]") or (tok == "}" and not top):
                break
            result = combine(result, self._item(top), self.text)
        return result

    def _alternatives(self, closer: str):
        alts = []
        while True:
            alts.extend(self._sequence())
            tok = self._peek()
            if tok == "|":
                self.pos += 1
                continue
            if tok != closer:
                raise PatternError(f"missing {closer!r} in pattern {self.text!r}")
            self.pos += 1
            return alts

    def _item(self, top):
        tok = self.toks[self.pos]
        self.pos += 1
        if tok == "(":
            return self._alternatives(")")
        if tok == "[":
            return self._alternatives("]") + [([], None)]
        if tok == "{":
            inner = self._sequence()
            if self._peek() != "}":
                raise PatternError(f"missing '}}' in pattern {self.text!r}")
            self.pos += 1
            return [(w, (0, len(w))) for w, _ in inner]
        if tok in ("}", "|", ")", "]"):
            raise PatternError(f"unexpected {tok!r} in pattern {self.text!r}")
        if tok == '"':
            raise PatternError(f"a quotation mark with no closing one in pattern {self.text!r} (write a literal "
                               f"quotation mark as \"\\\"\")")
        if tok.startswith('"'):
            return [(self.tokenize(_ESCAPE_RE.sub(r"\1", tok[1:-1])), None)]
        if tok.startswith("@"):
            return [(alt, None) for alt in self.classes(tok[1:])]
        if tok.startswith("~") and len(tok) > 1:
            return [(words, None) for f in inflect(tok[1:], self.inflections) for words in self._cased(f)]
        if tok == "*":
            return [([WILDCARD], None)]
        forms = self._cased(tok)
        if "-" in tok.strip("-"):  # a hyphenated word is as often written with a space ("on off", "ex partner")
            spaced = self.tokenize(tok.replace("-", " "))
            if spaced not in forms:
                forms.append(spaced)
        return [(words, None) for words in forms]

    def _cased(self, word: str) -> list[list[str]]:
        """The tokens of `word` as notes write it: the tokenizer splits some words in lower case only
        ("id" as "i d", for "I'd"; "cant" as "ca nt"), so the same word in capitals ("her ID", "I CANT") is
        one token, matched by the word in lower case.  (Not for a word with an apostrophe, "didn't" as
        "DIDN'T": those are in the lexicon's largest alternations, and the variants took the compile's
        peak memory near its bound.)"""
        words = self.tokenize(word)
        if len(words) > 1 and "'" not in word and "’" not in word:
            upper = self.tokenize(word.upper())
            if upper != words:
                return [words, upper]
        return [words]


def combine(result, item, text=""):
    """Every sequence of `result` followed by every alternative of `item`."""
    new = []
    for words, focus in result:
        for iw, ifocus in item:
            f = focus
            if ifocus is not None:
                if focus is not None:
                    raise PatternError(f"two {{...}} parts in pattern {text!r}")
                f = (len(words) + ifocus[0], len(words) + ifocus[1])
            new.append((words + iw, f))
    if len(new) > MAX_EXPANSIONS:
        raise PatternError(f"pattern {text!r} expands to more than {MAX_EXPANSIONS} phrases")
    return new


def pattern_items(text: str, tokenize, classes, inflections: Mapping[str, Iterable[str]] | None = None):
    """A pattern as its top-level items (each a list of alternatives); `inflections`: the profile's forms of
    lemmas beside the lookup table's."""
    if not isinstance(text, str) or not text.strip():
        raise PatternError("empty pattern")
    items = _Parser(text, tokenize, classes, inflections).parse_items()
    if not items:
        raise PatternError("empty pattern")
    return items


def to_phrases(items, text: str = "") -> list[Phrase]:
    """Every phrase of a pattern's items, in order, each once (the first focus a phrase is given wins)."""
    count = 1
    for item in items:
        count *= len(item)
        if count > MAX_EXPANSIONS:
            raise PatternError(f"pattern {text!r} expands to more than {MAX_EXPANSIONS} phrases")
    focused = [k for k, item in enumerate(items) if any(f is not None for _, f in item)]
    if len(focused) > 1:  # (two {...} parts that may meet in one phrase: combine says which is wrong)
        result = [([], None)]
        for item in items:
            result = combine(result, item, text)
        found = [(tuple(toks), focus) for toks, focus in result]
    else:
        # the product of the items' alternatives as tuples, joined in C (a list built word by word for every
        # phrase was most of the time a lexicon takes to compile)
        alternatives = [[tuple(w) for w, _ in item] for item in items]
        if not focused:
            found = ((tuple(chain.from_iterable(combo)), None) for combo in product(*alternatives))
        else:
            k = focused[0]
            words_k, focus_k = alternatives[k], [f for _, f in items[k]]
            alternatives[k] = range(len(words_k))  # (by index: two alternatives may be the same words)
            found = []
            for combo in product(*alternatives):
                j = combo[k]
                combo = combo[:k] + (words_k[j],) + combo[k + 1:]
                f = focus_k[j]
                if f is not None:
                    before = sum(map(len, combo[:k]))
                    f = (before + f[0], before + f[1])
                found.append((tuple(chain.from_iterable(combo)), f))
    out: dict[tuple[str, ...], Phrase] = {}
    for key, focus in found:
        if not key or key in out:
            continue
        if key[0] == WILDCARD:
            raise PatternError(f"pattern {text!r} cannot start with * (any word)")
        if focus is None or focus[0] >= focus[1]:
            focus = (0, len(key))
        out[key] = Phrase(key, focus)
    if not out and text:
        raise PatternError(f"pattern {text!r} matches nothing")
    return list(out.values())


def compile_pattern(text: str, tokenize: Callable[[str], list[str]],
                    classes: Callable[[str], list[list[str]]],
                    inflections: Mapping[str, Iterable[str]] | None = None) -> list[Phrase]:
    """Expand a pattern into concrete token sequences (deduplicated)."""
    return to_phrases(pattern_items(text, tokenize, classes, inflections), text)


def expansion_count(items) -> int:
    n = 1
    for item in items:
        n *= max(1, len(item))
    return n


def class_expander(
    class_patterns: dict[str, list[str]], tokenize: Callable[[str], list[str]],
    inflections: Mapping[str, Iterable[str]] | None = None,
) -> Callable[[str], list[list[str]]]:
    """Resolve @class references (classes may use other classes) with a cycle check."""
    cache: dict[str, list[list[str]]] = {}
    active: set[str] = set()

    def expand(name: str) -> list[list[str]]:
        if name in cache:
            return cache[name]
        if name not in class_patterns:
            raise PatternError(f"unknown word class @{name}")
        if name in active:
            raise PatternError(f"word class @{name} refers to itself")
        active.add(name)
        seqs: list[list[str]] = []
        for pat in class_patterns[name]:
            for phrase in compile_pattern(str(pat), tokenize, expand, inflections):
                seqs.append(list(phrase.words))
        active.discard(name)
        cache[name] = seqs
        return seqs

    return expand


def words_of(seqs: Iterable[list[str]]) -> frozenset[str]:
    """The single-word members of a class, for O(1) token tests."""
    return frozenset(s[0] for s in seqs if len(s) == 1)


def phrases_of(seqs: Iterable[list[str]]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(s) for s in seqs)
