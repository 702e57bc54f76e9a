"""One per-case judgement: required details and pathways judged over all of a case's notes.

A detail recorded in the first note need not be repeated in the fourth; children recorded in one
note and high risk in another are a case with children at high risk; a MARAC referral in a later
note cancels an earlier note's alert.  Wording is still checked note by note.

Each note gives its NoteFacts: whether it is a DA note, and where each leaf condition of the
checklist and pathways holds (conditions.Leaf).  Everything above the leaves (facts, combinations,
items, rules) is then judged from the case's leaves together by the same code that judges one
note, so `check`, `check --case-field`, `audit` and the Python API cannot disagree.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, Sequence

from .findings import PATHWAY, Finding, LineIndex, MissingDetail, Report


@dataclass(frozen=True)
class CasePlan:
    """Which of a note's leaves a case's judgement reads, and when it never reads one.

    `leaves`: the leaves the checklist's items and the pathways read (leaf key -> leaf, in the
    compiler's order); `located`: those whose place a pathway finding may point at; `after`: for a
    leaf read only as one option of several, the keys of the leaf options before it, per place it
    is read.  Where one of those options holds in a note, that option holds in the case, so the
    case never reads the later one there (its options are read in order, each stopping at the
    first that holds): a note's facts need not judge it."""

    leaves: dict
    located: frozenset[int]
    after: dict[int, tuple[tuple[int, ...], ...]]

    @classmethod
    def of(cls, checklist, pathways, leaves: dict) -> "CasePlan":
        uses: dict[int, list] = {}
        seen: set = set()
        checklist.leaf_uses(uses, seen)
        pathways.leaf_uses(uses, seen)
        read = {k: leaf for k, leaf in leaves.items() if k in uses}
        after = {k: tuple(u) for k, u in uses.items() if None not in u and all(u)}
        return cls(read, pathways.located_leaves(), after)


@dataclass
class NoteFacts:
    """What one note contributes to its case: plain data once settled (to_json, pickling)."""

    is_da: bool
    leaves: Mapping[int, list[tuple[int, int]]] = field(default_factory=dict)  # leaf key -> char spans

    @classmethod
    def of(cls, ctx, plan: CasePlan) -> "NoteFacts":
        """The leaves of `plan` (CasePlan) that hold in the note.  Of the located ones the first
        place is kept (the finding points at the first); of the rest, only that they hold (judged
        as the note's own checklist judges them: stopping at the first evidence).  Each leaf is
        judged when a case's judgement first asks about it (most are never asked about on most
        notes: an item recorded in one note is not looked for in the others), or all of them, but
        those the plan says the case never reads, when the facts are written out."""
        return cls(bool(ctx.is_da_note), LazyLeaves(ctx, plan))

    def to_json(self) -> dict:
        return {"da": int(self.is_da), "leaves": {str(k): [list(s) for s in v] for k, v in self.leaves.items()}}

    @classmethod
    def from_json(cls, data: dict) -> "NoteFacts":
        return cls(bool(data.get("da")), {int(k): [tuple(s) for s in v] for k, v in data.get("leaves", {}).items()})

    def close(self) -> None:
        """Lets go of the note's analyses: the case is judged, and nothing more is asked of these facts."""
        if isinstance(self.leaves, LazyLeaves):
            self.leaves.close()


class LazyLeaves(Mapping):
    """A note's leaves that hold (leaf key -> spans, as NoteFacts.of says), each judged on the note's
    context when first asked about; iterating judges them all, in the compiler's order, and lets the
    context go.  Pickled, it is a plain dict of them all."""

    def __init__(self, ctx, plan: CasePlan):
        self._ctx = ctx
        self._leaves = plan.leaves  # leaf key -> leaf, in the compiler's order
        self._located = plan.located
        self._after = plan.after
        self._judged: dict[int, list[tuple[int, int]] | None] = {}
        self._settled: dict[int, list[tuple[int, int]]] | None = None

    def _judge(self, key: int) -> list[tuple[int, int]] | None:
        if self._settled is not None:
            return self._settled.get(key)
        if key in self._judged:
            return self._judged[key]
        leaf, ctx = self._leaves.get(key), self._ctx
        if leaf is None:
            return None
        if ctx is None:
            raise RuntimeError("a note's facts asked about after they were closed (NoteFacts.close)")
        held = None
        if key in self._located:
            ev = ctx.leaf(leaf)
            if ev:
                held = [min([(s, e) for _, s, e in ev if e > s] or [(0, 0)])]
        elif ctx.leaf_holds(leaf):
            held = [(0, 0)]  # (no place: what points at it finds none)
        self._judged[key] = held
        return held

    def settle(self) -> dict[int, list[tuple[int, int]]]:
        if self._settled is None:
            if self._ctx is None:
                raise RuntimeError("a note's facts written out after they were closed (NoteFacts.close)")
            judged, after, hits = self._judged, self._after, self._ctx.hits
            for key, leaf in self._leaves.items():
                if key in judged or not all(hits.get(group) for group in leaf.needs):
                    continue  # (most leaves: a group with no matches in the note settles it, as Leaf.needs says)
                before = after.get(key)
                # (an option the case never reads here: one before it holds; those are judged first,
                # in the compiler's order, when their keys are lower)
                if before is None or not all(any(judged.get(b) for b in options) for options in before):
                    self._judge(key)
            self._settled = {k: v for k, v in judged.items() if v is not None}
            self.close()
        return self._settled

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.release()
            self._ctx = None

    def __getitem__(self, key: int) -> list[tuple[int, int]]:
        held = self._judge(key)
        if held is None:
            raise KeyError(key)
        return held

    def __contains__(self, key) -> bool:
        return self._judge(key) is not None

    def __iter__(self):
        return iter(self.settle())

    def __len__(self) -> int:
        return len(self.settle())

    def __reduce__(self):
        return dict, (self.settle(),)


class CaseView:
    """The notes of one case seen as one: a leaf holds where it holds in any of them."""

    def __init__(self, notes: Sequence[NoteFacts]):
        self.notes = list(notes)
        self.memo: dict = {}
        self.is_da_note = any(n.is_da for n in self.notes)

    def leaf(self, cond) -> list[tuple[int, int, int]]:
        return [(k, s, e) for k, n in enumerate(self.notes) for s, e in n.leaves.get(cond.key, ())]

    def leaf_holds(self, cond) -> bool:
        return any(cond.key in n.leaves for n in self.notes)


class PathwayGap(NamedTuple):
    rule: object      # pathways.PathwayRule
    note: int         # which note of the case holds its evidence
    start: int        # characters in that note
    end: int
    level: str


class CaseJudgement(NamedTuple):
    is_da: bool
    missing: list[MissingDetail]
    gaps: list[PathwayGap]


def judge_case(component, notes: Sequence[NoteFacts]) -> CaseJudgement:
    """The case's missing details and pathway gaps (`component`: the notelint pipe, whose compiled
    checklist and pathways are the active profile's; its checklist mode applies to the case)."""
    view = CaseView(notes)
    mode = component.checklist_mode
    if not notes or mode == "never" or (mode == "auto" and not view.is_da_note):
        return CaseJudgement(view.is_da_note, [], [])
    missing = component.checklist.missing(view)
    gaps = [PathwayGap(rule, max(note, 0), s, e, level) for rule, (note, s, e), level in component.pathways.gaps(view)]
    return CaseJudgement(view.is_da_note, missing, gaps)


def gap_finding(component, gap: PathwayGap, text: str) -> Finding:
    return component.pathways.finding(gap.rule, text, gap.start, gap.end, gap.level, LineIndex(text))


def check_case(nlp, texts: Sequence[str]) -> list[Report]:
    """Reports for the notes of one case, in order: wording note by note; the case's missing details
    on its last note; each pathway finding on the note whose words it points at.  `nlp` must have
    been built with facts=True (pipeline.build_nlp)."""
    return judge_reports(nlp.get_pipe("notelint"), texts, [doc._.notelint for doc in nlp.pipe(texts)])


def judge_reports(component, texts: Sequence[str], reports: list[Report]) -> list[Report]:
    """The reports of one case's notes (checked with facts=True, in the case's order) with the case's
    judgement in place of each note's own (check_case)."""
    judgement = judge_case(component, [r.facts["note"] for r in reports])
    for r in reports:
        r.findings = [f for f in r.findings if f.kind != PATHWAY]
        r.missing = []
        r.facts["checklist_scope"] = "case"
    for gap in judgement.gaps:
        k = gap.note
        reports[k].findings.append(gap_finding(component, gap, texts[k]))
        reports[k].findings.sort(key=lambda x: (x.start, x.end, x.code))
    if reports:
        reports[-1].missing = judgement.missing
    for r in reports:
        r.facts["note"].close()
    return reports
