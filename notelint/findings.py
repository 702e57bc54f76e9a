"""What notelint reports: typed records shared by every reporter."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    """A span of the note that breaks a rule (NL: wording; PW: the fact behind a pathway gap)."""

    code: str
    name: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    why: str = ""
    suggestions: tuple[str, ...] = ()
    fix: str = "unsafe"          # safe | unsafe | none: whether `notelint fix` may apply `replacement`
    line: int = 0
    column: int = 0
    replacement: str | None = None  # what `fix` writes over start:end (None: nothing to write)

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "severity": self.severity, "start": self.start,
                "end": self.end, "line": self.line, "column": self.column, "text": self.text,
                "message": self.message, "why": self.why, "suggestions": list(self.suggestions),
                "fix": self.fix, "replacement": self.replacement}


@dataclass(frozen=True)
class MissingDetail:
    """A detail a domestic-abuse note must record but does not (RF codes)."""

    code: str
    name: str
    severity: str
    message: str
    why: str = ""

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "severity": self.severity, "message": self.message,
                "why": self.why}


@dataclass
class Report:
    """Everything notelint found in one note."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    missing: list[MissingDetail] = field(default_factory=list)
    is_da_note: bool = False
    facts: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "is_da_note": self.is_da_note,
            "findings": [f.to_dict() for f in self.findings],
            "missing": [m.to_dict() for m in self.missing],
        }


class LineIndex:
    """1-based line and column of a character offset."""

    def __init__(self, text: str):
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def locate(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self.starts, offset) - 1
        return k + 1, offset - self.starts[k] + 1
