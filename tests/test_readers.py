"""CSV/TSV exports: columns found from common headers, Windows-1252 bytes, quoted line breaks."""
import json

from click.testing import CliRunner

from notelint.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


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
