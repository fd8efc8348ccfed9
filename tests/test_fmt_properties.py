"""Property tests of the printer: any argument tree prints to text that reads back as the same tree."""

from __future__ import annotations

import datetime
import itertools
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argdoc.cite.kinds import KINDS
from argdoc.cite.names import parse_name
from argdoc.compiler import compile_text
from argdoc.fmt import format_text, print_paper
from argdoc.nodes import (
    Appendix,
    Author,
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
    ListItem,
    Meta,
    Note,
    Paper,
    Paragraph,
    PartialDate,
    Quotation,
    Reference,
    Section,
    Source,
    Strong,
    Subsection,
    Table,
    TableCell,
    TableRow,
    Tension,
    Text,
)

BUDGET = int(os.environ.get("ARGDOC_FUZZ_EXAMPLES", "150"))
KEYWORDS = {"claim", "component", "tension", "source", "section"}

ids = st.from_regex(r"[a-zA-Z\u00e9\u05d0][a-z0-9_-]{0,7}", fullmatch=True).filter(lambda s: s not in KEYWORDS)
simple_word = st.from_regex(r"[A-Za-z0-9\u00e9\u05d0]{1,8}", fullmatch=True)
# Plain prose may hold any of the characters that mean something in markup.
tricky_word = st.from_regex(r"[A-Za-z0-9*\[\]\"\\#>:@()!.,;\u201c\u201d^|+-]{1,8}", fullmatch=True)
line_text = st.lists(simple_word, min_size=1, max_size=6).map(" ".join)
dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31))
# A source's date to any precision: 2024, 2024-03, 2024-03-15, or n.d.
partial_dates = st.just(PartialDate()) | st.builds(
    lambda day, precision: PartialDate(
        year=day.year, month=day.month if precision > 0 else None, day=day.day if precision > 1 else None
    ),
    dates,
    st.integers(0, 2),
)
free_text = st.lists(tricky_word | simple_word, min_size=1, max_size=6).map(" ".join).map(str.strip).filter(bool)


def simple_inline() -> st.SearchStrategy[tuple[Inline, ...]]:
    return line_text.map(lambda t: (Text(value=t),))


citations = st.builds(
    Citation, source=ids, locator=st.none() | st.from_regex(r"(p|pp|para)\. [0-9]{1,3}", fullmatch=True)
)
inline_node: st.SearchStrategy[Inline] = st.one_of(
    free_text.map(lambda t: Text(value=f" {t} ")),
    st.builds(Emphasis, children=simple_inline()),
    st.builds(Strong, children=simple_inline()),
    st.builds(Link, url=ids.map(lambda i: f"https://example.org/{i}"), children=simple_inline()),
    citations,
    st.builds(Quotation, children=simple_inline(), citation=citations),
    st.builds(
        Note,
        children=st.lists(st.one_of(simple_inline(), citations.map(lambda c: (c,))), min_size=1, max_size=3)
        .map(lambda parts: _normalise([Text(value=" ")] + [n for part in parts for n in part]))
        .filter(bool),
    ),
)


def _normalise(nodes: list[Inline]) -> tuple[Inline, ...]:
    """What the parser makes of a sequence: adjacent texts merged, the paragraph's edges trimmed."""
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(value=merged[-1].value + node.value)
        else:
            merged.append(node)
    if merged and isinstance(merged[0], Text):
        merged[0] = Text(value=merged[0].value.lstrip())
    if merged and isinstance(merged[-1], Text):
        merged[-1] = Text(value=merged[-1].value.rstrip())
    return tuple(n for n in merged if not (isinstance(n, Text) and not n.value))


def _writable(nodes: tuple[Inline, ...]) -> bool:
    """Two emphases side by side have no written form (`*a**b*` reads otherwise): not generated."""
    marked = [isinstance(n, Emphasis | Strong) for n in nodes]
    return bool(nodes) and not any(a and b for a, b in itertools.pairwise(marked))


paragraph_children = st.lists(inline_node, min_size=1, max_size=6).map(_normalise).filter(_writable)
paragraphs: st.SearchStrategy[Block] = st.builds(Paragraph, children=paragraph_children)
blockquotes: st.SearchStrategy[Block] = st.builds(
    Blockquote, children=line_text.map(lambda t: (Text(value=t),)), citation=st.none() | citations
)


def _list_of(items: st.SearchStrategy[ListItem]) -> st.SearchStrategy[List]:
    return st.builds(
        List,
        ordered=st.booleans(),
        start=st.integers(min_value=1, max_value=12),
        items=st.lists(items, min_size=1, max_size=3).map(tuple),
    ).map(lambda block: block if block.ordered else block.model_copy(update={"start": 1}))


def _mergeless(blocks: list[Any]) -> bool:
    """Two lists of one kind side by side read back as one list: not generated."""
    return not any(
        isinstance(a, List) and isinstance(b, List) and a.ordered == b.ordered for a, b in itertools.pairwise(blocks)
    )


leaf_items = st.builds(ListItem, children=paragraph_children)
inner_lists = _list_of(leaf_items)
items = st.builds(
    ListItem, children=paragraph_children, lists=st.lists(inner_lists, max_size=2).filter(_mergeless).map(tuple)
)
lists: st.SearchStrategy[Block] = _list_of(items)
bodies = st.lists(paragraphs | blockquotes | lists, max_size=3).filter(_mergeless).map(tuple)
refs = st.lists(ids.map(lambda i: Reference(id=i)), max_size=3).map(tuple)
titles = st.none() | free_text


claims = st.builds(
    Claim, id=ids, title=titles, body=bodies, role=st.none() | st.just("thesis"), supports=refs, opposes=refs
)
components = st.builds(Component, id=ids, title=titles, body=bodies, supports=refs)
tensions = st.builds(Tension, id=ids, title=titles, body=bodies, between=refs, bears_on=refs)
sources = st.builds(
    Source,
    id=ids,
    title=titles,
    body=bodies,
    outlet=st.none() | free_text,
    # #12: names as the tree reads them (fmt must write each back to the same name), partial dates, kinds.
    type=st.none() | st.sampled_from(sorted(KINDS)),
    authors=st.lists(line_text.map(parse_name), max_size=2).map(tuple),
    editors=st.lists(
        st.sampled_from(["Jan von Hasselt", "King, Jr, Martin", "{Ministry of Defence, Estonia}"]).map(parse_name),
        max_size=1,
    ).map(tuple),
    date=st.none() | partial_dates,
    original_date=st.none() | partial_dates,
    volume=st.none() | st.from_regex(r"[0-9]{1,3}", fullmatch=True),
    pages=st.none() | st.from_regex(r"[0-9]{1,3}-[0-9]{1,3}", fullmatch=True),
    url=st.none() | ids.map(lambda i: f"https://example.org/{i}?q=1#part"),
    accessed=st.none() | dates,
    note=st.none() | free_text,
    grade=st.none() | st.from_regex(r"[A-F][1-6]", fullmatch=True),
)
statements = st.lists(claims | components | tensions | sources, max_size=4).map(tuple)


# Exhibits. Table ids start with two capitals, which `ids` never gives: a chart's
# `data:` then names no table (ARG001, not a compile error), so no generated
# chart draws from a table of words (E308).
table_ids = ids.map(lambda i: f"TB{i}")
cells = st.builds(TableCell, children=simple_word.map(lambda w: (Text(value=w),)))


@st.composite
def tables(draw: st.DrawFn) -> Table:
    width = draw(st.integers(min_value=1, max_value=4))
    row = st.lists(cells, min_size=width, max_size=width).map(lambda c: TableRow(cells=tuple(c)))
    return Table(
        id=draw(table_ids),
        title=draw(free_text),
        source=draw(st.just(()) | simple_inline()),
        note=draw(st.just(()) | simple_inline()),
        align=tuple(draw(st.lists(st.sampled_from([None, "left", "center", "right"]), min_size=width, max_size=width))),
        header=draw(row),
        rows=tuple(draw(st.lists(row, max_size=3))),
    )


figures = st.builds(
    Figure,
    id=ids,
    title=free_text,
    image=ids.map(lambda i: f"images/{i}.png"),
    alt=line_text,
    credit=st.just(()) | simple_inline(),
    width=st.none() | st.integers(min_value=1, max_value=100).map(lambda n: f"{n}%"),
)
charts = st.builds(
    Chart,
    id=ids,
    title=free_text,
    type=st.sampled_from(["bar", "line", "stacked-bar"]),
    data=ids.map(lambda i: Reference(id=i)),
    unit=st.none() | line_text,
)


@st.composite
def flows(draw: st.DrawFn) -> dict[str, Any]:
    """A division's statements with exhibits placed among them (`at`: statements before each)."""
    placed = draw(statements)
    exhibits = draw(st.lists(tables() | figures | charts, max_size=2))
    places = sorted(draw(st.lists(st.integers(0, len(placed)), min_size=len(exhibits), max_size=len(exhibits))))
    return {
        "statements": placed,
        "exhibits": tuple(e.model_copy(update={"at": at}) for e, at in zip(exhibits, places, strict=True)),
    }


@st.composite
def divisions(draw: st.DrawFn, kind: type[Section] | type[Appendix] | type[Subsection], nested: bool) -> Any:
    fields: dict[str, Any] = {"id": draw(ids if kind is not Section else st.none() | ids), "title": draw(free_text)}
    fields.update(body=draw(bodies), **draw(flows()))
    if nested:
        fields["subsections"] = tuple(draw(st.lists(divisions(Subsection, nested=False), max_size=1)))
    return kind(**fields)


sections = divisions(Section, nested=True)
appendices = divisions(Appendix, nested=True)
metas = st.builds(
    Meta,
    title=st.none() | free_text,
    subtitle=st.none() | free_text,
    authors=st.lists(st.builds(Author, name=line_text, affiliation=st.none() | line_text), max_size=2).map(tuple),
    organisation=st.none() | free_text,
    date=st.none() | dates,
    series=st.none() | free_text,
    number=st.none() | st.from_regex(r"[0-9]{1,3}", fullmatch=True),
    summary=st.lists(paragraphs | lists, max_size=2).filter(_mergeless).map(tuple),
    language=st.sampled_from(["en-US", "en-GB", "he", "fr"]),
    licence=st.none() | free_text,
    keywords=st.lists(simple_word, max_size=3).map(tuple),
)
papers = st.builds(
    Paper,
    meta=metas,
    statements=statements,
    sections=st.lists(sections, max_size=2).map(tuple),
    appendices=st.lists(appendices, max_size=1).map(tuple),
)


@settings(max_examples=BUDGET, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(papers)
def test_printed_tree_reads_back_as_the_same_tree(paper: Paper) -> None:
    text = print_paper(paper)
    result = compile_text(text, "generated.arg")
    # Lint findings (ARG) and the generated figures' missing image files (E307) say
    # nothing about how the text reads back.
    errors = [d for d in result.diagnostics if d.is_error and not d.code.startswith("ARG") and d.code != "E307"]
    assert errors == [], (text, errors)
    assert result.paper == paper, text
    assert format_text(text, line_length=60) == print_paper(paper, line_length=60)
