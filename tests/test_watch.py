"""`argdoc watch`: real saves to real files, with the command running in a subprocess.

Each test starts `argdoc watch`, waits until it is listening, then edits files
as an editor would (a plain write, an atomic rename, vim's delete-and-write)
and reads the one line per rebuild it prints.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .live_process import LiveCommand
from .test_cli import GOOD

BUILT = r"paper\.arg: built html \(\d+(\.\d)? m?s\)$"
REFUSED = r"paper\.arg: not built \(see above\); kept the last good paper\.html"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "paper.arg").write_text(GOOD + '\ninclude "chapters/one.arg"\n', encoding="utf-8")
    _chapter(tmp_path, "First words.")
    return tmp_path


def _chapter(folder: Path, words: str) -> None:
    (folder / "chapters" / "one.arg").write_text(f"component first:\n    {words} [@wire].\n", encoding="utf-8")


def _atomic_save(path: Path, text: str) -> None:
    """As most editors save: a temporary file beside it, renamed over it."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.fixture
def watch(folder: Path):  # type: ignore[no-untyped-def]
    command = LiveCommand("watch", "paper.arg", "--format", "html", cwd=folder)
    command.wait_for(BUILT)
    command.wait_for(r"^watching .* for changes \(Ctrl-C to stop\)$")
    yield command
    if command.process.poll() is None:
        command.stop()


def test_a_save_rebuilds_and_an_included_chapter_is_followed(folder: Path, watch: LiveCommand) -> None:
    html = folder / "paper.html"
    assert "First words." in html.read_text(encoding="utf-8")

    _chapter(folder, "Second words.")  # a chapter the paper includes
    assert "[" in watch.wait_for(BUILT)[:1]  # the line starts with the time of the rebuild
    assert "Second words." in html.read_text(encoding="utf-8")

    paper = folder / "paper.arg"
    _atomic_save(paper, paper.read_text(encoding="utf-8").replace("A small paper", "A renamed paper"))
    watch.wait_for(BUILT)
    assert "A renamed paper" in html.read_text(encoding="utf-8")
    assert watch.stop() == 0
    assert watch.lines[-1] == "stopped watching"
    assert "Traceback" not in "\n".join(watch.lines)


def test_the_watch_survives_every_error_and_keeps_the_last_good_output(folder: Path, watch: LiveCommand) -> None:
    html = folder / "paper.html"
    paper = folder / "paper.arg"
    good = paper.read_text(encoding="utf-8")
    last_good = html.read_bytes()
    broken_saves = {
        "a syntax error": (paper, good.replace("title: A small paper", "title A small paper"), "error[E"),
        "a lint error that refuses a build": (paper, good.replace("title: A small paper\n", ""), "error[ARG301]"),
        "bytes that are not UTF-8": (paper, b"title: \xff\xfe\n", "error[E"),
        "an include of a missing file": (paper, good.replace("one.arg", "missing.arg"), "error[E"),
        "an empty paper": (paper, "", "error["),
        "a broken chapter": (folder / "chapters" / "one.arg", "component first\n    No colon.\n", "error[E"),
    }
    for what, (path, text, expected) in broken_saves.items():
        mark = len(watch.lines)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            _atomic_save(path, text)
        watch.wait_for(REFUSED)
        said = watch.since(mark)
        assert expected in said, f"{what}:\n{said}"
        assert html.read_bytes() == last_good, what  # the last good render stays
        assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")], what  # no half-written output
        # The next good save builds again.
        _chapter(folder, "First words.")
        _atomic_save(paper, good)
        watch.wait_for(BUILT)
    # vim's save: the file is gone for a moment, then written anew.
    paper.unlink()
    paper.write_text(good.replace("A small paper", "Saved by vim"), encoding="utf-8")
    watch.wait_for(BUILT)
    assert "Saved by vim" in html.read_text(encoding="utf-8")
    assert watch.process.poll() is None  # still watching
    assert watch.stop() == 0
    assert "Traceback" not in "\n".join(watch.lines)


def test_a_broken_lint_configuration_is_reported_and_the_watch_goes_on(folder: Path, watch: LiveCommand) -> None:
    config = folder / "argdoc.toml"
    config.write_text("[lint\n", encoding="utf-8")
    watch.wait_for(r"^argdoc: configuration error: ")
    mark = len(watch.lines)
    config.write_text('[lint]\nignore = ["missing-summary"]\n', encoding="utf-8")
    watch.wait_for(BUILT)
    assert "missing-summary" not in watch.since(mark)  # the new configuration is read: its warning is gone
    assert "missing-summary" in "\n".join(watch.lines[:mark])  # (the GOOD paper had it before)
    assert watch.stop() == 0


def test_outputs_written_by_the_watch_do_not_start_another_build(folder: Path, watch: LiveCommand) -> None:
    (folder / "notes.txt").write_text("not a source\n", encoding="utf-8")
    (folder / "paper.pdf").write_bytes(b"%PDF-1.7\n")
    _chapter(folder, "Changed.")
    watch.wait_for(BUILT)
    with pytest.raises(AssertionError, match="no line matching"):
        watch.wait_for(BUILT, timeout=1.5)  # its own paper.html did not trigger a second build


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-"], "not standard input"),
        (["paper.arg", "--format", "odt"], "unknown format 'odt'"),
    ],
)
def test_bad_arguments_exit_two(folder: Path, args: list[str], message: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argdoc", "watch", *args], cwd=folder, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 2
    assert message in done.stderr
