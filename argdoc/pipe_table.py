"""GitHub pipe-table rows, read line by line for argdoc.build_tree (#10, part B).

    | Country   | 2014 | 2024 |
    |-----------|-----:|-----:|
    | Poland    | 1.9  | 4.1  |

A row is a line that starts with `|`; its cells lie between unescaped pipes
(`\\|` is a pipe inside a cell). The row under the header is the delimiter
row: a run of dashes per column, with a colon on the left, right or both
ends for the column's alignment. What does not parse is reported with the
column to put the caret at, never read as prose.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from argdoc.nodes import Alignment

# One delimiter cell: optional colon, at least one dash, optional colon.
_DELIMITER_CELL = re.compile(r"\s*(:?)-+(:?)\s*")
# A pipe that separates cells: not escaped by a backslash.
_SEPARATOR = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Cell:
    """A cell's text (stripped, `\\|` still escaped for the inline reader) and its offset in the line."""

    text: str
    offset: int


@dataclass(frozen=True)
class RowProblem:
    """Why a line is not a row, and the offset in the line where the caret goes."""

    message: str
    hint: str
    offset: int


def split_row(line: str) -> list[Cell] | RowProblem:
    """The cells of `| a | b |`; a problem when the line is not a row."""
    if not line.startswith("|"):
        return RowProblem(
            "a table row must start with '|'",
            "write each row as | cell | cell |; prose goes in the table's note:",
            0,
        )
    if len(line) < 2 or _SEPARATOR.search(line, len(line) - 1) is None:
        return RowProblem("a table row must end with '|'", "close the row with '|'", len(line) - 1)
    cuts = [m.start() for m in _SEPARATOR.finditer(line)]
    cells = []
    for start, end in itertools.pairwise(cuts):
        raw = line[start + 1 : end]
        lead = len(raw) - len(raw.lstrip())
        cells.append(Cell(raw.strip(), start + 1 + lead))
    return cells


def alignments(cells: list[Cell]) -> list[Alignment | None] | None:
    """The columns' alignments from a delimiter row (`|:--|--:|:-:|`); None if it is not one."""
    found: list[Alignment | None] = []
    for cell in cells:
        match = _DELIMITER_CELL.fullmatch(cell.text)
        if match is None:
            return None
        left, right = bool(match.group(1)), bool(match.group(2))
        found.append("center" if left and right else "right" if right else "left" if left else None)
    return found


# A number as a chart reads it from a cell: 4.1, -0.5, 1,234, 12.5%, with spaces around.
_NUMBER = re.compile(r"\s*[-+\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*%?\s*")


def number(text: str) -> float | None:
    """The number a cell holds, or None when it holds something else."""
    if not _NUMBER.fullmatch(text):
        return None
    return float(text.strip().rstrip("%").replace(",", "").replace("\u2212", "-"))
