"""Audit throughput and memory on a synthetic export (QUALITY.md: >= 2,000 notes/s with --jobs 2;
peak RSS < 1 GiB and flat as the export grows).

    python3 benchmarks/audit.py                    # 100,000 notes: --jobs 1 and --jobs 2, then 4x with --jobs 2
    python3 benchmarks/audit.py --notes 20000 --no-large --kind da-team

First `notelint check` on the same export in one process (the audit's --jobs 1 should run at 0.8x its
rate or better, and --jobs 2 at 1.6x --jobs 1).

Peak RSS is the largest sum of the resident memory of the audit process and its workers,
sampled from /proc every 0.5 s.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_note  # noqa: E402

TEAMS = ["Housing Options North", "Housing Options South", "Tenancy Sustainment", "Neighbourhoods", "Lettings"]


def build_export(path: Path, n: int, seed: int = 11, kind: str = "mixed") -> None:
    """A CRM-like export: "Case Ref", "Date", "Team", "Officer" columns (found without flags).
    da-team: a DA team's export, about four notes per case over 15 months, 400 officers."""
    rnd = random.Random(seed)
    officers = 400 if kind == "da-team" else 40
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Note ID", "Case Ref", "Date", "Team", "Officer", "Case Note"])
        for i in range(n):
            case = f"C{rnd.randint(1, max(1, n // (4 if kind == 'da-team' else 3))):06d}"
            month = rnd.randint(0, 14 if kind == "da-team" else 11)
            date = f"{2025 + (month + 9) // 12}-{(month + 9) % 12 + 1:02d}-{rnd.randint(1, 28):02d}" \
                if kind == "da-team" else f"2026-{month + 1:02d}-{rnd.randint(1, 28):02d}"
            w.writerow([f"N{i:07d}", case, date, rnd.choice(TEAMS), f"Officer {rnd.randint(1, officers)}",
                        make_note(rnd, kind=kind)])


def _tree_rss_kib(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def run(export: Path, jobs: int, n: int) -> tuple[float, float]:
    out = Path(tempfile.mkdtemp(prefix="notelint-audit-"))
    cmd = [sys.executable, "-m", "notelint", "audit", str(export), "-o", str(out), "--jobs", str(jobs),
           "--case-field", "Case Ref", "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)  # this checkout's notelint, whatever is installed
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kib(proc.pid))
            time.sleep(0.5)
    t = threading.Thread(target=sample, daemon=True)
    t.start()
    proc.wait()
    elapsed = time.perf_counter() - start
    t.join()
    if proc.returncode != 0:
        raise SystemExit(f"audit failed with exit code {proc.returncode}")
    return n / elapsed, peak[0] / 1024


def check_rate(export: Path, n: int) -> float:
    """`notelint check` on the same export in one process, its JSON report thrown away."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.run([sys.executable, "-m", "notelint", "check", str(export), "--format", "json"],
                              cwd=ROOT, stdout=sink)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"check failed with exit code {proc.returncode}")
    return n / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=100_000)
    ap.add_argument("--no-large", action="store_true", help="skip the 4x export")
    ap.add_argument("--kind", choices=("mixed", "da-team"), default="mixed")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "export.csv"
        build_export(export, args.notes, kind=args.kind)
        words = sum(len(r["Case Note"].split()) for r in csv.DictReader(export.open(encoding="utf-8")))
        print(f"export: {args.notes:,} notes, {words / args.notes:.0f} words on average, "
              f"{export.stat().st_size / 2**20:.0f} MiB")
        check = check_rate(export, args.notes)
        print(f"check (one process, JSON to /dev/null): {check:,.0f} notes/s (whole command, start-up included)")
        rates = {}
        for jobs in (1, 2):
            rate, rss = run(export, jobs, args.notes)
            rates[jobs] = rate
            print(f"audit --jobs {jobs}: {rate:,.0f} notes/s (whole command, start-up included), "
                  f"peak RSS {rss:,.0f} MiB")
        print(f"audit --jobs 1 / check: {rates[1] / check:.2f} (target >= 0.8); "
              f"--jobs 2 / --jobs 1: {rates[2] / rates[1]:.2f} (target >= 1.6); load average {os.getloadavg()[0]:.2f}")
        if not args.no_large:
            big = Path(tmp) / "export4.csv"
            build_export(big, args.notes * 4, seed=12, kind=args.kind)
            rate, rss = run(big, 2, args.notes * 4)
            print(f"audit --jobs 2, {args.notes * 4:,} notes: {rate:,.0f} notes/s, peak RSS {rss:,.0f} MiB")


if __name__ == "__main__":
    main()
