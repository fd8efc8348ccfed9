"""A paper as AIF JSON, the Argument Interchange Format as AIFdb and OVA exchange it.

    {"nodes": [{"nodeID": "1", "text": "...", "type": "I", "timestamp": "2007-03-20 00:00:00"}, ...],
     "edges": [{"edgeID": "1", "fromID": "1", "toID": "8", "formEdgeID": null}, ...],
     "locutions": []}

The mapping (two I-nodes are never linked directly):

- every claim, component and tension is an I-node: its title, or the first
  paragraph of an untitled statement;
- `supports`: premise I → RA "Default Inference" → conclusion I, one RA each;
- `opposes`: attacker I → CA "Default Conflict" → target I;
- a tension is fed by one linked RA from all its components (they are why it
  exists), has a CA each way between every two of them, and supports each
  claim it bears on through an RA;
- a claim's `likelihood:` and `confidence:` are extra keys of its I-node
  (`likelihood`, `likelihoodBand`, `confidence`);
- a quotation from a source is an L-node "Speaker (Outlet, date): words"
  → YA "Asserting" → the I-node of the statement that quotes it.

Node and edge ids are strings counted from 1 in document order, and every
timestamp is the paper's date at midnight (or a fixed date without one), so
the same paper always gives the same bytes.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from argdoc.export.graph import ArgumentGraph, ArgumentStatement
from argdoc.export.text import Quote, proposition, quotations, source_labels
from argdoc.likelihood import band_text
from argdoc.nodes import Claim, Paper, Source, Tension
from argdoc.render.layout import reference_labels

INFERENCE = "Default Inference"
CONFLICT = "Default Conflict"
ASSERTING = "Asserting"
# For papers without a date: a fixed stamp keeps the output reproducible.
UNDATED = "1970-01-01 00:00:00"

Json = dict[str, str | None]


def timestamp(date: datetime.date | None) -> str:
    return f"{date.isoformat()} 00:00:00" if date else UNDATED


@dataclass
class AifWriter:
    """Builds the node and edge lists; ids are handed out in the order things are added."""

    stamp: str
    nodes: list[Json] = field(default_factory=list)
    edges: list[Json] = field(default_factory=list)

    def node(self, kind: str, text: str) -> str:
        ident = str(len(self.nodes) + 1)
        self.nodes.append({"nodeID": ident, "text": text, "type": kind, "timestamp": self.stamp})
        return ident

    def edge(self, source: str, target: str) -> None:
        ident = str(len(self.edges) + 1)
        self.edges.append({"edgeID": ident, "fromID": source, "toID": target, "formEdgeID": None})

    def scheme(self, kind: str, text: str, premises: Sequence[str], conclusion: str) -> None:
        """An RA, CA or YA node between its premises and its one conclusion."""
        middle = self.node(kind, text)
        for premise in premises:
            self.edge(premise, middle)
        self.edge(middle, conclusion)


class AifRenderer:
    """One method per statement kind; each adds the scheme nodes the statement is the source of."""

    def __init__(self, graph: ArgumentGraph) -> None:
        self.graph = graph
        self.out = AifWriter(timestamp(graph.paper.meta.date))
        self.labels = source_labels(graph.paper)
        self.references = reference_labels(graph.paper)
        self.sources = {s.id: s for s in graph.paper.all_statements() if isinstance(s, Source)}
        self.ids: dict[str, str] = {}  # statement id -> I-node id

    def render(self) -> str:
        statements = list(self.graph.statements.values())
        # I-nodes first, so that they are numbered 1..n in document order.
        for statement in statements:
            self.ids[statement.id] = self.out.node("I", proposition(statement, self.references))
            if isinstance(statement, Claim):
                self.estimate(statement)
        for statement in statements:
            self.statement(statement)
        for statement in statements:
            self.locutions(statement)
        document = {"nodes": self.out.nodes, "edges": self.out.edges, "locutions": []}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def estimate(self, claim: Claim) -> None:
        """A judgment's likelihood and confidence (#15) as extra keys of its I-node.

        AIF has no place for them; AIFdb and OVA keep keys they do not know, and a
        node's text stays the proposition alone.
        """
        node = self.out.nodes[-1]
        if claim.likelihood:
            node["likelihood"] = claim.likelihood
            node["likelihoodBand"] = band_text(claim.likelihood)
        if claim.confidence:
            node["confidence"] = claim.confidence

    def statement(self, statement: ArgumentStatement) -> None:
        if isinstance(statement, Tension):
            self.tension(statement)
            return
        # Claims and components: supports and (claims only) opposes, as written.
        for relation in self.graph.relations(statement):
            kind, text = ("RA", INFERENCE) if relation.kind == "supports" else ("CA", CONFLICT)
            self.out.scheme(kind, text, [self.ids[statement.id]], self.ids[relation.target])

    def tension(self, tension: Tension) -> None:
        relations = self.graph.relations(tension)
        components = [self.ids[r.target] for r in relations if r.kind == "between"]
        if components:
            self.out.scheme("RA", INFERENCE, components, self.ids[tension.id])
        for first, second in self.graph.rivals(tension):
            self.out.scheme("CA", CONFLICT, [self.ids[first]], self.ids[second])
            self.out.scheme("CA", CONFLICT, [self.ids[second]], self.ids[first])
        for relation in relations:
            if relation.kind == "bears-on":
                self.out.scheme("RA", INFERENCE, [self.ids[tension.id]], self.ids[relation.target])

    def locutions(self, statement: ArgumentStatement) -> None:
        for quote in quotations(statement.body):
            said = self.out.node("L", self.locution(quote))
            self.out.scheme("YA", ASSERTING, [said], self.ids[statement.id])

    def locution(self, quote: Quote) -> str:
        """`Chidi Okafor (The Lagos Economic Review, 2024-03-05, p. 3): words`."""
        cite = quote.citation
        source = self.sources.get(cite.source)
        if source is None:
            return f"{cite.source}: {quote.words}"
        speaker = " and ".join(name.natural for name in source.authors) or self.labels.get(source.id, source.id)
        details = [source.outlet if source.authors else None, source.date.iso() if source.date else None]
        details.append(cite.locator)
        where = ", ".join(d for d in details if d)
        return f"{speaker} ({where}): {quote.words}" if where else f"{speaker}: {quote.words}"


def render(paper: Paper) -> str:
    """The paper as AIF JSON."""
    return AifRenderer(ArgumentGraph(paper)).render()
