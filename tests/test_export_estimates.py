"""A judgment's likelihood and confidence (#15) in every export: as data where the format has
data (JSON, AIF, Argdown), as text where it has only text (the DOT map's labels, Markdown)."""

from __future__ import annotations

import json
import subprocess

from argdoc.compiler import compile_text
from argdoc.export import export
from argdoc.likelihood import estimate_text
from argdoc.nodes import Paper, tree_json

from .test_export_formats import pandoc, require

PAPER = """title: Estimates
date: 2024-05-01

claim thesis "Houthi attacks will outlast the Gaza war":
    role: thesis
    likelihood: likely
    confidence: moderate

    The group has tied its attacks to Gaza, but its aims are wider [@s].

claim ceasefire "A ceasefire ends the attacks":
    opposes: thesis
    likelihood: roughly even chance

    The attacks paused during the ceasefire of November 2023 [@s].

claim sure "The Navy cannot stop them":
    supports: thesis
    confidence: high
    likelihood: a house term

    Interceptions do not deter launches [@s].

component plain "No estimate":
    supports: thesis

    Words [@s].

source s:
    outlet: Reuters
    date: 2024-04-01
"""


def _paper() -> Paper:
    result = compile_text(PAPER, "estimates.arg")
    assert result.paper is not None and not [d for d in result.diagnostics if d.is_error]
    return result.paper


def test_the_estimate_reads_as_the_html_shows_it() -> None:
    assert estimate_text("likely", "moderate") == "likely (55\u201380 %) \u00b7 moderate confidence"
    assert estimate_text("remote", None) == "remote (1\u20135 %)"
    assert estimate_text("a house term", "high") == "a house term \u00b7 high confidence"  # no band off ICD 203
    assert estimate_text(None, None) is None


def test_json_aif_and_argdown_carry_the_fields_as_data() -> None:
    paper = _paper()
    tree = json.loads(tree_json(paper))
    claims = {s["id"]: s for s in tree["statements"] if s["kind"] == "claim"}
    assert (claims["thesis"]["likelihood"], claims["thesis"]["confidence"]) == ("likely", "moderate")
    schema = json.dumps(Paper.model_json_schema())
    assert '"likelihood"' in schema and '"confidence"' in schema
    nodes = {n["text"]: n for n in json.loads(export(paper, "aif"))["nodes"] if n["type"] == "I"}
    thesis = nodes["Houthi attacks will outlast the Gaza war"]
    estimate = (thesis["likelihood"], thesis["likelihoodBand"], thesis["confidence"])
    assert estimate == ("likely", "55\u201380 %", "moderate")
    assert "likelihood" not in nodes["No estimate"] and "confidence" not in nodes["A ceasefire ends the attacks"]
    argdown = export(paper, "argdown")
    assert 'likelihood: "likely", band: "55\u201380 %", confidence: "moderate"' in argdown
    assert 'likelihood: "roughly even chance", band: "45\u201355 %"' in argdown


def test_the_dot_map_shows_the_estimate_under_the_title() -> None:
    text = export(_paper(), "dot")
    title = "Houthi attacks will outlast\\nthe Gaza war"
    assert f'"thesis" [label="{title}\\nlikely (55\u201380 %)\\nmoderate confidence"' in text
    assert '"ceasefire" [label="A ceasefire ends the attacks\\nroughly even chance (45\u201355 %)"' in text
    assert '"plain" [label="No estimate", class="component"' in text
    dot = require("dot", "apt-get install graphviz")
    svg = subprocess.run([dot, "-Tsvg"], input=text, capture_output=True, text=True, check=True, timeout=60).stdout
    assert ">moderate confidence</text>" in svg and ">likely (55\u201380 %)</text>" in svg


def test_the_markdown_summary_line_gives_the_estimate() -> None:
    text = export(_paper(), "markdown")
    lines = text.splitlines()
    assert "*Claim (thesis)* · likely (55\u201380 %) · moderate confidence" in lines
    assert (
        "*Claim* · opposes [Houthi attacks will outlast the Gaza war](#thesis) · roughly even chance (45\u201355 %)"
        in lines
    )
    assert "*Component* · supports [Houthi attacks will outlast the Gaza war](#thesis)" in lines
    assert "likely (55\u201380 %) · moderate confidence</p>" in pandoc(text)
