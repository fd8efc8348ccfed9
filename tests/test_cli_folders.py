"""Folders of papers from elsewhere: links out of the folder, hostile file names (issue #9, hardening).

A folder walked by `check`, `lint`, `build` or `fmt` may come from anyone (a
pull request on a build server). What argdoc reads from it, and what it prints
about it, must stay inside it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .test_cli import GOOD

# A file outside the folder whose line a diagnostic would print (an undefined citation).
SECRET = "claim leak:\n    CI_TOKEN=hunter2-do-not-print [@nowhere].\n"
TOKEN = "hunter2-do-not-print"


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argdoc", *args],
        capture_output=True,
        text=True,
        errors="surrogateescape",
        cwd=cwd,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    """papers/ holds a good paper, a link to the environment and a link to a file beside the folder."""
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "good.arg").write_text(GOOD, encoding="utf-8")
    (tmp_path / "secret.arg").write_text(SECRET, encoding="utf-8")
    (folder / "env.arg").symlink_to("/proc/self/environ")
    (folder / "outside.arg").symlink_to(tmp_path / "secret.arg")
    return folder


@pytest.mark.parametrize("command", ["check", "lint", "build", "fmt"])
def test_a_folder_walk_follows_no_link_out_of_the_folder(papers: Path, command: str) -> None:
    extra = ["--format", "html"] if command == "build" else ["--check"] if command == "fmt" else []
    done = run(command, str(papers), *extra, env={"CI_TOKEN": TOKEN})
    shown = done.stdout + done.stderr
    assert TOKEN not in shown, shown
    assert "Traceback" not in shown
    for link in ("env.arg", "outside.arg"):
        assert f"argdoc: warning: skipped {papers / link}: it links to " in done.stderr
    assert done.returncode == 0, shown  # the good paper was processed; the links are not errors
    if command == "build":
        assert sorted(p.name for p in papers.iterdir()) == ["env.arg", "good.arg", "good.html", "outside.arg"]


def test_a_link_inside_the_folder_is_followed_and_a_named_link_is_read(papers: Path, tmp_path: Path) -> None:
    (papers / "chapters").mkdir()
    (papers / "chapters" / "real.arg").write_text(GOOD, encoding="utf-8")
    (papers / "alias.arg").symlink_to("chapters/real.arg")
    walked = run("check", str(papers))
    assert f"{papers / 'alias.arg'}" not in walked.stderr
    assert "checked 3 files: ok" in walked.stderr  # good, alias, chapters/real
    named = run("check", str(papers / "outside.arg"))  # named by the user: their choice
    assert named.returncode == 1 and TOKEN in named.stdout


def test_links_to_devices_and_proc_are_skipped_and_a_folder_left_empty_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "null.arg").symlink_to("/dev/null")
    (folder / "kernel.arg").symlink_to("/proc/version")
    done = run("check", str(folder))
    assert done.returncode == 1  # no papers left: E024
    assert "E024" in done.stdout
    assert f"skipped {folder / 'kernel.arg'}: it links to /proc/version" in done.stderr
    assert f"skipped {folder / 'null.arg'}: it links to /dev/null" in done.stderr
    assert "Linux version" not in done.stdout + done.stderr


@pytest.mark.parametrize("name", ["argdoc.toml", "pyproject.toml"])
def test_a_configuration_found_by_walking_may_not_link_out_of_its_folder(tmp_path: Path, name: str) -> None:
    """A config link out of its folder could show another file's values in an error (or read /proc)."""
    (tmp_path / "elsewhere").mkdir()
    elsewhere = tmp_path / "elsewhere" / name
    table = "[tool.argdoc.lint]" if name == "pyproject.toml" else "[lint]"
    elsewhere.write_text(f'{table}\nselect = ["{TOKEN}"]\n', encoding="utf-8")
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "good.arg").write_text(GOOD, encoding="utf-8")
    (folder / name).symlink_to(elsewhere)
    done = run("lint", str(folder))
    assert TOKEN not in done.stdout + done.stderr
    assert done.returncode == 2
    assert f"{folder / name}: [file] links to {elsewhere}, outside its folder" in done.stderr
    assert "--config" in done.stderr  # how to use it anyway
    (folder / name).unlink()
    (folder / name).symlink_to("/proc/self/environ")
    assert "outside its folder" in run("lint", str(folder), env={"CI_TOKEN": TOKEN}).stderr
    (folder / name).unlink()
    (folder / name).symlink_to(name)  # a loop
    looped = run("lint", str(folder))
    assert looped.returncode == 2 and "a loop of links" in looped.stderr
    explicit = run("lint", str(folder / "good.arg"), "--config", str(elsewhere))
    assert explicit.returncode == 2 and f"'{TOKEN}'" in explicit.stderr  # named by the user: read


def test_a_configuration_link_inside_its_folder_is_followed(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    (folder / "config").mkdir(parents=True)
    (folder / "config" / "lint.toml").write_text('[lint]\nselect = ["nonexistent-rule"]\n', encoding="utf-8")
    (folder / "argdoc.toml").symlink_to("config/lint.toml")
    (folder / "good.arg").write_text(GOOD, encoding="utf-8")
    done = run("lint", str(folder))
    assert done.returncode == 2 and "'nonexistent-rule'" in done.stderr


def test_a_huge_configuration_is_refused_not_read(tmp_path: Path) -> None:
    (tmp_path / "argdoc.toml").write_bytes(b"# padding\n" * 200_000)  # 2 MB of comments
    (tmp_path / "good.arg").write_text(GOOD, encoding="utf-8")
    done = run("lint", str(tmp_path / "good.arg"))
    assert done.returncode == 2 and "is larger than" in done.stderr


# --- file names ----------------------------------------------------------------------


@pytest.fixture
def badly_named(tmp_path: Path) -> Path:
    """A paper with one error, named with a byte that is not UTF-8 and a terminal escape sequence."""
    name = os.fsdecode(b"caf\xe9-\x1b]0;owned\x07-\x1b[2J.arg")
    path = tmp_path / name
    path.write_text("claim   x:\n    Body [@nowhere].\n", encoding="utf-8")  # one error; fmt would change it
    return path


ESCAPED = "caf\\xe9-\\x1b]0;owned\\x07-\\x1b[2J.arg"


def test_a_file_name_is_printed_with_its_escapes_and_bad_bytes_escaped(badly_named: Path) -> None:
    for command in ("check", "lint"):
        done = run(command, str(badly_named.parent))
        assert done.returncode == 1
        assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout + done.stderr
        assert "\udce9" not in done.stdout  # the undecodable byte itself
        assert f"{ESCAPED}:2:11: error" in done.stdout
    fmt = run("fmt", "--check", str(badly_named.parent))
    assert "\x1b" not in fmt.stderr and f"would reformat {badly_named.parent}/{ESCAPED}" in fmt.stderr


def test_json_and_sarif_stay_valid_with_a_name_that_is_not_utf8(badly_named: Path) -> None:
    for form in ("json", "sarif"):
        done = subprocess.run(
            [sys.executable, "-m", "argdoc", "lint", str(badly_named), "--format", form],
            capture_output=True,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr
        report = json.loads(done.stdout.decode("utf-8"))  # strict UTF-8, valid JSON
        assert "\x1b" not in json.dumps(report, ensure_ascii=False)
        if form == "json":
            assert {d["path"] for d in report} == {str(badly_named.parent / ESCAPED)}
        else:
            uris = {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in report["runs"][0]["results"]
            }
            assert uris == {(badly_named.parent / ESCAPED).as_uri()}
