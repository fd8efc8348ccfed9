"""The program: arguments in, the chosen command run, its exit code out; no traceback for users.

Nothing else in argdoc prints or exits. Start-up time is most of what a
command on one paper costs, so only the chosen command's module and options
are set up (argdoc.cli.commands.build_parser), and each command imports what
only it needs when it runs (building, rendering, the lint rules and their
reports, exports).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
import threading
import traceback
from collections.abc import Sequence
from typing import NoReturn, TypeGuard

from argdoc.cli import standard_streams
from argdoc.cli.commands import build_parser
from argdoc.cli.console import Console, shown_prose
from argdoc.cli.exit_codes import (
    EXIT_BROKEN_PIPE,
    EXIT_ERRORS,
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    EXIT_USAGE,
    UsageError,
)
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
        standard_streams.guard()
        own_the_process()
        _exit_now(_run_program(sys.argv[1:]))
    return _run(list(argv))


def _run_program(arguments: list[str]) -> int:
    try:
        return _run(arguments)
    except SystemExit as exc:  # --help, --version or a usage error: argparse has printed what it had to say
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE


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
    except OSError as exc:
        code = max(code, _cannot_write(exc))
    with contextlib.suppress(OSError):
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
    try:
        args = parser.parse_args(arguments)
    except OSError as exc:  # help, a version or usage that could not be written
        if _unwritable(exc):
            return _cannot_write(exc)
        raise
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
        if _unwritable(exc):
            return _cannot_write(exc)
        print(f"argdoc: internal error: {type(exc).__name__}: {shown_prose(str(exc))}", file=sys.stderr)
        print("This is a bug in argdoc. Please report it with the input that caused it.", file=sys.stderr)
        if os.environ.get("ARGDOC_DEBUG"):
            traceback.print_exc()
        else:
            print("Set ARGDOC_DEBUG=1 to see the traceback.", file=sys.stderr)
        return EXIT_USAGE


# Why writing to a stream fails when the fault is not argdoc's: a full disk or quota,
# a device error, a closed descriptor, a file-size limit, a non-blocking pipe that is full.
_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF, errno.EFBIG, errno.EAGAIN}


def _unwritable(exc: Exception) -> TypeGuard[OSError]:
    """Whether `exc` is standard output refusing what was written to it.

    Everything else argdoc writes (output files) and reads reports its own
    failures as diagnostics, naming the file; an error of this kind, naming
    no file, comes from a standard stream. (If it was standard error, the
    message below cannot be shown either; the exit code still tells.)
    """
    return isinstance(exc, OSError) and exc.filename is None and exc.errno in _WRITE_ERRORS


def _cannot_write(exc: OSError) -> int:
    with contextlib.suppress(OSError):
        print(f"argdoc: error: cannot write to standard output: {exc.strerror}", file=sys.stderr)
    return EXIT_ERRORS
