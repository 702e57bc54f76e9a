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
import io
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from .readers.base import (DOCX_MAX_BYTES, DOCX_MAX_PARAGRAPHS, DOCX_MAX_XML_BYTES, InputError, count_matches)
from .safefile import SafeFileError, read_regular, size_text


@dataclass
class Block:
    """One paragraph of the document and where its text sits in the checked text."""

    start: int
    end: int
    label: str         # "¶12" or "table 1 row 3 col 2"
    label_start: int   # where the paragraph or cell starts (columns count from here)
    paragraph: object  # docx.text.paragraph.Paragraph


def read_document_bytes(path: Path) -> bytes:
    """The bytes of a .docx (a regular file within DOCX_MAX_BYTES), or an InputError."""
    try:
        return read_regular(path, DOCX_MAX_BYTES, "Word document")
    except SafeFileError as exc:
        raise InputError(str(path), None, str(exc)) from None


def open_document(path: Path, data: bytes | None = None):
    """A python-docx Document (from `data`, the file's bytes, if given), or an InputError saying
    in one line what is wrong with the file.  The package is checked before it is parsed: what it
    unpacks to, how many paragraphs it has, and that it declares no XML entities."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    source = str(path)
    if data is None:
        data = read_document_bytes(path)
    buf = io.BytesIO(data)
    if not zipfile.is_zipfile(buf):
        raise InputError(source, None, "not a Word .docx file (not a zip package; is it an old .doc, "
                                       "password-protected, or corrupt?)")
    try:
        with zipfile.ZipFile(buf) as z:
            if "word/document.xml" not in z.namelist():
                raise InputError(source, None, "not a Word .docx file (the package has no word/document.xml)")
            _check_package(z, source)
        buf.seek(0)
        document = docx.Document(buf)
    except InputError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(source, None, f"corrupt Word document ({exc.__class__.__name__})") from None
    except Exception as exc:  # lxml XMLSyntaxError and friends from a damaged package
        raise InputError(source, None, f"corrupt Word document ({exc.__class__.__name__})") from None
    return document


_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_NOTHING = re.compile(rb"(?!)")


def _check_package(z: zipfile.ZipFile, source: str) -> None:
    """Refuse, in one line and before parsing, a package that would take too long or too much memory
    (a zip bomb, millions of empty paragraphs) or whose text would be silently cut (an entity)."""
    infos = z.infolist()
    total = sum(i.file_size for i in infos)
    if total > DOCX_MAX_BYTES:
        raise InputError(source, None, f"unpacks to {size_text(total)}, over notelint's limit of "
                                       f"{size_text(DOCX_MAX_BYTES)} (a zip bomb?); not read")
    xml = [i for i in infos if i.filename.lower().endswith((".xml", ".rels"))]
    xml_total = sum(i.file_size for i in xml)
    if xml_total > DOCX_MAX_XML_BYTES:
        raise InputError(source, None, f"its XML unpacks to {size_text(xml_total)}, over notelint's limit "
                                       f"of {size_text(DOCX_MAX_XML_BYTES)}; not read")
    def no_declarations(data: bytes) -> None:
        if _DECLARATION.search(data):
            raise InputError(source, None, f"{info.filename} declares XML entities (a DOCTYPE, which Word "
                                           "never writes): not read, as text after an entity would be lost")

    for info in xml:
        with z.open(info) as fh:
            paragraphs = count_matches(fh, _PARAGRAPH if info.filename == "word/document.xml" else _NOTHING,
                                       DOCX_MAX_PARAGRAPHS, no_declarations)
        if paragraphs > DOCX_MAX_PARAGRAPHS:
            raise InputError(source, None, f"has over {DOCX_MAX_PARAGRAPHS:,} paragraphs, more than "
                             "notelint reads in one document; not read")


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


class Blocks(list):
    """The blocks of a document in text order, with their start offsets for bisection."""

    @property
    def starts(self) -> list[int]:
        if getattr(self, "_starts", None) is None or len(self._starts) != len(self):
            self._starts = [b.start for b in self]
        return self._starts


def _starts(blocks) -> list[int]:
    return blocks.starts if isinstance(blocks, Blocks) else [b.start for b in blocks]


def document_blocks(document) -> tuple[str, list[Block]]:
    """The checked text of a document and its blocks (see the module docstring)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    parts: list[str] = []
    blocks: Blocks = Blocks()
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
    k = max(0, bisect_right(_starts(blocks), offset) - 1)
    b = blocks[k]
    return b.label, offset - b.label_start + 1


def block_of(blocks: list[Block], start: int, end: int) -> Block | None:
    """The block holding the whole span start:end, or None if it crosses paragraphs."""
    k = bisect_right(_starts(blocks), start) - 1
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


def replace_many(paragraph, edits: list[tuple[int, int, str]]) -> None:
    """Write each edit's text over paragraph text start:end, in the formatting of the run where the
    edit starts; `edits` in text order, not overlapping.  One pass over the runs, however many edits:
    a touched run keeps its formatting and holds what is left of its text plus the replacements that
    start in it; a run the edits leave empty is removed."""
    k, pos = 0, 0
    for run in runs_of(paragraph):
        if k >= len(edits):
            return
        text = run.text
        a, b = pos, pos + len(text)
        pos = b
        if not text:
            continue
        while k < len(edits) and edits[k][1] <= a:
            k += 1
        parts, cursor, touched = [], a, False
        while k < len(edits) and edits[k][0] < b:
            start, end, new = edits[k]
            touched = True
            if start >= a:  # the edit starts here: its words go in this run's formatting
                parts += [text[cursor - a:start - a], new]
            cursor = min(end, b)
            if end > b:     # it goes on into the next run
                break
            k += 1
        if not touched:
            continue
        parts.append(text[cursor - a:])
        new_text = "".join(parts)
        if new_text:
            run.text = new_text
        else:
            run._r.getparent().remove(run._r)
