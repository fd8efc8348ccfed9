"""The tension map: an SVG, drawn by argdoc, of components, the tensions between them, and what they bear on.

Three columns, read in the paper's direction: the components of the
position, the tensions that lie between them, and the claims the tensions
bear on. A tension is a node of its own rather than a line between two
components, because a tension may lie between three or more (a trilemma).
Columns grow downwards, so a paper with many components gets a taller map,
never smaller type.

The drawing is sized for print: 640 units span the text width of an A4 page
(170 mm), so 12-unit labels print at about 9 pt. Labels are wrapped here
(SVG cannot wrap) with the widths of the bundled sans face. Nodes are ordered
by the barycentre heuristic (each node placed at the mean position of its
neighbours, a few sweeps) to keep lines from crossing.

Colours are presentation attributes, which WeasyPrint reads; the screen
stylesheet overrides them through the class names for dark mode. The text
alternative is the SVG's `<title>` and `<desc>`, named by `aria-labelledby`.

For print the labels are not SVG text: WeasyPrint 70 sets SVG text one
letter at a time, without shaping, kerning or bidi, which garbles Arabic and
reverses Hebrew. The PDF gets the same drawing with each label as an HTML
paragraph placed over its box (percentages of the drawing, type in points
from the column width), which WeasyPrint typesets like any other text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from argdoc.render.glance import Glance
from argdoc.render.language import Direction
from argdoc.render.layout import Layout
from argdoc.render.safe_html import escape, format_html, join_html
from argdoc.render.text_metrics import wrap

WIDTH = 640
FONT_SIZE = 12
LINE_HEIGHT = 15
PAD_X, PAD_Y = 8, 7
ROW_GAP = 12
TOP = 26  # room for the column headings
HEADING_SIZE = 10
_SANS = "Argdoc Sans, Argdoc Sans Ext, Argdoc Sans Hebrew, Argdoc Naskh, DejaVu Sans, sans-serif"

# (left edge, width) of each column, left to right.
_COLUMNS = {"component": (0, 190), "tension": (245, 160), "claim": (460, 180)}
_HEADINGS = {"component": "Components", "tension": "Tensions", "claim": "Bears on"}

_STYLE = {
    "component": {"fill": "#e8f3ee", "stroke": "#22705a", "text": "#12392d"},
    "idle": {"fill": "#f4f5f7", "stroke": "#a3abb5", "text": "#4a5360"},
    "tension": {"fill": "#fbeee6", "stroke": "#a4461f", "text": "#5c2410"},
    "claim": {"fill": "#e9eef6", "stroke": "#1d3557", "text": "#10213a"},
    "thesis": {"fill": "#1d3557", "stroke": "#1d3557", "text": "#ffffff"},
}


@dataclass(frozen=True)
class Node:
    ident: str
    kind: str  # component, idle (a component in no tension), tension, claim, thesis
    column: str
    lines: tuple[str, ...]
    x: float
    y: float
    width: float

    @property
    def height(self) -> float:
        return len(self.lines) * LINE_HEIGHT + 2 * PAD_Y

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class MapIds:
    """Element ids the map needs, reserved by the layout so they never clash with a statement's."""

    title: str
    desc: str
    arrow: str


def tension_map(
    glance: Glance,
    titles: Mapping[str, str],
    direction: Direction,
    ids: MapIds,
    *,
    print_scale: float | None = None,
    headings: Mapping[str, str] | None = None,
) -> Markup:
    """The map as inline SVG; with `print_scale` (points per map unit), the print form with HTML labels.

    `headings` names the three columns in the paper's language (by the kind of
    statement: component, tension, claim); English by default.
    """
    order = _order(glance)
    nodes = _place(glance, order, titles, direction)
    height = max(node.y + node.height for node in nodes.values()) + 4
    names = {**_HEADINGS, **(headings or {})}
    labels = [_heading(names[column], left, width) for column, (left, width) in _columns(direction).items()]
    labels += [_label(node) for node in nodes.values()]
    drawing = [
        _open(height, ids),
        format_html('<title id="{}">{}</title>', ids.title, _title(glance, titles)),
        format_html('<desc id="{}">{}</desc>', ids.desc, describe(glance, titles)),
        _defs(ids.arrow),
        *_edges(glance, nodes, direction, ids.arrow),
        *(_box(node) for node in nodes.values()),
    ]
    if print_scale is None:
        drawing += [_svg_text(label) for label in labels]
        return join_html("\n", [*drawing, Markup("</svg>")])
    placed = [_html_text(label, height, print_scale) for label in labels]
    return join_html(
        "\n", [Markup('<div class="tension-map-print">'), *drawing, Markup("</svg>"), *placed, Markup("</div>")]
    )


def paper_map(
    view: Glance, plan: Layout, direction: Direction, vocabulary: Mapping[str, str], print_scale: float | None = None
) -> Markup:
    """The map of a laid-out paper, its column headings in the paper's language: the one the HTML page
    shows, and the SVG file the Markdown export and the Word file carry (`print_scale` None: SVG text)."""
    if not view:
        return Markup("")
    ids = MapIds(plan.anchors["title"], plan.anchors["desc"], plan.anchors["arrow"])
    headings = {
        "component": vocabulary["components"],
        "tension": vocabulary["tensions"],
        "claim": vocabulary["bears_on"],
    }
    return tension_map(view, plan.titles, direction, ids, print_scale=print_scale, headings=headings)


def describe(glance: Glance, titles: Mapping[str, str]) -> str:
    """The map in words, one sentence per tension: the text alternative."""
    sentences = []
    for row in glance.tensions:
        between = _and(titles[c] for c in row.between) or "no named components"
        sentence = f"{titles[row.anchor]}: a tension between {between}"
        if row.bears_on:
            sentence += f", bearing on {_and(titles[c] for c in row.bears_on)}"
        sentences.append(sentence + ".")
    named = {c for row in glance.tensions for c in row.between}
    idle = [titles[c] for c in glance.components if c not in named]
    if idle:
        sentences.append(f"In no tension: {_and(idle)}.")
    return " ".join(sentences)


# --- ordering ---------------------------------------------------------------------


def _order(glance: Glance) -> dict[str, list[str]]:
    """Column orders that keep lines short and uncrossed (barycentre sweeps, deterministic).

    The sweeps work on numbers, not ids: each node is numbered once, its
    neighbours kept as numbers, and positions held in a list. With ids, the
    dictionary lookups of a map of 80,000 nodes cost twice as much per node
    as at 8,000 (they no longer fit in the processor's caches).
    """
    components = list(glance.components)
    tensions = [row.anchor for row in glance.tensions]
    claims = list(glance.claims)
    number: dict[str, int] = {}
    for ident in (*components, *tensions, *claims):
        number.setdefault(ident, len(number))
    # Which components each tension lies between and which claims it bears on; and
    # back, which tensions each component lies in and each claim is borne on by.
    # One pass over the tensions: a paper can have thousands of each. An id that
    # names no node of its column (a paper with errors) counts as no neighbour.
    links: dict[int, list[int]] = {number[t]: [] for t in tensions}
    in_tensions: dict[int, list[int]] = {number[c]: [] for c in components}
    borne_by: dict[int, list[int]] = {number[c]: [] for c in claims}
    for row in glance.tensions:
        tension = number[row.anchor]
        for c in row.between:
            if c in number and number[c] in in_tensions:
                links[tension].append(number[c])
                in_tensions[number[c]].append(tension)
        for c in row.bears_on:
            if c in number and number[c] in borne_by:
                borne_by[number[c]].append(tension)
    order = {
        "component": [number[c] for c in components],
        "tension": [number[t] for t in tensions],
        "claim": [number[c] for c in claims],
    }
    for _ in range(4):
        order["tension"] = _by_mean(order["tension"], links, order["component"], len(number))
        order["component"] = _by_mean(order["component"], in_tensions, order["tension"], len(number))
        order["claim"] = _by_mean(order["claim"], borne_by, order["tension"], len(number))
    ids = list(number)  # by number: dicts keep the order the numbers were given in
    return {column: [ids[n] for n in nodes] for column, nodes in order.items()}


def _by_mean(items: list[int], neighbours: Mapping[int, list[int]], reference: list[int], size: int) -> list[int]:
    """Items by the mean position of their neighbours in `reference` (none: last), ties as they stand."""
    position = [-1] * size
    for index, node in enumerate(reference):
        position[node] = index
    last = float(len(reference))
    keyed: list[tuple[float, int, int]] = []
    for index, item in enumerate(items):
        found = [position[n] for n in neighbours[item] if position[n] >= 0]
        keyed.append((sum(found) / len(found) if found else last, index, item))
    keyed.sort()  # the index breaks every tie
    return [item for _mean, _index, item in keyed]


# --- placing ----------------------------------------------------------------------


def _place(
    glance: Glance, order: Mapping[str, list[str]], titles: Mapping[str, str], direction: Direction
) -> dict[str, Node]:
    in_tension = {c for row in glance.tensions for c in row.between}
    unplaced: dict[str, list[Node]] = {}
    for column, idents in order.items():
        left, width = _columns(direction)[column]
        nodes = []
        for ident in idents:
            kind = _kind(ident, column, glance, in_tension)
            weight = 600 if kind in ("tension", "thesis") else 400
            lines = tuple(wrap(titles[ident], width - 2 * PAD_X, FONT_SIZE, weight))
            nodes.append(Node(ident, kind, column, lines, left, 0, width))
        unplaced[column] = nodes
    tallest = max(_stack_height(nodes) for nodes in unplaced.values())
    placed: dict[str, Node] = {}
    for nodes in unplaced.values():
        # Each column is centred on the tallest, so lines between them run level.
        y = TOP + (tallest - _stack_height(nodes)) / 2
        for node in nodes:
            placed[node.ident] = Node(node.ident, node.kind, node.column, node.lines, node.x, y, node.width)
            y += node.height + ROW_GAP
    return placed


def _columns(direction: Direction) -> dict[str, tuple[float, float]]:
    if direction == "ltr":
        return dict(_COLUMNS)
    # Right to left: the same columns, mirrored, so the map reads from the right.
    return {column: (WIDTH - left - width, width) for column, (left, width) in _COLUMNS.items()}


def _kind(ident: str, column: str, glance: Glance, in_tension: set[str]) -> str:
    if column == "component":
        return "component" if ident in in_tension else "idle"
    if column == "claim":
        return "thesis" if ident == glance.thesis else "claim"
    return "tension"


def _stack_height(nodes: Sequence[Node]) -> float:
    return sum(node.height for node in nodes) + ROW_GAP * max(len(nodes) - 1, 0)


# --- drawing ----------------------------------------------------------------------


def _open(height: float, ids: MapIds) -> Markup:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="tension-map" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{t} {d}" font-family="{font}" font-size="{size}">',
        w=WIDTH,
        h=_num(height),
        t=ids.title,
        d=ids.desc,
        font=_SANS,
        size=FONT_SIZE,
    )


def _defs(arrow: str) -> Markup:
    return format_html(
        '<defs><marker id="{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto"><path class="arrow-head" d="M0,0 L10,5 L0,10 z" fill="#1d3557"/></marker></defs>',
        arrow,
    )


def _edges(glance: Glance, nodes: Mapping[str, Node], direction: Direction, arrow: str) -> list[Markup]:
    out = []
    marker = f' marker-end="url(#{escape(arrow)})"'
    for row in glance.tensions:
        tension = nodes[row.anchor]
        for component in row.between:
            out.append(_curve(nodes[component], tension, direction, "between", None))
        for claim in row.bears_on:
            out.append(_curve(tension, nodes[claim], direction, "bears-on", marker))
    return out


# The drawing's elements are built with f-strings rather than `format_html`: a
# map has an element per node and edge, and their attributes are numbers and
# argdoc's own constants. The only text from the paper, ids and labels, is
# escaped where it is put in.


def _curve(start: Node, end: Node, direction: Direction, kind: str, marker: str | None) -> Markup:
    """A horizontal S-curve from the trailing edge of one node to the leading edge of the next.

    `marker` is the escaped `marker-end` attribute of an arrow, or None for a plain line.
    """
    ltr = direction == "ltr"
    x1 = start.x + start.width if ltr else start.x
    x2 = (end.x if ltr else end.x + end.width) - (2 if marker and ltr else -2 if marker else 0)
    y1, y2 = start.middle, end.middle
    bend = (x2 - x1) / 2
    path = f"M{_num(x1)},{_num(y1)} C{_num(x1 + bend)},{_num(y1)} {_num(x2 - bend)},{_num(y2)} {_num(x2)},{_num(y2)}"
    colour = "#1d3557" if marker else "#a4461f"
    return Markup(
        f'<path class="edge {kind}" d="{path}" fill="none" stroke="{colour}" stroke-width="1.6"{marker or ""}/>'
    )


def _box(node: Node) -> Markup:
    style = _STYLE[node.kind]
    return Markup(
        f'<rect class="box {node.kind}" x="{_num(node.x)}" y="{_num(node.y)}" width="{_num(node.width)}" '
        f'height="{_num(node.height)}" rx="{12 if node.kind == "tension" else 3}" fill="{style["fill"]}" '
        f'stroke="{style["stroke"]}" stroke-width="1.2"/>'
    )


@dataclass(frozen=True)
class Label:
    """A piece of text on the map: its lines, the box it is centred in, and how it is set."""

    kind: str  # the node kind, or "heading"
    lines: tuple[str, ...]
    x: float
    y: float  # the top of the first line box
    width: float
    size: float
    weight: int
    colour: str


def _label(node: Node) -> Label:
    weight = 600 if node.kind in ("tension", "thesis") else 400
    return Label(
        node.kind, node.lines, node.x, node.y + PAD_Y, node.width, FONT_SIZE, weight, _STYLE[node.kind]["text"]
    )


def _heading(name: str, left: float, width: float) -> Label:
    return Label("heading", (name.upper(),), left, 2, width, HEADING_SIZE, 600, "#535c68")


def _svg_text(label: Label) -> Markup:
    centre = _num(label.x + label.width / 2)
    # The baseline sits where the HTML line box of the print form puts it.
    first = label.y + LINE_HEIGHT - 3.5
    lines = "".join(
        f'<tspan x="{centre}" y="{_num(first + i * LINE_HEIGHT)}">{escape(line)}</tspan>'
        for i, line in enumerate(label.lines)
    )
    spacing = ' letter-spacing="1"' if label.kind == "heading" else ""
    return Markup(
        f'<text class="label {label.kind}" text-anchor="middle" font-size="{label.size}" '
        f'font-weight="{label.weight}" fill="{label.colour}"{spacing}>{lines}</text>'
    )


def _html_text(label: Label, height: float, scale: float) -> Markup:
    """A label as a paragraph over the drawing (print): positions in % of the drawing, type in pt."""
    style = (
        f"left: {_pct(label.x, WIDTH)}; top: {_pct(label.y, height)}; width: {_pct(label.width, WIDTH)}; "
        f"font-size: {_num(label.size * scale)}pt; line-height: {_num(LINE_HEIGHT * scale)}pt; "
        f"font-weight: {label.weight}; color: {label.colour}"
    )
    lines = "<br>".join(escape(line) for line in label.lines)
    return Markup(f'<p class="map-label {label.kind}" style="{style}">{lines}</p>')


def _title(glance: Glance, titles: Mapping[str, str]) -> str:
    count = len(glance.tensions)
    subject = f" on {titles[glance.thesis]}" if glance.thesis in glance.claims and glance.thesis else ""
    return f"Tension map: {count} tension{'s' if count != 1 else ''} between the components, and their bearing{subject}"


def _and(items: Iterable[str]) -> str:
    names = list(items)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + f", and {names[-1]}"


def _pct(value: float, whole: float) -> str:
    return f"{value / whole * 100:.3f}%"


def _num(value: float) -> str:
    """Coordinates rounded to a tenth: short, and the same on every machine."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
