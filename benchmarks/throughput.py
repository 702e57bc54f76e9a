"""Throughput of `notelint check` on JSONL beside spaCy's bare tokenizer, same texts, same run.

    python3 benchmarks/throughput.py [--notes 20000] [--kind mixed|da-team|both]

For each corpus kind (benchmarks/corpus.py: `mixed`, a third DA notes; `da-team`, a DA team's export,
nearly all DA notes with identifiers and about two findings each), prints notes/s and words/s for
(a) `spacy.blank("en").pipe` over the texts and (b) the check on a JSONL file (read, pipeline, JSON
written to /dev/null) in one process, their ratio (target >= 0.35) and a digest of the findings
(compare it across versions: the same digest, the same findings); then the whole-process time of
`notelint check one.txt` beside `import spacy; spacy.blank("en")` (median of 5; target <= 1.25x).
"""
from __future__ import annotations

import argparse
import hashlib
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
    ap.add_argument("--kind", choices=("mixed", "da-team", "both"), default="both")
    args = ap.parse_args()
    for kind in ("mixed", "da-team") if args.kind == "both" else (args.kind,):
        one = measure(args.notes, kind)
    startup(one)


def measure(n_notes: int, kind: str) -> Path:
    import spacy

    from notelint.pipeline import build_nlp
    from notelint.readers import ReadOptions, read_paths
    from notelint.reporters import make_reporter

    texts = make_corpus(n_notes, kind=kind)
    words = sum(len(t.split()) for t in texts)
    tmp = Path(tempfile.mkdtemp())
    src = tmp / "notes.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": f"n{i}", "text": t}) + "\n")

    bare = spacy.blank("en")
    nlp = build_nlp("mansfield")
    # warm both (first-call costs are not throughput; nor is unpacking the cached tables, which a
    # one-note check does only in part and a long run once)
    list(bare.pipe(texts[:200]))
    nlp.get_pipe("notelint").preload()
    list(nlp.pipe(texts[:200]))

    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=256):
        pass
    t_tok = time.perf_counter() - t0

    t0 = time.perf_counter()
    reporter = make_reporter("json", open(os.devnull, "w"), profile="mansfield")
    reporter.start()
    n = f = 0
    digest = hashlib.sha256()
    records = ((r.text, r) for r in read_paths([str(src)], ReadOptions()))
    for doc, rec in nlp.pipe(records, as_tuples=True, batch_size=256):
        report = doc._.notelint
        reporter.document(rec, report)
        n += 1
        f += len(report.findings)
        digest.update(repr(([(x.code, x.start, x.end) for x in report.findings],
                            sorted(m.code for m in report.missing))).encode())
    reporter.finish({"documents": n, "findings": f, "missing": 0})
    t_check = time.perf_counter() - t0

    print(f"corpus {kind}: {len(texts)} notes, {words} words ({words / len(texts):.0f} words/note)")
    print(f"spaCy bare tokenizer : {len(texts) / t_tok:9.0f} notes/s {words / t_tok:11.0f} words/s  ({t_tok:.2f} s)")
    print(f"notelint check JSONL : {n / t_check:9.0f} notes/s {words / t_check:11.0f} words/s  ({t_check:.2f} s, "
          f"{f} findings)")
    print(f"ratio (check / tokenizer): {t_tok / t_check:.2f}  (target >= 0.35)   findings digest {digest.hexdigest()[:12]}")
    one = tmp / "one.txt"
    one.write_text(texts[0], encoding="utf-8")
    return one


def startup(one: Path) -> None:
    def median_run(cmd: list[str]) -> float:
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, cwd=Path(__file__).resolve().parent.parent)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)
    spacy_alone = median_run([sys.executable, "-c", "import spacy; spacy.blank('en')"])
    check = median_run([sys.executable, "-m", "notelint", "check", str(one)])
    print(f"notelint check one.txt, whole process: median {check:.2f} s; import spacy + spacy.blank: "
          f"{spacy_alone:.2f} s; ratio {check / spacy_alone:.2f} (target <= 1.25)")


if __name__ == "__main__":
    main()
