"""One phrase table for everything a profile looks for, run once per note.

Rules, exceptions, sentence conditions and the cues the context and
checklist mechanisms read are all compiled into the same table of word-hash
tuples, each under a key that says what it is for.  A note costs one hash
lookup per token; the Python work happens only around what matched.
"""
from __future__ import annotations

import marshal
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc

from ..lexicon import LexiconError
from ..patterns import WILDCARD, PatternError, class_expander, expansion_count, pattern_items, to_phrases


@dataclass(frozen=True)
class Key:
    kind: str        # what the phrase is for: "trigger", "exception", "cue", ...
    owner: str       # the rule code or cue name
    index: int = 0   # which pattern of the owner
    focus: tuple[int, int] | None = None  # reported token offsets (from start, from end)

    @property
    def group(self) -> str:
        """Where a note's hits of this key are listed (MatchTable.__call__): by kind, but a
        condition's own (its owner, a name no kind has), as each condition reads only its own."""
        return self.owner if self.kind == COND else self.kind


COND = "cond"  # the kind of the phrases of checklist and pathway conditions


class Hit(NamedTuple):
    key: Key
    start: int  # token offsets of the whole match
    end: int

    @property
    def focus(self) -> tuple[int, int]:
        if self.key.focus is None:
            return self.start, self.end
        return self.start + self.key.focus[0], self.end - self.key.focus[1]


# A pattern with more phrases than this is not put in the table phrase by
# phrase (tens of thousands of entries): its first words become anchors, and
# the rest is checked against a set of tuples where an anchor is found.  An
# anchored match costs several times a trie step, so the limit is high: at 60,
# a quarter of the phrase walk was spent in anchored lookups; at 1,000 the
# saved table is 3 % larger and the walk 25 % faster (benchmarks/stages.py).
DIRECT_LIMIT = 1000


class ClassPlans(Mapping):
    """A profile's word classes as token sequences, each expanded (or unpacked from the cache) when
    first read: a one-note check reads a few of them."""

    def __init__(self, table: "MatchTable", names):
        self._table, self._names = table, frozenset(names)

    def __getitem__(self, name: str) -> list[list[str]]:
        if name not in self._names:
            raise KeyError(name)
        return self._table.classes(name)

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class MatchTable:
    def __init__(self, nlp, class_patterns: dict[str, list[str]], share: "MatchTable | None" = None,
                 plans: dict | None = None, spellings: dict[str, str] | None = None):
        """`share`: another table whose tokenisation and word classes this one reuses;
        `plans`: compiled patterns from an earlier run (see cache.py), filled in as patterns are added;
        `spellings`: a word as written -> the word it is read as (the profile's `spellings`), applied to
        the patterns' words as the pipeline applies it to a note's ("a & e" is matched as "a and e")."""
        self.plans: dict = share.plans if share else (plans if plans is not None else {})
        self._spellings: dict[str, str] = share._spellings if share else dict(spellings or {})
        self.vocab = nlp.vocab
        self._tokenizer = nlp.tokenizer
        # a trie of word hashes as built: node = (children by next word's hash, ids of the keys of
        # phrases ending here); the walk reads it compacted (_trie, see _compact), as the cache saves it
        self._root: dict[int, tuple[dict, list[int]]] = {}
        self._trie: dict | None = None
        self._keys: list[Key] = []  # key ids -> keys (the trie holds plain ints: see state())
        self._key_ids: dict[Key, int] = {}
        self._groups: list[str] = []  # key ids -> where their hits are listed (Key.group)
        self.frozen = False  # restored from a saved state: add() has nothing left to do
        self.sealed = False  # compiled and compacted (seal): nothing more may be added
        self._tok_cache: dict[str, list[str]] = share._tok_cache if share else {}
        self._hashes: dict[str, int] = share._hashes if share else {}  # a word's hash, while compiling
        # anchored patterns: first word -> [(head, tails, key id, tail lengths by the word after the head)]
        self._anchored: dict[str, list] = defaultdict(list)
        self._by_next: dict[int, dict[int, list]] = {}  # the same by the word after the first (_by_next_word)
        self._tails: list = []  # a restored table's anchored tails, by index (see state)
        self.unpacked = 0  # how many parts restored from the cache have been unpacked so far
        # words too frequent to anchor a large pattern on (each occurrence would be checked)
        self.common_words: frozenset[str] = share.common_words if share else frozenset()
        self._expand = share._expand if share else class_expander(class_patterns, self.tokenize)
        self._filter: tuple[np.ndarray, ...] | None = None  # built on first use (see _starts)
        strings = nlp.vocab.strings
        self._wild = strings.add(WILDCARD)
        # what * does not stand for: a sentence's or a line's end
        self._barriers = frozenset(strings.add(w) for w in (".", "!", "?", ";", "\n", "\n\n", "\r\n"))

    def classes(self, name: str) -> list[list[str]]:
        """The token sequences of word class `name`."""
        plan = self.plans.get("class " + name)
        if plan.__class__ is bytes:  # as saved in the cache (see pipeline.py), unpacked when first read
            plan = self.plans["class " + name] = marshal.loads(plan)
            self.unpacked += 1
        if plan is None:
            try:
                plan = self._expand(name)
            except PatternError as exc:
                raise LexiconError("classes", None, f"@{name}: {exc}") from None
            self.plans["class " + name] = plan
        return plan

    def tokenize(self, text: str) -> list[str]:
        cached = self._tok_cache.get(text)
        if cached is None and text[:1] in ("'", "’") and " " not in text:
            cached = [text.lower()]  # a clitic such as 'm or ’s is one token in running text
        if cached is None and text and text.isspace():
            # a quoted line break ("\n"): the whitespace token a note's line ends with; a quoted space
            # (" "): the token of a second space in a row ("yes  [ ] no")
            cached = [text]
        if cached is None:
            cached = [t.lower_ for t in self._tokenizer(text) if not t.is_space]
            if self._spellings:
                cached = [self._spellings.get(w, w) for w in cached]
        self._tok_cache[text] = cached
        return cached

    def add(self, kind: str, owner: str, index: int, pattern: str, source: str = "") -> None:
        if self.frozen:
            return
        if self.sealed:
            raise RuntimeError("a pattern added to a sealed table (MatchTable.seal)")
        plan = self.plans.get("pattern " + pattern)
        if plan is None:
            try:
                plan = self._plan(pattern_items(pattern, self.tokenize, self._expand), pattern)
            except PatternError as exc:
                path, _, line = source.rpartition(":")
                raise LexiconError(path or source, int(line) if line.isdigit() else None,
                                   f"{owner}: bad pattern: {exc}") from None
            self.plans["pattern " + pattern] = plan
        self._filter = self._trie = None
        for step in plan:
            if step[0] == "anchored":
                self._add_anchored(Key(kind, owner, index), step[1], step[2])
            else:
                self._add_direct(kind, owner, index, step[1])

    def _plan(self, items, pattern: str) -> list:
        """How a pattern is matched: [["direct", phrases]] or [["anchored", heads, tails], ...],
        phrases as (words, (focus start, focus end)) tuples, as the expansion made them (a plan lives only
        while the lexicon is compiled: seal)."""
        wild = any(WILDCARD in w for item in items for w, _ in item)  # only the trie walk knows *
        if (not wild and expansion_count(items) > DIRECT_LIMIT and len(items) > 1 and not any(f for _, f in items[0])
                and not any(w and w[0] in self.common_words for w, _ in items[0])):
            heads = [list(w) for w, _ in items[0] if w]
            steps = []
            if len(heads) < len(items[0]):  # an optional first part: the pattern without it too
                steps += self._plan(items[1:], pattern)
            if heads:
                steps.append(["anchored", heads, [(ph.words, ph.focus) for ph in to_phrases(items[1:], pattern)]])
            return steps
        return [["direct", [(ph.words, ph.focus) for ph in to_phrases(items, pattern)]]]

    def _add_direct(self, kind: str, owner: str, index: int, phrases) -> None:
        add = self.vocab.strings.add
        hashes = self._hashes  # (each word hashed once per compile, not at every phrase it is in)
        keys: dict = {}
        for words, (fs, fe) in phrases:
            n = len(words)
            if not n:
                continue
            focus = None if (fs, fe) == (0, n) else (fs, n - fe)
            key = keys.get(focus)
            if key is None:
                key = keys[focus] = self._key_id(Key(kind, owner, index, focus))
            children = self._root
            for w in words:
                hw = hashes.get(w)
                if hw is None:
                    hw = hashes[w] = add(w)
                node = children.get(hw)
                if node is None:
                    node = children[hw] = ({}, [])
                children = node[0]
            if key not in node[1]:
                node[1].append(key)

    def _key_id(self, key: Key) -> int:
        found = self._key_ids.get(key)
        if found is None:
            found = self._key_ids[key] = len(self._keys)
            self._keys.append(key)
            self._groups.append(key.group)
        return found

    def state(self) -> tuple:
        """The compiled table as plain data (ints, strings, bytes, tuples, lists, dicts), to be saved
        with marshal and given to restore() in a later run instead of compiling the lexicon.

        Each first word's part of the trie and each anchored pattern's tails are marshalled on their
        own, and restore() leaves them as bytes until a note first reaches them: a one-note check
        unpacks the few dozen it needs instead of the whole table (most of start-up's time)."""
        keys = [(k.kind, k.owner, k.index, k.focus) for k in self._keys]
        trie = {w: marshal.dumps(node) for w, node in self.trie().items()}
        tails: dict[int, int] = {}  # id of a tails table -> its index in `blobs` (heads share one)
        blobs: list[bytes] = []
        anchored = {}
        for w, entries in self._anchored.items():
            anchored[w] = []
            for head, table, key_id, seconds in entries:
                if id(table) not in tails:
                    tails[id(table)] = len(blobs)
                    blobs.append(marshal.dumps(table))
                anchored[w].append((head, tails[id(table)], key_id, seconds))
        bits = self._filter if self._filter is not None else self._build_filter()
        return keys, trie, anchored, blobs, tuple(np.packbits(b).tobytes() for b in bits)

    def trie(self) -> dict:
        """The trie as the walk reads it (see _compact); a part restored from the cache and not yet
        reached is still bytes (see state)."""
        if self._trie is None:
            self._trie = {w: _compact(node, self._wild) for w, node in self._root.items()}
        return self._trie

    def seal(self) -> None:
        """Every pattern added: the trie is compacted while the structure it was built in is let go, node
        by node, and the patterns' expansions are dropped (the cache keeps only the word classes'), so
        that a compile from the YAML does not hold the lexicon three times over.  Nothing more is added."""
        if self._trie is None:
            root, wild = self._root, self._wild
            self._trie = {w: _compact(root.pop(w), wild) for w in list(root)}
        self._root = {}
        for name in [k for k in self.plans if k.startswith("pattern ")]:
            del self.plans[name]
        self._hashes = {}
        self.sealed = True

    def restore(self, state) -> None:
        keys, self._trie, anchored, blobs, bits = state
        self._root = {}  # (frozen: nothing is added to it)
        self._keys = [Key(kind, owner, index, tuple(focus) if focus is not None else None)
                      for kind, owner, index, focus in keys]
        self._key_ids = {k: i for i, k in enumerate(self._keys)}
        self._groups = [k.group for k in self._keys]
        self._tails = list(blobs)  # unpacked in place when first needed (_anchored_hits)
        self._anchored = defaultdict(list, anchored)
        self._by_next = {}
        self._filter = tuple(np.unpackbits(np.frombuffer(b, dtype=np.uint8)).astype(bool) for b in bits)
        self.frozen = True

    def preload(self) -> None:
        """Unpacks now every part restored from the cache that no note has needed yet (see state):
        for a long-running process, so that no request pays for it later."""
        trie = self.trie()
        for w, node in list(trie.items()):
            if node.__class__ is bytes:
                trie[w] = marshal.loads(node)
        self._tails = [marshal.loads(t) if t.__class__ is bytes else t for t in self._tails]
        for name, plan in list(self.plans.items()):
            if plan.__class__ is bytes:
                self.plans[name] = marshal.loads(plan)
        self.unpacked += 1

    def _add_anchored(self, key: Key, heads, tails) -> None:
        """Index a large pattern by its first item; the rest is looked up as tuples of word hashes."""
        h = self.vocab.strings.add
        hashes = self._hashes
        table = {tuple([hashes[w] if w in hashes else hashes.setdefault(w, h(w)) for w in words]): tuple(focus)
                 for words, focus in tails}
        # the word after the head, to skip most places at once, with the lengths of the tails it begins
        # (only those are looked up)
        by_second = defaultdict(set)
        for t in table:
            by_second[t[0]].add(len(t))
        seconds = {w: tuple(sorted(n, reverse=True)) for w, n in by_second.items()}
        for head in heads:
            self._anchored[h(head[0])].append((tuple(h(w) for w in head), table, self._key_id(key), seconds))
        self._by_next.clear()

    def _anchored_hits(self, lower: list[int], s: int, out, entries: list) -> None:
        """The hits of the anchored patterns `entries` (those whose first two words are the note's at s)."""
        n = len(lower)
        for head, table, key_id, seconds in entries:
            h = len(head)
            if s + h >= n:
                continue
            lengths = seconds.get(lower[s + h])
            if lengths is None or (h > 2 and tuple(lower[s:s + h]) != head):
                continue
            if table.__class__ is int:  # restored from the cache (see state)
                tid, table = table, self._tails[table]
                if table.__class__ is bytes:  # not unpacked yet
                    table = self._tails[tid] = marshal.loads(table)
                    self.unpacked += 1
            for length in lengths:
                e = s + h + length
                if e <= n:
                    focus = table.get(tuple(lower[s + h:e]))
                    if focus is not None:
                        total = h + length
                        f = None if focus == (0, length) else (h + focus[0], total - (h + focus[1]))
                        key = self._keys[key_id]
                        out[self._groups[key_id]].append(Hit(Key(key.kind, key.owner, key.index, f), s, e))

    def _build_filter(self) -> tuple[np.ndarray, ...]:
        """Bit tables (see _slot) of where a phrase may start, read from the trie's first three levels:
        words that are a phrase (or begin one whose second and third words may be any); word pairs
        that are a phrase or begin one whose third word may be any; word pairs that begin a phrase and
        the triples that do; words followed by any word in a phrase and their pairs with the third."""
        singles, pairs, prefixes, triples, wild, skips = set(), set(), set(), set(), set(), set()
        for w, (children, keys, anyword) in self.trie().items():
            if keys:
                singles.add(w)
            if anyword is not None:
                second, keys2, third = anyword
                if keys2 or third is not None:
                    singles.add(w)
                wild.add(w)
                skips.update(_pair(w, v) for v in second or ())
            for v, (grand, keys2, anyword2) in (children or {}).items():
                wv = _pair(w, v)
                if keys2 or anyword2 is not None:
                    pairs.add(wv)
                elif grand:
                    prefixes.add(wv)
                    triples.update(_pair(wv, x) for x in grand)
        for w, entries in self._anchored.items():
            for head, _table, _key, seconds in entries:
                if len(head) > 1:
                    pairs.add(_pair(w, head[1]))
                else:
                    pairs.update(_pair(w, v) for v in seconds)
        return tuple(_bits(x) for x in (singles, pairs, prefixes, triples, wild, skips))

    def starts(self, words: np.ndarray, bounds: list[int] | None = None) -> list[list[int]]:
        """Where a phrase may start, in each of the notes whose word hashes are concatenated in
        `words` (note k is words[bounds[k]:bounds[k+1]]; default: one note): the word, the word and
        the next, or the word and the next two (the middle one perhaps any word) begin a phrase.  A
        few vectorised lookups for a whole batch of notes instead of a Python step per word; the trie
        walk checks the rest."""
        if bounds is None:
            bounds = [0, len(words)]
        if self._filter is None:
            self._filter = self._build_filter()
        singles, pairs, prefixes, triples, wild, skips = self._filter
        first = _slot(words)
        found = singles[first]
        # a pair or triple across two notes only adds a place; the walk stops at the note's end
        with np.errstate(over="ignore"):
            if len(words) > 1:
                two = words[:-1] * _MIX + words[1:]
                slot2 = _slot(two)
                found[:-1] |= pairs[slot2]
            if len(words) > 2:
                third = words[2:]
                found[:-2] |= ((prefixes[slot2[:-1]] & triples[_slot(two[:-1] * _MIX + third)])
                               | (wild[first[:-2]] & skips[_slot(words[:-2] * _MIX + third)]))
        return split_places(np.flatnonzero(found), bounds)

    def __call__(self, doc: Doc, lower: list[int] | None = None, starts: list[int] | None = None
                 ) -> dict[str, list[Hit]]:
        """Hits grouped by kind (a condition's by its owner: Key.group): every phrase at every
        place, overlaps included.

        From each place where a phrase may start (`starts`, computed here for one note; see
        NotelintComponent.pipe for a batch), a walk down a trie of the following words until they
        stop matching.  (spaCy's PhraseMatcher does the same in Cython, but building it from
        ~20,000 pattern Docs took over a second at every start-up; this table is built from the
        cached plans in milliseconds.)
        """
        out: dict[str, list[Hit]] = defaultdict(list)
        if starts is None:
            words = doc.to_array(LOWER)
            starts = self.starts(words)[0]
            lower = words.tolist()
        n = len(lower)
        root = self._trie if self._trie is not None else self.trie()
        anchored, by_next = self._anchored, self._by_next
        new = tuple.__new__  # a Hit without the NamedTuple constructor's Python frame (hot loop)
        key_of, group_of = self._keys, self._groups
        barriers = self._barriers
        for s in starts:
            w = lower[s]
            node = root.get(w)
            if node is not None:
                if node.__class__ is bytes:  # restored from the cache and not unpacked yet (see state)
                    node = root[w] = marshal.loads(node)
                    self.unpacked += 1
                e = s + 1
                branches = None  # (node, end) still to walk: where a * could stand for the word
                while True:
                    children, keys, anyword = node
                    if keys:
                        for k in keys:
                            out[group_of[k]].append(new(Hit, (key_of[k], s, e)))
                    nxt = None
                    if e < n:
                        if children is not None:
                            nxt = children.get(lower[e])
                        if anyword is not None and lower[e] not in barriers:
                            if nxt is None:
                                nxt = anyword
                            else:
                                branches = branches or []
                                branches.append((anyword, e + 1))
                    if nxt is not None:
                        node = nxt
                        e += 1
                    elif branches:
                        node, e = branches.pop()
                    else:
                        break
            if w in anchored and s + 1 < n:
                nexts = by_next.get(w)
                if nexts is None:
                    nexts = by_next[w] = _by_next_word(anchored[w])
                entries = nexts.get(lower[s + 1])
                if entries is not None:
                    self._anchored_hits(lower, s, out, entries)
        return out

_MIX = np.uint64(0x9E3779B97F4A7C15)  # pairs of 64-bit word hashes mixed into one (collisions only add places)
_BITS = 18  # a table of 2**18 flags: with a few thousand entries, under 2 % of other words or pairs pass
_SHIFT = np.uint64(64 - _BITS)
SLOT_BITS = _BITS
MIX = _MIX


def _compact(node: tuple, wild: int) -> tuple:
    """A node of the trie as the walk reads it and the cache saves it: (children or None, keys as a
    tuple, the node after a * or None).  A leaf has no empty dict or list to build when a cached
    table loads, and the walk tests a * with one `is not None` instead of a lookup at every word."""
    sub, keys = node
    anyword = sub.get(wild) if sub else None
    rest = {w: _compact(x, wild) for w, x in sub.items() if w != wild} if sub else None
    return rest or None, tuple(keys), _compact(anyword, wild) if anyword is not None else None


def _by_next_word(entries: list) -> dict[int, list]:
    """A first word's anchored patterns by the word that must follow it (the head's second word, or
    any first word of its tails): most places where the first word stands are passed over with one
    lookup instead of a look at every pattern."""
    out: dict[int, list] = defaultdict(list)
    for entry in entries:
        head, _table, _key, seconds = entry
        for w in ((head[1],) if len(head) > 1 else seconds):
            out[w].append(entry)
    return dict(out)


def _pair(a: int, b: int) -> int:
    return (a * 0x9E3779B97F4A7C15 + b) & 0xFFFFFFFFFFFFFFFF


def _slot(values: np.ndarray) -> np.ndarray:
    """Where a 64-bit hash falls in a bit table: its top bits, mixed (one multiply, no search)."""
    with np.errstate(over="ignore"):
        return ((values * _MIX) >> _SHIFT).astype(np.intp)


def word_slots(words: np.ndarray) -> np.ndarray:
    """The slots of words' hashes in a table of 2**SLOT_BITS entries."""
    return _slot(words)


def pair_slots(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The slots of word pairs (first[k], second[k]) in a table of 2**SLOT_BITS entries."""
    with np.errstate(over="ignore"):
        return _slot(first * _MIX + second)


def _bits(values) -> np.ndarray:
    """A bit table with the slots of `values` set: a hash whose slot is unset is surely not among
    them; one whose slot is set may be (the trie walk decides)."""
    table = np.zeros(1 << _BITS, dtype=bool)
    if values:
        table[_slot(np.fromiter(values, dtype=np.uint64, count=len(values)))] = True
    return table


def split_places(places: np.ndarray, bounds: list[int]) -> list[list[int]]:
    """Sorted positions in a batch's concatenated words -> each note's own positions."""
    cuts = np.searchsorted(places, bounds).tolist()
    # each position made relative to its note's first word in one step, then cut into Python lists
    local = (places - np.repeat(np.asarray(bounds[:-1], dtype=places.dtype), np.diff(cuts))).tolist()
    return [local[cuts[k]:cuts[k + 1]] for k in range(len(bounds) - 1)]


_BY_PLACE = itemgetter(1, 2)  # a Hit's (start, end), read in C


class HitIndex:
    """Hits sorted by start, so "is this span inside one?" and "which start in [lo, hi)?" cost a
    binary search instead of a scan (a long note has many hits: scans would make it quadratic)."""

    __slots__ = ("hits", "starts", "longest")

    def __init__(self, hits):
        self.hits = hits = sorted(hits, key=_BY_PLACE)
        self.starts = [h[1] for h in hits]
        self.longest = max([h[2] - h[1] for h in hits], default=0)

    @classmethod
    def of(cls, hits) -> "HitIndex":
        """The index of `hits` (a list): one shared empty index for no hits, the most common case."""
        return cls(hits) if hits else _NO_HITS

    def covers(self, start: int, end: int) -> bool:
        """Some hit spans start:end."""
        k = bisect_right(self.starts, start) - 1
        lo = start - self.longest
        while k >= 0 and self.starts[k] >= lo:
            if self.hits[k].end >= end:
                return True
            k -= 1
        return False

    def between(self, lo: int, hi: int) -> list:
        """Hits starting in [lo, hi)."""
        return self.hits[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]


_NO_HITS = HitIndex(())  # (read only: nothing adds to an index)
