"""A paper as PDF bytes: the print HTML of argdoc.render.html, typeset by WeasyPrint.

WeasyPrint is imported inside the functions, never at module import: loading
it costs about half a second (Pango and HarfBuzz through cffi), and `argdoc
lint` must not pay for it.

WeasyPrint reports problems (a resource it could not load, a refused URL) by
logging them and carrying on. Here its ERROR records, and its warning that a
font face could not be loaded, are collected while a document renders and
raised as one `RenderError`, so a PDF is never silently missing something.

Metadata comes from the HTML head: `<title>`, the author, description and
keyword metas, `dcterms.created/modified` (the paper's date) and `<html
lang>`. The PDF is tagged (PDF/UA-1) unless the options ask otherwise.

The same paper gives the same bytes: every date comes from the paper, and
`SOURCE_DATE_EPOCH` is set to the paper's date while WeasyPrint works (unless
the caller set it), because fontTools, WeasyPrint's fallback font subsetter
when libharfbuzz-subset is missing, stamps the current time into fonts.
"""

from __future__ import annotations

import datetime
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from argdoc.nodes import Paper
from argdoc.render.fetcher import fetcher_class, is_allowed, sandboxed_fetcher
from argdoc.render.fonts import STATIC_DIR
from argdoc.render.html import print_document
from argdoc.render.options import RenderOptions

__all__ = ["RenderError", "fetcher_class", "is_allowed", "pdf_from_html", "render_pdf", "sandboxed_fetcher"]

# The one warning that is an error for argdoc: a bundled font did not load, so
# the PDF would silently fall back to whatever the machine has.
_FONT_FAILURE = "Font-face"


class RenderError(RuntimeError):
    """WeasyPrint reported errors while printing; `messages` lists them."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = tuple(messages)
        super().__init__("the PDF could not be rendered cleanly:\n" + "\n".join(f"  {m}" for m in messages))


class _ErrorCollector(logging.Handler):
    """Keeps the ERROR records (and font-failure warnings) one thread logs to the `weasyprint` logger.

    Only the rendering thread's records count: two papers printed at once in
    one process must not blame each other's problems.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        message = record.getMessage()
        if record.levelno >= logging.ERROR or message.startswith(_FONT_FAILURE):
            self.messages.append(message)


@contextmanager
def weasyprint_errors() -> Iterator[list[str]]:
    """Collect the errors WeasyPrint logs inside the block (the list fills as they come)."""
    logger = logging.getLogger("weasyprint")
    collector = _ErrorCollector()
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)


@contextmanager
def source_date_epoch(date: datetime.date | None) -> Iterator[None]:
    """`SOURCE_DATE_EPOCH` set to midnight UTC of `date` inside the block, unless already set."""
    if date is None or "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    moment = datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def pdf_from_html(html: str, base_dir: Path | None = None, *, font_css: str = "", **options: Any) -> bytes:
    """Print an HTML document with WeasyPrint, reading only what the sandbox allows.

    `base_dir` is the folder relative URLs resolve against and, with argdoc's
    font folder, the only place files may be read from. `font_css` holds
    `@font-face` rules whose URLs are relative to argdoc's static folder.
    Extra keyword arguments go to `write_pdf`. Raises RenderError if
    WeasyPrint logged any error.
    """
    import weasyprint  # type: ignore[import-untyped]
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
    from weasyprint.urls import FatalURLFetchingError  # type: ignore[import-untyped]

    fetcher = sandboxed_fetcher(base_dir)
    # A trailing separator makes the folder itself the base, not its parent.
    base_url = base_dir.resolve().as_uri() + "/" if base_dir is not None else None
    with weasyprint_errors() as errors:
        try:
            fonts = FontConfiguration()
            sheets = []
            if font_css:
                static = STATIC_DIR.as_uri() + "/"
                sheets.append(weasyprint.CSS(string=font_css, base_url=static, url_fetcher=fetcher, font_config=fonts))
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
            pdf: bytes = document.write_pdf(
                stylesheets=sheets, font_config=fonts, presentational_hints=False, **options
            )
        except FatalURLFetchingError as error:
            # A BaseException in WeasyPrint: an ordinary error from here on.
            raise RenderError([*errors, str(error)]) from error
    if errors:
        raise RenderError(errors)
    return pdf


def render_pdf(paper: Paper, options: RenderOptions | None = None) -> bytes:
    """The paper as PDF bytes (imports WeasyPrint on first use)."""
    options = options or RenderOptions()
    document = print_document(paper, options)
    variant = options.weasyprint_variant
    extra = {"pdf_variant": variant} if variant else {}
    with source_date_epoch(paper.meta.date):
        return pdf_from_html(document.html, options.base_dir, font_css=document.font_css, **extra)
