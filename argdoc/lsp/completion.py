"""Completion: what may be typed at the cursor, from argdoc.syntax's tables and the paper's ids.

The cursor's context is read from its own line and the margin line above it
(which statement's body it is in), not from a parse: while a writer types, the
text is usually not a valid paper. Ids come from the last analysis that had a
tree, so they survive a half-typed line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from argdoc.likelihood import BANDS, CONFIDENCE_LEVELS, ROWS
from argdoc.lsp.index import Index
from argdoc.nodes import CHART_TYPES
from argdoc.syntax import (
    ALIASES,
    DIVISION_KEYWORDS,
    EXHIBIT_FIELDS,
    HEADER_FIELDS,
    KEYWORDS,
    ROLES,
    SECTION,
    STATEMENT_FIELDS,
    VIEWS,
    Field,
)

# `# argdoc: ignore[rule, ` with the cursor inside the brackets.
_SUPPRESSION = re.compile(r"#\s*argdoc:\s*ignore(?:-file)?\[(?:[^\]]*,)?\s*([\w-]*)$")
# `[@` or `; @` inside a citation's brackets.
_CITATION = re.compile(r"\[@(?:[^\]\n]*[;,]\s*@)?[\w-]*$")
# `name: a, b, ` in a body: the field and the id being typed.
_FIELD_VALUE = re.compile(r"^[ \t]+([a-z][a-z0-9_-]*):[ \t]*((?:[^,]*,[ \t]*)*)[\w-]*$")
# `name: val` at the margin (a header field) or indented (a block's field): a value being typed.
_CHOICE_VALUE = re.compile(r"^[ \t]*([a-z][a-z0-9_-]*):[ \t]*[\w-]*$")
# A word alone on an indented line: a field name being typed.
_BODY_WORD = re.compile(r"^[ \t]+([a-z][a-z0-9_-]*)?$")
_MARGIN_WORD = re.compile(r"^([a-z][a-z0-9_-]*)?$")
_MARGIN_LINE = re.compile(r"^([a-z][a-z0-9_-]*)")

HEADER = "header"  # the context of the paper's header, before any statement
# The fields of each block that has them: statements, tables, figures and charts.
BLOCK_FIELDS: dict[str, dict[str, Field]] = {**STATEMENT_FIELDS, **EXHIBIT_FIELDS}
# Blocks whose body is prose only.
_PROSE_BLOCKS = frozenset((SECTION, *DIVISION_KEYWORDS))


def context_kind(lines: Sequence[str], line: int) -> str:
    """The block kind whose body holds `line` (0-based): a statement's, an exhibit's, a division's, or HEADER."""
    for above in range(line - 1, -1, -1):
        text = lines[above]
        if not text.strip() or text[0] in " \t#":
            continue
        word = _MARGIN_LINE.match(text)
        name = word.group(1) if word else ""
        # A header field (`title: ...`) or `include` at the margin: no statement's body.
        return name if name in BLOCK_FIELDS or name in _PROSE_BLOCKS else HEADER
    return HEADER


def complete(lines: Sequence[str], line: int, before: str, index: Index | None) -> list[types.CompletionItem]:
    """The completions for a cursor on `line` (0-based) after the text `before` on that line."""
    if match := _SUPPRESSION.search(before):
        return _rules(match.group(1))
    if match := _CITATION.search(before):
        return _ids(index, "source", set())
    kind = context_kind(lines, line)
    if (match := _FIELD_VALUE.match(before)) and (row := _field(kind, match.group(1), before)) and row.target:
        listed = {part.strip() for part in match.group(2).split(",")}
        return _ids(index, row.target, listed)
    if (match := _CHOICE_VALUE.match(before)) and (row := _field(kind, match.group(1), before)):
        return _values(row)
    if _BODY_WORD.match(before) and kind in BLOCK_FIELDS:
        return _fields(BLOCK_FIELDS[kind])
    if _MARGIN_WORD.match(before):
        items = _keywords()
        return [*_fields(HEADER_FIELDS), *items] if kind == HEADER else items
    return []


def _field(kind: str, written: str, before: str) -> Field | None:
    """The field whose value is being typed: a header field at the margin, a block's field indented
    in its body. In a section's prose, `view: ` is words, not a field."""
    indented = before[:1] in " \t"
    if kind == HEADER and not indented:
        table = HEADER_FIELDS
    elif kind in BLOCK_FIELDS and indented:
        table = BLOCK_FIELDS[kind]
    else:
        return None
    return table.get(ALIASES.get(written, written))


def _ids(index: Index | None, wanted: str, listed: set[str]) -> list[types.CompletionItem]:
    """Every defined id, those of the wanted kind first; ids already in the list are left out.

    The client filters them by what was typed (each item's label).
    """
    if index is None:
        return []
    items = []
    for ident, node in index.definitions.items():
        if ident in listed:
            continue
        rank = "0" if node.kind == wanted else "1"
        items.append(
            types.CompletionItem(
                label=ident,
                kind=types.CompletionItemKind.Reference,
                detail=f"{node.kind}" + (f" “{node.title}”" if node.title else ""),
                sort_text=f"{rank}{ident}",
            )
        )
    return items


def _fields(table: dict[str, Field]) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(
            label=row.name,
            kind=types.CompletionItemKind.Field,
            detail=_describe(row),
            insert_text=f"{row.name}: ",
        )
        for row in table.values()
        if row.written
    ]


def choices(row: Field) -> list[tuple[str, str]]:
    """The values a field takes from a fixed list, each with a word on it; [] for free text.

    The lists are the ones the compiler checks against, so completion never offers a value
    that is then an error.
    """
    if row.value == "style":
        from argdoc.cite.styles import STYLES  # the formatter, only when a style is being typed

        return [(name, "citation style" + (" (the default)" if name == STYLES[0] else "")) for name in STYLES]
    if row.value == "source-type":
        from argdoc.cite.kinds import KINDS

        return [(name, kind.label) for name, kind in KINDS.items()]
    if row.name == "likelihood":
        return [(term, f"{band} (ICD 203)") for term, band in zip(ROWS[0], BANDS, strict=True)]
    fixed = {"view": VIEWS, "role": ROLES, "chart-type": CHART_TYPES}.get(row.value)
    if row.name == "confidence":
        fixed = CONFIDENCE_LEVELS
    return [(value, row.name) for value in fixed or ()]


def _values(row: Field) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(label=value, kind=types.CompletionItemKind.EnumMember, detail=detail, sort_text=f"{n:03d}")
        for n, (value, detail) in enumerate(choices(row))
    ]


def _describe(row: Field) -> str:
    if row.target:
        return f"ids of {row.target}s, separated by '{row.separator}'"
    if row.separator:
        return f"{row.value}, a list separated by '{row.separator}'"
    return row.value


def _keywords() -> list[types.CompletionItem]:
    return [types.CompletionItem(label=word, kind=types.CompletionItemKind.Keyword) for word in KEYWORDS]


def _rules(typed: str) -> list[types.CompletionItem]:
    from argdoc.lint.registry import all_rules

    return [
        types.CompletionItem(
            label=rule.name,
            kind=types.CompletionItemKind.Value,
            detail=f"{rule.code} · {rule.summary}",
            filter_text=f"{rule.name} {rule.code}",
        )
        for rule in all_rules()
        if rule.name.startswith(typed) or rule.code.lower().startswith(typed.lower())
    ]
