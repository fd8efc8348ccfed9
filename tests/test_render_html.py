"""HTML rendering: escaping of every user field, document structure, layout and sources."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from argdoc.compiler import compile_text
from argdoc.nodes import Link, Paper, Paragraph, Source, Text
from argdoc.render.bibliography import bibliography_entry
from argdoc.render.html import render_html
from argdoc.render.options import RenderOptions

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
        if current == "title":
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
    # The text survives, as text, in every place it was written, and the
    # template syntax inside it is never evaluated.
    text = page.plain()
    assert text.count(ATTACK) >= 20
    assert "{{ 7*7 }}" in html
    assert "49" not in text


def test_hostile_url_stays_inside_its_attribute() -> None:
    page = parse(render_html(hostile_paper()))
    hrefs = [attrs["href"] for attrs in page.all("a") if attrs.get("href", "").startswith("https://evil")]
    assert hrefs == ['https://evil.example/"><script>alert`1`</script>']


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


def test_content_security_policy_forbids_everything_but_inline_style(sample: Page) -> None:
    [csp] = [a for a in sample.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp["content"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def test_document_is_self_contained(sample_html: str, sample: Page) -> None:
    assert sample.all("link") == [] and sample.all("script") == [] and sample.all("img") == []
    assert not any("src" in attrs for _, attrs in sample.tags)
    style = sample_html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "url(" not in style and "@import" not in style and "http" not in style
    external = [a["href"] for a in sample.all("a") if not a["href"].startswith("#")]
    assert sorted(external) == ["https://example.org/r", "https://interfax.example/1"]
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
    assert articles["thesis"] == "statement claim"
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
        "The Reut Institute · 20 March 2007",
    ):
        assert expected in text


def test_relations_and_kind_labels(sample_html: str) -> None:
    page = parse(sample_html)
    text = page.plain()
    assert "Claim Ivanov's statements pull in two directions" in text
    assert "Supports: Ivanov's statements pull in two directions" in text
    assert "Between: Maintaining Great Power status · Sovereignty" in text
    assert "Bears on: Ivanov's statements pull in two directions" in text
    assert '<a href="#great-power">Maintaining Great Power status</a>' in sample_html


def test_citations_quotations_and_block_quotations(sample_html: str) -> None:
    assert '(<a href="#interfax">Interfax Politics, p. 4</a>)' in sample_html
    assert '<q>the possible acquisition</q> <span class="citation">' in sample_html
    # Adjacent citations share one bracket.
    assert '(<a href="#haaretz">Haaretz</a>; <a href="#xinhua">China View, p. 2</a>)' in sample_html
    assert "<blockquote><p>A block quotation, attributed.</p><footer>" in sample_html


def test_section_intro_and_summary_render(sample: Page) -> None:
    text = sample.plain()
    assert "Russia's foreign policy is made up of four components." in text
    assert "Summary Statements by Ivanov reflect tensions" in text


def test_sources_in_order_of_first_citation_then_uncited(sample: Page) -> None:
    source_ids = [a["id"] for a in sample.all("li") if a.get("class") == "source"]
    assert source_ids == ["interfax", "haaretz", "xinhua", "unused"]
    text = sample.plain()
    assert (
        "Petrov, Ivan. “Ivanov on Iran.” Interfax Politics, March 18, 2007. https://interfax.example/1. Full text."
        in text
    )
    assert "Cited in: Summary; Ivanov's statements pull in two directions" in text
    assert "Cited in: Sovereignty" in text


def test_sources_are_not_rendered_in_the_flow(sample: Page) -> None:
    assert {a["id"] for a in sample.all("article")} == {"thesis", "great-power", "sovereignty", "political"}


def test_paper_without_sections_orders_claims_components_tensions() -> None:
    page = parse(render_html(compile_paper(UNSECTIONED)))
    h2 = [attrs.get("id") for attrs in page.all("section")]
    assert h2 == ["argument", "components", "tensions", "sources"]
    assert [a["id"] for a in page.all("article")] == ["thesis", "a", "b", "t"]


def test_untitled_statement_and_paper_fall_back() -> None:
    paper = compile_paper("claim the_main-point:\n    Text.\n")
    page = parse(render_html(paper, RenderOptions(fallback_title="report")))
    assert page.titles == ["report"]
    assert "The main point" in page.plain()
    assert page.all("h1")


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
    assert "@page { size: A4; }" in render_html(paper)
    assert "@page { size: letter; }" in render_html(paper, RenderOptions(page_size="Letter"))


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
    assert str(bibliography_entry(Source(id="bare-id", **fields))) == expected
