"""Multi-file papers: `include "chapter.arg"`, confined to the paper's folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argdoc.compiler import compile_file, compile_text
from argdoc.fmt import format_text
from argdoc.lint import lint

MAIN = """\
title: Multi-file
author: A. Author
date: 2026-01-01
summary: A paper in three files.

claim thesis:
    The thesis [@s].

include "chapters/one.arg"

source s:
    outlet: X
    date: 2025-01-01
"""
ONE = """\
section one "Chapter one":
    The first chapter.

component c1:
    supports: thesis
    Evidence [@s].

include "two.arg"
"""
TWO = """\
component c2:
    supports: thesis
    More evidence [@s].

tension t:
    between: c1, c2
    bears-on: thesis

    The two pull apart [@s].
"""


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "paper.arg").write_text(MAIN, encoding="utf-8")
    (tmp_path / "chapters" / "one.arg").write_text(ONE, encoding="utf-8")
    (tmp_path / "chapters" / "two.arg").write_text(TWO, encoding="utf-8")
    return tmp_path / "paper.arg"


def test_chapters_join_the_paper_in_place_and_share_ids(paper: Path) -> None:
    result = compile_file(paper)
    assert result.ok, [d.message for d in result.diagnostics]
    assert result.paper is not None
    assert [s.id for s in result.paper.statements] == ["thesis"]
    [section] = result.paper.sections
    assert [s.id for s in section.statements] == ["c1", "c2", "t", "s"]
    assert section.statements[1].origin == str(paper.parent / "chapters" / "two.arg")
    assert lint(result) == [] or all(d.severity.value == "info" for d in lint(result))


def test_diagnostics_point_into_the_right_file_and_line(paper: Path) -> None:
    two = paper.parent / "chapters" / "two.arg"
    two.write_text(TWO.replace("More evidence [@s].", "More evidence [@nope]."), encoding="utf-8")
    result = compile_file(paper)
    [diag] = [d for d in result.diagnostics if d.is_error]
    assert (diag.path, diag.line, diag.column, diag.name) == (str(two), 3, 20, "undefined-reference")
    assert result.source_of(diag.path).line_text(3).strip() == "More evidence [@nope]."


def test_syntax_errors_in_a_chapter_name_the_chapter(paper: Path) -> None:
    one = paper.parent / "chapters" / "one.arg"
    one.write_text('claim broken "Title"\n    Body.\n', encoding="utf-8")
    [diag] = compile_file(paper).diagnostics
    assert (diag.path, diag.line, diag.code) == (str(one), 1, "E003")


def test_an_include_cycle_is_one_diagnostic_naming_the_cycle(paper: Path) -> None:
    two = paper.parent / "chapters" / "two.arg"
    two.write_text(TWO + '\ninclude "one.arg"\n', encoding="utf-8")
    cycles = [d for d in compile_file(paper).diagnostics if d.name == "include-cycle"]
    assert len(cycles) == 1
    assert cycles[0].message == "include cycle: chapters/one.arg -> chapters/two.arg -> chapters/one.arg"
    assert cycles[0].path == str(two)


@pytest.mark.parametrize(
    "target", ["/etc/passwd", "../outside.arg", "../../../etc/passwd", "sub/../../outside.arg", "escape.arg"]
)
def test_includes_cannot_leave_the_papers_folder(paper: Path, target: str) -> None:
    outside = paper.parent.parent / "outside.arg"
    outside.write_text("claim secret:\n    Hidden.\n", encoding="utf-8")
    os.symlink(outside, paper.parent / "escape.arg")
    paper.write_text(MAIN + f'\ninclude "{target}"\n', encoding="utf-8")
    result = compile_file(paper)
    [diag] = [d for d in result.diagnostics if d.code.startswith("E03")]
    assert diag.name == "include-outside-paper"
    assert result.paper is not None and "secret" not in {s.id for s in result.paper.all_statements()}


def test_missing_chapter_and_header_fields_in_a_chapter(paper: Path) -> None:
    paper.write_text(MAIN + '\ninclude "chapters/missing.arg"\n', encoding="utf-8")
    assert [d.name for d in compile_file(paper).diagnostics] == ["include-not-found"]
    (paper.parent / "chapters" / "two.arg").write_text("title: Not here\n" + TWO, encoding="utf-8")
    paper.write_text(MAIN, encoding="utf-8")
    assert [d.code for d in compile_file(paper).diagnostics] == ["E115"]


@pytest.mark.parametrize("chapter", [None, 'claim broken "Title"\n    Body.\n'])
def test_a_lost_chapter_is_one_error_not_a_cascade(paper: Path, chapter: str | None) -> None:
    # The main file names what the chapter defines; with the chapter missing (or unreadable), each
    # of those was also "not defined", and lint added that the thesis has no support.
    one = paper.parent / "chapters" / "one.arg"
    if chapter is None:
        one.unlink()
    else:
        one.write_text(chapter, encoding="utf-8")
    paper.write_text(MAIN.replace("The thesis [@s].", "The thesis [@s], as [@c1] and [the tension](#t) show."))
    result = compile_file(paper)
    expected = ["E031"] if chapter is None else ["E003"]
    assert [d.code for d in result.diagnostics] == expected
    assert [d.code for d in lint(result)] == expected


def test_a_chapter_included_twice_is_not_lost_so_undefined_ids_are_still_reported(paper: Path) -> None:
    paper.write_text(MAIN + '\ninclude "chapters/one.arg"\n\nclaim x:\n    supports: nowhere\n    W [@s].\n')
    codes = [d.code for d in compile_file(paper).diagnostics]
    assert "E036" in codes and "ARG001" in codes


def test_text_without_a_file_cannot_include() -> None:
    [diag] = compile_text('include "chapter.arg"\n').diagnostics
    assert diag.name == "include-without-file"


def test_suppressions_work_per_file(paper: Path) -> None:
    one = paper.parent / "chapters" / "one.arg"
    one.write_text("# argdoc: ignore-file[uncited-statement]\n" + ONE.replace("Evidence [@s].", "No evidence."))
    names = {(Path(d.path).name, d.name) for d in lint(compile_file(paper))}
    assert ("one.arg", "uncited-statement") not in names
    assert ("one.arg", "unused-suppression") not in names


def test_fmt_keeps_include_lines_and_formats_one_file(paper: Path) -> None:
    text = paper.read_text(encoding="utf-8")
    assert format_text(text, str(paper)) == text
    messy = text.replace('include "chapters/one.arg"', "include   'x'".replace("'", '"'))
    assert 'include "x"' in format_text(messy, str(paper))


def test_build_renders_the_chapters(paper: Path) -> None:
    from argdoc.render.html import render_html

    result = compile_file(paper)
    assert result.paper is not None
    html = render_html(result.paper)
    assert 'id="c2"' in html and "Chapter one" in html
