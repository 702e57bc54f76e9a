"""`--format text`: one line per finding, like ruff and flake8."""
from __future__ import annotations

from typing import IO

import click

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}


def location(record) -> str:
    return f"{record.source}[{record.id}]" if record.id is not None else record.source


def finding_location(record, finding) -> str:
    """`path:line:col`, or for a Word document `file.docx:¶12:5` / `file.docx:table 1 row 3 col 2:5`."""
    blocks = record.meta.get("blocks") if record.meta else None
    if blocks:
        from ..wordfile import locate

        label, col = locate(blocks, finding.start)
        return f"{record.source}:{label}:{col}"
    return f"{location(record)}:{finding.line}:{finding.column}"


class TextReporter:
    def __init__(self, out: IO[str], profile: str, color: bool = False):
        self.out, self.color = out, color

    def _style(self, text: str, **kw) -> str:
        return click.style(text, **kw) if self.color else text

    def start(self) -> None:
        pass

    def document(self, record, report) -> None:
        where = location(record)
        for f in report.findings:
            suggest = ", ".join(f'"{s}"' for s in f.suggestions)
            line = (f"{self._style(finding_location(record, f), bold=True)}: "
                    f"{self._style(f.code, fg=_SEVERITY_COLOUR.get(f.severity), bold=True)} "
                    f"[{f.severity}] \"{' '.join(f.text.split())}\" — {f.message}")
            if suggest:
                line += f" Suggest: {suggest}"
            self.out.write(line + "\n")
        for m in report.missing:
            self.out.write(f"{self._style(where, bold=True)}: "
                           f"{self._style(m.code, fg=_SEVERITY_COLOUR.get(m.severity), bold=True)} "
                           f"[{m.severity}] missing: {m.message}\n")

    def finish(self, summary: dict) -> None:
        counts = [(summary["wording"], "wording issue"), (summary["pathway"], "pathway alert"),
                  (summary["missing"], "missing detail")]
        found = [f"{n} {label}{'s' if n != 1 else ''}" for n, label in counts if n]
        docs, errors = summary["documents"], summary.get("errors", 0)
        where = f"{docs} note{'s' if docs != 1 else ''}"
        if not docs:
            self.out.write("No notes checked.\n")  # the reason is on stderr; exit code 2
        elif found:
            listed = found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]
            self.out.write(f"Found {listed} in {where}.\n")
        elif errors:
            self.out.write(f"No findings in the {where} read; {_unread(errors)} (see above).\n")
        else:
            self.out.write(f"All clear: {where} checked.\n")
        if found and errors:
            self.out.write(f"{_unread(errors)[0].upper()}{_unread(errors)[1:]} (see above).\n")


def _unread(errors: int) -> str:
    return f"{errors} file{'s' if errors != 1 else ''} or row{'s' if errors != 1 else ''} could not be read"
