"""One diagnostic type for every stage, and the ways of writing it out."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from argdoc.source import SourceFile, Span

if TYPE_CHECKING:
    from argdoc.codes import Code


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Related:
    """Another place that explains a diagnostic, such as an earlier definition."""

    message: str
    path: str
    line: int
    column: int


@dataclass(frozen=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    hint: str | None = None
    statement: str | None = None
    related: tuple[Related, ...] = field(default_factory=tuple)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["related"] = [asdict(r) for r in self.related]
        return data


def make(
    code: Code,
    message: str,
    source: SourceFile,
    span: Span,
    *,
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
    statement: str | None = None,
    related: Sequence[Related] = (),
) -> Diagnostic:
    """Build a diagnostic at a span of a source file: `make(codes.MISSING_COLON, message, source, span)`."""
    return Diagnostic(
        code=code.code,
        name=code.name,
        severity=severity,
        message=_clipped(message),
        path=source.path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        hint=hint,
        statement=statement,
        related=tuple(related),
    )


# Messages quote what the writer wrote; a quoted value of megabytes is cut in
# its middle, so that every output (terminal, JSON, SARIF) stays readable.
_MAX_MESSAGE = 400


def _clipped(message: str) -> str:
    if len(message) <= _MAX_MESSAGE:
        return message
    half = _MAX_MESSAGE // 2
    return f"{message[:half]}…{message[-half:]}"


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.path, d.line, d.column, d.code)


# --- text -------------------------------------------------------------------

_COLOURS = {
    Severity.ERROR: "\033[1;31m",
    Severity.WARNING: "\033[1;33m",
    Severity.INFO: "\033[1;36m",
}
_BOLD = "\033[1m"
_BLUE = "\033[1;34m"
_GREEN = "\033[1;32m"
_RESET = "\033[0m"


def _display_width(text: str) -> int:
    """Terminal cells taken by text: wide East Asian characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# A source line longer than this is shown as a window around the marked text:
# a minified or generated line of megabytes must not flood the terminal.
_WINDOW = 160
_BEFORE = 60


def _window(line_text: str, column: int, end: int) -> tuple[str, int, int]:
    """The part of a long line around columns [column, end) and the columns moved into it."""
    if len(line_text) <= _WINDOW:
        return line_text, column, end
    start = max(column - 1 - _BEFORE, 0)
    stop = min(max(end - 1, column) + _BEFORE, start + _WINDOW, len(line_text))
    head = "…" if start else ""
    tail = "…" if stop < len(line_text) else ""
    shift = start - len(head)
    return head + line_text[start:stop] + tail, column - shift, min(end - shift, stop - shift + 1)


def _snippet(d: Diagnostic, source: SourceFile, paint: dict[str, str]) -> list[str]:
    line_text = source.line_text(d.line)
    if not source.text or (not line_text and d.line > len(source.line_starts())):
        return []
    end = d.end_column if d.end_line == d.line and d.end_column > d.column else len(line_text.rstrip()) + 1
    line_text, column, end = _window(line_text, d.column, end)
    shown = line_text.replace("\t", "    ")
    prefix = line_text[: max(column - 1, 0)].replace("\t", "    ")
    marked = line_text[column - 1 : end - 1].replace("\t", "    ")
    width = max(_display_width(marked), 1)
    gutter = " " * len(str(d.line))
    colour = paint.get(d.severity.value, "")
    return [
        f"{paint['blue']}{gutter} |{paint['reset']}",
        f"{paint['blue']}{d.line} |{paint['reset']} {shown}",
        f"{paint['blue']}{gutter} |{paint['reset']} {' ' * _display_width(prefix)}"
        f"{colour}{'^' * width}{paint['reset']}",
    ]


def format_text(d: Diagnostic, source: SourceFile | None = None, *, colour: bool = False) -> str:
    """`path:line:col: severity[CODE] message (name)`, the line, a caret, notes, help."""
    paint = {
        "error": _COLOURS[Severity.ERROR],
        "warning": _COLOURS[Severity.WARNING],
        "info": _COLOURS[Severity.INFO],
        "bold": _BOLD,
        "blue": _BLUE,
        "green": _GREEN,
        "reset": _RESET,
    }
    if not colour:
        paint = dict.fromkeys(paint, "")
    head = (
        f"{paint['bold']}{d.path}:{d.line}:{d.column}:{paint['reset']} "
        f"{paint[d.severity.value]}{d.severity.value}[{d.code}]{paint['reset']} "
        f"{paint['bold']}{d.message}{paint['reset']} ({d.name})"
    )
    lines = [head]
    if source is not None:
        lines.extend(_snippet(d, source, paint))
    if d.statement:
        lines.append(f"   = in statement '{d.statement}'")
    for note in d.related:
        lines.append(f"   = note: {note.message} at {note.path}:{note.line}:{note.column}")
    if d.hint:
        lines.append(f"{paint['green']}help:{paint['reset']} {d.hint}")
    return "\n".join(lines)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    import json  # here, not at the top: every command imports this module, few write JSON

    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False)
