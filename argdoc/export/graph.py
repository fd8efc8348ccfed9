"""The argument as a graph: the statements an export draws, and the relations between them.

Every export except Markdown is an argument map: claims, components and
tensions are its nodes; sources are bibliography, not nodes. The relations
are read from the tree as written (exporters take a `Paper`, not a
`Resolution`), and a reference that does not name a statement of the right
kind is left out, so an export never invents a node for a dangling id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import Literal

from argdoc.nodes import AnyDivision, Claim, Component, Paper, Reference, Tension

ArgumentStatement = Claim | Component | Tension
RelationKind = Literal["supports", "opposes", "between", "bears-on"]

# The kind of statement each relation must point at, as resolution checks it.
_TARGET: dict[RelationKind, type[ArgumentStatement]] = {
    "supports": Claim,
    "opposes": Claim,
    "between": Component,
    "bears-on": Claim,
}


@dataclass(frozen=True)
class Relation:
    """`source` --kind--> `target`, both ids of statements in the graph."""

    kind: RelationKind
    source: str
    target: str


@dataclass
class ArgumentGraph:
    """Claims, components and tensions by id (first definition wins), in document order."""

    paper: Paper
    statements: dict[str, ArgumentStatement] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for statement in self.paper.all_statements():
            if isinstance(statement, Claim | Component | Tension):
                self.statements.setdefault(statement.id, statement)

    def in_section(self, section: AnyDivision) -> list[ArgumentStatement]:
        return [s for s in section.statements if isinstance(s, Claim | Component | Tension)]

    def preamble(self) -> list[ArgumentStatement]:
        """The statements before the first section."""
        return [s for s in self.paper.statements if isinstance(s, Claim | Component | Tension)]

    def relations(self, statement: ArgumentStatement) -> list[Relation]:
        """The statement's relations as written, in field order, without dangling or repeated ones."""
        found = dict.fromkeys(r for r in self._written(statement) if self._valid(r))
        return list(found)

    def all_relations(self) -> Iterator[Relation]:
        for statement in self.statements.values():
            yield from self.relations(statement)

    def rivals(self, tension: Tension) -> list[tuple[str, str]]:
        """Every pair of the distinct components a tension lies between, in the order written."""
        components = [r.target for r in self.relations(tension) if r.kind == "between"]
        return list(combinations(components, 2))

    def _written(self, statement: ArgumentStatement) -> Iterator[Relation]:
        fields: list[tuple[RelationKind, tuple[Reference, ...]]]
        if isinstance(statement, Claim):
            fields = [("supports", statement.supports), ("opposes", statement.opposes)]
        elif isinstance(statement, Component):
            fields = [("supports", statement.supports)]
        else:
            fields = [("between", statement.between), ("bears-on", statement.bears_on)]
        for kind, refs in fields:
            for ref in refs:
                yield Relation(kind, statement.id, ref.id)

    def _valid(self, relation: Relation) -> bool:
        target = self.statements.get(relation.target)
        return relation.source != relation.target and isinstance(target, _TARGET[relation.kind])
