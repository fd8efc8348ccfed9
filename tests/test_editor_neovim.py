"""One editor nobody here wrote: Neovim's built-in LSP client (Debian's neovim, 0.7), headless, against `argdoc lsp`.

The Lua script (tests/editors/neovim.lua) opens a paper with an error, waits
for the diagnostic and jumps to a source's definition in an included file.
`make test` installs neovim through apt where it can (see the Makefile).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent / "editors" / "neovim.lua"

PAPER = """\
title: Seen from Neovim

claim thesis:
    role: thesis
    supports: nowhere

    Russia balances two priorities.[@haaretz]

include "sources.arg"
"""

SOURCES = """\
# The sources, in their own file.
source haaretz:
    outlet: Haaretz
    date: 2007-03-20
"""


def test_neovim_receives_the_diagnostic_and_jumps_to_the_definition(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.fail("neovim is missing: apt-get install neovim (make test does it where apt can)", pytrace=False)
    (tmp_path / "paper.arg").write_text(PAPER)
    (tmp_path / "sources.arg").write_text(SOURCES)
    result_file = tmp_path / "result.json"
    line = PAPER.splitlines().index("    Russia balances two priorities.[@haaretz]") + 1
    env = {
        **os.environ,
        "ARGDOC_PAPER": str(tmp_path / "paper.arg"),
        "ARGDOC_RESULT": str(result_file),
        "ARGDOC_PYTHON": sys.executable,
        "ARGDOC_LINE": str(line),
        "ARGDOC_COLUMN": str(len("    Russia balances two priorities.[@h")),
        "HOME": str(tmp_path),  # no user configuration, no shada file
    }
    run = subprocess.run(
        [nvim, "--headless", "--clean", "-n", "-c", f"luafile {SCRIPT}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result_file.exists(), f"neovim wrote nothing: {run.stdout[-2000:]} {run.stderr[-2000:]}"
    found = json.loads(result_file.read_text())
    diagnostics = [f for f in found if f["kind"] == "diagnostic"]
    undefined = [d for d in diagnostics if "'nowhere' is not defined" in d["message"]]
    assert undefined, diagnostics
    assert (undefined[0]["line"], undefined[0]["column"]) == (4, 14)  # 0-based, as Neovim counts
    (jump,) = [f for f in found if f["kind"] == "jump"]
    assert Path(jump["file"]).resolve() == (tmp_path / "sources.arg").resolve()
    assert (jump["line"], jump["column"]) == (2, 7)  # `haaretz` on `source haaretz:`, 1-based line
