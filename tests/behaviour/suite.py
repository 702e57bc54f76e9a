"""Run the behavioural cases through the public API and summarise the failures.

Only `notelint.check_text` and the Report it returns (`findings` with `.code`,
`.start`, `.end`; `missing` with `.code`; `is_da_note`) are used, so the suite
keeps working whatever the engine looks like inside.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import notelint

from .templates import DIR, INV, MFT, Case, generate

CAPABILITIES = (MFT, INV, DIR)


@lru_cache(maxsize=None)
def check(text: str, checklist: str = "auto"):
    return notelint.check_text(text, checklist=checklist)


def signature(report, note: bool) -> tuple:
    """What INV compares: the multiset of finding codes (and, for notes, the missing details)."""
    sig = sorted(f.code for f in report.findings)
    if note:
        sig += sorted("missing:" + m.code for m in report.missing)
    return tuple(sig)


def has(report, code: str, spans=()) -> bool:
    """Does the report carry `code`? (RF: reported missing; NL/PW: a finding, over a marked span if any)."""
    if code.startswith("RF"):
        return any(m.code == code for m in report.missing)
    for f in report.findings:
        if f.code == code or (code == "NL" and f.code.startswith("NL")):
            if not spans or any(f.start < e and s < f.end for s, e in spans):
                return True
    return False


@dataclass
class Result:
    case: Case
    ok: bool
    detail: str
    vacuous: bool = False    # DIR: the base was not flagged either, so the pass tests nothing


def run_case(c: Case) -> Result:
    r = check(c.text, c.checklist)
    if c.capability == MFT:
        ok = has(r, c.code, c.spans)
        got = sorted({f.code for f in r.findings} | {"missing:" + m.code for m in r.missing if c.code.startswith("RF")})
        return Result(c, ok, "" if ok else f"expected {c.code}; got {got}")
    if c.capability == DIR:
        bad = [code for code in c.forbid if has(r, code)]
        found = [f"{f.code} {f.text!r}" for f in r.findings if any(f.code == b or (b == "NL" and f.code[:2] == "NL")
                                                                   for b in c.forbid)]
        found += [f"missing:{b}" for b in bad if b.startswith("RF")]
        base = check(c.base, c.checklist)
        vacuous = not bad and not any(has(base, code) for code in c.forbid)
        return Result(c, not bad, "" if not bad else f"still reported: {', '.join(found)}", vacuous)
    b = check(c.base, c.checklist)
    s1, s2 = signature(b, c.note), signature(r, c.note)
    ok = s1 == s2
    if ok:
        return Result(c, True, "")
    gone = list((Counter(s1) - Counter(s2)).elements())
    new = list((Counter(s2) - Counter(s1)).elements())
    return Result(c, False, f"lost {gone}, gained {new}")


def run(cap: int | None = None) -> list[Result]:
    return [run_case(c) for c in generate(cap)]


def rates(results: list[Result], key) -> dict:
    """{group: (failures, total)}"""
    out: dict = defaultdict(lambda: [0, 0])
    for r in results:
        g = key(r)
        out[g][1] += 1
        out[g][0] += not r.ok
    return {k: tuple(v) for k, v in out.items()}


def by_capability(results: list[Result]) -> dict[str, float]:
    rs = rates(results, lambda r: r.case.capability)
    return {cap: (rs[cap][0] / rs[cap][1] if cap in rs else 0.0) for cap in CAPABILITIES}


def _pct(f: int, n: int) -> str:
    return f"{f / n:6.1%} ({f}/{n})" if n else "     -"


def summary(results: list[Result], show: int = 3) -> str:
    lines = []
    caps = rates(results, lambda r: r.case.capability)
    lines.append(f"behavioural suite: {len(results)} cases")
    lines.append("")
    lines.append(f"{'capability':<12}{'failure rate':>22}")
    for cap in CAPABILITIES:
        f, n = caps.get(cap, (0, 0))
        lines.append(f"{cap:<12}{_pct(f, n):>22}")
    vac = sum(r.vacuous for r in results)
    lines.append(f"(DIR passes whose base was not flagged either, so they test nothing: {vac})")
    lines.append("")
    per = rates(results, lambda r: (r.case.code, r.case.capability))
    codes = sorted({r.case.code for r in results})
    lines.append(f"{'rule':<8}" + "".join(f"{cap:>22}" for cap in CAPABILITIES))
    for code in codes:
        lines.append(f"{code:<8}" + "".join(f"{_pct(*per.get((code, cap), (0, 0))):>22}" for cap in CAPABILITIES))
    lines.append("")
    tr = rates(results, lambda r: (r.case.capability, r.case.transform))
    lines.append("by capability and test type (change / form):")
    for (cap, t), (f, n) in sorted(tr.items()):
        lines.append(f"  {cap} {t:<28}{_pct(f, n):>22}")
    forms = rates([r for r in results if r.case.form and r.case.capability in (MFT, DIR)],
                  lambda r: (r.case.capability, r.case.form))
    lines.append("")
    lines.append("by how the survivor is named (MFT, DIR):")
    for (cap, form), (f, n) in sorted(forms.items()):
        lines.append(f"  {cap} {form:<28}{_pct(f, n):>22}")
    if show:
        lines.append("")
        lines.append(f"failing examples (up to {show} per capability and rule):")
        groups: dict = defaultdict(list)
        for r in results:
            if not r.ok:
                groups[(r.case.capability, r.case.code)].append(r)
        for (cap, code), rs in sorted(groups.items()):
            lines.append(f"-- {cap} {code}: {len(rs)} failing")
            picked, seen_t = [], set()
            for r in rs:                      # one per template first, then the rest
                if r.case.template + r.case.transform not in seen_t:
                    seen_t.add(r.case.template + r.case.transform)
                    picked.append(r)
            picked += [r for r in rs if r not in picked]
            for r in picked[:show]:
                c = r.case
                lines.append(f"   [{c.template} / {c.transform}] {r.detail}")
                if c.base is not None:
                    lines.append(f"      base: {c.base!r}")
                lines.append(f"      text: {c.text!r}")
    return "\n".join(lines)
