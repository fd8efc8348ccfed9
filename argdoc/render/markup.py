"""Prose to HTML: one method per block and inline node kind, like mistune's renderers.

Bodies are the bulk of a paper and the only place user text nests, so they
are rendered here in Python rather than through Jinja's include machinery:
it is faster, and every method returns `Markup` built with `Markup.format`,
which escapes each argument. No method ever concatenates user text into HTML
by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from argdoc.nodes import (
    Block,
    Blockquote,
    Citation,
    Emphasis,
    Inline,
    Link,
    Paragraph,
    Quotation,
    Strong,
    Text,
)
from argdoc.render.bibliography import link

_SPACES = re.compile(r"\s+")
# A dropped citation leaves a space before the punctuation that followed it.
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")


class BodyRenderer:
    """Renders blocks and inline nodes; `labels` names each known source for citations.

    A citation of an unknown source (a paper compiled with errors) renders as
    plain text without a link, so every `href="#…"` points at an element.
    """

    def __init__(self, labels: Mapping[str, str]) -> None:
        self.labels = labels

    # --- blocks ------------------------------------------------------------------

    def blocks(self, blocks: Iterable[Block]) -> Markup:
        return Markup("\n").join(self.block(block) for block in blocks)

    def block(self, node: Block) -> Markup:
        match node:
            case Paragraph():
                return self.paragraph(node)
            case Blockquote():
                return self.blockquote(node)
        raise TypeError(f"not a block: {node!r}")  # pragma: no cover - the union is closed

    def paragraph(self, node: Paragraph) -> Markup:
        return Markup("<p>{}</p>").format(self.inline(node.children))

    def blockquote(self, node: Blockquote) -> Markup:
        # The attribution goes in a <footer> inside the quotation, as the HTML spec suggests.
        footer = Markup()
        if node.citation is not None:
            footer = Markup('<footer>— <cite class="citation">{}</cite></footer>').format(
                self.citation_list([node.citation])
            )
        return Markup("<blockquote><p>{}</p>{}</blockquote>").format(self.inline(node.children), footer)

    # --- inline ------------------------------------------------------------------

    def inline(self, nodes: Iterable[Inline]) -> Markup:
        """Render a run of inline nodes; adjacent citations share one bracket: (A; B, p. 4)."""
        out: list[Markup] = []
        pending: list[Citation] = []
        for node in nodes:
            if isinstance(node, Citation):
                pending.append(node)
                continue
            if pending:
                out.append(self.citations(pending))
                pending = []
            out.append(self.node(node))
        if pending:
            out.append(self.citations(pending))
        return Markup("").join(out)

    def node(self, node: Inline) -> Markup:
        match node:
            case Text():
                return self.text(node)
            case Emphasis():
                return self.emphasis(node)
            case Strong():
                return self.strong(node)
            case Link():
                return self.link(node)
            case Citation():
                return self.citations([node])
            case Quotation():
                return self.quotation(node)
        raise TypeError(f"not an inline node: {node!r}")  # pragma: no cover - the union is closed

    def text(self, node: Text) -> Markup:
        return escape(node.value)

    def emphasis(self, node: Emphasis) -> Markup:
        return Markup("<em>{}</em>").format(self.inline(node.children))

    def strong(self, node: Strong) -> Markup:
        return Markup("<strong>{}</strong>").format(self.inline(node.children))

    def link(self, node: Link) -> Markup:
        return link(node.url, self.inline(node.children))

    def quotation(self, node: Quotation) -> Markup:
        # <q> lets the stylesheet choose the quotation marks for the paper's language.
        return Markup("<q>{}</q>{}").format(self.inline(node.children), self.citations([node.citation]))

    def citations(self, run: Sequence[Citation]) -> Markup:
        # The leading space separates the bracket from a preceding word; HTML
        # collapses it with a space the author already typed.
        return Markup(' <span class="citation">({})</span>').format(self.citation_list(run))

    def citation_list(self, run: Sequence[Citation]) -> Markup:
        return Markup("; ").join(self.citation(cite) for cite in run)

    def citation(self, node: Citation) -> Markup:
        label = self.labels.get(node.source)
        text = f"{label or node.source}, {node.locator}" if node.locator else label or node.source
        if label is None:
            return Markup('<span class="missing">{}</span>').format(text)
        return Markup('<a href="#{}">{}</a>').format(node.source, text)


def plain_text(blocks: Iterable[Block]) -> str:
    """The words of some blocks, without markup or citations: for `<meta name="description">`."""
    text = _SPACES.sub(" ", " ".join(_plain_inline(block.children) for block in blocks))
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text).strip()


def _plain_inline(nodes: Iterable[Inline]) -> str:
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.value)
        elif isinstance(node, Quotation):
            parts.append(f"“{_plain_inline(node.children)}”")
        elif isinstance(node, Emphasis | Strong | Link):
            parts.append(_plain_inline(node.children))
    return "".join(parts)
