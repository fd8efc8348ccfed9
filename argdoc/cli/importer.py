"""`argdoc import`: a JSON argument tree (as `export --to json` writes it) written as a formatted .arg file.

Named importer, not import: `import` is a Python keyword.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argdoc.cli.argument_types import line_length
from argdoc.cli.commands import Command
from argdoc.cli.console import Console, shown_diagnostic
from argdoc.cli.exit_codes import EXIT_ERRORS, EXIT_OK, UsageError
from argdoc.cli.inputs import read_exact_text
from argdoc.cli.outputs import write_output
from argdoc.compiler import STDIN, Result
from argdoc.diagnostics import format_text as format_diagnostic
from argdoc.output import overwrite_refusal, write_stdout


def arguments(importer: argparse.ArgumentParser) -> None:
    importer.add_argument("path", metavar="FILE.json", help="JSON file, or - for standard input")
    importer.add_argument("-o", "--output", metavar="FILE.arg", help="write here (default: standard output)")
    importer.add_argument("--force", action="store_true", help="replace FILE.arg if it already exists")
    importer.add_argument("--line-length", type=line_length, metavar="N", help="wrap prose at N columns (default 88)")


def run(args: argparse.Namespace, console: Console) -> int:
    from argdoc.fmt import DEFAULT_LINE_LENGTH
    from argdoc.import_json import import_json

    if args.output is not None:
        given = [] if args.path == "-" else [Path(args.path)]
        reason = overwrite_refusal(Path(args.output), given, replace_existing=args.force)
        if reason is not None:
            raise UsageError(reason)
    text = read_exact_text(Path(args.path), None, args.max_size)
    if isinstance(text, Result):
        console.diagnostics(text, sys.stderr)
        return EXIT_ERRORS
    name = STDIN if args.path == "-" else args.path
    result = import_json(text, name, args.line_length or DEFAULT_LINE_LENGTH)
    for d in result.diagnostics:
        print(format_diagnostic(shown_diagnostic(d), result.source, colour=console.colour), file=sys.stderr)
        print(file=sys.stderr)
    if result.text is None:
        return EXIT_ERRORS
    if args.output is None:
        write_stdout(result.text)
    elif write_output(Path(args.output), result.text, console):
        console.wrote(args.output)
    else:
        return EXIT_ERRORS
    return EXIT_OK


COMMAND = Command(
    "write a JSON argument tree as a .arg file",
    "Read an argument tree as JSON (the shape 'argdoc export --to json' writes; spans "
    "optional) and write it as a formatted .arg file. Mistakes in the JSON are reported by field.",
    arguments,
    run,
)
