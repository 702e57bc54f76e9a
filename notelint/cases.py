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

from dataclasses import dataclass, field
from typing import NamedTuple, Sequence

from .findings import PATHWAY, Finding, LineIndex, MissingDetail, Report


@dataclass
class NoteFacts:
    """What one note contributes to its case: plain data (safe to pickle, store and send)."""

    is_da: bool
    leaves: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # leaf key -> char spans

    @classmethod
    def of(cls, ctx, leaves, located: frozenset[int]) -> "NoteFacts":
        """`located`: the leaves whose place a pathway finding may point at (Pathways.located_leaves).
        Of those the first place is kept (the finding points at the first); of the rest, only that
        they hold (judged as the note's own checklist judges them: stopping at the first evidence)."""
        held = {}
        for leaf in leaves:
            if leaf.key in located:
                ev = ctx.leaf(leaf)
                if ev:
                    held[leaf.key] = [min([(s, e) for _, s, e in ev if e > s] or [(0, 0)])]
            elif ctx.leaf_holds(leaf):
                held[leaf.key] = [(0, 0)]  # (no place: what points at it finds none)
        return cls(bool(ctx.is_da_note), held)

    def to_json(self) -> dict:
        return {"da": int(self.is_da), "leaves": {str(k): [list(s) for s in v] for k, v in self.leaves.items()}}

    @classmethod
    def from_json(cls, data: dict) -> "NoteFacts":
        return cls(bool(data.get("da")), {int(k): [tuple(s) for s in v] for k, v in data.get("leaves", {}).items()})


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
    component = nlp.get_pipe("notelint")
    reports = [doc._.notelint for doc in nlp.pipe(texts)]
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
    return reports
