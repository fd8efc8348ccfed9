"""Language: opt-in checks of analytic writing (ICD 203 tradecraft), off by default.

The rules read the analyst's own prose: paragraphs, not block quotations, and
never the words inside a `"quotation"[@source]`, which are the source's. They
match whole words and phrases, case-insensitively, longest phrase first (so
"unlikely" is never read as "likely", nor "almost certainly" as "certainly").
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from argdoc.diagnostics import Related, Severity
from argdoc.lint.context import LintContext
from argdoc.lint.registry import Finding, Option, Rule, register
from argdoc.nodes import Block, Citation, Claim, Component, Inline, Paragraph, Quotation, Tension, Text
from argdoc.source import Span

# --- word lists ------------------------------------------------------------------

# ICD 203's two rows of likelihood terms, from "almost no chance" to "almost certain".
ROWS = (
    ("almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely", "very likely", "almost certain"),
    ("remote", "highly improbable", "improbable", "roughly even odds", "probable", "highly probable", "nearly certain"),
)
ROW_NAMES = ("'almost no chance ... almost certain'", "'remote ... nearly certain'")
BANDS = ("1-5 %", "5-20 %", "20-45 %", "45-55 %", "55-80 %", "80-95 %", "95-99 %")

# Other ways of writing a scale term. ICD 203 itself lists "almost certain(ly)",
# "improbable (improbably)" and "probable (probably)"; "remote" is read as a
# likelihood only next to a word of chance, not in "remote regions".
FORMS = {
    "almost certainly": "almost certain",
    "improbably": "improbable",
    "probably": "probable",
    **{f"remote {noun}": "remote" for noun in ("chance", "possibility", "likelihood", "probability", "prospect")},
    **{
        f"{noun} {verb} remote": "remote"
        for noun, verb in (
            ("chance", "is"),
            ("chances", "are"),
            ("odds", "are"),
            ("possibility", "is"),
            ("likelihood", "is"),
            ("probability", "is"),
            ("prospect", "is"),
            ("prospects", "are"),
        )
    },
}

# Likelihood words that are on no ICD 203 row, with the band (0-6) nearest in meaning.
OFF_SCALE = {
    "possibly": 3,
    "perhaps": 3,
    "maybe": 3,
    "might": 3,
    "could well": 4,
    "may well": 4,
    "might well": 4,
    "doubtful": 2,
    "chances are": 4,
    "in all likelihood": 5,
    "plausibly": 3,
    "conceivably": 1,
    "presumably": 4,
    "very probably": 5,
    "very probable": 5,
    "highly likely": 5,
    "highly unlikely": 1,
    "extremely unlikely": 0,
    "very improbable": 1,
    "virtually certain": 6,
    "even chance": 3,
    "even odds": 3,
    "fifty-fifty": 3,
    "good chance": 4,
    "fair chance": 3,
    "real possibility": 3,
    "distinct possibility": 3,
    "slim chance": 1,
}

# Words that claim certainty: a judgment stated as settled fact.
CERTAINTY = (
    "certainly",
    "undoubtedly",
    "doubtless",
    "definitely",
    "unquestionably",
    "undeniably",
    "indisputably",
    "inevitably",
    "will inevitably",
    "is inevitable",
    "without doubt",
    "without a doubt",
    "without any doubt",
    "beyond doubt",
    "beyond a doubt",
    "beyond any doubt",
    "beyond question",
    "no doubt",
    "there is no question",
    "clearly shows",
    "clearly show",
    "clearly showed",
    "clearly demonstrates",
    "clearly proves",
    "proves",
    "it is certain",
    "certain to",
)

# Attribution to nobody in particular.
_WHO = r"some|many|experts|observers|analysts|sources|critics|commentators|officials|insiders"
_SAY = (
    r"say|said|believe|believed|argue|argued|claim|claimed|note|noted|suggest|suggested"
    r"|think|thought|contend|contended|maintain|maintained"
)
VAGUE = (
    rf"(?<!\bhave\s)(?<!\bhas\s)(?<!\bhad\s)\b(?:{_WHO})\s+(?:(?:have|had)\s+)?(?:{_SAY})\b(?!\s+tanks?\b)",
    r"\bit\s+(?:is|was)\s+(?:widely\s+|often\s+|commonly\s+|generally\s+)?(?:said|believed|thought|held|claimed|reported|rumou?red)\b",
    r"\bit\s+has\s+been\s+(?:widely\s+)?(?:said|reported|suggested|argued|claimed|alleged)\b",
    r"\baccording\s+to\s+(?:some|many|experts|observers|analysts|sources|critics|officials|reports)\b",
    r"\b(?:rumou?r|word)\s+has\s+it\b",
    r"\b(?:reportedly|allegedly|supposedly)\b",
)

CONFIDENCE = (
    r"\b(?:we\s+(?:assess|judge|believe|say)\s+with\s+)?(?:high|moderate|medium|low)\s+confidence\b",
    r"\b(?:highly|moderately)\s+confident\b",
)


# --- matching --------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """What a matched phrase means: its canonical form, kind, ICD 203 band and row."""

    canonical: str
    kind: str  # "certainty", "scale" (accepted likelihood term) or "off" (off the scale)
    band: int | None = None  # 0 (almost no chance) to 6 (almost certain)
    row: int | None = None  # 0 or 1: the ICD 203 row


def _normal(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _phrase_pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(word) for word in phrase.split())


class Lexicon:
    """Phrases and their meaning, found with one regex: whole words, any case, longest first."""

    def __init__(self, terms: dict[str, Term]) -> None:
        self.terms = {_normal(p): t for p, t in terms.items()}

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        # Compiled on first use: the language rules are off by default, and
        # `argdoc lint` should not pay for their regexes when they do not run.
        phrases = sorted(self.terms, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(map(_phrase_pattern, phrases)) + r")\b", re.IGNORECASE)

    def find(self, text: str) -> Iterator[tuple[re.Match[str], Term]]:
        for match in self.pattern.finditer(text):
            yield match, self.terms[_normal(match.group())]


def _icd_terms() -> dict[str, Term]:
    terms = {
        phrase: Term(phrase, "scale", band, row)
        for row, phrases in enumerate(ROWS)
        for band, phrase in enumerate(phrases)
    }
    terms.update({form: terms[canonical] for form, canonical in FORMS.items()})
    del terms["remote"]  # only its forms: "remote chance", "the odds are remote"
    return terms


ICD_TERMS = _icd_terms()
OFF_TERMS = {phrase: Term(phrase, "off", band) for phrase, band in OFF_SCALE.items()}
ICD203 = Lexicon({**OFF_TERMS, **ICD_TERMS})
# Certainty words, with the likelihood terms so that "almost certainly" is read as a whole.
JUDGMENT = Lexicon({**ICD203.terms, **{p: Term(p, "certainty") for p in CERTAINTY}})


@functools.cache
def _vague() -> re.Pattern[str]:
    return re.compile("|".join(VAGUE), re.IGNORECASE)


@functools.cache
def _confidence() -> re.Pattern[str]:
    return re.compile("|".join(CONFIDENCE), re.IGNORECASE)


_NEGATED = re.compile(r"\b(?:not|never|hardly|cannot|can't|isn't|doesn't)\s+\Z", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")


@functools.lru_cache(maxsize=8)
def custom_scale(accepted: tuple[str, ...]) -> Lexicon:
    """A scale of the given terms; every other known likelihood term is off it."""
    chosen = {_normal(t) for t in accepted}
    terms: dict[str, Term] = {}
    for phrase, term in ICD203.terms.items():
        on = phrase in chosen or term.canonical in chosen
        terms[phrase] = Term(term.canonical, "scale" if on else "off", term.band, term.row)
    canonical = {t.canonical for t in terms.values()}
    for phrase in chosen - terms.keys() - canonical:  # a term of your own, like "highly likely"
        terms[phrase] = Term(phrase, "scale")
    return Lexicon(terms)


# --- prose: paragraphs flattened, split into sentences ------------------------------


@dataclass(frozen=True)
class Sentence:
    start: int  # offset of its first non-blank character in the paragraph's text
    cited: bool


@dataclass
class Prose:
    """One paragraph of the analyst's prose as plain text.

    Quotations keep their words (between `"` marks) but their ranges are
    recorded, so matches inside them can be skipped; citations become offsets.
    """

    statement: str | None
    paragraph: Paragraph
    fallback: Span | None
    text: str
    quoted: list[tuple[int, int]]
    citations: list[int]

    @classmethod
    def of(cls, statement: str | None, paragraph: Paragraph, fallback: Span | None) -> Prose:
        prose = cls(statement, paragraph, fallback, "", [], [])
        prose._walk(paragraph.children)
        return prose

    def _walk(self, nodes: Iterable[Inline]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                self.text += node.value
            elif isinstance(node, Citation):
                self.citations.append(len(self.text))
            elif isinstance(node, Quotation):
                start = len(self.text)
                self.text += '"'
                self._walk(node.children)
                self.text += '"'
                self.quoted.append((start, len(self.text)))
                self.citations.append(len(self.text))
            else:
                self._walk(node.children)

    def is_quoted(self, start: int, end: int) -> bool:
        return any(start < q_end and q_start < end for q_start, q_end in self.quoted)

    @functools.cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences end at . ! or ? followed by a space or the end (not inside a quotation).

        A citation belongs to the sentence it sits in or follows.
        """
        bounds: list[tuple[int, int]] = []
        start = 0
        for match in _SENTENCE_END.finditer(self.text):
            if self._inside_quotation(match.start(), match.end()) or _not_an_end(self.text, match):
                continue
            bounds.append((start, match.end()))
            start = match.end()
        bounds.append((start, len(self.text)))
        spans = [(s + len(self.text[s:e]) - len(self.text[s:e].lstrip()), e) for s, e in bounds]
        spans = [(s, e) for s, e in spans if s < e and self.text[s:e].strip()]
        starts = [s for s, _ in spans]
        cited = {max(bisect.bisect_right(starts, c) - 1, 0) for c in self.citations}
        return [Sentence(start, i in cited) for i, start in enumerate(starts)]

    def _inside_quotation(self, start: int, end: int) -> bool:
        return any(q_start < start and end < q_end for q_start, q_end in self.quoted)

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence holding an offset."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def find(self, lexicon: Lexicon) -> Iterator[tuple[re.Match[str], Term]]:
        """Matches outside quotations."""
        for match, term in lexicon.find(self.text):
            if not self.is_quoted(match.start(), match.end()):
                yield match, term

    def find_re(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        for match in pattern.finditer(self.text):
            if not self.is_quoted(match.start(), match.end()):
                yield match


_SENTENCE_END = re.compile(r"[.!?]+[\"')\]\u201d\u2019]*(?=\s|\Z)")
_NEXT_CHAR = re.compile(r"\s*(\S)")
_LAST_WORD = re.compile(r"\b[\w.]*\Z")
_ABBREVIATIONS = {"e.g", "i.e", "cf", "vs", "mr", "mrs", "ms", "dr", "st", "p", "pp", "al", "u.s", "u.k", "fig"}


def _not_an_end(text: str, match: re.Match[str]) -> bool:
    """An abbreviation or initial ("e.g.", "J. Smith"), or the next word is lower case."""
    after = _NEXT_CHAR.match(text, match.end())
    if after is not None and after.group(1).islower():
        return True
    before = _LAST_WORD.search(text, max(match.start() - 8, 0), match.start())
    word = before.group() if before else ""
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _prose(ctx: LintContext, kinds: tuple[type, ...], preface: bool) -> Iterator[Prose]:
    """Paragraphs of the given statement kinds in document order; with `preface`,
    also the summary and the sections' introductions."""

    def paragraphs(blocks: tuple[Block, ...], owner: str | None, fallback: Span | None) -> Iterator[Prose]:
        for block in blocks:
            if isinstance(block, Paragraph):
                yield Prose.of(owner, block, fallback)

    paper = ctx.paper
    if preface:
        yield from paragraphs(paper.meta.summary, None, None)
    for statement in paper.statements:
        if isinstance(statement, kinds):
            yield from paragraphs(statement.body, statement.id, statement.id_span)
    for section in paper.sections:
        if preface:
            yield from paragraphs(section.body, section.id, section.id_span)
        for statement in section.statements:
            if isinstance(statement, kinds):
                yield from paragraphs(statement.body, statement.id, statement.id_span)


_JUDGMENTS = (Claim, Tension)
_ANALYSIS = (Claim, Component, Tension)


# --- positions -------------------------------------------------------------------


# Between two words of a phrase in the file: spaces, line breaks, emphasis marks, comment lines.
_GAP = r"(?:[\s*_]|\n[ \t]*#[^\n]*)+"
_NOT_PROSE = re.compile(r"\[@[^\]\n]*\]|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)")


def _where(ctx: LintContext, prose: Prose, start: int, end: int) -> Span | None:
    """The span of prose.text[start:end] in the file.

    Inline text has no spans, so the words are looked for again in the
    paragraph's lines; if the file does not show them the same number of times
    (a phrase broken by a comment line, say), the paragraph's first line.
    """
    span = prose.paragraph.span
    if span is None:
        return prose.fallback
    words = prose.text[start:end].split()
    pattern = re.compile(r"\b" + _GAP.join(map(re.escape, words)) + r"\b", re.IGNORECASE)
    ours = [m.start() for m in pattern.finditer(prose.text)]
    source = ctx.file_of(prose.statement)
    starts = source.line_starts()
    if span.end_line > len(starts):
        return span
    first = starts[span.line - 1] + span.column - 1
    last = starts[span.end_line - 1] + span.end_column - 1
    # Blank out what is not prose (citation keys, link targets), keeping every offset.
    raw = _NOT_PROSE.sub(lambda m: " " * len(m.group()), source.text[first:last])
    theirs = list(pattern.finditer(raw))
    if len(theirs) != len(ours) or start not in ours:
        line_end = span.column + len(source.line_text(span.line)[span.column - 1 :])
        return Span(line=span.line, column=span.column, end_line=span.line, end_column=line_end)
    found = theirs[ours.index(start)]
    line, column = source.position(first + found.start())
    end_line, end_column = source.position(first + found.end() - 1)
    return Span(line=line, column=column, end_line=end_line, end_column=end_column + 1)


def _related(ctx: LintContext, message: str, prose: Prose, span: Span | None) -> tuple[Related, ...]:
    if span is None:
        return ()
    return (Related(message, ctx.file_of(prose.statement).path, span.line, span.column),)


def _quote(phrases: Iterable[str]) -> str:
    quoted = [f"'{p}'" for p in dict.fromkeys(phrases)]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _scale(ctx: LintContext) -> tuple[Lexicon, bool, str | None]:
    """The configured likelihood scale, whether it is ICD 203, and a complaint about the option."""
    value = ctx.option(EstimativeTermOffScale.name, "scale")
    if isinstance(value, str):
        if value.lower() == "icd203":
            return ICD203, True, None
        return ICD203, True, f"unknown likelihood scale {value!r}; using icd203"
    accepted = tuple(t for t in value if isinstance(t, str) and t.strip())
    return custom_scale(accepted), False, None


def _row_uses(ctx: LintContext) -> list[tuple[Prose, re.Match[str], Term]]:
    """The ICD 203 scale terms the paper uses, in document order."""
    return [
        (prose, match, term)
        for prose in _prose(ctx, _ANALYSIS, preface=True)
        for match, term in prose.find(ICD203)
        if term.row is not None
    ]


# --- the rules -------------------------------------------------------------------


@register
class UnhedgedCertainty(Rule):
    """A judgment stated as certain: "certainly", "undoubtedly", "proves".

    Analysis deals in likelihoods; words of certainty hide how sure the
    analyst really is and invite the reader to stop weighing the evidence.
    Say how likely the judgment is with a term from the likelihood scale
    (ICD 203), or show the evidence that settles it. Only claims and tensions
    are checked, and words quoted from a source are the source's, not yours.

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
    summary = "A claim or tension asserts certainty without a hedge"
    family = "language"
    default = False

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        for prose in _prose(ctx, _JUDGMENTS, preface=False):
            by_sentence: dict[int, list[re.Match[str]]] = {}
            for match, term in prose.find(JUDGMENT):
                if term.kind == "certainty" and not _NEGATED.search(prose.text, 0, match.start()):
                    by_sentence.setdefault(prose.sentence_at(match.start()), []).append(match)
            for matches in by_sentence.values():
                words = [_normal(m.group()) for m in matches]
                verb = "asserts" if len(set(words)) == 1 else "assert"
                yield Finding(
                    f"{_quote(words)} {verb} certainty without a hedge",
                    _where(ctx, prose, matches[0].start(), matches[0].end()),
                    prose.statement,
                    "say how likely it is with a scale term ('very likely', 'almost certain'),"
                    " or cite the evidence that settles it",
                )


@register
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
        lexicon, icd, complaint = _scale(ctx)
        if complaint:
            yield Finding(complaint, None, None, 'set scale = "icd203" or a list of terms')
        row = 0
        if icd:
            rows = [use[2].row for use in _row_uses(ctx)]
            row = 1 if rows.count(1) > rows.count(0) else 0
        for prose in _prose(ctx, _ANALYSIS, preface=True):
            for match, term in prose.find(lexicon):
                if term.kind != "off":
                    continue
                where = "the ICD 203 likelihood scale" if icd else "the configured likelihood scale"
                yield Finding(
                    f"'{_normal(match.group())}' is not on {where}",
                    _where(ctx, prose, match.start(), match.end()),
                    prose.statement,
                    _suggest(term, lexicon, icd, row),
                )


def _suggest(term: Term, lexicon: Lexicon, icd: bool, row: int) -> str:
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


@register
class MixedScaleRows(Rule):
    """The paper uses likelihood terms from both rows of the ICD 203 scale.

    ICD 203 offers two rows of terms with the same meanings ("likely" and
    "probable" both mean 55-80 %) and asks analysts not to mix them: a reader
    who meets both will wonder whether they mean different odds. A paper that
    does mix them should say that the terms mean the same probabilities.

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
        uses = _row_uses(ctx)
        rows = [[use for use in uses if use[2].row == row] for row in (0, 1)]
        if not rows[0] or not rows[1]:
            return
        # Report the row used less; when both are used as often, the one the paper turns to second.
        counts = (len(rows[0]), len(rows[1]))
        minor = counts.index(min(counts)) if counts[0] != counts[1] else 1 - (uses[0][2].row or 0)
        prose, match, term = rows[minor][0]
        other_prose, other_match, _ = rows[1 - minor][0]
        count = len(rows[1 - minor])
        first, other = _normal(match.group()), _normal(other_match.group())
        times = "used once:" if count == 1 else f"used {count} times, first"
        yield Finding(
            f"'{first}' is from the ICD 203 row {ROW_NAMES[minor]}; the paper also uses the row"
            f" {ROW_NAMES[1 - minor]} ({times} '{other}')",
            _where(ctx, prose, match.start(), match.end()),
            prose.statement,
            f"keep to one row (here '{ROWS[1 - minor][term.band or 0]}'), or say that both rows' terms mean the same",
            _related(
                ctx,
                f"'{other}' is here",
                other_prose,
                _where(ctx, other_prose, other_match.start(), other_match.end()),
            ),
        )


@register
class ConfidenceWithLikelihood(Rule):
    """One sentence gives both a confidence level and a likelihood.

    "High confidence" is about the analyst's evidence and reasoning;
    "likely" is about the event. ICD 203 asks that the two never share a
    sentence, so that readers cannot mistake one for the other: state the
    likelihood of the event, then, separately, your confidence in the
    judgment.

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
        lexicon = _scale(ctx)[0]
        for prose in _prose(ctx, _ANALYSIS, preface=True):
            likelihoods: dict[int, re.Match[str]] = {}
            for match, _ in prose.find(lexicon):
                likelihoods.setdefault(prose.sentence_at(match.start()), match)
            reported: set[int] = set()
            for confidence in prose.find_re(_confidence()):
                index = prose.sentence_at(confidence.start())
                if index in likelihoods and index not in reported:
                    reported.add(index)
                    level = _normal(confidence.group())
                    yield Finding(
                        f"'{level}' and '{_normal(likelihoods[index].group())}' in one sentence: a confidence level"
                        " and a likelihood",
                        _where(ctx, prose, confidence.start(), confidence.end()),
                        prose.statement,
                        "state the likelihood in one sentence and your confidence in the judgment in another",
                    )


@register
class VagueAttribution(Rule):
    """Words attributed to nobody in particular, with no citation.

    "Some say", "experts believe" and "reportedly" borrow authority without
    showing where it comes from. Name who says it and cite the source in the
    same sentence; a cited sentence is not reported.

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
        for prose in _prose(ctx, _ANALYSIS, preface=True):
            reported: set[int] = set()
            for match in prose.find_re(_vague()):
                index = prose.sentence_at(match.start())
                if prose.sentences[index].cited or index in reported:
                    continue
                reported.add(index)
                yield Finding(
                    f"'{_normal(match.group())}' attributes this to no one in particular, and cites no source",
                    _where(ctx, prose, match.start(), match.end()),
                    prose.statement,
                    "name who says it and cite them in the sentence: [@source-id]",
                )


@register
class LongStatement(Rule):
    """A statement too long to read as one point.

    A statement should make one point, with its evidence. A long one usually
    holds several: split it into supporting claims or components, each with
    its own evidence. The option `max-words` sets the limit (quotations
    count; citations do not).

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
    options: ClassVar[dict[str, Option]] = {"max-words": Option(300, "a whole number of words", int)}

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        limit = ctx.option(self.name, "max-words")
        for statement in ctx.statements:
            count = sum(_words(block.children) for block in statement.body)
            if count > limit:
                yield Finding(
                    f"{statement.kind} '{statement.id}' is {count} words long (the limit is {limit})",
                    statement.id_span,
                    statement.id,
                    "make one point per statement: move the rest into supporting claims or components",
                )


def _words(nodes: Iterable[Inline]) -> int:
    count = 0
    for node in nodes:
        if isinstance(node, Text):
            count += len(_WORD.findall(node.value))
        elif not isinstance(node, Citation):
            count += _words(node.children)
    return count
