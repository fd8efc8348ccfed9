"""How wide a label is in the map's typeface, so that argdoc can wrap SVG text itself.

SVG has no line wrapping, so the tension map breaks its labels into lines
here. The advance widths of Argdoc Sans (Noto Sans, regular and semibold)
come from a small table, `static/fonts/sans-metrics.json`, made from the
bundled font files by `python -m argdoc.render.text_metrics`: reading the
fonts at render time would mean importing fontTools (about 80 ms) for every
HTML build. A test checks that the table matches the fonts.

Characters the table lacks (Hebrew, Arabic, rare symbols) count as an
average letter: close enough for wrapping, which leaves a margin anyway.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from argdoc.render.fonts import FONT_DIR

METRICS_FILE = FONT_DIR / "sans-metrics.json"
WEIGHTS = (400, 600)
# Units per em of the table (Noto's); widths are in these units.
_UNITS_PER_EM = 1000
_AVERAGE_ADVANCE = 560


class _Widths(dict[str, int]):
    """Advance widths by character; a character the table lacks counts as an average letter."""

    def __missing__(self, char: str) -> int:
        return _AVERAGE_ADVANCE


@functools.cache
def _table() -> dict[int, _Widths]:
    raw = json.loads(METRICS_FILE.read_text(encoding="utf-8"))
    return {int(weight): _Widths(widths) for weight, widths in raw.items()}


def text_width(text: str, size: float, weight: int = 400) -> float:
    """The advance width of `text` set at `size` (in the same unit as size)."""
    return _units(text, weight) * size / _UNITS_PER_EM


def _units(text: str, weight: int) -> int:
    """The advance width of `text` in font units: a whole number, so widths add up exactly."""
    widths = _table()[600 if weight >= 600 else 400]
    return sum(map(widths.__getitem__, text))


def wrap(text: str, width: float, size: float, weight: int = 400) -> list[str]:
    """Greedy word wrap into lines no wider than `width`; a word longer than a line gets a line of its own."""
    lines: list[str] = []
    current, current_units = "", 0
    space = _units(" ", weight)
    for word in text.split():
        word_units = _units(word, weight)
        # The line's width is kept as it grows, rather than measured again for
        # every word (which made wrapping quadratic in a label's length).
        candidate_units = current_units + space + word_units if current else word_units
        if current and candidate_units * size / _UNITS_PER_EM > width:
            lines.append(current)
            current, current_units = word, word_units
        else:
            current, current_units = f"{current} {word}" if current else word, candidate_units
    if current:
        lines.append(current)
    return lines or [""]


def build_table() -> dict[str, dict[str, int]]:
    """The advance widths of every character the bundled Latin sans faces map (needs fontTools)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    table: dict[str, dict[str, int]] = {}
    for weight in WEIGHTS:
        font = TTFont(FONT_DIR / f"noto-sans-latin-{weight}-normal.ttf", lazy=True)
        assert font["head"].unitsPerEm == _UNITS_PER_EM
        metrics = font["hmtx"]
        table[str(weight)] = {chr(code): metrics[glyph][0] for code, glyph in sorted(font.getBestCmap().items())}
    return table


def write_table(path: Path = METRICS_FILE) -> None:
    path.write_text(json.dumps(build_table(), ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_table()
    print(METRICS_FILE)
