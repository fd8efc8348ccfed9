"""What several exports need from prose: plain words, display titles, quotations, safe addresses.

AIF nodes, DOT labels and Argdown's front matter hold plain text, so markup is
dropped here and citations are left out. Source labels come from the HTML
renderer's bibliography module, so a citation reads the same in every output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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
    Paper,
    Paragraph,
    Quotation,
    Source,
    Strong,
    Text,
)
from argdoc.render.bibliography import citation_labels, humanise

_SPACES = re.compile(r"\s+")
_PUNCTUATION = frozenset(".,;:!?")
# Characters an address may keep as they are. Parentheses, spaces, quotes and
# angle brackets are percent-encoded: they end a link in Markdown and Argdown.
_URL_SAFE = "/:?#[]@!$&'*+,;=%~"


def squash(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space: every export writes prose on one line."""
    return _SPACES.sub(" ", text)


def display_title(statement: AnyStatement) -> str:
    """The statement's title, or its id made readable (`great-power` -> `Great power`)."""
    return squash(statement.title).strip() if statement.title else humanise(statement.id)


def plain(nodes: Iterable[Inline]) -> str:
    """The words of a run of inline nodes, without markup or citations; quotations in “…”."""
    out = ""
    dropped = False
    for part in _plain_parts(nodes):
        if part is None:
            dropped = True
            continue
        # A dropped citation leaves the author's space before the punctuation after it.
        if dropped and part[:1] in _PUNCTUATION:
            out = out.rstrip()
        dropped = False
        out += part
    return squash(out).strip()


def _plain_parts(nodes: Iterable[Inline]) -> Iterator[str | None]:
    """The text of each node; None where a citation was."""
    for node in nodes:
        if isinstance(node, Text):
            yield node.value
        elif isinstance(node, Quotation):
            yield f"“{plain(node.children)}”"
            yield None
        elif isinstance(node, Emphasis | Strong | Link):
            yield from _plain_parts(node.children)
        else:
            yield None


def plain_blocks(blocks: Iterable[Block]) -> str:
    """The words of some blocks, paragraphs joined by a space."""
    return " ".join(text for text in (plain(block.children) for block in blocks) if text)


def proposition(statement: AnyStatement) -> str:
    """What a statement asserts, in a few words: its title, else its first paragraph, else its id."""
    if statement.title:
        return display_title(statement)
    for block in statement.body:
        if isinstance(block, Paragraph) and (words := plain(block.children)):
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
        yield from _inline_quotations(block.children)


def _inline_quotations(nodes: Iterable[Inline]) -> Iterator[Quote]:
    for node in nodes:
        if isinstance(node, Quotation):
            yield Quote(plain(node.children), node.citation)
            yield from _inline_quotations(node.children)
        elif isinstance(node, Emphasis | Strong | Link):
            yield from _inline_quotations(node.children)


def safe_url(url: str) -> str:
    """An address with the characters that would end a link percent-encoded (existing escapes kept)."""
    return quote(url.strip(), safe=_URL_SAFE)
