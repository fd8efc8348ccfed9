"""The shape of a document: symbols (the outline), folding ranges and semantic tokens, from the tree's spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lsprotocol import types

from argdoc.lsp.index import Index
from argdoc.lsp.positions import Positions
from argdoc.nodes import AnyStatement, Paper, Section
from argdoc.source import Span
from argdoc.walk import squash

# How the outline shows each kind (VS Code picks the icon from it).
SYMBOL_KINDS = {
    "section": types.SymbolKind.Namespace,
    "claim": types.SymbolKind.Class,
    "component": types.SymbolKind.Struct,
    "tension": types.SymbolKind.Event,
    "source": types.SymbolKind.Constant,
}

# The semantic token types and modifiers the server sends, in the legend's order.
TOKEN_TYPES = ["keyword", "variable", "property", "string"]
TOKEN_MODIFIERS = ["declaration"]
_FIELD_NAME = re.compile(r"^[ \t]+([a-z][a-z0-9_-]*):")


def _in_file(node: AnyStatement | Section, origin: str | None) -> bool:
    return node.origin == origin


def _sections_with_ends(paper: Paper, positions: Positions) -> Iterator[tuple[Section, int]]:
    """Each section of the main file with the last line it owns (before the next one, blank lines aside)."""
    last_line = positions.line_count
    own = [s for s in paper.sections if s.origin is None and s.span is not None]
    for section, following in zip(own, [*own[1:], None], strict=True):
        assert section.span is not None
        end = following.span.line - 1 if following is not None and following.span is not None else last_line
        while end > section.span.end_line and not positions.line_text(end - 1).strip():
            end -= 1
        yield section, max(end, section.span.end_line)


def document_symbols(paper: Paper, positions: Positions) -> list[types.DocumentSymbol]:
    """The outline: statements before the first section, then each section with its statements."""
    symbols = [_symbol(s, positions) for s in paper.statements if s.origin is None and s.span is not None]
    for section, end in _sections_with_ends(paper, positions):
        children = [_symbol(s, positions) for s in section.statements if s.origin is None and s.span is not None]
        assert section.span is not None
        whole = Span(section.span.line, 1, end, len(positions.line_text(end - 1)) + 1)
        symbols.append(
            _make(section.id or section.title, "section", section.title, whole, section.id_span, positions, children)
        )
    return symbols


def _symbol(statement: AnyStatement, positions: Positions) -> types.DocumentSymbol:
    assert statement.span is not None
    return _make(statement.id, statement.kind, statement.title, statement.span, statement.id_span, positions, [])


def _make(
    name: str,
    kind: str,
    title: str | None,
    span: Span,
    id_span: Span | None,
    positions: Positions,
    children: list[types.DocumentSymbol],
) -> types.DocumentSymbol:
    whole = positions.range(span.line, span.column, span.end_line, span.end_column)
    chosen = id_span or Span(span.line, 1, span.line, 1 + len(kind))
    return types.DocumentSymbol(
        name=name,
        detail=f"{kind} “{squash(title)}”" if title else kind,
        kind=SYMBOL_KINDS[kind],
        range=whole,
        selection_range=positions.range(chosen.line, chosen.column, chosen.end_line, chosen.end_column),
        children=children or None,
    )


def folding_ranges(paper: Paper, positions: Positions) -> list[types.FoldingRange]:
    """A fold per statement and per section of the main file that spans more than a line."""
    folds = []
    for section, end in _sections_with_ends(paper, positions):
        assert section.span is not None
        folds.append((section.span.line, end))
    folds += [(s.span.line, s.span.end_line) for s in paper.all_statements() if s.origin is None and s.span is not None]
    return [
        types.FoldingRange(start_line=start - 1, end_line=end - 1, kind=types.FoldingRangeKind.Region)
        for start, end in sorted(set(folds))
        if end > start
    ]


@dataclass(frozen=True)
class _Token:
    line: int
    column: int
    length: int  # in characters
    type: str
    modifiers: int = 0


def semantic_tokens(paper: Paper, index: Index, positions: Positions) -> list[int]:
    """LSP's relative encoding of the main file's tokens: keywords, ids, field names, included paths."""
    tokens = list(_tokens(paper, index, positions))
    data: list[int] = []
    previous = types.Position(line=0, character=0)
    for token in sorted(tokens, key=lambda t: (t.line, t.column)):
        start = positions.position(token.line, token.column)
        end = positions.position(token.line, token.column + token.length)
        same_line = start.line == previous.line
        data += [
            start.line - previous.line,
            start.character - previous.character if same_line else start.character,
            end.character - start.character,
            TOKEN_TYPES.index(token.type),
            token.modifiers,
        ]
        previous = start
    return data


def _tokens(paper: Paper, index: Index, positions: Positions) -> Iterator[_Token]:
    for node in [
        *(s for s in paper.sections if s.origin is None),
        *(s for s in paper.all_statements() if s.origin is None),
    ]:
        if node.span is not None:
            yield _Token(node.span.line, 1, len(node.kind), "keyword")
        if not isinstance(node, Section) and node.fields_span is not None:
            for line in range(node.fields_span.line, node.fields_span.end_line + 1):
                if field_name := _FIELD_NAME.match(positions.line_text(line - 1)):
                    yield _Token(line, field_name.start(1) + 1, len(field_name.group(1)), "property")
    for occurrence in index.occurrences.get(index.main, []):
        length = occurrence.end_column - occurrence.column
        if occurrence.role == "include":
            yield _Token(occurrence.line, occurrence.column, length, "string")
        else:
            declaration = 1 if occurrence.role == "definition" else 0
            yield _Token(occurrence.line, occurrence.column, length, "variable", declaration)
