"""Source text and positions: the input file, normalised, and spans into it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

BOM = "\ufeff"


# A plain frozen dataclass, not a Pydantic model: a paper has about nine spans
# per statement, and a dataclass is built in about 0.6 µs against a model's
# 1.0 µs. Pydantic still validates, serialises and describes it (JSON Schema)
# as a field of the tree.
@dataclass(frozen=True, slots=True, init=False)
class Span:
    """A region of a source file. Lines and columns are 1-based; the end is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    # The generated __init__ of a frozen dataclass looks `object.__setattr__` up
    # for every field; with it bound once, a span is made about a tenth faster
    # (0.62 against 0.69 µs with keywords), and the builder makes several per statement.
    def __init__(
        self, line: int, column: int, end_line: int, end_column: int, *, _set: Any = object.__setattr__
    ) -> None:
        _set(self, "line", line)
        _set(self, "column", column)
        _set(self, "end_line", end_line)
        _set(self, "end_column", end_column)

    _core_schema: ClassVar[CoreSchema | None] = None

    @classmethod
    def __get_pydantic_core_schema__(cls, source: type[Any], handler: GetCoreSchemaHandler) -> CoreSchema:
        """Pydantic's schema for a span, generated once.

        Pydantic reuses a model's schema in every model that contains it, but
        generates a plain dataclass's again for each field that holds one: every
        node has a span (statements three), and generating them all was a sixth
        of importing argdoc.nodes, which every command does.
        """
        if cls._core_schema is None:
            cls._core_schema = handler(source)
        return cls._core_schema


class SourceDecodeError(Exception):
    """The bytes of a file are not UTF-8."""

    def __init__(self, offset: int, line: int, column: int, reason: str) -> None:
        super().__init__(reason)
        self.offset = offset
        self.line = line
        self.column = column
        self.reason = reason


def normalise(text: str) -> str:
    """Drop a byte-order mark, turn CRLF and lone CR into LF, end with a newline.

    Every later stage sees only `\\n`, so line and column numbers agree with
    what an editor shows whatever the file's line endings were.
    """
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.endswith("\n"):
        text += "\n"
    return text


def decode(data: bytes) -> str:
    """Decode UTF-8, reporting the first bad byte's position on failure."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        reason = f"the file is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise SourceDecodeError(exc.start, line, column, reason) from None


@dataclass
class SourceFile:
    """A file's normalised text, with fast line lookup for diagnostics."""

    path: str
    text: str
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def from_text(cls, text: str, path: str | Path | None = None) -> SourceFile:
        return cls(str(path) if path is not None else "<string>", normalise(text))

    def line_starts(self) -> list[int]:
        if not self._starts:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._starts = starts
        return self._starts

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline ('' when out of range)."""
        starts = self.line_starts()
        if line < 1 or line > len(starts):
            return ""
        start = starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end != -1 else len(self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset."""
        starts = self.line_starts()
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1
