"""`argdoc check` and `argdoc build` agree: check fails exactly when build would refuse the paper.

check once only compiled, so a paper with a lint error (a missing title) passed
check and was then refused by build: a CI gate that said yes to a paper that
could not be published.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .test_cli import GOOD

NO_TITLE = GOOD.replace("title: A small paper\n", "")
# GOOD has no summary, a warning (missing-summary): it refuses a build only with --strict.
WARNED = GOOD


def argdoc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argdoc", *args], capture_output=True, text=True, cwd=cwd, check=False)


def _paper(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "paper.arg"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_refuses_a_paper_that_build_refuses_for_a_lint_error(tmp_path: Path) -> None:
    paper = _paper(tmp_path, NO_TITLE)
    checked = argdoc("check", str(paper), cwd=tmp_path)
    built = argdoc("build", str(paper), "--format", "html", cwd=tmp_path)
    assert built.returncode == 1 and "not built" in built.stderr
    assert checked.returncode == 1
    assert "error[ARG301]" in checked.stdout and "missing-title" in checked.stdout
    assert "warning[" not in checked.stdout  # lint warnings are lint's to show, not check's


@pytest.mark.parametrize(("text", "strict"), [(WARNED, False), (WARNED, True), (NO_TITLE, False)])
def test_check_and_build_give_the_same_exit_code(tmp_path: Path, text: str, strict: bool) -> None:
    paper = _paper(tmp_path, text)
    flags = ["--strict"] if strict else []
    checked = argdoc("check", str(paper), *flags, cwd=tmp_path)
    built = argdoc("build", str(paper), "--format", "html", *flags, cwd=tmp_path)
    assert checked.returncode == built.returncode, (checked.stdout, built.stderr)


def test_check_follows_the_lint_configuration_as_build_does(tmp_path: Path) -> None:
    paper = _paper(tmp_path, NO_TITLE)
    (tmp_path / "argdoc.toml").write_text('[lint]\nignore = ["missing-title"]\n', encoding="utf-8")
    assert argdoc("check", str(paper), cwd=tmp_path).returncode == 0
    assert argdoc("build", str(paper), "--format", "html", cwd=tmp_path).returncode == 0


def test_a_stage_rule_error_is_reported_once(tmp_path: Path) -> None:
    # invalid-date is found while the tree is built and confirmed by lint: check printed it twice.
    paper = _paper(tmp_path, GOOD.replace("    date: 2026-11-01", "    date: 2026-13"))
    checked = argdoc("check", str(paper), cwd=tmp_path)
    assert checked.returncode == 1
    assert checked.stdout.count("error[ARG305]") == 1, checked.stdout
