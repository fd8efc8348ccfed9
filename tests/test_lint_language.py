"""The language rules (ARG4xx): opt-in checks of analytic writing, after ICD 203."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from argdoc.compiler import compile_text
from argdoc.diagnostics import Diagnostic
from argdoc.lint import all_rules, lint
from argdoc.lint.config import ConfigError, parse_config

TODAY = datetime.date(2026, 11, 27)
LANGUAGE = [r for r in all_rules() if r.family == "language"]
SOURCE = "\nsource s:\n    outlet: Interfax\n"


def findings(text: str, rule: str, options: dict[str, Any] | None = None) -> list[Diagnostic]:
    """What `rule` reports on `text` when it is enabled on top of the defaults."""
    table: dict[str, Any] = {"extend-select": [rule]}
    if options is not None:
        table["options"] = {rule: options}
    result = compile_text(text, "case.arg")
    assert not [d for d in result.diagnostics if d.is_error], result.diagnostics
    return [d for d in lint(result, parse_config(table), today=TODAY) if d.name == rule]


def lines(text: str, rule: str, options: dict[str, Any] | None = None) -> list[int]:
    return [d.line for d in findings(text, rule, options)]


def claim(*body: str, kind: str = "claim", ident: str = "thesis") -> str:
    return f"{kind} {ident}:\n" + "".join(f"    {line}\n" for line in body)


def marked(text: str, diagnostic: Diagnostic) -> str:
    """The words a one-line diagnostic points at."""
    assert diagnostic.line == diagnostic.end_line
    return text.splitlines()[diagnostic.line - 1][diagnostic.column - 1 : diagnostic.end_column - 1]


# --- the family --------------------------------------------------------------------


EVERY_PROBLEM = (
    claim(
        "We assess with high confidence that Russia will certainly and perhaps likely act.",
        "Some say so. Arms sales are probable. Iran will retaliate.",
        "The odds of a deal are low.",
    )
    + SOURCE
)


def test_the_language_rules_are_registered_opt_in() -> None:
    assert {(r.code, r.name) for r in LANGUAGE} == {
        ("ARG401", "unhedged-certainty"),
        ("ARG402", "estimative-term-off-scale"),
        ("ARG403", "mixed-scale-rows"),
        ("ARG404", "confidence-with-likelihood"),
        ("ARG405", "vague-attribution"),
        ("ARG406", "long-statement"),
        ("ARG407", "unhedged-forecast"),
        ("ARG408", "confidence-word-as-likelihood"),
    }
    assert not any(r.default for r in LANGUAGE)


def test_off_by_default() -> None:
    result = compile_text(EVERY_PROBLEM, "case.arg")
    assert not [d for d in lint(result, today=TODAY) if d.code.startswith("ARG4")]
    assert not [d for d in lint(result, parse_config({}), today=TODAY) if d.code.startswith("ARG4")]


def test_select_by_prefix_enables_the_family() -> None:
    result = compile_text(EVERY_PROBLEM, "case.arg")
    names = {d.name for d in lint(result, parse_config({"select": ["ARG4"]}), today=TODAY)}
    assert names == {r.name for r in LANGUAGE} - {"long-statement"}
    options = {"options": {"long-statement": {"max-words": 5}}}
    names = {d.name for d in lint(result, parse_config({"select": ["ARG4"], **options}), today=TODAY)}
    assert names == {r.name for r in LANGUAGE}


@pytest.mark.parametrize("rule", LANGUAGE, ids=lambda r: r.name)
def test_documented_examples_are_valid_papers(rule: Any) -> None:
    docs = rule.documentation()
    for example in (docs.bad, docs.good):
        assert not compile_text(example, "example.arg").diagnostics


# --- ARG401 unhedged-certainty -------------------------------------------------------


def test_certainty_is_reported_at_its_words() -> None:
    text = claim("Iran's programme is peaceful.", "Russia will certainly abandon the project.")
    [found] = findings(text, "unhedged-certainty")
    assert (found.line, found.statement, found.severity) == (3, "thesis", "warning")
    assert marked(text, found) == "certainly"
    assert "'certainly'" in found.message and found.hint


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia undoubtedly wants a say.",
        "This is, without a doubt, a turning point.",
        "It is WITHOUT DOUBT a turning point.",
        "The record clearly shows intent.",
        "The meeting proves the point.",
        "Iran will inevitably respond.",
        "There is no question that Iran will respond.",
        "The deal is beyond doubt.",
        "It is certain that Iran will respond.",
        "Russia will definitely act.",
    ],
)
def test_certainty_phrases(sentence: str) -> None:
    assert lines(claim(sentence), "unhedged-certainty") == [2]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia will almost certainly act.",
        "It is nearly certain that Russia will act.",
        "Russia will not certainly act.",
        "The outcome is uncertain.",
        "Certainty is rare in diplomacy.",
        "The certainty of Iran's leaders worries Moscow.",
        "Russia will very likely act.",
    ],
)
def test_hedges_and_lookalikes_are_not_certainty(sentence: str) -> None:
    assert lines(claim(sentence), "unhedged-certainty") == []


def test_certainty_is_reported_once_per_sentence() -> None:
    one = claim("Russia will certainly, undoubtedly and certainly act.")
    [found] = findings(one, "unhedged-certainty")
    assert "'certainly' and 'undoubtedly'" in found.message
    two = claim("Russia will certainly act. Iran will undoubtedly respond.")
    assert [marked(two, d) for d in findings(two, "unhedged-certainty")] == ["certainly", "undoubtedly"]


def test_certainty_in_components_the_summary_and_section_introductions() -> None:
    """#15: the analyst's certainty is read wherever the analyst writes, not only in judgments."""
    text = (
        "summary:\n    Moscow will undoubtedly hedge.\n\n"
        + claim("Body.", kind="component", ident="a")
        + 'section s "S":\n    This clearly shows the pattern.\n\n'
        + claim("Russia certainly sells arms.", kind="component", ident="b")
        + claim("between: a, b", "", "The two will certainly clash.", kind="tension", ident="t")
    )
    assert [(d.statement, d.line) for d in findings(text, "unhedged-certainty")] == [
        (None, 2),
        ("s", 7),
        ("b", 10),
        ("t", 14),
    ]


def test_certainty_in_quoted_words_is_the_sources() -> None:
    text = claim('Ivanov said Russia "will certainly not allow it"[@s] and meant it.') + SOURCE
    assert lines(text, "unhedged-certainty") == []
    block = claim("Ivanov spoke.", "", "> Russia will certainly not allow it.", "> [@s]") + SOURCE
    assert lines(block, "unhedged-certainty") == []


def test_certainty_position_across_markup_and_lines() -> None:
    text = claim("The record *clearly", "shows* intent.")
    [found] = findings(text, "unhedged-certainty")
    assert (found.line, found.column, found.end_line, found.end_column) == (2, 17, 3, 10)


def test_position_skips_link_targets_and_citation_keys() -> None:
    text = claim("It proves [a point](https://example.org/proves) today.")
    [found] = findings(text, "unhedged-certainty")
    assert marked(text, found) == "proves"
    text = claim("It proves it [@proves].") + "\nsource proves:\n    outlet: X\n"
    [found] = findings(text, "unhedged-certainty")
    assert marked(text, found) == "proves"


def test_position_falls_back_to_the_paragraphs_first_line() -> None:
    # An escaped letter: the prose reads "certainly", the file does not.
    text = claim("Iran is strong and", "Russia will cer\\tainly act.")
    [found] = findings(text, "unhedged-certainty")
    assert (found.line, found.column, found.end_line, found.end_column) == (2, 5, 2, 23)


# --- ARG402 estimative-term-off-scale --------------------------------------------------


def test_off_scale_term_with_the_nearest_scale_term() -> None:
    text = claim("Russia will perhaps abandon the project.")
    [found] = findings(text, "estimative-term-off-scale")
    assert (found.line, marked(text, found)) == (2, "perhaps")
    assert found.hint is not None and "'roughly even chance'" in found.hint


@pytest.mark.parametrize(
    ("phrase", "nearest"),
    [
        ("possibly", "roughly even chance"),
        ("maybe", "roughly even chance"),
        ("could well", "likely"),
        ("might", "roughly even chance"),
        ("in all likelihood", "very likely"),
        ("plausibly", "roughly even chance"),
        ("conceivably", "very unlikely"),
        ("highly likely", "very likely"),
    ],
)
def test_off_scale_terms(phrase: str, nearest: str) -> None:
    [found] = findings(claim(f"Russia {phrase} wants this."), "estimative-term-off-scale")
    assert f"'{phrase}'" in found.message
    assert found.hint is not None and f"'{nearest}'" in found.hint


@pytest.mark.parametrize("word", ["Doubtful", "Chances are"])
def test_off_scale_terms_any_case(word: str) -> None:
    assert lines(claim(f"{word}, Russia will act."), "estimative-term-off-scale") == [2]


def test_both_icd_rows_and_their_adverbs_are_on_the_scale() -> None:
    text = claim(
        "Almost no chance; very unlikely; unlikely; roughly even chance; likely; very likely; almost certain.",
        "The chance is remote; highly improbable; improbable; roughly even odds; probable; highly probable.",
        "Nearly certain. Almost certainly. Probably. Improbably. A remote chance.",
    )
    assert lines(text, "estimative-term-off-scale") == []


def test_off_scale_in_quotation_is_skipped() -> None:
    text = claim('Ivanov said Iran "may perhaps build a bomb"[@s].') + SOURCE
    assert lines(text, "estimative-term-off-scale") == []


def test_off_scale_hint_follows_the_row_the_paper_uses() -> None:
    text = claim("Sales are probable. A deal is highly probable. Perhaps Iran agrees.")
    [found] = findings(text, "estimative-term-off-scale")
    assert found.hint is not None and "'roughly even odds'" in found.hint


def test_off_scale_in_the_summary_and_components() -> None:
    text = "title: T\nsummary:\n    Perhaps.\n\n" + claim("Maybe.", kind="component", ident="c")
    assert [(d.line, d.statement) for d in findings(text, "estimative-term-off-scale")] == [(3, None), (6, "c")]


def test_custom_scale_flags_icd_terms_it_leaves_out() -> None:
    text = claim("Iran is likely to agree. A deal is very likely. Perhaps soon.")
    found = findings(text, "estimative-term-off-scale", {"scale": ["likely", "unlikely"]})
    assert [marked(text, d) for d in found] == ["very likely", "Perhaps"]
    assert found[0].hint is not None and "'likely'" in found[0].hint
    assert "configured" in found[0].message


def test_custom_scale_accepts_its_own_terms() -> None:
    text = claim("A deal is highly likely. It is probably close.")
    options = {"scale": ["Highly Likely", "probable"]}
    assert lines(text, "estimative-term-off-scale", options) == []


def test_unlikely_is_not_likely() -> None:
    only_likely = {"scale": ["likely"]}
    text = claim("A deal is unlikely.")
    [found] = findings(text, "estimative-term-off-scale", only_likely)
    assert "'unlikely'" in found.message and marked(text, found) == "unlikely"
    assert lines(claim("A deal is likely."), "estimative-term-off-scale", only_likely) == []
    assert lines(text, "estimative-term-off-scale", {"scale": ["unlikely"]}) == []


def test_custom_scale_of_unknown_terms_lists_them_in_the_hint() -> None:
    [found] = findings(claim("Perhaps."), "estimative-term-off-scale", {"scale": ["low odds", "high odds"]})
    assert found.hint is not None and "'low odds'" in found.hint and "'high odds'" in found.hint


def test_scale_option_is_checked() -> None:
    with pytest.raises(ConfigError):
        parse_config({"options": {"estimative-term-off-scale": {"scale": 3}}})
    [found] = findings(claim("Body."), "estimative-term-off-scale", {"scale": "nato"})
    assert "unknown likelihood scale 'nato'" in found.message


# --- ARG403 mixed-scale-rows -----------------------------------------------------------


def test_mixed_rows_reported_at_the_second_row_used() -> None:
    text = claim("Russia is likely to act.") + "\n" + claim("supports: thesis", "", "Sales are probable.", ident="s")
    [found] = findings(text, "mixed-scale-rows")
    assert (found.line, found.statement, found.severity) == (7, "s", "info")
    assert marked(text, found) == "probable"
    assert "'remote ... nearly certain'" in found.message and "'almost no chance ... almost certain'" in found.message
    assert [(r.line, r.column) for r in found.related] == [(2, 15)]


def test_mixed_rows_reported_at_the_row_used_less() -> None:
    text = claim("Sales are probable. A deal is highly probable. A war is unlikely. Peace is improbable.")
    [found] = findings(text, "mixed-scale-rows")
    assert marked(text, found) == "unlikely"
    assert found.hint is not None and "'improbable'" in found.hint


def test_one_row_is_not_mixed() -> None:
    # "unlikely" and "very unlikely" are the first row, whatever "likely" looks like inside them.
    text = claim("A war is unlikely. Peace is very unlikely. Trade is likely. It is almost certain.")
    assert lines(text, "mixed-scale-rows") == []
    text = claim("A war is improbable. Peace is highly improbable. Trade is probable. Nearly certain.")
    assert lines(text, "mixed-scale-rows") == []


def test_remote_only_counts_as_a_likelihood() -> None:
    text = claim("Trade with remote regions is likely. The chance is remote.")
    [found] = findings(text, "mixed-scale-rows")
    assert marked(text, found) == "chance is remote"
    assert lines(claim("Trade with remote regions is likely."), "mixed-scale-rows") == []


def test_mixed_rows_ignore_quoted_words() -> None:
    text = claim('Sales are likely; Ivanov called them "probable"[@s].') + SOURCE
    assert lines(text, "mixed-scale-rows") == []


# --- ARG404 confidence-with-likelihood ---------------------------------------------------


def test_confidence_and_likelihood_in_one_sentence() -> None:
    text = claim("Iran is strong.", "We assess with high confidence that Russia will likely act.")
    [found] = findings(text, "confidence-with-likelihood")
    assert (found.line, marked(text, found)) == (3, "We assess with high confidence")
    assert "'likely'" in found.message


@pytest.mark.parametrize(
    "sentence",
    [
        "We have moderate confidence that a deal is probable.",
        "A deal is very unlikely; we hold this with low confidence.",
        "We are highly confident that Iran might agree.",
    ],
)
def test_confidence_with_any_likelihood(sentence: str) -> None:
    assert lines(claim(sentence), "confidence-with-likelihood") == [2]


@pytest.mark.parametrize(
    "body",
    [
        "We assess that Russia will likely act. We have high confidence in this judgment.",
        "We have high confidence in this judgment.",
        "Russia will likely act.",
        'Russia will likely act, "with high confidence"[@s] said Ivanov.',
    ],
)
def test_confidence_and_likelihood_apart(body: str) -> None:
    assert lines(claim(body) + SOURCE, "confidence-with-likelihood") == []


def test_confidence_reported_once_per_sentence() -> None:
    text = claim("With high confidence, and low confidence, Russia will likely and probably act.")
    assert lines(text, "confidence-with-likelihood") == [2]


# --- ARG405 vague-attribution ----------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "Some say",
        "Experts believe",
        "Many believe",
        "It is said",
        "It is widely believed",
        "Observers note",
        "Analysts say",
        "Sources say",
        "Critics argue",
        "It has been reported",
        "Reportedly,",
        "Some have argued",
    ],
)
def test_vague_attribution(phrase: str) -> None:
    text = claim("Iran is strong.", f"{phrase} that Russia wants a Great Power status.")
    [found] = findings(text, "vague-attribution")
    assert (found.line, marked(text, found)) == (3, phrase.rstrip(","))


def test_a_citation_in_the_sentence_silences_it() -> None:
    for body in (
        "Some say that Russia wants it [@s].",
        "Some say that Russia wants it.[@s]",
        "Some say that Russia wants it. [@s, p. 4] Russia is strong.",
        'Critics argue that it is "a tool of pressure"[@s].',
        "[@s] Experts believe Russia wants it.",
    ):
        assert lines(claim(body) + SOURCE, "vague-attribution") == [], body


def test_a_citation_in_another_sentence_does_not() -> None:
    text = claim("Russia is strong [@s]. Some say that it wants more.", "Its power grows [@s].") + SOURCE
    [found] = findings(text, "vague-attribution")
    assert marked(text, found) == "Some say"


def test_sentences_split_on_end_marks_only() -> None:
    # "e.g." and "J." do not end a sentence: the citation at the end covers it.
    text = claim("Some say, e.g. J. Smith, that Russia wants it [@s].") + SOURCE
    assert lines(text, "vague-attribution") == []
    text = claim("Some say so! Russia is strong [@s].") + SOURCE
    assert lines(text, "vague-attribution") == [2]


def test_vague_attribution_once_per_sentence_and_not_in_quotes() -> None:
    assert lines(claim("Some say, and experts believe, that it is so."), "vague-attribution") == [2]
    text = claim('Ivanov said "some say we are weak"[@s].') + SOURCE
    assert lines(text, "vague-attribution") == []


@pytest.mark.parametrize(
    "body",
    [
        "Iran wants to have some say in the region.",
        "Some think tanks doubt it.",
        "Putin said it in Munich.",
    ],
)
def test_lookalikes_are_not_vague_attribution(body: str) -> None:
    assert lines(claim(body), "vague-attribution") == []


# --- ARG406 long-statement -------------------------------------------------------------


def test_long_statement_with_its_word_count() -> None:
    text = claim("One two three.", "", 'Four "five six"[@s] seven [@s].') + SOURCE
    [found] = findings(text, "long-statement", {"max-words": 5})
    assert (found.line, found.column, found.statement, found.severity) == (1, 7, "thesis", "info")
    assert "7 words" in found.message and "5" in found.message


def test_long_statement_limit_is_inclusive_and_defaults_to_300() -> None:
    assert lines(claim("One two three four five."), "long-statement", {"max-words": 5}) == []
    assert lines(claim(" ".join(["word"] * 300)), "long-statement") == []
    assert lines(claim(" ".join(["word"] * 301)), "long-statement") == [1]


def test_long_statement_counts_every_kind_and_block_quotations() -> None:
    annotated = claim("outlet: X", "", "One two three.", "", "> Four five six.", "> [@t]", kind="source", ident="s")
    text = annotated + "\nsource t:\n    outlet: Y\n"
    assert lines(text, "long-statement", {"max-words": 5}) == [1]


def test_max_words_must_be_a_number() -> None:
    with pytest.raises(ConfigError):
        parse_config({"options": {"long-statement": {"max-words": "300"}}})
