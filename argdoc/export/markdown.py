"""A paper as Pandoc Markdown: readable as plain text, convertible with `pandoc --citeproc`.

    ---
    title: "Tensions in Russian - Iranian relations"
    lang: "en-US"
    references: [...]            # the sources as CSL items (argdoc.cite.csl)
    link-citations: true
    ---

    ## Summary {#summary}
    ### Key findings {#key-findings}
    ## The argument at a glance {#glance}
    ![Figure 1. Tension map: ...](paper-tension-map.svg){fig-alt="..."}
    ## Russian Foreign Policy {#policy}
    ### Maintaining Great Power status {#great-power}
    *Component* · supports [Thesis](#thesis)

    Putin recently spoke out ... against Iran. [@haaretz]

    ## Sources {#sources}
    ::: {#refs}
    :::

The layout is the HTML paper's: the summary and key findings (the author's
`key-findings:`, else the ones argdoc finds, as on the page), the tension map
and the tensions at a glance, the statements before the first section grouped
by kind (Argument, Components, Tensions), the sections with their statements,
and one Sources heading with its introduction. Every heading carries an
explicit id, so links between statements work and Pandoc never invents a
clashing one.

Citations are Pandoc's (`[@id, p. 4]`) and the sources are structured CSL
items in the front matter, not text: `pandoc --citeproc --csl apa.csl` then
formats notes, in-text citations and the list (in the refs div under Sources)
in any CSL style. The front matter rather than a CSL-JSON file beside it, so
that the Markdown is one self-contained input (also on standard output) and
its citation keys cannot drift from its references. Pandoc reads metadata
strings as Markdown, so they are escaped like the text.

The tension map is the SVG the HTML page draws. `render` embeds it as a
`data:` URI, so the text stands alone (standard output, a pipe into pandoc,
the Word build); `render_with_map` links it by a file name instead, and hands
back the SVG to write there (`export -o paper.md` writes `paper-tension-map.svg`).

User text is escaped: every ASCII punctuation character Pandoc gives a
meaning to is backslash-escaped, and a paragraph that would open a list is
escaped at its start. Paragraphs are written on one line each.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from pathlib import Path

from argdoc.cite.csl import CslItem, csl_item
from argdoc.cite.styles import Style
from argdoc.export import frontmatter
from argdoc.export.frontmatter import Yaml
from argdoc.export.graph import ArgumentGraph, ArgumentStatement, Relation
from argdoc.export.text import display_title, safe_url
from argdoc.images import data_uri, locate
from argdoc.inline import is_anchor
from argdoc.nodes import (
    AnyDivision,
    AnyExhibit,
    Appendix,
    Bibliography,
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
    Section,
    Source,
    Strong,
    Subsection,
    Table,
    TableRow,
    Tension,
    Text,
)
from argdoc.render.glance import glance
from argdoc.render.language import text_direction
from argdoc.render.layout import Anchors, layout, split_closing_sources_section, typeset
from argdoc.render.locale import Words
from argdoc.render.locale import words as vocabulary_of
from argdoc.render.options import View
from argdoc.render.tension_map import describe, paper_map
from argdoc.render.typography import smarten
from argdoc.walk import citation_runs, opens_sentence, squash

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
# Headings of the statements before the first section, as the HTML paper has them
# (anchor, and the key of its word in argdoc.render.locale).
_KIND_GROUPS: tuple[tuple[type[ArgumentStatement], str], ...] = (
    (Claim, "argument"),
    (Component, "components"),
    (Tension, "tensions"),
)
_RELATION_WORDS = {"supports": "supports", "opposes": "opposes", "between": "between", "bears-on": "bears on"}
# Where pandoc --citeproc puts the formatted list, and the ids it gives its entries.
_REFS_DIV = "::: {#refs}\n:::"
_REF_PREFIX = "ref-"


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
    """The paper as Pandoc Markdown.

    `map_file` is the address written for the tension map (a file beside the
    Markdown); None embeds the map as `data:`. `figures_from` is the paper's
    folder, when figures are to be embedded as `data:` too (read through
    argdoc.images, inside that folder only): the Word build runs pandoc
    sandboxed, reading no file. None keeps each figure's path.
    """

    def __init__(
        self,
        graph: ArgumentGraph,
        *,
        map_file: str | None = None,
        figures_from: Path | None = None,
        view: View = "analysis",
        style: Style | None = None,
        vocabulary: Words | None = None,
    ) -> None:
        self.graph = graph
        self.view = view
        self.paper = graph.paper
        self.map_file = map_file
        self.figures_from = figures_from
        statements = self.paper.all_statements()
        self.sources = [s for s in statements if isinstance(s, Source)]
        # Ids that Pandoc accepts are kept as anchors first; the rest step around them.
        self.anchors = Anchors({s.id for s in statements if _PANDOC_ID.match(s.id)})
        self.anchors.taken.update(s.id for s in self.paper.divisions() if s.id and _PANDOC_ID.match(s.id))
        self.anchors.taken.update(e.id for e in self.paper.all_exhibits() if _PANDOC_ID.match(e.id))
        # The words and the style the page uses (a Word build's --templates words and --style): the
        # list's heading ("Sources", "References") follows the style, as pandoc's list does.
        self.words = vocabulary if vocabulary is not None else vocabulary_of(self.paper.meta.language)
        plan = layout(self.paper, view, self.words, style)
        self.plan = plan
        self.labels = plan.labels  # "Table 1", "Figure 2", as the HTML paper numbers them
        self.anchor = {s.id: s.id if _PANDOC_ID.match(s.id) else self.reserve(s.id) for s in statements}
        # A link to a source leads to its entry in the list pandoc --citeproc writes.
        self.anchor.update((s.id, f"{_REF_PREFIX}{s.id}") for s in self.sources)
        self.glance = glance(self.paper, plan.thesis)
        # The map the HTML page draws, in its screen form (SVG text): a standalone SVG file. Pandoc
        # makes the Markdown's quotes typographic, but not an image's: its titles are typeset here.
        language = self.paper.meta.language
        self.shown = typeset(plan, lambda text: smarten(text, language))
        self.map_svg = None
        if self.glance:
            self.map_svg = str(paper_map(self.glance, self.shown, text_direction(language), self.words))
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
            parts.append(self.heading(2, self.words["summary"], self.reserve("summary")))
            parts.extend(self.block(b) for b in self.paper.meta.summary)
        parts.extend(self.key_findings())
        if self.plan.recommendations_at is None:
            parts.extend(self.recommendations(2))
        parts.extend(self.at_a_glance())
        parts.extend(self.preamble())
        _, closing = split_closing_sources_section(self.paper.sections)
        for section in self.paper.divisions():
            if section is not closing:  # a closing section of sources only is the Sources heading's
                parts.extend(self.section(section))
        parts.extend(self.back_matter())
        parts.extend(self.bibliography(self.paper.bibliography or closing))
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
            # Citations link to their entries in the list (or, in a notes style, the notes do).
            "link-citations": True if self.sources else None,
        }
        return "\n".join(["---", *frontmatter.block(fields), "---"])

    def reference(self, source: Source) -> dict[str, Yaml]:
        """A source as its CSL item, so that `pandoc --citeproc` formats it in any CSL style.

        Pandoc reads the strings of metadata as Markdown, so they are escaped.
        """
        item = pandoc_item(source)
        return {key: _escaped_yaml(value) if key not in {"id", "URL", "DOI"} else value for key, value in item.items()}

    def key_findings(self) -> list[str]:
        """The author's `key-findings:`, else the findings the HTML page lists (argdoc.render.layout), as links."""
        written = self.paper.meta.key_findings
        if not written and not self.plan.findings:
            return []
        level = 3 if self.paper.meta.summary else 2
        parts = [self.heading(level, self.words["key_findings"], self.reserve("key-findings"))]
        if written:
            return parts + [self.block(b) for b in written]
        found = (f"- [{escape(self.plan.titles[a])}](#{self.anchor.get(a, a)})" for a in self.plan.findings)
        return [*parts, "\n".join(found)]

    def recommendations(self, level: int) -> list[str]:
        """The recommendations box, as on the page: each `role: recommendation` claim, numbered, linked."""
        if not self.plan.recommendations:
            return []
        heading = self.heading(level, self.words["recommendations"], self.reserve("recommendations"))
        items = (f"{n}. {self.statement_link(anchor)}" for anchor, n in self.plan.recommendations.items())
        return [heading, "\n".join(items)]

    def back_matter(self) -> list[str]:
        """The authors' acknowledgements and about-the-authors, at the end as on the page."""
        parts: list[str] = []
        for word, body in (
            ("acknowledgements", self.paper.meta.acknowledgements),
            ("about_authors", self.paper.meta.about_authors),
        ):
            if body:
                parts.append(self.heading(2, self.words[word], self.reserve(word.replace("_", "-"))))
                parts.extend(self.block(b) for b in body)
        return parts

    def at_a_glance(self) -> list[str]:
        """The tension map as Figure 1 (as on the HTML page), and the tensions at a glance as a table."""
        if self.map_svg is None:
            return []
        caption = f"{self.words['figure'].format(number=1)}. {escape(self.words['tension_map'])}"
        target = self.map_file or "data:image/svg+xml;base64," + base64.b64encode(self.map_svg.encode()).decode()
        alt = _attribute(describe(self.glance, self.shown.titles))
        figure = f'![{caption}]({target}){{fig-alt="{alt}"}}'
        header = f"| {self.words['tension']} | {self.words['between']} | {self.words['bears_on']} |"
        rows = [header, "|---|---|---|"]
        for row in self.glance.tensions:
            cells = [self.statement_link(row.anchor), "; ".join(map(self.statement_link, row.between))]
            cells.append("; ".join(map(self.statement_link, row.bears_on)) or "—")
            rows.append("| " + " | ".join(cells) + " |")
        table = "\n".join(rows) + f"\n\n: {escape(self.words['tensions_at_a_glance'])}"
        return [self.heading(2, self.words["glance"], self.reserve("glance")), figure, table]

    def statement_link(self, ident: str) -> str:
        return f"[{escape(self.plan.titles[ident])}](#{self.anchor.get(ident, ident)})"

    def preamble(self) -> list[str]:
        statements = self.graph.preamble()
        if self.view == "publication":
            # As on the page: the statements before the first section open the paper under their
            # own titles, with no "Argument"/"Components" heading of argdoc's.
            return [self.statement(s, 2) for s in statements]
        parts: list[str] = []
        for kind, anchor in _KIND_GROUPS:
            members = [s for s in statements if isinstance(s, kind)]
            if members:
                parts.append(self.heading(2, self.words[anchor], self.reserve(anchor)))
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
        if section.id is not None and section.id == self.plan.recommendations_at:
            parts.extend(self.recommendations(level + 1))
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
            notes = [f"{escape(self.words['note'])} {self.inline(exhibit.note).strip()}"] if exhibit.note else []
            if exhibit.source:
                notes.append(f"{escape(self.words['source'])} {self.source_line(exhibit.source)}")
            return "\n\n".join([anchor, "\n".join(rows) + f"\n\n: {caption}", *notes]).lstrip()
        if isinstance(exhibit, Figure):
            credit = f" {self.inline(exhibit.credit).strip()}" if exhibit.credit else ""
            alt = _attribute(exhibit.alt)
            attributes = f'#{exhibit.id} fig-alt="{alt}"' if anchor else f'fig-alt="{alt}"'
            return f"![{caption}.{credit}]({self.image_address(exhibit)}){{{attributes}}}"
        data = self.labels.get(exhibit.data.id)
        source = f" (a {exhibit.type} chart of [{data}](#{exhibit.data.id}))" if data else ""
        return f"{anchor}*{caption}*{source}".lstrip()

    def image_address(self, figure: Figure) -> str:
        """The figure's path as written, or its file as `data:` (when embedding; unreadable: the path)."""
        if self.figures_from is None:
            return figure.image
        where = locate(figure.image, self.figures_from)
        uri = data_uri(where) if isinstance(where, Path) else None
        return uri or figure.image

    def row(self, row: TableRow) -> str:
        return "| " + " | ".join(squash(self.inline(cell.children)).strip() for cell in row.cells) + " |"

    def heading(self, level: int, text: str, anchor: str) -> str:
        return f"{'#' * level} {text} {{#{anchor}}}"

    def bibliography(self, division: Bibliography | Section | None) -> list[str]:
        """One Sources heading (the author's title and introduction, as on the page), and the div where
        pandoc --citeproc writes the list: no second list of argdoc's own."""
        if not self.sources:
            return []
        own = division.id if division is not None and division.id and _PANDOC_ID.match(division.id) else None
        parts = [self.heading(2, escape(self.plan.sources_title), own or self.reserve("sources"))]
        parts.extend(self.block(b) for b in self.plan.sources_intro)
        return [*parts, _REFS_DIV]

    # --- statements -----------------------------------------------------------------

    def statement(self, statement: ArgumentStatement, level: int = 3) -> str:
        title = escape(display_title(statement))
        number = self.plan.recommendations.get(statement.id)
        if number is not None:  # "Recommendation 1: Trade the duties ...", as the page numbers it
            title = f"{escape(self.words['recommendation'].format(number=number))}: {title}"
        parts = [
            self.heading(level, title, self.anchor[statement.id]),
            self.summary_line(statement),
        ]
        parts.extend(self.block(b) for b in statement.body)
        return "\n\n".join(parts)

    def summary_line(self, statement: ArgumentStatement) -> str:
        """`*Claim (thesis)* · supports [A](#a), [B](#b) · opposes [C](#c)`.

        In the publication view only a judgment's likelihood and confidence: the page
        shows no kinds and no relation lines.
        """
        if self.view == "publication":
            return " · ".join(_estimate(statement))
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

    def inline(self, nodes: Sequence[Inline]) -> str:
        # Adjacent citations share one bracket: [@a; @b, p. 4].
        out: list[str] = []
        for item in citation_runs(nodes):
            if isinstance(item, tuple):
                out.append(self.citations(item, opens=opens_sentence("".join(out))))
            else:
                out.append(self.node(item))
        return "".join(out)

    def cross_references(self, run: Sequence[Citation], *, opens: bool = False) -> str:
        """`[section 3](#policy)`: a cross-reference as a link named by its target's label.

        `opens`: the reference opens a sentence, so its label does too ("Section 3 shows").
        """
        links: list[str] = []
        for cite in run:
            label = escape(self.references[cite.source])
            if opens and not links:
                label = label[:1].upper() + label[1:]
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

    def source_line(self, nodes: Sequence[Inline]) -> str:
        """A table's source line, its works named in the sentence as on the page: pandoc's narrative
        citation `@key [p. 4]` gives `European Commission (2024, p. 4)` in the author-date styles,
        the name and a footnote in a notes style (a bracketed citation gave a parenthetical);
        several works in one run are joined by semicolons."""
        parts: list[str] = []
        for item in citation_runs(nodes):
            if not isinstance(item, tuple):
                parts.append(self.inline([item]))
            elif item[0].source in self.references:
                parts.append(self.cross_references(item, opens=opens_sentence("".join(parts))).lstrip())
            else:
                parts.append("; ".join(_narrative(cite) for cite in item))
        return "".join(parts).strip()

    def citations(self, run: Sequence[Citation], *, opens: bool = False) -> str:
        if run[0].source in self.references:
            return self.cross_references(run, opens=opens)
        # The space keeps the bracket off the word before it, as the HTML paper does.
        return " [" + "; ".join(_cite(c) for c in run) + "]"


def _estimate(statement: ArgumentStatement) -> list[str]:
    """A judgment's likelihood and confidence (#15) for its summary line: `likely (55-80 %) · moderate confidence`."""
    from argdoc.likelihood import estimate_text

    text = estimate_text(statement.likelihood, statement.confidence) if isinstance(statement, Claim) else None
    return [escape(text)] if text else []


def pandoc_item(source: Source) -> CslItem:
    """The CSL item (argdoc.cite.csl) the Markdown carries for a source, before escaping.

    argdoc's own `custom` data stays out. An undated work has no `issued`: the
    style then says "n.d." itself, and APA adds the access date as it should
    (given CSL's literal "n.d.", pandoc printed "(n.d., n.d.)").
    """
    item = csl_item(source)
    item.pop("custom", None)
    if item.get("issued") == {"literal": "n.d."}:
        del item["issued"]
    return item


def _cite(citation: Citation) -> str:
    # Pandoc ends a bare key at trailing punctuation; braces keep `@{a-}` whole.
    key = f"@{citation.source}" if citation.source[-1:].isalnum() else f"@{{{citation.source}}}"
    return f"{key}, {escape(citation.locator)}" if citation.locator else key


def _narrative(citation: Citation) -> str:
    """`@key [p. 4]`: a work named in the sentence (pandoc's author-in-text citation)."""
    key = _cite(citation.model_copy(update={"locator": None}))
    return f"{key} [{escape(citation.locator)}]" if citation.locator else key


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


def _attribute(text: str) -> str:
    """Text inside a double-quoted attribute of Pandoc's Markdown: backslashes and quotes escaped."""
    return squash(text).replace("\\", "\\\\").replace('"', '\\"')


def _delimiter_row(table: Table) -> str:
    marks = {"left": ":--", "right": "--:", "center": ":-:", None: "---"}
    return "|" + "|".join(marks[side] for side in table.align) + "|"


def _slug(section: AnyDivision) -> str:
    return re.sub(r"[^\w]+", "-", section.title.lower()).strip("-") or "section"


def render(paper: Paper) -> str:
    """The paper as Pandoc Markdown, standing alone: the tension map is embedded as `data:`."""
    return MarkdownRenderer(ArgumentGraph(paper)).render()


def render_with_map(paper: Paper, map_file: str) -> tuple[str, str | None]:
    """The Markdown linking the tension map as `map_file`, and the map's SVG to write there (None: no map)."""
    renderer = MarkdownRenderer(ArgumentGraph(paper), map_file=map_file)
    return renderer.render(), renderer.map_svg
