"""Evidence: what the argument rests on, and whether its sources can be found and weighed."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import ClassVar

from argdoc.cite.kinds import source_kind
from argdoc.diagnostics import Severity
from argdoc.lint.context import LintContext
from argdoc.lint.rule import Finding, Option, Rule
from argdoc.nodes import Blockquote

# NATO / Admiralty code: source reliability A-F, information credibility 1-6.
_GRADE = re.compile(r"[A-F][1-6]\Z")


class UncitedStatement(Rule):
    """A statement that should carry evidence cites no source.

    Components are where a brief shows its evidence: each should cite at
    least one source. The option `kinds` chooses which statement kinds this
    applies to.

    Bad:

        component power "Maintaining Great Power status":
            Putin recently spoke out against US unilateralism.

    Good:

        component power "Maintaining Great Power status":
            Putin recently spoke out against US unilateralism [@haaretz].

        source haaretz:
            outlet: Haaretz
    """

    code = "ARG201"
    name = "uncited-statement"
    severity = Severity.WARNING
    summary = "A component (or other chosen kind) cites no source"
    family = "evidence"
    options: ClassVar[dict[str, Option]] = {
        "kinds": Option(["component"], "a list of statement kinds: claim, component, tension", list),
    }

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        kinds = set(ctx.option(self.name, "kinds"))
        for statement in ctx.statements:
            if statement.kind in kinds and not ctx.cited_sources(statement):
                yield Finding(
                    f"{statement.kind} '{statement.id}' cites no source",
                    statement.id_span,
                    statement.id,
                    "cite the evidence for it, e.g. [@source-id]",
                )


class QuotationWithoutSource(Rule):
    """A block quotation that does not say whose words it quotes.

    End the quotation with the citation of its source, on its last line.

    Bad:

        claim thesis:
            Body [@interfax].

            > We oppose attempts to use this issue as an instrument of pressure.

        source interfax:
            outlet: Interfax

    Good:

        claim thesis:
            Body [@interfax].

            > We oppose attempts to use this issue as an instrument of pressure.
            > [@interfax]

        source interfax:
            outlet: Interfax
    """

    code = "ARG202"
    name = "quotation-without-source"
    severity = Severity.ERROR
    summary = "A block quotation is not attributed to a source"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for statement in ctx.statements:
            for block in statement.body:
                if isinstance(block, Blockquote) and block.citation is None:
                    yield Finding(
                        "this quotation is not attributed to a source",
                        block.span,
                        statement.id,
                        "end the quotation with its source's citation: > ... [@source-id]",
                    )


class SourceMissingDate(Rule):
    """A source with neither a date nor an accessed date.

    Readers weigh news by when it was published; an undated web page should
    at least say when it was read (`accessed:`).

    Bad:

        source interfax:
            outlet: Interfax Politics

    Good:

        source interfax:
            outlet: Interfax Politics
            date: 2007-03-18
    """

    code = "ARG203"
    name = "source-missing-date"
    severity = Severity.WARNING
    summary = "A source has no date (and no accessed date)"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for source in ctx.sources:
            if source.date is None and source.accessed is None:
                yield Finding(
                    f"source '{source.id}' has no date",
                    source.id_span,
                    source.id,
                    "add date: (2024, 2024-03 or 2024-03-15; n.d. when the work has none), or accessed: for a web page",
                )


class SourceMissingOutlet(Rule):
    """A source that does not say where it was published.

    Bad:

        source report "Annual report":
            date: 2024-05-01

    Good:

        source report "Annual report":
            outlet: Ministry of Finance
            date: 2024-05-01
    """

    code = "ARG204"
    name = "source-missing-outlet"
    severity = Severity.WARNING
    summary = "A source has no outlet"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for source in ctx.sources:
            # A book, a treaty or a speech appears in nothing: only kinds published inside something need one.
            if not source.outlet and source_kind(source).has_outlet:
                yield Finding(
                    f"source '{source.id}' has no outlet",
                    source.id_span,
                    source.id,
                    "add outlet: with the publication, publisher or website",
                )


class SourceFutureDate(Rule):
    """A source dated (or accessed) after today: almost always a typo in the year.

    Bad:

        source interfax:
            outlet: Interfax
            date: 2207-03-18

    Good:

        source interfax:
            outlet: Interfax
            date: 2007-03-18
    """

    code = "ARG205"
    name = "source-future-date"
    severity = Severity.ERROR
    summary = "A source's date or accessed date is in the future"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for source in ctx.sources:
            earliest = source.date.earliest if source.date is not None else None
            for label, value in (("dated", earliest), ("accessed", source.accessed)):
                if value is not None and value > ctx.today:
                    yield Finding(
                        f"source '{source.id}' is {label} {value.isoformat()}, after today",
                        source.id_span,
                        source.id,
                        "check the year",
                    )


class StaleSource(Rule):
    """A source much older than the paper.

    Old evidence may still be right, but a reader should know it is old. Age
    is measured from the paper's date (or today, when it has none); the
    option `max-age-days` sets the limit.

    Bad:

        date: 2024-01-01

        source old:
            outlet: Interfax
            date: 2007-03-18

    Good:

        date: 2024-01-01

        source recent:
            outlet: Interfax
            date: 2023-11-02
    """

    code = "ARG206"
    name = "stale-source"
    severity = Severity.INFO
    summary = "A source is older than max-age-days before the paper's date"
    family = "evidence"
    options: ClassVar[dict[str, Option]] = {
        "max-age-days": Option(3650, "a whole number of days, at least 1", int, minimum=1)
    }

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        reference = ctx.paper.meta.date or ctx.today
        limit = datetime.timedelta(days=ctx.option(self.name, "max-age-days"))
        for source in ctx.sources:
            # Only kinds whose news goes stale: not a book, a treaty, a law or a dataset (argdoc.cite.kinds).
            latest = source.date.latest if source.date is not None else None
            if latest is not None and source_kind(source).goes_stale and reference - latest > limit:
                years = (reference - latest).days // 365
                yield Finding(
                    f"source '{source.id}' is {years} years older than the paper",
                    source.id_span,
                    source.id,
                    "look for more recent evidence, or say in the text why this source still holds",
                )


class InvalidSourceGrade(Rule):
    """A source grade that is not an Admiralty (NATO) code.

    A grade is the source's reliability, A (completely reliable) to F (cannot
    be judged), followed by the information's credibility, 1 (confirmed) to
    6 (cannot be judged): for example `B2`.

    Bad:

        source interfax:
            outlet: Interfax
            grade: 2B

    Good:

        source interfax:
            outlet: Interfax
            grade: B2
    """

    code = "ARG207"
    name = "invalid-source-grade"
    severity = Severity.ERROR
    summary = "A source's grade is not reliability A-F plus credibility 1-6"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for source in ctx.sources:
            if source.grade is not None and not _GRADE.match(source.grade):
                yield Finding(
                    f"'{source.grade}' is not a source grade",
                    source.id_span,
                    source.id,
                    "write reliability A-F then credibility 1-6, e.g. grade: B2",
                )


class SingleSourceDependency(Rule):
    """A claim whose whole evidence comes from one source.

    Everything under the claim (its own citations and those of the claims,
    components and tensions that support it or bear on it, all the way down)
    cites the same single source: if that source is wrong, so is the claim.

    Bad:

        claim thesis:
            Body [@interfax].

        component power:
            supports: thesis
            Body [@interfax].

        source interfax:
            outlet: Interfax

    Good:

        claim thesis:
            Body [@interfax].

        component power:
            supports: thesis
            Body [@haaretz].

        source interfax:
            outlet: Interfax

        source haaretz:
            outlet: Haaretz
    """

    code = "ARG208"
    name = "single-source-dependency"
    severity = Severity.INFO
    summary = "All the evidence under a claim comes from one source"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        evidence = _evidence(ctx)
        for claim in ctx.claims:
            sources = evidence.get(claim.id, ())
            if len(sources) == 1:
                [only] = sources
                yield Finding(
                    f"all the evidence for claim '{claim.id}' comes from '{only}'",
                    claim.id_span,
                    claim.id,
                    "corroborate it with a second, independent source",
                )


def _evidence(ctx: LintContext) -> dict[str, tuple[str, ...]]:
    """Up to two of the sources cited in each statement and everything under it.

    Under a statement lie those that support it or bear on it and, for a
    tension, the components it is between, all the way down. The rule only
    asks whether there is more than one source, so two stand for "several".
    Walking down from every claim in turn was quadratic (a chain of 4,000
    claims on one source took 16 s). Instead what a statement cites flows up
    to the statements it lies under until nothing changes: a statement's
    sources grow at most twice (none, one, several), so each relation is
    followed at most twice, and a support cycle needs no special care.
    """
    above: dict[str, list[str]] = {}
    for edge in ctx.resolution.edges:
        if edge.relation in ("supports", "bears-on"):
            above.setdefault(edge.source, []).append(edge.target)
        elif edge.relation == "between" and ctx.resolution.statement(edge.source) is not None:
            # (A tension whose id a section took first is no statement: nothing lies under it.)
            above.setdefault(edge.target, []).append(edge.source)
    found: dict[str, tuple[str, ...]] = {}
    for statement, cited in zip(ctx.statements, ctx.resolution.statement_citations, strict=True):
        # An id defined twice is read as its first definition, as resolution reads it.
        if cited and statement.id is not None and ctx.resolution.definitions.get(statement.id) is statement:
            found[statement.id] = cited[:2]
    todo = list(found)
    while todo:
        ident = todo.pop()
        sources = found[ident]
        for upper in above.get(ident, ()):
            before = found.get(upper, ())
            if len(before) >= 2:
                continue
            grown = (*before, *(s for s in sources if s not in before))[:2]
            if len(grown) > len(before):
                found[upper] = grown
                todo.append(upper)
    return found


RULES: tuple[type[Rule], ...] = (
    UncitedStatement,
    QuotationWithoutSource,
    SourceMissingDate,
    SourceMissingOutlet,
    SourceFutureDate,
    StaleSource,
    InvalidSourceGrade,
    SingleSourceDependency,
)
