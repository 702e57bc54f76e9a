"""Plain text and Markdown: the whole file is one note."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

from .base import Record, ReadOptions, decode


def read(path: Path, options: ReadOptions) -> Iterator[Record]:
    yield Record(source=str(path), text=decode(path.read_bytes(), str(path)))


def read_stdin(options: ReadOptions) -> Iterator[Record]:
    yield Record(source="-", text=decode(sys.stdin.buffer.read(), "<stdin>"))
