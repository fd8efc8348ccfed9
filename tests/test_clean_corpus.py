"""The clean-paper corpus (#15): briefs written as a careful analyst writes them, on real topics.

Every rule, on or opt-in, must stay quiet on sound writing: each brief is
lint-clean under `--select ALL` with no suppression, and in canonical layout.
A rule that starts firing here is crying wolf, or the brief has a real
defect: fix whichever it is, never the test.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from argdoc.compiler import compile_text
from argdoc.fmt import format_text
from argdoc.lint import lint
from argdoc.lint.config import parse_config

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.arg"))
TODAY = datetime.date(2026, 11, 27)


def test_the_corpus_has_several_briefs() -> None:
    assert len(CORPUS) >= 3


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_a_sound_brief_is_clean_under_select_all(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "argdoc:" not in text, "the corpus is clean without suppressions"
    result = compile_text(text, path.name)
    found = lint(result, parse_config({"select": ["ALL"]}), today=TODAY)
    assert [f"{d.line}: {d.name}: {d.message}" for d in found] == []


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_a_brief_of_the_corpus_is_canonical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_text(text, path.name) == text
