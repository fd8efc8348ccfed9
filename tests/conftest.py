"""Shared fixtures and helpers for argdoc's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
EXAMPLES = ROOT / "examples"

# Typographic quotation marks and apostrophes (#11) back to the straight ones they were typed as.
_STRAIGHT_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})


def fold_quotes(text: str) -> str:
    """`text` with every quotation mark and apostrophe straight: for comparing rendered text with typed text."""
    return text.translate(_STRAIGHT_QUOTES)


@pytest.fixture
def repo_root() -> Path:
    return ROOT
