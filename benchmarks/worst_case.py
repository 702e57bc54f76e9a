"""Worst-case time: every mechanism is linear in the note's length (QUALITY.md, issue 7).

    python3 benchmarks/worst_case.py

For each kind of input, checks notes of 1, 2, 4 and 8 MB (and one of 10 MB of ordinary notes) and
prints seconds and seconds per MB: a flat s/MB column means time proportional to length.

Then `fix` on notes with 2,000 to 16,000 findings (a .txt and a .docx, in a temporary folder): its
time next to `check`'s on the same text, and per 1,000 findings; a flat column means `fix` is linear
in the number of findings (it was quadratic: 16,000 took over 5 minutes).  `--fix-only` runs just that.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's notelint
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_note  # noqa: E402

import notelint  # noqa: E402

MB = 1 << 20


def ordinary(n: int) -> str:
    rnd, parts, size = random.Random(1), [], 0
    while size < n:
        parts.append(make_note(rnd))
        size += len(parts[-1]) + 2
    return "\n\n".join(parts)[:n]


KINDS = {
    "ordinary notes": ordinary,
    "one word, no spaces": lambda n: ("refused" * (n // 7 + 1))[:n],
    "quotation marks only": lambda n: ('"' * n),
    "nested, unbalanced quotes": lambda n: (("“She said \"it was 'low risk\" and he ‘refused ") * (n // 44 + 1))[:n],
    "trigger words repeated": lambda n: ("she refused to engage and claims low risk " * (n // 42 + 1))[:n],
    "no sentence ends": lambda n: ("she said he hit her and she is scared and " * (n // 42 + 1))[:n],
    "line breaks only": lambda n: "\n" * n,
}


def timed(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        notelint.check_text(text, checklist="always")
        best = min(best, time.process_time() - start)
    return best


FIX_HEAD = "Ms Hale disclosed that her partner, Carl Webb, hit her.\n"  # a DA note, where NL109 applies
FIX_LINE = "I consider this low risk. She refused to engage.\n"  # a safe fix and a finding for a person


def fix_cases() -> None:
    import docx

    from notelint.fix import fix_path
    from notelint.pipeline import build_nlp

    nlp = build_nlp(None, None, (), (), "auto")
    print(f"{'fix':28} {'findings':>8} {'check s':>8} {'fix s':>8} {'fix s/1000':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for findings in (2000, 4000, 8000, 16000):
            text = FIX_HEAD + FIX_LINE * (findings // 2)
            start = time.process_time()
            assert len(nlp(text)._.notelint.findings) >= findings
            check_s = time.process_time() - start
            for kind in ("txt", "docx"):
                path = Path(folder) / f"n{findings}.{kind}"
                if kind == "txt":
                    path.write_text(text)
                else:
                    d = docx.Document()
                    d.add_paragraph(FIX_HEAD.strip())
                    for _ in range(findings // 20):  # ten lines a paragraph: many edits in one paragraph
                        d.add_paragraph(" ".join([FIX_LINE.strip()] * 10))
                    d.save(path)
                start = time.process_time()
                result = fix_path(path, nlp, backup=False)
                fix_s = time.process_time() - start
                assert len(result.applied) == findings // 2, (kind, len(result.applied))
                print(f"{'  .' + kind:28} {findings:8,} {check_s:8.2f} {fix_s:8.2f} {fix_s / findings * 1000:10.3f}",
                      flush=True)


def main() -> None:
    if "--fix-only" in sys.argv:
        fix_cases()
        return
    notelint.check_text("warm-up", checklist="always")
    print(f"{'input':28} " + "  ".join(f"{m:>2} MB: s (s/MB)" for m in (1, 2, 4, 8)))
    for name, make in KINDS.items():
        cells = []
        for m in (1, 2, 4, 8):
            t = timed(make(m * MB))
            cells.append(f"{t:6.2f} ({t / m:4.2f})")
        print(f"{name:28} " + "  ".join(cells), flush=True)
    t = timed(ordinary(10 * MB))
    print(f"one 10 MB note of ordinary text: {t:.1f} s ({t / 10:.2f} s/MB)")
    fix_cases()


if __name__ == "__main__":
    main()
