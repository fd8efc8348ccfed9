"""Evidence: what the argument rests on, and whether its sources can be found and weighed."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from typing import ClassVar

from argdoc.cite.kinds import missing_fields, source_kind
from argdoc.diagnostics import Severity
from argdoc.lint.context import LintContext
from argdoc.lint.rule import Finding, Option, Rule
from argdoc.nodes import Blockquote, Source

# NATO / Admiralty code: source reliability A-F, information credibility 1-6.
_GRADE = re.compile(r"[A-F][1-6]\Z")


class UncitedStatement(Rule):
    """A statement that should carry evidence cites no source.

    Components are where a brief shows its evidence: each should cite at
    least one source. The option `kinds` chooses which statement kinds this
    applies to.

    Does not catch: a citation that does not support the statement; claims and
    tensions, unless the option `kinds` lists them. One citation anywhere in
    the body counts for all of it (uncited-figure asks for one per figure's
    sentence).

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

    Does not catch: a quotation attributed to the wrong source; quotations in
    running text (inline-quotation-without-source).

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

    Does not catch: a date that is there but wrong. `n.d.` counts as a date:
    the writer says the work has none.

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

    Does not catch: kinds that appear in nothing (a book, a report, a treaty,
    a speech: source-incomplete says what they need); an outlet that is wrong
    or abbreviated.

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
                    "add " + field_advice(source, "outlet"),
                )


def _known_dates(source: Source) -> Iterator[tuple[str, datetime.date]]:
    """("dated", its first possible day) and ("accessed", the day), for those the source gives."""
    if source.date is not None and source.date.earliest is not None:
        yield "dated", source.date.earliest
    if source.accessed is not None:
        yield "accessed", source.accessed


class SourceIncomplete(Rule):
    """A source that lacks a field its kind of work needs to be found.

    Each kind (`type:`) has the fields a reader needs to find the work: a
    journal article its volume and pages, a book its publisher, a chapter the
    book it is in (`outlet:`) and its publisher, a report or a dataset its
    issuer (`publisher:`, or an institution as `author:`), a web page its
    address. The finding names what is missing. The kinds and their fields
    are listed in docs/language.md (argdoc.cite.kinds).

    Does not catch: a field that is there but wrong, nor the optional fields
    a style prints when they are given (issue, edition, place, number). A
    newspaper article, an interview, a speech or a treaty needs no field
    beyond those other rules check (outlet, date).

    Bad:

        source ringsmose "Now for the Hard Part":
            type: article-journal
            author: Jens Ringsmose; Sten Rynning
            outlet: Survival
            date: 2017

    Good:

        source ringsmose "Now for the Hard Part":
            type: article-journal
            author: Jens Ringsmose; Sten Rynning
            outlet: Survival
            date: 2017
            volume: 59
            issue: 3
            pages: 129-146
    """

    code = "ARG215"
    name = "source-incomplete"
    severity = Severity.WARNING
    summary = "A source lacks a field its kind needs (a journal article's volume or pages, a book's publisher...)"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for source in ctx.sources:
            missing = missing_fields(source)
            if missing:
                kind = source_kind(source)
                needs = [next(need for need in kind.required if need[0] == name) for name in missing]
                absent = [_spelling(field) for need in needs for field in need]
                yield Finding(
                    f"source '{source.id}' ({kind.label}) has no {_either(absent)}",
                    source.id_span,
                    source.id,
                    "add " + " and ".join(_advice(source, need) for need in needs),
                )


# What a writer adds for each field a kind may need, in the language of the file the source is
# written in: a field of .arg, a BibTeX field, or a CSL-JSON key (a source from a reference file
# is fixed there, and "outlet:" means nothing in a .bib).
_FIELD_ADVICE = {
    ".arg": {
        "volume": "volume: 59",
        "pages": "pages: 129-146",
        "publisher": "publisher: with the publisher's name",
        "outlet": "outlet: with the publication, publisher or website",
        "url": "url: with the page's address",
        "authors": "the issuing body as author: {Institution}",
    },
    ".bib": {
        "volume": "volume = {59}",
        "pages": "pages = {129--146}",
        "publisher": "publisher = {...}",
        "outlet": "journaltitle = {...} (booktitle for a chapter)",
        "url": "url = {...}",
        "authors": "the issuing body as author = {{Institution}}",
    },
    ".json": {
        "volume": '"volume": "59"',
        "pages": '"page": "129-146"',
        "publisher": '"publisher": "..."',
        "outlet": '"container-title": "..."',
        "url": '"URL": "..."',
        "authors": 'the issuing body as "author": [{"literal": "Institution"}]',
    },
}


def field_advice(source: Source, field: str) -> str:
    """How to add `field` to `source`, written as the file that holds the source spells it."""
    origin = (source.origin or "").lower()
    advice = _FIELD_ADVICE.get(origin[origin.rfind(".") :], _FIELD_ADVICE[".arg"])
    return advice.get(field) or f"{_spelling(field)}:"


def _spelling(attribute: str) -> str:
    """A source attribute as a field of .arg (`authors` is written `author:`)."""
    return "author" if attribute == "authors" else attribute


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _advice(source: Source, need: tuple[str, ...]) -> str:
    """How to meet one need: its first field, or (a report's issuer) an institution as author."""
    advice = field_advice(source, need[0])
    if "authors" in need[1:]:
        advice += ", or " + field_advice(source, "authors")
    return advice


class SourceFutureDate(Rule):
    """A source dated (or accessed) after today: almost always a typo in the year.

    Does not catch: a wrong year that stays in the past (2017 for 2007);
    source-after-paper catches one after the paper's date.

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
            for label, value in _known_dates(source):
                if value > ctx.today:
                    yield Finding(
                        f"source '{source.id}' is {label} {value.isoformat()}, after today",
                        source.id_span,
                        source.id,
                        "check the year",
                    )


class SourceAfterPaper(Rule):
    """A source dated (or accessed) after the paper's own date.

    A paper cannot cite what did not exist when it was written: either the
    paper's date or the source's is wrong. A partial date counts from its
    first possible day (`date: 2024-03` is after a paper of 2024-02-28, not
    after one of 2024-03-10). A paper without a readable date is measured
    against nothing (missing-date or invalid-date says so once); a date after
    today is source-future-date's.

    Does not catch: a source whose date is right but describes events after
    the paper.

    Bad:

        date: 2007-03-20

        claim thesis:
            Russia balances two priorities [@interfax].

        source interfax:
            outlet: Interfax
            date: 2007-04-02

    Good:

        date: 2007-03-20

        claim thesis:
            Russia balances two priorities [@interfax].

        source interfax:
            outlet: Interfax
            date: 2007-03-18
    """

    code = "ARG213"
    name = "source-after-paper"
    severity = Severity.ERROR
    summary = "A source's date or accessed date is after the paper's date"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        paper_date = ctx.paper.meta.date
        if paper_date is None:
            return
        for source in ctx.sources:
            for label, value in _known_dates(source):
                # After today is source-future-date's finding; one finding per mistake.
                if paper_date < value <= ctx.today:
                    yield Finding(
                        f"source '{source.id}' is {label} {value.isoformat()}, after the paper's date "
                        f"{paper_date.isoformat()}",
                        source.id_span,
                        source.id,
                        "check the source's date, or move the paper's `date:` to when it was finished",
                    )


class AccessedBeforePublished(Rule):
    """A source read (`accessed:`) before it was published (`date:`).

    Nobody reads a page before it exists: one of the two dates is wrong,
    usually a digit of the year or the month and day swapped. A partial date
    is compared at its own precision: a work of `2024-03` may have come out
    on the 1st, so an access on 2024-03-10 is not before it, and one on
    2024-02-28 is.

    Does not catch: an access date that is plausible but wrong, nor an
    undated source (`n.d.`) whatever its access date. A date that cannot be
    read at all is invalid-date's.

    Bad:

        source interfax:
            outlet: Interfax
            date: 2007-03
            accessed: 2007-02-28

    Good:

        source interfax:
            outlet: Interfax
            date: 2007-03
            accessed: 2007-03-10
    """

    code = "ARG214"
    name = "accessed-before-published"
    severity = Severity.WARNING
    summary = "A source's accessed date is before its date"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for source in ctx.sources:
            # Before the first day the (perhaps partial) date can mean: 2024-03 is not read as 1 March only.
            earliest = source.date.earliest if source.date is not None else None
            if earliest is not None and source.accessed is not None and source.accessed < earliest:
                assert source.date is not None
                yield Finding(
                    f"source '{source.id}' was accessed {source.accessed.isoformat()}, before its date"
                    f" {source.date.iso()}",
                    source.id_span,
                    source.id,
                    "check both dates: accessed: is the day you read it, date: the day it was published",
                )


class StaleSource(Rule):
    """A source much older than the paper.

    Old evidence may still be right, but a reader should know it is old. Age
    is measured from the paper's date; a paper with no date (or one that
    cannot be read) has nothing to measure from, so the rule stays silent and
    missing-date (or invalid-date) reports the date once. The option
    `max-age-days` sets the limit.

    Does not catch: kinds whose news does not go stale (books, chapters,
    treaties, laws, datasets); a recent source that reports old facts.

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
        reference = ctx.paper.meta.date
        if reference is None:
            return  # measured from today, every source of an undated paper would be reported
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

    Does not catch: a grade that is well formed but wrong; an ungraded source
    (grades are optional).

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

    Does not catch: two sources that are not independent (one quotes the
    other, or two papers print the same wire story); a second source that is
    cited but does not bear on the claim.

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


# --- the reviewer's eye (#15) -------------------------------------------------------


class InlineQuotationWithoutSource(Rule):
    """Words in quotation marks in running text, with no citation right after them.

    `"words"[@source]` quotes a source; four or more words in quotation marks
    followed by prose, or by other words before their citation ("...," the
    minister added [@s]), quote someone the reader cannot check. An unpaired
    quotation mark (`"words[@source]`) is reported too: the quotation was
    meant, and is now plain text. The analyst's prose is read: statements,
    the summary and the sections' introductions.

    Does not catch: quotations of fewer than four words (scare quotes and
    terms are left alone), quotations in single quotation marks, nor a
    citation that names the wrong source.

    Bad:

        claim thesis:
            Ivanov said "we oppose attempts to use this issue as pressure" on Monday.

    Good:

        claim thesis:
            Ivanov said "we oppose attempts to use this issue as pressure"[@interfax] on Monday.

        source interfax:
            outlet: Interfax
    """

    code = "ARG209"
    name = "inline-quotation-without-source"
    severity = Severity.WARNING
    summary = "Quoted words in running text are not followed by their citation"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from argdoc.lint.wording import ANALYSIS, prose_of, span_of, unattributed_quotes

        for prose in prose_of(ctx, ANALYSIS, preface=True):
            for start, end, paired in unattributed_quotes(prose):
                if paired:
                    message = "these quoted words are not followed by their source's citation"
                    hint = 'put the citation right after the closing mark: "words"[@source-id]'
                else:
                    message = "this quotation mark is never closed"
                    hint = 'close the quotation: "words"[@source-id]'
                yield Finding(message, span_of(ctx, prose, start, end), prose.statement, hint)


class UncitedFigure(Rule):
    """A figure in the analyst's prose with no citation in its sentence.

    A number (an amount, a share, a count) is a fact someone measured: the
    reader needs to know who. Years, dates, ordinals, locators ("Article
    5", "p. 12"), document numbers ("Resolution 2231", "S-400") and single
    digits are not figures. Claims, components and tensions are read; words
    inside a quotation are the source's.

    Does not catch: figures written in words ("sixty-five kilometres"), nor a
    figure whose sentence cites a source that does not contain it. The
    summary is not read: it restates the body's figures.

    Bad:

        component budgets:
            Poland spends 4.12 per cent of its GDP on defence.

    Good:

        component budgets:
            Poland spends 4.12 per cent of its GDP on defence [@nato-2024].

        source nato-2024:
            outlet: NATO
    """

    code = "ARG210"
    name = "uncited-figure"
    severity = Severity.WARNING
    summary = "A figure in a statement has no citation in its sentence"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from argdoc.lint.wording import ANALYSIS, figures, prose_of, span_of

        for prose in prose_of(ctx, ANALYSIS, preface=False):
            reported: set[int] = set()
            for match in figures(prose):
                index = prose.sentence_at(match.start())
                if prose.sentences[index].cited or index in reported:
                    continue
                reported.add(index)
                yield Finding(
                    f"the figure '{match.group()}' has no citation in its sentence",
                    span_of(ctx, prose, match.start(), match.end()),
                    prose.statement,
                    "cite where the figure comes from, in the same sentence: [@source-id]",
                )


# Admiralty grades a reviewer will not accept alone for a judgment: reliability E (unreliable)
# or F (cannot be judged), credibility 5 (improbable) or 6 (cannot be judged).
_WEAK_GRADE = re.compile(r"(?:[EF][1-6]|[A-F][56])\Z")


class WeakSourceForJudgment(Rule):
    """A claim whose direct evidence comes only from weakly graded sources.

    The sources a claim cites, and those cited by the statements that
    support it directly, are its direct evidence. When every one of them is
    graded unreliable or unjudged (reliability E or F) or improbable or
    unjudged (credibility 5 or 6), the judgment rests on evidence the paper
    itself rates weak.

    Does not catch: ungraded sources (their weight is unknown, not weak), nor
    evidence further down the argument.

    Bad:

        claim thesis:
            Iran has resumed enrichment at a second site [@blog].

        source blog:
            outlet: Anonymous blog
            grade: E5

    Good:

        claim thesis:
            Iran has resumed enrichment at a second site [@blog; @iaea].

        source blog:
            outlet: Anonymous blog
            grade: E5

        source iaea:
            outlet: IAEA
            grade: A2
    """

    code = "ARG211"
    name = "weak-source-for-judgment"
    severity = Severity.WARNING
    summary = "A claim's direct evidence comes only from sources graded E/F or 5/6"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for claim in ctx.claims:
            cited = list(ctx.cited_sources(claim))
            for edge in ctx.incoming.get(claim.id, []):
                supporter = ctx.resolution.statement(edge.source) if edge.relation == "supports" else None
                if supporter is not None:
                    cited.extend(ctx.cited_sources(supporter))
            grades = [_grade(ctx, ident) for ident in dict.fromkeys(cited)]
            if grades and all(g is not None and _WEAK_GRADE.match(g) for g in grades):
                yield Finding(
                    f"claim '{claim.id}' rests only on weakly graded sources ({', '.join(map(str, grades))})",
                    claim.id_span,
                    claim.id,
                    "corroborate it with a more reliable source, or say in the text why the judgment still holds",
                )


def _grade(ctx: LintContext, ident: str) -> str | None:
    source = ctx.resolution.statement(ident)
    return source.grade if isinstance(source, Source) else None


class DuplicateSource(Rule):
    """Two source entries for the same work.

    The same address, or the same title, outlet and date, entered twice:
    the reader sees two sources where there is one, and single-source
    dependency cannot see that a claim rests on a single work.

    Does not catch: the same work at two different addresses (a mirror, a
    PDF and its landing page) or with titles spelt differently.

    Bad:

        source interfax "Ivanov on Iran":
            outlet: Interfax
            url: https://interfax.ru/a/1

        source interfax-again "Ivanov on Iran":
            outlet: Interfax
            url: http://www.interfax.ru/a/1/

    Good:

        source interfax "Ivanov on Iran":
            outlet: Interfax
            url: https://interfax.ru/a/1

        source ria "Ivanov on sanctions":
            outlet: RIA Novosti
            url: https://ria.ru/a/2
    """

    code = "ARG212"
    name = "duplicate-source"
    severity = Severity.WARNING
    summary = "Two sources are the same work (same address, or same title, outlet and date)"
    family = "evidence"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        first: dict[tuple[str, ...], Source] = {}
        for source in ctx.sources:
            for key in _identities(source):
                earlier = first.setdefault(key, source)
                if earlier is not source:
                    yield Finding(
                        f"source '{source.id}' is the same work as '{earlier.id}' (same {key[0]})",
                        source.id_span,
                        source.id,
                        f"cite '{earlier.id}' and remove this entry",
                        (ctx.related(f"'{earlier.id}' is here", earlier),),
                    )
                    break


def _identities(source: Source) -> Iterator[tuple[str, ...]]:
    """What identifies the work a source entry describes.

    Hook for #12: once the source model has a DOI, yield ("DOI", its lower-cased
    form without a resolver prefix) first.
    """
    if source.url:
        yield ("address", _address(source.url))
    if source.title and source.outlet and source.date:
        yield (
            "title, outlet and date",
            " ".join(source.title.casefold().split()),
            source.outlet.casefold(),
            str(source.date),
        )


def _address(url: str) -> str:
    """An address without what does not change the page: scheme, `www.`, fragment, final slash."""
    bare = re.sub(r"^[a-z]+://(?:www\.)?", "", url.strip(), flags=re.I).split("#", 1)[0].rstrip("/")
    host, _, path = bare.partition("/")
    return f"{host.lower()}/{path}"


RULES: tuple[type[Rule], ...] = (
    UncitedStatement,
    QuotationWithoutSource,
    SourceMissingDate,
    SourceMissingOutlet,
    SourceFutureDate,
    SourceAfterPaper,
    StaleSource,
    InvalidSourceGrade,
    SingleSourceDependency,
    InlineQuotationWithoutSource,
    UncitedFigure,
    WeakSourceForJudgment,
    DuplicateSource,
    AccessedBeforePublished,
    SourceIncomplete,
)
