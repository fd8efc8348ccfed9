"""Lists, remark notes and cross-references (#14, part A), through every stage that reads prose."""

from __future__ import annotations

import re

from argdoc.compiler import compile_text
from argdoc.export import export
from argdoc.fmt import format_text
from argdoc.nodes import List, Note, Paper, Paragraph
from argdoc.render.html import render_html

from .test_export_formats import pandoc
from .test_render_html import compile_paper

BRIEF = """\
title: Prose
summary:
    We recommend:
    - raising spending^[Poland counts pensions [@report, p. 4], as NATO allows.];
    - a common fund:
        1. first;
        2. second.

    3. numbered from three
    4. and on

section policy "Policy":
    As [@thesis] argues. [@policy-b] follows, and [the thesis](#thesis) is above.

claim thesis "A thesis":
    A paragraph, then a list directly:
    - one, see [@policy]
    - two[@report]

source report "Report":
    outlet: Example Outlet
    date: 2024-01-02

section policy-b "More policy":
    Intro.
"""


def paper() -> Paper:
    return compile_paper(BRIEF)


# --- the tree ---------------------------------------------------------------------------


def test_lists_are_read_from_any_prose_nested_and_after_a_paragraph() -> None:
    summary = paper().meta.summary
    assert [type(block) for block in summary] == [Paragraph, List, List]
    bullets, numbered = summary[1], summary[2]
    assert isinstance(bullets, List) and isinstance(numbered, List)
    assert not bullets.ordered and len(bullets.items) == 2
    nested = bullets.items[1].lists[0]
    assert nested.ordered and nested.start == 1 and len(nested.items) == 2
    assert numbered.ordered and numbered.start == 3
    thesis = paper().all_statements()[0]
    assert [type(block) for block in thesis.body] == [Paragraph, List]


def test_a_wrapped_line_starting_with_a_year_stays_prose() -> None:
    text = "claim thesis:\n    It happened in\n    2007. Then more.\n"
    (block,) = compile_paper(text).statements[0].body
    assert isinstance(block, Paragraph)


def test_a_remark_note_is_an_inline_node_that_may_cite() -> None:
    first = paper().meta.summary[1]
    assert isinstance(first, List)
    note = first.items[0].children[1]
    assert isinstance(note, Note)
    assert [child.kind for child in note.children] == ["text", "citation", "text"]


def test_cross_references_are_not_citations_of_sources() -> None:
    result = compile_text(BRIEF)
    assert result.ok, result.diagnostics
    assert result.resolution is not None
    assert set(result.resolution.cited_by) == {"report"}


# --- fmt ------------------------------------------------------------------------------


def test_fmt_writes_lists_canonically_and_keeps_them() -> None:
    text = "claim thesis:\n    Intro:\n    * one\n      more\n        3) sub\n    + two\n"
    assert format_text(text) == ("claim thesis:\n    Intro:\n\n    - one more\n      3. sub\n    - two\n")


def test_fmt_never_wraps_a_line_onto_a_list_marker_or_a_table_row() -> None:
    words = "word " * 14
    text = f"claim thesis:\n    {words}- dash {words}1. one {words}| pipe |\n"
    formatted = format_text(text, line_length=40)
    body = formatted.splitlines()[1:]
    assert all(not re.match(r"\s*(?:[-*+]|\d+[.)]) |\s*\|", line) for line in body), formatted
    assert len(body) > 3


def test_fmt_escapes_a_paragraph_that_would_read_as_a_list() -> None:
    text = "claim thesis:\n    \\- a dash, and \\1. a number\n"
    # Mid-line, `1.` starts nothing: its backslash is not needed.
    assert format_text(text) == "claim thesis:\n    \\- a dash, and 1. a number\n"


def test_fmt_wraps_inside_a_note_but_not_inside_a_citation() -> None:
    note = "a remark " * 12
    text = f"claim thesis:\n    Words.^[{note}[@report, p. 4]]\n"
    formatted = format_text(text, line_length=40)
    assert len(formatted.splitlines()) > 3
    assert "[@report, p. 4]" in formatted


# --- HTML -----------------------------------------------------------------------------


def test_lists_render_as_ul_and_ol_with_their_start() -> None:
    html = render_html(paper())
    assert "<ul>\n<li>" in html
    assert '<ol start="3">' in html
    assert re.search(r"<li>a common fund:<ol>\n<li>first;</li>", html)


def test_remarks_and_citations_share_one_series_of_notes() -> None:
    html = render_html(paper())
    notes = re.findall(r'<li id="fn-(\d+)">(.*?) <a class="backlink"', html)
    assert [number for number, _ in notes] == ["1", "2"]
    assert notes[0][1].startswith("Poland counts pensions (")  # the citation in the remark's words
    assert "Example Outlet" in notes[0][1] and "as NATO allows." in notes[0][1]
    assert "Report" in notes[1][1]  # cited before: the short form


def test_cross_references_are_links_named_by_their_target() -> None:
    html = render_html(paper())
    assert '<a class="xref" href="#thesis">A thesis</a> argues' in html
    # a section by its number; capitalised at the start of a sentence
    assert '<a class="xref" href="#policy-b">Section 2</a> follows' in html
    assert '<a class="xref" href="#policy">section 1</a>' in html
    assert '<a href="#thesis">the thesis</a>' in html


def test_print_sets_remarks_as_footnotes() -> None:
    from argdoc.render.html import print_document

    html = print_document(paper()).html
    assert '<span class="footnote">Poland counts pensions (' in html


# --- exports ----------------------------------------------------------------------------


def test_markdown_has_lists_notes_and_cross_reference_links_that_pandoc_reads() -> None:
    text = export(paper(), "markdown")
    assert "- raising spending^[Poland counts pensions [@report, p. 4], as NATO allows.];" in text
    assert "    1. first;" in text or "  1. first;" in text
    assert "3. numbered from three\n4. and on" in text
    assert "[A thesis](#thesis) argues" in text
    page = pandoc(text)
    assert '<ol start="3"' in page and "<ul>" in page
    assert 'class="footnote-ref"' in page


def test_argdown_and_plain_exports_keep_list_words() -> None:
    # The cross-reference inside the list item reads as its label in both (not dropped).
    argdown = export(paper(), "argdown")
    assert "• one, see section 1; • two" in argdown
    dot = export(paper(), "dot")
    assert 'tooltip="A paragraph, then a list directly: one, see section 1 two"' in dot
