"""The Python API mirrors the command line, and importing argdoc stays light."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

import argdoc

from .conftest import EXAMPLES


def test_parse_load_and_render() -> None:
    paper = argdoc.load(EXAMPLES / "russia-iran.arg")
    assert paper.meta.title == "Tensions in Russian - Iranian relations"
    html = argdoc.render_html(paper)
    assert html.startswith("<!DOCTYPE html>") and 'id="thesis"' in html
    pdf = argdoc.render_pdf(paper)
    assert pdf.startswith(b"%PDF-")
    same = argdoc.parse((EXAMPLES / "russia-iran.arg").read_text(encoding="utf-8"))
    assert same == paper  # spans aside, the same tree


def test_errors_raise_with_their_diagnostics() -> None:
    with pytest.raises(argdoc.ArgdocError) as caught:
        argdoc.parse('claim thesis "T"\n    Body.\n', path="paper.arg")
    [diag] = caught.value.diagnostics
    assert (diag.code, diag.path, diag.line) == ("E003", "paper.arg", 1)
    assert "paper.arg:1:17: error[E003]" in str(caught.value)


def test_check_never_raises_for_bad_input() -> None:
    result = argdoc.check("clam thesis:\n")
    assert result.paper is None and not result.ok
    assert result.diagnostics[0].name == "unknown-keyword"


def test_load_of_a_missing_file_is_a_diagnostic_not_an_oserror(tmp_path: Path) -> None:
    with pytest.raises(argdoc.ArgdocError) as caught:
        argdoc.load(tmp_path / "missing.arg")
    assert caught.value.diagnostics[0].name == "file-not-found"


@pytest.mark.parametrize("command", ["check", "lint"])
def test_parsing_and_linting_import_neither_jinja2_nor_weasyprint(command: str) -> None:
    probe = (
        "import sys; from argdoc.cli import main; "
        f"code = main([{command!r}, {str(EXAMPLES / 'russia-iran.arg')!r}, '-q']); "
        "print(code, 'jinja2' in sys.modules, 'weasyprint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "False", "False"]


def test_compiling_leaves_the_garbage_collector_as_it_found_it() -> None:
    """The collector is paused while a tree is built, then restored; a caller's frozen objects stay frozen."""
    from argdoc.compiler import compile_text

    text = (EXAMPLES / "russia-iran.arg").read_text(encoding="utf-8")
    assert gc.isenabled()
    compile_text(text)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        compile_text(text)
        assert not gc.isenabled()
    finally:
        gc.enable()
    kept = [[i] for i in range(10)]  # tracked objects a pre-forking server might freeze
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        compile_text(text)
        assert gc.get_freeze_count() == frozen, "compile_text must not unfreeze the caller's objects"
    finally:
        gc.unfreeze()
    assert kept


def test_a_library_caller_gets_its_results_freed_and_the_program_holds_only_the_last() -> None:
    """The program skips freeing its paper before it exits (collector.keep); a library keeps nothing."""
    probe = """
import gc, sys, weakref
from argdoc import collector
from argdoc.compiler import compile_text
text = open(sys.argv[1], encoding="utf-8").read()
first = weakref.ref(compile_text(text))
gc.collect()
print(first() is None)
collector.own_the_process()
second = weakref.ref(compile_text(text))
third = weakref.ref(compile_text(text))
gc.collect()
print(second() is None, third() is None)
"""
    path = str(EXAMPLES / "russia-iran.arg")
    out = subprocess.run([sys.executable, "-c", probe, path], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True", "False"]
