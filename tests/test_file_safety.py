"""Writing: `fix`, `--annotate` and `audit` never write through a link, never leave a partial backup,
clean up after a killed run, and refuse what they cannot rewrite whole (notelint.safefile)."""
import errno
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import docx
import pytest

import notelint.safefile as safefile
from conftest import cli as run

NOTE = "Ms Hale disclosed that her partner, Carl Webb, hit her.\nI consider this low risk.\n"
FIXED = "Ms Hale disclosed that her partner, Carl Webb, hit her.\nI consider this standard risk.\n"


@pytest.fixture()
def note(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text(NOTE)
    return p


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture(params=["O_NOFOLLOW", "lstat-and-compare"])
def platform(request, monkeypatch):
    """Each write test runs as on Linux (O_NOFOLLOW) and as on Windows, which has none: there the path
    is checked with lstat before opening and the opened file compared with it after."""
    if request.param == "lstat-and-compare":
        monkeypatch.setattr(safefile, "_NOFOLLOW", 0)
    return request.param


def test_a_planted_backup_link_never_receives_a_byte(note, tmp_path, platform):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "d.txt.bak").symlink_to(elsewhere / "stolen.txt")  # dangling: exists() is False
    r = run("fix", note)
    assert r.exit_code == 0, r.output
    assert not (elsewhere / "stolen.txt").exists() and list(elsewhere.iterdir()) == []
    assert (tmp_path / "d.txt.bak").is_symlink()
    assert (tmp_path / "d.txt.bak.1").read_text() == NOTE and note.read_text() == FIXED
    assert "backup: " in r.output and "d.txt.bak.1" in r.output


def test_a_link_to_an_existing_file_as_backup_is_left_alone(note, tmp_path, platform):
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file\n")
    (tmp_path / "d.txt.bak").symlink_to(victim)
    run("fix", note)
    assert victim.read_text() == "someone else's file\n"
    assert (tmp_path / "d.txt.bak.1").read_text() == NOTE


def test_temporary_and_backup_files_are_private_until_renamed(note, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append((Path(src).name, stat.S_IMODE(os.lstat(src).st_mode)))
        return real(src, dst)
    monkeypatch.setattr(os, "replace", spy)
    note.chmod(0o644)
    run("fix", note)
    assert seen and all(mode == 0o600 for _, mode in seen)
    assert all(name.startswith(".d.txt.") and name.endswith(".notelint-tmp") for name, _ in seen)
    assert stat.S_IMODE(note.stat().st_mode) == 0o644  # the note keeps its own mode
    assert stat.S_IMODE((note.parent / "d.txt.bak").stat().st_mode) == 0o600


def test_a_full_disk_while_writing_the_backup_leaves_no_backup_and_no_temp_file(note, monkeypatch):
    real, calls = safefile.write_all, []

    def full(fd, data):
        calls.append(len(data))
        if len(calls) == 2:  # the new text was written; the backup finds the disk full half-way
            os.write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)
    monkeypatch.setattr(safefile, "write_all", full)
    r = run("fix", note)
    assert r.exit_code == 2 and "not changed: No space left on device" in r.output
    assert note.read_text() == NOTE and _names(note.parent) == ["d.txt"]
    monkeypatch.setattr(safefile, "write_all", real)
    run("fix", note)  # the next run's backup is d.txt.bak, not .bak.1 beside a truncated one
    assert _names(note.parent) == ["d.txt", "d.txt.bak"] and (note.parent / "d.txt.bak").read_text() == NOTE


KILLED_AT_RENAME = """
import os, signal, sys
from notelint.cli import run
os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)   # kill -9 at the worst moment
sys.argv = ["notelint", "fix", sys.argv[1]]
run()
"""


def test_a_run_killed_before_the_rename_leaves_the_original_and_the_next_run_cleans_up(note):
    env = {**os.environ, "NOTELINT_CACHE_DIR": "off"}
    r = subprocess.run([sys.executable, "-c", KILLED_AT_RENAME, str(note)], env=env, capture_output=True,
                       timeout=300)
    assert r.returncode == -signal.SIGKILL
    assert note.read_text() == NOTE
    left = [p for p in note.parent.iterdir() if p.name.endswith(".notelint-tmp")]
    assert len(left) == 1 and left[0].name.startswith(".d.txt.")
    assert stat.S_IMODE(left[0].stat().st_mode) == 0o600          # nobody else can read it meanwhile
    assert (note.parent / "d.txt.bak").read_text() == NOTE          # the backup was complete before
    preview = run("fix", "--diff", note)
    assert "temporary file left by an interrupted run" in preview.output and left[0].exists()
    again = run("fix", note)
    assert f"removed {left[0]}" in again.output or f"removed {left[0].name}" in again.output
    assert not left[0].exists() and note.read_text() == FIXED
    assert _names(note.parent) == ["d.txt", "d.txt.bak", "d.txt.bak.1"]


def test_another_users_leftover_is_reported_not_removed(note, monkeypatch):
    left = note.parent / ".d.txt.0123abcd.notelint-tmp"
    left.write_text("x")
    monkeypatch.setattr(os, "getuid", lambda: 4242)  # as if it belonged to someone else
    r = run("fix", note)
    assert left.exists() and "not ours: not removed" in r.output


def test_a_hard_linked_file_is_reported_and_not_detached(note, tmp_path):
    other = tmp_path / "other-name.txt"
    os.link(note, other)
    r = run("fix", note)
    assert r.exit_code == 2 and "has 2 hard links" in r.output
    assert note.read_text() == NOTE and os.stat(note).st_ino == os.stat(other).st_ino


def test_a_link_in_a_folder_is_not_followed_by_fix(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(NOTE)
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "planted.txt").symlink_to(outside)
    (folder / "real.txt").write_text(NOTE)
    r = run("fix", folder)
    assert outside.read_text() == NOTE and not (tmp_path / "outside.txt.bak").exists()
    assert "planted.txt: a symbolic link, skipped" in r.output
    assert (folder / "real.txt").read_text() == FIXED


def test_a_second_fix_of_the_same_file_at_once_is_refused(note):
    import fcntl

    with note.open("rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # as another notelint holds it while fixing
        r = run("fix", note)
    assert r.exit_code == 2 and "being rewritten by another notelint" in r.output and note.read_text() == NOTE


# ---- --annotate -------------------------------------------------------------------------------------

@pytest.fixture()
def word_note(tmp_path):
    d = docx.Document()
    d.add_paragraph("Ms Hale disclosed abuse by her partner. They have a volatile relationship.")
    p = tmp_path / "n.docx"
    d.save(p)
    return p


def test_annotate_keeps_an_existing_output_as_a_backup(word_note, tmp_path):
    out = tmp_path / "out.docx"
    out.write_bytes(b"an earlier file of that name")
    r = run("check", word_note, "--annotate", out)
    assert "kept as out.docx.bak" in r.output
    assert (tmp_path / "out.docx.bak").read_bytes() == b"an earlier file of that name"
    assert any("NL114" in c.text for c in docx.Document(out).comments)


def test_annotate_never_writes_through_a_link(word_note, tmp_path, platform):
    victim = tmp_path / "victim.docx"
    victim.write_bytes(b"not to be touched")
    out = tmp_path / "out.docx"
    out.symlink_to(victim)
    r = run("check", word_note, "--annotate", out)
    assert r.exit_code == 2 and "is a symbolic link" in r.output
    assert victim.read_bytes() == b"not to be touched" and out.is_symlink()


# ---- audit -o ----------------------------------------------------------------------------------------

def test_audit_never_writes_through_a_link_left_in_its_folder(tmp_path):
    export = tmp_path / "e.csv"
    export.write_text("id,note\n1,She refused to engage.\n")
    out = tmp_path / "audit"
    assert run("audit", export, "-o", out, "--jobs", "1", "--quiet").exit_code == 0
    victim = tmp_path / "victim.csv"
    victim.write_text("someone else's file\n")
    (out / "findings.csv").unlink()
    (out / "findings.csv").symlink_to(victim)
    r = run("audit", export, "-o", out, "--jobs", "1", "--quiet")
    assert r.exit_code == 2 and "findings.csv is a symbolic link" in r.output
    assert victim.read_text() == "someone else's file\n"


def test_audit_cleans_up_an_interrupted_audits_temporary_files(tmp_path):
    export = tmp_path / "e.csv"
    export.write_text("id,note\n1,She refused to engage.\n")
    out = tmp_path / "audit"
    run("audit", export, "-o", out, "--jobs", "1", "--quiet")
    (out / ".findings.csv.0a1b2c.notelint-tmp").write_text("1,NL103,refused\n")
    (out / ".notelint-cases.sqlite.0a1b2c.notelint-tmp").write_bytes(b"")
    assert run("audit", export, "-o", out, "--jobs", "1", "--quiet").exit_code == 0
    assert _names(out) == ["authors.csv", "cases.csv", "findings.csv", "report.html", "summary.json", "teams.csv"]


def test_a_failed_audit_leaves_no_temporary_files(tmp_path, monkeypatch):
    import notelint.audit as audit

    export = tmp_path / "e.csv"
    export.write_text("id,note\n1,She refused to engage.\n")
    out = tmp_path / "audit"

    def broken(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(audit.Audit, "summary", broken)
    r = run("audit", export, "-o", out, "--jobs", "1", "--quiet")
    assert r.exit_code == 2 and "No space left on device" in r.output
    assert _names(out) == []
