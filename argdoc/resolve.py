"""Resolution: the symbol table, every reference checked, the relation graph.

Statements and sections share one namespace (ids are also HTML anchors).
A reference to an undefined id, to the wrong kind of statement or to its own
statement is an error at the reference, with the definition as a note.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from argdoc import codes
from argdoc.codes import Code
from argdoc.diagnostics import Diagnostic, Related, make
from argdoc.inline import is_anchor
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
    Note,
    Paper,
    Paragraph,
    Quotation,
    Reference,
    Source,
    StatementBase,
    Strong,
    Table,
    Tension,
    Text,
)
from argdoc.pipe_table import number
from argdoc.source import SourceFile, Span
from argdoc.syntax import RELATIONS
from argdoc.walk import block_inlines, citation_runs

Definition = AnyStatement | AnyDivision | Bibliography | AnyExhibit
# NearestId's kind for "an id of any kind" (a citation may name a source or refer to anything else).
ANY_KIND = "*"


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
    # Ids of elements that a cross-reference `[@id]` or an anchor link `[text](#id)`
    # points the reader to (sources cited are in cited_by instead).
    referenced: set[str] = field(default_factory=set)
    # For each statement of paper.all_statements(), in that order (ids may be
    # duplicated in a paper with errors, positions may not): the ids of the
    # defined sources its body cites, in order, without repeats.
    statement_citations: list[tuple[str, ...]] = field(default_factory=list, repr=False)
    # #12: every entry of the paper's reference files by key, cited or not (completion in the
    # editor offers them all); the cited ones are also in definitions and paper.references.
    library: dict[str, Source] = field(default_factory=dict, repr=False)
    # False when an included file could not be read whole: what the paper defines is not all
    # known, so an unknown id is not reported (the file's error is) and lint waits (argdoc.lint.runner).
    complete: bool = True
    # False when a reference file could not be read whole: a `[@key]` of no known id may be a lost
    # entry's, so citations are not reported as undefined (relations and links still are, since a
    # reference file defines neither), and lint, which would judge the evidence, waits.
    citations_known: bool = True

    @property
    def whole(self) -> bool:
        """Whether every file the paper names was read: lint runs only then."""
        return self.complete and self.citations_known

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
        for run in block_inlines(block):
            _inline_citations(run, found)
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
        elif isinstance(node, Emphasis | Strong | Link | Note):
            _inline_citations(node.children, found)


@dataclass(frozen=True)
class Mention:
    """A bracket of `[@id]`s (adjacent citations are one), or the one citation a quotation is attributed to."""

    run: tuple[Citation, ...]
    attribution: bool = False


def mentions(blocks: Iterable[Block]) -> Iterator[Mention | Link]:
    """Every bracket of citations and every `[text](#id)` link in some blocks, in the order citations_in reads them."""
    for block in blocks:
        if isinstance(block, Blockquote) and block.citation is not None:
            yield Mention((block.citation,), attribution=True)
        for run in block_inlines(block):
            yield from _inline_mentions(run)


def _inline_mentions(nodes: Iterable[Inline]) -> Iterator[Mention | Link]:
    for item in citation_runs(nodes):
        if isinstance(item, tuple):
            yield Mention(item)
        elif isinstance(item, Quotation):
            yield Mention((item.citation,), attribution=True)
            yield from _inline_mentions(item.children)
        elif isinstance(item, Link):
            if is_anchor(item.url):
                yield item
            yield from _inline_mentions(item.children)
        elif isinstance(item, Emphasis | Strong | Note):
            yield from _inline_mentions(item.children)


def _run_span(run: tuple[Citation, ...]) -> Span | None:
    first, last = run[0].span, run[-1].span
    if first is None or last is None:
        return first
    return Span(line=first.line, column=first.column, end_line=last.end_line, end_column=last.end_column)


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
            for kind in (node.kind, ANY_KIND):
                self._by_kind.setdefault(kind, []).append(ident)
                for variant in _deletions(ident):
                    index.setdefault((kind, variant), set()).add(ident)
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
    # #12: the entries of the paper's reference files (argdoc.cite.library), in the files' order.
    library: Sequence[Source] = ()

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
        for entry in self.library:
            # After the paper's own ids: a key the paper (or an earlier file) defines is ARG002 at the entry.
            self._enter(entry)
            if self._define(entry.id, entry, entry.id_span):
                self.result.library[entry.id] = entry
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

    def _define(self, ident: str, node: Definition, span: Span | None) -> bool:
        """Define an id; False (and ARG002) when it is taken."""
        earlier = self.result.definitions.get(ident)
        if earlier is None:
            self.result.definitions[ident] = node
            return True
        self._error(
            codes.DUPLICATE_ID,
            f"'{ident}' is already the id of a {earlier.kind}",
            span,
            "give each statement and section its own id",
            statement=ident,
            related=(self._note("first defined here", earlier),),
        )
        return False

    def _lookup(
        self, ident: str, span: Span | None, wanted: str, relation: str, owner: str | None
    ) -> Definition | None:
        node = self.result.definitions.get(ident)
        if node is None and not self.result.complete:
            return None
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
        """Check every citation and cross-reference in the blocks; the ids of the defined sources cited, as cited.

        `[@id]` cites a source, or refers to any other element by its id (a
        cross-reference); one bracket does one or the other, and a quotation
        is attributed to a source only.
        """
        found: list[str] = []
        for mention in mentions(blocks):
            if isinstance(mention, Link):
                self._check_anchor(mention, owner)
                continue
            targets = [(cite, self._target(cite, owner)) for cite in mention.run]
            kinds = {node.kind == "source" for _cite, node in targets if node is not None}
            if mention.attribution:
                self._check_attribution(mention.run[0], targets[0][1], owner)
            elif len(kinds) > 1:
                self._error(
                    codes.INVALID_CITATION,
                    "one bracket cites sources and refers to other parts of the paper",
                    _run_span(mention.run),
                    "give the cross-reference its own place in the sentence: as [@section-id] shows,[@source-id]",
                    statement=owner,
                )
            for cite, node in targets:
                if node is None:
                    continue
                if node.kind != "source":
                    self._check_cross_reference(cite, owner)
                elif self._cite(cite, owner):
                    found.append(cite.source)
        return found

    def _target(self, cite: Citation, owner: str | None) -> Definition | None:
        """What `[@id]` names, of any kind; ARG001 with a did-you-mean when it names nothing."""
        node = self.result.definitions.get(cite.source)
        # With a file unread, an id defined nowhere may be a lost one's: the file's error says so.
        if node is None and self.result.whole:
            close = self._nearest.closest(cite.source, ANY_KIND)
            hint = f"did you mean '{close}'?" if close else f"define it: source {cite.source}:"
            self._error(codes.UNDEFINED_REFERENCE, f"'{cite.source}' is not defined", cite.span, hint, statement=owner)
        return node

    def _check_attribution(self, cite: Citation, node: Definition | None, owner: str | None) -> None:
        if node is not None and node.kind != "source":
            self._error(
                codes.WRONG_KIND_REFERENCE,
                f"'{cite.source}' is a {node.kind}, but a quotation is attributed to a source",
                cite.span,
                'attribute the quoted words to the source they come from: "words"[@source-id]',
                statement=owner,
                related=(self._note(f"'{cite.source}' is defined here", node),),
            )

    def _check_cross_reference(self, cite: Citation, owner: str | None) -> None:
        if cite.source != owner:
            self.result.referenced.add(cite.source)
        else:
            self._error(
                codes.SELF_REFERENCE,
                f"'{owner}' refers to itself",
                cite.span,
                "a cross-reference points the reader elsewhere: name another statement or section",
                statement=owner,
            )

    def _check_anchor(self, link: Link, owner: str | None) -> None:
        """`[text](#id)` must lead to an element of the paper."""
        ident = link.url[1:]
        if ident in self.result.definitions:
            self.result.referenced.add(ident)
            return
        if not self.result.complete:
            return
        close = self._nearest.closest(ident, ANY_KIND)
        self._error(
            codes.UNDEFINED_REFERENCE,
            f"the link's target '#{ident}' is not defined",
            link.span,
            f"did you mean '#{close}'?" if close else "link to the id of a statement or section: [text](#its-id)",
            statement=owner,
        )

    def _cite(self, cite: Citation, owner: str | None) -> bool:
        """Record a citation of a defined source; False when it is a source citing itself (ARG004)."""
        if cite.source == owner:
            self._error(
                codes.SELF_REFERENCE,
                f"source '{owner}' cites itself",
                cite.span,
                "a source's note may cite other sources, not itself",
                statement=owner,
            )
            return False
        citers = self.result.cited_by.setdefault(cite.source, [])
        # A set beside the list: a source cited by thousands of statements made
        # `owner in citers` quadratic (5.5 s for 30,000 citations of one source).
        if owner is not None and (cite.source, owner) not in self._citing:
            self._citing.add((cite.source, owner))
            citers.append(owner)
        if owner is not None:
            self.result.edges.append(Edge("cites", owner, cite.source))
        return True

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
                value = number(text) if text else 0.0
                if value is None or not math.isfinite(value):  # "1" and 400 zeros reads as infinity
                    self._error(
                        codes.CHART_DATA_NOT_NUMERIC,
                        f"the chart '{chart.id}' draws table '{table.id}', whose cell '{text[:40]}' is "
                        + ("not a number" if value is None else "too large a number to draw"),
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


def resolve(
    paper: Paper,
    source: SourceFile,
    sources: dict[str, SourceFile] | None = None,
    library: Sequence[Source] = (),
    *,
    complete: bool = True,
    citations_known: bool = True,
) -> Resolution:
    """Resolve a paper; `library` holds its reference files' entries, which `[@key]` may cite.

    Only the entries the paper cites stay: they become `paper.references` (in
    the resolution's paper) and definitions; every entry stays in `library`.
    `complete` is False when an included file could not be read whole, and
    `citations_known` when a reference file could not: unknown ids (citations
    only, for a reference file) are then not reported; the file's error is.
    """
    start = Resolution(paper, complete=complete, citations_known=citations_known)
    resolution = Resolver(source, start, sources or {}, library).run()
    if library:
        _keep_cited(resolution)
    return resolution


def _keep_cited(resolution: Resolution) -> None:
    """The cited entries of the reference files join the paper (its all_statements), the rest leave definitions."""
    cited = []
    for key, entry in resolution.library.items():
        if key in resolution.cited_by:
            cited.append(entry)
        else:
            del resolution.definitions[key]
    if cited:
        resolution.paper = resolution.paper.model_copy(update={"references": tuple(cited)})
        resolution.statement_citations.extend(() for _entry in cited)  # an entry has no body to cite from


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
