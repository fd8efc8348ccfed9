"""The papers a command is given: paths and folders expanded into .arg files, and each read or compiled.

A folder stands for every .arg file below it, except in hidden folders
(.git, .venv) and except the chapters another file there includes; `-` is
standard input. A folder with no papers is reported (E024) where its papers
would have been.

A folder may come from anyone (a pull request on a build server), so its
walk follows no link out of it, nor into /proc, /dev or /sys: a link
`env.arg -> /proc/self/environ` would otherwise have its "lines" printed in
diagnostics. Such a link is skipped with a warning; a file the user names
is read wherever it leads.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from argdoc import codes
from argdoc.cli.console import shown
from argdoc.cli.exit_codes import UsageError
from argdoc.cli.standard_streams import is_closed
from argdoc.compiler import MAX_BYTES, Result, compile_file, compile_stream, read_source, read_stream
from argdoc.diagnostics import make
from argdoc.source import SourceFile, Span
from argdoc.syntax import INCLUDE_LINE

# Files there are the kernel's, not papers: reading one can hang (/dev/zero) or show secrets.
_SYSTEM_FOLDERS = (Path("/proc"), Path("/dev"), Path("/sys"))


def inputs(
    paths: Sequence[str], warn: Callable[[str], None], *, chapters: bool = False
) -> Iterator[tuple[Path, Path | None]]:
    """Each .arg file to process, with the directory it was found under (if any).

    In a directory, hidden folders (.git, .venv) are skipped, and so are the
    chapters that another file there includes: they are part of that paper,
    not papers of their own. With `chapters`, they are kept: `fmt` works on
    files, not papers, and a chapter needs formatting as much as its paper.
    A skipped link is reported through `warn`.
    """
    if list(paths).count("-") > 1:
        raise UsageError("'-' (standard input) can be given only once")
    for raw in paths:
        if not raw.strip():
            raise UsageError("an empty path was given (an unset variable?)")
        if raw == "-":
            yield Path("-"), None  # standard input
            continue
        path = Path(raw)
        if not path.is_dir():
            yield path, None
            continue
        found = _walk(path, warn)
        included = set() if chapters else _included(found)
        papers = [p for p in found if p.resolve() not in included]
        if not papers:
            yield path, path  # reported as "no .arg files" by the caller
        for file in papers:
            yield file, path


def _walk(folder: Path, warn: Callable[[str], None]) -> list[Path]:
    """The .arg files below `folder`, but for hidden folders and links that lead out of it.

    Path.rglob does not enter linked folders, so only a file itself can be a link.
    """
    root = folder.resolve()
    found = []
    for path in sorted(folder.rglob("*.arg")):
        if _hidden(path.relative_to(folder)):
            continue
        if path.is_symlink():
            try:
                target = path.resolve()
            except (OSError, RuntimeError):  # a loop of links
                warn(f"skipped {shown(path)}: it is a link that leads nowhere")
                continue
            if not target.is_relative_to(root) or any(target.is_relative_to(f) for f in _SYSTEM_FOLDERS):
                warn(
                    f"skipped {shown(path)}: it links to {shown(target)}, outside {shown(folder)} "
                    "(links out of a folder are not followed; name the file to read it)"
                )
                continue
        if path.is_file():
            found.append(path)
    return found


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts[:-1])


def _included(files: Sequence[Path]) -> set[Path]:
    """The files that one of `files` names in an `include` line (a quick scan, not a parse)."""
    chapters: set[Path] = set()
    for file in files:
        try:
            text = file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for match in INCLUDE_LINE.finditer(text):
            chapters.add((file.parent / match.group(1)).resolve())
    return chapters


def is_empty_dir(path: Path, root: Path | None) -> bool:
    """What inputs() yields for a directory with no papers in it."""
    return root is not None and path == root


def empty_dir_result(path: Path) -> Result:
    source = SourceFile(str(path), "")
    span = Span(line=1, column=1, end_line=1, end_column=1)
    diag = make(
        codes.NO_INPUTS,
        "no .arg files in this directory",
        source,
        span,
        hint="check the path, or give .arg files directly",
    )
    return Result(source, None, None, [diag])


def compile_input(path: Path, root: Path | None, max_bytes: int = MAX_BYTES) -> Result:
    """One input of inputs(), compiled (a folder with no papers is its diagnostic)."""
    if is_empty_dir(path, root):
        return empty_dir_result(path)
    if str(path) == "-":
        return compile_stream(standard_input(), max_bytes)
    return compile_file(path, max_bytes)


def read_exact_text(path: Path, root: Path | None, max_bytes: int) -> str | Result:
    """The exact text (line endings as they are) of a file or of standard input (`-`), or a Result saying why not.

    Standard input gets the checks a file gets: the size limit, and UTF-8.
    """
    if is_empty_dir(path, root):
        return empty_dir_result(path)
    if str(path) == "-":
        data = standard_input().read(max_bytes + 1)
        source, problems = read_stream(io.BytesIO(data), max_bytes)
    else:
        source, problems = read_source(path, max_bytes)
        data = path.read_bytes() if not problems else b""
    if problems:
        return Result(source, None, None, problems, {source.path: source})
    return data.decode("utf-8-sig")


def standard_input() -> BinaryIO:
    """Standard input, to read bytes from; a closed one is a mistake of the command line."""
    if sys.stdin is None or is_closed(0):
        raise UsageError("standard input is closed: pipe the paper in ('argdoc check - < paper.arg'), or name a file")
    return sys.stdin.buffer
