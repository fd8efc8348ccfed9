"""Lint configuration: discovery, selection, severities, per-file ignores, options, mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from argdoc.diagnostics import Severity
from argdoc.lint.config import ConfigError, LintConfig, apply_overrides, find_config, load_config, parse_config


def test_defaults_are_the_rules_on_by_default() -> None:
    enabled = LintConfig().enabled()
    assert "ARG001" in enabled and "ARG006" in enabled
    assert "ARG401" not in enabled  # language rules are opt-in
    assert enabled["ARG006"] is Severity.WARNING


def test_select_by_code_name_prefix_and_all() -> None:
    assert set(parse_config({"select": ["ARG001", "unused-source"]}).enabled()) == {"ARG001", "ARG006"}
    assert set(parse_config({"select": ["ARG3"]}).enabled()) == {
        "ARG301",
        "ARG302",
        "ARG303",
        "ARG304",
        "ARG305",
        "ARG306",
    }
    assert "ARG401" in parse_config({"select": ["ALL"]}).enabled()


def test_extend_select_ignore_and_severity() -> None:
    config = parse_config(
        {"extend-select": ["long-statement"], "ignore": ["ARG006"], "severity": {"missing-date": "error"}}
    )
    enabled = config.enabled()
    assert "ARG406" in enabled and "ARG006" not in enabled
    assert enabled["ARG304"] is Severity.ERROR


def test_per_file_ignores_match_relative_paths_and_names(tmp_path: Path) -> None:
    config = parse_config({"per-file-ignores": {"drafts/*.arg": ["missing-summary"]}}, tmp_path / "argdoc.toml")
    assert "ARG302" not in config.enabled(tmp_path / "drafts" / "one.arg")
    assert "ARG302" in config.enabled(tmp_path / "final" / "one.arg")


def test_options_are_merged_with_defaults_and_type_checked() -> None:
    config = parse_config({"options": {"stale-source": {"max-age-days": 30}}})
    assert config.rule_options()["stale-source"] == {"max-age-days": 30}
    assert config.rule_options()["uncited-statement"] == {"kinds": ["component"]}
    with pytest.raises(
        ConfigError, match=r"\[options.stale-source.max-age-days\] has the wrong type \(.ten.\): a whole"
    ):
        parse_config({"options": {"stale-source": {"max-age-days": "ten"}}})
    with pytest.raises(ConfigError, match=r"max-age-days\] is too small \(0\): a whole number of days, at least 1"):
        parse_config({"options": {"stale-source": {"max-age-days": 0}}})
    with pytest.raises(ConfigError, match=r"\[options.stale-source.days\] is not an option of stale-source"):
        parse_config({"options": {"stale-source": {"days": 3}}})


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"selct": []}, "selct"),
        ({"select": ["no-such-rule"]}, "select"),
        ({"select": "ARG001"}, None),  # a single string is accepted
        ({"ignore": [1]}, "ignore"),
        ({"severity": {"unused-source": "fatal"}}, "severity.unused-source"),
        ({"severity": {"nope": "error"}}, "severity.nope"),
        ({"per-file-ignores": {"*.arg": ["nope"]}}, "per-file-ignores.*.arg"),
        ({"options": {"nope": {}}}, "options.nope"),
    ],
)
def test_mistakes_name_their_key(table: dict[str, object], key: str | None) -> None:
    if key is None:
        parse_config(table)
        return
    with pytest.raises(ConfigError) as caught:
        parse_config(table, Path("/project/pyproject.toml"))
    assert caught.value.key == key
    assert str(caught.value).startswith(f"/project/pyproject.toml: [{key}]")


def test_discovery_nearest_file_wins_and_argdoc_toml_beats_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.argdoc.lint]\nignore = ["ARG006"]\n', encoding="utf-8")
    sub = tmp_path / "papers"
    sub.mkdir()
    found = find_config(sub / "x.arg")
    assert found is not None and found[0] == tmp_path / "pyproject.toml"
    (sub / "argdoc.toml").write_text('[lint]\nignore = ["ARG302"]\n', encoding="utf-8")
    (sub / "pyproject.toml").write_text('[tool.argdoc.lint]\nignore = ["ARG303"]\n', encoding="utf-8")
    config = load_config(sub)
    assert config.path == sub / "argdoc.toml"
    assert "ARG302" not in config.enabled() and "ARG303" in config.enabled()


def test_pyproject_without_an_argdoc_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 80\n", encoding="utf-8")
    assert find_config(tmp_path) is None


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "argdoc.toml").write_text("[lint\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_config(tmp_path)


def test_explicit_config_file_and_command_line_overrides(tmp_path: Path) -> None:
    explicit = tmp_path / "team.toml"
    explicit.write_text('[lint]\nselect = ["ARG0"]\n', encoding="utf-8")
    config = load_config(None, explicit)
    assert set(config.enabled()) == {"ARG001", "ARG002", "ARG003", "ARG004", "ARG005", "ARG006", "ARG007"}
    merged = apply_overrides(config, {"ignore": ["ARG006"], "extend-select": ["missing-date"]})
    assert set(merged.enabled()) == {"ARG001", "ARG002", "ARG003", "ARG004", "ARG005", "ARG007", "ARG304"}
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(None, tmp_path / "missing.toml")


def test_a_mistyped_rule_gets_a_suggestion() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"ignore": ["single-source-dependancy"]}, Path("argdoc.toml"))
    assert "did you mean 'single-source-dependency'?" in str(caught.value)
    with pytest.raises(ConfigError) as caught:
        parse_config({"ignore": ["completely-unrelated"]}, Path("argdoc.toml"))
    assert "did you mean" not in str(caught.value)


def test_an_unknown_rule_in_a_suppression_gets_a_suggestion() -> None:
    from argdoc.compiler import compile_text
    from argdoc.lint import lint

    result = compile_text("claim thesis:\n    # argdoc: ignore[claim-without-suport]\n    Body.\n", "p.arg")
    [found] = [d for d in lint(result, LintConfig()) if d.code == "ARG902"]
    assert found.hint is not None and found.hint.startswith("did you mean 'claim-without-support'?")
