"""No input produces an exception: every outcome is a paper or diagnostics."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzz.pipeline import run_bytes, run_text

CRASHES = Path(__file__).parent / "fuzz" / "crashes"

# Pieces that real .arg files are made of, so generated inputs reach deep
# into the grammar instead of failing on the first character.
PIECES = [
    "claim",
    "component",
    "tension",
    "source",
    "section",
    " thesis",
    " other",
    ' "Title"',
    ' "unterminated',
    ":",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "        ",
    "# comment",
    "title: T",
    "date: 2007-03-20",
    "date: 2007-13-45",
    "supports: thesis",
    "between: a, b",
    "between: a",
    "bears-on: thesis",
    "outlet: X",
    "url: javascript:x",
    "summary:",
    "Prose words",
    "*em*",
    "**strong**",
    "[link](https://e.org)",
    "[@thesis]",
    "[@other, p. 4]",
    "[@",
    '"quoted"[@other]',
    "> quoted line",
    "\\*",
    "\r\n",
    "\r",
    "\ufeff",
    "\x00",
    "é",
    "שלום",
    "-",
    "(",
]


def _check(text: str) -> None:
    run_text(text)


# ARGDOC_FUZZ_EXAMPLES raises the budget for a longer local run.
BUDGET = int(os.environ.get("ARGDOC_FUZZ_EXAMPLES", "400"))


@settings(max_examples=BUDGET, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_structured_inputs_never_raise(text: str) -> None:
    _check(text)


@settings(max_examples=BUDGET // 2, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    _check(text)


@settings(max_examples=BUDGET // 2, deadline=None)
@given(st.binary(max_size=200) | st.lists(st.sampled_from(PIECES), max_size=20).map(lambda p: "".join(p).encode()))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    run_bytes(data)


def test_pinned_crashers_stay_fixed() -> None:
    """Every input that once crashed argdoc, kept as a regression case."""
    crashers = sorted(CRASHES.iterdir())
    assert crashers, "tests/fuzz/crashes/ holds the pinned cases"
    for path in crashers:
        run_bytes(path.read_bytes())
