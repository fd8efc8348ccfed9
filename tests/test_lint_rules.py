"""Every lint rule: its documented examples and its data-driven cases."""

from __future__ import annotations

import copy
import datetime
import pickle
import re
import tomllib
from typing import Any

import pytest

from argdoc.compiler import compile_text
from argdoc.lint import all_rules, lint, lookup
from argdoc.lint.config import parse_config
from argdoc.lint.rule import Rule

from .conftest import CASES

CASE_LIST: list[dict[str, Any]] = tomllib.loads((CASES / "lint" / "cases.toml").read_text(encoding="utf-8"))["case"]
RULES = all_rules()
TODAY = datetime.date(2026, 11, 27)


def run(rule: str, text: str, options: dict[str, Any] | None = None, today: datetime.date = TODAY) -> list[int]:
    """Lines where `rule` fires when it is the only rule selected.

    The meta rules judge suppressions of other rules, so they run with the
    default rules on.
    """
    meta = lookup(rule)
    table: dict[str, Any] = {"extend-select": [rule]} if meta and meta.family == "meta" else {"select": [rule]}
    if options:
        table["options"] = {rule: options}
    result = compile_text(text, "case.arg")
    return sorted(d.line for d in lint(result, parse_config(table), today=today) if d.name == rule)


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['rule']}-{'fail' if case['lines'] else 'pass'}"


@pytest.mark.parametrize("case", CASE_LIST, ids=_case_id)
def test_case(case: dict[str, Any]) -> None:
    today = datetime.date.fromisoformat(case["today"]) if "today" in case else TODAY
    assert run(case["rule"], case["text"].lstrip("\n"), case.get("options"), today) == case["lines"]


@pytest.mark.parametrize("rule", [r for r in RULES if r.family != "language"], ids=lambda r: r.name)
def test_every_rule_has_a_failing_and_a_passing_case(rule: type[Rule]) -> None:
    mine = [c for c in CASE_LIST if c["rule"] == rule.name]
    assert any(c["lines"] for c in mine), f"no failing case for {rule.name}"
    assert any(not c["lines"] for c in mine), f"no passing case for {rule.name}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_documented_examples(rule: type[Rule]) -> None:
    docs = rule.documentation()
    assert rule.summary and docs.text, f"{rule.name} has no documentation"
    assert docs.bad and docs.good, f"{rule.name} lacks a Bad or a Good example"
    assert run(rule.name, docs.bad), f"{rule.name} does not fire on its Bad example"
    assert run(rule.name, docs.good) == [], f"{rule.name} fires on its Good example"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_says_what_it_does_not_catch(rule: type[Rule]) -> None:
    """#15: a reader of docs/rules.md learns a rule's blind spots, not only its catches."""
    paragraphs = rule.documentation().text.split("\n\n")
    assert any(p.startswith("Does not catch") for p in paragraphs), f"{rule.name} does not say what it misses"


def test_codes_and_names_are_unique_and_stable_in_shape() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    assert all(re.fullmatch(r"ARG\d{3}", code) for code in codes), codes
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)*", name) for name in names), names
    required = """undefined-reference duplicate-id wrong-kind-reference self-reference unused-source
    tension-needs-two-components duplicate-tension component-without-tension claim-without-support
    support-cycle orphan-statement thesis-count tension-not-linked-to-claim uncited-statement
    quotation-without-source source-missing-date source-missing-outlet source-future-date stale-source
    invalid-date missing-title missing-summary missing-author missing-date unused-suppression
    unknown-rule-in-suppression invalid-source-grade single-source-dependency unhedged-certainty
    estimative-term-off-scale mixed-scale-rows confidence-with-likelihood vague-attribution long-statement"""
    assert set(required.split()) <= set(names)


def test_stage_rules_use_the_codes_their_stage_emits() -> None:
    """Resolution and tree building report these rules themselves; the codes must agree."""
    for rule in RULES:
        if rule.family == "language":
            continue
        result = compile_text(rule.documentation().bad, "case.arg")
        for d in result.diagnostics:
            registered = {r.name: r.code for r in RULES}
            if d.name in registered:
                assert d.code == registered[d.name], d


def test_suppressed_findings_disappear_and_count_as_used() -> None:
    text = "claim thesis:\n    # argdoc: ignore[claim-without-support]\n    Body.\n"
    found = lint(compile_text(text, "x.arg"), parse_config({"select": ["ARG103", "ARG901"]}), today=TODAY)
    assert found == []
    bare = "claim thesis: # argdoc: ignore\n    Body.\n"
    assert lint(compile_text(bare, "x.arg"), parse_config({"select": ["ARG103", "ARG901"]}), today=TODAY) == []


def test_a_file_suppression_covers_document_findings() -> None:
    text = "# argdoc: ignore-file[missing-title, ARG302]\nauthor: A\ndate: 2007-01-01\n"
    found = lint(compile_text(text, "x.arg"), parse_config({"select": ["ARG3", "ARG9"]}), today=TODAY)
    assert found == []


def test_a_copied_or_unpickled_result_lints_the_same() -> None:
    """Rules read what resolution recorded per statement; a copy of the result has new nodes."""
    text = (
        "claim thesis:\n    role: thesis\n\n    Rests on one report [@s].\n\n"
        "component a:\n    supports: thesis\n\n    Cited [@s; @t].\n\n"
        "component b:\n    supports: thesis\n\n    Not cited.\n\n"
        "tension x:\n    between: a, b\n    bears-on: thesis\n\n    Body [@t].\n\n"
        "source s:\n    outlet: O\n    date: 2020-01-01\n\n"
        "source t:\n    outlet: P\n    date: 2020-01-01\n"
    )
    result = compile_text(text, "paper.arg")
    everything = lint(result, parse_config({"select": ["ALL"]}))
    assert {d.name for d in everything} >= {"uncited-statement"}
    for copied in (copy.deepcopy(result), pickle.loads(pickle.dumps(result))):
        assert lint(copied, parse_config({"select": ["ALL"]})) == everything
