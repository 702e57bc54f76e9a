"""Per case, not only per note: required details and pathways judged over all of a case's notes.

A detail recorded in the first note need not be repeated in the fourth. Wording (NL) is still
checked note by note; the case's missing details are reported on its last note, and a pathway
finding on the note whose words triggered it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from .findings import PATHWAY, LineIndex, Report

CASE_SEPARATOR = "\n\n"


def check_case(nlp, texts: Sequence[str]) -> list[Report]:
    """Reports for the notes of one case, in order, with RF and PW judged over the whole case."""
    reports = [doc._.notelint for doc in nlp.pipe(texts)]
    if len(texts) < 2:
        for r in reports:
            r.facts["checklist_scope"] = "case"
        return reports
    joined = CASE_SEPARATOR.join(texts)
    case = nlp(joined)._.notelint
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + len(CASE_SEPARATOR)
    for r in reports:
        r.findings = [f for f in r.findings if f.kind != PATHWAY]
        r.missing = []
        r.facts["checklist_scope"] = "case"
    for f in case.findings:
        if f.kind != PATHWAY:
            continue
        k = max(i for i, s in enumerate(starts) if s <= f.start)
        start, end = f.start - starts[k], min(f.end - starts[k], len(texts[k]))
        line, col = LineIndex(texts[k]).locate(start)
        reports[k].findings.append(replace(f, start=start, end=end, text=texts[k][start:end], line=line, column=col))
        reports[k].findings.sort(key=lambda x: (x.start, x.end, x.code))
    reports[-1].missing = case.missing
    return reports
