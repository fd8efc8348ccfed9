"""The words and dates of the paper's language (#11): argdoc.render.locale, and the pages that use it."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest

from argdoc.render.html import render_html
from argdoc.render.locale import WORDS, format_date, words
from argdoc.render.options import RenderOptions
from argdoc.render.pdf import render_pdf
from tests.test_render_html import SAMPLE, compile_paper

DAY = datetime.date(2025, 10, 15)


@pytest.mark.parametrize(
    ("language", "day", "month"),
    [
        ("en-GB", "15 October 2025", "October 2025"),
        ("en-US", "October 15, 2025", "October 2025"),
        ("de", "15. Oktober 2025", "Oktober 2025"),
        ("fr-FR", "15 octobre 2025", "octobre 2025"),
        ("es", "15 de octubre de 2025", "octubre de 2025"),
        ("ru", "15 октября 2025\u202fг.", "октябрь 2025\u202fг."),  # CLDR: a narrow no-break space
        ("he", "15 באוקטובר 2025", "אוקטובר 2025"),
        ("ar", "15 أكتوبر 2025", "أكتوبر 2025"),
    ],
)
def test_format_date_at_each_precision(language: str, day: str, month: str) -> None:
    assert format_date(DAY, "day", language) == day
    assert format_date(DAY, "month", language) == month
    assert format_date(DAY, "year", language) == "2025"


def test_an_unknown_language_dates_in_english() -> None:
    assert format_date(DAY, "day", "x-klingon") == "October 15, 2025"
    assert format_date(DAY, "day", "de-XX") == "15. Oktober 2025"  # the language, when the region is unknown


def test_every_language_has_every_word() -> None:
    assert {"en", "de", "fr", "es", "ru", "he", "ar"} <= set(WORDS)
    for language, table in WORDS.items():
        assert set(table) == set(WORDS["en"]), language
        for key, word in table.items():
            for field in ("{number}", "{page}", "{pages}", "{level}"):
                assert (field in word) == (field in WORDS["en"][key]), (language, key)


def test_user_words_override_by_language_then_for_all(tmp_path: Path) -> None:
    path = tmp_path / "words.toml"
    path.write_text('sources = "References"\n[de]\ncontents = "Inhaltsverzeichnis"\n', encoding="utf-8")
    assert words("de-AT", path).contents == "Inhaltsverzeichnis"
    assert words("de", path).sources == "References"
    assert words("en", path).contents == "Contents"
    path.write_text("not = [toml", encoding="utf-8")
    assert words("de", path).contents == "Inhalt"  # a broken file keeps argdoc's words


def test_the_words_come_in_the_typography_of_the_language(tmp_path: Path) -> None:
    # argdoc's French words get a narrow no-break space before the colon, as French prose does.
    assert words("fr").cite_this == "Pour citer ce document\u202f:"
    assert words("fr").confidence == "confiance\u202f: {level}"  # one narrow space, not two
    # A user's words, typed with straight quotes, are shown with the language's.
    path = tmp_path / "words.toml"
    path.write_text("[de]\nglance = 'Das \"Argument\" im Überblick -- kurz'\n", encoding="utf-8")
    assert words("de", path).glance == "Das „Argument“ im Überblick – kurz"
    html = render_html(compile_paper(SAMPLE.replace("keywords: Russia, Iran", "language: fr\nkeywords: Russia, Iran")))
    assert "Pour citer ce document\u202f:</summary>" in html


GERMAN = SAMPLE.replace("keywords: Russia, Iran", "language: de\nkeywords: Russia, Iran")


def test_a_german_paper_shows_german_words_and_dates() -> None:
    html = render_html(compile_paper(GERMAN))
    for expected in (
        "<h2>Zusammenfassung</h2>",
        "<h2>Inhalt</h2>",
        "Die Argumentation im Überblick",
        "Abbildung 1.",
        "<h2>Anmerkungen</h2>",
        "<h2>Quellen</h2>",
        "Zitiervorschlag:",
        '<time datetime="2007-03-20">20. März 2007</time>',
        "Nr. 12",
        'Seite " counter(page) " von " counter(pages)',
    ):
        assert expected in html, expected
    assert "The Reut Institute, 20. März 2007." in html  # the cite line's date
    for english in ("<h2>Summary</h2>", "<h2>Contents</h2>", "<h2>Notes</h2>", 'Page " counter'):
        assert english not in html


def test_a_hebrew_pdf_numbers_its_pages_in_hebrew() -> None:
    text = SAMPLE.replace("keywords: Russia, Iran", "language: he\nkeywords: Russia, Iran")
    pdf = render_pdf(compile_paper(text), RenderOptions())
    pages = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "מתוך" in pages and "Page 2 of" not in pages
    assert "תוכן העניינים" in pages and "מקורות" in pages
