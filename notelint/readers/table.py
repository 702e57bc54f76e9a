"""Exports from case-management systems: CSV, TSV and Excel (.xlsx), one note per row.

The note, id, case and status columns are found from common headers ("Case note", "Narrative",
"Case ref", "Status" ...) unless named with --text-field / --id-field / --case-field /
--status-field.  CSV files in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or
Windows-1252 (Excel's "CSV") are read; quoted fields may hold line breaks.  Note bodies that
are HTML (rich-text CRMs) are checked as the text a reader sees; offsets are then into that text.
"""
from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

from ..safefile import open_regular
from .base import (COLUMN_ROLES, MAX_NOTE_CHARS, MAX_ROW_CHARS, XLSX_MAX_SHARED_BYTES, XLSX_MAX_SHARED_STRINGS,
                   InputError, InputWarning, Record, ReadOptions, count_matches)
from .html import looks_like_html, strip_html

TEXT_HEADERS = ("note", "notes", "case note", "case notes", "casenote", "narrative", "text", "details",
                "note text", "body", "comments", "description")
ID_HEADERS = ("id", "note id", "note ref", "record id", "reference", "ref", "case note id", "entry id")
CASE_HEADERS = COLUMN_ROLES["case"]
STATUS_HEADERS = ("status", "note status", "record status")
EXCEL_CELL_LIMIT = 32767


def _encoding(path: Path, source: str) -> str:
    """The file's encoding, found by one streaming pass (memory stays flat for a 1 GB export)."""
    import codecs

    with open_regular(path) as fh:
        head = fh.read(65536)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        if b"\x00" in head[:8192]:
            raise InputError(source, None, "looks like a binary file, not a CSV export")
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk = head
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = fh.read(1 << 20)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("cp1252")()
        try:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                decoder.decode(chunk)
            return "cp1252"
        except UnicodeDecodeError:
            raise InputError(source, None, "not UTF-8 or Windows-1252 text (save the export as UTF-8 CSV)") from None


def _norm(header) -> str:
    header = str(header or "").strip().lower().replace("_", " ").replace("-", " ")
    return " ".join(header.translate(_DROPPED).split())


_DROPPED = str.maketrans("", "", ".#:")


def _shown(headers: list) -> str:
    """The columns for a one-line message."""
    names = [" ".join(str(h).split())[:40] for h in headers if h is not None and str(h).strip()]
    return ", ".join(names[:30]) + (", …" if len(names) > 30 else "")


def _column(headers: list[str], chosen: str | None, candidates: tuple[str, ...], source: str, what: str):
    norm = [_norm(h) for h in headers]
    if chosen:
        if _norm(chosen) in norm:
            return norm.index(_norm(chosen))
        raise InputError(source, 1, f"no {what} column {chosen!r} (columns: {_shown(headers)})")
    for name in candidates:
        if name in norm:
            return norm.index(name)
    return None


def _cell(fields: list, col: int | None) -> str | None:
    if col is None or col >= len(fields) or fields[col] is None:
        return None
    value = fields[col]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def records_from_rows(source: str, rows: Iterable[list], options: ReadOptions,
                      where: str = "row") -> Iterator[Record | InputError | InputWarning]:
    """Records from a header row and data rows (lists of cell values), however they were read."""
    rows = iter(rows)
    try:
        headers = [str(h) if h is not None else "" for h in next(rows)]
    except StopIteration:
        return
    text_col = _column(headers, options.text_field, TEXT_HEADERS, source, "note")
    if text_col is None:
        raise InputError(source, 1, f"no note column found (columns: {_shown(headers)}); "
                                    "name it with --text-field")
    id_col = _column(headers, options.id_field, ID_HEADERS, source, "id")
    if id_col is None:  # no note id: the case reference says which row it is better than a row number
        id_col = _column(headers, None, CASE_HEADERS, source, "case")
    case_col = _column(headers, options.case_field, CASE_HEADERS, source, "case")
    status_col = (_column(headers, options.status_field, STATUS_HEADERS, source, "status")
                  if options.skip_status or options.status_field else None)
    if options.skip_status and status_col is None:
        raise InputError(source, 1, "--skip-status given but no status column found; name it with --status-field")
    skip = {s.strip().lower() for s in options.skip_status}
    extra = {role: col for role, names in options.extra_fields
             if (col := _column(headers, None, tuple(_norm(n) for n in names), source, role)) is not None}
    used = {"note": headers[text_col]}
    for role, col in (("id", id_col), ("case", case_col), *extra.items()):
        if col is not None:
            used[role] = headers[col]
    row = 1
    for fields in rows:
        row += 1
        if isinstance(fields, _TooLong):
            yield InputError(source, row, f"{where} is {fields.chars:,} characters or more, over notelint's "
                                          f"limit of {MAX_ROW_CHARS:,}; skipped")
            continue
        if not fields or not any(f is not None and str(f).strip() for f in fields):
            continue
        text = _cell(fields, text_col)
        if text is None:
            yield InputError(source, row, f"{where} has no note")
            continue
        if skip and (_cell(fields, status_col) or "").strip().lower() in skip:
            continue
        if len(text) > MAX_NOTE_CHARS:
            yield InputError(source, row, f"note is {len(text):,} characters, over notelint's limit of "
                                          f"{MAX_NOTE_CHARS:,}; skipped")
            continue
        if len(text) == EXCEL_CELL_LIMIT:
            yield InputWarning(source, row, f"note is {len(text):,} characters, Excel's cell limit: "
                                            "it may have been cut off when exported")
        meta = {"row": row}
        if used:
            meta["columns"], used = used, None  # on the first record only
        if looks_like_html(text):
            text = strip_html(text)
            meta["html"] = True
        for name, col in extra.items():
            meta[name] = _cell(fields, col)
        yield Record(source=source, text=text, id=_cell(fields, id_col) or str(row),
                     case=_cell(fields, case_col), meta=meta)


class _TooLong:
    """A CSV record longer than MAX_ROW_CHARS: skipped without being held."""

    def __init__(self, chars: int):
        self.chars = chars


class _RecordTooLong(Exception):
    def __init__(self, chars: int):
        self.chars = chars


class _Lines:
    """The physical lines of a CSV file for csv.reader, no record longer than `limit` characters.

    A longer record (one huge field, or a quoted field that never closes) is read in pieces and
    dropped, up to the end of its quoted field, and csv.reader's next() raises _RecordTooLong; the
    rows after it are read as usual.  `reset()` is called after each row.
    """

    CHUNK = 1 << 20

    def __init__(self, fh, limit: int):
        self.fh, self.limit = fh, limit
        self.reset()

    def reset(self) -> None:
        self.chars = 0
        self.quotes = 0

    def __iter__(self):
        return self

    def _piece(self, size: int) -> str:
        return self.fh.readline(size)

    def __next__(self) -> str:
        pieces, size = [], 0
        while True:
            piece = self._piece(min(self.CHUNK, self.limit - self.chars - size + 1))
            if not piece:
                break
            pieces.append(piece)
            size += len(piece)
            if piece[-1] in "\r\n" or self.chars + size > self.limit:
                break
        if not pieces:
            raise StopIteration
        line = "".join(pieces)
        self.quotes += line.count('"')
        self.chars += len(line)
        if self.chars <= self.limit:
            return line
        # too long: skip the rest of this line, then of the quoted field it is in, holding nothing
        total = self.chars
        while line and line[-1] not in "\r\n":
            line = self._piece(self.CHUNK)
            self.quotes += line.count('"')
            total += len(line)
        while self.quotes % 2:
            line = self._piece(self.CHUNK)
            if not line:
                break
            self.quotes += line.count('"')
            total += len(line)
        self.reset()
        raise _RecordTooLong(total)


def read(path: Path, options: ReadOptions) -> Iterator[Record | InputError | InputWarning]:
    """CSV or TSV (delimiter from the extension, else the header line).  A record of any length
    never ends the file: up to MAX_ROW_CHARS it is read whole, past that it is reported and skipped."""
    source = str(path)
    encoding = _encoding(path, source)
    if csv.field_size_limit() < MAX_ROW_CHARS:
        csv.field_size_limit(MAX_ROW_CHARS)  # the record limit below is what bounds a field
    with open_regular(path) as raw, open(raw.fileno(), "r", encoding=encoding, newline="", closefd=False) as fh:
        if path.suffix.lower() == ".tsv":
            delimiter = "\t"
        else:
            first = fh.readline(65536)
            fh.seek(0)
            delimiter = max((",", "\t", ";"), key=first.count)
        lines = _Lines(fh, MAX_ROW_CHARS)
        reader = csv.reader(lines, delimiter=delimiter)
        line = [1]

        def rows():
            while True:
                try:
                    fields = next(reader)
                except StopIteration:
                    return
                except _RecordTooLong as exc:
                    yield _TooLong(exc.chars)
                    continue
                except csv.Error as exc:
                    raise InputError(source, line[0] + 1, f"malformed CSV ({exc})") from None
                lines.reset()
                yield fields
                line[0] = reader.line_num

        yield from records_from_rows(source, rows(), options)


_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def _check_shared_strings(book: zipfile.ZipFile, source: str) -> None:
    """openpyxl holds every shared string in memory: refuse a workbook with too many, before it does."""
    for info in book.infolist():
        if info.filename.lower().rsplit("/", 1)[-1] != "sharedstrings.xml":
            continue
        if info.file_size > XLSX_MAX_SHARED_BYTES:
            raise InputError(source, None, f"its shared strings unpack to {info.file_size / (1 << 20):,.0f} MB, "
                                           f"over notelint's limit of {XLSX_MAX_SHARED_BYTES >> 20} MB; "
                                           "save the export as CSV")
        with book.open(info) as fh:
            count = count_matches(fh, _SHARED_STRING, XLSX_MAX_SHARED_STRINGS)
        if count > XLSX_MAX_SHARED_STRINGS:
            raise InputError(source, None, f"has over {XLSX_MAX_SHARED_STRINGS:,} shared strings, "
                                           "more than notelint holds in memory; save the export as CSV")


def read_xlsx(path: Path, options: ReadOptions) -> Iterator[Record | InputError | InputWarning]:
    """Excel workbooks: every sheet with a note column, one note per row."""
    source = str(path)
    with open_regular(path) as fh:
        yield from _read_xlsx(fh, source, options)


def _read_xlsx(fh, source: str, options: ReadOptions) -> Iterator[Record | InputError | InputWarning]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not zipfile.is_zipfile(fh):
        raise InputError(source, None, "not a readable .xlsx workbook (password-protected, an old .xls, "
                                       "or corrupt)")
    try:
        fh.seek(0)
        with zipfile.ZipFile(fh) as package:
            _check_shared_strings(package, source)
        fh.seek(0)
        book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except InputError:
        raise
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(source, None, f"not a readable .xlsx workbook ({exc.__class__.__name__})") from None
    except Exception as exc:  # damaged XML inside the package
        raise InputError(source, None, f"corrupt .xlsx workbook ({exc.__class__.__name__})") from None
    try:
        found = False
        errors: list[InputError] = []
        for sheet in book.worksheets:
            label = f"{source}[{sheet.title}]" if len(book.worksheets) > 1 else source
            try:
                rows = (list(r) for r in sheet.iter_rows(values_only=True))
                for item in records_from_rows(label, rows, options):
                    found = True
                    yield item
            except InputError as exc:
                errors.append(exc)
            except Exception as exc:
                raise InputError(source, None, f"corrupt .xlsx workbook ({exc.__class__.__name__})") from None
        if not found and errors:
            raise errors[0]
    finally:
        book.close()
