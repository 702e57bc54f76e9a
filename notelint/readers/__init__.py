"""Readers: one module per input kind; each yields Records (or an InputError for a bad file or line).

    for item in read_paths(["notes/", "export.jsonl", "-"]):
        if isinstance(item, InputError): ...
"""
from __future__ import annotations

import os
import stat
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from ..safefile import NotRegular, SafeFileError, describe
from .base import InputError, InputWarning, Record, ReadOptions
from . import docx, jsonl, table, text

READERS = {
    ".txt": text.read,
    ".md": text.read,
    ".markdown": text.read,
    ".text": text.read,
    ".jsonl": jsonl.read,
    ".csv": table.read,
    ".tsv": table.read,
    ".xlsx": table.read_xlsx,
    ".docx": docx.read,
    ".ndjson": jsonl.read,
}


def supported_extensions() -> tuple[str, ...]:
    return tuple(sorted(READERS))


# kinds of document that may hold case notes but that notelint does not read
NOTE_LIKE = frozenset({".doc", ".rtf", ".pdf", ".odt", ".pages", ".wpd", ".msg", ".eml", ".xls", ".ods", ".htm",
                       ".html", ".docm", ".dotx", ".dot"})


def read_paths(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Record | InputError | InputWarning]:
    """Records from files, folders (recursively, by extension) and '-' (stdin).

    Only regular files are opened: a FIFO, device or socket named on the command line is an error,
    one found in a folder a warning, and neither blocks the run."""
    options = options or ReadOptions()
    for raw in paths:
        if raw == "-":
            try:
                yield from text.read_stdin(options)
            except InputError as exc:
                yield exc
            continue
        path = Path(raw)
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            yield InputError(str(path), None, describe(exc, path))
            continue
        if stat.S_ISDIR(mode):
            skipped: Counter = Counter()
            notes = 0
            for item in _walk(path, options, skipped):
                notes += isinstance(item, Record)
                yield item
            if skipped:
                n = sum(skipped.values())
                kinds = ", ".join(f"{ext} ×{k}" if k > 1 else ext for ext, k in sorted(skipped.items()))
                what = f"{n} file{'s' if n != 1 else ''} of a type notelint cannot read skipped ({kinds})"
                if not notes:
                    what = f"no notes notelint can read: {what}"
                message = f"{what}; save notes as {', '.join(supported_extensions())}"
                # documents that may hold notes (.doc, .pdf ...) are notes not read: an error; other files
                # beside notes (a script, a profile) are only mentioned
                if not notes or set(skipped) & NOTE_LIKE:
                    yield InputError(str(path), None, message)
                else:
                    yield InputWarning(str(path), None, message)
        else:
            yield from _read_file(path, options, explicit=True)


def _walk(folder: Path, options: ReadOptions, skipped: Counter) -> Iterator[Record | InputError | InputWarning]:
    """What the files notelint reads under `folder` hold; the extensions of the others are counted in `skipped`."""
    problems: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=problems.append):
        while problems:
            exc = problems.pop(0)
            yield InputError(exc.filename or str(root), None, f"folder not read: {describe(exc, exc.filename)}")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith((".", "~$")):  # hidden files; ~$: Word's lock files
                continue
            p = Path(root) / name
            if p.suffix.lower() in READERS:
                yield from _read_file(p, options)
            else:
                skipped[p.suffix.lower() or "(no extension)"] += 1
    for exc in problems:
        yield InputError(exc.filename or str(folder), None, f"folder not read: {describe(exc, exc.filename)}")


def _read_file(path: Path, options: ReadOptions, explicit: bool = False) -> Iterator[Record | InputError | InputWarning]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield InputError(str(path), None, f"unsupported file type {path.suffix or '(none)'!r} "
                                          f"(supported: {', '.join(supported_extensions())})")
        return
    try:
        yield from reader(path, options)
    except InputError as exc:
        yield exc
    except NotRegular as exc:  # in a folder: skipped with a warning; named: an error
        yield (InputError if explicit else InputWarning)(str(path), None, str(exc))
    except SafeFileError as exc:
        yield InputError(str(path), None, str(exc))
    except OSError as exc:
        yield InputError(str(path), None, f"cannot read: {describe(exc, path)}")


__all__ = ["InputError", "InputWarning", "Record", "ReadOptions", "read_paths", "supported_extensions"]
