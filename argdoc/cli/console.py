"""Where the command line's words go: diagnostics and messages, coloured or not (decided per stream)."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from argdoc.cli.standard_streams import is_closed
from argdoc.diagnostics import Diagnostic, Related, sort_key
from argdoc.diagnostics import format_text as format_diagnostic

if TYPE_CHECKING:
    from argdoc.compiler import Result


@dataclass
class Console:
    """Where diagnostics and messages go, and whether to colour them (decided per stream)."""

    quiet: bool
    choice: str = "auto"

    @property
    def colour(self) -> bool:
        """Colour for standard error, where most diagnostics go."""
        return wants_colour(self.choice, sys.stderr)

    def diagnostics(self, result: Result, stream: TextIO, diagnostics: list[Diagnostic] | None = None) -> None:
        chosen = result.diagnostics if diagnostics is None else diagnostics
        colour = wants_colour(self.choice, stream)
        for d in sorted(chosen, key=sort_key):
            print(format_diagnostic(shown_diagnostic(d), result.source_of(d.path), colour=colour), file=stream)
            print(file=stream)

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr)

    def wrote(self, path: str | Path) -> None:
        """Name a file written, on standard output for scripts to read; not with --quiet.

        Nor when standard output is closed: the file is what was asked for,
        its name is only news of it.
        """
        if not self.quiet and not is_closed(1):
            print(shown(path))

    def warning(self, message: str) -> None:
        """Something the user should know although nothing failed; printed even with --quiet."""
        print(f"argdoc: warning: {message}", file=sys.stderr)


def wants_colour(choice: str, stream: TextIO) -> bool:
    """--color: always, never, or auto (a terminal that is not `dumb`, unless NO_COLOR is set)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty() and os.environ.get("TERM") != "dumb"


# What must not reach the output as it is: C0 and C1 control characters and DEL, which a
# terminal obeys (a file name can hold `ESC ]0;...` or `ESC [2J`), and the stand-ins
# (U+DC80 to U+DCFF) Python gives the bytes of a file name that are not UTF-8, which
# neither a terminal nor JSON can carry. Prose (a message, a hint) keeps its tabs and
# line breaks. Patterns, not compiled ones: re compiles them on first use (nearly
# never), and every command would pay for compiling them at start-up.
_UNPRINTABLE_IN_NAME = r"[\x00-\x1f\x7f-\x9f\udc80-\udcff]"
_UNPRINTABLE_IN_PROSE = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\udc80-\udcff]"


def shown(name: str | Path) -> str:
    """A file name as it is safe to print: each such character as `\\xNN`.

    An undecodable byte is shown as the byte it was (`caf\\xe9.arg`); names
    without such characters are printed exactly as they are.
    """
    return _escaped(str(name), _UNPRINTABLE_IN_NAME)


def shown_prose(text: str) -> str:
    """A message (which may name files) as it is safe to print; see shown."""
    return _escaped(text, _UNPRINTABLE_IN_PROSE)


def _escaped(text: str, unprintable: str) -> str:
    if text.isprintable():  # the usual case, without a regular expression
        return text
    return re.sub(unprintable, _escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00 if code >= 0xDC80 else code:02x}"


def shown_diagnostic(d: Diagnostic) -> Diagnostic:
    """A diagnostic whose file names and messages are safe to print (see shown), in any output format."""
    names = (d.path, *(r.path for r in d.related))
    prose = (d.message, d.hint or "", d.statement or "", *(r.message for r in d.related))
    if all(shown(name) == name for name in names) and all(shown_prose(text) == text for text in prose):
        return d
    return replace(
        d,
        path=shown(d.path),
        message=shown_prose(d.message),
        hint=shown_prose(d.hint) if d.hint is not None else None,
        statement=shown_prose(d.statement) if d.statement is not None else None,
        related=tuple(Related(shown_prose(r.message), shown(r.path), r.line, r.column) for r in d.related),
    )
