"""Where everything goes: headings, their numbers, anchors, titles, the order of sources.

Layout is worked out here in Python, once per render, so that the templates
only arrange it. Anchors are the statements' own ids (a reader can link to
`paper.html#thesis`); generated anchors step around them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from markupsafe import Markup

from argdoc.cite.styles import DEFAULT_STYLE, Style
from argdoc.nodes import (
    AnyDivision,
    AnyExhibit,
    AnyStatement,
    Appendix,
    Block,
    Chart,
    Citation,
    Claim,
    Component,
    Figure,
    Inline,
    Note,
    Paper,
    Paragraph,
    Section,
    Source,
    Table,
    Tension,
    Text,
)
from argdoc.render.bibliography import bibliography_entry, humanise, internal_link
from argdoc.render.glance import glance
from argdoc.render.locale import words
from argdoc.render.options import View
from argdoc.resolve import citations_in, exhibit_prose
from argdoc.walk import block_inlines

# Headings for the statements of a paper that are not inside a section, in
# reading order: the argument first, then what it rests on, then its tensions.
# Each is (kind, anchor, its word in argdoc.render.locale.WORDS).
_KIND_GROUPS: tuple[tuple[type[AnyStatement], str, str], ...] = (
    (Claim, "argument", "argument"),
    (Component, "components", "components"),
    (Tension, "tensions", "tensions"),
)


@dataclass(frozen=True)
class Group:
    """A numbered heading (h2) with an optional introduction and the statements under it.

    `number` is what the heading shows: `2` for a section, `2.1` for a
    subsection (`level` 3), `A` for an appendix. `flow` is the statements with
    the tables, figures and charts in their places; `subsections` follow it.
    """

    anchor: str
    title: str
    number: str
    intro: tuple[Block, ...] = ()
    statements: tuple[AnyStatement, ...] = ()
    flow: tuple[AnyStatement | AnyExhibit, ...] = ()
    subsections: tuple[Group, ...] = ()
    kind: str = "section"
    level: int = 2


@dataclass(frozen=True)
class SourceEntry:
    """A source in the list at the end, with the anchors of what cites it."""

    source: Source
    reference: Markup
    cited_in: tuple[str, ...]


@dataclass
class Anchors:
    """Element ids. User ids are taken first; generated ones step around them."""

    taken: set[str] = field(default_factory=set)

    def reserve(self, preferred: str) -> str:
        anchor, n = preferred, 1
        while anchor in self.taken:
            n += 1
            anchor = f"{preferred}-{n}"
        self.taken.add(anchor)
        return anchor


@dataclass(frozen=True)
class Layout:
    """Everything the templates need besides the paper itself."""

    anchors: dict[str, str]  # role (summary, contents, glance, notes, sources) -> element id
    groups: tuple[Group, ...]
    sources: tuple[SourceEntry, ...]
    sources_title: str
    sources_intro: tuple[Block, ...]
    titles: dict[str, str]  # anchor -> display title, for every element a link may point at
    thesis: Claim | None
    findings: tuple[str, ...]  # anchors of the key findings, thesis first
    note_prefix: str  # notes are `{prefix}-1`, calls `{prefix}-call-1`
    has_notes: bool  # whether anything the page shows cites a source or holds a remark note
    references: dict[str, str]  # id -> how a cross-reference `[@id]` names it ("section 3", "Table 1", a title)
    # #10 part B. The appendices (lettered groups, after the main text). `labels` is how
    # the text names each numbered element, by its anchor (which is its id): "Table 1",
    # "Figure 2" (charts are figures), "section 3", "section 3.1", "appendix A".
    # `references` holds the same words for the ids, beside the titles of the rest.
    appendices: tuple[Group, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)
    # #11. The view laid out, and in the publication view the thesis that opens the
    # paper unnumbered, before section 1 (when it stands before the first section).
    view: View = "analysis"
    opening: Claim | None = None
    # The recommendations by id, with their numbers, in order; and the anchor of the
    # section with id `recommendations`, where their box stands (else after the findings).
    recommendations: dict[str, int] = field(default_factory=dict)
    recommendations_at: str | None = None

    def link(self, anchor: str) -> Markup:
        """A link to an element of the paper, or the bare id when there is none (a paper with errors).

        Python rather than a macro: statements and sources link to others
        tens of thousands of times in a large paper.
        """
        return internal_link(anchor, self.titles.get(anchor))


def layout(
    paper: Paper, view: View = "analysis", vocabulary: Mapping[str, str] | None = None, style: Style | None = None
) -> Layout:
    """Decide headings, numbers, anchors, titles and the order of sources.

    In the publication view a thesis written before the first section opens the
    paper, without a heading group of its own ("1 Argument" in the analysis
    view), so the author's sections keep their numbers. Exports lay out the
    analysis view, which places every statement under a heading.

    `vocabulary` is the words of the paper's language (argdoc.render.locale.words;
    by default, of `paper.meta.language`): the headings argdoc makes and the
    labels of numbered elements ("Table 1", "Tabelle 1") are in it.

    `style` is the citation style (#12; by default the paper's `style:`): it
    orders the source list, names it when the paper does not ("References" in
    APA), and decides whether citations make notes.
    """
    vocabulary = vocabulary if vocabulary is not None else words(paper.meta.language)
    style = style if style is not None else paper_style(paper)
    user_ids = {s.id for s in paper.all_statements()} | {d.id for d in paper.divisions() if d.id}
    user_ids |= {e.id for e in paper.all_exhibits()}
    if paper.bibliography is not None and paper.bibliography.id:
        user_ids.add(paper.bibliography.id)
    anchors = Anchors(user_ids)
    roles = {role: anchors.reserve(role) for role in ("summary", "contents", "glance")}
    roles.update((role, anchors.reserve(f"tension-map-{role}")) for role in ("title", "desc", "arrow"))
    sections, closing = split_closing_sources_section(paper.sections)
    thesis = find_thesis(paper)
    opening = thesis if view == "publication" and any(s is thesis for s in paper.statements) else None
    preamble = [s for s in paper.statements if s is not opening]
    groups = _numbered((*_preamble_groups(preamble, anchors, vocabulary), *_section_groups(sections, anchors)))
    appendices = _lettered(_section_groups(paper.appendices, anchors))
    roles.update((role, anchors.reserve(role.replace("_", "-"))) for role in ("acknowledgements", "about_authors"))
    roles["recommendations"] = anchors.reserve("recommendations-box")
    roles["notes"] = anchors.reserve("notes")
    bibliography = paper.bibliography or closing
    roles["sources"] = bibliography.id if bibliography is not None and bibliography.id else anchors.reserve("sources")
    sources = _source_entries(paper, roles["summary"], (*groups, *appendices), opening, style)
    # Only elements that will exist get a title, so a link never points at nothing.
    titles = {roles["summary"]: vocabulary["summary"]} if paper.meta.summary else {}
    sources_title = bibliography.title if bibliography is not None else vocabulary[_LIST_WORDS[style.name]]
    if sources:
        titles[roles["sources"]] = sources_title
    every_group = [*_with_subsections(groups), *_with_subsections(appendices)]
    titles.update((group.anchor, group.title) for group in every_group)
    titles.update((s.id, display_title(s)) for s in paper.all_statements())
    # The tension map, when the paper shows one, is Figure 1: the author's figures follow it.
    numbered = _numbering(every_group, paper.all_exhibits(), figures_before=1 if glance(paper, thesis) else 0)
    labels = _number_labels(numbered, vocabulary)
    references = reference_labels(paper, numbered, vocabulary)
    titles.update((e.id, labels[e.id] + (f": {e.title}" if e.title else "")) for e in paper.all_exhibits())
    return Layout(
        anchors=roles,
        groups=groups,
        sources=sources,
        sources_title=sources_title,
        sources_intro=bibliography.body if bibliography is not None else (),
        titles=titles,
        thesis=thesis,
        findings=_findings(paper, thesis),
        note_prefix=_note_prefix(anchors.taken),
        has_notes=any(_makes_notes(block, references, style) for block in paper.all_blocks()),  # stops at the first
        references=references,
        appendices=appendices,
        labels=labels,
        view=view,
        opening=opening,
        recommendations=_recommendations(paper),
        recommendations_at=next((g.anchor for g in groups if g.anchor == "recommendations"), None),
    )


# The word that names the source list in each style, unless the paper names it (`bibliography` heading):
# Chicago notes-bibliography keeps argdoc's "Sources" (CMOS 14.64 allows it); Chicago author-date and APA
# say "References", Cite Them Right "Reference list".
_LIST_WORDS = {
    "chicago-notes-bibliography": "sources",
    "chicago-author-date": "references",
    "apa": "references",
    "harvard-cite-them-right": "reference_list",
}


def paper_style(paper: Paper) -> Style:
    """The paper's own citation style (`style:`, else the default) in its language, with its year letters."""
    from argdoc.cite.styles import style_name

    name = style_name(paper.meta.style or DEFAULT_STYLE) or DEFAULT_STYLE
    sources = (s for s in paper.all_statements() if isinstance(s, Source))
    return Style(name, paper.meta.language).for_sources(sources)


def _with_subsections(groups: Iterable[Group]) -> Iterator[Group]:
    for group in groups:
        yield group
        yield from group.subsections


# --- cross-references (#14, part A; #10, part B) ---------------------------------------
#
# `[@id]` of anything but a source is a cross-reference: it renders as a link
# whose words name the target. A numbered kind is named by the pattern of its
# word in the paper's language (argdoc.render.locale.WORDS: "Table {number}",
# "Tabelle {number}") and the number the layout gave it; any other (a statement)
# by its title. The same words label the numbered elements themselves ("Table 1"
# over a table), so a reference and its target always agree.
NUMBERED_LABELS: dict[str, str] = {
    "section": "section",
    "subsection": "section",
    "appendix": "appendix_reference",
    "table": "table",
    "figure": "figure",  # charts are figures too
}

Numbered = tuple[str, str, int | str]  # (id or anchor, kind, number)


def _numbering(groups: Iterable[Group], exhibits: Iterable[AnyExhibit], figures_before: int) -> list[Numbered]:
    """Each numbered element as (anchor, kind, number): sections 2 and 2.1, appendix A, Table 1, Figure 2."""
    numbered: list[Numbered] = [(g.anchor, g.kind, g.number) for g in groups]
    counts = {"table": 0, "figure": figures_before}
    for exhibit in exhibits:
        kind = "table" if isinstance(exhibit, Table) else "figure"
        counts[kind] += 1
        numbered.append((exhibit.id, kind, counts[kind]))
    return numbered


def _number_labels(numbered: Iterable[Numbered], vocabulary: Mapping[str, str]) -> dict[str, str]:
    return {ident: vocabulary[NUMBERED_LABELS[kind]].format(number=number) for ident, kind, number in numbered}


def reference_labels(
    paper: Paper, numbered: Iterable[Numbered] | None = None, vocabulary: Mapping[str, str] | None = None
) -> dict[str, str]:
    """How a cross-reference names each id of the paper that is not a source (see NUMBERED_LABELS).

    `numbered` is the layout's numbering, as (id, kind, number); without it
    (an export that does not lay the paper out) the paper is laid out for it,
    so that HTML, Markdown and Argdown number every element alike. An element
    outside the numbering is named by its title.
    """
    if numbered is None:
        return layout(paper).references
    labels: dict[str, str] = {s.id: display_title(s) for s in paper.all_statements() if not isinstance(s, Source)}
    # A division outside the numbering (the closing list of sources, the bibliography) is named by its title.
    unnumbered = (*paper.divisions(), *([paper.bibliography] if paper.bibliography is not None else []))
    labels.update((d.id, d.title) for d in unnumbered if d.id is not None)
    labels.update(_number_labels(numbered, vocabulary if vocabulary is not None else words(paper.meta.language)))
    return labels


def _makes_notes(block: Block, references: Mapping[str, str], style: Style) -> bool:
    """Whether a block holds a note: a citation (not a cross-reference) in a notes style, or a remark."""
    cites = style.uses_notes and any(cite.source not in references for cite in citations_in((block,)))
    return cites or any(isinstance(node, Note) for run in block_inlines(block) for node in _inline_nodes(run))


def _inline_nodes(nodes: Iterable[Inline]) -> Iterator[Inline]:
    for node in nodes:
        yield node
        if not isinstance(node, Text | Citation):
            yield from _inline_nodes(node.children)


# --- end of cross-references ------------------------------------------------------------


def typeset(plan: Layout, shown: Callable[[str], str]) -> Layout:
    """`plan` with every title as the reader sees it (`shown`: the paper's typography, #11).

    Headings, the contents, links and cross-references all take their words
    from here; the exports lay out the paper too and keep the words as written.
    """

    def group(g: Group) -> Group:
        return replace(g, title=shown(g.title), subsections=tuple(group(s) for s in g.subsections))

    return replace(
        plan,
        groups=tuple(group(g) for g in plan.groups),
        appendices=tuple(group(g) for g in plan.appendices),
        sources_title=shown(plan.sources_title),
        titles={anchor: shown(title) for anchor, title in plan.titles.items()},
        references={ident: shown(label) for ident, label in plan.references.items()},
    )


def display_title(statement: AnyStatement) -> str:
    return statement.title or humanise(statement.id)


def find_thesis(paper: Paper) -> Claim | None:
    """The claim marked `role: thesis`; else the first claim (not a recommendation) that supports
    and opposes nothing."""
    claims = [s for s in paper.all_statements() if isinstance(s, Claim)]
    marked = [c for c in claims if c.is_marked_thesis]
    roots = marked or [c for c in claims if not c.supports and not c.opposes and not c.is_recommendation]
    return roots[0] if roots else None


# The most findings the generated box lists, the thesis included (#11): a box a busy
# reader stops at, not a second contents.
MAX_FINDINGS = 5


def _findings(paper: Paper, thesis: Claim | None) -> tuple[str, ...]:
    """The generated key findings: the thesis and the titled claims that support it directly.

    Claim titles are the author's judgments in headline form, which is what a
    key-findings box holds; recommendations have their own box. A lone thesis
    is not a list: then there are none. Papers that say what their findings
    are write `key-findings:`, and this list is not shown.
    """
    if thesis is None:
        return ()
    supporting = [
        c.id
        for c in paper.all_statements()
        if isinstance(c, Claim)
        and c.title
        and not c.is_recommendation
        and any(ref.id == thesis.id for ref in c.supports)
    ]
    return (thesis.id, *supporting[: MAX_FINDINGS - 1]) if supporting else ()


def _recommendations(paper: Paper) -> dict[str, int]:
    """The recommendations (`role: recommendation`), numbered 1, 2, ... in the order of the paper."""
    claims = (s for s in paper.all_statements() if isinstance(s, Claim) and s.is_recommendation)
    return {claim.id: number for number, claim in enumerate(claims, start=1)}


def _note_prefix(taken: set[str]) -> str:
    """`fn`, unless some id already looks like a note's (`fn-3`, `fn-call-3`): then `fn2`, …"""
    prefix, n = "fn", 1
    while any(re.fullmatch(rf"{prefix}-(call-)?\d+", ident) for ident in taken):
        n += 1
        prefix = f"fn{n}"
    return prefix


def split_closing_sources_section(sections: Sequence[Section]) -> tuple[Sequence[Section], Section | None]:
    """A last section that holds nothing but sources is the source list's own heading and introduction."""
    if sections and sections[-1].statements and all(isinstance(s, Source) for s in sections[-1].statements):
        return sections[:-1], sections[-1]
    return sections, None


def _numbered(groups: Iterable[Group]) -> tuple[Group, ...]:
    return tuple(_number(g, str(number)) for number, g in enumerate(groups, start=1))


def _lettered(groups: Iterable[Group]) -> tuple[Group, ...]:
    """Appendices: A, B, … (then AA, AB, … past Z, which no brief reaches)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def letter(index: int) -> str:
        return letters[index] if index < 26 else letter(index // 26 - 1) + letters[index % 26]

    return tuple(_number(g, letter(index), "appendix") for index, g in enumerate(groups))


def _number(group: Group, number: str, kind: str = "section") -> Group:
    subsections = tuple(
        replace(sub, number=f"{number}.{index}", kind="subsection", level=3)
        for index, sub in enumerate(group.subsections, start=1)
    )
    return replace(group, number=number, kind=kind, subsections=subsections)


def _preamble_groups(
    statements: Iterable[AnyStatement], anchors: Anchors, vocabulary: Mapping[str, str]
) -> Iterator[Group]:
    statements = list(statements)
    for kind, anchor, word in _KIND_GROUPS:
        members = tuple(s for s in statements if isinstance(s, kind))
        if members:
            yield Group(anchors.reserve(anchor), vocabulary[word], "", statements=members, flow=members)


def _section_groups(sections: Iterable[Section | Appendix], anchors: Anchors) -> Iterator[Group]:
    for section in sections:
        subsections = tuple(_group(sub, anchors) for sub in section.subsections)
        yield replace(_group(section, anchors), subsections=subsections)


def _group(division: AnyDivision, anchors: Anchors) -> Group:
    # A division's own id was reserved up front; others get a slug of their title.
    anchor = division.id or anchors.reserve(_slug(division.title))
    statements = tuple(s for s in division.statements if not isinstance(s, Source))
    flow = tuple(item for item in division.flow() if not isinstance(item, Source))
    return Group(anchor, division.title, "", division.body, statements, flow)


def _slug(title: str) -> str:
    return re.sub(r"[^\w]+", "-", title.lower()).strip("-") or "section"


def _source_entries(
    paper: Paper, summary_anchor: str, groups: Iterable[Group], opening: Claim | None, style: Style
) -> tuple[SourceEntry, ...]:
    """Sources in the style's (alphabetical) order, each with the places that cite it (the "cited in" back-links)."""
    sources = {s.id: s for s in paper.all_statements() if isinstance(s, Source)}
    flow = [(summary_anchor, paper.meta.summary)]
    if opening is not None:
        flow.append((opening.id, opening.body))
    for group in _with_subsections(groups):
        flow.append((group.anchor, group.intro))
        for item in group.flow:
            if isinstance(item, Table | Figure | Chart):
                flow.append((item.id, tuple(Paragraph(children=run) for run in exhibit_prose(item))))
            else:
                flow.append((item.id, item.body))
    notes = [(source.id, source.body) for source in sources.values()]
    # Dicts as ordered sets (a list's `in` made a much-cited source quadratic);
    # they keep insertion order: first citations in the flow, then every source as written.
    cited_in: dict[str, dict[str, None]] = {ident: {} for ident in sources}
    order: dict[str, None] = {}
    for in_flow, pairs in ((True, flow), (False, notes)):
        for anchor, blocks in pairs:
            for cite in citations_in(blocks):
                citers = cited_in.get(cite.source)
                if citers is None:
                    continue
                if in_flow:
                    order.setdefault(cite.source)
                if anchor != cite.source:
                    citers[anchor] = None
    # Every style's list is alphabetical (by its entries' first words), not in order of citation.
    order.update(dict.fromkeys(sources))
    alphabetical = sorted(order, key=lambda ident: style.sort_key(sources[ident]))
    return tuple(
        SourceEntry(sources[i], bibliography_entry(sources[i], style), tuple(cited_in[i])) for i in alphabetical
    )
