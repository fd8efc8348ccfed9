"""Running the rules: configuration in, diagnostics out, suppressions applied."""

from __future__ import annotations

import datetime
from pathlib import Path

from argdoc.compiler import Result
from argdoc.diagnostics import Diagnostic, Severity, sort_key
from argdoc.lint.config import LintConfig
from argdoc.lint.context import LintContext
from argdoc.lint.registry import Finding, Rule, StageRule, all_rules, lookup
from argdoc.nodes import Suppression
from argdoc.source import Span

_META = ("unused-suppression", "unknown-rule-in-suppression")
_START = Span(line=1, column=1, end_line=1, end_column=2)


def lint(result: Result, config: LintConfig | None = None, today: datetime.date | None = None) -> list[Diagnostic]:
    """Every diagnostic for a compiled file: syntax and tree errors, then the enabled rules."""
    config = config or LintConfig()
    if result.paper is None or result.resolution is None:
        return sorted(result.diagnostics, key=sort_key)
    rules = all_rules()
    enabled = config.enabled(Path(result.source.path))
    stage_names = {r.name for r in rules if issubclass(r, StageRule)}
    ctx = LintContext(
        paper=result.paper,
        resolution=result.resolution,
        source=result.source,
        options=config.rule_options(),
        today=today or datetime.date.today(),
        earlier=[d for d in result.diagnostics if d.name in stage_names],
        disabled={r.code for r in rules if r.code not in enabled},
    )
    found = [(rule, f) for rule in rules if rule.code in enabled and rule.name not in _META for f in rule().check(ctx)]
    kept, ctx.suppression_usage = _suppress(found, result.paper.suppressions)
    kept += [(rule, f) for rule in rules if rule.code in enabled and rule.name in _META for f in rule().check(ctx)]
    diagnostics = [d for d in result.diagnostics if d.name not in stage_names]
    diagnostics += [_diagnostic(rule, finding, enabled[rule.code], result) for rule, finding in kept]
    return sorted(diagnostics, key=sort_key)


def _suppress(
    found: list[tuple[type[Rule], Finding]], suppressions: tuple[Suppression, ...]
) -> tuple[list[tuple[type[Rule], Finding]], list[tuple[Suppression, set[str]]]]:
    """Drop the findings a suppression covers; record what each suppression was used for."""
    usage: list[tuple[Suppression, set[str]]] = [(s, set()) for s in suppressions]
    kept = []
    for rule, finding in found:
        silenced = False
        for suppression, used in usage:
            covers = suppression.whole_file or (
                finding.statement is not None and suppression.statement == finding.statement
            )
            if not covers:
                continue
            if not suppression.rules:
                used.add("*")
                silenced = True
            elif any(_same_rule(key, rule) for key in suppression.rules):
                used.add(rule.code)
                silenced = True
        if not silenced:
            kept.append((rule, finding))
    return kept, usage


def _same_rule(key: str, rule: type[Rule]) -> bool:
    return lookup(key) is rule


def _diagnostic(rule: type[Rule], finding: Finding, severity: Severity, result: Result) -> Diagnostic:
    span = finding.span or _START
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=severity,
        message=finding.message,
        path=result.source.path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        hint=finding.hint,
        statement=finding.statement,
        related=finding.related,
    )
