"""Resolution: the symbol table, every reference checked, the relation graph.

Statements and sections share one namespace (ids are also HTML anchors).
A reference to an undefined id, to the wrong kind of statement or to its own
statement is an error at the reference, with the definition as a note.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from argdoc import codes
from argdoc.codes import Code
from argdoc.diagnostics import Diagnostic, Related, make
from argdoc.nodes import (
    AnyDivision,
    AnyExhibit,
    AnyStatement,
    Bibliography,
    Block,
    Blockquote,
    Chart,
    Citation,
    Emphasis,
    Figure,
    Inline,
    Link,
    Paper,
    Paragraph,
    Quotation,
    Reference,
    StatementBase,
    Strong,
    Table,
    Tension,
    Text,
)
from argdoc.pipe_table import number
from argdoc.source import SourceFile, Span
from argdoc.syntax import RELATIONS

Definition = AnyStatement | AnyDivision | Bibliography | AnyExhibit


@dataclass(frozen=True)
class Edge:
    """A relation from one statement to another: supports, opposes, between, bears-on, cites."""

    relation: str
    source: str
    target: str


@dataclass
class Resolution:
    """What resolution learned: ids to nodes, the edges between them, citations per source."""

    paper: Paper
    definitions: dict[str, Definition] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    # Sources by id: the statements that cite them (a source cited only from the
    # summary or a section's introduction has an empty list).
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # For each statement of paper.all_statements(), in that order (ids may be
    # duplicated in a paper with errors, positions may not): the ids of the
    # defined sources its body cites, in order, without repeats.
    statement_citations: list[tuple[str, ...]] = field(default_factory=list, repr=False)

    def statement(self, ident: str) -> AnyStatement | None:
        node = self.definitions.get(ident)
        return node if isinstance(node, StatementBase) else None


def _relations(statement: AnyStatement) -> Iterator[tuple[str, str, Reference]]:
    """Each reference in the statement's relation fields (argdoc.syntax): the relation, the kind it names, the id."""
    for relation, attribute, wanted in RELATIONS[statement.kind]:
        for ref in getattr(statement, attribute):
            yield relation, wanted, ref


def citations_in(blocks: Iterable[Block]) -> list[Citation]:
    """Every citation in a run of blocks, including those of quotations, in reading order."""
    found: list[Citation] = []
    for block in blocks:
        if isinstance(block, Blockquote) and block.citation is not None:
            found.append(block.citation)
        _inline_citations(block.children, found)
    return found


def _inline_citations(nodes: Iterable[Inline], found: list[Citation]) -> None:
    # A list filled in place, not nested generators: resolution and several
    # lint rules walk every paragraph, and most inline nodes are plain text.
    for node in nodes:
        if isinstance(node, Text):
            continue
        if isinstance(node, Citation):
            found.append(node)
        elif isinstance(node, Quotation):
            found.append(node.citation)
            _inline_citations(node.children, found)
        elif isinstance(node, Emphasis | Strong | Link):
            _inline_citations(node.children, found)


# How many id comparisons the did-you-mean hints of one paper may make when
# the one-edit index finds nothing: each full comparison looks at every id of
# the kind, so unbounded it made 20,000 undefined references take minutes.
_COMPARISON_BUDGET = 200_000


class NearestId:
    """The defined id a mistyped one most resembles, for "did you mean" hints.

    First an index of every id and its one-character deletions (as SymSpell
    does): a query and its deletions meet an id within about two edits in
    time linear in the query's length. Only when that finds nothing does it
    compare the query with every id of the kind (difflib, as before), and
    only while a budget for the whole paper lasts; after that there is no
    hint. The index is built on first use, when every id is defined.
    """

    def __init__(self, definitions: dict[str, Definition]) -> None:
        self._definitions = definitions
        self._index: dict[tuple[str, str], set[str]] | None = None
        self._by_kind: dict[str, list[str]] = {}
        self._budget = _COMPARISON_BUDGET

    def closest(self, ident: str, kind: str) -> str | None:
        index = self._index if self._index is not None else self._build()
        near: set[str] = set()
        for variant in _deletions(ident):
            near |= index.get((kind, variant), set())
        near.discard(ident)
        # The same cutoff as difflib's: ids of one or two letters meet at "" but are not alike.
        scored = [(difflib.SequenceMatcher(None, ident, other).ratio(), other) for other in sorted(near)]
        best = max(scored, default=(0.0, ""), key=lambda pair: pair[0])
        if best[0] >= 0.6:
            return best[1]
        candidates = self._by_kind.get(kind, [])
        if len(candidates) > self._budget:
            return None
        self._budget -= len(candidates)
        close = difflib.get_close_matches(ident, candidates, n=1)
        return close[0] if close else None

    def _build(self) -> dict[tuple[str, str], set[str]]:
        index: dict[tuple[str, str], set[str]] = {}
        for ident, node in self._definitions.items():
            self._by_kind.setdefault(node.kind, []).append(ident)
            for variant in _deletions(ident):
                index.setdefault((node.kind, variant), set()).add(ident)
        self._index = index
        return index


def _deletions(word: str) -> set[str]:
    """The word and every string one character shorter; long ids stop at 64 (beyond, a typo is unlikely)."""
    word = word[:64]
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


@dataclass
class Resolver:
    source: SourceFile
    result: Resolution
    # Every file of the paper by path: included statements report into their own file.
    sources: dict[str, SourceFile] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.current = self.source
        self._citing: set[tuple[str, str]] = set()  # (source, citing statement) pairs seen
        self._nearest = NearestId(self.result.definitions)

    def _enter(self, node: Definition) -> None:
        self.current = self.sources.get(node.origin, self.source) if node.origin else self.source

    def run(self) -> Resolution:
        paper = self.result.paper
        headings: list[AnyDivision | Bibliography] = [*paper.divisions()]
        if paper.bibliography is not None:
            headings.append(paper.bibliography)
        for heading in headings:
            if heading.id is not None:
                self._enter(heading)
                self._define(heading.id, heading, heading.id_span)
        for statement in paper.all_statements():
            self._enter(statement)
            self._define(statement.id, statement, statement.id_span)
        exhibits = paper.all_exhibits()
        for exhibit in exhibits:
            self._enter(exhibit)
            self._define(exhibit.id, exhibit, exhibit.id_span)
        for statement in paper.all_statements():
            self._enter(statement)
            self._check_relations(statement)
            cited = self._check_citations(statement.id, statement.body)
            self.result.statement_citations.append(tuple(dict.fromkeys(cited)) if cited else ())
            if isinstance(statement, Tension):
                self._check_tension(statement)
        self.current = self.source
        self._check_citations(None, paper.meta.summary)
        for heading in headings:
            self._enter(heading)
            self._check_citations(heading.id, heading.body)
        for exhibit in exhibits:
            self._enter(exhibit)
            self._check_exhibit(exhibit)
        return self.result

    def _error(
        self,
        code: Code,
        message: str,
        span: Span | None,
        hint: str | None,
        *,
        statement: str | None,
        related: tuple[Related, ...] = (),
    ) -> None:
        span = span or Span(line=1, column=1, end_line=1, end_column=2)
        self.result.diagnostics.append(
            make(code, message, self.current, span, hint=hint, statement=statement, related=related)
        )

    def _note(self, message: str, node: Definition) -> Related:
        span = node.id_span or node.span or Span(line=1, column=1, end_line=1, end_column=2)
        return Related(message, node.origin or self.source.path, span.line, span.column)

    def _define(self, ident: str, node: Definition, span: Span | None) -> None:
        earlier = self.result.definitions.get(ident)
        if earlier is None:
            self.result.definitions[ident] = node
            return
        self._error(
            codes.DUPLICATE_ID,
            f"'{ident}' is already the id of a {earlier.kind}",
            span,
            "give each statement and section its own id",
            statement=ident,
            related=(self._note("first defined here", earlier),),
        )

    def _lookup(
        self, ident: str, span: Span | None, wanted: str, relation: str, owner: str | None
    ) -> Definition | None:
        node = self.result.definitions.get(ident)
        if node is None:
            close = self._nearest.closest(ident, wanted)
            hint = f"did you mean '{close}'?" if close else f"define it: {wanted} {ident}:"
            self._error(
                codes.UNDEFINED_REFERENCE,
                f"'{ident}' is not defined",
                span,
                hint,
                statement=owner,
            )
            return None
        if node.kind != wanted:
            self._error(
                codes.WRONG_KIND_REFERENCE,
                f"'{ident}' is a {node.kind}, but {relation} needs a {wanted}",
                span,
                f"point {relation} at a {wanted}",
                statement=owner,
                related=(self._note(f"'{ident}' is defined here", node),),
            )
            return None
        return node

    def _check_relations(self, statement: AnyStatement) -> None:
        for relation, wanted, ref in _relations(statement):
            if ref.id == statement.id:
                self._error(
                    codes.SELF_REFERENCE,
                    f"'{statement.id}' names itself in '{relation}'",
                    ref.span,
                    "a statement relates to other statements, not to itself",
                    statement=statement.id,
                )
                continue
            if self._lookup(ref.id, ref.span, wanted, f"'{relation}'", statement.id) is not None:
                self.result.edges.append(Edge(relation, statement.id, ref.id))

    def _check_citations(self, owner: str | None, blocks: Iterable[Block]) -> list[str]:
        """Check every citation in the blocks; the ids of the defined sources they cite, as cited."""
        found: list[str] = []
        for cite in citations_in(blocks):
            if self._lookup(cite.source, cite.span, "source", "a citation", owner) is None:
                continue
            found.append(cite.source)
            if cite.source == owner:
                self._error(
                    codes.SELF_REFERENCE,
                    f"source '{owner}' cites itself",
                    cite.span,
                    "a source's note may cite other sources, not itself",
                    statement=owner,
                )
                continue
            citers = self.result.cited_by.setdefault(cite.source, [])
            # A set beside the list: a source cited by thousands of statements made
            # `owner in citers` quadratic (5.5 s for 30,000 citations of one source).
            if owner is not None and (cite.source, owner) not in self._citing:
                self._citing.add((cite.source, owner))
                citers.append(owner)
            if owner is not None:
                self.result.edges.append(Edge("cites", owner, cite.source))
        return found

    # --- exhibits (#10, part B) ----------------------------------------------------

    def _check_exhibit(self, exhibit: AnyExhibit) -> None:
        """An exhibit's citations (a table's source, note and cells, a figure's credit); a chart's table."""
        if isinstance(exhibit, Chart):
            target = self._lookup(exhibit.data.id, exhibit.data.span, "table", "a chart's data", exhibit.id)
            if isinstance(target, Table):
                self._check_chart_data(exhibit, target)
                self.result.edges.append(Edge("data", exhibit.id, target.id))
            return
        self._check_citations(exhibit.id, [Paragraph(children=run) for run in exhibit_prose(exhibit)])

    def _check_chart_data(self, chart: Chart, table: Table) -> None:
        """Every column but the first (the labels) must hold numbers in every row."""
        for row in table.rows:
            for cell in row.cells[1:]:
                text = plain_cell(cell.children)
                if text and number(text) is None:
                    self._error(
                        codes.CHART_DATA_NOT_NUMERIC,
                        f"the chart '{chart.id}' draws table '{table.id}', whose cell '{text}' is not a number",
                        chart.data.span,
                        "a chart draws the table's columns after the first: give them numbers "
                        "(4.1, 1,250, 12%), or chart another table",
                        statement=chart.id,
                        related=(self._cell_note(table, cell.span),),
                    )
                    return

    def _cell_note(self, table: Table, span: Span | None) -> Related:
        if span is None:
            return self._note("the table is defined here", table)
        return Related("the cell is here", table.origin or self.source.path, span.line, span.column)

    def _check_tension(self, tension: Tension) -> None:
        distinct = {ref.id for ref in tension.between}
        if len(distinct) >= 2:
            return
        named = ", ".join(sorted(distinct)) or "none"
        self._error(
            codes.TENSION_NEEDS_TWO_COMPONENTS,
            f"tension '{tension.id}' names {len(distinct)} distinct component(s) ({named}); it needs two or more",
            tension.id_span,
            "list the components it lies between: between: first-component, second-component",
            statement=tension.id,
        )


def resolve(paper: Paper, source: SourceFile, sources: dict[str, SourceFile] | None = None) -> Resolution:
    return Resolver(source, Resolution(paper), sources or {}).run()


def exhibit_prose(exhibit: AnyExhibit) -> list[tuple[Inline, ...]]:
    """The runs of inline markup of a table or figure, in reading order (citations live in them)."""
    if isinstance(exhibit, Table):
        cells = [cell.children for row in (exhibit.header, *exhibit.rows) for cell in row.cells]
        return [exhibit.source, exhibit.note, *cells]
    if isinstance(exhibit, Figure):
        return [exhibit.credit]
    return []


def plain_cell(nodes: Iterable[Inline]) -> str:
    """A cell's words without markup, as a chart reads its numbers and labels."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.value)
        elif isinstance(node, Emphasis | Strong | Link | Quotation):
            parts.append(plain_cell(node.children))
    return "".join(parts).strip()
