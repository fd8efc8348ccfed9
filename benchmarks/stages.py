"""Per-stage, in-process timings of one paper; run in a fresh process by benchmarks/run.py.

    python benchmarks/stages.py PAPER.arg --repeats 5 [--pdf] [--extras]

Prints one JSON object: for each stage, the list of wall-clock seconds of each
repeat. The stages are those of `argdoc build`, called one by one:

- parse:   `argdoc.parser.parse_tree` (Lark: text to parse tree);
- tree:    `argdoc.build_tree.build` (parse tree to the Paper model, inline markup included);
- resolve: `argdoc.resolve.resolve` (references, citations and the relation graph);
- lint:    `argdoc.lint.lint` with the default rules;
- html:    `argdoc.render.html.render_html`;
- pdf:     `argdoc.render.pdf.pdf_from_html` of that HTML (only with --pdf);

and, with --extras, the other commands' back ends: `json` (the `export --to json`
tree, serialised), `argdown` (`argdoc.export.export(paper, "argdown")`) and `fmt`
(`argdoc.fmt.format_text`, which compiles the text twice to prove the result).
A full collection runs (untimed) before each stage, so that no stage pays for
the garbage of the one before; each stage's time comes with the part of it the
garbage collector took (`gc:STAGE`), measured through `gc.callbacks`.

Before timing, the whole pipeline runs once on the reference paper, so
one-time costs (loading the grammar, compiling the Jinja template, importing
WeasyPrint and loading fonts) are not charged to the first repeat.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argdoc.build_tree import build
from argdoc.compiler import Result
from argdoc.lint import LintConfig, lint
from argdoc.parser import parse_tree
from argdoc.resolve import resolve
from argdoc.source import SourceFile

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "examples" / "russia-iran.arg"


class _GcClock:
    """Adds up the wall-clock time of every garbage collection, through gc.callbacks."""

    def __init__(self) -> None:
        self.total = 0.0
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.total += time.perf_counter() - self._start


_GC = _GcClock()


def run_once(path: Path, pdf: bool, extras: bool) -> dict[str, float]:
    """Every stage once, in order; seconds per stage."""
    from argdoc.render.html import render_html
    from argdoc.render.options import RenderOptions

    times: dict[str, float] = {}

    def timed(name: str, call: Callable[[], Any]) -> Any:
        gc.collect()  # untimed: a stage must not pay for the garbage the one before it left
        gc_before = _GC.total
        start = time.perf_counter()
        value = call()
        times[name] = time.perf_counter() - start
        times[f"gc:{name}"] = _GC.total - gc_before
        return value

    text = path.read_text(encoding="utf-8")
    source = SourceFile.from_text(text, path)
    parsed = timed("parse", lambda: parse_tree(source))
    if parsed.tree is None:
        raise SystemExit(f"{path}: does not parse: {parsed.diagnostics[0].message}")
    paper, diagnostics = timed("tree", lambda: build(parsed.tree, source))
    resolution = timed("resolve", lambda: resolve(paper, source))
    result = Result(source, paper, resolution, [*diagnostics, *resolution.diagnostics])
    found = timed("lint", lambda: lint(result, LintConfig()))
    if any(d.is_error for d in found):
        raise SystemExit(f"{path}: lint errors, e.g. {next(d.message for d in found if d.is_error)}")
    options = RenderOptions(base_dir=path.parent.resolve(), fallback_title=path.stem)
    html = timed("html", lambda: render_html(paper, options))
    if pdf:
        from argdoc.render.pdf import pdf_from_html

        timed("pdf", lambda: pdf_from_html(html, options.base_dir))
    if extras:
        from argdoc.export import export
        from argdoc.fmt import format_text

        timed("json", lambda: json.dumps(paper.model_dump(mode="json"), indent=2, ensure_ascii=False))
        timed("argdown", lambda: export(paper, "argdown"))
        timed("fmt", lambda: format_text(text, str(path)))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Per-stage in-process timings of one paper, as JSON.")
    parser.add_argument("paper", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--budget", type=float, metavar="SECONDS", help="no further repeat once this much time has gone (one at least)"
    )
    parser.add_argument("--pdf", action="store_true", help="time the PDF stage too")
    parser.add_argument("--extras", action="store_true", help="time the json, argdown and fmt back ends too")
    args = parser.parse_args(argv)
    run_once(REFERENCE, pdf=args.pdf, extras=args.extras)  # warm-up: one-time costs
    samples: dict[str, list[float]] = {}
    start = time.perf_counter()
    for _ in range(args.repeats):
        for stage, seconds in run_once(args.paper, args.pdf, args.extras).items():
            samples.setdefault(stage, []).append(seconds)
        if args.budget is not None and time.perf_counter() - start > args.budget:
            break
    json.dump(samples, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
