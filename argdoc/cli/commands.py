"""The table of commands, and the argument parser made from it.

Each command lives in its own module of this package (`argdoc/cli/lint.py`
for `argdoc lint`), which holds its help, its arguments and the function that
runs it, as a `Command`. The table below says where each one is; a module is
imported only when its command is chosen (or listed, by `argdoc --help`), so
`argdoc lint` pays nothing for what only `build` or `export` need.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from argdoc import __version__
from argdoc.cli import argument_types
from argdoc.cli.console import Console
from argdoc.collector import gc_paused

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

# The pipeline's imports (Pydantic, Lark, argdoc's models) make tens of thousands
# of long-lived objects and next to no garbage: without the collector, which would
# otherwise run some sixty times over them (2 % of `argdoc lint` on a small paper).
# Every command but `rules` needs them; all need the default of --max-size.
with gc_paused():
    from argdoc.compiler import MAX_BYTES


class Command(NamedTuple):
    """One subcommand: its help line and page, its options, and the function that runs it.

    A named tuple, not a frozen dataclass: those compile six methods at import,
    a cost every command would pay for a table it only reads.
    """

    help: str
    description: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Console], int]


# Each command's name, and the module of argdoc.cli and the name its Command has there; in the
# order `argdoc --help` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "new": ("new", "COMMAND"),
    "build": ("build", "COMMAND"),
    "watch": ("watch", "COMMAND"),
    "serve": ("serve", "COMMAND"),
    "check": ("check", "COMMAND"),
    "lint": ("lint", "COMMAND"),
    "fmt": ("fmt", "COMMAND"),
    "rules": ("rules", "RULES"),
    "rule": ("rules", "RULE"),
    "export": ("export", "COMMAND"),
    "import": ("importer", "COMMAND"),
    "lsp": ("lsp", "COMMAND"),
}


def load(name: str) -> Command:
    """The Command called `name`, its module imported now."""
    module, attribute = COMMANDS[name]
    command: Command = getattr(importlib.import_module(f"argdoc.cli.{module}"), attribute)
    return command


def common_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every command has."""
    parser.add_argument("-q", "--quiet", action="store_true", help="print only diagnostics")
    parser.add_argument(
        "--max-size",
        type=argument_types.size,
        default=MAX_BYTES,
        metavar="SIZE",
        help="refuse input files larger than SIZE (default: 64M)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour diagnostics: auto (on a terminal, unless NO_COLOR is set), always or never",
    )


class _ArgumentParser(argparse.ArgumentParser):
    """argparse's parser (and its subparsers'), but help that cannot be written is an error, not silence.

    argparse drops an OSError when it prints help, a version or usage, so
    `argdoc --version >/dev/full` ended with 0 having written nothing.
    """

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            (file or sys.stderr).write(message)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given the arguments, only as much of it as they need.

    When the first argument names a command, everything after it is that
    command's, so only its subparser is made (and only its module imported):
    the others would cost a little of every run's start-up. Otherwise
    (`--help`, `--version`, a mistake) the whole parser is made, to list the
    commands.
    """
    parser = _ArgumentParser(
        prog="argdoc",
        description="Compile structured-argument .arg files into HTML and PDF policy papers.",
        epilog="Run 'argdoc COMMAND --help' for a command's options. "
        "Exit codes: 0 ok, 1 errors in the input, 2 usage or internal error.",
    )
    parser.add_argument("--version", action="version", version=f"argdoc {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    chosen = argv[0] if argv and argv[0] in COMMANDS else None
    for name in COMMANDS:
        if chosen is None or name == chosen:
            command = load(name)
            sub = subparsers.add_parser(name, help=command.help, description=command.description)
            command.arguments(sub)
            common_arguments(sub)
            sub.set_defaults(handler=command.run, command_parser=sub)
    return parser
