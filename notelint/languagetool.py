"""LanguageTool's /v2/check, spoken by notelint, so LanguageTool clients show our findings inline.

Request (query string or form): `text` or `data` (annotated text: {"annotation": [{"text": …},
{"markup": …, "interpretAs": …}]}), `language`, `mode` (textLevelOnly: missing details and pathways;
allButTextLevelOnly: wording; all: both), `enabledRules`, `disabledRules`, `enabledOnly`.  Errors are
answered as LanguageTool answers them (400, plain text "Error: …"), which its clients show.  Only text parts
are checked (markup's `interpretAs`, if any, is read as text); offsets count markup, as
LanguageTool's do, so a client can map them back to its own document.  Offsets and lengths are in
UTF-16 code units, which is how LanguageTool's (Java and JavaScript) clients count.
"""
from __future__ import annotations

import json
import re
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


def utf16_len(s: str) -> int:
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


def _codes(value) -> set[str]:
    return {c.strip().upper() for c in str(value or "").split(",") if c.strip()}


# LanguageTool's own modes: the browser extension sends a check as two requests, one per mode
MODES = {"all": ("wording", "pathway", "missing"), "textLevelOnly": ("pathway", "missing"),
         "allButTextLevelOnly": ("wording",)}
LANGUAGES = [{"name": "English (GB)", "code": "en", "longCode": "en-GB"},
             {"name": "English", "code": "en", "longCode": "en"}]
_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}")


def language_of(value) -> dict:
    """LanguageTool's `language` object for a code notelint checks; LanguageError otherwise, worded as
    LanguageTool words it (a well-formed code is named, as LanguageTool does; anything else is not echoed)."""
    code = str(value or "auto").strip()
    if code.lower() == "auto" or code.lower() == "en" or code.lower().startswith("en-"):
        long_code = "en-GB" if code.lower() in ("auto", "en", "en-gb") else code
        name = "English (GB)" if long_code == "en-GB" else "English"
        return {"name": name, "code": long_code,
                "detectedLanguage": {"name": "English (GB)", "code": "en-GB", "confidence": 1.0}}
    supported = ", ".join(sorted({lang["longCode"] for lang in LANGUAGES} | {"en"}))
    if _TAG.fullmatch(code):
        raise LanguageError(f"'{code}' is not a language code known to LanguageTool. "
                            f"Supported language codes are: {supported}.")
    raise LanguageError("the 'language' parameter isn't a valid language code. "
                        f"Supported language codes are: {supported}.")


class LanguageError(FormError):
    pass


def check_form(form: dict, lint: Callable) -> dict:
    """A LanguageTool /v2/check answer for the request's parameters (query string and form merged);
    `lint(text)` gives the note's Report.  FormError (its message worded for LanguageTool's clients)
    for a request it cannot answer."""
    from .text import without_surrogates

    text, data = form.get("text"), form.get("data")
    if isinstance(text, str):
        plain, where, document = text, None, text
    elif isinstance(data, str):
        plain, where, document = parse_annotated(data)
    else:
        raise FormError("Missing 'text' or 'data' parameter (send the note in 'text')")
    language = language_of(form.get("language"))
    mode = str(form.get("mode") or "all")
    if mode not in MODES:
        raise FormError("'mode' must be all, textLevelOnly or allButTextLevelOnly")
    kinds = MODES[mode]
    enabled, disabled = _codes(form.get("enabledRules")), _codes(form.get("disabledRules"))
    only = str(form.get("enabledOnly", "false")).lower() == "true"
    if only and not enabled:
        raise FormError("enabledOnly=true needs enabledRules")

    plain, document = without_surrogates(plain), without_surrogates(document)
    report = lint(plain)
    utf16 = _utf16(document)
    sentences = _sentence_bounds(plain)

    def doc_span(start: int, end: int) -> tuple[int, int]:
        if where is not None:
            start, end = where[start], where[max(start, end - 1)] + 1
        return utf16(start), utf16(end) - utf16(start)

    def wanted(code: str, kind: str) -> bool:
        return kind in kinds and not (only and code not in enabled) and code not in disabled

    matches = []
    for f in report.findings:
        if wanted(f.code, f.kind):
            matches.append(_match(f, plain, sentences, f.start, f.end, *doc_span(f.start, f.end)))
    # a missing detail has no words of its own: it is shown on the note's first word
    first = re.search(r"\S+", plain)
    if first and report.missing:
        a, b = first.start(), first.end()
        while b > a + 1 and not plain[b - 1].isalnum():
            b -= 1
        for m in report.missing:
            if wanted(m.code, m.kind):
                matches.append(_match(m, plain, sentences, a, b, *doc_span(a, b)))
    return {
        "software": {"name": "notelint", "version": __version__, "buildDate": "", "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": language,
        "matches": matches,
    }


def _sentence_bounds(text: str) -> list[int]:
    """Where each sentence starts (after . ! ? and a space, or a line break), for `sentence`."""
    return [0] + [m.end() for m in re.finditer(r"[.!?][\"')\]]*\s+|\n\s*", text)]


def _match(f, plain: str, sentences: list[int], start: int, end: int, offset: int, length: int) -> dict:
    """One LanguageTool match: `offset`/`length` in the document (UTF-16 units); `context` and `sentence`
    from the checked text, `context.offset`/`length` in UTF-16 units of the context."""
    cat_id, cat_name = CATEGORY.get(f.kind, ("NOTELINT", "notelint"))
    lo, hi = max(0, start - 40), min(len(plain), end + 40)
    context = plain[lo:hi].replace("\n", " ")
    k = bisect_right(sentences, start) - 1
    sent_lo = sentences[k]
    sent_hi = sentences[k + 1] if k + 1 < len(sentences) else len(plain)
    while sent_hi < end and k + 1 < len(sentences):   # a span over a sentence break: the sentences it covers
        k += 1
        sent_hi = sentences[k + 1] if k + 1 < len(sentences) else len(plain)
    title = getattr(f, "title", "") or f.name
    return {
        "message": f.message + (f" {f.why}" if f.why else ""),
        "shortMessage": title,
        # only words that stand in for exactly this span: a client applies them with one click
        "replacements": [{"value": r.text} for r in getattr(f, "replacements", ())],
        "offset": offset,
        "length": length,
        "context": {"text": context, "offset": utf16_len(plain[lo:start]), "length": utf16_len(plain[start:end])},
        "sentence": plain[sent_lo:sent_hi].strip(),
        "type": {"typeName": "Hint" if f.kind == "wording" else "Other"},
        "rule": {"id": f.code, "description": title, "issueType": ISSUE_TYPE.get(f.kind, "style"),
                 "category": {"id": cat_id, "name": cat_name}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }
