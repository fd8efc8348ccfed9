"""Run an input through every stage a user can reach, and check what must always hold.

Shared by the hypothesis suite (tests/test_robustness.py) and the atheris
harness (tests/fuzz/fuzz_argdoc.py): for any input, check, lint, fmt and the
HTML build end with diagnostics or success, never an exception.
"""

from __future__ import annotations

import datetime

from argdoc.compiler import Result, compile_text
from argdoc.diagnostics import format_text
from argdoc.fmt import FormatError
from argdoc.fmt import format_text as format_source
from argdoc.lint import lint
from argdoc.lint.config import parse_config
from argdoc.source import SourceDecodeError, decode

ALL_RULES = parse_config({"select": ["ALL"]})
TODAY = datetime.date(2026, 11, 27)


def run_bytes(data: bytes, render: bool = True) -> None:
    """Bytes as a file would hold them: undecodable input must be a clean error."""
    try:
        text = decode(data)
    except SourceDecodeError as exc:
        assert exc.offset >= 0 and exc.line >= 1 and exc.column >= 1
        return
    run_text(text, render)


def run_text(text: str, render: bool = True) -> Result:
    result = compile_text(text, "fuzz.arg")
    _check_diagnostics(result)
    if result.paper is None:
        assert result.diagnostics, "no tree and no diagnostic"
        return result
    found = lint(result, ALL_RULES, today=TODAY)
    for d in found:
        assert d.line >= 1 and d.column >= 1 and d.code and d.name
        format_text(d, result.source)
    try:
        formatted = format_source(text, "fuzz.arg")
    except FormatError:
        pass  # refusing to format is allowed; crashing is not
    else:
        again = compile_text(formatted, "fuzz.arg")
        assert again.paper == result.paper, "fmt changed the meaning"
    if render and result.ok:
        from argdoc.render.html import render_html

        html = render_html(result.paper)
        # argdoc emits no script and escapes user text: no input can add one.
        assert "<script" not in html.lower()
    return result


def _check_diagnostics(result: Result) -> None:
    for d in result.diagnostics:
        assert d.line >= 1 and d.column >= 1, d
        assert d.end_line >= d.line, d
        format_text(d, result.source)  # rendering a diagnostic never fails
