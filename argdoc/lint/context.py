"""What rules look at: the resolved paper, its relation graph, options and today's date."""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from argdoc.diagnostics import Diagnostic, Related
from argdoc.nodes import AnyStatement, Claim, Component, Paper, Source, Suppression, Tension
from argdoc.resolve import Edge, Resolution
from argdoc.source import SourceFile


@dataclass
class LintContext:
    """The resolved paper seen as a graph, with each rule's options.

    `earlier` holds the diagnostics of parsing and resolution, for the rules
    whose check is done there (undefined-reference and friends).
    """

    paper: Paper
    resolution: Resolution
    source: SourceFile
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)
    earlier: list[Diagnostic] = field(default_factory=list)
    # Every file of the paper by path (the main one and those it includes).
    files: dict[str, SourceFile] = field(default_factory=dict)
    # Filled in by the runner before the meta rules run.
    disabled: set[str] = field(default_factory=set)
    suppression_usage: list[tuple[Suppression, set[str]]] = field(default_factory=list)
    # Views of the paper that several rules read and that live outside this module
    # (argdoc.lint.wording's paragraphs): made once per run by their first reader.
    shared: dict[str, Any] = field(default_factory=dict, repr=False)

    def option(self, rule: str, name: str) -> Any:
        return self.options[rule][name]

    def file_of(self, ident: str | None) -> SourceFile:
        """The file a statement or section was written in (the main file for None)."""
        node = self.resolution.definitions.get(ident) if ident else None
        origin = node.origin if node is not None else None
        return self.files.get(origin, self.source) if origin else self.source

    def related(self, message: str, node: AnyStatement) -> Related:
        """A note pointing at a statement's id (or its start), in the file it was written in."""
        span = node.id_span or node.span
        line, column = (span.line, span.column) if span else (1, 1)
        return Related(message, node.origin or self.source.path, line, column)

    # --- statements ------------------------------------------------------------

    @functools.cached_property
    def statements(self) -> list[AnyStatement]:
        return self.paper.all_statements()

    @functools.cached_property
    def claims(self) -> list[Claim]:
        return [s for s in self.statements if isinstance(s, Claim)]

    @functools.cached_property
    def components(self) -> list[Component]:
        return [s for s in self.statements if isinstance(s, Component)]

    @functools.cached_property
    def tensions(self) -> list[Tension]:
        return [s for s in self.statements if isinstance(s, Tension)]

    @functools.cached_property
    def sources(self) -> list[Source]:
        return [s for s in self.statements if isinstance(s, Source)]

    # --- the graph -------------------------------------------------------------

    @functools.cached_property
    def incoming(self) -> dict[str, list[Edge]]:
        """Edges by target id."""
        found: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.resolution.edges:
            found[edge.target].append(edge)
        return found

    @functools.cached_property
    def outgoing(self) -> dict[str, list[Edge]]:
        """Edges by the id they start from."""
        found: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.resolution.edges:
            found[edge.source].append(edge)
        return found

    def cited_sources(self, statement: AnyStatement) -> tuple[str, ...]:
        """Ids of the (defined) sources a statement's body cites, in order, without repeats.

        Resolution collects them as it checks each citation: several rules ask,
        and single-source-dependency asks again for every claim a statement
        lies under.
        """
        return self.resolution.statement_citations[self._positions[id(statement)]]

    @functools.cached_property
    def _positions(self) -> dict[int, int]:
        """Each statement's place in document order, the order resolution lists citations in.

        By identity, and made from this paper's own nodes: a copied or unpickled
        result has new objects, but the same order.
        """
        return {id(s): index for index, s in enumerate(self.statements)}

    @functools.cached_property
    def theses(self) -> list[Claim]:
        """Claims marked `role: thesis`; without a mark, the claims no other claim is under
        (but recommendations, which conclude the argument rather than head it)."""
        marked = [c for c in self.claims if c.is_marked_thesis]
        if marked:
            return marked
        return [c for c in self.claims if not c.supports and not c.opposes and not c.is_recommendation]
