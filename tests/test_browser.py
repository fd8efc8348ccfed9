"""Every example's HTML in a real browser: Debian's headless Chromium, with axe-core.

`tests/node/browser-check.mjs` (playwright-core driving /usr/bin/chromium)
opens each page as a desktop window, in dark mode and as a phone, takes a
screenshot of each, and runs axe-core. The page must have zero axe
violations, log no error (a Content-Security-Policy violation would be one),
make no request, fit a phone's width, and show argdoc's fonts.

These are checks CI must run, so a missing browser or Node package fails
with the command that installs it rather than skipping.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from argdoc.api import load, render_html

from .conftest import EXAMPLES, ROOT
from .test_language_variants import edition

NODE_DIR = ROOT / "tests" / "node"
SCRIPT = NODE_DIR / "browser-check.mjs"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.arg"))
# #11: the German and Hebrew (right-to-left) editions of eastern-flank, for axe-core too.
EDITIONS = ("de", "he")
PAGES = [path.stem for path in EXAMPLE_FILES] + [f"eastern-flank-{language}" for language in EDITIONS]
VIEWS = ("desktop", "dark", "phone")


def _require_tools() -> str:
    node = shutil.which("node")
    missing = []
    if node is None:
        missing.append("Node.js: apt-get install nodejs npm")
    if not Path(CHROMIUM).is_file():
        missing.append("Chromium: apt-get install chromium (or set CHROMIUM to a Chromium binary)")
    for package in ("axe-core", "playwright-core"):
        if not (NODE_DIR / "node_modules" / package / "package.json").is_file():
            missing.append(f"{package}: npm ci --prefix tests/node (or make node-deps)")
    if missing:
        pytest.fail("the browser test needs:\n  " + "\n  ".join(missing), pytrace=False)
    assert node is not None
    return node


def run_browser_script(script: Path, *args: str, timeout: int) -> Any:
    """Run a Node script of tests/node that drives Chromium; what it printed, read as JSON."""
    node = _require_tools()
    done = subprocess.run(
        [node, str(script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def browser_results(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, Any]]:
    out = tmp_path_factory.mktemp("browser")
    pages = []
    sources = out / "sources"
    shutil.copytree(EXAMPLES, sources)  # the editions' images are the example's
    for language in EDITIONS:
        (sources / f"eastern-flank-{language}.arg").write_text(edition(language), encoding="utf-8")
    for name in PAGES:
        page = out / f"{name}.html"
        page.write_text(render_html(load(sources / f"{name}.arg")), encoding="utf-8")
        pages.append(str(page))
    results = run_browser_script(SCRIPT, str(out), *pages, timeout=300)
    return {(Path(r["file"]).stem, r["view"]): r for r in results}


CASES = [(name, view) for name in PAGES for view in VIEWS]


@pytest.mark.parametrize(("example", "view"), CASES)
def test_axe_finds_no_violation(
    browser_results: dict[tuple[str, str], dict[str, Any]], example: str, view: str
) -> None:
    result = browser_results[(example, view)]
    violations = result["axe"]["violations"]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in violations
    )
    assert violations == [], report


@pytest.mark.parametrize(("example", "view"), CASES)
def test_the_page_loads_cleanly_and_alone(
    browser_results: dict[tuple[str, str], dict[str, Any]], example: str, view: str
) -> None:
    result = browser_results[(example, view)]
    assert result["consoleErrors"] == []  # a CSP violation (a blocked style or font) would show here
    assert result["requests"] == []
    assert result["serifLoaded"], "argdoc's inlined serif did not load"
    assert "Argdoc Serif" in result["bodyFont"]
    screenshot = Path(result["screenshot"])
    assert screenshot.is_file() and screenshot.stat().st_size > 20_000


@pytest.mark.parametrize("example", PAGES)
def test_a_phone_never_scrolls_sideways(browser_results: dict[tuple[str, str], dict[str, Any]], example: str) -> None:
    assert browser_results[(example, "phone")]["horizontalOverflow"] is False


@pytest.mark.parametrize("example", PAGES)
def test_dark_mode_darkens_the_page(browser_results: dict[tuple[str, str], dict[str, Any]], example: str) -> None:
    assert browser_results[(example, "desktop")]["background"] == "rgb(255, 255, 255)"
    assert browser_results[(example, "dark")]["background"] == "rgb(20, 23, 28)"


@pytest.mark.parametrize("example", PAGES)
def test_the_tension_map_fits_a_phone_or_visibly_scrolls(
    browser_results: dict[tuple[str, str], dict[str, Any]], example: str
) -> None:
    """#11: on a 390 px phone the map keeps readable type; if it is wider than the screen, its
    frame scrolls, with a hint above it and shadows at its edges. A desktop shows no hint."""
    phone = browser_results[(example, "phone")]["map"]
    assert phone["fits"] or (phone["scrolls"] and phone["hintShown"] and phone["shadowed"])
    assert browser_results[(example, "desktop")]["map"]["hintShown"] is False


@pytest.mark.parametrize("example", PAGES)
def test_the_folded_contents_bring_the_text_closer_on_a_phone(
    browser_results: dict[tuple[str, str], dict[str, Any]], example: str
) -> None:
    """#11: the contents, the cite line and the tensions table are folded in <details>, and a
    phone's front matter is compact, so section 1 starts within two screens of the top
    (carbon-border-tax, with its long summary, at 1.99; it was 2.67 with the table open)."""
    assert browser_results[(example, "phone")]["firstSectionScreens"] <= 2
