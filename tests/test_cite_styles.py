"""#12: choosing the citation style (`style:`, `--style`) and the author-date styles in the paper.

The analyst's brief (tests/cases/cite/analyst-brief.arg) is built in each of the
four styles; its in-text citations, notes and list are compared with what
citeproc-js gives for the same citation clusters (tests/cite_oracle.py).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from argdoc.api import load, render_html, render_pdf
from argdoc.cite.csl import csl_item
from argdoc.cite.styles import STYLES, Style
from argdoc.compiler import compile_text
from argdoc.fmt import format_text
from argdoc.nodes import Paper, Source
from argdoc.render.options import RenderOptions
from tests import cite_oracle
from tests.test_cli import run

BRIEF = Path(__file__).parent / "cases" / "cite" / "analyst-brief.arg"
needs_oracle = pytest.mark.skipif(cite_oracle.available() is not None, reason=str(cite_oracle.available()))

# The two works both test papers cite: a book known by its year, a news article by its day.
SOURCES = """
source freedman-2017 "The Future of War":
    type: book
    author: Lawrence Freedman
    date: 2017
    publisher: PublicAffairs

source erlanger-2024 "NATO Allies Brace":
    outlet: The New York Times
    author: Steven Erlanger
    date: 2024-03-15
"""

PAPER = (
    """title: Styles
language: en-US
{header}
claim thesis "A thesis":
    role: thesis

    Words [@freedman-2017, 12]. A remark^[Said in passing.] and more [@erlanger-2024].
"""
    + SOURCES
)


def _paper(header: str = "") -> Paper:
    result = compile_text(PAPER.format(header=header))
    assert result.paper is not None
    return result.paper


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


# --- the header field and the option --------------------------------------------------


def test_style_field_takes_the_names_and_short_names_and_fmt_writes_the_name() -> None:
    assert _paper("style: APA7").meta.style == "apa"
    assert _paper("style: harvard").meta.style == "harvard-cite-them-right"
    assert _paper().meta.style is None
    assert "style: chicago-author-date\n" in format_text(PAPER.format(header="style: chicago-author-date"))
    assert "style: apa\n" in format_text(PAPER.format(header="style: apa7"))


def test_a_bad_style_field_is_a_diagnostic_with_did_you_mean_and_the_styles(tmp_path: Path) -> None:
    paper = tmp_path / "p.arg"
    paper.write_text(PAPER.format(header="style: hardvard"), encoding="utf-8")
    done = run("check", str(paper))
    assert done.returncode == 1
    assert "p.arg:3:8: error[E305] unknown citation style 'hardvard'" in done.stdout
    assert "did you mean 'harvard'?" in done.stdout
    for name in STYLES:
        assert name in done.stdout


def test_a_bad_style_option_is_a_usage_error_naming_the_styles(tmp_path: Path) -> None:
    paper = tmp_path / "p.arg"
    paper.write_text(PAPER.format(header=""), encoding="utf-8")
    done = run("build", str(paper), "--style", "apa6", "--format", "html")
    assert done.returncode == 2
    assert "unknown citation style 'apa6'" in done.stderr
    assert "did you mean 'apa'?" in done.stderr and "harvard-cite-them-right" in done.stderr
    assert not (tmp_path / "p.html").exists()


def test_the_style_option_wins_over_the_header(tmp_path: Path) -> None:
    paper = tmp_path / "p.arg"
    paper.write_text(PAPER.format(header="style: apa"), encoding="utf-8")
    assert run("build", str(paper), "--format", "html", "-q").returncode == 0
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "(Freedman, 2017, p. 12)" in _text(page)
    assert run("build", str(paper), "--format", "html", "-q", "--style", "chicago").returncode == 0
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "(Freedman, 2017, p. 12)" not in _text(page)
    assert "Lawrence Freedman, <cite>The Future of War</cite> (PublicAffairs, 2017), 12." in page


def test_render_options_refuse_an_unknown_style() -> None:
    with pytest.raises(ValueError, match="unknown citation style"):
        RenderOptions(style="apa6")
    assert RenderOptions(style=None).style_of("harvard") == "harvard-cite-them-right"
    assert RenderOptions(style="apa").style_of("harvard") == "apa"
    assert RenderOptions().style_of(None) == "chicago-notes-bibliography"


# --- author-date citations in the page ---------------------------------------------------


def test_author_date_citations_stand_in_the_text_linked_to_the_list_and_remarks_stay_notes() -> None:
    page = render_html(_paper("style: apa"))
    # In the text, after a space, each work linked to its entry (whose id is the source's).
    assert 'Words <span class="citation">(<a href="#freedman-2017">Freedman, 2017</a>, p. 12)</span>.' in page
    assert '<li class="source" id="freedman-2017">' in page
    # The remark is still a note, and the only one: citations make none.
    endnotes = page[page.index('role="doc-endnotes"') :]
    assert "Said in passing." in endnotes and "Freedman" not in endnotes.split("</section>")[0]
    assert page.count('role="doc-noteref"') == 1
    # The list is APA's: "References", with its "cited in" back-links.
    assert "<h2>References</h2>" in page
    assert '<p class="cited-in">' in page


def test_the_lists_name_follows_the_style_and_the_language() -> None:
    def heading(header: str, language: str = "en-US") -> str:
        result = compile_text(PAPER.format(header=header).replace("language: en-US", f"language: {language}"))
        assert result.paper is not None
        return re.findall(r'role="doc-bibliography">\s*<h2>(.*?)</h2>', render_html(result.paper))[0]

    assert heading("") == "Sources"
    assert heading("style: chicago-author-date") == "References"
    assert heading("style: harvard") == "Reference list"
    assert heading("style: apa", "de") == "Literatur"
    assert heading("style: harvard", "de") == "Literaturverzeichnis"


def test_one_authors_works_of_one_year_take_letters_in_text_and_list_alike() -> None:
    text = PAPER.format(header="style: chicago-author-date") + (
        '\nsource freedman-2017b "Strategy: A History":\n    type: book\n    author: Lawrence Freedman\n'
        "    date: 2017\n    publisher: Oxford University Press\n"
    )
    result = compile_text(text.replace("[@erlanger-2024]", "[@freedman-2017b; @erlanger-2024]"))
    assert result.paper is not None
    page = _text(render_html(result.paper))
    # Letters in the order of the list (by title): "Strategy" before "The Future of War".
    assert "(Freedman 2017b, 12)" in page and "(Freedman 2017a; Erlanger 2024)" in page
    assert "Freedman, Lawrence. 2017a. Strategy: A History." in page
    assert "Freedman, Lawrence. 2017b. The Future of War." in page


def test_a_pdf_in_apa_has_the_citations_in_the_text_and_the_reference_list() -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    pdf = render_pdf(load(BRIEF), RenderOptions(style="apa", base_dir=BRIEF.parent))
    words = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    flat = " ".join(words.split())
    assert "(Erlanger, 2024; Ringsmose & Rynning, 2017, pp. 131\u2013133)" in flat
    assert "References" in flat
    assert "Freedman, L. (2017). The Future of War: A History. PublicAffairs." in flat


# --- the brief in every style, against citeproc-js ---------------------------------------

# `[@a; @b, pp. 1-3]` in the brief's text: its clusters, in reading order, as CSL citation items.
_RUN = re.compile(r"\[(@[^\]]+)\]")
_LABELS = {"p.": "page", "pp.": "page", "art.": "article"}
# The brief's differences from citeproc-js that are argdoc's on purpose (docs/citations.md says why).
_EXPLAINED = {
    # CSL has no "article" locator (citeproc-js writes "preprint 5"); argdoc keeps the writer's "art. 5".
    "nato-1949",
}


def _clusters() -> list[list[dict[str, str]]]:
    clusters = []
    for run_text in _RUN.findall(BRIEF.read_text(encoding="utf-8")):
        cluster = []
        for cite in run_text.split(";"):
            ident, _, locator = cite.strip().lstrip("@").partition(",")
            item = {"id": ident.strip()}
            if locator.strip():
                label, _, value = locator.strip().rpartition(" ")
                item.update(locator=value, label=_LABELS.get(label, "page"))
            cluster.append(item)
        clusters.append(cluster)
    return clusters


@cache
def _brief() -> tuple[Paper, tuple[Source, ...]]:
    paper = load(BRIEF)
    return paper, tuple(s for s in paper.all_statements() if isinstance(s, Source))


def _citations_in_page(page: str, style: Style) -> list[str]:
    if style.uses_notes:
        endnotes = page[page.index('role="doc-endnotes"') :].split("</ol>")[0]
        notes = re.findall(r'<li id="[^"]+">(.*?)</li>', endnotes)
        return [_text(note.split('<a class="backlink"')[0]) for note in notes]
    return [_text(found) for found in re.findall(r'<span class="citation">(.*?)</span>', page)]


@needs_oracle
@pytest.mark.parametrize("style_name", STYLES)
def test_the_brief_in_each_style_matches_citeproc_js(style_name: str) -> None:
    paper, sources = _brief()
    clusters = _clusters()
    oracle = cite_oracle.render(style_name, "en-US", [csl_item(s) for s in sources], clusters)
    page = render_html(paper, RenderOptions(style=style_name))
    style = Style(style_name)
    ours = _citations_in_page(page, style)
    assert len(ours) == len(clusters)
    differ = [
        (mine, " ".join(theirs.split()))
        for mine, theirs, cluster in zip(ours, oracle["citations"], clusters, strict=True)
        if mine != " ".join(theirs.split()) and not {item["id"] for item in cluster} & _EXPLAINED
    ]
    assert differ == []
    # The list: every entry as citeproc-js writes it (bar test_cite.py's explained one), in its order.
    listed = [_text(entry) for entry in re.findall(r'<p class="reference">(.*?)</p>', page)]
    theirs = [" ".join(entry.split()) for entry in oracle["bibliography"]]
    assert [entry for entry in listed if entry in theirs] == theirs
    assert len(listed) == len(sources)


# --- punctuation around a parenthetical (#12, second round) -------------------------------------

PUNCTUATED = (
    """title: Punctuation
language: en-US
{header}
claim thesis "A thesis":
    role: thesis

    Still ahead.[@freedman-2017, p. 131] Not mass,[@erlanger-2024] and more.[@freedman-2017][@erlanger-2024]
    Also [@freedman-2017] [@erlanger-2024] then. Is it?[@freedman-2017] He said "the hard part."[@erlanger-2024]
    Ask "ready?"[@freedman-2017] now.
"""
    + SOURCES
)


def _punctuated(header: str) -> Paper:
    return _paper_of(PUNCTUATED.format(header=header))


def _paper_of(text: str) -> Paper:
    result = compile_text(text)
    assert result.paper is not None
    return result.paper


EXPECTED_APA = (
    "Still ahead (Freedman, 2017, p. 131). Not mass (Erlanger, 2024), and more (Erlanger, 2024; Freedman, 2017). "
    "Also (Erlanger, 2024; Freedman, 2017) then. Is it (Freedman, 2017)? He said the hard part (Erlanger, 2024). "
    "Ask ready? (Freedman, 2017) now."
)


def test_an_author_date_parenthetical_goes_before_the_punctuation_and_adjacent_runs_are_one() -> None:
    page = render_html(_punctuated("style: apa"))
    paragraph = re.search(r"<p>Still.*?</p>", page, re.S)
    assert paragraph is not None
    assert _text(paragraph.group(0)) == EXPECTED_APA
    # The closing quote stays with the quoted words, the full stop follows the citation.
    assert '<q>the hard part</q> <span class="citation">' in paragraph.group(0)
    assert ") (" not in _text(paragraph.group(0))


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Sanctions by the U.S.[@erlanger-2024] Then more.", "Sanctions by the U.S. (Erlanger, 2024). Then more."),
        ("Sanctions by the U.S.[@erlanger-2024] and the EU.", "Sanctions by the U.S. (Erlanger, 2024) and the EU."),
        ("Growth of 3.[@erlanger-2024] Then more.", "Growth of 3 (Erlanger, 2024). Then more."),
    ],
)
def test_an_abbreviations_period_stays_with_it(written: str, shown: str) -> None:
    # "the U.S.[@x]" read "the U.S (X, 2024).": the abbreviation lost its period.
    text = PUNCTUATED.format(header="style: apa")
    start = text.index("    Still ahead")
    end = text.index("\n\n", start)
    page = render_html(_paper_of(text[:start] + "    " + written + text[end:]))
    paragraph = re.search(r"<p>(?:Sanctions|Growth).*?</p>", page, re.S)
    assert paragraph is not None and _text(paragraph.group(0)) == shown


def test_a_notes_style_keeps_the_call_after_the_punctuation() -> None:
    page = render_html(_punctuated(""))
    assert 'Still ahead.<sup class="note-call">' in page
    assert 'Not mass,<sup class="note-call">' in page


def test_the_pdf_in_apa_puts_the_parenthetical_before_the_punctuation() -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    pdf = render_pdf(_punctuated("style: apa"))
    words = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    flat = " ".join(words.split())
    assert "Still ahead (Freedman, 2017, p. 131). Not mass (Erlanger, 2024), and more" in flat
    assert "Also (Erlanger, 2024; Freedman, 2017) then." in flat


# --- the "Cite this paper" line ----------------------------------------------------------------

CITED_PAPER = """title: Holding the Line
subtitle: Defence spending on NATO's eastern flank
author: Ilse Varga
organisation: Baltic Security Programme
date: 2025-03-10
series: Security Briefs
number: 2025/02
language: {language}
{header}
claim thesis "A thesis":
    role: thesis

    Words.
"""


def _cite_line(language: str, header: str = "") -> str:
    result = compile_text(CITED_PAPER.format(language=language, header=header))
    assert result.paper is not None
    page = render_html(result.paper)
    found = re.search(r'cite-this-label">.*?</summary>(.*?)</details>', page, re.S)
    assert found is not None
    return _text(found.group(1))


def test_the_cite_line_is_written_in_the_papers_style_with_its_typography() -> None:
    assert _cite_line("en-GB") == (
        "Varga, Ilse. Holding the Line: Defence spending on NATO\u2019s eastern flank. "
        "Security Briefs, no. 2025/02. Baltic Security Programme, 10 March 2025."
    )
    assert _cite_line("en-GB", "style: apa") == (
        "Varga, I. (2025). Holding the Line: Defence spending on NATO\u2019s eastern flank "
        "(Security Briefs, no. 2025/02). Baltic Security Programme."
    )
    assert _cite_line("en-US", "style: chicago-author-date").startswith(
        "Varga, Ilse. 2025. Holding the Line: Defence Spending on NATO\u2019s Eastern Flank."
    )


def test_the_cite_line_of_a_german_paper_has_german_words() -> None:
    line = _cite_line("de")
    assert "Security Briefs, Nr. 2025/02" in line and "10. März 2025" in line
    assert "no." not in line and "NATO\u2019s" in line
