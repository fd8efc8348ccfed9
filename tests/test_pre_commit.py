"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit in a temporary git repository.

`pre-commit try-repo` installs argdoc from this repository into a virtual
environment of its own (once per test run: PRE_COMMIT_HOME is shared by
the module) and runs a hook as a paper's repository would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_cli import GOOD

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
UNFORMATTED = GOOD.replace('claim thesis "The thesis":', 'claim   thesis   "The thesis":')


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not PRE_COMMIT.is_file() or shutil.which("git") is None:
        pytest.fail("the pre-commit tests need git and pre-commit: pip install -e '.[dev]'", pytrace=False)
    return tmp_path_factory.mktemp("pre-commit-home")


def _repository(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.email=test@example.org", "-c", "user.name=Test"]
    subprocess.run([*git, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*git, "add", "."], cwd=folder, check=True)
    return folder


def _try(hook: str, repository: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
        cwd=repository,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PRE_COMMIT_HOME": str(home)},
        check=False,
    )


def test_argdoc_fmt_rewrites_an_unformatted_chapter_and_then_passes(tmp_path: Path, home: Path) -> None:
    repository = _repository(
        tmp_path / "paper",
        {"paper.arg": GOOD + '\ninclude "chapters/one.arg"\n', "chapters/one.arg": "component   c:\n    Body.\n"},
    )
    first = _try("argdoc-fmt", repository, home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (repository / "chapters" / "one.arg").read_text(encoding="utf-8") == "component c:\n    Body.\n"
    subprocess.run(["git", "add", "."], cwd=repository, check=True)
    second = _try("argdoc-fmt", repository, home)
    assert second.returncode == 0, second.stdout


def test_argdoc_lint_fails_on_a_lint_error_and_lints_papers_not_chapters(tmp_path: Path, home: Path) -> None:
    chapter = "component c:\n    supports: thesis\n    Body [@wire].\n"
    clean = _repository(
        tmp_path / "clean",
        {"paper.arg": GOOD + '\ninclude "chapters/one.arg"\n', "chapters/one.arg": chapter},
    )
    passed = _try("argdoc-lint", clean, home)
    assert passed.returncode == 0, passed.stdout  # the chapter alone would have no title and no thesis
    broken = _repository(tmp_path / "broken", {"paper.arg": UNFORMATTED.replace("title: A small paper\n", "")})
    failed = _try("argdoc-lint", broken, home)
    assert failed.returncode == 1
    assert "error[ARG301]" in failed.stdout and "missing-title" in failed.stdout
