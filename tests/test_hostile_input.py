"""Edge cases of input: each one ends with a clear diagnostic or a paper, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from argdoc.build_tree import MAX_DEPTH
from argdoc.compiler import compile_file, compile_text

from .fuzz.pipeline import run_text


def argdoc(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argdoc", *args], capture_output=True, text=True, check=False)


def codes(text: str) -> list[str]:
    return [d.code for d in compile_text(text, "edge.arg").diagnostics]


def test_empty_file_and_comments_only() -> None:
    for text in ("", "\n\n", "# only a comment\n", "# a\n\n   \n# b"):
        result = run_text(text)
        assert result.paper is not None and result.diagnostics == []


def test_bom_crlf_lone_cr_and_tabs() -> None:
    base = "title: T\n\nclaim thesis:\n\tBody line one\n\tline two.\n"
    expected = compile_text(base).paper
    assert expected is not None and len(expected.statements[0].body) == 1
    for variant in ("\ufeff" + base, base.replace("\n", "\r\n"), base.replace("\n", "\r")):
        assert compile_text(variant).paper == expected


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "bad.arg"
    path.write_bytes(b"title: ok\nclaim x:\n    caf\xc3(\n")
    [diag] = compile_file(path).diagnostics
    assert (diag.code, diag.line, diag.column) == ("E023", 3, 8)
    assert "offset 26" in diag.message


def test_nul_and_other_control_characters_are_refused_with_their_place() -> None:
    result = compile_text("claim x:\n    a\x00b\n")
    [diag] = result.diagnostics
    assert (diag.code, diag.line, diag.column) == ("E025", 2, 6) and "U+0000" in diag.message
    assert codes("claim x:\n    bell\x07\n") == ["E025"]
    assert codes("claim x:\n    tab\tis fine\n") == []


def test_oversized_file_is_refused_with_a_configurable_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.arg"
    # A paper that builds (check now judges as build does), long only in its words.
    paper = "title: T\n\nclaim thesis:\n    " + "word " * 1000 + "[@s].\n\nsource s:\n    outlet: O\n"
    path.write_text(paper, encoding="utf-8")
    small = argdoc("check", "--max-size", "1K", str(path))
    assert small.returncode == 1 and "E022" in small.stdout and "--max-size" in small.stdout
    assert argdoc("check", "--max-size", "1M", str(path)).returncode == 0
    assert argdoc("fmt", "--check", "--max-size", "1K", str(path)).returncode == 1


def test_a_100000_character_line() -> None:
    result = run_text("claim x:\n    " + ("word " * 20000).strip() + "\n", render=False)
    assert result.ok


def test_deep_nesting_is_an_error_not_a_stack_overflow() -> None:
    deep = "claim x:\n" + "".join(" " * (4 * (i + 1)) + "t\n" for i in range(5000))
    result = compile_text(deep)
    assert [d.code for d in result.diagnostics] == ["E013"]
    ok = "claim x:\n" + "".join(" " * (4 * (i + 1)) + "t\n" for i in range(MAX_DEPTH - 1))
    assert compile_text(ok).ok


def test_repeated_constructs_stay_fast_and_quiet() -> None:
    assert codes("claim x:\n    " + "[@" * 50000 + "\n") == ["E108"]  # one report, not fifty thousand
    assert codes("claim x:\n    " + "**a *b " * 5000 + "\n") == []
    assert compile_text("".join(f"component c{i}:\n    Body.\n" for i in range(3000))).ok


def test_unicode_ids_and_right_to_left_text() -> None:
    result = run_text('language: he\nclaim תזה "כותרת":\n    גוף [@מקור].\nsource מקור:\n    outlet: הארץ\n')
    assert result.ok and result.paper is not None
    assert result.paper.statements[0].id == "תזה"


def test_directory_and_missing_path_given_as_a_file(tmp_path: Path) -> None:
    assert compile_file(tmp_path).diagnostics[0].code == "E020"
    assert compile_file(tmp_path / "missing.arg").diagnostics[0].name == "file-not-found"


def test_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.arg"
    path.write_text("claim x:\n    Body.\n", encoding="utf-8")
    path.chmod(0o000)
    if os.geteuid() == 0:
        # Root reads any file whatever its mode; a file whose read fails (EIO) stands in.
        path = Path("/proc/self/mem")
    result = argdoc("check", str(path))
    assert result.returncode == 1, result.stderr
    assert "E021" in result.stdout and "cannot read the file" in result.stdout
    assert "Traceback" not in result.stderr


def test_link_schemes_are_case_insensitive() -> None:
    assert codes("claim x:\n    [a](HTTPS://example.org) [b](Mailto:x@example.org)\n") == []
    assert codes("claim x:\n    [a](JavaScript:alert(1))\n") == ["E109"]
