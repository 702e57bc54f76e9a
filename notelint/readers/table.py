"""CSV and TSV exports from case-management systems: one note per row.

The note, id and case columns are found from common headers ("Case note", "Narrative",
"Case ref" ...) unless named with --text-field / --id-field / --case-field. Files in UTF-8
(with or without BOM) or Windows-1252 (what Excel saves as "CSV") are read; quoted fields may
hold line breaks.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from .base import InputError, Record, ReadOptions

TEXT_HEADERS = ("note", "notes", "case note", "case notes", "casenote", "narrative", "text", "details",
                "note text", "body", "comments", "description")
ID_HEADERS = ("id", "note id", "note ref", "record id", "reference", "ref", "case note id", "entry id")
CASE_HEADERS = ("case id", "case ref", "case reference", "case", "case number", "case no")


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(source, None, "looks like a binary file, not a CSV export")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(source, None, "not UTF-8 or Windows-1252 text (save the export as UTF-8 CSV)")


def _norm(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").replace("-", " ").split())


def _column(headers: list[str], chosen: str | None, candidates: tuple[str, ...], source: str, what: str):
    norm = [_norm(h) for h in headers]
    if chosen:
        if _norm(chosen) in norm:
            return norm.index(_norm(chosen))
        raise InputError(source, 1, f"no {what} column {chosen!r} (columns: {', '.join(headers)})")
    for name in candidates:
        if name in norm:
            return norm.index(name)
    return None


def read(path: Path, options: ReadOptions) -> Iterator[Record | InputError]:
    source = str(path)
    text = _decode(path.read_bytes(), source)
    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        first = text.split("\n", 1)[0]
        delimiter = max((",", "\t", ";"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise InputError(source, 1, f"malformed CSV ({exc})") from None
    text_col = _column(headers, options.text_field, TEXT_HEADERS, source, "note")
    if text_col is None:
        raise InputError(source, 1, f"no note column found (columns: {', '.join(headers)}); "
                                    "name it with --text-field")
    id_col = _column(headers, options.id_field, ID_HEADERS, source, "id")
    case_col = _column(headers, options.case_field, CASE_HEADERS, source, "case") if options.case_field else None
    row = 1
    try:
        for fields in reader:
            row += 1
            if not fields or not any(f.strip() for f in fields):
                continue
            if text_col >= len(fields):
                yield InputError(source, row, "row has no note column")
                continue
            rid = fields[id_col] if id_col is not None and id_col < len(fields) else str(row)
            case = fields[case_col] if case_col is not None and case_col < len(fields) else None
            yield Record(source=source, text=fields[text_col], id=rid, case=case, meta={"row": row})
    except csv.Error as exc:
        yield InputError(source, row, f"malformed CSV ({exc})")
