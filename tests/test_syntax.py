"""The vocabulary table (argdoc.syntax) agrees with the grammar and the nodes, and every row works."""

from __future__ import annotations

import typing

from lark.lexer import PatternStr

from argdoc import syntax
from argdoc.compiler import compile_text
from argdoc.fmt import format_text
from argdoc.grammar import parser
from argdoc.nodes import AnyStatement, Meta, Node
from argdoc.syntax import HEADER_FIELDS, STATEMENT_FIELDS, Field

NODE_CLASSES: dict[str, type[Node]] = {cls.model_fields["kind"].default: cls for cls in typing.get_args(AnyStatement)}
TABLES = {"header": HEADER_FIELDS, **STATEMENT_FIELDS}


def test_keywords_are_the_grammars_keywords() -> None:
    words = {t.pattern.value for t in parser().terminals if isinstance(t.pattern, PatternStr)}
    assert set(syntax.KEYWORDS) == words - {":"}


def test_each_statement_kind_is_a_grammar_rule_and_a_node() -> None:
    rules = {rule.origin.name for rule in parser().rules}
    assert set(syntax.STATEMENT_KEYWORDS) <= rules
    assert set(syntax.STATEMENT_KEYWORDS) == set(NODE_CLASSES)


def test_each_field_names_an_attribute_of_its_node() -> None:
    owners: dict[str, type[Node]] = {"header": Meta, **NODE_CLASSES}
    for owner, fields in TABLES.items():
        for field in fields.values():
            assert field.attribute in owners[owner].model_fields, f"{owner} field {field.name}"


def test_the_grammar_reads_field_names_as_the_table_writes_them() -> None:
    (field_terminal,) = (t for t in parser().terminals if t.name == "FIELD")
    assert syntax.FIELD_NAME + ":" in field_terminal.pattern.value
    assert all(syntax.FIELD_LINE.match(f"{name}: x") for name in syntax.FIELD_NAMES)
    assert all(syntax.FIELD_LINE.match(f"{alias}: x") for alias in syntax.ALIASES)


def test_aliases_are_unambiguous() -> None:
    aliases = [a for fields in TABLES.values() for f in fields.values() for a in f.aliases]
    assert len(aliases) == len(set(aliases)) == len(syntax.ALIASES)
    assert not set(aliases) & syntax.FIELD_NAMES
    assert not set(aliases) & set(syntax.KEYWORDS)


def test_a_name_means_one_thing_wherever_it_is_used() -> None:
    """`supports` is a relation to claims in a claim and in a component alike."""
    meanings: dict[str, Field] = {}
    for fields in STATEMENT_FIELDS.values():
        for field in fields.values():
            assert meanings.setdefault(field.name, field) == field


def test_relations_name_statement_kinds() -> None:
    for field in (f for fields in STATEMENT_FIELDS.values() for f in fields.values()):
        assert (field.value == "references") == (field.target is not None), field
        assert field.target is None or field.target in syntax.STATEMENT_KEYWORDS
    assert syntax.RELATIONS["tension"] == (("between", "between", "component"), ("bears-on", "bears_on", "claim"))


# --- every row, through the compiler and the formatter --------------------------------

# A valid value of each kind; references are filled in per field.
SAMPLES = {
    "text": "Some words",
    "date": "2020-01-02",
    "link": "https://example.org/a",
    "web-address": "https://example.org/paper",
    "role": "thesis",
    "language": "en-GB",
    "person": "Ann Lee (Institute)",
    "view": "analysis",
    # #12: sources
    "name": "Lee, Ann",
    "partial-date": "2020-01",
    "source-type": "report",
    "style": "apa",
    # #12: a reference file, found beside the paper (the tests run from the repository's top)
    "reference-file": "tests/cases/cite/zotero.bib",
}


def _value(field: Field, own_id: str) -> str:
    if field.value == "references":
        return " " + ", ".join(f"{field.target}-{n}" for n in (1, 2) if f"{field.target}-{n}" != own_id)
    if field.value == "blocks":
        return "\n    A paragraph."
    return " " + SAMPLES[field.value]


def _every_field_paper() -> str:
    lines = [f"{f.name}:{_value(f, '')}" for f in HEADER_FIELDS.values()]
    for kind, fields in STATEMENT_FIELDS.items():
        for n in (1, 2):
            own = f"{kind}-{n}"
            lines += ["", f"{kind} {own}:"]
            lines += [f"    {f.name}:{_value(f, own)}" for f in fields.values()]
            lines += ["", f"    Body [@{'source-2' if own == 'source-1' else 'source-1'}]."]
    return "\n".join(lines) + "\n"


def _field_names(block: str) -> list[str]:
    """The fields a block of formatted lines writes, in order, each once."""
    lines = (line.strip() for line in block.splitlines())
    return list(dict.fromkeys(line.split(":")[0] for line in lines if syntax.FIELD_LINE.match(line)))


def test_every_field_of_the_table_is_read_and_written() -> None:
    text = _every_field_paper()
    result = compile_text(text, "every.arg")
    assert result.diagnostics == []
    assert result.paper is not None
    meta = result.paper.meta
    for field in HEADER_FIELDS.values():
        assert getattr(meta, field.attribute) != Meta.model_fields[field.attribute].default, field.name
    for statement in result.paper.all_statements():
        for field in STATEMENT_FIELDS[statement.kind].values():
            assert getattr(statement, field.attribute), f"{statement.id}: {field.name}"
    formatted = format_text(text, "every.arg")
    assert set(_field_names(formatted)) == {f.name for fields in TABLES.values() for f in fields.values() if f.written}
    assert compile_text(formatted, "every.arg").paper == result.paper


def test_fields_are_written_in_the_tables_order() -> None:
    header, *items = format_text(_every_field_paper(), "every.arg").split("\n\n")
    written = [f for f in HEADER_FIELDS.values() if f.written]
    blocks_last = [f.name for f in written if f.value != "blocks"] + [f.name for f in written if f.value == "blocks"]
    assert _field_names(header) == blocks_last
    statements = [item for item in items if item.split(" ")[0] in STATEMENT_FIELDS]
    assert len(statements) == 2 * len(STATEMENT_FIELDS)
    for item in statements:
        kind = item.split(" ")[0]
        assert _field_names(item) == [f.name for f in STATEMENT_FIELDS[kind].values() if f.written], item


def test_the_include_pattern_reads_include_lines_at_the_margin() -> None:
    text = 'title: T\n\ninclude "chapters/a.arg"\ninclude  "b \\"quoted\\".arg"  # note\n    include "indented.arg"\n'
    assert [m.group(1) for m in syntax.INCLUDE_LINE.finditer(text)] == ["chapters/a.arg", 'b \\"quoted\\".arg']
