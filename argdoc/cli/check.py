"""`argdoc check`: parse and resolve .arg files and print every diagnostic; writes nothing."""

from __future__ import annotations

import argparse
import sys

from argdoc.cli.commands import Command
from argdoc.cli.console import Console
from argdoc.cli.exit_codes import EXIT_ERRORS, EXIT_OK
from argdoc.cli.inputs import compile_input, inputs
from argdoc.diagnostics import has_errors


def arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="+", metavar="PATH", help=".arg file, directory, or - for standard input")


def run(args: argparse.Namespace, console: Console) -> int:
    failed = False
    count = 0
    for path, root in inputs(args.paths, console.warning):
        result = compile_input(path, root, args.max_size)
        count += 1
        console.diagnostics(result, sys.stdout)
        failed = failed or has_errors(result.diagnostics)
    console.info(f"checked {count} file{'s' if count != 1 else ''}: {'errors found' if failed else 'ok'}")
    return EXIT_ERRORS if failed else EXIT_OK


COMMAND = Command(
    "parse and resolve .arg files and report problems",
    "Parse and resolve .arg files; print every diagnostic. Writes nothing.",
    arguments,
    run,
)
