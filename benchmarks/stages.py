"""Where a note's time goes: each step of the notelint component, beside spaCy's bare tokenizer.

    python3 benchmarks/stages.py [--notes 4096] [--kind mixed|da-team]

Notes are tokenised first; then the same calls `NotelintComponent.pipe` makes are timed one by one
(best of three runs, microseconds per note averaged over all notes, DA or not).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's notelint
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=4096)
    ap.add_argument("--kind", choices=("mixed", "da-team"), default="mixed",
                    help="the corpus (benchmarks/corpus.py): mixed, or a DA team's export")
    args = ap.parse_args()

    import spacy
    from spacy.util import minibatch

    from notelint.pipeline import build_nlp
    from notelint.rules.language import NoteContext

    texts = make_corpus(args.notes, kind=args.kind)
    nlp = build_nlp("mansfield")
    comp = nlp.get_pipe("notelint")
    comp.preload()  # (unpacking the cached tables, once per process, is not a note's time)
    docs = [nlp.tokenizer(t) for t in texts]
    bare = spacy.blank("en")
    list(bare.pipe(texts))
    clock = time.perf_counter
    runs = []
    for _ in range(3):
        spent: dict[str, float] = defaultdict(float)
        t = clock()
        list(bare.pipe(texts))
        spent["spaCy's bare tokenizer (for comparison)"] = clock() - t
        da = 0
        for batch in minibatch(docs, 256):
            t = clock()
            prepared = list(comp._prepare(batch))
            spent["batch preparation and phrase walk (numpy)"] += clock() - t
            for doc, p in zip(batch, prepared):
                t0 = clock()
                hits = comp.table(doc, p.found)
                t1 = clock()
                ctx = NoteContext(doc, hits, comp.classes, p.lower, p.marks, comp.cues, p.words, p.cue_marks)
                ctx.is_da_note = comp.checklist.is_da_note(ctx)
                ctx.da_sentence = comp.checklist.da_sentence
                t2 = clock()
                comp.language.check(ctx)
                t3 = clock()
                spent["hits of the walk"] += t1 - t0
                spent["DA detection"] += t2 - t1
                spent["wording rules (context)"] += t3 - t2
                if ctx.is_da_note:
                    da += 1
                    ctx.add_hits(comp.checks(doc, p.check_found))
                    t4 = clock()
                    comp.checklist.missing(ctx)
                    t5 = clock()
                    comp.pathways.gaps(ctx)
                    t6 = clock()
                    spent["checklist hits (DA notes)"] += t4 - t3
                    spent["checklist items (DA notes)"] += t5 - t4
                    spent["pathways (DA notes)"] += t6 - t5
        runs.append(spent)
    n = len(docs)
    print(f"{n} notes, {da} about domestic abuse; microseconds per note, best of 3")
    for stage in runs[0]:
        print(f"  {stage:42s} {min(r[stage] for r in runs) * 1e6 / n:6.0f}")
    total = sum(min(r[s] for r in runs) for s in runs[0] if not s.startswith("spaCy"))
    print(f"  {'notelint, all stages':42s} {total * 1e6 / n:6.0f}")


if __name__ == "__main__":
    main()
