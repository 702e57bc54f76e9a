"""`check FILE.docx --annotate OUT.docx`: a copy of the document with a Word comment on each finding.

What a reviewing manager would have written by hand: on each phrase, the message, why it
matters and what to write instead; on the first paragraph, the details the note is missing.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

from .findings import Report

AUTHOR, INITIALS = "notelint", "NL"


def finding_comment(f) -> str:
    lines = [f"{f.code} {f.name}: {f.message}"]
    if f.why:
        lines.append(f"Why: {f.why}")
    if f.suggestions:
        lines.append("Instead: " + "; ".join(f'"{s}"' for s in f.suggestions))
    return "\n".join(lines)


def checklist_comment(report: Report) -> str:
    lines = ["This note does not record:"]
    lines += [f"- {m.message} ({m.code})" for m in report.missing]
    return "\n".join(lines)


def annotate(source: Path, report: Report, out: Path) -> tuple[int, Path | None]:
    """Write the annotated copy of `source` to `out`; returns the number of comments and, if `out`
    already held a file, where that file was kept (OUT.bak).  Written as `fix` writes
    (notelint.safefile): never through a link, never over a file without keeping it."""
    from .readers.base import DOCX_MAX_BYTES
    from .safefile import check_writable_name, read_regular, replace_file
    from .wordfile import block_of, document_blocks, isolate, open_document, runs_of

    document = open_document(source)
    _, blocks = document_blocks(document)
    count = 0
    for f in report.findings:
        b = block_of(blocks, f.start, f.end)
        if b is None:
            continue
        runs = isolate(b.paragraph, f.start - b.start, f.end - b.start)
        if runs:
            document.add_comment(runs, text=finding_comment(f), author=AUTHOR, initials=INITIALS)
            count += 1
    if report.missing:
        first = next((b.paragraph for b in blocks if runs_of(b.paragraph) and b.end > b.start), None)
        if first is not None:
            document.add_comment(runs_of(first), text=checklist_comment(report), author=AUTHOR,
                                 initials=INITIALS)
            count += 1
    buf = io.BytesIO()
    document.save(buf)
    check_writable_name(out)  # a link or a FIFO at OUT: refused
    earlier = read_regular(out, DOCX_MAX_BYTES, "existing output") if os.path.lexists(out) else None
    backup = replace_file(out, buf.getvalue(), earlier, backup=True)
    return count, backup
