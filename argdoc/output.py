"""Writing outputs whole: files atomically (a reader sees the old file or the new one, never
half of one), standard output completely or with an error."""

from __future__ import annotations

import contextlib
import io
import os
import select
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


def write_atomic(path: Path, data: bytes | str | Sequence[str]) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    `data` is bytes, text, or text in pieces (encoded and written one by one,
    so a large page is never one string). The temporary file lives in the
    same directory so the rename is atomic on POSIX; if anything fails (or
    the process is killed) before the rename, the previous file at `path` is
    untouched and the temporary file is removed where we still can.
    """
    pieces = [data] if isinstance(data, bytes | str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


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
