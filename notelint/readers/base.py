"""What every reader yields."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Record:
    """One note: where it came from, its record id (tabular input) and its text exactly as read."""

    source: str
    text: str
    id: str | None = None
    case: str | None = None
    meta: dict = field(default_factory=dict)


# Columns an export may hold besides the note, found from the headers UK council CRMs use
# (normalised: lower case, "_" and "-" as spaces, "." "#" ":" dropped); a flag names one instead.
COLUMN_ROLES: dict[str, tuple[str, ...]] = {
    "case": ("case ref", "case reference", "case id", "case no", "case number", "case ref no",
             "case reference number", "case num", "caseref", "caseid", "case", "case file ref",
             "file ref", "file reference", "client ref", "client reference"),
    "date": ("date", "note date", "created", "created date", "created on", "date created", "entry date",
             "contact date", "date of contact", "recorded", "recorded on", "date recorded", "datetime",
             "timestamp", "created at"),
    "team": ("team", "team name", "department", "service", "service area", "area", "office", "section"),
    "author": ("officer", "author", "created by", "entered by", "recorded by", "written by", "user", "username",
               "staff", "staff member", "case officer", "worker", "caseworker", "case worker", "owner",
               "officer name"),
    "names": ("client name", "tenant name", "customer name", "applicant name", "service user name",
              "resident name", "name", "names", "full name", "known names", "people", "client", "tenant",
              "customer", "applicant"),
}


def role_fields(**chosen: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """ReadOptions.extra_fields for date, team, author and names: a column named on the command
    line, else the common headers."""
    return tuple((role, (chosen[role],) if chosen.get(role) else COLUMN_ROLES[role])
                 for role in ("date", "team", "author", "names"))


@dataclass
class ReadOptions:
    """Field names chosen by the user; None: the reader's default (JSONL) or detection (CSV)."""

    id_field: str | None = None
    text_field: str | None = None
    case_field: str | None = None
    status_field: str | None = None          # None: a "status" column if there is one
    skip_status: tuple[str, ...] = ()        # rows whose status is one of these are skipped
    # columns kept in Record.meta: (role, candidate column names), e.g. ("date", ("date", "created"));
    # meta[role] is the value of the first candidate the export has
    extra_fields: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # the first Record of each table gets meta["columns"]: {role: header} of the columns it used


class InputError(Exception):
    """Input that cannot be read; str() is one line naming the file (and line)."""

    def __init__(self, source: str, line: int | None, message: str):
        message = " ".join(str(message).split())  # always one line, whatever a file's header held
        self.source, self.line, self.message = source, line, message
        super().__init__(f"{source}:{line}: {message}" if line else f"{source}: {message}")


class InputWarning:
    """Something the user should know about input that was still read (printed, exit code unchanged)."""

    def __init__(self, source: str, line: int | None, message: str):
        self.source, self.line, self.message = source, line, message

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}" if self.line else f"{self.source}: {self.message}"


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM); anything else is refused with a clear reason."""
    if b"\x00" in data[:8192]:
        raise InputError(source, None, "looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(source, line, "not valid UTF-8 text (save the file as UTF-8)") from None
    return text[1:] if text.startswith("\ufeff") else text
