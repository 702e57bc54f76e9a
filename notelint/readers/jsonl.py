"""JSON Lines: one note per line, `{"id": ..., "text": ...}` (field names configurable)."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Iterator

from ..safefile import open_regular
from .base import COLUMN_ROLES, MAX_NOTE_CHARS, MAX_ROW_CHARS, InputError, Record, ReadOptions, decode

_CHUNK = 1 << 20


def _lines(fh, limit: int) -> Iterator[bytes | int]:
    """The file's lines, each read whole up to `limit` bytes; a longer line is skipped (read in
    pieces, never held) and given as its length instead."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = fh.readline(_CHUNK)
            if not line:
                break
            size += len(line)
        yield size


def read(path: Path, options: ReadOptions) -> Iterator[Record | InputError]:
    source = str(path)
    text_field, id_field = options.text_field or "text", options.id_field or "id"
    keys: dict = {}  # a field's normalised name -> its name in this file
    seen: set = set()  # the fields met so far (the roles are worked out again when a new one appears)
    case_key, role_keys = None, []
    first = True
    with open_regular(path) as fh:
        for lineno, raw in enumerate(_lines(fh, MAX_ROW_CHARS), 1):
            if isinstance(raw, int):
                yield InputError(source, lineno, f"line is {raw:,} bytes, over notelint's limit of "
                                                 f"{MAX_ROW_CHARS:,}; skipped")
                continue
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
            if len(text) > MAX_NOTE_CHARS:
                yield InputError(source, lineno, f"note is {len(text):,} characters, over notelint's limit "
                                                 f"of {MAX_NOTE_CHARS:,}; skipped")
                continue
            rid = obj.get(id_field)
            if not seen.issuperset(obj):  # a field not seen before: which field plays which role, again
                seen.update(obj)
                for k in obj:
                    keys.setdefault(_norm(k), k)
                case_key = options.case_field or _found(keys, COLUMN_ROLES["case"])
                role_keys = [(role, _found(keys, names)) for role, names in options.extra_fields]
            used = {"note": text_field}
            case = obj.get(case_key) if case_key else None
            if case_key:
                used["case"] = case_key
            meta = {"line": lineno}
            for role, key in role_keys:
                value = obj.get(key) if key else None
                if value is not None:
                    meta[role] = str(value)
                    used[role] = key
            if first:
                meta["columns"], first = used, False
            yield Record(source=source, text=text, id=None if rid is None else str(rid),
                         case=None if case is None else str(case), meta=meta)


@functools.lru_cache(maxsize=1024)
def _norm(key: str) -> str:
    return " ".join(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(key)).lower().replace("_", " ").replace("-", " ").split())


def _found(keys: dict, candidates) -> str | None:
    """The field of this file that the first candidate name matches ("case_ref", "caseRef", "Case Ref")."""
    for name in candidates:
        key = keys.get(_norm(name))
        if key is not None:
            return key
    return None
