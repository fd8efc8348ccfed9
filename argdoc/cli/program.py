"""The program: arguments in, the chosen command run, its exit code out; no traceback for users.

Nothing else in argdoc prints or exits. Start-up time is most of what a
command on one paper costs, so only the chosen command's module and options
are set up (argdoc.cli.commands.build_parser), and each command imports what
only it needs when it runs (building, rendering, the lint rules and their
reports, exports).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Sequence
from typing import NoReturn

from argdoc.cli.commands import build_parser
from argdoc.cli.console import Console, shown_prose
from argdoc.cli.exit_codes import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_TERMINATED, EXIT_USAGE, UsageError
from argdoc.collector import own_the_process
from argdoc.config import ConfigError


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code.

    Without `argv` this is the program (`argdoc`, `python -m argdoc`): it owns
    the process's garbage collector (argdoc.collector.own_the_process) and
    exits as soon as the command is done (_exit_now), without returning. A
    caller that passes `argv` keeps its process as it was.
    """
    if argv is None:
        own_the_process()
        _exit_now(_run(sys.argv[1:]))
    return _run(list(argv))


def _exit_now(code: int) -> NoReturn:
    """End the program without tearing its heap down.

    After a big paper the interpreter's clean-up (freeing a million objects
    one by one, then a last scan for reference cycles) costs more than a
    quarter of the run: about 0.3 s of CPU after linting 10,000 statements.
    Nothing needs it: output files are written and closed, worker processes
    joined; what remains is flushed here. A reader that stopped reading
    (`argdoc rules | head`) ends the program as SIGPIPE would, with 141.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = EXIT_BROKEN_PIPE
    with contextlib.suppress(BrokenPipeError):
        sys.stderr.flush()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        # A profiler or coverage tool writes its results as the interpreter exits: let it.
        sys.exit(code)
    os._exit(code)


class Terminated(BaseException):
    """SIGTERM, raised as an exception so that half-written temporary files are removed."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def _run(arguments: list[str]) -> int:
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    console = Console(quiet=args.quiet, choice=args.color)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code: int = args.handler(args, console)
        return code
    except ConfigError as exc:
        print(f"argdoc: configuration error: {shown_prose(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        getattr(args, "command_parser", parser).print_usage(sys.stderr)
        print(f"argdoc: error: {shown_prose(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("argdoc: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print("argdoc: terminated; files being written were left as they were", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # the last line of defence: no traceback for users
        print(f"argdoc: internal error: {type(exc).__name__}: {shown_prose(str(exc))}", file=sys.stderr)
        print("This is a bug in argdoc. Please report it with the input that caused it.", file=sys.stderr)
        if os.environ.get("ARGDOC_DEBUG"):
            traceback.print_exc()
        else:
            print("Set ARGDOC_DEBUG=1 to see the traceback.", file=sys.stderr)
        return EXIT_USAGE
