"""A paper as an Argdown document (argdown.org), for Argdown's maps and tools.

    ===
    title: "Tensions in Russian - Iranian relations"
    ===

    [Thesis]: Two statements by ... #claim {id: "thesis", kind: "claim"}

    # Russian Foreign Policy {id: "policy", intro: "Russia's foreign policy ..."}

    [Maintaining Great Power status]: Putin recently ... (Haaretz) #component {...}
      +> [Thesis]

How argdoc's relations are written (checked against @argdown/cli 1.7.5):

- `supports` and `bears-on` are support, `+>` under the supporting statement.
- `opposes` is attack, `->` under the attacking claim.
- The components of a tension attack each other, both ways (`->` and `<-`
  under the first of each pair): pulling against each other is mutual. The
  document stays in Argdown's default (loose) mode. Strict mode would read
  `-` between statements as "contrary", but it also turns every statement-to-
  statement support into "entails", which overstates every `supports` in the
  paper to fix one relation; `><` (contradiction) overstates a tension. The
  tension itself is a statement supporting the claims it bears on, and its
  `between` is kept in its data.

Argdown merges statements with equal titles, so titles are made unique (a
repeated title gets the statement's id). Sources have no Argdown construct:
they go into the front matter, and citations into the text as `(Outlet, p. 4)`.
Section introductions go into the heading's data, because prose outside a
statement would become an "Untitled" statement.

Statement texts are written on one line, so nothing in them can start a
relation, heading or list; every character Argdown's lexer reads as markup is
escaped with a backslash (see `escape`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from argdoc.export import frontmatter
from argdoc.export.frontmatter import Yaml
from argdoc.export.graph import ArgumentGraph, ArgumentStatement
from argdoc.export.text import citation_text, display_title, safe_url, source_labels
from argdoc.likelihood import band_text
from argdoc.nodes import (
    AnyDivision,
    Block,
    Blockquote,
    Citation,
    Claim,
    Component,
    Emphasis,
    Inline,
    Link,
    List,
    Meta,
    Note,
    Paper,
    Paragraph,
    Quotation,
    Source,
    Strong,
    Subsection,
    Tension,
    Text,
)
from argdoc.render.layout import reference_labels
from argdoc.resolve import citations_in
from argdoc.walk import citation_runs, plain, plain_blocks, squash

# Always markup somewhere: brackets (statements, links), braces (data), `<>`
# (arguments, HTML comments), `#` (tags), `@` (mentions), `*` `_` (bold and
# italics), `=` (a run of three opens front matter) and the escape itself.
_ALWAYS_ESCAPED = frozenset("\\[]{}<>#@*_=")
# `.name.` and `:name:` are shortcodes (`:smile:`, `.A.` for ∀): a dot or
# colon that opens such a run is escaped; `//` and `/*` open comments.
_SHORTCODE = re.compile(r"([.:])\S+?\1")
# A closing `*` or `_` only closes when followed by one of these (or the end).
_CLOSES_BEFORE = frozenset(" \t\n\r)}_.,!?;:-*")
_FIRST_SPACE = re.compile(r"\s")


def escape(text: str, after: str = "") -> str:
    """Text that Argdown reads back as exactly these characters; `after` is what follows it."""
    context = text + after
    out: list[str] = []
    for i, char in enumerate(text):
        if (
            char in _ALWAYS_ESCAPED
            or (char in ".:" and _SHORTCODE.match(context, i))
            or (char == "/" and context[i + 1 : i + 2] in ("/", "*"))
        ):
            out.append("\\")
        out.append(char)
    return "".join(out)


def statement_title(text: str) -> str:
    """A title Argdown's `[Title]` can hold: no brackets, not starting with `-` (an attack)."""
    return squash(text).replace("[", "(").replace("]", ")").strip().lstrip("- ").strip()


def unique_titles(statements: Sequence[ArgumentStatement]) -> dict[str, str]:
    """A title per statement id; a title shared by several statements gets each one's id added."""
    wanted = {s.id: statement_title(display_title(s)) or s.id for s in statements}
    counts = Counter(wanted.values())
    titles: dict[str, str] = {}
    taken: set[str] = set()
    for ident, title in wanted.items():
        candidate = title if counts[title] == 1 and title not in taken else f"{title} ({ident})"
        # A literal title may already read like a disambiguated one; number it then.
        n = 1
        while candidate in taken:
            n += 1
            candidate = f"{title} ({ident} {n})"
        taken.add(candidate)
        titles[ident] = candidate
    return titles


class ArgdownRenderer:
    """One method per node kind; inline methods get the character that will follow them."""

    def __init__(self, graph: ArgumentGraph) -> None:
        self.graph = graph
        self.paper = graph.paper
        self.titles = unique_titles(list(graph.statements.values()))
        self.labels = source_labels(self.paper)
        self.references = reference_labels(self.paper)

    def render(self) -> str:
        body = [self.statement(s) for s in self.graph.preamble()]
        for section in self.paper.divisions():
            body.append(self.section(section))
            body.extend(self.statement(s) for s in self.graph.in_section(section))
        if not body:
            # Argdown rejects a document that is empty, or only front matter.
            body.append(f"# {escape(self.paper.meta.title or 'Argument')}")
        return "\n\n".join([self.front_matter(), *body]).lstrip("\n") + "\n"

    # --- document -----------------------------------------------------------------

    def front_matter(self) -> str:
        lines = frontmatter.block({**self.meta(self.paper.meta), "sources": self.sources() or None})
        return "\n".join(["===", *lines, "==="]) if lines else ""

    def meta(self, meta: Meta) -> dict[str, Yaml]:
        # title, subTitle, author, date and abstract are the keys Argdown's own
        # HTML export shows; the others are kept for whoever reads the data.
        return {
            "title": meta.title,
            "subTitle": meta.subtitle,
            "author": [_author(a.name, a.affiliation) for a in meta.authors] or None,
            "organisation": meta.organisation,
            "date": meta.date.isoformat() if meta.date else None,
            "series": meta.series,
            "number": meta.number,
            "language": meta.language,
            "licence": meta.licence,
            "keywords": list(meta.keywords) or None,
            "abstract": plain_blocks(meta.summary, self.references) or None,
        }

    def sources(self) -> dict[str, Yaml]:
        found = [s for s in self.paper.all_statements() if isinstance(s, Source)]
        return {s.id: self.source(s) for s in found}

    def source(self, source: Source) -> dict[str, Yaml]:
        return {
            "title": source.title,
            "author": [name.natural for name in source.authors] or None,
            "outlet": source.outlet,
            "date": source.date.iso() if source.date else None,
            "url": source.url,
            "accessed": source.accessed.isoformat() if source.accessed else None,
            "note": source.note,
            "grade": source.grade,
            "annotation": plain_blocks(source.body, self.references) or None,
        }

    def section(self, section: AnyDivision) -> str:
        data = {"id": section.id, "intro": plain_blocks(section.body, self.references) or None}
        title = self.inline([Text(value=section.title)], " ")
        # A subsection is a heading one level down; an appendix is a section of the back matter.
        level = "##" if isinstance(section, Subsection) else "#"
        return f"{level} {title} {frontmatter.flow(data)}" if any(data.values()) else f"{level} {title}"

    # --- statements -----------------------------------------------------------------

    def statement(self, statement: ArgumentStatement) -> str:
        if isinstance(statement, Claim):
            return self.claim(statement)
        if isinstance(statement, Component):
            return self.component(statement)
        return self.tension(statement)

    def claim(self, claim: Claim) -> str:
        # #15: the judgment's likelihood (with its ICD 203 band) and confidence travel as data.
        estimate: dict[str, Yaml] = {"likelihood": claim.likelihood, "band": band_text(claim.likelihood or "")}
        return self.definition(claim, {"role": claim.role, **estimate, "confidence": claim.confidence})

    def component(self, component: Component) -> str:
        return self.definition(component, {})

    def tension(self, tension: Tension) -> str:
        between = [r.target for r in self.graph.relations(tension) if r.kind == "between"]
        blocks = [self.definition(tension, {"between": between or None})]
        blocks.extend(self.rivalry(first, second) for first, second in self.graph.rivals(tension))
        return "\n\n".join(blocks)

    def definition(self, statement: ArgumentStatement, extra: dict[str, Yaml]) -> str:
        """`[Title]: text #kind {data}`, then the relations it is the source of."""
        cited = list(dict.fromkeys(c.source for c in citations_in(statement.body) if c.source not in self.references))
        data: dict[str, Yaml] = {"id": statement.id, "kind": statement.kind, **extra, "sources": cited or None}
        text = self.blocks(statement.body)
        head = " ".join(p for p in (f"[{self.titles[statement.id]}]:", text, f"#{statement.kind}") if p)
        lines = [f"{head} {frontmatter.flow(data)}"]
        for relation in self.graph.relations(statement):
            arrow = {"supports": "+>", "bears-on": "+>", "opposes": "->"}.get(relation.kind)
            if arrow is not None:
                lines.append(f"  {arrow} [{self.titles[relation.target]}]")
        return "\n".join(lines)

    def rivalry(self, first: str, second: str) -> str:
        """Two components of a tension, each attacking the other."""
        other = self.titles[second]
        return f"[{self.titles[first]}]\n  -> [{other}]\n  <- [{other}]"

    # --- prose ----------------------------------------------------------------------

    def blocks(self, blocks: Sequence[Block]) -> str:
        """A statement's paragraphs as one line: Argdown ends a statement at a blank line."""
        # Squashed: a citation adds a space even where the author typed one.
        return squash(" ".join(text for text in (self.block(b) for b in blocks) if text))

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, List):
            return self.list(block)
        return self.blockquote(block)

    def list(self, node: List) -> str:
        """A list on the statement's one line: `(1) first; (2) second`, or `• first; • second`."""
        items = []
        for number, item in enumerate(node.items, start=node.start):
            marker = f"({number})" if node.ordered else "•"
            nested = " ".join(self.list(sublist) for sublist in item.lists)
            items.append(" ".join(p for p in (marker, self.inline(item.children, ";").strip(), nested) if p))
        return "; ".join(items)

    def paragraph(self, node: Paragraph) -> str:
        return self.inline(node.children, " ").strip()

    def blockquote(self, node: Blockquote) -> str:
        words = self.inline(node.children, "”").strip()
        cite = self.citations([node.citation]) if node.citation else ""
        return f"“{words}”{cite}"

    def inline(self, nodes: Sequence[Inline], after: str) -> str:
        """Render right to left, so each node knows the text that follows it (see `_head`)."""
        pieces: list[str] = []
        following = after
        for item in reversed(list(citation_runs(nodes))):  # adjacent citations share one bracket: (A; B, p. 4)
            piece = self.citations(item, following) if isinstance(item, tuple) else self.node(item, following)
            pieces.append(piece)
            following = _head(piece + following)
        return "".join(reversed(pieces))

    def node(self, node: Inline, after: str) -> str:
        if isinstance(node, Text):
            return self.text(node, after)
        if isinstance(node, Emphasis):
            return self.emphasis(node, after)
        if isinstance(node, Strong):
            return self.strong(node, after)
        if isinstance(node, Link):
            return self.link(node)
        if isinstance(node, Quotation):
            return self.quotation(node)
        if isinstance(node, Note):
            # Argdown has no notes: the remark stays in the text, in parentheses.
            return f" ({self.inline(node.children, ')').strip()})"
        return self.citations([node], after)

    def text(self, node: Text, after: str) -> str:
        return escape(squash(node.value), after)

    def emphasis(self, node: Emphasis, after: str) -> str:
        return self.span("_", node.children, after)

    def strong(self, node: Strong, after: str) -> str:
        return self.span("**", node.children, after)

    def span(self, marker: str, children: Sequence[Inline], after: str) -> str:
        """`_words_` or `**words**`, or just the words where Argdown would not see the markup."""
        inner = self.inline(children, marker)
        core = inner.strip()
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(lead) + len(core) :]
        # Argdown closes a range only before a space or punctuation, and reads
        # a marker next to the same marker as a different one (`__`, `***`).
        closes = bool(trail) or not after or after[0] in _CLOSES_BEFORE
        if core and closes and marker[0] not in (core[0], core[-1]):
            return f"{lead}{marker}{core}{marker}{trail}"
        # Without the markers the words meet different neighbours: escape again.
        return self.inline(children, after)

    def link(self, node: Link) -> str:
        # Argdown takes a link's text verbatim (no escapes, no markup, no `]`).
        words = plain(node.children).replace("[", "(").replace("]", ")") or node.url
        return f"[{words}]({safe_url(node.url)})"

    def quotation(self, node: Quotation) -> str:
        return f"“{self.inline(node.children, '”')}”{self.citations([node.citation])}"

    def citations(self, run: Sequence[Citation], after: str = ")") -> str:
        if run[0].source in self.references:
            # A cross-reference: its target's label, as words ("section 3", a statement's title).
            return escape(", ".join(self.references.get(c.source, c.source) for c in run), after)
        return f" ({escape(citation_text(run, self.labels), ')')})"


def _head(text: str) -> str:
    """Text up to and including its first space: all a shortcode, comment or closing marker can reach."""
    match = _FIRST_SPACE.search(text)
    return text[: match.end()] if match else text


def _author(name: str, affiliation: str | None) -> str:
    return f"{name} ({affiliation})" if affiliation else name


def render(paper: Paper) -> str:
    """The paper as an Argdown document."""
    return ArgdownRenderer(ArgumentGraph(paper)).render()
