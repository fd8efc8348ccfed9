"""Prose to HTML: one method per block and inline node kind, like mistune's renderers.

Bodies are the bulk of a paper and the only place user text nests, so they
are rendered here in Python rather than through Jinja's include machinery:
it is faster, and every method returns `Markup` built with `format_html` or
`join_html` (see `argdoc.render.safe_html`): user text is escaped on the way
in, and only `Markup` is joined. No method ever concatenates user text into
HTML by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from markupsafe import Markup

from argdoc.inline import is_anchor
from argdoc.nodes import (
    Block,
    Blockquote,
    Citation,
    Emphasis,
    Inline,
    Link,
    List,
    ListItem,
    Note,
    Paragraph,
    Quotation,
    Strong,
    Text,
)
from argdoc.render.bibliography import internal_link, link
from argdoc.render.notes import Notes
from argdoc.render.safe_html import escape, format_html, join_html
from argdoc.render.typography import smarten
from argdoc.walk import CitationRun, citation_runs, opens_sentence


class BodyRenderer:
    """Renders blocks and inline nodes.

    Citations and remarks become notes (`notes`, see `argdoc.render.notes`);
    `labels` names each known source where the text names it, in the
    attribution of a block quotation. `references` names every other id a
    `[@id]` may refer to (a cross-reference: "section 3", a statement's
    title; see `argdoc.render.layout.reference_labels`). A citation of an
    unknown source (a paper compiled with errors) renders as plain text
    without a link, so every `href="#…"` points at an element.

    With a `language`, the words show its typography (quotes, dashes, no-break
    spaces: `argdoc.render.typography`); addresses and ids are never touched.
    """

    def __init__(
        self,
        labels: Mapping[str, str],
        notes: Notes,
        references: Mapping[str, str] | None = None,
        language: str | None = None,
    ) -> None:
        self.labels = labels
        self.notes = notes
        self.references: Mapping[str, str] = references or {}
        self.language = language
        self._in_note = False  # inside a remark, citations are written into its words
        # The last character of words shown in the current run: whether a quote
        # after emphasis opens or closes ("*word*" then `"`) depends on it.
        self._last = ""

    # --- blocks ------------------------------------------------------------------

    def blocks(self, blocks: Iterable[Block]) -> Markup:
        return join_html("\n", [self.block(block) for block in blocks])

    def block(self, node: Block) -> Markup:
        match node:
            case Paragraph():
                return self.paragraph(node)
            case Blockquote():
                return self.blockquote(node)
            case List():
                return self.list(node)
        raise TypeError(f"not a block: {node!r}")  # pragma: no cover - the union is closed

    def paragraph(self, node: Paragraph) -> Markup:
        return format_html("<p>{}</p>", self.inline(node.children))

    def list(self, node: List) -> Markup:
        items = join_html("\n", [self.list_item(item) for item in node.items])
        if not node.ordered:
            return format_html("<ul>\n{}\n</ul>", items)
        if node.start == 1:
            return format_html("<ol>\n{}\n</ol>", items)
        return format_html('<ol start="{}">\n{}\n</ol>', node.start, items)

    def list_item(self, node: ListItem) -> Markup:
        sublists = join_html("", [self.list(sublist) for sublist in node.lists])
        return format_html("<li>{}{}</li>", self.inline(node.children), sublists)

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
        """Render a run of inline nodes (a paragraph, a list item, a credit): a quote at its start opens."""
        self._last = ""
        return self._run(nodes)

    def _run(self, nodes: Iterable[Inline]) -> Markup:
        """Inline nodes within a run; adjacent citations share one note call."""
        out: list[Markup] = []
        items = self._runs(nodes)
        for index, item in enumerate(items):
            if isinstance(item, tuple) and self._is_cross_reference(item):
                out.append(self.cross_references(item, opens_sentence=opens_sentence(out[-1] if out else "")))
            elif isinstance(item, tuple | Note):
                # A note call hangs on the word or punctuation before it: "tensions [@a]."
                # reads "tensions¹." (stripping whitespace from markup cannot break it).
                after = Markup()
                if out and not self._in_note:
                    out[-1] = Markup(out[-1].rstrip())
                    if isinstance(item, tuple):  # an author-date parenthetical goes before the punctuation
                        out[-1], after = self.notes.punctuation_before(out[-1], continues=_goes_on(items, index))
                elif out and isinstance(item, tuple) and not out[-1].endswith(" "):
                    out.append(Markup(" "))  # inside a remark: "pensions (SIPRI, 2025)"
                out.append(self.citations(item) if isinstance(item, tuple) else self.note(item))
                out.append(after)
            else:
                out.append(self.node(item))
        return join_html("", out)

    def _runs(self, nodes: Iterable[Inline]) -> Sequence[Inline | CitationRun]:
        """`citation_runs`; in an author-date style, runs of sources with only a space between them are one:
        `[@a] [@b]` reads `(A, 2017; B, 2021)`, never `(A, 2017) (B, 2021)`."""
        if self.notes.style.uses_notes:
            return list(citation_runs(nodes))
        return _spaced_runs_joined(citation_runs(nodes), self._is_cross_reference)

    def _is_cross_reference(self, run: CitationRun) -> bool:
        return run[0].source in self.references

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
            case Note():
                return self.note(node)
        raise TypeError(f"not an inline node: {node!r}")  # pragma: no cover - the union is closed

    def text(self, node: Text) -> Markup:
        value = node.value
        if self.language is not None:
            value = smarten(value, self.language, self._last)
            self._last = value[-1:] or self._last
        return escape(value)

    def emphasis(self, node: Emphasis) -> Markup:
        return format_html("<em>{}</em>", self._run(node.children))

    def strong(self, node: Strong) -> Markup:
        return format_html("<strong>{}</strong>", self._run(node.children))

    def link(self, node: Link) -> Markup:
        words = self._run(node.children)
        if is_anchor(node.url):
            target = node.url[1:]
            known = target in self.references or target in self.labels
            return internal_link(target, words) if known else words
        return link(node.url, words)

    def quotation(self, node: Quotation) -> Markup:
        # <q> lets the stylesheet choose the quotation marks for the paper's language.
        text = self._run(node.children)
        if self._in_note:
            return format_html("<q>{}</q>{}", text, self.citations([node.citation]))
        text, after = self.notes.punctuation_before(text, quoted=True)
        return format_html("<q>{}</q>{}{}", text, self.citations([node.citation]), after)

    def citations(self, run: Sequence[Citation]) -> Markup:
        if self._in_note:
            # A note cannot hold a note: the sources go into the remark's own words.
            return self.notes.entries(run)
        return self.notes.call(run)

    def note(self, node: Note) -> Markup:
        """A remark: its words become a note, in the series of the citation notes."""
        self._in_note, last = True, self._last
        try:
            words = self.inline(node.children)  # the note's own words: a run of their own
        finally:
            self._in_note, self._last = False, last
        return self.notes.remark(words)

    def cross_references(self, run: Sequence[Citation], *, opens_sentence: bool) -> Markup:
        """`[@id]` of a statement or section: a link named by its label ("section 3", the title)."""
        links: list[Markup] = []
        for cite in run:
            label = self.references.get(cite.source, cite.source)
            if opens_sentence and not links:
                label = label[:1].upper() + label[1:]
            links.append(format_html('<a class="xref" href="#{}">{}</a>', cite.source, label))
        return join_html(", ", links)

    def label(self, node: Citation) -> Markup:
        """A source named in the text (a block quotation's attribution): a link to its entry."""
        return internal_link(node.source, self.labels.get(node.source))

    def source_line(self, nodes: Sequence[Inline]) -> Markup:
        """A table's source line: each work named (with its year in the author-date styles), several
        in one run joined by semicolons; a cross-reference and other words as in prose."""
        out: list[Markup] = []
        words: list[Inline] = []
        for item in citation_runs(nodes):
            if not isinstance(item, tuple):
                words.append(item)
                continue
            out.append(self.inline(words))
            words = []
            if self._is_cross_reference(item):
                out.append(self.cross_references(item, opens_sentence=opens_sentence("".join(out))))
            else:
                out.append(join_html("; ", [self.notes.named(cite, self.label(cite)) for cite in item]))
        out.append(self.inline(words))
        return join_html("", out)


def _goes_on(items: Sequence[Inline | CitationRun], index: int) -> bool:
    """Whether the sentence goes on after the item at `index`: the next words start in lower case."""
    following = items[index + 1] if index + 1 < len(items) else None
    return isinstance(following, Text) and following.value.lstrip()[:1].islower()


def _spaced_runs_joined(
    items: Iterable[Inline | CitationRun], is_cross_reference: Callable[[CitationRun], bool]
) -> list[Inline | CitationRun]:
    """Runs of citations of sources with nothing but whitespace between them, as one run."""
    joined: list[Inline | CitationRun] = []
    for item in items:
        before = joined[-2] if len(joined) >= 2 else None
        space = joined[-1] if joined else None
        if (
            isinstance(item, tuple)
            and isinstance(before, tuple)
            and isinstance(space, Text)
            and not space.value.strip()
            and not is_cross_reference(item)
            and not is_cross_reference(before)
        ):
            joined[-2:] = [(*before, *item)]
        else:
            joined.append(item)
    return joined
