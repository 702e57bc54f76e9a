"""`notelint fix`: rewrite wording in place, ruff-style.

A finding's fix is *safe* when its replacement is a like-for-like swap that keeps meaning and
grammar ("low risk" -> "standard risk"); anything else is *unsafe* and applied only when asked.
Only a finding's `replacements` are ever applied (never its advice); the lexicon says which
patterns have them (`replace`) and how safe they are (`fix`).

Nothing is lost: edits are never made inside quotations (no finding is reported there), the
new file is written to a temporary file beside the old one and renamed over it, the old one
is kept as FILE.bak (FILE.bak.1 ... if that exists), a file changed on disk since it was read
is left alone, and a symlink's target is the file rewritten.
"""
from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .findings import Finding
from .readers.base import InputError, decode

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
    try:
        original = path.read_bytes()
    except OSError as exc:
        raise FixError(f"{path}: cannot read: {exc.strerror or exc.__class__.__name__}") from None
    if suffix == ".docx":
        result, data = _fix_docx(path, nlp, unsafe)
    else:
        result, data = _fix_text(path, original, nlp, unsafe)
    if write and result.changed:
        result.backup = write_atomic(path, data, original, backup)
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


def _fix_docx(path: Path, nlp, unsafe: bool) -> tuple[FileFix, bytes]:
    import io

    from .wordfile import block_of, document_blocks, open_document, replace

    try:
        document = open_document(path)
    except InputError as exc:
        raise FixError(str(exc)) from None
    text, blocks = document_blocks(document)
    result = FileFix(path, text, text)
    for _ in range(MAX_PASSES):
        report = nlp(text)._.notelint
        chosen = [e for e in edits(report.findings, unsafe) if block_of(blocks, e.start, e.end)]
        done = {id(e.finding) for e in chosen}
        result.remaining = [f for f in report.findings if id(f) not in done]
        if not chosen:
            break
        for e in reversed(chosen):  # from the end, so earlier offsets in a paragraph still hold
            b = block_of(blocks, e.start, e.end)
            replace(b.paragraph, e.start - b.start, e.end - b.start, e.text)
        result.applied += [e.finding for e in chosen]
        text, blocks = document_blocks(document)
    result.after = text
    buf = io.BytesIO()
    document.save(buf)
    return result, buf.getvalue()


def _backup_path(target: Path) -> Path:
    bak = target.with_name(target.name + ".bak")
    n = 0
    while bak.exists():
        n += 1
        bak = target.with_name(f"{target.name}.bak.{n}")
    return bak


def write_atomic(path: Path, data: bytes, original: bytes | None, backup: bool = True) -> Path | None:
    """Replace `path` (a symlink's target) with `data`: temp file, fsync, rename; the old file kept as .bak.

    `original` is what the file held when it was read: if it holds something else now, it was
    changed on disk meanwhile and is left alone.  Returns the backup's path.
    """
    target = path.resolve()
    if original is not None and not os.access(target, os.W_OK):
        raise FixError(f"{path}: read-only; not changed")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".notelint-tmp")
    except OSError as exc:
        raise FixError(f"{path}: cannot write beside it: {exc.strerror or exc.__class__.__name__}") from None
    bak = None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if original is not None:
            shutil.copymode(target, tmp)
            if target.read_bytes() != original:
                raise FixError(f"{path}: changed on disk while being fixed; not changed (run fix again)")
            if backup:
                bak = _backup_path(target)
                shutil.copy2(target, bak)
        os.replace(tmp, target)
    except FixError:
        _unlink(tmp)
        raise
    except OSError as exc:
        _unlink(tmp)
        raise FixError(f"{path}: not changed: {exc.strerror or exc.__class__.__name__}") from None
    except BaseException:
        _unlink(tmp)
        raise
    return bak


def _unlink(p: str) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass
