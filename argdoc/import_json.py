"""argdoc import: a JSON argument tree (as `argdoc export --to json` writes it) back to .arg text.

Other programs can generate papers as JSON. The tree is validated field by
field; every problem becomes a diagnostic at the place in the JSON file where
the offending value starts, naming the path to the field and what was
expected. A valid tree is printed with argdoc.fmt's printer and read back: if
the text would not mean exactly that tree (an id with a space, a title with a
line break), the first value that cannot be written is reported, and nothing
is written.
"""

from __future__ import annotations

import contextlib
import json
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from argdoc import codes
from argdoc.codes import IMAGE_NOT_FOUND
from argdoc.compiler import compile_text
from argdoc.diagnostics import Diagnostic, make
from argdoc.fmt import DEFAULT_LINE_LENGTH, print_paper
from argdoc.inline import ID_RE
from argdoc.nodes import Block, Inline, Paper, Statement
from argdoc.source import SourceFile, Span
from argdoc.syntax import KEYWORDS

Path_ = tuple[str | int, ...]


@dataclass
class ImportResult:
    source: SourceFile
    text: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def import_json(text: str, path: str = "<stdin>", line_length: int = DEFAULT_LINE_LENGTH) -> ImportResult:
    source = SourceFile.from_text(text, path)
    data, problem = _load(text, source)
    if problem is not None:
        return ImportResult(source, None, [problem])
    positions = locate_values(text)
    try:
        paper = Paper.model_validate(data)
    except ValidationError as exc:
        return ImportResult(source, None, list(_field_errors(exc, source, positions)))
    problems = list(_unwritable(data, ()))
    if problems:
        return ImportResult(
            source, None, [_unwritable_diagnostic(source, positions, where, why) for where, why in problems]
        )
    printed = print_paper(paper, line_length)
    back = compile_text(printed, path)
    # Errors of the text itself; a figure's image is looked for beside the JSON, where it need not be.
    text_errors = [
        d for d in back.diagnostics if d.is_error and not d.code.startswith("ARG") and d.code != IMAGE_NOT_FOUND.code
    ]
    if back.paper == paper and not text_errors:
        return ImportResult(source, printed)
    where = _first_difference(paper.model_dump(mode="json"), back.paper.model_dump(mode="json") if back.paper else {})
    # Say what reading the text back found, where it found something (E109, E111...).
    errors = text_errors
    why = (
        f"as .arg it would read: {errors[0].message}"
        if errors
        else "two emphases cannot stand side by side, and text cannot begin or end with spaces"
    )
    return ImportResult(source, None, [_unwritable_diagnostic(source, positions, where, why)])


# A JSON number this long is refused by Python's int() (CVE-2020-10735's limit).
_LONG_NUMBER = re.compile(r"-?\d{4300,}")


def _load(text: str, source: SourceFile) -> tuple[Any, Diagnostic | None]:
    """The JSON value, or a diagnostic where reading it failed: bad syntax, too deep, a huge number."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        span = Span(line=exc.lineno, column=exc.colno, end_line=exc.lineno, end_column=exc.colno + 1)
        return None, make(
            codes.INVALID_JSON,
            f"this is not valid JSON: {exc.msg}",
            source,
            span,
            hint="check the JSON syntax near this place",
        )
    except RecursionError:
        start = Span(line=1, column=1, end_line=1, end_column=2)
        return None, make(
            codes.INVALID_JSON,
            "the JSON nests arrays or objects too deeply to read",
            source,
            start,
            hint="an argdoc tree nests a few levels deep; this is not one",
        )
    except ValueError:  # a number of thousands of digits
        found = _LONG_NUMBER.search(text)
        offset = found.start() if found else 0
        line, column = source.position(offset)
        return None, make(
            codes.INVALID_JSON,
            "this number has more digits than argdoc reads",
            source,
            Span(line=line, column=column, end_line=line, end_column=column + 1),
            hint="an argdoc tree holds no numbers this long",
        )


# Half of a UTF-16 pair on its own: JSON's "\\ud800" reads as one, UTF-8 cannot write it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _unwritable_diagnostic(source: SourceFile, positions: dict[Path_, Span], where: Path_, why: str) -> Diagnostic:
    return make(
        codes.UNWRITABLE_TREE,
        f"{_dotted(where) or 'the tree'} cannot be written as .arg exactly",
        source,
        _nearest(where, positions),
        hint=why,
    )


def _unwritable(data: Any, at: Path_) -> Iterator[tuple[Path_, str]]:
    """Values a valid tree may hold but .arg cannot write: bad ids, line breaks in text."""
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield from _unwritable(item, (*at, index))
        return
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        here = (*at, key)
        names_an_id = key == "id" or (key == "source" and data.get("kind") == "citation")
        if names_an_id and isinstance(value, str):
            if not ID_RE.match(value) or value in KEYWORDS:
                yield here, "ids use letters, digits, '-' and '_', and cannot be a keyword"
        elif isinstance(value, str) and ("\n" in value or "\r" in value):
            yield here, "text holds no line breaks: use separate paragraphs"
        elif isinstance(value, str) and _SURROGATE.search(value):
            yield here, "text holds a lone surrogate (\\ud800-\\udfff), which no UTF-8 file can hold"
        else:
            yield from _unwritable(value, here)


def _field_errors(exc: ValidationError, source: SourceFile, positions: dict[Path_, Span]) -> Iterator[Diagnostic]:
    for error in exc.errors(include_url=False):
        loc: Path_ = tuple(part for part in error["loc"] if not _is_union_tag(part))
        span = _nearest(loc, positions)
        yield make(
            codes.INVALID_TREE,
            f"{_dotted(loc) or 'the document'}: {error['msg']}",
            source,
            span,
            hint=f"expected {_expected(error)}",
        )


def _is_union_tag(part: str | int) -> bool:
    # Pydantic names the union member it tried (`claim`, `text`...) inside the path.
    return isinstance(part, str) and part in _UNION_TAGS


# The kinds of the members of the tree's tagged unions: statements, inline nodes, blocks.
_UNION_TAGS = frozenset(
    member.model_fields["kind"].default
    for union in (Statement, Inline, Block)
    for member in typing.get_args(typing.get_args(union)[0])
)


def _expected(error: Any) -> str:
    kind = str(error.get("type", ""))
    table = {
        "missing": "this field to be present",
        "extra_forbidden": "no such field (check its name)",
        "string_type": "a string",
        "date_from_datetime_parsing": "a date written YYYY-MM-DD",
        "date_parsing": "a date written YYYY-MM-DD",
        "union_tag_invalid": "a known 'kind'",
        "union_tag_not_found": "a 'kind' field naming the node's kind",
        "tuple_type": "a list",
        "literal_error": "the 'kind' this field requires",
        "model_type": "an object",
    }
    return table.get(kind, kind.replace("_", " "))


def _nearest(loc: Path_, positions: dict[Path_, Span]) -> Span:
    for end in range(len(loc), -1, -1):
        span = positions.get(loc[:end])
        if span is not None:
            return span
    return Span(line=1, column=1, end_line=1, end_column=2)


def _dotted(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _first_difference(a: Any, b: Any, at: Path_ = ()) -> Path_:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            if key in ("span", "origin") or key.endswith("_span"):
                continue
            if key not in b or a[key] != b[key]:
                return _first_difference(a[key], b.get(key), (*at, key))
        return at
    if isinstance(a, list) and isinstance(b, list):
        for index, (left, right) in enumerate(zip(a, b, strict=False)):
            if left != right:
                return _first_difference(left, right, (*at, index))
        return at
    return at


# --- where each JSON value starts ------------------------------------------------------------


class _Scanner:
    """A small JSON reader that records the line and column of every value by its path."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.source = SourceFile("<json>", text)  # raw text: offsets must match
        self.found: dict[Path_, Span] = {}

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def value(self, path: Path_) -> None:
        self.skip()
        start = self.pos
        char = self.text[self.pos] if self.pos < len(self.text) else ""
        if char == "{":
            self.obj(path)
        elif char == "[":
            self.array(path)
        elif char == '"':
            self.string()
        else:
            while self.pos < len(self.text) and self.text[self.pos] not in ",]} \t\r\n":
                self.pos += 1
        line, column = self.source.position(start)
        end_line, end_column = self.source.position(max(self.pos - 1, start))
        if end_line != line:
            end_line, end_column = line, column
        self.found[path] = Span(line=line, column=column, end_line=end_line, end_column=end_column + 1)

    def obj(self, path: Path_) -> None:
        self.pos += 1
        while True:
            self.skip()
            if self.text[self.pos] == "}":
                self.pos += 1
                return
            key = self.string()
            self.skip()
            self.pos += 1  # the colon
            self.value((*path, key))
            self.skip()
            if self.text[self.pos] == ",":
                self.pos += 1

    def array(self, path: Path_) -> None:
        self.pos += 1
        index = 0
        while True:
            self.skip()
            if self.text[self.pos] == "]":
                self.pos += 1
                return
            self.value((*path, index))
            index += 1
            self.skip()
            if self.text[self.pos] == ",":
                self.pos += 1

    def string(self) -> str:
        start = self.pos
        self.pos += 1
        while self.text[self.pos] != '"':
            self.pos += 2 if self.text[self.pos] == "\\" else 1
        self.pos += 1
        value: str = json.loads(self.text[start : self.pos])
        return value


def locate_values(text: str) -> dict[Path_, Span]:
    """Path (keys and indexes) to the span of the value there, for valid JSON text."""
    scanner = _Scanner(text)
    # Only called on text json.loads accepted; be safe anyway (the scanner
    # recurses twice per level, json.loads once).
    with contextlib.suppress(IndexError, RecursionError):
        scanner.value(())
    return scanner.found
