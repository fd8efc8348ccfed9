"""Per-stage, in-process timings of one paper; run in a fresh process by benchmarks/run.py.

    python benchmarks/stages.py PAPER.arg --repeats 5 [--pdf] [--extras] [--budget SECONDS]

Prints one JSON object: for each stage, the wall-clock seconds of each repeat.
The stages are those of `argdoc build`:

- parse:   `parse_tree` (Lark: text to parse tree),
- tree:    `build` (parse tree to the Paper model, inline markup included),
- resolve: `resolve` (references, citations and the relation graph),

  each timed inside `argdoc.compiler.compile_text`, as the commands call it
  (whatever it does around them, such as pausing the garbage collector, counts
  as it does in real use): the three names are wrapped in argdoc.compiler's
  namespace, so the timing follows the pipeline, not a copy of it;

- lint:    `argdoc.lint.lint` with the default rules;
- html:    `argdoc.render.html.render_html`;
- pdf:     `argdoc.render.pdf.render_pdf`, the print HTML and WeasyPrint (with --pdf);

and, with --extras, the other commands' back ends: `json` (the `export --to json`
tree, serialised), `argdown` (`argdoc.export.export(paper, "argdown")`) and `fmt`
(`argdoc.fmt.format_text`, which compiles the text twice to prove the result).

A full collection runs, untimed, before compiling and before each later stage,
so that no stage pays for the garbage of the one before. Each stage's time
comes with the part of it the garbage collector took (`gc:STAGE`), measured
through `gc.callbacks`. Before timing, the whole pipeline runs once on the
reference paper, so one-time costs (loading the grammar, compiling templates,
importing WeasyPrint, loading fonts) are not charged to the first repeat.
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

import argdoc.compiler
from argdoc.lint import LintConfig, lint
from argdoc.nodes import tree_json

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "examples" / "russia-iran.arg"
COMPILE_STAGES = {"parse": "parse_tree", "tree": "build", "resolve": "resolve"}


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


class Stopwatch:
    """Seconds (and garbage-collector seconds) per stage of one pass."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            gc_before = _GC.total
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - start
                self.times[f"gc:{name}"] = self.times.get(f"gc:{name}", 0.0) + _GC.total - gc_before

        return timed

    def run(self, name: str, call: Callable[[], Any]) -> Any:
        gc.collect()  # untimed: a stage must not pay for the garbage the one before it left
        return self.wrap(name, call)()


def run_once(path: Path, pdf: bool, extras: bool) -> dict[str, float]:
    """Every stage once, in order; seconds per stage."""
    from argdoc.render.html import render_html
    from argdoc.render.options import RenderOptions

    watch = Stopwatch()
    text = path.read_text(encoding="utf-8")
    originals = {name: getattr(argdoc.compiler, attribute) for name, attribute in COMPILE_STAGES.items()}
    for name, attribute in COMPILE_STAGES.items():
        setattr(argdoc.compiler, attribute, watch.wrap(name, originals[name]))
    try:
        gc.collect()
        result = argdoc.compiler.compile_text(text, path)
    finally:
        for name, attribute in COMPILE_STAGES.items():
            setattr(argdoc.compiler, attribute, originals[name])
    paper = result.paper
    if paper is None or not result.ok:
        raise SystemExit(f"{path}: does not compile: {result.diagnostics[0].message}")
    found = watch.run("lint", lambda: lint(result, LintConfig()))
    if any(d.is_error for d in found):
        raise SystemExit(f"{path}: lint errors, e.g. {next(d.message for d in found if d.is_error)}")
    options = RenderOptions(base_dir=path.parent.resolve(), fallback_title=path.stem)
    watch.run("html", lambda: render_html(paper, options))
    if pdf:
        from argdoc.render.pdf import render_pdf

        watch.run("pdf", lambda: render_pdf(paper, options))
    if extras:
        from argdoc.export import export
        from argdoc.fmt import format_text

        watch.run("json", lambda: tree_json(paper))
        watch.run("argdown", lambda: export(paper, "argdown"))
        watch.run("fmt", lambda: format_text(text, str(path)))
    return watch.times


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
