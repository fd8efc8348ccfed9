"""Resolution: references find their nodes; the relation graph is built."""

from __future__ import annotations

from argdoc.compiler import compile_text
from argdoc.resolve import Edge

PAPER = """\
claim thesis:
    Body [@interfax].
claim sub:
    supports: thesis
component power:
    supports: thesis
component sovereignty:
    supports: thesis
tension t:
    between: power, sovereignty
    bears-on: thesis
source interfax:
    outlet: Interfax
"""


def test_a_valid_paper_resolves_every_relation() -> None:
    result = compile_text(PAPER)
    assert result.diagnostics == []
    assert result.resolution is not None
    edges = set(result.resolution.edges)
    assert Edge("supports", "sub", "thesis") in edges
    assert Edge("supports", "power", "thesis") in edges
    assert Edge("between", "t", "power") in edges
    assert Edge("between", "t", "sovereignty") in edges
    assert Edge("bears-on", "t", "thesis") in edges
    assert Edge("cites", "thesis", "interfax") in edges
    assert result.resolution.cited_by == {"interfax": ["thesis"]}


def test_undefined_reference_suggests_a_close_id() -> None:
    result = compile_text(PAPER.replace("Body [@interfax]", "Body [@interfx]"))
    [diag] = result.diagnostics
    assert (diag.code, diag.name, diag.line, diag.column) == ("ARG001", "undefined-reference", 2, 11)
    assert diag.hint == "did you mean 'interfax'?"
    assert diag.statement == "thesis"


def test_duplicate_id_points_at_the_second_with_a_note_on_the_first() -> None:
    result = compile_text(PAPER + "claim power:\n    Again.\n")
    [diag] = result.diagnostics
    assert diag.name == "duplicate-id"
    assert (diag.line, diag.column) == (14, 7)
    assert [(r.line, r.column) for r in diag.related] == [(5, 11)]


def test_wrong_kind_in_every_relation() -> None:
    text = """\
claim thesis:
    Body.
component c1:
    supports: c2
component c2:
    supports: thesis
tension t:
    between: thesis, c1
    bears-on: c2
claim other:
    opposes: c1
source s:
    outlet: X
"""
    result = compile_text(text)
    found = {(d.name, d.line) for d in result.diagnostics}
    assert ("wrong-kind-reference", 4) in found
    assert ("wrong-kind-reference", 8) in found
    assert ("wrong-kind-reference", 9) in found
    assert ("wrong-kind-reference", 11) in found


def test_sections_share_the_namespace() -> None:
    result = compile_text('section thesis "A":\nclaim thesis:\n    Body.\n')
    assert [d.name for d in result.diagnostics] == ["duplicate-id"]


def test_tension_naming_the_same_component_twice_needs_two() -> None:
    text = "component a:\n    X.\ntension t:\n    between: a, a\n"
    result = compile_text(text)
    assert [d.name for d in result.diagnostics] == ["tension-needs-two-components"]
