"""`argdoc fmt`: rewrite .arg files in the canonical layout (the formatter is argdoc.fmt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argdoc.cli.argument_types import line_length
from argdoc.cli.commands import Command
from argdoc.cli.console import Console, shown, shown_diagnostic, shown_prose
from argdoc.cli.exit_codes import EXIT_ERRORS, EXIT_OK, UsageError
from argdoc.cli.inputs import inputs, read_exact_text
from argdoc.cli.outputs import write_output
from argdoc.compiler import Result
from argdoc.config import ConfigError, find_table
from argdoc.diagnostics import format_text as format_diagnostic
from argdoc.output import write_stdout
from argdoc.source import SourceFile


def arguments(fmt: argparse.ArgumentParser) -> None:
    fmt.add_argument("paths", nargs="+", metavar="PATH", help=".arg file, directory, or - for standard input")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    fmt.add_argument("--diff", action="store_true", help="change nothing; print a unified diff of the changes")
    fmt.add_argument(
        "--line-length",
        type=line_length,
        metavar="N",
        help="wrap prose at N columns (default: 88, or [tool.argdoc.fmt])",
    )


def run(args: argparse.Namespace, console: Console) -> int:
    from argdoc.fmt import FormatError, format_file, unified_diff

    if "-" in args.paths:
        return _fmt_stdin(args, console)
    changed = failed = 0
    for path, root in inputs(args.paths, console.warning, chapters=True):
        result = read_exact_text(path, root, args.max_size)
        if isinstance(result, Result):
            console.diagnostics(result, sys.stderr)
            failed += 1
            continue
        try:
            formatted = format_file(path, configured_line_length(path, args.line_length))
        except FormatError as exc:
            _format_failure(console, str(path), exc, SourceFile.from_text(result, path))
            failed += 1
            continue
        if not formatted.changed:
            continue
        if args.diff:
            write_stdout(unified_diff(formatted.before, formatted.after, str(path)))
        if args.check or args.diff:
            console.info(f"would reformat {shown(path)}")
        elif write_output(path, formatted.write, console):
            console.info(f"reformatted {shown(path)}")
        else:
            failed += 1  # counted as reformatted only once it is written
            continue
        changed += 1
    verb = "would be reformatted" if args.check or args.diff else "reformatted"
    console.info(f"{changed} file{'s' if changed != 1 else ''} {verb}" + (f", {failed} failed" if failed else ""))
    return EXIT_ERRORS if failed or ((args.check or args.diff) and changed) else EXIT_OK


def _fmt_stdin(args: argparse.Namespace, console: Console) -> int:
    """`argdoc fmt -`: standard input to standard output; --check and --diff as for files."""
    from argdoc.fmt import FormatError, keep_line_endings, unified_diff
    from argdoc.fmt import format_text as format_paper

    if len(args.paths) > 1:
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    text = read_exact_text(Path("-"), None, args.max_size)
    if isinstance(text, Result):
        console.diagnostics(text, sys.stderr)
        return EXIT_ERRORS
    try:
        after = keep_line_endings(
            text, format_paper(text, "<stdin>", configured_line_length(Path.cwd(), args.line_length))
        )
    except FormatError as exc:
        _format_failure(console, "<stdin>", exc, SourceFile.from_text(text, "<stdin>"))
        return EXIT_ERRORS
    if args.diff:
        write_stdout(unified_diff(text, after, "<stdin>"))
    elif not args.check:
        write_stdout(after)
    return EXIT_ERRORS if (args.check or args.diff) and after != text else EXIT_OK


def configured_line_length(path: Path, cli_value: int | None) -> int:
    """--line-length, else [tool.argdoc.fmt] line-length, else 88 (also the language server's formatting)."""
    from argdoc.fmt import DEFAULT_LINE_LENGTH, MIN_LINE_LENGTH

    if cli_value is not None:
        return cli_value
    found = find_table(path, "fmt")
    if found is None:
        return DEFAULT_LINE_LENGTH
    config_path, table = found
    for key in table:
        if key != "line-length":
            raise ConfigError(config_path, f"fmt.{key}", "is not a fmt setting; the settings are: line-length")
    value = table.get("line-length", DEFAULT_LINE_LENGTH)
    if not isinstance(value, int) or isinstance(value, bool) or value < MIN_LINE_LENGTH:
        raise ConfigError(config_path, "fmt.line-length", f"must be a whole number of at least {MIN_LINE_LENGTH}")
    return value


def _format_failure(console: Console, path: str, exc: Exception, source: SourceFile) -> None:
    diagnostics = getattr(exc, "diagnostics", [])
    for d in diagnostics:
        print(format_diagnostic(shown_diagnostic(d), source, colour=console.colour), file=sys.stderr)
        print(file=sys.stderr)
    print(f"{shown(path)}: not formatted: {shown_prose(str(exc))}", file=sys.stderr)


COMMAND = Command(
    "rewrite .arg files in the canonical layout",
    "Rewrite .arg files in argdoc's canonical layout (see docs/language.md). A folder stands "
    "for every .arg file in it, included chapters too. A file is "
    "written only when it changes, and only when the result provably means the same. "
    "'-' formats standard input to standard output.",
    arguments,
    run,
)
