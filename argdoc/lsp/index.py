"""Every id of a paper where it is defined and where it is used, from the resolved tree.

Resolution (argdoc.resolve) already knows which node each id names; the tree
knows where each id was written (a statement's `id_span`, a reference's
`span`, a citation's). The index puts those places side by side, per file, so
that the server can answer "what is under the cursor", "where is it
defined", "where is it used" and "what changes when it is renamed" without
reading the text again. The one exception is `include "path"` lines, which
leave no node in the tree: they are found with argdoc.syntax's INCLUDE_LINE,
the pattern the folder scan uses.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from argdoc.compiler import Result
from argdoc.nodes import AnyStatement, Block
from argdoc.resolve import Definition, citations_in
from argdoc.source import SourceFile, Span
from argdoc.syntax import INCLUDE_LINE, RELATIONS

Role = Literal["definition", "reference", "citation", "include"]


@dataclass(frozen=True)
class Occurrence:
    """An id (or an included path) as written: where, in which role, and what kind it must name.

    `path` is the file as argdoc names it (Result.sources); lines and columns are
    argdoc's (1-based, characters) and cover the id alone, never a citation's `@`.
    """

    ident: str
    path: str
    line: int
    column: int
    end_column: int
    role: Role
    wanted: str | None = None  # a reference's or citation's kind: claim, component, source

    def contains(self, line: int, column: int) -> bool:
        """Whether a cursor at (line, column) touches the id (its end counts: the cursor just after a word)."""
        return line == self.line and self.column <= column <= self.end_column


@dataclass
class Index:
    """The occurrences of one compiled paper, by file, in document order."""

    main: str
    definitions: dict[str, Definition]
    occurrences: dict[str, list[Occurrence]] = field(default_factory=dict)
    # The file each included path leads to, by (including file, path as written).
    include_targets: dict[tuple[str, str], str] = field(default_factory=dict)

    def at(self, path: str, line: int, column: int) -> Occurrence | None:
        """The occurrence under a cursor, if any."""
        found = self.occurrences.get(path, [])
        start = bisect.bisect_left(found, (line,), key=lambda o: (o.line,))
        for occurrence in found[start:]:
            if occurrence.line != line:
                break
            if occurrence.contains(line, column):
                return occurrence
        return None

    def uses(self, ident: str) -> Iterator[Occurrence]:
        """Every occurrence of an id, its definitions included, file by file."""
        for found in self.occurrences.values():
            yield from (o for o in found if o.ident == ident and o.role != "include")

    def definition(self, ident: str) -> Occurrence | None:
        """Where an id is (first) defined."""
        return next((o for o in self.uses(ident) if o.role == "definition"), None)

    def kind_of(self, ident: str) -> str | None:
        node = self.definitions.get(ident)
        return node.kind if node is not None else None


def build_index(result: Result) -> Index | None:
    """The index of a compiled paper; None when it has no tree (a syntax error stopped it)."""
    if result.paper is None or result.resolution is None:
        return None
    main = result.source.path
    collector = _Collector(main, result.sources or {main: result.source})
    paper = result.paper
    collector.blocks(main, paper.meta.summary)
    for section in paper.sections:
        file = section.origin or main
        if section.id is not None:
            collector.definition(section.id, file, section.id_span)
        collector.blocks(file, section.body)
    for statement in paper.all_statements():
        collector.statement(statement, statement.origin or main)
    # Every entry of the reference files too (#12): `[@` completion offers the whole library.
    library = {
        key: entry for key, entry in result.resolution.library.items() if key not in result.resolution.definitions
    }
    index = Index(main, {**result.resolution.definitions, **library})
    for path, source in collector.sources.items():
        collector.includes(path, source, index.include_targets)
    for path, found in collector.found.items():
        index.occurrences[path] = sorted(found, key=lambda o: (o.line, o.column))
    return index


@dataclass
class _Collector:
    main: str
    sources: dict[str, SourceFile]
    found: dict[str, list[Occurrence]] = field(default_factory=dict)

    def add(self, occurrence: Occurrence) -> None:
        self.found.setdefault(occurrence.path, []).append(occurrence)

    def definition(self, ident: str, path: str, span: Span | None) -> None:
        if span is not None:
            self.add(Occurrence(ident, path, span.line, span.column, span.end_column, "definition"))

    def statement(self, statement: AnyStatement, path: str) -> None:
        self.definition(statement.id, path, statement.id_span)
        for _relation, attribute, wanted in RELATIONS[statement.kind]:
            for ref in getattr(statement, attribute):
                if ref.span is not None:
                    span = ref.span
                    self.add(Occurrence(ref.id, path, span.line, span.column, span.end_column, "reference", wanted))
        self.blocks(path, statement.body)

    def blocks(self, path: str, blocks: Iterable[Block]) -> None:
        source = self.sources.get(path)
        for cite in citations_in(blocks):
            span = cite.span
            if span is None or span.line != span.end_line:
                continue
            # A citation's span starts at its `@`; the id is what follows.
            at = source is not None and source.line_text(span.line)[span.column - 1 : span.column] == "@"
            column = span.column + 1 if at else span.column
            self.add(Occurrence(cite.source, path, span.line, column, span.end_column, "citation", "source"))

    def includes(self, path: str, source: SourceFile, targets: dict[tuple[str, str], str]) -> None:
        if "include" not in source.text:
            return
        for match in INCLUDE_LINE.finditer(source.text):
            line, column = source.position(match.start(1))
            written = match.group(1)
            self.add(Occurrence(written, path, line, column, column + len(written), "include"))
            targets[(path, written)] = str(Path(path).parent / written)
