"""`argdoc lsp` driven over stdio by a real LSP client (pytest-lsp, on pygls's client).

Every test talks to the server process as an editor would: initialize, didOpen,
didChange, requests, and (at the end of the module) shutdown and exit. Nothing
here calls a handler function.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

MAIN = """\
title: LSP test
summary:
    A paper for the language server.[@interfax]

claim thesis "The thesis":
    role: thesis

    Russia balances two priorities. More text follows.[@interfax]

section policy "Policy":
    The policy section.

component great-power "Great power":
    supports: thesis

    Power matters.[@haaretz]

include "chapter.arg"
"""

CHAPTER = """\
source interfax "Ivanov on Iran":
    outlet: Interfax
    date: 2007-03-18

source haaretz:
    outlet: Haaretz
    date: 2007-03-20
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("paper")
    (folder / "main.arg").write_text(MAIN)
    (folder / "chapter.arg").write_text(CHAPTER)
    return folder


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "argdoc", "lsp", "--debounce", "100"]),
)
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    # Every publication, in order: waiting for "the next one" would miss one that
    # arrives in the same read as the one before it.
    queue: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
    features = lsp_client.protocol.fm.features
    default = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def record(params: types.PublishDiagnosticsParams) -> None:
        queue.put_nowait(params)
        default(params)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    PUBLISHED[id(lsp_client)] = queue
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=pytest_lsp.client_capabilities("visual-studio-code"))
    )
    yield
    await lsp_client.shutdown_session()


WIDE = "\U0001d49c"  # MATHEMATICAL SCRIPT CAPITAL A, outside the Basic Multilingual Plane
PUBLISHED: dict[int, asyncio.Queue[types.PublishDiagnosticsParams]] = {}


async def published(client: LanguageClient, uri: str) -> types.PublishDiagnosticsParams:
    """The next diagnostics published for `uri` (others, for included files, are passed over)."""
    while True:
        params = await asyncio.wait_for(PUBLISHED[id(client)].get(), 20)
        if params.uri == uri:
            return params


async def open_doc(client: LanguageClient, path: Path, text: str) -> tuple[str, types.PublishDiagnosticsParams]:
    """Open a document (written to disk too, as an editor's saved file) and wait for its diagnostics."""
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="argdoc", version=1, text=text)
        )
    )
    return uri, await published(client, uri)


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply non-overlapping edits (ASCII text: UTF-16 units are characters) from the last to the first."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start = offsets[edit.range.start.line] + edit.range.start.character
        end = offsets[min(edit.range.end.line, len(lines))] + edit.range.end.character
        text = text[:start] + edit.new_text + text[end:]
    return text


# --- diagnostics -----------------------------------------------------------------------


async def test_a_clean_paper_has_no_errors_and_its_included_file_is_read(client: LanguageClient, folder: Path) -> None:
    _uri, params = await open_doc(client, folder / "main.arg", MAIN)
    assert params.version == 1
    assert [d for d in params.diagnostics if d.severity == types.DiagnosticSeverity.Error] == []


async def test_an_undefined_reference_is_an_error_with_its_code_link_and_hint(
    client: LanguageClient, folder: Path
) -> None:
    text = "title: T\n\nclaim a:\n    supports: thesys\n\nclaim thesis:\n    Words.\n"
    _uri, params = await open_doc(client, folder / "undefined.arg", text)
    (found,) = [d for d in params.diagnostics if d.code == "ARG001"]
    assert found.range == types.Range(start=at(3, 14), end=at(3, 20))
    assert found.severity == types.DiagnosticSeverity.Error
    assert "'thesys' is not defined" in found.message
    assert "did you mean 'thesis'?" in found.message
    assert found.code_description is not None
    assert found.code_description.href.endswith("docs/rules.md#arg001-undefined-reference")
    assert found.source == "argdoc"


async def test_a_duplicate_id_points_at_the_first_definition(client: LanguageClient, folder: Path) -> None:
    text = "title: T\n\nclaim a:\n    Words.\n\nclaim a:\n    More words.\n"
    uri, params = await open_doc(client, folder / "duplicate.arg", text)
    (found,) = [d for d in params.diagnostics if d.code == "ARG002"]
    assert found.range.start == at(5, 6)
    (related,) = found.related_information or []
    assert related.location.uri == uri
    assert related.location.range.start == at(2, 6)
    assert related.message == "first defined here"


async def test_syntax_errors_and_lint_findings_are_published(client: LanguageClient, folder: Path) -> None:
    _uri, params = await open_doc(client, folder / "syntax.arg", "title: T\n\nclaim :\n    Words.\n")
    assert any(str(d.code).startswith("E") and d.severity == types.DiagnosticSeverity.Error for d in params.diagnostics)
    _uri, params = await open_doc(client, folder / "lint.arg", "title: T\n\nclaim a:\n    Words.\n")
    codes = {d.code for d in params.diagnostics}
    assert {"ARG302", "ARG103"} <= codes  # missing-summary (warning), claim-without-support


async def test_the_lint_configuration_is_read_as_the_cli_reads_it(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "argdoc.toml").write_text('[lint]\nignore = ["missing-summary"]\n')
    _uri, params = await open_doc(client, tmp_path / "configured.arg", "title: T\n\nclaim a:\n    Words.\n")
    codes = {d.code for d in params.diagnostics}
    assert "ARG302" not in codes
    assert "ARG303" in codes
    (tmp_path / "argdoc.toml").write_text('[lint]\nignore = ["no-such-rule"]\n')
    _uri, params = await open_doc(client, tmp_path / "misconfigured.arg", "title: T\n")
    assert "lint configuration is wrong" in params.diagnostics[0].message
    assert "no-such-rule" in params.diagnostics[0].message


async def test_changes_are_debounced_and_the_last_text_wins(client: LanguageClient, folder: Path) -> None:
    text = "title: T\n\nclaim a:\n    Words.\n"
    uri, _ = await open_doc(client, folder / "typing.arg", text)
    # Four edits 20 ms apart, faster than the server's 100 ms debounce: one compile, of the last text.
    for version, ident in enumerate(["b", "bb", "bbb", "thesys"], start=2):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangeWholeDocument(text=f"{text}\nclaim c:\n    supports: {ident}\n")
                ],
            )
        )
        await asyncio.sleep(0.02)
    params = await published(client, uri)
    assert params.version == 5
    (undefined,) = [d for d in params.diagnostics if d.code == "ARG001"]
    assert "'thesys' is not defined" in undefined.message


async def test_positions_are_utf16_code_units(client: LanguageClient, folder: Path) -> None:
    # WIDE is one character (an id letter) and two UTF-16 units.
    wide = WIDE * 2
    text = f"title: T\n\nclaim {wide}:\n    Words.\n\nclaim b:\n    supports: {wide}, nothere\n"
    _uri, params = await open_doc(client, folder / "wide.arg", text)
    (found,) = [d for d in params.diagnostics if d.code == "ARG001"]
    # "    supports: " is 14 units, the two wide letters 4, ", " 2: 'nothere' starts at unit 20.
    assert found.range == types.Range(start=at(6, 20), end=at(6, 27))
    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(_uri), position=at(6, 16))
    )
    assert isinstance(definition, types.Location)
    assert definition.range == types.Range(start=at(2, 6), end=at(2, 10))


# --- navigation -----------------------------------------------------------------------


async def test_go_to_definition_of_a_reference_a_citation_and_an_include(client: LanguageClient, folder: Path) -> None:
    uri = (folder / "main.arg").as_uri()
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(uri), position=at(13, 17))  # supports: thesis
    )
    assert found == types.Location(uri=uri, range=types.Range(start=at(4, 6), end=at(4, 12)))
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(uri), position=at(15, 22))  # [@haaretz], in the included file
    )
    assert isinstance(found, types.Location)
    assert found.uri == (folder / "chapter.arg").as_uri()
    assert found.range == types.Range(start=at(4, 7), end=at(4, 14))
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(uri), position=at(17, 12))  # include "chapter.arg"
    )
    assert isinstance(found, types.Location)
    assert found.uri == (folder / "chapter.arg").as_uri()


async def test_find_references_across_the_paper(client: LanguageClient, folder: Path) -> None:
    uri = (folder / "main.arg").as_uri()
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(uri), position=at(2, 40), context=types.ReferenceContext(include_declaration=True)
        )
    )
    assert found is not None
    places = sorted((Path(loc.uri).name, loc.range.start.line, loc.range.start.character) for loc in found)
    assert places == [("chapter.arg", 0, 7), ("main.arg", 2, 38), ("main.arg", 7, 56)]
    without = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(uri), position=at(2, 40), context=types.ReferenceContext(include_declaration=False)
        )
    )
    assert without is not None and len(without) == 2


async def test_hover_shows_a_target_a_source_and_a_rule(client: LanguageClient, folder: Path) -> None:
    uri = (folder / "main.arg").as_uri()
    shown = await client.text_document_hover_async(types.HoverParams(text_document=doc(uri), position=at(13, 15)))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.value == "**claim** `thesis` — The thesis\n\nRussia balances two priorities."
    shown = await client.text_document_hover_async(types.HoverParams(text_document=doc(uri), position=at(15, 21)))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.value.startswith("**source** `haaretz`\n\nHaaretz. March 20, 2007.")
    text = "title: T\n\n# argdoc: ignore[claim-without-support]\nclaim a:\n    Words.\n"
    suppressed, _ = await open_doc(client, folder / "hover-rule.arg", text)
    shown = await client.text_document_hover_async(types.HoverParams(text_document=doc(suppressed), position=at(2, 22)))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.value.startswith("**ARG103 claim-without-support** (error)")


# --- editing --------------------------------------------------------------------------


async def complete(client: LanguageClient, uri: str, position: types.Position) -> list[types.CompletionItem]:
    found = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(uri), position=position)
    )
    assert isinstance(found, types.CompletionList)
    return sorted(found.items, key=lambda item: item.sort_text or item.label)


async def test_completion_of_ids_of_the_right_kind_first(client: LanguageClient, folder: Path) -> None:
    text = MAIN + "\ntension t:\n    between: great-power, \n    bears-on: \n\n    Words [@ here.\n"
    uri, _ = await open_doc(client, folder / "complete.arg", text)
    lines = text.splitlines()
    between = lines.index("    between: great-power, ")
    items = await complete(client, uri, at(between, len(lines[between])))
    labels = [item.label for item in items]
    assert "great-power" not in labels  # already listed
    assert labels[0] not in ("thesis", "interfax") and items[0].detail is not None
    items = await complete(client, uri, at(between + 1, len("    bears-on: ")))
    assert items[0].label == "thesis" and items[0].detail == "claim “The thesis”"
    items = await complete(client, uri, at(between + 3, len("    Words [@")))
    assert [item.label for item in items][:2] == ["haaretz", "interfax"]
    assert {item.label for item in items[2:]} >= {"thesis", "great-power"}


async def test_completion_of_fields_keywords_and_rules(client: LanguageClient, folder: Path) -> None:
    text = "title: T\n\nsource s:\n    ou\n\ncl\n# argdoc: ignore[unused-source, cla\n"
    uri, _ = await open_doc(client, folder / "words.arg", text)
    fields = {item.label: item for item in await complete(client, uri, at(3, 6))}
    assert {"outlet", "author", "date", "url", "accessed", "grade", "note"} <= set(fields)
    assert "supports" not in fields and "authors" not in fields
    assert fields["outlet"].insert_text == "outlet: "
    keywords = {item.label for item in await complete(client, uri, at(5, 2))}
    statements = {"claim", "component", "tension", "source", "section", "include"}
    blocks = {"subsection", "appendix", "bibliography", "table", "figure", "chart"}  # #10 part B
    assert statements | blocks == keywords
    rules = {item.label for item in await complete(client, uri, at(6, 35))}
    assert "claim-without-support" in rules and "unused-source" not in rules
    header = {item.label for item in await complete(client, uri, at(1, 0))}
    assert {"title", "author", "summary", "claim"} <= header


async def test_completion_inside_tables_figures_and_charts(client: LanguageClient, folder: Path) -> None:
    text = EXHIBITS + 'figure map "Map":\n    al\n\nchart more "More":\n    data: \n'
    uri, _ = await open_doc(client, folder / "exhibit-fields.arg", text)
    lines = text.splitlines()
    figure = {item.label for item in await complete(client, uri, at(lines.index("    al"), 6))}
    assert figure == {"image", "alt", "credit", "width"}
    data = lines.index("    data: ", lines.index('chart more "More":'))
    items = await complete(client, uri, at(data, len("    data: ")))
    assert items[0].label == "budgets" and items[0].detail == "table “Budgets”"


async def test_completion_of_the_values_a_field_takes(client: LanguageClient, folder: Path) -> None:
    # style:, view:, a source's type:, a claim's likelihood:/confidence:/role:, a chart's type:.
    text = (
        "title: T\nstyle: \nview: \n\nclaim c:\n    likelihood: \n    confidence: \n    role: \n    Words.\n\n"
        'source s:\n    type: \n\nsection x "X":\n    Intro.\n\nchart k "K":\n    type: \n'
    )
    uri, _ = await open_doc(client, folder / "values.arg", text)
    lines = text.splitlines()

    async def values(line: int) -> list[str]:
        return [item.label for item in await complete(client, uri, at(line, len(lines[line])))]

    assert await values(1) == ["chicago-notes-bibliography", "chicago-author-date", "apa", "harvard-cite-them-right"]
    assert await values(2) == ["publication", "analysis"]
    likelihood = await values(5)
    assert likelihood[0] == "almost no chance" and "roughly even chance" in likelihood and len(likelihood) == 7
    assert await values(6) == ["low", "moderate", "high"]
    assert await values(7) == ["thesis", "recommendation"]
    kinds = await values(11)
    assert {"article-newspaper", "book", "chapter", "report", "webpage", "interview", "treaty"} <= set(kinds)
    assert await values(len(lines) - 1) == ["bar", "line", "stacked-bar"]
    assert await values(0) == []  # `title: T`: free text, nothing to offer
    # In a section's prose `view: ` is words, and a header field is written at the margin.
    prose = 'title: T\n  view: \n\nsection x "X":\n    style: \n'
    prose_uri, _ = await open_doc(client, folder / "prose.arg", prose)
    for line, text in ((1, "  view: "), (4, "    style: ")):
        assert await complete(client, prose_uri, at(line, len(text))) == []


async def test_formatting_is_argdoc_fmt(client: LanguageClient, folder: Path) -> None:
    from argdoc.fmt import format_text

    text = 'title:   T\n\n\n\nclaim a   "A":\n    Words   here.\n'
    uri, _ = await open_doc(client, folder / "format.arg", text)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc(uri), options=types.FormattingOptions(tab_size=4, insert_spaces=True)
        )
    )
    assert edits
    assert apply(text, list(edits)) == format_text(text, str(folder / "format.arg"))
    clean, _ = await open_doc(client, folder / "formatted.arg", format_text(text))
    again = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc(clean), options=types.FormattingOptions(tab_size=4, insert_spaces=True)
        )
    )
    assert again is not None and list(again) == []


async def test_rename_changes_every_use_in_every_file_and_refuses_a_clash(client: LanguageClient, folder: Path) -> None:
    uri = (folder / "main.arg").as_uri()
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc(uri), position=at(15, 22))
    )
    assert prepared == types.Range(start=at(15, 20), end=at(15, 27))
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc(uri), position=at(15, 22), new_name="haaretz-2007")
    )
    assert edit is not None and edit.changes is not None
    chapter = (folder / "chapter.arg").as_uri()
    assert set(edit.changes) == {uri, chapter}
    renamed = apply(MAIN, list(edit.changes[uri]))
    assert "[@haaretz-2007]" in renamed and "[@haaretz]" not in renamed
    assert apply(CHAPTER, list(edit.changes[chapter])).startswith('source interfax "Ivanov on Iran":')
    assert "source haaretz-2007:" in apply(CHAPTER, list(edit.changes[chapter]))
    with pytest.raises(Exception, match="already the id of a source"):
        await client.text_document_rename_async(
            types.RenameParams(text_document=doc(uri), position=at(15, 22), new_name="interfax")
        )
    with pytest.raises(Exception, match="is not an id"):
        await client.text_document_rename_async(
            types.RenameParams(text_document=doc(uri), position=at(15, 22), new_name="two words")
        )


async def test_code_actions_from_hints(client: LanguageClient, folder: Path) -> None:
    text = "title: T\n\nclaim thesis:\n    Words.[@interfx] More.[@nowhere]\n\nsource interfax:\n    outlet: I\n"
    uri, params = await open_doc(client, folder / "fixes.arg", text)
    undefined = [d for d in params.diagnostics if d.code == "ARG001"]
    assert len(undefined) == 2
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=undefined[0].range,
            context=types.CodeActionContext(diagnostics=undefined),
        )
    )
    assert actions is not None
    by_title = {a.title: a for a in actions if isinstance(a, types.CodeAction)}
    replace = by_title["Replace with 'interfax'"]
    assert replace.edit is not None and replace.edit.changes is not None
    assert "[@interfax] More." in apply(text, list(replace.edit.changes[uri]))
    stub = by_title["Create source 'nowhere'"]
    assert stub.edit is not None and stub.edit.changes is not None
    assert apply(text, list(stub.edit.changes[uri])).endswith("    outlet: I\n\nsource nowhere:\n")
    suppress = by_title["Suppress undefined-reference for 'thesis'"]
    assert suppress.edit is not None and suppress.edit.changes is not None
    assert "\n# argdoc: ignore[undefined-reference]\nclaim thesis:\n" in apply(text, list(suppress.edit.changes[uri]))


# --- the document's shape -------------------------------------------------------------


async def test_document_symbols_are_the_outline(client: LanguageClient, folder: Path) -> None:
    uri = (folder / "main.arg").as_uri()
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(uri)))
    assert symbols is not None
    outline = [
        (s.name, s.kind, [c.name for c in s.children or []]) for s in symbols if isinstance(s, types.DocumentSymbol)
    ]
    assert outline == [
        ("thesis", types.SymbolKind.Class, []),
        ("policy", types.SymbolKind.Namespace, ["great-power"]),
    ]


# Every kind of division and exhibit, nested as the reader sees them.
EXHIBITS = """\
title: Outline
claim thesis:
    Spending rose [@budgets].
section money "Money":
table budgets "Budgets":
    | Country | 2024 |
    |---------|-----:|
    | Poland  | 4.1  |
chart growth "Growth":
    type: bar
    data: budgets
subsection gaps "Gaps":
component air "Air defence":
    supports: thesis
    Thin [@growth].
appendix method "Method":
    How the figures were made.
bibliography "Sources":
source nato:
    outlet: NATO
"""


async def test_the_outline_holds_subsections_appendices_and_exhibits(client: LanguageClient, folder: Path) -> None:
    uri, _ = await open_doc(client, folder / "exhibits.arg", EXHIBITS)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(uri)))
    assert symbols is not None

    def tree(nodes: list[types.DocumentSymbol]) -> list[object]:
        return [(s.name, s.kind, tree(s.children or [])) if s.children else (s.name, s.kind) for s in nodes]

    kinds = types.SymbolKind
    assert tree([s for s in symbols if isinstance(s, types.DocumentSymbol)]) == [
        ("thesis", kinds.Class),
        (
            "money",
            kinds.Namespace,
            [("budgets", kinds.Array), ("growth", kinds.Number), ("gaps", kinds.Namespace, [("air", kinds.Struct)])],
        ),
        ("method", kinds.Namespace),
        ("Sources", kinds.Namespace, [("nato", kinds.Constant)]),
    ]
    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc(uri)))
    assert folds is not None
    # The section runs to the line before the appendix; its subsection ends with it; the table folds.
    assert {(f.start_line, f.end_line) for f in folds} >= {(3, 14), (11, 14), (4, 7)}


async def test_folding_ranges_and_semantic_tokens(client: LanguageClient, folder: Path) -> None:
    uri = (folder / "main.arg").as_uri()
    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc(uri)))
    assert folds is not None
    assert {(f.start_line, f.end_line) for f in folds} >= {(4, 7), (9, 17), (12, 15)}
    tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc(uri)))
    assert tokens is not None
    legend = ["keyword", "variable", "property", "string"]
    decoded, line, start = [], 0, 0
    data = list(tokens.data)
    for i in range(0, len(data), 5):
        delta_line, delta_start, length, kind, modifiers = data[i : i + 5]
        line += delta_line
        start = start + delta_start if delta_line == 0 else delta_start
        decoded.append((MAIN.splitlines()[line][start : start + length], legend[kind], modifiers))
    assert ("claim", "keyword", 0) in decoded
    assert ("thesis", "variable", 1) in decoded  # the definition
    assert ("thesis", "variable", 0) in decoded  # supports: thesis
    assert ("supports", "property", 0) in decoded
    assert ("chapter.arg", "string", 0) in decoded
    assert ("haaretz", "variable", 0) in decoded


# --- reference files (#12) ----------------------------------------------------------------


async def test_citation_completion_and_definition_reach_a_reference_file(client: LanguageClient, folder: Path) -> None:
    (folder / "refs.bib").write_text(
        "@book{freedman2019,\n  title = {Ukraine and the Art of Strategy},\n  publisher = {OUP},\n  year = 2019\n}\n"
        "\n@article{uncited2020, title = {Never Cited}, journal = {J}, year = 2020}\n"
    )
    text = 'title: Cites a library\nbibliography: refs.bib\n\nclaim c "C":\n'
    text += "    As argued.[@freedman2019]\n    More [@ here.\n"
    uri, _ = await open_doc(client, folder / "library.arg", text)
    items = await complete(client, uri, at(5, len("    More [@")))
    labels = [item.label for item in items]
    assert {"freedman2019", "uncited2020"} <= set(labels)  # every entry of the library, cited or not
    assert labels.index("uncited2020") < labels.index("c")  # sources first
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(uri), position=at(4, 18))  # [@freedman2019]
    )
    assert isinstance(found, types.Location)
    assert found.uri == (folder / "refs.bib").as_uri()
    assert found.range == types.Range(start=at(0, 6), end=at(0, 18))
