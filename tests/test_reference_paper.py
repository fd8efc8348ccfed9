"""The reference paper, compiled end to end: every sentence of the seed brief is in
the HTML a browser shows and in the text of the PDF, with its sources."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import EXAMPLES, fold_quotes
from .seed_sentences import SEED_SENTENCES

PAPER = EXAMPLES / "russia-iran.arg"


class _Text(HTMLParser):
    """The visible text of an HTML document (no <head>, <style> or <script>)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _normalise(text: str) -> str:
    # WeasyPrint hyphenates with U+2010; a line break after it is not a space.
    text = text.replace("\u2010\n", "")
    return re.sub(r"\s+", " ", text)


# The seed brief types straight quotes and apostrophes; the paper shows its language's
# typographic ones (#11, argdoc.render.typography), which are the intended output.
@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        [sys.executable, "-m", "argdoc", "build", str(PAPER), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "the reference paper builds without a single diagnostic"
    return out


@pytest.fixture(scope="module")
def html_text(built: Path) -> str:
    parser = _Text()
    parser.feed((built / "russia-iran.html").read_text(encoding="utf-8"))
    return _normalise(html.unescape("".join(parser.parts)))


@pytest.fixture(scope="module")
def pdf_text(built: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", str(built / "russia-iran.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return _normalise(_without_running_heads(text))


def _without_running_heads(text: str) -> str:
    """Page text joined across page breaks, without running headers and footers.

    A sentence that runs over a page break must read as one sentence again.
    """
    pages = text.split("\f")
    kept = []
    for number, page in enumerate(pages):
        lines = [line for line in page.splitlines() if not re.fullmatch(r"Page \d+ of \d+", line.strip())]
        if number > 0 and lines and lines[0].strip() == "Tensions in Russian - Iranian relations":
            lines = lines[1:]
        kept.append("\n".join(lines))
    return "\n".join(kept)


@pytest.mark.parametrize("sentence", SEED_SENTENCES)
def test_every_seed_sentence_is_in_the_html(html_text: str, sentence: str) -> None:
    """Every seed sentence, word for word; quotation marks are compared folded to straight ones,
    since the page shows typographic quotes where the seed has straight ones (#11)."""
    assert fold_quotes(_normalise(sentence)) in fold_quotes(html_text)


@pytest.mark.parametrize("sentence", SEED_SENTENCES)
def test_every_seed_sentence_is_in_the_pdf(pdf_text: str, sentence: str) -> None:
    """As in the HTML: word for word, quotation marks folded to straight ones before comparing (#11)."""
    assert fold_quotes(_normalise(sentence)) in fold_quotes(pdf_text)


@pytest.mark.parametrize(
    ("outlet", "date"),
    [("Haaretz", "March 20, 2007"), ("China View", "March 18, 2007"), ("Interfax Politics", "March 18, 2007")],
)
def test_sources_are_listed_at_the_end(html_text: str, pdf_text: str, outlet: str, date: str) -> None:
    for text in (html_text, pdf_text):
        sources = text.rsplit("Sources", 1)[1]
        assert f"{outlet}. {date}" in sources


def test_quotations_are_attributed_to_interfax(pdf_text: str) -> None:
    """Each Ivanov quotation carries a footnote call whose note names Interfax (the apostrophe typographic, #11)."""
    assert "threat to Russia’s interests”1. At the same time" in pdf_text
    assert "internal affairs.”2" in pdf_text
    assert "1. Interfax Politics, March 18, 2007." in pdf_text
    assert "2. Interfax Politics, March 18, 2007." in pdf_text


def test_pdf_metadata(built: Path) -> None:
    reader = PdfReader(built / "russia-iran.pdf")
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Tensions in Russian - Iranian relations"
    assert meta.author == "The Reut Institute"
    assert meta.creation_date is not None and meta.creation_date.date().isoformat() == "2007-03-20"
    assert reader.trailer["/Root"]["/Lang"] == "en-US"
    assert len(reader.pages) >= 2
    assert "Page 2 of" in reader.pages[1].extract_text()
    assert "Page" not in reader.pages[0].extract_text()  # no footer on the cover
