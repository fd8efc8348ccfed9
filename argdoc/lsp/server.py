"""The pygls server: LSP requests in, the compiler's answers out.

Every handler is a few lines: find the document's analysis (argdoc.lsp.analysis),
convert the cursor (argdoc.lsp.positions), ask the module that knows, convert
back. Diagnostics are published after each change once the writer pauses
(`debounce` seconds), and at once on open and on save.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from argdoc import __version__
from argdoc.compiler import MAX_BYTES
from argdoc.lsp.actions import code_actions
from argdoc.lsp.analysis import Analysis, analyse, config_diagnostic, path_uri, to_lsp
from argdoc.lsp.completion import complete
from argdoc.lsp.hover import describe, rule_at
from argdoc.lsp.index import Occurrence
from argdoc.lsp.outline import TOKEN_MODIFIERS, TOKEN_TYPES, document_symbols, folding_ranges, semantic_tokens
from argdoc.lsp.positions import Positions
from argdoc.syntax import KEYWORDS

DEFAULT_DEBOUNCE = 0.15  # seconds of quiet after a change before the paper is compiled again
_ID = re.compile(r"\w[\w-]*")


class ArgdocServer(LanguageServer):
    """The server and what it remembers per open document."""

    def __init__(self, debounce: float = DEFAULT_DEBOUNCE, max_bytes: int = MAX_BYTES) -> None:
        super().__init__("argdoc", __version__)
        self.debounce = debounce
        self.max_bytes = max_bytes
        self.analyses: dict[str, Analysis] = {}
        # The last analysis of each document that had a tree: completion offers its ids
        # while the writer's half-typed line is a syntax error.
        self.good: dict[str, Analysis] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        # The files each document's last diagnostics went to (its own, included ones), to clear them later.
        self.published: dict[str, set[str]] = {}

    @property
    def encoding(self) -> str:
        """The position encoding agreed with the client: utf-16 unless it offered utf-8 or utf-32."""
        chosen = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return chosen.value if isinstance(chosen, types.PositionEncodingKind) else chosen

    # --- analysis ------------------------------------------------------------------

    def current(self, uri: str) -> Analysis:
        """The analysis of the document's text as it is now (compiled again if a change is pending)."""
        text = self.workspace.get_text_document(uri).source
        known = self.analyses.get(uri)
        if known is not None and known.text == text:
            return known
        path = to_fs_path(uri) if uri.startswith("file:") else None
        analysis = analyse(text, path or uri, has_file=path is not None, max_bytes=self.max_bytes)
        self.analyses[uri] = analysis
        if analysis.result.paper is not None:
            self.good[uri] = analysis
        return analysis

    def validate(self, uri: str) -> None:
        """Compile the document and publish its diagnostics, to it and to the files it includes."""
        analysis = self.current(uri)
        version = self.workspace.get_text_document(uri).version
        by_uri: dict[str, list[types.Diagnostic]] = {}

        def uri_for(path: str) -> str:
            return self.uri_of(uri, analysis, path)

        for d in analysis.diagnostics:
            by_uri.setdefault(uri_for(d.path), []).append(to_lsp(d, analysis, self.encoding, uri_for))
        if analysis.config_problem:
            by_uri.setdefault(uri, []).insert(0, config_diagnostic(analysis.config_problem))
        # The document's own first, then the files it includes (and those that no longer have any).
        for target in [uri, *sorted((self.published.get(uri, set()) | set(by_uri)) - {uri})]:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=target, diagnostics=by_uri.get(target, []), version=version if target == uri else None
                )
            )
        self.published[uri] = set(by_uri)

    def uri_of(self, uri: str, analysis: Analysis, path: str) -> str:
        return uri if path == analysis.path else path_uri(path)

    def schedule(self, uri: str) -> None:
        """Validate once the writer has paused for `debounce` seconds (each change restarts the wait)."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._later(uri))

    async def _later(self, uri: str) -> None:
        if self.debounce > 0:
            await asyncio.sleep(self.debounce)
        self.pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.validate(uri)

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        for target in self.published.pop(uri, set()) | {uri}:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=target, diagnostics=[]))
        self.analyses.pop(uri, None)
        self.good.pop(uri, None)

    # --- the cursor ----------------------------------------------------------------

    def at(self, uri: str, position: types.Position) -> tuple[Analysis, Occurrence | None]:
        """The document's analysis and the id (or included path) under the cursor."""
        analysis = self.current(uri)
        if analysis.index is None:
            return analysis, None
        line, column = analysis.positions_of(analysis.path, self.encoding).column(position)
        return analysis, analysis.index.at(analysis.path, line, column)

    def location(self, uri: str, analysis: Analysis, occurrence: Occurrence) -> types.Location:
        positions = analysis.positions_of(occurrence.path, self.encoding)
        return types.Location(
            uri=self.uri_of(uri, analysis, occurrence.path),
            range=positions.range(occurrence.line, occurrence.column, occurrence.line, occurrence.end_column),
        )


def make_server(debounce: float = DEFAULT_DEBOUNCE, max_bytes: int = MAX_BYTES) -> ArgdocServer:
    """A server with every feature registered; `start_io()` runs it over stdio."""
    server = ArgdocServer(debounce, max_bytes)
    _documents(server)
    _navigation(server)
    _editing(server)
    _shape(server)
    return server


def _documents(server: ArgdocServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgdocServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.validate(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: ArgdocServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArgdocServer, params: types.DidSaveTextDocumentParams) -> None:
        # Included files and the configuration are read from the disk: a save may change them.
        ls.analyses.pop(params.text_document.uri, None)
        ls.validate(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgdocServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)


def _navigation(server: ArgdocServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ArgdocServer, params: types.DefinitionParams) -> types.Location | None:
        uri = params.text_document.uri
        analysis, occurrence = ls.at(uri, params.position)
        if occurrence is None or analysis.index is None:
            return None
        if occurrence.role == "include":
            target = analysis.index.include_targets.get((occurrence.path, occurrence.ident))
            start = types.Position(line=0, character=0)
            return types.Location(uri=path_uri(target), range=types.Range(start, start)) if target else None
        found = analysis.index.definition(occurrence.ident)
        return ls.location(uri, analysis, found) if found is not None else None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: ArgdocServer, params: types.ReferenceParams) -> list[types.Location] | None:
        uri = params.text_document.uri
        analysis, occurrence = ls.at(uri, params.position)
        if occurrence is None or analysis.index is None or occurrence.role == "include":
            return None
        wanted = params.context.include_declaration
        return [
            ls.location(uri, analysis, o)
            for o in analysis.index.uses(occurrence.ident)
            if wanted or o.role != "definition"
        ]

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ArgdocServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        analysis, occurrence = ls.at(uri, params.position)
        positions = analysis.positions_of(analysis.path, ls.encoding)
        text = None
        if occurrence is not None and analysis.index is not None:
            text = describe(analysis.index, occurrence)
        if text is None:
            line, column = positions.column(params.position)
            text = rule_at(positions.line_text(line - 1), column)
        if text is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: ArgdocServer, params: types.PrepareRenameParams) -> types.Range | None:
        analysis, occurrence = ls.at(params.text_document.uri, params.position)
        if occurrence is None or occurrence.role == "include" or analysis.index is None:
            return None
        if occurrence.ident not in analysis.index.definitions:
            return None
        return ls.location(params.text_document.uri, analysis, occurrence).range

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: ArgdocServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        uri = params.text_document.uri
        analysis, occurrence = ls.at(uri, params.position)
        if analysis.index is None:
            raise JsonRpcInvalidParams("the paper has syntax errors; fix them before renaming")
        if occurrence is None or occurrence.role == "include":
            return None
        new = params.new_name
        if not _ID.fullmatch(new) or new in KEYWORDS:
            raise JsonRpcInvalidParams(f"'{new}' is not an id: letters, digits, '-' and '_', not a keyword")
        if new in analysis.index.definitions and new != occurrence.ident:
            clash = analysis.index.definitions[new]
            raise JsonRpcInvalidParams(f"'{new}' is already the id of a {clash.kind}")
        changes: dict[str, list[types.TextEdit]] = {}
        for o in analysis.index.uses(occurrence.ident):
            where = ls.location(uri, analysis, o)
            changes.setdefault(where.uri, []).append(types.TextEdit(range=where.range, new_text=new))
        return types.WorkspaceEdit(changes=changes)


def _editing(server: ArgdocServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=["@", ":", ",", " ", "["]),
    )
    def completion(ls: ArgdocServer, params: types.CompletionParams) -> types.CompletionList:
        uri = params.text_document.uri
        positions = Positions(ls.workspace.get_text_document(uri).source, ls.encoding)
        line, column = positions.column(params.position)
        lines = [positions.line_text(n) for n in range(line)]
        before = positions.line_text(line - 1)[: column - 1]
        good = ls.good.get(uri) or ls.current(uri)
        items = complete(lines, line - 1, before, good.index)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: ArgdocServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        from argdoc.cli.fmt import configured_line_length
        from argdoc.config import ConfigError
        from argdoc.fmt import FormatError, format_text, keep_line_endings

        uri = params.text_document.uri
        text = ls.workspace.get_text_document(uri).source
        path = to_fs_path(uri) if uri.startswith("file:") else None
        try:
            width = configured_line_length(Path(path) if path else Path.cwd(), None)
            formatted = keep_line_endings(text, format_text(text, path or uri, width))
        except (FormatError, ConfigError) as exc:
            ls.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message=f"argdoc fmt: not formatted: {exc}")
            )
            return None
        if formatted == text:
            return []
        positions = Positions(text, ls.encoding)
        last = positions.line_count
        whole = positions.range(1, 1, last, len(positions.line_text(last - 1)) + 1)
        return [types.TextEdit(range=whole, new_text=formatted)]

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: ArgdocServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        analysis = ls.current(uri)
        positions = analysis.positions_of(analysis.path, ls.encoding)
        return code_actions(uri, list(params.context.diagnostics), positions, analysis.index)


def _shape(server: ArgdocServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: ArgdocServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        analysis = ls.current(params.text_document.uri)
        paper = analysis.result.paper
        return document_symbols(paper, analysis.positions_of(analysis.path, ls.encoding)) if paper else []

    @server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
    def folding(ls: ArgdocServer, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
        analysis = ls.current(params.text_document.uri)
        paper = analysis.result.paper
        return folding_ranges(paper, analysis.positions_of(analysis.path, ls.encoding)) if paper else []

    @server.feature(
        types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL,
        types.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS),
    )
    def tokens(ls: ArgdocServer, params: types.SemanticTokensParams) -> types.SemanticTokens:
        analysis = ls.current(params.text_document.uri)
        paper, index = analysis.result.paper, analysis.index
        if paper is None or index is None:
            return types.SemanticTokens(data=[])
        return types.SemanticTokens(
            data=semantic_tokens(paper, index, analysis.positions_of(analysis.path, ls.encoding))
        )
