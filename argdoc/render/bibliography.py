"""Sources as a reader sees them: dates, short citation labels, Chicago notes and bibliography.

Chicago notes-bibliography is the house style of policy papers. citeproc gets
news articles wrong, and argdoc only has one kind of source, so the few rules
are written out here. The bibliography (the source list):

    Petrov, Ivan. “Ivanov on Iran.” *Interfax Politics*, March 18, 2007. https://….
    *Haaretz*. “Title.” March 20, 2007.          (no author: the outlet leads)
    “Title.” Accessed March 20, 2007.            (undated: the access date)

A note (a footnote in the PDF, an endnote on the web) cites a source in full
the first time and in short form after that; pages lose their `p.`:

    Ivan Petrov, “Ivanov on Iran,” *Interfax Politics*, March 18, 2007, 4, https://….
    Petrov, “Ivanov on Iran,” 4.
    *Haaretz*, March 20, 2007.                   (no author, no title: full and short alike)

And the paper itself, for its "cite this paper" line, as a report (in the paper's style; this is
Chicago notes-bibliography's form, with the paper's full date):

    Holt, Maren, and Tomás Reyes. *A Border on Carbon*. Trade and Climate Policy
    Briefs, no. 2025/07. Institute for Trade and Climate, September 15, 2025.

Every function returns escaped Markup or plain text; nothing here trusts the
text of a source.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup

from argdoc.cite.styles import DEFAULT_STYLE, Style, closed
from argdoc.inline import is_safe_link
from argdoc.nodes import Meta, PartialDate, PersonName, Source
from argdoc.render.locale import format_date, words
from argdoc.render.safe_html import escape, format_html, join_html
from argdoc.render.typography import smarten

# English month names, spelled out here so that output never depends on the
# process locale (strftime("%B") does).
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_TERMINAL = (".", "?", "!")
_CLOSING_QUOTES = "\u201d\u2019\"'"
# A last character after which the text's own last character is not the markup's:
# a tag's `>`, an entity's `;`, or a closing quote (which `_ends_sentence` looks behind).
_NOT_TEXT_END = frozenset(">;" + _CLOSING_QUOTES)

# Words that mark an author as an institution, whose name is never inverted
# ("The Reut Institute", not "Institute, The Reut").
_INSTITUTION_WORDS = frozenset(
    {
        "academy", "agency", "association", "bank", "board", "bureau", "center", "centre", "college",
        "commission", "committee", "council", "department", "foundation", "fund", "group", "institute",
        "institution", "ministry", "office", "organisation", "organization", "programme", "program",
        "project", "service", "society", "team", "trust", "university",
    }
)  # fmt: skip
# `p. 12` / `pp. 3-5`: Chicago notes give the bare numbers.
_PAGE_PREFIX = re.compile(r"^\s*pp?\.\s*(?=\d)", re.IGNORECASE)
_NUMBER_RANGE = re.compile(r"(?<=\d)\s*-\s*(?=\d)")


def day_month_year(date: datetime.date) -> str:
    """`20 March 2007`: the date of a paper, as on its cover."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def humanise(ident: str) -> str:
    """`great-power` -> `Great power`: a title for a statement that has none."""
    words = re.sub(r"[-_]+", " ", ident).strip()
    return words[:1].upper() + words[1:] if words else ident


def link(url: str, label: Markup | str) -> Markup:
    """An outbound link, or just its label when the address is not safe to follow."""
    if not is_safe_link(url):
        return escape(label)
    return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', url, label)


def internal_link(anchor: str, label: Markup | str | None) -> Markup:
    """A link to an element of the page; without a label (a paper with errors), the bare id, marked missing.

    Every `href="#…"` argdoc writes comes from here, so each points at an element.
    """
    if label is None:
        return format_html('<span class="missing">{}</span>', anchor)
    return format_html('<a href="#{}">{}</a>', anchor, label)


# --- short labels for citations ---------------------------------------------------


def citation_labels(sources: Iterable[Source]) -> dict[str, str]:
    """A short name per source for in-text citations: its outlet, else its title, else its id.

    Two sources from the same outlet would read alike, so a shared label gets
    the source's date (or title, or id) added.
    """
    sources = list(sources)
    base = {s.id: s.outlet or s.title or humanise(s.id) for s in sources}
    counts = Counter(base.values())
    labels: dict[str, str] = {}
    for source in sources:
        label = base[source.id]
        if counts[label] > 1:
            label = f"{label}, {_distinguisher(source)}"
        labels[source.id] = label
    return labels


def _distinguisher(source: Source) -> str:
    if source.date is not None and source.date.earliest is not None:
        return source.date.iso()
    if source.title and source.title != source.outlet:
        return source.title
    return source.id


def attribution(source: Source) -> str:
    """Who a block quotation is by: its authors if named, else the source's short label."""
    if source.authors:
        return _natural_authors(tuple(name.natural for name in source.authors))
    return source.outlet or source.title or humanise(source.id)


# --- bibliography entries and notes: argdoc.cite.styles ----------------------------------


def bibliography_entry(source: Source, style: Style | None = None) -> Markup:
    """One source in the paper's style (Chicago notes-bibliography unless it says otherwise), as escaped HTML."""
    return (style or Style(DEFAULT_STYLE)).entry(source)


def note_entry(
    source: Source, locator: str | None = None, *, short: bool = False, final: bool = True, style: Style | None = None
) -> Markup:
    """One source as cited in a note: in full the first time, `short` after that.

    `final=False` leaves off the closing period, for a note that cites several
    sources: they are joined with semicolons and the note ends with one period.
    """
    note = (style or Style(DEFAULT_STYLE)).note(source, locator, short=short)
    return closed(note) if final else note


# --- the paper itself ------------------------------------------------------------------


def doi_url(doi: str) -> str:
    """`10.1234/x` or `doi:10.1234/x` -> `https://doi.org/10.1234/x`; a full address stays as it is."""
    bare = doi.strip()
    if bare.lower().startswith("doi:"):
        bare = bare[4:].strip()
    return f"https://doi.org/{bare}" if bare.startswith("10.") else bare


def paper_citation(meta: Meta, title: str, address: str | None, style: Style | None = None) -> Markup:
    """The paper as a report in its own citation style and language: the "cite this paper" line.

    Its words pass through the typography of the paper's language, as its
    prose does (a typographic apostrophe in `NATO's`, German quotes), and the series number takes that language's
    word (`no. 2025/02`, `Nr. 2025/02`).
    """
    style = style or Style(DEFAULT_STYLE, meta.language)
    language = meta.language

    def shown(text: str) -> str:
        return smarten(text, language)

    authors = tuple(shown(author.name) for author in meta.authors)
    full_title = shown(f"{title}: {meta.subtitle}" if meta.subtitle else title)
    series = shown(_series(meta)) if meta.series or meta.number else None
    # The organisation publishes; it is not repeated when it is also the sole author.
    sole_author = tuple(author.name for author in meta.authors) == (meta.organisation,)
    publisher = shown(meta.organisation) if meta.organisation and not sole_author else None
    if not style.uses_notes:
        return style.entry(_paper_as_source(meta, authors, full_title, series, publisher, address))
    pieces: list[Markup] = []
    if authors:
        pieces.append(escape(_authors(authors)))
    pieces.append(format_html("<cite>{}</cite>", full_title))
    if series:
        pieces.append(escape(series))
    # The paper's date as its language writes it (#11): "20 March 2007" in en-GB, "March 20, 2007" in en-US.
    imprint = [escape(part) for part in (publisher, meta.date and format_date(meta.date, "day", language)) if part]
    if imprint:
        pieces.append(join_html(", ", imprint))
    if address:
        pieces.append(link(address, address))
    return join_html(" ", [_sentence(piece) for piece in pieces])


def _series(meta: Meta) -> str:
    """`Reut Briefs, no. 12`, or `No. 12` without a series: the language's word for the number.

    English writes it lower case after the series' name, as Chicago does; other languages as their word is
    (`Nr.`, `n.º`, `№`).
    """
    number = words(meta.language).series_number.format(number=meta.number) if meta.number else None
    if not meta.series:
        return number or ""
    if number and meta.language.lower().split("-")[0] == "en":
        number = number[:1].lower() + number[1:]
    return ", ".join(part for part in (meta.series, number) if part)


def _paper_as_source(
    meta: Meta, authors: tuple[str, ...], title: str, series: str | None, publisher: str | None, url: str | None
) -> Source:
    """The paper as a report, for the author-date styles to write like any source they list."""
    from argdoc.cite.names import NameError_, parse_name

    names = []
    for author in authors:
        try:
            names.append(parse_name(author))
        except NameError_:
            names.append(PersonName(literal=author))
    date = meta.date
    return Source(
        id="cite-this-paper",
        type="report",
        title=title,
        authors=tuple(names) or ((PersonName(literal=meta.organisation),) if meta.organisation else ()),
        number=series,
        publisher=publisher,
        date=PartialDate(year=date.year, month=date.month, day=date.day) if date else None,
        url=url,
    )


def _natural_authors(names: tuple[str, ...]) -> str:
    """`Ivan Petrov`, `Ann Lee and Bo Chen`, `A, B, and C`: names as written."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + f", and {names[-1]}"


# --- bibliography names -------------------------------------------------------------------


def _authors(names: tuple[str, ...]) -> str:
    """`Petrov, Ivan`, `Petrov, Ivan, and Jane Smith`, `A, B, and C`: the first name inverted."""
    if not names:
        return ""
    written = [_invert(names[0]), *names[1:]]
    if len(written) == 1:
        return written[0]
    if len(written) == 2:
        return f"{written[0]}, and {written[1]}"
    return ", ".join(written[:-1]) + f", and {written[-1]}"


def _invert(name: str) -> str:
    """`Ivan Petrov` -> `Petrov, Ivan`; a one-word name or an institution stays as it is."""
    parts = name.split()
    if len(parts) < 2 or _is_institution(name):
        return name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


def _is_institution(name: str) -> bool:
    """`The Reut Institute`, `European Commission`: an author that is not a person."""
    words = name.lower().split()
    return bool(words) and (words[0] == "the" or any(word.strip(",.") in _INSTITUTION_WORDS for word in words))


def _quoted_title(title: str) -> Markup:
    """`“Title.”`: Chicago puts the period inside the closing quote."""
    stop = "" if title.endswith(_TERMINAL) else "."
    return format_html("“{}{}”", title, stop)


def _comma_join(*parts: Markup | None) -> Markup | None:
    present = [p for p in parts if p]
    return join_html(", ", present) if present else None


def _sentence(text: Markup) -> Markup:
    """End a piece with a period unless it already ends a sentence (also inside a closing quote)."""
    return text if _ends_sentence(text) else Markup(f"{text}.")


def _ends_sentence(text: Markup) -> bool:
    """Whether the words of some markup end a sentence, closing quotes aside."""
    last = text[-1:]
    # Most pieces end in a letter or a stop: then the markup's last character is
    # the text's, and the costly `striptags` (regular expressions, unescaping) is
    # needed only after a tag, an entity, a space or a quote.
    if last and last not in _NOT_TEXT_END and not last.isspace():
        return last in _TERMINAL
    return text.striptags().rstrip(_CLOSING_QUOTES).endswith(_TERMINAL)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
