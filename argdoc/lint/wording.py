"""The words of the analyst's prose, for the language rules (argdoc.lint.rules.language).

Likelihood scales and word lists; paragraphs read as plain text and split
into sentences; and where in the file a phrase found in that text is. A
helper of the rules, not a family of them: it defines no rule. The language
rules are off by default, yet every `argdoc lint` imports their module to know
them; so they import this one only when one of them runs, and its classes and
regexes cost no start-up.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from argdoc.diagnostics import Related
from argdoc.likelihood import ROWS
from argdoc.lint.context import LintContext
from argdoc.nodes import Block, Citation, Claim, Component, Inline, List, ListItem, Paragraph, Quotation, Tension, Text
from argdoc.source import Span
from argdoc.walk import list_items

# --- word lists ------------------------------------------------------------------

ROW_NAMES = ("'almost no chance ... almost certain'", "'remote ... nearly certain'")

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

# A confidence level doing a likelihood's job (ICD 203 keeps low/moderate/high for the analyst's
# confidence in a judgment, and a scale of terms for how likely the event is). Four shapes in one
# regex, each capturing its level (chance_level reads it): "a high likelihood", "the chances of a
# deal are low", "moderately likely", "there is a high confidence that ...". A compound adjective ("a low-probability,
# high-impact event") classifies the event and is left alone, as is a comparative ("a higher
# chance"), and "the probability that prices are high", whose level belongs to the clause.
_CHANCE = r"(?:likelihood|probability|chances?|odds|possibility)"
_IS = r"(?:is|are|was|were|remains?|remained|seems?|seemed|looks?|appears?)"


def _level(shape: int, words: str = "high|moderate|medium|low", bare: bool = False) -> str:
    """The confidence level of one shape, captured as `level<shape>` (one regex reads all four)."""
    group = rf"(?P<level{shape}>{words})"
    return rf"(?<![\w-]){group}(?![\w-])" if bare else group


CONFIDENCE_AS_CHANCE = "|".join(
    (
        rf"{_level(1, bare=True)}\s+{_CHANCE}\b",
        rf"\b{_CHANCE}\s+(?:of\s+(?:[\w'\u2019-]+\s+){{0,6}}?)?{_IS}\s+"
        rf"(?:(?:very|quite|fairly|relatively|extremely|rather)\s+)?{_level(2, bare=True)}",
        rf"\b{_level(3, 'moderately')}\s+(?:likely|unlikely|probable|improbable)\b",
        rf"\bthere\s+(?:is|was)\s+an?\s+{_level(4)}\s+(?:degree\s+of\s+)?confidence\b",
    )
)

# --- matching --------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """What a matched phrase means: its canonical form, kind, ICD 203 band and row."""

    canonical: str
    kind: str  # "certainty", "scale" (accepted likelihood term) or "off" (off the scale)
    band: int | None = None  # 0 (almost no chance) to 6 (almost certain)
    row: int | None = None  # 0 or 1: the ICD 203 row


def normal(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _phrase_pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(word) for word in phrase.split())


class Lexicon:
    """Phrases and their meaning, found with one regex: whole words, any case, longest first."""

    def __init__(self, terms: dict[str, Term]) -> None:
        self.terms = {normal(p): t for p, t in terms.items()}

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        # Compiled on first use: the language rules are off by default, and
        # `argdoc lint` should not pay for their regexes when they do not run.
        phrases = sorted(self.terms, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(map(_phrase_pattern, phrases)) + r")\b", re.IGNORECASE)

    def find(self, text: str) -> Iterator[tuple[re.Match[str], Term]]:
        for match in self.pattern.finditer(text):
            yield match, self.terms[normal(match.group())]


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
def vague_pattern() -> re.Pattern[str]:
    return re.compile("|".join(VAGUE), re.IGNORECASE)


@functools.cache
def confidence_pattern() -> re.Pattern[str]:
    return re.compile("|".join(CONFIDENCE), re.IGNORECASE)


_CHANCE_WORDS = ("likelihood", "probabilit", "chance", "odds", "possibilit", "moderately", "confidence")


@functools.cache
def confidence_as_chance_pattern() -> re.Pattern[str]:
    return re.compile(CONFIDENCE_AS_CHANCE, re.IGNORECASE)


# A modal verb is a likelihood judgment in "Iran might retaliate" and in "we judge that Iran might
# retaliate", but not in a relative clause that describes a means: "the leverage that might
# persuade Tehran", "a deal which could well last". After "which", "who" or "what" the clause is
# always relative; after "that" it is relative unless the word before "that" takes a clause
# ("judge that", "the risk that", "likely that").
MODALS = frozenset({"might", "might well", "may well", "could well"})
_RELATIVE = re.compile(r"\b(?:(?P<that>that)|which|who|whom|what|whatever)\s+\Z", re.IGNORECASE)
_BEFORE_THAT = re.compile(r"([\w'\u2019-]+)[\s,]*\Z")
CLAUSE_TAKERS = frozenset(
    re.findall(
        r"\S+",
        "assess assesses assessed judge judges judged believe believes believed think thinks thought "
        "expect expects expected estimate estimates estimated say says said argue argues argued suggest "
        "suggests suggested fear fears feared warn warns warned conclude concludes concluded hope hopes "
        "hoped doubt doubts indicate indicates indicated show shows showed shown reckon suspect suspects "
        "suspected report reports reported claim claims claimed note notes noted insist insists insisted "
        "state states stated announce announces announced is was are were be been possible likely "
        "unlikely probable clear plain risk chance chances possibility danger prospect concern worry sign "
        "signs evidence fact view likelihood probability so now",
    )
)


def relative_modal(text: str, start: int, term: Term) -> bool:
    """Whether the modal at `start` opens a relative clause (a means described), not a judgment."""
    return term.canonical in MODALS and relative_clause(text, start)


def relative_clause(text: str, start: int) -> bool:
    """Whether the verb at `start` opens a relative clause: "the exporters that will not give one",
    "a deal which might last" describe something; "we judge that Iran will" judges."""
    relative = _RELATIVE.search(text, max(start - 12, 0), start)
    if relative is None:
        return False
    if relative.group("that") is None:
        return True
    before = _BEFORE_THAT.search(text, max(relative.start() - 40, 0), relative.start())
    return before is None or before.group(1).lower() not in CLAUSE_TAKERS


NEGATED = re.compile(r"\b(?:not|never|hardly|cannot|can't|isn't|doesn't)\s+\Z", re.IGNORECASE)
WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")


@functools.lru_cache(maxsize=8)
def custom_scale(accepted: tuple[str, ...]) -> Lexicon:
    """A scale of the given terms; every other known likelihood term is off it."""
    chosen = {normal(t) for t in accepted}
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
    paragraph: Paragraph | ListItem  # a list item's words are prose too
    fallback: Span | None
    text: str
    quoted: list[tuple[int, int]]
    citations: list[int]

    @classmethod
    def of(cls, statement: str | None, paragraph: Paragraph | ListItem, fallback: Span | None) -> Prose:
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

    @functools.cached_property
    def confidence_as_chance(self) -> list[re.Match[str]]:
        """Confidence levels doing a likelihood's job, outside quotations; read once for the two rules that ask."""
        # Most paragraphs name no chance and no confidence: a scan for the words is cheaper than the shapes.
        lower = self.text.lower()
        if not any(word in lower for word in _CHANCE_WORDS):
            return []
        return list(self.find_re(confidence_as_chance_pattern()))


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


def one_per_sentence(prose: Prose, matches: Iterable[re.Match[str]]) -> Iterator[re.Match[str]]:
    """The first of the matches in each sentence: one finding per sentence, however many words show it."""
    reported: set[int] = set()
    for match in matches:
        index = prose.sentence_at(match.start())
        if index not in reported:
            reported.add(index)
            yield match


def chance_level(match: re.Match[str]) -> str:
    """The confidence level a confidence_as_chance match used: 'high', 'moderate' (for "moderately")..."""
    return next(level for level in match.groups() if level).lower().removesuffix("ly")


# --- quotations and figures in running text (#15) -------------------------------------

_QUOTE_MARK = re.compile('["\u201c\u201d]')
_ONLY_PUNCTUATION = re.compile(r"[\s,.;:!?]*\Z")


def unattributed_quotes(prose: Prose, min_words: int = 4) -> Iterator[tuple[int, int, bool]]:
    """Quotations in the plain text of a paragraph that no citation follows at once.

    Yields (start, end, paired): the quoted words of an unattributed quotation of
    `min_words` words or more, or (paired False) the first word after a mark that is
    never closed. A `"quotation"[@s]` is a Quotation node, not text: skipped.
    """
    marks = [m.start() for m in _QUOTE_MARK.finditer(prose.text) if not prose.is_quoted(m.start(), m.end())]
    for open_at, close_at in zip(marks[::2], marks[1::2], strict=False):
        inner = prose.text[open_at + 1 : close_at]
        if len(WORD.findall(inner)) < min_words:
            continue
        following = [c for c in prose.citations if c > close_at]
        if following and _ONLY_PUNCTUATION.match(prose.text, close_at + 1, following[0]):
            continue
        words = list(WORD.finditer(prose.text, open_at + 1, close_at))  # four or more
        yield words[0].start(), words[-1].end(), True
    if len(marks) % 2:
        word = WORD.search(prose.text, marks[-1] + 1)
        if word is not None:
            yield word.start(), word.end(), False


_MONTHS = (
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
)
_MONTH = rf"(?:{'|'.join(_MONTHS.split())})\.?"
# Words after which a number points somewhere (a locator or a document's number), not a measure.
_LOCATORS = (
    "p pp page pages chapter chapters section sections article articles art paragraph paragraphs para"
    " clause clauses table tables figure figures fig annex annexes appendix resolution resolutions no nos"
    " number numbers vol volume volumes item items point points part parts protocol amendment decision"
    " directive regulation law act step phase stage level category tier line lines rule rules chart map"
    " session"
)
# A number standing alone: not part of a word, an id or a range ("S-400", "2025/02", "10:30").
_ALONE = r"(?<![\w/.,:\u2013-])"
_NUMBER = re.compile(_ALONE + r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w/:]|[.,]\d)")
_BEFORE_NUMBER = re.compile(rf"(?:\b(?:{'|'.join(_LOCATORS.split())}|{_MONTH})\.?|\u00a7)\s*\Z", re.IGNORECASE)
_AFTER_NUMBER = re.compile(rf"\s*{_MONTH}\b", re.IGNORECASE)
_SHARE = re.compile(r"\s*(?:%|per\s*cent|percent)", re.IGNORECASE)


def figures(prose: Prose) -> Iterator[re.Match[str]]:
    """Numbers in the analyst's words that measure something (see uncited-figure for what is not)."""
    text = prose.text
    for match in _NUMBER.finditer(text):
        if prose.is_quoted(match.start(), match.end()):
            continue
        digits = match.group().replace(",", "")
        share = _SHARE.match(text, match.end()) is not None
        whole = "." not in digits
        year = match.group().isdigit() and len(digits) == 4 and 1000 <= int(digits) <= 2199  # not "1,200"
        if whole and not share and (len(digits) == 1 or year):
            continue  # a single digit, or a year
        if _BEFORE_NUMBER.search(text, max(match.start() - 16, 0), match.start()):
            continue  # "Article 5", "p. 12", "18 March" read backwards: "March 18"
        if whole and _AFTER_NUMBER.match(text, match.end()):
            continue  # "18 March 2007"
        yield match


# A flat forecast: "will" or "will not" before a verb. "Will" the noun ("political will", "the
# will of the people", "goodwill") is not one, nor "will" opening a relative clause (the rule checks
# that with relative_clause: "every exporter that will not give one" describes the exporters).
FORECAST = re.compile(
    r"(?<!\bpolitical\s)(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)(?<!\bfree\s)"
    r"(?<!\bgood\s)(?<!\bill\s)(?<!\bpopular\s)(?<!\bat\s)\b(?:will(?:\s+not)?|won['\u2019]t)\s+(?!of\b|to\b)[a-z]+",
    re.IGNORECASE,
)


def prose_of(ctx: LintContext, kinds: tuple[type, ...], preface: bool) -> Iterator[Prose]:
    """Paragraphs of the given statement kinds in document order; with `preface`,
    also the summary and the sections' introductions.

    The paragraphs are read into Prose once per run and shared by every rule
    (their sentences are split once too): nine rules read them.
    """
    for prose, kind in _all_prose(ctx):
        if preface if kind is None else issubclass(kind, kinds):
            yield prose


def _all_prose(ctx: LintContext) -> list[tuple[Prose, type | None]]:
    """Every paragraph with the kind of statement it is in (None: the summary or a section's introduction)."""
    found: list[tuple[Prose, type | None]] | None = ctx.shared.get("prose")
    if found is not None:
        return found
    found = []

    def paragraphs(blocks: tuple[Block, ...], owner: str | None, fallback: Span | None, kind: type | None) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                found.append((Prose.of(owner, block, fallback), kind))
            elif isinstance(block, List):
                found.extend((Prose.of(owner, item, fallback), kind) for item in list_items(block))

    paper = ctx.paper
    paragraphs(paper.meta.summary, None, None, None)
    for statement in paper.statements:
        paragraphs(statement.body, statement.id, statement.id_span, type(statement))
    for section in paper.divisions():
        paragraphs(section.body, section.id, section.id_span, None)
        for statement in section.statements:
            paragraphs(statement.body, statement.id, statement.id_span, type(statement))
    ctx.shared["prose"] = found
    return found


JUDGMENTS = (Claim, Tension)
ANALYSIS = (Claim, Component, Tension)


# --- positions -------------------------------------------------------------------


# Between two words of a phrase in the file: spaces, line breaks, emphasis marks, comment lines.
_GAP = r"(?:[\s*_]|\n[ \t]*#[^\n]*)+"
_NOT_PROSE = re.compile(r"\[@[^\]\n]*\]|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)")


def span_of(ctx: LintContext, prose: Prose, start: int, end: int) -> Span | None:
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


def related(ctx: LintContext, message: str, prose: Prose, span: Span | None) -> tuple[Related, ...]:
    if span is None:
        return ()
    return (Related(message, ctx.file_of(prose.statement).path, span.line, span.column),)


def quote(phrases: Iterable[str]) -> str:
    quoted = [f"'{p}'" for p in dict.fromkeys(phrases)]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def row_uses(ctx: LintContext) -> list[tuple[Prose, re.Match[str], Term]]:
    """The ICD 203 scale terms the paper uses, in document order."""
    return [
        (prose, match, term)
        for prose in prose_of(ctx, ANALYSIS, preface=True)
        for match, term in prose.find(ICD203)
        if term.row is not None
    ]


def word_count(nodes: Iterable[Inline]) -> int:
    """The words of inline text: quotations count, citations do not."""
    count = 0
    for node in nodes:
        if isinstance(node, Text):
            count += len(WORD.findall(node.value))
        elif not isinstance(node, Citation):
            count += word_count(node.children)
    return count
