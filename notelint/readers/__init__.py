"""Readers: one module per input kind; each yields Records (or an InputError for a bad file or line).

    for item in read_paths(["notes/", "export.jsonl", "-"]):
        if isinstance(item, InputError): ...
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

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


def read_paths(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Record | InputError | InputWarning]:
    """Records from files, folders (recursively, by extension) and '-' (stdin)."""
    options = options or ReadOptions()
    for raw in paths:
        if raw == "-":
            yield from text.read_stdin(options)
            continue
        path = Path(raw)
        if path.is_dir():
            skipped: Counter = Counter()
            notes = 0
            for file in _walk(path, skipped):
                for item in _read_file(file, options):
                    notes += isinstance(item, Record)
                    yield item
            if skipped:
                n = sum(skipped.values())
                kinds = ", ".join(f"{ext} ×{k}" if k > 1 else ext for ext, k in sorted(skipped.items()))
                what = f"{n} file{'s' if n != 1 else ''} of a type notelint cannot read skipped ({kinds})"
                if not notes:
                    what = f"no notes notelint can read: {what}"
                yield InputError(str(path), None, f"{what}; save notes as {', '.join(supported_extensions())}")
        elif path.exists():
            yield from _read_file(path, options, explicit=True)
        else:
            yield InputError(str(path), None, "no such file or folder")


def _walk(folder: Path, skipped: Counter) -> Iterator[Path]:
    """The files notelint reads under `folder`; the extensions of the others are counted in `skipped`."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith((".", "~$")):  # hidden files; ~$: Word's lock files
                continue
            p = Path(root) / name
            if p.suffix.lower() in READERS:
                yield p
            else:
                skipped[p.suffix.lower() or "(no extension)"] += 1


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
    except OSError as exc:
        yield InputError(str(path), None, f"cannot read: {exc.strerror or exc.__class__.__name__}")


__all__ = ["InputError", "InputWarning", "Record", "ReadOptions", "read_paths", "supported_extensions"]
