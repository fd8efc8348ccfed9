"""argdoc import: JSON trees back to .arg, round trips, and field-level errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argdoc.compiler import compile_file, compile_text
from argdoc.fmt import format_text
from argdoc.import_json import import_json, locate_values

from .conftest import CASES, EXAMPLES

PAPERS = sorted(EXAMPLES.glob("*.arg")) + sorted((CASES / "parse").glob("*.arg"))


def _tree_json(path: Path, spans: bool = True) -> str:
    paper = compile_file(path).paper
    assert paper is not None
    data = paper.model_dump(mode="json")
    if not spans:
        data = json.loads(json.dumps(data), object_hook=lambda d: {k: v for k, v in d.items() if "span" not in k})
    return json.dumps(data, indent=2)


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.stem)
@pytest.mark.parametrize("spans", [True, False], ids=["spans", "no-spans"])
def test_round_trip_gives_the_same_tree(path: Path, spans: bool) -> None:
    result = import_json(_tree_json(path, spans), "tree.json")
    assert result.diagnostics == [] and result.text is not None
    assert compile_text(result.text).paper == compile_file(path).paper


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.stem)
def test_round_trip_is_the_formatted_original_when_it_has_no_comments(path: Path) -> None:
    original = path.read_text(encoding="utf-8-sig")
    if any(line.lstrip().startswith("#") for line in original.splitlines()) or " # " in original:
        pytest.skip("the original has comments, which a JSON tree does not carry")
    result = import_json(_tree_json(path), "tree.json")
    assert result.text == format_text(original, str(path))


def test_invalid_json_points_at_the_syntax_error() -> None:
    result = import_json('{\n  "meta": {\n    "title": "T",\n  }\n}\n', "bad.json")
    [diag] = result.diagnostics
    assert (diag.code, diag.name, diag.line) == ("E201", "invalid-json", 4)
    assert result.text is None


def test_field_errors_name_the_path_and_point_at_the_value() -> None:
    text = json.dumps(
        {
            "meta": {"title": "T", "date": "2007-13-40"},
            "statements": [{"kind": "claim", "id": "a", "supports": [{"kind": "reference"}]}, {"kind": "opinion"}],
            "extra": 1,
        },
        indent=2,
    )
    result = import_json(text, "tree.json")
    messages = {d.message.split(":")[0]: d for d in result.diagnostics}
    assert "meta.date" in messages and "statements[0].supports[0].id" in messages
    assert "statements[1]" in messages and "extra" in messages
    date = messages["meta.date"]
    assert (date.line, date.column) == (4, 13)
    assert date.hint == "expected a date written YYYY-MM-DD"
    assert all(d.code == "E202" for d in result.diagnostics)


def test_a_tree_that_cannot_be_written_is_refused_with_its_place() -> None:
    text = json.dumps({"statements": [{"kind": "claim", "id": "not an id"}]}, indent=2)
    result = import_json(text, "tree.json")
    [diag] = result.diagnostics
    assert diag.code == "E203" and result.text is None
    assert diag.line == 5 and diag.message.startswith("statements[0].id ")  # at the bad id itself


def test_locate_values_maps_paths_to_positions() -> None:
    found = locate_values('{"a": [1, {"b": "x"}]}')
    assert found[("a", 1, "b")].column == 17
    assert found[("a", 0)].column == 8


def test_cli_import_writes_the_file_and_reports_errors(tmp_path: Path) -> None:
    tree = tmp_path / "tree.json"
    tree.write_text(_tree_json(EXAMPLES / "russia-iran.arg"), encoding="utf-8")
    out = tmp_path / "paper.arg"
    done = subprocess.run(
        [sys.executable, "-m", "argdoc", "import", str(tree), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert compile_file(out).paper == compile_file(EXAMPLES / "russia-iran.arg").paper
    tree.write_text("{", encoding="utf-8")
    failed = subprocess.run(
        [sys.executable, "-m", "argdoc", "import", str(tree), "-o", str(tmp_path / "new.arg")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 1 and f"{tree}:1:2: error[E201]" in failed.stderr
    assert not (tmp_path / "new.arg").exists()


def test_suppressions_survive_export_and_import(tmp_path: Path) -> None:
    path = tmp_path / "s.arg"
    path.write_text(
        "# argdoc: ignore-file[missing-title]\nclaim thesis:\n    # argdoc: ignore[claim-without-support]\n    B.\n",
        encoding="utf-8",
    )
    result = import_json(_tree_json(path), "tree.json")
    assert result.text is not None, [d.message for d in result.diagnostics]
    assert compile_text(result.text).paper == compile_file(path).paper
    assert result.text.startswith("# argdoc: ignore-file[missing-title]\n")


def test_unwritable_values_say_what_reading_back_found() -> None:
    text = json.dumps({"statements": [{"kind": "source", "id": "s", "url": "javascript:x"}]})
    [diag] = import_json(text, "tree.json").diagnostics
    assert diag.code == "E203" and "http, https or mailto" in (diag.hint or "")
