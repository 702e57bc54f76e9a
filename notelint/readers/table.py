"""Exports from case-management systems: CSV, TSV and Excel (.xlsx), one note per row.

The note, id, case and status columns are found from common headers ("Case note", "Narrative",
"Case ref", "Status" ...) unless named with --text-field / --id-field / --case-field /
--status-field.  CSV files in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or
Windows-1252 (Excel's "CSV") are read; quoted fields may hold line breaks.  Note bodies that
are HTML (rich-text CRMs) are checked as the text a reader sees; offsets are then into that text.
"""
from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

from .base import COLUMN_ROLES, InputError, InputWarning, Record, ReadOptions
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

    with path.open("rb") as fh:
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
        if not fields or not any(f is not None and str(f).strip() for f in fields):
            continue
        text = _cell(fields, text_col)
        if text is None:
            yield InputError(source, row, f"{where} has no note")
            continue
        if skip and (_cell(fields, status_col) or "").strip().lower() in skip:
            continue
        if len(text) >= EXCEL_CELL_LIMIT:
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


def read(path: Path, options: ReadOptions) -> Iterator[Record | InputError | InputWarning]:
    """CSV or TSV (delimiter from the extension, else the header line)."""
    source = str(path)
    encoding = _encoding(path, source)
    with path.open("r", encoding=encoding, newline="") as fh:
        if path.suffix.lower() == ".tsv":
            delimiter = "\t"
        else:
            first = fh.readline()
            fh.seek(0)
            delimiter = max((",", "\t", ";"), key=first.count)
        reader = csv.reader(fh, delimiter=delimiter)
        line = [1]

        def rows():
            try:
                for fields in reader:
                    yield fields
                    line[0] = reader.line_num
            except csv.Error as exc:
                raise InputError(source, line[0] + 1, f"malformed CSV ({exc})") from None

        yield from records_from_rows(source, rows(), options)


def read_xlsx(path: Path, options: ReadOptions) -> Iterator[Record | InputError | InputWarning]:
    """Excel workbooks: every sheet with a note column, one note per row."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    source = str(path)
    if not zipfile.is_zipfile(path):
        raise InputError(source, None, "not a readable .xlsx workbook (password-protected, an old .xls, "
                                       "or corrupt)")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
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
