"""PDF rendering through WeasyPrint, checked through pypdf's text and metadata (never bytes)."""

from __future__ import annotations

import datetime
import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from argdoc.render.options import RenderOptions
from argdoc.render.pdf import render_pdf
from tests.test_render_html import SAMPLE, compile_paper


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture(scope="module")
def sample_pdf() -> PdfReader:
    return read(render_pdf(compile_paper(SAMPLE)))


def long_paper(statements: int = 12) -> str:
    """SAMPLE with enough components to need several pages."""
    paragraph = "Russia weighs its interests in the region against its standing as a great power. " * 12
    extra = "".join(
        f'component filler-{n} "Filler component {n}":\n    supports: thesis\n    {paragraph}\n\n'
        for n in range(statements)
    )
    return SAMPLE.replace("source interfax", extra + "source interfax", 1)


def test_pdf_contains_title_statements_and_sources(sample_pdf: PdfReader) -> None:
    text = " ".join(page_texts(sample_pdf))
    assert "Tensions in Russian - Iranian relations" in text
    assert "Ivanov's statements pull in two directions" in text
    assert "Putin spoke out against US unilateralism" in text
    assert "Sources" in text
    assert "Petrov, Ivan." in text and "Interfax Politics, March 18, 2007." in text


def test_pdf_metadata_comes_from_the_paper(sample_pdf: PdfReader) -> None:
    metadata = sample_pdf.metadata
    assert metadata is not None
    assert metadata.title == "Tensions in Russian - Iranian relations"
    assert metadata.author == "Jane Smith, John Doe"
    assert metadata.subject == "Statements by Ivanov reflect tensions."
    assert str(metadata["/Keywords"]) == "Russia, Iran"
    assert metadata.creation_date is not None
    assert metadata.creation_date.date() == datetime.date(2007, 3, 20)
    assert metadata.modification_date is not None
    assert metadata.modification_date.date() == datetime.date(2007, 3, 20)
    assert str(sample_pdf.root_object["/Lang"]) == "en-US"


def test_multi_page_paper_has_page_x_of_y_footers_but_not_on_the_cover() -> None:
    texts = page_texts(read(render_pdf(compile_paper(long_paper()))))
    count = len(texts)
    assert count >= 3
    assert f"Page 1 of {count}" not in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {count}" in text
        # The running head repeats the paper's title and series.
        assert "Tensions in Russian - Iranian relations" in text
    # The source list closes the paper.
    assert "Sources" in texts[-1]


@pytest.mark.parametrize(
    ("page_size", "width", "height"),
    [("A4", 595.3, 841.9), ("Letter", 612.0, 792.0)],
)
def test_page_size_follows_the_options(page_size: str, width: float, height: float) -> None:
    options = RenderOptions(page_size=page_size)  # type: ignore[arg-type]
    box = read(render_pdf(compile_paper(SAMPLE), options)).pages[0].mediabox
    assert float(box.width) == pytest.approx(width, abs=1)
    assert float(box.height) == pytest.approx(height, abs=1)


def test_tagged_option_gives_a_pdf_ua_structure_tree() -> None:
    plain = read(render_pdf(compile_paper(SAMPLE)))
    tagged = read(render_pdf(compile_paper(SAMPLE), RenderOptions(tagged=True)))
    assert "/StructTreeRoot" not in plain.root_object
    assert "/StructTreeRoot" in tagged.root_object
    assert "Ivanov's statements pull in two directions" in " ".join(page_texts(tagged))


def test_paper_without_metadata_still_renders() -> None:
    reader = read(render_pdf(compile_paper("claim c:\n    Text.\n"), RenderOptions(fallback_title="notes")))
    assert reader.metadata is not None and reader.metadata.title == "notes"
    assert reader.metadata.creation_date is None  # no date in the paper: none is invented


def test_render_with_the_papers_folder_as_base(tmp_path: Path) -> None:
    reader = read(render_pdf(compile_paper(SAMPLE), RenderOptions(base_dir=tmp_path)))
    assert "Sources" in " ".join(page_texts(reader))


def test_importing_the_renderers_does_not_load_weasyprint() -> None:
    code = "import sys, argdoc.render.pdf, argdoc.render.html; print('weasyprint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
