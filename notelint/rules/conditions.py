"""Conditions: the small language in checklist.yaml and pathways.yaml, compiled once.

A condition evaluated on a note gives its evidence: the token spans that
satisfy it (empty: not satisfied).  Pathway findings point at that evidence.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..lexicon import AGENTS, LexiconError, _line
from .cues import NEGATED, NOT_DONE, UNANSWERED
from .matching import COND, Hit, HitIndex, MatchTable

Span = tuple[int, int]
_PEOPLE = frozenset({"survivor", "perpetrator"})
_NUMBER_RE = re.compile(r"^(\d{1,3})(?:/\d{1,3})?$")


@dataclass(frozen=True)
class PatternRef:
    owner: str
    index: int
    agent: frozenset | None = None
    agent_not: frozenset | None = None
    capitalised: int = 0  # the match's word at this place (1 = its first) must begin with a capital (a name)


# Evidence: where a condition holds, as (note, start char, end char); a case's evidence may lie in
# any of its notes.  NOWHERE: held, but not at any words (a combination of facts).
Evidence = tuple[int, int, int]
NOWHERE: Evidence = (-1, 0, 0)


class Condition:
    def evaluate(self, ctx) -> list[Evidence]:  # pragma: no cover - interface
        raise NotImplementedError

    def holds(self, ctx) -> bool:
        """Whether the condition is met (may stop at the first evidence)."""
        return bool(self.evaluate(ctx))

    def evidence_leaves(self, seen: set | None = None) -> Iterator["Leaf"]:
        """The leaves whose evidence evaluate() returns (those it only asks whether they hold are
        not among them)."""
        return iter(())

    def leaf_uses(self, uses: dict, seen: set) -> None:
        """Adds to `uses` (leaf key -> list) each place a leaf under this condition is read: None
        where its answer always counts, or, where it is one option of several, the keys of the leaf
        options before it (if one of those holds in a note, this option is never read for that note
        nor for its case: cases.LazyLeaves.settle)."""

    @staticmethod
    def _options_uses(options: list["Condition"], uses: dict, seen: set) -> None:
        before: list[int] = []
        for c in options:
            if isinstance(c, Leaf):
                uses.setdefault(c.key, []).append(tuple(before))
                before.append(c.key)
            else:
                c.leaf_uses(uses, seen)


class Leaf(Condition):
    """A condition on one note's words.  Everything above leaves (facts, combinations, items) is
    judged from their evidence alone, so one note or all the notes of a case are judged alike:
    `ctx.leaf(self)` is this note's evidence, or the case's notes' together."""

    key: int = -1  # set by the compiler: the leaf's place in NoteFacts
    stops_early = False  # spans(limit=1) finds the first evidence without the rest
    # set by the compiler with the key: the match groups that must all have matches in a note for the
    # leaf to hold there (most leaves are settled by that one look), and its keys in a note's memo
    needs: tuple = ()
    memo_keys: tuple = (("leaf", -1), ("leaf?", -1))

    def groups(self) -> tuple:
        """The match groups (MatchTable) it needs matches of."""
        return ()

    def spans(self, ctx, limit: int = 0) -> list[Span]:  # pragma: no cover - interface
        """Token spans in one note where it holds."""
        raise NotImplementedError

    def evaluate(self, ctx) -> list[Evidence]:
        return ctx.leaf(self)

    def holds(self, ctx) -> bool:
        return ctx.leaf_holds(self)

    def evidence_leaves(self, seen: set | None = None) -> Iterator["Leaf"]:
        yield self

    def leaf_uses(self, uses: dict, seen: set) -> None:
        uses.setdefault(self.key, []).append(None)


def _hits(ctx, refs: list[PatternRef], negated: str, exceptions: str | None, limit: int = 0,
          quoted: str = "flag", keep=None, found=None, skip_cues: tuple[str, ...] = (),
          writers: tuple = ()) -> list[Hit]:
    """`quoted`: "skip": hits in quotation marks do not count, "only": only they do; `skip_cues`: nor hits a cue of these categories
    applies to (meta: text about the wording itself, "avoid phrases like ... the abusive partner"; generic:
    text about the subject in general, "the awareness course covered coercive control"); `keep`: only hits
    it says yes to (asked first: it is cheaper than the context); `found`: told of each hit that counts, as
    it is found (so that `keep` can pass over the rest of what is already settled); `writers`: hits on the
    words of the agency that wrote the note (Writer) do not count."""
    if not refs:
        return []
    matches = ctx.cond_hits(refs[0].owner)
    if not matches:
        return []
    specs = refs
    out = []
    exc = ctx.cond_exceptions(exceptions) if exceptions else None
    own = own_agency(ctx, writers) if writers else None
    cues = ctx.cues
    unanswered = cues.may_hold(ctx, UNANSWERED)  # (most notes have no "N/K": nothing to ask per match)
    skip_cues = tuple(c for c in skip_cues if cues.may_hold(ctx, (c,)))  # (most notes have none of them)
    for h in matches:
        if keep is not None and not keep(h):
            continue
        spec = specs[h.key.index]  # refs are in pattern order: index i is refs[i]
        if exc is not None and exc.covers(h.start, h.end):
            continue
        if own is not None and (own.covers(h.start, h.end) or (
                h.end - h.start > 1 and ctx.words[h.start] in ctx.classes.words["possessive"]
                and own.covers(h.start + 1, h.end))):
            continue  # "The GP did not see her alone", "her health visitor" in their own record: not another agency
        if spec.capitalised and not ctx.doc[h.start + spec.capitalised - 1].is_title:
            continue  # ("with Mason (6)", not "kitchen and bedroom (2)")
        if negated != "flag" and cues.holds(ctx, NOT_DONE if negated == "skip" else NEGATED, h.start, h.end):
            continue
        if unanswered and cues.holds(ctx, UNANSWERED, h.start, h.end):
            continue  # "Pregnant: N/K", "Agencies involved: not known": the field does not record it
        if quoted != "flag":
            inside = bool(ctx.quotes[0]) and ctx.quoted(*ctx.char_span(h.start, h.end))
            if inside != (quoted == "only"):
                continue  # (skip: a hit in quotation marks; only: a hit outside them)
        if skip_cues and cues.holds(ctx, skip_cues, h.start, h.end):
            continue
        if spec.agent is not None or spec.agent_not:
            # who is survivor or perpetrator needs the note's people; other kinds do not
            needs_people = bool(((spec.agent or frozenset()) | (spec.agent_not or frozenset())) & _PEOPLE)
            agent = ctx.agents.find(h.start, raw=not needs_people)
            kind = agent.kind
            # (a subject carried on from the sentence before is a guess: a fact that a clause with no subject
            # may state counts there as well)
            if spec.agent is not None and kind not in spec.agent and not (agent.carried and "none" in spec.agent):
                continue
            if spec.agent_not and kind in spec.agent_not:
                continue
        out.append(h)
        if found is not None:
            found(h)
        if limit and len(out) >= limit:
            break
    return out


@dataclass(frozen=True)
class Writer:
    """An agency that may have written the note, known by its opening words ("GP record, 3 May",
    "Health visitor contact"): the `own` words are its staff and its acts, not another agency's."""
    name: str
    opening: str  # the owner (condition group) of its opening patterns
    own: str      # ... and of its own words


def own_agency(ctx, writers: tuple[Writer, ...]):
    """The hits on the own words of the agencies whose opening words open the note (None: no writer is
    known)."""
    key = ("own agency", writers)
    if key in ctx.memo:
        return ctx.memo[key]
    spans = []
    words = ctx.words
    start = next((k for k, w in enumerate(words) if not w.isspace()), 0)  # the note's first word
    for w in writers:
        if any(h.start == start for h in ctx.cond_hits(w.opening)):
            spans.extend(ctx.cond_hits(w.own))
    index = ctx.memo[key] = HitIndex.of(spans) if spans else None
    return index


@dataclass(eq=False)
class AnyOf(Leaf):
    refs: list[PatternRef]
    negated: str = "flag"
    exceptions: str | None = None
    quoted: str = "flag"   # skip: words in quotation marks do not count; only: only words in them count
    meta: str = "flag"     # skip: words in text about the wording (a briefing on language) do not count
    generic: str = "flag"  # skip: words about the subject in general (a training, a policy) do not count
    writers: tuple = ()    # (`own_agency: skip`) the words of the agency that wrote the note do not count
    stops_early = True

    def __post_init__(self):
        self.skip_cues = tuple(c for c, flag in (("meta", self.meta), ("generic", self.generic)) if flag == "skip")

    def spans(self, ctx, limit: int = 0, keep=None, found=None) -> list[Span]:
        return [(h.start, h.end) for h in _hits(ctx, self.refs, self.negated, self.exceptions, limit,
                                                 self.quoted, keep, found, self.skip_cues, self.writers)]

    def groups(self) -> tuple:
        return (self.refs[0].owner,) if self.refs else (None,)

    def matched(self, ctx) -> bool:
        """Whether any of its patterns matched at all (before context is looked at): cheap."""
        return bool(self.refs) and bool(ctx.cond_hits(self.refs[0].owner))

    def raw(self, ctx) -> list[Hit]:
        """Its patterns' matches before context is looked at."""
        return ctx.cond_hits(self.refs[0].owner) if self.refs else []


@dataclass(eq=False)
class Together(Leaf):
    """Both parts in one sentence, not on the same words."""
    first: AnyOf
    second: AnyOf
    stops_early = True

    def groups(self) -> tuple:
        return self.first.groups() + self.second.groups()

    def spans(self, ctx, limit: int = 0) -> list[Span]:
        if not (self.first.matched(ctx) and self.second.matched(ctx)):
            return []
        sentence = ctx.sentences.index()
        # the sentences where both sides' words occur at all, before any match's context is judged
        # (the context is the costly part, and most of one side's matches share no sentence with the other's)
        shared = ({sentence[h.start] for h in self.first.raw(ctx)} & {sentence[h.start] for h in self.second.raw(ctx)})
        if not shared:
            return []
        # then the second parts that count, by sentence
        second: dict[int, list[tuple[int, int]]] = {}
        self.second.spans(ctx, keep=lambda h: sentence[h.start] in shared,
                          found=lambda h: second.setdefault(sentence[h.start], []).append((h.start, h.end)))
        if not second:
            return []

        def beside(h: Hit) -> bool:
            """A second part in its sentence on other words than the first: words on both lists are not
            both parts ("ongoing" is not the abuse and how long it has gone on at once); parts may
            overlap ("update from" + "from PC"; "his mother" + "violence towards his mother")."""
            return any((s, e) != (h.start, h.end) for s, e in second.get(sentence[h.start], ()))
        return self.first.spans(ctx, limit, keep=beside)


@dataclass(eq=False)
class After(Leaf):
    first: AnyOf
    second: AnyOf
    within: int = 2
    stops_early = True

    def groups(self) -> tuple:
        return self.first.groups() + self.second.groups()

    def spans(self, ctx, limit: int = 0) -> list[Span]:
        if not (self.first.matched(ctx) and self.second.matched(ctx)):
            return []
        # a first part counts only if it ends before some second part starts (read before any context is judged)
        last = max(h.start for h in self.second.raw(ctx))
        a = sorted(self.first.spans(ctx, keep=lambda h: h.end <= last), key=lambda span: span[1])
        if not a:
            return []
        ends = [fe for _, fe in a]

        def soon_after(h: Hit) -> bool:
            k = bisect_right(ends, h.start) - 1  # the nearest first part ending before this one
            return k >= 0 and ctx.sentence_distance(a[k][0], h.start, limit=self.within + 1) <= self.within
        return self.second.spans(ctx, limit, keep=soon_after)


@dataclass(eq=False)
class NumberBefore(Leaf):
    """A number just before a cue ("she got 14 on the DASH"): the cue's words and the number."""

    cue: AnyOf
    at_least: float = float("-inf")
    at_most: float = float("inf")
    within: int = 3

    def groups(self) -> tuple:
        return self.cue.groups()

    def spans(self, ctx, limit: int = 0) -> list[Span]:
        words = ctx.words
        number_before: dict[int, int | None] = {}

        def number(h: Hit) -> int | None:  # (the cheap test, made before the cue's context is judged)
            s = h.start
            if s not in number_before:
                number_before[s] = None
                for k in range(s - 1, max(-1, s - 1 - self.within), -1):
                    m = _NUMBER_RE.match(words[k])
                    if m:
                        if self.at_least <= int(m.group(1)) <= self.at_most:
                            number_before[s] = k
                        break
                    if words[k] in (".", ";", "\n"):
                        break
            return number_before[s]
        return [(number_before[s], e) for s, e in self.cue.spans(ctx, keep=lambda h: number(h) is not None)]


@dataclass(eq=False)
class NumberAfter(Leaf):
    cue: AnyOf
    at_least: float = float("-inf")
    at_most: float = float("inf")
    within: int = 4
    not_after: frozenset = frozenset()  # a number right after one of these words is something else
    stops_early = True

    def groups(self) -> tuple:
        return self.cue.groups()

    def spans(self, ctx, limit: int = 0) -> list[Span]:
        words = ctx.words  # (lower case: the same for digits, slashes and punctuation)
        number_after: dict[int, int | None] = {}  # cues ending at the same word ("dash score", "score") share their number

        def number(h: Hit) -> int | None:  # (the cheap test, made before the cue's context is judged)
            e = h.end
            return number_after[e] if e in number_after else number_after.setdefault(e, self._number(ctx, words, e))
        return [(s, number_after[e] + 1) for s, e in self.cue.spans(ctx, limit, keep=lambda h: number(h) is not None)]

    def _number(self, ctx, words: list[str], e: int) -> int | None:
        """Where the number in range that follows a cue ending at token e is (None: there is none).
        `within` counts words, not punctuation ("Daughter = Lily-Mae, 15": the number is the third word)."""
        k, n, counted = e - 1, len(words), 0
        while counted < self.within and k + 1 < n:
            k += 1
            counted += words[k][:1].isalnum()
            m = _NUMBER_RE.match(words[k])
            if m:
                if _is_date_or_time(ctx, words, k):
                    continue  # "DASH (completed 20/05): 8", "DASH on 15 May": not a score
                if k > e and words[k - 1] in self.not_after:
                    return None  # "DASH not done - he is under 18": an age
                return k if self.at_least <= int(m.group(1)) <= self.at_most else None
            if words[k] in (".", ";", "\n") or words[k] in ctx.classes.words["negation"]:
                return None  # the sentence ends, or the cue is denied ("DASH not completed")
        return None


def _is_date_or_time(ctx, words: list[str], k: int) -> bool:
    """A number that is part of a date or a time: "20/05" (a fraction's denominator other than a
    score's 24), "15 May", "14:30", "3 yrs ago" (@elapsed_time)."""
    w = words[k]
    if "/" in w and not w.endswith("/24"):
        return True
    nxt = words[k + 1] if k + 1 < len(words) else ""
    return (nxt in ctx.classes.words["calendar"] or (nxt == ":" and k + 2 < len(words) and words[k + 2].isdigit())
            or (k + 1 < len(words) and ctx.classes.starts_at("elapsed_time", words, k + 1) > 0))


def has_spans(cond: Condition) -> bool:
    """Whether a condition says where (token spans) it holds: pattern leaves and lists of them."""
    if isinstance(cond, Either):
        return all(has_spans(c) for c in cond.options)
    return hasattr(cond, "spans")


def token_spans(cond: Condition, ctx) -> list[Span]:
    """Every token span where a condition with spans (has_spans) holds."""
    if isinstance(cond, Either):
        return [sp for c in cond.options for sp in token_spans(c, ctx)]
    return cond.spans(ctx)


@dataclass
class FactRef(Condition):
    name: str
    facts: dict

    def __post_init__(self):
        self._keys = (("fact", self.name), ("fact?", self.name))  # its evidence's and its answer's in a note's memo

    def evaluate(self, ctx) -> list[Evidence]:
        memo = ctx.memo
        key = self._keys[0]
        if key not in memo:
            memo[key] = []  # guards against a fact that refers to itself
            memo[key] = self.facts[self.name].evaluate(ctx)
        return memo[key]

    def holds(self, ctx) -> bool:
        memo = ctx.memo
        evidence, key = self._keys
        found = memo.get(evidence)
        if found is not None:
            return bool(found)
        if key not in memo:
            memo[key] = False  # guards against a fact that refers to itself
            memo[key] = self.facts[self.name].holds(ctx)
        return memo[key]

    def evidence_leaves(self, seen: set | None = None) -> Iterator[Leaf]:
        seen = set() if seen is None else seen
        if self.name not in seen:  # (a fact that refers to itself)
            seen.add(self.name)
            yield from self.facts[self.name].evidence_leaves(seen)

    def leaf_uses(self, uses: dict, seen: set) -> None:
        if ("fact", self.name) not in seen:
            seen.add(("fact", self.name))
            self.facts[self.name].leaf_uses(uses, seen)


@dataclass
class ItemRef(Condition):
    """A checklist item's judgement used as a fact: `item: RF12` holds where the item is recorded;
    `applies: RF12` where the item applies (its applies_when condition, with its evidence and places),
    so that a pathway and an item share one definition."""
    code: str
    items: dict
    part: str = "recorded"  # or "applies"

    def _applies_when(self) -> Condition | None:
        return self.items[self.code].applies_when if self.part == "applies" else None

    def evaluate(self, ctx) -> list[Evidence]:
        if self.part == "applies":
            cond = self._applies_when()
            return cond.evaluate(ctx) if cond is not None else [NOWHERE]
        return [NOWHERE] if self.items[self.code].recorded(ctx) else []

    def evidence_leaves(self, seen: set | None = None) -> Iterator[Leaf]:
        cond = self._applies_when()
        if cond is not None:
            yield from cond.evidence_leaves(seen)

    def leaf_uses(self, uses: dict, seen: set) -> None:
        item = self.items[self.code]
        cond = item.applies_when if self.part == "applies" else item.recorded_when
        if cond is not None and ("item", self.code, self.part) not in seen:
            seen.add(("item", self.code, self.part))
            cond.leaf_uses(uses, seen)


@dataclass
class Combo(Condition):
    any_of: list[Condition] = field(default_factory=list)
    all_of: list[Condition] = field(default_factory=list)
    none_of: list[Condition] = field(default_factory=list)

    def evaluate(self, ctx) -> list[Evidence]:
        evidence: list[Evidence] = []
        for c in self.all_of:
            ev = c.evaluate(ctx)
            if not ev:
                return []
            evidence += ev
        if self.any_of:
            found = False
            for c in self.any_of:
                ev = c.evaluate(ctx)
                if ev:
                    evidence += ev
                    found = True
                    break
            if not found:
                return []
        if any(c.holds(ctx) for c in self.none_of):
            return []
        return evidence or [NOWHERE]

    def holds(self, ctx) -> bool:
        return (all(c.holds(ctx) for c in self.all_of) and (not self.any_of or any(c.holds(ctx) for c in self.any_of))
                and not any(c.holds(ctx) for c in self.none_of))

    def evidence_leaves(self, seen: set | None = None) -> Iterator[Leaf]:
        seen = set() if seen is None else seen
        for c in self.all_of + self.any_of:  # (none_of: only whether they hold)
            yield from c.evidence_leaves(seen)

    def leaf_uses(self, uses: dict, seen: set) -> None:
        for c in self.all_of + self.none_of:
            c.leaf_uses(uses, seen)
        self._options_uses(self.any_of, uses, seen)


@dataclass
class Either(Condition):
    options: list[Condition]

    def evaluate(self, ctx) -> list[Evidence]:
        for c in self.options:
            ev = c.evaluate(ctx)
            if ev:
                return ev
        return []

    def holds(self, ctx) -> bool:
        return any(c.holds(ctx) for c in self.options)

    def evidence_leaves(self, seen: set | None = None) -> Iterator[Leaf]:
        seen = set() if seen is None else seen
        for c in self.options:
            yield from c.evidence_leaves(seen)

    def leaf_uses(self, uses: dict, seen: set) -> None:
        self._options_uses(self.options, uses, seen)


class ConditionCompiler:
    """Turns condition specs (YAML) into Condition objects, registering their patterns."""

    def __init__(self, table: MatchTable, source: str):
        self.table = table
        self.source = source
        self.facts: dict[str, Condition] = {}
        self.items: dict = {}
        self._fact_names: set[str] = set()
        self._groups: dict[tuple, list[PatternRef]] = {}
        self._n = 0
        self.leaves: list[Leaf] = []  # every leaf judged as a whole (its key: its place here)
        self.writers: tuple[Writer, ...] = ()  # the agencies a note may be written by (`own_agency: skip`)

    def fail(self, where: str, msg: str):
        path, _, line = self.source.rpartition(":")
        raise LexiconError(path or self.source, int(line) if line.isdigit() else None, f"{where}: {msg}")

    def entries(self, section: Any, source: str, label: str, required: tuple[str, ...], enabled: set[str]):
        """The validated entries of a checklist or pathways section: (code, mapping, where),
        for the codes that are enabled."""
        self.source = source
        if not isinstance(section, dict):
            self.fail(label, "expected a mapping of codes")
        for code, raw in section.items():
            self.source = source
            where = f"{label}: {code}"
            if not isinstance(raw, dict):
                self.fail(where, "expected a mapping")
            if raw.get("enabled", True) is False or code not in enabled:
                continue
            missing = [k for k in required if not raw.get(k)]
            if missing:
                self.fail(where, f"needs {' and '.join(repr(k) for k in required)}")
            yield code, raw, where

    def _source_of(self, patterns: Any, i: int) -> str:
        """"file:line" of pattern i of a list read from YAML (the section's line when the list has none)."""
        line = _line(patterns, index=i)
        path, _, at = self.source.rpartition(":")
        return f"{path}:{line}" if line and path and at.isdigit() else self.source

    def _group(self, patterns: Any, where: str) -> list[PatternRef]:
        if isinstance(patterns, (str, dict)):
            patterns = [patterns]
        if not isinstance(patterns, list) or not patterns:
            self.fail(where, "expected a list of patterns")
        # the same list of patterns used twice is matched once (with each use's own agents)
        texts = tuple(str(p["pattern"]) if isinstance(p, dict) and "pattern" in p else repr(p) for p in patterns)
        shared_key = (id(self.table), texts)
        owner = self._groups.get(shared_key)
        matched = owner is not None
        if not matched:
            self._n += 1
            owner = self._groups[shared_key] = f"cond#{self._n}"
        refs = []
        for i, p in enumerate(patterns):
            if isinstance(p, dict):
                if "pattern" not in p or set(p) - {"pattern", "agent", "agent_not", "capitalised"}:
                    self.fail(where, "a pattern mapping takes 'pattern', 'agent', 'agent_not', 'capitalised'")
                capitalised = p.get("capitalised", 0)
                if not isinstance(capitalised, int) or isinstance(capitalised, bool) or capitalised < 0:
                    self.fail(where, "capitalised: the place of a word in the pattern (1 = its first)")
                for k in ("agent", "agent_not"):
                    bad = [a for a in p.get(k, []) if a not in AGENTS]
                    if bad:
                        self.fail(where, f"unknown agent {bad[0]!r}")
                text = str(p["pattern"])
                agent = frozenset(p["agent"]) if "agent" in p else None
                agent_not = frozenset(p.get("agent_not", [])) or None
            elif isinstance(p, (str, int)):
                text, agent, agent_not, capitalised = str(p), None, None, 0
            else:
                self.fail(where, f"a pattern must be text, got {type(p).__name__}")
            if not matched:
                self.table.add(COND, owner, i, text, self._source_of(patterns, i))
            refs.append(PatternRef(owner, i, agent, agent_not, capitalised))
        return refs

    def compile_writers(self, spec: Any, where: str) -> None:
        """The checklist's `writers`: {name: {opening: [patterns], own: [patterns]}}."""
        if not isinstance(spec, dict):
            self.fail(where, "expected a mapping of agencies: {name: {opening: [...], own: [...]}}")
        writers = []
        for name, raw in spec.items():
            at = f"{where}: {name}"
            if not isinstance(raw, dict) or set(raw) != {"opening", "own"}:
                self.fail(at, "expected 'opening' (the words a record of theirs opens with) and 'own' (their words)")
            writers.append(Writer(str(name), self._group(raw["opening"], at + ": opening")[0].owner,
                                  self._group(raw["own"], at + ": own")[0].owner))
        self.writers = tuple(writers)

    def _own(self, spec: dict, where: str) -> tuple:
        value = spec.get("own_agency", "flag")
        if value not in ("skip", "flag"):
            self.fail(where, "own_agency: expected skip or flag")
        return self.writers if value == "skip" else ()

    def _any(self, spec: dict, where: str) -> AnyOf:
        exc = None
        if spec.get("exceptions"):
            exc = self._group(spec["exceptions"], where + ": exceptions")[0].owner
        negated = spec.get("negated", "flag")
        if negated not in ("skip", "before", "flag"):
            self.fail(where, "negated: expected skip, before or flag")
        skips = []
        for key in ("quoted", "meta", "generic"):
            value = spec.get(key, "flag")
            allowed = ("skip", "flag", "only") if key == "quoted" else ("skip", "flag")
            if value not in allowed:
                self.fail(where, f"{key}: expected {', '.join(allowed[:-1])} or {allowed[-1]}")
            skips.append(value)
        return AnyOf(self._group(spec["any"], where), negated, exc, *skips, writers=self._own(spec, where))

    def compile(self, spec: Any, where: str) -> Condition:
        cond = self._compile(spec, where)
        if isinstance(cond, Leaf) and cond.key < 0:
            cond.key = len(self.leaves)
            cond.needs = cond.groups()
            cond.memo_keys = (("leaf", cond.key), ("leaf?", cond.key))
            self.leaves.append(cond)
        return cond

    def _compile(self, spec: Any, where: str) -> Condition:
        if isinstance(spec, str):
            return FactRef(spec, self.facts) if spec in self._fact_names else self._pattern_cond(spec, where)
        if isinstance(spec, list):
            if spec and all(isinstance(x, str) for x in spec) and not any(x in self._fact_names for x in spec):
                return AnyOf(self._group(spec, where))
            return Either([self.compile(x, where) for x in spec])
        if not isinstance(spec, dict):
            self.fail(where, "expected a condition (list of patterns or mapping)")
        keys = set(spec)
        if "any" in keys:
            extra = keys - {"any", "negated", "exceptions", "quoted", "meta", "generic", "own_agency"}
            if extra:
                self.fail(where, f"unknown key {sorted(extra)[0]!r} beside 'any'")
            return self._any(spec, where)
        if "together" in keys or "after" in keys:
            kind = "together" if "together" in keys else "after"
            pair = spec[kind]
            if not isinstance(pair, list) or len(pair) != 2:
                self.fail(where, f"{kind}: expected two lists of patterns")
            extra = keys - {kind, "negated", "within", "exceptions", "own_agency"}
            if extra:
                self.fail(where, f"unknown key {sorted(extra)[0]!r} beside {kind!r}")
            neg = spec.get("negated", "flag")
            # `exceptions`: words inside which neither part counts ("high" in "High Street")
            exc = self._group(spec["exceptions"], where + ": exceptions")[0].owner if spec.get("exceptions") else None
            own = self._own(spec, where)
            a = AnyOf(self._group(pair[0], where), neg, exc, writers=own)
            b = AnyOf(self._group(pair[1], where), neg, exc, writers=own)
            if kind == "together":
                return Together(a, b)
            return After(a, b, int(spec.get("within", 2)))
        if keys & {"number_before", "number_after"}:
            kind = "number_before" if "number_before" in keys else "number_after"
            allowed = {kind, "at_least", "at_most", "within", "negated"} | ({"not_after"} if kind == "number_after" else set())
            extra = keys - allowed
            if extra:
                self.fail(where, f"unknown key {sorted(extra)[0]!r} beside {kind!r}")
            negated = spec.get("negated", "flag")
            if negated not in ("skip", "flag", "before"):
                self.fail(where, "negated: expected skip, before or flag")
            cue = AnyOf(self._group(spec[kind], where), negated)
        if "number_before" in keys:
            return NumberBefore(cue,
                                float(spec.get("at_least", float("-inf"))), float(spec.get("at_most", float("inf"))),
                                int(spec.get("within", 3)))
        if "number_after" in keys:
            return NumberAfter(cue,
                               float(spec.get("at_least", float("-inf"))), float(spec.get("at_most", float("inf"))),
                               int(spec.get("within", 4)), frozenset(str(w).lower() for w in spec.get("not_after", [])))
        if keys & {"any_of", "all_of", "none_of"}:
            extra = keys - {"any_of", "all_of", "none_of"}
            if extra:
                self.fail(where, f"unknown key {sorted(extra)[0]!r}")
            return Combo(*[[self.compile(x, where) for x in (spec.get(k) or [])]
                           for k in ("any_of", "all_of", "none_of")])
        if keys & {"item", "applies"}:
            part = "item" if "item" in keys else "applies"
            if len(keys) > 1:
                self.fail(where, f"unknown key {sorted(keys - {part})[0]!r} beside {part!r}")
            code = str(spec[part])
            if code not in self.items:  # (the checklist is compiled first)
                self.fail(where, f"{part}: {code} is no checklist item of this profile (or it is disabled)")
            return ItemRef(code, self.items, "recorded" if part == "item" else "applies")
        self.fail(where, f"unknown condition {sorted(keys)}")

    def _pattern_cond(self, spec: str, where: str) -> Condition:
        return AnyOf(self._group([spec], where))

    def compile_facts(self, facts: dict, where: str) -> dict[str, Condition]:
        self._fact_names = set(facts)
        for name, spec in facts.items():
            if name == "__lines__":
                continue
            self.facts[name] = self.compile(spec, f"{where}: {name}")
        return self.facts
