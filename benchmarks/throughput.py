"""Throughput of `notelint check` on JSONL beside spaCy's bare tokenizer, same texts, same run.

    python3 benchmarks/throughput.py [--notes 20000]

Prints notes/s and words/s for (a) `spacy.blank("en").pipe` over the texts and (b) the check on a
JSONL file (read, pipeline, JSON written to /dev/null) in one process, and their ratio
(target >= 0.5); then the whole-process time of `notelint check one.txt` (median of 5; target <= 2 s).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=20000)
    args = ap.parse_args()

    import spacy

    from notelint.pipeline import build_nlp
    from notelint.readers import ReadOptions, read_paths
    from notelint.reporters import make_reporter

    texts = make_corpus(args.notes)
    words = sum(len(t.split()) for t in texts)
    tmp = Path(tempfile.mkdtemp())
    src = tmp / "notes.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": f"n{i}", "text": t}) + "\n")

    bare = spacy.blank("en")
    nlp = build_nlp("mansfield")
    # warm both (first-call costs are not throughput)
    list(bare.pipe(texts[:200]))
    list(nlp.pipe(texts[:200]))

    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=256):
        pass
    t_tok = time.perf_counter() - t0

    t0 = time.perf_counter()
    reporter = make_reporter("json", open(os.devnull, "w"), profile="mansfield")
    reporter.start()
    n = f = 0
    records = ((r.text, r) for r in read_paths([str(src)], ReadOptions()))
    for doc, rec in nlp.pipe(records, as_tuples=True, batch_size=256):
        reporter.document(rec, doc._.notelint)
        n += 1
        f += len(doc._.notelint.findings)
    reporter.finish({"documents": n, "findings": f, "missing": 0})
    t_check = time.perf_counter() - t0

    print(f"corpus: {len(texts)} notes, {words} words ({words / len(texts):.0f} words/note)")
    print(f"spaCy bare tokenizer : {len(texts) / t_tok:9.0f} notes/s {words / t_tok:11.0f} words/s  ({t_tok:.2f} s)")
    print(f"notelint check JSONL : {n / t_check:9.0f} notes/s {words / t_check:11.0f} words/s  ({t_check:.2f} s, "
          f"{f} findings)")
    print(f"ratio (check / tokenizer): {t_tok / t_check:.2f}  (target >= 0.5)")

    one = tmp / "one.txt"
    one.write_text(texts[0], encoding="utf-8")
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "notelint", "check", str(one)], capture_output=True,
                       cwd=Path(__file__).resolve().parent.parent)
        times.append(time.perf_counter() - t0)
    print(f"notelint check one.txt, whole process: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}; target <= 2 s)")


if __name__ == "__main__":
    main()
