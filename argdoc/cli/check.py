"""`argdoc check`: whether each paper would build, and why not; renders and writes nothing.

It judges as `argdoc build` does (argdoc.cli.verdict): the compiler's
diagnostics, and the lint errors that refuse a build (warnings too, with
--strict). Lint warnings that do not block a build are `argdoc lint`'s to show.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argdoc.cli.commands import Command
from argdoc.cli.console import Console
from argdoc.cli.exit_codes import EXIT_ERRORS, EXIT_OK
from argdoc.cli.inputs import compile_input, inputs
from argdoc.cli.lint_configs import LintConfigs
from argdoc.cli.verdict import judge
from argdoc.diagnostics import sort_key


def arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="+", metavar="PATH", help=".arg file, directory, or - for standard input")
    check.add_argument(
        "--strict", action="store_true", help="lint warnings refuse the paper too, as with build --strict"
    )
    check.add_argument("--config", type=Path, metavar="FILE", help="lint configuration file (default: nearest)")


def run(args: argparse.Namespace, console: Console) -> int:
    configs = LintConfigs(args.config)
    failed = False
    count = 0
    for path, root in inputs(args.paths, console.warning):
        result = compile_input(path, root, args.max_size)
        count += 1
        verdict = judge(result, configs.for_file(path), args.strict)
        # A stage rule's finding (invalid-date, undefined-reference…) comes back from lint as a
        # new Diagnostic for the same place: one place and code, one report.
        shown = {sort_key(d) for d in result.diagnostics}
        console.diagnostics(
            result, sys.stdout, [*result.diagnostics, *(d for d in verdict.fatal if sort_key(d) not in shown)]
        )
        failed = failed or verdict.refused
    console.info(f"checked {count} file{'s' if count != 1 else ''}: {'errors found' if failed else 'ok'}")
    return EXIT_ERRORS if failed else EXIT_OK


COMMAND = Command(
    "report what would stop a build (compile errors, lint errors)",
    "Parse, resolve and lint .arg files as 'argdoc build' does, and print what would stop the "
    "build: every compiler diagnostic, and the lint findings that refuse a build (errors, and "
    "warnings too with --strict). Exits 1 exactly when build would refuse a paper. Renders and "
    "writes nothing; 'argdoc lint' shows every finding.",
    arguments,
    run,
)
