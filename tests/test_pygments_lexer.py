"""The Pygments lexer (argdoc/pygments_lexer.py): found by Pygments, no Error token on any valid paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Comment, Error, Keyword, Name, String, _TokenType

from argdoc.pygments_lexer import ArgdocLexer

ROOT = Path(__file__).resolve().parent.parent
PAPERS = sorted([*(ROOT / "examples").glob("*.arg"), *(ROOT / "tests" / "cases" / "parse").glob("*.arg")])


def tokens(text: str) -> list[tuple[_TokenType, str]]:
    return list(ArgdocLexer(stripnl=False, ensurenl=False).get_tokens(text))


def test_pygments_finds_it_by_alias_and_file_name_through_the_entry_point() -> None:
    assert isinstance(get_lexer_by_name("argdoc"), ArgdocLexer)
    assert isinstance(get_lexer_for_filename("paper.arg"), ArgdocLexer)


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.name)
def test_every_example_and_golden_case_lexes_without_an_error_token(paper: Path) -> None:
    text = paper.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    found = tokens(text)
    assert [value for kind, value in found if kind in Error] == []
    assert "".join(value for _kind, value in found) == text


def test_the_parts_of_a_paper_get_their_token_types() -> None:
    text = (
        "title: T\n"
        "# argdoc: ignore[unused-source]\n"
        'claim thesis "The thesis":\n'
        "    supports: other, more\n"
        "\n"
        '    Words "quoted"[@src, p. 4] and *this*.\n'
        'include "chapter.arg"\n'
    )
    found = [(kind, value) for kind, value in tokens(text) if value.strip()]
    assert (Keyword.Declaration, "claim") in found
    assert (Name.Label, "thesis") in found
    assert (Name.Label, "other") in found and (Name.Label, "more") in found
    assert (Name.Label, "src") in found
    assert (Comment.Special, "# argdoc: ignore[unused-source]") in found
    assert (Keyword.Namespace, "include") in found
    assert any(kind in String and value == '"quoted"' for kind, value in found)
    assert (Name.Attribute, "supports") in found and (Name.Attribute, "title") in found


def test_a_misspelt_keyword_at_the_margin_is_an_error_but_odd_prose_is_not() -> None:
    assert [v for k, v in tokens("clam x:\n    Words.\n") if k in Error]
    prose = 'claim a:\n    A lone * and [ and " and @ and ] and 100% of “this.\n'
    assert [v for k, v in tokens(prose) if k in Error] == []


DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
_ARGDOC_BLOCK = re.compile(r"^```argdoc\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.name)
def test_the_docs_argdoc_code_blocks_lex_without_an_error_token(page: Path) -> None:
    blocks = _ARGDOC_BLOCK.findall(page.read_text(encoding="utf-8"))
    errors = [(block[:40], value) for block in blocks for kind, value in tokens(block) if kind in Error]
    assert errors == []


def test_the_language_reference_and_the_rule_pages_highlight_their_papers() -> None:
    # Sphinx and MkDocs pick the lexer by the fence's name: the reference's papers must carry it.
    for page, at_least in (("language.md", 15), ("rules.md", 60)):
        assert len(_ARGDOC_BLOCK.findall((ROOT / "docs" / page).read_text(encoding="utf-8"))) >= at_least
