"""Context: whether a matched phrase is the writer's own judgement about the survivor.

One place for each question (STYLE.md "one place where quotes are detected"):

* `quote_ranges`  – text inside quotation marks records what someone said
  (Appendix 4: record what you are told verbatim).
* `Sentences`     – sentence and clause limits, found by scanning tokens
  around a match only (no per-token work for notes without matches).
* `AgentFinder`   – who is doing or described by the phrase: the survivor,
  the perpetrator, the writer, an institution, a thing, or nobody (passive).
* `People`        – who the perpetrator is in this note, from the note's own
  words ("her partner, Dean Marsh", "he pushed her").

All word lists come from the lexicon's classes (classes.yaml); nothing here
knows a rule or a phrase.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import NamedTuple

import numpy as np
from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.tokens import Doc

from ..patterns import WILDCARD, english_words, phrases_of, words_of
from ..text import capitalised_before_speech, capitalised_mid_sentence

# --- quotation marks ---------------------------------------------------------
_DOUBLE = {'"': '"', "“": "”", "„": "“", "«": "»"}
_SINGLE_OPEN = {"'", "‘"}
_SINGLE_CLOSE = {"'", "’"}
_QUOTE_RE = re.compile("[\"“”„«»'‘’]")
_QUOTE_MARKS = frozenset("\"“”„«»'‘’")
MAX_QUOTE = 2000  # an opening mark with no close within this many characters is not a quotation


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges (start, end) of quoted passages, marks excluded.

    Linear time: each mark is looked at once; an unbalanced mark is ignored
    (it does not swallow the rest of the note)."""
    ranges: list[tuple[int, int]] = []
    open_pos: int | None = None
    closer = ""
    single = False
    n = len(text)
    for m in _QUOTE_RE.finditer(text):
        i, ch = m.start(), m.group()
        if open_pos is not None and i - open_pos > MAX_QUOTE:
            open_pos = None
        if open_pos is not None:
            if single:
                after = text[i + 1] if i + 1 < n else " "
                before = text[i - 1] if i else " "
                if ch in _SINGLE_CLOSE and not before.isspace() and not after.isalnum():
                    ranges.append((open_pos + 1, i))
                    open_pos = None
                continue
            if ch == closer or (closer == '"' and ch == "”") or (closer == "”" and ch == '"'):
                ranges.append((open_pos + 1, i))
                open_pos = None
            continue
        if ch in _DOUBLE or ch == "”":
            open_pos, closer, single = i, _DOUBLE.get(ch, '"'), False
        elif ch in _SINGLE_OPEN:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < n else " "
            if (before.isspace() or before in "([{—–-:") and not after.isspace():
                open_pos, closer, single = i, "’", True
    return ranges


_STAMP = re.compile(r"\d{1,2}[:.]\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?")  # a time or a date, as a timeline entry opens
_YEAR = re.compile(r"(?:19|20)\d\d")  # a number that is a year: a date's, not a count of things ("In 2021 Harold rang")
_SECTION = re.compile(r"\d+(?:\.\d+)+")  # a section's number opening its line ("5.3 Jade disengaged from the service")
_LINE_LEAD = re.compile(r"[\s\d:/.\-–\[\]()•*>]*")  # what may come before a speaker's label on its line (a time, a bullet)


def places(items: list, item, start: int = 0) -> Iterator[int]:
    """Every index of `item` in `items` from `start` on, found with list.index (in C: most notes hold the
    word a few times or not at all, and a Python step per word costs more than the rest of the look)."""
    k = start - 1
    while True:
        try:
            k = items.index(item, k + 1)
        except ValueError:
            return
        yield k


def speaker_lines(doc: Doc, words: list[str], C: "ClassIndex", text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines in a dialogue written out without quotation marks (a Q/A interview,
    a web chat, a text log) that give the other person's own words: a line that begins with a label of
    @speaker_other ("A:", "Customer:", "Caller:") in a note that also has a line of @speaker_writer ("Q:",
    "Officer:", "Agent:").  A field label alone ("Tenant: Ms Jo Ray") makes no dialogue."""
    lines: dict[str, list[tuple[int, int]]] = {"speaker_writer": [], "speaker_other": []}
    for k in places(words, ":", 1):
        for name, found in lines.items():
            n = C.ends_at(name, words, k - 1)
            if not n:
                continue
            first = doc[k - n].idx
            if not _LINE_LEAD.fullmatch(text, text.rfind("\n", 0, first) + 1, first):
                continue
            start = doc[k].idx + 1
            end = text.find("\n", start)
            found.append((start, len(text) if end < 0 else end))
            break
    return lines["speaker_other"] if lines["speaker_writer"] else []


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges with those that overlap made one (a quotation inside a quoted line)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def in_ranges(ranges: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    k = bisect_right(starts, start) - 1
    return k >= 0 and ranges[k][0] <= start and end <= ranges[k][1]


# --- word classes as fast token tests ---------------------------------------
class _Members(dict):
    """Class name -> its one-word members, worked out when first asked for; no members for a class
    not defined."""

    def __init__(self, expanded: Mapping[str, list[list[str]]]):
        super().__init__()
        self._expanded = expanded

    def __missing__(self, name: str) -> frozenset[str]:
        members = self[name] = words_of(self._expanded.get(name, ()))
        return members


class ClassIndex:
    """Membership tests for the lexicon's word classes (single words and phrases)."""

    def __init__(self, expanded: Mapping[str, list[list[str]]]):
        """`expanded`: class name -> its members as token sequences (a mapping that may expand a
        class only when it is first read: a one-note check reads few of them)."""
        # the one-word members by class, read as `word in C.words["aux"]` in the hot scans (a method
        # call per test was a twentieth of the context's time); a class the profile lacks has none
        self.words = _Members(expanded)
        self._expanded = expanded
        # multi-word members indexed by their last word (and by their first): name -> word -> [phrase, ...],
        # and by their last (first) two words, so a lookup compares only the phrases that can fit; built
        # for a class when it is first asked about (most large classes are only ever matched as patterns,
        # and indexing them all cost a sixth of a second at every start-up)
        self._by_last: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        self._by_first: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        self._last2: dict[str, dict[tuple[str, str], list[tuple[str, ...]]]] = {}
        self._first2: dict[str, dict[tuple[str, str], list[tuple[str, ...]]]] = {}
        self._last_words: dict[str, frozenset[str]] = {}
        self._wild: set[str] = set()  # classes with a * in a member (not as its first or last word)
        # members that end in a line break, by their first word, without it (matched at the note's end)
        self._at_end: dict[str, dict[str, dict[int, list[tuple[str, ...]]]]] = {}  # by first word, then length

    def _index(self, name: str) -> None:
        by_last: dict[str, list[tuple[str, ...]]] = {}
        by_first: dict[str, list[tuple[str, ...]]] = {}
        last2: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        first2: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        wild = False
        at_end: dict[str, dict[int, list[tuple[str, ...]]]] = {}
        for p in phrases_of(self._expanded.get(name, ())):
            if len(p) > 1:
                first, last = p[0], p[-1]
                by_last.setdefault(last, []).append(p)
                by_first.setdefault(first, []).append(p)
                last2.setdefault((p[-2], last), []).append(p)
                first2.setdefault((first, p[1]), []).append(p)
                wild = wild or WILDCARD in p
                if line_break(last):
                    at_end.setdefault(first, {}).setdefault(len(p) - 1, []).append(p[:-1])
        self._by_last[name], self._by_first[name] = by_last, by_first
        self._last2[name], self._first2[name] = last2, first2
        if wild:  # a * stands for any one word (", the * was": a new subject and its verb)
            self._wild.add(name)
        if at_end:  # the note's end stands for a line break ("Safe contact:" as a note's last words: a blank field)
            self._at_end[name] = at_end

    def index_state(self) -> dict:
        """The indexes built so far, by class, in a form the cache stores (see restore_index)."""
        return {name: (self._by_last[name], self._by_first[name], self._last2[name], self._first2[name],
                       name in self._wild, self._at_end.get(name)) for name in self._by_last}

    def restore_index(self, state: dict) -> None:
        """Take the indexes index_state() gave for the same lexicon: the context cues index their classes'
        26,000 phrases when the component is made, a tenth of a second of every one-note check."""
        for name, (by_last, by_first, last2, first2, wild, at_end) in state.items():
            self._by_last[name], self._by_first[name] = by_last, by_first
            self._last2[name], self._first2[name] = last2, first2
            if wild:
                self._wild.add(name)
            if at_end:
                self._at_end[name] = at_end

    def phrases(self, name: str) -> dict[str, list[tuple[str, ...]]]:
        """The class's multi-word members by their last word."""
        if name not in self._by_last:
            self._index(name)
        return self._by_last[name]

    def phrases_from(self, name: str) -> dict[str, list[tuple[str, ...]]]:
        """The class's multi-word members by their first word."""
        if name not in self._by_first:
            self._index(name)
        return self._by_first[name]

    def widest_pair(self, name: str) -> tuple[int, tuple[str, str]]:
        """How many of the class's phrases share the two words most of them end (or begin) with, and those words:
        what a lookup at that pair compares one by one (the lexicon's tests keep it small)."""
        if name not in self._last2:
            self._index(name)
        return max(((len(v), k) for index in (self._last2[name], self._first2[name]) for k, v in index.items()),
                   default=(0, ("", "")))

    def last_words(self, name: str) -> frozenset[str]:
        """Every word a member of the class can end with (one set test rules most words out)."""
        got = self._last_words.get(name)
        if got is None:
            got = self._last_words[name] = self.words[name] | frozenset(self.phrases(name))
        return got

    @functools.cached_property
    def institution_words(self) -> frozenset[str]:
        """Every word of every member of @institution ("housing" from "housing officer")."""
        out = set(self.words["institution"])
        for phrases in self.phrases("institution").values():
            for p in phrases:
                out.update(p)
        return frozenset(out)

    def starts_at(self, name: str, words: list[str], k: int) -> int:
        """Length of the longest class member starting at token k of `words` (0: none)."""
        first = words[k]
        best = 1 if first in self.words[name] else 0
        n_words = len(words)
        index = self._first2.get(name)
        if index is None:
            self._index(name)
            index = self._first2[name]
        if k + 1 < n_words:
            if name in self._wild:  # a * stands for any one word: looked up under it too, and compared as any
                for p in (*index.get((first, words[k + 1]), ()), *index.get((first, WILDCARD), ())):
                    n = len(p)
                    if n > best and k + n <= n_words and all(p[t] == WILDCARD or words[k + t] == p[t] for t in range(2, n)):
                        best = n
            else:
                for p in index.get((first, words[k + 1]), ()):
                    n = len(p)
                    if n > best and k + n <= n_words and all(words[k + t] == p[t] for t in range(2, n)):
                        best = n
        if name in self._at_end:  # (only those as long as what is left of the note: looked up by length)
            for p in self._at_end[name].get(first, {}).get(n_words - k, ()):
                n = len(p)
                if n > best and all(words[k + t] == p[t] for t in range(1, n)):
                    best = n
        return best

    def ends_at(self, name: str, words: list[str], k: int) -> int:
        """Length of the longest class member ending at token k of `words` (lower-case) (0: none)."""
        last = words[k]
        best = 1 if last in self.words[name] else 0
        if k > 0:
            index = self._last2.get(name)
            if index is None:
                self._index(name)
                index = self._last2[name]
            if name in self._wild:
                for p in (*index.get((words[k - 1], last), ()), *index.get((WILDCARD, last), ())):
                    n = len(p)
                    if n > best and k - n + 1 >= 0 and all(
                            p[t] == WILDCARD or words[k - n + 1 + t] == p[t] for t in range(n - 2)):
                        best = n
            else:
                for p in index.get((words[k - 1], last), ()):
                    n = len(p)
                    if n > best and k - n + 1 >= 0 and all(words[k - n + 1 + t] == p[t] for t in range(n - 2)):
                        best = n
        return best


def line_break(word: str) -> bool:
    """A token that is a line break (whitespace holding a newline)."""
    return word.isspace() and "\n" in word


def lower_words(doc: Doc, lower: list[int] | None = None) -> list[str]:
    """The note's tokens in lower case, as one list: the context scans read words by index, and
    doc[k].lower_ builds a Token object each time (it was a fifth of the time spent on context).
    (For a batch of notes, the words of all of them at once: see NotelintComponent.pipe.)"""
    if lower is None:
        lower = doc.to_array(LOWER).tolist()
    return word_strings(doc.vocab.strings, lower)


def word_strings(strings, hashes: list[int] | np.ndarray) -> list[str]:
    """Lower-case word hashes -> their strings (each distinct word looked up in the vocabulary once;
    nothing kept after: a note's one-off words must not outlive it).  A batch's hashes come as one
    array: its distinct words are found by numpy (faster than a set of Python ints)."""
    if isinstance(hashes, np.ndarray):
        if not len(hashes):
            return []
        # (a sort and a search: np.unique's return_inverse sorts a second time, by argsort)
        ordered = np.sort(hashes)
        first = np.empty(len(ordered), dtype=bool)
        first[0], first[1:] = True, ordered[1:] != ordered[:-1]
        distinct = ordered[first]
        found = np.array([strings[h] for h in distinct.tolist()], dtype=object)
        return found[np.searchsorted(distinct, hashes)].tolist()
    of = {h: strings[h] for h in set(hashes)}
    return list(map(of.__getitem__, hashes))


class per_note:
    """functools.cached_property without its lock: Python 3.11's takes one on every first read
    (3.12 dropped it), and a note's context has a handful of such reads for every note checked.
    A context belongs to one thread."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


# --- sentences and clauses ---------------------------------------------------
_SENT_END = {".", "!", "?"}


@functools.lru_cache(maxsize=4)
def sentence_end_hashes(strings) -> np.ndarray:
    """The word hashes of sentence-ending punctuation (lower case = as written)."""
    return np.array([strings.add(m) for m in sorted(_SENT_END)], dtype=np.uint64)


class Sentences:
    """Sentence limits, found once per note from punctuation and line breaks (or a parser's)."""

    def __init__(self, doc: Doc, marks: list[int] | None = None, classes: "ClassIndex | None" = None,
                 words: list[str] | None = None):
        """`marks`: the tokens that are sentence-ending punctuation, if already found (see
        NotelintComponent.pipe, which gives them only when the pipeline sets no sentences);
        `classes`: the profile's word classes (its @abbreviation: "no. 4" does not end a sentence)."""
        self.doc = doc
        self._marks = marks
        self._classes = classes
        self._words = words  # the note's lower-case words, if found already
        self._ends: list[int] | None = None
        self._index: list[int] | None = None

    def _compute(self) -> list[int]:
        doc = self.doc
        ends = self._marks
        if ends is None and doc_has_sents(doc):
            return sorted(s.end - 1 for s in doc.sents)
        if ends is None:
            ends = np.flatnonzero(np.isin(doc.to_array(ORTH), sentence_end_hashes(doc.vocab.strings))).tolist()
        if ends and self._classes is not None:
            ends = [k for k in ends if not self._abbreviated(k)]
            words = self._words
            if words is None or not _QUOTE_MARKS.isdisjoint(words):  # (most notes quote no one)
                ends = [k for k in ends if not self._quoted_end(k)]
        if self._classes is not None:
            # punctuation dictated and left as words by speech-to-text ("no children full stop ellie said ..."):
            # @spoken_stop ends a sentence where it ends
            C = self._classes
            last = C.last_words("spoken_stop")
            words = self._words if self._words is not None else [t.lower_ for t in doc]
            if not last.isdisjoint(words):
                spoken = [k for k, w in enumerate(words) if w in last and C.ends_at("spoken_stop", words, k)]
                ends = sorted(set(ends) | set(spoken))
        text = doc.user_data.get("notelint_text")
        if text is None or "\n" in text:  # (no line break as read: none in the tokens)
            breaks = [i for i in np.flatnonzero(doc.to_array(IS_SPACE)).tolist() if "\n" in doc[i].text]
            if breaks:
                # a full stop and the line break right after it end one sentence, not two (an empty one
                # between them would count as a sentence in "the next sentence" and "within 2 sentences")
                at = set(breaks)
                ends = sorted([k for k in ends if k + 1 not in at] + breaks)
        return ends

    def _abbreviated(self, k: int) -> bool:
        """The full stop at token k closes an abbreviation that a number, a lower-case word, a comma or a
        closing bracket follows ("no. 4", "approx. 10 mins", "ref. 2231", "(sel. enq.)"), not a sentence."""
        doc, words = self.doc, self._words
        if k == 0 or k + 1 >= len(doc):
            return False
        before = words[k - 1] if words is not None else doc[k - 1].lower_
        if before not in self._classes.words["abbreviation"] or doc[k].text != ".":  # (most ends: one set test)
            return False
        nxt = doc[k + 1].text
        return nxt[:1].isdigit() or nxt[:1].islower() or nxt in (",", ")")

    def _quoted_end(self, k: int) -> bool:
        """The mark at token k ends a quotation, not the writer's sentence: a quotation mark follows it and
        then a lower-case word or a mark that carries the sentence on ('she asked "Why me?" and cried',
        'the leaflet "Are you safe?" & the Equation details')."""
        doc, words = self.doc, self._words
        if k + 2 >= len(doc) or (words[k + 1] if words is not None else doc[k + 1].text) not in _QUOTE_MARKS:
            return False
        if doc[k + 2].text[:1].islower():
            return True
        return (words[k + 2] if words is not None else doc[k + 2].lower_) in self._classes.words["sentence_goes_on"]

    def index(self) -> list[int]:
        """Each token's sentence number (0, 1, ... in order): tokens i and j are in one sentence when
        index[i] == index[j], and index[j] - index[i] sentence ends lie between them (for the
        loops that ask this of every match; bounds() when a few tokens are asked about)."""
        if self._index is None:
            if self._ends is None:
                self._ends = self._compute()
            # the number of sentence ends before each token (bisect_left, as in bounds)
            self._index = np.searchsorted(np.asarray(self._ends, dtype=np.int64), np.arange(len(self.doc)),
                                          side="left").tolist()
        return self._index

    def bounds(self, i: int) -> tuple[int, int]:
        """(first, end) token indices of the sentence holding token i."""
        if self._ends is None:
            self._ends = self._compute()
        ends = self._ends
        k = bisect_left(ends, i)  # first end at or after i
        lo = ends[k - 1] + 1 if k > 0 else 0
        hi = ends[k] + 1 if k < len(ends) else len(self.doc)
        return lo, hi


def doc_has_sents(doc: Doc) -> bool:
    return doc.has_annotation("SENT_START")


def _title_gender(C: ClassIndex, title: str) -> str | None:
    """The gender a title gives ("Ms" f, "Mr" m); none for the others ("Dr", "Mx", a review's "Adult")."""
    return "f" if title in C.words["female_title"] else ("m" if title in C.words["male_title"] else None)


def _first_name_gender(C: ClassIndex, word: str) -> str | None:
    """The gender a common first name gives a name with no title ("Darren" m; "Sam" none)."""
    return "m" if word in C.words["male_name"] else "f" if word in C.words["female_name"] else None


def _relation_gender(C: ClassIndex, words: list[str], s: int, e: int) -> str | None:
    """The gender a relation noun at tokens [s, e) gives ("husband" m, "girlfriend" f; "partner" none)."""
    rel = " ".join(words[s:e])
    if words[e - 1] in C.words["male_relation"] or rel in C.words["male_relation"]:
        return "m"
    if words[e - 1] in C.words["female_relation"] or rel in C.words["female_relation"]:
        return "f"
    return None


def _leading(votes: Counter) -> str | None:
    """The gender with the most votes, if any has more than none (a vote taken back leaves a count of 0)."""
    top = votes.most_common(1)
    return top[0][0] if top and top[0][1] > 0 else None


def _name_word(doc: Doc, words: list[str], C: ClassIndex, k: int, shouting: bool,
               lower_names: frozenset[str] = frozenset()) -> bool:
    """Token k can be a word of a person's name after a relation noun or a title: capitalised, or a
    surname in capitals as housing systems write it ("Karl BENNETT"; not in a note written all in
    capitals, where every word is); in a note typed all in lower case, a word the note names people with
    (`AgentFinder.lower_names`); not a month or a day."""
    tok = doc[k]
    return tok.is_alpha and (tok.is_title or tok.is_upper and len(tok) > 1 and not shouting
                             or words[k] in lower_names) \
        and words[k] not in C.words["calendar"]


def _titled_words(doc: Doc, words: list[str], C: ClassIndex, shouting: bool) -> Iterator[tuple[str, int]]:
    """(title, place) of each word of a name a title opens ("Mr Kyle Brennan": kyle and brennan, after mr).
    Only the places of titles are visited: the rest of the note costs one set lookup a word, in C."""
    titles, n = C.words["title"], len(words)
    for k in [k for k, w in enumerate(words) if w in titles]:
        m = k + 1
        while m < n and m <= k + 3 and _name_word(doc, words, C, m, shouting):
            yield words[k], m
            m += 1


class Agent(NamedTuple):  # (a tuple: made thousands of times a second)
    kind: str  # survivor perpetrator writer institution thing passive unknown, or none: no subject
    token: int | None = None
    # the clause has no subject of its own and this one is carried on from the sentence before: a guess
    # ("Ms Kerr came in. Rang the outreach line." may be the writer's act)
    carried: bool = False


def _to_oneself(words: list[str], C: "ClassIndex", a: "Agent", e: int, finder: "AgentFinder") -> bool:
    """An act ending at token e done by its doer `a` to a part of their own body: a possessive of the doer's
    gender before an @injury_site follows it ("Ms Aspinall burned her forearm", "he twisted his ankle"; not
    "he twisted her arm")."""
    if a.token is None:
        return False
    n = len(words)
    for k in (e - 1, e):
        if k >= n or words[k] not in C.words["possessive"]:
            continue
        g = "f" if words[k] in C.words["female_pronoun"] else "m" if words[k] in C.words["male_pronoun"] else None
        # the part, perhaps after a word or two that say which ("her right forearm", "his left little finger")
        if g is None or not any(j < n and C.starts_at("injury_site", words, j) for j in range(k + 1, k + 4)):
            return False
        w = words[a.token]
        doer = ("f" if w in C.words["female_pronoun"] else "m" if w in C.words["male_pronoun"]
                else finder.title_gender(a.token))
        return doer == g
    return False


class People:
    """Who the perpetrator and the survivor are in one note, from its own words."""

    def __init__(self, doc: Doc, words: list[str], classes: ClassIndex, relation_hits, abuse_hits,
                 finder: "AgentFinder", unsaid=lambda s, e: False, perp_acts=(), enquired=(), roles=()):
        """`unsaid(s, e)`: the act at tokens [s, e) is not one the note's account says was done (quoted
        words, a negated act: "has never hit back"): no one is voted anything for it.  `enquired`: a DA
        enquiry put to someone ("asked her if she felt safe"): the first pronoun or title in it names (weakly,
        as "her partner" does) the survivor.  `roles`: (role, hits, whether the name comes after them) of a
        role said outright ("Perpetrator: Dean Cole", "Mr Fox is the perpetrator", "Landlord: Mr Hart", the
        role "other"): that name is taken for that role over any vote."""
        self.perp_names: dict[str, str | None] = {}
        self.known_names: set[str] = set()
        self.relatives: set[str] = set()  # named relatives who are neither of the two
        self.outsiders: set[str] = set()  # named with a role outside the home ("Landlord: Mr Hart")
        self.addressee: str | None = None  # whom "you" is, in a note written to someone (a letter, a plan)
        perp_votes: Counter = Counter()
        surv_votes: Counter = Counter()   # strong: the object of an abusive act
        surv_weak: Counter = Counter()    # weak: "her partner"
        # a name after a relation noun: (gender, partner-type, where, which word of the name)
        related: dict[str, tuple[str | None, bool, int, int]] = {}
        acted: set[str] = set()  # the names of the doers of abusive acts
        done_names: set[str] = set()  # the names (first words) of those abusive acts are done to
        told_names: set[str] = set()  # the names of those who told of an act done to them ("her")
        done_to: set[int] = set()  # relation nouns that are the object of an abusive act ("attacked her partner")
        partner_votes: list[tuple[int, str]] = []  # (where, gender) of the abuser votes partner nouns gave

        def relation_abused(at: int, length: int, owner: str | None, weight: int) -> None:
            """The relation noun at [at, at + length) names the one an abusive act is done to ("attacked her partner
            Owen", "assault on his ex-partner Lisa"): its vote for the abuser's gender was for the one abused, and
            its owner's ("her", "his") for the survivor's was for the abuser: both taken back and given that way."""
            given = None
            for where, pg in partner_votes:
                if at <= where < at + length:
                    perp_votes[pg] -= 1
                    given = pg
            if owner and C.ends_at("perpetrator_noun", words, at + length - 1):
                surv_weak[owner] -= 1
            done_to.add(at)  # the name after this relation noun is the one abused
            abused = _relation_gender(C, words, at, at + length) or given
            if abused:
                surv_votes[abused] += weight
        C = classes
        n = len(doc)
        for s, e in relation_hits:
            gender = _relation_gender(C, words, s, e)
            partner = C.ends_at("perpetrator_noun", words, e - 1) > 0  # partner-type, not son or sister
            if s > 0 and partner:
                poss = words[s - 1]
                if poss in C.words["addressee_pronoun"]:
                    self.addressee = "survivor"  # "your partner hit you": a letter or plan to the one abused
                if poss in C.words["female_pronoun"]:
                    surv_weak["f"] += 1
                elif poss in C.words["male_pronoun"]:
                    surv_weak["m"] += 1
                elif poss in ("'s", "’s"):
                    # "Ms Farrow's ex-partner": the titled owner's gender, as "her partner" gives hers
                    k = s - 2
                    while k > 0 and s - 2 - k < 2 and doc[k].is_title and words[k] not in C.words["title"]:
                        k -= 1
                    g = _title_gender(C, words[k]) if k >= 0 and words[k] in C.words["title"] else None
                    if g:
                        surv_weak[g] += 1
            k = e
            if k < n and (words[k] in (",", ":") or words[k] in C.words["clause_mark"] or words[k] in C.words["copula"]):
                k += 1  # "her partner, Dean", "Partner: Dean", "Partner – Dean", "Her partner is Dean"
            if k < n and words[k] in C.words["title"]:
                gender = gender or _title_gender(C, words[k])
                k += 1
            elif not gender and k < n and doc[k].is_title:
                gender = _first_name_gender(C, words[k])  # "Partner, Darren Kell": no title, a man's name
            if gender and partner:
                perp_votes[gender] += 1
                partner_votes.append((s, gender))
            taken = 0
            while k < n and taken < 3 and _name_word(doc, words, C, k, finder.shouting, finder.lower_names):
                if not related.get(words[k], (None, False, 0, 0))[1]:  # (a partner's surname stays his or hers)
                    self.perp_names[words[k]] = gender
                    related[words[k]] = (gender, partner, s, taken)
                k += 1
                taken += 1
            # the name said first, the relation after a copula ("Liam Cooper is her husband")
            # (the relation ends its clause: not "Tracey is her sister's landline")
            ends = e >= n or (not doc[e].is_alpha and words[e] not in ("'s", "’s")) \
                or words[e] in C.words["coordinator"] or words[e] in C.words["relative"]
            k = s - 2 if ends and s >= 2 and words[s - 1] in C.words["possessive"] else -1
            if k >= 1 and words[k] in C.words["copula"]:
                k -= 1
                taken = 0
                while k >= 0 and taken < 3 and _name_word(doc, words, C, k, finder.shouting, finder.lower_names) \
                        and words[k] not in C.words["title"]:
                    if not partner:
                        if words[k] not in self.perp_names:
                            self.relatives.add(words[k])  # "Abby is her daughter": someone else
                    elif words[k] not in related:
                        self.perp_names[words[k]] = gender
                        related[words[k]] = (gender, partner, s, taken)
                    k -= 1
                    taken += 1
        enquired_names: list[str] = []  # asked by name ("asked Kieran whether all was well at home")
        for s, e in enquired:
            if unsaid(s, e):
                continue
            for k in range(s + 1, e):
                w = words[k]
                g = ("f" if w in C.words["female_pronoun"] else "m" if w in C.words["male_pronoun"]
                     else _title_gender(C, w) if w in C.words["title"] else None)
                if g:
                    surv_weak[g] += 1
                    break
                if w in C.words["neutral_pronoun"]:
                    break
                if _name_word(doc, words, C, k, finder.shouting, finder.lower_names):
                    enquired_names.append(w)  # its gender is the one a title gives it elsewhere (name_gender)
                    break
        # the one a letter or a plan is written to doing the abuse, or what only the abuser's part has ("You
        # refused to leave the property when asked by the police"): "you" is the perpetrator
        # (asked only of a note that has a "you" in it)
        addressee_acts = not C.words["addressee_pronoun"].isdisjoint(words) and any(
            a.token is not None and words[a.token] in C.words["addressee_pronoun"]
            for a in (finder.find(s, raw=True) for s, e in [*abuse_hits, *perp_acts] if not unsaid(s, e)))
        # an abusive act's doer is voted the perpetrator and the one it is done to the survivor; the doer of
        # an act only the abuser's part in an account has (perp_acts: "refused to leave the property") is
        # asked about only where nothing else in the note says who the perpetrator is, and gets a third of
        # that vote (and no one is voted the survivor)
        for s, e, weight in [(s, e, 3) for s, e in abuse_hits] + [(s, e, 1) for s, e in perp_acts]:
            if weight < 3 and (perp_votes or self.perp_names):
                break
            if unsaid(s, e):  # someone's words, or denied: not the note's account of an act
                continue
            a = finder.find(s, raw=True)
            if _to_oneself(words, C, a, e, finder):  # "she slipped and hurt her knee": an accident, no one's abuse
                continue
            # a counter-claim ("he says she has been hitting him as well"): a third of the votes
            j = e + 1 if e < n and words[e] in C.words["object_pronoun"] else e
            counter = weight == 3 and j < n and C.starts_at("counter_claim", words, j) > 0
            if counter:
                weight = 1
            if a.token is not None:
                tok = doc[a.token]
                w = words[a.token]
                subject = not (w in C.words["object_pronoun"] or w in C.words["possessive"])  # "she", not "her"
                if subject and w in C.words["female_pronoun"]:
                    perp_votes["f"] += weight
                elif subject and w in C.words["male_pronoun"]:
                    perp_votes["m"] += weight
                elif (tok.is_title or w in finder.lower_names) and w not in C.words["title"] and a.kind == "name" \
                        and not counter:
                    g = finder.title_gender(a.token)
                    self.perp_names.setdefault(w, g)
                    acted.add(w)
                    k = a.token - 1  # the rest of the name before it ("Kyle Birch": either word names him)
                    while k >= max(0, a.token - 2) and (doc[k].is_title or words[k] in finder.lower_names) and doc[k].is_alpha \
                            and words[k] not in C.words["title"] and words[k] not in C.words["calendar"]:
                        self.perp_names.setdefault(words[k], g)
                        acted.add(words[k])
                        k -= 1
                    if g:
                        perp_votes[g] += 2 * weight / 3
            if weight < 3 and not counter:
                continue
            done = 1 if counter else 3  # (the vote for the one it is done to)
            if any(k < n and words[k] in C.words["addressee_pronoun"] for k in (e - 1, e)):
                self.addressee = "survivor"  # "he hit you"
            for k in range(s + 1, e + 1):  # (the one it is done to may be inside the phrase: "pinned her against")
                if k < n and (words[k] in C.words["object_pronoun"] or words[k] in C.words["possessive"]) and (
                        words[k] in C.words["female_pronoun"] or words[k] in C.words["male_pronoun"]):
                    g = "f" if words[k] in C.words["female_pronoun"] else "m"
                    partner = C.starts_at("relation_noun", words, k + 1) if k + 1 < n else 0
                    if not partner and words[k] not in C.words["object_pronoun"]:
                        break  # "kicked his dog": the possessor is not the one it is done to
                    if partner:  # "her" as a possessive: "she attacked her partner Owen" is done to him
                        relation_abused(k + 1, partner, g, done)
                        break
                    surv_votes[g] += done
                    # "Joanne told me that he has pushed her into walls": the one telling of it, named, is the one it
                    # was done to (her pronoun is the teller's)
                    lo = finder.sents.bounds(s)[0]
                    v = next((j for j in range(s - 1, max(lo, s - finder.MAX_SCAN) - 1, -1)
                              if words[j] in C.words["speech_verb"]), None)
                    if v is not None and words[k] in C.words["object_pronoun"]:
                        teller = finder.find(v, raw=True)
                        if teller.kind == "name" and teller.token is not None:
                            told_names.add(words[teller.token])
                    break
            else:  # the one it is done to, named with a title ("hit Ms Cole", "the assault on Ms Cole")
                k = e + 1 if e < n and words[e] in C.words["victim_preposition"] else e
                if k + 1 < n and words[k] in C.words["possessive"] and words[k] not in C.words["addressee_pronoun"]:
                    r = C.starts_at("relation_noun", words, k + 1)
                    if r:  # "assault on his ex-partner Lisa Hurst": the name after that relation is the one abused
                        pg = "f" if words[k] in C.words["female_pronoun"] else "m" if words[k] in C.words["male_pronoun"] else None
                        relation_abused(k + 1, r, pg, done)
                r = C.starts_at("relation_noun", words, k) if k < n else 0
                if r and not C.ends_at("perpetrator_noun", words, k + r - 1):
                    # "assaulted mother, Leanne Marsh": the relation's gender is hers, and the name after it
                    rg = _relation_gender(C, words, k, k + r)
                    if rg:
                        surv_votes[rg] += done
                    k += r + (k + r < n and words[k + r] == ",")
                g = _title_gender(C, words[k]) if k < n else None
                if g:
                    surv_votes[g] += done
                elif k < n and words[k] not in C.words["title"] and _name_word(doc, words, C, k, finder.shouting, finder.lower_names):
                    done_names.add(words[k])  # "Ryan assaulted Leanne": her first name is no abuser's
        if addressee_acts:
            self.addressee = "perpetrator"
        said = self._roles_said(doc, words, C, finder, roles, unsaid)
        for role, _, g in said:
            if g and role != "other":  # (someone outside the home says nothing of the two's genders)
                (perp_votes if role == "perpetrator" else surv_votes)[g] += 6
        self.perp_gender = _leading(perp_votes)
        self._doc, self._words, self._classes, self._finder = doc, words, C, finder  # (for name_gender)
        for w in enquired_names:
            g = self.name_gender.get(w)
            if g:
                surv_weak[g] += 1
        both = surv_votes + surv_weak
        self.survivor_gender = _leading(both)
        self.shared_gender = None  # both the abuser and the one abused are referred to by this gender's pronouns
        if self.perp_gender and both[self.perp_gender] >= perp_votes[self.perp_gender]:
            # same-gender couple ("her girlfriend", "his husband", or she is hurt and a she hurts): a pronoun does
            # not tell us who is who
            self.shared_gender, self.perp_gender = self.perp_gender, None
        elif not self.perp_gender and acted:
            # no pronoun seen abusing, but a name was ("Shane broke Amber's nose"): its title elsewhere in the note
            # ("Mr Shane Cotter") gives the abuser's gender, and "he" is then him
            genders = {self.perp_names.get(w) or self.name_gender.get(w) for w in acted} - {None}
            if len(genders) == 1 and not surv_votes[next(iter(genders))]:
                self.perp_gender = genders.pop()
        # a name after a relation noun is only presumed the abuser's: not when the one who does the abuse
        # is of the other gender, or the one abused of the same ("Mr Kerr's girlfriend, Chantelle", where
        # "Wayne hit her"), nor a son or a sister named beside an abuser named by his acts ("Her son
        # Alfie (3)", where "Wayne hit her")
        named_acting = {at for w, (_, _, at, _) in related.items() if w in acted}  # relation nouns naming an abuser
        for w, (g, partner, at, nth) in related.items():
            if at in done_to and w not in acted:
                del self.perp_names[w]  # "she attacked her partner Owen Tierney": Owen is the one abused
                continue
            other = self.perp_gender and g != self.perp_gender or not self.perp_gender and surv_votes[g] > perp_votes[g]
            if w not in acted and ((g and other) or (not partner and acted)):
                del self.perp_names[w]  # (a surname left of an abuser's name is the title's and the pronouns')
                if not partner and at not in named_acting and nth == 0 and w not in done_names:
                    # someone else: "Neil's mother, Joan" (not her surname, which the family may share)
                    self.relatives.add(w)
        for w in done_names - acted:
            self.perp_names.pop(w, None)
            self.relatives.discard(w)
        # (the teller is no one else's relative; a teller's surname may be the abuser's too: "Miss Chantelle Brooks
        # has told me that her husband, Stuart Brooks, punched her")
        self.relatives -= told_names
        # the roles said outright last, over the votes (a word both roles name, a shared surname: neither)
        for role, names, g in said:
            for w in names:
                if any(w in other and r != role for r, other, _ in said):
                    continue
                self.relatives.discard(w)
                if role == "perpetrator":
                    self.perp_names[w] = g
                else:
                    self.perp_names.pop(w, None)
                    if role == "other":  # ("Landlord: Mr Stannard"): someone else, as a named relative is
                        self.relatives.add(w)
                        self.outsiders.add(w)

    @staticmethod
    def _roles_said(doc: Doc, words: list[str], C: ClassIndex, finder: "AgentFinder", roles,
                    unsaid) -> list[tuple[str, list[str], str | None]]:
        """(role, name words, gender) of each role said outright: the name after the label or the copula,
        past a possessive, a relation noun, a comma or a title ("is his ex-partner Ms Nicola Platt"), or
        before "is the perpetrator" / "(perpetrator)"; the gender a title gives it (there or elsewhere in
        the note), or the pronoun that says it ("he is the perpetrator")."""
        n, out = len(doc), []
        for role, hits, after in roles:
            for s, e in hits:
                if unsaid(s, e):
                    continue
                names: list[str] = []
                g = None
                if after:
                    k, skipped = e, 0
                    while k < n and skipped < 5 and (words[k] in C.words["title"]
                                                     or not _name_word(doc, words, C, k, finder.shouting, finder.lower_names)):
                        w = words[k]
                        rel = C.starts_at("relation_noun", words, k)
                        if w in C.words["title"]:
                            g = _title_gender(C, w)
                        elif rel:
                            g = _relation_gender(C, words, k, k + rel) or g  # ("Perpetrator: wife, Gemma Forsyth")
                        elif not (w in C.words["possessive"] or w in C.words["determiner"] or w in (",", "-", "–")):
                            break
                        k += max(1, rel)
                        skipped += 1
                    while k < n and len(names) < 3 and _name_word(doc, words, C, k, finder.shouting, finder.lower_names) \
                            and words[k] not in C.words["title"]:
                        names.append(words[k])
                        k += 1
                else:
                    k = s - 1
                    while k >= 0 and len(names) < 3 and _name_word(doc, words, C, k, finder.shouting, finder.lower_names) \
                            and words[k] not in C.words["title"]:
                        names.append(words[k])
                        k -= 1
                    if k >= 0 and words[k] in C.words["title"]:
                        g = _title_gender(C, words[k])
                    elif not names and k >= 0:
                        w = words[k]
                        g = "f" if w in C.words["female_pronoun"] else "m" if w in C.words["male_pronoun"] else None
                    names.reverse()
                if names and g is None:  # (the first word's title elsewhere: a surname may be the couple's)
                    given = {_title_gender(C, t) for t, m in _titled_words(doc, words, C, finder.shouting)
                             if words[m] == names[0]} - {None}
                    g = given.pop() if len(given) == 1 else None
                if names or g:
                    out.append((role, names, g))
        return out

    @per_note
    def name_gender(self) -> dict[str, str | None]:
        """The gender a title gave a name anywhere in the note ("Mr Kyle Brennan ... Kyle refused"); a
        name two titles of different gender share (a couple's surname) has none."""
        words, C = self._words, self._classes
        out: dict[str, str | None] = {}
        for title, m in _titled_words(self._doc, words, C, self._finder.shouting):
            g = _title_gender(C, title)
            if g:
                out[words[m]] = g if out.get(words[m], g) == g else None
        return out

    def pronoun(self, gender: str) -> str:
        if self.perp_gender:
            return "perpetrator" if self.perp_gender == gender else "survivor"
        # no pronoun seen doing the abuse: the other pronoun than the survivor's is the perpetrator's
        if self.survivor_gender and gender != self.survivor_gender:
            return "perpetrator"
        return "survivor"

    def name(self, word: str, title_gender: str | None) -> str:
        if word in self.relatives:
            return "other"
        if word in self.perp_names:
            g = self.perp_names[word]
            if g and title_gender and g != title_gender:
                return "survivor"
            if not g and title_gender and (self.perp_gender or self.survivor_gender) \
                    and self.pronoun(title_gender) == "survivor":
                # a shared surname: "Ms Haddad" where her partner is "Tom Haddad" (when the note's pronouns say
                # whose gender the title is; with nothing to say so, the name after the partner noun is his)
                return "survivor"
            return "perpetrator"
        if title_gender and self.pronoun(title_gender) == "perpetrator":
            if title_gender in self.perp_names.values():
                # the abuser of that gender is named, and this is another name: not the abuser ("Ms Tait"
                # where Ms Marsden is seen abusing; "Mr Cole" the neighbour where Mr Hart is)
                return "survivor" if self.survivor_gender in (None, title_gender) else "other"
            return "perpetrator"  # "Mr Hart" in a note where "he" is the abuser or "she" the survivor
        if self.perp_gender and (self.name_gender.get(word) or _first_name_gender(self._classes, word)) \
                == self.perp_gender and self.survivor_gender != self.perp_gender:
            # "Kyle", titled "Mr" elsewhere in the note (or a man's first name), where "he" is seen abusing (not where the one
            # abused is of the same gender: "Ms Farah Hussain" where her ex, Ms Nicola Trent, abuses her)
            return "perpetrator"
        if not self.perp_gender and not self.perp_names and self.survivor_gender and self.name_gender.get(word) \
                and self.name_gender[word] != self.survivor_gender:
            # no one seen abusing, by pronoun or by name: a name titled with the other gender than the survivor's
            return "perpetrator"
        return "survivor"


class AgentFinder:
    """Finds the agent of a match: who does the action, or who is described."""

    MAX_SCAN = 30

    def __init__(self, doc: Doc, words: list[str], classes: ClassIndex, sentences: Sentences, people_factory):
        self.doc = doc
        self.words = words
        self.C = classes
        self.sents = sentences
        self._people_factory = people_factory
        self._people: People | None = None
        self._memo: dict[tuple[int, bool], Agent] = {}

    @property
    def people(self) -> People:
        if self._people is None:
            self._people = self._people_factory(self)
        return self._people

    @per_note
    def shouting(self) -> bool:
        """The note is written in capitals: a word in capitals is then neither an acronym nor a name."""
        return self.note_text.isupper()

    @per_note
    def note_text(self) -> str:
        """The note's own text (the doc's, unless the pipeline kept the original)."""
        text = self.doc.user_data.get("notelint_text")
        return self.doc.text if text is None else text

    @per_note
    def whispering(self) -> bool:
        """The note is typed all in lower case (a phone, in a hurry): no capital says what a name is."""
        return self.note_text.islower()

    @per_note
    def lower_names(self) -> frozenset[str]:
        """In a note typed all in lower case, the words it names people with: the one or two words right
        after a word for a person (a title, a partner, a relative, "tenant") that no dictionary has or that
        are first names ("tenant jodie mcgarrigle", "partner lee brannigan"), wherever else they stand."""
        if not self.whispering:
            return frozenset()
        doc, words, C = self.doc, self.words, self.C
        known = english_words()
        first = C.words["male_name"] | C.words["female_name"]
        out = set()
        for k in range(1, len(words)):
            if not (words[k - 1] in C.words["title"] or C.ends_at("perpetrator_noun", words, k - 1)
                    or C.ends_at("relation_noun", words, k - 1) or C.ends_at("survivor_noun", words, k - 1)):
                continue
            for m in (k, k + 1):
                w = words[m] if m < len(words) else ""
                if not (doc[m].is_alpha and len(w) > 1 and (w not in known or w in first)) \
                        or w in C.words["calendar"]:
                    break
                out.add(w)
        return frozenset(out)

    def title_gender(self, k: int) -> str | None:
        doc, C = self.doc, self.C
        for j in (k - 1, k - 2):
            if j >= 0 and self.words[j] in C.words["title"]:
                return _title_gender(C, self.words[j])
            if j >= 0 and not doc[j].is_title:
                break
        return None

    def _is_name(self, k: int) -> bool:
        doc, C = self.doc, self.C
        tok = doc[k]
        words = self.words
        if k > 0 and words[k - 1] in C.words["title"] and tok.is_alpha and (
                tok.is_title or tok.is_upper or doc[k - 1].is_lower and not tok.is_stop):
            return True  # "Ms A", "Mr O"; in a note typed in lower case, "mr osman" (not "mr and mrs")
        if self.whispering:
            return words[k] in self.lower_names  # (typed all in lower case: the words it names people with)
        if not (tok.is_title or tok.is_upper) or not tok.is_alpha or len(tok) < 2:
            return False
        if self._owned(k):
            return False  # "his Direct Debit", "Ms Ray's Universal Credit": a thing someone has
        if self.shouting:  # every word is in capitals: only a word no dictionary has is a name ("KERRY")
            return words[k] not in english_words()
        lo, _ = self.sents.bounds(k)
        if k > lo and words[k - 1] not in C.words["clause_mark"]:
            return True
        # sentence-initial, or opening a clause after a mark ("EM - Inspection failed"): a name if it follows a
        # title, is not an English word ("Kerry", not "Access"),
        # or is a word this note capitalises inside a sentence elsewhere ("I spoke to Grace. Grace said")
        return (k > 0 and words[k - 1] in C.words["title"]) or words[k] not in english_words() \
            or words[k] in self.names_in_note

    def _owned(self, k: int) -> bool:
        """Token k ends a run of capitalised words that a possessive ("his", "their", a name's "'s"), an
        article or a number (@thing_determiner) comes right before: something someone has, or a thing,
        not a person (a person someone has is named with a relation noun: "her partner Dean").  "her"
        counts only where it cannot be an object ("told her Dean had called")."""
        doc, words, C = self.doc, self.words, self.C
        m = k
        while m > 0 and m > k - 3 and doc[m - 1].is_alpha and (doc[m - 1].is_title or doc[m - 1].is_upper) \
                and words[m - 1] not in C.words["possessive"] and words[m - 1] not in C.words["title"] \
                and words[m - 1] not in C.words["calendar"]:
            m -= 1  # (a date is not part of the name after it: "On 24 February Margaret refused")
        if m < k and words[m] in C.words["thing_determiner"]:
            return True  # the article opens the sentence ("Two Direct Debits failed")
        if m == 0:
            return False
        before = words[m - 1]
        if before in ("'s", "’s") or before in C.words["thing_determiner"] or doc[m - 1].like_num and not (
                _YEAR.fullmatch(before) or _STAMP.fullmatch(before) or m > 1 and words[m - 2] in C.words["calendar"]
                or _SECTION.fullmatch(before) and (m == 1 or line_break(words[m - 2]))):
            # ... or a thing counted or named with an article ("Two Direct Debits", "the Housing Register"); not
            # after a date's number ("In February 2021 Harold rang", "On 3 June Kelly said", "19/08 Kelly rang"),
            # nor a section's
            return True
        if before not in C.words["possessive"]:
            return False
        return before != "her" or m < 2 or not (words[m - 2] in C.words["speech_verb"] or doc[m - 2].is_alpha
                                                 and not doc[m - 2].is_title and words[m - 2] not in C.words["preposition"]
                                                 and words[m - 2] not in C.words["coordinator"])

    @per_note
    def names_in_note(self) -> frozenset[str]:
        # (single words only: "Housing Options" names a service, and its "Housing" starting a
        # sentence is not a person), and words that speak ("Grace said ...")
        text = self.note_text
        # ... and the words a title names ("Mr Ade Bello": "Ade split her lip" is him, though "ade" is in a dictionary)
        titled = {self.words[m] for _, m in _titled_words(self.doc, self.words, self.C, self.shouting)}
        return capitalised_mid_sentence(text, alone=True) | titled | self._first_names() | (
            capitalised_before_speech(text, self.C.words["speech_verb"], self.C.words["aux"])
            - self.C.institution_words)  # not "Housing said"

    def _first_names(self) -> set[str]:
        """Capitalised words right before a capitalised word no dictionary has, as a first name stands
        before a surname ("Grace Holt", "Summer Lane-Pryce"): a name, wherever else the note puts it
        ("Grace refused ..." at the start of a sentence).  Not before a title, a month or a word in capitals."""
        doc, words, C = self.doc, self.words, self.C
        if self.shouting:
            return set()
        known = english_words()
        out = set()
        for k in range(1, len(words)):
            w = words[k]
            if not w[0].isalpha() or w in known:  # (most words: settled without a Token)
                continue
            if doc[k].is_title and doc[k - 1].is_title and doc[k - 1].is_alpha and words[k - 1] not in C.words["title"] \
                    and words[k - 1] not in C.words["calendar"] and w not in C.words["calendar"]:
                out.add(words[k - 1])
        return out

    # -- classification of a head token --------------------------------------
    def classify(self, k: int, raw: bool = False) -> Agent:
        doc, C, words = self.doc, self.C, self.words
        if words[k] in ("'s", "’s") and k > 0:
            k -= 1
        w = words[k]
        if k > 0 and len(w) == 1 and doc[k].is_upper and doc[k - 1].is_title and (
                words[k - 1] in C.words["survivor_noun"] or words[k - 1] in C.words["perpetrator_noun"]):
            k, w = k - 1, words[k - 1]  # a review's pseudonym ("Victim D", "Adult A"): the person its noun names
        if w in C.words["writer_pronoun"]:
            return Agent("writer", k)
        if w in C.words["female_pronoun"] or w in C.words["male_pronoun"]:
            if raw:
                return Agent("pronoun", k)
            g = "f" if w in C.words["female_pronoun"] else "m"
            people = self.people
            if people.outsiders and self._outsider_named_before(k, g):
                return Agent("other", k)  # "Landlord: Mr Stannard ... Rang Mr Stannard. He was aggressive": him
            if g == people.shared_gender or (people.perp_gender is None and g == people.survivor_gender):
                # both are "she" (or "he"): the pronoun stands for the person the sentence has just named
                # ("When Kayleigh came back she was shouting"), when that one is known to be the pronoun's
                named = self._named_before(k)
                if named is not None and (g == people.shared_gender or people.perp_names.get(words[named]) == g):
                    return Agent(people.name(words[named], self.title_gender(named)), k)
            return Agent(people.pronoun(g), k)
        if w in C.words["addressee_pronoun"] and not raw:
            return Agent(self.people.addressee or "unknown", k)
        if w in C.words["neutral_pronoun"]:
            return Agent("unknown", k)
        if w in C.words["thing_pronoun"]:
            return Agent("thing", k)
        n_rel = C.ends_at("relative_noun", words, k)
        if n_rel and k - n_rel >= 0 and not raw:
            poss = words[k - n_rel]
            g = "f" if poss in C.words["female_pronoun"] else ("m" if poss in C.words["male_pronoun"] else None)
            if g and self.people.pronoun(g) == "survivor":
                return Agent("other", k)  # "her mum", "her son": someone else, not the survivor
        n_perp = C.ends_at("perpetrator_noun", words, k)
        if n_perp and not raw and k - n_perp >= 0 and C.ends_at("relation_noun", words, k):
            poss = words[k - n_perp]
            g = "f" if poss in C.words["female_pronoun"] else ("m" if poss in C.words["male_pronoun"] else None)
            if g and self.people.perp_gender == g:
                return Agent("survivor", k)  # "his partner" when he is the one abusing: the survivor
        for cls, kind in (("perpetrator_noun", "perpetrator"), ("survivor_noun", "survivor"),
                          ("institution", "institution")):
            if C.ends_at(cls, words, k):
                if kind == "survivor" and not raw:  # "a man", "a male caller": whoever that sex's pronoun is
                    before = words[k - 1] if k > 0 else ""
                    for g, cls in (("m", "male_word"), ("f", "female_word")):
                        if w in C.words[cls] or before in C.words[cls]:
                            return Agent(self.people.pronoun(g), k)
                return Agent(kind, k)
        if n_rel:
            return Agent("other", k)  # a relative, a friend, a neighbour: a person, not a thing ("his stepson kicked her")
        if w in C.words["title"] and k + 1 < len(doc):
            return self.classify(k + 1, raw)
        tok = doc[k]
        if k > 1 and w in C.words["place_word"] and (doc[k - 1].is_title or doc[k - 1].is_upper) and doc[k - 1].is_alpha \
                and words[k - 1] not in C.words["title"] and (doc[k - 2].like_num or words[k - 2] in C.words["preposition"]):
            return Agent("thing", k)  # a place: "at Heron Way", "12 Oak Rd" (not "Ms Lane", "Kelly Green")
        if tok.is_upper and tok.is_alpha and len(tok) <= 3 and k > 0 and _STAMP.fullmatch(doc[k - 1].text):
            return Agent("writer", k)  # a timeline entry's initials after its time ("12/03 14:20 JT"): the staff writing
        if tok.is_upper and tok.is_alpha and 2 <= len(tok) <= 6 and not (k > 0 and words[k - 1] in C.words["title"]) \
                and not self.shouting:
            return Agent("institution", k)  # an acronym: CPS, DWP, CSC (in a note in capitals, any word)
        if k > 0 and words[k - 1] in C.words["officer_title"] and (tok.is_title or tok.is_upper):
            return Agent("institution", k)  # "PC Walsh", "DC Rowe": an officer acting for an agency
        if w in C.words["animal"]:
            return Agent("thing", k)  # "Dog aggressive on the landing": an animal, even capitalised
        if self._is_name(k) and w not in C.words["calendar"]:
            if k > 0 and words[k - 1] in C.words["animal"]:
                return Agent("thing", k)  # "her dog Dash": a pet's name
            if raw:
                return Agent("name", k)
            return Agent(self.people.name(w, self.title_gender(k)), k)
        if tok.is_lower and tok.is_alpha:
            # a name written in lower case after the noun it stands beside ("her partner marc hit her", "her ex alan
            # roper turned up", typed on a phone), or a word set between them ("her partner then hit her"): the
            # person the noun names (two words, when a dictionary lacks one of them: a first name and a surname).
            # Only a partner or a relative whose it is ("her", "his": not "single person discount")
            for j in (k - 1, k - 2):
                if j < 0 or (j == k - 2 and not (doc[k - 1].is_lower and doc[k - 1].is_alpha and (
                        words[k - 1] not in english_words() or w not in english_words()))):
                    break
                n = C.ends_at("relation_noun", words, j) or C.ends_at("perpetrator_noun", words, j)
                if n and j - n >= 0 and words[j - n] in C.words["possessive"]:
                    return self.classify(j, raw)
        return Agent("thing", k)

    def _outsider_named_before(self, k: int, g: str) -> bool:
        """Whether the last person of the pronoun's gender named before token k, in its sentence or the one
        before, is one the note gives a role outside the home (a landlord, a contractor; not a relative, who
        may be the one abusing)."""
        lo = self.sents.bounds(k)[0]
        if lo > 0:
            lo = self.sents.bounds(lo - 1)[0]
        C, words, people = self.C, self.words, self.people
        for j in range(k - 1, lo - 1, -1):
            w = words[j]
            if w in C.words["title"] or w in C.words["calendar"] or not self._is_name(j):
                continue
            if (self.title_gender(j) or people.name_gender.get(w) or _first_name_gender(C, w)) == g:
                return w in people.outsiders
        return False

    def _aside_opening(self, j: int, lo: int) -> int | None:
        """Where the bracket closed at token j opens (not before lo), if it holds no other bracket."""
        words = self.words
        k = next((m for m in range(j - 1, lo - 1, -1) if words[m] in ("(", ")")), None)
        return k if k is not None and words[k] == "(" else None

    def _named_before(self, k: int) -> int | None:
        """The last person named before token k in its sentence (a name, not a title or a month), if any."""
        lo, _ = self.sents.bounds(k)
        for j in range(k - 1, lo - 1, -1):
            if self.words[j] not in self.C.words["title"] and self.words[j] not in self.C.words["calendar"] \
                    and self._is_name(j):
                return j
        return None

    # -- the scan ---------------------------------------------------------------
    def find(self, i: int, raw: bool = False) -> Agent:
        """Agent of the phrase starting at token i (memoised: rules and checklist ask about the same words)."""
        key = (i, raw)
        found = self._memo.get(key)
        if found is None:
            found = self._find(i, raw)
            if found.kind in ("survivor", "perpetrator", "name") and found.token is not None \
                    and self._plural_verb(found.token, i):
                found = Agent("unknown", found.token)  # "Ms Baxter and Mr Tate are ...": the two of them
            self._memo[key] = found
        return found

    def _plural_verb(self, subject: int, i: int) -> bool:
        """A plural verb (@plural_aux) between a named or nominal subject and the phrase: the subject
        is a group ("X and Y are", "the couple were"), not one person."""
        C, words = self.C, self.words
        if words[subject] in C.words["female_pronoun"] or words[subject] in C.words["male_pronoun"]:
            return False
        for k in range(subject + 1, i):
            if words[k] in ('"', "“", "”"):
                return False  # (a quotation's own verbs are not the subject's: 'Kerry said "we are fine" and refused')
            if words[k] in C.words["plural_aux"]:
                return True
        return False

    def _find(self, i: int, raw: bool) -> Agent:
        C, words = self.C, self.words
        lo, _ = self.sents.bounds(i)
        j = i - 1
        saw_be = False
        steps = 0
        first = words[i]
        asides = C.last_words("interjected")
        degrees = 0
        while j >= lo and steps < self.MAX_SCAN:
            steps += 1
            w = words[j]
            if w.isspace() or w in ('"', "“", "”", "'", "‘", "’"):
                j -= 1
                continue
            if w in C.words["aux"]:
                saw_be = saw_be or w in C.words["passive_aux"]
                j -= 1
                continue
            if w in C.words["adverb_after_aux"] and j - 1 >= lo and words[j - 1] in C.words["aux"]:
                j -= 1  # "has since failed": an adverb in the verb group, not a clause's start
                continue
            if j == i - 1 - degrees and w in C.words["degree"] and w not in C.words["coordinator"]:
                degrees += 1  # right before the words, how much ("V. aggressive on phone": very): not a subject
                j -= 1
                continue
            if w == ")" and j > lo:
                # "Mrs Day (61) was ...", "Mr Cole (the ex) has ...": a bracketed aside between the
                # subject and its verb; the subject is the word before the bracket
                k = self._aside_opening(j, lo)
                if k is not None and k > lo:
                    j = k - 1
                    continue
            if w in asides:  # "Ms Price by contrast was ...": words set between the subject and its verb
                n = C.ends_at("interjected", words, j)
                if n:
                    j -= n
                    continue
            if first.endswith("ing") and C.ends_at("gerund_verb", words, j):
                j -= C.ends_at("gerund_verb", words, j)  # "(has to) stop letting him in": the verb's doer
                continue
            if j == i - 1 and first.endswith("ing") and w in C.words["gerund_preposition"] and i + 1 < len(words) \
                    and (words[i + 1] in C.words["object_pronoun"] or words[i + 1] in C.words["possessive"]
                         or words[i + 1] in C.words["title"]):
                # "arrested on suspicion of assaulting her", "charged with hitting his wife": a gerund with its
                # object (not "involved with controlling men"); its doer is the clause's subject, not the noun
                # before the preposition
                return self.clause_subject(j, raw)
            if w == "to" and j > lo:  # the words are a to-infinitive: whose is it?
                n = C.ends_at("subject_to_verb", words, j - 1)
                if n:  # "she needs to stop ...", "has got to stop": the verb's subject
                    j -= 1 + n
                    continue
                # "advised her to stop ...", "told Ms Dale to stop", "asked the caretaker to stop": the one
                # asked, when a verb that hands the infinitive on comes a few words before
                k = j - 1
                if any(C.ends_at("object_to_verb", words, v) for v in range(k - 1, max(lo, k - 4) - 1, -1)):
                    return self.classify(k, raw)
            if saw_be and self._participle(first):
                return Agent("passive", None)
            if w[:1].isdigit() and self._line_stamp(j):
                break  # a timeline entry's time or date opens its line ("11/02 10:05 Refused to engage"): no subject
            if w in C.words["clause_mark"] and self._opens_clause(j):
                # "Offered refuge - refused", "Outcome: refused": the clause starts after the mark,
                # unless its label names who it is about ("Panel - refused the move", "Mr Kerr: hostile")
                label = self._label(j, lo, raw)
                if label is not None:
                    return label
                break
            if w == ",":
                # ", who lives with her," — skip a parenthetical relative clause
                k = j - 1
                while k >= lo and words[k] != "," and words[k] not in C.words["clause_break"]:
                    k -= 1
                if k >= lo and words[k] == "," and k + 1 < j and (words[k + 1] in C.words["relative"]
                                                                  or words[k + 1] in C.words["aside_opener"]):
                    j = k - 1  # (or an aside that says where or how old: ", of 33 Kings Mill Road,", ", aged 34,")
                    continue
                if k - 1 >= lo and words[k] == "," and self._apposition(k, j):
                    # "the landlord, Mr Haigh, refused": the name stands for the noun before it
                    return self.classify(k - 1, raw)
                if all(words[t] in C.words["aux"] or words[t].isspace() for t in range(j + 1, i)):
                    # the words start a clause of their own after the comma, with no subject ("Was
                    # referred to IDVA, refused to engage", "uncooperative re DASH, refuses support"):
                    # the one the clause before it opens with, not the last noun there (an object)
                    return self._after_comma(j, lo, raw)
                j -= 1
                continue
            if j - 1 >= lo and w in C.words["object_pronoun"] and words[j - 1] in C.words["preposition"] \
                    and not (j == i - 1 and first.endswith("ing")):
                j -= 2  # "his letters to her are hostile": "to her" is not the subject (but "a fortnight of him
                continue  # texting her": the pronoun right before a gerund is the one doing it)
            if w in C.words["coordinator"]:
                k = j - 1
                while k > lo and words[k].isspace():
                    k -= 1
                if k > lo and words[k] in ('"', "”") and i == j + 1:
                    # 'Kerry said "it was just a domestic" and refused ...': the verb after the quotation joins the one
                    # that introduced it, whose subject is the speaker's
                    opening = next((m for m in range(k - 1, lo - 1, -1) if words[m] in ('"', "“")), None)
                    if opening is not None:
                        v = opening - 1
                        while v > lo and not self.doc[v].is_alpha:
                            v -= 1  # (the verb before the quotation's own mark: 'said: "...', 'said, "...')
                        if v >= lo and words[v] in C.words["speech_verb"]:
                            return self.find(v, raw)
                if j == i - 1 and first in C.words["speech_verb"]:
                    # "Ms Birch claims her ex ran up the arrears and alleges he ...": a verb of speech joined
                    # to an earlier one in the sentence is said by the same person, not by the reported clause's
                    for k in range(j - 1, lo - 1, -1):
                        if words[k] in C.words["speech_verb"]:
                            return self.find(k, raw)
                joined = self.clause_subject(j, raw)
                if joined.kind == "thing" and joined.token is not None and words[joined.token] in C.words["thing_pronoun"]:
                    # "she claimed it was a misunderstanding and refused a referral": "it", said right after a verb of
                    # speech, does not refuse; the verb joins the verb of speech, whose subject is a person's
                    v = next((k for k in range(j - 1, lo - 1, -1) if words[k] in C.words["speech_verb"]), None)
                    if v is not None and joined.token <= v + 2:
                        speaker = self.find(v, raw)
                        if speaker.kind in self._NAMED:
                            return speaker
                return joined
            if w in C.words["relative"] and w != "that":
                k = j - 1
                while k >= lo and words[k] == ",":
                    k -= 1
                return self.classify(k, raw) if k >= lo else Agent("unknown")
            if w == "that":
                # "that" right before the verb group: a relative ("the man that refused")
                return self.classify(j - 1, raw) if j - 1 >= lo else Agent("unknown")
            if w in C.words["clause_break"]:
                return Agent("unknown")
            if w in C.words["possessive"] or (j > 0 and words[j - 1] in C.words["title"]):
                return self.classify(j, raw)
            if w in C.words["determiner"]:
                if j - 1 >= lo and words[j - 1] in C.words["aux"]:
                    j -= 1  # "X has a history of ...", "X is a difficult woman": the verb's subject
                    continue
                if j - 1 >= lo and words[j - 1] in C.words["light_verb"]:
                    j -= 2  # "X has made a claim that ...": a light verb's noun is its subject's act
                    continue
                return Agent("thing", j)
            return self.classify(j, raw)
        else:
            if steps >= self.MAX_SCAN:
                return Agent("unknown")
        # the clause has no subject of its own: note style ("Refused to engage.", "- failed to attend")
        if saw_be and self._participle(first):
            return Agent("passive", None)  # "Was refused a transfer."
        if j < lo and first in C.words["article"] and i + 1 < self.sents.bounds(i)[1]:
            # the words open their sentence with a noun phrase of their own ("The trigger seems to be ..."): it is
            # the subject, not the last sentence's
            return self.classify(i + 1, raw)
        if j < lo and lo > 0 and first not in C.words["speech_verb"]:
            # a sentence that drops its subject carries on the last one's ("Engineer booked for
            # Monday. Failed to attend."), when that one names who it is about (not a verb of speech: "Husband holds her
            # passport. Says he locks her in": in a note's shorthand the one who says is the one interviewed)
            carried = self._opening_subject(self.sents.bounds(lo - 1)[0], lo, raw)
            if carried is not None and not self._is_own_object(carried, i):
                return carried._replace(carried=True)
        return Agent("none")

    def _is_own_object(self, carried: Agent, i: int) -> bool:
        """The verb at token i takes as its object a pronoun of the carried subject's gender ("Mr Bright locked
        out. Let him back in.", "Ms Dee came in. Told her ..."): one cannot be one's own object ("himself"
        would say so), so the subject is someone else, not the one carried on."""
        C, words = self.C, self.words
        if carried.token is None or i + 1 >= len(words) or words[i + 1] not in C.words["object_pronoun"]:
            return False
        pronoun = "f" if words[i + 1] in C.words["female_pronoun"] else "m" if words[i + 1] in C.words["male_pronoun"] else None
        k = carried.token
        w = words[k]
        subject = ("f" if w in C.words["female_pronoun"] else "m" if w in C.words["male_pronoun"]
                   else self.title_gender(k))
        if subject is None:  # ... or named in a bracket after it ("Room 7 (Mr Leon Bright) locked out")
            j = next((j for j in range(k + 1, min(k + 3, i)) if words[j] == "("), None)
            if j is not None and j + 1 < i and words[j + 1] in C.words["title"]:
                subject = _title_gender(C, words[j + 1])
        if subject is None and carried.kind in ("survivor", "perpetrator"):
            # ... or, named without a title, the gender the note gives the one it names ("cust kerry said ... told her
            # ring 999": the survivor, a she, is not the one told)
            people = self.people
            subject = people.survivor_gender if carried.kind == "survivor" else people.perp_gender
        return pronoun is not None and pronoun == subject

    def _line_stamp(self, j: int) -> bool:
        """Token j is a time or a date with nothing but others like it (or a bullet) before it on its line."""
        tok = self.doc[j]
        if not _STAMP.fullmatch(tok.text):
            return False
        text = self.doc.user_data.get("notelint_text") or self.doc.text
        return bool(_LINE_LEAD.fullmatch(text, text.rfind("\n", 0, tok.idx) + 1, tok.idx))

    def _apposition(self, k: int, j: int) -> bool:
        """Between the commas at k and j a name (titles, initials, capitalised words) that renames
        the common noun right before k ("her neighbour, Mr Dean Fry,")."""
        doc, words, C = self.doc, self.words, self.C
        inner = range(k + 1, j)
        if not inner or len(inner) > 5 or not any(doc[m].is_title or doc[m].is_upper for m in inner):
            return False
        for m in inner:
            tok = doc[m]
            if not (words[m] in C.words["title"] or tok.is_title or tok.is_upper or tok.text == "."
                    or tok.is_alpha is False and tok.text.rstrip(".").isalpha() and tok.text[0].isupper()):
                return False
        noun = doc[k - 1]
        return noun.is_alpha and noun.is_lower and words[k - 1] not in C.words["calendar"] \
            and words[k - 1] not in C.words["writer_pronoun"] and not noun.text.endswith(("ed", "ing"))

    _NAMED = ("survivor", "perpetrator", "writer", "institution", "pronoun", "name")

    def _after_comma(self, j: int, lo: int, raw: bool) -> Agent:
        """Whose is a clause that follows the comma at j with no subject: the subject the clause holding
        the comma opens with, else no one's (note style: "Offered refuge, refused").  That clause starts
        where clause_subject's does (after "that", a verb of speech, a conjunction), or after a mark
        that opens a clause."""
        C, words = self.C, self.words
        start = self._clause_start(j, max(lo, j - self.MAX_SCAN * 2))
        for k in range(j - 1, start - 1, -1):
            if words[k] in C.words["clause_mark"] and self._opens_clause(k):
                start = k + 1
                break
        else:
            k = start - 1
            if k >= lo and self.doc[k].is_alpha and words[k] in C.words["clause_break"] and words[k] != "that":
                # a clause put first, then the main clause's own subject ("since she ended it he has been
                # sending messages, turning up at her work"): the main clause's
                main = self._second_subject(start, j)
                if main is not None:
                    return self.classify(main, raw)
        return self._opening_subject(start, j, raw) or Agent("none")

    def passive_doer(self, s: int, e: int) -> Agent | None:
        """The doer a passive names after it: the words s:e end in a participle after a passive auxiliary
        and "by" follows ("her claim was refused by the benefits team": the team).  None otherwise."""
        C, words = self.C, self.words
        _, hi = self.sents.bounds(s)
        if e >= hi or words[e] != "by" or not self._participle(words[e - 1]):
            return None
        k = e - 2
        while k >= s - 2 and k >= 0 and words[k] in C.words["aux"] and words[k] not in C.words["passive_aux"]:
            k -= 1  # ("was then refused", "has been refused": back to the auxiliary)
        if k < 0 or words[k] not in C.words["passive_aux"]:
            return None
        head = None
        for j in range(e + 1, hi):  # the noun group after "by": its last word names the doer
            w = words[j]
            if not self.doc[j].is_alpha or w in C.words["clause_break"] or w in C.words["coordinator"] \
                    or w in C.words["relative"] or (w in C.words["preposition"] and head is not None):
                break
            if w not in C.words["determiner"] and w not in C.words["possessive"]:
                head = j
        return self.classify(head) if head is not None else None

    def sentence_subject(self, i: int) -> Agent:
        """Whom the sentence holding token i opens with, before i (see _opening_subject); else unknown."""
        lo, _ = self.sents.bounds(i)
        return self._opening_subject(lo, i, False) or Agent("unknown")

    def _label(self, j: int, lo: int, raw: bool) -> Agent | None:
        """Who the label before the mark at j names, when it is all the clause before the mark holds
        and is a person or an institution of the lexicon (not a staff member's initials in a stamp)."""
        C, words, doc = self.C, self.words, self.doc
        k = j - 1
        if k < lo or not doc[k].is_alpha:
            return None
        start = k
        while (doc[k].is_title or doc[k].is_upper) and start > lo and start > k - 3 and doc[start - 1].is_alpha \
                and (doc[start - 1].is_title or words[start - 1] in C.words["title"]):
            start -= 1  # a name ("Mr Kerr", "Jo Kerr"), not a verb and its object ("Offered refuge")
        if start > lo and words[start - 1] not in C.words["clause_mark"]:
            return None
        if start > lo and words[start - 1] in C.words["determiner"]:
            return None
        agent = self.classify(k, raw)
        if agent.kind in ("survivor", "perpetrator", "writer", "name") or (
                agent.kind == "institution" and C.ends_at("institution", words, k)):
            return agent
        return None

    def _opening_subject(self, lo: int, hi: int, raw: bool) -> Agent | None:
        """Who the sentence lo:hi opens with, if its first word (or, after a noun, its second:
        "Gas engineer booked") says: a person, the writer, an institution.  None if it opens with
        something else, such as a verb ("Offered refuge.")."""
        C, words, doc = self.C, self.words, self.doc
        for m in range(lo, hi):
            w = words[m]
            tok = doc[m]
            if tok.is_punct or tok.is_space or tok.like_num or w in C.words["determiner"] or w in C.words["possessive"] \
                    or w in C.words["clause_opener"] or w in C.words["calendar"]:
                continue
            if self._field_label(m, hi):
                return None  # a form's field ("Perpetrator: Dean Cole", "Council's steps: ..."): its label is not a subject
            agent = self.classify(m, raw)
            owned = self._owned_by(m, hi, raw)
            if owned is not None:
                return owned
            if agent.kind in self._NAMED:
                return agent
            if agent.kind == "thing" and not self._participle(w) and m + 1 < hi:
                second = self.classify(m + 1, raw)
                if second.kind in self._NAMED:
                    return second
            return None
        return None

    def _owned_by(self, m: int, hi: int, raw: bool) -> Agent | None:
        """A person or an agency that the name opening at token m owns, if the words say so ("Ms Lomas's
        ex-partner came ...", "Pauline Okafor's grandson took ..."): the clause is about them, not the owner."""
        C, words, doc = self.C, self.words, self.doc
        k = m + 1
        while k < hi and (words[k - 1] in C.words["title"] or doc[k].is_title) and words[k] not in ("'s", "’s") \
                and k - m < 3:
            k += 1
        if k + 1 < hi and words[k] in ("'s", "’s"):
            owned = self.classify(k + 1, raw)
            if owned.kind in self._NAMED or owned.kind == "other":
                return owned
        return None

    def _field_label(self, m: int, hi: int) -> bool:
        """The words from m are a field's label: a colon after them, a few words on, with no verb of
        speech or auxiliary before it ("Perpetrator:", "Council's steps:", not "She said:")."""
        C, words = self.C, self.words
        for j in range(m + 1, min(hi - 1, m + 4)):
            if words[j] == ":":
                return True
            if words[j] in ("'s", "’s", "'", "’"):
                continue  # ("Council's steps:")
            if words[j] in C.words["speech_verb"] or words[j] in C.words["aux"] or self.doc[j].is_punct:
                return False
        return False

    def _participle(self, word: str) -> bool:
        return word.endswith(("ed", "en")) or word in self.C.words["irregular_participle"]

    def _opens_clause(self, j: int) -> bool:
        """A dash, bullet or colon that a clause follows: spaced ("refuge - refused"), not joining
        a word ("ex-partner")."""
        tok = self.doc[j]
        return bool(tok.whitespace_) or (j + 1 < len(self.doc) and self.doc[j + 1].is_space)

    def _clause_start(self, j: int, lo: int) -> int:
        """Where the clause holding token j starts, looking back no further than lo: after a clause
        break or "that", after ", and", after a verb of speech ("She said her ex turned up and kicked
        the door": the reported clause; "told me her ex ...": after the writer it was told to)."""
        C, words = self.C, self.words
        k = j - 1
        while k >= lo:
            w = words[k]
            if w in C.words["clause_break"] or (w == "that" and not (k - 1 >= lo and words[k - 1] in C.words["preposition"])):
                break  # ("after that", "because of that": a pronoun, not a clause's start)
            if w in C.words["coordinator"] and k - 1 >= lo and words[k - 1] == ",":
                break
            if w in C.words["speech_verb"] and k + 1 < j:
                if words[k + 1] in C.words["answer_word"] and k + 2 <= j and words[k + 2] in C.words["coordinator"]:
                    k -= 1  # "she said yes and claimed ...": what was said is an answer, not a clause
                    continue
                if words[k + 1] in C.words["object_pronoun"] and words[k + 1] in C.words["writer_pronoun"]:
                    k += 1
                break
            k -= 1
        return k + 1

    def _second_subject(self, a: int, b: int) -> int | None:
        """In tokens [a, b) a subordinate clause's subject and its verb, then the main clause's own subject
        ("when she went round Kyle answered the door"): the last word after the first subject that opens a
        subject (a subject pronoun; a title or a name, not after a preposition; the clause's first
        determiner) and has a verb after it (a lower-case word that is no pronoun or name: "Kyle
        answered", not "to see Kyle she was").  None if there is no such second subject, or a comma
        ends the first clause (clause_subject's own rules then apply)."""
        C, words, doc = self.C, self.words, self.doc
        first = None
        found = None
        m = a
        while m < b:
            w = words[m]
            if w == ",":
                return None
            pronoun = (w in C.words["female_pronoun"] or w in C.words["male_pronoun"] or w in C.words["writer_pronoun"]
                       or w in C.words["neutral_pronoun"]) and w not in C.words["object_pronoun"] \
                and w not in C.words["possessive"] and not w.endswith(("self", "selves"))
            name = not pronoun and doc[m].is_alpha and (w in C.words["title"] or doc[m].is_title and (
                m == a or words[m - 1] not in C.words["preposition"] and words[m - 1] not in C.words["title"]
                and not doc[m - 1].is_title) and self._is_name(m))
            noun = m == a and w in C.words["determiner"]  # "after the police left ..."
            if not (pronoun or name or noun):
                m += 1
                continue
            end = m + 1  # past the subject's words (a title's name, a determiner's noun)
            while end < b and (name and (doc[end].is_title or words[end] in C.words["title"]) or noun and end == m + 1):
                end += 1
            after = words[end] if end < b else ""
            verb = end < b and doc[end].is_alpha and doc[end].is_lower and after not in C.words["preposition"] \
                and after not in C.words["determiner"] and after not in C.words["female_pronoun"] \
                and after not in C.words["male_pronoun"] and after not in C.words["neutral_pronoun"]
            if first is None:
                first = m
            elif verb:
                found = m
            m = end
        return found

    def _comma_subject(self, a: int, b: int) -> int | None:
        """In tokens [a, b), a clause joined to the one before by a comma alone, with a subject of its own and
        its verb ("she has seen bruises on her arms, Jamie answers her phone and reads her messages"): where that
        last subject is (a subject pronoun, a title or a name right after the comma, a lower-case verb after
        its words; not a verb of speech or of a view held, "..., he said, and ...", "..., she thinks, and ..."); None
        if there is none."""
        C, words, doc = self.C, self.words, self.doc
        for m in range(b - 1, a, -1):
            if words[m - 1] != ",":
                continue
            w = words[m]
            pronoun = (w in C.words["female_pronoun"] or w in C.words["male_pronoun"]) \
                and w not in C.words["object_pronoun"] and w not in C.words["possessive"] and not w.endswith("self")
            name = not pronoun and doc[m].is_alpha and (w in C.words["title"] or doc[m].is_title and self._is_name(m))
            if not (pronoun or name):
                continue
            end = m + 1
            while end < b and name and (doc[end].is_title or words[end] in C.words["title"]) and end - m < 3:
                end += 1
            if end >= b:
                continue
            after = words[end]
            if doc[end].is_alpha and doc[end].is_lower and after not in C.words["preposition"] \
                    and after not in C.words["determiner"] and after not in C.words["coordinator"] \
                    and after not in C.words["relative"] and after not in C.words["speech_verb"] \
                    and after not in C.words["stance_verb"] \
                    and after not in C.words["female_pronoun"] and after not in C.words["male_pronoun"]:
                return m
        return None

    def clause_subject(self, j: int, raw: bool = False) -> Agent:
        """Subject of the clause a coordinated verb shares ("X was late and failed to ...")."""
        doc, C, words = self.doc, self.C, self.words
        lo, _ = self.sents.bounds(j)
        lo = max(lo, j - self.MAX_SCAN * 2)  # a clause, not a 100,000-token run-on "sentence"
        if j - 1 > lo and words[j - 1] == ")":
            # "agreed to the money advice referral (booked for Tuesday) and refused ...": the clause before the aside
            opening = self._aside_opening(j - 1, lo)
            if opening is not None:
                j = opening
        k = self._clause_start(j, lo) - 1
        if k >= lo and doc[k].is_alpha and words[k] in C.words["clause_break"] and words[k] != "that":
            # "when she went round Kyle answered the door and refused": a clause put first with no comma after it,
            # then the main clause's own subject (a second subject in the span): the verb is that subject's
            main = self._second_subject(k + 1, j)
            if main is not None:
                return self.classify(main, raw)
            # "X was hostile [when I asked ...] and refused": the verb joins the main clause
            outer = self.clause_subject(k, raw) if k > lo else Agent("unknown")
            if outer.kind != "unknown":
                return outer
            # "When the officer called, Ms Dale was hostile and refused": the sentence opens with the clause put
            # first, a comma ends it, and the main clause's subject comes after
            comma = next((m for m in range(k + 1, j) if words[m] == ","), None) if k == lo else None
            if comma is not None:
                main_subject = self._opening_subject(comma + 1, j, raw)
                if main_subject is not None:
                    return main_subject
        start = k + 1
        comma = self._comma_subject(start, j)
        if comma is not None:
            return self.classify(comma, raw)
        for m in range(start, j):
            tok = doc[m]
            w = words[m]
            if tok.is_punct or tok.is_space or tok.like_num or w[:1].isdigit() or w in C.words["determiner"] or w in C.words["clause_opener"] \
                    or w in C.words["calendar"] or w in C.words["aux"] or w in C.words["coordinator"]:
                continue
            if w in C.words["possessive"] and m + 1 < j and doc[m + 1].is_alpha and words[m + 1] not in C.words["aux"]:
                continue  # "His application was reviewed and refused": the thing possessed is the subject
            if tok.is_title or w in C.words["title"]:
                owned = self._owned_by(m, j, raw)
                if owned is not None:
                    return owned
            return self.classify(m, raw)
        return Agent("unknown")
