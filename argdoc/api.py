"""The Python API: the same pipeline as the command line, as functions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from argdoc.compiler import Result, compile_file, compile_text
from argdoc.diagnostics import Diagnostic, format_text

if TYPE_CHECKING:
    from argdoc.nodes import Paper
    from argdoc.render.options import RenderOptions


class ArgdocError(Exception):
    """A paper has error diagnostics; they are in `.diagnostics`."""

    def __init__(self, diagnostics: list[Diagnostic], result: Result | None = None) -> None:
        self.diagnostics = diagnostics
        self.result = result
        super().__init__(
            "\n".join(format_text(d, result.source_of(d.path) if result else None) for d in diagnostics if d.is_error)
        )


def check(text: str, path: str | Path | None = None) -> Result:
    """Compile text and return everything: the paper (if any) and all diagnostics."""
    return compile_text(text, path)


def _ensure(result: Result) -> Paper:
    if not result.ok or result.paper is None:
        raise ArgdocError([d for d in result.diagnostics if d.is_error], result)
    return result.paper


def parse(text: str, path: str | Path | None = None) -> Paper:
    """Parse and resolve text into a Paper; raise ArgdocError on any error diagnostic."""
    return _ensure(compile_text(text, path))


def load(path: str | Path) -> Paper:
    """Read, parse and resolve a .arg file; raise ArgdocError on any error diagnostic."""
    return _ensure(compile_file(path))


def render_html(paper: Paper, options: RenderOptions | None = None) -> str:
    """The paper as one self-contained HTML document."""
    from argdoc.render.html import render_html as _render

    return _render(paper, options)


def render_pdf(paper: Paper, options: RenderOptions | None = None) -> bytes:
    """The paper as PDF bytes (imports WeasyPrint on first use)."""
    from argdoc.render.pdf import render_pdf as _render

    return _render(paper, options)
