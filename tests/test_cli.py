"""The command line as users run it: real processes, real files, exit codes."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from argdoc import cli
from argdoc.cli import commands, inputs
from argdoc.cli.exit_codes import EXIT_BROKEN_PIPE

GOOD = """\
title: A small paper
author: Jane Smith (Example University)
date: 2026-11-27

claim thesis "The thesis":
    Russia is trying to balance two priorities [@wire].

source wire:
    outlet: The Wire
    date: 2026-11-01
"""
BROKEN = 'claim thesis "The thesis"\n    Body.\n'


def run(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    python: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """`python [PYTHON...] -m argdoc ARGS...` in a fresh process, with `stdin` as its standard input."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("NO_COLOR", None) if env is None or "NO_COLOR" not in env else None
    return subprocess.run(
        [sys.executable, *python, "-m", "argdoc", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        check=False,
    )


@pytest.fixture
def big_paper(tmp_path: Path) -> Path:
    """A paper whose JSON export (about a megabyte) is more than a pipe holds."""
    path = tmp_path / "big.arg"
    path.write_text("".join(f"component c{i}:\n    Body of {i}.\n" for i in range(3000)), encoding="utf-8")
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "paper.arg"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.arg"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_version_and_help_on_every_command() -> None:
    assert run("--version").stdout.startswith("argdoc ")
    for command in ("build", "check", "export"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert "usage: argdoc " + command in result.stdout


def test_a_command_parsed_alone_reads_as_in_the_whole_parser(capsys: pytest.CaptureFixture[str]) -> None:
    """build_parser makes only the named command's subparser; its help and defaults are the same."""
    whole = commands.build_parser()
    for name in commands.COMMANDS:
        alone = commands.build_parser([name])
        argv = [name, "x"] if name not in ("rules", "lsp") else [name]  # the two without a path
        if name == "export":
            argv += ["--to", "json"]
        parsed_alone, parsed_whole = vars(alone.parse_args(argv)), vars(whole.parse_args(argv))
        assert parsed_alone.pop("command_parser").prog == parsed_whole.pop("command_parser").prog
        assert parsed_alone == parsed_whole
        for parser in (alone, whole):
            with pytest.raises(SystemExit):
                parser.parse_args([name, "--help"])
        shown_alone, shown_whole = capsys.readouterr().out.split("usage: argdoc " + name)[1:]
        assert shown_alone == shown_whole


def test_lint_imports_neither_the_builder_nor_the_renderers() -> None:
    """Start-up time: `argdoc lint` leaves out what only build and export need."""
    probe = (
        "import sys; from argdoc.cli import main; "
        f"code = main(['lint', {str(Path(__file__).parent.parent / 'examples' / 'russia-iran.arg')!r}, '-q']); "
        "print(code, *sorted(m for m in ('argdoc.cli.build', 'argdoc.cli.build_jobs', 'argdoc.render', "
        "'argdoc.export', 'multiprocessing', 'concurrent.futures', 'jinja2', 'weasyprint') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0"]


def test_main_with_arguments_leaves_the_callers_collector_alone(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only the program (main() without argv) freezes its start-up objects; a caller's gc is untouched."""
    frozen = gc.get_freeze_count()
    assert cli.main(["check", str(good), "-q"]) == 0
    assert gc.get_freeze_count() == frozen and gc.isenabled()


def test_check_clean_file_exits_zero(good: Path) -> None:
    result = run("check", str(good))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_check_broken_file_prints_location_caret_and_help(broken: Path) -> None:
    result = run("check", str(broken))
    assert result.returncode == 1
    assert f"{broken}:1:26: error[E003]" in result.stdout
    assert "^" in result.stdout and "help:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "\033[" not in result.stdout  # not a terminal: no colour


def test_colour_can_be_forced_and_no_color_wins_over_auto(broken: Path) -> None:
    assert "\033[" in run("check", "--color", "always", str(broken)).stdout
    assert "\033[" not in run("check", str(broken), env={"NO_COLOR": "1"}).stdout


def test_usage_errors_exit_two(good: Path) -> None:
    assert run("build", str(good), "--format", "odt").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("export", "--to", "json").returncode == 2


def test_missing_path_and_directory_as_file(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.arg"))
    assert result.returncode == 1
    assert "error[E020] no such file" in result.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("check", str(empty))
    assert result.returncode == 1 and "E024" in result.stdout


def test_invalid_utf8_reports_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.arg"
    path.write_bytes(b"title: Caf\xe9\n")
    result = run("check", str(path))
    assert result.returncode == 1
    assert f"{path}:1:11: error[E023]" in result.stdout
    assert "offset 10" in result.stdout


def test_build_writes_html_and_pdf_next_to_the_input(good: Path) -> None:
    result = run("build", str(good))
    assert result.returncode == 0, result.stderr
    html, pdf = good.with_suffix(".html"), good.with_suffix(".pdf")
    assert result.stdout.split() == [str(html), str(pdf)]
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_build_directory_into_outdir_mirrors_subfolders(tmp_path: Path) -> None:
    (tmp_path / "src" / "sub").mkdir(parents=True)
    (tmp_path / "src" / "a.arg").write_text(GOOD, encoding="utf-8")
    (tmp_path / "src" / "sub" / "b.arg").write_text(GOOD, encoding="utf-8")
    result = run("build", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "--format", "html", "-q")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert (tmp_path / "out" / "a.html").is_file()
    assert (tmp_path / "out" / "sub" / "b.html").is_file()
    assert not (tmp_path / "out" / "a.pdf").exists()


def test_dash_o_with_a_suffix_names_the_output_file(tmp_path: Path, good: Path) -> None:
    # `-o brief.html` writes that file (the format from its suffix), not a folder called brief.html.
    result = run("build", str(good), "-o", str(tmp_path / "out" / "brief.html"), "-q")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["brief.html"]
    assert (tmp_path / "out" / "brief.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # A suffix and --format that disagree, or several papers into one file: usage errors, nothing written.
    clash = run("build", str(good), "-o", str(tmp_path / "b.pdf"), "--format", "html")
    assert clash.returncode == 2 and "is a .pdf file, but --format asks for html" in clash.stderr
    other = tmp_path / "other.arg"
    other.write_text(GOOD, encoding="utf-8")
    several = run("build", str(good), str(other), "-o", str(tmp_path / "c.html"))
    assert several.returncode == 2 and "names one file, for one paper" in several.stderr
    assert not (tmp_path / "b.pdf").exists() and not (tmp_path / "c.html").exists()
    # An existing folder whose name ends in .html stays a folder.
    (tmp_path / "site.html").mkdir()
    assert run("build", str(good), "-o", str(tmp_path / "site.html"), "--format", "html").returncode == 0
    assert (tmp_path / "site.html" / "paper.html").is_file()


def test_failed_build_writes_nothing_and_keeps_older_outputs(tmp_path: Path, good: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(good), "-o", str(out), "--format", "html").returncode == 0
    before = (out / "paper.html").read_bytes()
    good.write_text(BROKEN, encoding="utf-8")
    result = run("build", str(good), "-o", str(out))
    assert result.returncode == 1
    assert "not built" in result.stderr
    assert (out / "paper.html").read_bytes() == before
    assert not (out / "paper.pdf").exists()
    assert sorted(p.name for p in out.iterdir()) == ["paper.html"]  # no temporary files left


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, good: Path, broken: Path) -> None:
    result = run("build", str(broken), str(good), "--format", "html")
    assert result.returncode == 1
    assert good.with_suffix(".html").is_file()
    assert not broken.with_suffix(".html").exists()


def test_internal_error_is_reported_without_traceback(
    good: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(inputs, "compile_file", explode)
    monkeypatch.delenv("ARGDOC_DEBUG", raising=False)
    assert cli.main(["check", str(good)]) == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err
    assert "Traceback" not in err


def test_build_a_directory_on_all_cores_in_input_order(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("c", "a", "b", "d"):
        (src / f"{name}.arg").write_text(GOOD, encoding="utf-8")
    result = run("build", str(src), "-o", str(tmp_path / "out"), "--format", "html", "-j", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / "out" / f"{n}.html") for n in "abcd"]
    assert "\r" not in result.stderr  # no progress bar when not on a terminal
    assert run("build", str(src), "-j", "0").returncode == 2


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import pty

    src = tmp_path / "src"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / f"{name}.arg").write_text(GOOD, encoding="utf-8")
    command = [sys.executable, "-m", "argdoc", "build", str(src), "--format", "html", "-j", "2"]
    output = bytearray()

    def read(fd: int) -> bytes:
        data = os.read(fd, 1024)
        output.extend(data)
        return data

    status = pty.spawn(command, read)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"[3/3]" in output


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_a_reader_that_stops_reading_ends_the_program_like_sigpipe(big_paper: Path, unbuffered: bool) -> None:
    """`argdoc export ... | head -c 100`: no traceback, and exit 141 as for a program killed by SIGPIPE.

    Also with PYTHONUNBUFFERED, where Python itself counts a pipe's short write as a whole one.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "argdoc", "export", str(big_paper), "--to", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100)  # a few bytes of the megabyte it writes, then the reader is gone
    process.stdout.close()
    assert process.wait(timeout=60) == EXIT_BROKEN_PIPE
    assert b"Traceback" not in process.stderr.read()


def test_the_program_flushes_everything_before_it_exits(big_paper: Path) -> None:
    """The program skips the interpreter's clean-up; all it printed still arrives, to the last byte."""
    piped = run("export", str(big_paper), "--to", "json")
    assert piped.returncode == 0
    assert json.loads(piped.stdout)["kind"] == "paper"


def test_check_and_lint_read_standard_input(good: Path) -> None:
    text = good.read_text(encoding="utf-8")
    checked = run("check", "-", stdin=text)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    exported = run("export", "-", "--to", "json", stdin=text)
    assert exported.returncode == 0 and json.loads(exported.stdout)["meta"]["title"] == "A small paper"
    bad = text + "\nclaim other:\n    Body [@nope].\n"
    linted = run("lint", "-", stdin=bad)
    assert linted.returncode == 1
    assert "<stdin>:" in linted.stdout and "'nope' is not defined" in linted.stdout
    too_big = run("check", "-", "--max-size", "3", stdin=text)
    assert too_big.returncode == 1 and "<stdin>:1:1: error[E022]" in too_big.stdout
    assert run("check", "-", "-").returncode == 2  # standard input can be read once
    built = run("build", "-")
    assert built.returncode == 2 and "standard input" in built.stderr


def test_a_profiler_still_gets_to_write_its_results(good: Path, tmp_path: Path) -> None:
    """The program's quick exit steps aside for a profiler (or a coverage tool) that writes at exit."""
    profile = tmp_path / "check.prof"
    done = run("check", str(good), python=("-m", "cProfile", "-o", str(profile)))
    assert done.returncode == 0, done.stderr
    assert profile.stat().st_size > 0


def test_an_include_from_standard_input_says_why_it_cannot_be_read() -> None:
    done = run("check", "-", stdin='include "chapter.arg"\n')
    assert done.returncode == 1
    assert "<stdin>:1:9: error[E034]" in done.stdout and "not standard input" in done.stdout
