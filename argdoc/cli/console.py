"""Where the command line's words go: diagnostics and messages, coloured or not (decided per stream)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from argdoc.diagnostics import Diagnostic, sort_key
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
            print(format_diagnostic(d, result.source_of(d.path), colour=colour), file=stream)
            print(file=stream)

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr)


def wants_colour(choice: str, stream: TextIO) -> bool:
    """--color: always, never, or auto (a terminal that is not `dumb`, unless NO_COLOR is set)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty() and os.environ.get("TERM") != "dumb"
