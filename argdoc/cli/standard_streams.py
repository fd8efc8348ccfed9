"""Standard input, output and error when the caller closed them (`argdoc build p.arg >&-`).

A closed descriptor is not left free: the next file argdoc opened would get
its number, and whatever was then printed to that stream (by argdoc, or by a
library warning on standard error) would land inside an output file. So each
closed one is opened on /dev/null at start-up, and its Python stream is set
to behave as the closed stream would:

- standard error: messages go nowhere; the command still runs, and its exit
  code still tells how it went;
- standard output: writing fails as writing a closed descriptor does (EBADF),
  so a command whose product goes there (`export`, `rules`) fails with a plain
  message, while `build`, which only names the files it wrote, still builds
  (Console.wrote);
- standard input: reading it is a usage error (argdoc.cli.inputs).
"""

from __future__ import annotations

import errno
import io
import os
import sys

_closed: set[int] = set()


def guard() -> None:
    """For the program only, before anything is opened: find the closed standard streams and stand in for them."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            _closed.add(fd)
    for fd in sorted(_closed):
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    if 1 in _closed:
        sys.stdout = ClosedOutput()
    if 2 in _closed:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - open until the program ends


def is_closed(fd: int) -> bool:
    """Whether the standard stream `fd` (0, 1 or 2) was closed when the program started."""
    return fd in _closed


class ClosedOutput(io.TextIOBase):
    """Standard output that was closed: every write fails, as it would on the closed descriptor."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
