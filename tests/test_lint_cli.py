"""`argdoc lint`, `argdoc rules`, `argdoc rule`, and lint inside `argdoc build`, as users run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from argdoc.lint import report
from argdoc.lint.registry import all_rules

from .conftest import EXAMPLES, ROOT

SARIF_SCHEMA = ROOT / "tests" / "node" / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "sarif-2.1.0.json"

CLEAN = """\
title: A paper
author: A. Author
date: 2026-01-01
summary:
    One line.

claim thesis:
    Body [@s; @t].

source s:
    outlet: X
    date: 2025-01-01

source t:
    outlet: Y
    date: 2025-02-01
"""
# One error (undefined-reference), one warning (unused-source), one info (single-source-dependency).
MIXED = CLEAN.replace("Body [@s; @t].", "Body [@s] [@nope].")


def argdoc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run(
        [sys.executable, "-m", "argdoc", *args], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.arg"
    path.write_text(MIXED, encoding="utf-8")
    return path


def test_reference_paper_lints_clean_of_errors_and_warnings() -> None:
    result = argdoc("lint", str(EXAMPLES / "russia-iran.arg"), "--fail-on", "warning")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.arg")), ids=lambda p: p.stem)
def test_every_example_has_no_errors_or_warnings(path: Path) -> None:
    result = argdoc("lint", str(path), "--format", "json")
    found = json.loads(result.stdout)
    assert [d for d in found if d["severity"] != "info"] == []


def test_text_output_and_exit_codes_by_fail_level(mixed: Path) -> None:
    result = argdoc("lint", str(mixed))
    assert result.returncode == 1
    assert f"{mixed}:8:16: error[ARG001] 'nope' is not defined (undefined-reference)" in result.stdout
    assert "= in statement 'thesis'" in result.stdout
    assert f"{mixed}:14:8: warning[ARG006] source 't' is never cited (unused-source)" in result.stdout
    assert "Found 3 problems (1 error, 1 warning, 1 info)." in result.stderr
    assert argdoc("lint", str(mixed), "--exit-zero").returncode == 0
    fixed = mixed.read_text(encoding="utf-8").replace(" [@nope]", "")
    mixed.write_text(fixed, encoding="utf-8")
    assert argdoc("lint", str(mixed)).returncode == 0
    assert argdoc("lint", str(mixed), "--fail-on", "warning").returncode == 1
    mixed.write_text(fixed.replace("Body [@s]", "Body [@s; @t]"), encoding="utf-8")
    assert argdoc("lint", str(mixed), "--fail-on", "warning").returncode == 0
    assert argdoc("lint", str(mixed), "--fail-on", "info").returncode == 0  # clean of infos too


def test_json_output_fields(mixed: Path) -> None:
    found = json.loads(argdoc("lint", str(mixed), "--format", "json").stdout)
    keys = {"code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column", "statement"}
    assert all(keys <= set(d) for d in found)
    assert [d["line"] for d in found] == sorted(d["line"] for d in found)
    [undefined] = [d for d in found if d["code"] == "ARG001"]
    assert (undefined["line"], undefined["column"], undefined["end_column"]) == (8, 16, 21)
    assert undefined["statement"] == "thesis"
    document = [d for d in found if d["statement"] is None]
    assert document == []


def test_sarif_validates_against_the_sarif_schema(mixed: Path) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.fail("the SARIF 2.1.0 schema is missing: run `npm ci --prefix tests/node` (make test does)")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8-sig"))
    log = json.loads(argdoc("lint", str(mixed), "--format", "sarif").stdout)
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert {r["ruleId"] for r in results} == {"ARG001", "ARG006", "ARG208"}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {"ARG001": "error", "ARG006": "warning", "ARG208": "note"}


def test_sarif_of_a_syntax_error_is_valid_too(tmp_path: Path) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.fail("the SARIF 2.1.0 schema is missing: run `npm ci --prefix tests/node`")
    bad = tmp_path / "bad.arg"
    bad.write_text("clam thesis:\n", encoding="utf-8")
    out = argdoc("lint", str(bad), "--format", "sarif")
    assert out.returncode == 1
    log = json.loads(out.stdout)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8-sig")))
    assert log["runs"][0]["results"][0]["ruleId"] == "E002"


def test_github_annotations(mixed: Path) -> None:
    lines = argdoc("lint", str(mixed), "--format", "github").stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::notice ")
    assert lines[1].startswith(
        f"::error file={mixed},line=8,col=16,endLine=8,endColumn=21,title=ARG001 undefined-reference::"
    )
    assert lines[2].startswith("::warning ")


def test_select_ignore_and_statistics(mixed: Path) -> None:
    only = json.loads(argdoc("lint", str(mixed), "--format", "json", "--select", "unused-source").stdout)
    assert [d["name"] for d in only] == ["unused-source"]
    rest = json.loads(argdoc("lint", str(mixed), "--format", "json", "--ignore", "ARG001,ARG208").stdout)
    assert [d["name"] for d in rest] == ["unused-source"]
    stats = argdoc("lint", str(mixed), "--statistics").stdout
    assert "1  ARG001  undefined-reference  [error]" in stats
    bad = argdoc("lint", str(mixed), "--select", "no-such-rule")
    assert bad.returncode == 2 and "names no rule" in bad.stderr


def test_configuration_in_pyproject(tmp_path: Path, mixed: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.argdoc.lint]\nignore = ["undefined-reference"]\n[tool.argdoc.lint.severity]\nunused-source = "error"\n',
        encoding="utf-8",
    )
    found = json.loads(argdoc("lint", str(mixed), "--format", "json").stdout)
    assert {(d["name"], d["severity"]) for d in found} == {
        ("unused-source", "error"),
        ("single-source-dependency", "info"),
    }


def test_bad_configuration_is_a_clear_error_with_file_and_key(tmp_path: Path, mixed: Path) -> None:
    (tmp_path / "argdoc.toml").write_text('[lint]\nselct = ["ARG001"]\n', encoding="utf-8")
    result = argdoc("lint", str(mixed))
    assert result.returncode == 2
    assert f"{tmp_path / 'argdoc.toml'}: [selct] is not a lint setting" in result.stderr
    assert "Traceback" not in result.stderr


def test_rules_listing_and_one_rule_page() -> None:
    table = argdoc("rules").stdout
    assert "ARG006  unused-source" in table
    listed = json.loads(argdoc("rules", "--format", "json").stdout)
    assert {"code", "name", "severity", "default", "summary"} <= set(listed[0])
    for key in ("ARG006", "unused-source", "arg006"):
        page = argdoc("rule", key)
        assert page.returncode == 0
        assert page.stdout.startswith("ARG006 unused-source\n")
        assert "Bad:" in page.stdout and "Good:" in page.stdout
    assert argdoc("rule", "nonsense").returncode == 2


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == report.rules_markdown(), "docs/rules.md is stale: run `make docs`"


def test_the_rules_page_has_one_heading_per_family() -> None:
    headings = [line for line in report.rules_markdown().splitlines() if line.startswith("## ")]
    families = {rule.family for rule in all_rules()}
    assert sorted(headings) == sorted(f"## {family.capitalize()}" for family in families)


def test_build_stops_on_lint_errors_and_strict_stops_on_warnings(tmp_path: Path) -> None:
    paper = tmp_path / "paper.arg"
    paper.write_text(CLEAN.replace("Body [@s; @t].", "Body."), encoding="utf-8")  # claim-without-support
    result = argdoc("build", str(paper), "--format", "html")
    assert result.returncode == 1 and "claim-without-support" in result.stderr
    assert not paper.with_suffix(".html").exists()
    paper.write_text(
        CLEAN.replace("Body [@s; @t].", "Body [@s; @t].\nsource u:\n    outlet: Z\n    date: 2025-01-01"),
        encoding="utf-8",
    )
    warned = argdoc("build", str(paper), "--format", "html")
    assert warned.returncode == 0 and "unused-source" in warned.stderr
    strict = argdoc("build", str(paper), "--format", "html", "--strict")
    assert strict.returncode == 1 and "with --strict" in strict.stderr


def test_sarif_locations_are_percent_encoded_uri_references(tmp_path: Path) -> None:
    folder = tmp_path / "my papers"
    folder.mkdir()
    (folder / "brief #1.arg").write_text(MIXED, encoding="utf-8")
    relative = json.loads(argdoc("lint", "my papers/brief #1.arg", "--format", "sarif", cwd=tmp_path).stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in relative["runs"][0]["results"]}
    assert uris == {"my%20papers/brief%20%231.arg"}
    absolute = json.loads(argdoc("lint", str(folder / "brief #1.arg"), "--format", "sarif", cwd=ROOT).stdout)
    uri = absolute["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == (folder / "brief #1.arg").as_uri() and "%20" in uri


def test_a_mistyped_rule_on_the_command_line_gets_a_suggestion(mixed: Path) -> None:
    select = argdoc("lint", str(mixed), "--select", "unused-sorce")
    assert select.returncode == 2 and "did you mean 'unused-source'?" in select.stderr
    page = argdoc("rule", "single-source-dependancy")
    assert page.returncode == 2 and "did you mean 'single-source-dependency'?" in page.stderr
