"""argdoc: a compiler for structured arguments.

    import argdoc
    paper = argdoc.load("examples/russia-iran.arg")
    html = argdoc.render_html(paper)
    pdf = argdoc.render_pdf(paper)

Rendering modules (Jinja2, WeasyPrint) are imported only when called.
"""

from __future__ import annotations

from argdoc.api import ArgdocError, check, load, parse, render_html, render_pdf
from argdoc.diagnostics import Diagnostic, Severity

__version__ = "0.1.0"

__all__ = [
    "ArgdocError",
    "Diagnostic",
    "Severity",
    "__version__",
    "check",
    "load",
    "parse",
    "render_html",
    "render_pdf",
]
