"""The typography of the paper's language, for the text a reader sees (#11).

Writers type `"`, `'`, `--`, `---` and `...`; a printed paper shows the marks
of its language: “ ” ‘ ’ in English, „ “ ‚ ‘ in German, « » with narrow
no-break spaces in French, « » in Spanish and Russian, ” ” in Hebrew, ” “ in
Arabic; en and em dashes; an ellipsis; no line break in "p. 4" or "§ 3".

`smarten` works on plain text (a Text node of prose, a title), never on
markup, attribute values, ids or code: the renderer calls it where it escapes
a reader's words, before escaping. An address written out in prose
(`https://…`, `www.…`) keeps its characters. The `.arg` source keeps what the
author wrote (`fmt` never calls it), and so do the exports.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Marks(NamedTuple):
    """A language's quotation marks: (open, close) for the outer and the inner quotation."""

    outer: tuple[str, str]
    inner: tuple[str, str]
    spaced: bool = False  # French: a narrow no-break space inside « » and before ; : ! ?


NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
APOSTROPHE = "\u2019"

# By primary language subtag, after CLDR's delimiters (Babel does not ship them);
# any other language takes English's.
MARKS: dict[str, Marks] = {
    "en": Marks(("“", "”"), ("‘", "’")),
    "de": Marks(("„", "“"), ("‚", "‘")),
    "fr": Marks(("«", "»"), ("“", "”"), spaced=True),
    "es": Marks(("«", "»"), ("“", "”")),
    "ru": Marks(("«", "»"), ("„", "“")),
    "he": Marks(("”", "”"), ("’", "’")),
    "ar": Marks(("”", "“"), ("’", "‘")),
}

# What may stand before an opening mark: nothing, a space, an opening bracket or a dash.
_OPENS_AFTER = frozenset(" \t\n([{\u00a0\u202f–—-/") | {""}
_DASHES = (("---", "—"), ("--", "–"), ("...", "…"))
# "p. 4", "pp. 6-7", "No. 12", "§ 3", "§§ 3-4": the number stays with its abbreviation.
_KEEP_TOGETHER = re.compile(r"(\b(?:pp?|[Nn]o)\.|§§?) (?=\d)")
# The space typed (or already narrow, as in argdoc's own French words) before ; : ! ? becomes one narrow one.
_FRENCH_BEFORE = re.compile(r"[ \u00a0\u202f]?([;:!?])(?=\s|$)")
# The marks _quotes decides about; the text between them is copied as it is.
_STRAIGHT_QUOTE = re.compile("[\"']")
# Addresses written out in prose are shown as typed.
_ADDRESS = re.compile(r"(?:https?://|mailto:|www\.)\S+")


def marks_for(language: str) -> Marks:
    return MARKS.get(language.split("-", 1)[0].lower(), MARKS["en"])


def smarten(text: str, language: str, before: str = "") -> str:
    """`text` with its language's quotes, apostrophes, dashes, ellipses and no-break spaces.

    `before` is the text the reader sees just before `text` (the end of the
    emphasis it follows), which decides whether a quote there opens or closes.
    """
    if not text:
        return text
    out: list[str] = []
    position = 0
    for address in _ADDRESS.finditer(text):
        out.append(_smarten_words(text[position : address.start()], language, before + "".join(out)))
        out.append(address.group())
        position = address.end()
    out.append(_smarten_words(text[position:], language, before + "".join(out)))
    return "".join(out)


def _smarten_words(text: str, language: str, before: str) -> str:
    if not text:
        return text
    marks = marks_for(language)
    for typed, shown in _DASHES:
        text = text.replace(typed, shown)
    text = _quotes(text, marks, before[-1:])
    text = _KEEP_TOGETHER.sub(lambda m: m.group(1) + NBSP, text)
    if marks.spaced:
        text = _FRENCH_BEFORE.sub(lambda m: NARROW_NBSP + m.group(1), text)
        text = re.sub(r"« ?", "«" + NARROW_NBSP, text)
        text = re.sub(r" ?»", NARROW_NBSP + "»", text)
    return text


def _quotes(text: str, marks: Marks, previous: str) -> str:
    """Straight quotes to the language's marks: a quote opens after a space or bracket, else closes.

    A `'` between letters, or after a letter when no inner quotation is open,
    is an apostrophe (NATO's, students' union), whatever the language's
    inner marks are.
    """
    if '"' not in text and "'" not in text:
        return text  # most runs of prose: nothing to decide
    out: list[str] = []
    inner_open = False
    position = 0
    for match in _STRAIGHT_QUOTE.finditer(text):
        index = match.start()
        if index > position:
            out.append(text[position:index])
            previous = text[index - 1]
        if match.group() == '"':
            out.append(marks.outer[0] if previous in _OPENS_AFTER else marks.outer[1])
        else:
            following = text[index + 1 : index + 2]
            if previous.isalnum() and (following.isalpha() or not inner_open):
                out.append(APOSTROPHE)
            elif previous in _OPENS_AFTER:
                out.append(marks.inner[0])
                inner_open = True
            else:
                out.append(marks.inner[1])
                inner_open = False
        previous = out[-1][-1:]
        position = index + 1
    out.append(text[position:])
    return "".join(out)
