"""Document: the paper's header says what it is, who wrote it and when."""

from __future__ import annotations

import re
from collections.abc import Iterable

from argdoc.diagnostics import Severity
from argdoc.lint.context import LintContext
from argdoc.lint.rule import Finding, Rule, StageRule
from argdoc.source import Span


class _MissingHeaderField(Rule):
    """Shared check: a header field the paper should have."""

    field_name = ""
    label = ""
    advice = ""

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        if not self.present(ctx):
            yield Finding(f"the paper has no {self.label or self.field_name}", None, None, self.advice)

    def present(self, ctx: LintContext) -> bool:
        return bool(getattr(ctx.paper.meta, self.field_name))


class MissingTitle(_MissingHeaderField):
    """The paper has no title.

    The title heads the paper, names the PDF (its metadata) and the browser tab.

    Does not catch: a title that is there but does not say what the paper is
    about.

    Bad:

        author: The Reut Institute

    Good:

        title: Tensions in Russian - Iranian relations
        author: The Reut Institute
    """

    code = "ARG301"
    name = "missing-title"
    severity = Severity.ERROR
    summary = "The paper has no title"
    family = "document"
    field_name = "title"
    advice = "add title: at the top of the file"


class MissingSummary(_MissingHeaderField):
    """The paper has no summary.

    Busy readers read the summary and decide whether to read on; a policy
    paper opens with one.

    Does not catch: a summary that is there but does not state the thesis or
    the findings.

    Bad:

        title: Tensions in Russian - Iranian relations

    Good:

        title: Tensions in Russian - Iranian relations
        summary:
            Statements by Igor Ivanov reflect tensions in Russia's policy towards Iran.
    """

    code = "ARG302"
    name = "missing-summary"
    severity = Severity.WARNING
    summary = "The paper has no summary"
    family = "document"
    field_name = "summary"
    advice = "add summary: with an indented paragraph or two at the top of the file"


class MissingAuthor(_MissingHeaderField):
    """The paper names no author.

    Does not catch: an author named without an affiliation; an organisation
    (`organisation:`) does not stand in for an author.

    Bad:

        title: Tensions in Russian - Iranian relations

    Good:

        title: Tensions in Russian - Iranian relations
        author: The Reut Institute
    """

    code = "ARG303"
    name = "missing-author"
    severity = Severity.WARNING
    summary = "The paper names no author"
    family = "document"
    field_name = "authors"
    label = "author"
    advice = "add author: Name (Affiliation) at the top of the file"


class MissingDate(_MissingHeaderField):
    """The paper has no date.

    A policy paper is read against its moment; the date also goes into the
    PDF's metadata, and stale-source measures the age of sources from it.

    Does not catch: a date that is there but wrong (after today is
    paper-date-future's; one that cannot be read, invalid-date's).

    Bad:

        title: Tensions in Russian - Iranian relations

    Good:

        title: Tensions in Russian - Iranian relations
        date: 2007-03-20
    """

    code = "ARG304"
    name = "missing-date"
    severity = Severity.WARNING
    summary = "The paper has no date"
    family = "document"
    field_name = "date"
    advice = "add date: YYYY-MM-DD at the top of the file"

    def present(self, ctx: LintContext) -> bool:
        # A date that could not be read is invalid-date's finding: one mistake, one report.
        unreadable = any(d.name == InvalidDate.name and d.statement is None for d in ctx.earlier)
        return unreadable or super().present(ctx)


class InvalidDate(StageRule):
    """A date that is not a real date: not `2024`, `2024-03`, `2024-03-15` (or `n.d.` for a source).

    The paper's `date:` and a source's `accessed:` are days (YYYY-MM-DD); a
    source's `date:` may be partial. A date that cannot be read is reported
    while the tree is built, and only once: the paper is then not also
    reported as having no date (missing-date).

    Does not catch: a real date that is wrong (a source accessed before it
    was published is accessed-before-published's; dates after the paper or
    after today are source-after-paper's and source-future-date's).

    Bad:

        date: 2007-02-30

    Good:

        date: 2007-02-28
    """

    code = "ARG305"
    name = "invalid-date"
    severity = Severity.ERROR
    summary = "A date is not a real date (YYYY-MM-DD; a source's date may be YYYY or YYYY-MM)"
    family = "document"


class PaperDateFuture(Rule):
    """The paper is dated after today: almost always a typo in the year.

    A paper dated in the future also makes every date check that measures
    from it (stale-source, source-after-paper) wrong.

    Does not catch: a date in the past that is still wrong.

    Bad:

        title: Tensions in Russian - Iranian relations
        date: 2207-03-20

    Good:

        title: Tensions in Russian - Iranian relations
        date: 2007-03-20
    """

    code = "ARG306"
    name = "paper-date-future"
    severity = Severity.ERROR
    summary = "The paper's date is in the future"
    family = "document"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        date = ctx.paper.meta.date
        if date is not None and date > ctx.today:
            yield Finding(
                f"the paper is dated {date.isoformat()}, after today",
                _header_value_span(ctx, "date"),
                None,
                "check the year",
            )


def _header_value_span(ctx: LintContext, name: str) -> Span | None:
    """Where a header field's value is written: the header keeps no spans of its fields."""
    match = re.search(rf"^{name}:[ \t]*(\S[^\n]*?)[ \t]*$", ctx.source.text, re.MULTILINE)
    if match is None:
        return None
    line, column = ctx.source.position(match.start(1))
    return Span(line=line, column=column, end_line=line, end_column=column + len(match.group(1)))


RULES: tuple[type[Rule], ...] = (MissingTitle, MissingSummary, MissingAuthor, MissingDate, InvalidDate, PaperDateFuture)
