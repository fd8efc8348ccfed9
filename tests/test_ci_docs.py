"""docs/ci.md: its problem matcher reads what argdoc prints, and its workflow is valid and runs real commands."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import ROOT

CI = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def _block(language: str, after: str) -> str:
    found = re.search(rf"```{language}\n(.*?)```", CI.split(after, 1)[1], re.S)
    assert found is not None
    return found.group(1)


def test_the_problem_matcher_reads_argdoc_diagnostics(tmp_path: Path) -> None:
    matcher = json.loads(_block("json", "### A problem matcher"))["problemMatcher"][0]
    pattern = matcher["pattern"][0]
    paper = tmp_path / "paper.arg"
    paper.write_text('title: T\n\nclaim thesis "X"\n    Y.\n', encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "argdoc", "check", str(paper)], capture_output=True, text=True, check=False
    ).stdout
    matches = [m for line in out.splitlines() if (m := re.match(pattern["regexp"], line))]
    assert len(matches) == 1
    found = matches[0]
    assert found.group(pattern["file"]) == str(paper)
    assert (found.group(pattern["line"]), found.group(pattern["column"])) == ("3", "17")
    assert found.group(pattern["severity"]) == "error" and found.group(pattern["code"]) == "E003"
    assert found.group(pattern["message"]).startswith("a header line must end with ':'")


def test_the_workflow_is_valid_yaml_and_its_commands_exist() -> None:
    workflow = yaml.safe_load(_block("yaml", "## GitHub Actions"))
    steps = workflow["jobs"]["argdoc"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    for command in ("argdoc fmt --check .", "argdoc lint . --format github", "argdoc lint . --format sarif"):
        assert command in commands
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps)
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["argdoc-fmt", "argdoc-lint"]
