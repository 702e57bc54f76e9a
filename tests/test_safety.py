"""Hostile input never crashes notelint or loses data; readers either read or give the one-line error.

CI runs a few hundred cases; the long run is `NOTELINT_FUZZ_EXAMPLES=5000 python3 -m pytest -q
tests/test_safety.py` (README "Development").
"""
import io
import json
import os
import zipfile

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

import notelint
from notelint.cli import main
from notelint.readers import InputError, InputWarning, Record, ReadOptions, read_paths

EXAMPLES = int(os.environ.get("NOTELINT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _sane(text, report):
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text) and text[f.start:f.end] == f.text


@pytest.mark.parametrize("text", [
    "She re\u0301fused to engage. He\u0301 hit her.",                 # combining marks
    "\u202eShe refused to engage.\u202c \u05d4\u05d9\u05d0 refused",      # RTL override, Hebrew
    "She 🙂 refused 👩‍👧 to engage 🏳️‍🌈.",                               # emoji, ZWJ sequences
    "She refused\x00 to engage.\x00\x00",                                  # NUL
    "She refused \udcff\udc80 to engage \ud800.",                          # lone surrogates from a bad decode
    "refused" * 150_000,                                                   # ~1 MB of one word
    '"' * 100_000,                                                         # 10^5 quotation marks
    '“She said "it was \'low risk" and she refused.' * 2000,               # unbalanced, nested quotes
    "\n" * 50_000 + "She refused to engage.",
    "",
])
def test_hostile_text_never_raises_and_spans_stay_inside(text):
    report = notelint.check_text(text)
    _sane(text, report)
    assert notelint.check_text(text).findings == report.findings  # deterministic


@FUZZ
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=2000))
def test_any_unicode(text):
    report = notelint.check_text(text, checklist="always")
    _sane(text, report)


# ---- every reader on mutated valid files --------------------------------------------------------

def _docx_bytes():
    d = docx.Document()
    d.add_paragraph("Ms Lee said she refused to engage.")
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Risk", "low risk"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _xlsx_bytes():
    book = openpyxl.Workbook()
    book.active.append(["id", "note"])
    book.active.append(["1", "She refused to engage."])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


SEEDS = {
    ".docx": _docx_bytes(),
    ".xlsx": _xlsx_bytes(),
    ".csv": b'Case Ref,Note\r\nC1,"She refused to engage.\r\nLow risk."\r\nC2,\x93quoted\x94 \xa3\r\n',
    ".jsonl": (json.dumps({"id": 1, "text": "She refused to engage."}) + "\n" + '{"id": 2, "text": "ok"}\n').encode(),
    ".txt": "She refused to engage. “Low risk”.\n".encode(),
}
TRIED = {k: 0 for k in SEEDS}


def _mutate(data: bytes, edits) -> bytes:
    b = bytearray(data)
    for kind, pos, value in edits:
        if not b:
            break
        i = pos % len(b)
        if kind == 0:
            b[i] = value
        elif kind == 1:
            del b[i:i + 1 + value % 64]
        elif kind == 2:
            b[i:i] = bytes([value]) * (1 + value % 8)
        else:
            del b[i:]
    return bytes(b)


def _zip_mutations(data: bytes, rnd_member: int, value: int) -> bytes:
    """Mutate inside the package: corrupt one member's XML but keep the zip valid."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    target = names[rnd_member % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n in names:
            content = src.read(n)
            if n == target:
                content = _mutate(content, [(0, value * 7919, value), (1, value * 104729, value)])
            z.writestr(n, content)
    return out.getvalue()


edit = st.tuples(st.integers(0, 3), st.integers(0, 1 << 20), st.integers(0, 255))


@pytest.mark.parametrize("ext", sorted(SEEDS))
@FUZZ
@given(edits=st.lists(edit, max_size=6), member=st.integers(0, 50), inner=st.booleans())
def test_readers_read_or_give_the_one_line_error(tmp_path_factory, ext, edits, member, inner):
    data = SEEDS[ext]
    if inner and ext in (".docx", ".xlsx"):
        data = _zip_mutations(data, member, edits[0][2] if edits else 1)
    else:
        data = _mutate(data, edits)
    path = tmp_path_factory.mktemp("fuzz") / f"note{ext}"
    path.write_bytes(data)
    TRIED[ext] += 1
    for item in read_paths([str(path)], ReadOptions()):
        assert isinstance(item, (Record, InputError, InputWarning))
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(item).startswith(str(path))
        elif isinstance(item, Record):
            _sane(item.text, notelint.check_text(item.text))


def test_cli_on_a_corrupt_file_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(SEEDS[".xlsx"][:300])
    r = CliRunner().invoke(main, ["check", str(bad)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert r.output.splitlines()[0].startswith(f"notelint: error: {bad}: ")


def test_check_writes_nothing_but_its_output_and_a_cache_without_note_text(tmp_path):
    import subprocess
    import sys

    work, cache = tmp_path / "work", tmp_path / "cache"
    work.mkdir()
    (work / "note.txt").write_text("Ms Quixotica-Zed said she refused to engage.\n")
    env = {**os.environ, "NOTELINT_CACHE_DIR": str(cache), "HOME": str(tmp_path / "home")}
    r = subprocess.run([sys.executable, "-m", "notelint", "check", "note.txt"], cwd=work, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "NL103" in r.stdout
    assert sorted(p.name for p in work.iterdir()) == ["note.txt"]
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.parent != work]
    assert all(p.is_relative_to(cache) for p in written)
    assert not any(b"Quixotica" in p.read_bytes() for p in written)
