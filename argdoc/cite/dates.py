"""Partial dates (`2024`, `2024-03`, `2024-03-15`, `n.d.`) and dates in words, in the paper's language.

`date_in_words` is the one place a citation puts a date into words: every
style calls it, and it asks Babel (CLDR) for the pattern of the paper's
language, so an en-GB paper reads "18 March 2007" and an en-US one
"March 18, 2007". (The presentation work of #11 writes the UI's dates
through its own localisation module; the two meet in Babel.)
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import TYPE_CHECKING, Literal

from argdoc.nodes import PartialDate

if TYPE_CHECKING:
    from babel import Locale


NO_DATE = "n.d."
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# What each precision puts into words (CLDR skeletons): year, month and year, full date; a
# month and day without the year (APA's "2007, March 18" and Harvard's news dates).
Precision = Literal["year", "month", "day", "month-day", "month-only", "day-month"]
_SKELETONS: dict[Precision, str] = {
    "year": "y",
    "month": "yMMMM",
    "day": "yMMMMd",
    "month-day": "MMMMd",
}
# Patterns, not skeletons: styles that fix the order of day and month whatever the language (Harvard: "15 March"),
# and a month alone, which CLDR's skeleton matching shortens to "Mar" (its only month-alone format is `LLL`);
# `LLLL` is the wide stand-alone month ("March", "März").
_PATTERNS: dict[Precision, str] = {"day-month": "d MMMM", "month-only": "LLLL"}


class DateError(ValueError):
    """A date that cannot be read; the message says what is wrong."""


def parse_partial_date(text: str) -> PartialDate:
    """`2024`, `2024-03`, `2024-03-15` or `n.d.`; DateError for anything else (or a day that does not exist)."""
    value = text.strip()
    if value.lower() in {NO_DATE, "nd", "n.d"}:
        return PartialDate()
    match = _PARTIAL.fullmatch(value)
    if match is None:
        raise DateError(f"'{value}' is not a date")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{value}' has no month {month}")
    if day is not None:
        try:
            datetime.date(year, month or 1, day)
        except ValueError:
            raise DateError(f"'{value}' is not a day of the calendar") from None
    return PartialDate(year=year, month=month, day=day)


def precision(date: PartialDate) -> Precision | None:
    """How much of the date is known (None for `n.d.`)."""
    if date.year is None:
        return None
    if date.month is None:
        return "year"
    return "month" if date.day is None else "day"


def date_in_words(date: datetime.date, how: Precision, language: str) -> str:
    """`March 18, 2007` (en-US), `18 March 2007` (en-GB), `März 2024` (de, month): through Babel."""
    from babel.dates import format_date, format_skeleton

    if how in _PATTERNS:
        return str(format_date(date, _PATTERNS[how], locale=babel_locale(language)))
    return str(format_skeleton(_SKELETONS[how], date, locale=babel_locale(language)))


def partial_in_words(date: PartialDate, language: str, *, with_year: bool = True, day_first: bool = False) -> str:
    """A partial date to the precision it has; `n.d.` for none. `with_year=False`: the month and day only
    (`day_first`: in that order, whatever the language)."""
    known = precision(date)
    earliest = date.earliest
    if known is None or earliest is None:
        return NO_DATE
    if not with_year:
        return (
            ""
            if known == "year"
            else date_in_words(
                earliest, ("day-month" if day_first else "month-day") if known == "day" else "month-only", language
            )
        )
    return date_in_words(earliest, known, language)


@functools.lru_cache(maxsize=64)
def babel_locale(language: str) -> Locale:
    """Babel's locale for a BCP 47 tag; its language alone when the full tag is unknown; else English.

    Babel is imported here, not at the top: parsing and linting read dates but never put them into words.
    This is the one lookup for every date argdoc prints (argdoc.render.locale.format_date too).
    """
    from babel import Locale, UnknownLocaleError

    for tag in (language, language.split("-", 1)[0].lower()):
        try:
            return Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return Locale.parse("en_US")
