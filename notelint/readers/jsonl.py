"""JSON Lines: one note per line, `{"id": ..., "text": ...}` (field names configurable)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from .base import InputError, Record, ReadOptions, decode


def read(path: Path, options: ReadOptions) -> Iterator[Record | InputError]:
    source = str(path)
    text_field, id_field = options.text_field or "text", options.id_field or "id"
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                line = decode(raw, source)
                obj = json.loads(line)
            except InputError as exc:
                yield InputError(source, lineno, exc.message)
                continue
            except json.JSONDecodeError as exc:
                yield InputError(source, lineno, f"malformed JSON ({exc.msg})")
                continue
            if not isinstance(obj, dict):
                yield InputError(source, lineno, "expected a JSON object per line")
                continue
            text = obj.get(text_field)
            if not isinstance(text, str):
                yield InputError(source, lineno, f"no text field {text_field!r} "
                                                 "(choose one with --text-field)")
                continue
            rid = obj.get(id_field)
            case = obj.get(options.case_field) if options.case_field else None
            meta = {"line": lineno}
            for role, names in options.extra_fields:
                value = next((obj[n] for n in names if obj.get(n) is not None), None)
                if value is not None:
                    meta[role] = str(value)
            yield Record(source=source, text=text, id=None if rid is None else str(rid),
                         case=None if case is None else str(case), meta=meta)
