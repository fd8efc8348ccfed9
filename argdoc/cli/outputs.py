"""Writing a command's output file, atomically; a file that cannot be written is a diagnostic (E040)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from argdoc import codes
from argdoc.cli.console import Console, shown_diagnostic
from argdoc.diagnostics import Diagnostic, make
from argdoc.diagnostics import format_text as format_diagnostic
from argdoc.output import write_atomic
from argdoc.source import SourceFile, Span


def write_output(path: Path, data: str | bytes | Callable[[], None], console: Console) -> bool:
    """Write an output atomically (or run the write given); a failure is reported as a diagnostic, not raised."""
    try:
        if callable(data):
            data()
        else:
            write_atomic(path, data)
    except OSError as exc:
        print(
            format_diagnostic(shown_diagnostic(write_failure(path, exc)), None, colour=console.colour), file=sys.stderr
        )
        return False
    return True


def write_failure(out: Path, exc: OSError) -> Diagnostic:
    """An output that cannot be written: a diagnostic naming it, not a traceback."""
    source = SourceFile(str(out), "")
    span = Span(line=1, column=1, end_line=1, end_column=1)
    reason = exc.strerror or type(exc).__name__
    return make(
        codes.CANNOT_WRITE,
        f"cannot write this file: {reason}",
        source,
        span,
        hint="check that the output folder exists, is a folder and is writable",
    )
