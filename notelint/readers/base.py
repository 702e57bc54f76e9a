"""What every reader yields, and the limits every reader keeps to."""
from __future__ import annotations

from dataclasses import dataclass, field

# Limits: input past one is refused with a one-line error (the rest of the run goes on), so no file
# makes a run hang or take the machine's memory.  A case note is a few KB; checking takes about
# 100 MB of memory per MB of text, so a 4 MB note stays well under 1 GiB.
MAX_NOTE_BYTES = 4 << 20           # a .txt/.md note, standard input, or the text of one .docx
MAX_NOTE_CHARS = 4 << 20           # the note of one CSV/XLSX row or JSONL line
MAX_ROW_CHARS = 8 << 20            # one CSV record or JSONL line, read whole up to this
DOCX_MAX_BYTES = 256 << 20         # a .docx file, and everything in it unpacked
DOCX_MAX_XML_BYTES = 64 << 20      # the XML in a .docx unpacked (media aside)
DOCX_MAX_PARAGRAPHS = 100_000      # about 2,000 pages
XLSX_MAX_SHARED_STRINGS = 1_000_000  # openpyxl holds them all in memory (save larger exports as CSV)
XLSX_MAX_SHARED_BYTES = 256 << 20


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


def count_matches(fh, pattern, stop: int, on_chunk=None) -> int:
    """How many times `pattern` (a bytes regex of at most 16 bytes) occurs in the stream, read in
    1 MB chunks; stops counting past `stop`.  `on_chunk(data)` sees every chunk (with 16 bytes of
    overlap), for other checks in the same pass."""
    count, tail = 0, b""
    for chunk in iter(lambda: fh.read(1 << 20), b""):
        data = tail + chunk
        if on_chunk:
            on_chunk(data)
        cut = keep = max(0, len(data) - 16)
        for m in pattern.finditer(data):
            if m.start() >= cut:
                break  # counted with the next chunk
            count += 1
            keep = max(keep, m.end())
        tail = data[keep:]
        if count > stop:
            return count
    return count + len(pattern.findall(tail))


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 (Notepad's "Unicode"); anything else is refused with a clear reason."""
    encoding = utf16_encoding(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise InputError(source, None, "UTF-16 text that does not decode (damaged?); save the file as UTF-8") from None
        return text[1:] if text.startswith("\ufeff") else text
    if b"\x00" in data[:8192]:
        raise InputError(source, None, "looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(source, line, "not valid UTF-8 text (save the file as UTF-8)") from None
    return text[1:] if text.startswith("\ufeff") else text


def utf16_encoding(data: bytes) -> str | None:
    """"utf-16"/"utf-16-le"/"utf-16-be" for UTF-16 text (with a byte-order mark, or without one but
    with the NUL byte beside every Latin letter that UTF-16 has); None otherwise."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None  # UTF-32: refused as binary
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:8192]
    head = head[: len(head) // 2 * 2]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None
