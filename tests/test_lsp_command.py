"""`argdoc lsp` as a command: its options, and what it says without the lsp extra."""

from __future__ import annotations

import subprocess
import sys


def run(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "argdoc", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_without_pygls_it_says_how_to_install_it_and_prints_nothing_on_stdout() -> None:
    hide_pygls = "import sys; sys.modules['pygls'] = None; from argdoc.cli import main; sys.exit(main(['lsp']))"
    result = run(code=hide_pygls)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "pip install 'argdoc[lsp]'" in result.stderr


def test_a_bad_debounce_is_a_usage_error() -> None:
    result = run("lsp", "--debounce", "soon")
    assert result.returncode == 2
    assert "'soon' is not a whole number of milliseconds" in result.stderr
    assert run("lsp", "--debounce", "-5").returncode == 2


def test_the_server_stops_cleanly_when_its_input_ends() -> None:
    result = run("lsp")  # standard input is empty: the client is gone
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
