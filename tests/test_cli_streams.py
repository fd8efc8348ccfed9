"""Standard streams closed or full, standard input held to the limits files are, option bounds (issue #9)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .test_cli import GOOD


def shell(redirect: str, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """`python -m argdoc ARGS... REDIRECT` run by sh, so that REDIRECT can close or divert a stream."""
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {redirect}', "sh", sys.executable, "-m", "argdoc", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    path = tmp_path / "paper.arg"
    path.write_text(GOOD, encoding="utf-8")
    return path


# --- closed streams -------------------------------------------------------------------


def test_build_works_with_standard_output_closed(paper: Path) -> None:
    done = shell(">&-", "build", str(paper), "--format", "html")
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr and b"error" not in done.stderr
    assert paper.with_suffix(".html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_build_works_with_standard_error_closed(paper: Path) -> None:
    done = shell("2>&-", "build", str(paper), "--format", "html")
    assert done.returncode == 0
    assert done.stdout.decode().split() == [str(paper.with_suffix(".html"))]
    assert paper.with_suffix(".html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_failed_build_with_standard_error_closed_still_fails(tmp_path: Path) -> None:
    broken = tmp_path / "broken.arg"
    broken.write_text('claim thesis "x"\n    Body.\n', encoding="utf-8")
    assert shell("2>&-", "build", str(broken), "--format", "html").returncode == 1


def test_outputs_never_take_the_place_of_a_closed_stream(paper: Path) -> None:
    """A file opened with fd 1 or 2 closed would get that number, and anything printed would land in it."""
    done = shell(">&- 2>&-", "build", str(paper), "--format", "html,pdf")
    assert done.returncode == 0
    assert paper.with_suffix(".html").read_bytes().startswith(b"<!DOCTYPE html>")
    assert paper.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("command", [["check", "-"], ["lint", "-"], ["fmt", "-"], ["export", "-", "--to", "json"]])
def test_reading_a_closed_standard_input_is_a_clear_error(command: list[str]) -> None:
    done = shell("<&-", *command)
    assert done.returncode == 2
    assert b"argdoc: error: standard input is closed" in done.stderr
    assert b"internal error" not in done.stderr and b"Traceback" not in done.stderr


def test_import_from_a_closed_standard_input_is_a_clear_error() -> None:
    done = shell("<&-", "import", "-")
    assert done.returncode == 2 and b"standard input is closed" in done.stderr


def test_a_product_written_to_a_closed_standard_output_is_an_error(paper: Path) -> None:
    done = shell(">&-", "export", str(paper), "--to", "json")
    assert done.returncode == 1
    assert done.stderr.startswith(b"argdoc: error: cannot write to standard output")


# --- write errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["rule", "ARG001"], ["rules"], ["--version"], ["--help"], ["export", "PAPER", "--to", "json"], ["lint", "PAPER"]],
    ids=lambda c: " ".join(c),
)
def test_a_full_disk_is_a_write_error_not_a_bug(paper: Path, command: list[str]) -> None:
    args = [str(paper) if a == "PAPER" else a for a in command]
    if args[0] == "lint":  # something to print: an undefined reference
        paper.write_text(GOOD + "\nclaim other:\n    Body [@nowhere].\n", encoding="utf-8")
    done = shell(">/dev/full", *args)
    assert done.returncode == 1, done.stderr
    assert b"argdoc: error: cannot write to standard output: No space left on device" in done.stderr
    assert b"bug" not in done.stderr and b"Traceback" not in done.stderr


# --- standard input is read as a file is ----------------------------------------------


def test_fmt_of_standard_input_refuses_invalid_utf8_and_keeps_the_size_limit() -> None:
    bad = shell("", "fmt", "-", stdin=b"claim x:\n    Caf\xe9.\n")
    assert bad.returncode == 1 and bad.stdout == b""
    assert b"<stdin>:2:8: error[E023]" in bad.stderr
    big = shell("", "fmt", "-", "--max-size", "16", stdin=b"claim x:\n    A body longer than sixteen bytes.\n")
    assert big.returncode == 1 and big.stdout == b""
    assert b"<stdin>:1:1: error[E022]" in big.stderr


def test_fmt_of_standard_input_keeps_crlf_as_for_a_file() -> None:
    done = shell("", "fmt", "-", stdin=b"claim   x:\r\n  Body.\r\n")
    assert done.returncode == 0 and done.stdout == b"claim x:\r\n    Body.\r\n"


def test_import_of_standard_input_keeps_the_size_limit_and_checks_utf8() -> None:
    big = shell("", "import", "-", "--max-size", "1K", stdin=b" " * 2_000_000)
    assert big.returncode == 1 and b"<stdin>:1:1: error[E022]" in big.stderr
    assert b"E201" not in big.stderr  # refused before any of it was parsed as JSON
    bad = shell("", "import", "-", stdin=b'{"kind": "paper", "title": "Caf\xe9"}')
    assert bad.returncode == 1 and b"error[E023]" in bad.stderr


# --- option values ----------------------------------------------------------------------


def test_a_folder_given_as_config_is_named_as_a_folder(paper: Path, tmp_path: Path) -> None:
    done = shell("", "lint", str(paper), "--config", str(tmp_path))
    assert done.returncode == 2
    assert b"is a directory" in done.stderr and b"does not exist" not in done.stderr


@pytest.mark.parametrize("size", ["9223372036854775807", "99999999999999999999G"])
def test_an_enormous_max_size_is_refused_with_its_bound(paper: Path, size: str) -> None:
    for args in (["check", str(paper)], ["check", "-"]):
        done = shell("", *args, "--max-size", size, stdin=GOOD.encode())
        assert done.returncode == 2
        assert b"--max-size: at most 1024G" in done.stderr
        assert b"OverflowError" not in done.stderr
