"""The typography of the paper's language (#11): argdoc.render.typography and the pages that use it."""

from __future__ import annotations

import pytest

from argdoc.export import export
from argdoc.fmt import format_text
from argdoc.render.html import render_html
from argdoc.render.options import RenderOptions
from argdoc.render.typography import NARROW_NBSP, NBSP, smarten
from tests.test_render_html import compile_paper


@pytest.mark.parametrize(
    ("language", "written", "shown"),
    [
        ("en-GB", "NATO's \"every inch\" and 'Near Abroad'", "NATO’s “every inch” and ‘Near Abroad’"),
        ("de", "Er sagte \"jeden Zoll\" und 'nah'", "Er sagte „jeden Zoll“ und ‚nah‘"),
        (
            "fr",
            'Il dit "chaque pouce" : pourquoi?',
            f"Il dit «{NARROW_NBSP}chaque pouce{NARROW_NBSP}»{NARROW_NBSP}: pourquoi{NARROW_NBSP}?",
        ),
        ("es", 'Dijo "cada pulgada"', "Dijo «cada pulgada»"),
        ("ru", 'Он сказал "каждый дюйм"', "Он сказал «каждый дюйм»"),
        ("he", 'הוא אמר "כל אינץ\'"', "הוא אמר ”כל אינץ’”"),
    ],
)
def test_quotes_and_apostrophes_by_language(language: str, written: str, shown: str) -> None:
    assert smarten(written, language) == shown


def test_dashes_ellipses_and_no_break_spaces() -> None:
    assert (
        smarten("2007--2009 --- and then... see p. 4 and § 3", "en")
        == f"2007–2009 — and then… see p.{NBSP}4 and §{NBSP}3"
    )
    assert smarten("pp. 6-7", "en") == f"pp.{NBSP}6-7"


def test_a_quote_after_emphasis_closes() -> None:
    assert smarten('" he said', "en", before="h") == "” he said"
    assert smarten('"yes"', "en", before=" ") == "“yes”"


def test_apostrophes_are_apostrophes_in_every_language_and_addresses_are_kept() -> None:
    # A plural possessive is an apostrophe, not German's closing inner mark ‘.
    assert smarten("die Students' Union und 'nah'", "de") == "die Students’ Union und ‚nah‘"
    assert smarten("see https://example.org/a--b's... or www.x.org/'q'", "en") == (
        "see https://example.org/a--b's... or www.x.org/'q'"
    )
    assert smarten("'tis -- done", "en") == "‘tis – done"


def test_a_paragraph_opening_with_a_quote_opens_it() -> None:
    # The renderer's memory of the last character shown ends with each run of text.
    paper = compile_paper('language: en\n\nclaim a "A":\n    It ends here\n\n    "Quoted" opens.\n')
    assert "<p>“Quoted” opens.</p>" in render_html(paper)


def test_prose_titles_and_summary_are_smartened_but_links_and_ids_are_not() -> None:
    paper = compile_paper(
        'title: Russia\'s "every inch"\nlanguage: en-GB\nsummary:\n    It\'s a "test" -- see [it](https://example.org/a--b).\n\n'
        'claim the-thesis "Russia\'s \'Near Abroad\'":\n    Body with *"emphasis"* and... more.\n'
    )
    html = render_html(paper)
    assert "It’s a “test” – see" in html
    assert 'href="https://example.org/a--b"' in html
    assert "Russia’s ‘Near Abroad’" in html
    assert "<em>“emphasis”</em>" in html and "and… more" in html
    assert 'id="the-thesis"' in html
    assert "<h1>Russia’s “every inch”</h1>" in html


def test_the_source_and_the_exports_keep_what_the_author_typed() -> None:
    source = 'title: It\'s "here"\n\nclaim a "A -- b":\n    It\'s "x" -- y...\n'
    assert format_text(source) == source
    markdown = export(compile_paper(source), "markdown")
    assert "It's" in markdown and "’" not in markdown and "“" not in markdown


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "moderate confidence"), ("de", "Konfidenz: moderate"), ("he", "רמת ביטחון: moderate")],
)
def test_the_estimate_speaks_the_papers_language(language: str, shown: str) -> None:
    paper = compile_paper(
        f'language: {language}\n\nclaim a "A":\n    role: thesis\n    likelihood: likely\n'
        "    confidence: moderate\n\n    Words.\n"
    )
    # Beside the thesis that opens the publication view, and beside its heading in the analysis view.
    for view in ("publication", "analysis"):
        assert f'<span class="confidence">{shown}</span>' in render_html(paper, RenderOptions(view=view))


def test_a_narrow_space_already_before_a_french_colon_stays_one() -> None:
    assert smarten(f"confiance{NARROW_NBSP}: élevée", "fr") == f"confiance{NARROW_NBSP}: élevée"
    assert smarten("Note : voir", "fr") == f"Note{NARROW_NBSP}: voir"
