"""The catalogue of bad examples: each file in tests/cases/syntax/ names, on its
first line, the diagnostic it must produce (code, name, line:column)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argdoc.compiler import compile_file, compile_text
from argdoc.diagnostics import format_text

from .conftest import CASES

EXPECT = re.compile(r"# expect: (?P<code>\S+) (?P<name>\S+) (?P<line>\d+):(?P<column>\d+)")
CATALOGUE = sorted((CASES / "syntax").glob("*.arg"))


def test_catalogue_covers_the_common_mistakes() -> None:
    names = {EXPECT.match(p.read_text(encoding="utf-8")).group("name") for p in CATALOGUE}  # type: ignore[union-attr]
    for required in (
        "unknown-keyword",
        "missing-colon",
        "body-not-indented",
        "unterminated-quotation",
        "invalid-id",
        "tension-needs-two-components",
        "stray-text",
    ):
        assert required in names


@pytest.mark.parametrize("path", CATALOGUE, ids=lambda p: p.stem)
def test_bad_example_gets_its_friendly_diagnostic(path: Path) -> None:
    expect = EXPECT.match(path.read_text(encoding="utf-8"))
    assert expect is not None, f"{path.name} lacks its '# expect:' line"
    result = compile_file(path)
    assert result.diagnostics, "no diagnostic at all"
    first = result.diagnostics[0]
    got = (first.code, first.name, first.line, first.column)
    want = (expect["code"], expect["name"], int(expect["line"]), int(expect["column"]))
    assert got == want, format_text(first, result.source)
    assert first.hint, "every friendly error says how to fix it"
    assert not result.ok


def test_text_rendering_has_location_caret_and_help() -> None:
    result = compile_text('claim thesis "Title"\n    Body.\n', "paper.arg")
    text = format_text(result.diagnostics[0], result.source)
    lines = text.splitlines()
    assert lines[0] == "paper.arg:1:21: error[E003] a header line must end with ':' (missing-colon)"
    assert lines[2] == '1 | claim thesis "Title"'
    assert lines[3] == "  |                     ^"
    assert lines[-1] == 'help: write: claim thesis "Title":'


def test_unknown_keyword_suggests_the_nearest() -> None:
    result = compile_text("compnent power:\n    Body.\n")
    assert result.diagnostics[0].hint is not None
    assert "did you mean 'component'?" in result.diagnostics[0].hint


def test_caret_spans_the_whole_bad_id() -> None:
    result = compile_text("claim my.thesis:\n    Body.\n", "p.arg")
    text = format_text(result.diagnostics[0], result.source)
    assert "'my.thesis' is not a valid id" in text
    assert "      ^^^^^^^^^" in text


def test_field_errors_name_the_statement_they_are_in() -> None:
    text = "claim t:\n    role: thesis\n    colour: red\n    role: thesis\n    opposes:\n    Body.\n"
    result = compile_text(text, "p.arg")
    found = {d.code: d for d in result.diagnostics}
    for code in ("E101", "E103", "E104"):
        assert found[code].statement == "t", format_text(found[code], result.source)
        assert "in statement 't'" in format_text(found[code], result.source)
    header = compile_text("title: T\ncolour: red\n", "p.arg").diagnostics[0]
    assert header.code == "E101" and header.statement is None


def test_triple_stars_are_strong_emphasis() -> None:
    from argdoc.nodes import Emphasis, Paragraph, Strong, Text

    result = compile_text("claim t:\n    A ***both*** word.\n")
    assert result.ok and result.paper is not None
    block = result.paper.statements[0].body[0]
    assert isinstance(block, Paragraph)
    assert block.children == (
        Text(value="A "),
        Strong(children=(Emphasis(children=(Text(value="both"),)),)),
        Text(value=" word."),
    )
