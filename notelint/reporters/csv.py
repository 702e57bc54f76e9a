"""`--format csv`: one row per finding or missing detail, for a spreadsheet."""
from __future__ import annotations

import csv
from typing import IO

COLUMNS = ("source", "id", "case", "line", "column", "start", "end", "kind", "code", "title", "severity", "text",
           "message", "replacements", "advice")


class CsvReporter:
    def __init__(self, out: IO[str], profile: str, color: bool = False):
        self.writer = csv.writer(out, lineterminator="\n")

    def start(self) -> None:
        self.writer.writerow(COLUMNS)

    def document(self, record, report) -> None:
        base = (record.source, record.id or "", record.case or "")
        for f in report.findings:
            self.writer.writerow((*base, f.line, f.column, f.start, f.end, f.kind, f.code, f.title, f.severity,
                                  " ".join(f.text.split()), f.message,
                                  "; ".join(f"{r.text} ({r.applicability})" for r in f.replacements),
                                  "; ".join(f.advice)))
        for m in report.missing:
            self.writer.writerow((*base, "", "", "", "", m.kind, m.code, m.title, m.severity, "",
                                  f"missing: {m.message}", "", ""))

    def finish(self, summary: dict) -> None:
        pass
