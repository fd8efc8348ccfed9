"""The table of diagnostic codes (argdoc.codes): one entry gives a code and its name."""

from __future__ import annotations

import re

import pytest

from argdoc import codes
from argdoc.codes import Code
from argdoc.compiler import compile_text
from argdoc.diagnostics import make
from argdoc.lint.registry import all_rules
from argdoc.lint.rule import StageRule
from argdoc.source import SourceFile, Span

from .conftest import ROOT

PACKAGE = ROOT / "argdoc"
ENTRIES = [*codes.TABLE, *codes.STAGE_RULES]
# Transitional (issue #8): these files still pass codes as strings to make(); they move
# to argdoc.codes when the CLI becomes a package. Empty this set then.
_LITERAL = re.compile(r"""["'](?:E|ARG)\d{3}["']""")
# A lint rule class states its own code: the registry is the table of ARG codes.
_RULE_CODE = re.compile(r"""^\s*code = "ARG\d{3}"$""", re.M)


def _constants() -> dict[str, Code]:
    return {name: value for name, value in vars(codes).items() if isinstance(value, Code)}


def test_codes_and_names_are_unique_and_well_formed() -> None:
    assert len({e.code for e in ENTRIES}) == len(ENTRIES)
    assert len({e.name for e in ENTRIES}) == len(ENTRIES)
    for entry in codes.TABLE:
        assert re.fullmatch(r"E\d{3}", entry.code), entry
        assert re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)*", entry.name), entry
        assert entry.summary.endswith(".") and "\n" not in entry.summary, entry
        assert entry.topic in codes.TOPICS, entry


def test_each_constant_is_named_after_its_entry_and_listed() -> None:
    constants = _constants()
    assert sorted(constants.values()) == sorted(ENTRIES)
    for name, entry in constants.items():
        assert name == entry.name.upper().replace("-", "_"), f"codes.{name} holds {entry.code} {entry.name}"


def test_stage_rule_entries_agree_with_the_lint_registry() -> None:
    registered = {(rule.code, rule.name) for rule in all_rules() if issubclass(rule, StageRule)}
    assert {(entry.code, entry.name) for entry in codes.STAGE_RULES} == registered


def test_no_code_is_written_as_a_string_outside_the_table() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "codes.py":
            continue
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "rules":
            text = _RULE_CODE.sub("", text)
        found += [f"{path.relative_to(ROOT)}: {m.group()}" for m in _LITERAL.finditer(text)]
    assert found == [], "make diagnostics from entries of argdoc.codes (make(codes.NAME, ...))"


def test_every_entry_is_reported_somewhere() -> None:
    sources = {path: path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py") if path.name != "codes.py"}
    unused = []
    for name, entry in _constants().items():
        used = any(f"codes.{name}" in text for text in sources.values())
        if not used:
            unused.append(f"{entry.code} {entry.name}")
    assert unused == []


def test_a_diagnostic_takes_code_and_name_from_its_entry() -> None:
    source = SourceFile("paper.arg", "claim a:\n")
    span = Span(line=1, column=1, end_line=1, end_column=2)
    d = make(codes.MISSING_COLON, "a header line must end with ':'", source, span, hint="add it")
    assert (d.code, d.name, d.path, d.hint) == ("E003", "missing-colon", "paper.arg", "add it")


def test_reported_diagnostics_carry_their_entries() -> None:
    result = compile_text("claim a:\n    supports: nowhere\n    outlet: X\n    Body.\n")
    assert {(d.code, d.name) for d in result.diagnostics} == {
        (codes.FIELD_NOT_ALLOWED.code, codes.FIELD_NOT_ALLOWED.name),
        (codes.UNDEFINED_REFERENCE.code, codes.UNDEFINED_REFERENCE.name),
    }


def test_docs_error_tables_are_generated_from_the_table() -> None:
    current = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    assert current == codes.update_markdown(current), "docs/language.md is stale: run `make docs`"


def test_docs_list_every_code_once_in_the_code_reference() -> None:
    text = "\n".join(codes.regions()["error-codes"])
    for entry in ENTRIES:
        assert text.count(f"| {entry.code} | `{entry.name}` |") == 1, entry


def test_a_missing_region_is_an_error() -> None:
    with pytest.raises(ValueError, match="include-codes"):
        codes.update_markdown("# no regions here\n")
