"""One PhraseMatcher for everything a profile looks for, run once per note.

Rules, exceptions, sentence conditions and the cues the context and
checklist mechanisms read are all compiled into the same matcher, each under
a key that says what it is for.  A note costs one hash lookup per token; the
Python work happens only around what matched.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from spacy.attrs import LOWER
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..lexicon import LexiconError
from ..patterns import PatternError, class_expander, expansion_count, pattern_items, to_phrases


@dataclass(frozen=True)
class Key:
    kind: str        # what the phrase is for: "trigger", "exception", "cue", ...
    owner: str       # the rule code or cue name
    index: int = 0   # which pattern of the owner
    focus: tuple[int, int] | None = None  # reported token offsets (from start, from end)


class Hit(NamedTuple):
    key: Key
    start: int  # token offsets of the whole match
    end: int

    @property
    def focus(self) -> tuple[int, int]:
        if self.key.focus is None:
            return self.start, self.end
        return self.start + self.key.focus[0], self.end - self.key.focus[1]


# A pattern with more phrases than this is not given to the PhraseMatcher
# phrase by phrase (building thousands of Docs is slow at start-up): its first
# words become anchors, and the rest is checked against a set of tuples where
# an anchor is found.
DIRECT_LIMIT = 400


class MatchTable:
    def __init__(self, nlp, class_patterns: dict[str, list[str]], share: "MatchTable | None" = None):
        """`share`: another table whose tokenisation and word classes this one reuses."""
        self.vocab = nlp.vocab
        self._tokenizer = nlp.tokenizer
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[int, Key] = {}
        self._tok_cache: dict[str, list[str]] = share._tok_cache if share else {}
        # anchored patterns: first word -> [(phrases by length, lengths)]
        self._anchored: dict[str, list] = defaultdict(list)
        self._anchor_words: set[str] = set()
        self._anchor_id = self.vocab.strings.add("anchor|")
        self._expand = share._expand if share else class_expander(class_patterns, self.tokenize)

    def classes(self, name: str) -> list[list[str]]:
        """The token sequences of word class `name`."""
        try:
            return self._expand(name)
        except PatternError as exc:
            raise LexiconError("classes", None, f"@{name}: {exc}") from None

    def tokenize(self, text: str) -> list[str]:
        cached = self._tok_cache.get(text)
        if cached is None and text[:1] in ("'", "’") and " " not in text:
            cached = [text.lower()]  # a clitic such as 'm or ’s is one token in running text
        if cached is None:
            cached = [t.lower_ for t in self._tokenizer(text) if not t.is_space]
        self._tok_cache[text] = cached
        return cached

    def add(self, kind: str, owner: str, index: int, pattern: str, source: str = "") -> None:
        try:
            self._add_items(kind, owner, index, pattern_items(pattern, self.tokenize, self._expand), pattern)
        except PatternError as exc:
            path, _, line = source.rpartition(":")
            raise LexiconError(path or source, int(line) if line.isdigit() else None,
                               f"{owner}: bad pattern: {exc}") from None

    def _add_items(self, kind: str, owner: str, index: int, items, pattern: str) -> None:
        if expansion_count(items) > DIRECT_LIMIT and len(items) > 1 and not any(f for _, f in items[0]):
            heads = [(w, f) for w, f in items[0] if w]
            if len(heads) < len(items[0]):  # an optional first part: the pattern without it too
                self._add_items(kind, owner, index, items[1:], pattern)
            if heads:
                self._add_anchored(Key(kind, owner, index), heads, to_phrases(items[1:], pattern))
            return
        phrases = to_phrases(items, pattern)
        by_focus: dict[tuple[int, int] | None, list[Doc]] = defaultdict(list)
        for ph in phrases:
            by_focus[self._focus(ph)].append(Doc(self.vocab, words=list(ph.words)))
        for focus, docs in by_focus.items():
            key = Key(kind, owner, index, focus)
            name = f"{kind}|{owner}|{index}|{focus}"
            self.matcher.add(name, docs)
            self.keys[self.vocab.strings[name]] = key

    @staticmethod
    def _focus(ph) -> tuple[int, int] | None:
        n = len(ph.words)
        return None if ph.focus == (0, n) else (ph.focus[0], n - ph.focus[1])

    def _add_anchored(self, key: Key, heads, tails) -> None:
        """Index a large pattern by its first item; the rest is looked up as tuples of word hashes."""
        h = self.vocab.strings.add
        table = {tuple(h(w) for w in ph.words): ph.focus for ph in tails}
        lengths = tuple(sorted({len(t) for t in table}, reverse=True))
        new = []
        for head, _ in heads:
            self._anchored[h(head[0])].append((tuple(h(w) for w in head), table, lengths, key))
            if head[0] not in self._anchor_words:
                self._anchor_words.add(head[0])
                new.append(head[0])
        if new:
            self.matcher.add("anchor|", [Doc(self.vocab, words=[w]) for w in new])

    def _anchored_hits(self, lower: list[int], s: int, out) -> None:
        n = len(lower)
        for head, table, lengths, key in self._anchored[lower[s]]:
            h = len(head)
            if h > 1 and (s + h > n or tuple(lower[s:s + h]) != head):
                continue
            for length in lengths:
                e = s + h + length
                if e <= n:
                    focus = table.get(tuple(lower[s + h:e]))
                    if focus is not None:
                        total = h + length
                        f = None if focus == (0, length) else (h + focus[0], total - (h + focus[1]))
                        out[key.kind].append(Hit(Key(key.kind, key.owner, key.index, f), s, e))

    def __call__(self, doc: Doc) -> dict[str, list[Hit]]:
        """Hits grouped by kind."""
        out: dict[str, list[Hit]] = defaultdict(list)
        keys = self.keys
        anchor = self._anchor_id
        lower = None
        for match_id, s, e in self.matcher(doc):
            if match_id == anchor:
                if lower is None:
                    lower = doc.to_array(LOWER).tolist()
                self._anchored_hits(lower, s, out)
                continue
            key = keys[match_id]
            out[key.kind].append(Hit(key, s, e))
        return out
