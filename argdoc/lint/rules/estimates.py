"""Estimates: a claim's `likelihood:` and `confidence:` fields (ICD 203), and what its prose says.

These rules only speak when a writer has given a claim a likelihood or a
confidence, so they are on by default: the field is a promise the prose must
keep. The scale is the one estimative-term-off-scale is configured with
(ICD 203 unless its option `scale` lists your organisation's terms).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from argdoc.diagnostics import Severity
from argdoc.likelihood import CONFIDENCE_LEVELS
from argdoc.lint.context import LintContext
from argdoc.lint.rule import Finding, Rule
from argdoc.nodes import Claim
from argdoc.source import Span

# Words of confidence, never of likelihood.
_CONFIDENCE_WORDS = re.compile(
    r"(?:low|moderate|medium|high)(?:\s+confidence)?|(?:highly|moderately)\s+confident", re.I
)


def _field_span(ctx: LintContext, claim: Claim, name: str) -> Span | None:
    """Where a claim's field value is written (nodes keep the span of the fields block only)."""
    block = claim.fields_span
    if block is None:
        return claim.id_span
    source = ctx.file_of(claim.id)
    for line in range(block.line, block.end_line + 1):
        text = source.line_text(line)
        match = re.match(rf"\s*{name}:[ \t]*(\S.*?)\s*$", text)
        if match:
            start = match.start(1) + 1
            return Span(line=line, column=start, end_line=line, end_column=start + len(match.group(1)))
    return claim.id_span


def _on_scale(ctx: LintContext, value: str) -> bool:
    from argdoc.lint.rules.language import configured_scale
    from argdoc.lint.wording import normal

    lexicon = configured_scale(ctx)[0]
    term = lexicon.terms.get(normal(value))
    return term is not None and term.kind == "scale"


class InvalidLikelihood(Rule):
    """A `likelihood:` that is not a term of the scale, or a `confidence:` that is not a level.

    `likelihood:` takes a term of the likelihood scale (ICD 203 by default:
    almost no chance, very unlikely, unlikely, roughly even chance, likely,
    very likely, almost certain, or the second row's remote ... nearly
    certain); `confidence:` takes low, moderate or high.

    Does not catch: a confidence word given as a likelihood or the reverse
    (confidence-as-likelihood reports those).

    Bad:

        claim thesis:
            likelihood: perhaps

            Russia will abandon the Bushehr project [@s].

        source s:
            outlet: X

    Good:

        claim thesis:
            likelihood: likely
            confidence: moderate

            Russia will abandon the Bushehr project [@s].

        source s:
            outlet: X
    """

    code = "ARG501"
    name = "invalid-likelihood"
    severity = Severity.ERROR
    summary = "A claim's likelihood is off the scale, or its confidence is not low/moderate/high"
    family = "estimates"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for claim in ctx.claims:
            value = claim.likelihood
            if value and not _on_scale(ctx, value) and not _CONFIDENCE_WORDS.fullmatch(value):
                yield Finding(
                    f"'{value}' is not a term of the likelihood scale",
                    _field_span(ctx, claim, "likelihood"),
                    claim.id,
                    "use a scale term: almost no chance, very unlikely, unlikely, roughly even chance,"
                    " likely, very likely, almost certain",
                )
            level = claim.confidence
            if level and level.lower() not in CONFIDENCE_LEVELS and not _on_scale(ctx, level):
                yield Finding(
                    f"'{level}' is not a confidence level",
                    _field_span(ctx, claim, "confidence"),
                    claim.id,
                    "write confidence: low, moderate or high",
                )


class ConfidenceAsLikelihood(Rule):
    """A confidence level written as a likelihood, or a likelihood written as a confidence.

    Confidence is about the analyst's evidence and reasoning; likelihood is
    about the event (ICD 203). `likelihood: high` says how sure the analyst
    is, not how likely the event; `confidence: likely` the reverse.

    Does not catch: the same confusion in prose ("a high likelihood", "the
    chances are low"): confidence-word-as-likelihood reads prose (opt-in),
    and confidence-with-likelihood a sentence that gives both.

    Bad:

        claim thesis:
            likelihood: high

            Russia will abandon the Bushehr project [@s].

        source s:
            outlet: X

    Good:

        claim thesis:
            likelihood: very likely
            confidence: high

            Russia will abandon the Bushehr project [@s].

        source s:
            outlet: X
    """

    code = "ARG502"
    name = "confidence-as-likelihood"
    severity = Severity.WARNING
    summary = "A confidence level is given as a likelihood, or a likelihood as a confidence"
    family = "estimates"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for claim in ctx.claims:
            if claim.likelihood and _CONFIDENCE_WORDS.fullmatch(claim.likelihood):
                yield Finding(
                    f"'{claim.likelihood}' is a confidence level, not a likelihood",
                    _field_span(ctx, claim, "likelihood"),
                    claim.id,
                    "say how likely the event is with a scale term, and put your confidence in confidence:",
                )
            if claim.confidence and _on_scale(ctx, claim.confidence):
                yield Finding(
                    f"'{claim.confidence}' is a likelihood, not a confidence level",
                    _field_span(ctx, claim, "confidence"),
                    claim.id,
                    "put it in likelihood:, and write confidence: low, moderate or high",
                )


class LikelihoodContradictsProse(Rule):
    """A claim's text states a different likelihood from its `likelihood:` field.

    The field says "likely" (55-80 %) and the text says "almost certainly":
    the reader cannot tell which the analyst means. Terms are compared by
    their ICD 203 band, so "probable" agrees with "likely". Words quoted from
    a source are the source's.

    Does not catch: a contradiction in another statement about the same
    event, nor terms of a configured scale that have no ICD 203 band.

    Bad:

        claim thesis:
            likelihood: likely

            Russia will almost certainly abandon the Bushehr project [@s].

        source s:
            outlet: X

    Good:

        claim thesis:
            likelihood: likely

            Russia will likely abandon the Bushehr project [@s].

        source s:
            outlet: X
    """

    code = "ARG503"
    name = "likelihood-contradicts-prose"
    severity = Severity.ERROR
    summary = "A claim's text states a different likelihood from its likelihood field"
    family = "estimates"

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from argdoc.lint.rules.language import configured_scale
        from argdoc.lint.wording import ICD203, Prose, normal, prose_of, relative_modal, span_of

        lexicon = configured_scale(ctx)[0]
        stated = {c.id: ICD203.terms.get(normal(c.likelihood)) for c in ctx.claims if c.likelihood}
        prose: Prose
        for prose in prose_of(ctx, (Claim,), preface=False):
            field = stated.get(prose.statement or "")
            if field is None or field.band is None:
                continue
            for match, term in prose.find(lexicon):
                if term.band is None or term.band == field.band or relative_modal(prose.text, match.start(), term):
                    continue
                yield Finding(
                    f"the text says '{normal(match.group())}', the likelihood field '{field.canonical}'",
                    span_of(ctx, prose, match.start(), match.end()),
                    prose.statement,
                    "make the text and the field say the same likelihood",
                )
                break


RULES: tuple[type[Rule], ...] = (InvalidLikelihood, ConfidenceAsLikelihood, LikelihoodContradictsProse)
