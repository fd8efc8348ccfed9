"""The README's sample paper and the error it shows are real."""

from __future__ import annotations

import re

from argdoc.compiler import compile_text
from argdoc.diagnostics import format_text

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_sample_compiles_cleanly() -> None:
    sample = README.split("## A taste of the language", 1)[1].split("```argdoc", 1)[1].split("```", 1)[0]
    result = compile_text(sample.lstrip("\n"), "sample.arg")
    assert result.ok and result.diagnostics == [], [d.message for d in result.diagnostics]
    assert result.paper is not None
    assert [s.kind for s in result.paper.all_statements()].count("component") == 2


def test_readme_error_example_is_what_argdoc_prints() -> None:
    block = README.split("with the place, the line, a caret and a fix:", 1)[1].split("```", 2)[1]
    shown = [line[2:] for line in block.strip("\n").splitlines() if line.strip()]
    header = re.search(r"^(\d+) \| (.*)$", "\n".join(shown), re.M)
    assert header is not None
    line_no, text = int(header.group(1)), header.group(2)
    source = "\n" * (line_no - 1) + text + "\n    Body.\n"
    result = compile_text(source, "paper.arg")
    assert format_text(result.diagnostics[0], result.source).splitlines() == shown
