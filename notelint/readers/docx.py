"""Word documents: body paragraphs and table cells in reading order (see notelint.wordfile)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .base import Record, ReadOptions


def read(path: Path, options: ReadOptions) -> Iterator[Record]:
    from ..wordfile import document_blocks, open_document

    text, blocks = document_blocks(open_document(path))
    yield Record(source=str(path), text=text, meta={"blocks": blocks})
