"""Meta: the suppression comments themselves are checked."""

from __future__ import annotations

from collections.abc import Iterable

from argdoc.diagnostics import Severity
from argdoc.lint.context import LintContext
from argdoc.lint.registry import did_you_mean, lookup
from argdoc.lint.rule import Finding, Rule


class UnusedSuppression(Rule):
    """A suppression comment that silences nothing.

    Once the problem it silenced is fixed, the comment only hides the next
    one: remove it. Rules that are turned off for the file are not counted.

    Does not catch: a suppression of a rule that is turned off for the whole
    run (it is not counted), nor one that silences more findings than were
    meant.

    Bad:

        claim thesis:
            # argdoc: ignore[claim-without-support]
            Body [@s].

        source s:
            outlet: X

    Good:

        claim thesis:
            Body [@s].

        source s:
            outlet: X
    """

    code = "ARG901"
    name = "unused-suppression"
    severity = Severity.INFO
    summary = "A suppression comment silences nothing"
    family = "meta"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for suppression, used in ctx.suppression_usage:
            names = suppression.rules or ("(all rules)",)
            for key in names:
                rule = lookup(key) if suppression.rules else None
                if suppression.rules and rule is None:
                    continue  # unknown-rule-in-suppression reports it
                code = rule.code if rule is not None else "*"
                if code in used or (rule is not None and rule.code in ctx.disabled):
                    continue
                yield Finding(
                    f"the suppression of {key} silences nothing",
                    suppression.span,
                    suppression.statement,
                    "remove it (or the rule's name from the list)",
                    path=suppression.origin,
                )


class UnknownRuleInSuppression(Rule):
    """A suppression comment names a rule that does not exist.

    Rules are named by code (`ARG006`) or name (`unused-source`); see
    `argdoc rules` for the list.

    Does not catch: a suppression that names a real rule, but the wrong one
    (unused-suppression reports it when it silences nothing).

    Bad:

        claim thesis:
            # argdoc: ignore[no-such-rule]
            Body [@s].

        source s:
            outlet: X

    Good:

        claim thesis:
            # argdoc: ignore[unused-source]
            Body [@s].

        source s:
            outlet: X
    """

    code = "ARG902"
    name = "unknown-rule-in-suppression"
    severity = Severity.WARNING
    summary = "A suppression comment names an unknown rule"
    family = "meta"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for suppression, _used in ctx.suppression_usage:
            for key in suppression.rules:
                if lookup(key) is None:
                    yield Finding(
                        f"'{key}' is not a rule",
                        suppression.span,
                        suppression.statement,
                        did_you_mean(key) + "name a rule by its code or name; 'argdoc rules' lists them",
                        path=suppression.origin,
                    )


RULES: tuple[type[Rule], ...] = (UnusedSuppression, UnknownRuleInSuppression)
