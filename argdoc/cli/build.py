"""`argdoc build`: compile .arg files (or folders of them) to HTML and PDF.

This module reads the command line and reports; the work on each paper, and
the process pool for many, is argdoc.cli.build_jobs.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from argdoc.cli.argument_types import citation_style, positive
from argdoc.cli.commands import Command
from argdoc.cli.console import Console, shown
from argdoc.cli.exit_codes import EXIT_ERRORS, EXIT_OK, UsageError
from argdoc.cli.inputs import empty_dir_result, inputs, is_empty_dir
from argdoc.cli.lint_configs import LintConfigs
from argdoc.output import overwrite_refusal

if TYPE_CHECKING:
    from argdoc.cli.build_jobs import BuildJob

FORMATS = ("html", "pdf", "docx")
# Word output needs the optional Pandoc extra, so it is made only when asked for.
DEFAULT_FORMATS = ("html", "pdf")


def arguments(build: argparse.ArgumentParser) -> None:
    paper_arguments(build)
    build.add_argument(
        "-j", "--jobs", type=positive, metavar="N", help="build N papers at once (default: one per CPU core)"
    )


def paper_arguments(build: argparse.ArgumentParser) -> None:
    """How each paper is built: the options `build` shares with `watch`."""
    build.add_argument("paths", nargs="+", metavar="PATH", help=".arg file or directory")
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="a folder to write the outputs in (default: next to each input), or, for one paper, "
        "the output file itself: -o brief.pdf (the format follows its suffix)",
    )
    build.add_argument(
        "--format",
        type=parse_formats,
        default=DEFAULT_FORMATS,
        metavar="FORMATS",
        help="comma-separated output formats: html, pdf, docx (Word, needs pip install 'argdoc[docx]'); "
        "default: html,pdf",
    )
    build.add_argument("--strict", action="store_true", help="treat lint warnings as errors: do not build")
    render_arguments(build)
    build.add_argument("--config", type=Path, metavar="FILE", help="lint configuration file (default: nearest)")


def render_arguments(build: argparse.ArgumentParser) -> None:
    """How a paper looks: the options `build` and `watch` share with `serve`."""
    from argdoc.render.options import PDF_VARIANTS, THEMES, VIEWS

    build.add_argument("--page-size", choices=("A4", "Letter"), default="A4", help="PDF page size (default: A4)")
    build.add_argument(
        "--view",
        choices=VIEWS,
        help="publication (reads like the brief a reader is sent) or analysis (kinds and relations shown, "
        "for reviewers); default: the paper's view: field, else publication",
    )
    build.add_argument(
        "--style",
        type=citation_style,
        metavar="STYLE",
        help="citation style: chicago-notes-bibliography (chicago), chicago-author-date, apa, "
        "harvard-cite-them-right (harvard); default: the paper's style: field, else Chicago notes-bibliography",
    )
    build.add_argument("--theme", choices=THEMES, default=THEMES[0], help=f"house style (default: {THEMES[0]})")
    build.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help="a folder of templates and a paper.css that override the theme's (see docs/theming.md)",
    )
    build.add_argument(
        "--pdf-variant",
        choices=PDF_VARIANTS,
        default=PDF_VARIANTS[0],
        help=f"PDF standard to follow (default: {PDF_VARIANTS[0]}, a tagged, accessible PDF)",
    )
    build.add_argument(
        "--no-embed-fonts",
        dest="embed_fonts",
        action="store_false",
        help="leave the bundled fonts out of the HTML (smaller; the reader's fonts are used)",
    )


def parse_formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(repr(b) for b in bad) or '(none)'}; choose from: {', '.join(FORMATS)}"
        )
    return chosen


def run(args: argparse.Namespace, console: Console) -> int:
    from argdoc.cli.build_jobs import build_all, workers_for

    jobs, failed = make_jobs(args, console)
    progress = Progress(enabled=not console.quiet and sys.stderr.isatty())
    reports = build_all(jobs, workers_for(len(jobs), args.jobs), progress.update)
    try:
        for built in reports:
            progress.clear()
            for message in built.messages:
                print(message, file=sys.stderr)
                print(file=sys.stderr)
            if built.note:
                console.info(built.note)
            for out in built.written:
                console.wrote(out)
            failed = failed or built.failed
    finally:
        reports.close()  # however the loop ends: a signal while a report is printed stops the workers too
        progress.clear()
    return EXIT_ERRORS if failed else EXIT_OK


def make_jobs(args: argparse.Namespace, console: Console) -> tuple[list[BuildJob], bool]:
    """One job per paper named by the paper options (see paper_arguments), and whether a PATH held none.

    A folder with no papers is reported here; an output that would replace an
    input is a UsageError.
    """
    from argdoc.cli.build_jobs import BuildJob

    if "-" in args.paths:
        raise UsageError(f"{args.command} names its output files after the paper: give a .arg file, not standard input")
    name = _output_file(args)  # first: `-o brief.docx` may choose the format
    if "docx" in args.format:
        from argdoc.render.docx import unavailable

        missing = unavailable()
        if missing is not None:  # before any paper is built: no half-done run
            raise UsageError(f"--format docx: {missing}")
    configs = LintConfigs(args.config)
    jobs: list[BuildJob] = []
    failed = False
    for path, root in inputs(args.paths, console.warning):
        if is_empty_dir(path, root):
            console.diagnostics(empty_dir_result(path), sys.stderr)
            failed = True
            continue
        jobs.append(
            BuildJob(
                path=path,
                target=args.output.parent if name else _output_dir(path, root, args.output),
                name=name,
                formats=args.format,
                config=configs.for_file(path),
                page_size=args.page_size,
                strict=args.strict,
                max_bytes=args.max_size,
                colour=console.colour,
                render=render_settings(args),
            )
        )
    jobs = _distinct_outputs(jobs)
    for job in jobs:
        for fmt in job.formats:
            reason = overwrite_refusal(job.output(fmt), [job.path])
            if reason is not None:
                raise UsageError(reason)
    return jobs, failed


def _output_file(args: argparse.Namespace) -> str | None:
    """The file name `-o brief.pdf` gives one paper's output (and its format), or None when -o is a folder.

    `-o` names a file when it ends in an output format's suffix and is not an
    existing folder; then there must be one paper, and one format (the suffix's).
    """
    out: Path | None = args.output
    fmt = out.suffix[1:].lower() if out is not None else ""
    if out is None or fmt not in FORMATS or out.is_dir():
        return None
    if len(args.paths) != 1 or Path(args.paths[0]).is_dir():
        raise UsageError(f"-o {shown(out)} names one file, for one paper: to build several, give -o a folder")
    if args.format == DEFAULT_FORMATS:
        args.format = (fmt,)
    elif args.format != (fmt,):
        raise UsageError(
            f"-o {shown(out)} is a .{fmt} file, but --format asks for {','.join(args.format)}: "
            f"drop --format, or give -o a folder"
        )
    return out.stem


def _output_dir(path: Path, root: Path | None, outdir: Path | None) -> Path:
    if outdir is None:
        return path.parent
    if root is not None:
        return outdir / path.parent.relative_to(root)
    return outdir


def _distinct_outputs(jobs: list[BuildJob]) -> list[BuildJob]:
    """Drop a paper given twice; refuse two papers that would write the same output file."""
    seen: dict[Path, BuildJob] = {}
    kept = []
    for job in jobs:
        out = (job.target / job.path.stem).resolve()
        earlier = seen.get(out)
        if earlier is None:
            seen[out] = job
            kept.append(job)
        elif earlier.path.resolve() != job.path.resolve():
            raise UsageError(
                f"{shown(earlier.path)} and {shown(job.path)} would both be written to "
                f"{shown(job.target / job.path.stem)}.*; "
                "rename one, or build them into different folders"
            )
    return kept


def render_settings(args: argparse.Namespace) -> dict[str, object]:
    """The options of render_arguments but the page size, as RenderOptions fields."""
    settings: dict[str, object] = {
        "theme": args.theme,
        "pdf_variant": args.pdf_variant,
        "embed_fonts": args.embed_fonts,
        "view": args.view,
        "style": args.style,
    }
    if args.templates is not None:
        if not args.templates.is_dir():
            raise UsageError(f"--templates {shown(args.templates)}: no such folder")
        settings["templates_dir"] = args.templates.resolve()
    return settings


@dataclass
class Progress:
    """`[ 12/200] paper.arg` on a terminal's last line; nothing when piped."""

    enabled: bool
    _shown: bool = False

    def update(self, done: int, total: int, path: Path) -> None:
        if not self.enabled or total < 2:
            return
        width = len(str(total))
        sys.stderr.write(f"\r\033[K[{done:>{width}}/{total}] {path}")
        sys.stderr.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self._shown = False


COMMAND = Command(
    "compile .arg files to HTML and PDF",
    "Compile .arg files (or every .arg file under a directory) to HTML and PDF (and Word, with --format docx). "
    "A file with errors is not built, and its earlier outputs are left untouched.",
    arguments,
    run,
)
