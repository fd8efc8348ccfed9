"""The one change argdoc makes to the bundled font files: hyphens the Latin subsets lack.

Google's Latin subsets of Noto have the hyphen glyph only under U+002D and
U+00AD. WeasyPrint hyphenates with U+2010 (HYPHEN), and papers may contain
U+2011 (NON-BREAKING HYPHEN); for both, Pango then took DejaVu from the
system, so the PDF carried a font argdoc does not ship, which prints
differently on another machine (and `pdffonts` showed it).

Each of them gets a glyph of its own, a copy of the hyphen, as in the full
Noto fonts. A copy rather than a second cmap entry for the same glyph: a
PDF maps each glyph back to one character, so a shared glyph would make
every hyphen in a URL copy out of the PDF as U+2010, and a line-end hyphen
WeasyPrint added could no longer be told from one the author typed.

The change touches only the TrueType files, the ones print loads (see
fonts.py); browsers hyphenate with U+002D when a font lacks U+2010, so the
WOFF2 files stay as fontsource ships them. Run
`python -m argdoc.render.font_patch` after replacing the files; it is
idempotent, and a test checks the files carry the glyphs.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from argdoc.render.fonts import FACES

# Code points given a copy of the glyph of another that every Latin subset has.
ALIASES: dict[int, int] = {0x2010: 0x002D, 0x2011: 0x002D}


def patched_files() -> list[Path]:
    """The TrueType files that must carry the copies: the Latin faces' print files."""
    paths = (face.path("print") for face in FACES if face.subset == "latin")
    return sorted(path for path in paths if path.suffix == ".ttf")


def patch(path: Path) -> bool:
    """Give each alias its copied glyph in one file; whether the file changed."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # a maintenance step: fontTools only here

    font = TTFont(path)
    cmap = font.getBestCmap()
    missing = {alias: cmap[original] for alias, original in ALIASES.items() if alias not in cmap}
    for alias, original in missing.items():
        _copy_glyph(font, original, f"uni{alias:04X}", alias)
    if missing:
        font.save(path)
    return bool(missing)


def _copy_glyph(font: Any, original: str, name: str, code_point: int) -> None:
    """Add glyph `name`, drawn and spaced as `original`, and map `code_point` to it."""
    glyf = font["glyf"]
    glyf[name] = copy.deepcopy(glyf[original])  # also appends the name to the font's glyph order
    font["hmtx"][name] = font["hmtx"][original]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[code_point] = name


if __name__ == "__main__":
    for file in patched_files():
        print(f"{file.name}: {'patched' if patch(file) else 'already patched'}")
