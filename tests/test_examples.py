"""The papers in examples/: each compiles cleanly, and russia-iran.arg is the seed, faithfully.

russia-iran.arg is the reference paper written in .arg; these tests pin down
its argument structure (thesis, four components, two tensions, three sources)
and check that every sentence of the seed survives into the tree. The other
examples exist to show what the seed does not use; one test checks that
together they still exercise every construct of the language.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

import pytest

from argdoc.compiler import compile_file
from argdoc.diagnostics import format_text
from argdoc.nodes import (
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
    Note,
    Paper,
    PartialDate,
    Quotation,
    Reference,
    Source,
    Strong,
    Table,
    Tension,
    Text,
)
from argdoc.resolve import citations_in
from argdoc.walk import block_inlines

from .conftest import EXAMPLES
from .seed_sentences import HEADINGS, IVANOV_QUOTATIONS, SEED_SENTENCES, SUMMARY, TITLE

S = TypeVar("S", Claim, Component, Tension, Source)

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.arg"))
RUSSIA_IRAN = EXAMPLES / "russia-iran.arg"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_aee8fc43df1cb1e4.txt"

# The seed's source list, which is not prose (see tests/seed_sentences.py).
SEED_SOURCE_LINES = (
    "Haaretz, 3/20/07; full text.",
    "China View, 3/18/07; full text.",
    "Interfax Politics, 3/18/2007; full text.",
)


@cache
def _paper(path: Path) -> Paper:
    result = compile_file(path)
    assert result.paper is not None, "\n".join(format_text(d, result.source) for d in result.diagnostics)
    return result.paper


def _normalise(text: str) -> str:
    return " ".join(text.split())


# --- walking the tree ----------------------------------------------------------


def _inlines(nodes: Iterable[Inline]) -> Iterator[Inline]:
    """Every inline node, depth first, including those inside others."""
    for node in nodes:
        yield node
        if isinstance(node, Emphasis | Strong | Link | Quotation | Note):
            yield from _inlines(node.children)


def _block_inlines(blocks: Iterable[Block]) -> Iterator[Inline]:
    for block in blocks:
        for run in block_inlines(block):  # a paragraph's, or each list item's
            yield from _inlines(run)


def _plain(nodes: Iterable[Inline]) -> str:
    """The words of inline nodes; citations and quotation marks belong to the renderer."""
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, Emphasis | Strong | Link | Quotation):
            out.append(_plain(node.children))
    return "".join(out)


def _reader_texts(paper: Paper) -> list[str]:
    """What a reader sees, one string per title or block, whitespace normalised."""
    texts = [paper.meta.title or "", paper.meta.subtitle or ""]
    texts.extend(section.title for section in paper.sections)
    texts.extend(statement.title or "" for statement in paper.all_statements())
    texts.extend(_plain(run) for block in paper.all_blocks() for run in block_inlines(block))
    return [_normalise(text) for text in texts if text]


def _statements(paper: Paper, kind: type[S]) -> list[S]:
    return [s for s in paper.all_statements() if isinstance(s, kind)]


def _ids(refs: Iterable[Reference]) -> list[str]:
    return [ref.id for ref in refs]


# --- every example ---------------------------------------------------------------


def test_there_are_examples() -> None:
    assert RUSSIA_IRAN in EXAMPLE_FILES
    assert len(EXAMPLE_FILES) >= 2


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_compiles_without_diagnostics(path: Path) -> None:
    result = compile_file(path)
    assert result.diagnostics == [], "\n".join(format_text(d, result.source) for d in result.diagnostics)
    assert result.ok
    assert result.paper is not None
    assert result.paper.meta.title


def test_examples_exercise_the_whole_language() -> None:
    """Between them, the examples use every construct, so each is compiled by the tests."""
    papers = [_paper(path) for path in EXAMPLE_FILES]
    statements = [s for paper in papers for s in paper.all_statements()]
    blocks = [b for paper in papers for b in paper.all_blocks()]
    inlines = list(_block_inlines(blocks))
    exhibits = [e for paper in papers for e in paper.all_exhibits()]
    targets = {s.id for s in statements if not isinstance(s, Source)} | {e.id for e in exhibits}
    targets |= {d.id for paper in papers for d in paper.divisions() if d.id}
    claims = {s.id for s in statements if isinstance(s, Claim)}
    components = {s.id for s in statements if isinstance(s, Component)}
    metas = [paper.meta for paper in papers]

    used = {
        "subtitle": any(m.subtitle for m in metas),
        "series and number": any(m.series and m.number for m in metas),
        "keywords": any(m.keywords for m in metas),
        "licence": any(m.licence for m in metas),
        "two authors with affiliations": any(len([a for a in m.authors if a.affiliation]) >= 2 for m in metas),
        "multi-paragraph summary": any(len(m.summary) >= 2 for m in metas),
        "several sections": any(len(paper.sections) >= 3 for paper in papers),
        "section without statements": any(not section.statements for paper in papers for section in paper.sections),
        "opposes": any(isinstance(s, Claim) and s.opposes for s in statements),
        "claim supporting a claim besides the thesis": any(
            isinstance(s, Claim) and (set(_ids(s.supports)) & claims) - {"thesis"} for s in statements
        ),
        "tension among three components": any(
            isinstance(s, Tension) and len(set(_ids(s.between)) & components) >= 3 for s in statements
        ),
        "tension bearing on two claims": any(isinstance(s, Tension) and len(s.bears_on) >= 2 for s in statements),
        "source with authors": any(isinstance(s, Source) and len(s.authors) >= 2 for s in statements),
        "source with url and accessed date": any(isinstance(s, Source) and s.url and s.accessed for s in statements),
        "source note": any(isinstance(s, Source) and s.note for s in statements),
        "emphasis": any(isinstance(n, Emphasis) for n in inlines),
        "strong": any(isinstance(n, Strong) for n in inlines),
        "link": any(isinstance(n, Link) and n.url.startswith("https://") for n in inlines),
        "locator": any(isinstance(n, Citation) and n.locator for n in inlines),
        "quotation": any(isinstance(n, Quotation) for n in inlines),
        "block quotation": any(isinstance(b, Blockquote) for b in blocks),
        "several citations at once": any(
            isinstance(a, Citation) and isinstance(b, Citation)
            for block in blocks
            for run in block_inlines(block)
            for a, b in pairwise(run)
        ),
        "list": any(isinstance(b, List) for b in blocks),
        "nested list": any(isinstance(b, List) and any(i.lists for i in b.items) for b in blocks),
        "remark note": any(isinstance(n, Note) for n in inlines),
        "cross-reference": any(isinstance(n, Citation) and n.source in targets for n in inlines),
        "table": any(isinstance(e, Table) for e in exhibits),
        "figure": any(isinstance(e, Figure) for e in exhibits),
        "chart": any(isinstance(e, Chart) for e in exhibits),
        "subsection": any(d.subsections for paper in papers for d in paper.sections),
        "appendix": any(paper.appendices for paper in papers),
        "bibliography": any(paper.bibliography for paper in papers),
    }
    assert [name for name, ok in used.items() if not ok] == []


# --- russia-iran.arg: the seed -----------------------------------------------------


@pytest.fixture
def seed_paper() -> Paper:
    return _paper(RUSSIA_IRAN)


def test_seed_header(seed_paper: Paper) -> None:
    meta = seed_paper.meta
    assert meta.title == TITLE
    assert [(a.name, a.affiliation) for a in meta.authors] == [("The Reut Institute", None)]
    assert meta.organisation == "The Reut Institute"
    assert meta.date == datetime.date(2007, 3, 20)
    assert [_normalise(_plain(block.children)) for block in meta.summary] == [SUMMARY]


def test_seed_thesis_cites_interfax(seed_paper: Paper) -> None:
    thesis = {c.id: c for c in _statements(seed_paper, Claim)}.get("thesis")
    assert thesis is not None
    assert "interfax" in {cite.source for cite in citations_in(thesis.body)}
    assert len(thesis.body) == 2


def test_seed_ivanov_quotations(seed_paper: Paper) -> None:
    thesis = next(c for c in _statements(seed_paper, Claim) if c.id == "thesis")
    quotations = [n for n in _block_inlines(thesis.body) if isinstance(n, Quotation)]
    assert [_normalise(_plain(q.children)) for q in quotations] == list(IVANOV_QUOTATIONS)
    assert [q.citation.source for q in quotations] == ["interfax", "interfax"]


def test_seed_sections(seed_paper: Paper) -> None:
    policy, tensions = seed_paper.sections
    assert policy.title == "Russian Foreign Policy"
    assert [_normalise(_plain(b.children)) for b in policy.body] == [
        "Russia's foreign policy is made up of four components many of which are reflected in "
        "its relationship with Iran."
    ]
    assert [_normalise(_plain(b.children)) for b in tensions.body] == [
        "The Reut Institute identifies inherent tensions within the different components of "
        "Russia's foreign policy position towards Iran:"
    ]
    assert {s.kind for s in policy.statements} == {"component"}
    assert [s.id for s in seed_paper.statements] == ["thesis"]


def test_seed_components_support_the_thesis(seed_paper: Paper) -> None:
    components = _statements(seed_paper, Component)
    assert [c.title for c in components] == list(HEADINGS[2:6])
    assert len(components) == 4
    for component in components:
        assert _ids(component.supports) == ["thesis"], component.id
        assert list(citations_in(component.body)), f"{component.id} cites no source"


def test_seed_tensions(seed_paper: Paper) -> None:
    tensions = _statements(seed_paper, Tension)
    components = {c.id for c in _statements(seed_paper, Component)}
    assert [t.title for t in tensions] == ["Economic Sphere", "Political and Military Sphere"]
    for tension in tensions:
        between = set(_ids(tension.between))
        assert len(between) >= 2, tension.id
        assert between <= components, tension.id
        assert _ids(tension.bears_on) == ["thesis"], tension.id
    political = tensions[1]
    assert set(_ids(political.between)) == {"nonproliferation", "sovereignty"}


def test_seed_sources(seed_paper: Paper) -> None:
    sources = _statements(seed_paper, Source)
    assert [(s.outlet, s.date) for s in sources] == [
        ("Haaretz", PartialDate(year=2007, month=3, day=20)),
        ("China View", PartialDate(year=2007, month=3, day=18)),
        ("Interfax Politics", PartialDate(year=2007, month=3, day=18)),
    ]
    assert all(s.url is None for s in sources), "the seed gives no addresses; none may be invented"
    cited = {cite.source for block in seed_paper.all_blocks() for cite in citations_in([block])}
    assert cited == {s.id for s in sources}


@pytest.mark.parametrize("sentence", SEED_SENTENCES, ids=lambda s: s[:40])
def test_seed_sentence_is_in_the_tree(seed_paper: Paper, sentence: str) -> None:
    texts = _reader_texts(seed_paper)
    assert any(sentence in text for text in texts), sentence


# --- the sentence list against the seed itself -------------------------------------


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed is not at {SEED}")
    return _normalise(SEED.read_text(encoding="utf-8"))


def test_seed_sentences_are_verbatim(seed_text: str) -> None:
    assert [s for s in SEED_SENTENCES if s not in seed_text] == []


def test_seed_sentences_cover_the_seed(seed_text: str) -> None:
    """Take every listed sentence out of the seed: only bullets, dashes and stops are left."""
    rest = seed_text
    for piece in sorted((*SEED_SENTENCES, *SEED_SOURCE_LINES), key=len, reverse=True):
        rest = rest.replace(piece, " ")
    assert re.sub(r'[\s\u2022\u2013".]', "", rest) == ""
