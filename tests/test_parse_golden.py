"""Golden parse cases: each tests/cases/parse/*.arg against its expected JSON tree.

Run with ARGDOC_UPDATE_GOLDEN=1 to rewrite the .json files after an intended
change, then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from argdoc.compiler import compile_file
from argdoc.diagnostics import format_text
from argdoc.nodes import Paper

from .conftest import CASES

CASE_FILES = sorted((CASES / "parse").glob("*.arg"))


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_golden_tree(path: Path) -> None:
    result = compile_file(path)
    assert result.diagnostics == [], "\n".join(format_text(d, result.source) for d in result.diagnostics)
    assert result.paper is not None
    tree = result.paper.model_dump(mode="json")
    golden = path.with_suffix(".json")
    if os.environ.get("ARGDOC_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(tree, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert tree == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_golden_round_trips_through_json(path: Path) -> None:
    """The JSON tree validates back into an equal Paper."""
    paper = compile_file(path).paper
    assert paper is not None
    assert Paper.model_validate_json(paper.model_dump_json()) == paper


def test_line_endings_and_bom_do_not_change_the_tree() -> None:
    plain = compile_file(CASES / "parse" / "crlf.arg").paper
    assert plain is not None
    assert plain.meta.title == "Windows line endings"
    assert len(plain.statements[0].body) == 2
    bom = compile_file(CASES / "parse" / "bom.arg").paper
    assert bom is not None and bom.meta.title == "A byte-order mark"
    lone = compile_file(CASES / "parse" / "lone-cr.arg").paper
    assert lone is not None and lone.statements[0].id == "thesis"
