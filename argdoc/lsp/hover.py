"""Hover: what an id, a citation, an included path or a rule code in a suppression stands for (Markdown)."""

from __future__ import annotations

import html
import re

from argdoc.lsp.index import Index, Occurrence
from argdoc.nodes import Chart, Figure, Source, Table
from argdoc.resolve import Definition
from argdoc.syntax import SUPPRESSION
from argdoc.walk import plain_blocks, squash

_SENTENCE = re.compile(r"^.+?[.!?…](?=\s|$)")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[\w-]+")
# The longest first sentence shown: a paragraph without a full stop is cut.
_MAX_SENTENCE = 300


def describe(index: Index, occurrence: Occurrence) -> str | None:
    """The hover text for an occurrence: its target's kind, title and first sentence (a source: as cited)."""
    if occurrence.role == "include":
        target = index.include_targets.get((occurrence.path, occurrence.ident))
        return f"includes `{target}`" if target else None
    node = index.definitions.get(occurrence.ident)
    if node is None:
        return None
    if isinstance(node, Source):
        return f"**source** `{node.id}`\n\n{formatted_source(node)}"
    head = f"**{node.kind}** `{node.id}`" + (f" — {squash(node.title)}" if node.title else "")
    sentence = first_sentence(node)
    return f"{head}\n\n{sentence}" if sentence else head


def first_sentence(node: Definition) -> str:
    if isinstance(node, Figure):
        return node.alt  # a figure's prose is its description for those who cannot see it
    if isinstance(node, Table | Chart):
        return ""  # its title, in the head, is its caption; it has no prose of its own
    words = plain_blocks(node.body)
    match = _SENTENCE.match(words)
    sentence = match.group() if match else words
    return sentence if len(sentence) <= _MAX_SENTENCE else sentence[: _MAX_SENTENCE - 1] + "…"


def formatted_source(source: Source) -> str:
    """The source's bibliography entry (Chicago, as the paper prints it), as plain text."""
    from argdoc.render.bibliography import bibliography_entry

    return html.unescape(_TAG.sub("", str(bibliography_entry(source))))


def rule_at(line_text: str, column: int) -> str | None:
    """Hover text for a rule named in a suppression comment, when the 1-based column is on it."""
    from argdoc.lint.registry import lookup

    for comment in SUPPRESSION.finditer(line_text):
        if comment.group(2) is None:
            continue
        start = comment.start(2)
        for word in _WORD.finditer(comment.group(2)):
            if start + word.start() < column <= start + word.end() + 1:
                rule = lookup(word.group())
                if rule is None:
                    return f"`{word.group()}` names no rule (see `argdoc rules`)"
                return f"**{rule.code} {rule.name}** ({rule.severity.value})\n\n{rule.summary}"
    return None
