"""The front end as one call: text to a resolved argument tree and its diagnostics.

This is the pipeline up to (not including) rendering: read, parse, build the
tree, resolve. It imports neither Jinja2 nor WeasyPrint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from argdoc.build_tree import build
from argdoc.diagnostics import Diagnostic, has_errors, make
from argdoc.nodes import Paper
from argdoc.parser import parse_tree
from argdoc.resolve import Resolution, resolve
from argdoc.source import SourceDecodeError, SourceFile, Span, decode

# Inputs larger than this are refused before parsing (a mistake, not a paper);
# `--max-size` changes it.
MAX_BYTES = 64 * 1024 * 1024
# C0 control characters other than tab and line breaks, and DEL: a .arg file
# holding one is binary or damaged, and the characters would reach the output.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Result:
    """A compiled paper, or the reasons it could not be compiled."""

    source: SourceFile
    paper: Paper | None
    resolution: Resolution | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.paper is not None and not has_errors(self.diagnostics)


def compile_text(text: str, path: str | Path | None = None) -> Result:
    """Parse, build and resolve a paper's text."""
    source = SourceFile.from_text(text, path)
    control = _CONTROL.search(source.text)
    if control is not None:
        line, column = source.position(control.start())
        span = Span(line=line, column=column, end_line=line, end_column=column + 1)
        diag = make(
            "E025",
            "control-character",
            f"the file contains the control character U+{ord(control.group()):04X}",
            source,
            span,
            hint="is this a binary file? .arg files are plain UTF-8 text; remove the character",
        )
        return Result(source, None, None, [diag])
    parsed = parse_tree(source)
    if parsed.tree is None:
        return Result(source, None, None, parsed.diagnostics)
    paper, diagnostics = build(parsed.tree, source)
    resolution = resolve(paper, source)
    diagnostics.extend(resolution.diagnostics)
    return Result(source, paper, resolution, diagnostics)


def _file_error(path: Path, code: str, name: str, message: str, hint: str) -> Result:
    source = SourceFile(str(path), "")
    span = Span(line=1, column=1, end_line=1, end_column=1)
    return Result(source, None, None, [make(code, name, message, source, span, hint=hint)])


def compile_file(path: str | Path, max_bytes: int = MAX_BYTES) -> Result:
    """Read a .arg file and compile it; unreadable input is a diagnostic, not an exception."""
    path = Path(path)
    if path.is_dir():
        return _file_error(
            path,
            "E020",
            "not-a-file",
            "this is a directory, not a .arg file",
            "pass a .arg file, or a directory to 'argdoc build'",
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _file_error(
                path,
                "E022",
                "file-too-large",
                f"the file is {size} bytes; the limit is {max_bytes}",
                "split the paper, or raise the limit with --max-size",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        return _file_error(path, "E020", "file-not-found", "no such file", "check the path")
    except OSError as exc:
        return _file_error(
            path,
            "E021",
            "unreadable-file",
            f"cannot read the file: {exc.strerror}",
            "check the file's permissions",
        )
    try:
        text = decode(data)
    except SourceDecodeError as exc:
        # Show the line with the bad byte replaced, so the caret has context.
        source = SourceFile.from_text(data.decode("utf-8", "replace"), path)
        span = Span(line=exc.line, column=exc.column, end_line=exc.line, end_column=exc.column + 1)
        diag = make("E023", "invalid-encoding", exc.reason, source, span, hint="save the file as UTF-8")
        return Result(source, None, None, [diag])
    return compile_text(text, path)
