"""One document compiled and linted as `argdoc lint` would, and its diagnostics in LSP's terms.

The text comes from the editor (unsaved changes included); the files it
includes, and the lint configuration (the nearest argdoc.toml or
pyproject.toml `[tool.argdoc.lint]`), come from the disk, as for the CLI.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types

from argdoc.compiler import MAX_BYTES, Result, compile_text
from argdoc.config import ConfigError
from argdoc.diagnostics import Diagnostic, Severity
from argdoc.lsp.index import Index, build_index
from argdoc.lsp.positions import Positions

# Where each code is documented: lint rules on their rule page, the compiler's
# E codes in the language reference's table.
RULES_PAGE = "https://github.com/argdoc/argdoc/blob/main/docs/rules.md"
CODES_PAGE = "https://github.com/argdoc/argdoc/blob/main/docs/language.md#14-error-codes"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class Analysis:
    """What the server knows about one document after compiling it."""

    path: str
    text: str
    result: Result
    diagnostics: list[Diagnostic]
    config_problem: str | None = None
    # Each file of the paper as the editor holds it (the document) or as it was read (included files).
    positions: dict[str, Positions] = field(default_factory=dict)

    @functools.cached_property
    def index(self) -> Index | None:
        """The paper's ids and where they are written; built when a request first needs it, not at every change."""
        return build_index(self.result)

    def positions_of(self, path: str, encoding: str) -> Positions:
        """The converter for one file of the paper, made on first use."""
        known = self.positions.get(path)
        if known is None or known.encoding != encoding:
            text = self.text if path == self.path else self.result.source_of(path).text
            known = self.positions[path] = Positions(text, encoding)
        return known


def analyse(text: str, path: str, *, has_file: bool = True, max_bytes: int = MAX_BYTES) -> Analysis:
    """Compile and lint a document's text. `has_file=False` (an unsaved, untitled document): no includes, no config."""
    from argdoc.lint import lint
    from argdoc.lint.config import load_config

    result = compile_text(text, path, max_bytes, includes=has_file)
    problem = None
    try:
        config = load_config(Path(path).parent) if has_file else None
    except ConfigError as exc:
        config, problem = None, str(exc)
    return Analysis(path, text, result, lint(result, config), problem)


def rule_link(d: Diagnostic) -> str:
    """The page that documents a diagnostic's code."""
    if d.code.startswith("ARG"):
        return f"{RULES_PAGE}#{d.code.lower()}-{d.name}"
    return CODES_PAGE


def to_lsp(d: Diagnostic, analysis: Analysis, encoding: str, uri_for: Callable[[str], str]) -> types.Diagnostic:
    """An argdoc diagnostic as an LSP one: the hint joins the message, related places become related information.

    `uri_for` names each file of the paper as the client knows it.
    """
    related = []
    for note in d.related:
        where = analysis.positions_of(note.path, encoding).position(note.line, note.column)
        related.append(
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri_for(note.path), range=types.Range(start=where, end=where)),
                message=note.message,
            )
        )
    message = d.message + (f"\nhelp: {d.hint}" if d.hint else "")
    positions = analysis.positions_of(d.path, encoding)
    return types.Diagnostic(
        range=positions.range(d.line, d.column, d.end_line, max(d.end_column, d.column)),
        message=message,
        severity=_SEVERITY[d.severity],
        code=d.code,
        code_description=types.CodeDescription(href=rule_link(d)),
        source="argdoc",
        related_information=related or None,
        data={"name": d.name, "hint": d.hint, "statement": d.statement},
    )


def config_diagnostic(problem: str) -> types.Diagnostic:
    """A configuration file argdoc cannot use, shown at the top of the document."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=f"argdoc's lint configuration is wrong, so no lint rule ran: {problem}",
        severity=types.DiagnosticSeverity.Error,
        source="argdoc",
    )


def path_uri(path: str) -> str:
    """A file URI for a path argdoc names (an included file: relative to the main file's folder)."""
    return Path(path).absolute().as_uri()
