"""Context cues, ConText-style: one algorithm for every cue the lexicon declares (context.yaml).

A cue's phrases are compiled as a word class of their own.  For a match at tokens [s, e), a
forward cue counts when it ends within `scope` words before s, a backward cue when it starts
within `scope` words after e, with no terminator of a group the cue names in between and inside
the sentence; a pseudo cue overlapping it ("not only") cancels it.  The engine asks only by
category ("is this match negated?", "is it text about wording?"): windows and word lists are
the lexicon's.
"""
from __future__ import annotations

from collections import defaultdict

from ..lexicon import ContextCue
from .context import ClassIndex

NEGATED = ("negated",)              # what a wording rule's `negated: skip` ignores
NOT_DONE = ("negated", "undone")     # what a condition's `negated: skip` ignores
META = ("meta",)
_PSEUDO_REACH = 4  # a pseudo phrase may run this many words past the cue it overlaps


class ContextCues:
    def __init__(self, cues: list[ContextCue], classes: ClassIndex):
        self.classes = classes
        self.by_category: dict[str, list[ContextCue]] = defaultdict(list)
        groups: dict[str, list[str]] = defaultdict(list)
        self.pseudo: list[str] = []
        for cue in cues:
            if cue.category == "terminate":
                groups[cue.group].append(cue.cls)
            elif cue.category == "pseudo":
                self.pseudo.append(cue.cls)
            else:
                self.by_category[cue.category].append(cue)
        # For speed, the words a class's members can end or start with: most words are neither,
        # and a set test settles them before any phrase is compared.
        self._ends = {name: classes.words.get(name, frozenset()) | frozenset(classes.phrases.get(name, ()))
                      for name in classes.words}
        self._starts = {name: classes.words.get(name, frozenset()) | frozenset(classes.phrases_from.get(name, ()))
                        for name in classes.words}
        # each cue's terminators, as the classes to test and the words they may end / start with
        self.stops: dict[str, tuple[list[str], frozenset, frozenset]] = {}
        for cue_list in self.by_category.values():
            for cue in cue_list:
                names = [cls for g in cue.terminated_by for cls in groups.get(g, ())]
                self.stops[cue.source] = (names, frozenset().union(*(self._ends.get(n, ()) for n in names)),
                                          frozenset().union(*(self._starts.get(n, ()) for n in names)))
        self._pseudo_ends = frozenset().union(*(self._ends.get(n, ()) for n in self.pseudo))

    def holds(self, ctx, categories: tuple[str, ...], s: int, e: int) -> bool:
        """Whether a cue of one of `categories` applies to the match at tokens [s, e)."""
        words = ctx.words
        sentence = None
        for category in categories:
            for cue in self.by_category.get(category, ()):
                if sentence is None:
                    sentence = ctx.sentences.bounds(s)
                lo, hi = sentence
                if cue.direction != "backward" and self._before(words, cue, s, lo):
                    return True
                if cue.direction != "forward" and self._after(words, cue, e, max(hi, e)):
                    return True
        return False

    def _before(self, words: list[str], cue: ContextCue, s: int, lo: int) -> bool:
        C, ends = self.classes, self._ends.get(cue.cls, frozenset())
        stop_names, stop_ends, _ = self.stops[cue.source]
        for j in range(s - 1, max(lo, s - cue.scope) - 1, -1):
            w = words[j]
            if w in ends:
                n = C.ends_at(cue.cls, words, j)
                if n and not self._cancelled(words, j - n + 1, j + 1):
                    return True
            if w in stop_ends and any(C.ends_at(t, words, j) for t in stop_names):
                return False
        return False

    def _after(self, words: list[str], cue: ContextCue, e: int, hi: int) -> bool:
        C, starts = self.classes, self._starts.get(cue.cls, frozenset())
        stop_names, _, stop_starts = self.stops[cue.source]
        for j in range(e, min(hi, len(words), e + cue.scope)):
            w = words[j]
            if w in starts:
                n = C.starts_at(cue.cls, words, j)
                if n and not self._cancelled(words, j, j + n):
                    return True
            if w in stop_starts and any(C.starts_at(t, words, j) for t in stop_names):
                return False
        return False

    def _cancelled(self, words: list[str], a: int, b: int) -> bool:
        """A pseudo cue overlapping tokens [a, b) ("not only", "no doubt")."""
        C, ends = self.classes, self._pseudo_ends
        for k in range(a, min(len(words), b + _PSEUDO_REACH)):
            if words[k] not in ends:
                continue
            for p in self.pseudo:
                n = C.ends_at(p, words, k)
                if n and k - n + 1 < b:
                    return True
        return False
