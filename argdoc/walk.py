"""Walks over prose that every output shares: runs of citations and plain words.

The formatter, the HTML renderer and the exports each write inline nodes their
own way, but they agree on two readings of them, which live here once:

- `citation_runs`: adjacent citations form one run, written in one pair of
  brackets (`[@a; @b, p. 4]`, `(Haaretz; Interfax, p. 4)`, one note call);
- `plain`: the words a reader sees without markup or citations, for places
  that hold plain text (a page description, AIF nodes, DOT tooltips); a
  cross-reference reads as its label ("Table 1") when the caller passes the
  paper's labels, since dropping it would leave "as  shows";
- `block_inlines`: the runs of inline nodes a block holds (a paragraph's, each
  list item's), for readers that look at words rather than at blocks.

Every block of a paper is `Paper.all_blocks()`, on the tree itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from argdoc.nodes import Block, Citation, Emphasis, Inline, Link, List, ListItem, Quotation, Strong, Text

CitationRun = tuple[Citation, ...]

_SPACES = re.compile(r"\s+")
_PUNCTUATION = frozenset(".,;:!?")
# No labels: every bracket is dropped, as for a citation.
_NO_LABELS: Mapping[str, str] = {}


def citation_runs(nodes: Iterable[Inline]) -> Iterator[Inline | CitationRun]:
    """The nodes in order, with each run of adjacent citations as one tuple (every other node as it is)."""
    run: list[Citation] = []
    for node in nodes:
        if isinstance(node, Citation):
            run.append(node)
            continue
        if run:
            yield tuple(run)
            run = []
        yield node
    if run:
        yield tuple(run)


def opens_sentence(before: str) -> bool:
    """Whether text written after `before` opens a sentence: "[@policy] shows" then reads "Section 3 shows"."""
    text = before.rstrip()
    return not text or text.endswith((".", "!", "?"))


def squash(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space: plain text is written on one line."""
    return _SPACES.sub(" ", text)


def plain(nodes: Iterable[Inline], references: Mapping[str, str] = _NO_LABELS) -> str:
    """The words of a run of inline nodes, without markup or citations; quotations in “…”.

    A dropped citation takes with it the space the author typed before it when
    punctuation follows (`tensions [@a].` reads `tensions.`); every other space
    is the author's and stays, so `Pourquoi ?` keeps its French spacing. A
    cross-reference whose id is in `references` (`argdoc.render.layout.
    reference_labels`) reads as its label instead.
    """
    out = ""
    dropped = False
    for part in _plain_parts(nodes, references):
        if part is None:
            dropped = True
            continue
        if dropped and part[:1] in _PUNCTUATION:
            out = out.rstrip()
        dropped = False
        out += part
    return squash(out).strip()


def _plain_parts(nodes: Iterable[Inline], references: Mapping[str, str]) -> Iterator[str | None]:
    """The text of each node; None where a citation was."""
    for node in nodes:
        if isinstance(node, Text):
            yield node.value
        elif isinstance(node, Quotation):
            yield f"“{plain(node.children, references)}”"
            yield None
        elif isinstance(node, Emphasis | Strong | Link):
            yield from _plain_parts(node.children, references)
        elif isinstance(node, Citation) and node.source in references:
            yield references[node.source]
        else:
            # A citation, or a remark note: an aside, left out of plain words like a note call.
            yield None


def block_inlines(block: Block) -> Iterator[tuple[Inline, ...]]:
    """The runs of inline nodes of a block in reading order: a paragraph's, or each list item's."""
    if isinstance(block, List):
        for item in list_items(block):
            yield item.children
    else:
        yield block.children


def list_items(block: List) -> Iterator[ListItem]:
    """The items of a list in reading order, each followed by the items of the lists nested under it."""
    for item in block.items:
        yield item
        for sublist in item.lists:
            yield from list_items(sublist)


def plain_blocks(blocks: Iterable[Block], references: Mapping[str, str] = _NO_LABELS) -> str:
    """The words of some blocks, paragraphs (and list items) joined by a space (attributions left out)."""
    runs = (plain(run, references) for block in blocks for run in block_inlines(block))
    return " ".join(text for text in runs if text)
