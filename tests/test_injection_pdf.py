"""Hostile text in every field of every node is inert in the PDF too: shown as text, never run."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from argdoc.render.pdf import render_pdf

from .test_render_html import hostile_paper

# Nothing in a PDF argdoc writes may run code, launch programs or embed files.
ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|SubmitForm|ImportData|RichMedia|OpenAction)\b")


def test_hostile_paper_prints_as_inert_text() -> None:
    pdf = render_pdf(hostile_paper())
    reader = PdfReader(io.BytesIO(pdf))
    raw = b"".join(page.get_contents().get_data() for page in reader.pages if page.get_contents() is not None)
    assert ACTIVE.search(pdf) is None and ACTIVE.search(raw) is None
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert text.count("<script>alert`1`</script>") >= 10  # the payload is there, as words on the page
    assert "{{ 7*7 }}" in text and "{{ 49 }}" not in text
    links = [
        annot.get_object()["/A"].get("/URI", "")
        for page in reader.pages
        for annot in page.get("/Annots", []) or []
        if "/A" in annot.get_object()
    ]
    assert links, "the paper has safe links, which stay clickable"
    for uri in links:
        assert str(uri).startswith(("https://", "http://", "mailto:", "#")), uri
