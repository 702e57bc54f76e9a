"""The pre-commit hook, as a team would use it: a repository whose config points at notelint's."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import need_tool

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.allow_network  # pre-commit pip-installs the hook from PyPI (in its subprocess)


def git(cwd, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """This working tree's package as a committed repository (pre-commit clones by revision)."""
    need_tool("git", "git")
    need_tool("pre-commit", "pre-commit (pip install '.[test]')")
    repo = tmp_path_factory.mktemp("notelint-hook")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, repo / name)
    for folder in ("notelint", "lexicon"):
        shutil.copytree(ROOT / folder, repo / folder, ignore=shutil.ignore_patterns("__pycache__"))
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "hook")
    return repo, git(repo, "rev-parse", "HEAD").stdout.strip()


def test_hook_fails_on_judgemental_wording_and_passes_when_clean(hook_repo, tmp_path):
    repo, rev = hook_repo
    team = tmp_path / "templates"
    team.mkdir()
    git(team, "init", "-q")
    (team / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: notelint\n"
        "        args: [--checklist=never]\n")  # templates and guidance: wording only
    (team / "note.md").write_text("Ms Khan said they have a volatile relationship.\n")
    git(team, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    failed = subprocess.run(["pre-commit", "run", "--all-files"], cwd=team, capture_output=True, text=True,
                            env=env, timeout=900)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "note.md:1:26: NL114" in failed.stdout
    (team / "note.md").write_text("Ms Khan said her partner is abusive.\n")
    git(team, "add", ".")
    passed = subprocess.run(["pre-commit", "run", "--all-files"], cwd=team, capture_output=True, text=True,
                            env=env, timeout=900)
    assert passed.returncode == 0, passed.stdout + passed.stderr
