"""Reference files: `bibliography: refs.bib` / `refs.json` in the header, read into sources (#12).

A paper may name BibTeX files (read by `argdoc.cite.bibtex`, through
bibtexparser 2) and CSL-JSON files (`argdoc.cite.csl.read_csl_json`). Each
entry becomes a `Source` whose `origin` is its file, so `[@key]` resolves to
it as to a source written in the paper, and diagnostics point into the file.

The files are found as included files are (`argdoc.compiler.confined`): a
path relative to the paper, to a regular file inside the paper's folder,
within the size limit. A missing or unreadable file is reported at its
header line; a broken entry at its own line in the file.

A library usually holds many more works than a paper cites, so a problem
with an entry (no title, a bad date, an unknown type) is reported only when
the paper cites it (`Entry.problems`); a file that cannot be parsed at all is
reported whatever is cited. Only cited entries reach the paper
(`Paper.references`), its bibliography and its exports.

bibtexparser is imported only when a paper names a `.bib` file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from argdoc import codes
from argdoc.diagnostics import Diagnostic, make
from argdoc.nodes import ReferenceFile, Source
from argdoc.source import SourceFile, Span


@dataclass
class Entry:
    """One entry of a reference file as a source, and what is wrong with it (reported if it is cited)."""

    source: Source
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass
class Library:
    """The entries of a paper's reference files, in the files' order, and the files' own problems."""

    entries: list[Entry] = field(default_factory=list)
    files: dict[str, SourceFile] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every file was read whole. Each of the files' own problems (missing, refused, a bad
        byte, a syntax error) loses entries, where an entry's problems stay with the entry: a key the
        paper cites may be in what was lost, so resolution does not also call it undefined."""
        return not self.diagnostics

    def sources(self) -> list[Source]:
        """Every entry, in the files' order (a key given twice is there twice: resolution reports ARG002)."""
        return [entry.source for entry in self.entries]

    def problems_of(self, cited: Sequence[Source]) -> list[Diagnostic]:
        """The problems of the entries the paper cites (those of the others are not the paper's)."""
        keep = {id(source) for source in cited}
        return [problem for entry in self.entries if id(entry.source) in keep for problem in entry.problems]


Reader = Callable[[SourceFile], tuple[list[Entry], list[Diagnostic]]]
FORMATS = {".bib": "BibTeX", ".json": "CSL-JSON"}


def _reader(suffix: str) -> Reader:
    # Imported here: a paper without a .bib file never imports bibtexparser.
    if suffix == ".bib":
        from argdoc.cite.bibtex import read_bibtex

        return read_bibtex
    from argdoc.cite.csl import read_csl_json

    return read_csl_json


def load(files: Sequence[ReferenceFile], paper: SourceFile, max_bytes: int) -> Library:
    """Read each reference file the header names, confined to the paper's folder."""
    loader = _Loader(paper, max_bytes)
    for named in files:
        loader.read(named)
    return loader.library


@dataclass
class _Loader:
    paper: SourceFile
    max_bytes: int
    library: Library = field(default_factory=Library)
    seen: set[Path] = field(default_factory=set)

    def problem(self, named: ReferenceFile, code: codes.Code, message: str, hint: str | None) -> None:
        span = named.span or Span(line=1, column=1, end_line=1, end_column=2)
        self.library.diagnostics.append(make(code, message, self.paper, span, hint=hint))

    def read(self, named: ReferenceFile) -> None:
        from argdoc.compiler import Refusal, confined, read_source

        suffix = Path(named.path).suffix.lower()
        if suffix not in FORMATS:
            self.problem(
                named,
                codes.UNKNOWN_REFERENCE_FILE_TYPE,
                f"'{named.path}' is not a BibTeX (.bib) or CSL-JSON (.json) file",
                "export the library from Zotero (or another manager) as BibTeX or CSL JSON: bibliography: refs.bib",
            )
            return
        found = confined(named.path, Path(self.paper.path), Path(self.paper.path).resolve().parent)
        if isinstance(found, Refusal):
            code = found.code if found.code == codes.INCLUDE_OUTSIDE_PAPER else codes.REFERENCE_FILE_NOT_FOUND
            self.problem(named, code, found.message, found.hint or "name a .bib or .json file")
            return
        real, size = found
        if real in self.seen:
            return  # named twice: its entries are in already
        self.seen.add(real)
        if size > self.max_bytes:
            self.problem(
                named,
                codes.REFERENCE_FILE_NOT_FOUND,
                f"'{named.path}' is {size} bytes; the limit is {self.max_bytes}",
                "export only the collection the paper cites, or raise the limit with --max-size",
            )
            return
        text, unread = read_source(real, self.max_bytes, shown_as=str(Path(self.paper.path).parent / named.path))
        self.library.files[text.path] = text
        if unread and unread[0].code == codes.UNREADABLE_FILE.code:
            self.problem(named, codes.REFERENCE_FILE_NOT_FOUND, unread[0].message, unread[0].hint)
        elif unread:
            self.library.diagnostics.extend(unread)  # a bad byte: at its place in the file
        else:
            entries, problems = _reader(suffix)(text)
            self.library.entries.extend(entries)
            self.library.diagnostics.extend(problems)  # the file's own (a syntax error), not an entry's


def without_folder(files: Sequence[ReferenceFile], paper: SourceFile) -> list[Diagnostic]:
    """A paper read from standard input (or a string) has no folder to find its reference files in."""
    span = files[0].span or Span(line=1, column=1, end_line=1, end_column=2)
    return [
        make(
            codes.INCLUDE_WITHOUT_FILE,
            "this paper has no file, so it cannot read reference files",
            paper,
            span,
            hint="read the paper from its file, so that 'bibliography:' paths have a folder to be found in",
        )
    ]


def missing_title(source: Source, file: SourceFile) -> Diagnostic:
    """The one check both readers share: a reference without a title cannot be written in any style."""
    return make(
        codes.INVALID_REFERENCE_ENTRY,
        f"the entry '{source.id}' has no title",
        file,
        source.id_span or source.span or Span(line=1, column=1, end_line=1, end_column=2),
        hint='give the work its title in the reference manager (BibTeX: title = {...}; CSL-JSON: "title")',
        statement=source.id,
    )
