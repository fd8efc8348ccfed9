"""Running the rules: configuration in, diagnostics out, suppressions applied."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from argdoc.collector import gc_paused
from argdoc.compiler import Result
from argdoc.diagnostics import Diagnostic, Severity, sort_key
from argdoc.lint.config import LintConfig
from argdoc.lint.context import LintContext
from argdoc.lint.registry import all_rules, lookup
from argdoc.lint.rule import Finding, Rule, StageRule
from argdoc.nodes import Paper, Suppression
from argdoc.source import Span

_META = ("unused-suppression", "unknown-rule-in-suppression")
_START = Span(line=1, column=1, end_line=1, end_column=2)

Found = list[tuple[type[Rule], Finding]]


def lint(result: Result, config: LintConfig | None = None, today: datetime.date | None = None) -> list[Diagnostic]:
    """Every diagnostic for a compiled file: syntax and tree errors, then the enabled rules."""
    with gc_paused():
        return _lint(result, config or LintConfig(), today)


def _lint(result: Result, config: LintConfig, today: datetime.date | None) -> list[Diagnostic]:
    if result.paper is None or result.resolution is None or not result.resolution.whole:
        # Without the paper, or without all of its files (an include or a reference file lost: what
        # it defines and cites is not known, and the rules would be wrong), only the compiler speaks.
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
        files=result.sources,
    )
    places = Places.of(result.paper, result.source.path)
    found = [(rule, f) for rule in rules if rule.code in enabled and rule.name not in _META for f in rule().check(ctx)]
    kept, ctx.suppression_usage = _suppress(found, result.paper.suppressions, places)
    kept += [(rule, f) for rule in rules if rule.code in enabled and rule.name in _META for f in rule().check(ctx)]
    diagnostics = [d for d in result.diagnostics if d.name not in stage_names]
    diagnostics += [_diagnostic(rule, finding, enabled[rule.code], places) for rule, finding in kept]
    return sorted(diagnostics, key=sort_key)


@dataclass
class Places:
    """Which file of the paper each finding is in (None: the main file).

    A finding names its statement; the statement knows the file it was
    included from. An id defined twice (itself an error) is told apart by the
    exact place the finding points at.
    """

    main: str
    origins: dict[str, str | None] = field(default_factory=dict)
    exact: dict[tuple[str, int, int], str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, paper: Paper, main: str) -> Places:
        places = cls(main)
        for node in [*paper.all_statements(), *paper.divisions(), *paper.all_exhibits()]:
            if node.id is None:
                continue
            places.origins.setdefault(node.id, node.origin)
            if node.id_span is not None:
                places.exact[(node.id, node.id_span.line, node.id_span.column)] = node.origin
        return places

    def file_of(self, finding: Finding) -> str | None:
        if finding.path is not None:
            return None if finding.path == self.main else finding.path
        if finding.statement is None:
            return None
        if finding.span is not None:
            key = (finding.statement, finding.span.line, finding.span.column)
            if key in self.exact:
                return self.exact[key]
        return self.origins.get(finding.statement)

    def path_of(self, finding: Finding) -> str:
        return self.file_of(finding) or self.main


def _suppress(
    found: Found, suppressions: tuple[Suppression, ...], places: Places
) -> tuple[Found, list[tuple[Suppression, set[str]]]]:
    """Drop the findings a suppression covers; record what each suppression was used for.

    A statement's suppression covers findings about that statement; a
    whole-file suppression covers the findings in its own file (findings
    about the paper's header belong to the main file).
    """
    usage: list[tuple[Suppression, set[str]]] = [(s, set()) for s in suppressions]
    kept = []
    for rule, finding in found:
        silenced = False
        where = places.file_of(finding)
        for suppression, used in usage:
            covers = (suppression.whole_file and suppression.origin == where) or (
                finding.statement is not None and suppression.statement == finding.statement
            )
            if not covers:
                continue
            if not suppression.rules:
                used.add("*")
                silenced = True
            elif any(lookup(key) is rule for key in suppression.rules):
                used.add(rule.code)
                silenced = True
        if not silenced:
            kept.append((rule, finding))
    return kept, usage


def _diagnostic(rule: type[Rule], finding: Finding, severity: Severity, places: Places) -> Diagnostic:
    span = finding.span or _START
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=severity,
        message=finding.message,
        path=places.path_of(finding),
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        hint=finding.hint,
        statement=finding.statement,
        related=finding.related,
    )
