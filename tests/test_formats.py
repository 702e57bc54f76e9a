"""--format csv, sarif (validated against the SARIF 2.1.0 schema) and github."""
import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from conftest import cli as run

SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json"
NOTE = "Ms Reid disclosed that her partner, Sam Cole, hit her.\nShe refused to engage.\nLow risk.\n"


@pytest.fixture()
def note(tmp_path):
    p = tmp_path / "note.txt"
    p.write_text(NOTE)
    return p


def test_sarif_is_valid_and_locates_findings(note):
    out = json.loads(run("check", "--format", "sarif", note).output)
    jsonschema.validate(out, json.loads(SCHEMA.read_text()))
    results = out["runs"][0]["results"]
    nl103 = next(r for r in results if r["ruleId"] == "NL103")
    region = nl103["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["snippet"]["text"]) == (2, 5, "refused to engage")
    rules = out["runs"][0]["tool"]["driver"]["rules"]
    assert rules[nl103["ruleIndex"]]["id"] == "NL103"
    assert any(r["ruleId"].startswith("RF") and "region" not in r["locations"][0]["physicalLocation"]
               for r in results)


def test_csv_has_a_row_per_finding_and_missing_detail(note):
    rows = list(csv.DictReader(io.StringIO(run("check", "--format", "csv", note).output)))
    nl = [r for r in rows if r["code"] == "NL103"][0]
    assert (nl["line"], nl["column"], nl["text"]) == ("2", "5", "refused to engage")
    assert nl["kind"] == "wording" and nl["replacements"] == "did not engage (unsafe)"
    assert "unable to" in nl["advice"]
    assert any(r["code"].startswith("RF") and r["message"].startswith("missing:") for r in rows)


def test_github_annotations(note):
    out = run("check", "--format", "github", note).output.splitlines()
    line = next(x for x in out if "NL103" in x)
    assert line.startswith(f"::warning file={note},line=2,col=5,endLine=2,endColumn=22,title=NL103 refused-failed::")


def test_github_escapes_record_ids_and_newlines(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_text(json.dumps({"id": "a,b", "text": "She refused to engage."}) + "\n")
    line = run("check", "--format", "github", src).output.splitlines()[0]
    assert "title=NL103 refused-failed (record a%2Cb)" in line and "line=" not in line
