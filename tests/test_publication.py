"""The published artefacts: the same paper gives the same bytes, and docs/ shows what it looks like."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT

IMAGES = ROOT / "docs" / "images"

# Builds every example in a fresh interpreter and prints a SHA-256 per output.
_BUILD = """
import hashlib, sys
from pathlib import Path
from argdoc.api import load, render_html, render_pdf
from argdoc.render.options import RenderOptions
for name in sys.argv[1:]:
    path = Path(name)
    options = RenderOptions(base_dir=path.parent, fallback_title=path.stem)
    paper = load(path)
    html = render_html(paper, options).encode()
    pdf = render_pdf(paper, options)
    print(path.stem, hashlib.sha256(html).hexdigest(), hashlib.sha256(pdf).hexdigest())
"""


def _digests(env: dict[str, str]) -> list[str]:
    papers = [str(path) for path in sorted(EXAMPLES.glob("*.arg"))]
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, *papers], capture_output=True, text=True, check=True, env=env, cwd=ROOT
    )
    return done.stdout.splitlines()


def test_two_builds_in_separate_processes_give_the_same_bytes() -> None:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    first = _digests(env)
    second = _digests({**env, "PYTHONHASHSEED": "12345", "TZ": "Pacific/Auckland"})
    assert len(first) == len(list(EXAMPLES.glob("*.arg")))
    assert first == second


def test_cli_output_matches_the_api(tmp_path: Path) -> None:
    paper = EXAMPLES / "russia-iran.arg"
    subprocess.run(
        [sys.executable, "-m", "argdoc", "build", str(paper), "-o", str(tmp_path)], check=True, capture_output=True
    )
    [line] = [digest for digest in _digests(dict(os.environ)) if "russia-iran" in digest.split()[0]]
    _, html, pdf = line.split()
    assert hashlib.sha256((tmp_path / "russia-iran.html").read_bytes()).hexdigest() == html
    assert hashlib.sha256((tmp_path / "russia-iran.pdf").read_bytes()).hexdigest() == pdf


@pytest.mark.parametrize(
    "name",
    [
        "russia-iran-page-1.png",
        "russia-iran-page-2.png",
        "russia-iran-html-desktop.png",
        "russia-iran-html-dark.png",
        "russia-iran-html-phone.png",
    ],
)
def test_docs_show_the_reference_paper(name: str) -> None:
    image = IMAGES / name
    assert image.read_bytes().startswith(b"\x89PNG"), f"run: bash docs/images/render.sh ({name} missing)"


def test_docs_say_how_to_regenerate_the_pictures() -> None:
    assert (IMAGES / "render.sh").is_file()
    assert "bash docs/images/render.sh" in (ROOT / "docs" / "theming.md").read_text(encoding="utf-8")
