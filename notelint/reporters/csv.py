"""`--format csv`: one row per finding or missing detail, for a spreadsheet."""
from __future__ import annotations

import csv
from typing import IO

COLUMNS = ("source", "id", "case", "line", "column", "start", "end", "code", "name", "severity", "text",
           "message", "suggestions", "fix")


class CsvReporter:
    def __init__(self, out: IO[str], profile: str, color: bool = False):
        self.writer = csv.writer(out, lineterminator="\n")

    def start(self) -> None:
        self.writer.writerow(COLUMNS)

    def document(self, record, report) -> None:
        base = (record.source, record.id or "", record.case or "")
        for f in report.findings:
            self.writer.writerow((*base, f.line, f.column, f.start, f.end, f.code, f.name, f.severity,
                                  " ".join(f.text.split()), f.message, "; ".join(f.suggestions), f.fix))
        for m in report.missing:
            self.writer.writerow((*base, "", "", "", "", m.code, m.name, m.severity, "", f"missing: {m.message}",
                                  "", ""))

    def finish(self, summary: dict) -> None:
        pass
