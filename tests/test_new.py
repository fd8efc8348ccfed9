"""`argdoc new`: each template gives a paper that builds (HTML and PDF), lints clean and is formatted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from argdoc.cli.new import TEMPLATES


def argdoc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argdoc", *args], capture_output=True, text=True, cwd=cwd, check=False, timeout=120
    )


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_new_paper_builds_lints_clean_and_is_formatted(tmp_path: Path, template: str) -> None:
    made = argdoc("new", "water-policy", "--template", template, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    paper = tmp_path / "water-policy" / "water-policy.arg"
    assert made.stdout.split() == [str(Path("water-policy/water-policy.arg")), str(Path("water-policy/argdoc.toml"))]
    text = paper.read_text(encoding="utf-8")
    assert "title: Water policy" in text and "{" not in text  # every placeholder filled in
    assert sum(line.startswith("#") for line in text.splitlines()) >= 5  # comments that teach
    linted = argdoc("lint", str(paper), "--fail-on", "info", cwd=tmp_path)
    assert linted.returncode == 0 and "No problems found." in linted.stderr, linted.stdout
    assert argdoc("fmt", "--check", str(paper), cwd=tmp_path).returncode == 0
    assert argdoc("check", str(paper), cwd=tmp_path).returncode == 0
    built = argdoc("build", str(paper), "--strict", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (paper.parent / "water-policy.html").is_file() and (paper.parent / "water-policy.pdf").is_file()


def test_new_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("mine\n", encoding="utf-8")
    refused = argdoc("new", "taken", cwd=tmp_path)
    assert refused.returncode == 2 and "already exists" in refused.stderr
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["keep.txt"]


@pytest.mark.parametrize(("args", "message"), [(["x", "--template", "thesis"], "invalid choice"), (["-x"], "")])
def test_bad_arguments_exit_two(tmp_path: Path, args: list[str], message: str) -> None:
    done = argdoc("new", *args, cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr
    assert list(tmp_path.iterdir()) == []
