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


@functools.cache
def _table() -> dict[int, dict[str, int]]:
    raw = json.loads(METRICS_FILE.read_text(encoding="utf-8"))
    return {int(weight): widths for weight, widths in raw.items()}


def text_width(text: str, size: float, weight: int = 400) -> float:
    """The advance width of `text` set at `size` (in the same unit as size)."""
    widths = _table()[600 if weight >= 600 else 400]
    return sum(widths.get(char, _AVERAGE_ADVANCE) for char in text) * size / _UNITS_PER_EM


def wrap(text: str, width: float, size: float, weight: int = 400) -> list[str]:
    """Greedy word wrap into lines no wider than `width`; a word longer than a line gets a line of its own."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, weight) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
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
