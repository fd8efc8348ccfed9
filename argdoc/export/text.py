"""What several exports need from prose: display titles, propositions, quotations, safe addresses.

AIF nodes, DOT labels and Argdown's front matter hold plain text: the words
come from `argdoc.walk.plain`, which the HTML page's description uses too.
Source labels come from the HTML renderer's bibliography module, so a
citation reads the same in every output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from argdoc.nodes import (
    AnyStatement,
    Block,
    Blockquote,
    Citation,
    Emphasis,
    Inline,
    Link,
    Note,
    Paper,
    Paragraph,
    Quotation,
    Source,
    Strong,
)
from argdoc.render.bibliography import citation_labels, humanise
from argdoc.walk import block_inlines, plain, squash

# Characters an address may keep as they are. Parentheses, spaces, quotes and
# angle brackets are percent-encoded: they end a link in Markdown and Argdown.
_URL_SAFE = "/:?#[]@!$&'*+,;=%~"


def display_title(statement: AnyStatement) -> str:
    """The statement's title, or its id made readable (`great-power` -> `Great power`)."""
    return squash(statement.title).strip() if statement.title else humanise(statement.id)


def proposition(statement: AnyStatement, references: Mapping[str, str]) -> str:
    """What a statement asserts, in a few words: its title, else its first paragraph, else its id.

    `references` names the paper's cross-reference targets (`reference_labels`).
    """
    if statement.title:
        return display_title(statement)
    for block in statement.body:
        if isinstance(block, Paragraph) and (words := plain(block.children, references)):
            return words
    return display_title(statement)


def source_labels(paper: Paper) -> dict[str, str]:
    """A short name per source id (its outlet, title or id), as the HTML uses in citations."""
    return citation_labels(s for s in paper.all_statements() if isinstance(s, Source))


def citation_text(run: Iterable[Citation], labels: dict[str, str]) -> str:
    """`Haaretz; Interfax, p. 4`: a run of citations as words, without the brackets."""
    parts = []
    for cite in run:
        label = labels.get(cite.source, cite.source)
        parts.append(f"{label}, {cite.locator}" if cite.locator else label)
    return "; ".join(parts)


@dataclass(frozen=True)
class Quote:
    """Words quoted in a statement's body, with the citation they are attributed to."""

    words: str
    citation: Citation


def quotations(blocks: Iterable[Block]) -> Iterator[Quote]:
    """Every attributed quotation in some blocks: block quotations and inline ones, nested ones too."""
    for block in blocks:
        if isinstance(block, Blockquote) and block.citation is not None:
            yield Quote(plain(block.children), block.citation)
        for run in block_inlines(block):
            yield from _inline_quotations(run)


def _inline_quotations(nodes: Iterable[Inline]) -> Iterator[Quote]:
    for node in nodes:
        if isinstance(node, Quotation):
            yield Quote(plain(node.children), node.citation)
            yield from _inline_quotations(node.children)
        elif isinstance(node, Emphasis | Strong | Link | Note):
            yield from _inline_quotations(node.children)


def safe_url(url: str) -> str:
    """An address with the characters that would end a link percent-encoded (existing escapes kept)."""
    return quote(url.strip(), safe=_URL_SAFE)
