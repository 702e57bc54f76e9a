"""`notelint fix`: rewrite wording in place, ruff-style.

A finding's fix is *safe* when its replacement is a like-for-like swap that keeps meaning and
grammar ("low risk" -> "standard risk"); anything else is *unsafe* and applied only when asked.
Only a finding's `replacements` are ever applied (never its advice); the lexicon says which
patterns have them (`replace`) and how safe they are (`fix`).

Nothing is lost: edits are never made inside quotations (no finding is reported there), the
new file is written to a temporary file beside the old one and renamed over it, the old one
is kept as FILE.bak (FILE.bak.1 ... if that exists), a file changed on disk since it was read
is left alone, and a symlink's target is the file rewritten.  How files are written, and what is
refused (links where a file should be, hard-linked files, FIFOs), is notelint.safefile.

Time is linear in the number of findings: edits are applied in one pass over the text (one pass
over each paragraph's runs in a Word document).
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from . import safefile
from .findings import Finding
from .readers.base import DOCX_MAX_BYTES, MAX_NOTE_BYTES, InputError, decode

FIXABLE = (".txt", ".md", ".markdown", ".text", ".docx")
MAX_PASSES = 5  # a fix may uncover another; stop when a pass changes nothing


class FixError(Exception):
    """A file that was not fixed; str() is one line naming it."""


@dataclass
class FileFix:
    path: Path
    before: str                       # the checked text before and after
    after: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    backup: Path | None = None
    leftovers: list[Path] = field(default_factory=list)      # temporary files of an interrupted run, removed
    leftovers_kept: list[Path] = field(default_factory=list)  # ... found but not removed (--diff, or not ours)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        name = str(self.path)
        lines = [self.before.splitlines(keepends=True), self.after.splitlines(keepends=True)]
        for side in lines:
            if side and not side[-1].endswith("\n"):
                side[-1] += "\n\\ No newline at end of file\n"
        return "".join(difflib.unified_diff(*lines, f"a/{name}", f"b/{name}"))


class Edit(NamedTuple):
    start: int
    end: int
    text: str          # the replacement's words
    finding: Finding


def edits(findings: list[Finding], unsafe: bool) -> list[Edit]:
    """The replacements that may be applied (safe ones; unsafe too when asked), without overlaps,
    in text order.  Advice is never applied."""
    out: list[Edit] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        r = f.replacement(unsafe)
        if r is None or r.text == f.text:
            continue
        if out and f.start < out[-1].end:
            continue
        out.append(Edit(f.start, f.end, r.text, f))
    return out


def apply(text: str, chosen: list[Edit]) -> str:
    parts, pos = [], 0
    for e in chosen:
        parts += [text[pos:e.start], e.text]
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_path(path: Path, nlp, unsafe: bool = False, write: bool = True, backup: bool = True) -> FileFix:
    """Fix one file (text, Markdown or Word); with write=False only work out what would change."""
    suffix = path.suffix.lower()
    if suffix not in FIXABLE:
        raise FixError(f"{path}: cannot fix {suffix or 'this file'} files (fix works on "
                       f"{', '.join(FIXABLE)}; fix an export's notes in the system they came from)")
    target = Path(os.path.realpath(path))  # a link the user named: its target is the file rewritten
    limit = DOCX_MAX_BYTES if suffix == ".docx" else MAX_NOTE_BYTES
    try:
        fh = safefile.open_regular(target, limit, "Word document" if suffix == ".docx" else "note")
    except safefile.SafeFileError as exc:
        raise FixError(f"{path}: {exc}") from None
    try:
        try:
            if write:
                safefile.lock(fh)  # another notelint fixing it now: refused, not raced
            original = fh.read(limit + 1)
        except safefile.SafeFileError as exc:
            raise FixError(f"{path}: {exc}") from None
        except OSError as exc:
            raise FixError(f"{path}: cannot read: {safefile.describe(exc)}") from None
        if len(original) > limit:
            raise FixError(f"{path}: {safefile.TooLarge(len(original), limit)}")
        if safefile.WINDOWS:
            fh.close()  # Windows replaces no file that is open (and has no flock to hold)
        if write:
            removed, kept = safefile.remove_leftovers(target)
        else:
            removed, kept = [], safefile.leftovers(target)
        if suffix == ".docx":
            result, data = _fix_docx(path, original, nlp, unsafe)
        else:
            result, data = _fix_text(path, original, nlp, unsafe)
        result.leftovers, result.leftovers_kept = removed, kept
        if write and result.changed:
            try:
                result.backup = safefile.replace_file(
                    target, data, original, backup,
                    changed="changed on disk while being fixed; not changed (run fix again)")
            except safefile.SafeFileError as exc:
                raise FixError(f"{path}: {exc}") from None
    finally:
        fh.close()  # the lock is held until the new file has its name
    return result


def _fix_text(path: Path, original: bytes, nlp, unsafe: bool) -> tuple[FileFix, bytes]:
    try:
        text = decode(original, str(path))
    except InputError as exc:
        raise FixError(str(exc)) from None
    result = FileFix(path, text, text)
    for _ in range(MAX_PASSES):
        report = nlp(result.after)._.notelint
        chosen = edits(report.findings, unsafe)
        done = {id(e.finding) for e in chosen}
        result.remaining = [f for f in report.findings if id(f) not in done]
        if not chosen:
            break
        result.applied += [e.finding for e in chosen]
        result.after = apply(result.after, chosen)
    bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    return result, bom + result.after.encode("utf-8")


def _fix_docx(path: Path, original: bytes, nlp, unsafe: bool) -> tuple[FileFix, bytes]:
    import io

    from .wordfile import block_of, document_blocks, open_document, replace_many

    try:
        document = open_document(path, original)
    except InputError as exc:
        raise FixError(str(exc)) from None
    text, blocks = document_blocks(document)
    result = FileFix(path, text, text)
    for _ in range(MAX_PASSES):
        report = nlp(text)._.notelint
        by_block: dict[int, tuple] = {}
        chosen = []
        for e in edits(report.findings, unsafe):
            b = block_of(blocks, e.start, e.end)
            if b is not None:
                chosen.append(e)
                by_block.setdefault(id(b), (b, []))[1].append((e.start - b.start, e.end - b.start, e.text))
        done = {id(e.finding) for e in chosen}
        result.remaining = [f for f in report.findings if id(f) not in done]
        if not chosen:
            break
        for b, paragraph_edits in by_block.values():
            replace_many(b.paragraph, paragraph_edits)  # one pass over each paragraph's runs
        result.applied += [e.finding for e in chosen]
        text, blocks = document_blocks(document)
    result.after = text
    buf = io.BytesIO()
    document.save(buf)
    return result, buf.getvalue()

