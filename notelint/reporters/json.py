"""`--format json`: the document shape of INTERFACES.md, streamed."""
from __future__ import annotations

import json
from typing import IO

from .. import __version__


def document_dict(record, report) -> dict:
    doc = {"source": record.source, "id": record.id}
    if record.case is not None:
        doc["case"] = record.case
    doc.update(report.to_dict())
    if report.facts.get("checklist_scope") == "case":
        # RF and PW were judged over all the case's notes; `missing` is on its last note
        doc["checklist_scope"] = "case"
    return doc


class JsonReporter:
    def __init__(self, out: IO[str], profile: str, color: bool = False):
        self.out, self.profile, self._first = out, profile, True

    def start(self) -> None:
        self.out.write('{"notelint": %s, "profile": %s, "documents": [' % (
            json.dumps(__version__), json.dumps(self.profile)))

    def document(self, record, report) -> None:
        self.out.write(("\n" if self._first else ",\n") + json.dumps(document_dict(record, report),
                                                                       ensure_ascii=False))
        self._first = False

    def finish(self, summary: dict) -> None:
        self.out.write('\n], "summary": %s}\n' % json.dumps(summary))
