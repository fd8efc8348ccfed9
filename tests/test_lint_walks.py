"""The rules that walk the relation graph: single-source-dependency and support-cycle.

Both were quadratic on a long chain or cycle of claims: the first walked down
again from every claim, the second kept the cycle's path in a list it searched
at every step. These tests pin what they find, never how fast: small papers of
every shape, against a plain walk written from the rules' definitions, and the
exact message of a long cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argdoc.compiler import compile_text
from argdoc.diagnostics import Diagnostic
from argdoc.lint import lint
from argdoc.lint.config import parse_config

SOURCES = ("s", "t", "u")


@dataclass
class Graph:
    """A small paper as relations: who supports whom, what each statement cites, in document order."""

    claims: list[str]
    components: list[str] = field(default_factory=list)
    tensions: list[str] = field(default_factory=list)
    supports: dict[str, list[str]] = field(default_factory=dict)
    bears_on: dict[str, list[str]] = field(default_factory=dict)
    between: dict[str, list[str]] = field(default_factory=dict)
    cites: dict[str, list[str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    def text(self) -> str:
        kinds = {**dict.fromkeys(self.claims, "claim"), **dict.fromkeys(self.components, "component")}
        kinds.update(dict.fromkeys(self.tensions, "tension"))
        parts = []
        for ident in self.order or [*self.claims, *self.components, *self.tensions]:
            lines = [f"{kinds[ident]} {ident}:"]
            for name, table in (("supports", self.supports), ("between", self.between), ("bears-on", self.bears_on)):
                if table.get(ident):
                    lines.append(f"    {name}: {', '.join(table[ident])}")
            cited = self.cites.get(ident, [])
            lines.append("    Body" + (" [" + "; ".join(f"@{s}" for s in cited) + "]" if cited else "") + ".")
            parts.append("\n".join(lines))
        parts += [f"source {s}:\n    outlet: O" for s in SOURCES]
        return "\n\n".join(parts) + "\n"

    def under(self, ident: str) -> list[str]:
        """What lies directly under a statement: what supports it or bears on it, and a tension's sides."""
        found = [s for s, targets in self.supports.items() if ident in targets]
        found += [t for t, targets in self.bears_on.items() if ident in targets]
        return found + self.between.get(ident, [])


def walk(graph: Graph, start: str, edges: dict[str, list[str]] | None = None) -> set[str]:
    """Every statement reachable from `start`, itself included: by what lies under each, or along `edges`."""
    seen, todo = {start}, [start]
    while todo:
        current = todo.pop()
        for nxt in graph.under(current) if edges is None else edges.get(current, []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def found(graph: Graph, rule: str) -> list[Diagnostic]:
    result = compile_text(graph.text(), "walk.arg")
    return [d for d in lint(result, parse_config({"select": [rule]})) if d.name == rule]


def expected_single_source(graph: Graph) -> set[tuple[str, str]]:
    expected = set()
    for claim in graph.claims:
        cited = {s for ident in walk(graph, claim) for s in graph.cites.get(ident, [])}
        if len(cited) == 1:
            [only] = cited
            expected.add((claim, f"all the evidence for claim '{claim}' comes from '{only}'"))
    return expected


def expected_cycles(graph: Graph) -> set[frozenset[str]]:
    """Groups of more than one claim that reach each other along supports."""
    reach = {c: walk(graph, c, graph.supports) for c in graph.claims}
    groups = {frozenset(o for o in graph.claims if o in reach[c] and c in reach[o]) for c in graph.claims}
    return {g for g in groups if len(g) > 1}


@st.composite
def graphs(draw: st.DrawFn) -> Graph:
    claims = [f"c{i}" for i in range(draw(st.integers(1, 7)))]
    components = [f"k{i}" for i in range(draw(st.integers(0, 4)))]
    tensions = [f"t{i}" for i in range(draw(st.integers(0, 3)))] if len(components) >= 2 else []
    graph = Graph(claims, components, tensions)

    def some(pool: list[str], least: int = 0) -> list[str]:
        return draw(st.lists(st.sampled_from(pool), min_size=least, max_size=3, unique=True)) if pool else []

    for ident in [*claims, *components]:
        graph.supports[ident] = some([c for c in claims if c != ident])
    for ident in tensions:
        graph.between[ident] = some(components, least=2)
        graph.bears_on[ident] = some(claims)
    for ident in [*claims, *components, *tensions]:
        graph.cites[ident] = draw(st.lists(st.sampled_from(SOURCES), max_size=2, unique=True))
    graph.order = draw(st.permutations([*claims, *components, *tensions]))
    return graph


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_single_source_dependency_finds_what_a_walk_from_each_claim_finds(graph: Graph) -> None:
    got = {(d.statement, d.message) for d in found(graph, "single-source-dependency")}
    assert got == expected_single_source(graph)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_support_cycle_names_each_cycle_once_from_its_first_claim(graph: Graph) -> None:
    expected = expected_cycles(graph)
    diagnostics = found(graph, "support-cycle")
    assert len(diagnostics) == len(expected)
    order = graph.order.index
    for d in diagnostics:
        path = d.message.removeprefix("supports form a cycle: ").split(" -> ")
        group = frozenset(path[:-1])
        assert group in expected and len(path) == len(group) + 1
        assert path[0] == path[-1] == d.statement == min(group, key=order)


def chain(n: int, cycle: bool = False, last_source: str = "s") -> Graph:
    """Claims c0..c(n-1), each supporting the one before (c0 the last, for a cycle); all cite s."""
    claims = [f"c{i}" for i in range(n)]
    graph = Graph(claims)
    for i, claim in enumerate(claims):
        graph.supports[claim] = [claims[i - 1]] if i or cycle else []
        graph.cites[claim] = ["s"]
    graph.cites[claims[-1]] = [last_source]
    return graph


def test_a_chain_on_one_source_depends_on_it_at_every_claim() -> None:
    assert {d.statement for d in found(chain(40), "single-source-dependency")} == {f"c{i}" for i in range(40)}


def test_a_second_source_at_the_bottom_of_a_chain_corroborates_every_claim_above() -> None:
    assert [d.statement for d in found(chain(40, last_source="t"), "single-source-dependency")] == ["c39"]


def test_a_cycle_shares_its_evidence_round_the_circle() -> None:
    assert found(chain(40, cycle=True, last_source="t"), "single-source-dependency") == []
    assert len(found(chain(40, cycle=True), "single-source-dependency")) == 40


def test_a_long_cycle_is_reported_once_as_a_path() -> None:
    [d] = found(chain(200, cycle=True), "support-cycle")
    # c0 supports c199, which supports c198, ... down to c1, which supports c0.
    path = ["c0", *(f"c{i}" for i in range(199, 0, -1)), "c0"]
    assert d.message == "supports form a cycle: " + " -> ".join(path)
    assert (d.statement, d.line) == ("c0", 1)
    assert found(chain(200), "support-cycle") == []


def test_cycles_that_share_a_claim_are_one_group_walked_along_its_edges() -> None:
    # a -> b -> a and b -> c -> b: one group; the path follows edges, in the order they are written.
    graph = Graph(["a", "b", "c"], supports={"a": ["b"], "b": ["c", "a"], "c": ["b"]})
    [d] = found(graph, "support-cycle")
    assert d.message == "supports form a cycle: a -> b -> c -> a"
