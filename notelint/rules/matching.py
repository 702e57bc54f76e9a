"""One phrase table for everything a profile looks for, run once per note.

Rules, exceptions, sentence conditions and the cues the context and
checklist mechanisms read are all compiled into the same table of word-hash
tuples, each under a key that says what it is for.  A batch of notes costs a
few vectorised lookups per phrase length (MatchTable.match); the Python work
happens only around what matched.
"""
from __future__ import annotations

import marshal
from array import array
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


# A pattern with more phrases than this is not put in the compile's trie phrase
# by phrase (tens of thousands of nodes, each a dict and a list): its first
# words and the rest are kept apart as tuples of word hashes, and its phrases
# go into the levels' arrays from there (_build_levels), so that a compile from
# the YAML holds less.  What the walk reads is the same either way.
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
                 plans: dict | None = None, spellings: dict[str, str] | None = None,
                 inflections: dict[str, tuple[str, ...]] | None = None):
        """`share`: another table whose tokenisation and word classes this one reuses;
        `plans`: compiled patterns from an earlier run (see cache.py), filled in as patterns are added;
        `spellings`: a word as written -> the word it is read as (the profile's `spellings`), applied to
        the patterns' words as the pipeline applies it to a note's ("a & e" is matched as "a and e");
        `inflections`: a lemma -> forms the lookup table lacks (the profile's `inflections`), read by `~lemma`."""
        self.plans: dict = share.plans if share else (plans if plans is not None else {})
        self._spellings: dict[str, str] = share._spellings if share else dict(spellings or {})
        self.vocab = nlp.vocab
        self._tokenizer = nlp.tokenizer
        # a trie of word hashes as built: node = [children by next word's hash, ids of the keys of phrases
        # ending here] (each None until needed), read into the levels the walk reads (see Levels)
        self._root: dict[int, list] = {}
        self._keys: list[Key] = []  # key ids -> keys (the trie and the levels hold plain ints: see state())
        self._key_ids: dict[Key, int] = {}
        self._groups: list[str] = []  # key ids -> where their hits are listed (Key.group)
        self.frozen = False  # restored from a saved state: add() has nothing left to do
        self.sealed = False  # compiled and compacted (seal): nothing more may be added
        self._tok_cache: dict[str, list[str]] = share._tok_cache if share else {}
        self._hashes: dict[str, int] = share._hashes if share else {}  # a word's hash, while compiling
        # anchored patterns, while compiling: first word -> [(head, tails, key id)] (see _add_anchored)
        self._anchored: dict[str, list] = defaultdict(list)
        self.unpacked = 0  # how many times word classes restored from the cache have been unpacked
        # words too frequent to anchor a large pattern on (each occurrence would be checked)
        self.common_words: frozenset[str] = share.common_words if share else frozenset()
        self._inflections = share._inflections if share else dict(inflections or {})
        self._expand = share._expand if share else class_expander(class_patterns, self.tokenize, self._inflections)
        self._levels: Levels | None = None  # what the walk reads (see levels)
        self._emit: list | None = None  # a key set's (group, key) pairs (see __call__)
        strings = nlp.vocab.strings
        self._wild = strings.add(WILDCARD)
        # what * does not stand for: a sentence's or a line's end
        self._barrier_array = np.array([strings.add(w) for w in (".", "!", "?", ";", "\n", "\n\n", "\r\n")],
                                       dtype=np.uint64)
        self._wild_hash = np.uint64(self._wild)

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
                plan = self._plan(pattern_items(pattern, self.tokenize, self._expand, self._inflections), pattern)
            except PatternError as exc:
                path, _, line = source.rpartition(":")
                raise LexiconError(path or source, int(line) if line.isdigit() else None,
                                   f"{owner}: bad pattern: {exc}") from None
            if all(step[0] == "anchored" for step in plan):
                # (an anchored plan's tails are held by the table anyway; a direct plan's phrases are in the
                # trie once added, and not kept: a pattern used again is expanded again, so that a compile
                # does not hold every phrase twice)
                self.plans["pattern " + pattern] = plan
        self._levels = None
        for step in plan:
            if step[0] == "anchored":
                self._add_anchored(Key(kind, owner, index), step[1], step[2])
            else:
                self._add_direct(kind, owner, index, step[1])

    def _plan(self, items, pattern: str) -> list:
        """How a pattern is matched: [["direct", phrases]] or [["anchored", heads, tails], ...],
        phrases as (words, (focus start, focus end)) tuples, as the expansion made them (a plan lives only
        while the lexicon is compiled: seal)."""
        wild = any(WILDCARD in w for item in items for w, _ in item)  # (a * is a child in the trie, not in a tail)
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
            children, node = self._root, None
            for w in words:
                hw = hashes.get(w)
                if hw is None:
                    hw = hashes[w] = add(w)
                if node is not None:
                    children = node[0]
                    if children is None:
                        children = node[0] = {}
                node = children.get(hw)
                if node is None:
                    node = children[hw] = [None, None]  # (a dict and a list only when needed: most nodes are leaves)
            if node[1] is None:
                node[1] = [key]
            elif key not in node[1]:
                node[1].append(key)

    def _key_id(self, key: Key) -> int:
        found = self._key_ids.get(key)
        if found is None:
            found = self._key_ids[key] = len(self._keys)
            self._keys.append(key)
            self._groups.append(key.group)
        return found

    def state(self) -> tuple:
        """The compiled table as plain data (ints, strings, bytes, tuples, lists), to be saved with
        marshal and given to restore() in a later run instead of compiling the lexicon: the keys, each
        level's arrays as bytes (restore() reads them where they lie: nothing is unpacked) and the key sets."""
        levels = self.levels()
        keys = [(k.kind, k.owner, k.index, k.focus) for k in self._keys]
        return (keys, [(h.tobytes(), s.tobytes(), w.tobytes()) for h, s, w in zip(*levels[:3])],
                [tuple(ks) for ks in levels.keysets])

    def seal(self) -> None:
        """Every pattern added: the trie and the anchored patterns are read into the levels and let go
        as they are read, first word by first word, and the patterns' expansions are dropped (the cache
        keeps only the word classes'), so that a compile from the YAML does not hold the lexicon twice
        over.  Nothing more is added."""
        if self._levels is None:
            self._levels = self._build_levels(consume=True)
            self._emit = None
        self._root, self._anchored = {}, defaultdict(list)
        for name in [k for k in self.plans if k.startswith("pattern ")]:
            del self.plans[name]
        self._hashes = {}
        self.sealed = True

    def restore(self, state) -> None:
        keys, levels, keysets = state
        self._root, self._anchored = {}, defaultdict(list)  # (frozen: nothing is added to them)
        self._keys = [Key(kind, owner, index, tuple(focus) if focus is not None else None)
                      for kind, owner, index, focus in keys]
        self._key_ids = {k: i for i, k in enumerate(self._keys)}
        self._groups = [k.group for k in self._keys]
        self._levels = Levels([np.frombuffer(h, dtype=np.uint64) for h, _, _ in levels],
                              [np.frombuffer(s, dtype=np.int32) for _, s, _ in levels],
                              [np.frombuffer(w, dtype=np.bool_) for _, _, w in levels], list(keysets))
        self._emit = None
        self.frozen = True

    def preload(self) -> None:
        """Unpacks now every word class restored from the cache that no note has needed yet: for a
        long-running process, so that no request pays for it later."""
        for name, plan in list(self.plans.items()):
            if plan.__class__ is bytes:
                self.plans[name] = marshal.loads(plan)
                self.unpacked += 1

    def _add_anchored(self, key: Key, heads, tails) -> None:
        """Keep a large pattern as its first item and the rest, tuples of word hashes: the levels are
        built from them without a trie node per phrase."""
        h = self.vocab.strings.add
        hashes = self._hashes
        table = {tuple([hashes[w] if w in hashes else hashes.setdefault(w, h(w)) for w in words]): tuple(focus)
                 for words, focus in tails}
        for head in heads:
            self._anchored[h(head[0])].append((tuple(h(w) for w in head), table, self._key_id(key)))

    def levels(self) -> "Levels":
        """The table as the walk reads it (see Levels), built from the trie and the anchored patterns
        when first needed."""
        if self._levels is None:
            self._levels = self._build_levels()
            self._emit = None
        return self._levels

    def _build_levels(self, consume: bool = False) -> "Levels":
        """`consume`: each part of the trie and each anchored pattern is let go once it is read (seal)."""
        hashes: list[array] = []  # by depth: the prefixes' hashes, their key sets (-1: none), a * after them
        sets: list[array] = []
        wild: list[bytearray] = []
        keysets: list[tuple[int, ...]] = []
        ids: dict[tuple[int, ...], int] = {}

        def keyset(keys) -> int:
            keys = tuple(keys)
            found = ids.get(keys)
            if found is None:
                found = ids[keys] = len(keysets)
                keysets.append(keys)
            return found

        def level(depth: int) -> tuple[array, array, bytearray]:
            while len(hashes) <= depth:
                hashes.append(array("Q")), sets.append(array("q")), wild.append(bytearray())
            return hashes[depth], sets[depth], wild[depth]

        mix, wildcard, root = int(_MIX), self._wild, self._root
        for first in list(root):
            stack = [(first, root.pop(first) if consume else root[first], 0)]
            while stack:  # (a * is a child like any word: its hash is that of *)
                h, (children, keys), depth = stack.pop()
                hs, ss, ws = level(depth)
                hs.append(h), ss.append(keyset(keys) if keys else -1), ws.append(bool(children) and wildcard in children)
                if children:
                    base = h * mix
                    stack.extend(((base + w) & _MASK, child, depth + 1) for w, child in children.items())
        powers = [1]
        tails_of: dict[int, tuple] = {}  # a tails table -> its prefixes' hashes, lengths, focus (see _tail_prefixes)
        for first in list(self._anchored):
            for head, table, key_id in (self._anchored.pop(first) if consume else self._anchored[first]):
                h = 0
                for depth, w in enumerate(head):
                    h = (h * mix + w) & _MASK if depth else w
                    hs, ss, ws = level(depth)
                    hs.append(h), ss.append(-1), ws.append(False)
                prefixes = tails_of.get(id(table))
                if prefixes is None:
                    prefixes = tails_of[id(table)] = (table, *_tail_prefixes(table))
                _, tail_hashes, lengths, ends = prefixes
                while len(powers) <= int(lengths.max()):
                    powers.append((powers[-1] * mix) & _MASK)
                n, key = len(head), self._keys[key_id]
                with np.errstate(over="ignore"):
                    at = np.uint64(h) * np.array(powers, dtype=np.uint64)[lengths] + tail_hashes
                ks = np.full(len(at), -1, dtype=np.int64)
                for k, (length, (fs, fe)) in ends.items():  # a whole tail: its key, its focus from the head's start
                    total = n + length
                    focus = None if (fs, fe) == (0, length) else (n + fs, total - (n + fe))
                    ks[k] = keyset((self._key_id(Key(key.kind, key.owner, key.index, focus)),))
                for length in np.unique(lengths).tolist():
                    sel = lengths == length
                    hs, ss, ws = level(n + length - 1)
                    hs.frombytes(at[sel].tobytes()), ss.frombytes(ks[sel].tobytes()), ws.extend(bytes(int(sel.sum())))
        del tails_of
        out = Levels([], [], [], keysets)
        for depth in range(len(hashes)):
            h = np.frombuffer(hashes[depth], dtype=np.uint64)
            order = np.argsort(h, kind="stable")  # (stable: the trie's keys before an anchored pattern's)
            h = h[order]
            hashes[depth] = None
            s = np.frombuffer(sets[depth], dtype=np.int64)[order]
            w = np.frombuffer(wild[depth], dtype=np.bool_)[order]
            sets[depth] = wild[depth] = None
            first = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
            merged = np.maximum.reduceat(s, first)
            several = np.add.reduceat((s >= 0).astype(np.int32), first) > 1
            for g in np.flatnonzero(several).tolist():  # the same words from two patterns: their keys together
                end = first[g + 1] if g + 1 < len(first) else len(s)
                keys = [k for x in s[first[g]:end].tolist() if x >= 0 for k in keysets[x]]
                merged[g] = keyset(dict.fromkeys(keys))
            out.hashes.append(h[first])
            out.sets.append(merged.astype(np.int32))
            out.wild.append(np.logical_or.reduceat(w, first))
        return out

    def match(self, words: np.ndarray, bounds: list[int] | None = None) -> list[list[int]]:
        """Every phrase at every place, overlaps included, in each of the notes whose word hashes are
        concatenated in `words` (note k is words[bounds[k]:bounds[k+1]]; default: one note): for each
        note a flat list start, end, key set, start, end, ... sorted by start and end (__call__ reads it).

        The walk goes down the levels for the whole batch at once: the places whose first word begins a
        phrase, then those whose first two words do (the second perhaps any word: *), and so on, each
        level one vectorised lookup; no Python step per word or per place."""
        if bounds is None:
            bounds = [0, len(words)]
        levels = self.levels()
        notes = len(bounds) - 1
        if not len(words) or not levels.hashes:
            return [[] for _ in range(notes)]
        words = np.asarray(words, dtype=np.uint64)
        b = np.asarray(bounds, dtype=np.intp)
        end_of = np.repeat(b[1:], np.diff(b))  # a place's note's end
        barrier = np.isin(words, self._barrier_array)  # what * does not stand for
        table = levels.hashes[0]
        at = _places_in(table, words)
        pos = np.flatnonzero(table[at] == words)
        h, node = words[pos], at[pos]
        found_pos, found_len, found_set = [], [], []
        depth = 1
        with np.errstate(over="ignore"):
            while len(pos):
                ks = levels.sets[depth - 1][node]
                ends = ks >= 0
                if ends.any():
                    found_pos.append(pos[ends])
                    found_len.append(np.full(int(ends.sum()), depth, dtype=np.intp))
                    found_set.append(ks[ends])
                if depth == len(levels.hashes):
                    break
                nxt = pos + depth
                inside = nxt < end_of[pos]
                if not inside.all():
                    pos, h, node, nxt = pos[inside], h[inside], node[inside], nxt[inside]
                w = words[nxt]
                base = h * _MIX
                any_word = levels.wild[depth - 1][node] & ~barrier[nxt] & (w != self._wild_hash)
                if any_word.any():
                    pos = np.concatenate((pos, pos[any_word]))
                    h = np.concatenate((base + w, base[any_word] + self._wild_hash))
                else:
                    h = base + w
                table = levels.hashes[depth]
                at = _places_in(table, h)
                keep = table[at] == h
                pos, h, node = pos[keep], h[keep], at[keep]
                depth += 1
        if not found_pos:
            return [[] for _ in range(notes)]
        pos, length, ks = np.concatenate(found_pos), np.concatenate(found_len), np.concatenate(found_set)
        order = np.lexsort((length, pos))  # (stable: at one place and length, a word before a *)
        pos, length, ks = pos[order], length[order], ks[order]
        cuts = np.searchsorted(pos, b)
        local = pos - np.repeat(b[:-1], np.diff(cuts))
        flat = np.stack((local, local + length, ks.astype(np.intp)), axis=1).ravel().tolist()
        cuts = (cuts * 3).tolist()
        return [flat[cuts[k]:cuts[k + 1]] for k in range(notes)]

    def __call__(self, doc: Doc, found: list[int] | None = None) -> dict[str, list[Hit]]:
        """Hits grouped by kind (a condition's by its owner: Key.group): every phrase at every
        place, overlaps included.  `found`: the note's part of match() over its batch (NotelintComponent.pipe);
        by default matched here on the doc's own words.

        (spaCy's PhraseMatcher does the same in Cython, but building it from ~20,000 pattern Docs took over
        a second at every start-up; these arrays are read from the cache as they lie.)"""
        if found is None:
            found = self.match(doc.to_array(LOWER))[0]
        out: dict[str, list[Hit]] = defaultdict(list)
        emit = self._emit
        if emit is None:
            emit = self._emit = [tuple((self._groups[k], self._keys[k]) for k in ks) for ks in self.levels().keysets]
        new = tuple.__new__  # a Hit without the NamedTuple constructor's Python frame (hot loop)
        it = iter(found)
        for s, e, ks in zip(it, it, it):
            for group, key in emit[ks]:
                out[group].append(new(Hit, (key, s, e)))
        return out


def _places_in(table: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Where each value would stand in the sorted `table` (clipped to its last place): searched for in
    sorted order, which numpy's binary search does two to four times faster (each search starts from
    the last one's place, and the table's pages are read in order)."""
    order = np.argsort(values)
    at = np.empty(len(values), dtype=np.intp)
    at[order] = np.searchsorted(table, values[order])
    return np.minimum(at, len(table) - 1, out=at)


def _tail_prefixes(table: dict) -> tuple[np.ndarray, np.ndarray, dict]:
    """An anchored pattern's tails (tuple of word hashes -> focus) as their distinct prefixes: each one's
    hash from its own first word (as if it began a phrase; the head's hash times MIX to the power of its
    length is added for each head), its length, and for the prefixes that are whole tails, by their place,
    (length, focus)."""
    mix = int(_MIX)
    index: dict[tuple[int, ...], int] = {}
    hashes, lengths, ends = array("Q"), array("q"), {}
    for tail, focus in table.items():
        h = 0
        for k in range(len(tail)):
            h = (h * mix + tail[k]) & _MASK
            prefix = tail[:k + 1]
            at = index.get(prefix)
            if at is None:
                at = index[prefix] = len(hashes)
                hashes.append(h), lengths.append(k + 1)
        ends[at] = (len(tail), focus)
    return np.frombuffer(hashes, dtype=np.uint64), np.frombuffer(lengths, dtype=np.int64), ends


class Levels(NamedTuple):
    """The phrase table by depth, as arrays: at depth d, the sorted hashes of every phrase's first d + 1
    words (a * as the hash of *; h(w0) = w0, h(w0..wd) = h(w0..wd-1) * MIX + wd, mod 2**64), the key set
    of the phrases that end there (an index into keysets, or -1) and whether a * may follow."""
    hashes: list[np.ndarray]
    sets: list[np.ndarray]
    wild: list[np.ndarray]
    keysets: list[tuple[int, ...]]  # key ids


_MASK = 0xFFFFFFFFFFFFFFFF


_MIX = np.uint64(0x9E3779B97F4A7C15)  # pairs of 64-bit word hashes mixed into one (collisions only add places)
_BITS = 18  # a table of 2**18 flags: with a few thousand entries, under 2 % of other words or pairs pass
_SHIFT = np.uint64(64 - _BITS)
SLOT_BITS = _BITS
MIX = _MIX


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
