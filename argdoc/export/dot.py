"""A paper as a Graphviz digraph: an argument map to lay out with `dot` or paste into other tools.

    digraph "argument" {
      "thesis" [label="Thesis", class="claim", ...];
      subgraph "cluster_policy" {
        graph [label="Russian Foreign Policy"];
        "great-power" [label="Maintaining Great\\nPower status", class="component", ...];
      }
      "great-power" -> "thesis" [class="supports", ...];
    }

Node ids are statement ids; labels are titles, wrapped, with a claim's
likelihood and confidence on a line of their own when it gives them. Claims are rounded
boxes (a claim that supports or opposes nothing, the conclusion, is drawn
bold), components plain boxes, tensions hexagons; each section is a cluster.
Edges point from a statement to what it relates to: supports solid green,
opposes dashed red, bears-on bold orange, and a tension's components are
tied to it by dotted lines without arrowheads. `class` attributes name the
kind and the relation for styling the SVG. Sources are not drawn: the map is
the argument, the bibliography is elsewhere. With `rankdir=BT` conclusions
sit at the top.
"""

from __future__ import annotations

import textwrap

from argdoc.export.graph import ArgumentGraph, ArgumentStatement, Relation, RelationKind
from argdoc.export.text import display_title
from argdoc.likelihood import estimate_text
from argdoc.nodes import AnyDivision, Claim, Paper
from argdoc.render.layout import reference_labels
from argdoc.walk import plain_blocks

LABEL_WIDTH = 28  # a node's label, in characters per line
TITLE_WIDTH = 60  # the map's title, above it
TOOLTIP_LENGTH = 300
FONT = "Helvetica,Arial,sans-serif"

_KIND_STYLE: dict[str, dict[str, str]] = {
    "claim": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dbe9f6", "color": "#2c5d8a"},
    "component": {"shape": "box", "style": "filled", "fillcolor": "#e5f5e0", "color": "#31753b"},
    "tension": {"shape": "hexagon", "style": "filled", "fillcolor": "#fde0c5", "color": "#b35806"},
}

_RELATION_STYLE: dict[RelationKind, dict[str, str]] = {
    "supports": {"color": "#31753b"},
    "opposes": {"color": "#c0392b", "style": "dashed"},
    "between": {"color": "#7f7f7f", "style": "dotted", "dir": "none"},
    "bears-on": {"color": "#b35806", "style": "bold"},
}


def escape(text: str) -> str:
    """Text for inside a DOT string: backslashes doubled (they start label escapes like `\\n`), quotes escaped."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def quoted(text: str) -> str:
    return f'"{escape(text)}"'


def label(text: str, width: int = LABEL_WIDTH) -> str:
    """A label's escaped text, wrapped to lines of about `width` characters (`\\n` centres each)."""
    lines = textwrap.wrap(text, width, break_on_hyphens=False) or [text]
    return "\\n".join(escape(line) for line in lines)


def attributes(attrs: dict[str, str]) -> str:
    """`[key="value", ...]` from values that are escaped already (see `escape` and `label`)."""
    return "[" + ", ".join(f'{key}="{value}"' for key, value in attrs.items()) + "]"


class DotRenderer:
    def __init__(self, graph: ArgumentGraph) -> None:
        self.graph = graph
        self.paper = graph.paper
        self.references = reference_labels(graph.paper)

    def render(self) -> str:
        title = label(self.paper.meta.title or "Argument map", TITLE_WIDTH)
        lines = [
            'digraph "argument" {',
            f"  graph {attributes({'label': title, 'labelloc': 't', 'fontname': FONT, 'rankdir': 'BT'})};",
            f"  node {attributes({'fontname': FONT, 'fontsize': '11', 'margin': '0.15,0.08'})};",
            f"  edge {attributes({'fontname': FONT, 'arrowsize': '0.8'})};",
        ]
        lines.extend(self.statement(s, "  ") for s in self.graph.preamble())
        for index, section in enumerate(self.paper.divisions()):
            lines.extend(self.section(section, index))
        lines.extend(self.edge(r) for r in self.graph.all_relations())
        lines.append("}")
        return "\n".join(lines) + "\n"

    def section(self, section: AnyDivision, index: int) -> list[str]:
        statements = self.graph.in_section(section)
        if not statements:  # Graphviz would draw nothing for it anyway.
            return []
        # A section without an id is numbered; `#` cannot occur in an id, so names never clash.
        name = f"cluster_{section.id}" if section.id else f"cluster_#{index + 1}"
        style = {"label": label(section.title), "style": "rounded,dashed", "color": "#9e9e9e", "fontcolor": "#555555"}
        return [
            f"  subgraph {quoted(name)} {{",
            f"    graph {attributes(style)};",
            *(self.statement(s, "    ") for s in statements),
            "  }",
        ]

    def statement(self, statement: ArgumentStatement, indent: str) -> str:
        attrs = {"label": self.node_label(statement), "class": statement.kind, **_KIND_STYLE[statement.kind]}
        if isinstance(statement, Claim) and self.is_conclusion(statement):
            attrs["penwidth"] = "2"
        tooltip = plain_blocks(statement.body, self.references)
        if tooltip:
            cut = tooltip if len(tooltip) <= TOOLTIP_LENGTH else tooltip[: TOOLTIP_LENGTH - 1].rstrip() + "…"
            attrs["tooltip"] = escape(cut)
        return f"{indent}{quoted(statement.id)} {attributes(attrs)};"

    def node_label(self, statement: ArgumentStatement) -> str:
        """The title, and under it a judgment's estimate (#15): 'likely (55-80 %) · moderate confidence'."""
        title = label(display_title(statement))
        estimate = estimate_text(statement.likelihood, statement.confidence) if isinstance(statement, Claim) else None
        if estimate is None:
            return title
        # One line each for the likelihood and the confidence: wrapped, "moderate" would part from "confidence".
        return "\\n".join([title, *(escape(part) for part in estimate.split(" \u00b7 "))])

    def is_conclusion(self, claim: Claim) -> bool:
        return claim.role == "thesis" or not self.graph.relations(claim)

    def edge(self, relation: Relation) -> str:
        attrs = {"class": relation.kind, **_RELATION_STYLE[relation.kind]}
        return f"  {quoted(relation.source)} -> {quoted(relation.target)} {attributes(attrs)};"


def render(paper: Paper) -> str:
    """The paper's argument map as Graphviz DOT."""
    return DotRenderer(ArgumentGraph(paper)).render()
