"""`notelint fix`: safe swaps only by default, previews, backups, atomic writes, idempotence."""
import os
import stat

import pytest

import notelint.fix as fixmod
from notelint.fix import FixError, fix_path
from notelint.pipeline import build_nlp
from pathlib import Path

from conftest import as_unprivileged, cli as run

NOTE = ("Ms Hale disclosed that her partner, Carl Webb, hit her.\n"
        "They have a volatile relationship. I consider this low risk.\n"
        "She refused to engage with the refuge. She said: \"it was low risk\".\n")


@pytest.fixture()
def note(tmp_path):
    p = tmp_path / "note.txt"
    p.write_text(NOTE)
    return p


def test_fix_applies_safe_swaps_only_and_keeps_a_backup(note):
    r = run("fix", note)
    text = note.read_text()
    assert "I consider this standard risk." in text
    assert "They have a volatile relationship." in text  # the couple as subject: no words fit, advice only
    assert "She refused to engage" in text              # needs a person: unsafe
    assert "\"it was low risk\"" in text               # her words, quoted: never edited
    assert (note.parent / "note.txt.bak").read_text() == NOTE
    assert r.exit_code == 1 and "Fixed 1 issue " in r.output  # findings remain for a person


def test_fix_is_idempotent(note):
    run("fix", note)
    once = note.read_text()
    r = run("fix", note)
    assert note.read_text() == once
    assert "Fixed 0 issues in 0 files" in r.output
    assert not (note.parent / "note.txt.bak.1").exists()  # nothing written, no second backup


def test_unsafe_fixes_apply_the_first_suggestion(note):
    run("fix", "--unsafe-fixes", "--no-backup", note)
    assert "She did not engage with the refuge." in note.read_text()  # the verb phrase kept whole
    assert not (note.parent / "note.txt.bak").exists()


def test_diff_previews_and_changes_nothing(note):
    r = run("fix", "--diff", note)
    assert note.read_text() == NOTE
    assert "-They have a volatile relationship. I consider this low risk." in r.output
    assert "+They have a volatile relationship. I consider this standard risk." in r.output
    assert r.exit_code == 1


def test_capital_kept_and_crlf_and_bom_preserved(tmp_path):
    p = tmp_path / "n.txt"
    p.write_bytes(b"\xef\xbb\xbfMs Hale disclosed domestic abuse by her partner.\r\nLow risk on the DASH.\r\n")
    run("fix", p)
    assert p.read_bytes() == (b"\xef\xbb\xbfMs Hale disclosed domestic abuse by her partner.\r\n"
                              b"Standard risk on the DASH.\r\n")


def test_exports_are_not_fixed(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("id,note\n1,low risk\n")
    r = run("fix", p)
    assert r.exit_code == 2 and "cannot fix .csv files" in r.output and p.read_text() == "id,note\n1,low risk\n"


def test_failing_rename_leaves_the_original_and_no_temp_file(note, monkeypatch):
    def boom(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(fixmod.os, "replace", boom)
    r = run("fix", "--no-backup", note)
    assert r.exit_code == 2 and "not changed: No space left on device" in r.output
    assert note.read_text() == NOTE
    assert sorted(p.name for p in note.parent.iterdir()) == ["note.txt"]


def test_interrupted_write_leaves_the_original(note, monkeypatch):
    real_fsync = os.fsync

    def killed(fd):
        raise KeyboardInterrupt  # as if the process were stopped mid-write
    monkeypatch.setattr(fixmod.os, "fsync", killed)
    nlp = build_nlp(None, None, (), (), "auto")
    with pytest.raises(KeyboardInterrupt):
        fix_path(note, nlp)
    monkeypatch.setattr(fixmod.os, "fsync", real_fsync)
    assert note.read_text() == NOTE
    assert sorted(p.name for p in note.parent.iterdir()) == ["note.txt"]


def test_file_changed_on_disk_between_read_and_write_is_refused(note, monkeypatch):
    real = fixmod._fix_text

    def edited_meanwhile(path, original, nlp, unsafe):
        out = real(path, original, nlp, unsafe)
        path.write_text(NOTE + "Added by a colleague.\n")
        return out
    monkeypatch.setattr(fixmod, "_fix_text", edited_meanwhile)
    r = run("fix", note)
    assert r.exit_code == 2 and "changed on disk while being fixed" in r.output
    assert note.read_text().endswith("Added by a colleague.\n")


def _fix_as_this_user(folder):
    os.environ["NOTELINT_CACHE_DIR"] = "off"  # root's cache folder is not this user's
    r = run("fix", folder / "note.txt")
    return r.exit_code, r.output, sorted(p.name for p in folder.iterdir())


def test_read_only_file_is_refused():
    """As an ordinary user (the tests drop root for it, where os.access would say yes)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="notelint-ro-"))
    try:
        note = folder / "note.txt"
        note.write_text(NOTE)
        if os.geteuid() == 0:
            os.chown(folder, 65534, 65534)
            os.chown(note, 65534, 65534)
        note.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        code, output, names = as_unprivileged(_fix_as_this_user, folder)
        assert code == 2 and "read-only" in output
        assert note.read_text() == NOTE and names == ["note.txt"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_read_only_file_is_refused_even_for_root(note, monkeypatch):
    monkeypatch.setattr(fixmod.os, "access", lambda p, mode: False)
    with pytest.raises(FixError, match="read-only"):
        fix_path(note, build_nlp(None, None, (), (), "auto"))
    assert note.read_text() == NOTE


def test_symlink_target_is_fixed_and_link_kept(note, tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(note)
    run("fix", link)
    assert link.is_symlink() and "standard risk" in note.read_text()


def test_fix_compares_no_pair_of_findings(tmp_path, monkeypatch):
    """16,000 findings are fixed as fast as they are checked: fix never compares every finding with
    every other (which made it quadratic: over 5 minutes).  Counted, not timed."""
    from notelint.findings import Finding

    p = tmp_path / "long.txt"
    head = "Ms Hale disclosed that her partner, Carl Webb, hit her.\n"
    p.write_text(head + "I consider this low risk. She refused to engage.\n" * 8000)
    compared = [0]
    real_eq = Finding.__eq__

    def counting_eq(self, other):
        compared[0] += 1
        return real_eq(self, other)
    monkeypatch.setattr(Finding, "__eq__", counting_eq)
    result = fix_path(p, build_nlp(None, None, (), (), "auto"), backup=False)
    assert len(result.applied) == 8000 and len(result.remaining) >= 8000
    assert p.read_text() == head + "I consider this standard risk. She refused to engage.\n" * 8000
    assert compared[0] <= 16_000
