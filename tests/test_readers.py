"""CSV/TSV exports: columns found from common headers, Windows-1252 bytes, quoted line breaks."""
import json

from click.testing import CliRunner

from notelint.cli import main
from conftest import cli as run


def test_csv_note_column_is_found_and_quoted_line_breaks_kept(tmp_path):
    src = tmp_path / "export.csv"
    src.write_bytes(b'Reference,Date,Case Note\r\nR1,01/02/2026,"She said she was fine.\r\nShe refused to engage."\r\n')
    doc = json.loads(run("check", "--format", "json", src).output)["documents"][0]
    assert doc["id"] == "R1"
    f = doc["findings"][0]
    text = "She said she was fine.\r\nShe refused to engage."
    assert f["code"] == "NL103" and text[f["start"]:f["end"]] == f["text"] == "refused to engage"


def test_windows_1252_export_with_curly_quotes_and_pound_sign(tmp_path):
    src = tmp_path / "export.tsv"
    src.write_bytes(b"id\tnarrative\n7\tShe told me \x93I refused\x94 and owes \xa3300; she refused the offer.\n")
    doc = json.loads(run("check", "--format", "json", src).output)["documents"][0]
    text = "She told me \u201cI refused\u201d and owes \u00a3300; she refused the offer."
    assert [f["text"] for f in doc["findings"]] == ["refused"]  # the quoted one is her words
    assert doc["findings"][0]["start"] == text.index("she refused") + 4


def test_csv_without_a_note_column_is_one_line_exit_2(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("a,b\n1,2\n")
    r = run("check", src)
    assert r.exit_code == 2 and "no note column found (columns: a, b)" in r.output


def test_csv_case_field_judges_the_case_together(tmp_path):
    src = tmp_path / "cases.csv"
    src.write_text("Note ID,Case Ref,Notes\n"
                   "1,C9,\"Ms Lee disclosed that her partner, Tom Ray, hit her. She is not pregnant.\"\n"
                   "2,C9,Follow-up call: DASH 16.\n")
    docs = json.loads(run("check", "--format", "json", "--case-field", "case ref", src).output)["documents"]
    assert docs[0]["case"] == "C9" and docs[0]["missing"] == []
    assert "RF04" not in [m["code"] for m in docs[1]["missing"]]


# ---- Excel, HTML bodies, statuses ------------------------------------------------------------

import openpyxl  # noqa: E402


def _xlsx(path, rows, title="Notes"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_rows_are_notes_with_detected_columns(tmp_path):
    src = _xlsx(tmp_path / "export.xlsx", [["Case Ref", "Date", "Narrative"],
                                           [1042, "2026-01-02", "She refused to engage."],
                                           [None, None, None],
                                           ["C2", "2026-01-03", "Repairs visit, boiler fixed."]])
    docs = json.loads(run("check", "--format", "json", src).output)["documents"]
    assert [d["id"] for d in docs] == ["1042", "C2"]  # an integer cell is read as 1042, not 1042.0
    assert docs[0]["findings"][0]["text"] == "refused to engage"


def test_corrupt_or_password_protected_xlsx_is_one_line_exit_2(tmp_path):
    bad = tmp_path / "locked.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500)  # an encrypted workbook is an OLE file
    r = run("check", bad)
    assert r.exit_code == 2 and "not a readable .xlsx workbook (password-protected" in r.output
    assert "Traceback" not in r.output


def test_cell_at_excels_limit_warns_but_is_checked(tmp_path):
    src = _xlsx(tmp_path / "long.xlsx", [["id", "note"], ["A", "She refused to engage. " + "x" * 32760]])
    r = CliRunner().invoke(main, ["check", str(src)])
    assert "warning:" in r.output and "Excel's cell limit" in r.output
    assert "NL103" in r.output and r.exit_code == 1


def test_html_bodies_are_checked_as_text(tmp_path):
    src = tmp_path / "crm.csv"
    src.write_text('id,note\n1,"<p>Ms Cole disclosed abuse.</p><p>She <b>refused</b>&nbsp;to engage.</p>"\n')
    doc = json.loads(run("check", "--format", "json", src).output)["documents"][0]
    f = doc["findings"][0]
    assert f["text"] == "refused to engage" and f["line"] == 2


def test_skip_status_drops_drafts_and_deleted_rows(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("id,status,note\n1,Final,She refused to engage.\n2,Draft,She refused to engage.\n"
                   "3,deleted,She refused to engage.\n")
    docs = json.loads(run("check", "--format", "json", "--skip-status", "Draft,Deleted", src).output)["documents"]
    assert [d["id"] for d in docs] == ["1"]
    r = run("check", "--skip-status", "Draft", tmp_path / "y.csv")
    assert r.exit_code == 2


def test_skip_status_without_a_status_column_is_an_error(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("id,note\n1,fine\n")
    r = run("check", "--skip-status", "Draft", src)
    assert r.exit_code == 2 and "no status column found" in r.output


def test_utf16_tab_separated_export_from_excel(tmp_path):
    src = tmp_path / "unicode.txt.tsv"
    src.write_bytes("id\tnote\n5\tShe refused to engage \u2013 \u00a3200 owed.\n".encode("utf-16"))
    doc = json.loads(run("check", "--format", "json", src).output)["documents"][0]
    assert doc["id"] == "5" and doc["findings"][0]["text"] == "refused to engage"
