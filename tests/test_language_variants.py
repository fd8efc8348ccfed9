"""The analyst's brief (examples/eastern-flank.arg) in en-GB, German, Hebrew and Arabic editions (#11).

Each edition is the example with its `language:` changed and its front
matter translated, as an author translating the brief would: the title,
summary, key findings and one recommendation are in the language (with
straight quotes typed, for the typography to turn), and the bibliography
takes argdoc's own heading. The body stays as written. The built PDFs are
read as text (pdftotext) and checked for the language's words, dates and
quotes (Arabic's in the HTML: it does not come back out of a PDF), and
every PDF argdoc builds here, the examples' too, is checked with `pdffonts`
for fonts argdoc does not bundle.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BRIEF = EXAMPLES / "eastern-flank.arg"

# The front matter of each edition: (title, summary, findings, recommendation title, its text).
FRONT = {
    "de": (
        "Die Linie halten",
        "Zehn Jahre nach dem Gipfel von Wales geben die Staaten an der Ostflanke mehr für\n"
        "    Verteidigung aus als fast alle anderen Verbündeten. Abschreckung kauft das Geld nur,\n"
        '    wenn es "gemeinsam" ausgegeben wird -- das ist der Kern dieses Papiers.',
        ("Die Haushalte der Ostflanke haben sich seit 2014 verdoppelt.", "Luftverteidigung wird national beschafft."),
        "Luftverteidigung gemeinsam beschaffen",
        "Die Verbündeten der Ostflanke sollten Luftverteidigung gemeinsam bestellen.",
    ),
    "he": (
        "להחזיק את הקו",
        "עשר שנים אחרי ועידת ויילס, המדינות באגף המזרחי מוציאות על ביטחון יותר מכמעט כל בעלות\n"
        '    הברית. הכסף יקנה הרתעה רק אם יוצא "ביחד" -- זו טענת המסמך.',
        ("תקציבי הביטחון באגף המזרחי הוכפלו מאז 2014.", "ההגנה האווירית עדיין נרכשת בנפרד."),
        "לרכוש הגנה אווירית במשותף",
        "על בעלות הברית באגף המזרחי להזמין מערכות הגנה אווירית יחד.",
    ),
    "ar": (
        "الحفاظ على الخط",
        "بعد عشر سنوات من قمة ويلز، تنفق دول الجناح الشرقي على الدفاع أكثر من جميع الحلفاء\n"
        '    تقريبًا. لن يشتري المال الردع إلا إذا أُنفق "معًا" -- هذه حجة الورقة.',
        ("تضاعفت ميزانيات الجناح الشرقي منذ 2014.", "ما زال الدفاع الجوي يُشترى دولةً دولة."),
        "شراء الدفاع الجوي معًا",
        "على حلفاء الجناح الشرقي أن يطلبوا أنظمة الدفاع الجوي معًا.",
    ),
}


EDITIONS = ("en-GB", "de", "he", "ar")
# The example names its source list; the editions leave the heading to argdoc's words.
OWN_BIBLIOGRAPHY_HEADING = 'bibliography "Sources":\n    The sources cited in this brief, listed by author.\n\n'


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the example changed: {old!r} is not in it once"
    return text.replace(old, new)


def edition(language: str) -> str:
    """The brief in `language`: the example for en-GB, else its front matter translated."""
    text = BRIEF.read_text(encoding="utf-8")
    if language == "en-GB":
        return text
    title, summary, findings, advice, advice_text = FRONT[language]
    text = _replace_once(text, "language: en-GB", f"language: {language}")
    text = _replace_once(text, "title: Holding the Line", f"title: {title}")
    start = text.index("summary:\n")
    end = text.index("\n\n", start)
    listed = "".join(f"    - {finding}\n" for finding in findings)
    text = text[:start] + f"summary:\n    {summary}\nkey-findings:\n{listed.rstrip()}" + text[end:]
    recommendation = f'claim pool "{advice}":\n    role: recommendation\n    supports: thesis\n\n    {advice_text}\n\n'
    text = _replace_once(text, "appendix method ", recommendation + "appendix method ")
    return _replace_once(text, OWN_BIBLIOGRAPHY_HEADING, "")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example and every edition, built to HTML and PDF by one `argdoc build`."""
    if shutil.which("pdftotext") is None or shutil.which("pdffonts") is None:
        pytest.skip("pdftotext/pdffonts (poppler-utils) are not installed")
    folder = tmp_path_factory.mktemp("editions")
    shutil.copytree(EXAMPLES, folder, dirs_exist_ok=True)
    for language in EDITIONS[1:]:
        (folder / f"eastern-flank-{language}.arg").write_text(edition(language), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "argdoc", "build", str(folder), "-q"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def pdf_text(built: Path, name: str) -> str:
    """The PDF's text, without the bidirectional controls pdftotext puts around right-to-left runs."""
    text = subprocess.run(["pdftotext", str(built / f"{name}.pdf"), "-"], capture_output=True, text=True, check=True)
    return re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text.stdout)


def built_pdfs() -> list[str]:
    names = [path.stem for path in sorted(EXAMPLES.glob("*.arg"))]
    return names + [f"eastern-flank-{language}" for language in EDITIONS[1:]]


@pytest.mark.parametrize("name", built_pdfs())
def test_pdffonts_lists_only_the_bundled_fonts(built: Path, name: str) -> None:
    listing = subprocess.run(["pdffonts", str(built / f"{name}.pdf")], capture_output=True, text=True, check=True)
    fonts = {line.split()[0].split("+", 1)[-1] for line in listing.stdout.splitlines()[2:]}
    assert fonts, listing.stdout
    assert {font for font in fonts if not font.startswith("Argdoc-")} == set()


# What each edition shows: the language's words (in the PDF), its date on the cover and in the
# notes, its quotes around the summary's quoted word, and its words in the web page only.
SHOWN = {
    "en-GB": {
        "pdf": [
            "SUMMARY",
            "CONTENTS",
            "The argument at a glance",
            "Tensions at a glance",
            "Figure 1.",
            "Table 1.",
            "Page 2 of 5",
            "Cite this paper:",
            "10 March 2025",
            "17 June 2024",
            "NATO\u2019s",
        ],
        "html": ["<h2>Notes</h2>", "Sources"],
    },
    "de": {
        "pdf": [
            "ZUSAMMENFASSUNG",
            "KERNAUSSAGEN",
            "EMPFEHLUNGEN",
            "INHALT",
            "Die Argumentation im Überblick",
            "Spannungen im Überblick",
            "Abbildung 1.",
            "Tabelle 1.",
            "EMPFEHLUNG 1",
            "Quellen",
            "Seite 2 von",
            "Zitiervorschlag:",
            "10. März 2025",
            "17. Juni 2024",
            "„gemeinsam“",
            "Anhang A",
        ],
        "html": ["<h2>Anmerkungen</h2>", "<h2>Quellen</h2>", 'lang="de"'],
    },
    "he": {
        # pdftotext writes right-to-left lines in visual order, numbers apart: words one by one.
        "pdf": [
            "תקציר",
            "ממצאים עיקריים",
            "המלצות",
            "תוכן העניינים",
            "הטיעון במבט אחד",
            "המתחים במבט אחד",
            "איור",
            "טבלה",
            "המלצה",
            "מקורות",
            ":לציטוט",
            "עמוד",
            "מתוך",
            "במרץ",
            "ביוני",
            "”ביחד”",
        ],
        "html": ["<h2>הערות</h2>", "<h2>מקורות</h2>", 'lang="he"', 'dir="rtl"'],
    },
    "ar": {
        # Arabic does not come back out of a PDF as text (its joined letters and dots are
        # separate glyphs): the words are checked in the web page, the fonts with pdffonts.
        "pdf": ["مارس"],
        "html": [
            "ملخص",
            "النتائج الرئيسية",
            "التوصيات",
            "التوصية 1",
            "المحتويات",
            "الحجة في لمحة",
            "التوترات في لمحة",
            "الشكل 1",
            "الجدول 1",
            "<h2>الحواشي</h2>",
            "<h2>المصادر</h2>",
            "للاستشهاد بهذه الورقة:",
            "10 مارس 2025",
            "”معًا“",
            'lang="ar"',
            'dir="rtl"',
        ],
    },
}


@pytest.mark.parametrize("language", EDITIONS)
def test_each_edition_shows_its_languages_words_dates_and_quotes(built: Path, language: str) -> None:
    name = "eastern-flank" if language == "en-GB" else f"eastern-flank-{language}"
    text = re.sub(r"[ \t]+", " ", pdf_text(built, name))
    html = (built / f"{name}.html").read_text(encoding="utf-8")
    for expected in SHOWN[language]["pdf"]:
        assert expected in text, f"{language}: {expected!r} not in the PDF"
    for expected in SHOWN[language]["html"]:
        assert expected in html, f"{language}: {expected!r} not in the HTML"


def test_the_english_words_are_gone_from_the_translated_editions(built: Path) -> None:
    for language in EDITIONS[1:]:
        text = pdf_text(built, f"eastern-flank-{language}")
        for english in (
            "Summary",
            "SUMMARY",
            "KEY FINDINGS",
            "CONTENTS",
            "Figure ",
            "Table ",
            "Page ",
            "Cite this",
            "Recommendation",
            "at a glance",
            "March",
            "June",
            "Sources",
            '"',
        ):
            assert english not in text, f"{language}: {english!r} is still in the PDF"
