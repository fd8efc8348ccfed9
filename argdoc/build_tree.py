"""Lark parse tree to argument tree (argdoc.nodes), with a span on every node.

The grammar delivers lines; this stage reads what lies inside them: header
field values, the fields at the top of a statement body, paragraphs (split at
blank lines), block quotations (lines starting with `>`), lists (lines
starting `- ` or `1. `) and, through argdoc.inline, the inline markup of prose.
"""

from __future__ import annotations

import bisect
import datetime
import difflib
import re
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from lark import Token, Tree

from argdoc import codes
from argdoc.cite.dates import DateError, parse_partial_date
from argdoc.cite.kinds import KINDS, canonical_kind
from argdoc.cite.names import NameError_, parse_name
from argdoc.codes import Code
from argdoc.diagnostics import Diagnostic, Related, make
from argdoc.inline import ID_RE, SPACE_IN_ADDRESS_HINT, is_safe_link, parse_inline
from argdoc.nodes import (
    CHART_TYPES,
    DEFAULT_LANGUAGE,
    AnyExhibit,
    AnyStatement,
    Appendix,
    Author,
    Bibliography,
    Block,
    Blockquote,
    Chart,
    Citation,
    Figure,
    Inline,
    List,
    ListItem,
    Meta,
    Paper,
    Paragraph,
    PartialDate,
    PersonName,
    Reference,
    ReferenceFile,
    Section,
    Subsection,
    Suppression,
    Table,
    TableCell,
    TableRow,
    Text,
)
from argdoc.pipe_table import RowProblem, alignments, split_row
from argdoc.source import SourceFile, Span
from argdoc.syntax import (
    ALIASES,
    APPENDIX,
    BIBLIOGRAPHY,
    EXHIBIT_FIELDS,
    EXHIBIT_KEYWORDS,
    FIELD_LINE,
    FIELD_NAMES,
    HEADER_FIELDS,
    INCLUDE,
    KEYWORDS,
    LIST_ITEM,
    REQUIRED_FIELDS,
    ROLES,
    SECTION,
    STATEMENT_FIELDS,
    SUBSECTION,
    SUPPRESSION,
    SUPPRESSION_MARK,
    TABLE_ROW,
    VIEWS,
    Field,
)

_AUTHOR = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<affiliation>[^()]*)\))?$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_SPACE = re.compile(r"\s")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The tokens that can hold comment lines (a body's text lines never start with '#').
_COMMENT_HOLDERS = ("NL", "BODY")
# A tab advances indentation to the next multiple of four columns.
TAB_WIDTH = 4
# Prose nests a level or two; the limit turns a hostile file's thousands of
# levels into one clear error instead of a useless tree.
MAX_DEPTH = 32

# The headings besides statements: the kinds that open a division (#10, part B).
_DIVISIONS = ("section", SUBSECTION, APPENDIX, BIBLIOGRAPHY)
_WIDTH = re.compile(r"(\d{1,3})%")

# Each kind of statement's node class, by the kind its `kind` field names.
_STATEMENT_CLASSES: dict[str, Callable[..., AnyStatement]] = {
    cls.model_fields["kind"].default: cls for cls in typing.get_args(AnyStatement)
}
# What a suppression comment can belong to: anything with an id and a span.
_Owner = AnyStatement | Section | Subsection | Appendix | Bibliography | AnyExhibit


@dataclass
class Line:
    """One body line: its text without indentation, where that text starts."""

    text: str
    line: int
    column: int
    depth: int
    blank_before: bool


@dataclass
class FieldValue:
    """A `name: value` line (and any deeper-indented continuation)."""

    name: str
    written: str
    value: str
    line: int  # where the name is written
    column: int
    value_lines: list[Line]

    @property
    def name_span(self) -> Span:
        # Made on demand: only diagnostics need it, and a paper has two fields a statement.
        return Span(line=self.line, column=self.column, end_line=self.line, end_column=self.column + len(self.written))


class IncludeLoader(Protocol):
    """Opens included files for the builder (argdoc.compiler owns the file system).

    `lost` is True once an included file could not be read into the paper: its
    statements and sources are missing, so resolution and lint stop short of
    calling what the paper names in it undefined (one cause, one error).
    """

    lost: bool

    def open(self, target: str, span: Span, source: SourceFile) -> tuple[Tree[Token], SourceFile] | list[Diagnostic]:
        """The parsed file, or the diagnostics explaining why it cannot be included."""
        ...

    def close(self) -> None:
        """Done with the file most recently opened."""
        ...


@dataclass
class _Open:
    """A division being filled: its heading, then what comes under it until the next heading."""

    node: Section | Subsection | Appendix
    statements: list[AnyStatement] = field(default_factory=list)
    exhibits: list[AnyExhibit] = field(default_factory=list)
    subsections: list[_Open] = field(default_factory=list)

    def close(self) -> Any:
        update: dict[str, Any] = {"statements": tuple(self.statements), "exhibits": tuple(self.exhibits)}
        if self.subsections:
            update["subsections"] = tuple(sub.close() for sub in self.subsections)
        return self.node.model_copy(update=update)


@dataclass
class _Assembly:
    """What the files of a paper add up to, in document order."""

    meta_fields: list[FieldValue] = field(default_factory=list)
    preamble: list[AnyStatement] = field(default_factory=list)
    sections: list[_Open] = field(default_factory=list)
    appendices: list[_Open] = field(default_factory=list)
    # Where statements and exhibits go now (None: the preamble), and the section or
    # appendix a subsection joins.
    current: _Open | None = None
    parent: _Open | None = None
    bibliography: Bibliography | None = None
    bibliography_statements: list[AnyStatement] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    seen_body: bool = False


@dataclass
class Builder:
    source: SourceFile
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # None: `include` lines are left alone (argdoc fmt formats one file at a time).
    loader: IncludeLoader | None = None
    _main: SourceFile | None = None

    # --- entry ---------------------------------------------------------------

    def build(self, tree: Tree[Token]) -> Paper:
        self._main = self.source
        state = _Assembly()
        self._items(tree, state)
        bibliography = state.bibliography
        if bibliography is not None:
            bibliography = bibliography.model_copy(update={"statements": tuple(state.bibliography_statements)})
        return Paper(
            meta=self._meta(state.meta_fields),
            statements=tuple(state.preamble),
            sections=tuple(section.close() for section in state.sections),
            appendices=tuple(appendix.close() for appendix in state.appendices),
            bibliography=bibliography,
            suppressions=tuple(state.suppressions),
        )

    def _items(self, tree: Tree[Token], state: _Assembly) -> None:
        """Add one file's items to the paper; an include adds the included file's, in place."""
        owners: list[_Owner] = []
        for item in tree.children:
            if not isinstance(item, Tree):
                continue
            kind = str(item.data)
            if kind == "field":
                self._field_item(item, state)
            elif kind == "include":
                self._include(item, state)
            elif kind in _DIVISIONS:
                state.seen_body = True
                owners.append(self._division(item, state))
            elif kind in EXHIBIT_KEYWORDS:
                state.seen_body = True
                exhibit = self._exhibit(item)
                if exhibit is not None:
                    self._place_exhibit(exhibit, state)
                    owners.append(exhibit)
            else:
                state.seen_body = True
                statement = self._statement(item)
                self._place_statement(statement, state)
                owners.append(statement)
        if SUPPRESSION_MARK in self.source.text:  # most files have none: skip walking every token
            state.suppressions.extend(_suppressions(tree, owners, self._origin()))

    def _field_item(self, item: Tree[Token], state: _Assembly) -> None:
        fv = self._header_field(item)
        if fv is None:
            return
        if self.source is not self._main:
            self.error(
                codes.FIELD_IN_INCLUDED_FILE,
                f"header field '{fv.written}' in an included file",
                fv.name_span,
                "put header fields (title, author, date, ...) in the paper's main file",
            )
        elif state.seen_body:
            self._misplaced_field(fv)
        else:
            state.meta_fields.append(fv)

    def _include(self, item: Tree[Token], state: _Assembly) -> None:
        token = item.children[0]
        assert isinstance(token, Token)
        if self.loader is None:
            return
        opened = self.loader.open(unquote(str(token)), _token_span(token), self.source)
        if isinstance(opened, list):
            self.diagnostics.extend(opened)
            return
        child_tree, child_source = opened
        outer, self.source = self.source, child_source
        try:
            self._items(child_tree, state)
        finally:
            self.source = outer
            self.loader.close()

    def _origin(self) -> str | None:
        return None if self.source is self._main else self.source.path

    # --- diagnostics -----------------------------------------------------------

    def error(
        self,
        code: Code,
        message: str,
        span: Span,
        hint: str | None = None,
        *,
        statement: str | None = None,
        related: tuple[Related, ...] = (),
    ) -> None:
        self.diagnostics.append(make(code, message, self.source, span, hint=hint, statement=statement, related=related))

    # --- header fields -------------------------------------------------------

    def _header_field(self, item: Tree[Token]) -> FieldValue | None:
        token = item.children[0]
        assert isinstance(token, Token)
        body = item.children[2] if len(item.children) > 2 else None
        lines = self._body(body)
        fv = split_field(str(token), token.line or 1, token.column or 1, lines)
        if fv.name == SECTION:
            self.error(
                codes.MISSING_SECTION_TITLE,
                "a section needs a title in double quotes",
                fv.name_span,
                hint='write: section "Title": (an id before the title is optional)',
            )
            return None
        if fv.name == INCLUDE:
            self.error(
                codes.INVALID_INCLUDE,
                "include takes a path in double quotes, without a colon",
                fv.name_span,
                hint='write: include "chapters/economy.arg"',
            )
            return None
        if fv.name in KEYWORDS and fv.name not in HEADER_FIELDS:  # `bibliography:` is both (#12)
            self.error(
                codes.MISSING_ID, f"this {fv.name} has no id", fv.name_span, hint=f'write: {fv.name} my-id "Title":'
            )
            return None
        return fv

    def _misplaced_field(self, fv: FieldValue | None) -> None:
        if fv is None:
            return
        self.error(
            codes.MISPLACED_FIELD,
            f"header field '{fv.written}' after the first section or statement",
            fv.name_span,
            hint="move header fields (title, author, date, ...) to the top of the file; "
            "a statement's fields go indented under its header",
        )

    def _meta(self, fields: list[FieldValue]) -> Meta:
        return Meta(**self._field_values(fields, None), span=_fields_span(fields))

    def _author(self, part: str, fv: FieldValue) -> Author | None:
        match = _AUTHOR.match(part)
        if match is None:
            self.error(
                codes.INVALID_AUTHOR,
                f"cannot read the author '{part}'",
                _value_span(fv),
                hint="write: author: Name (Affiliation); the affiliation is optional",
            )
            return None
        affiliation = (match.group("affiliation") or "").strip() or None
        return Author(name=match.group("name"), affiliation=affiliation, span=_value_span(fv))

    def _language(self, fv: FieldValue) -> str:
        if _LANGUAGE.match(fv.value):
            return fv.value
        self.error(
            codes.INVALID_LANGUAGE,
            f"'{fv.value}' is not a language tag",
            _value_span(fv),
            hint="use a BCP 47 tag such as en-US, en-GB, fr, he or ar",
        )
        return DEFAULT_LANGUAGE

    # --- fields of the header and of statements --------------------------------

    def _field_values(self, fields: list[FieldValue], kind: str | None, sid: str | None = None) -> dict[str, Any]:
        """The node attributes that the fields of a statement (or, kind None, of the header) give.

        argdoc.syntax says which fields each takes and how each is read;
        mistakes are reported and left out.
        """
        allowed = HEADER_FIELDS if kind is None else STATEMENT_FIELDS.get(kind) or EXHIBIT_FIELDS[kind]
        values: dict[str, Any] = {}
        firsts: dict[str, FieldValue] = {}
        lists: dict[str, list[Any]] = {}
        for fv in fields:
            spec = allowed.get(fv.name)
            if spec is None:
                self._unknown_field(fv, tuple(allowed), f"a {kind}" if kind else "a paper header", sid)
            elif not (spec.repeat or self._first(fv, firsts, sid)):
                continue
            elif not fv.value and not (spec.value == "blocks" and fv.value_lines):
                # (A body of blocks may have lines and still a blank joined value.)
                self._empty(fv, sid)
            elif spec.repeat:
                lists.setdefault(spec.attribute, []).extend(self._value(spec, fv, sid))
            else:
                values[spec.attribute] = self._value(spec, fv, sid)
        for attribute, items in lists.items():
            values[attribute] = tuple(items)
        return values

    def _value(self, spec: Field, fv: FieldValue, sid: str | None) -> Any:
        """A field's value, read as its row in argdoc.syntax says; None (or the default) when it is wrong."""
        kind = spec.value
        if kind == "references":
            return self._references(fv, spec.separator or ",", sid)
        if kind == "text" and spec.separator is None and not spec.repeat:
            return fv.value
        if kind == "date":
            return self._date(fv, sid)
        if kind == "partial-date":
            return self._partial_date(fv, sid)
        if kind == "source-type":
            return self._source_type(fv, sid)
        if kind == "link":
            return self._url(fv, sid)
        if kind == "web-address":
            return self._web_address(fv)
        if kind == "role":
            return self._role(fv, sid)
        if kind == "language":
            return self._language(fv)
        if kind == "view":
            return self._view(fv)
        if kind == "style":
            return self._style(fv)
        if kind == "blocks":
            return tuple(self._blocks(fv.value_lines, sid))
        if kind in _EXHIBIT_VALUES:
            return self._exhibit_value(spec, fv, sid)
        # A list: the items between separators, or the one item of a field that repeats.
        # Text is kept as written (a source's "Jane Doe (ed.)"); a person is read as Name (Affiliation).
        parts = fv.value.split(spec.separator) if spec.separator else [fv.value]
        items = [part.strip() for part in parts if part.strip()]
        if kind == "person":
            return tuple(author for author in (self._author(item, fv) for item in items) if author is not None)
        if kind == "reference-file":
            return tuple(ReferenceFile(path=item, span=_value_span(fv)) for item in items)
        if kind == "name":
            return tuple(name for name in (self._name(item, fv, sid) for item in items) if name is not None)
        return tuple(items)

    def _web_address(self, fv: FieldValue) -> str | None:
        if is_safe_link(fv.value) and fv.value.lower().startswith("http"):
            return fv.value
        self.error(
            codes.UNSAFE_LINK,
            f"'{fv.value}' is not an http or https address",
            _value_span(fv),
            "give the paper's address on the web, starting with https://",
        )
        return None

    # --- field checks shared by header and statements -------------------------

    def _first(self, fv: FieldValue, firsts: dict[str, FieldValue], sid: str | None = None) -> bool:
        """Record a single-valued field; report it if it was given before."""
        earlier = firsts.get(fv.name)
        if earlier is None:
            firsts[fv.name] = fv
            return True
        self.error(
            codes.DUPLICATE_FIELD,
            f"'{fv.name}' is given twice",
            fv.name_span,
            hint="keep one of them",
            statement=sid,
            related=(Related("first given here", self.source.path, earlier.name_span.line, earlier.name_span.column),),
        )
        return False

    def _unknown_field(self, fv: FieldValue, allowed: tuple[str, ...], owner: str, sid: str | None = None) -> None:
        close = difflib.get_close_matches(fv.name, allowed, n=1)
        listing = ", ".join(allowed) if allowed else "none"
        if fv.name in FIELD_NAMES:
            message = f"{owner} has no '{fv.written}' field"
            code = codes.FIELD_NOT_ALLOWED
        else:
            message = f"unknown field '{fv.written}'"
            code = codes.UNKNOWN_FIELD
        hint = f"did you mean '{close[0]}'? " if close else ""
        hint += f"the fields of {owner} are: {listing}"
        if owner != "a paper header":
            hint += f"; to start the text with '{fv.written}:', write '\\{fv.written}:'"
        self.error(code, message, fv.name_span, hint, statement=sid)

    def _empty(self, fv: FieldValue, sid: str | None = None) -> None:
        self.error(
            codes.EMPTY_FIELD,
            f"'{fv.written}' has no value",
            fv.name_span,
            "give it a value or remove it",
            statement=sid,
        )

    def _date(self, fv: FieldValue, sid: str | None = None) -> datetime.date | None:
        try:
            if not _ISO_DATE.fullmatch(fv.value):
                raise ValueError
            return datetime.date.fromisoformat(fv.value)
        except ValueError:
            self.error(
                codes.INVALID_DATE,
                f"'{fv.value}' is not a date",
                _value_span(fv),
                hint="write dates as YYYY-MM-DD (ISO 8601), e.g. 2007-03-20",
                statement=sid,
            )
            return None

    # --- source fields (#12) ------------------------------------------------------

    def _partial_date(self, fv: FieldValue, sid: str | None) -> PartialDate | None:
        try:
            return parse_partial_date(fv.value)
        except DateError as error:
            self.error(
                codes.INVALID_DATE,
                str(error),
                _value_span(fv),
                hint="write the date as far as it is known: 2024, 2024-03 or 2024-03-15; n.d. when the work has none",
                statement=sid,
            )
            return None

    def _source_type(self, fv: FieldValue, sid: str | None) -> str | None:
        kind = canonical_kind(fv.value)
        if kind is not None:
            return kind
        close = difflib.get_close_matches(fv.value, tuple(KINDS), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        self.error(
            codes.UNKNOWN_SOURCE_TYPE,
            f"argdoc knows no kind of work '{fv.value}'",
            _value_span(fv),
            hint + "the kinds are CSL's: " + ", ".join(KINDS),
            statement=sid,
        )
        return None

    def _name(self, part: str, fv: FieldValue, sid: str | None) -> PersonName | None:
        try:
            return parse_name(part).model_copy(update={"span": _value_span(fv)})
        except NameError_ as error:
            self.error(codes.INVALID_NAME, str(error), _value_span(fv), error.hint, statement=sid)
            return None

    def _url(self, fv: FieldValue, statement: str | None) -> str | None:
        if is_safe_link(fv.value) and not _SPACE.search(fv.value):
            return fv.value
        if is_safe_link(fv.value):
            self.error(
                codes.INVALID_URL,
                "an address cannot contain spaces",
                _value_span(fv),
                SPACE_IN_ADDRESS_HINT,
                statement=statement,
            )
            return None
        self.error(
            codes.UNSAFE_LINK,
            f"'{fv.value}' is not an http, https or mailto address",
            _value_span(fv),
            hint="give the full address, starting with https:// or http://",
            statement=statement,
        )
        return None

    # --- sections and statements ---------------------------------------------

    def _section(self, item: Tree[Token], cls: type[Any] = Section) -> Any:
        """A division's heading and introduction; its statements are added as they come."""
        ident, title, _nl, body = item.children
        lines = self._body(body)
        assert isinstance(title, Token)
        return cls(
            id=str(ident) if ident is not None else None,
            title=self._title(title) or "",
            body=tuple(self._blocks(lines, None)),
            span=self._item_span(item, lines),
            id_span=_token_span(ident) if isinstance(ident, Token) else None,
            origin=self._origin(),
        )

    # --- divisions and exhibits (#10, part B) ------------------------------------

    def _division(self, item: Tree[Token], state: _Assembly) -> _Owner:
        """Open a section, subsection or appendix (or the bibliography) where the paper stands."""
        kind = str(item.data)
        if kind == BIBLIOGRAPHY:
            node: Bibliography = self._section(item, Bibliography)
            if state.bibliography is not None:
                self._misplaced(node.span, "the paper has a second bibliography", "give the sources one heading")
            state.bibliography = node
            state.current = state.parent = None
            return node
        if state.bibliography is not None:
            self._misplaced(
                _head_span(item),
                f"a {kind} after the bibliography",
                "the bibliography ends the paper: move it after the last section and appendix",
            )
        if kind == SUBSECTION:
            sub = _Open(self._section(item, Subsection))
            if state.parent is None:
                self._misplaced(
                    _head_span(item), "a subsection before any section", "put it under a section or appendix"
                )
                state.current = None
                return sub.node
            state.parent.subsections.append(sub)
            state.current = sub
            return sub.node
        opened = _Open(self._section(item, Appendix if kind == APPENDIX else Section))
        if kind == SECTION and state.appendices:
            self._misplaced(
                _head_span(item),
                "a section after an appendix",
                "appendices are the back matter: move them after the last section",
            )
        (state.appendices if kind == APPENDIX else state.sections).append(opened)
        state.current = state.parent = opened
        return opened.node

    def _place_statement(self, statement: AnyStatement, state: _Assembly) -> None:
        if state.bibliography is not None:
            if statement.kind != "source":
                self._misplaced(
                    statement.id_span or statement.span,
                    f"a {statement.kind} after the bibliography",
                    "only sources follow `bibliography`: move the statement into a section above it",
                )
            state.bibliography_statements.append(statement)
        elif state.current is not None:
            state.current.statements.append(statement)
        else:
            state.preamble.append(statement)

    def _place_exhibit(self, exhibit: AnyExhibit, state: _Assembly) -> None:
        where = state.current
        if where is None:
            self._misplaced(
                exhibit.id_span or exhibit.span,
                f"a {exhibit.kind} outside a section",
                f"put the {exhibit.kind} after a section, subsection or appendix heading",
            )
            return
        where.exhibits.append(exhibit.model_copy(update={"at": len(where.statements)}))

    def _misplaced(self, span: Span | None, message: str, hint: str) -> None:
        self.error(codes.MISPLACED_BLOCK, message, span or Span(line=1, column=1, end_line=1, end_column=2), hint)

    def _exhibit(self, item: Tree[Token]) -> AnyExhibit | None:
        """A table, figure or chart; None when a field it cannot do without is missing."""
        kind = str(item.data)
        ident, title, _nl, body = item.children
        assert isinstance(ident, Token)
        sid = str(ident)
        lines = self._body(body, sid)
        fields, rest = take_fields(lines)
        caption = self._title(title) if isinstance(title, Token) else None
        if not isinstance(title, Token):
            self.error(
                codes.MISSING_CAPTION,
                f"the {kind} '{sid}' has no caption",
                _token_span(ident),
                f'write its caption after the id: {kind} {sid} "What it shows":',
                statement=sid,
            )
        common: dict[str, Any] = {
            "id": sid,
            "title": caption,
            "span": self._item_span(item, lines),
            "id_span": _token_span(ident),
            "fields_span": _fields_span(fields),
            "origin": self._origin(),
        }
        values = self._field_values(fields, kind, sid)
        missing = [
            name for name in REQUIRED_FIELDS.get(kind, ()) if values.get(EXHIBIT_FIELDS[kind][name].attribute) is None
        ]
        written = {fv.name for fv in fields}
        for name in (name for name in missing if name not in written):  # a wrong value was reported already
            self.error(
                codes.MISSING_FIELD,
                f"the {kind} '{sid}' has no '{name}:'",
                _token_span(ident),
                _REQUIRED_HINTS[name],
                statement=sid,
            )
        if kind == "table":
            return self._table(common, values, rest, sid)
        if rest:
            self.error(
                codes.STRAY_TEXT,
                f"text under the {kind}'s fields",
                _lines_span(rest[:1]),
                f"a {kind} holds fields only; its caption goes in quotes after the id",
                statement=sid,
            )
        if missing:
            return None
        return (Figure if kind == "figure" else Chart)(**common, **values)

    def _table(self, common: dict[str, Any], values: dict[str, Any], rows: list[Line], sid: str) -> Table | None:
        """The pipe rows under a table's fields: a header row, the delimiter row, the body rows."""
        cells: list[tuple[Line, list[Any]]] = []
        for line in rows:
            split = split_row(line.text)
            if isinstance(split, RowProblem):
                self._row_problem(line, split.offset, split.message, split.hint, sid)
                continue
            cells.append((line, split))
        if len(cells) < 2:
            where = _lines_span(rows[-1:]) if rows else common["id_span"]
            self.error(
                codes.INVALID_TABLE_DELIMITER,
                "a table needs a header row and a delimiter row",
                where,
                "write | Column | Column |, then |---|---:| (a colon sets the alignment), then the rows",
                statement=sid,
            )
            return None
        (head_line, head), (rule_line, rule) = cells[0], cells[1]
        align = alignments(rule)
        if align is None or len(rule) != len(head):
            self._row_problem(
                rule_line,
                0,
                "the second row of a table must be its delimiter row, one cell per column",
                f"write |{'|'.join(['---'] * len(head))}| (':---' left, '---:' right, ':---:' centred)",
                sid,
            )
            return None
        body: list[TableRow] = []
        for line, row in cells[2:]:
            if len(row) != len(head):
                self._row_problem(
                    line,
                    0,
                    f"this row has {len(row)} cells, the header has {len(head)}",
                    "give every row one cell per column (an empty cell is | |)",
                    sid,
                )
                continue
            body.append(self._table_row(line, row, sid))
        return Table(
            **common, **values, align=tuple(align), header=self._table_row(head_line, head, sid), rows=tuple(body)
        )

    def _table_row(self, line: Line, cells: list[Any], sid: str) -> TableRow:
        made = []
        for cell in cells:
            at = Line(cell.text, line.line, line.column + cell.offset, 0, False)
            children = self._inline([at], sid) if cell.text else ()
            made.append(TableCell(children=children, span=_lines_span([at])))
        return TableRow(cells=tuple(made), span=_lines_span([line]))

    def _row_problem(self, line: Line, offset: int, message: str, hint: str, sid: str) -> None:
        column = line.column + offset
        self.error(
            codes.INVALID_TABLE_ROW,
            message,
            Span(line=line.line, column=column, end_line=line.line, end_column=column + 1),
            hint,
            statement=sid,
        )

    def _exhibit_value(self, spec: Field, fv: FieldValue, sid: str | None) -> Any:
        """The value of an exhibit's field (`inline`, `path`, `width`, `chart-type`, `reference`)."""
        kind = spec.value
        if kind == "inline":
            return self._inline(fv.value_lines, sid)
        if kind == "reference":
            refs = self._references(fv, "\n", sid)
            return refs[0] if refs else None
        problem = _exhibit_value_problem(kind, fv.value)
        if problem is None:
            return fv.value
        self.error(codes.INVALID_FIELD_VALUE, problem[0], _value_span(fv), problem[1], statement=sid)
        return None

    def _item_span(self, item: Tree[Token], lines: list[Line]) -> Span:
        """From the keyword to the end of the last body line (or of the header line).

        A header starts at the left margin, on the line of its first token (the
        keyword itself is filtered out of the tree), so positions need no help
        from Lark's propagate_positions, which costs about a tenth of the parse.
        """
        first = next(child for child in item.children if isinstance(child, Token))
        line = first.line or 1
        if lines:
            last = lines[-1]
            return Span(line=line, column=1, end_line=last.line, end_column=last.column + len(last.text))
        header = self.source.line_text(line).rstrip()
        return Span(line=line, column=1, end_line=line, end_column=len(header) + 1)

    def _title(self, token: Token) -> str | None:
        title = unquote(str(token)).strip()
        if not title:
            self.error(
                codes.EMPTY_TITLE,
                "the title is empty",
                _token_span(token),
                "write a title between the quotes, or leave the quotes out",
            )
            return None
        return title

    def _statement(self, item: Tree[Token]) -> AnyStatement:
        kind = str(item.data)
        ident, title, _nl, body = item.children
        assert isinstance(ident, Token)
        sid = str(ident)
        lines = self._body(body, sid)
        fields, rest = take_fields(lines)
        common: dict[str, Any] = {
            "id": sid,
            "title": self._title(title) if isinstance(title, Token) else None,
            "body": tuple(self._blocks(rest, sid)),
            "span": self._item_span(item, lines),
            "id_span": _token_span(ident),
            "fields_span": _fields_span(fields),
            "origin": self._origin(),
        }
        values = self._field_values(fields, kind, sid)
        return _STATEMENT_CLASSES[kind](**common, **values)

    def _role(self, fv: FieldValue, sid: str | None) -> str | None:
        hint = f"the roles a claim can take are: {', '.join(ROLES)}"
        return self._choice(fv, ROLES, codes.INVALID_ROLE, "role", hint, sid)

    def _view(self, fv: FieldValue) -> str | None:
        hint = f"the views are: {', '.join(VIEWS)} (publication, the default, reads like the brief a reader is sent)"
        return self._choice(fv, VIEWS, codes.INVALID_FIELD_VALUE, "view", hint, None)

    def _style(self, fv: FieldValue) -> str | None:
        """A citation style's name, or one of its short names, read as the style's full name."""
        from argdoc.cite.styles import style_name, unknown_style_hint  # only a paper that names a style needs it

        name = style_name(fv.value)
        if name is None:
            hint = unknown_style_hint(fv.value)
            self.error(codes.INVALID_FIELD_VALUE, f"unknown citation style '{fv.value}'", _value_span(fv), hint)
        return name

    def _choice(
        self, fv: FieldValue, choices: tuple[str, ...], code: Code, what: str, hint: str, sid: str | None
    ) -> str | None:
        """A value that must be one of a few words (a role, a view); None, with an error, when it is not."""
        if fv.value in choices:
            return fv.value
        self.error(code, f"unknown {what} '{fv.value}'", _value_span(fv), hint, statement=sid)
        return None

    def _references(self, fv: FieldValue, separator: str, sid: str | None) -> tuple[Reference, ...]:
        refs = []
        # The value may continue on further lines: locate maps offsets in the
        # joined value back to the line and column each id was written at.
        joined, locate = _join(fv.value_lines) if fv.value_lines else ("", None)
        offset = 0
        for part in joined.split(separator):
            ident = part.strip()
            start = offset + (len(part) - len(part.lstrip()))
            offset += len(part) + 1
            assert locate is not None
            ref_span = locate(start, start + max(len(ident), 1))
            if not ID_RE.match(ident):
                hint = "separate ids with commas: a, b" if " " in ident else "ids use letters, digits, '-' and '_'"
                self.error(codes.INVALID_ID, f"'{ident}' is not a valid id", ref_span, hint, statement=sid)
                continue
            refs.append(Reference(id=ident, span=ref_span))
        return tuple(refs)

    # --- bodies --------------------------------------------------------------

    def _body(self, body: Token | Tree[Token] | None, sid: str | None = None) -> list[Line]:
        """A header's BODY token as lines (none without one); indentation mistakes are reported, the lines kept."""
        if body is None:
            return []
        assert isinstance(body, Token)  # the grammar's BODY terminal
        lines, problems = body_lines(body)
        for problem in problems:
            self._indent_problem(problem, sid)
        return lines

    def _indent_problem(self, problem: IndentProblem, sid: str | None) -> None:
        span = Span(line=problem.line, column=1, end_line=problem.line, end_column=problem.indent + 1)
        if not problem.levels:
            self.error(
                codes.TOO_DEEPLY_NESTED,
                f"indentation nested more than {MAX_DEPTH} levels deep",
                span,
                f"a body nests at most {MAX_DEPTH} levels; indent continuation lines only one level deeper",
                statement=sid,
            )
            return
        levels = problem.levels
        columns = f"{levels[0]} columns" if len(levels) == 1 else f"one of {', '.join(map(str, levels))} columns"
        self.error(
            codes.INCONSISTENT_INDENTATION,
            "this line's indentation matches no enclosing block",
            span,
            f"indent it like the lines of the block it belongs to: by {columns}",
            statement=sid,
        )

    def _blocks(self, lines: list[Line], sid: str | None) -> Iterator[Block]:
        """Paragraphs, block quotations and lists: a blank line ends a paragraph, and so does a list's first item."""
        index = 0
        while index < len(lines):
            if LIST_ITEM.match(lines[index].text):
                block, index = self._list(lines, index, sid)
                yield block
                continue
            end = _paragraph_end(lines, index)
            group = lines[index:end]
            index = end
            # The first line decides most groups without a generator.
            if group[0].text.startswith(">") and all(line.text.startswith(">") for line in group):
                yield self._blockquote(group, sid)
            else:
                self._table_rows(group, sid)
                yield Paragraph(children=self._inline(group, sid), span=_lines_span(group))

    # --- lists (#14, part A) -------------------------------------------------------

    def _list(self, lines: list[Line], index: int, sid: str | None) -> tuple[List, int]:
        """The list whose first item is lines[index]: its items are the lines at that depth with its kind of marker."""
        first = lines[index]
        number = _marker(first).group(2)
        ordered = number is not None
        items: list[ListItem] = []
        while index < len(lines):
            line = lines[index]
            marker = LIST_ITEM.match(line.text)
            if marker is None or line.depth != first.depth or (marker.group(2) is not None) != ordered:
                break  # a different kind of marker starts a list of its own, as in Markdown
            item, index = self._list_item(lines, index, marker, sid)
            items.append(item)
        span = Span(
            line=first.line,
            column=first.column,
            end_line=items[-1].span.end_line if items[-1].span else first.line,
            end_column=items[-1].span.end_column if items[-1].span else first.column + len(first.text),
        )
        return List(ordered=ordered, start=int(number or 1), items=tuple(items), span=span), index

    def _list_item(self, lines: list[Line], index: int, marker: re.Match[str], sid: str | None) -> tuple[ListItem, int]:
        """An item: its marker's line, the lines that continue it, then the lists indented under it.

        A line indented under the item continues its text, and so does a
        line at the item's own indentation (Markdown's lazy continuation);
        a blank line ends the item's text, but a list indented under the
        item may follow one.
        """
        line = lines[index]
        cut = marker.end()
        words = [Line(line.text[cut:], line.line, line.column + cut, line.depth, False)]
        sublists: list[List] = []
        index += 1
        while index < len(lines):
            following = lines[index]
            inner = LIST_ITEM.match(following.text)
            if inner is not None and following.depth > line.depth:
                sublist, index = self._list(lines, index, sid)
                sublists.append(sublist)
                continue
            if following.blank_before or inner is not None or following.depth < line.depth or sublists:
                break
            words.append(following)
            index += 1
        last = sublists[-1].span if sublists else None
        text_end = _lines_span(words)
        span = Span(
            line=line.line,
            column=line.column,
            end_line=last.end_line if last else text_end.end_line,
            end_column=last.end_column if last else text_end.end_column,
        )
        return ListItem(children=self._inline(words, sid), lists=tuple(sublists), span=span), index

    def _table_rows(self, group: list[Line], sid: str | None) -> None:
        """A Markdown table in prose would read as one run-on paragraph: it is an error that says where tables go."""
        for line in group:
            if TABLE_ROW.match(line.text):
                self.error(
                    codes.TABLE_IN_PROSE,
                    "this line looks like a row of a Markdown table, which prose cannot hold",
                    Span(
                        line=line.line, column=line.column, end_line=line.line, end_column=line.column + len(line.text)
                    ),
                    'write the table as a `table` block at the margin (table id "Caption": with its rows '
                    "indented below); to keep the line as text, start it with \\|",
                    statement=sid,
                )
                return

    # --- end of lists ------------------------------------------------------------------

    def _blockquote(self, group: list[Line], sid: str | None) -> Blockquote:
        inner = []
        for line in group:
            text = line.text[1:]
            cut = len(text) - len(text.lstrip())
            inner.append(Line(text.lstrip(), line.line, line.column + 1 + cut, line.depth, False))
        children = list(self._inline(inner, sid))
        citation: Citation | None = None
        last = children[-1] if children else None
        if isinstance(last, Citation):
            citation = last
            children.pop()
        while children and isinstance(children[-1], Text) and not children[-1].value.strip():
            children.pop()
        if children and isinstance(children[-1], Text):
            children[-1] = Text(value=children[-1].value.rstrip())
        return Blockquote(children=tuple(children), citation=citation, span=_lines_span(group))

    def _inline(self, group: list[Line], sid: str | None) -> tuple[Inline, ...]:
        text, locate = _join(group)
        nodes, problems = parse_inline(text, locate)
        for problem in problems:
            self.error(
                problem.code,
                problem.message,
                locate(problem.start, problem.end),
                problem.hint,
                statement=sid,
            )
        return nodes


# --- suppression comments ------------------------------------------------------


def comment_lines(tree: Tree[Token]) -> Iterator[tuple[int, int, str]]:
    """(line, column, text) of every comment; comments live inside NL and BODY tokens."""
    for token in tree.scan_values(lambda t: isinstance(t, Token) and t.type in _COMMENT_HOLDERS and "#" in t):
        line = token.line or 1
        for offset, part in enumerate(str(token).split("\n")):
            stripped = part.strip()
            if stripped.startswith("#"):
                column = part.index("#") + (token.column or 1 if offset == 0 else 1)
                yield line + offset, column, stripped


def _suppressions(tree: Tree[Token], owners: list[_Owner], origin: str | None) -> Iterator[Suppression]:
    """Read `# argdoc: ignore[...]` comments and attach each to its statement.

    A comment belongs to the statement whose header or body it is in (an
    indented comment just after a body still belongs to it); a comment at
    the margin between statements belongs to the next statement or section
    of the same file.
    """
    ranges = [(node.span.line, node.span.end_line, node.id) for node in owners if node.span is not None]
    starts = [start for start, _end, _id in ranges]
    for line, column, text in comment_lines(tree):
        match = SUPPRESSION.match(text)
        if match is None:
            continue
        rules = tuple(r.strip() for r in (match.group(2) or "").split(",") if r.strip())
        span = Span(line=line, column=column, end_line=line, end_column=column + len(text))
        if match.group(1) == "ignore-file":
            yield Suppression(rules=rules, whole_file=True, span=span, origin=origin)
            continue
        index = bisect.bisect_right(starts, line) - 1
        inside = index >= 0 and (ranges[index][1] >= line or column > 1)
        if inside:
            target: str | None = ranges[index][2]
        else:
            target = ranges[index + 1][2] if index + 1 < len(ranges) else None
        yield Suppression(rules=rules, statement=target, span=span, origin=origin)


@dataclass(frozen=True)
class IndentProblem:
    """A body line whose indentation is wrong: too deep, or matching no enclosing level."""

    line: int
    indent: int  # characters of indentation, for the caret
    levels: tuple[int, ...]  # the levels it could have used; empty when it nests too deep


def body_lines(body: Token) -> tuple[list[Line], list[IndentProblem]]:
    """The text lines of an indented body, with their depth and whether a blank line precedes them.

    The body's first line sets its base level; a deeper line opens a level
    (it continues the text around it), and a line that comes back out must
    return to a level already open. Comment lines are skipped: they never
    disturb indentation or split a paragraph, though blank lines do.
    """
    lines: list[Line] = []
    problems: list[IndentProblem] = []
    levels: list[int] = []
    blank = False
    too_deep = False
    for number, raw in enumerate(str(body).split("\n"), body.line or 1):
        text = raw.lstrip(" \t")
        if not text:
            blank = True
            continue
        if text[0] == "#":
            continue
        cut = len(raw) - len(text)
        width = _indent_width(raw[:cut])
        if not levels:
            levels.append(width)
        elif width > levels[-1]:
            if len(levels) < MAX_DEPTH:
                levels.append(width)
            elif not too_deep:
                too_deep = True
                problems.append(IndentProblem(number, cut, ()))
        elif width < levels[-1]:
            if width not in levels:
                problems.append(IndentProblem(number, cut, tuple(levels)))
            while len(levels) > 1 and levels[-1] > width:
                levels.pop()
        lines.append(Line(text.rstrip(), number, cut + 1, len(levels) - 1, blank))
        blank = False
    return lines, problems


def _indent_width(indent: str) -> int:
    """Columns of indentation: a tab advances to the next multiple of TAB_WIDTH."""
    if "\t" not in indent:
        return len(indent)
    width = 0
    for ch in indent:
        width = width + TAB_WIDTH - width % TAB_WIDTH if ch == "\t" else width + 1
    return width


def split_field(raw: str, line: int, column: int, continuation: list[Line]) -> FieldValue:
    written, _, value = raw.partition(":")
    name = ALIASES.get(written, written)
    value_start = len(raw) - len(value.lstrip())
    first = Line(value.strip(), line, column + value_start, 0, False)
    value_lines = ([first] if first.text else []) + continuation
    joined = " ".join(part.text for part in value_lines) if continuation else first.text
    return FieldValue(name, written, joined, line, column, value_lines)


def take_fields(lines: list[Line]) -> tuple[list[FieldValue], list[Line]]:
    """Split a statement body into its leading `name: value` fields and the rest."""
    fields: list[FieldValue] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        match = FIELD_LINE.match(line.text) if line.depth == 0 else None
        if match is None:
            break
        continuation = []
        index += 1
        while index < len(lines) and lines[index].depth > 0:
            continuation.append(lines[index])
            index += 1
        fields.append(split_field(line.text, line.line, line.column, continuation))
    rest = lines[index:]
    if rest:
        rest[0] = Line(rest[0].text, rest[0].line, rest[0].column, rest[0].depth, False)
    return fields, rest


def _paragraph_end(lines: list[Line], start: int) -> int:
    """Where the paragraph starting at lines[start] ends: at a blank line, or at a line that starts a list.

    Inside a paragraph, only a bulleted item or one numbered 1 starts a list
    (as in CommonMark): a wrapped line that happens to begin `2007. ` stays prose.
    """
    end = start + 1
    while end < len(lines) and not lines[end].blank_before and not _interrupts(lines[end]):
        end += 1
    return end


def _interrupts(line: Line) -> bool:
    marker = LIST_ITEM.match(line.text)
    return marker is not None and marker.group(2) in (None, "1")


def _marker(line: Line) -> re.Match[str]:
    marker = LIST_ITEM.match(line.text)
    assert marker is not None, "a list starts at an item"
    return marker


def _join(group: list[Line]) -> tuple[str, Callable[[int, int], Span]]:
    """Join a paragraph's lines with spaces; map offsets back to line and column."""
    if len(group) == 1:
        return group[0].text, _locate_in_line(group[0])
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for line in group:
        starts.append(offset)
        parts.append(line.text)
        offset += len(line.text) + 1
    text = " ".join(parts)

    def position(offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(starts, offset) - 1
        line = group[index]
        return line.line, line.column + offset - starts[index]

    def locate(start: int, end: int) -> Span:
        line, column = position(start)
        end_line, end_column = position(max(end, start + 1) - 1)
        return Span(line=line, column=column, end_line=end_line, end_column=end_column + 1)

    return text, locate


def _locate_in_line(only: Line) -> Callable[[int, int], Span]:
    """_join's offset-to-span map for one line (most field values), without a search."""

    def locate(start: int, end: int) -> Span:
        column = only.column + start
        return Span(line=only.line, column=column, end_line=only.line, end_column=only.column + max(end, start + 1))

    return locate


def unquote(raw: str) -> str:
    inner = raw[1:-1]
    if raw.startswith('"') and "\\" in inner:
        inner = re.sub(r"\\(.)", r"\1", inner)
    return inner


def _token_span(token: Token) -> Span:
    line = token.line or 1
    column = token.column or 1
    return Span(line=line, column=column, end_line=token.end_line or line, end_column=token.end_column or column + 1)


def _lines_span(group: list[Line]) -> Span:
    first, last = group[0], group[-1]
    return Span(line=first.line, column=first.column, end_line=last.line, end_column=last.column + len(last.text))


def _fields_span(fields: list[FieldValue]) -> Span | None:
    """From the first field's name to the end of the last field's value (its last line)."""
    if not fields:
        return None
    first, last = fields[0], fields[-1]
    end = last.value_lines[-1] if last.value_lines else None
    end_line = max(end.line, last.line) if end else last.line
    end_column = end.column + len(end.text) if end and end.line == end_line else last.column + len(last.written)
    return Span(line=first.line, column=first.column, end_line=end_line, end_column=end_column)


def _value_span(fv: FieldValue) -> Span:
    if not fv.value_lines:
        return fv.name_span
    return _lines_span(fv.value_lines) if len(fv.value_lines) > 1 else _lines_span(fv.value_lines[:1])


# --- exhibit field values (#10, part B) -------------------------------------------------

_EXHIBIT_VALUES = ("inline", "path", "width", "chart-type", "reference")
_REQUIRED_HINTS = {
    "image": "name the image file, inside the paper's folder: image: figures/map.png",
    "alt": "describe the image for readers who cannot see it: alt: A map of ... (alt text is required)",
    "type": f"choose what to draw: type: {' | '.join(CHART_TYPES)}",
    "data": "name the table whose columns the chart draws: data: my-table",
}


def _exhibit_value_problem(kind: str, value: str) -> tuple[str, str] | None:
    """(message, hint) when a `path`, `width` or `chart-type` value is wrong; None when it is right."""
    if kind == "chart-type" and value not in CHART_TYPES:
        return f"argdoc cannot draw a '{value}' chart", f"the chart types are: {', '.join(CHART_TYPES)}"
    if kind == "width":
        match = _WIDTH.fullmatch(value)
        if match is None or not 1 <= int(match.group(1)) <= 100:
            return f"'{value}' is not a width", "give the width as a share of the text column: width: 60%"
    if kind == "path" and (
        value.startswith(("/", "\\"))
        or re.match(r"[A-Za-z]:", value)
        or ".." in re.split(r"[/\\]", value)
        or "://" in value
    ):
        return (
            f"the image '{value}' is not inside the paper's folder",
            "give a path relative to the paper's folder, without '..': image: figures/map.png",
        )
    return None


def _head_span(item: Tree[Token]) -> Span:
    """The header line of an item, from its first token (the keyword is not in the tree)."""
    first = next((child for child in item.children if isinstance(child, Token)), None)
    line = (first.line if first is not None else None) or 1
    return Span(line=line, column=1, end_line=line, end_column=2)


def build(tree: Tree[Token], source: SourceFile, loader: IncludeLoader | None = None) -> tuple[Paper, list[Diagnostic]]:
    builder = Builder(source, loader=loader)
    paper = builder.build(tree)
    return paper, builder.diagnostics
