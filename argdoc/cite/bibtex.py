"""BibTeX and BibLaTeX files (Zotero, Better BibTeX, JabRef) read into sources, through bibtexparser 2.

bibtexparser splits the file into entries, `@string` macros (resolved) and
`@comment`s (ignored); this module maps each entry onto argdoc's source, a
CSL item in .arg spelling:

    @article            article-journal (BibLaTeX `entrysubtype = {newspaper}`/`{magazine}`: those kinds)
    @book @collection   book                @inbook @incollection   chapter
    @techreport @report report              @online, @misc with a url   webpage
    @phdthesis ...      thesis              @inproceedings          paper-conference
    ...                 (`ENTRY_TYPES` below; an unknown type is an error)

Fields take CSL's names (journal -> container, school -> publisher, ...);
names are read by `argdoc.cite.names`, as BibTeX reads them; dates from
BibLaTeX's `date` or BibTeX's `year`/`month` (`jan` or `3`), to the precision
given; LaTeX is decoded (`{\\"u}` -> ü, `--` -> an en dash, braces that protect
capitals dropped). Fields argdoc has no use for (`file`, `abstract`,
`keywords`, `isbn`, ...) are ignored.

bibtexparser counts lines from 0; diagnostics count from 1.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import logging
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from argdoc import codes
from argdoc.cite.dates import DateError, parse_partial_date
from argdoc.cite.library import Entry, missing_title
from argdoc.cite.names import NameError_, parse_name, split_names
from argdoc.diagnostics import Diagnostic, make
from argdoc.nodes import PartialDate, PersonName, Source
from argdoc.source import SourceFile, Span

if TYPE_CHECKING:
    from bibtexparser.model import Entry as BibEntry

# BibTeX and BibLaTeX entry types -> CSL item types (argdoc.cite.kinds).
ENTRY_TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "booklet": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "misc": "document",
    "unpublished": "document",
    "dataset": "dataset",
    "legislation": "legislation",
    "law": "legislation",
    "jurisdiction": "legal_case",
    "standard": "standard",
}
# BibLaTeX's `entrysubtype` of an @article (Better BibTeX writes it for Zotero's newspaper and magazine articles).
_SUBTYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}
_THESIS_GENRES = {"phdthesis": "PhD dissertation", "mastersthesis": "Master's thesis"}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
# Plain text fields: BibTeX name(s), first found wins -> Source attribute.
_TEXT_FIELDS = (
    (("title",), "title"),
    (("volume",), "volume"),
    (("issue",), "issue"),
    (("pages",), "pages"),
    (("edition",), "edition"),
    (("publisher", "institution", "school", "organization"), "publisher"),
    (("location", "address"), "place"),
    (("type",), "genre"),
    (("note",), "note"),
)
_URL_IN_HOWPUBLISHED = re.compile(r"\\url\{([^}]*)\}")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.IGNORECASE)
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def read_bibtex(file: SourceFile) -> tuple[list[Entry], list[Diagnostic]]:
    """Every entry of a BibTeX file as a source; a block that cannot be parsed is an error at its line."""
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock
    from bibtexparser.model import Entry as BibEntry

    with _splitter_messages() as messages:
        library = parse_string(file.text)
    entries = [_entry(item, file) for item in library.entries]
    problems: list[Diagnostic] = []
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock | DuplicateFieldKeyBlock) and block.ignore_error_block is not None:
            # A key given twice in the file is ARG002 (resolution reports it, pointing at both); a field
            # given twice keeps its first value, with a warning-free entry: BibTeX does the same.
            if isinstance(block.ignore_error_block, BibEntry):
                entries.append(_entry(block.ignore_error_block, file))
            continue
        start = block.start_line or 0
        problems.append(_failed(start, block.raw or "", messages.get(start), file))
    return entries, problems


class _Messages(logging.Handler):
    """bibtexparser's splitter logs why it gave up on a block; keep the reason by the block's line."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.by_line: dict[int, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        match = re.match(r"Parsing of `[^`]*` block \(line (\d+)\) aborted on line \d+ due to (.*)", message, re.S)
        if match is not None:
            self.by_line[int(match.group(1))] = " ".join(match.group(2).split())

    def get(self, line: int) -> str | None:
        return self.by_line.get(line)


@contextlib.contextmanager
def _splitter_messages() -> Iterator[_Messages]:
    logger = logging.getLogger("bibtexparser.splitter")
    handler, propagate = _Messages(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False  # argdoc reports the problem; the log line would only repeat it on stderr
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _failed(start_line: int, raw: str, reason: str | None, file: SourceFile) -> Diagnostic:
    line = start_line + 1
    head = raw.split("\n", 1)[0].strip()
    return make(
        codes.INVALID_REFERENCE_ENTRY,
        f"cannot read the entry '{head[:60]}': " + (reason or "a BibTeX syntax error"),
        file,
        Span(line=line, column=1, end_line=line, end_column=len(file.line_text(line).rstrip()) + 1),
        hint="check the entry's braces, quotes and the commas between fields; "
        "exporting the library again from Zotero writes it whole",
    )


# --- one entry --------------------------------------------------------------------------


@functools.cache
def _latex() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text  # type: ignore[import-untyped]

    return LatexNodes2Text()


# The LaTeX that names and titles in reference files use (accents, a few letters, escaped
# characters), decoded here; anything else goes to pylatexenc, which costs a quarter of a
# millisecond a value (most of the time of reading a library, when every value paid it).
_COMBINING = {
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304", ".": "\u0307",
    "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328", "r": "\u030a",
}  # fmt: skip
_LETTERS = {
    "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "l": "ł", "L": "Ł", "i": "i", "j": "j",  # the dotless i and j are written only under an accent
}  # fmt: skip
_ACCENT = re.compile(r"\\([\"'`^~=.])\s*(?:\{\s*(\w)\s*\}|(\w))|\\([cvuHkr])(?:\s*\{\s*(\w)\s*\}|\s+(\w))")
_LETTER = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|[oOlLij])(?![A-Za-z])(?:\{\})?\s?")
_ESCAPED = re.compile(r"\\([&%$_#])")
_SPACES = re.compile(r"[ \t\r\n]+")  # not the no-break space a `~` leaves


def _accent(match: re.Match[str]) -> str:
    mark = match.group(1) or match.group(4)
    letter = match.group(2) or match.group(3) or match.group(5) or match.group(6)
    return unicodedata.normalize("NFC", letter + _COMBINING[mark])


def decode(value: str) -> str:
    """A BibTeX value as plain Unicode: `{\\"u}` -> ü, `--` -> an en dash, `{NATO}` -> NATO, `~` -> a no-break space."""
    if "\\" in value:
        value = _LETTER.sub(lambda m: _LETTERS[m.group(1)], _ACCENT.sub(_accent, value))
        if "\\" in _ESCAPED.sub("", value):  # other LaTeX: \emph{...}, \textendash, math
            return " ".join(str(_latex().latex_to_text(value)).split())
        value = _ESCAPED.sub(r"\1", value)
    value = value.replace("---", "\u2014").replace("--", "\u2013").replace("~", "\u00a0")
    return _SPACES.sub(" ", value.replace("{", "").replace("}", "")).strip(" ")


class _Reader:
    """Turns one bibtexparser entry into a Source, collecting what is wrong with it."""

    def __init__(self, item: BibEntry, file: SourceFile) -> None:
        self.item = item
        self.file = file
        self.fields = {f.key.lower(): f for f in item.fields}
        self.problems: list[Diagnostic] = []

    def value(self, *names: str) -> str | None:
        for name in names:
            found = self.fields.get(name)
            if found is not None and str(found.value).strip():
                return str(found.value).strip()
        return None

    def span(self, name: str | None = None) -> Span:
        """Where a field's name is written (the entry's key when there is no such field)."""
        found = self.fields.get(name) if name else None
        line = ((found.start_line if found is not None else self.item.start_line) or 0) + 1
        text = self.file.line_text(line)
        word = found.key if found is not None else self.item.key
        column = text.find(word) + 1 if word in text else 1
        return Span(line=line, column=column, end_line=line, end_column=column + len(word))

    def problem(self, code: codes.Code, message: str, name: str | None, hint: str) -> None:
        self.problems.append(make(code, message, self.file, self.span(name), hint=hint, statement=self.item.key))

    def kind(self) -> str:
        entry_type = self.item.entry_type.lower()
        if entry_type == "article":
            return _SUBTYPES.get((self.value("entrysubtype") or "").lower(), "article-journal")
        if entry_type == "misc" and (self.value("url") or self._howpublished_url()):
            return "webpage"
        kind = ENTRY_TYPES.get(entry_type)
        if kind is None:
            self.problem(
                codes.INVALID_REFERENCE_ENTRY,
                f"argdoc knows no BibTeX entry type '@{self.item.entry_type}'",
                None,
                "use one of: " + ", ".join(f"@{name}" for name in ENTRY_TYPES),
            )
            return "document"
        return kind

    def _howpublished_url(self) -> str | None:
        match = _URL_IN_HOWPUBLISHED.search(self.value("howpublished") or "")
        return match.group(1) if match else None

    def outlet(self, kind: str) -> str | None:
        names = ("booktitle", "maintitle") if kind in {"chapter", "paper-conference"} else ()
        written = self.value(*names, "journaltitle", "journal")
        if written is None and kind == "webpage":
            howpublished = self.value("howpublished")
            written = howpublished if howpublished and "\\url" not in howpublished else None
        return decode(written) if written else None

    def names(self, field_name: str) -> tuple[PersonName, ...]:
        written = self.value(field_name)
        if written is None:
            return ()
        found = []
        for part in split_names(_NAME_LATEX.sub(lambda match: decode(match.group()), written)):
            if part.lower() == "others":
                continue  # `and others`: et al., which the styles write themselves
            try:
                found.append(_decoded_name(parse_name(part)).model_copy(update={"span": self.span(field_name)}))
            except NameError_ as error:
                self.problem(codes.INVALID_REFERENCE_ENTRY, str(error), field_name, error.hint)
        return tuple(found)

    def date(self) -> PartialDate | None:
        written = self.value("date")
        if written is not None:
            return self._partial(written.split("/")[0], "date")  # a range: its start
        year = self.value("year")
        if year is None:
            return None
        month = self.value("month")
        text = year.strip("{}")
        if month is not None:
            number = _MONTHS.get(month.strip("{}.").lower()) or (int(month) if month.isdigit() else None)
            if number is None or not 1 <= number <= 12:
                self._bad_date(f"'{month}' is not a month", "month")
                return self._partial(text, "year")
            text += f"-{number:02d}"
            day = self.value("day")
            if day is not None and day.isdigit():
                text += f"-{int(day):02d}"
        return self._partial(text, "year")

    def _partial(self, text: str, field_name: str) -> PartialDate | None:
        try:
            return parse_partial_date(text).model_copy(update={"span": self.span(field_name)})
        except DateError as error:
            self._bad_date(str(error), field_name)
            return None

    def _bad_date(self, message: str, field_name: str) -> None:
        self.problem(
            codes.INVALID_DATE,
            message,
            field_name,
            "give the date as far as it is known: date = {2024-03-15} (or {2024-03}, {2024}), "
            "or year = {2024} with month = mar",
        )

    def accessed(self) -> datetime.date | None:
        written = self.value("urldate")
        if written is None:
            return None
        try:
            return datetime.date.fromisoformat(written[:10])
        except ValueError:
            self._bad_date(f"'{written}' is not a date", "urldate")
            return None

    def source(self) -> Source:
        kind = self.kind()
        values: dict[str, Any] = {
            attribute: decode(text) for names, attribute in _TEXT_FIELDS if (text := self.value(*names)) is not None
        }
        number = self.value("number")
        if number is not None:
            # BibTeX's `number` of an article is its issue; of a report, a book in a series, a bill: its number.
            values["issue" if kind.startswith("article") and "issue" not in values else "number"] = decode(number)
        if kind == "thesis" and "genre" not in values:
            values["genre"] = _THESIS_GENRES.get(self.item.entry_type.lower())
        doi = self.value("doi")
        url = self.value("url") or self._howpublished_url()
        language = self.value("language", "langid")
        line = (self.item.start_line or 0) + 1
        end = line + (self.item.raw or "").count("\n")
        return Source(
            id=self.item.key,
            type=kind,
            outlet=self.outlet(kind),
            authors=self.names("author"),
            editors=self.names("editor"),
            date=self.date(),
            accessed=self.accessed(),
            doi=_DOI_PREFIX.sub("", doi) if doi else None,
            url=url,
            language=language if language and _LANGUAGE_TAG.match(language) else None,
            span=Span(line=line, column=1, end_line=end, end_column=len(self.file.line_text(end)) + 1),
            id_span=self.span(),
            origin=self.file.path,
            **values,
        )


# LaTeX accents and special letters inside a name (`{\"u}`, `\"{u}`, `\c{c}`, `{\ss}`): decoded before the
# name is split, so the braces left are those that keep a name whole (`{World Bank}`).
_NAME_LATEX = re.compile(
    r"\{\\[^{}]*\}|\\[^A-Za-z\s{}]\{[^{}]*\}|\\[^A-Za-z\s{}][A-Za-z]|\\[A-Za-z]+\{[^{}]*\}|\\[A-Za-z]+\b"
)


def _decoded_name(name: PersonName) -> PersonName:
    """The parts of a name read by argdoc.cite.names, with their LaTeX decoded (`M{\\"u}ller` -> Müller)."""
    parts = ("family", "given", "particle", "suffix", "literal")
    return name.model_copy(update={part: decode(value) for part in parts if (value := getattr(name, part))})


def _entry(item: BibEntry, file: SourceFile) -> Entry:
    reader = _Reader(item, file)
    source = reader.source()
    problems = reader.problems
    if source.title is None:
        problems.append(missing_title(source, file))
    return Entry(source, problems)
