"""HTML rendering: escaping of every user field, document structure, layout and sources."""

from __future__ import annotations

import base64
import datetime
import hashlib
import itertools
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from argdoc.cite.dates import parse_partial_date
from argdoc.cite.names import parse_name
from argdoc.compiler import compile_text
from argdoc.nodes import Link, Paper, Paragraph, Source, Text
from argdoc.render.bibliography import bibliography_entry
from argdoc.render.html import print_document, render_html
from argdoc.render.options import RenderOptions

from .conftest import fold_quotes

SAMPLE = """\
title: Tensions in Russian - Iranian relations
subtitle: A brief
author: Jane Smith (Example University)
author: John Doe
organisation: The Reut Institute
date: 2007-03-20
series: Reut Briefs
number: 12
keywords: Russia, Iran
summary:
    Statements by *Ivanov* reflect tensions [@interfax].

claim thesis "Ivanov's statements pull in two directions":
    Two statements by Ivanov [@interfax, p. 4]. He said "the possible acquisition"[@interfax].

    > A block quotation, attributed. [@interfax]

section policy "Russian Foreign Policy":
    Russia's foreign policy is made up of four components.

component great-power "Maintaining Great Power status":
    supports: thesis
    Putin spoke out against **US unilateralism**; see [the report](https://example.org/r).

component sovereignty:
    supports: thesis
    Text [@haaretz; @xinhua, p. 2].

tension political "Political and Military Sphere":
    between: great-power, sovereignty
    bears-on: thesis
    Text.

source interfax "Ivanov on Iran":
    outlet: Interfax Politics
    author: Ivan Petrov
    date: 2007-03-18
    url: https://interfax.example/1
    note: full text

source haaretz:
    outlet: Haaretz
    date: 2007-03-20

source xinhua "Russia and China":
    outlet: China View
    accessed: 2007-03-19

source unused "Never cited":
    outlet: Nobody
"""

# The same statements without sections, written tensions-first: the renderer orders them.
UNSECTIONED = """\
title: Flat
tension t "A tension":
    between: a, b
    bears-on: thesis
component a "First component":
    supports: thesis
component b "Second component":
    supports: thesis
claim thesis "The thesis":
    Text [@src].
source src:
    outlet: Outlet
"""


def compile_paper(text: str, *, errors_allowed: bool = False) -> Paper:
    result = compile_text(text)
    assert result.paper is not None
    if not errors_allowed:
        assert [d for d in result.diagnostics if d.is_error] == []
    return result.paper


VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})


@dataclass
class Page(HTMLParser):
    """What a test needs from a rendered document: elements, attributes, text."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    _open: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if tag not in VOID_ELEMENTS:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        current = self._open[-1] if self._open else ""
        if current == "title" and "head" in self._open:  # not the tension map's SVG <title>
            self.titles.append(data)
        if current != "style":
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def ids(self) -> list[str]:
        return [attrs["id"] for _, attrs in self.tags if "id" in attrs]

    def headings(self) -> list[int]:
        return [int(name[1]) for name, _ in self.tags if name in ("h1", "h2", "h3", "h4", "h5", "h6")]

    def plain(self) -> str:
        return " ".join("".join(self.text).split())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


# --- escaping -------------------------------------------------------------------------

# Parentheses are not allowed in an author's name (they hold the affiliation), so
# the payload calls alert with backticks; `*` is escaped where prose is parsed.
ATTACK = '<script>alert`1`</script>"><img src=x onerror=alert`1`>{{ 7*7 }}'
IN_PROSE = ATTACK.replace("*", "\\*")
IN_STRING = IN_PROSE.replace('"', '\\"')
# A quotation cannot contain a straight double quote: it would end the quotation.
IN_QUOTE = IN_PROSE.replace('"', "")

HOSTILE = f"""\
title: {ATTACK}
subtitle: {ATTACK}
author: {ATTACK} ({ATTACK})
organisation: {ATTACK}
date: 2007-03-20
series: {ATTACK}
number: {ATTACK}
licence: {ATTACK}
keywords: {ATTACK}, second
summary:
    {IN_PROSE} *{IN_PROSE}* [@src, {IN_PROSE}]

section "{IN_STRING}":
    {IN_PROSE}

claim thesis "{IN_STRING}":
    {IN_PROSE} **{IN_PROSE}** [{IN_PROSE}](https://ok.example/) [@src, {IN_PROSE}]

    "{IN_QUOTE}"[@src]

    > {IN_PROSE} [@src, {IN_PROSE}]

component part "{IN_STRING}":
    supports: thesis
    [click](javascript:alert`1`)

tension strain "{IN_STRING}":
    between: part, thesis
    bears-on: thesis
    *{IN_PROSE}*

source src "{IN_STRING}":
    outlet: {ATTACK}
    author: {ATTACK}
    note: {ATTACK}
    url: https://evil.example/"><script>alert`1`</script>
    {IN_PROSE}
"""


def hostile_paper() -> Paper:
    """HOSTILE, plus what the language refuses but a tree built in Python may still hold."""
    paper = compile_paper(HOSTILE, errors_allowed=True)
    meta = paper.meta.model_copy(update={"language": f'en"{ATTACK}'})
    unsafe_link = Paragraph(children=(Link(url="javascript:alert(1)", children=(Text(value=ATTACK),)),))
    extra_source = Source(
        id="js",
        title=ATTACK,
        url="javascript:alert(1)",
        accessed=datetime.date(2020, 1, 1),
        body=(unsafe_link,),
    )
    return paper.model_copy(update={"meta": meta, "statements": (*paper.statements, extra_source)})


def test_hostile_text_in_every_field_comes_out_escaped() -> None:
    html = render_html(hostile_paper())
    page = parse(html)
    assert "<script" not in html.lower()
    assert page.all("script") == []
    assert page.all("img") == []
    for _, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on")], attrs
        assert "src" not in attrs
    for attrs in page.all("a"):
        assert not attrs.get("href", "").strip().lower().startswith("javascript:")
    # The text survives, as text, in every place it was written (its straight
    # quotes set as the language's curly ones, #11), and the template syntax
    # inside it is never evaluated.
    text = page.plain()
    assert fold_quotes(text).count(ATTACK) >= 20
    assert "{{ 7*7 }}" in html
    assert "49" not in text


def test_hostile_url_stays_inside_its_attribute() -> None:
    page = parse(render_html(hostile_paper()))
    hrefs = [attrs["href"] for attrs in page.all("a") if attrs.get("href", "").startswith("https://evil")]
    # Once in the source list, once in the note that first cites the source.
    assert hrefs == ['https://evil.example/"><script>alert`1`</script>'] * 2


def test_hostile_text_cannot_leave_the_running_head_string() -> None:
    import tinycss2

    from argdoc.render.html import print_document

    paper = hostile_paper()
    html = print_document(paper).html
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "</" not in style
    strings = [token.value for token in _tokens(tinycss2.parse_stylesheet(style)) if token.type == "string"]
    series = paper.meta.series
    assert series in strings  # the text comes back whole, as one CSS string
    assert any(text.startswith(ATTACK[:40]) for text in strings)


def _tokens(nodes: list[Any]) -> Iterator[Any]:
    """Every token of a parsed stylesheet, depth first."""
    for node in nodes:
        yield node
        for attribute in ("prelude", "content"):
            yield from _tokens(getattr(node, attribute, None) or [])


def test_language_is_escaped_in_the_lang_attribute() -> None:
    page = parse(render_html(hostile_paper()))
    assert page.all("html")[0]["lang"] == f'en"{ATTACK}'


# --- structure --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_html() -> str:
    return render_html(compile_paper(SAMPLE))


@pytest.fixture(scope="module")
def sample(sample_html: str) -> Page:
    return parse(sample_html)


def test_document_head_carries_language_title_and_metadata(sample: Page) -> None:
    assert sample.all("html")[0]["lang"] == "en-US"
    assert sample.titles == ["Tensions in Russian - Iranian relations"]
    metas = {attrs.get("name"): attrs["content"] for attrs in sample.all("meta") if "name" in attrs}
    assert metas["description"] == "Statements by Ivanov reflect tensions."
    assert metas["keywords"] == "Russia, Iran"
    assert metas["dcterms.created"] == metas["dcterms.modified"] == "2007-03-20"
    authors = [attrs["content"] for attrs in sample.all("meta") if attrs.get("name") == "author"]
    assert authors == ["Jane Smith", "John Doe"]


def test_content_security_policy_allows_only_the_one_stylesheet_by_hash(sample_html: str, sample: Page) -> None:
    [csp] = [a for a in sample.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    style = sample_html.split("<style>", 1)[1].split("</style>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert csp["content"] == (
        f"default-src 'none'; style-src 'sha256-{digest}'; font-src data:; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    assert len(sample.all("style")) == 1
    assert not any("style" in attrs for _, attrs in sample.tags)  # no style attribute the CSP would block


def test_document_is_self_contained(sample_html: str, sample: Page) -> None:
    assert sample.all("link") == [] and sample.all("script") == [] and sample.all("img") == []
    assert not any("src" in attrs for _, attrs in sample.tags)
    style = sample_html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@import" not in style
    # The only URLs are the inlined fonts.
    urls = re.findall(r"url\(([^)]*)\)", style)
    assert urls and all(url.startswith('"data:font/woff2;base64,') for url in urls)
    external = [a["href"] for a in sample.all("a") if not a["href"].startswith("#")]
    # The source's address: in its first note and in the source list.
    assert sorted(external) == ["https://example.org/r", "https://interfax.example/1", "https://interfax.example/1"]
    for attrs in sample.all("a"):
        if not attrs["href"].startswith("#"):
            assert attrs["rel"] == "noopener noreferrer"


def test_landmarks_and_heading_levels(sample: Page) -> None:
    assert len(sample.all("header")) == 1
    assert len(sample.all("main")) == 1
    levels = sample.headings()
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_every_statement_and_source_is_an_anchor(sample: Page) -> None:
    ids = sample.ids()
    assert len(ids) == len(set(ids))
    for ident in ("thesis", "great-power", "sovereignty", "political", "policy", "sources"):
        assert ident in ids
    for ident in ("interfax", "haaretz", "xinhua", "unused"):
        assert ident in ids
    articles = {a["id"]: a["class"] for a in sample.all("article")}
    assert articles["thesis"] == "statement claim opening"  # the publication view's opening
    assert articles["great-power"] == "statement component"
    assert articles["political"] == "statement tension"


def test_every_internal_link_points_at_an_element(sample: Page) -> None:
    ids = set(sample.ids())
    internal = [a["href"][1:] for a in sample.all("a") if a["href"].startswith("#")]
    assert internal
    assert set(internal) <= ids


def test_title_block(sample: Page) -> None:
    text = sample.plain()
    for expected in (
        "Reut Briefs · No. 12",
        "A brief",
        "Jane Smith, Example University",
        "The Reut Institute · March 20, 2007",  # the paper is en-US (the default): so is its date
    ):
        assert expected in text


def test_relations_and_kind_labels() -> None:
    analysis = render_html(compile_paper(SAMPLE), RenderOptions(view="analysis"))
    page = parse(analysis)
    text = page.plain()
    assert "Thesis Ivanov’s statements pull in two directions" in text
    assert "Supports: Ivanov’s statements pull in two directions" in text
    assert "Between: Maintaining Great Power status · Sovereignty" in text
    assert "Bears on: Ivanov’s statements pull in two directions" in text
    assert '<a href="#great-power">Maintaining Great Power status</a>' in analysis


def test_publication_view_has_no_kind_labels_or_relation_lines(sample_html: str, sample: Page) -> None:
    text = sample.plain()
    for words in ("Supports:", "Between:", "Bears on:", "Opposes:"):
        assert words not in text
    assert 'class="kind"' not in sample_html and 'class="relation"' not in sample_html
    # The titles still head their statements, and the links between them live in the tensions table.
    assert "<h3>Maintaining Great Power status</h3>" in sample_html
    assert '<a href="#great-power">Maintaining Great Power status</a>' in sample_html


def test_publication_view_opens_with_the_thesis_unnumbered(sample_html: str) -> None:
    main = sample_html.split("<main>", 1)[1]
    opening = main.index('<article class="statement claim opening" id="thesis">')
    assert opening < main.index('id="policy"')
    # No section of its own: the author's first section is section 1.
    assert 'id="argument"' not in main
    assert '<span class="section-number">1</span> Russian Foreign Policy' in main


def test_view_comes_from_the_option_then_the_header() -> None:
    analysis_paper = compile_paper("view: analysis\n" + SAMPLE)
    assert 'class="kind"' in render_html(analysis_paper)
    assert 'class="kind"' not in render_html(analysis_paper, RenderOptions(view="publication"))
    assert 'class="kind"' in render_html(compile_paper(SAMPLE), RenderOptions(view="analysis"))
    with pytest.raises(ValueError, match="unknown view"):
        RenderOptions(view="draft")  # type: ignore[arg-type]


def test_citations_are_endnotes_with_back_links(sample_html: str, sample: Page) -> None:
    calls = [a for a in sample.all("a") if a.get("role") == "doc-noteref"]
    backlinks = [a for a in sample.all("a") if a.get("role") == "doc-backlink"]
    assert [a["href"] for a in calls] == [f"#fn-{n}" for n in range(1, 6)]
    assert [a["href"] for a in backlinks] == [f"#fn-call-{n}" for n in range(1, 6)]
    assert [a["id"] for a in calls] == [b["href"][1:] for b in backlinks]
    [endnotes] = [a for a in sample.all("section") if a.get("role") == "doc-endnotes"]
    assert endnotes["id"] == "notes"
    # The call hangs on the word before it, and no note text stands in the flow.
    assert (
        'tensions<sup class="note-call"><a href="#fn-1" id="fn-call-1" role="doc-noteref">1</a></sup>.' in sample_html
    )
    assert "(Interfax Politics" not in sample_html


def test_notes_cite_in_full_first_then_short(sample: Page) -> None:
    text = sample.plain()
    full = "Ivan Petrov, “Ivanov on Iran,” Interfax Politics, March 18, 2007, https://interfax.example/1."
    short = "Petrov, “Ivanov on Iran.”"
    assert f"Notes {full} ↩ Petrov, “Ivanov on Iran,” 4. ↩ {short} ↩ {short} ↩" in text
    # Adjacent citations share one note, joined by a semicolon; pages lose their "p.";
    # an unsigned source is led by its outlet.
    assert "Haaretz, March 20, 2007; “Russia and China,” China View, accessed March 19, 2007, 2. ↩ Sources" in text


def test_quotations_and_block_quotations(sample_html: str) -> None:
    assert '<q>the possible acquisition</q><sup class="note-call">' in sample_html
    # A block quotation names its source's author, and carries the note.
    assert '<blockquote><p>A block quotation, attributed.</p><footer>— <cite class="citation">' in sample_html
    assert '<a href="#interfax">Ivan Petrov</a></cite><sup class="note-call">' in sample_html


def test_section_intro_and_summary_render(sample: Page) -> None:
    text = sample.plain()
    assert "Russia’s foreign policy is made up of four components." in text
    assert "Summary Statements by Ivanov reflect tensions" in text


def test_sources_in_alphabetical_order_without_numbers(sample: Page) -> None:
    """Chicago's bibliography: alphabetical by the entries' first words, in an unnumbered list (#12)."""
    entries = [a for a in sample.all("li") if a.get("class") == "source"]
    # China View, Haaretz, Nobody, Petrov:
    assert [a["id"] for a in entries] == ["xinhua", "haaretz", "unused", "interfax"]
    assert {"class": "bibliography"} in sample.all("ul")
    text = sample.plain()
    assert (
        "Petrov, Ivan. “Ivanov on Iran.” Interfax Politics, March 18, 2007. https://interfax.example/1. Full text."
        in text
    )
    assert "Cited in: Summary; Ivanov’s statements pull in two directions" in text
    assert "Cited in: Sovereignty" in text


def test_sources_are_not_rendered_in_the_flow(sample: Page) -> None:
    assert {a["id"] for a in sample.all("article")} == {"thesis", "great-power", "sovereignty", "political"}


def test_paper_without_sections_orders_claims_components_tensions() -> None:
    page = parse(render_html(compile_paper(UNSECTIONED), RenderOptions(view="analysis")))
    h2 = [attrs.get("id") for attrs in page.all("section")]
    assert h2 == ["glance", "argument", "components", "tensions", "notes", "sources"]
    assert [a["id"] for a in page.all("article")] == ["thesis", "a", "b", "t"]
    # In the publication view the thesis opens the paper; the rest keep their groups.
    page = parse(render_html(compile_paper(UNSECTIONED)))
    sections = [attrs.get("id") for attrs in page.all("section")]
    assert sections == ["glance", "components", "tensions", "notes", "sources"]
    assert [a["id"] for a in page.all("article")] == ["thesis", "a", "b", "t"]


def test_untitled_statement_and_paper_fall_back() -> None:
    paper = compile_paper("claim the_main-point:\n    Text.\n")
    page = parse(render_html(paper, RenderOptions(fallback_title="report", view="analysis")))
    assert page.titles == ["report"]
    assert "The main point" in page.plain()
    assert page.all("h1")
    # The publication view opens with an untitled thesis as text, without a made-up heading.
    page = parse(render_html(paper, RenderOptions(fallback_title="report")))
    assert "The main point" not in page.plain() and "Text." in page.plain()


def test_generated_anchors_step_around_user_ids() -> None:
    paper = compile_paper("claim sources:\n    Text [@summary].\nsource summary:\n    outlet: Outlet\n")
    page = parse(render_html(paper))
    ids = page.ids()
    assert len(ids) == len(set(ids))
    assert {"sources", "summary", "sources-2"} <= set(ids)


def test_dangling_citation_renders_without_a_link() -> None:
    paper = compile_paper("claim c:\n    Text [@nowhere].\n", errors_allowed=True)
    html = render_html(paper)
    assert '<span class="missing">nowhere</span>' in html
    assert 'href="#nowhere"' not in html


def test_page_size_rule_follows_the_options() -> None:
    paper = compile_paper(UNSECTIONED)
    assert (
        '@page { size: A4; margin: 24mm 20mm 24mm; @top-right { content: "Flat"; } '
        '@bottom-center { content: "Page " counter(page) " of " counter(pages); } }'
    ) in render_html(paper)
    assert "@page { size: letter;" in render_html(paper, RenderOptions(page_size="Letter"))


def test_rendering_is_deterministic() -> None:
    paper = compile_paper(SAMPLE)
    assert render_html(paper) == render_html(compile_paper(SAMPLE))


# --- bibliography -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {
                "title": "Title of the Article",
                "outlet": "The Guardian",
                "authors": ("Jane Smith",),
                "date": datetime.date(2025, 3, 4),
                "url": "https://g.example/a",
            },
            "Smith, Jane. “Title of the Article.” <cite>The Guardian</cite>, March 4, 2025. "
            '<a href="https://g.example/a" rel="noopener noreferrer">https://g.example/a</a>.',
        ),
        (
            {"title": "Why?", "outlet": "Haaretz", "date": datetime.date(2007, 3, 20)},
            "<cite>Haaretz</cite>. “Why?” March 20, 2007.",
        ),
        (
            {"title": "Undated", "accessed": datetime.date(2007, 3, 19), "note": "full text"},
            "“Undated.” Accessed March 19, 2007. Full text.",
        ),
        (
            {"authors": ("Ann Lee", "Bo Chen"), "outlet": "Journal"},
            "Lee, Ann, and Bo Chen. <cite>Journal</cite>.",
        ),
        ({}, "Bare id."),
        ({"url": "javascript:alert(1)"}, "Bare id. javascript:alert(1)."),
    ],
)
def test_bibliography_entries_follow_chicago(fields: dict[str, object], expected: str) -> None:
    assert str(bibliography_entry(_source(fields))) == expected


def _source(fields: dict[str, object]) -> Source:
    """A source from plain values: names as written, dates as dates (the model's structured forms)."""
    values = dict(fields)
    if "authors" in values:
        values["authors"] = tuple(parse_name(str(name)) for name in values["authors"])  # type: ignore[attr-defined]
    if isinstance(values.get("date"), datetime.date):
        values["date"] = parse_partial_date(values["date"].isoformat())  # type: ignore[union-attr]
    return Source(id="bare-id", **values)


# --- notes (Chicago notes-bibliography, note forms) ----------------------------------------

GUARDIAN = {
    "title": "Title of the Article",
    "outlet": "The Guardian",
    "authors": ("Jane Smith",),
    "date": datetime.date(2025, 3, 4),
    "url": "https://g.example/a",
}
LINK = '<a href="https://g.example/a" rel="noopener noreferrer">https://g.example/a</a>'


@pytest.mark.parametrize(
    ("fields", "locator", "full", "short"),
    [
        (
            GUARDIAN,
            None,
            f"Jane Smith, “Title of the Article,” <cite>The Guardian</cite>, March 4, 2025, {LINK}.",
            "Smith, “Title of the Article.”",
        ),
        (
            GUARDIAN,
            "pp. 3-5",
            f"Jane Smith, “Title of the Article,” <cite>The Guardian</cite>, March 4, 2025, 3\u20135, {LINK}.",
            "Smith, “Title of the Article,” 3\u20135.",
        ),
        (  # no author: the title stands first in a note (citeproc-js, Chicago 18th)
            {"title": "Why?", "outlet": "Haaretz", "date": datetime.date(2007, 3, 20)},
            "p. 2",
            "“Why?” <cite>Haaretz</cite>, March 20, 2007, 2.",
            "<cite>Haaretz</cite>, “Why?” 2.",
        ),
        (  # neither author nor title
            {"outlet": "Haaretz", "date": datetime.date(2007, 3, 20), "note": "full text"},
            None,
            "<cite>Haaretz</cite>, March 20, 2007.",
            "<cite>Haaretz</cite>, March 20, 2007.",
        ),
        (  # undated: the access date
            {"title": "Undated", "accessed": datetime.date(2007, 3, 19)},
            "§ 3.2",
            "“Undated,” accessed March 19, 2007, § 3.2.",
            "“Undated,” § 3.2.",
        ),
        (  # dated: the access date is kept in the tree, not printed
            {"title": "Dated", "date": datetime.date(2007, 3, 19), "accessed": datetime.date(2020, 1, 1)},
            None,
            "“Dated,” March 19, 2007.",
            "“Dated.”",
        ),
        (
            {"title": "A Study: With a Subtitle", "authors": ("Ann Lee", "Bo Chen"), "outlet": "Journal"},
            None,
            "Ann Lee and Bo Chen, “A Study: With a Subtitle,” <cite>Journal</cite>.",
            "Lee and Chen, “A Study: With a Subtitle.”",
        ),
        (
            {"title": "T", "authors": ("Ann Lee", "Bo Chen", "Cy Wu", "Di Ma")},
            "p. 9",
            "Ann Lee, Bo Chen, Cy Wu, and Di Ma, “T,” 9.",
            "Lee et al., “T,” 9.",
        ),
        (  # an institution is not inverted, nor cut to a "surname"
            {"title": "Report", "authors": ("European Commission",), "date": datetime.date(2025, 2, 26)},
            None,
            "European Commission, “Report,” February 26, 2025.",
            "European Commission, “Report.”",
        ),
        ({}, "p. 4", "Bare id, 4.", "Bare id, 4."),
        ({"url": "javascript:alert(1)"}, None, "Bare id, javascript:alert(1).", "Bare id."),
    ],
)
def test_note_entries_follow_chicago(fields: dict[str, object], locator: str | None, full: str, short: str) -> None:
    from argdoc.render.bibliography import note_entry

    source = _source(fields)
    assert str(note_entry(source, locator)) == full
    assert str(note_entry(source, locator, short=True)) == short


def test_an_institution_leads_the_bibliography_uninverted() -> None:
    source = _source({"title": "Tensions", "authors": ("The Reut Institute",), "date": datetime.date(2007, 3, 20)})
    assert str(bibliography_entry(source)) == "The Reut Institute. “Tensions.” March 20, 2007."


# --- front matter -----------------------------------------------------------------------------

CARBON = Path(__file__).resolve().parent.parent / "examples" / "carbon-border-tax.arg"


@pytest.fixture(scope="module")
def carbon_html() -> str:
    return render_html(compile_paper(CARBON.read_text(encoding="utf-8")))


def test_doi_and_permalink_from_the_options(sample: Page) -> None:
    options = RenderOptions(doi="10.1234/reut.2007.12", permalink="https://reut.example/p/12")
    html = render_html(compile_paper(SAMPLE), options)
    page = parse(html)
    text = page.plain()
    assert "DOI: 10.1234/reut.2007.12 · https://reut.example/p/12" in text
    hrefs = [a["href"] for a in page.all("a")]
    assert "https://doi.org/10.1234/reut.2007.12" in hrefs and "https://reut.example/p/12" in hrefs
    assert page.all("link") == [{"rel": "canonical", "href": "https://doi.org/10.1234/reut.2007.12"}]
    assert "Reut Briefs, no. 12. The Reut Institute, March 20, 2007. https://doi.org/10.1234/reut.2007.12." in text
    assert "DOI" not in sample.plain()


def test_the_doi_header_field_links_to_doi_org() -> None:
    paper = compile_paper(SAMPLE.replace("series: ", "doi: doi:10.5555/x\nseries: ", 1))
    assert paper.meta.doi == "doi:10.5555/x"
    html = render_html(paper)
    assert '<span class="doi">DOI: <a href="https://doi.org/10.5555/x"' in html


def test_cite_this_paper_line(sample: Page) -> None:
    assert (
        "Cite this paper: Smith, Jane, and John Doe. Tensions in Russian - Iranian relations: A brief. "
        "Reut Briefs, no. 12. The Reut Institute, March 20, 2007." in sample.plain()
    )


def test_contents_lists_numbered_sections_with_their_statements() -> None:
    sample_html = render_html(compile_paper(SAMPLE), RenderOptions(view="analysis"))
    sample = parse(sample_html)
    [nav] = sample.all("nav")
    assert nav["role"] == "doc-toc"
    toc = sample_html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    hrefs = re.findall(r'href="#([^"]+)"', toc)
    assert hrefs == [
        "glance", "argument", "thesis", "policy", "great-power", "sovereignty", "political", "notes", "sources"
    ]  # fmt: skip
    assert '<span class="toc-number">2</span> <span class="toc-title">Russian Foreign Policy</span>' in toc
    assert '<h2><span class="section-number">2</span> Russian Foreign Policy</h2>' in sample_html


def test_contents_are_folded_on_screen_and_open_in_print() -> None:
    """#11: on screen the contents are a closed <details> headed by their h2; print lists them."""
    paper = compile_paper(SAMPLE)
    toc = render_html(paper).split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    assert "<details>\n<summary><h2>Contents</h2></summary>" in toc and toc.rstrip().endswith("</details>")
    printed = print_document(paper).html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    assert "<details" not in printed and "<h2>Contents</h2>" in printed


def test_key_findings_are_the_thesis_and_the_claims_that_support_it(carbon_html: str) -> None:
    findings = carbon_html.split('<ul class="findings">', 1)[1].split("</ul>", 1)[0]
    # The three recommendations support the thesis too, but have their own box (#11).
    assert re.findall(r'href="#([^"]+)"', findings) == ["thesis", "leakage", "ambition", "same-charge"]
    assert '<li class="thesis">' in findings


def test_generated_findings_are_at_most_five() -> None:
    claims = "".join(f'claim c{n} "Finding {n}":\n    supports: thesis\n    Body.\n' for n in range(8))
    html = render_html(compile_paper(f'title: T\nclaim thesis "Main":\n    Body.\n{claims}'))
    findings = html.split('<ul class="findings">', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'href="#([^"]+)"', findings) == ["thesis", "c0", "c1", "c2", "c3"]


def test_written_key_findings_replace_the_generated_list() -> None:
    text = SAMPLE.replace(
        "summary:", "key-findings:\n    - Russia *balances* two aims.\n    - Iran knows it.\nsummary:"
    )
    html = render_html(compile_paper(text))
    box = html.split('<section class="summary"', 1)[1].split("</section>", 1)[0]
    assert '<div class="findings written">' in box and '<ul class="findings">' not in box
    assert "<li>Russia <em>balances</em> two aims.</li>" in box and "<li>Iran knows it.</li>" in box


def test_recommendations_are_numbered_and_boxed(carbon_html: str) -> None:
    # The box opens the section with id `recommendations`, and lists them in order.
    section = carbon_html.split('<section class="section" id="recommendations">', 1)[1]
    box = section.split('<aside class="recommendations-box"', 1)[1].split("</aside>", 1)[0]
    assert re.findall(r'href="#([^"]+)"', box) == ["recycle-revenue", "support-reporting", "no-rebates"]
    assert "<h3 " in box and ">Recommendations</h3>" in box
    assert '<span class="recommendation-number">Recommendation 2</span> Fund and simplify' in section


def test_recommendations_box_follows_the_findings_without_a_recommendations_section() -> None:
    text = SAMPLE + '\nclaim act "Talk to Tehran":\n    role: recommendation\n    supports: thesis\n    Body.\n'
    html = render_html(compile_paper(text))
    after_summary = html.split('<section class="summary"', 1)[1].split("</section>", 1)[1]
    assert after_summary.lstrip().startswith('<aside class="recommendations-box"')
    assert '<h2 id="recommendations-box">Recommendations</h2>' in after_summary


def test_acknowledgements_and_about_the_authors_close_the_paper() -> None:
    text = SAMPLE.replace(
        "summary:", "acknowledgements: We thank *the reviewers*.\nabout-authors:\n    Jane Smith writes.\nsummary:"
    )
    html = render_html(compile_paper(text))
    main = html.split("<main>", 1)[1]
    thanks, about, notes = (main.index(mark) for mark in ('id="acknowledgements"', 'id="about-authors"', 'id="notes"'))
    assert main.index('id="political"') < thanks < about < notes
    assert "<h2>Acknowledgements</h2>" in main and "We thank <em>the reviewers</em>." in main
    assert "<h2>About the authors</h2>" in main


def test_a_closing_section_of_sources_heads_the_source_list(carbon_html: str) -> None:
    page = parse(carbon_html)
    assert [attrs for attrs in page.all("section") if attrs.get("id") == "references"] == [
        {"class": "sources", "id": "references", "role": "doc-bibliography"}
    ]
    assert page.plain().count("Sources The sources below are invented for this example.") == 1


# --- the argument made visible ---------------------------------------------------------------


def test_tension_map_is_an_accessible_svg(sample_html: str, sample: Page) -> None:
    [svg] = sample.all("svg")
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "tension-map-title tension-map-desc"
    ids = set(sample.ids())
    assert {"tension-map-title", "tension-map-desc", "tension-map-arrow"} <= ids
    desc = sample_html.split('<desc id="tension-map-desc">', 1)[1].split("</desc>", 1)[0]
    assert desc == (
        "Political and Military Sphere: a tension between Maintaining Great Power status and Sovereignty, "
        "bearing on Ivanov’s statements pull in two directions."
    )
    assert '<figcaption><span class="figure-label">Figure 1.</span> Tension map' in sample_html


def test_tensions_at_a_glance_table(sample_html: str) -> None:
    table = sample_html.split('<table class="tensions-table">', 1)[1].split("</table>", 1)[0]
    assert "<caption>Tensions at a glance</caption>" in table
    row = table.split("<tbody>", 1)[1]
    assert re.findall(r'href="#([^"]+)"', row) == ["political", "great-power", "sovereignty", "thesis"]


def test_map_and_table_skip_references_that_do_not_resolve() -> None:
    paper = compile_paper(UNSECTIONED.replace("between: a, b", "between: a, ghost"), errors_allowed=True)
    html = render_html(paper)
    assert "ghost" not in html.split("<main>", 1)[1].split('<section class="section"', 1)[0]


def test_no_tensions_no_glance() -> None:
    body = render_html(compile_paper("claim c:\n    Text.\n")).split("<body", 1)[1]
    assert "<svg" not in body and "tensions-table" not in body and "The argument at a glance" not in body


def test_map_columns_follow_the_direction_of_the_language() -> None:
    from argdoc.render.glance import glance
    from argdoc.render.layout import layout
    from argdoc.render.tension_map import MapIds, tension_map

    paper = compile_paper(UNSECTIONED)
    plan = layout(paper)
    ids = MapIds("t", "d", "a")
    view = glance(paper, plan.thesis)

    def x_of(svg: str, kind: str) -> float:
        return float(re.search(rf'<rect class="box {kind}" x="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]

    ltr = str(tension_map(view, plan.titles, "ltr", ids))
    rtl = str(tension_map(view, plan.titles, "rtl", ids))
    assert x_of(ltr, "component") < x_of(ltr, "tension") < x_of(ltr, "thesis")
    assert x_of(rtl, "component") > x_of(rtl, "tension") > x_of(rtl, "thesis")


def test_print_map_sets_its_labels_as_html_over_the_drawing() -> None:
    from argdoc.render.html import print_document

    html = print_document(compile_paper(SAMPLE)).html
    block = html.split('<div class="tension-map-print">', 1)[1].split("</div>", 1)[0]
    assert "<text" not in block
    assert '<p class="map-label tension" style="left: ' in block
    assert "Political and Military<br>Sphere" in block


# --- language, direction, fonts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "direction"),
    [("en-US", "ltr"), ("he", "rtl"), ("he-IL", "rtl"), ("ar-EG", "rtl"), ("fa", "rtl"), ("ur", "rtl"),
     ("az-Arab", "rtl"), ("ku-Latn", "ltr"), ("de", "ltr"), ("", "ltr")],
)  # fmt: skip
def test_text_direction_from_the_language_tag(tag: str, direction: str) -> None:
    from argdoc.render.language import text_direction

    assert text_direction(tag) == direction


HEBREW = """\
title: מתחים ביחסי רוסיה\u2013איראן
language: he
claim thesis "הצהרות איבנוב מושכות לשני כיוונים":
    שתי הצהרות מייצגות שני סדרי עדיפויות שונים.
"""


def test_a_hebrew_paper_is_right_to_left_with_a_hebrew_face() -> None:
    html = render_html(compile_paper(HEBREW))
    page = parse(html)
    assert page.all("html")[0] == {"lang": "he", "dir": "rtl"}
    assert 'font-family: "Argdoc Serif Hebrew"' in html
    assert 'font-family: "Argdoc Naskh"' not in html  # faces only for the scripts a paper uses


def test_faces_follow_the_text_the_page_shows(tmp_path: Path) -> None:
    from argdoc.render.html import print_document

    # Hebrew only in the running head (a CSS string, escaped there) still gets its face in print.
    head_only = compile_paper("title: Tensions\nshort-title: מתחים\nclaim c:\n    Text.\n")
    assert 'font-family: "Argdoc Serif Hebrew"' in print_document(head_only).font_css
    # Hebrew only in a fallback title the paper does not use is nowhere on the page.
    titled = compile_paper("title: Tensions\nclaim c:\n    Text.\n")
    assert 'font-family: "Argdoc Serif Hebrew"' not in render_html(titled, RenderOptions(fallback_title="מתחים"))
    # Text from a user's own template counts: it is on the page.
    (tmp_path / "meta.html.j2").write_text("<header><h1>{{ title }} · התחלה</h1></header>\n", encoding="utf-8")
    assert 'font-family: "Argdoc Serif Hebrew"' in render_html(titled, RenderOptions(templates_dir=tmp_path))


def test_the_stylesheet_placeholder_cannot_be_forged() -> None:
    # The page is rendered before its fonts are known, with placeholders for the
    # stylesheet and its hash; text that looks like one stays text.
    paper = compile_paper("title: <argdoc-css-0> and <argdoc-csp-0>\nclaim c:\n    <argdoc-css-0>\n")
    html = render_html(paper)
    assert html.count("<style>") == 1 and html.count("@font-face") == html.split("</style>")[0].count("@font-face")
    assert "&lt;argdoc-css-0&gt;" in html and "<argdoc-" not in html
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    assert f"style-src &#39;sha256-{digest}&#39;" in html


def test_fonts_can_be_left_out_of_the_html() -> None:
    paper = compile_paper(UNSECTIONED)
    embedded, bare = render_html(paper), render_html(paper, RenderOptions(embed_fonts=False))
    assert "@font-face" in embedded and "@font-face" not in bare
    assert len(bare) < 60_000 < len(embedded) < 250_000


# --- themes and overrides ----------------------------------------------------------------------


def test_themes_change_the_stylesheet_not_the_markup() -> None:
    paper = compile_paper(SAMPLE)
    house, plain = render_html(paper), render_html(paper, RenderOptions(theme="plain"))
    assert '<body class="theme-plain view-publication">' in plain
    assert '<body class="theme-house view-publication">' in house

    def body(html: str) -> str:
        return html.split("<body", 1)[1].split(">", 1)[1]

    assert body(house) == body(plain)
    assert "--title-rule: 1px solid #111111;" in plain and "--title-rule: 6px solid #1d3557;" in house


def test_an_unknown_theme_or_variant_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown theme 'glossy'; choose from: house, plain"):
        RenderOptions(theme="glossy")
    with pytest.raises(ValueError, match="unknown PDF variant"):
        RenderOptions(pdf_variant="pdf/x-4")  # type: ignore[arg-type]


def test_a_templates_folder_overrides_templates_and_adds_css(tmp_path: Path) -> None:
    (tmp_path / "meta.html.j2").write_text('<header class="house-cover"><h1>{{ title }} (house)</h1></header>\n')
    (tmp_path / "paper.css").write_text("h1 { color: rebeccapurple; }\n")
    html = render_html(compile_paper(SAMPLE), RenderOptions(templates_dir=tmp_path))
    assert '<header class="house-cover"><h1>Tensions in Russian - Iranian relations (house)</h1></header>' in html
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert style.endswith("h1 { color: rebeccapurple; }\n")  # last, so it wins
    # The other templates are still argdoc's.
    assert '<nav class="toc"' in html


def test_an_edited_user_template_is_seen_by_the_next_render(tmp_path: Path) -> None:
    # A live preview: the user's templates are checked for edits (and the
    # compiled-template cache is keyed by the source, so it is never stale).
    template = tmp_path / "meta.html.j2"
    paper = compile_paper(SAMPLE)
    template.write_text("<header><h1>first</h1></header>\n")
    assert "<h1>first</h1>" in render_html(paper, RenderOptions(templates_dir=tmp_path))
    template.write_text("<header><h1>second edit</h1></header>\n")
    os.utime(template, (time.time() + 5, time.time() + 5))  # a new mtime even on a coarse clock
    assert "<h1>second edit</h1>" in render_html(paper, RenderOptions(templates_dir=tmp_path))


def test_templates_compile_without_a_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import argdoc.render.html as html

    monkeypatch.setenv("ARGDOC_NO_CACHE", "1")
    assert html._bytecode_cache() is None
    monkeypatch.delenv("ARGDOC_NO_CACHE")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("ARGDOC_CACHE_DIR", str(blocked))
    assert html._bytecode_cache() is None
    monkeypatch.setenv("ARGDOC_CACHE_DIR", str(tmp_path / "cache"))
    assert html._bytecode_cache() is not None
    assert oct((tmp_path / "cache" / "templates").stat().st_mode & 0o777) == "0o700"


def test_one_jinja_environment_per_template_folder(tmp_path: Path) -> None:
    from argdoc.render.html import environment

    assert environment(None) is environment(None)
    assert environment(tmp_path) is environment(tmp_path) is not environment(None)


def test_note_ids_step_around_statement_ids() -> None:
    paper = compile_paper('claim fn-1 "A claim":\n    Text [@src].\nsource src:\n    outlet: Outlet\n')
    page = parse(render_html(paper))
    ids = page.ids()
    assert len(ids) == len(set(ids))
    assert "fn2-1" in ids and "fn2-call-1" in ids


def test_html_renders_within_its_time_budget() -> None:
    paper = compile_paper((Path(__file__).resolve().parent.parent / "examples" / "russia-iran.arg").read_text())
    render_html(paper)  # warm: templates compiled, fonts read
    times = []
    for _ in range(5):
        start = time.perf_counter()
        render_html(paper)
        times.append(time.perf_counter() - start)
    assert sorted(times)[2] < 0.25, times


def test_the_cite_line_and_the_tensions_table_are_folded_on_screen_and_open_in_print() -> None:
    paper = compile_paper(SAMPLE)
    screen = render_html(paper)
    printed = print_document(paper).html
    assert '<details class="cite-this"><summary class="cite-this-label">Cite this paper:</summary>' in screen
    assert '<details class="tensions-fold">\n<summary>Tensions at a glance</summary>' in screen
    assert "<details" not in printed and '<p class="cite-this">' in printed
    assert "<caption>Tensions at a glance</caption>" in screen and "<caption>Tensions at a glance</caption>" in printed
