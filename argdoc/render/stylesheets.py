"""The stylesheet of a paper, put together for one medium from argdoc's CSS files and the user's.

Order matters, since later rules win:

1. `css/base.css`   typography and components, in custom properties
2. `themes/NAME.css` the theme: the values of those properties, and its own touches
3. `css/screen.css` (the HTML file: responsive layout, dark mode, endnotes, a print
   stylesheet for browsers) or `css/paged.css` (WeasyPrint: pages, running heads,
   footnotes, the table of contents' leaders, bookmarks), then the rule built
   from the paper (page size, running-head strings)
4. `paper.css` from `RenderOptions.templates_dir`, if there is one

The screen sheet is never given to WeasyPrint, which warns about the media
features (`prefers-color-scheme`, `max-width`) it cannot evaluate.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from argdoc.render.fonts import SANS_STACK, SERIF_STACK, STATIC_DIR, Medium
from argdoc.render.language import Direction
from argdoc.render.options import PageSize

USER_STYLESHEET = "paper.css"

# CSS names and widths (mm) of the page sizes RenderOptions offers.
_CSS_PAGE_SIZE: dict[PageSize, str] = {"A4": "A4", "Letter": "letter"}
_PAGE_WIDTH_MM: dict[PageSize, float] = {"A4": 210.0, "Letter": 215.9}
# The page margins (top, sides, bottom). The side margin also sizes the
# tension map's labels in print (content_width_pt), so it is set here, not in paged.css.
_MARGIN_MM = (24, 20, 24)
_PT_PER_MM = 72 / 25.4
# Characters a CSS string may hold as they are; everything else is escaped, so no
# text (a title with a quote, a backslash or `</style>`) can leave the string.
_CSS_STRING_SAFE = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'()&-\u2013\u2014\u00b7"
)


@functools.cache
def _static(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def argdoc_css(theme: str, medium: Medium) -> str:
    """argdoc's own rules for a theme and medium (steps 1 to 3 above, without the paper's rule)."""
    return _joined(theme, medium)


@functools.cache
def _joined(theme: str, medium: Medium) -> str:
    fonts = f":root {{ --serif: {SERIF_STACK}; --sans: {SANS_STACK}; }}\n"
    sheets = ("css/base.css", f"themes/{theme}.css", f"css/{'screen' if medium == 'screen' else 'paged'}.css")
    return fonts + "".join(_static(name) for name in sheets)


def user_css(templates_dir: Path | None) -> str:
    """The user's `paper.css`, read afresh each time so that a live preview sees edits."""
    if templates_dir is None:
        return ""
    path = templates_dir / USER_STYLESHEET
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    return text if text.endswith("\n") else text + "\n"


def page_css(
    page_size: PageSize,
    series: str | None,
    short_title: str,
    direction: Direction,
    page_words: str = "Page {page} of {pages}",
) -> str:
    """The print rule that depends on the paper: the sheet size, the running-head strings and the page
    numbers in the paper's language (`page_words`, a pattern with {page} and {pages})."""
    # The series leads and the title follows, in the paper's direction; `@page :first`
    # in paged.css clears both on the cover.
    outer, inner = ("left", "right") if direction == "ltr" else ("right", "left")
    heads = f" @top-{inner} {{ content: {css_string(short_title)}; }}"
    if series:
        heads += f" @top-{outer} {{ content: {css_string(series)}; }}"
    top, side, bottom = _MARGIN_MM
    margin = f"margin: {top}mm {side}mm {bottom}mm;"
    numbers = f" @bottom-center {{ content: {_page_counter(page_words)}; }}"
    return f"@page {{ size: {_CSS_PAGE_SIZE[page_size]}; {margin}{heads}{numbers} }}\n"


def _page_counter(pattern: str) -> str:
    """`Page {page} of {pages}` as CSS content: the words as strings, the numbers as counters."""
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    parts = re.split(r"(\{pages?\})", pattern)
    return " ".join(counters[part] if part in counters else css_string(part) for part in parts if part)


def content_width_pt(page_size: PageSize) -> float:
    """The width of the text column on a printed page, in points."""
    return (_PAGE_WIDTH_MM[page_size] - 2 * _MARGIN_MM[1]) * _PT_PER_MM


def css_string(text: str) -> str:
    """A CSS string literal for any text: quotes, backslashes, `<` and line breaks become escapes."""
    # The space after each escape ends it, and CSS swallows it: a real space that
    # follows stays a space.
    return '"' + "".join(char if char in _CSS_STRING_SAFE else f"\\{ord(char):06x} " for char in text) + '"'
