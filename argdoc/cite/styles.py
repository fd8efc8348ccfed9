"""The four citation styles: Chicago notes-bibliography (18th ed., the default), Chicago author-date, APA 7, Harvard.

One formatter over the one source model (argdoc.nodes.Source, a CSL item in
.arg spelling). Each style writes a reference of every kind of work
(argdoc.cite.kinds) from the same pieces: names, title, container, date,
publication facts, address. Output is escaped HTML (`<cite>` for italics);
`plain` gives the words alone, which the test oracle compares with
citeproc-js rendering the official CSL style files (tests/test_cite_oracle.py;
the differences left are listed in docs/citations.md).

Why a formatter of argdoc's own: the Python CSL engine (citeproc-py 0.11.1)
gets Chicago wrong on these items (initials for given names, a stray
"Edition", punctuation outside the quotes, no short notes), and citeproc-js
runs only under Node. argdoc's formatter is checked against citeproc-js
instead.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from markupsafe import Markup

from argdoc.cite.dates import NO_DATE, date_in_words, partial_in_words, precision
from argdoc.cite.kinds import source_kind
from argdoc.nodes import PersonName, Source
from argdoc.render.safe_html import escape, format_html, join_html

StyleName = Literal["chicago-notes-bibliography", "chicago-author-date", "apa", "harvard-cite-them-right"]
STYLES: tuple[StyleName, ...] = ("chicago-notes-bibliography", "chicago-author-date", "apa", "harvard-cite-them-right")
DEFAULT_STYLE: StyleName = "chicago-notes-bibliography"
# Short spellings people type on the command line and in the header.
STYLE_ALIASES: dict[str, StyleName] = {
    "chicago": "chicago-notes-bibliography",
    "chicago-notes": "chicago-notes-bibliography",
    "chicago-author-date": "chicago-author-date",
    "apa": "apa",
    "apa7": "apa",
    "harvard": "harvard-cite-them-right",
}

_CLOSE = "\u201d"
_PERIODICALS = frozenset({"article-newspaper", "article-magazine", "article-journal"})
# Unsigned works that Chicago names by their outlet (a newspaper, a site): CSL substitutes the container.
_OUTLET_LEADS = _PERIODICALS | {"webpage"}
# Works whose title is set in italics (a whole publication), not in quotes (a part of one).
_WHOLE_WORKS = frozenset({"book", "report", "legislation", "bill", "regulation", "standard", "legal_case"})
_LOCATOR_LABEL = re.compile(r"^\s*(pp?\.|§|para\.|art\.|ch\.|sec\.)\s*", re.IGNORECASE)
_RANGE = re.compile(r"(?<=\w)\s*[-\u2013]\s*(?=\w)")
# APA spells the labels of parts out in its citations (Section 2, Chapter 4); CSL's apa.csl does.
_APA_LABELS = {"sec.": "Section", "ch.": "Chapter"}
# Words that title case leaves in lower case inside a title: the CSL specification's list (articles,
# conjunctions and prepositions), which citeproc-js applies.
_SMALL_WORDS_LIST = """a according across afore after against ahead along alongside amid amidst among amongst
    an and anenst
    apropos apud around as aside astride at athwart atop barring before behind below beneath beside besides
    between beyond but by circa despite down during except for forenenst from given in inside into lest like
    modulo near next nor notwithstanding of off on onto or out over per plus pro qua sans since so than the
    through thru throughout thruout till to toward towards under underneath until unto up upon versus vs. v.
    vs v via vis-à-vis with within without yet"""
_SMALL_WORDS = frozenset(_SMALL_WORDS_LIST.split())


def style_name(written: str) -> StyleName | None:
    """The style a `style:` value or `--style` names (case aside); None when argdoc has no such style."""
    key = written.strip().lower()
    for name in STYLES:
        if key == name:
            return name
    return STYLE_ALIASES.get(key)


def unknown_style_hint(written: str) -> str:
    """How to fix a style name argdoc does not know: the closest name, then every style and short name."""
    import difflib

    close = difflib.get_close_matches(written.strip().lower(), [*STYLES, *STYLE_ALIASES], n=1)
    guess = f"did you mean '{close[0]}'? " if close else ""
    short = ", ".join(alias for alias in STYLE_ALIASES if alias not in STYLES)
    return f"{guess}the styles are: {', '.join(STYLES)} (the first is the default); short names: {short}"


# --- small pieces shared by the styles -----------------------------------------------------


def plain(markup: Markup) -> str:
    """The words of a reference, for comparing with citeproc-js's text output."""
    return " ".join(Markup(markup).striptags().split())


def title_case(title: str) -> str:
    """Chicago's headline style: capitalise each word but the small ones; a word with capitals stays (NATO's)."""
    words = title.split(" ")
    out = []
    for index, word in enumerate(words):
        first_or_last = index == 0 or index == len(words) - 1 or words[index - 1].endswith(":")
        if first_or_last or word.lower() not in _SMALL_WORDS:
            # Each part of a compound (`Developing-Country`), after any opening bracket or quote (`(Example)`).
            word = "-".join(_capitalised(part) for part in word.split("-"))
        out.append(word)
    return " ".join(out)


def _capitalised(word: str) -> str:
    """The first letter upper case when it is lower case (a word with capitals stays as written)."""
    lead = len(word) - len(word.lstrip("(\u201c\u2018[\"'"))
    head = word[lead : lead + 1]
    return word[:lead] + head.upper() + word[lead + 1 :] if head.islower() else word


def _humanise(ident: str) -> str:
    """`bare-id` -> `Bare id`: the name of a work that has none."""
    words = re.sub(r"[-_]+", " ", ident).strip()
    return words[:1].upper() + words[1:]


def _typography(text: str) -> str:
    """A straight apostrophe as the typographic one, as citeproc-js sets it."""
    return text.replace("'", "\u2019")


def page_range(pages: str, *, chicago: bool) -> str:
    """`129-146` -> `129\u2013146` (an en dash); Chicago abbreviates the second number (`129\u201346`)."""
    parts = _RANGE.split(pages.strip())
    if len(parts) != 2:
        return pages.strip()
    first, last = parts
    if chicago and first.isdigit() and last.isdigit():
        last = _chicago_abbreviation(first, last)
    return f"{first}\u2013{last}"


def _chicago_abbreviation(first: str, last: str) -> str:
    """CMOS 9.64: 129-46, 101-8, 1496-1504 (en dashes); under 100, from a multiple of 100, or when more
    than the last two digits change, in full."""
    start = int(first)
    if start < 100 or start % 100 == 0 or len(first) != len(last) or last[:-2] != first[:-2]:
        return last
    if start % 100 < 10:
        return str(int(last[-2:]))
    return last[-2:]


@dataclass(frozen=True)
class Locator:
    """Where in a work: `p. 12`, `pp. 3-5`, `§ 2`, `para. 4`, `art. 5`, or bare numbers (pages)."""

    label: str  # "" for pages
    value: str

    @classmethod
    def read(cls, written: str | None) -> Locator | None:
        if not written or not written.strip():
            return None
        match = _LOCATOR_LABEL.match(written)
        label = match.group(1).lower() if match else ""
        value = written[match.end() :] if match else written.strip()
        return cls("" if label in {"p.", "pp."} else label, value.strip())


def _names_natural(names: Sequence[PersonName], conjunction: str = "and", *, serial_comma: bool = True) -> str:
    written = [name.natural for name in names]
    if len(written) <= 2:
        return f" {conjunction} ".join(written)
    return ", ".join(written[:-1]) + ("," if serial_comma else "") + f" {conjunction} {written[-1]}"


def _inverted(name: PersonName, *, initials: bool = False, demote: bool = False) -> str:
    """`Freedman, Lawrence`; with `initials`: `Freedman, L.` (APA, Harvard); an institution as it is.
    With `demote` (Chicago, CMOS 8.5; CSL's demote-non-dropping-particle) a particle follows the given
    names: `Sydow, Karl-Heinz von`."""
    if name.is_institution or not name.given:
        return name.surname
    given = _initials(name.given) if initials else name.given
    suffix = f", {name.suffix}" if name.suffix else ""
    if demote and name.particle and name.family:
        return f"{name.family}, {given} {name.particle}{suffix}"
    return f"{name.surname}, {given}{suffix}"


def _initials(given: str) -> str:
    """`Ann-Sofie` -> `A.-S.`, `David A.` -> `D. A.`."""
    words = []
    for word in given.split():
        words.append("-".join(f"{part[0]}." for part in word.split("-") if part))
    return " ".join(words)


def _initialled_editors(names: Sequence[PersonName], *, apa: bool) -> str:
    """`F. Hill & M. de Haas (Eds.)`: editors as APA and Harvard name them, initials first, then the label.

    APA joins them with `&` (and a serial comma from three on: `A, B, & C`)
    and labels them `(Ed.)`/`(Eds.)`; Cite Them Right with `and`, without one,
    and `(ed.)`/`(eds.)`.
    """
    label = "Eds." if len(names) > 1 else "Ed."
    return f"{_initialled(names, apa=apa)} ({label if apa else label.lower()})"


def _initialled(names: Sequence[PersonName], *, apa: bool) -> str:
    written = [" ".join(p for p in (_initials(n.given) if n.given else None, n.surname) if p) for n in names]
    if len(written) == 1:
        return written[0]
    if apa:
        return f"{written[0]} & {written[1]}" if len(written) == 2 else ", ".join(written[:-1]) + f", & {written[-1]}"
    return ", ".join(written[:-1]) + f" and {written[-1]}"


def _surnames(names: Sequence[PersonName], conjunction: str = "and") -> str:
    last = [name.surname for name in names]
    if len(last) > 3:
        return f"{last[0]} et al."
    if len(last) <= 2:
        return f" {conjunction} ".join(last)
    return ", ".join(last[:-1]) + f", {conjunction} {last[-1]}"


def _doi_url(doi: str) -> str:
    bare = doi.strip().removeprefix("doi:").removeprefix("https://doi.org/").strip()
    return f"https://doi.org/{bare}"


def _address(source: Source) -> str | None:
    return _doi_url(source.doi) if source.doi else source.url


def _address_link(source: Source) -> Markup | None:
    url = _address(source)
    return _link(url) if url else None


def _link(url: str) -> Markup:
    from argdoc.inline import is_safe_link

    if not is_safe_link(url):
        return escape(url)
    return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', url, url)


def _italic(text: str) -> Markup:
    return format_html("<cite>{}</cite>", _typography(text))


def _quoted(text: str) -> Markup:
    return format_html("\u201c{}\u201d", _typography(text))


def _join(pieces: Sequence[Markup | str | None], separator: str, end: str = "") -> Markup:
    """Join pieces; a comma or period after a closing quote goes inside it (American punctuation).

    The pieces are escaped once, then joined as plain strings: the separators are
    argdoc's own punctuation, and Markup's `+` would escape each of them again.
    """
    present = [str(piece if isinstance(piece, Markup) else escape(piece)) for piece in pieces if piece]
    out: list[str] = []
    for index, piece in enumerate(present):
        mark = separator if index < len(present) - 1 else end
        stop = mark[:1]
        if piece.endswith(_CLOSE) and stop in {",", "."}:
            inner = piece[: -len(_CLOSE)]
            out.append(inner + ("" if inner.endswith((".", "?", "!")) else stop) + _CLOSE + mark[1:])
        elif stop == "." and _ends_sentence(piece):
            out.append(piece + mark[1:])
        else:
            out.append(piece + mark)
    return Markup("".join(out))


def closed(piece: Markup) -> Markup:
    """A note ended with its period: inside a closing quote, none after a stop."""
    return _join([piece], "", ".")


def _ends_sentence(piece: str) -> bool:
    """Whether escaped HTML ends its words with a stop (tags and entities read only when there are any)."""
    words = Markup(piece).striptags() if "<" in piece or "&" in piece else piece
    return words.rstrip(_CLOSE + "\u2019").endswith((".", "?", "!"))


def _sentences(pieces: Sequence[Markup | str | None]) -> Markup:
    """Bibliography style: each piece its own sentence, ending with a period."""
    return _join(pieces, ". ", ".")


def _group(*pieces: Markup | str | None, separator: str = ", ") -> Markup | None:
    present = [piece for piece in pieces if piece]
    return _join(present, separator) if present else None


# --- the styles ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """A citation style for one paper, in its language.

    `suffixes` are the letters that tell apart one author's works of one year
    in the author-date styles (`2017a`, `2017b`), by source id; `for_sources`
    gives them for a paper's sources, so text and list say the same.
    """

    name: StyleName
    language: str = "en-US"
    suffixes: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def uses_notes(self) -> bool:
        return self.name == "chicago-notes-bibliography"

    def for_sources(self, sources: Iterable[Source]) -> Style:
        """This style with the year suffixes of the given sources (none in notes-bibliography, which needs none).

        Works that an in-text citation would name alike (same author, same
        year) take letters in the order of the list, as CSL's
        `disambiguate-add-year-suffix` gives them.
        """
        if self.uses_notes:
            return self
        alike: dict[tuple[str, str], list[Source]] = {}
        for source in sorted(sources, key=self.sort_key):
            alike.setdefault((plain(self._in_text_author(source)), self._year(source)), []).append(source)
        suffixes = {s.id: _letter(n) for group in alike.values() if len(group) > 1 for n, s in enumerate(group)}
        return dataclasses.replace(self, suffixes=suffixes)

    @property
    def _chicago(self) -> bool:
        return self.name.startswith("chicago")

    # Titles --------------------------------------------------------------------------

    def _title_text(self, source: Source) -> str | None:
        if not source.title:
            return None
        # Chicago sets titles in headline style; APA and Harvard keep them as written.
        return title_case(source.title) if self._headline_style(source) else source.title

    def _headline_style(self, source: Source) -> bool:
        """Whether Chicago's headline style applies: to English works only, as CSL does (a German title keeps
        its own capitals). A source says its language in `language:`; one that does not is in the paper's."""
        return self._chicago and self._english(source)

    def _english(self, source: Source) -> bool:
        language = (source.language or self.language).lower()
        return language == "en" or language.startswith("en-")

    def _title(self, source: Source) -> Markup | None:
        text = self._title_text(source)
        if text is None:
            return None
        kind = source_kind(source).name
        part = kind in {"chapter", *_PERIODICALS, "interview"}
        if self.name == "apa":
            # APA sets a part of a work (an article, a chapter) in roman type, a whole work in italics.
            return escape(_typography(text)) if part or kind == "treaty" else _italic(text)
        if self.name == "harvard-cite-them-right":
            quoted = {"speech", "dataset", "treaty", "document", "post", "post-weblog"}
            return _quoted(text) if part or kind in quoted else _italic(text)
        if kind == "treaty":
            return escape(_typography(text))
        return _italic(text) if kind in _WHOLE_WORKS else _quoted(text)

    def _container(self, source: Source) -> Markup | None:
        if not source.outlet:
            return None
        kind = source_kind(source).name
        if kind == "webpage" or (self._chicago and kind == "dataset"):
            return escape(_typography(source.outlet))
        # Chicago sets every outlet in headline style, APA a periodical's name (CSL: text-case="title").
        apa_periodical = self.name == "apa" and kind in _PERIODICALS and self._english(source)
        headline = self._headline_style(source) or apa_periodical
        return _italic(title_case(source.outlet) if headline else source.outlet)

    def _date(self, source: Source, *, with_year: bool = True) -> str | None:
        if source.date is None:
            return None
        return partial_in_words(source.date, self.language, with_year=with_year)

    def _year(self, source: Source) -> str:
        """The year, with its letter when one author has several works that year (`2017a`, `n.d.-a`)."""
        suffix = self.suffixes.get(source.id, "")
        if source.date is None or source.date.year is None:
            return f"{NO_DATE}-{suffix}" if suffix else NO_DATE
        return f"{source.date.year}{suffix}"

    def _accessed(self, source: Source) -> str | None:
        if source.accessed is None:
            return None
        return date_in_words(source.accessed, "day", self.language)

    # Notes (Chicago notes-bibliography) ------------------------------------------------

    def note(self, source: Source, locator: str | None = None, *, short: bool = False) -> Markup:
        """One source as a note cites it: in full the first time, `short` after; ends without its period."""
        at = Locator.read(locator)
        if not (source.title or source.authors or source.outlet):
            # Nothing names the work: its id does, so the note still says what it cites.
            address = _address_link(source) if not short else None
            return _join([_humanise(source.id), self._locator_text(at) if at else None, address], ", ")
        where = self._locator_text(at) if at else None
        if short and (source.authors or source.title):
            # (A work with neither author nor title is cited the same way each time: outlet and date.)
            return _join([*self._short_note(source), where], ", ")
        return self._full_note(source, where)

    def _locator_text(self, at: Locator) -> str:
        value = page_range(at.value, chicago=self._chicago) if not at.label else _RANGE.sub("\u2013", at.value)
        return f"{at.label} {value}" if at.label else value

    def _short_note(self, source: Source) -> list[Markup | str | None]:
        title = self._title(source)
        if source.authors:
            return [_surnames(source.authors), title]
        kind = source_kind(source).name
        if kind in _OUTLET_LEADS and source.outlet:
            return [self._container(source), title]
        return [title or escape(source.id)]

    def _full_note(self, source: Source, where: str | None) -> Markup:
        kind = source_kind(source).name
        authors = _names_natural(source.authors) if source.authors else None
        title = self._title(source)
        container = self._container(source)
        address = _address_link(source)
        editors = f"ed. {_names_natural(source.editors)}" if source.editors else None
        if kind in {"book", "report"} or (kind == "chapter"):
            facts = _group(source.publisher, self._year(source) if source.date else None)
            if source.publisher is None and source.place:
                facts = _group(source.place, self._year(source) if source.date else None)
            imprint = format_html("({})", facts) if facts else None
            named: list[Markup | str | None] = [authors, title]
            if kind == "chapter":
                named += [Markup("in ") + container if container else None, editors]
            else:
                named += [editors, self._series_number(source, headline=False)]
            head = _join(named, ", ")
            body = _join([head, imprint], " ") if imprint else head
            return _join([body, where, address], ", ")
        if kind == "article-journal":
            issue = _group(source.volume, f"no. {source.issue}" if source.issue else None)
            year = format_html("({})", self._year(source)) if source.date else None
            holder = _join([container, issue, year], " ")
            pages = where or (page_range(source.pages, chicago=True) if source.pages else None)
            located = Markup(f"{holder}: {escape(pages)}") if pages else holder
            return _join([authors, title, located, address], ", ")
        interviewer = f"interview by {_names_natural(source.interviewers)}" if source.interviewers else None
        date = self._date(source)
        if date is None and source.accessed is not None:
            date = f"accessed {self._accessed(source)}"
        number = source.number if kind not in _PERIODICALS else None
        lead: list[Markup | str | None] = [authors, title, interviewer, number]
        if kind == "thesis":  # “Title” (PhD dissertation, King's College London, 2020)
            school = _typography(source.publisher) if source.publisher else None
            facts = _group(source.genre, school, self._year(source) if source.date else None)
            head = _join([_join(lead, ", "), format_html("({})", facts) if facts else None], " ")
            return _join([head, where, address], ", ")
        rest: list[Markup | str | None] = [self._holder(source, container)]
        if kind == "speech":
            rest += [source.place]
        return _join([*lead, *rest, date, source.medium, where, address], ", ")

    def _series_number(self, source: Source, *, headline: bool) -> str | None:
        """A report's genre before its number (`Research Report RR-1253-A`), in headline style where the
        style's CSL file asks for it (Chicago's entries, APA), as written in Chicago's notes and Harvard."""
        if source_kind(source).name != "report" or not source.genre:
            return source.number
        genre = title_case(source.genre) if headline and self._english(source) else source.genre
        return " ".join(part for part in (genre, source.number) if part)

    def _holder(self, source: Source, container: Markup | None) -> Markup | str | None:
        """Where a work other than a periodical's appeared: its container, else its publisher (an
        organisation's web page, a dataset), as CSL's Chicago and Harvard files fall back."""
        if source_kind(source).name in _PERIODICALS:
            return container
        return container or (_typography(source.publisher) if source.publisher else None)

    # Bibliography entries ----------------------------------------------------------------

    def entry(self, source: Source) -> Markup:
        """One source in the bibliography (reference list) of the style."""
        if not (source.title or source.authors or source.outlet):
            return _sentences([_humanise(source.id), _address_link(source)])
        if self.name == "chicago-notes-bibliography":
            return self._chicago_entry(source, author_date=False)
        if self.name == "chicago-author-date":
            return self._chicago_entry(source, author_date=True)
        if self.name == "apa":
            return self._apa_entry(source)
        return self._harvard_entry(source)

    def _bibliography_authors(self, source: Source, *, initials: bool, conjunction: str = "and") -> str | None:
        names = source.authors
        if not names:
            return None
        if self.name == "apa":
            written = [_inverted(name, initials=True) for name in names]
            return written[0] if len(written) == 1 else ", ".join(written[:-1]) + f", & {written[-1]}"
        if self.name == "harvard-cite-them-right":
            written = [_inverted(name, initials=True).replace(". ", ".") for name in names]
            return written[0] if len(written) == 1 else ", ".join(written[:-1]) + f" and {written[-1]}"
        first = _inverted(names[0], initials=initials, demote=True)
        rest = [name.natural for name in names[1:]]
        if not rest:
            return first
        return ", ".join([first, *rest[:-1]]) + f", {conjunction} {rest[-1]}"

    def _chicago_entry(self, source: Source, *, author_date: bool) -> Markup:
        kind = source_kind(source).name
        authors = self._bibliography_authors(source, initials=False)
        title = self._title(source)
        container = self._container(source)
        address = _address_link(source)
        year = self._year(source) if source.date is not None else None
        date = self._date(source, with_year=not author_date) if source.date is not None else None
        if author_date and date == NO_DATE:
            date = None  # said once, where the year stands
        lead: Markup | str | None = authors
        if lead is None and kind in _OUTLET_LEADS and source.outlet:
            lead, container = self._container(source), None
        pieces: list[Markup | str | None] = [lead]
        if author_date:
            pieces.append(year if source.date is not None else None)
        editors = f"edited by {_names_natural(source.editors)}" if source.editors else None
        if kind in {"book", "report", "chapter"}:
            if kind == "chapter":
                pieces += [title, _group(Markup("In ") + container if container else None, editors)]
            else:
                pieces += [title, editors, self._series_number(source, headline=True)]
            place = source.place if source.publisher is None else None
            pieces.append(_group(place, source.publisher, None if author_date else year))
        elif kind == "article-journal":
            if author_date:
                issue = f" ({escape(source.issue)})" if source.issue else ""
                holder = _join([container, Markup(f"{escape(source.volume or '')}{issue}")], " ")
            else:
                issue_text = _group(source.volume, f"no. {source.issue}" if source.issue else None)
                holder = _join([container, issue_text, format_html("({})", year) if year else None], " ")
            pages = page_range(source.pages, chicago=True) if source.pages else None
            pieces += [title, Markup(f"{holder}: {escape(pages)}") if pages else holder]
        else:
            interviewer = f"Interview by {_names_natural(source.interviewers)}" if source.interviewers else None
            where = source.place if kind == "speech" else None
            held = self._holder(source, container)
            number = source.number if kind not in _PERIODICALS else None  # a document's (S/RES/2722 (2024))
            pieces += [
                title,
                interviewer,
                number,
                _group(source.genre if kind == "thesis" else None, held, where, date),
            ]
            pieces.append(source.medium)
        # An undated work gives the day it was read; argdoc's `note:` ends the entry.
        accessed = f"Accessed {self._accessed(source)}" if source.date is None and source.accessed else None
        note = source.note[:1].upper() + source.note[1:] if source.note else None
        if lead is None and kind not in _OUTLET_LEADS:
            # An unsigned work other than a periodical's (a treaty): its title leads, its full date follows.
            return _sentences([_group(title, self._date(source)), accessed, address, note])
        return _sentences([*pieces, accessed, address, note])

    def _apa_entry(self, source: Source) -> Markup:
        kind = source_kind(source).name
        authors = self._bibliography_authors(source, initials=True)
        title = self._title(source)
        container = self._container(source)
        address = _address_link(source)
        date = f"({self._apa_date(source)})"
        if kind == "article-journal":
            volume = _italic(source.volume) if source.volume else None
            issue = Markup(f"({escape(source.issue)})") if source.issue else ""
            pages = page_range(source.pages, chicago=False) if source.pages else None
            holder = _join([container, Markup(f"{volume or ''}{issue}") if volume else None, pages], ", ")
            return _join([_sentences([authors, date, title, holder]), address], " ")
        if kind in {"article-newspaper", "article-magazine"}:
            outlet = _join([container, source.volume], ", ")
            if not authors and title is None:  # named in the text by its outlet, so listed under it
                return _join([_sentences([outlet, date]), address], " ")
            lead = [authors, date, title] if authors else [title, date]
            return _join([_sentences([*lead, outlet]), address], " ")
        if kind == "chapter":
            editors = _initialled_editors(source.editors, apa=True) if source.editors else None
            pages = f"(pp. {page_range(source.pages, chicago=False)})" if source.pages else None
            book = _join([Markup("In ") + _join([editors, container], ", "), pages], " ")
            return _join([_sentences([authors, date, title, book, source.publisher]), address], " ")
        described: Markup | None = title
        extra = self._series_number(source, headline=True)
        bracket = {"dataset": "Dataset"}.get(kind) or (source.genre if kind == "thesis" else source.medium)
        if source.interviewers:
            interviewers = ", ".join(
                _inverted(n, initials=True).split(", ")[-1] + " " + n.surname for n in source.interviewers
            )
            extra = f"{interviewers}, Interviewer"
        if described is not None and (extra or bracket):
            described = _join([described, format_html("({})", extra) if extra else None,
                               format_html("[{}]", bracket) if bracket else None], " ")  # fmt: skip
        if kind == "treaty":
            return _join([_sentences([_group(title, self._date(source))]), address], " ")
        first = [authors, date, described] if authors else [described, date]
        publisher = source.publisher if kind != "dataset" or not container else None
        if publisher and [publisher] == [name.literal for name in source.authors]:
            publisher = None  # APA 7 (9.29): a publisher that is the author is not named twice
        publisher = _typography(publisher) if publisher else None
        return _join([_sentences([*first, container, publisher]), address], " ")

    def _apa_date(self, source: Source) -> str:
        if source.date is None or source.date.year is None:
            return self._year(source)
        detail = self._date(source, with_year=False) if precision(source.date) != "year" else None
        kind = source_kind(source).name
        if detail and kind not in {"book", "report", "article-journal", "chapter", "dataset"}:
            return f"{self._year(source)}, {detail}"
        return self._year(source)

    def _harvard_entry(self, source: Source) -> Markup:
        kind = source_kind(source).name
        authors = self._bibliography_authors(source, initials=True)
        title = self._title(source)
        container = self._container(source)
        url = _address(source)
        available = Markup("Available at: ") + _link(url) if url else None
        if available is not None and source.accessed is not None and not source.doi:
            # (a DOI is a permanent address: Cite Them Right gives no access date for it)
            available += escape(f" (Accessed: {self._accessed(source)})")
        year = f"({self._year(source)})"
        lead = _join([authors or (self._container(source) if kind in _PERIODICALS else None), year], " ")
        imprint: Markup | str | None
        if kind in _PERIODICALS and not authors:
            container = None
        imprint = _join([source.place, source.publisher], ": ") if source.publisher else source.place
        if kind == "article-journal":
            issue = f"{source.volume}({source.issue})" if source.issue else source.volume
            pages = f"pp. {page_range(source.pages, chicago=False)}" if source.pages else None
            return _sentences([_join([lead, _group(title, container, issue, pages)], " "), available])
        if kind in {"book", "report"}:
            return _sentences(
                [_join([lead, title], " "), self._series_number(source, headline=False), imprint, available]
            )
        if kind == "chapter":
            editors = _initialled_editors(source.editors, apa=False) if source.editors else None
            book = Markup("in ") + _join([editors, container], " ") if container else None
            pages = f"pp. {page_range(source.pages, chicago=False)}" if source.pages else None
            return _sentences([_join([lead, _group(title, book)], " "), _group(imprint, pages), available])
        if kind == "treaty":
            return _sentences([_join([title, format_html("({})", self._year(source))], " "), available])
        dated = kind in {"article-newspaper", "article-magazine", "speech", "post", "post-weblog"}
        date = None
        if dated and source.date is not None:
            date = partial_in_words(source.date, self.language, with_year=False, day_first=True)
        if kind == "speech":
            return _sentences([_join([lead, title], " "), _group(source.place, date), available])
        publisher = source.publisher if kind in {"dataset", "webpage", "document"} and not container else None
        if kind == "thesis":
            school = _typography(source.publisher) if source.publisher else None
            return _sentences([_join([lead, title], " "), source.genre, school, available])
        if not authors and kind not in _PERIODICALS and title is not None:
            # An unsigned work is named by its title, the year after it; then where it appeared.
            year_after = _join([title, year], " ")
            return _sentences([_join([_group(year_after, date), container], " "), publisher, available])
        if title is None:  # an untitled news item: "Haaretz (2007), 20 March."
            return _sentences([_group(lead, container, date), publisher, available])
        return _sentences([_join([lead, _group(title, container, date)], " "), publisher, available])

    # In-text citations (the author-date styles) ----------------------------------------------

    def in_text(self, cites: Sequence[tuple[Source, str | None]], link: Linker | None = None) -> Markup:
        """`(Freedman 2017, 12; Erlanger 2024)`: one parenthetical citation of several works.

        The works are put in the style's order (Chicago: as written; APA: by
        author; Harvard: by year), and one author's works that follow each
        other share the name (`Freedman 2017, 240, 2019, 10`). `link` makes
        each work's name and year a link (to its entry in the list).
        """
        return format_html("({})", join_html("; ", self.in_text_parts(cites, link)))

    def in_text_parts(self, cites: Sequence[tuple[Source, str | None]], link: Linker | None = None) -> list[Markup]:
        """The pieces of `in_text` between its semicolons: one per author (in the style's order)."""
        groups: list[list[tuple[Source, str | None]]] = []
        for cite in self._citation_order(cites):
            if groups and self._in_text_author(groups[-1][0][0]) == self._in_text_author(cite[0]):
                groups[-1].append(cite)
            else:
                groups.append([cite])
        return [self._in_text_group(group, link) for group in groups]

    def narrative(self, source: Source, locator: str | None = None, link: Linker | None = None) -> Markup:
        """`European Commission (2024, art. 1)`: a work named in the sentence, as a table's source line
        names it (APA 8.11's narrative citation; Chicago and Harvard write it alike)."""
        who = self._in_text_author(source)
        inside = _join([escape(self._year(source)), self._where(locator)], ", ")
        return format_html("{} ({})", link(source, who) if link else who, inside)

    def _citation_order(self, cites: Sequence[tuple[Source, str | None]]) -> list[tuple[Source, str | None]]:
        if self.name == "apa":
            return sorted(cites, key=lambda cite: self.sort_key(cite[0]))
        if self.name == "harvard-cite-them-right":
            return sorted(cites, key=lambda cite: (self._year(cite[0]), self.sort_key(cite[0])))
        return list(cites)

    def _in_text_group(self, group: Sequence[tuple[Source, str | None]], link: Linker | None) -> Markup:
        """One author's works in a citation: the name once, then each year with its locator."""
        first, locator = group[0]
        who = self._in_text_author(first)
        named = _join([who, self._year(first)], " " if self._chicago else ", ")
        pieces = [_join([link(first, named) if link else named, self._where(locator)], ", ")]
        for source, at in group[1:]:
            year = escape(self._year(source))
            pieces.append(_join([link(source, year) if link else year, self._where(at)], ", "))
        return _join(pieces, ", ")

    def _where(self, locator: str | None) -> str | None:
        """A locator in an author-date citation: Chicago bare pages (`131\u201333`), APA and Harvard `p.`/`pp.`."""
        at = Locator.read(locator)
        if at is None:
            return None
        if self._chicago:
            return self._locator_text(at)
        label = _APA_LABELS.get(at.label, at.label) if self.name == "apa" else at.label
        label = label or ("pp." if _RANGE.search(at.value) else "p.")
        return f"{label} {page_range(at.value, chicago=False)}"

    def _in_text_author(self, source: Source) -> Markup:
        if source.authors:
            conjunction = "&" if self.name == "apa" else "and"
            names = source.authors
            if self.name == "apa" and len(names) > 2:
                return escape(f"{names[0].surname} et al.")
            return escape(_surnames(names, conjunction))
        kind = source_kind(source).name
        leads = _OUTLET_LEADS if self._chicago else _PERIODICALS
        if kind in leads and source.outlet and (self.name != "apa" or not source.title):
            # (APA names an untitled, unsigned item by its outlet: citeproc-js's bare "(2007c)" names nothing.)
            return self._container(source) or escape(source.id)
        title = source.title or source.id
        if self.name == "apa" and kind in {"chapter", *_PERIODICALS, "interview"}:
            return _quoted(title_case(title))
        if self.name == "apa":  # APA names a work in the text by its title in title case (APA 6.17)
            return _italic(title_case(title)) if kind not in {"treaty"} else escape(title_case(title))
        return self._title(source) or escape(title)

    # Order ------------------------------------------------------------------------------

    def sort_key(self, source: Source) -> tuple[str, str, str, str]:
        """By the authors (family, then given names), else by the entry's first words (its title or
        outlet); then as each CSL file sorts one author's works: APA by date in time order, Chicago
        author-date and Harvard by year then title, Chicago notes-bibliography by title. (The
        entry's text alone put APA's "February" before "January": 2024a and 2024b went the wrong way.)"""
        entry = plain(self.entry(source)).lower().removeprefix("\u201c")
        who = "; ".join(f"{n.literal or n.family or ''}, {n.given or ''}" for n in source.authors).lower()
        when = source.date.iso() if source.date else ""
        if self.name != "apa":
            when = "" if self.uses_notes else when[:4]
        return (who or entry, when, entry, source.id)


Renderer = Callable[[Source], Markup]
# Makes a cited work's words (name and year, or the year) a link, for in_text.
Linker = Callable[[Source, Markup], Markup]


def _letter(index: int) -> str:
    """`a`, `b`, ... `z`, `aa`, `ab`: the year suffix of the index-th work alike (CSL's sequence)."""
    letters = string.ascii_lowercase
    if index < len(letters):
        return letters[index]
    return _letter(index // len(letters) - 1) + letters[index % len(letters)]
