"""`argdoc lsp`: the language server editors start, over standard input and output (argdoc.lsp)."""

from __future__ import annotations

import argparse
import os
import sys

from argdoc.cli.commands import Command
from argdoc.cli.console import Console
from argdoc.cli.exit_codes import EXIT_OK, EXIT_USAGE
from argdoc.collector import serve_long


def arguments(lsp_cmd: argparse.ArgumentParser) -> None:
    lsp_cmd.add_argument(
        "--stdio",
        action="store_true",
        help="talk over standard input and output (the default; for editors that pass it)",
    )
    lsp_cmd.add_argument(
        "--debounce",
        type=_milliseconds,
        default=150,
        metavar="MS",
        help="compile again after the writer pauses this long (default: 150)",
    )


def _milliseconds(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of milliseconds") from None
    if not 0 <= number <= 10_000:
        raise argparse.ArgumentTypeError(f"{number} is out of range: 0 to 10000 milliseconds")
    return number


def run(args: argparse.Namespace, console: Console) -> int:
    try:
        from argdoc.lsp.server import make_server
    except ImportError as exc:
        # Standard output belongs to the protocol: the reason goes to standard error, where editors log it.
        print(
            f"argdoc lsp: the language server needs pygls ({exc.name} is missing); "
            "install it with: pip install 'argdoc[lsp]'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    serve_long()
    make_server(args.debounce / 1000, args.max_size).start_io()
    # pygls closes standard output when the client says `exit`; the program's last flush must find a file.
    if sys.stdout.closed:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - open until the process ends, an instant later
    return EXIT_OK


COMMAND = Command(
    "run the language server (for editors)",
    "Run argdoc's language server over standard input and output: diagnostics as you type, "
    "completion of ids and fields, hover, go to definition, references, rename, outline, "
    "formatting and quick fixes. Editors start it; see docs/editors.md. Needs the lsp extra: "
    "pip install 'argdoc[lsp]'.",
    arguments,
    run,
)
