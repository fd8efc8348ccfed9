"""Quick fixes from the diagnostics' hints: did-you-mean replacements, a stub for a missing source, a suppression.

Each diagnostic the server publishes carries its rule's name, its hint and its
statement (`data`), so the fixes need no second look at the paper beyond the
index (where the statement's header is).
"""

from __future__ import annotations

import re
from typing import Any

from lsprotocol import types

from argdoc.lsp.index import Index
from argdoc.lsp.positions import Positions

_DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'\?")
UNDEFINED = "undefined-reference"


def code_actions(
    uri: str, diagnostics: list[types.Diagnostic], positions: Positions, index: Index | None
) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    for diagnostic in diagnostics:
        data: dict[str, Any] = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        hint = data.get("hint") or ""
        written = _text(positions, diagnostic.range)
        at = "@" if written.startswith("@") else ""
        if suggestion := _DID_YOU_MEAN.search(hint):
            actions.append(
                _fix(
                    f"Replace with '{suggestion.group(1)}'",
                    uri,
                    diagnostic,
                    [_edit(diagnostic.range, at + suggestion.group(1))],
                    preferred=True,
                )
            )
        if data.get("name") == UNDEFINED and at:
            actions.append(_fix(f"Create source '{written[1:]}'", uri, diagnostic, [_stub(positions, written[1:])]))
        if str(diagnostic.code or "").startswith("ARG") and (suppress := _suppression(data, index)):
            actions.append(_fix(f"Suppress {data['name']} for '{data['statement']}'", uri, diagnostic, [suppress]))
    return actions


def _text(positions: Positions, where: types.Range) -> str:
    if where.start.line != where.end.line:
        return ""
    line, start = positions.column(where.start)
    _, end = positions.column(where.end)
    return positions.line_text(line - 1)[start - 1 : end - 1]


def _edit(where: types.Range, text: str) -> types.TextEdit:
    return types.TextEdit(range=where, new_text=text)


def _stub(positions: Positions, ident: str) -> types.TextEdit:
    """`source ID:` at the end of the file; the lint rules then ask for its outlet and date."""
    last = positions.line_count - 1
    end = positions.position(last + 1, len(positions.line_text(last)) + 1)
    # The text ends with a newline (positions' last line is then empty): one blank line before the stub.
    lead = "\n" if not positions.line_text(last) else "\n\n"
    return _edit(types.Range(start=end, end=end), f"{lead}source {ident}:\n")


def _suppression(data: dict[str, Any], index: Index | None) -> types.TextEdit | None:
    """`# argdoc: ignore[rule]` on the line above the statement the finding is about."""
    statement, name = data.get("statement"), data.get("name")
    if index is None or not statement or not name:
        return None
    header = index.definition(statement)
    if header is None or header.path != index.main:
        return None
    start = types.Position(line=header.line - 1, character=0)
    return _edit(types.Range(start=start, end=start), f"# argdoc: ignore[{name}]\n")


def _fix(
    title: str, uri: str, diagnostic: types.Diagnostic, edits: list[types.TextEdit], *, preferred: bool = False
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: edits}),
        is_preferred=preferred or None,
    )
