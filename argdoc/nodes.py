"""The argument tree: frozen Pydantic models, one per construct of the language.

Every node has a `kind` discriminator (the grammar rule's name) and a source
span. Spans say where a node came from; they take no part in equality or
hashing, so a tree re-parsed from reformatted text equals the original.

Building the models' schemas is most of what importing this module costs (and
every command imports it), hence two choices below: annotations are real
objects, not postponed strings (no `from __future__ import annotations`), so
Pydantic need not evaluate each one; and the four inline models that name
`Inline` before it exists are completed as soon as it does, so the models
that contain them reuse their schemas instead of generating them again.
"""

import datetime
import functools
import typing
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from argdoc.source import Span

DEFAULT_LANGUAGE = "en-US"
# Where a node came from (its span, the file it was included from) is not what it means.
_POSITIONAL = frozenset({"span", "origin"})


class Node(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    span: Span | None = Field(default=None, repr=False)

    def _identity(self) -> tuple[Any, ...]:
        return tuple(value for name, value in self.__dict__.items() if name != "span" and not name.endswith("_span"))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Node)
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._identity()))


# --- inline -----------------------------------------------------------------


class Text(Node):
    kind: Literal["text"] = "text"
    value: str


class Emphasis(Node):
    kind: Literal["emphasis"] = "emphasis"
    children: tuple["Inline", ...]


class Strong(Node):
    kind: Literal["strong"] = "strong"
    children: tuple["Inline", ...]


class Link(Node):
    kind: Literal["link"] = "link"
    url: str
    children: tuple["Inline", ...]


class Citation(Node):
    """`[@source]` or `[@source, p. 4]`: a reference to a source, with a locator."""

    kind: Literal["citation"] = "citation"
    source: str
    locator: str | None = None


class Quotation(Node):
    """`"words"[@source]`: words quoted from a source, with their citation."""

    kind: Literal["quotation"] = "quotation"
    children: tuple["Inline", ...]
    citation: Citation


# --- inline: remark notes (#14, part A) ---------------------------------------


class Note(Node):
    """`^[words]`: a remark set as a footnote (PDF) or endnote (HTML), numbered with the citation notes."""

    kind: Literal["note"] = "note"
    children: tuple["Inline", ...]


# --- end of remark notes ---------------------------------------------------------

Inline = Annotated[
    Text | Emphasis | Strong | Link | Citation | Quotation | Note,
    Field(discriminator="kind"),
]
for _model in (Emphasis, Strong, Link, Quotation, Note):
    _model.model_rebuild()  # now that `Inline` exists; see the module's docstring


# --- blocks -----------------------------------------------------------------


class Paragraph(Node):
    kind: Literal["paragraph"] = "paragraph"
    children: tuple[Inline, ...]


class Blockquote(Node):
    """Lines starting with `>`: a quotation set apart, attributed to a source."""

    kind: Literal["blockquote"] = "blockquote"
    children: tuple[Inline, ...]
    citation: Citation | None = None


# --- blocks: lists (#14, part A) --------------------------------------------------


class ListItem(Node):
    """One item of a list: its words, then any lists nested under it (indented under its text)."""

    kind: Literal["list_item"] = "list_item"
    children: tuple[Inline, ...]
    lists: tuple["List", ...] = ()


class List(Node):
    """Lines starting `- ` (bulleted) or `1. ` (numbered from `start`, the first item's number)."""

    kind: Literal["list"] = "list"
    ordered: bool = False
    start: int = 1
    items: tuple[ListItem, ...]


ListItem.model_rebuild()  # now that `List` exists

# --- end of lists -------------------------------------------------------------------

Block = Annotated[Paragraph | Blockquote | List, Field(discriminator="kind")]


# --- statements -------------------------------------------------------------


class Reference(Node):
    """An id named in a relation field, such as `supports: thesis`."""

    kind: Literal["reference"] = "reference"
    id: str


class StatementBase(Node):
    id: str
    title: str | None = None
    body: tuple[Block, ...] = ()
    id_span: Span | None = Field(default=None, repr=False)
    fields_span: Span | None = Field(default=None, repr=False)
    # The file an included statement was written in (None: the paper's own file).
    origin: str | None = Field(default=None, repr=False)


class Claim(StatementBase):
    """A judgment. The thesis is a claim; claims support or oppose each other."""

    kind: Literal["claim"] = "claim"
    role: str | None = None
    supports: tuple[Reference, ...] = ()
    opposes: tuple[Reference, ...] = ()
    # How likely the judgment is, a term of the likelihood scale (ICD 203 by default), and the
    # analyst's confidence in it (low, moderate, high): checked by the estimates lint rules.
    likelihood: str | None = None
    confidence: str | None = None

    @property
    def is_marked_thesis(self) -> bool:
        return self.role == "thesis"

    @property
    def is_recommendation(self) -> bool:
        """`role: recommendation` (#11): the authors' advice, never the thesis nor a key finding."""
        return self.role == "recommendation"


class Component(StatementBase):
    """One component of an actor's position or policy, with its evidence."""

    kind: Literal["component"] = "component"
    supports: tuple[Reference, ...] = ()


class Tension(StatementBase):
    """A conflict between two or more components, which may bear on claims."""

    kind: Literal["tension"] = "tension"
    between: tuple[Reference, ...] = ()
    bears_on: tuple[Reference, ...] = ()


class PersonName(Node):
    """A structured name of a source's author, editor or interviewer (CSL's name object).

    A person has a `family` name and usually a `given` one, perhaps a `particle`
    (`von`, `de`: CSL's non-dropping particle) and a `suffix` (`Jr`); an
    institution has only a `literal` name. `affiliation` keeps the old
    `Name (Affiliation)` spelling's parenthesis (argdoc's own, not CSL's).
    """

    kind: Literal["name"] = "name"
    family: str | None = None
    given: str | None = None
    particle: str | None = None
    suffix: str | None = None
    literal: str | None = None
    affiliation: str | None = None

    @property
    def is_institution(self) -> bool:
        return self.literal is not None

    @property
    def surname(self) -> str:
        """`de Gaulle`, `RAND Corporation`: what short forms and author-date citations print."""
        if self.literal is not None:
            return self.literal
        return " ".join(part for part in (self.particle, self.family) if part)

    @property
    def natural(self) -> str:
        """`Charles de Gaulle`, `Martin Luther King Jr.`: the name in reading order."""
        if self.literal is not None:
            return self.literal
        return " ".join(part for part in (self.given, self.surname, self.suffix) if part)


class PartialDate(Node):
    """A source's date to the precision known: `2024`, `2024-03`, `2024-03-15`, or `n.d.` (no year)."""

    kind: Literal["partial_date"] = "partial_date"
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def earliest(self) -> datetime.date | None:
        """The first day the date can mean (None for `n.d.`)."""
        if self.year is None:
            return None
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> datetime.date | None:
        """The last day the date can mean (None for `n.d.`)."""
        if self.year is None:
            return None
        if self.day is not None and self.month is not None:
            return datetime.date(self.year, self.month, self.day)
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        following = datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    def iso(self) -> str:
        """The date as written in `.arg`: `2024`, `2024-03`, `2024-03-15` or `n.d.`."""
        if self.year is None:
            return "n.d."
        parts = [f"{self.year:04d}"] + [f"{part:02d}" for part in (self.month, self.day) if part is not None]
        return "-".join(parts)


class Source(StatementBase):
    """A cited work: a CSL item in .arg spelling (argdoc.cite says how each kind is written)."""

    kind: Literal["source"] = "source"
    # The CSL item type (`book`, `report`, ...); None: inferred (argdoc.cite.kinds.source_type).
    type: str | None = None
    outlet: str | None = None  # CSL's container-title
    authors: tuple[PersonName, ...] = ()
    editors: tuple[PersonName, ...] = ()
    interviewers: tuple[PersonName, ...] = ()
    date: PartialDate | None = None
    original_date: PartialDate | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    edition: str | None = None
    publisher: str | None = None
    place: str | None = None
    number: str | None = None
    genre: str | None = None
    medium: str | None = None
    doi: str | None = None
    url: str | None = None
    accessed: datetime.date | None = None
    language: str | None = None
    grade: str | None = None
    note: str | None = None


Statement = Annotated[Claim | Component | Tension | Source, Field(discriminator="kind")]
AnyStatement = Claim | Component | Tension | Source


# --- exhibits: tables, figures, charts (#10, part B) ---------------------------
#
# Margin-level blocks in a section's flow, beside its statements. Each has an
# id (in the one namespace of statements and sections) and a caption (`title`).
# `at` places it in the flow: how many of its division's statements come
# before it.

Alignment = Literal["left", "center", "right"]


class TableCell(Node):
    kind: Literal["table_cell"] = "table_cell"
    children: tuple[Inline, ...] = ()


class TableRow(Node):
    kind: Literal["table_row"] = "table_row"
    cells: tuple[TableCell, ...]


class ExhibitBase(Node):
    id: str
    title: str | None = None
    at: int = 0
    id_span: Span | None = Field(default=None, repr=False)
    fields_span: Span | None = Field(default=None, repr=False)
    origin: str | None = Field(default=None, repr=False)


class Table(ExhibitBase):
    """`table id "Caption":` with a GitHub pipe table, and an optional `source:` and `note:`."""

    kind: Literal["table"] = "table"
    source: tuple[Inline, ...] = ()
    note: tuple[Inline, ...] = ()
    # One per column: None when the delimiter row gives no `:`.
    align: tuple[Alignment | None, ...] = ()
    header: TableRow
    rows: tuple[TableRow, ...] = ()


class Figure(ExhibitBase):
    """`figure id "Caption":` an image from the paper's folder, with its alt text."""

    kind: Literal["figure"] = "figure"
    image: str
    alt: str
    credit: tuple[Inline, ...] = ()
    width: str | None = None


ChartType = Literal["bar", "line", "stacked-bar"]
CHART_TYPES: tuple[str, ...] = typing.get_args(ChartType)


class Chart(ExhibitBase):
    """`chart id "Caption":` drawn by argdoc from a table's numeric columns."""

    kind: Literal["chart"] = "chart"
    type: ChartType
    data: Reference
    unit: str | None = None


Exhibit = Annotated[Table | Figure | Chart, Field(discriminator="kind")]
AnyExhibit = Table | Figure | Chart


# --- document ---------------------------------------------------------------


class Author(Node):
    kind: Literal["author"] = "author"
    name: str
    affiliation: str | None = None


class ReferenceFile(Node):
    """`bibliography: refs.bib`: a file of references (BibTeX or CSL-JSON) in the paper's folder (#12)."""

    kind: Literal["reference_file"] = "reference_file"
    path: str


class Meta(Node):
    """The paper's header fields."""

    kind: Literal["meta"] = "meta"
    title: str | None = None
    subtitle: str | None = None
    short_title: str | None = None
    authors: tuple[Author, ...] = ()
    organisation: str | None = None
    date: datetime.date | None = None
    series: str | None = None
    number: str | None = None
    summary: tuple[Block, ...] = ()
    language: str = DEFAULT_LANGUAGE
    licence: str | None = None
    keywords: tuple[str, ...] = ()
    doi: str | None = None
    permalink: str | None = None
    # #11: the authors' front and back matter, and the view a build shows by default.
    view: str | None = None
    key_findings: tuple[Block, ...] = ()
    acknowledgements: tuple[Block, ...] = ()
    about_authors: tuple[Block, ...] = ()
    # #12: the citation style (a name of argdoc.cite.styles.STYLES, an alias read as it); None: the default.
    style: str | None = None
    # #12: the reference files whose entries `[@key]` may cite.
    reference_files: tuple[ReferenceFile, ...] = ()


class DivisionBase(Node):
    """A heading, an optional introduction, and the statements and exhibits under it."""

    kind: str  # each division's own Literal; declared here so that the JSON keeps `kind` after `span`
    id: str | None = None
    title: str
    body: tuple[Block, ...] = ()
    statements: tuple[Statement, ...] = ()
    exhibits: tuple[Exhibit, ...] = ()
    id_span: Span | None = Field(default=None, repr=False)
    origin: str | None = Field(default=None, repr=False)

    def flow(self) -> list["AnyStatement | AnyExhibit"]:
        """The statements with the exhibits in their places (`at`: how many statements come before one)."""
        flow: list[AnyStatement | AnyExhibit] = []
        exhibits = list(self.exhibits)
        for index, statement in enumerate(self.statements):
            while exhibits and exhibits[0].at <= index:
                flow.append(exhibits.pop(0))
            flow.append(statement)
        flow.extend(exhibits)
        return flow


class Subsection(DivisionBase):
    """`subsection id "Title":` a part of the section (or appendix) above it, numbered 2.1, 2.2."""

    kind: Literal["subsection"] = "subsection"


class Section(DivisionBase):
    """A heading, an optional introduction, and the statements up to the next section."""

    kind: Literal["section"] = "section"
    subsections: tuple[Subsection, ...] = ()


class Appendix(DivisionBase):
    """`appendix id "Title":` back matter, lettered A, B, after the main text."""

    kind: Literal["appendix"] = "appendix"
    subsections: tuple[Subsection, ...] = ()


class Bibliography(Node):
    """`bibliography "Sources":` ends the flow: its body introduces the source list, the sources follow."""

    kind: Literal["bibliography"] = "bibliography"
    id: str | None = None
    title: str
    body: tuple[Block, ...] = ()
    statements: tuple[Statement, ...] = ()
    id_span: Span | None = Field(default=None, repr=False)
    origin: str | None = Field(default=None, repr=False)


AnyDivision = Section | Subsection | Appendix


class Suppression(Node):
    """`# argdoc: ignore[rule, ...]` (one statement) or `# argdoc: ignore-file[...]`.

    No rules listed means every rule. `statement` is the id of the statement
    or section the comment belongs to (None for a whole-file suppression, or
    when the comment stands before nothing).
    """

    kind: Literal["suppression"] = "suppression"
    rules: tuple[str, ...] = ()
    whole_file: bool = False
    statement: str | None = None
    origin: str | None = Field(default=None, repr=False)


class Paper(Node):
    """A whole .arg file. `statements` are those before the first section."""

    kind: Literal["paper"] = "paper"
    meta: Meta = Meta()
    statements: tuple[Statement, ...] = ()
    sections: tuple[Section, ...] = ()
    appendices: tuple[Appendix, ...] = ()
    bibliography: Bibliography | None = None
    suppressions: tuple[Suppression, ...] = ()
    # #12: the entries of the reference files (`bibliography: refs.bib`) that the paper
    # cites, in the files' order; each keeps its file as `origin`. Added by the compiler
    # after resolution (argdoc.cite.library); never written by `argdoc fmt`.
    references: tuple[Source, ...] = ()

    def divisions(self) -> Iterator[AnyDivision]:
        """Every section, appendix and subsection, in document order (a subsection after its parent)."""
        parts: tuple[Section | Appendix, ...] = (*self.sections, *self.appendices)
        for division in parts:
            yield division
            yield from division.subsections

    def all_statements(self) -> list[AnyStatement]:
        """Every statement in document order."""
        found: list[AnyStatement] = list(self.statements)
        for division in self.divisions():
            found.extend(division.statements)
        if self.bibliography is not None:
            found.extend(self.bibliography.statements)
        found.extend(self.references)
        return found

    def all_exhibits(self) -> list[AnyExhibit]:
        """Every table, figure and chart in document order."""
        return [exhibit for division in self.divisions() for exhibit in division.exhibits]

    def all_blocks(self) -> Iterator[Block]:
        """Every block of prose in document order: the summary, then each division's and statement's body."""
        yield from self.meta.summary
        for statement in self.statements:
            yield from statement.body
        for division in self.divisions():
            yield from division.body
            for statement in division.statements:
                yield from statement.body
        if self.bibliography is not None:
            yield from self.bibliography.body
            for statement in self.bibliography.statements:
                yield from statement.body


# --- the JSON tree ----------------------------------------------------------


def tree_json(paper: Paper, *, spans: bool = True) -> str:
    """The paper as the indented JSON tree of `argdoc export --to json`, without a final newline.

    Pydantic writes it in Rust, several times faster than `json.dumps` of
    `model_dump(mode="json")` and with the same text (non-ASCII characters as
    they are). Without `spans`, every `span` and `*_span` key is left out.
    """
    return paper.model_dump_json(indent=2, exclude=None if spans else _positionless())


@functools.cache
def _positionless() -> dict[str, Any]:
    """An `exclude` for model_dump_json that reaches every node: its position fields, then its nodes'.

    One specification serves every model, so it refers to itself: a field that
    holds a node gets the whole specification, a field that holds a tuple of
    nodes gets it for each item (`__all__`).
    """
    spec: dict[str, Any] = {}
    each = {"__all__": spec}
    for model in _models(Node):
        for name, info in model.model_fields.items():
            if name == "span" or name.endswith("_span"):
                spec[name] = True
            elif _holds_nodes(info.annotation):
                kind = each if typing.get_origin(info.annotation) is tuple else spec
                if spec.setdefault(name, kind) is not kind:
                    raise TypeError(f"the field {name!r} holds one node in one model and a tuple in another")
    return spec


def _models(base: type[Node]) -> Iterator[type[Node]]:
    for model in base.__subclasses__():
        yield model
        yield from _models(model)


def _holds_nodes(annotation: object) -> bool:
    """Whether a field's type mentions a node model anywhere (inside tuples, unions, Annotated)."""
    if isinstance(annotation, type):
        return issubclass(annotation, Node)
    return any(_holds_nodes(arg) for arg in typing.get_args(annotation))
