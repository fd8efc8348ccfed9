"""argdoc fmt: the canonical layout of a paper, printed from its argument tree.

The printer has one method per node kind and writes what the tree means, in
one layout:

- header fields first, in a fixed order, with canonical names (`organisation`,
  `licence`, `language`, one `author:` per author); a blank line after them;
- one blank line between top-level items; headers written `kind id "Title":`;
  bodies indented by four spaces, fields first in a fixed order, then a blank
  line, then paragraphs separated by blank lines;
- prose wrapped to the line length (default 88), breaking only at single
  spaces and never before a word that starts with `#`;
- inline markup re-written canonically (`*em*`, `**strong**`, `[@a; @b]`),
  escaping a character only where it would otherwise be read as markup.

Comments are not part of the tree; they are placed back by their source
positions: before the item, the field block or the paragraph they preceded,
after a header's colon, or at the end of a body. A comment inside a paragraph,
a field block or the header moves to just before it, since those lines are
re-made.

Safety, as in black: the formatted text must compile (`assert_compiles`) to
an equal tree (`assert_equivalent`: spans aside, suppressions included), keep
every comment (`assert_comments_kept`), and format to itself
(`assert_stable`). If not, FormatError is raised, carrying the diff that
failed, and the caller leaves the file as it was. The same printer writes
`argdoc import`'s output, with no comments to place.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lark import Token, Tree

from argdoc.build_tree import build, comment_lines, unquote
from argdoc.cite.names import format_name
from argdoc.collector import gc_paused
from argdoc.compiler import control_character
from argdoc.diagnostics import Diagnostic
from argdoc.inline import parse_inline
from argdoc.nodes import (
    AnyDivision,
    AnyExhibit,
    AnyStatement,
    Appendix,
    Author,
    Bibliography,
    Block,
    Blockquote,
    Chart,
    Citation,
    Emphasis,
    Figure,
    Inline,
    Link,
    List,
    Meta,
    Note,
    Paper,
    Paragraph,
    PartialDate,
    PersonName,
    Quotation,
    Reference,
    ReferenceFile,
    Section,
    Strong,
    Subsection,
    Table,
    TableRow,
    Text,
    tree_json,
)
from argdoc.output import Snapshot, write_atomic
from argdoc.parser import parse_tree
from argdoc.source import BOM, SourceFile, Span
from argdoc.syntax import EXHIBIT_FIELDS, FIELD_LINE, HEADER_FIELDS, LIST_ITEM, STATEMENT_FIELDS, Field
from argdoc.walk import citation_runs

DEFAULT_LINE_LENGTH = 88
MIN_LINE_LENGTH = 40
INDENT = "    "
_FAR = 1 << 30
_BREAK = re.compile(r"(?<=\S) (?=\S)")
_SPECIAL = re.compile(r'[\\*\["\u201c^]')
# Unescaped brackets; `^[` opens a note, whose words may be wrapped (see _words).
_BRACKETS = re.compile(r"\\.|\^\[|[\[\]]")
# A word that would start a list item, or look like a table row, at the start of a line.
_LINE_START_MARK = re.compile(r"(?:[-*+]|\d{1,9}[.)])\Z|\|")


class FormatError(Exception):
    """The file could not be formatted safely; it must be left as it is."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = (), diff: str = "") -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)
        self.diff = diff  # for a failed safety check: the unified diff that failed (also in the message)


@dataclass(frozen=True)
class Comment:
    line: int
    column: int
    text: str
    blank_after: bool  # a blank line followed it in the original: keep one
    blank_before: bool = False


# --- inline markup -----------------------------------------------------------------


@dataclass
class InlineWriter:
    """Inline nodes back to markup. Plain-text characters whose position is in
    `escaped` (numbered in writing order) get a backslash."""

    escaped: set[int] = field(default_factory=set)
    specials: list[int] = field(default_factory=list)
    _position: int = 0

    def inline(self, nodes: Iterable[Inline]) -> str:
        # Adjacent citations are written in one bracket: [@a; @b, p. 4]. (Left to
        # right, as `text` numbers the special characters in writing order.)
        return "".join(
            self.citations(item) if isinstance(item, tuple) else self.node(item) for item in citation_runs(nodes)
        )

    def node(self, node: Inline) -> str:
        if isinstance(node, Text):
            return self.text(node.value)
        if isinstance(node, Emphasis):
            return "*" + self.inline(node.children) + "*"
        if isinstance(node, Strong):
            return "**" + self.inline(node.children) + "**"
        if isinstance(node, Link):
            return "[" + self.inline(node.children) + "](" + node.url + ")"
        if isinstance(node, Quotation):
            return '"' + self.inline(node.children) + '"' + self.citations([node.citation])
        if isinstance(node, Note):
            return "^[" + self.inline(node.children) + "]"
        return self.citations([node])

    def text(self, value: str) -> str:
        out = []
        last = 0
        for special in _SPECIAL.finditer(value):  # most text has none: no loop over its characters
            out.append(value[last : special.start()])
            if self._position in self.escaped:
                out.append("\\")
            self.specials.append(self._position)
            self._position += 1
            last = special.start()
        if not out:
            return value
        out.append(value[last:])
        return "".join(out)

    def citations(self, cites: Sequence[Citation]) -> str:
        return "[" + "; ".join(f"@{c.source}" + (f", {c.locator}" if c.locator else "") for c in cites) + "]"


def write_inline(nodes: Sequence[Inline]) -> str:
    """Markup for inline nodes, with a backslash only where a character would be read as markup.

    Most prose has nothing to escape and reads back at the first try. Otherwise
    start from every special character escaped (always safe) and drop each
    backslash, left to right, that the text does not need.
    """
    probe = InlineWriter()
    text = probe.inline(nodes)
    if _reads_back(text, nodes):
        return text
    escaped = set(probe.specials)
    for position in probe.specials:
        trial = escaped - {position}
        if _reads_back(InlineWriter(trial).inline(nodes), nodes):
            escaped = trial
    return InlineWriter(escaped).inline(nodes)


def _reads_back(text: str, nodes: Sequence[Inline]) -> bool:
    parsed, problems = parse_inline(text, lambda a, b: Span(line=1, column=a + 1, end_line=1, end_column=b + 1))
    return not problems and parsed == tuple(nodes)


def _protect_start(text: str) -> str:
    """Escape a paragraph start that would read as a comment, a quotation block, a field, a list or a table row."""
    if text.startswith(("#", ">", "|")) or FIELD_LINE.match(text) or LIST_ITEM.match(text):
        return "\\" + text
    return text


def _words(text: str) -> Iterator[str]:
    """Words to wrap; a bracketed citation or link label stays on one line (a note's words may wrap)."""
    held = ""
    brackets: list[bool] = []  # the open brackets, innermost last: True for a note's `^[`
    for word in _BREAK.split(text):
        held = f"{held} {word}" if held else word
        if "[" in word or "]" in word:
            for mark in _BRACKETS.findall(word):
                if mark in ("[", "^["):
                    brackets.append(mark == "^[")
                elif mark == "]" and brackets:
                    brackets.pop()
        if not any(not note for note in brackets):
            yield held
            held = ""
    if held:
        yield held


def wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """Greedy wrap at single spaces; a word that would read as a comment, list item or table row never starts a line."""
    lines: list[str] = []
    current = ""
    for word in _words(text):
        prefix = first if not lines else rest
        if not current:
            current = word
        elif (
            len(prefix) + len(current) + 1 + len(word) <= width or word.startswith("#") or _LINE_START_MARK.match(word)
        ):
            current += " " + word
        else:
            lines.append(prefix + current)
            current = word
    lines.append((first if not lines else rest) + current)
    return lines


def _glued(word: str) -> bool:
    """A word kept on the line before it: starting a line, it would read as a comment, list item or table row."""
    return word.startswith("#") or _LINE_START_MARK.match(word) is not None


def quote(title: str) -> str:
    return '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- the printer ---------------------------------------------------------------------


@dataclass
class Printer:
    """Prints a paper; places comments by their source lines as it goes."""

    width: int = DEFAULT_LINE_LENGTH
    comments: list[Comment] = field(default_factory=list)
    # For a tree with no source text (argdoc import): suppressions written back
    # as comments, for the whole file, above a statement, or at the end.
    file_notes: list[str] = field(default_factory=list)
    above: dict[str, list[str]] = field(default_factory=dict)
    end_notes: list[str] = field(default_factory=list)
    out: list[str] = field(default_factory=list)
    _next: int = 0

    # --- output and comments ---------------------------------------------------

    def emit(self, line: str) -> None:
        self.out.append(line)

    def blank(self) -> None:
        if self.out and self.out[-1] != "":
            self.out.append("")

    def comments_before(self, line: int, indent: str) -> None:
        while self._next < len(self.comments) and self.comments[self._next].line < line:
            comment = self.comments[self._next]
            self.emit(indent + comment.text)
            if comment.blank_after:
                self.blank()
            self._next += 1

    def trailing_comment(self, span: Span | None) -> str:
        if span is None or self._next >= len(self.comments):
            return ""
        comment = self.comments[self._next]
        if comment.line != span.line:
            return ""
        self._next += 1
        return "  " + comment.text

    def body_tail(self, following: int) -> None:
        """Indented comments after a body, before the next item, stay in the body.

        Margin comments there belong to the next item and wait for it, unless an
        indented comment comes after one: then all keep their original side of
        the margin, in order (a suppression's statement depends on it).
        """
        tail = [c for c in self.comments[self._next :] if c.line < following]
        margin = [i for i, c in enumerate(tail) if c.column == 1]
        mixed = bool(margin) and any(c.column > 1 for c in tail[margin[0] :])
        for comment in tail:
            if comment.column == 1 and not mixed:
                return
            if comment.column == 1 and comment.blank_before:
                self.blank()
            self.emit((INDENT if comment.column > 1 else "") + comment.text)
            self._next += 1

    def _end_of_block_comments(self, limit: int) -> int:
        """The line after the last comment before `limit` that a blank line follows (else 0).

        Comments set off from the prose below by a blank line belong to what
        is above them; the others introduce the paragraph.
        """
        end = 0
        for comment in self.comments[self._next :]:
            if comment.line >= limit:
                break
            if comment.blank_after:
                end = comment.line + 1
        return end

    def text(self) -> str:
        for comment in self.comments[self._next :]:
            if comment.blank_before:
                self.blank()
            self.emit(comment.text)
        while self.out and self.out[-1] == "":
            self.out.pop()
        return "\n".join(self.out) + "\n" if self.out else ""

    # --- document ---------------------------------------------------------------

    def paper(self, paper: Paper) -> str:
        items = document_items(paper)
        starts = [_line(item.span) for item in items]
        if self.file_notes:
            self.out.extend(self.file_notes)
            self.blank()
        self.meta(paper.meta, starts[0] if starts else _FAR)
        for index, item in enumerate(items):
            following = starts[index + 1] if index + 1 < len(items) else _FAR
            self.blank()
            self.comments_before(_line(item.span), "")
            self.out.extend(self.above.get(item.id or "", []))
            if isinstance(item, Section | Subsection | Appendix | Bibliography):
                self.section(item)
            elif isinstance(item, Table | Figure | Chart):
                self.exhibit(item)
            else:
                self.statement(item)
            self.body_tail(following)
        if self.end_notes:
            self.blank()
            self.out.extend(self.end_notes)
        return self.text()

    def meta(self, meta: Meta, first_item: int) -> None:
        # Comments among the header fields go above them: the header is re-made in its own order.
        # Those inside the summary stay there, placed with its blocks like any body's.
        self.comments_before(self._header_comments_end(meta, first_item), "")
        for name, value in self._meta_fields(meta):
            self.emit(f"{name}: {value}" if value else f"{name}:")
        # The `blocks` fields (the summary, #11's key findings, acknowledgements, about the
        # authors) come last, in the table's order; a lone short paragraph stays on its line,
        # unless a comment is left in the header: it would have nowhere to go.
        blocks_fields = [f for f in HEADER_FIELDS.values() if f.value == "blocks" and getattr(meta, f.attribute)]
        for number, spec in enumerate(blocks_fields):
            blocks: tuple[Block, ...] = getattr(meta, spec.attribute)
            if len(blocks) == 1 and isinstance(blocks[0], Paragraph) and not self._comment_before(meta):
                text = _protect_start(write_inline(blocks[0].children))
                if len(f"{spec.name}: {text}") <= self.width:
                    self.emit(f"{spec.name}: {text}")
                    if number == len(blocks_fields) - 1:
                        self.blank()
                        return
                    continue
            self.emit(f"{spec.name}:")
            self.blocks(blocks, INDENT)
        if meta.span is not None:
            self.comments_before(meta.span.end_line + 1, "")
        self.blank()

    def _comment_before(self, meta: Meta) -> bool:
        """Whether a comment not yet written lies within the header."""
        return meta.span is not None and any(c.line <= meta.span.end_line for c in self.comments[self._next :])

    def _header_comments_end(self, meta: Meta, first_item: int) -> int:
        """The line before which comments are the header fields' (written above them), not the summary's.

        The summary's blocks are indented, and so are the comments written in
        it: an indented run of comments just before its first block opens it.
        """
        end = meta.span.end_line + 1 if meta.span else first_item
        first_block = meta.summary[0].span if meta.summary else None
        if first_block is None:
            return end
        end = first_block.line
        for comment in reversed([c for c in self.comments[self._next :] if c.line < end]):
            if comment.column == 1:
                break
            end = comment.line
        return end

    def _meta_fields(self, meta: Meta) -> Iterator[tuple[str, str]]:
        return written_fields(meta, HEADER_FIELDS)

    def section(self, section: AnyDivision | Bibliography) -> None:
        head = f"{section.kind} " + (f"{section.id} " if section.id else "") + quote(section.title) + ":"
        self.emit(head + self.trailing_comment(section.span))
        self.blocks(section.body, INDENT)

    # --- statements ---------------------------------------------------------------

    def statement(self, statement: AnyStatement) -> None:
        head = f"{statement.kind} {statement.id}" + (f" {quote(statement.title)}" if statement.title else "") + ":"
        self.emit(head + self.trailing_comment(statement.span))
        fields = list(self.fields(statement))
        if fields:
            # Comments among the fields go before them: the field lines are re-made.
            fields_end = statement.fields_span.end_line + 1 if statement.fields_span else _line(None)
            self.comments_before(fields_end, INDENT)
            for name, value in fields:
                self.field(name, value)
            if statement.body:
                self.comments_before(self._end_of_block_comments(_first_line(statement.body)), INDENT)
        if fields and statement.body:
            self.blank()
        self.blocks(statement.body, INDENT)

    def field(self, name: str, value: str) -> None:
        self.out.extend(wrap(value, self.width, f"{INDENT}{name}: ", INDENT * 3))

    def fields(self, statement: AnyStatement) -> Iterator[tuple[str, str]]:
        return written_fields(statement, STATEMENT_FIELDS[statement.kind])

    # --- exhibits (#10, part B) -------------------------------------------------------

    def exhibit(self, exhibit: AnyExhibit) -> None:
        head = f"{exhibit.kind} {exhibit.id}" + (f" {quote(exhibit.title)}" if exhibit.title else "") + ":"
        self.emit(head + self.trailing_comment(exhibit.span))
        if exhibit.fields_span is not None:
            self.comments_before(exhibit.fields_span.end_line + 1, INDENT)
        for spec in EXHIBIT_FIELDS[exhibit.kind].values():
            value = getattr(exhibit, spec.attribute)
            if value is None or value == ():
                continue
            if spec.value == "inline":
                self.field(spec.name, _protect_start(write_inline(value)))
            else:
                self.field(spec.name, _field_text(value))
        if isinstance(exhibit, Table):
            # The rows are re-made: comments among them go above them, still in the table's body.
            if exhibit.span is not None:
                self.comments_before(exhibit.span.end_line + 1, INDENT)
            self.out.extend(INDENT + row for row in table_rows(exhibit))

    # --- blocks -----------------------------------------------------------------------

    def blocks(self, blocks: Sequence[Block], indent: str) -> None:
        for number, block in enumerate(blocks):
            if number:
                self.blank()
            if block.span is not None:
                self.comments_before(block.span.end_line + 1, indent)
            if isinstance(block, Blockquote):
                self.blockquote(block, indent)
            elif isinstance(block, List):
                self.list(block, indent)
            else:
                self.paragraph(block, indent)

    def paragraph(self, paragraph: Paragraph, indent: str) -> None:
        text = _protect_start(write_inline(paragraph.children))
        self.out.extend(wrap(text, self.width, indent, indent))

    def list(self, block: List, indent: str) -> None:
        """`- item` or `1. item` (numbered on from `start`); wrapped and nested lists under the item's text."""
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}. " if block.ordered else "- "
            under = indent + " " * len(marker)
            self.out.extend(wrap(write_inline(item.children), self.width, indent + marker, under))
            for sublist in item.lists:
                self.list(sublist, under)

    def blockquote(self, quote_block: Blockquote, indent: str) -> None:
        nodes: list[Inline] = list(quote_block.children)
        text = write_inline(nodes)
        if quote_block.citation is not None:
            text += " " + InlineWriter().citations([quote_block.citation])
        self.out.extend(wrap(text, self.width, indent + "> ", indent + "> "))


# --- the order of a paper's items, and tables (#10, part B) ------------------------------

Item = AnyStatement | AnyDivision | Bibliography | AnyExhibit


def document_items(paper: Paper) -> list[Item]:
    """Every item with a header line, in the order of the file: headings, statements, exhibits."""
    items: list[Item] = list(paper.statements)
    for division in paper.divisions():
        items.append(division)
        items.extend(division.flow())
    if paper.bibliography is not None:
        items.append(paper.bibliography)
        items.extend(paper.bibliography.statements)
    return items


def table_rows(table: Table) -> list[str]:
    """A table's pipe rows, each column padded to its widest cell, the delimiter row aligned to match."""
    rows = [_cells(table.header), *(_cells(row) for row in table.rows)]
    widths = [max(3, *(len(row[column]) for row in rows)) for column in range(len(rows[0]))]
    align = list(table.align) + [None] * (len(widths) - len(table.align))
    delimiter = [_delimiter(width, side) for width, side in zip(widths, align, strict=True)]

    def line(cells: list[str]) -> str:
        padded = [
            cell.rjust(width) if side == "right" else cell.center(width) if side == "center" else cell.ljust(width)
            for cell, width, side in zip(cells, widths, align, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    return [line(rows[0]), "|" + "|".join(delimiter) + "|", *(line(row) for row in rows[1:])]


def _cells(row: TableRow) -> list[str]:
    return [write_inline(cell.children).replace("|", "\\|") for cell in row.cells]


def _delimiter(width: int, side: str | None) -> str:
    dashes = width + 2  # the spaces around the cell text
    if side == "center":
        return ":" + "-" * (dashes - 2) + ":"
    if side == "right":
        return "-" * (dashes - 1) + ":"
    if side == "left":
        return ":" + "-" * (dashes - 1)
    return "-" * dashes


def written_fields(node: Meta | AnyStatement, fields: dict[str, Field]) -> Iterator[tuple[str, str]]:
    """(name, value) of each field a node has, in the vocabulary's order (argdoc.syntax).

    A field left at its default is not written; a repeated field is written once
    per item, a list on one line; the summary (blocks) is the printer's own.
    """
    for spec in fields.values():
        value = getattr(node, spec.attribute)
        if not spec.written or spec.value == "blocks" or not value or value == _default(node, spec.attribute):
            continue
        items = [_field_text(item) for item in value] if isinstance(value, tuple) else [_field_text(value)]
        if spec.repeat:
            yield from ((spec.name, item) for item in items)
        else:
            yield spec.name, f"{spec.separator} ".join(items)


def _default(node: Meta | AnyStatement, attribute: str) -> object:
    return type(node).model_fields[attribute].default


def _field_text(value: object) -> str:
    if isinstance(value, Reference):
        return value.id
    if isinstance(value, Author):
        return value.name + (f" ({value.affiliation})" if value.affiliation else "")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, PersonName):
        return format_name(value)
    if isinstance(value, ReferenceFile):
        return value.path
    return str(value)


def _first_line(blocks: Sequence[Block]) -> int:
    return _line(blocks[0].span) if blocks else _FAR


def _line(span: Span | None) -> int:
    return span.line if span is not None else _FAR


# --- entry points ---------------------------------------------------------------------


def print_paper(paper: Paper, line_length: int = DEFAULT_LINE_LENGTH) -> str:
    """A tree as canonical .arg text: what `argdoc import` writes.

    A tree holds no comments but its suppressions, which are written back as
    `# argdoc: ...` comments where they apply.
    """
    printer = Printer(width=line_length)
    for suppression in paper.suppressions:
        kind = "ignore-file" if suppression.whole_file else "ignore"
        note = f"# argdoc: {kind}" + (f"[{', '.join(suppression.rules)}]" if suppression.rules else "")
        if suppression.whole_file:
            printer.file_notes.append(note)
        elif suppression.statement is not None:
            printer.above.setdefault(suppression.statement, []).append(note)
        else:
            printer.end_notes.append(note)
    return printer.paper(paper)


def format_text(text: str, path: str = "<stdin>", line_length: int = DEFAULT_LINE_LENGTH) -> str:
    """The canonical layout of a paper's text, proven to mean the same; raises FormatError."""
    if line_length < MIN_LINE_LENGTH:
        raise FormatError(f"the line length must be at least {MIN_LINE_LENGTH}")
    with gc_paused():  # two compiles and a printed copy: as in compile_text, the collector would rescan them
        return _format(text, path, line_length)


@dataclass(frozen=True)
class FormattedFile:
    """A file read and formatted, not yet written: `before` as read, `after` as it would be written.

    Both are text without the byte-order mark; `after` has the file's line
    endings. `write` puts back the mark the file had.
    """

    path: Path
    original: Snapshot
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def write(self) -> None:
        """Replace the file's text with `after`, through a symbolic link, keeping its mode and owner.

        Refused (an OSError, nothing written) when the file changed since it
        was read, so an edit saved meanwhile is never lost; and for a file
        with several hard links (see `argdoc.output.write_atomic`).
        """
        bom = BOM.encode("utf-8") if self.original.data.startswith(BOM.encode("utf-8")) else b""
        write_atomic(self.path, bom + self.after.encode("utf-8"), unchanged_since=self.original)


def format_file(path: Path, line_length: int = DEFAULT_LINE_LENGTH) -> FormattedFile:
    """Read a file and format it (nothing is written); FormatError if it cannot be formatted safely.

    The file should have been checked readable first (`argdoc.compiler.read_source`
    says why not, with diagnostics); an OSError or UnicodeDecodeError here means
    it changed in between.
    """
    original = Snapshot.read(path)
    before = original.data.decode("utf-8-sig")
    return FormattedFile(path, original, before, keep_line_endings(before, format_text(before, str(path), line_length)))


def keep_line_endings(original: str, formatted: str) -> str:
    """Keep a file's CRLF line endings (a Windows checkout) when formatting it."""
    return formatted.replace("\n", "\r\n") if "\r\n" in original else formatted


def _format(text: str, path: str, line_length: int) -> str:
    paper, comments = _read(SourceFile.from_text(text, path))
    formatted = Printer(width=line_length, comments=comments).paper(paper)
    again, again_comments = assert_compiles(text, formatted, path)
    assert_equivalent(paper, again)
    assert_comments_kept(comments, again_comments)
    assert_stable(formatted, Printer(width=line_length, comments=again_comments).paper(again))
    return formatted


# --- the safety checks (black's assert_equivalent and assert_stable) --------------------
#
# The printer is trusted with nothing: each check below proves one thing about
# what it wrote, and a check that fails means the printer is wrong, never the
# file. So the error says "please report this" and carries the diff that
# failed, bounded in length, which is what a bug report needs.


def assert_compiles(text: str, formatted: str, path: str) -> tuple[Paper, list[Comment]]:
    """The formatted text reads back as a paper: a file that compiled must not stop compiling.

    Returns the paper and comments read back, for the checks that follow.
    """
    try:
        return _read(SourceFile.from_text(formatted, path))
    except FormatError as exc:
        raise _report("the formatted text does not compile", text, formatted, ("source", "formatted"), exc) from None


def assert_equivalent(paper: Paper, again: Paper) -> None:
    """The formatted text means what the source meant: both compile to equal trees (spans aside).

    This is the guarantee that formatting only changes layout; the diff is
    between the two trees, without positions, where the meaning moved.
    """
    if again != paper:
        before, after = tree_json(paper, spans=False) + "\n", tree_json(again, spans=False) + "\n"
        raise _report("the formatted text would mean something else", before, after, ("tree", "formatted tree"))


def assert_comments_kept(comments: Sequence[Comment], again: Sequence[Comment]) -> None:
    """Every comment survives, word for word: comments are not in the tree, so equivalence cannot see them."""
    if _texts(comments) != _texts(again):
        before, after = (sorted(c.text + "\n" for c in found) for found in (comments, again))
        raise _report(
            "formatting would lose or change a comment",
            "".join(before),
            "".join(after),
            ("comments", "formatted comments"),
        )


def assert_stable(formatted: str, again: str) -> None:
    """Formatting the formatted text changes nothing: otherwise `fmt --check` would fail right after `fmt`."""
    if again != formatted:
        raise _report(
            "formatting is not stable (a second pass changes it)", formatted, again, ("first pass", "second pass")
        )


# A diff in an error message is for reading and reporting: this many lines at most.
MAX_REPORTED_DIFF_LINES = 60
_MAX_REPORTED_LINE = 200


def _report(
    what: str, before: str, after: str, labels: tuple[str, str], cause: FormatError | None = None
) -> FormatError:
    """The error for a failed safety check: what failed, a request to report it, and the diff, bounded."""
    diff = bounded_diff(before, after, *labels)
    message = f"{what}; the file is left as it is. A bug in argdoc fmt: please report this, with this diff:\n{diff}"
    return FormatError(message.rstrip("\n"), cause.diagnostics if cause is not None else (), diff=diff)


def bounded_diff(
    before: str, after: str, from_label: str, to_label: str, max_lines: int = MAX_REPORTED_DIFF_LINES
) -> str:
    """A unified diff cut to `max_lines` lines (each cut to a readable width), saying how much was left out."""
    lines = list(difflib.unified_diff(before.splitlines(), after.splitlines(), from_label, to_label, lineterm=""))
    shown = [
        line if len(line) <= _MAX_REPORTED_LINE else line[:_MAX_REPORTED_LINE] + " …" for line in lines[:max_lines]
    ]
    if len(lines) > max_lines:
        shown.append(f"… ({len(lines) - max_lines} more lines of diff)")
    return "".join(line + "\n" for line in shown)


def _read(source: SourceFile) -> tuple[Paper, list[Comment]]:
    control = control_character(source)
    if control:
        raise FormatError("the file has errors; fix them before formatting", control)
    parsed = parse_tree(source)
    if parsed.tree is None:
        raise FormatError("the file has syntax errors; fix them before formatting", parsed.diagnostics)
    paper, diagnostics = build(parsed.tree, source)
    # Tree-building errors drop what they cannot read (an unknown field, a bad
    # date): printing the tree would lose it, so such files are not formatted.
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise FormatError("the file has errors; fix them before formatting", errors)
    # `include` lines are not expanded here (each file is formatted on its own):
    # like comments, they are put back where they were.
    lines = sorted([*comment_lines(parsed.tree), *_include_lines(parsed.tree)])
    comments = [
        Comment(line, column, text, _blank_line(source, line + 1), _blank_line(source, line - 1))
        for line, column, text in lines
    ]
    return paper, comments


def _include_lines(tree: Tree[Token]) -> Iterator[tuple[int, int, str]]:
    for item in tree.children:
        if isinstance(item, Tree) and item.data == "include":
            token = item.children[0]
            assert isinstance(token, Token)
            yield token.line or 1, 1, "include " + quote(unquote(str(token)))


def _blank_line(source: SourceFile, line: int) -> bool:
    return 1 <= line <= len(source.line_starts()) and not source.line_text(line).strip()


def _texts(comments: Iterable[Comment]) -> Counter[str]:
    return Counter(c.text for c in comments)


def unified_diff(before: str, after: str, path: str) -> str:
    """The change `--diff` prints."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"{path}", f"{path} (formatted)"
    )
    return "".join(lines)
