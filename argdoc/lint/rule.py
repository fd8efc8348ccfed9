"""What a lint rule is: the Rule class, the Finding it reports, its Options and its documentation.

A rule is a small class. Its code (`ARG` + three digits) and name never
change once published; its docstring is its documentation page, with a
`Bad:` and a `Good:` example in .arg that the tests compile and check.
Rules see the resolved tree and its relation graph (a LintContext), never
the raw text. The rules themselves live in argdoc.lint.rules, one module per
family; argdoc.lint.registry finds them by code or name.

The small records here are named tuples, not frozen dataclasses: a frozen
dataclass compiles six methods when it is defined, and every `argdoc lint`
imports this module.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from argdoc.diagnostics import Related, Severity
from argdoc.source import Span

if TYPE_CHECKING:
    from argdoc.lint.context import LintContext


class Finding(NamedTuple):
    """What a rule found: where, about which statement, and how to fix it."""

    message: str
    span: Span | None
    statement: str | None = None
    hint: str | None = None
    related: tuple[Related, ...] = ()
    # The file, when it is not the one the statement was written in (or the main file).
    path: str | None = None


class Option(NamedTuple):
    """A setting of one rule, given in `[tool.argdoc.lint.options.<rule>]`."""

    default: Any
    help: str
    kind: type | tuple[type, ...] = object
    # The least whole number accepted, for counts and limits (a negative word limit means nothing).
    minimum: int | None = None

    def accepts(self, value: object) -> bool:
        if self.kind is object:
            return True
        if isinstance(value, bool) and self.kind is int:
            return False
        if self.minimum is not None and isinstance(value, int) and value < self.minimum:
            return False
        return isinstance(value, self.kind)


class Examples(NamedTuple):
    bad: str
    good: str
    text: str


class Rule:
    """Base class of every rule. Subclasses set the class attributes and `check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    default: ClassVar[bool] = True
    family: ClassVar[str] = ""
    options: ClassVar[dict[str, Option]] = {}

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> Examples:
        """The docstring split into its prose and its Bad/Good examples."""
        doc = inspect.cleandoc(cls.__doc__ or "")
        match = re.search(r"^Bad:\n(?P<bad>.*?)^Good:\n(?P<good>.*)\Z", doc, re.M | re.S)
        if match is None:
            return Examples("", "", doc)
        prose = doc[: match.start()].strip()
        return Examples(_dedent(match["bad"]), _dedent(match["good"]), prose)


def _dedent(block: str) -> str:
    return inspect.cleandoc("\n" + block).strip("\n") + "\n"


class StageRule(Rule):
    """A rule checked while the tree is built or resolved; it reports what that stage found.

    Resolution must know about undefined ids to build the graph at all, so the
    check lives there; listing it as a rule gives it a code, a page, severity
    configuration and suppression like every other rule.
    """

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for d in ctx.earlier:
            if d.name == self.name:
                span = Span(line=d.line, column=d.column, end_line=d.end_line, end_column=d.end_column)
                yield Finding(d.message, span, d.statement, d.hint, d.related, d.path)
