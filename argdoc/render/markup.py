"""Prose to HTML: one method per block and inline node kind, like mistune's renderers.

Bodies are the bulk of a paper and the only place user text nests, so they
are rendered here in Python rather than through Jinja's include machinery:
it is faster, and every method returns `Markup` built with `format_html` or
`join_html` (see `argdoc.render.safe_html`): user text is escaped on the way
in, and only `Markup` is joined. No method ever concatenates user text into
HTML by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup

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
from argdoc.render.bibliography import internal_link, link
from argdoc.render.notes import Notes
from argdoc.render.safe_html import escape, format_html, join_html
from argdoc.walk import citation_runs


class BodyRenderer:
    """Renders blocks and inline nodes.

    Citations become notes (`notes`, see `argdoc.render.notes`); `labels`
    names each known source where the text names it, in the attribution of a
    block quotation. A citation of an unknown source (a paper compiled with
    errors) renders as plain text without a link, so every `href="#…"` points
    at an element.
    """

    def __init__(self, labels: Mapping[str, str], notes: Notes) -> None:
        self.labels = labels
        self.notes = notes

    # --- blocks ------------------------------------------------------------------

    def blocks(self, blocks: Iterable[Block]) -> Markup:
        return join_html("\n", [self.block(block) for block in blocks])

    def block(self, node: Block) -> Markup:
        match node:
            case Paragraph():
                return self.paragraph(node)
            case Blockquote():
                return self.blockquote(node)
        raise TypeError(f"not a block: {node!r}")  # pragma: no cover - the union is closed

    def paragraph(self, node: Paragraph) -> Markup:
        return format_html("<p>{}</p>", self.inline(node.children))

    def blockquote(self, node: Blockquote) -> Markup:
        # The attribution goes in a <footer> inside the quotation, as the HTML spec suggests.
        footer = Markup()
        text = self.inline(node.children)
        if node.citation is not None:
            footer = format_html(
                '<footer>— <cite class="citation">{}</cite>{}</footer>',
                self.label(node.citation),
                self.notes.call([node.citation]),
            )
        return format_html("<blockquote><p>{}</p>{}</blockquote>", text, footer)

    # --- inline ------------------------------------------------------------------

    def inline(self, nodes: Iterable[Inline]) -> Markup:
        """Render a run of inline nodes; adjacent citations share one note call."""
        out: list[Markup] = []
        for item in citation_runs(nodes):
            if isinstance(item, tuple):
                # A note call hangs on the word or punctuation before it: "tensions [@a]."
                # reads "tensions¹." (stripping whitespace from markup cannot break it).
                if out:
                    out[-1] = Markup(out[-1].rstrip())
                out.append(self.citations(item))
            else:
                out.append(self.node(item))
        return join_html("", out)

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
        return format_html("<em>{}</em>", self.inline(node.children))

    def strong(self, node: Strong) -> Markup:
        return format_html("<strong>{}</strong>", self.inline(node.children))

    def link(self, node: Link) -> Markup:
        return link(node.url, self.inline(node.children))

    def quotation(self, node: Quotation) -> Markup:
        # <q> lets the stylesheet choose the quotation marks for the paper's language.
        text = self.inline(node.children)
        return format_html("<q>{}</q>{}", text, self.citations([node.citation]))

    def citations(self, run: Sequence[Citation]) -> Markup:
        return self.notes.call(run)

    def label(self, node: Citation) -> Markup:
        """A source named in the text (a block quotation's attribution): a link to its entry."""
        return internal_link(node.source, self.labels.get(node.source))
