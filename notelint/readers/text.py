"""Plain text and Markdown: the whole file is one note."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

from ..safefile import read_regular
from .base import MAX_NOTE_BYTES, InputError, Record, ReadOptions, decode


def read(path: Path, options: ReadOptions) -> Iterator[Record]:
    yield Record(source=str(path), text=decode(read_regular(path, MAX_NOTE_BYTES, "note"), str(path)))


def read_stdin(options: ReadOptions) -> Iterator[Record]:
    data = sys.stdin.buffer.read(MAX_NOTE_BYTES + 1)
    if len(data) > MAX_NOTE_BYTES:
        raise InputError("<stdin>", None, f"note is over notelint's limit of {MAX_NOTE_BYTES >> 20} MB; not read")
    yield Record(source="-", text=decode(data, "<stdin>"))
