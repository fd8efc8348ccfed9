"""The VS Code extension (editors/vscode): its TextMate grammar, checked with vscode-tmgrammar-test, and its .vsix.

The grammar is tested twice: assertions on the parts of a paper
(editors/vscode/tests/syntax.test.arg), and snapshots of every example and
golden case (editors/vscode/tests/snapshots/, rewritten with
ARGDOC_UPDATE_GOLDEN=1 and reviewed like any golden file). The same papers
are lexed by the Pygments lexer (tests/test_pygments_lexer.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from argdoc.syntax import DIVISION_KEYWORDS, EXHIBIT_KEYWORDS, RELATIONS, SECTION, STATEMENT_KEYWORDS

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "editors" / "vscode"
GRAMMAR = EXTENSION / "syntaxes" / "argdoc.tmLanguage.json"
SNAPSHOTS = EXTENSION / "tests" / "snapshots"
BIN = ROOT / "tests" / "node" / "node_modules" / ".bin"
PAPERS = sorted([*(ROOT / "examples").glob("*.arg"), *(ROOT / "tests" / "cases" / "parse").glob("*.arg")])


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run `npm ci --prefix tests/node` (or make node-deps)", pytrace=False)
    return str(path)


def test_the_grammar_names_every_keyword_and_relation_of_syntax_py() -> None:
    grammar = json.loads(GRAMMAR.read_text())
    statement = grammar["repository"]["statement"]["begin"]
    assert re.search(r"\(([a-z|]+)\)", statement).group(1).split("|") == list(STATEMENT_KEYWORDS)  # type: ignore[union-attr]
    exhibit = grammar["repository"]["exhibit"]["begin"]
    assert re.search(r"\(([a-z|]+)\)", exhibit).group(1).split("|") == list(EXHIBIT_KEYWORDS)  # type: ignore[union-attr]
    heading = grammar["repository"]["section"]["begin"]
    assert re.search(r"\(([a-z|]+)\)", heading).group(1).split("|") == [SECTION, *DIVISION_KEYWORDS]  # type: ignore[union-attr]
    relation = grammar["repository"]["relation-field"]["begin"]
    named = set(re.search(r"\(([a-z_|-]+)\)\(:\)", relation).group(1).split("|"))  # type: ignore[union-attr]
    assert {name for rows in RELATIONS.values() for name, _attribute, _kind in rows} <= named


def test_the_grammar_puts_each_part_of_a_paper_in_its_scope() -> None:
    result = subprocess.run(
        [tool("vscode-tmgrammar-test"), "-g", str(GRAMMAR), str(EXTENSION / "tests" / "syntax.test.arg")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_grammar_snapshots_of_every_example_and_golden_case(tmp_path: Path) -> None:
    update = os.environ.get("ARGDOC_UPDATE_GOLDEN") == "1"
    for paper in PAPERS:
        # VS Code hands a grammar one line at a time, whatever ends it; the tool reads a
        # snapshot's lone-CR lines back as one, so each copy ends its lines with LF.
        text = paper.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        (tmp_path / paper.name).write_bytes(text)
        snapshot = SNAPSHOTS / f"{paper.name}.snap"
        if snapshot.exists() and not update:
            shutil.copy(snapshot, tmp_path / snapshot.name)
        elif not update:
            pytest.fail(f"{snapshot} is missing: run ARGDOC_UPDATE_GOLDEN=1 pytest {__file__}")
    command = [tool("vscode-tmgrammar-snap"), "-g", str(GRAMMAR), "-s", "source.argdoc", str(tmp_path / "*.arg")]
    result = subprocess.run([*command, *(["-u"] if update else [])], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    if update:
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        for paper in PAPERS:
            shutil.copy(tmp_path / f"{paper.name}.snap", SNAPSHOTS / f"{paper.name}.snap")


def test_the_extension_packages_to_a_vsix(tmp_path: Path) -> None:
    if not (EXTENSION / "node_modules" / "vscode-languageclient" / "package.json").is_file():
        pytest.fail("the extension's dependencies are missing: run `npm ci --prefix editors/vscode`", pytrace=False)
    out = tmp_path / "argdoc.vsix"
    result = subprocess.run(
        [tool("vsce"), "package", "--out", str(out)],
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    with zipfile.ZipFile(out) as vsix:
        names = set(vsix.namelist())
        manifest = json.loads(vsix.read("extension/package.json"))
    assert {
        "extension/extension.js",
        "extension/language-configuration.json",
        "extension/syntaxes/argdoc.tmLanguage.json",
        "extension/node_modules/vscode-languageclient/package.json",
    } <= names
    assert not any(name.startswith("extension/tests/") for name in names)
    assert manifest["contributes"]["languages"][0]["extensions"] == [".arg"]
    assert manifest["contributes"]["configuration"]["properties"]["argdoc.server.command"]["default"] == [
        "argdoc",
        "lsp",
    ]
