"""The typefaces argdoc ships, and the `@font-face` rules that load them.

Papers are set in Noto Serif (text) and Noto Sans (headings, labels, the
tension map), with Noto Serif Hebrew, Noto Sans Hebrew and Noto Naskh Arabic
for right-to-left papers. All are under the SIL Open Font License, with no
reserved font name; the files and licences are in `static/fonts/` (see the
README there for where they came from).

Every subset of a family gets a family name of its own ("Argdoc Serif",
"Argdoc Serif Ext", …) rather than one name with `unicode-range`s: Pango
falls back from one listed family to the next glyph by glyph, which is the
one mechanism browsers and WeasyPrint share. The names start with "Argdoc"
so that a Noto font installed on the machine can never stand in for the
bundled file, which would make the same paper print differently elsewhere.

Two media, two ways of loading:

* print (WeasyPrint): relative URLs, resolved against `STATIC_DIR`, which the
  sandboxed fetcher allows. TrueType files where they exist, since WeasyPrint
  decodes WOFF2 in pure Python (about 30 ms a face, every render).
* screen (the HTML file): WOFF2 as `data:` URLs, so the page stays one file
  and makes no request. Only Latin, Hebrew and Arabic are inlined; the large
  Latin Extended files would triple the page for a few letters, which the
  reader's own fonts then draw.

Faces for a script are loaded only when the paper's text uses it: each face
costs WeasyPrint time and the HTML size.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

STATIC_DIR = Path(__file__).resolve().parent / "static"
FONT_DIR = STATIC_DIR / "fonts"

Subset = Literal["latin", "latin-ext", "hebrew", "arabic"]
Medium = Literal["screen", "print"]

# Characters beyond basic Latin that call for a subset (the ranges of the
# subsets' files, from fontsource's unicode.json, reduced to their letters).
_SUBSET_TEXT: dict[Subset, re.Pattern[str]] = {
    "latin-ext": re.compile("[\u0100-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff]"),
    "hebrew": re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]"),
    "arabic": re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"),
}

_UNICODE_RANGE: dict[Subset, str] = {
    "latin": "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, "
    "U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD",
    "latin-ext": "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, "
    "U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF",
    "hebrew": "U+0307-0308, U+0590-05FF, U+200C-2010, U+20AA, U+25CC, U+FB1D-FB4F",
    "arabic": "U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, "
    "U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC",
}


@dataclass(frozen=True)
class Face:
    """One font file: a family name for CSS, its weight and style, and the file's stem."""

    family: str
    subset: Subset
    weight: int
    style: Literal["normal", "italic"]
    stem: str

    def path(self, medium: Medium) -> Path:
        """The file to load: TrueType for print when there is one, else WOFF2."""
        ttf = FONT_DIR / f"{self.stem}.ttf"
        return ttf if medium == "print" and ttf.is_file() else FONT_DIR / f"{self.stem}.woff2"


_LATIN: tuple[tuple[Subset, str], ...] = (("latin", ""), ("latin-ext", " Ext"))
_STYLES: tuple[Literal["normal", "italic"], ...] = ("normal", "italic")


def _faces() -> tuple[Face, ...]:
    faces: list[Face] = []
    for subset, suffix in _LATIN:
        for weight in (400, 700):
            for style in _STYLES:
                faces.append(
                    Face(f"Argdoc Serif{suffix}", subset, weight, style, f"noto-serif-{subset}-{weight}-{style}")
                )
        for weight in (400, 600):
            faces.append(Face(f"Argdoc Sans{suffix}", subset, weight, "normal", f"noto-sans-{subset}-{weight}-normal"))
    for weight in (400, 700):
        faces.append(
            Face("Argdoc Serif Hebrew", "hebrew", weight, "normal", f"noto-serif-hebrew-hebrew-{weight}-normal")
        )
        faces.append(Face("Argdoc Sans Hebrew", "hebrew", weight, "normal", f"noto-sans-hebrew-hebrew-{weight}-normal"))
        faces.append(Face("Argdoc Naskh", "arabic", weight, "normal", f"noto-naskh-arabic-arabic-{weight}-normal"))
    return tuple(faces)


FACES: tuple[Face, ...] = _faces()

# The stacks the stylesheets and the tension map use (as CSS custom properties).
SERIF_STACK = (
    '"Argdoc Serif", "Argdoc Serif Ext", "Argdoc Serif Hebrew", "Argdoc Naskh", '
    '"DejaVu Serif", Georgia, "Times New Roman", serif'
)
SANS_STACK = (
    '"Argdoc Sans", "Argdoc Sans Ext", "Argdoc Sans Hebrew", "Argdoc Naskh", '
    '"DejaVu Sans", "Helvetica Neue", Arial, sans-serif'
)


def subsets_for(text: str) -> frozenset[Subset]:
    """The subsets a text needs: Latin always, the others when a character of theirs occurs."""
    return subsets_in((text,))


def subsets_in(texts: Iterable[str]) -> frozenset[Subset]:
    """The subsets some texts need (the pieces of a page), read once.

    A search for a character of any subset not found yet resumes where the
    last one stopped, and the search stops when every subset is found.
    """
    found: set[Subset] = {"latin"}
    for text in texts:
        position = 0
        while (wanted := frozenset(_SUBSET_TEXT) - found) and (match := _any_of(wanted).search(text, position)):
            found.update(subset for subset, pattern in _SUBSET_TEXT.items() if pattern.match(match.group()))
            position = match.end()
    return frozenset(found)


@functools.cache
def _any_of(subsets: frozenset[Subset]) -> re.Pattern[str]:
    """One character class for the characters of several subsets."""
    ranges = "".join(pattern.pattern[1:-1] for subset, pattern in _SUBSET_TEXT.items() if subset in subsets)
    return re.compile(f"[{ranges}]")


def font_face_css(subsets: Iterable[Subset], medium: Medium) -> str:
    """`@font-face` rules for the faces of the given subsets, for print (URLs) or screen (data: URLs)."""
    wanted = set(subsets)
    if medium == "screen":
        wanted.discard("latin-ext")
    return "".join(_rule(face, medium) for face in FACES if face.subset in wanted)


@functools.cache
def _rule(face: Face, medium: Medium) -> str:
    path = face.path(medium)
    if medium == "print":
        # Relative to STATIC_DIR, the base URL of the stylesheet these rules go in.
        source = f'url("fonts/{path.name}")'
    else:
        source = f'url("data:font/woff2;base64,{base64.b64encode(path.read_bytes()).decode("ascii")}") format("woff2")'
    # WeasyPrint turns a unicode-range into the font's whole character set, so a
    # range wider than the file (the Latin Extended subsets lack U+2010, the
    # hyphen it hyphenates with) would hide the glyph's absence and print a blank box.
    # Browsers check the file itself: the range only saves them a download.
    coverage = f" unicode-range: {_UNICODE_RANGE[face.subset]};" if medium == "screen" else ""
    return (
        f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; font-style: {face.style}; '
        f"font-display: swap; src: {source};{coverage} }}\n"
    )
