"""Nothing is lost: outputs are written whole or not at all, whatever happens to the process."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from argdoc.api import load, render_html
from argdoc.output import write_atomic
from argdoc.render.options import RenderOptions

from .conftest import EXAMPLES


def _big_paper(statements: int) -> str:
    """A valid paper large enough that its PDF takes a few seconds to print."""
    body = " ".join(["The component's evidence is set out here at some length."] * 6)
    parts = ["title: A long paper\nauthor: A. Author\ndate: 2026-01-01\nsummary: Long.\n"]
    parts.append("claim thesis:\n    The thesis [@s].\n")
    parts += [f"component c{i}:\n    supports: thesis\n\n    {body} [@s]\n" for i in range(statements)]
    parts.append("source s:\n    outlet: X\n    date: 2025-01-01\n")
    return "\n".join(parts)


def _valid(path: Path) -> bool:
    if path.suffix == ".pdf":
        try:
            return len(PdfReader(path).pages) > 0
        except Exception:
            return False
    return path.read_text(encoding="utf-8").rstrip().endswith("</html>")


@pytest.fixture
def earlier_build(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A paper whose outputs already exist from an earlier, good build."""
    paper = tmp_path / "paper.arg"
    paper.write_text((EXAMPLES / "russia-iran.arg").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "argdoc", "build", str(paper), "-o", str(out), "-q"], check=True)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(before) == ["paper.html", "paper.pdf"]
    paper.write_text(_big_paper(600), encoding="utf-8")
    return paper, out, before


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_build_killed_midway_leaves_earlier_outputs_intact(
    earlier_build: tuple[Path, Path, dict[str, bytes]], signum: int
) -> None:
    paper, out, before = earlier_build
    process = subprocess.Popen(
        [sys.executable, "-m", "argdoc", "build", str(paper), "-o", str(out), "--format", "pdf", "-q"],
        stderr=subprocess.PIPE,
    )
    time.sleep(1.5)  # well into printing the 600-statement PDF (about 12 s here)
    assert process.poll() is None, "the build finished before it could be killed; make the paper bigger"
    process.send_signal(signum)
    process.wait(timeout=30)
    for name, data in before.items():
        current = (out / name).read_bytes()
        assert current == data or _valid(out / name), f"{name} is damaged"
    assert (out / "paper.pdf").read_bytes() == before["paper.pdf"]  # killed before the rename
    leftovers = [p.name for p in out.iterdir() if p.name not in before]
    if signum == signal.SIGTERM:
        assert leftovers == [], "SIGTERM cleans up its temporary files"
        assert process.returncode == 143
    else:
        assert all(name.startswith(".paper.pdf.") and name.endswith(".tmp") for name in leftovers)


def test_two_builds_of_one_paper_at_once_leave_valid_outputs(tmp_path: Path) -> None:
    paper = tmp_path / "paper.arg"
    paper.write_text(_big_paper(60), encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "argdoc", "build", str(paper), "-o", str(out), "-q"]
    first, second = subprocess.Popen(command), subprocess.Popen(command)
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    assert sorted(p.name for p in out.iterdir()) == ["paper.html", "paper.pdf"]
    assert _valid(out / "paper.html") and _valid(out / "paper.pdf")


@pytest.mark.parametrize(
    "data", [b"caf\xc3\xa9\n", "café\n", ["ca", "f", "é\n"], []], ids=["bytes", "text", "pieces", "nothing"]
)
def test_write_atomic_writes_bytes_text_or_text_in_pieces(tmp_path: Path, data: bytes | str | list[str]) -> None:
    target = tmp_path / "out" / "page.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    write_atomic(target, data)
    assert target.read_bytes() == (b"" if data == [] else "café\n".encode())
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]  # no temporary file left


def test_the_built_page_is_render_html_byte_for_byte(tmp_path: Path) -> None:
    """`build` writes the HTML in pieces; together they are exactly the document render_html returns."""
    paper = EXAMPLES / "russia-iran.arg"
    command = [sys.executable, "-m", "argdoc", "build", str(paper), "-o", str(tmp_path), "--format", "html"]
    subprocess.run(command, check=True, capture_output=True)
    options = RenderOptions(base_dir=EXAMPLES.resolve(), fallback_title=paper.stem)
    assert (tmp_path / "russia-iran.html").read_bytes() == render_html(load(paper), options).encode("utf-8")
