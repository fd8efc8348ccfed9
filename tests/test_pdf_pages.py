"""The printed pages of the examples, measured (#11): no page but the last is mostly blank.

Each example is built with `argdoc build` into a temporary folder, with a variant
whose summary is far longer than a page, and its pages are read back with
poppler's `pdftotext -bbox`: the lowest line of text on a page says how much of
it is used.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES

LONG_SUMMARY = "long-summary"
PAPERS = (*sorted(p.stem for p in EXAMPLES.glob("*.arg")), LONG_SUMMARY)

# The running foot (the page number) is set in the bottom margin: it is not the page's text.
_FOOT = 0.92


def _long_summary_variant(folder: Path) -> None:
    """carbon-border-tax with a summary of twelve paragraphs: longer than the cover can hold."""
    text = (folder / "carbon-border-tax.arg").read_text(encoding="utf-8")
    paragraph = (
        "    A border adjustment prices the carbon in imports as the emissions trading system prices\n"
        "    it at home, so that a producer inside the Union competes on equal terms with one outside\n"
        "    it; the revenue it raises can be returned to the poorest exporters as support.\n"
    )
    head, rest = text.split("summary:\n", 1)
    (folder / f"{LONG_SUMMARY}.arg").write_text(
        head + "summary:\n" + "\n".join([paragraph] * 12) + "\n" + rest, encoding="utf-8"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    folder = tmp_path_factory.mktemp("pages")
    shutil.copytree(EXAMPLES, folder, dirs_exist_ok=True)
    _long_summary_variant(folder)
    papers = [str(folder / f"{name}.arg") for name in PAPERS]
    result = subprocess.run(
        [sys.executable, "-m", "argdoc", "build", *papers, "--format", "pdf", "-o", str(folder / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return folder / "out"


def page_lines(pdf: Path) -> list[list[tuple[float, str]]]:
    """Each page's lines of text: (the bottom of the line as a fraction of the page's height, its words)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    line_re = re.compile(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', re.S)
    pages = []
    for height, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', xml.stdout, re.S):
        lines = []
        for bottom, line in line_re.findall(body):
            words = " ".join(re.findall(r">([^<]*)</word>", line))
            lines.append((float(bottom) / float(height), words))
        pages.append(lines)
    return pages


@pytest.mark.parametrize("name", PAPERS)
def test_no_page_but_the_last_is_more_than_half_empty(built: Path, name: str) -> None:
    pages = page_lines(built / f"{name}.pdf")
    assert len(pages) >= 2
    for number, lines in enumerate(pages[:-1], start=1):
        lowest = max((bottom for bottom, _ in lines if bottom < _FOOT), default=0.0)
        assert lowest > 0.5, f"{name}.pdf: page {number} is used down to {lowest:.0%} of its height"


def test_a_long_summary_breaks_across_pages_with_its_label_on_the_first(built: Path) -> None:
    pages = page_lines(built / f"{LONG_SUMMARY}.pdf")
    first = [words for _, words in pages[0]]
    label = first.index("SUMMARY")  # the label is set in capitals
    assert len(first) - label >= 4, "the label is followed on the cover by the summary's first lines"
    second = " ".join(words for _, words in pages[1])
    assert "the revenue it raises can be returned" in second, "the summary runs on to page 2"
