"""LanguageTool's /v2/check, spoken by notelint, so LanguageTool clients show our findings inline.

Request: form fields `text` or `data` (annotated text: {"annotation": [{"text": …}, {"markup": …,
"interpretAs": …}]}), `language`, `enabledRules`, `disabledRules`, `enabledOnly`.  Only text parts
are checked (markup's `interpretAs`, if any, is read as text); offsets count markup, as
LanguageTool's do, so a client can map them back to its own document.  Offsets and lengths are in
UTF-16 code units, which is how LanguageTool's (Java and JavaScript) clients count.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from typing import Callable

from . import __version__

ISSUE_TYPE = {"wording": "style", "pathway": "misconception", "missing": "uncategorized"}
CATEGORY = {"wording": ("NOTELINT_WORDING", "Wording that blames or disbelieves survivors"),
            "pathway": ("NOTELINT_PATHWAYS", "Referral pathways"),
            "missing": ("NOTELINT_DETAILS", "Details a domestic-abuse note should record")}


class FormError(ValueError):
    pass


def parse_annotated(data: str) -> tuple[str, list[int], str]:
    """The text to check from LanguageTool's annotated text, for each of its characters the offset
    in the original document (markup counted), and that document."""
    try:
        obj = json.loads(data)
    except json.JSONDecodeError:
        raise FormError("'data' is not valid JSON (expected {\"annotation\": [...]})") from None
    parts = obj.get("annotation") if isinstance(obj, dict) else None
    if not isinstance(parts, list):
        raise FormError("'data' needs an 'annotation' list")
    text, where, pos, doc = [], [], 0, []
    for part in parts:
        if not isinstance(part, dict):
            raise FormError("each annotation part must be an object with 'text' or 'markup'")
        if isinstance(part.get("text"), str):
            t = part["text"]
            text.append(t)
            doc.append(t)
            where.extend(range(pos, pos + len(t)))
            pos += len(t)
        elif isinstance(part.get("markup"), str):
            m = part["markup"]
            doc.append(m)
            interpret = part.get("interpretAs")
            if isinstance(interpret, str) and interpret:
                text.append(interpret)
                where.extend([pos] * len(interpret))
            pos += len(m)
        else:
            raise FormError("each annotation part must have 'text' or 'markup'")
    where.append(pos)  # one past the end
    return "".join(text), where, "".join(doc)


def _utf16(text: str) -> Callable[[int], int]:
    """char offset -> UTF-16 offset, for the original document."""
    astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
    if not astral:
        return lambda i: i
    return lambda i: i + bisect_right(astral, i - 1)


def _codes(value) -> set[str]:
    return {c.strip().upper() for c in str(value or "").split(",") if c.strip()}


def check_form(form: dict, get_nlp: Callable) -> dict:
    from .server import ApiError
    from .text import without_surrogates

    text, data = form.get("text"), form.get("data")
    try:
        if isinstance(text, str):
            plain, where, document = text, None, text
        elif isinstance(data, str):
            plain, where, document = parse_annotated(data)
        else:
            raise FormError("send the note in the form field 'text' (or LanguageTool's 'data')")
    except FormError as exc:
        raise ApiError(400, str(exc)) from None
    enabled, disabled = _codes(form.get("enabledRules")), _codes(form.get("disabledRules"))
    only = str(form.get("enabledOnly", "false")).lower() == "true"
    if only and not enabled:
        raise ApiError(400, "enabledOnly=true needs enabledRules")

    plain, document = without_surrogates(plain), without_surrogates(document)
    report = get_nlp()(plain)._.notelint
    utf16 = _utf16(document)
    matches = []
    for f in report.findings:
        if (only and f.code not in enabled) or f.code in disabled:
            continue
        start, end = (f.start, f.end) if where is None else (where[f.start], where[max(f.start, f.end - 1)] + 1)
        matches.append(_match(f, plain, utf16(start), utf16(end) - utf16(start)))
    language = str(form.get("language") or "en-GB")
    return {
        "software": {"name": "notelint", "version": __version__, "buildDate": "", "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": "English (GB)", "code": language if language != "auto" else "en-GB",
                     "detectedLanguage": {"name": "English (GB)", "code": "en-GB", "confidence": 1.0}},
        "matches": matches,
    }


def _match(f, plain: str, offset: int, length: int) -> dict:
    cat_id, cat_name = CATEGORY.get(f.kind, ("NOTELINT", "notelint"))
    lo = max(0, f.start - 40)
    hi = min(len(plain), f.end + 40)
    context = plain[lo:hi].replace("\n", " ")
    sent_lo = max(plain.rfind(". ", 0, f.start) + 2, plain.rfind("\n", 0, f.start) + 1, 0)
    sent_hi = min([i for i in (plain.find(". ", f.end), plain.find("\n", f.end)) if i != -1] or [len(plain)])
    return {
        "message": f.message + (f" {f.why}" if f.why else ""),
        "shortMessage": f.title or f.name,
        # only words that stand in for exactly this span: a client applies them with one click
        "replacements": [{"value": r.text} for r in f.replacements],
        "offset": offset,
        "length": length,
        "context": {"text": context, "offset": f.start - lo, "length": f.end - f.start},
        "sentence": plain[sent_lo:sent_hi + 1].strip(),
        "type": {"typeName": "Hint" if f.kind == "wording" else "Other"},
        "rule": {"id": f.code, "description": f.title or f.name, "issueType": ISSUE_TYPE.get(f.kind, "style"),
                 "category": {"id": cat_id, "name": cat_name}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }
