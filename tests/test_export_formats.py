"""Exports to Argdown, AIF, DOT and Markdown, each checked by a real reader of the format.

- Argdown: `@argdown/cli` from tests/node (`npm ci --prefix tests/node`);
- DOT: Graphviz's `dot` (apt: graphviz);
- Markdown: `pandoc` (apt: pandoc);
- AIF: its shape, checked here (there is no maintained validator to install).

A missing tool fails the test with the command that installs it: skipping
would let an export break silently.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from argdoc.compiler import compile_file, compile_text
from argdoc.export import EXPORTERS, export
from argdoc.export.argdown import unique_titles
from argdoc.export.graph import ArgumentGraph
from argdoc.nodes import Claim, Component, Paper, Tension
from argdoc.render.bibliography import humanise

from .conftest import CASES, EXAMPLES, ROOT

PAPERS = sorted((CASES / "parse").glob("*.arg")) + sorted(EXAMPLES.glob("*.arg"))
ARGDOWN = ROOT / "tests" / "node" / "node_modules" / ".bin" / "argdown"

# Text that means something in at least one of the formats, in every place
# user text can go: header, titles, prose, citations, sources.
TRICKY = r"""title: Issue #1: {braces}, <tags> & === "quotes" \ back_slash
author: A. N. Other (Lab [x])
date: 2024-01-02
summary:
    A *summary* with // slashes, :smile: and e.g. U.A.E. codes.

claim thesis "[Bracketed] title: with *stars*, #hash and {braces}":
    role: thesis

    Text with {braces}, <angle> brackets, #tags, @mentions, \*stars\*,
    under_scores, a // comment, a /* block */, <!-- html -->, === rules,
    e.g. U.A.E. and :smile: or .A. shortcodes, and/**or** this, a back\\slash,
    $5 & 10% | pipes ~ tildes ^ carets `code` +plus -minus.

    *emphasis*followed by a letter, **strong**, *a **nested** one*,
    **a *nested* one**, and [a link (with parens)](https://en.wikipedia.org/wiki/Foo_(bar)).

    \2007. A paragraph that looks like a list (escaped: it is not one).

    \- A paragraph that starts with a dash.

claim same "Same title":
    supports: thesis

claim same2 "Same title":
    supports: thesis
    opposes: same

component first "-Leading dash [x]":
    supports: thesis

component 2nd "Same title (same)":
    supports: thesis

tension rift "A \"quoted\" tension \\ with a backslash":
    between: first, 2nd
    bears-on: thesis

    He said "*this* // that"[@src-] and more.[@src-, p. {4}]

source src- "A source_with {odd} title":
    outlet: The #1 Outlet
    author: Jane <Doe>
    url: https://example.org/a_b(c)?d=1&e=2
"""


@dataclass(frozen=True)
class Case:
    name: str
    paper: Paper


def _compiled(path: Path) -> Paper:
    result = compile_file(path)
    assert result.ok and result.paper is not None, result.diagnostics
    return result.paper


def _tricky() -> Paper:
    result = compile_text(TRICKY, "tricky.arg")
    assert result.ok and result.paper is not None, result.diagnostics
    return result.paper


CASES_ = [Case(p.stem, _compiled(p)) for p in PAPERS] + [Case("tricky", _tricky())]
BY_NAME = {case.name: case.paper for case in CASES_}


def _ids(case: Case) -> str:
    return case.name


def require(tool: str, install: str) -> str:
    """The tool's path, or a failure that says how to install it."""
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"'{tool}' is not installed; the export tests need it: {install}")
    return found


def arguments(paper: Paper) -> list[Claim | Component | Tension]:
    return [s for s in paper.all_statements() if isinstance(s, Claim | Component | Tension)]


def rival_pairs(tension: Tension) -> list[tuple[str, str]]:
    ids = list(dict.fromkeys(ref.id for ref in tension.between))
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]


# --- the API ------------------------------------------------------------------------


def test_the_api_offers_five_formats_and_refuses_others() -> None:
    assert set(EXPORTERS) == {"argdown", "aif", "dot", "markdown", "csl-json"}
    with pytest.raises(ValueError, match="known: aif, argdown, csl-json, dot, markdown"):
        export(BY_NAME["russia-iran"], "pdf")


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
@pytest.mark.parametrize("case", CASES_, ids=_ids)
def test_exports_are_deterministic(case: Case, fmt: str) -> None:
    # A re-compiled paper is a different object with the same meaning: same bytes.
    again = _tricky() if case.name == "tricky" else _compiled(next(p for p in PAPERS if p.stem == case.name))
    first = export(case.paper, fmt)
    assert first == export(again, fmt)
    assert first.endswith("\n") and not first.endswith("\n\n")


# --- Argdown ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def argdown_json(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Every case exported, then read by Argdown's own parser in one run (Node starts once)."""
    if not ARGDOWN.exists():
        pytest.fail(f"{ARGDOWN} is missing: run `npm ci --prefix tests/node` to install @argdown/cli")
    folder = tmp_path_factory.mktemp("argdown")
    for case in CASES_:
        (folder / f"{case.name}.argdown").write_text(export(case.paper, "argdown"), encoding="utf-8")
    out = folder / "json"
    run = subprocess.run(
        [str(ARGDOWN), "json", str(folder / "*.argdown"), str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    log = run.stdout + run.stderr
    assert run.returncode == 0, log
    # Argdown reports syntax errors and cancels the export, but may still exit 0 in places.
    assert f"Successfully export {len(CASES_)} files to JSON" in log, log
    for word in ("error", "warning", "canceled"):
        assert word not in log.lower(), log
    yield {case.name: json.loads((out / f"{case.name}.json").read_text(encoding="utf-8")) for case in CASES_}


def expected_argdown_relations(paper: Paper) -> set[tuple[str, str, str]]:
    """(type, from, to) by title: supports and bears-on support, opposes and rival components attack."""
    title = unique_titles(arguments(paper))
    found: set[tuple[str, str, str]] = set()
    for s in arguments(paper):
        if isinstance(s, Claim | Component):
            found.update(("support", title[s.id], title[r.id]) for r in s.supports)
        if isinstance(s, Claim):
            found.update(("attack", title[s.id], title[r.id]) for r in s.opposes)
        if isinstance(s, Tension):
            found.update(("support", title[s.id], title[r.id]) for r in s.bears_on)
            for a, b in rival_pairs(s):
                found.update({("attack", title[a], title[b]), ("attack", title[b], title[a])})
    return found


@pytest.mark.parametrize("case", CASES_, ids=_ids)
def test_argdown_reads_every_statement_and_relation(case: Case, argdown_json: dict[str, Any]) -> None:
    data = argdown_json[case.name]
    statements = data["statements"]
    titles = unique_titles(arguments(case.paper))
    assert len(set(titles.values())) == len(titles)  # Argdown would merge equal titles
    assert set(statements) == set(titles.values())
    for ident, title in titles.items():
        members = [m for m in statements[title]["members"] if not m.get("isReference")]
        assert [m["data"]["id"] for m in members] == [ident]
    relations = data["relations"]
    written = [(r["relationType"], r["from"], r["to"]) for r in relations]
    assert len(written) == len(set(written))
    assert set(written) == expected_argdown_relations(case.paper)


@pytest.mark.parametrize("name", ["russia-iran", "carbon-border-tax"])
def test_argdown_titles_of_the_examples_are_their_own(name: str, argdown_json: dict[str, Any]) -> None:
    statements = argdown_json[name]["statements"]
    assert set(statements) == {s.title or humanise(s.id) for s in arguments(BY_NAME[name])}


def test_argdown_relation_counts_of_the_reference_paper(argdown_json: dict[str, Any]) -> None:
    relations = argdown_json["russia-iran"]["relations"]
    # 4 components support the thesis, 2 tensions bear on it; 2 pairs of rivals attack both ways.
    assert Counter(r["relationType"] for r in relations) == {"support": 6, "attack": 4}


def test_argdown_keeps_every_character_of_tricky_text(argdown_json: dict[str, Any]) -> None:
    statements = argdown_json["tricky"]["statements"]
    thesis = statements["(Bracketed) title: with *stars*, #hash and {braces}"]
    text = next(m["text"] for m in thesis["members"] if not m.get("isReference"))
    for words in (
        "Text with {braces}, <angle> brackets, #tags, @mentions, *stars*, under_scores, a // comment,",
        "a /* block */, <!-- html -->, === rules, e.g. U.A.E. and :smile: or .A. shortcodes, and/or this,",
        "a back\\slash, $5 & 10% | pipes ~ tildes ^ carets `code` +plus -minus.",
        "emphasisfollowed by a letter, strong, a nested one, a nested one, and a link (with parens).",
        "2007. A paragraph that looks like a list (escaped: it is not one). - A paragraph that starts with a dash.",
    ):
        assert words in text
    rift = statements['A "quoted" tension \\ with a backslash']
    text = next(m["text"] for m in rift["members"] if not m.get("isReference"))
    assert text.startswith("He said “this // that” (The #1 Outlet) and more. (The #1 Outlet, p. {4})")
    # Only the kind tags were written; nothing in the prose became a tag, statement or argument.
    assert set(argdown_json["tricky"]["tags"]) == {"claim", "component", "tension"}
    assert argdown_json["tricky"]["arguments"] == {}


# --- AIF -------------------------------------------------------------------------------


def aif(paper: Paper) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    data = json.loads(export(paper, "aif"))
    assert set(data) == {"nodes", "edges", "locutions"} and data["locutions"] == []
    return data["nodes"], data["edges"]


@pytest.mark.parametrize("case", CASES_, ids=_ids)
def test_aif_has_the_shape_of_an_argument_graph(case: Case) -> None:
    nodes, edges = aif(case.paper)
    kind = {n["nodeID"]: n["type"] for n in nodes}
    assert [n["nodeID"] for n in nodes] == [str(i) for i in range(1, len(nodes) + 1)]
    assert [e["edgeID"] for e in edges] == [str(i) for i in range(1, len(edges) + 1)]
    assert all(e["formEdgeID"] is None for e in edges)
    for e in edges:
        assert e["fromID"] in kind and e["toID"] in kind
        assert (kind[e["fromID"]], kind[e["toID"]]) != ("I", "I")
    incoming = Counter(e["toID"] for e in edges)
    outgoing = Counter(e["fromID"] for e in edges)
    for node in nodes:
        if node["type"] in ("RA", "CA", "YA"):
            assert incoming[node["nodeID"]] >= 1 and outgoing[node["nodeID"]] == 1, node
        if node["type"] == "L":
            assert incoming[node["nodeID"]] == 0 and outgoing[node["nodeID"]] == 1
    date = case.paper.meta.date
    stamp = f"{date.isoformat()} 00:00:00" if date else "1970-01-01 00:00:00"
    assert {n["timestamp"] for n in nodes} <= {stamp}


@pytest.mark.parametrize("case", CASES_, ids=_ids)
def test_aif_counts_match_the_paper(case: Case) -> None:
    nodes, _ = aif(case.paper)
    statements = arguments(case.paper)
    tensions = [s for s in statements if isinstance(s, Tension)]
    supports = sum(len(s.supports) for s in statements if isinstance(s, Claim | Component))
    opposes = sum(len(s.opposes) for s in statements if isinstance(s, Claim))
    expected = {
        "I": len(statements),
        # one per support, one per bears-on, one linked RA per tension from its components
        "RA": supports + sum(len(t.bears_on) + 1 for t in tensions),
        "CA": opposes + sum(2 * len(rival_pairs(t)) for t in tensions),
    }
    counts = Counter(n["type"] for n in nodes)
    assert {k: counts[k] for k in expected} == expected
    assert counts["L"] == counts["YA"]


def test_aif_of_the_reference_paper() -> None:
    nodes, edges = aif(BY_NAME["russia-iran"])
    # 1 claim + 4 components + 2 tensions; 4 supports + 2 bears-on + 2 linked; 2 tensions x 2 ways.
    assert Counter(n["type"] for n in nodes) == {"I": 7, "RA": 8, "CA": 4, "L": 2, "YA": 2}
    text = {n["nodeID"]: n["text"] for n in nodes}
    assert text["1"].startswith("Two statements by Russian Security Council Secretary Igor Ivanov")
    assert text["2"] == "Maintaining Great Power status"
    locutions = [n["text"] for n in nodes if n["type"] == "L"]
    assert locutions[0].startswith("Interfax Politics (2007-03-18): the possible acquisition of nuclear weapons")
    # Every RA into the thesis: 4 from components, 2 from tensions.
    into_thesis = {e["fromID"] for e in edges if e["toID"] == "1"}
    assert Counter(text[i] for i in into_thesis) == {"Default Inference": 6, "Asserting": 2}


def test_aif_of_a_tension_links_its_components_and_sets_them_in_conflict() -> None:
    nodes, edges = aif(BY_NAME["russia-iran"])
    ids = {n["text"]: n["nodeID"] for n in nodes if n["type"] == "I"}
    kind = {n["nodeID"]: n["type"] for n in nodes}
    economic, near, great = (
        ids["Economic Sphere"],
        ids["Keeping its influence in its 'Near Abroad'"],
        ids["Maintaining Great Power status"],
    )
    premises: dict[str, set[str]] = {}
    conclusion: dict[str, str] = {}
    for e in edges:
        if kind[e["toID"]] in ("RA", "CA"):
            premises.setdefault(e["toID"], set()).add(e["fromID"])
        if kind[e["fromID"]] in ("RA", "CA"):
            conclusion[e["fromID"]] = e["toID"]
    schemes = {(kind[n], frozenset(premises[n]), conclusion[n]) for n in conclusion}
    assert ("RA", frozenset({near, great}), economic) in schemes
    assert ("CA", frozenset({near}), great) in schemes
    assert ("CA", frozenset({great}), near) in schemes


# --- DOT -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES_, ids=_ids)
def test_graphviz_lays_out_the_dot_export(case: Case, tmp_path: Path) -> None:
    dot = require("dot", "apt-get install graphviz")
    source = tmp_path / f"{case.name}.dot"
    source.write_text(export(case.paper, "dot"), encoding="utf-8")
    run = subprocess.run([dot, "-Tsvg", str(source)], capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    svg = run.stdout
    titles = {html.unescape(t) for t in re.findall(r"<title>(.*?)</title>", svg)}
    assert {s.id for s in arguments(case.paper)} <= titles
    graph = ArgumentGraph(case.paper)
    assert {f"cluster_{s.id}" for s in case.paper.sections if s.id and graph.in_section(s)} <= titles
    edges = svg.count('class="edge')
    assert edges == sum(len(graph.relations(s)) for s in graph.statements.values())


def test_dot_labels_survive_quotes_and_backslashes(tmp_path: Path) -> None:
    dot = require("dot", "apt-get install graphviz")
    text = export(BY_NAME["tricky"], "dot")
    assert '"rift" [label="A \\"quoted\\" tension \\\\ with a\\nbackslash"' in text
    run = subprocess.run([dot, "-Tsvg"], input=text, capture_output=True, text=True, check=True, timeout=60)
    assert "A &quot;quoted&quot; tension \\ with a" in run.stdout
    assert 'class="node tension"' in run.stdout


def test_dot_styles_each_relation() -> None:
    text = export(BY_NAME["carbon-border-tax"], "dot")
    assert '"protectionism" -> "thesis" [class="opposes", color="#c0392b", style="dashed"];' in text
    assert '"trilemma" -> "climate" [class="between", color="#7f7f7f", style="dotted", dir="none"];' in text
    assert '"revenue" -> "protectionism" [class="bears-on"' in text
    assert 'subgraph "cluster_debate" {' in text
    assert 'subgraph "cluster_references"' not in text  # a section of sources only draws nothing


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_has_the_structure_of_the_paper() -> None:
    paper = BY_NAME["carbon-border-tax"]
    text = export(paper, "markdown")
    assert text.startswith('---\ntitle: "A Border on Carbon"\nsubtitle: ')
    assert 'lang: "en-GB"' in text and 'date: "2025-09-15"' in text
    lines = text.splitlines()
    assert "## Summary {#summary}" in lines
    assert "## Argument {#argument}" in lines
    for section in paper.sections:
        assert f"## {section.title} {{#{section.id}}}" in lines
    recommendations = [s for s in arguments(paper) if isinstance(s, Claim) and s.is_recommendation]
    for statement in arguments(paper):
        if statement not in recommendations:
            assert f"### {statement.title} {{#{statement.id}}}" in lines
    # A recommendation is headed by its number, as on the page; the box opens their section.
    for number, statement in enumerate(recommendations, start=1):
        assert f"### Recommendation {number}: {statement.title} {{#{statement.id}}}" in lines
    box = lines.index("## Recommendations {#recommendations}") + 2
    assert lines[box] == "### Recommendations {#recommendations-2}"
    assert "*Claim* · supports [Keep the border adjustment, and make it fair to poorer exporters](#thesis)" in text
    assert "*Claim* · supports [Thesis](#thesis)" not in text
    assert "[Regulation (EU) 2023/956](https://example.org/eu-law/2023-956)" in text
    assert "the EU should **keep the mechanism**, because" in text
    assert "have *reported* the emissions" in text
    assert "[@commission-qa; @lindqvist-2024, pp. 3-5]" in text
    assert "“a border adjustment, not a border wall” [@marchetti-2023]" in text
    assert "> Europe has decided what a tonne of carbon costs," in text
    assert "thermometer attached. [@okafor-2024]" in text
    # One Sources heading: the closing section of sources is it (its title, id and introduction), and
    # pandoc --citeproc writes the list into the refs div; argdoc writes no list of its own.
    assert [line for line in lines if "Sources" in line and line.startswith("#")] == ["## Sources {#references}"]
    sources = text[text.index("## Sources {#references}") :]
    intro = "The sources below are invented for this example."
    assert sources == f"## Sources {{#references}}\n\n{intro}\n\n::: {{#refs}}\n:::\n"
    assert 'references:\n  - id: "commission-qa"\n' in text and "suppress-bibliography" not in text


def test_markdown_escapes_special_characters() -> None:
    text = export(BY_NAME["tricky"], "markdown")
    assert "### \\[Bracketed\\] title: with \\*stars\\*, \\#hash and \\{braces\\} {#thesis}" in text
    for escaped in (
        "Text with \\{braces\\}, \\<angle\\> brackets, \\#tags, \\@mentions, \\*stars\\*, under\\_scores,",
        "\\<!\\-\\- html \\-\\-\\>",
        "\\$5 \\& 10% \\| pipes \\~ tildes \\^ carets \\`code\\`",
        "\n\n2007\\. A paragraph that looks like a list (escaped: it is not one).\n\n"
        "\\- A paragraph that starts with a dash.\n",
        "[a link (with parens)](https://en.wikipedia.org/wiki/Foo_%28bar%29)",
        "### Same title (same) {#s-2nd}",  # Pandoc ids start with a letter
        "[@{src-}, p. \\{4\\}]",
    ):
        assert escaped in text


def pandoc(text: str, *options: str) -> str:
    tool = require("pandoc", "apt-get install pandoc")
    run = subprocess.run(
        [tool, "--fail-if-warnings", "--wrap=none", "-f", "markdown", "-t", "html", *options],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert run.returncode == 0 and run.stderr == "", run.stderr
    return run.stdout


@pytest.mark.parametrize("case", CASES_, ids=_ids)
def test_pandoc_reads_the_markdown_export(case: Case) -> None:
    text = export(case.paper, "markdown")
    page = pandoc(text)
    for statement in arguments(case.paper):
        title = statement.title or humanise(statement.id)
        # Pandoc makes straight quotes typographic; compare the words around them.
        for words in title.replace('"', "'").split("'"):
            assert html.escape(words.strip(), quote=False) in page
    # With --citeproc every citation resolves against the sources in the metadata.
    pandoc(text, "--citeproc")


def test_pandoc_reads_back_the_tricky_text() -> None:
    page = pandoc(export(BY_NAME["tricky"], "markdown"), "-s")
    for words in (
        "Text with {braces}, &lt;angle&gt; brackets, #tags, @mentions, *stars*, under_scores,",
        "a /* block */, &lt;!-- html --&gt;, === rules,",
        "$5 &amp; 10% | pipes ~ tildes ^ carets `code` +plus -minus.",
        "<p>2007. A paragraph that looks like a list (escaped: it is not one).</p>",
        "<p>- A paragraph that starts with a dash.</p>",
        '<a href="https://en.wikipedia.org/wiki/Foo_%28bar%29">',
        "<em>a <strong>nested</strong> one</em>",
        '<h1 class="title">Issue #1: {braces}, &lt;tags&gt; &amp; ===',
        '<h3 id="s-2nd">Same title (same)</h3>',
    ):
        assert words in " ".join(page.split()), words
