"""What notelint reports: typed records shared by every reporter."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

# A finding's kind comes from the rule that made it, never from the letters of its code.
WORDING, MISSING, PATHWAY = "wording", "missing", "pathway"
KINDS = (WORDING, MISSING, PATHWAY)
APPLICABILITIES = ("safe", "unsafe")     # ruff's Applicability: safe fixes are applied by default
FIX_AVAILABILITY = ("always", "sometimes", "never")


@dataclass(frozen=True)
class Replacement:
    """Words that can stand in for exactly the finding's span, keeping the sentence grammatical."""

    text: str
    applicability: str = "unsafe"  # safe: meaning and grammar kept (applied by `fix`); unsafe: opt-in

    def to_dict(self) -> dict:
        return {"text": self.text, "applicability": self.applicability}


@dataclass(frozen=True)
class Finding:
    """A span of the note: judgemental wording, or the fact behind a pathway gap."""

    code: str
    name: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    why: str = ""
    kind: str = WORDING
    title: str = ""
    replacements: tuple[Replacement, ...] = ()  # only these are ever applied (click, LanguageTool, fix)
    advice: tuple[str, ...] = ()               # guidance for a person, never inserted
    line: int = 0
    column: int = 0

    @property
    def suggestions(self) -> tuple[str, ...]:
        """What to show a person: the replacements' words, else the advice."""
        return tuple(r.text for r in self.replacements) or self.advice

    def replacement(self, unsafe: bool = False) -> Replacement | None:
        """The first replacement that may be applied (safe ones; unsafe too when asked)."""
        for r in self.replacements:
            if r.applicability == "safe" or unsafe:
                return r
        return None

    def to_dict(self) -> dict:
        return {"code": self.code, "kind": self.kind, "name": self.name, "title": self.title or self.name,
                "severity": self.severity, "start": self.start, "end": self.end, "line": self.line,
                "column": self.column, "text": self.text, "message": self.message, "why": self.why,
                "replacements": [r.to_dict() for r in self.replacements], "advice": list(self.advice)}


@dataclass(frozen=True)
class MissingDetail:
    """A detail a domestic-abuse note must record but does not."""

    code: str
    name: str
    severity: str
    message: str
    why: str = ""
    title: str = ""
    kind: str = MISSING

    def to_dict(self) -> dict:
        return {"code": self.code, "kind": self.kind, "name": self.name, "title": self.title or self.name,
                "severity": self.severity, "message": self.message, "why": self.why}


@dataclass
class Report:
    """Everything notelint found in one note."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    missing: list[MissingDetail] = field(default_factory=list)
    is_da_note: bool = False
    facts: dict = field(default_factory=dict)

    @property
    def wording(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == WORDING]

    @property
    def pathway(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == PATHWAY]

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
