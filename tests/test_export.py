"""`argdoc export`: the tree as JSON, validated against the exported JSON Schema."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from argdoc import parse
from argdoc.compiler import compile_file
from argdoc.nodes import Paper, tree_json

from .conftest import CASES, EXAMPLES

PAPERS = sorted((CASES / "parse").glob("*.arg")) + sorted(EXAMPLES.glob("*.arg"))


def export(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "argdoc", "export", *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    data: dict[str, object] = json.loads(export("--to", "schema"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.stem)
def test_export_validates_against_the_schema(path: Path, schema: dict[str, object]) -> None:
    tree = json.loads(export(str(path), "--to", "json"))
    jsonschema.validate(tree, schema)
    assert Paper.model_validate(tree) == compile_file(path).paper


def test_export_without_spans_is_still_valid_and_equal(schema: dict[str, object]) -> None:
    path = CASES / "parse" / "statements.arg"
    text = export(str(path), "--to", "json", "--no-spans")
    assert '"span"' not in text
    tree = json.loads(text)
    jsonschema.validate(tree, schema)
    assert Paper.model_validate(tree) == compile_file(path).paper


def _without_positions(data: object) -> object:
    if isinstance(data, dict):
        return {k: _without_positions(v) for k, v in data.items() if k != "span" and not k.endswith("_span")}
    if isinstance(data, list):
        return [_without_positions(v) for v in data]
    return data


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.stem)
def test_the_json_tree_is_the_text_json_dumps_writes(path: Path) -> None:
    """tree_json (Pydantic's serializer) writes exactly what the standard library would."""
    paper = compile_file(path).paper
    assert paper is not None
    data = paper.model_dump(mode="json")
    assert tree_json(paper) == json.dumps(data, indent=2, ensure_ascii=False)
    positionless = json.dumps(_without_positions(data), indent=2, ensure_ascii=False)
    assert tree_json(paper, spans=False) == positionless


def test_the_json_tree_keeps_every_character_as_it_is() -> None:
    text = 'title: “Ünï” \\ 😀 \u2028 <&>\n\nclaim thesis "Th\\"e\tx":\n    Body\twith “quotes” and 😀.\n'
    paper = parse(text)
    assert tree_json(paper) == json.dumps(paper.model_dump(mode="json"), indent=2, ensure_ascii=False)
    assert "😀" in tree_json(paper) and "\\u2028" not in tree_json(paper)


def test_export_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "tree.json"
    export(str(CASES / "parse" / "header.arg"), "--to", "json", "-o", str(out), "-q")
    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["title"].startswith("Tensions")


def test_export_of_a_broken_file_fails_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.arg"
    bad.write_text("clam x:\n", encoding="utf-8")
    out = tmp_path / "tree.json"
    result = subprocess.run(
        [sys.executable, "-m", "argdoc", "export", str(bad), "--to", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "E002" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("fmt", "start"), [("argdown", "==="), ("aif", "{"), ("dot", "digraph"), ("markdown", "---"), ("csl-json", "[")]
)
def test_every_interchange_format_from_the_command_line(fmt: str, start: str, tmp_path: Path) -> None:
    out = tmp_path / f"paper.{fmt}"
    export(str(EXAMPLES / "russia-iran.arg"), "--to", fmt, "-o", str(out), "-q")
    text = out.read_text(encoding="utf-8")
    assert text.startswith(start)
    printed = export(str(EXAMPLES / "russia-iran.arg"), "--to", fmt)
    if fmt == "markdown":  # a file links the tension map written beside it; standard output embeds it
        embedded = re.search(r"\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)", printed)
        assert embedded is not None
        printed = printed.replace(embedded.group(0), "(paper-tension-map.svg)")
        map_file = (tmp_path / "paper-tension-map.svg").read_bytes()
        assert base64.b64decode(embedded.group(1)) + b"\n" == map_file
    assert text == printed  # deterministic
