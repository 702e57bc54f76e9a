"""The command line: formats, exit codes, config, profiles, bad input."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from notelint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def _run(*args, input=None):
        return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
    return _run


def test_text_format_is_path_line_col_code(run):
    r = run("check", SAMPLES / "problem-note.txt")
    assert r.exit_code == 1
    first = r.output.splitlines()[0]
    assert first.startswith(f"{SAMPLES / 'problem-note.txt'}:1:58: NL104 [warning] \"claims\" — ")
    assert 'Suggest: "states"' in first


def test_json_format_matches_the_interface(run):
    r = run("check", "--format", "json", SAMPLES / "notes.jsonl")
    data = json.loads(r.output)
    assert data["notelint"] and data["profile"] == "mansfield"
    doc = data["documents"][0]
    assert doc["source"].endswith("notes.jsonl") and doc["id"] == "N-1001"
    f = doc["findings"][0]
    assert set(f) >= {"code", "kind", "name", "title", "severity", "start", "end", "line", "column", "text",
                      "message", "why", "replacements", "advice"}
    assert f["kind"] in ("wording", "pathway") and all(set(r) == {"text", "applicability"} for r in f["replacements"])
    text = json.loads((SAMPLES / "notes.jsonl").read_text().splitlines()[0])["text"]
    assert text[f["start"]:f["end"]] == f["text"]
    assert set(data["summary"]) == {"documents", "wording", "pathway", "missing", "errors"}
    assert data["summary"]["documents"] == 4
    kinds = {m["kind"] for d in data["documents"] for m in d["missing"]}
    assert kinds <= {"missing"}


def test_clean_note_exits_0(run):
    r = run("check", SAMPLES / "good-practice-note.txt")
    assert r.exit_code == 0, r.output


def test_stdin_and_fail_on(run):
    assert run("check", "-", input="She refused to engage.").exit_code == 1
    assert run("check", "--fail-on", "error", "-", input="She refused to engage.").exit_code == 0
    assert run("check", "--fail-on", "never", "-", input="She refused to engage.").exit_code == 0


def test_select_and_ignore_by_code_or_name(run):
    text = "She refused to engage and has disengaged."
    only = run("check", "--format", "json", "--select", "disengaged", "-", input=text)
    assert [f["code"] for f in json.loads(only.output)["documents"][0]["findings"]] == ["NL107"]
    rest = run("check", "--format", "json", "--ignore", "NL103,NL107", "-", input=text)
    assert json.loads(rest.output)["documents"][0]["findings"] == []


def test_unknown_code_is_a_usage_error(run):
    r = run("check", "--select", "NL999", "-", input="x")
    assert r.exit_code == 2 and "unknown rule code" in r.output


def test_config_file_in_a_parent_folder(run, tmp_path):
    (tmp_path / "notelint.yaml").write_text("ignore: [NL103]\nformat: json\n")
    sub = tmp_path / "notes"
    sub.mkdir()
    os.chdir(sub)
    r = run("check", "-", input="She refused to engage.")
    assert json.loads(r.output)["documents"][0]["findings"] == []


def test_pyproject_tool_section(run, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.notelint]\nfail-on = "error"\n')
    assert run("check", "-", input="She refused to engage.").exit_code == 0


def test_flags_win_over_config(run, tmp_path):
    (tmp_path / "notelint.yaml").write_text("fail-on: error\n")
    assert run("check", "--fail-on", "warning", "-", input="She refused to engage.").exit_code == 1


def test_profile_file_regrades_and_adds_rules(run):
    r = run("check", "--format", "json", "--profile", SAMPLES / "my-council.yaml", "-",
            input="The victim was non-compliant with the plan.")
    found = {f["code"]: f["severity"] for f in json.loads(r.output)["documents"][0]["findings"]}
    assert found == {"NL108": "info", "NL901": "warning"}


def test_folder_walk_reports_a_bad_file_and_carries_on(run, tmp_path):
    (tmp_path / "a.txt").write_text("She refused to engage.")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    (tmp_path / "c.md").write_bytes("Caf\xe9 note".encode("latin-1"))
    r = run("check", tmp_path)
    assert r.exit_code == 2
    assert "a.txt:1:5: NL103" in r.output
    assert "b.txt: looks like a binary file" in r.output
    assert "c.md:1: not valid UTF-8" in r.output


@pytest.mark.parametrize("name,content,message", [
    ("notes.jsonl", '{"id": 1, "text": "ok"}\n{not json}\n', "notes.jsonl:2: malformed JSON"),
    ("notes.jsonl", '{"id": 1, "body": "ok"}\n', "no text field 'text'"),
    ("notes.pdf", "x", "unsupported file type '.pdf'"),
])
def test_bad_input_is_one_line_and_exit_2(run, tmp_path, name, content, message):
    (tmp_path / name).write_text(content)
    r = run("check", tmp_path / name)
    assert r.exit_code == 2
    errors = [l for l in r.output.splitlines() if l.startswith("notelint: error:")]
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in r.output


def test_missing_file(run):
    r = run("check", "nope.txt")
    assert r.exit_code == 2 and "nope.txt: no such file or folder" in r.output


def test_empty_note_is_fine(run):
    r = run("check", "--format", "json", "-", input="")
    assert r.exit_code == 0 and json.loads(r.output)["documents"][0]["findings"] == []


def test_jsonl_custom_fields(run, tmp_path):
    (tmp_path / "x.jsonl").write_text(json.dumps({"ref": "A1", "body": "She refused to engage."}) + "\n")
    r = run("check", "--format", "json", "--id-field", "ref", "--text-field", "body", tmp_path / "x.jsonl")
    doc = json.loads(r.output)["documents"][0]
    assert doc["id"] == "A1" and doc["findings"][0]["code"] == "NL103"


def test_rules_lists_and_explains(run):
    listing = run("rules").output
    assert "NL103" in listing and "RF05" in listing and "PW01" in listing
    page = run("rules", "NL103").output
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
        assert heading in page
    assert run("rules", "NL999").exit_code == 2


def test_module_entry_point_runs_without_traceback(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("[1, 2]\n")
    p = subprocess.run([sys.executable, "-m", "notelint", "check", str(bad)], capture_output=True, text=True,
                       cwd=ROOT)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert p.stderr.strip().endswith("expected a JSON object per line")


@pytest.mark.parametrize("setting, message", [
    ("checklist: 7", "checklist: expected one of auto, always, never, got 7"),
    ("checklist: off", "checklist: expected one of auto, always, never, got False (quote it: YAML reads"),
    ("fail-on: 7", "fail-on: expected one of error, warning, info, never, got 7"),
    ("format: xml", "format: expected one of text, json, csv, sarif, github, got 'xml'"),
    ("select: [NL1, {a: 1}]", "select: expected text, got {'a': 1}"),
    ("model: [a, b]", "model: expected text, got ['a', 'b']"),
    ("text-field: true", "text-field: expected text, got True"),
])
def test_a_bad_config_value_is_one_line_naming_it(run, tmp_path, setting, message):
    (tmp_path / "notelint.yaml").write_text(setting + "\n")
    r = run("check", "-", input="She refused to engage.")
    assert r.exit_code == 2 and "Traceback" not in r.output and "internal error" not in r.output
    assert r.output.strip().splitlines() == [r.output.strip()]
    assert r.output.startswith(f"notelint: error: {tmp_path / 'notelint.yaml'}: {message}")


def test_a_numeric_status_in_config_is_a_status(run, tmp_path):
    """`skip-status: 3` (a CRM's numeric status code) skips rows whose status is 3."""
    (tmp_path / "notelint.yaml").write_text("skip-status: 3\n")
    (tmp_path / "e.csv").write_text("id,status,note\n1,3,She refused to engage.\n2,1,She refused to engage.\n")
    r = run("check", "--format", "json", "e.csv")
    assert [d["id"] for d in json.loads(r.stdout)["documents"]] == ["2"]


# ---- a run that read nothing, or not everything, never says "All clear" --------------------------

def _folder_of_unreadable(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    for name in ("a.doc", "b.doc", "c.rtf", "d.pdf"):
        (folder / name).write_bytes(b"x")
    return folder


@pytest.mark.parametrize("command", ["check", "audit"])
def test_a_folder_with_no_readable_notes_says_so_and_exits_2(run, tmp_path, command):
    folder = _folder_of_unreadable(tmp_path)
    args = (command, folder) if command == "check" else (command, folder, "-o", tmp_path / "out", "--jobs", "1")
    r = run(*args)
    assert r.exit_code == 2
    assert "no notes notelint can read" in r.output and ".doc ×2, .pdf, .rtf" in r.output
    assert "All clear" not in r.output and "Traceback" not in r.output
    if command == "audit":
        assert not (tmp_path / "out" / "report.html").exists() and "no report written" in r.output


@pytest.mark.parametrize("command", ["check", "audit"])
def test_inputs_with_no_notes_give_a_distinct_message(run, tmp_path, command):
    src = tmp_path / "empty.csv"
    src.write_text("Case Ref,Case Note\n", encoding="utf-8")
    args = (command, src) if command == "check" else (command, src, "-o", tmp_path / "out", "--jobs", "1")
    r = run(*args)
    assert r.exit_code == 2 and "no notes found in the inputs" in r.output and "All clear" not in r.output


@pytest.mark.parametrize("command", ["check", "audit"])
def test_skipped_files_next_to_good_notes_exit_2_without_all_clear(run, tmp_path, command):
    folder = _folder_of_unreadable(tmp_path)
    (folder / "fine.txt").write_text("Tenant asked about the rent account.", encoding="utf-8")
    args = (command, folder) if command == "check" else (command, folder, "-o", tmp_path / "out", "--jobs", "1")
    r = run(*args)
    assert r.exit_code == 2
    assert "4 files of a type notelint cannot read skipped (.doc ×2, .pdf, .rtf)" in r.output
    assert "All clear" not in r.output
    if command == "check":
        assert "No findings in the 1 note read; 1 file or row could not be read" in r.output
    else:
        assert "could not be read and was left out of the report" in r.output


def test_a_script_or_profile_beside_notes_is_mentioned_not_an_error(tmp_path):
    from conftest import cli

    (tmp_path / "note.txt").write_text("Ms Hale said her partner hit her. She refused to engage.")
    (tmp_path / "make_notes.py").write_text("print('hello')\n")
    (tmp_path / "our-council.yaml").write_text("name: ours\n")
    r = cli("check", tmp_path)
    assert r.exit_code == 1, r.output          # findings, not a read error
    assert "NL103" in r.output and "cannot read skipped (.py, .yaml)" in r.output


def test_a_document_that_may_hold_notes_is_an_error_even_beside_notes(tmp_path):
    from conftest import cli

    (tmp_path / "note.txt").write_text("Ms Hale said her partner hit her. She refused to engage.")
    (tmp_path / "old-note.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    r = cli("check", tmp_path)
    assert r.exit_code == 2 and ".doc" in r.output


def test_rules_pages_tell_the_truth_about_severity_and_fixes():
    from conftest import cli

    nl104, nl109, pw01 = (cli("rules", code).output for code in ("NL104", "NL109", "PW01"))
    assert "Fix: never" in nl104 and "No automatic fix" in nl104
    assert "Fix: sometimes" in nl109 and "A safe fix is available" in nl109
    assert "Severity: error" in pw01 and "{" not in pw01 and "}" not in pw01
    assert "Severity: warning" in cli("rules", "--profile", "bassetlaw", "RF17").output


def test_ignoring_the_item_a_pathway_refers_to_keeps_the_pathway(tmp_path):
    """PW06 reads the RF12 item's condition: --ignore RF12 drops the item's report, not the pathway."""
    note = tmp_path / "n.txt"
    note.write_text("Ms Dale told me her partner hit her. She asked me not to tell anyone. I phoned the police.\n")
    result = CliRunner().invoke(main, ["check", "--ignore", "RF12", str(note)])
    assert result.exit_code == 1, result.output
    assert "PW06" in result.output and "RF12" not in result.output
