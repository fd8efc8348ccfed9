"""argdoc: a compiler for structured arguments.

    import argdoc
    paper = argdoc.load("examples/russia-iran.arg")
    html = argdoc.render_html(paper)
    pdf = argdoc.render_pdf(paper)

Rendering modules (Jinja2, WeasyPrint) are imported only when called.

The names below are imported on first use (PEP 562): importing a submodule,
such as `argdoc.cli` for the command line, runs this file first, and it should
not have to build the whole pipeline (Pydantic's models, Lark) before that
submodule can decide what it needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

_HOMES = {
    "ArgdocError": "argdoc.api",
    "check": "argdoc.api",
    "load": "argdoc.api",
    "parse": "argdoc.api",
    "render_html": "argdoc.api",
    "render_pdf": "argdoc.api",
    "Diagnostic": "argdoc.diagnostics",
    "Severity": "argdoc.diagnostics",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'argdoc' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
