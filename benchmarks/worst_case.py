"""Worst-case time: every mechanism is linear in the note's length (QUALITY.md, issue 7).

    python3 benchmarks/worst_case.py

For each kind of input, checks notes of 1, 2, 4 and 8 MB (and one of 10 MB of ordinary notes) and
prints seconds and seconds per MB: a flat s/MB column means time proportional to length.
"""
from __future__ import annotations

import random
import sys
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


def main() -> None:
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


if __name__ == "__main__":
    main()
