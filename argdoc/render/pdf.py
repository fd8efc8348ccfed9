"""A paper as PDF bytes: the HTML of argdoc.render.html, printed by WeasyPrint.

WeasyPrint is imported inside the functions, never at module import: loading
it costs about half a second (Pango and HarfBuzz through cffi), and `argdoc
lint` must not pay for it.

WeasyPrint reports problems (a resource it could not load, a refused URL) by
logging them and carrying on. Here its ERROR records are collected while a
document renders and raised as one `RenderError`, so a PDF is never silently
missing something. Metadata comes from the HTML head: `<title>`, the author,
description and keyword metas, `dcterms.created/modified` and `<html lang>`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from argdoc.nodes import Paper
from argdoc.render.fetcher import fetcher_class, is_allowed, sandboxed_fetcher
from argdoc.render.html import render_html
from argdoc.render.options import RenderOptions

__all__ = ["RenderError", "fetcher_class", "is_allowed", "pdf_from_html", "render_pdf", "sandboxed_fetcher"]


class RenderError(RuntimeError):
    """WeasyPrint reported errors while printing; `messages` lists them."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = tuple(messages)
        super().__init__("the PDF could not be rendered cleanly:\n" + "\n".join(f"  {m}" for m in messages))


class _ErrorCollector(logging.Handler):
    """Keeps the ERROR records one thread logs to the `weasyprint` logger.

    Only the rendering thread's records count: two papers printed at once in
    one process must not blame each other's problems.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


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


def pdf_from_html(html: str, base_dir: Path | None = None, **options: Any) -> bytes:
    """Print an HTML document with WeasyPrint, reading only what the sandbox allows.

    `base_dir` is the folder relative URLs resolve against and the only place
    files may be read from. Extra keyword arguments go to `write_pdf`.
    Raises RenderError if WeasyPrint logged any error.
    """
    import weasyprint  # type: ignore[import-untyped]
    from weasyprint.urls import FatalURLFetchingError  # type: ignore[import-untyped]

    fetcher = sandboxed_fetcher(base_dir)
    # A trailing separator makes the folder itself the base, not its parent.
    base_url = base_dir.resolve().as_uri() + "/" if base_dir is not None else None
    with weasyprint_errors() as errors:
        try:
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
            pdf: bytes = document.write_pdf(presentational_hints=False, **options)
        except FatalURLFetchingError as error:
            # A BaseException in WeasyPrint: an ordinary error from here on.
            raise RenderError([*errors, str(error)]) from error
    if errors:
        raise RenderError(errors)
    return pdf


def render_pdf(paper: Paper, options: RenderOptions | None = None) -> bytes:
    """The paper as PDF bytes (imports WeasyPrint on first use)."""
    options = options or RenderOptions()
    # PDF/UA-1 takes its structure tree from the semantic HTML, in DOM order.
    variant = {"pdf_variant": "pdf/ua-1"} if options.tagged else {}
    return pdf_from_html(render_html(paper, options), options.base_dir, **variant)
