"""A paper as one self-contained HTML document (Jinja2).

The document is the single source for both outputs: browsers show it, and
WeasyPrint prints it through the `@media print`/`@page` half of the same
stylesheet. It makes no external requests of any kind: the CSS is inlined, no
fonts, scripts or images are referenced, and a Content-Security-Policy says so.

Layout (which statement goes under which heading, which anchor names what) is
worked out here in Python; the templates only arrange it. Prose bodies are
rendered by `argdoc.render.markup.BodyRenderer`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from argdoc.nodes import AnyStatement, Block, Claim, Component, Paper, Section, Source, Tension
from argdoc.render.bibliography import bibliography_entry, citation_labels, day_month_year, humanise
from argdoc.render.markup import BodyRenderer, plain_text
from argdoc.render.options import PageSize, RenderOptions
from argdoc.resolve import citations_in

# CSS names of the page sizes RenderOptions offers.
_CSS_PAGE_SIZE: dict[PageSize, str] = {"A4": "A4", "Letter": "letter"}

# Headings for the statements of a paper that are not inside a section, in
# reading order: the argument first, then what it rests on, then its tensions.
_KIND_GROUPS: tuple[tuple[type[AnyStatement], str, str], ...] = (
    (Claim, "argument", "Argument"),
    (Component, "components", "Components"),
    (Tension, "tensions", "Tensions"),
)


@dataclass(frozen=True)
class Group:
    """A heading (h2) with an optional introduction and the statements under it."""

    anchor: str
    title: str
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

    summary_anchor: str
    sources_anchor: str
    groups: tuple[Group, ...]
    sources: tuple[SourceEntry, ...]
    titles: dict[str, str]  # anchor -> display title, for every element a link may point at


def layout(paper: Paper) -> Layout:
    """Decide headings, anchors, titles and the order of sources."""
    anchors = Anchors({s.id for s in paper.all_statements()} | {s.id for s in paper.sections if s.id})
    summary_anchor = anchors.reserve("summary")
    groups = (*_preamble_groups(paper.statements, anchors), *_section_groups(paper.sections, anchors))
    sources_anchor = anchors.reserve("sources")
    sources = _source_entries(paper, summary_anchor, groups)
    # Only elements that will exist get a title, so a link never points at nothing.
    titles = {summary_anchor: "Summary"} if paper.meta.summary else {}
    if sources:
        titles[sources_anchor] = "Sources"
    titles.update((group.anchor, group.title) for group in groups)
    titles.update((s.id, display_title(s)) for s in paper.all_statements())
    return Layout(summary_anchor, sources_anchor, groups, sources, titles)


def display_title(statement: AnyStatement) -> str:
    return statement.title or humanise(statement.id)


def _preamble_groups(statements: Iterable[AnyStatement], anchors: Anchors) -> Iterator[Group]:
    statements = list(statements)
    for kind, anchor, title in _KIND_GROUPS:
        members = tuple(s for s in statements if isinstance(s, kind))
        if members:
            yield Group(anchors.reserve(anchor), title, statements=members)


def _section_groups(sections: Iterable[Section], anchors: Anchors) -> Iterator[Group]:
    for section in sections:
        # A section's own id was reserved up front; others get a slug of their title.
        anchor = section.id or anchors.reserve(_slug(section.title))
        flow = tuple(s for s in section.statements if not isinstance(s, Source))
        yield Group(anchor, section.title, section.body, flow)


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
    cited_in: dict[str, list[str]] = {ident: [] for ident in sources}
    for anchor, blocks in (*flow, *notes):
        for cite in citations_in(blocks):
            citers = cited_in.get(cite.source)
            if citers is not None and anchor not in citers and anchor != cite.source:
                citers.append(anchor)
    # Dicts keep insertion order: first citations in the flow, then every source as written.
    order = dict.fromkeys(cite.source for _, blocks in flow for cite in citations_in(blocks) if cite.source in sources)
    order.update(dict.fromkeys(sources))
    return tuple(SourceEntry(sources[i], bibliography_entry(sources[i]), tuple(cited_in[i])) for i in order)


# --- Jinja --------------------------------------------------------------------------


@functools.cache
def environment() -> Environment:
    """The one Jinja environment of the process: autoescaping everything, strict about names."""
    env = Environment(
        loader=PackageLoader("argdoc.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = day_month_year
    return env


@functools.cache
def stylesheet() -> str:
    return (resources.files("argdoc.render") / "static" / "paper.css").read_text(encoding="utf-8")


def page_rule(page_size: PageSize) -> str:
    """The one print rule that depends on the options: the sheet size."""
    return f"@page {{ size: {_CSS_PAGE_SIZE[page_size]}; }}\n"


def render_html(paper: Paper, options: RenderOptions | None = None) -> str:
    """The paper as one self-contained HTML document."""
    options = options or RenderOptions()
    meta = paper.meta
    plan = layout(paper)
    sources = [entry.source for entry in plan.sources]
    authors = [author.name for author in meta.authors] or ([meta.organisation] if meta.organisation else [])
    # The stylesheet is our own file, not user input: it is trusted as markup.
    css = Markup(stylesheet() + page_rule(options.page_size))
    template = environment().get_template("paper.html.j2")
    return template.render(
        meta=meta,
        title=meta.title or options.fallback_title,
        author_names=authors,
        description=plain_text(meta.summary) or meta.subtitle or "",
        layout=plan,
        titles=plan.titles,
        render=BodyRenderer(citation_labels(sources)),
        css=css,
    )
