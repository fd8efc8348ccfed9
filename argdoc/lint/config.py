"""Lint configuration: `[tool.argdoc.lint]` in pyproject.toml, or `argdoc.toml`.

    [tool.argdoc.lint]
    select = ["ARG0", "ARG1"]          # codes, names, code prefixes or "ALL"; default: the default rules
    extend-select = ["unhedged-certainty"]
    ignore = ["stale-source"]

    [tool.argdoc.lint.severity]
    unused-source = "error"

    [tool.argdoc.lint.per-file-ignores]
    "drafts/*.arg" = ["missing-summary"]

    [tool.argdoc.lint.options.long-statement]
    max-words = 250

In argdoc.toml the same keys sit under `[lint]`. The nearest file wins,
looking from the linted file's folder upwards (see argdoc.config).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from argdoc.config import ConfigError, find_table, table_of
from argdoc.diagnostics import Severity
from argdoc.lint.registry import all_rules, did_you_mean, expand, lookup
from argdoc.lint.rule import Rule

_KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "severity", "options")


@dataclass
class LintConfig:
    """Which rules run on which file, at which severity, with which options."""

    path: Path | None = None
    select: list[type[Rule]] | None = None
    extend_select: list[type[Rule]] = field(default_factory=list)
    ignore: list[type[Rule]] = field(default_factory=list)
    per_file_ignores: dict[str, list[type[Rule]]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)

    def enabled(self, file: Path | None = None) -> dict[str, Severity]:
        """Rule code to severity, for the rules that run on `file`."""
        chosen = self.select if self.select is not None else [r for r in all_rules() if r.default]
        codes = {r.code for r in chosen} | {r.code for r in self.extend_select}
        codes -= {r.code for r in self.ignore}
        if file is not None:
            for pattern, rules in self.per_file_ignores.items():
                if self._matches(pattern, file):
                    codes -= {r.code for r in rules}
        return {code: self.severity.get(code, _rule(code).severity) for code in sorted(codes)}

    def _matches(self, pattern: str, file: Path) -> bool:
        base = self.path.parent if self.path is not None else Path.cwd()
        try:
            relative = PurePosixPath(file.resolve().relative_to(base.resolve()))
        except ValueError:
            relative = PurePosixPath(file)
        return fnmatch.fnmatch(str(relative), pattern) or fnmatch.fnmatch(file.name, pattern)

    def rule_options(self) -> dict[str, dict[str, Any]]:
        """Every rule's options: its defaults, overridden by configuration."""
        merged: dict[str, dict[str, Any]] = {}
        for rule in all_rules():
            values = {name: option.default for name, option in rule.options.items()}
            values.update(self.options.get(rule.code, {}))
            merged[rule.name] = values
        return merged


def _rule(code: str) -> type[Rule]:
    rule = lookup(code)
    assert rule is not None
    return rule


# --- reading -----------------------------------------------------------------------


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration with a lint table: (file, the table)."""
    return find_table(start, "lint")


def load_config(start: Path | None = None, explicit: Path | None = None) -> LintConfig:
    """The configuration for files under `start` (or from an explicit file)."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(explicit, "file", "does not exist")
        return parse_config(table_of(explicit, "lint"), explicit)
    found = find_config(start or Path.cwd())
    if found is None:
        return LintConfig()
    return parse_config(found[1], found[0])


def parse_config(table: dict[str, Any], path: Path | None = None) -> LintConfig:
    """Validate a lint table; every mistake names its key."""
    for key in table:
        if key not in _KEYS:
            raise ConfigError(path, key, f"is not a lint setting; the settings are: {', '.join(_KEYS)}")
    config = LintConfig(path=path)
    if "select" in table:
        config.select = _selectors(table["select"], path, "select")
    config.extend_select = _selectors(table.get("extend-select", []), path, "extend-select")
    config.ignore = _selectors(table.get("ignore", []), path, "ignore")
    config.per_file_ignores = {
        str(pattern): _selectors(rules, path, f"per-file-ignores.{pattern}")
        for pattern, rules in _as_table(table.get("per-file-ignores", {}), path, "per-file-ignores").items()
    }
    for key, level in _as_table(table.get("severity", {}), path, "severity").items():
        rule = _one_rule(key, path, f"severity.{key}")
        if level not in ("error", "warning", "info"):
            raise ConfigError(path, f"severity.{key}", f"is {level!r}; use 'error', 'warning' or 'info'")
        config.severity[rule.code] = Severity(level)
    for key, values in _as_table(table.get("options", {}), path, "options").items():
        rule = _one_rule(key, path, f"options.{key}")
        config.options[rule.code] = _options(rule, _as_table(values, path, f"options.{key}"), path, key)
    return config


def _as_table(value: object, path: Path | None, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(path, key, "must be a table")
    return value


def _selectors(value: object, path: Path | None, key: str) -> list[type[Rule]]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, "must be a list of rule codes or names")
    rules: list[type[Rule]] = []
    for selector in value:
        found = expand(selector)
        if found is None:
            raise ConfigError(path, key, f"names no rule: {selector!r} ({did_you_mean(selector)}see 'argdoc rules')")
        rules.extend(found)
    return rules


def _one_rule(key: str, path: Path | None, where: str) -> type[Rule]:
    rule = lookup(key)
    if rule is None:
        raise ConfigError(path, where, f"{key!r} is not a rule ({did_you_mean(key)}see 'argdoc rules')")
    return rule


def _options(rule: type[Rule], values: dict[str, Any], path: Path | None, key: str) -> dict[str, Any]:
    for name, value in values.items():
        option = rule.options.get(name)
        if option is None:
            known = ", ".join(rule.options) or "none"
            raise ConfigError(path, f"options.{key}.{name}", f"is not an option of {rule.name} (options: {known})")
        if not option.accepts(value):
            wrong = "is too small" if isinstance(value, type(option.default)) else "has the wrong type"
            raise ConfigError(path, f"options.{key}.{name}", f"{wrong} ({value!r}): {option.help}")
    return dict(values)


def apply_overrides(config: LintConfig, overrides: dict[str, list[str]]) -> LintConfig:
    """Command-line --select/--extend-select/--ignore on top of a file's configuration."""
    if not overrides:
        return config
    merged = LintConfig(
        path=config.path,
        select=config.select,
        extend_select=list(config.extend_select),
        ignore=list(config.ignore),
        per_file_ignores=config.per_file_ignores,
        severity=config.severity,
        options=config.options,
    )
    if "select" in overrides:
        merged.select = _selectors(overrides["select"], None, "--select")
        merged.extend_select = []
    merged.extend_select += _selectors(overrides.get("extend-select", []), None, "--extend-select")
    merged.ignore += _selectors(overrides.get("ignore", []), None, "--ignore")
    return merged
