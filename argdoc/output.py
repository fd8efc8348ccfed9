"""Writing outputs whole: files atomically (a reader sees the old file or the new one, never
half of one), standard output completely or with an error.

A write replaces what a file holds, never what the file is: an existing file
keeps its mode, its owner (where the runner may set it) and its other names; a
symbolic link is written through to the file it names; a device or a pipe
(`-o /dev/null`, `-o /dev/stdout`) is written to, never renamed over. A new
file gets the mode the umask gives, as any program's would.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import select
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

Data = bytes | str | Sequence[str]


class WriteRefused(OSError):
    """A write argdoc will not do, because it would lose something; `strerror` says what and why."""


class Snapshot:
    """A file as it was read, to tell whether someone changed it before it is replaced (see `write_atomic`).

    A plain class, not a dataclass: every command imports this module, and a
    dataclass costs a millisecond to build at import.
    """

    __slots__ = ("data", "identity")

    def __init__(self, data: bytes, identity: tuple[int, int, int, int]) -> None:
        self.data = data
        self.identity = identity  # device, inode, size, modification time (ns)

    @classmethod
    def read(cls, path: Path) -> Snapshot:
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            return cls(handle.read(), _identity(status))

    def still_on_disk(self, path: Path) -> bool:
        """Whether `path` is still this file with these bytes (an edit within one clock tick keeps the time)."""
        try:
            return _identity(path.stat()) == self.identity and path.read_bytes() == self.data
        except FileNotFoundError:
            return False


def _identity(status: os.stat_result) -> tuple[int, int, int, int]:
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def write_atomic(path: Path, data: Data, *, unchanged_since: Snapshot | None = None) -> None:
    """Write to a temporary file beside the file `path` names, flush it to disk, then rename it over that file.

    `data` is bytes, text, or text in pieces (encoded and written one by one,
    so a large page is never one string). The temporary file lives in the
    same directory so the rename is atomic on POSIX; if anything fails (or
    the process is killed) before the rename, the previous file is untouched
    and the temporary file is removed where we still can.

    What the module's docstring promises about modes, owners, links and
    devices is kept here. Refused (WriteRefused, an OSError): a file with
    several hard links (a rename would leave the other names with the old
    text), and, with `unchanged_since`, a file that changed since it was read
    (someone's edit would be lost). A file the runner may not write is a
    PermissionError, as for any program.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    target = Path(os.path.realpath(path))  # through every symbolic link, to the file itself
    try:
        status: os.stat_result | None = target.stat()
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
        _write_through(target, data)  # a device, a pipe: renaming over it would replace it with a file
        return
    if status is not None and stat.S_ISREG(status.st_mode):
        _check_replaceable(path, target, status)
    fd, tmp_name = _create_beside(target, private=status is not None)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_pieces(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
            if status is not None:
                _keep_identity(handle.fileno(), status)
        if unchanged_since is not None and not unchanged_since.still_on_disk(target):
            raise WriteRefused(
                errno.EBUSY,
                "the file changed while argdoc was working on it (someone saved it?); "
                "nothing was written: run the command again",
                str(path),
            )
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _check_replaceable(path: Path, target: Path, status: os.stat_result) -> None:
    if status.st_nlink > 1:
        raise WriteRefused(
            errno.EMLINK,
            f"it has {status.st_nlink} hard links, and replacing it would leave the others with the old "
            "text; write to a copy, or remove the other links",
            str(path),
        )
    if not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only (make it writable to replace it)", str(path))


def _create_beside(target: Path, private: bool) -> tuple[int, str]:
    """A new temporary file in `target`'s folder: readable by the runner only if it will replace a file
    (its mode is set from that file's once written), else with the mode the umask gives a new file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = str(target.parent / f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(name, flags, 0o600 if private else 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(target.parent))


def _keep_identity(fd: int, status: os.stat_result) -> None:
    """Give the new file the old one's owner where the runner may, then its mode (chown clears set-id bits)."""
    for owner, group in ((status.st_uid, status.st_gid), (-1, status.st_gid)):
        try:
            os.fchown(fd, owner, group)
            break
        except PermissionError:
            continue
    os.fchmod(fd, stat.S_IMODE(status.st_mode))


def _write_through(target: Path, data: Data) -> None:
    """Write into a device or a pipe as it is: no temporary file, no rename, nothing created."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "wb") as handle:
        _write_pieces(handle, data)


def _write_pieces(handle: io.BufferedWriter, data: Data) -> None:
    pieces = [data] if isinstance(data, bytes | str) else data
    for piece in pieces:
        handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)


def overwrite_refusal(output: Path, inputs: Iterable[Path], *, replace_existing: bool = True) -> str | None:
    """Why writing `output` would destroy what the command was given, or None when it may go ahead.

    An output that is one of the inputs (by any name: a symbolic or hard link
    counts) would replace the source with what was made from it; and where
    `replace_existing` is False (`argdoc import` without `--force`) an
    existing file is kept too.
    """
    for source in inputs:
        if _same_file(output, source):
            return f"{output} is the input {source}: the output would replace it; write the output elsewhere"
    if not replace_existing and os.path.lexists(output):
        return f"{output} already exists; pass --force to replace it"
    return None


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist (yet)
        return os.path.realpath(first) == os.path.realpath(second)


def write_stdout(text: str) -> None:
    """Write `text` to standard output, all of it, or raise BrokenPipeError (or another OSError).

    With PYTHONUNBUFFERED set (or `python -u`), standard output has no
    buffer: a text longer than the pipe can hold goes to the operating system
    in one call, and when the reader leaves part way through, Python counts
    the whole text as written. The rest would be lost without a word, and
    the program would end with 0. Unbuffered, the text goes out in pieces
    that the pipe takes whole or not at all (at most PIPE_BUF bytes, which
    POSIX makes atomic), through the same text stream, so its encoding and
    newlines are the stream's own; a reader that leaves is then an error.
    """
    stream = sys.stdout
    if not isinstance(getattr(stream, "buffer", None), io.RawIOBase):
        stream.write(text)  # buffered, the usual case: the buffer writes everything or raises
        return
    for start in range(0, len(text), _ATOMIC_CHARACTERS):
        stream.write(text[start : start + _ATOMIC_CHARACTERS])


# Characters per piece: at most 4 bytes each in UTF-8 (a newline at most 2, as
# CR LF), so a piece stays within PIPE_BUF, which POSIX sets at 512 bytes or more
# and Linux at 4,096.
_ATOMIC_CHARACTERS = min(getattr(select, "PIPE_BUF", 512), 4096) // 4
