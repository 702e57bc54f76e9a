"""Behavioural test suite by capability (CheckList, Ribeiro et al., ACL 2020): failure rates.

    python benchmarks/behaviour.py [--show N] [--cap N]

Prints the failure rate per capability (MFT / INV / DIR), per rule code and per kind of
change, with up to N failing examples per capability and rule.  It is a report: it
always exits 0 (tests/test_behaviour.py holds the thresholds).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from behaviour import suite  # noqa: E402
from behaviour.thresholds import THRESHOLDS  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=3, help="failing examples per capability and rule (0: none)")
    ap.add_argument("--cap", type=int, default=None, help="cases per template (default: the suite's cap)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    results = suite.run(args.cap)
    took = time.perf_counter() - t0
    print(suite.summary(results, show=args.show))
    print()
    rates = suite.by_capability(results)
    print("thresholds (tests/behaviour/thresholds.py): " + ", ".join(
        f"{cap} {rates[cap]:.1%} <= {THRESHOLDS[cap]:.1%}" + ("" if rates[cap] <= THRESHOLDS[cap] else " EXCEEDED")
        for cap in suite.CAPABILITIES))
    print(f"ran in {took:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
