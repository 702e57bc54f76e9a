"""Word documents (.docx, python-docx): their text in reading order, and edits that keep formatting.

The text notelint checks is built from the document body in reading order:

    body paragraph            a block of its own, blocks separated by a blank line ("\\n\\n")
    table row                 a block; its cells separated by a tab, paragraphs in a cell by "\\n"

so a template row "Children in household | None" reads as one sentence.  Offsets in JSON
are into that text; text output shows `file.docx:¶12:5` (12th body paragraph, counting empty
ones) or `file.docx:table 1 row 3 col 2:5` (top-level tables counted from 1; a nested table
belongs to its outer cell), the column counted from the start of the paragraph or cell.

Edits (`notelint fix`, `--annotate`) split runs at the edges of the words concerned, so the
formatting of untouched text is kept.
"""
from __future__ import annotations

import copy
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from .readers.base import InputError


@dataclass
class Block:
    """One paragraph of the document and where its text sits in the checked text."""

    start: int
    end: int
    label: str         # "¶12" or "table 1 row 3 col 2"
    label_start: int   # where the paragraph or cell starts (columns count from here)
    paragraph: object  # docx.text.paragraph.Paragraph


def open_document(path: Path):
    """A python-docx Document, or an InputError saying in one line what is wrong with the file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    source = str(path)
    if not zipfile.is_zipfile(path):
        raise InputError(source, None, "not a Word .docx file (not a zip package; is it an old .doc, "
                                       "password-protected, or corrupt?)")
    try:
        with zipfile.ZipFile(path) as z:
            if "word/document.xml" not in z.namelist():
                raise InputError(source, None, "not a Word .docx file (the package has no word/document.xml)")
        return docx.Document(str(path))
    except InputError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(source, None, f"corrupt Word document ({exc.__class__.__name__})") from None
    except Exception as exc:  # lxml XMLSyntaxError and friends from a damaged package
        raise InputError(source, None, f"corrupt Word document ({exc.__class__.__name__})") from None


def runs_of(paragraph) -> list:
    """The paragraph's text runs in order, including those inside hyperlinks and tracked insertions."""
    from docx.text.run import Run

    return [Run(r, paragraph) for r in paragraph._p.xpath("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r")]


def paragraph_text(paragraph) -> str:
    return "".join(r.text for r in runs_of(paragraph))


def _cell_paragraphs(cell) -> list:
    """A cell's paragraphs, nested tables' paragraphs included, in reading order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []
    for child in cell._tc.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(child, cell))
        elif tag == "tbl":
            for row in Table(child, cell).rows:
                for inner in _unique_cells(row):
                    out += _cell_paragraphs(inner)
    return out


def _unique_cells(row) -> list:
    seen, out = set(), []
    for cell in row.cells:  # a merged cell appears once per grid column it spans
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def document_blocks(document) -> tuple[str, list[Block]]:
    """The checked text of a document and its blocks (see the module docstring)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0

    def add(text: str, sep: str, label: str, label_start: int | None, paragraph) -> int:
        nonlocal pos
        if parts:
            parts.append(sep)
            pos += len(sep)
        start = pos
        parts.append(text)
        pos += len(text)
        blocks.append(Block(start, pos, label, start if label_start is None else label_start, paragraph))
        return start

    n_par = n_table = 0
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n_par += 1
            p = Paragraph(child, document)
            add(paragraph_text(p), "\n\n", f"¶{n_par}", None, p)
        elif tag == "tbl":
            n_table += 1
            for r, row in enumerate(Table(child, document).rows, 1):
                for c, cell in enumerate(_unique_cells(row), 1):
                    label = f"table {n_table} row {r} col {c}"
                    cell_start = None
                    for k, p in enumerate(_cell_paragraphs(cell)):
                        sep = "\n" if k else ("\t" if c > 1 else "\n\n")
                        s = add(paragraph_text(p), sep, label, cell_start, p)
                        cell_start = s if cell_start is None else cell_start
    return "".join(parts), blocks


def locate(blocks: list[Block], offset: int) -> tuple[str, int]:
    """(label, 1-based column) of an offset into the checked text."""
    starts = [b.start for b in blocks]
    k = max(0, bisect_right(starts, offset) - 1)
    b = blocks[k]
    return b.label, offset - b.label_start + 1


def block_of(blocks: list[Block], start: int, end: int) -> Block | None:
    """The block holding the whole span start:end, or None if it crosses paragraphs."""
    starts = [b.start for b in blocks]
    k = bisect_right(starts, start) - 1
    if k < 0:
        return None
    b = blocks[k]
    return b if b.start <= start and end <= b.end else None


def isolate(paragraph, start: int, end: int) -> list:
    """The runs covering exactly paragraph text start:end, splitting runs at the edges (formatting kept)."""
    out = []
    pos = 0
    for run in runs_of(paragraph):
        text = run.text
        a, b = pos, pos + len(text)
        pos = b
        if b <= start or a >= end or not text:
            continue
        cut_lo, cut_hi = max(start, a) - a, min(end, b) - a
        if cut_hi < len(text):  # split off the tail
            tail = copy.deepcopy(run._r)
            run._r.addnext(tail)
            _set_text(tail, run, text[cut_hi:])
            text = text[:cut_hi]
            run.text = text
        if cut_lo > 0:  # split off the head
            head = copy.deepcopy(run._r)
            run._r.addprevious(head)
            _set_text(head, run, text[:cut_lo])
            run.text = text[cut_lo:]
        out.append(run)
    return out


def _set_text(r_element, like_run, text: str) -> None:
    from docx.text.run import Run

    Run(r_element, like_run._parent).text = text


def replace(paragraph, start: int, end: int, new: str) -> bool:
    """Write `new` over paragraph text start:end in the formatting of its first run."""
    runs = isolate(paragraph, start, end)
    if not runs:
        return False
    runs[0].text = new
    for run in runs[1:]:
        run._r.getparent().remove(run._r)
    return True
