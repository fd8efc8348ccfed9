"""Exports of a paper to the formats other argument tools read.

    from argdoc.export import export
    text = export(paper, "argdown")     # or "aif", "dot", "markdown"

Each format is one module with a small renderer and a `render(paper) -> str`:

- `argdown`: an Argdown document (argdown.org), statements and relations;
- `aif`: AIF JSON as AIFdb and OVA read it (I, RA, CA, L and YA nodes);
- `dot`: a Graphviz digraph, one cluster per section;
- `markdown`: the paper as Pandoc Markdown, with Pandoc citations;
- `csl-json`: the paper's sources as a CSL-JSON array (Zotero, Pandoc, citeproc-js).

Every export is a pure function of the paper: the same paper gives the same
bytes (AIF timestamps come from the paper's date, never the clock). A paper
compiled with errors still exports, but references that do not resolve are
left out. The JSON tree and its schema stay in `argdoc export --to json|schema`.
"""

from __future__ import annotations

from collections.abc import Callable

from argdoc.export import aif, argdown, csl_json, dot, markdown
from argdoc.nodes import Paper

EXPORTERS: dict[str, Callable[[Paper], str]] = {
    "argdown": argdown.render,
    "aif": aif.render,
    "dot": dot.render,
    "markdown": markdown.render,
    "csl-json": csl_json.render,
}


def export(paper: Paper, fmt: str) -> str:
    """The paper in one of the formats of `EXPORTERS`; ValueError for any other name."""
    try:
        renderer = EXPORTERS[fmt]
    except KeyError:
        known = ", ".join(sorted(EXPORTERS))
        raise ValueError(f"unknown export format {fmt!r} (known: {known})") from None
    return renderer(paper)
