"""`--format sarif`: SARIF 2.1.0, for code-scanning dashboards; results are streamed as they come."""
from __future__ import annotations

import json
from typing import IO

from .. import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


class SarifReporter:
    def __init__(self, out: IO[str], profile: str, color: bool = False):
        self.out, self.profile = out, profile
        self.rules: dict[str, dict] = {}
        self._first = True

    def start(self) -> None:
        self.out.write('{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", '
                       '"runs": [{"results": [')

    def _rule(self, item) -> int:
        if item.code not in self.rules:
            self.rules[item.code] = {
                "id": item.code, "name": item.name,
                "shortDescription": {"text": item.title or item.name},
                "fullDescription": {"text": item.why or item.message},
                "defaultConfiguration": {"level": _LEVEL.get(item.severity, "warning")},
                "help": {"text": f"notelint rules {item.code}"},
            }
        return list(self.rules).index(item.code)

    def _emit(self, result: dict) -> None:
        self.out.write(("\n" if self._first else ",\n") + json.dumps(result, ensure_ascii=False))
        self._first = False

    def _location(self, record, finding=None) -> dict:
        physical: dict = {"artifactLocation": {"uri": record.source}}
        tabular = record.id is not None
        if finding is not None and not tabular and not record.meta.get("blocks"):
            physical["region"] = {"startLine": finding.line, "startColumn": finding.column,
                                  "charOffset": finding.start, "charLength": finding.end - finding.start,
                                  "snippet": {"text": finding.text}}
        loc: dict = {"physicalLocation": physical}
        if tabular:
            loc["logicalLocations"] = [{"name": str(record.id), "kind": "record"}]
        elif finding is not None and record.meta.get("blocks"):
            from ..wordfile import locate

            label, col = locate(record.meta["blocks"], finding.start)
            loc["logicalLocations"] = [{"name": f"{label}:{col}", "kind": "paragraph"}]
        return loc

    def document(self, record, report) -> None:
        for f in report.findings:
            result = {"ruleId": f.code, "ruleIndex": self._rule(f), "level": _LEVEL.get(f.severity, "warning"),
                      "message": {"text": f.message + (f" Suggest: {', '.join(f.suggestions)}"
                                                       if f.suggestions else "")},
                      "locations": [self._location(record, f)], "properties": {"kind": f.kind}}
            self._emit(result)
        for m in report.missing:
            self._emit({"ruleId": m.code, "ruleIndex": self._rule(m), "level": _LEVEL.get(m.severity, "warning"),
                        "message": {"text": f"Missing: {m.message}"}, "locations": [self._location(record)],
                        "properties": {"kind": m.kind}})

    def finish(self, summary: dict) -> None:
        tool = {"driver": {"name": "notelint", "version": __version__, "rules": list(self.rules.values())}}
        self.out.write('\n], "tool": %s, "properties": {"profile": %s, "summary": %s}}]}\n' % (
            json.dumps(tool), json.dumps(self.profile), json.dumps(summary)))
