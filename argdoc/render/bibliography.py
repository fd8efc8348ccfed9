"""Sources as a reader sees them: dates, short citation labels, Chicago bibliography entries.

Chicago notes-bibliography is the house style of policy papers. citeproc gets
news articles wrong, and argdoc only has one kind of source, so the few rules
are written out here:

    Petrov, Ivan. “Ivanov on Iran.” *Interfax Politics*, March 18, 2007. https://….
    *Haaretz*. “Title.” March 20, 2007.          (no author: the outlet leads)
    “Title.” Accessed March 20, 2007.            (undated: the access date)

Every function returns escaped Markup or plain text; nothing here trusts the
text of a source.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup, escape

from argdoc.nodes import Source

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

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")
_TERMINAL = (".", "?", "!")


def day_month_year(date: datetime.date) -> str:
    """`20 March 2007`: the date of a paper, as on its cover."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def month_day_year(date: datetime.date) -> str:
    """`March 18, 2007`: Chicago's date of a source."""
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def humanise(ident: str) -> str:
    """`great-power` -> `Great power`: a title for a statement that has none."""
    words = re.sub(r"[-_]+", " ", ident).strip()
    return words[:1].upper() + words[1:] if words else ident


def is_safe_link(url: str) -> bool:
    """Only web and mail addresses become links; `javascript:` and friends stay text."""
    return url.lower().startswith(SAFE_LINK_SCHEMES)


def link(url: str, label: Markup | str) -> Markup:
    """An outbound link, or just its label when the address is not safe to follow."""
    if not is_safe_link(url):
        return escape(label)
    return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(url, label)


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
    if source.date is not None:
        return month_day_year(source.date)
    if source.title and source.title != source.outlet:
        return source.title
    return source.id


# --- bibliography entries ---------------------------------------------------------


def bibliography_entry(source: Source) -> Markup:
    """One source in Chicago bibliography style, as escaped HTML."""
    title = _quoted_title(source.title) if source.title else None
    outlet = Markup("<cite>{}</cite>").format(source.outlet) if source.outlet else None
    date = escape(month_day_year(source.date)) if source.date else None
    authors = _authors(source.authors)
    # Author-led, the outlet and date share a sentence ("*Outlet*, March 18, 2007.");
    # without an author the outlet leads, then the title, then the date on its own.
    pieces: list[Markup | None] = (
        [escape(authors), title, _comma_join(outlet, date)] if authors else [outlet, title, date]
    )
    if not any(pieces):
        pieces = [escape(humanise(source.id))]
    if source.date is None and source.accessed is not None:
        pieces.append(escape(f"Accessed {month_day_year(source.accessed)}"))
    if source.url:
        pieces.append(link(source.url, source.url))
    if source.note:
        pieces.append(escape(_capitalise(source.note)))
    return Markup(" ").join(_sentence(piece) for piece in pieces if piece)


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
    """`Ivan Petrov` -> `Petrov, Ivan`; a one-word name (an institution) stays as it is."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


def _quoted_title(title: str) -> Markup:
    """`“Title.”`: Chicago puts the period inside the closing quote."""
    stop = "" if title.endswith(_TERMINAL) else "."
    return Markup("“{}{}”").format(title, stop)


def _comma_join(*parts: Markup | None) -> Markup | None:
    present = [p for p in parts if p]
    return Markup(", ").join(present) if present else None


def _sentence(text: Markup) -> Markup:
    """End a piece with a period unless it already ends a sentence (also inside a closing quote)."""
    plain = text.striptags().rstrip("\u201d\u2019\"'")
    return text if plain.endswith(_TERMINAL) else text + Markup(".")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
