"""The front end as one call: text to a resolved argument tree and its diagnostics.

This is the pipeline up to (not including) rendering: read, parse, build the
tree, resolve. It imports neither Jinja2 nor WeasyPrint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from lark import Token, Tree

from argdoc import codes
from argdoc.build_tree import build
from argdoc.codes import Code
from argdoc.collector import gc_paused, keep
from argdoc.diagnostics import Diagnostic, Related, has_errors, make
from argdoc.nodes import Paper
from argdoc.parser import parse_tree
from argdoc.resolve import Resolution, resolve
from argdoc.source import SourceDecodeError, SourceFile, Span, decode

if TYPE_CHECKING:
    from argdoc.cite.library import Library

# Inputs larger than this are refused before parsing (a mistake, not a paper);
# `--max-size` changes it.
MAX_BYTES = 64 * 1024 * 1024
# C0 control characters other than tab and line breaks, and DEL: a .arg file
# holding one is binary or damaged, and the characters would reach the output.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Result:
    """A compiled paper, or the reasons it could not be compiled.

    `sources` holds every file read, the paper's own and those it includes,
    by path, so that diagnostics can show the right file's lines.
    """

    source: SourceFile
    paper: Paper | None
    resolution: Resolution | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.paper is not None and not has_errors(self.diagnostics)

    def source_of(self, path: str) -> SourceFile:
        return self.sources.get(path, self.source)


def compile_text(
    text: str, path: str | Path | None = None, max_bytes: int = MAX_BYTES, *, includes: bool = True
) -> Result:
    """Parse, build and resolve a paper's text (and the files it includes, when it has a path).

    `includes=False` names the text `path` but gives it no folder to include
    from (standard input).
    """
    with gc_paused():
        result = _compile(text, path, max_bytes, includes and path is not None)
    keep(result)  # the program does not free it before it exits (argdoc.collector.keep)
    return result


def _compile(text: str, path: str | Path | None, max_bytes: int, includes: bool) -> Result:
    source = SourceFile.from_text(text, path)
    control = control_character(source)
    if control:
        return Result(source, None, None, control)
    parsed = parse_tree(source)
    if parsed.tree is None:
        return Result(source, None, None, parsed.diagnostics)
    loader = FileIncluder(source, max_bytes) if includes else NoIncludes()
    paper, diagnostics = build(parsed.tree, source, loader)
    sources = {source.path: source, **getattr(loader, "sources", {})}
    library = _reference_files(paper, source, max_bytes, includes, diagnostics)
    if library is not None:
        sources.update(library.files)
    # A file the paper names but that could not be read whole: what is defined in it is unknown.
    # (A paper without a folder cannot read the reference files it names: E034, and its keys are lost.)
    known = library.complete if library is not None else not paper.meta.reference_files
    entries = library.sources() if library else ()
    resolution = resolve(paper, source, sources, entries, complete=not loader.lost, citations_known=known)
    diagnostics.extend(resolution.diagnostics)
    if library is not None:
        diagnostics.extend(library.problems_of(resolution.paper.references))
        paper = resolution.paper  # with the cited entries
    if includes and paper.all_exhibits():
        # A figure's image is read from the paper's folder: only a paper with a folder can check it.
        from argdoc.images import image_problems

        diagnostics.extend(image_problems(paper, source, sources))
    return Result(source, paper, resolution, diagnostics, sources)


def _reference_files(
    paper: Paper, source: SourceFile, max_bytes: int, includes: bool, diagnostics: list[Diagnostic]
) -> Library | None:
    """The entries of the files `bibliography:` names (#12); None when it names none."""
    named = paper.meta.reference_files
    if not named:
        return None  # and argdoc.cite.library (with bibtexparser) is never imported
    from argdoc.cite import library

    if not includes:
        diagnostics.extend(library.without_folder(named, source))
        return None
    found = library.load(named, source, max_bytes)
    diagnostics.extend(found.diagnostics)
    return found


def control_character(source: SourceFile) -> list[Diagnostic]:
    control = _CONTROL.search(source.text)
    if control is None:
        return []
    line, column = source.position(control.start())
    span = Span(line=line, column=column, end_line=line, end_column=column + 1)
    return [
        make(
            codes.CONTROL_CHARACTER,
            f"the file contains the control character U+{ord(control.group()):04X}",
            source,
            span,
            hint="is this a binary file? .arg files are plain UTF-8 text; remove the character",
        )
    ]


def _file_problem(source: SourceFile, code: Code, message: str, hint: str) -> list[Diagnostic]:
    span = Span(line=1, column=1, end_line=1, end_column=1)
    return [make(code, message, source, span, hint=hint)]


def read_source(
    path: Path, max_bytes: int = MAX_BYTES, shown_as: str | None = None
) -> tuple[SourceFile, list[Diagnostic]]:
    """A file's text and, when it cannot be read, the diagnostics saying why.

    On failure the SourceFile holds what can be shown of the file (for the
    caret under a bad byte) and the diagnostics are never empty. `shown_as` is
    the path diagnostics name (an included file is named as it was written).
    """
    name = shown_as or str(path)
    empty = SourceFile(name, "")
    if path.is_dir():
        return empty, _file_problem(
            empty,
            codes.FILE_NOT_FOUND,
            "this is a directory, not a .arg file",
            "pass a .arg file, or a directory to 'argdoc build'",
        )
    try:
        if path.exists() and not path.is_file():
            # A device or a pipe: /dev/zero would never end, whatever --max-size says.
            return empty, _file_problem(
                empty,
                codes.FILE_NOT_FOUND,
                "this is not a regular file (a device or a pipe?)",
                "pass a .arg file",
            )
        size = path.stat().st_size
        if size > max_bytes:
            return empty, _too_large(empty, f"the file is {size} bytes; the limit is {max_bytes}")
        data = path.read_bytes()
    except FileNotFoundError:
        return empty, _file_problem(empty, codes.FILE_NOT_FOUND, "no such file", "check the path")
    except OSError as exc:
        return empty, _file_problem(
            empty, codes.UNREADABLE_FILE, f"cannot read the file: {exc.strerror}", "check the file's permissions"
        )
    return _decoded(data, name)


def _too_large(source: SourceFile, message: str) -> list[Diagnostic]:
    return _file_problem(source, codes.FILE_TOO_LARGE, message, "split the paper, or raise the limit with --max-size")


def _decoded(data: bytes, name: str) -> tuple[SourceFile, list[Diagnostic]]:
    try:
        return SourceFile.from_text(decode(data), name), []
    except SourceDecodeError as exc:
        # Show the line with the bad byte replaced, so the caret has context.
        shown = SourceFile.from_text(data.decode("utf-8", "replace"), name)
        span = Span(line=exc.line, column=exc.column, end_line=exc.line, end_column=exc.column + 1)
        return shown, [make(codes.INVALID_ENCODING, exc.reason, shown, span, hint="save the file as UTF-8")]


STDIN = "<stdin>"


def read_stream(stream: BinaryIO, max_bytes: int = MAX_BYTES, name: str = STDIN) -> tuple[SourceFile, list[Diagnostic]]:
    """A stream's text (standard input), as read_source reads a file's."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        empty = SourceFile(name, "")
        return empty, _too_large(empty, f"the input is more than {max_bytes} bytes")
    return _decoded(data, name)


def compile_stream(stream: BinaryIO, max_bytes: int = MAX_BYTES, name: str = STDIN) -> Result:
    """Read a paper from a stream (standard input) and compile it; it has no folder to include from."""
    source, problems = read_stream(stream, max_bytes, name)
    if problems:
        return _unread(source, problems)
    return compile_text(source.text, name, max_bytes, includes=False)


def compile_file(path: str | Path, max_bytes: int = MAX_BYTES) -> Result:
    """Read a .arg file and compile it; unreadable input is a diagnostic, not an exception."""
    path = Path(path)
    source, problems = read_source(path, max_bytes)
    if problems:
        return _unread(source, problems)
    return compile_text(source.text, path, max_bytes)


def _unread(source: SourceFile, problems: list[Diagnostic]) -> Result:
    """The result for input that could not be read: no paper, the reasons, and what is shown of it."""
    return Result(source, None, None, problems, {source.path: source})


# --- include ------------------------------------------------------------------------


class NoIncludes:
    """For text with no file behind it: there is no folder to include from."""

    lost = False

    def open(self, target: str, span: Span, source: SourceFile) -> list[Diagnostic]:
        self.lost = True
        return [
            make(
                codes.INCLUDE_WITHOUT_FILE,
                "this paper has no file, so it cannot include others",
                source,
                span,
                hint="read the paper from its file (not standard input or a string), so that included"
                " paths have a folder to be found in",
            )
        ]

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class Refusal:
    """Why a path a paper names (an include, a reference file) cannot be read; `hint` empty: the caller's."""

    code: Code
    message: str
    hint: str = ""


def confined(target: str, written_in: Path, root: Path) -> tuple[Path, int] | Refusal:
    """The real path and size of a file a paper names, or why argdoc will not read it.

    `target` is relative to the file it is written in; it must resolve
    (symlinks and `..` followed) to a regular file inside `root`, the folder
    of the paper's main file. Includes and reference files (`bibliography:`)
    both go through here: one rule for every file a paper reads.
    """
    written = Path(target)
    if written.is_absolute():
        return Refusal(
            codes.INCLUDE_OUTSIDE_PAPER,
            f"'{target}' is an absolute path",
            "name the file by a path relative to this file, inside the paper's folder",
        )
    try:
        real = (written_in.resolve().parent / written).resolve()
        size = real.stat().st_size if real.is_file() else -1
    except OSError as exc:  # a name too long for the file system, a loop of links
        return Refusal(codes.INCLUDE_NOT_FOUND, f"'{target}' cannot be read: {exc.strerror}", "check the path")
    if not real.is_relative_to(root):
        return Refusal(
            codes.INCLUDE_OUTSIDE_PAPER,
            f"'{target}' is outside the paper's folder ({root})",
            "keep a paper's files in its folder; argdoc reads nothing outside it",
        )
    if not real.exists():
        return Refusal(codes.INCLUDE_NOT_FOUND, f"'{target}' does not exist", "check the path")
    if size < 0:
        return Refusal(codes.INCLUDE_NOT_FOUND, f"'{target}' is not a regular file")
    return real, size


_NOT_LOST = frozenset({codes.INCLUDE_REPEATED.code, codes.INCLUDE_CYCLE.code})

# Includes nest at most this deep: each level is a few frames of the tree
# builder's recursion, and no real paper nests chapters more than a handful deep.
MAX_INCLUDE_DEPTH = 64


@dataclass
class FileIncluder:
    """Reads included files, confined to the paper's own folder, and stops cycles.

    A target is a path relative to the including file. It must resolve
    (symlinks and `..` followed) to a regular file inside the folder of the
    paper's main file: an include can never read elsewhere on the machine.

    The work of one paper is bounded, whatever its files say: each file is
    read at most once (a second include of it is an error, so files that each
    include the next twice cannot double the work at every level), includes
    nest at most MAX_INCLUDE_DEPTH deep, and the paper with everything it
    includes holds at most `max_bytes`, the limit each file has alone.
    """

    main: SourceFile
    max_bytes: int
    sources: dict[str, SourceFile] = field(default_factory=dict)
    stack: list[Path] = field(default_factory=list)
    lost: bool = False

    def __post_init__(self) -> None:
        main_path = Path(self.main.path).resolve()
        self.root = main_path.parent
        self.stack.append(main_path)
        # Where each file was first included: (the including file, the place of the path).
        self.first_included: dict[Path, tuple[str, Span]] = {}
        self.total_bytes = -1  # counted at the first include: most papers have none

    def open(self, target: str, span: Span, source: SourceFile) -> tuple[Tree[Token], SourceFile] | list[Diagnostic]:
        opened = self._open(target, span, source)
        # A file included twice, or in a cycle, is in the paper already; any other refusal loses it.
        if isinstance(opened, list) and (not opened or any(d.code not in _NOT_LOST for d in opened)):
            self.lost = True
        return opened

    def _open(self, target: str, span: Span, source: SourceFile) -> tuple[Tree[Token], SourceFile] | list[Diagnostic]:
        def problem(code: Code, message: str, hint: str, related: tuple[Related, ...] = ()) -> list[Diagnostic]:
            return [make(code, message, source, span, hint=hint, related=related)]

        found = confined(target, Path(source.path), self.root)
        if isinstance(found, Refusal):
            return problem(found.code, found.message, found.hint or "include a .arg file")
        real, size = found
        if real in self.stack:
            return problem(
                codes.INCLUDE_CYCLE,
                f"include cycle: {self._chain(real, self.stack.index(real))}",
                "remove one of the includes in the cycle",
            )
        if real in self.first_included:
            where, first = self.first_included[real]
            return problem(
                codes.INCLUDE_REPEATED,
                f"'{target}' is already included in this paper",
                "include each file once; its statements are already in the paper",
                (Related("first included here", where, first.line, first.column),),
            )
        if len(self.stack) > MAX_INCLUDE_DEPTH:
            return problem(
                codes.INCLUDE_TOO_DEEP,
                f"includes nest more than {MAX_INCLUDE_DEPTH} deep: {self._chain(real)}",
                "include the chapters from one file instead of each from the one before",
            )
        if self._grow(size):
            if self.total_bytes - size > self.max_bytes:
                return []  # past the limit already: said once, at the include that passed it
            return problem(
                codes.PAPER_TOO_LARGE,
                f"with '{target}' the paper and its included files are more than {self.max_bytes} bytes",
                "split the paper, or raise the limit with --max-size",
            )
        self.first_included[real] = (source.path, span)
        return self._read(real, str(Path(source.path).parent / target))

    def _grow(self, size: int) -> bool:
        """Count an included file's bytes; True when the paper would pass the limit."""
        if self.total_bytes < 0:
            self.total_bytes = len(self.main.text.encode("utf-8", "surrogatepass"))
        self.total_bytes += size
        return self.total_bytes > self.max_bytes

    def _chain(self, last: Path, start: int = 0) -> str:
        """The files from the main one (or stack[start]) to `last`, by their paths in the folder (long chains cut)."""
        names = [str(p.relative_to(self.root)) for p in (*self.stack[start:], last)]
        if len(names) > 8:
            names = [*names[:4], "…", *names[-3:]]
        return " -> ".join(names)

    def _read(self, real: Path, shown_as: str) -> tuple[Tree[Token], SourceFile] | list[Diagnostic]:
        included, problems = read_source(real, self.max_bytes, shown_as=shown_as)
        # Known even when it fails, so that its diagnostics show its own lines.
        self.sources[included.path] = included
        problems = problems or control_character(included)
        parsed = parse_tree(included) if not problems else None
        if parsed is None or parsed.tree is None:
            return problems or (parsed.diagnostics if parsed else [])
        self.stack.append(real)
        return parsed.tree, included

    def close(self) -> None:
        self.stack.pop()
