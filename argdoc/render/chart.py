"""Charts drawn by argdoc as SVG from a table's columns (#10, part B), like the tension map.

The first column of the table names the categories (the x axis), every other
column is a series of numbers. `bar` draws the series side by side, `stacked-bar`
one on another, `line` one line per series. Colours come from the stylesheet
(classes `series-N`), so the chart follows the light and dark themes; the text
is real SVG text, vector in the PDF. The table itself is the chart's text
alternative: the figure links to it, and the SVG names its caption.

Every piece of user text goes through `format_html`, so it is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from argdoc.nodes import Chart, Table
from argdoc.pipe_table import number
from argdoc.render.safe_html import format_html, join_html
from argdoc.render.text_metrics import wrap
from argdoc.resolve import plain_cell

WIDTH, HEIGHT = 640, 300
_LEFT, _RIGHT, _TOP, _BOTTOM = 52, 12, 50, 40
_SERIES_COLOURS = 5  # series-0 … series-4 in the stylesheet, then they repeat
_LABEL_SIZE, _LABEL_GAP, _LABEL_LINES = 13, 8, 2
_TICKS = 5  # at most this many intervals on the y axis
# Colours as presentation attributes, for the PDF (WeasyPrint does not carry the page's CSS
# into SVG); on screen the stylesheet's classes win over them, and follow the dark theme.
_PALETTE = ("#1d3557", "#c0622f", "#6b8fb5", "#7a8a3a", "#8a6fa8")
_INK, _MUTED, _GRID = "#1f2328", "#5b6470", "#d5d9de"


def draw_chart(chart: Chart, table: Table | None, title_id: str) -> Markup:
    """The chart as an inline <svg>, or nothing when its table is missing (a paper with errors)."""
    if table is None or not table.rows:
        return Markup("")
    series = [plain_cell(cell.children) for cell in table.header.cells[1:]]
    categories = [plain_cell(row.cells[0].children) for row in table.rows]
    values = [[number(plain_cell(cell.children)) or 0.0 for cell in row.cells[1:]] for row in table.rows]
    stacked = chart.type == "stacked-bar"
    scale = Scale.of(values, stacked)
    parts = [_axes(scale, chart.unit), _legend(series, chart.unit)]
    if chart.type == "line":
        parts.append(_lines(values, len(series), scale))
    else:
        parts.append(_bars(values, len(series), scale, stacked))
    parts.append(_labels(categories))
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}">'
        '<title id="{}">{}</title>{}</svg>',
        WIDTH,
        HEIGHT,
        title_id,
        title_id,
        chart.title or chart.id,
        join_html("", parts),
    )


def _n(value: float) -> str:
    """A coordinate as SVG text: one decimal is finer than any screen or printer shows."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class Scale:
    """The y axis: from `bottom` (zero, or below it for negative values) to `top`, ticked every `step`."""

    bottom: float
    top: float
    step: float

    @classmethod
    def of(cls, values: list[list[float]], stacked: bool) -> Scale:
        """The axis for the values: a step of 1, 2, 2.5 or 5 times a power of ten giving at most
        `_TICKS` intervals, so the labels are round (0, 10, 20, 30, 40 for a peak of 35.3, not
        12.5 and 37.5), from the first tick at or below the lowest value (or zero) to the first at
        or above the highest (or zero). Stacked bars stack their positive and negative parts apart."""
        if stacked:
            highs = [sum(v for v in row if v > 0) for row in values]
            lows = [sum(v for v in row if v < 0) for row in values]
        else:
            highs = lows = [v for row in values for v in row]
        high, low = max([0.0, *highs]), min([0.0, *lows])
        span = high - low or 1.0
        rough = max(span / _TICKS, 1e-12)  # a value of 1e-320 would leave no power of ten to step by
        power = 10.0 ** math.floor(math.log10(rough))
        step = next(m * power for m in (1, 2, 2.5, 5, 10) if rough <= m * power * (1 + 1e-9))
        top = math.ceil(high / step - 1e-9) * step
        bottom = math.floor(low / step + 1e-9) * step
        if top == bottom:  # every value zero
            top = step
        return cls(bottom, top, step)

    def y(self, value: float) -> float:
        return _TOP + (HEIGHT - _TOP - _BOTTOM) * (self.top - value) / (self.top - self.bottom)

    def ticks(self) -> list[float]:
        count = round((self.top - self.bottom) / self.step)
        return [round(self.bottom + n * self.step, 9) for n in range(count + 1)]  # 0.30000000000000004 is 0.3


def _axes(scale: Scale, unit: str | None) -> Markup:
    lines = []
    for value in scale.ticks():
        y = scale.y(value)
        lines.append(
            format_html(
                '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
                '<text class="tick" x="{}" y="{}" text-anchor="end" font-size="13" fill="{}">{}</text>',
                _LEFT,
                WIDTH - _RIGHT,
                _n(y),
                _n(y),
                _GRID,
                _LEFT - 6,
                _n(y + 4),
                _MUTED,
                f"{value + 0.0:g}",  # + 0.0: no "-0"
            )
        )
    if unit:
        lines.append(format_html('<text class="unit" x="4" y="25" font-size="13" fill="{}">{}</text>', _MUTED, unit))
    return join_html("", lines)


def _legend(series: Sequence[str], unit: str | None) -> Markup:
    items = []
    # Spaced for the larger text a phone's stylesheet sets (about 13 units a character).
    x = max(_LEFT, 24 + 13 * len(unit or ""))
    for index, name in enumerate(series):
        items.append(
            format_html(
                '<rect class="series-{}" x="{}" y="{}" width="10" height="10" fill="{}"/>'
                '<text class="legend" x="{}" y="{}" font-size="13" fill="{}">{}</text>',
                index % _SERIES_COLOURS,
                x,
                16,
                _PALETTE[index % _SERIES_COLOURS],
                x + 14,
                25,
                _INK,
                name,
            )
        )
        x += 24 + 13 * len(name)
    return join_html("", items)


def _slot(index: int, count: int) -> tuple[float, float]:
    """A category's left edge and width on the x axis."""
    width = (WIDTH - _LEFT - _RIGHT) / max(count, 1)
    return _LEFT + index * width, width


def _bars(values: list[list[float]], series: int, scale: Scale, stacked: bool) -> Markup:
    bars = []
    for index, row in enumerate(values):
        left, width = _slot(index, len(values))
        inner = width * 0.7
        bar = inner if stacked else inner / max(series, 1)
        up = down = 0.0  # where the next stacked part starts, above and below zero
        for column, value in enumerate(row):
            x = left + width * 0.15 + (0 if stacked else column * bar)
            base = (up if value >= 0 else down) if stacked else 0.0
            y_top, y_bottom = sorted((scale.y(base + value), scale.y(base)))
            bars.append(
                format_html(
                    '<rect class="series-{}" x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    column % _SERIES_COLOURS,
                    _n(x),
                    _n(y_top),
                    _n(bar),
                    _n(max(y_bottom - y_top, 0.0)),
                    _PALETTE[column % _SERIES_COLOURS],
                )
            )
            if value >= 0:
                up += value
            else:
                down += value
    return join_html("", bars)


def _lines(values: list[list[float]], series: int, scale: Scale) -> Markup:
    paths = []
    for column in range(series):
        points = []
        for index, row in enumerate(values):
            left, width = _slot(index, len(values))
            points.append(f"{left + width / 2:.1f},{scale.y(row[column] if column < len(row) else 0.0):.1f}")
        paths.append(
            format_html(
                '<polyline class="line series-{}" points="{}" fill="none" stroke="{}" stroke-width="2.5"/>',
                column % _SERIES_COLOURS,
                " ".join(points),
                _PALETTE[column % _SERIES_COLOURS],
            )
        )
    return join_html("", paths)


def _labels(categories: Sequence[str]) -> Markup:
    """The categories under their slots, wrapped onto two lines when one is wider than its slot:
    SVG does not wrap, and "Other cooperating firms" ran into its neighbours' names on a phone."""
    labels = []
    for index, name in enumerate(categories):
        left, width = _slot(index, len(categories))
        lines = wrap(name, width - _LABEL_GAP, _LABEL_SIZE)
        if len(lines) > _LABEL_LINES:  # the room under the axis holds two lines; the rest joins the last
            lines = [*lines[: _LABEL_LINES - 1], " ".join(lines[_LABEL_LINES - 1 :])]
        x = _n(left + width / 2)
        spans = join_html(
            "",
            [
                format_html('<tspan x="{}" dy="{}">{}</tspan>', x, 0 if number == 0 else _LABEL_SIZE + 2, line)
                for number, line in enumerate(lines)
            ],
        )
        labels.append(
            format_html(
                '<text class="category" x="{}" y="{}" text-anchor="middle" font-size="{}" fill="{}">{}</text>',
                x,
                HEIGHT - _BOTTOM + 18,
                _LABEL_SIZE,
                _INK,
                spans,
            )
        )
    return join_html("", labels)
