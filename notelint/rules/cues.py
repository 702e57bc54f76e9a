"""Context cues, ConText-style: one algorithm for every cue the lexicon declares (context.yaml).

A cue's phrases are compiled as a word class of their own.  For a match at tokens [s, e), a
forward cue counts when it ends within `scope` words before s, a backward cue when it starts
within `scope` words after e, with no terminator of a group the cue names in between and inside
the sentence; a pseudo cue overlapping it ("not only") cancels it (or, if the pseudo cue names the
categories it `cancels`, a cue of one of those: "not known to police" is an answer, not a blank
field, yet still a negation).  The engine asks only by
category ("is this match negated?", "is it text about wording?"): windows and word lists are
the lexicon's.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from functools import reduce
from operator import or_
from typing import NamedTuple

import numpy as np
from spacy.strings import hash_string

from ..lexicon import ContextCue
from ..patterns import WILDCARD
from .context import ClassIndex, line_break
from .matching import MIX, SLOT_BITS, pair_slots, word_slots

NEGATED = ("negated",)              # what a wording rule's `negated: skip` ignores
NOT_DONE = ("negated", "undone")     # what a condition's `negated: skip` ignores
META = ("meta",)
REPORTED = ("reported",)            # what a wording rule's `reported: skip` ignores
UNANSWERED = ("unanswered",)       # a form field filled "N/K": no condition counts the words
HYPOTHETICAL = ("hypothetical",)   # a claim threatened or made up: no one is voted anything for the act in it
_PSEUDO_REACH = 4  # a pseudo phrase may run this many words past the cue it overlaps


class _Scan(NamedTuple):
    """Cues of one category that share direction, scope and terminators, scanned for together."""

    category: str
    direction: str
    scope: int
    classes: tuple[str, ...]      # their phrases' classes
    ends: frozenset               # the words those phrases can end with / start with
    starts: frozenset
    stops: tuple[str, ...]        # the terminators' classes
    stop_starts: frozenset
    stop_words: frozenset         # terminators of one word ("and", ","): no phrase to compare
    before: frozenset             # every word that can end a cue or start a terminator (a backward look stops only there)
    after: frozenset              # ... or start one (a forward look)
    lag: int                      # how far a cue's end may lie past the run of words a batch's bits mark (note_masks)
    span: int                     # the most words a cue of them has


class CueMarks(NamedTuple):
    """What a batch's bit tables tell of one note (ContextCues.note_masks)."""

    mask: int                          # a bit per category of which a cue may stand in the note
    places: list[tuple[int, int]]      # (token, bits): the tokens on which a cue of those categories may end


def _fixed_run(phrase: tuple[str, ...]) -> tuple[str, ...]:
    """Up to three words that stand together in every match of the phrase: its last three, or where it holds
    a `*` (any word), the last three of its longest run without one ("missing * * :" has "missing")."""
    if WILDCARD not in phrase:
        return phrase[-3:]
    parts: list[tuple[str, ...]] = [()]
    for w in phrase:
        if w == WILDCARD:
            parts.append(())
        else:
            parts[-1] += (w,)
    return max(parts, key=len)[-3:]


class ContextCues:
    def __init__(self, cues: list[ContextCue], classes: ClassIndex):
        self.classes = classes
        groups: dict[str, list[str]] = defaultdict(list)
        self.pseudo: list[tuple[str, tuple[str, ...]]] = []  # (class, the categories it cancels: () for all)
        by_shape: dict[tuple, list[ContextCue]] = defaultdict(list)
        for cue in cues:
            if cue.category == "terminate":
                groups[cue.group].append(cue.cls)
            elif cue.category == "pseudo":
                self.pseudo.append((cue.cls, cue.cancels))
            else:
                by_shape[(cue.category, cue.direction, cue.scope, tuple(sorted(cue.terminated_by)))].append(cue)

        # For speed, the words a class's members can end or start with: most words are neither,
        # and a set test settles them before any phrase is compared.
        def ends(names):
            return frozenset().union(*(classes.words[n] | frozenset(classes.phrases(n))
                                       for n in names))

        def starts(names):
            return frozenset().union(*(classes.words[n] | frozenset(classes.phrases_from(n))
                                       for n in names))
        def reach(names):  # (lag, span) of _Scan
            phrases = [p for n in names for group in classes.phrases(n).values() for p in group]
            return (max((len(p) - 1 for p in phrases if WILDCARD in p), default=0),
                    max((len(p) for p in phrases), default=1))
        self.scans: dict[str, list[_Scan]] = defaultdict(list)
        for (category, direction, scope, terminated_by), same in by_shape.items():
            names = tuple(c.cls for c in same)
            stops = tuple(cls for g in terminated_by for cls in groups.get(g, ()))
            stop_words = frozenset().union(*(classes.words[n] for n in stops))
            self.scans[category].append(_Scan(category, direction, scope, names, ends(names), starts(names), stops,
                                              starts(stops), stop_words,
                                              ends(names) | starts(stops), starts(names) | starts(stops),
                                              *reach(names)))
        self._pseudo_ends = ends([cls for cls, _ in self.pseudo])
        # how far before a match (and after its end) the marked tokens of a category's cues may lie
        self._reach = {c: max((sc.scope + sc.lag for sc in scans if sc.direction != "backward"), default=0)
                       for c, scans in self.scans.items()}
        self._reach_back = {c: max((sc.scope + sc.span - 1 for sc in scans if sc.direction != "forward"), default=0)
                            for c, scans in self.scans.items()}
        self._bit = {category: 1 << k for k, category in enumerate(self.scans)}
        self._bits: dict[tuple[str, ...], int] = {}  # several categories' bits together (may_hold)
        self._mask_tables: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        # the categories of cues that end in a line break, by the two words before it (or the one): the note's
        # end stands for the line break, so a note that ends in those words may hold one ("Safe contact:")
        self._at_end: dict[tuple[int, ...], int] = defaultdict(int)

    def masks_state(self) -> tuple:
        """The bit tables of note_masks in a form the cache stores (plain bytes and tuples)."""
        if self._mask_tables is None:
            self._mask_tables = self._build_masks()
        return tuple(t.tobytes() for t in self._mask_tables), tuple(self._at_end.items())

    def restore_masks(self, state) -> None:
        """Take the bit tables masks_state() gave for the same lexicon (a one-note check would otherwise
        spend a twentieth of a second building them)."""
        tables, at_end = state
        self._mask_tables = tuple(np.frombuffer(t, dtype=np.uint16) for t in tables)
        self._at_end.update(at_end)

    def note_masks(self, words: np.ndarray, bounds: list[int]) -> list[CueMarks]:
        """For each note of a batch (note k is words[bounds[k]:bounds[k+1]], lower-case word hashes), a
        bit per category whose cues may apply in it: a word that is a one-word cue of the category, or
        the last two or three words of a longer one, stand in it (a cue ending in common words, "not asked
        whether", is not looked for wherever "asked whether" is).  Three lookups in bit
        tables for the whole batch (a hash that shares a slot only sets a bit that need not be: holds()
        then looks and finds nothing); a note without a category's bit has no cue of it, and no match
        there is asked about.  The tokens that carry bits are kept too (a dozen in a note of 250 words):
        a match with none of its category's within a cue's reach is not looked around at all."""
        if self._mask_tables is None:
            self._mask_tables = self._build_masks()
        single, pair, triple = self._mask_tables
        n = len(bounds) - 1
        if not len(words):
            return [CueMarks(0, []) for _ in range(n)]
        mask = single[word_slots(words)]
        if len(words) > 1:  # (runs across two notes only set bits)
            with np.errstate(over="ignore"):
                two = words[:-1] * MIX + words[1:]
            mask[1:] |= pair[word_slots(two)]
            if len(words) > 2:
                mask[2:] |= triple[pair_slots(two[:-1], words[2:])]
        marked = np.flatnonzero(mask)
        at, bits = marked.tolist(), mask[marked].tolist()
        cut = np.searchsorted(marked, bounds).tolist()
        places = [[(at[i] - bounds[k], bits[i]) for i in range(cut[k], cut[k + 1])] for k in range(n)]
        masks = [reduce(or_, bits[cut[k]:cut[k + 1]], 0) for k in range(n)]  # (a note's bits: its marked tokens')
        if self._at_end:
            at_end = self._at_end
            for k in range(n):
                a, b = bounds[k], bounds[k + 1]
                if b > a:
                    last = int(words[b - 1])
                    ending = at_end.get((last,), 0) | (at_end.get((int(words[b - 2]), last), 0) if b - a > 1 else 0)
                    if ending:  # (a cue ending in a line break, the note's end standing for it)
                        masks[k] |= ending
                        places[k].append((b - 1 - a, ending))
        return [CueMarks(m, p) for m, p in zip(masks, places)]

    def _build_masks(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The bit tables of note_masks (built when the first batch is checked, not at start-up)."""
        C = self.classes
        singles: dict[int, int] = defaultdict(int)
        runs: dict[tuple[int, ...], int] = defaultdict(int)
        for category, bit in self._bit.items():
            for name in (n for sc in self.scans[category] for n in sc.classes):
                for w in C.words[name]:
                    singles[hash_string(w)] |= bit
                for phrases in C.phrases(name).values():
                    for p in phrases:
                        run = _fixed_run(p)
                        if len(run) == 1:
                            singles[hash_string(run[0])] |= bit
                        else:
                            runs[tuple(hash_string(w) for w in run)] |= bit
                        if line_break(p[-1]):  # (matched without it at the note's end: ClassIndex.starts_at)
                            self._at_end[tuple(hash_string(w) for w in p[-3:-1])] |= bit
        tables = []
        for size, keys in ((1, {(h,): b for h, b in singles.items()}),
                           (2, {r: b for r, b in runs.items() if len(r) == 2}),
                           (3, {r: b for r, b in runs.items() if len(r) == 3})):
            table = np.zeros(1 << SLOT_BITS, dtype=np.uint16)
            if keys:
                cols = [np.array([k[i] for k in keys], dtype=np.uint64) for i in range(size)]
                with np.errstate(over="ignore"):
                    h = cols[0]
                    for c in cols[1:-1]:
                        h = h * MIX + c
                at = word_slots(h) if size == 1 else pair_slots(h, cols[-1])
                np.bitwise_or.at(table, at, np.fromiter(keys.values(), dtype=np.uint16, count=len(keys)))
            tables.append(table)
        return tuple(tables)

    def may_hold(self, ctx, categories: tuple[str, ...]) -> bool:
        """False when no cue of `categories` can apply anywhere in the note (its cue_mask, from note_masks);
        True when one may, or when the note has no mask."""
        mask = getattr(ctx, "cue_mask", None)  # (a context need not have one: cues read words, sentences, memo)
        if mask is None:
            return True
        bits = self._bits.get(categories)
        if bits is None:
            bits = self._bits[categories] = sum(self._bit.get(c, 0) for c in set(categories))
        return bool(mask & bits)

    def holds(self, ctx, categories: tuple[str, ...], s: int, e: int) -> bool:
        """Whether a cue of one of `categories` applies to the match at tokens [s, e)."""
        key = ("cue", categories, s, e)  # (the same words are asked about by several conditions)
        found = ctx.memo.get(key)
        if found is None:
            found = ctx.memo[key] = self.may_hold(ctx, categories) and self._holds(ctx, categories, s, e)
        return found

    def _holds(self, ctx, categories: tuple[str, ...], s: int, e: int) -> bool:
        words = ctx.words
        places = getattr(ctx, "cue_places", None)  # (from the batch's bits; without them every scan looks)
        sentence = None
        for category in categories:
            scans = self.scans.get(category)
            if not scans:
                continue
            at = None
            if places is not None:
                key = ("cue@", category)
                at = ctx.memo.get(key)
                if at is None:
                    bit = self._bit[category]
                    at = ctx.memo[key] = [j for j, b in places if b & bit]
                if not at:  # (most notes: no cue of the category anywhere)
                    continue
                # the first marked token a forward cue may reach from, and a backward cue
                first = bisect_left(at, s - self._reach[category])
                if first == len(at) or at[first] >= e + self._reach_back[category]:
                    continue
                later = bisect_left(at, e - 1, first)
            for scan in scans:
                before, after = scan.direction != "backward", scan.direction != "forward"
                if at is not None:  # a cue that can reach the match has marked tokens within its reach
                    if before:
                        k = bisect_left(at, s - scan.scope - scan.lag, first)
                        before = k < len(at) and at[k] < s
                    if after:
                        after = later < len(at) and at[later] < e + scan.scope + scan.span - 1
                    if not (before or after):
                        continue
                if sentence is None:
                    sentence = ctx.sentences.bounds(s)
                lo, hi = sentence
                if before and self._before(words, scan, s, lo):
                    return True
                if after and self._after(words, scan, e, max(hi, e)):
                    return True
        return False

    def _before(self, words: list[str], scan: _Scan, s: int, lo: int) -> bool:
        C, marks = self.classes, scan.before
        a = max(lo, s - scan.scope)
        if marks.isdisjoint(words[a:s]):  # (most windows hold no cue and no terminator: settled in C)
            return False
        for j in range(s - 1, a - 1, -1):
            w = words[j]
            if w not in marks:  # most words end no cue and no terminator
                continue
            if w in scan.ends:
                n = max(C.ends_at(cls, words, j) for cls in scan.classes)
                if n and not self._cancelled(words, j - n + 1, j + 1, scan.category):
                    return True
            # a terminator that begins between the cue and the match ends the cue's reach, however far it runs
            # (", the risk was graded ...": a new subject and its verb, the match's first words among them)
            if w in scan.stop_words or (w in scan.stop_starts and any(C.starts_at(t, words, j) for t in scan.stops)):
                return False
        return False

    def _after(self, words: list[str], scan: _Scan, e: int, hi: int) -> bool:
        C, marks = self.classes, scan.after
        # a label's closing mark ("Options discussed:") belongs to the label and to what follows it: a cue
        # may begin on the match's last word when that is a mark (@clause_mark) and the cue runs past it
        k = e - 1
        if k >= 0 and words[k] in scan.starts and words[k] in C.words["clause_mark"]:
            n = max(C.starts_at(cls, words, k) for cls in scan.classes)
            if n > 1 and not self._cancelled(words, k, k + n, scan.category):
                return True
        b = min(hi, len(words), e + scan.scope)
        if marks.isdisjoint(words[e:b]):
            return False
        for j in range(e, b):
            w = words[j]
            if w not in marks:
                continue
            if w in scan.starts:
                n = max(C.starts_at(cls, words, j) for cls in scan.classes)
                if n and not self._cancelled(words, j, j + n, scan.category):
                    return True
            if w in scan.stop_words or (w in scan.stop_starts and any(C.starts_at(t, words, j) for t in scan.stops)):
                return False
        return False

    def _cancelled(self, words: list[str], a: int, b: int, category: str) -> bool:
        """A pseudo cue that cancels `category` overlapping tokens [a, b) ("not only", "no doubt")."""
        C, ends = self.classes, self._pseudo_ends
        for k in range(a, min(len(words), b + _PSEUDO_REACH)):
            if words[k] not in ends:
                continue
            for p, cancels in self.pseudo:
                if cancels and category not in cancels:
                    continue
                n = C.ends_at(p, words, k)
                if n and k - n + 1 < b:
                    return True
        return False

