"""The walks every output shares: runs of citations, plain words, every block of a paper."""

from __future__ import annotations

import re

from argdoc.compiler import compile_text
from argdoc.export import export
from argdoc.nodes import Citation, Paper, Text
from argdoc.render.html import render_html
from argdoc.walk import citation_runs, plain, plain_blocks

# A summary where the two ways of dropping a citation differ: French spacing
# before `?` and `:` is the author's; the space before `[@s].` is not.
_FRENCH = """\
title: Pourquoi ?
language: fr
summary: Pourquoi ? Parce que *les tensions* [@s]. Deux [@s; @t], trois : "mots"[@t].

claim thesis:
    Thèse.

source s:
    outlet: Le Monde

source t:
    outlet: Libération
"""
_FRENCH_WORDS = "Pourquoi ? Parce que les tensions. Deux, trois : “mots”."


def _paper(text: str) -> Paper:
    result = compile_text(text, "t.arg")
    assert result.paper is not None
    return result.paper


def test_adjacent_citations_form_one_run_and_other_nodes_stay_as_they_are() -> None:
    a, b, c = (Citation(source=name) for name in "abc")
    words, more = Text(value="words "), Text(value=" more")
    assert list(citation_runs([words, a, b, more, c])) == [words, (a, b), more, (c,)]
    assert list(citation_runs([a])) == [(a,)]
    assert list(citation_runs([])) == []


def test_a_dropped_citation_takes_only_its_own_space_with_it() -> None:
    summary = _paper(_FRENCH).meta.summary
    assert plain(summary[0].children) == _FRENCH_WORDS
    assert plain_blocks(summary) == _FRENCH_WORDS


def test_the_page_description_and_the_exports_read_the_same_words() -> None:
    paper = _paper(_FRENCH)
    description = re.search(r'<meta name="description" content="([^"]*)"', render_html(paper))
    assert description is not None
    assert description.group(1).replace("&#34;", '"') == _FRENCH_WORDS
    assert f'abstract: "{_FRENCH_WORDS}"' in export(paper, "argdown").splitlines()


def test_all_blocks_are_every_body_in_document_order() -> None:
    paper = _paper(
        "title: T\nsummary: One.\n\nclaim thesis:\n    Two.\n\n"
        'section s "S":\n    Three.\n\ncomponent c:\n    supports: thesis\n\n    Four.\n\n    > Five.\n'
    )
    assert [plain(block.children) for block in paper.all_blocks()] == ["One.", "Two.", "Three.", "Four.", "Five."]


# A cross-reference is part of the sentence: plain text names its target as the
# HTML does ("Table 1", a section by its title or number), where a citation is dropped.
_CROSS_REFERENCED = """\
title: Flank
summary: [@spending] sets out the budgets; [@budgets] lists them [@nato].

claim thesis:
    Spending rose, as [@budgets] shows.

section spending "Spending":

table budgets "Budgets":
    | Country | 2024 |
    |---------|-----:|
    | Poland  | 4.1  |

source nato:
    outlet: NATO
"""


def test_plain_text_names_cross_references_and_drops_citations_in_every_output() -> None:
    paper = _paper(_CROSS_REFERENCED)
    summary = "Spending sets out the budgets; Table 1 lists them."
    assert f'<meta name="description" content="{summary}">' in render_html(paper)
    assert f'abstract: "{summary}"' in export(paper, "argdown").splitlines()
    assert '"text": "Spending rose, as Table 1 shows."' in export(paper, "aif")
    assert 'tooltip="Spending rose, as Table 1 shows."' in export(paper, "dot")
    # Without the paper's labels (a caller that has none) the bracket is dropped.
    assert plain_blocks(paper.statements[0].body) == "Spending rose, as shows."
