"""The clean-paper corpus (#15): briefs written as a careful analyst writes them, on real topics.

Every rule, on or opt-in, must stay quiet on sound writing: each brief is
lint-clean under `--select ALL` with no suppression, and in canonical layout.
A rule that starts firing here is crying wolf, or the brief has a real
defect: fix whichever it is, never the test.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import NamedTuple

import pytest

from argdoc.compiler import compile_text
from argdoc.fmt import format_text
from argdoc.lint import lint
from argdoc.lint.config import parse_config

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.arg"))
TODAY = datetime.date(2026, 11, 27)


def test_the_corpus_has_several_briefs() -> None:
    assert len(CORPUS) >= 4


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


# --- one defect at a time -------------------------------------------------------------
#
# What a reviewer marks, seeded one at a time into a clean brief: the rule must report it,
# at the line where it was made, and nothing else may fire (a defect is one finding).

RED_SEA = Path(__file__).parent / "corpus" / "red-sea.arg"


class Defect(NamedTuple):
    rule: str
    old: str  # found once in the clean brief
    new: str
    at: str  # the finding's line is the first line holding this, in the brief with the defect


DEFECTS = [
    Defect(
        "confidence-word-as-likelihood",
        "and other large lines made the same choice",
        "and the chances of an early return are low",
        "the chances of an early return are low",
    ),
    Defect(
        "confidence-word-as-likelihood",
        "Most container lines are very likely to keep",
        "There is a high probability that most container lines keep",
        "There is a high probability",
    ),
    # A report's issuer is its publisher or its institutional author: only without both is it incomplete.
    Defect(
        "source-incomplete",
        "    author: United Nations Conference on Trade and Development\n    date: 2024-02\n    publisher: UNCTAD\n",
        "    date: 2024-02\n",
        'source unctad-2024 "',
    ),
    Defect("source-incomplete", "    type: post-weblog\n", "    type: article-journal\n", 'source imf-2024 "'),
    Defect(
        "accessed-before-published",
        "Article/3621110/\n    accessed: 2024-05-02\n",
        "Article/3621110/\n    accessed: 2023-12-01\n",
        "source dod-2023",
    ),
    Defect(
        "accessed-before-published",
        "    date: 2024-02\n",
        "    date: 2024-02\n    accessed: 2024-01-30\n",
        "source unctad",
    ),
    Defect("source-after-paper", "    date: 2024-03-06\n", "    date: 2024-06-06\n", "source reuters-crew"),
    Defect("uncited-figure", "to February\n    [@unctad-2024].", "to February.", "UNCTAD counted"),
    Defect("unhedged-forecast", "the campaign aims to", "the campaign will", "the campaign will"),
    Defect("estimative-term-off-scale", "the campaign aims to", "the campaign could well", "could well"),
    Defect("likelihood-contradicts-prose", "lines are very likely to", "lines are almost certain to", "almost certain"),
    Defect(
        "confidence-with-likelihood",
        "Most container lines are",
        "We judge with high confidence that most lines are",
        "high confidence",
    ),
    Defect("vague-attribution", "Escorts shoot down", "Some say escorts shoot down", "Some say"),
    Defect("unhedged-certainty", "and no escort can promise", "and this proves no escort can promise", "proves"),
    Defect(
        "inline-quotation-without-source",
        "ships would go round the Cape for the foreseeable\n    future, and",
        'ships would go "round the Cape for the foreseeable\n    future", and',
        "round the Cape for the",
    ),
    Defect("unanswered-objection", "    opposes: degraded\n", "    supports: thesis\n", 'claim degraded "'),
]


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: f"{d.rule}-{DEFECTS.index(d)}")
def test_a_seeded_defect_is_the_one_finding(defect: Defect) -> None:
    clean = RED_SEA.read_text(encoding="utf-8")
    assert clean.count(defect.old) == 1, defect.old
    text = clean.replace(defect.old, defect.new)
    found = lint(compile_text(text, RED_SEA.name), parse_config({"select": ["ALL"]}), today=TODAY)
    line = next(n for n, words in enumerate(text.splitlines(), 1) if defect.at in words)
    assert [(d.name, d.line) for d in found] == [(defect.rule, line)]
