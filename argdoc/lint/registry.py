"""The rule registry: every lint rule, its stable code and kebab-case name.

A rule is a small class. Its code (`ARG` + three digits) and name never
change once published; its docstring is its documentation page, with a
`Bad:` and a `Good:` example in .arg that the tests compile and check.
Rules see the resolved tree and its relation graph (a LintContext), never
the raw text.

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

CODE_RE = re.compile(r"ARG\d{3}\Z")
NAME_RE = re.compile(r"[a-z]+(?:-[a-z0-9]+)*\Z")


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

    def accepts(self, value: object) -> bool:
        if self.kind is object:
            return True
        if isinstance(value, bool) and self.kind is int:
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


_REGISTRY: dict[str, type[Rule]] = {}
_BY_NAME: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry, refusing clashes."""
    assert CODE_RE.match(cls.code), f"bad rule code {cls.code!r}"
    assert NAME_RE.match(cls.name), f"bad rule name {cls.name!r}"
    assert cls.code not in _REGISTRY, f"rule code {cls.code} used twice"
    assert cls.name not in _BY_NAME, f"rule name {cls.name} used twice"
    _REGISTRY[cls.code] = cls
    _BY_NAME[cls.name] = cls
    return cls


def _load() -> None:
    # Importing the families registers their rules; done once, on first use.
    from argdoc.lint.rules import document, evidence, language, meta, references, structure  # noqa: F401


def all_rules() -> list[type[Rule]]:
    if not _REGISTRY:
        _load()
    return [_REGISTRY[code] for code in sorted(_REGISTRY)]


def lookup(key: str) -> type[Rule] | None:
    """A rule by its code (any case) or its name."""
    if not _REGISTRY:
        _load()
    return _REGISTRY.get(key.upper()) or _BY_NAME.get(key.lower())


def did_you_mean(key: str) -> str:
    """ "did you mean 'NAME'? " for the rule a mistyped key most resembles, else ""."""
    import difflib  # only on the way to an error message

    names = [rule.name for rule in all_rules()]
    close = difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'? " if close else ""


def expand(selector: str) -> list[type[Rule]] | None:
    """The rules a selector names: a code, a name, a code prefix (`ARG2`), or `ALL`.

    None when it names nothing, so configuration can report the mistake.
    """
    rule = lookup(selector)
    if rule is not None:
        return [rule]
    key = selector.upper()
    if key == "ALL":
        return all_rules()
    if re.fullmatch(r"ARG\d{0,2}", key):
        return [r for r in all_rules() if r.code.startswith(key)]
    return None


class StageRule(Rule):
    """A rule checked while the tree is built or resolved; it reports what that stage found.

    Resolution must know about undefined ids to build the graph at all, so the
    check lives there; registering it here gives it a code, a page, severity
    configuration and suppression like every other rule.
    """

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for d in ctx.earlier:
            if d.name == self.name:
                span = Span(line=d.line, column=d.column, end_line=d.end_line, end_column=d.end_column)
                yield Finding(d.message, span, d.statement, d.hint, d.related, d.path)
