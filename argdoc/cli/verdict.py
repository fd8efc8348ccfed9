"""Whether a paper may be built: the one judgement `build`, `check`, `watch` and `serve` share.

`argdoc check` once passed papers that `argdoc build` refused (a missing title
is a lint error, and check did not lint). Every command that says "this paper
builds" or "it does not" now asks this module, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argdoc.diagnostics import Diagnostic, Severity, sort_key

if TYPE_CHECKING:
    from argdoc.compiler import Result
    from argdoc.lint import LintConfig


@dataclass(frozen=True)
class Verdict:
    """What a build reports for one paper, and which of it refuses the build."""

    reported: list[Diagnostic] = field(default_factory=list)  # compile diagnostics and lint findings but info
    fatal: list[Diagnostic] = field(default_factory=list)  # those that stop the build
    refused: bool = False  # fatal findings, or no tree at all


def judge(result: Result, config: LintConfig, strict: bool = False) -> Verdict:
    """The lint findings (by `config`) and compile errors of `result`; with `strict`, warnings refuse too."""
    from argdoc.lint import lint

    found = [d for d in lint(result, config) if d.severity is not Severity.INFO]
    # Resolution errors stop a build whatever the lint configuration says: a
    # paper with dangling references or duplicate ids cannot be rendered right.
    linted = {id(d) for d in found}
    found += [d for d in result.diagnostics if d.is_error and id(d) not in linted and d not in found]
    found.sort(key=sort_key)
    fatal = [d for d in found if d.is_error or (strict and d.severity is Severity.WARNING)]
    return Verdict(found, fatal, bool(fatal) or result.paper is None)
