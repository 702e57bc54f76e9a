"""Word documents: reading order, locations, fixing that keeps formatting, annotated copies."""
import json
import subprocess
import zipfile

import docx
import pytest

from notelint.wordfile import document_blocks
from conftest import cli as run, need_tool


@pytest.fixture()
def template(tmp_path):
    d = docx.Document()
    d.add_paragraph("Case note")
    t = d.add_table(rows=2, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Contact", "Ms Ayodele disclosed abuse by her husband, Tom Ayodele."
    t.rows[1].cells[0].text, t.rows[1].cells[1].text = "Risk", "The officer thinks this is low risk."
    p = d.add_paragraph()
    p.add_run("Summary: ").bold = True
    p.add_run("they have a vol")
    p.add_run("atile").italic = True          # a phrase split across runs, as Word often does
    p.add_run(" relationship. She said \u201clow risk\u201d herself.")
    path = tmp_path / "note.docx"
    d.save(path)
    return path


def test_text_is_in_reading_order_and_table_rows_read_as_one_line(template):
    text, blocks = document_blocks(docx.Document(template))
    assert text == ("Case note\n\nContact\tMs Ayodele disclosed abuse by her husband, Tom Ayodele.\n\n"
                    "Risk\tThe officer thinks this is low risk.\n\n"
                    "Summary: they have a volatile relationship. She said \u201clow risk\u201d herself.")
    assert [b.label for b in blocks] == ["¶1", "table 1 row 1 col 1", "table 1 row 1 col 2",
                                         "table 1 row 2 col 1", "table 1 row 2 col 2", "¶2"]


def test_locations_name_paragraph_or_cell_and_json_offsets_are_exact(template):
    out = run("check", template).output
    assert f"{template}:table 1 row 2 col 2:28: NL109" in out
    assert f"{template}:¶2:22: NL114" in out
    doc = json.loads(run("check", "--format", "json", template).output)["documents"][0]
    text, _ = document_blocks(docx.Document(template))
    assert all(text[f["start"]:f["end"]] == f["text"] for f in doc["findings"])
    assert [f["text"] for f in doc["findings"]] == ["low risk", "volatile relationship"]


def test_fix_keeps_formatting_of_untouched_text(template):
    r = run("fix", template)
    assert r.exit_code in (0, 1), r.output
    d = docx.Document(template)
    runs = [(r.text, r.bold, r.italic) for r in d.paragraphs[1].runs]
    assert runs[0] == ("Summary: ", True, None)
    assert "".join(t for t, _, _ in runs) == ("Summary: they have a volatile relationship. "
                                              "She said \u201clow risk\u201d herself.")
    assert d.tables[0].rows[1].cells[1].text == "The officer thinks this is standard risk."
    assert (template.parent / "note.docx.bak").exists()
    again = run("fix", template)
    assert "Fixed 0 issues in 0 files" in again.output  # idempotent


def test_annotate_puts_a_comment_on_each_finding_and_the_checklist_first(template, tmp_path):
    out = tmp_path / "annotated.docx"
    r = run("check", template, "--annotate", out)
    assert r.exit_code == 1 and "with 3 comments" in r.output
    d = docx.Document(out)
    comments = list(d.comments)
    texts = [c.text for c in comments]
    assert texts[0].startswith("NL109 low-risk:") and "Instead: \"standard risk\"" in texts[0]
    assert texts[1].startswith("NL114 toxic-relationship:") and "Why:" in texts[1]
    assert texts[2].startswith("This note does not record:") and "(RF05)" in texts[2]
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert xml.count("commentRangeStart") == 3
    assert docx.Document(template).paragraphs[1].text.endswith("herself.")  # the original untouched


def test_annotated_copy_opens_in_libreoffice_with_its_comments(template, tmp_path):
    need_tool("soffice", "LibreOffice (apt install libreoffice-writer-nogui)")
    out = tmp_path / "annotated.docx"
    run("check", template, "--annotate", out)
    subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + str(tmp_path / "lo"),
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    content = zipfile.ZipFile(tmp_path / "annotated.odt").read("content.xml").decode()
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == 3
    assert "NL114 toxic-relationship" in content


@pytest.mark.parametrize("payload, message", [
    (b"this is not a zip", "not a zip package"),
    (None, "no word/document.xml"),
])
def test_corrupt_docx_is_one_line_exit_2(tmp_path, payload, message):
    bad = tmp_path / "bad.docx"
    if payload is None:
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("hello.txt", "hi")
    else:
        bad.write_bytes(payload)
    r = run("check", bad)
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 2  # the error, and the summary line


def test_annotate_needs_one_docx(tmp_path):
    p = tmp_path / "n.txt"
    p.write_text("x")
    r = run("check", p, "--annotate", tmp_path / "o.docx")
    assert r.exit_code == 2 and "--annotate needs exactly one .docx" in r.output
