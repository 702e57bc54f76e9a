"""Reading: every reader is bounded.  Only regular files are opened (a FIFO never hangs a run), big or
hostile files are refused in one line with the rest of the run going on, a long CSV field never ends
the file, and every file that cannot be read is named for what it is."""
import io
import json
import os
import socket
import subprocess
import sys
import zipfile

import docx
import openpyxl
import pytest

from notelint.readers import base
from conftest import cli as run

NOTE = "Ms Lee said she refused to engage.\n"


def _notelint(*args, cwd=None, timeout=120):
    """The CLI in a child process, so a regression that hangs (a FIFO) fails the test instead of the suite."""
    env = {**os.environ, "NOTELINT_CACHE_DIR": "off"}
    return subprocess.run([sys.executable, "-m", "notelint", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


# ---- only regular files ------------------------------------------------------------------------

@pytest.fixture()
def folder_with_a_fifo(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text(NOTE)
    os.mkfifo(folder / "b.txt")  # nobody ever writes to it: opening it to read would wait for ever
    (folder / "c.txt").write_text(NOTE)
    return folder


def test_a_fifo_in_a_folder_is_skipped_and_the_other_files_are_checked(folder_with_a_fifo):
    r = _notelint("check", "--format", "json", folder_with_a_fifo)
    sources = [d["source"] for d in json.loads(r.stdout)["documents"]]
    assert [os.path.basename(s) for s in sources] == ["a.txt", "c.txt"]
    assert r.stderr.strip().splitlines() == [
        f"notelint: warning: {folder_with_a_fifo / 'b.txt'}: not a regular file (a named pipe (FIFO)); skipped"]
    assert r.returncode == 1  # the findings in a.txt and c.txt; the FIFO is not an error


def test_a_fifo_named_on_the_command_line_is_one_line_and_exit_2(folder_with_a_fifo):
    fifo = folder_with_a_fifo / "b.txt"
    for command in (["check"], ["fix"]):
        r = _notelint(*command, fifo)
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert f"notelint: error: {fifo}: not a regular file (a named pipe (FIFO))" in r.stderr


def test_audit_skips_a_fifo_and_reports_the_rest(folder_with_a_fifo, tmp_path):
    r = _notelint("audit", folder_with_a_fifo, "-o", tmp_path / "out", "--jobs", "1", "--quiet")
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["totals"]["notes"] == 2


def test_a_socket_is_named_as_one(tmp_path):
    path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        r = run("check", path)
    finally:
        server.close()
    assert r.exit_code == 2 and "not a regular file (a socket)" in r.output


def test_a_symlink_loop_is_named_as_a_loop(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    for args in (["check", tmp_path / "a.txt"], ["fix", tmp_path / "a.txt"],
                 ["audit", tmp_path / "a.txt", "-o", tmp_path / "out"]):
        r = run(*args)
        assert r.exit_code == 2 and "a symbolic link loop" in r.output, (args, r.output)
    (tmp_path / "c.txt").write_text(NOTE)  # in a folder: named too, and the rest is checked
    r = run("check", tmp_path)
    assert "a.txt: a symbolic link loop" in r.output and "c.txt:1:" in r.output


# ---- sizes -------------------------------------------------------------------------------------

def test_a_50_mb_note_is_refused_in_one_line_using_little_memory(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("w") as fh:
        for _ in range(50):
            fh.write("She refused to engage with the service and said it was low risk. " * 16_000)
    (tmp_path / "small.txt").write_text(NOTE)
    # the peak of this process's own memory: VmHWM starts afresh at exec, whereas ru_maxrss keeps the
    # peak of the forked copy of the test process (all its loaded pipelines) from before the exec
    code = ("import sys, atexit\n"
            "def peak():\n"
            "    for line in open('/proc/self/status'):\n"
            "        if line.startswith('VmHWM:'):\n"
            "            print('maxrss', line.split()[1], file=sys.stderr)\n"
            "atexit.register(peak)\n"
            "from notelint.cli import run\nsys.argv = ['notelint'] + sys.argv[1:]\nrun()\n")
    r = subprocess.run([sys.executable, "-c", code, "check", big, tmp_path / "small.txt"], capture_output=True,
                       text=True, timeout=300, env={**os.environ, "NOTELINT_CACHE_DIR": "off"})
    lines = r.stderr.strip().splitlines()
    size = f"{big.stat().st_size / (1 << 20):.1f} MB"
    assert lines[0] == f"notelint: error: {big}: note is {size}, over notelint's limit of 4.0 MB; not read"
    assert "small.txt:1:" in r.stdout and r.returncode == 2
    assert int(lines[-1].split()[1]) < 1 << 20  # KiB: well under 1 GiB


def test_a_note_at_the_limit_is_read():
    text = ("She is safe. " * (base.MAX_NOTE_BYTES // 13 + 1))[: base.MAX_NOTE_BYTES]
    assert len(text.encode()) == base.MAX_NOTE_BYTES
    assert base.decode(text.encode(), "x") == text


def _docx_bytes(document_xml: bytes | None = None) -> bytes:
    d = docx.Document()
    d.add_paragraph("She refused to engage.")
    buf = io.BytesIO()
    d.save(buf)
    if document_xml is None:
        return buf.getvalue()
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            z.writestr(name, document_xml if name == "word/document.xml" else src.read(name))
    return out.getvalue()


def test_a_zip_bomb_docx_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            if name != "word/document.xml":
                z.writestr(name, src.read(name))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range((base.DOCX_MAX_BYTES >> 20) + 8):
                fh.write(chunk)
    assert bomb.stat().st_size < 2 << 20
    (tmp_path / "ok.txt").write_text(NOTE)
    r = run("check", bomb, tmp_path / "ok.txt")
    assert r.exit_code == 2 and f"{bomb}: unpacks to 264" in r.output
    assert "over notelint's limit of 256.0 MB (a zip bomb?); not read" in r.output
    assert "ok.txt:1:" in r.output


def test_a_docx_of_400000_empty_paragraphs_is_refused(tmp_path):
    body = b"<w:p/>" * 400_000
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.'
           b'openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>")
    path = tmp_path / "empty.docx"
    path.write_bytes(_docx_bytes(xml))
    r = run("check", path)
    assert r.exit_code == 2 and "has over 100,000 paragraphs" in r.output


def test_text_after_an_entity_in_a_docx_is_never_dropped_silently(tmp_path):
    xml = zipfile.ZipFile(io.BytesIO(_docx_bytes())).read("word/document.xml")
    xml = xml.replace(b"She refused", b"She &who; refused")
    at = xml.index(b"?>") + 2
    xml = xml[:at] + b'<!DOCTYPE w:document [<!ENTITY who "really">]>' + xml[at:]
    path = tmp_path / "entity.docx"
    path.write_bytes(_docx_bytes(xml))
    r = run("check", path)
    assert r.exit_code == 2 and "declares XML entities" in r.output and "text after an entity would be lost" in r.output


def test_an_xlsx_with_too_many_shared_strings_is_refused_and_the_rest_read(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["id", "note"])
    book.active.append(["1", "She refused to engage."])
    buf = io.BytesIO()
    book.save(buf)
    n = base.XLSX_MAX_SHARED_STRINGS + 1
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           b'2006/main" count="%d" uniqueCount="%d">' % (n, n) + b"<si><t>x</t></si>" * n + b"</sst>")
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            z.writestr(name, src.read(name))
        z.writestr("xl/sharedStrings.xml", sst)
    (tmp_path / "ok.txt").write_text(NOTE)
    r = run("check", tmp_path)
    assert r.exit_code == 2 and "many.xlsx: has over 1,000,000 shared strings" in r.output
    assert "save the export as CSV" in r.output and "ok.txt:1:" in r.output


# ---- CSV and JSONL rows --------------------------------------------------------------------------

def test_rows_after_a_200_kb_csv_field_are_checked(tmp_path):
    export = tmp_path / "e.csv"
    long_note = "She is safe and well. " * 10_000  # 220,000 characters, past csv's default 131,072
    export.write_text(f'id,note\n1,"{long_note}"\n2,She refused to engage.\n3,It is a volatile relationship.\n')
    r = run("check", "--format", "json", export)
    docs = json.loads(r.stdout)["documents"]
    assert [d["id"] for d in docs] == ["1", "2", "3"]
    assert [f["code"] for f in docs[1]["findings"]] == ["NL103"] and docs[2]["findings"]
    out = tmp_path / "audit"
    assert run("audit", export, "-o", out, "--jobs", "1", "--quiet").exit_code == 0
    assert json.loads((out / "summary.json").read_text())["totals"]["notes"] == 3


def test_a_record_past_the_row_limit_is_reported_and_the_rest_checked(tmp_path):
    export = tmp_path / "e.csv"
    huge = "x" * (base.MAX_ROW_CHARS + 10)
    export.write_text(f'id,note\n1,"{huge}\nstill the same field"\n2,She refused to engage.\n{3},"{huge}"\n'
                      f"4,They have a volatile relationship.\n")
    r = run("check", "--format", "json", export)
    assert r.exit_code == 2
    errors = r.stderr.strip().splitlines()
    assert len(errors) == 2 and all("characters or more, over notelint's limit" in e for e in errors)
    assert errors[0].startswith(f"notelint: error: {export}:2: row is ")
    assert errors[1].startswith(f"notelint: error: {export}:4: row is ")
    docs = json.loads(r.stdout)["documents"]
    assert [(d["id"], [f["code"] for f in d["findings"]]) for d in docs] == [("2", ["NL103"]), ("4", ["NL114"])]


def test_a_jsonl_line_past_the_limit_is_reported_and_the_rest_checked(tmp_path):
    path = tmp_path / "n.jsonl"
    with path.open("w") as fh:
        fh.write(json.dumps({"id": 1, "text": "x" * (base.MAX_ROW_CHARS + 1)}) + "\n")
        fh.write(json.dumps({"id": 2, "text": "She refused to engage."}) + "\n")
    r = run("check", path)
    assert f"{path}:1: line is" in r.output and "over notelint's limit" in r.output
    assert "NL103" in r.output and r.exit_code == 2


# ---- encodings -----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-16-le", b""), ("utf-16-be", b"")])
def test_a_utf16_text_note_is_read(tmp_path, encoding, bom):
    path = tmp_path / "n.txt"
    path.write_bytes(bom + "Ms Lee said she refused to engage. £5 “quoted”\n".encode(encoding))
    r = run("check", "--format", "json", path)
    doc = json.loads(r.output)["documents"][0]
    assert [f["code"] for f in doc["findings"]] == ["NL103"] and doc["findings"][0]["text"] == "refused to engage"


def test_a_damaged_utf16_note_is_named_as_utf16(tmp_path):
    path = tmp_path / "n.txt"
    path.write_bytes(b"\xff\xfe" + "She refused".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    r = run("check", path)
    assert r.exit_code == 2 and "UTF-16 text that does not decode" in r.output
