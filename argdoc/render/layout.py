"""Where everything goes: headings, their numbers, anchors, titles, the order of sources.

Layout is worked out here in Python, once per render, so that the templates
only arrange it. Anchors are the statements' own ids (a reader can link to
`paper.html#thesis`); generated anchors step around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from argdoc.nodes import (
    AnyStatement,
    Block,
    Citation,
    Claim,
    Component,
    Inline,
    Note,
    Paper,
    Section,
    Source,
    Tension,
    Text,
)
from argdoc.render.bibliography import bibliography_entry, humanise, internal_link
from argdoc.resolve import citations_in
from argdoc.walk import block_inlines

# Headings for the statements of a paper that are not inside a section, in
# reading order: the argument first, then what it rests on, then its tensions.
_KIND_GROUPS: tuple[tuple[type[AnyStatement], str, str], ...] = (
    (Claim, "argument", "Argument"),
    (Component, "components", "Components"),
    (Tension, "tensions", "Tensions"),
)


@dataclass(frozen=True)
class Group:
    """A numbered heading (h2) with an optional introduction and the statements under it."""

    anchor: str
    title: str
    number: int
    intro: tuple[Block, ...] = ()
    statements: tuple[AnyStatement, ...] = ()


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
    references: dict[str, str]  # id -> how a cross-reference `[@id]` names it ("section 3", a title)

    def link(self, anchor: str) -> Markup:
        """A link to an element of the paper, or the bare id when there is none (a paper with errors).

        Python rather than a macro: statements and sources link to others
        tens of thousands of times in a large paper.
        """
        return internal_link(anchor, self.titles.get(anchor))


def layout(paper: Paper) -> Layout:
    """Decide headings, numbers, anchors, titles and the order of sources."""
    anchors = Anchors({s.id for s in paper.all_statements()} | {s.id for s in paper.sections if s.id})
    roles = {role: anchors.reserve(role) for role in ("summary", "contents", "glance")}
    roles.update((role, anchors.reserve(f"tension-map-{role}")) for role in ("title", "desc", "arrow"))
    sections, closing = _split_closing_sources_section(paper.sections)
    groups = _numbered((*_preamble_groups(paper.statements, anchors), *_section_groups(sections, anchors)))
    roles["notes"] = anchors.reserve("notes")
    roles["sources"] = closing.id if closing is not None and closing.id else anchors.reserve("sources")
    sources = _source_entries(paper, roles["summary"], groups)
    references = reference_labels(paper, groups)
    # Only elements that will exist get a title, so a link never points at nothing.
    titles = {roles["summary"]: "Summary"} if paper.meta.summary else {}
    sources_title = closing.title if closing is not None else "Sources"
    if sources:
        titles[roles["sources"]] = sources_title
    titles.update((group.anchor, group.title) for group in groups)
    titles.update((s.id, display_title(s)) for s in paper.all_statements())
    thesis = find_thesis(paper)
    return Layout(
        anchors=roles,
        groups=groups,
        sources=sources,
        sources_title=sources_title,
        sources_intro=closing.body if closing is not None else (),
        titles=titles,
        thesis=thesis,
        findings=_findings(paper, thesis),
        note_prefix=_note_prefix(anchors.taken),
        has_notes=any(_makes_notes(block, references) for block in paper.all_blocks()),  # stops at the first
        references=references,
    )


# --- cross-references (#14, part A) ------------------------------------------------------
#
# `[@id]` of anything but a source is a cross-reference: it renders as a link
# whose words name the target. A numbered kind is named by this pattern and the
# number the layout gave it; any other (a statement) by its title. A new kind
# of numbered element (a table, a figure, a sub-section, an appendix) adds its
# pattern here and passes its numbers to reference_labels (`numbered`).
NUMBERED_LABELS: dict[str, str] = {
    "section": "section {number}",
}


def reference_labels(
    paper: Paper,
    groups: Iterable[Group] | None = None,
    numbered: Iterable[tuple[str, str, int | str]] = (),
) -> dict[str, str]:
    """How a cross-reference names each id of the paper that is not a source (see NUMBERED_LABELS).

    `groups` are the layout's numbered headings; without them (an export
    that does not lay the paper out), they are worked out as the layout would.
    `numbered` adds other numbered elements as (id, kind, number): a table,
    a figure. An element whose kind has no pattern is named by its title.
    """
    if groups is None:
        sections, _closing = _split_closing_sources_section(paper.sections)
        anchors = Anchors({s.id for s in paper.all_statements()} | {s.id for s in paper.sections if s.id})
        groups = _numbered((*_preamble_groups(paper.statements, anchors), *_section_groups(sections, anchors)))
    section_numbers = {group.anchor: group.number for group in groups}
    labels: dict[str, str] = {s.id: display_title(s) for s in paper.all_statements() if not isinstance(s, Source)}
    # A section outside the numbering (the closing list of sources) is named by its title.
    labels.update((s.id, s.title) for s in paper.sections if s.id is not None)
    numbers = [(s.id, "section", section_numbers[s.id]) for s in paper.sections if s.id in section_numbers]
    for ident, kind, number in (*numbers, *numbered):
        pattern = NUMBERED_LABELS.get(kind)
        if pattern is not None and ident is not None:
            labels[ident] = pattern.format(number=number)
    return labels


def _makes_notes(block: Block, references: Mapping[str, str]) -> bool:
    """Whether a block holds a note: a citation (not a cross-reference), or a remark."""
    return any(cite.source not in references for cite in citations_in((block,))) or any(
        isinstance(node, Note) for run in block_inlines(block) for node in _inline_nodes(run)
    )


def _inline_nodes(nodes: Iterable[Inline]) -> Iterator[Inline]:
    for node in nodes:
        yield node
        if not isinstance(node, Text | Citation):
            yield from _inline_nodes(node.children)


# --- end of cross-references ------------------------------------------------------------


def display_title(statement: AnyStatement) -> str:
    return statement.title or humanise(statement.id)


def find_thesis(paper: Paper) -> Claim | None:
    """The claim marked `role: thesis`; else the first claim that supports and opposes nothing."""
    claims = [s for s in paper.all_statements() if isinstance(s, Claim)]
    marked = [c for c in claims if c.is_marked_thesis]
    roots = marked or [c for c in claims if not c.supports and not c.opposes]
    return roots[0] if roots else None


def _findings(paper: Paper, thesis: Claim | None) -> tuple[str, ...]:
    """The key findings: the thesis and the titled claims that support it directly.

    Claim titles are the author's judgments in headline form, which is what a
    key-findings box holds. A lone thesis is not a list: then there are none.
    """
    if thesis is None:
        return ()
    supporting = [
        c.id
        for c in paper.all_statements()
        if isinstance(c, Claim) and c.title and any(ref.id == thesis.id for ref in c.supports)
    ]
    return (thesis.id, *supporting) if supporting else ()


def _note_prefix(taken: set[str]) -> str:
    """`fn`, unless some id already looks like a note's (`fn-3`, `fn-call-3`): then `fn2`, …"""
    prefix, n = "fn", 1
    while any(re.fullmatch(rf"{prefix}-(call-)?\d+", ident) for ident in taken):
        n += 1
        prefix = f"fn{n}"
    return prefix


def _split_closing_sources_section(sections: Sequence[Section]) -> tuple[Sequence[Section], Section | None]:
    """A last section that holds nothing but sources is the source list's own heading and introduction."""
    if sections and sections[-1].statements and all(isinstance(s, Source) for s in sections[-1].statements):
        return sections[:-1], sections[-1]
    return sections, None


def _numbered(groups: Iterable[Group]) -> tuple[Group, ...]:
    return tuple(Group(g.anchor, g.title, number, g.intro, g.statements) for number, g in enumerate(groups, start=1))


def _preamble_groups(statements: Iterable[AnyStatement], anchors: Anchors) -> Iterator[Group]:
    statements = list(statements)
    for kind, anchor, title in _KIND_GROUPS:
        members = tuple(s for s in statements if isinstance(s, kind))
        if members:
            yield Group(anchors.reserve(anchor), title, 0, statements=members)


def _section_groups(sections: Iterable[Section], anchors: Anchors) -> Iterator[Group]:
    for section in sections:
        # A section's own id was reserved up front; others get a slug of their title.
        anchor = section.id or anchors.reserve(_slug(section.title))
        flow = tuple(s for s in section.statements if not isinstance(s, Source))
        yield Group(anchor, section.title, 0, section.body, flow)


def _slug(title: str) -> str:
    return re.sub(r"[^\w]+", "-", title.lower()).strip("-") or "section"


def _source_entries(paper: Paper, summary_anchor: str, groups: Iterable[Group]) -> tuple[SourceEntry, ...]:
    """Sources in order of first citation, then the uncited ones in the order they were written."""
    sources = {s.id: s for s in paper.all_statements() if isinstance(s, Source)}
    flow = [(summary_anchor, paper.meta.summary)]
    for group in groups:
        flow.append((group.anchor, group.intro))
        flow.extend((statement.id, statement.body) for statement in group.statements)
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
    order.update(dict.fromkeys(sources))
    return tuple(SourceEntry(sources[i], bibliography_entry(sources[i]), tuple(cited_in[i])) for i in order)
