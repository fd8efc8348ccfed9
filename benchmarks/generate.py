"""Write a realistic, lint-clean argdoc paper of a chosen size to standard output.

    python benchmarks/generate.py --statements 10000 --seed 1 > big.arg

The paper has the shape of the examples, scaled up. Per block of ten
statements: one claim, five components that support it, two tensions among
those components (one between two, one between three) that bear on it, and two
sources with outlet, author, date and address. Block 0's claim is the thesis
(`role: thesis`); every later claim supports an earlier one, so the claims form
a tree under the thesis and no support cycle is possible. A section opens every
five blocks (about fifty statements), and the sources are listed in a final
"Sources" section, as in examples/carbon-border-tax.arg.

Prose comes from a word list and a seeded RNG, so the same seed gives the same
bytes. It carries every kind of inline markup (emphasis, strong, links,
citations with and without locators, several sources in one citation, inline
quotations) and some block quotations, at about 350 bytes per statement in all.

Every component cites at least one of its block's sources and every source is
cited, so the default lint rules find nothing at warning level or above
(`component-without-tension` and `stale-source` are info, and do not fire
either; `single-source-dependency` may, as info).

    python benchmarks/generate.py --statements 20000 --shape chain > chain.arg

The adversarial shapes are no realistic paper but the worst case of a graph
walk: one source, and every other statement a claim that cites it and supports
the claim before it (`chain`), the first claim also supporting the last
(`cycle`: one support cycle through every claim). A rule that walks everything
under each claim in turn is quadratic on them.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

BLOCK = 10  # statements per block: 1 claim, 5 components, 2 tensions, 2 sources
COMPONENTS_PER_BLOCK = 5
BLOCKS_PER_SECTION = 5
MIN_STATEMENTS = BLOCK
PAPER_DATE = datetime.date(2025, 6, 30)
FIRST_SOURCE_DATE = datetime.date(2016, 1, 1)
WIDTH = 88
INDENT = "    "
# The shapes a paper can take: the realistic one, and the adversarial ones (see `adversarial`).
ADVERSARIAL = ("chain", "cycle")
SHAPES = ("realistic", *ADVERSARIAL)
ONE_SOURCE = "report"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


WORDS = _words("""
accession adjustment agency agenda agreement aid alliance allocation ambition analysis
arms assessment assistance balance bargaining barrier benefit bilateral border budget
burden capacity capital carbon cartel ceasefire central coalition coercion commerce
commitment competition compliance concession conflict consensus constraint cooperation
corridor cost council credibility crisis currency customs debt defence deficit demand
deployment deterrence development dialogue diplomacy disarmament dispute doctrine
domestic economy election embargo emissions energy enforcement enrichment escalation
exchange expansion export finance fiscal forecast framework freight frontier gas
governance grain growth guarantee harbour hegemony identity imports incentive industry
inflation influence infrastructure inspection institution insurance integration
interest investment isolation labour leadership legitimacy leverage liquidity loan
market mandate maritime mediation migration military minister mission monitoring
negotiation network neutrality norm nuclear obligation oil opposition order output
parliament partnership patronage payment pipeline pledge policy port posture power
presence pressure price priority production programme proliferation protection
protocol quota ratification reactor recession reciprocity reform regime region
regulation reliance remittance reserve resilience resource restraint revenue rivalry
route safeguard sanction security settlement shipping sovereignty stability standard
strategy subsidy summit supply surplus surveillance tariff taxation technology
territory threat trade transit transition treaty troops trust uncertainty union
uranium verification veto volatility vulnerability wage water welfare
""")

VERBS = _words("""
shapes limits raises weakens strengthens constrains sustains undermines reinforces
complicates delays accelerates offsets redirects tests erodes anchors balances
""")

LINKERS = _words("""
because although while whereas since unless until once and but so yet
""")

ADJECTIVES = _words("""
regional national fragile durable costly modest sharp gradual uneven persistent
credible limited broad narrow formal informal partial direct indirect strategic
""")

FIRST_NAMES = _words("""
Anna Pieter Chidi Amara Li Giulia Tomas Maren Omar Sofia Kenji Leila Ivan Noor
Hannah Mateo Aisha Jonas Priya Elena Samuel Yara Nikolai Fatima
""")

LAST_NAMES = _words("""
Lindqvist Groot Okafor Nwosu Wei Marchetti Reyes Holt Haddad Rossi Tanaka Karimi
Petrov Rahman Fischer Alvarez Bello Novak Sharma Costa Mensah Aziz Volkov Idris
""")

OUTLETS = (
    "Haaretz",
    "Interfax Politics",
    "China View",
    "The Lagos Economic Review",
    "Journal of World Trade Law",
    "Trade and Development Research Notes",
    "European Commission",
    "Institute for Trade and Climate Working Papers",
    "Council on Security Studies",
    "The Maritime Quarterly",
    "Energy Policy Letters",
    "Regional Affairs Monitor",
)

NOTES = ("full text", "opinion article", "pages 4-9", "interview", "press release", "pages 31-58")
GRADES = ("A1", "A2", "B1", "B2", "B3", "C2", "C3", "D4")


@dataclass
class Block:
    """The ids of one block's statements, and the claim its claim supports."""

    index: int
    claim: str
    components: list[str]
    tensions: list[str]
    sources: list[str]
    parent: str | None  # the claim this block's claim supports (None for the thesis)
    opposes: str | None = None


@dataclass
class Writer:
    """Accumulates the paper's lines."""

    rng: random.Random
    lines: list[str] = field(default_factory=list)
    counter: int = 0

    # --- words and ids ----------------------------------------------------------

    def word(self) -> str:
        return self.rng.choice(WORDS)

    def new_id(self, prefix: str = "") -> str:
        self.counter += 1
        stem = prefix or f"{self.word()}-{self.word()}"
        return f"{stem}-{self.counter}"

    def title(self) -> str:
        rng = self.rng
        phrase = f"{rng.choice(ADJECTIVES)} {self.word()} {rng.choice(VERBS)} {self.word()} {self.word()}"
        return phrase[0].upper() + phrase[1:]

    # --- prose ------------------------------------------------------------------

    def sentence(self, sources: Sequence[str]) -> list[str]:
        """One sentence as unbreakable chunks (a citation or link is never split across lines)."""
        rng = self.rng
        words = [self.word() for _ in range(rng.randint(6, 12))]
        words.insert(rng.randint(1, len(words) - 1), rng.choice(VERBS))
        if rng.random() < 0.4:
            words.insert(rng.randint(2, len(words)), rng.choice(LINKERS))
        if rng.random() < 0.4:
            words.insert(rng.randint(1, len(words)), rng.choice(ADJECTIVES))
        chunks = list(words)
        roll = rng.random()
        if roll < 0.10:
            at = rng.randrange(len(chunks) - 1)
            chunks[at : at + 2] = [f"*{chunks[at]} {chunks[at + 1]}*"]
        elif roll < 0.15:
            at = rng.randrange(len(chunks))
            chunks[at] = f"**{chunks[at]}**"
        elif roll < 0.19:
            at = rng.randrange(len(chunks) - 1)
            slug = f"{chunks[at]}-{chunks[at + 1]}".strip("*")
            chunks[at : at + 2] = [f"[{chunks[at]} {chunks[at + 1]}](https://example.org/briefs/{slug})"]
        elif roll < 0.27 and sources:
            at = rng.randrange(len(chunks) - 2)
            quoted = " ".join(chunks[at : at + 3])
            chunks[at : at + 3] = [f'"{quoted}"[@{rng.choice(sources)}]']
        chunks[0] = chunks[0][0].upper() + chunks[0][1:]
        chunks[-1] += "."
        return chunks

    def citation(self, sources: Sequence[str]) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2 and len(sources) > 1:
            a, b = rng.sample(sources, 2)
            return f"[@{a}; @{b}, p. {rng.randint(2, 40)}]"
        if roll < 0.5:
            return f"[@{rng.choice(sources)}, pp. {(p := rng.randint(2, 60))}-{p + rng.randint(1, 4)}]"
        return f"[@{rng.choice(sources)}]"

    def paragraph(self, size: int, sources: Sequence[str], must_cite: Sequence[str] = ()) -> list[str]:
        """About `size` bytes of prose as chunks; each source in `must_cite` is cited at least once."""
        chunks: list[str] = []
        total = 0
        while total < size:
            sentence = self.sentence(sources)
            chunks += sentence
            total += sum(len(c) + 1 for c in sentence)
        # Citations go after the full stop of a random sentence end.
        ends = [i for i, c in enumerate(chunks) if c.endswith(".")]
        for source in must_cite:
            at = self.rng.choice(ends)
            cite = f"[@{source}]" if self.rng.random() < 0.6 else self.citation([source])
            chunks[at] += cite
        if sources and not must_cite and self.rng.random() < 0.3:
            chunks[ends[-1]] += self.citation(sources)
        return chunks

    def emit_prose(self, chunks: list[str], indent: str = INDENT) -> None:
        line = indent
        for chunk in chunks:
            if line != indent and len(line) + 1 + len(chunk) > WIDTH:
                self.lines.append(line)
                line = indent
            line += chunk if line == indent else " " + chunk
        self.lines.append(line)

    def emit_blockquote(self, source: str) -> None:
        chunks: list[str] = []
        for _ in range(2):
            chunks += self.sentence([])
        chunks.append(f"[@{source}]")
        self.emit_prose(chunks, INDENT + "> ")

    # --- statements -------------------------------------------------------------

    def header(self, n_blocks: int) -> None:
        rng = self.rng
        self.lines += [
            "# A generated benchmark paper (benchmarks/generate.py): invented words, invented sources.",
            "",
            f"title: {self.title()}",
            f"subtitle: {self.title()}",
            f"author: {self.person()} (Institute for Generated Policy)",
            f"author: {self.person()}",
            "organisation: Institute for Generated Policy",
            f"date: {PAPER_DATE.isoformat()}",
            "series: Benchmark Policy Briefs",
            f"number: {PAPER_DATE.year}/{n_blocks}",
            "licence: CC BY 4.0",
            "keywords: " + ", ".join(rng.sample(WORDS, 5)),
            "summary:",
        ]
        self.emit_prose(self.paragraph(300, []))
        self.lines.append("")
        self.emit_prose(["We", "argue", "that", "the", "**thesis", "holds**.", *self.paragraph(200, [])])
        self.lines.append("")

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def statement_header(self, kind: str, ident: str, titled: bool = True) -> None:
        self.lines.append(f'{kind} {ident} "{self.title()}":' if titled else f"{kind} {ident}:")

    def claim(self, block: Block) -> None:
        self.statement_header("claim", block.claim, titled=block.parent is not None)
        if block.parent is None:
            self.lines.append(INDENT + "role: thesis")
        else:
            self.lines.append(INDENT + f"supports: {block.parent}")
        if block.opposes is not None:
            self.lines.append(INDENT + f"opposes: {block.opposes}")
        self.lines.append("")
        self.emit_prose(self.paragraph(120, block.sources, must_cite=[block.sources[0]]))
        self.lines.append("")
        self.emit_prose(self.paragraph(60, block.sources))
        self.lines.append("")

    def component(self, block: Block, position: int) -> None:
        rng = self.rng
        ident = block.components[position]
        self.statement_header("component", ident)
        supports = [block.claim]
        if block.parent is not None and rng.random() < 0.2:
            supports.append(block.parent)
        self.lines += [INDENT + "supports: " + ", ".join(supports), ""]
        own = block.sources[position % 2]
        self.emit_prose(self.paragraph(100, block.sources, must_cite=[own]))
        self.lines.append("")
        if rng.random() < 0.15:
            self.emit_blockquote(rng.choice(block.sources))
            self.lines.append("")

    def tension(self, block: Block, position: int, between: list[str]) -> None:
        rng = self.rng
        if rng.random() < 0.1:
            self.lines.append("# The components below pull against each other.")
        self.statement_header("tension", block.tensions[position])
        bears_on = [block.claim]
        if block.parent is not None and rng.random() < 0.25:
            bears_on.append(block.parent)
        self.lines += [
            INDENT + "between: " + ", ".join(between),
            INDENT + "bears-on: " + ", ".join(bears_on),
            "",
        ]
        self.emit_prose(self.paragraph(130, block.sources))
        self.lines.append("")

    def source(self, ident: str) -> None:
        rng = self.rng
        days = (PAPER_DATE - FIRST_SOURCE_DATE).days
        date = FIRST_SOURCE_DATE + datetime.timedelta(days=rng.randrange(days - 30))
        accessed = date + datetime.timedelta(days=rng.randrange((PAPER_DATE - date).days + 1))
        outlet = rng.choice(OUTLETS)
        slug = outlet.lower().replace(" ", "-")
        self.statement_header("source", ident)
        self.lines.append(INDENT + f"outlet: {outlet}")
        for _ in range(rng.choice((1, 1, 2))):
            self.lines.append(INDENT + f"author: {self.person()}")
        self.lines += [
            INDENT + f"date: {date.isoformat()}",
            INDENT + f"url: https://example.org/{slug}/{date.year}/{ident}",
            INDENT + f"accessed: {accessed.isoformat()}",
        ]
        if rng.random() < 0.3:
            self.lines.append(INDENT + f"grade: {rng.choice(GRADES)}")
        if rng.random() < 0.3:
            self.lines.append(INDENT + f"note: {rng.choice(NOTES)}")
        self.lines.append("")
        if rng.random() < 0.3:
            self.emit_prose(self.paragraph(90, []))
            self.lines.append("")

    def section(self, number: int) -> None:
        self.lines.append(f'section {self.new_id("part")} "Part {number}: {self.title()}":')
        self.emit_prose(self.paragraph(200, []))
        self.lines.append("")


def plan(statements: int, writer: Writer) -> list[Block]:
    """The ids and relations of every block; statements beyond a multiple of ten are extra components."""
    n_blocks = statements // BLOCK
    blocks: list[Block] = []
    for b in range(n_blocks):
        claim = "thesis" if b == 0 else writer.new_id()
        parent = None if b == 0 else blocks[(b - 1) // 3].claim
        # Every seventh block objects to the one before it; the next block answers the objection
        # (an unanswered objection is a finding of its own, unanswered-objection).
        objects = b % 7 == 3 or (b % 7 == 4 and blocks[b - 1].opposes is not None)
        opposes = blocks[b - 1].claim if b >= 2 and objects and blocks[b - 1].claim != parent else None
        blocks.append(
            Block(
                index=b,
                claim=claim,
                components=[writer.new_id() for _ in range(COMPONENTS_PER_BLOCK)],
                tensions=[writer.new_id() for _ in range(2)],
                sources=[writer.new_id(writer.rng.choice(LAST_NAMES).lower()) for _ in range(2)],
                parent=parent,
                opposes=opposes,
            )
        )
    blocks[-1].components += [writer.new_id() for _ in range(statements % BLOCK)]
    return blocks


def generate(statements: int, seed: int = 1) -> str:
    """A paper with exactly `statements` statements (claims, components, tensions and sources)."""
    if statements < MIN_STATEMENTS:
        raise ValueError(f"a generated paper has at least {MIN_STATEMENTS} statements")
    writer = Writer(random.Random(seed))
    blocks = plan(statements, writer)
    writer.header(len(blocks))
    for block in blocks:
        if block.index % BLOCKS_PER_SECTION == 0:
            if block.index == 0:
                writer.claim(block)  # the thesis opens the paper, before any section
            writer.section(block.index // BLOCKS_PER_SECTION + 1)
        if block.index != 0:
            writer.claim(block)
        for position in range(len(block.components)):
            writer.component(block, position)
        first, rest = block.components[:2], block.components[2:COMPONENTS_PER_BLOCK]
        writer.tension(block, 0, first)
        writer.tension(block, 1, rest)
    writer.lines += ['section references "Sources":', INDENT + "Every source below is invented.", ""]
    for source in _all_sources(blocks):
        writer.source(source)
    return "\n".join(writer.lines).rstrip("\n") + "\n"


def adversarial(shape: str, statements: int, seed: int = 1) -> str:
    """A chain (or a cycle) of `statements - 1` claims, each citing the one source and supporting the one before."""
    if shape not in ADVERSARIAL:
        raise ValueError(f"no adversarial shape {shape!r} (one of {', '.join(ADVERSARIAL)})")
    if statements < MIN_STATEMENTS:
        raise ValueError(f"a generated paper has at least {MIN_STATEMENTS} statements")
    writer = Writer(random.Random(seed))
    claims = [writer.new_id() for _ in range(statements - 1)]
    writer.header(1)
    for position, claim in enumerate(claims):
        writer.statement_header("claim", claim)
        if position == 0:
            writer.lines.append(INDENT + "role: thesis")
        below = claims[position - 1] if position else claims[-1] if shape == "cycle" else None
        if below is not None:
            writer.lines.append(INDENT + f"supports: {below}")
        writer.lines.append("")
        writer.emit_prose(writer.paragraph(80, [ONE_SOURCE], must_cite=[ONE_SOURCE]))
        writer.lines.append("")
    writer.source(ONE_SOURCE)
    return "\n".join(writer.lines).rstrip("\n") + "\n"


def _all_sources(blocks: list[Block]) -> Iterator[str]:
    for block in blocks:
        yield from block.sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, required=True, metavar="N", help=f"statements (>= {MIN_STATEMENTS})")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default: 1)")
    parser.add_argument("--shape", choices=SHAPES, default="realistic", help="the paper's shape (default: realistic)")
    args = parser.parse_args(argv)
    if args.statements < MIN_STATEMENTS:
        parser.error(f"--statements must be at least {MIN_STATEMENTS}")
    if args.shape == "realistic":
        sys.stdout.write(generate(args.statements, args.seed))
    else:
        sys.stdout.write(adversarial(args.shape, args.statements, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
