"""Latency of `notelint serve` for a 300-word note (QUALITY.md: p95 <= 30 ms at concurrency 1;
no errors at concurrency 8).

    python3 benchmarks/serve.py [--requests 300] [--distinct 20000]

Starts the server on a free local port, warms it up, then times POST /api/check and POST /v2/check
from this process (httpx, one client per thread) and prints p50/p95/p99 and errors; then sends
`--distinct` different notes (each with its own dates, phone numbers, amounts and names) and prints
the server's resident memory after 1,000 of them and at the end (target: within 20 MiB).
"""
from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_note  # noqa: E402


def note_of(words: int = 300) -> str:
    rnd = random.Random(3)
    while True:
        text = make_note(rnd, words, words + 20)
        if "disclosed" in text or "DASH" in text:  # a domestic-abuse note: the whole pipeline runs
            return " ".join(text.split()[:words])


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def distinct_notes(n: int):
    """Notes of a DA team's kind, each with words no other note has (a reference, a name)."""
    rnd = random.Random(5)
    for i in range(n):
        yield make_note(rnd, 60, 120, kind="da-team") + f" Ref DA/{i:06d}/{rnd.randint(10**6, 10**7)}. Zq{i}x called."


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def run(url: str, kind: str, text: str, n: int, concurrency: int) -> tuple[list[float], int]:
    """n requests from `concurrency` threads, each with its own keep-alive connection (as a CRM plugin)."""
    import threading

    local = threading.local()

    def one(_):
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(timeout=30)
        start = time.perf_counter()
        try:
            if kind == "api":
                r = client.post(url + "/api/check", json={"text": text})
            else:
                r = client.post(url + "/v2/check", data={"text": text, "language": "en-GB"})
            ok = r.status_code == 200
        except httpx.HTTPError:
            ok = False
        return 1000 * (time.perf_counter() - start), ok

    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(one, range(n)))
    return [ms for ms, _ in results], sum(1 for _, ok in results if not ok)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--distinct", type=int, default=20000, help="different notes sent for the memory figure (0: none)")
    args = ap.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "notelint", "serve", "--port", str(port)],
                            stderr=subprocess.DEVNULL, cwd=ROOT)  # this checkout's notelint
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(url + "/v2/languages", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        text = note_of()
        print(f"note: {len(text.split())} words")
        run(url, "api", text, 30, 1)  # warm-up
        for kind in ("api", "v2"):
            for conc in (1, 8):
                times, errors = run(url, kind, text, args.requests, conc)
                path = "/api/check" if kind == "api" else "/v2/check"
                print(f"{path:11} concurrency {conc}: p50 {statistics.median(times):5.1f} ms  "
                      f"p95 {percentile(times, 95):5.1f} ms  p99 {percentile(times, 99):5.1f} ms  errors {errors}")
        if args.distinct:
            with httpx.Client(timeout=30) as client:
                for i, note in enumerate(distinct_notes(args.distinct), 1):
                    client.post(url + "/api/check", json={"text": note})
                    if i == min(1000, args.distinct):
                        early = rss_mib(proc.pid)
            late = rss_mib(proc.pid)
            print(f"memory: {early:.0f} MiB after {min(1000, args.distinct):,} distinct notes, {late:.0f} MiB after "
                  f"{args.distinct:,} ({late - early:+.1f} MiB; target within 20 MiB)")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
