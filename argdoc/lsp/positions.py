"""Positions: argdoc's spans to LSP ranges and back, in one place.

argdoc counts lines and columns from 1, columns in characters (code points)
of the normalised text (argdoc.source: no byte-order mark, `\\n` line ends).
LSP counts both from 0, and columns in the code units the client and server
agreed on at initialisation: UTF-16 unless the client offers UTF-8 or UTF-32.
A character outside the Basic Multilingual Plane (an emoji, a rare CJK
ideograph) is one argdoc column and two UTF-16 units.

Line numbers agree: LSP, like argdoc, ends a line at `\\r\\n`, `\\r` or `\\n`.
A byte-order mark that the editor kept at the start of the text is one more
unit before everything on line 1.
"""

from __future__ import annotations

import re

from lsprotocol import types

from argdoc.source import BOM

_UNITS = {"utf-8": 1, "utf-16": 2, "utf-32": 4}
# LSP's line ends (not str.splitlines's, which also breaks at \f, \x85, \u2028 ...).
_LINE_END = re.compile(r"\r\n|\r|\n")


def _units(char: str, encoding: str) -> int:
    """How many code units of the encoding one character takes."""
    if encoding == "utf-32":
        return 1
    if encoding == "utf-16":
        return 2 if ord(char) > 0xFFFF else 1
    return len(char.encode("utf-8", "surrogatepass"))


class Positions:
    """Converts positions for one file's text, as the editor holds it."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        if encoding not in _UNITS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        self.encoding = encoding
        self.bom = text.startswith(BOM)
        self._lines = _LINE_END.split(text[1:] if self.bom else text)
        # Most lines are ASCII, where a column is a unit in every encoding.
        self._ascii = [line.isascii() for line in self._lines]

    def line_text(self, line: int) -> str:
        """The text of a 0-based line ('' beyond the end)."""
        return self._lines[line] if 0 <= line < len(self._lines) else ""

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of argdoc's 1-based (line, column)."""
        index = max(line - 1, 0)
        chars = max(column - 1, 0)
        text = self.line_text(index)
        chars = min(chars, len(text))
        if index < len(self._ascii) and self._ascii[index]:
            units = chars
        else:
            units = sum(_units(c, self.encoding) for c in text[:chars])
        if index == 0 and self.bom:
            units += _units(BOM, self.encoding)
        return types.Position(line=index, character=units)

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        """The LSP range of an argdoc span given as its four numbers (end exclusive, as in both)."""
        return types.Range(start=self.position(line, column), end=self.position(end_line, end_column))

    def column(self, position: types.Position) -> tuple[int, int]:
        """argdoc's 1-based (line, column) of an LSP position; a position inside a character counts as it."""
        text = self.line_text(position.line)
        units = position.character
        if position.line == 0 and self.bom:
            units = max(units - _units(BOM, self.encoding), 0)
        if position.line < len(self._ascii) and self._ascii[position.line]:
            return position.line + 1, min(units, len(text)) + 1
        chars = 0
        for char in text:
            step = _units(char, self.encoding)
            if units < step:
                break
            units -= step
            chars += 1
        return position.line + 1, chars + 1
