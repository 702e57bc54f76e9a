"""`--format github`: GitHub Actions workflow commands, shown as annotations on the changed files."""
from __future__ import annotations

from typing import IO

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    def __init__(self, out: IO[str], profile: str, color: bool = False):
        self.out = out

    def start(self) -> None:
        pass

    def document(self, record, report) -> None:
        tabular = record.id is not None  # a row of an export: its lines are not the file's lines
        for f in report.findings:
            where = f"file={_escape_prop(record.source)}"
            if not tabular and not record.meta.get("blocks"):
                end_line = f.line + f.text.count("\n")
                where += f",line={f.line},col={f.column},endLine={end_line}"
                if end_line == f.line:
                    where += f",endColumn={f.column + len(f.text)}"
            title = f"{f.code} {f.name}" + (f" (record {record.id})" if tabular else "")
            msg = f.message + (f" Suggest: {', '.join(f.suggestions)}" if f.suggestions else "")
            self.out.write(f"::{_LEVEL.get(f.severity, 'warning')} {where},title={_escape_prop(title)}::"
                           f"{_escape_data(msg)}\n")
        for m in report.missing:
            title = f"{m.code} {m.name}" + (f" (record {record.id})" if tabular else "")
            self.out.write(f"::{_LEVEL.get(m.severity, 'warning')} file={_escape_prop(record.source)},"
                           f"title={_escape_prop(title)}::{_escape_data('Missing: ' + m.message)}\n")

    def finish(self, summary: dict) -> None:
        pass
