"""Language: opt-in checks of analytic writing (ICD 203 tradecraft), off by default.

The rules read the analyst's own prose: paragraphs, not block quotations, and
never the words inside a `"quotation"[@source]`, which are the source's. They
match whole words and phrases, case-insensitively, longest phrase first (so
"unlikely" is never read as "likely", nor "almost certainly" as "certainly").

What they read it with (word lists, scales, sentences, positions) is in
argdoc.lint.wording, imported by a rule when it runs: every `argdoc lint`
imports this module to know the rules, and most never run one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from argdoc.diagnostics import Severity
from argdoc.lint.context import LintContext
from argdoc.lint.rule import Finding, Option, Rule

if TYPE_CHECKING:
    from argdoc.lint.wording import Lexicon, Term


def configured_scale(ctx: LintContext) -> tuple[Lexicon, bool, str | None]:
    """The configured likelihood scale, whether it is ICD 203, and a complaint about the option."""
    from argdoc.lint.wording import ICD203, custom_scale

    value = ctx.option(EstimativeTermOffScale.name, "scale")
    if isinstance(value, str):
        if value.lower() == "icd203":
            return ICD203, True, None
        return ICD203, True, f"unknown likelihood scale {value!r}; using icd203"
    accepted = tuple(t for t in value if isinstance(t, str) and t.strip())
    return custom_scale(accepted), False, None


# --- the rules -------------------------------------------------------------------


class UnhedgedCertainty(Rule):
    """A judgment stated as certain: "certainly", "undoubtedly", "proves".

    Analysis deals in likelihoods; words of certainty hide how sure the
    analyst really is and invite the reader to stop weighing the evidence.
    Say how likely the judgment is with a term from the likelihood scale
    (ICD 203), or show the evidence that settles it. Claims, components,
    tensions, the summary and the sections' introductions are read; words
    quoted from a source are the source's, not yours.

    Does not catch: certainty carried by tone rather than by a word of the
    list ("Moscow is abandoning the project"), nor a certainty word after a
    negation ("not certainly").

    Bad:

        claim thesis:
            Russia will certainly abandon the Bushehr reactor project.

    Good:

        claim thesis:
            Russia will very likely abandon the Bushehr reactor project.
    """

    code = "ARG401"
    name = "unhedged-certainty"
    severity = Severity.WARNING
    summary = "The analyst's prose asserts certainty without a hedge"
    family = "language"
    default = False

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from argdoc.lint.wording import ANALYSIS, JUDGMENT, NEGATED, normal, prose_of, quote, span_of

        for prose in prose_of(ctx, ANALYSIS, preface=True):
            by_sentence: dict[int, list[re.Match[str]]] = {}
            for match, term in prose.find(JUDGMENT):
                if term.kind == "certainty" and not NEGATED.search(prose.text, 0, match.start()):
                    by_sentence.setdefault(prose.sentence_at(match.start()), []).append(match)
            for matches in by_sentence.values():
                words = [normal(m.group()) for m in matches]
                verb = "asserts" if len(set(words)) == 1 else "assert"
                yield Finding(
                    f"{quote(words)} {verb} certainty without a hedge",
                    span_of(ctx, prose, matches[0].start(), matches[0].end()),
                    prose.statement,
                    "say how likely it is with a scale term ('very likely', 'almost certain'),"
                    " or cite the evidence that settles it",
                )


class EstimativeTermOffScale(Rule):
    """A likelihood expressed in words that are not on the likelihood scale.

    "Perhaps", "possibly" or "in all likelihood" mean very different odds to
    different readers. ICD 203 asks for one of a fixed set of terms, each
    with a range: almost no chance (1-5 %), very unlikely (5-20 %), unlikely
    (20-45 %), roughly even chance (45-55 %), likely (55-80 %), very likely
    (80-95 %), almost certain (95-99 %); or, in its second row, remote,
    highly improbable, improbable, roughly even odds, probable, highly
    probable, nearly certain. ICD 203 itself accepts "almost certainly",
    "probably" and "improbably". The option `scale` is "icd203" or a list of
    the terms your organisation accepts.

    Does not catch: a likelihood given in the confidence scale's words ("the
    chances are low", "a high probability"), which
    confidence-word-as-likelihood reports; odds in numbers ("a 30 % chance");
    a modal in a relative clause that describes a means ("the leverage that
    might persuade Tehran"), which is not a judgment.

    Bad:

        claim thesis:
            Russia will perhaps abandon the Bushehr reactor project.

    Good:

        claim thesis:
            Russia will likely abandon the Bushehr reactor project.
    """

    code = "ARG402"
    name = "estimative-term-off-scale"
    severity = Severity.WARNING
    summary = "A likelihood term is not on the configured scale"
    family = "language"
    default = False
    options: ClassVar[dict[str, Option]] = {
        "scale": Option("icd203", 'the likelihood scale: "icd203", or a list of the accepted terms', (str, list)),
    }

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from argdoc.lint.wording import (
            ANALYSIS,
            normal,
            prose_of,
            relative_modal,
            row_uses,
            span_of,
        )

        lexicon, icd, complaint = configured_scale(ctx)
        if complaint:
            yield Finding(complaint, None, None, 'set scale = "icd203" or a list of terms')
        row = 0
        if icd:
            rows = [use[2].row for use in row_uses(ctx)]
            row = 1 if rows.count(1) > rows.count(0) else 0
        for prose in prose_of(ctx, ANALYSIS, preface=True):
            for match, term in prose.find(lexicon):
                if term.kind != "off" or relative_modal(prose.text, match.start(), term):
                    continue
                # "The chances are low": a confidence level as the odds, confidence-word-as-likelihood's finding.
                if any(m.start() <= match.start() < m.end() for m in prose.confidence_as_chance):
                    continue
                where = "the ICD 203 likelihood scale" if icd else "the configured likelihood scale"
                yield Finding(
                    f"'{normal(match.group())}' is not on {where}",
                    span_of(ctx, prose, match.start(), match.end()),
                    prose.statement,
                    _suggest(term, lexicon, icd, row),
                )


def _suggest(term: Term, lexicon: Lexicon, icd: bool, row: int) -> str:
    from argdoc.likelihood import BANDS, ROWS

    assert term.band is not None
    if icd:
        return f"say how likely with a scale term: the nearest is '{ROWS[row][term.band]}' ({BANDS[term.band]})"
    on_scale = {t.canonical: t for t in lexicon.terms.values() if t.kind == "scale"}
    banded = [t for t in on_scale.values() if t.band is not None]
    if banded:
        nearest = min(banded, key=lambda t: abs((t.band or 0) - (term.band or 0)))
        return f"say how likely with a term from your scale: the nearest is '{nearest.canonical}'"
    if on_scale:
        return "say how likely with a term from your scale: " + ", ".join(f"'{t}'" for t in on_scale)
    return "the scale option lists no terms: give the terms your organisation accepts"


class MixedScaleRows(Rule):
    """The paper uses likelihood terms from both rows of the ICD 203 scale.

    ICD 203 offers two rows of terms with the same meanings ("likely" and
    "probable" both mean 55-80 %) and asks analysts not to mix them: a reader
    who meets both will wonder whether they mean different odds. A paper that
    does mix them should say that the terms mean the same probabilities.

    Does not catch: a paper that mixes the rows and says both mean the same
    (the rule cannot read that sentence: suppress the finding there); terms in
    `likelihood:` fields, which are not prose; the terms of a configured
    scale.

    Bad:

        claim thesis:
            Russia is likely to abandon the Bushehr reactor project.

        claim sales:
            supports: thesis

            Further arms sales to Iran are probable in the short run.

    Good:

        claim thesis:
            Russia is likely to abandon the Bushehr reactor project.

        claim sales:
            supports: thesis

            Further arms sales to Iran are very likely in the short run.
    """

    code = "ARG403"
    name = "mixed-scale-rows"
    severity = Severity.INFO
    summary = "Likelihood terms come from both rows of the ICD 203 scale"
    family = "language"
    default = False

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from argdoc.likelihood import ROWS
        from argdoc.lint.wording import ROW_NAMES, normal, related, row_uses, span_of

        uses = row_uses(ctx)
        rows = [[use for use in uses if use[2].row == row] for row in (0, 1)]
        if not rows[0] or not rows[1]:
            return
        # Report the row used less; when both are used as often, the one the paper turns to second.
        counts = (len(rows[0]), len(rows[1]))
        minor = counts.index(min(counts)) if counts[0] != counts[1] else 1 - (uses[0][2].row or 0)
        prose, match, term = rows[minor][0]
        other_prose, other_match, _ = rows[1 - minor][0]
        count = len(rows[1 - minor])
        first, other = normal(match.group()), normal(other_match.group())
        times = "used once:" if count == 1 else f"used {count} times, first"
        yield Finding(
            f"'{first}' is from the ICD 203 row {ROW_NAMES[minor]}; the paper also uses the row"
            f" {ROW_NAMES[1 - minor]} ({times} '{other}')",
            span_of(ctx, prose, match.start(), match.end()),
            prose.statement,
            f"keep to one row (here '{ROWS[1 - minor][term.band or 0]}'), or say that both rows' terms mean the same",
            related(
                ctx,
                f"'{other}' is here",
                other_prose,
                span_of(ctx, other_prose, other_match.start(), other_match.end()),
            ),
        )


class ConfidenceWithLikelihood(Rule):
    """One sentence gives both a confidence level and a likelihood.

    "High confidence" is about the analyst's evidence and reasoning;
    "likely" is about the event. ICD 203 asks that the two never share a
    sentence, so that readers cannot mistake one for the other: state the
    likelihood of the event, then, separately, your confidence in the
    judgment.

    Does not catch: a confidence level and a likelihood in two sentences that
    still read as one; confidence without a level ("we are confident that
    ..."); a confidence level used as a likelihood
    (confidence-word-as-likelihood).

    Bad:

        claim thesis:
            We assess with high confidence that Russia will likely abandon the project.

    Good:

        claim thesis:
            We assess that Russia will likely abandon the project. We have high
            confidence in this judgment.
    """

    code = "ARG404"
    name = "confidence-with-likelihood"
    severity = Severity.WARNING
    summary = "A sentence combines a confidence level and a likelihood term"
    family = "language"
    default = False

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from argdoc.lint.wording import ANALYSIS, confidence_pattern, normal, prose_of, span_of

        lexicon = configured_scale(ctx)[0]
        for prose in prose_of(ctx, ANALYSIS, preface=True):
            likelihoods: dict[int, re.Match[str]] = {}
            for match, _ in prose.find(lexicon):
                likelihoods.setdefault(prose.sentence_at(match.start()), match)
            reported: set[int] = set()
            for confidence in prose.find_re(confidence_pattern()):
                index = prose.sentence_at(confidence.start())
                if index in likelihoods and index not in reported:
                    reported.add(index)
                    level = normal(confidence.group())
                    yield Finding(
                        f"'{level}' and '{normal(likelihoods[index].group())}' in one sentence: a confidence level"
                        " and a likelihood",
                        span_of(ctx, prose, confidence.start(), confidence.end()),
                        prose.statement,
                        "state the likelihood in one sentence and your confidence in the judgment in another",
                    )


class VagueAttribution(Rule):
    """Words attributed to nobody in particular, with no citation.

    "Some say", "experts believe" and "reportedly" borrow authority without
    showing where it comes from. Name who says it and cite the source in the
    same sentence; a cited sentence is not reported.

    Does not catch: an attribution in a sentence that cites a source (the
    citation is taken to say who); a named but unidentifiable speaker ("a
    Western diplomat"); phrasings outside its list ("it is understood that").

    Bad:

        component power "Maintaining Great Power status":
            Some say that Putin wants to restore Russia's Great Power status.

    Good:

        component power "Maintaining Great Power status":
            Putin has spoken out against US unilateralism [@haaretz].

        source haaretz:
            outlet: Haaretz
    """

    code = "ARG405"
    name = "vague-attribution"
    severity = Severity.WARNING
    summary = "A vague attribution ('some say', 'experts believe') with no citation"
    family = "language"
    default = False

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from argdoc.lint.wording import ANALYSIS, normal, one_per_sentence, prose_of, span_of, vague_pattern

        for prose in prose_of(ctx, ANALYSIS, preface=True):
            uncited = (
                m for m in prose.find_re(vague_pattern()) if not prose.sentences[prose.sentence_at(m.start())].cited
            )
            for match in one_per_sentence(prose, uncited):
                yield Finding(
                    f"'{normal(match.group())}' attributes this to no one in particular, and cites no source",
                    span_of(ctx, prose, match.start(), match.end()),
                    prose.statement,
                    "name who says it and cite them in the sentence: [@source-id]",
                )


class LongStatement(Rule):
    """A statement too long to read as one point.

    A statement should make one point, with its evidence. A long one usually
    holds several: split it into supporting claims or components, each with
    its own evidence. The option `max-words` sets the limit (quotations
    count; citations do not).

    Does not catch: a short statement that makes several points; a long
    summary or section introduction (only statements' bodies are counted).

    Bad:

        claim thesis "Russia balances two priorities towards Iran":
            Two statements by Russian Security Council Secretary Igor Ivanov to
            the Russian Council on Foreign and Defense Policy represent two
            different national security priorities that Russia is trying to
            balance in its relationship with Iran. On the one hand, Russia wants
            to prevent the spread of nuclear weapons to its southern neighbours,
            because a nuclear Iran would directly and indirectly threaten Russian
            interests in the Caucasus and in Central Asia. On the other hand,
            Russia insists that the sovereignty of states must be protected from
            outside interference, and it opposes the use of sanctions as an
            instrument of pressure by the United States and its allies. These two
            priorities pull in different directions whenever the Security Council
            debates a new resolution on the Iranian nuclear programme. Russia has
            recently stopped transferring nuclear fuel to the Bushehr reactor,
            citing late payments by the Iranian side, yet it continues to sell
            conventional arms and air defence systems to Tehran. Its diplomats
            argue in New York for patience and negotiation, while its engineers
            and its arms exporters keep their contracts running at home. Moscow
            also sees Iran as a partner in the Caspian region and as a buyer of
            Russian goods and services, from nuclear knowledge to civil aircraft.
            At the same time, it wants to be seen as a responsible great power
            that upholds the nonproliferation regime it helped to build during
            the Cold War. The result is a policy that looks inconsistent from the
            outside but follows a clear internal logic: Russia wants Iran to be
            strong enough to resist American pressure, but not so strong that it
            could threaten Russia itself. Every statement by a senior Russian
            official on Iran should be read against this balance, and every shift
            in Russian policy should be understood as a change in the weight given
            to one priority or the other, rather than as a change of direction.
            Readers who follow only one of the two threads will misread both.

    Good:

        claim thesis "Russia balances two priorities towards Iran":
            Two statements by Russian Security Council Secretary Igor Ivanov
            represent two different national security priorities that Russia is
            trying to balance in its relationship with Iran.
    """

    code = "ARG406"
    name = "long-statement"
    severity = Severity.INFO
    summary = "A statement's body is longer than max-words words"
    family = "language"
    default = False
    options: ClassVar[dict[str, Option]] = {
        "max-words": Option(300, "a whole number of words, at least 1", int, minimum=1)
    }

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from argdoc.lint.wording import word_count
        from argdoc.walk import block_inlines

        limit = ctx.option(self.name, "max-words")
        for statement in ctx.statements:
            count = sum(word_count(run) for block in statement.body for run in block_inlines(block))
            if count > limit:
                yield Finding(
                    f"{statement.kind} '{statement.id}' is {count} words long (the limit is {limit})",
                    statement.id_span,
                    statement.id,
                    "make one point per statement: move the rest into supporting claims or components",
                )


class UnhedgedForecast(Rule):
    """A flat forecast in a judgment: "will" or "will not", with no likelihood.

    "Iran will retaliate" states the future as fact. ICD 203 asks that a
    judgment about what will happen say how likely it is: a term of the
    scale in the sentence, or the claim's `likelihood:` field. Claims and
    tensions are read; words quoted from a source are the source's.

    A "will" that opens a relative clause describes something rather than
    forecasting it ("keep the duties for every exporter that will not give
    one") and is left alone, as "that" after a verb of judging is not ("we
    judge that Iran will retaliate" is a forecast).

    Does not catch: forecasts without "will" ("Iran is set to retaliate",
    "is going to"), nor "will" used for a plan already decided; a forecast
    made in a relative clause ("a deal which will collapse") passes.

    Bad:

        claim thesis:
            Russia will abandon the Bushehr reactor project.

    Good:

        claim thesis:
            likelihood: likely

            Russia will abandon the Bushehr reactor project.
    """

    code = "ARG407"
    name = "unhedged-forecast"
    severity = Severity.WARNING
    summary = "A judgment forecasts with a flat 'will' and no likelihood"
    family = "language"
    default = False

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from argdoc.lint.wording import FORECAST, JUDGMENT, JUDGMENTS, normal, prose_of, relative_clause, span_of

        lexicon = configured_scale(ctx)[0]
        estimated = {c.id for c in ctx.claims if c.likelihood}
        for prose in prose_of(ctx, JUDGMENTS, preface=False):
            if prose.statement in estimated:
                continue
            hedged = {prose.sentence_at(m.start()) for m, _ in (*prose.find(lexicon), *prose.find(JUDGMENT))}
            reported: set[int] = set()
            for match in prose.find_re(FORECAST):
                index = prose.sentence_at(match.start())
                if index in hedged or index in reported or relative_clause(prose.text, match.start()):
                    continue
                reported.add(index)
                words = normal(match.group())
                yield Finding(
                    f"'{words}' forecasts without saying how likely",
                    span_of(ctx, prose, match.start(), match.end()),
                    prose.statement,
                    "say how likely with a scale term ('likely', 'very likely'), or give the claim a likelihood: field",
                )


class ConfidenceWordAsLikelihood(Rule):
    """A confidence level (low, moderate, high) used to say how likely an event is.

    ICD 203 keeps two scales apart: the likelihood of the event (a term of
    the scale: unlikely, likely, very likely...) and the analyst's confidence
    in the judgment (low, moderate, high: how good the evidence and the
    reasoning are). "A high likelihood of a strike" or "the chances of a deal
    are low" rate the event in the confidence scale's words: the reader cannot
    tell whether the analyst means the odds or the evidence, and the words
    have no agreed band. Caught: a level before a word of chance ("a high
    likelihood", "a low probability", "moderate chances"); a word of chance
    whose level is a confidence level ("the odds of ... are low", "the
    likelihood remains high"); "moderately likely" and "moderately probable";
    and "there is a high confidence that ...", which states confidence as if
    it were the event's chance. Words quoted from a source are the source's.
    A likelihood field given a confidence level is confidence-as-likelihood's.

    Does not catch (sound writing, or what the rule cannot tell apart): "we
    assess with high confidence that Iran will retaliate" and "we have low confidence in
    this judgment" (confidence in a judgment); "a low-probability, high-impact
    event" (a compound adjective that classifies the event); "a higher
    chance" (a comparison); "the probability that prices stay high" (the level
    belongs to the clause); "high risk" (risk weighs impact too); "highly
    likely", which estimative-term-off-scale reports.

    Bad:

        claim thesis:
            There is a high likelihood that Russia abandons the Bushehr project.

    Good:

        claim thesis:
            Russia will very likely abandon the Bushehr project. We have moderate
            confidence in this judgment.
    """

    code = "ARG408"
    name = "confidence-word-as-likelihood"
    severity = Severity.WARNING
    summary = "A confidence level (low/moderate/high) is used to say how likely an event is"
    family = "language"
    default = False

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        from argdoc.lint.wording import ANALYSIS, chance_level, normal, one_per_sentence, prose_of, span_of

        for prose in prose_of(ctx, ANALYSIS, preface=True):
            for match in one_per_sentence(prose, prose.confidence_as_chance):
                level = chance_level(match)
                yield Finding(
                    f"'{normal(match.group())}' uses the confidence level '{level}' to say how likely the event is",
                    span_of(ctx, prose, match.start(), match.end()),
                    prose.statement,
                    f"say how likely with a scale term (here perhaps {_NEAREST[level]}), and keep low, moderate"
                    " and high for your confidence in the judgment",
                )


# The scale terms a confidence level most often stands for, to suggest in its place.
_NEAREST = {
    "high": "'likely' or 'very likely'",
    "moderate": "'roughly even chance' or 'likely'",
    "medium": "'roughly even chance'",
    "low": "'unlikely' or 'very unlikely'",
}


RULES: tuple[type[Rule], ...] = (
    UnhedgedCertainty,
    EstimativeTermOffScale,
    MixedScaleRows,
    ConfidenceWithLikelihood,
    VagueAttribution,
    LongStatement,
    UnhedgedForecast,
    ConfidenceWordAsLikelihood,
)
