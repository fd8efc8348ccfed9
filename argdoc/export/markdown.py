"""A paper as Pandoc Markdown: readable as plain text, convertible with `pandoc`.

    ---
    title: "Tensions in Russian - Iranian relations"
    lang: "en-US"
    references: [...]            # the sources as CSL items, for `pandoc --citeproc`
    suppress-bibliography: true  # ... which would otherwise repeat the Sources list
    ---

    ## Summary {#summary}
    ## Russian Foreign Policy {#policy}
    ### Maintaining Great Power status {#great-power}
    *Component* · supports [Thesis](#thesis)

    Putin recently spoke out ... against Iran. [@haaretz]

    ## Sources {#sources}
    - []{#haaretz}*Haaretz*, March 20, 2007. Full text.

The layout is the HTML paper's: the summary, the statements before the first
section grouped by kind (Argument, Components, Tensions), the sections with
their statements, and the sources in order of first citation. Citations use
Pandoc's syntax (`[@id, p. 4]`). Every heading carries an explicit id, so
links between statements work and Pandoc never invents a clashing one.

User text is escaped: every ASCII punctuation character Pandoc gives a
meaning to is backslash-escaped, and a paragraph that would open a list is
escaped at its start. Paragraphs are written on one line each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from argdoc.cite.csl import csl_item
from argdoc.cite.dates import partial_in_words
from argdoc.export import frontmatter
from argdoc.export.frontmatter import Yaml
from argdoc.export.graph import ArgumentGraph, ArgumentStatement, Relation
from argdoc.export.text import display_title, safe_url
from argdoc.inline import is_anchor
from argdoc.nodes import (
    AnyDivision,
    AnyExhibit,
    Appendix,
    Block,
    Blockquote,
    Chart,
    Citation,
    Claim,
    Component,
    Emphasis,
    Figure,
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
    Table,
    TableRow,
    Tension,
    Text,
)
from argdoc.render.bibliography import month_day_year
from argdoc.render.layout import Anchors, layout
from argdoc.resolve import citations_in
from argdoc.walk import block_inlines, citation_runs, squash

# Inline markup in Pandoc's Markdown (emphasis, code, links, spans, raw HTML,
# entities, math, citations, sub/superscript, tables), and hyphens in a run,
# which smart typography would make a dash (`<!--` must stay as written).
# Pandoc lets any ASCII punctuation be escaped. Quotes are left to become
# typographic ones, as an author writing Markdown would expect.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^@$&]|-(?=-)|(?<=-)-)")
# A paragraph starting like a list item (`2007. `, `(a) `, `iv) `, `- `, `+ `),
# a definition (`: `) or a heading underline (`=`). Its marker gets escaped.
_BLOCK_START = re.compile(r"\(?(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)](?=\s|$)|[-+:=]")
# Pandoc reads a heading attribute id only if it starts with a letter.
_PANDOC_ID = re.compile(r"[^\W\d_][\w:.-]*\Z")
# Headings of the statements before the first section, as the HTML paper has them.
_KIND_GROUPS: tuple[tuple[type[ArgumentStatement], str, str], ...] = (
    (Claim, "argument", "Argument"),
    (Component, "components", "Components"),
    (Tension, "tensions", "Tensions"),
)
_RELATION_WORDS = {"supports": "supports", "opposes": "opposes", "between": "between", "bears-on": "bears on"}
_TERMINAL = (".", "?", "!")


def escape(text: str) -> str:
    """User text as Markdown that Pandoc reads back as exactly this text."""
    return _SPECIAL.sub(r"\\\1", squash(text))


def escape_block_start(line: str) -> str:
    """Escape the marker of a paragraph that would otherwise open a list or similar block."""
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    marker_at = match.end() - 1
    start = "\\(" + line[1:marker_at] if line.startswith("(") else line[:marker_at]
    return f"{start}\\{line[marker_at:]}"


def _pandoc_anchor(preferred: str) -> str:
    """An id as Pandoc reads it in a heading's attributes: one not starting with a letter gets `s-`."""
    return preferred if _PANDOC_ID.match(preferred) else f"s-{preferred}"


class MarkdownRenderer:
    def __init__(self, graph: ArgumentGraph) -> None:
        self.graph = graph
        self.paper = graph.paper
        statements = self.paper.all_statements()
        self.sources = [s for s in statements if isinstance(s, Source)]
        # Ids that Pandoc accepts are kept as anchors first; the rest step around them.
        self.anchors = Anchors({s.id for s in statements if _PANDOC_ID.match(s.id)})
        self.anchors.taken.update(s.id for s in self.paper.divisions() if s.id and _PANDOC_ID.match(s.id))
        self.anchors.taken.update(e.id for e in self.paper.all_exhibits() if _PANDOC_ID.match(e.id))
        plan = layout(self.paper)
        self.labels = plan.labels  # "Table 1", "Figure 2", as the HTML paper numbers them
        self.anchor = {s.id: s.id if _PANDOC_ID.match(s.id) else self.reserve(s.id) for s in statements}
        # Divisions and exhibits with an id Pandoc accepts keep it as their anchor (see `section`, `exhibit`).
        elements = [*(d.id for d in self.paper.divisions() if d.id), *(e.id for e in self.paper.all_exhibits())]
        self.element_anchors = {ident: ident for ident in elements if _PANDOC_ID.match(ident)}
        self.references = plan.references  # what a cross-reference `[@id]` says: the same labels, or a title

    def reserve(self, preferred: str) -> str:
        """A heading id not yet taken, as close to `preferred` as Pandoc allows."""
        return self.anchors.reserve(_pandoc_anchor(preferred))

    def render(self) -> str:
        parts = [self.metadata(self.paper.meta)]
        if self.paper.meta.summary:
            parts.append(self.heading(2, "Summary", self.reserve("summary")))
            parts.extend(self.block(b) for b in self.paper.meta.summary)
        parts.extend(self.preamble())
        for section in self.paper.divisions():
            parts.extend(self.section(section))
        parts.extend(self.bibliography())
        return "\n\n".join(part for part in parts if part) + "\n"

    # --- document -----------------------------------------------------------------

    def metadata(self, meta: Meta) -> str:
        # Pandoc reads metadata strings as Markdown, so they are escaped too.
        fields: dict[str, Yaml] = {
            "title": escape(meta.title) if meta.title else None,
            "subtitle": escape(meta.subtitle) if meta.subtitle else None,
            "author": [escape(_author(a.name, a.affiliation)) for a in meta.authors] or None,
            "organisation": escape(meta.organisation) if meta.organisation else None,
            "date": meta.date.isoformat() if meta.date else None,
            "series": escape(meta.series) if meta.series else None,
            "number": escape(meta.number) if meta.number else None,
            "lang": meta.language,
            "licence": escape(meta.licence) if meta.licence else None,
            "keywords": [escape(k) for k in meta.keywords] or None,
            "references": [self.reference(s) for s in self.sources] or None,
            "suppress-bibliography": True if self.sources else None,
        }
        return "\n".join(["---", *frontmatter.block(fields), "---"])

    def reference(self, source: Source) -> dict[str, Yaml]:
        """A source as its CSL item (argdoc.cite.csl), so that `pandoc --citeproc` formats it in any CSL style.

        Pandoc reads the strings of metadata as Markdown, so they are escaped;
        argdoc's own `custom` data stays out.
        """
        item = csl_item(source)
        item.pop("custom", None)
        return {key: _escaped_yaml(value) if key not in {"id", "URL", "DOI"} else value for key, value in item.items()}

    def preamble(self) -> list[str]:
        statements = self.graph.preamble()
        parts: list[str] = []
        for kind, anchor, title in _KIND_GROUPS:
            members = [s for s in statements if isinstance(s, kind)]
            if members:
                parts.append(self.heading(2, title, self.reserve(anchor)))
                parts.extend(self.statement(s) for s in members)
        return parts

    def section(self, section: AnyDivision) -> list[str]:
        anchor = section.id if section.id and _PANDOC_ID.match(section.id) else self.reserve(_slug(section))
        level = 3 if isinstance(section, Subsection) else 2
        title = escape(section.title)
        if section.id and section.id in self.labels and isinstance(section, Appendix):
            label = self.labels[section.id]
            title = f"{label[:1].upper()}{label[1:]}: {title}"  # "Appendix A", not capitalize()'s "Appendix a"
        parts = [self.heading(level, title, anchor)]
        parts.extend(self.block(b) for b in section.body)
        arguments = set(map(id, self.graph.in_section(section)))
        for item in section.flow():
            if isinstance(item, Table | Figure | Chart):
                parts.append(self.exhibit(item))
            elif id(item) in arguments:
                parts.append(self.statement(item, level + 1))  # type: ignore[arg-type]
        return parts

    # --- exhibits (#10 part B) ----------------------------------------------------------

    def exhibit(self, exhibit: AnyExhibit) -> str:
        anchor = f"[]{{#{exhibit.id}}}" if _PANDOC_ID.match(exhibit.id) else ""
        caption = f"{self.labels.get(exhibit.id, '')}. {escape(exhibit.title or '')}".strip(". ")
        if isinstance(exhibit, Table):
            rows = [self.row(exhibit.header), _delimiter_row(exhibit), *(self.row(r) for r in exhibit.rows)]
            notes = [
                f"{word}: {self.inline(value).strip()}"
                for word, value in (("Note", exhibit.note), ("Source", exhibit.source))
                if value
            ]
            return "\n\n".join([anchor, "\n".join(rows) + f"\n\n: {caption}", *notes]).lstrip()
        if isinstance(exhibit, Figure):
            credit = f" {self.inline(exhibit.credit).strip()}" if exhibit.credit else ""
            alt = exhibit.alt.replace("\\", "\\\\").replace('"', '\\"')
            attributes = f'#{exhibit.id} fig-alt="{alt}"' if anchor else f'fig-alt="{alt}"'
            return f"![{caption}.{credit}]({exhibit.image}){{{attributes}}}"
        data = self.labels.get(exhibit.data.id)
        source = f" (a {exhibit.type} chart of [{data}](#{exhibit.data.id}))" if data else ""
        return f"{anchor}*{caption}*{source}".lstrip()

    def row(self, row: TableRow) -> str:
        return "| " + " | ".join(squash(self.inline(cell.children)).strip() for cell in row.cells) + " |"

    def heading(self, level: int, text: str, anchor: str) -> str:
        return f"{'#' * level} {text} {{#{anchor}}}"

    def bibliography(self) -> list[str]:
        if not self.sources:
            return []
        entries = [f"- []{{#{self.anchor[s.id]}}}{self.source(s)}" for s in self.cited_first()]
        return [self.heading(2, "Sources", self.reserve("sources")), "\n".join(entries)]

    def cited_first(self) -> list[Source]:
        """Sources in order of first citation in the paper, then the uncited ones as written."""
        by_id = {s.id: s for s in self.sources}
        flow: list[Block] = list(self.paper.meta.summary)
        flow.extend(b for s in self.graph.preamble() for b in s.body)
        for section in self.paper.divisions():
            flow.extend(section.body)
            flow.extend(b for s in self.graph.in_section(section) for b in s.body)
        order = dict.fromkeys(c.source for c in citations_in(flow) if c.source in by_id)
        order.update(dict.fromkeys(by_id))
        return [by_id[i] for i in order]

    def source(self, source: Source) -> str:
        """A reference-list entry: authors, “title”, *outlet*, date, address, note."""
        date = partial_in_words(source.date, self.paper.meta.language) if source.date else ""
        published = ", ".join(p for p in (_emphasis(source.outlet), date) if p)
        pieces = [
            escape(_names([name.natural for name in source.authors])),
            _quoted_title(source.title),
            published,
            f"<{safe_url(source.url)}>" if source.url else "",
            f"Accessed {month_day_year(source.accessed)}" if source.accessed and not source.date else "",
            escape(source.note[:1].upper() + source.note[1:]) if source.note else "",
            f"Grade {escape(source.grade)}" if source.grade else "",
            self.inline_blocks(source.body),
        ]
        entry = " ".join(_sentence(p) for p in pieces if p)
        return entry or escape(display_title(source))

    # --- statements -----------------------------------------------------------------

    def statement(self, statement: ArgumentStatement, level: int = 3) -> str:
        parts = [
            self.heading(level, escape(display_title(statement)), self.anchor[statement.id]),
            self.summary_line(statement),
        ]
        parts.extend(self.block(b) for b in statement.body)
        return "\n\n".join(parts)

    def summary_line(self, statement: ArgumentStatement) -> str:
        """`*Claim (thesis)* · supports [A](#a), [B](#b) · opposes [C](#c)`."""
        kind = statement.kind.capitalize()
        if isinstance(statement, Claim) and statement.role:
            kind = f"{kind} ({escape(statement.role)})"
        parts = [f"*{kind}*"]
        relations = self.graph.relations(statement)
        for name, words in _RELATION_WORDS.items():
            targets = [self.reference_link(r) for r in relations if r.kind == name]
            if targets:
                parts.append(f"{words} {', '.join(targets)}")
        parts.extend(_estimate(statement))
        return " · ".join(parts)

    def reference_link(self, relation: Relation) -> str:
        target = self.graph.statements[relation.target]
        return f"[{escape(display_title(target))}](#{self.anchor[target.id]})"

    # --- prose ----------------------------------------------------------------------

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, List):
            return "\n".join(self.list(block, ""))
        return self.blockquote(block)

    def list(self, node: List, indent: str) -> list[str]:
        """`- item` or `1. item` lines; a nested list is indented to its item's text, as Pandoc reads it."""
        lines: list[str] = []
        for number, item in enumerate(node.items, start=node.start):
            marker = f"{number}. " if node.ordered else "- "
            words = escape_block_start(squash(self.inline(item.children)).strip())
            lines.append(f"{indent}{marker}{words}")
            for sublist in item.lists:
                lines.extend(self.list(sublist, indent + " " * len(marker)))
        return lines

    def paragraph(self, node: Paragraph) -> str:
        # Squashed: a citation adds a space even where the author typed one.
        return escape_block_start(squash(self.inline(node.children)).strip())

    def blockquote(self, node: Blockquote) -> str:
        words = squash(self.inline(node.children)).strip()
        cite = self.citations([node.citation]) if node.citation else ""
        return f"> {escape_block_start(words)}{cite}"

    def inline_blocks(self, blocks: Iterable[Block]) -> str:
        runs = (run for block in blocks for run in block_inlines(block))
        return " ".join(text for text in (self.inline(run).strip() for run in runs) if text)

    def inline(self, nodes: Sequence[Inline]) -> str:
        # Adjacent citations share one bracket: [@a; @b, p. 4].
        return "".join(
            self.citations(item) if isinstance(item, tuple) else self.node(item) for item in citation_runs(nodes)
        )

    def cross_references(self, run: Sequence[Citation]) -> str:
        """`[section 3](#policy)`: a cross-reference as a link named by its target's label."""
        links = []
        for cite in run:
            label = escape(self.references[cite.source])
            target = self.anchor.get(cite.source) or self.element_anchors.get(cite.source)
            links.append(f"[{label}](#{target})" if target else label)
        return " " + ", ".join(links)

    def node(self, node: Inline) -> str:
        if isinstance(node, Text):
            return escape(node.value)
        if isinstance(node, Emphasis):
            return _span("*", self.inline(node.children))
        if isinstance(node, Strong):
            return _span("**", self.inline(node.children))
        if isinstance(node, Link):
            return self.link(node)
        if isinstance(node, Quotation):
            return f"“{self.inline(node.children).strip()}”{self.citations([node.citation])}"
        if isinstance(node, Note):
            return f"^[{self.inline(node.children).strip()}]"  # Pandoc's own inline note
        return self.citations([node])

    def link(self, node: Link) -> str:
        words = self.inline(node.children).strip() or escape(node.url)
        if is_anchor(node.url):
            target = node.url[1:]
            anchor = self.anchor.get(target) or self.element_anchors.get(target)
            return f"[{words}](#{anchor})" if anchor else words
        return f"[{words}]({safe_url(node.url)})"

    def citations(self, run: Sequence[Citation]) -> str:
        if run[0].source in self.references:
            return self.cross_references(run)
        # The space keeps the bracket off the word before it, as the HTML paper does.
        return " [" + "; ".join(_cite(c) for c in run) + "]"


def _estimate(statement: ArgumentStatement) -> list[str]:
    """A judgment's likelihood and confidence (#15) for its summary line: `likely (55-80 %) · moderate confidence`."""
    from argdoc.likelihood import estimate_text

    text = estimate_text(statement.likelihood, statement.confidence) if isinstance(statement, Claim) else None
    return [escape(text)] if text else []


def _cite(citation: Citation) -> str:
    # Pandoc ends a bare key at trailing punctuation; braces keep `@{a-}` whole.
    key = f"@{citation.source}" if citation.source[-1:].isalnum() else f"@{{{citation.source}}}"
    return f"{key}, {escape(citation.locator)}" if citation.locator else key


def _span(marker: str, inner: str) -> str:
    """`*words*`, with surrounding spaces moved outside (Pandoc ignores `* words *`)."""
    core = inner.strip()
    if not core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(lead) + len(core) :]
    return f"{lead}{marker}{core}{marker}{trail}"


def _author(name: str, affiliation: str | None) -> str:
    return f"{name} ({affiliation})" if affiliation else name


def _names(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + f", and {names[-1]}"


def _emphasis(text: str | None) -> str:
    return f"*{escape(text)}*" if text else ""


def _escaped_yaml(value: object) -> Yaml:
    """A CSL value with its strings escaped for Pandoc's Markdown (numbers and structure as they are)."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {key: _escaped_yaml(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_escaped_yaml(inner) for inner in value]
    assert isinstance(value, int)
    return value


def _quoted_title(title: str | None) -> str:
    """`“Title.”`: the period goes inside the closing quote, as in the HTML bibliography."""
    if not title:
        return ""
    text = escape(title)
    return f"“{text}”" if text.endswith(_TERMINAL) else f"“{text}.”"


def _sentence(text: str) -> str:
    plain = text.rstrip("”*>")
    return text if plain.endswith(_TERMINAL) else f"{text}."


def _delimiter_row(table: Table) -> str:
    marks = {"left": ":--", "right": "--:", "center": ":-:", None: "---"}
    return "|" + "|".join(marks[side] for side in table.align) + "|"


def _slug(section: AnyDivision) -> str:
    return re.sub(r"[^\w]+", "-", section.title.lower()).strip("-") or "section"


def render(paper: Paper) -> str:
    """The paper as Pandoc Markdown."""
    return MarkdownRenderer(ArgumentGraph(paper)).render()
