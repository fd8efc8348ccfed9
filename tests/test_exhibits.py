"""Tables, figures, charts, subsections, appendices and the bibliography heading (#10, part B)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from argdoc.compiler import compile_file, compile_text
from argdoc.export import export
from argdoc.fmt import format_text
from argdoc.images import sanitise_svg
from argdoc.nodes import Chart, Figure, Paper, Table
from argdoc.render.html import render_html
from argdoc.render.layout import layout
from argdoc.render.options import RenderOptions

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "eastern-flank.arg"

PAPER = """\
title: T

claim thesis "Thesis":
    Words [@src].

section one "One":
    Intro.

component a "A":
    supports: thesis

    Words.

table spend "Spending":
    source: [@src]
    note: *Estimates*.
    | Ally   | 2014 | 2024 |
    |:-------|-----:|:----:|
    | Poland | 1.9  | 4.1  |
    | Latvia | 0.9  | 3.2  |

chart spend-chart "Spending, drawn":
    type: stacked-bar
    data: spend
    unit: % of GDP

subsection sub "Sub":
    Sub intro.

appendix method "Method":
    How.

bibliography "Works cited":

source src "Src":
    outlet: Outlet
    date: 2024-01-01
"""


def _paper(text: str = PAPER) -> Paper:
    result = compile_text(text)
    assert result.diagnostics == [], result.diagnostics
    assert result.paper is not None
    return result.paper


def test_a_table_reads_its_rows_alignment_and_place_in_the_flow() -> None:
    paper = _paper()
    (section,) = paper.sections
    table, chart = section.exhibits
    assert isinstance(table, Table) and isinstance(chart, Chart)
    assert table.align == ("left", "right", "center")
    assert [len(row.cells) for row in (table.header, *table.rows)] == [3, 3, 3]
    assert table.at == 1 and chart.at == 1  # after the section's one statement
    assert [item.id for item in section.flow()] == ["a", "spend", "spend-chart"]
    assert table.source[0].kind == "citation"
    assert [s.title for s in section.subsections] == ["Sub"]
    assert [a.title for a in paper.appendices] == ["Method"]
    assert paper.bibliography is not None and paper.bibliography.title == "Works cited"
    assert [s.id for s in paper.bibliography.statements] == ["src"]


def test_labels_number_tables_figures_subsections_and_appendices() -> None:
    plan = layout(_paper())
    assert plan.labels["spend"] == "Table 1"
    assert plan.labels["spend-chart"] == "Figure 1"  # no tension map in this paper
    assert plan.labels["sub"] == "section 2.1"
    assert plan.labels["method"] == "appendix A"
    assert plan.labels["one"] == "section 2"
    assert plan.sources_title == "Works cited"


def test_the_example_numbers_its_figures_after_the_tension_map() -> None:
    result = compile_file(EXAMPLE)
    assert result.paper is not None
    labels = layout(result.paper).labels
    assert (labels["flank-spending"], labels["flank-chart"], labels["flank-map"]) == ("Table 1", "Figure 2", "Figure 3")


def test_fmt_lays_out_tables_and_keeps_the_meaning() -> None:
    formatted = format_text(PAPER)
    assert "    | Ally   | 2014 | 2024 |\n    |:-------|-----:|:----:|\n    | Poland |  1.9 | 4.1  |\n" in formatted
    assert format_text(formatted) == formatted
    assert _paper(formatted) == _paper()
    assert format_text(EXAMPLE.read_text(encoding="utf-8")) == EXAMPLE.read_text(encoding="utf-8")


def test_a_pipe_inside_a_cell_survives_formatting() -> None:
    text = PAPER.replace("| Latvia |", "| La\\|tvia |")
    paper = _paper(text)
    table = paper.sections[0].exhibits[0]
    assert isinstance(table, Table)
    assert table.rows[1].cells[0].children[0].value == "La|tvia"  # type: ignore[union-attr]
    assert _paper(format_text(text)) == paper


def test_html_table_is_a_real_table_with_caption_and_header_cells() -> None:
    html = render_html(_paper())
    table = html[html.index('<div class="exhibit table-exhibit" id="spend">') :]
    table = table[: table.index("</div>")]
    assert '<caption><span class="exhibit-label">Table 1</span> Spending</caption>' in table
    assert '<th scope="col" class="align-left">Ally</th>' in table
    assert '<th scope="row" class="align-left">Poland</th><td class="align-right">1.9</td>' in table
    assert "<thead>" in table and "<tbody>" in table
    assert '<span class="exhibit-note-label">Source:</span> <a href="#src">' in table


def test_chart_is_svg_drawn_from_the_table() -> None:
    html = render_html(_paper())
    svg = html[html.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') :]
    svg = svg[: svg.index("</svg>")]
    assert svg.count('<rect class="series-0"') == 3  # two bars and the legend's key
    assert ">Poland</tspan></text>" in svg and ">% of GDP</text>" in svg
    assert 'Data: <a href="#spend">Table 1</a>' in html


@pytest.mark.parametrize(
    ("peak", "ticks"),
    [
        (35.3, [0, 10, 20, 30, 40]),
        (4.12, [0, 1, 2, 3, 4, 5]),
        (7, [0, 2, 4, 6, 8]),
        (0.37, [0, 0.1, 0.2, 0.3, 0.4]),
        (1250, [0, 250, 500, 750, 1000, 1250]),
    ],
)
def test_chart_axis_ticks_are_round_numbers(peak: float, ticks: list[float]) -> None:
    """A bar of 35.3 gave an axis of 0, 12.5, 25, 37.5, 50: labels nobody reads a value from."""
    text = PAPER.replace("| 1.9  | 4.1  |", f"| 0 | {peak} |").replace("| 0.9  | 3.2  |", "| 0 | 0 |")
    svg = render_html(_paper(text.replace("stacked-bar", "bar")))
    labels = re.findall(r'<text class="tick"[^>]*>([^<]+)</text>', svg)
    assert [float(label) for label in labels] == ticks


def test_a_category_wider_than_its_slot_wraps_onto_a_second_line() -> None:
    # SVG does not wrap: "Other cooperating firms" ran into its neighbours' names.
    long = "Other cooperating firms named at length"
    rows = "".join(f"    | {name} | 1 | 2 |\n" for name in ("Poland", long, "Latvia", "Estonia", "Lithuania"))
    text = PAPER.replace("    | Poland | 1.9  | 4.1  |\n    | Latvia | 0.9  | 3.2  |\n", rows)
    assert long in text
    svg = render_html(_paper(text))
    labels = re.findall(r'<text class="category"[^>]*>((?:<tspan[^>]*>[^<]*</tspan>)+)</text>', svg)
    lines = [re.findall(r"<tspan[^>]*>([^<]*)</tspan>", label) for label in labels]
    assert lines[0] == ["Poland"]  # a short name stays on one line
    assert len(lines[1]) == 2 and " ".join(lines[1]) == long


def test_a_tables_source_line_names_the_year_in_author_date_styles() -> None:
    # "Source: European Commission" named no work when the list held 2024a and 2024b.
    text = PAPER.replace("    source: [@src]\n", "    source: [@src, p. 4]\n").replace(
        'source src "Src":\n    outlet: Outlet\n    date: 2024-01-01\n',
        'source src "One":\n    author: {European Commission}\n    date: 2024-01-01\n    url: https://example.org/1\n\n'
        'source other "Two":\n    author: {European Commission}\n    date: 2024-02-01\n    url: https://example.org/2\n',
    )
    text = text.replace("    Words.\n", "    Words [@other].\n", 1)
    line = '<span class="exhibit-note-label">Source:</span> '
    apa = render_html(_paper(text.replace("title: T\n", "title: T\nstyle: apa\n")))
    assert line + '<a href="#src">European Commission</a> (2024a, p. 4)</p>' in apa
    chicago = render_html(_paper(text))
    assert line + '<a href="#src">European Commission</a>, p. 4</p>' in chicago
    # Several works in one source line: joined, not glued ("European Commission (2024a)European ...").
    both = text.replace("    source: [@src, p. 4]\n", "    source: [@src; @other] and [@one]\n")
    apa = render_html(_paper(both.replace("title: T\n", "title: T\nstyle: apa\n")))
    joined = '<a href="#src">European Commission</a> (2024a); <a href="#other">European Commission</a> (2024b) and '
    assert line + joined + '<a class="xref" href="#one">section 1</a></p>' in apa
    markdown = export(_paper(both), "markdown")
    assert "Source: @src; @other and [section 2](#one)" in markdown  # the export numbers as the analysis view


@pytest.mark.parametrize(
    ("rows", "kind", "ticks"),
    [
        (("-1.9", "-4.1", "-1", "-2"), "bar", [-5, -4, -3, -2, -1, 0]),
        (("3", "-2", "1", "-1"), "bar", [-2, -1, 0, 1, 2, 3]),
        (("3", "-2", "1", "-1"), "stacked-bar", [-2, -1, 0, 1, 2, 3]),
        (("0", "0", "0", "0"), "line", [0, 0.2]),
    ],
)
def test_charts_of_negative_or_zero_values_draw_an_axis_through_zero(
    rows: tuple[str, ...], kind: str, ticks: list[float]
) -> None:
    # All-negative data crashed the build ("math domain error") though `check` passed.
    text = PAPER.replace("| 1.9  | 4.1  |", f"| {rows[0]} | {rows[1]} |").replace(
        "| 0.9  | 3.2  |", f"| {rows[2]} | {rows[3]} |"
    )
    svg = render_html(_paper(text.replace("stacked-bar", kind)))
    labels = re.findall(r'<text class="tick"[^>]*>([^<]+)</text>', svg)
    assert [float(label) for label in labels] == ticks
    if kind != "line":  # every bar has a height: a negative one hangs below zero
        heights = [
            float(h)
            for h in re.findall(r'<rect class="series-\d" x="[^"]*" y="[^"]*" width="[^"]*" height="([^"]*)"', svg)
        ]
        assert sum(h > 0 for h in heights) == 6  # four bars and the legend's two keys


def test_a_number_too_large_to_draw_is_an_error_not_a_crash() -> None:
    (diagnostic,) = compile_text(PAPER.replace("| 0.9  |", "| 1" + "0" * 400 + " |")).diagnostics
    assert diagnostic.code == "E308" and "too large" in diagnostic.message


def test_chart_of_words_is_an_error_at_its_data_field() -> None:
    result = compile_text(PAPER.replace("| 0.9  |", "| n/a  |"))
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "E308"
    assert "'n/a'" in diagnostic.message


def test_subsections_and_appendices_are_in_order_in_html_and_contents() -> None:
    html = render_html(_paper(), RenderOptions(view="analysis"))
    positions = [html.index(mark) for mark in ('id="one"', 'id="sub"', 'id="method"', 'id="src"')]
    assert positions == sorted(positions)
    assert '<h3><span class="section-number">2.1</span> Sub</h3>' in html
    assert '<h2><span class="section-number">Appendix A</span> Method</h2>' in html
    assert re.search(r'<a href="#sub"><span class="toc-number">2.1</span>', html)
    assert "Appendix A: Method" in html


def _figure_paper(folder: Path, image: str) -> Path:
    path = folder / "paper.arg"
    path.write_text(
        f'title: T\n\nsection s "S":\n\nfigure f "A map":\n    image: {image}\n    alt: A map of the flank.\n',
        encoding="utf-8",
    )
    return path


def test_a_figure_inlines_its_image_as_data(tmp_path: Path) -> None:
    (tmp_path / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
        '<image href="https://example.org/x.png"/><rect width="5" height="5"/></svg>',
        encoding="utf-8",
    )
    result = compile_file(_figure_paper(tmp_path, "map.svg"))
    assert result.diagnostics == [] and result.paper is not None
    figure = result.paper.all_exhibits()[0]
    assert isinstance(figure, Figure)
    html = render_html(result.paper, RenderOptions(base_dir=tmp_path))
    assert '<img src="data:image/svg+xml;base64,' in html
    assert 'alt="A map of the flank."' in html


def test_svg_is_sanitised() -> None:
    cleaned = sanitise_svg(
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>x()</script>'
        b'<image href="file:///etc/passwd"/><use href="#a"/><rect style="fill:url(https://e.org/p)"/></svg>'
    )
    assert cleaned is not None
    for bad in (b"script", b"onload", b"passwd", b"https://e.org"):
        assert bad not in cleaned
    assert b'href="#a"' in cleaned
    assert sanitise_svg(b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>') is None


def test_a_missing_image_is_an_error_with_its_path(tmp_path: Path) -> None:
    result = compile_file(_figure_paper(tmp_path, "figures/none.png"))
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "E307"
    assert str(tmp_path) in diagnostic.message and "figures/none.png" in diagnostic.message


def test_an_image_outside_the_folder_is_an_error(tmp_path: Path) -> None:
    inner = tmp_path / "paper"
    inner.mkdir()
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = compile_file(_figure_paper(inner, "../secret.png"))
    assert [d.code for d in result.diagnostics] == ["E305"]
    (inner / "link.png").symlink_to(tmp_path / "secret.png")
    result = compile_file(_figure_paper(inner, "link.png"))
    assert [d.code for d in result.diagnostics] == ["E307"]
    assert "outside the paper's folder" in result.diagnostics[0].message


def test_cross_references_name_tables_figures_subsections_and_appendices_by_their_labels(tmp_path: Path) -> None:
    """`[@id]` of a table, a chart, a figure, a subsection or an appendix reads as the label it is numbered with."""
    (tmp_path / "map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>')
    text = PAPER.replace(
        "    Words [@src].\n",
        "    Words [@src]. [@spend] gives the numbers and [@spend-chart] draws them; [@map] locates\n"
        "    them, and [@sub] and [@method] explain them.\n",
    ).replace(
        "    Sub intro.\n",
        '    Sub intro.\n\nfigure map "The flank":\n    image: map.svg\n    alt: A map of the flank.\n',
    )
    path = tmp_path / "paper.arg"
    path.write_text(text, encoding="utf-8")
    result = compile_file(path)
    assert result.diagnostics == [] and result.paper is not None
    # The exports lay out the analysis view, where the thesis has a section of its own.
    html = render_html(result.paper, RenderOptions(base_dir=tmp_path, view="analysis"))
    publication = render_html(result.paper, RenderOptions(base_dir=tmp_path))
    # In the publication view the thesis opens the paper unnumbered: the subsection is 1.1, as its heading says.
    assert '<a class="xref" href="#sub">section 1.1</a>' in publication
    assert '<span class="section-number">1.1</span> Sub' in publication
    for ident, label in (
        ("spend", "Table 1"),
        ("spend-chart", "Figure 1"),
        ("map", "Figure 2"),
        ("sub", "section 2.1"),
        ("method", "appendix A"),
    ):
        assert f'<a class="xref" href="#{ident}">{label}</a>' in html
        assert layout(result.paper).labels[ident] == label  # the same words as the element's own caption
    plan = layout(result.paper)
    assert "src" not in plan.references and plan.has_notes  # citing the source is still a citation, with its note
    markdown = export(result.paper, "markdown")
    assert "[Table 1](#spend) gives the numbers and [Figure 1](#spend-chart) draws them" in markdown
    assert "[Figure 2](#map) locates them, and [section 2.1](#sub) and [appendix A](#method)" in markdown
    assert "## Appendix A: Method {#method}" in markdown
    argdown = export(result.paper, "argdown")
    assert "Table 1 gives the numbers and Figure 1 draws them; Figure 2 locates them" in argdown
    assert "section 2.1 and appendix A explain them" in argdown


def test_a_long_table_repeats_its_header_on_each_pdf_page_and_is_tagged_as_a_table() -> None:
    from argdoc.render.pdf import render_pdf
    from tests.test_render_pdf import page_texts, read

    rows = "".join(f"    | Ally {n:03} | {n}.5 |\n" for n in range(120))
    text = PAPER.replace(
        "table spend", f'table long "Every ally":\n    | Member state | Share |\n    |---|---:|\n{rows}\ntable spend', 1
    )
    reader = read(render_pdf(_paper(text)))
    pages = [page for page in page_texts(reader) if "Ally 0" in page]
    assert len(pages) >= 2, "the table should run over several pages"
    assert all("Member state Share" in page for page in pages), "the header row repeats on every page"
    assert "Table 1 Every ally" in pages[0] or "Table 1. Every ally" in pages[0]
    tags = _structure_tags(reader.root_object["/StructTreeRoot"])
    assert {"/Table", "/TR", "/TH", "/TD", "/Caption"} <= tags  # tagged: a table with its caption and cells


def _structure_tags(element: Any) -> set[str]:
    """Every structure type (/S) under a PDF structure element."""
    seen: set[str] = set()
    stack = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            if "/S" in node:
                seen.add(str(node["/S"]))
            if "/K" in node:
                stack.append(node["/K"])
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return seen
