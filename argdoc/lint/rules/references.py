"""References: every id a paper names exists, is unique, is of the right kind, and is used."""

from __future__ import annotations

from collections.abc import Iterable

from argdoc.diagnostics import Severity
from argdoc.lint.context import LintContext
from argdoc.lint.rule import Finding, Rule, StageRule
from argdoc.nodes import Chart


class UndefinedReference(StageRule):
    """A relation or citation names an id that no statement has.

    The reader follows the reference and finds nothing; usually a typo, or a
    statement that was renamed or deleted. The message suggests the closest
    id of the right kind.

    Does not catch: an id that exists but is the wrong one (a real statement,
    misnamed in the relation); an id written in plain words, or a link to an
    outside address.

    Bad:

        claim thesis:
            Russia balances two priorities [@interfx].

        source interfax:
            outlet: Interfax

    Good:

        claim thesis:
            Russia balances two priorities [@interfax].

        source interfax:
            outlet: Interfax
    """

    code = "ARG001"
    name = "undefined-reference"
    severity = Severity.ERROR
    summary = "A relation, citation or cross-reference names an id that is not defined"
    family = "references"


class DuplicateId(StageRule):
    """Two statements or sections share an id.

    Ids name statements in relations and citations and become anchors in the
    HTML, so each must be unique in the paper.

    Does not catch: two statements that say the same thing under different ids
    (duplicate-source and duplicate-tension find two sources, or two tensions,
    that are one).

    Bad:

        claim thesis:
            First.

        claim thesis:
            Second.

    Good:

        claim thesis:
            First.

        claim second-thesis:
            supports: thesis
            Second.
    """

    code = "ARG002"
    name = "duplicate-id"
    severity = Severity.ERROR
    summary = "Two statements or sections share an id"
    family = "references"


class WrongKindReference(StageRule):
    """A reference points at the wrong kind of statement.

    `supports:` and `opposes:` point at claims, `between:` at components,
    `bears-on:` at claims, and quotations (`"words"[@id]`) at sources. (A
    plain `[@id]` of a statement or section is a cross-reference, not a
    citation.)

    Does not catch: a relation of the right kind that points at the wrong
    statement; a plain `[@id]` of a statement where a citation was meant (it
    is a cross-reference by design).

    Bad:

        claim thesis:
            Body.

        component power:
            supports: thesis

        component sovereignty:
            supports: power

    Good:

        claim thesis:
            Body.

        component power:
            supports: thesis

        component sovereignty:
            supports: thesis
    """

    code = "ARG003"
    name = "wrong-kind-reference"
    severity = Severity.ERROR
    summary = "A relation or quotation points at the wrong kind of statement"
    family = "references"


class SelfReference(StageRule):
    """A statement names itself in one of its relations, or a source cites itself.

    Does not catch: a statement that grounds itself through others in a circle
    (support-cycle reports that), nor two statements that restate each other.

    Bad:

        claim thesis:
            supports: thesis
            Body.

    Good:

        claim thesis:
            Body.

        claim detail:
            supports: thesis
            Body.
    """

    code = "ARG004"
    name = "self-reference"
    severity = Severity.ERROR
    summary = "A statement relates to itself"
    family = "references"


class UnusedSource(Rule):
    """A source that no statement cites.

    A listed source that nothing cites is either evidence the argument forgot
    to use, or clutter in the source list.

    Does not catch: a source that is cited for a point it does not make.

    Bad:

        claim thesis:
            Russia balances two priorities.

        source interfax:
            outlet: Interfax

    Good:

        claim thesis:
            Russia balances two priorities [@interfax].

        source interfax:
            outlet: Interfax
    """

    code = "ARG006"
    name = "unused-source"
    severity = Severity.WARNING
    summary = "A source is never cited"
    family = "references"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for source in ctx.sources:
            if source.id not in ctx.resolution.cited_by:
                yield Finding(
                    f"source '{source.id}' is never cited",
                    source.id_span,
                    source.id,
                    f"cite it where it is used, e.g. [@{source.id}], or remove it",
                )


class UnreferencedExhibit(Rule):
    """A table, figure or chart that the text never points to.

    Readers of a policy paper meet an exhibit through the sentence that sends
    them to it ("as Table 1 shows"); an exhibit nothing mentions is either
    missing its sentence or not needed. A cross-reference `[@id]` or an anchor
    link `[text](#id)` anywhere in the paper counts. A table that a chart draws
    from counts as presented by the chart.

    Does not catch: a mention written as plain words ("the table below")
    without a cross-reference.

    Bad:

        claim thesis:
            Spending rose fast.

        section spending "Spending":

        table budgets "Defence budgets":
            | Country | 2024 |
            |---------|-----:|
            | Poland  | 4.1  |

    Good:

        claim thesis:
            Spending rose fast [@budgets].

        section spending "Spending":

        table budgets "Defence budgets":
            | Country | 2024 |
            |---------|-----:|
            | Poland  | 4.1  |
    """

    code = "ARG007"
    name = "unreferenced-exhibit"
    severity = Severity.INFO
    summary = "A table, figure or chart is never cross-referenced"
    family = "references"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        exhibits = ctx.paper.all_exhibits()
        charted = {exhibit.data.id for exhibit in exhibits if isinstance(exhibit, Chart)}
        for exhibit in exhibits:
            if exhibit.id in ctx.resolution.referenced or exhibit.id in charted:
                continue
            yield Finding(
                f"{exhibit.kind} '{exhibit.id}' is never referred to in the text",
                exhibit.id_span,
                exhibit.id,
                f"point the reader to it where it matters, e.g. (see [@{exhibit.id}])",
            )


RULES: tuple[type[Rule], ...] = (
    UndefinedReference,
    DuplicateId,
    WrongKindReference,
    SelfReference,
    UnusedSource,
    UnreferencedExhibit,
)
