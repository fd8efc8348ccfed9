"""The shape of a document: symbols (the outline), folding ranges and semantic tokens, from the tree's spans."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from lsprotocol import types

from argdoc.lsp.index import Index
from argdoc.lsp.positions import Positions
from argdoc.nodes import (
    AnyExhibit,
    AnyStatement,
    Appendix,
    Bibliography,
    DivisionBase,
    Paper,
    Section,
    Subsection,
)
from argdoc.source import Span
from argdoc.walk import squash

# How the outline shows each kind (VS Code picks the icon from it).
SYMBOL_KINDS = {
    "section": types.SymbolKind.Namespace,
    "claim": types.SymbolKind.Class,
    "component": types.SymbolKind.Struct,
    "tension": types.SymbolKind.Event,
    "source": types.SymbolKind.Constant,
    "subsection": types.SymbolKind.Namespace,
    "appendix": types.SymbolKind.Namespace,
    "bibliography": types.SymbolKind.Namespace,
    "table": types.SymbolKind.Array,
    "figure": types.SymbolKind.File,
    "chart": types.SymbolKind.Number,
}

# The semantic token types and modifiers the server sends, in the legend's order.
TOKEN_TYPES = ["keyword", "variable", "property", "string"]
TOKEN_MODIFIERS = ["declaration"]
_FIELD_NAME = re.compile(r"^[ \t]+([a-z][a-z0-9_-]*):")


class _Placed(Protocol):
    """A node written somewhere: the file it came from and its place there."""

    @property
    def origin(self) -> str | None: ...

    @property
    def span(self) -> Span | None: ...


_N = TypeVar("_N", bound=_Placed)


# A division of the outline: a section, appendix, subsection or the bibliography.
Division = Section | Appendix | Subsection | Bibliography
# What a division holds, besides its subsections.
Item = AnyStatement | AnyExhibit


def _own(nodes: Iterable[_N], origin: str | None = None) -> list[_N]:
    """The nodes written in the file (None: the main one) that have a place in it."""
    return [n for n in nodes if n.origin == origin and n.span is not None]


def _with_ends(divisions: Sequence[Division], last_line: int, positions: Positions) -> Iterator[tuple[Division, int]]:
    """Each division with the last line it owns: up to the next one (blank lines aside), or `last_line`."""
    for position, division in enumerate(divisions):
        following = divisions[position + 1] if position + 1 < len(divisions) else None
        assert division.span is not None
        end = following.span.line - 1 if following is not None and following.span is not None else last_line
        while end > division.span.end_line and not positions.line_text(end - 1).strip():
            end -= 1
        yield division, max(end, division.span.end_line)


def _top_divisions(paper: Paper) -> list[Division]:
    """The main file's sections, appendices and bibliography, in the file's order."""
    bibliography = [paper.bibliography] if paper.bibliography is not None else []
    return _own([*paper.sections, *paper.appendices, *bibliography])


def _subsections(division: Division) -> list[Division]:
    return list(_own(division.subsections)) if isinstance(division, Section | Appendix) else []


def _items(division: Division) -> list[Item]:
    flow = division.flow() if isinstance(division, DivisionBase) else list(division.statements)
    return _own(flow)


def _all_divisions(paper: Paper, positions: Positions) -> Iterator[tuple[Division, int]]:
    """Every division of the main file with its last line: each top one, then its subsections."""
    for division, end in _with_ends(_top_divisions(paper), positions.line_count, positions):
        yield division, end
        yield from _with_ends(_subsections(division), end, positions)


def document_symbols(paper: Paper, positions: Positions) -> list[types.DocumentSymbol]:
    """The outline: statements before the first section, then each division with what it holds."""
    symbols = [_symbol(s, positions) for s in _own(paper.statements)]
    for division, end in _with_ends(_top_divisions(paper), positions.line_count, positions):
        symbols.append(_division_symbol(division, end, positions))
    return symbols


def _division_symbol(division: Division, end: int, positions: Positions) -> types.DocumentSymbol:
    """A division's symbol: its statements and exhibits, then its subsections, each with theirs."""
    children = [_symbol(item, positions) for item in _items(division)]
    children += [
        _division_symbol(sub, sub_end, positions) for sub, sub_end in _with_ends(_subsections(division), end, positions)
    ]
    assert division.span is not None
    whole = Span(division.span.line, 1, end, len(positions.line_text(end - 1)) + 1)
    name = division.id or division.title
    return _make(name, division.kind, division.title, whole, division.id_span, positions, children)


def _symbol(item: Item, positions: Positions) -> types.DocumentSymbol:
    assert item.span is not None
    return _make(item.id, item.kind, item.title, item.span, item.id_span, positions, [])


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
    """A fold per division, statement and exhibit of the main file that spans more than a line."""
    folds = []
    for division, end in _all_divisions(paper, positions):
        assert division.span is not None
        folds.append((division.span.line, end))
    items: list[Item] = [*_own(paper.all_statements()), *_own(paper.all_exhibits())]
    folds += [(item.span.line, item.span.end_line) for item in items if item.span is not None]
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
    nodes: list[Division | Item] = [
        *(division for division, _end in _all_divisions(paper, positions)),
        *_own(paper.all_statements()),
        *_own(paper.all_exhibits()),
    ]
    for node in nodes:
        if node.span is not None:
            yield _Token(node.span.line, 1, len(node.kind), "keyword")
        if not isinstance(node, DivisionBase | Bibliography) and node.fields_span is not None:
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
