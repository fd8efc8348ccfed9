"""The command line: arguments in, API calls, diagnostics out, exit codes.

Exit codes: 0 success, 1 error diagnostics (or a failed build), 2 usage or
internal error. Nothing else in argdoc prints or exits.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from argdoc import __version__
from argdoc.compiler import Result, compile_file
from argdoc.diagnostics import Diagnostic, format_text, has_errors, make, sort_key
from argdoc.output import write_atomic
from argdoc.source import SourceFile, Span

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2
FORMATS = ("html", "pdf")
EXPORTS = ("json", "schema")


@dataclass
class Console:
    """Where diagnostics and messages go, and whether to colour them."""

    quiet: bool
    colour: bool

    def diagnostics(self, result: Result, stream: TextIO) -> None:
        for d in sorted(result.diagnostics, key=sort_key):
            print(format_text(d, result.source, colour=self.colour), file=stream)
            print(file=stream)

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr)


def _wants_colour(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty() and os.environ.get("TERM") != "dumb"


# --- collecting inputs ---------------------------------------------------------


def _inputs(paths: Sequence[str]) -> Iterator[tuple[Path, Path | None]]:
    """Each .arg file to process, with the directory it was found under (if any)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.arg") if p.is_file())
            if not found:
                yield path, path  # reported as "no .arg files" by the caller
            for file in found:
                yield file, path
        else:
            yield path, None


def _empty_dir_result(path: Path) -> Result:
    source = SourceFile(str(path), "")
    span = Span(line=1, column=1, end_line=1, end_column=1)
    diag = make(
        "E024",
        "no-inputs",
        "no .arg files in this directory",
        source,
        span,
        hint="check the path, or give .arg files directly",
    )
    return Result(source, None, None, [diag])


def _compile(path: Path, root: Path | None) -> Result:
    if root is not None and path == root:
        return _empty_dir_result(path)
    return compile_file(path)


# --- commands ------------------------------------------------------------------


def _parse_formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(repr(b) for b in bad) or '(none)'}; choose from: {', '.join(FORMATS)}"
        )
    return chosen


def _output_dir(path: Path, root: Path | None, outdir: Path | None) -> Path:
    if outdir is None:
        return path.parent
    if root is not None:
        return outdir / path.parent.relative_to(root)
    return outdir


def cmd_build(args: argparse.Namespace, console: Console) -> int:
    from argdoc.render.options import RenderOptions

    failed = False
    for path, root in _inputs(args.paths):
        result = _compile(path, root)
        console.diagnostics(result, sys.stderr)
        if not result.ok or result.paper is None:
            failed = True
            console.info(f"{path}: not built (fix the errors above)")
            continue
        options = RenderOptions(page_size=args.page_size, base_dir=path.parent.resolve(), fallback_title=path.stem)
        try:
            products = _render(result, args.format, options)
        except RenderFailure as exc:
            failed = True
            print(format_text(exc.diagnostic(path), None, colour=console.colour), file=sys.stderr)
            continue
        target = _output_dir(path, root, args.output)
        for fmt, data in products:
            out = target / f"{path.stem}.{fmt}"
            write_atomic(out, data)
            if not console.quiet:
                print(out)
    return EXIT_ERRORS if failed else EXIT_OK


class RenderFailure(Exception):
    """Rendering raised; reported as a diagnostic for the file, not a traceback."""

    def diagnostic(self, path: Path) -> Diagnostic:
        source = SourceFile(str(path), "")
        span = Span(line=1, column=1, end_line=1, end_column=1)
        return make(
            "E030",
            "render-failed",
            f"rendering failed: {self}",
            source,
            span,
            hint="this is likely a bug in argdoc; please report it with the file",
        )


def _render(result: Result, formats: Sequence[str], options: object) -> list[tuple[str, bytes | str]]:
    """Render every requested format in memory first: nothing is written unless all succeed."""
    from argdoc.api import render_html, render_pdf
    from argdoc.render.options import RenderOptions

    assert result.paper is not None and isinstance(options, RenderOptions)
    products: list[tuple[str, bytes | str]] = []
    try:
        for fmt in formats:
            if fmt == "html":
                products.append(("html", render_html(result.paper, options)))
            else:
                products.append(("pdf", render_pdf(result.paper, options)))
    except Exception as exc:  # a renderer failure must not lose the other files' builds
        raise RenderFailure(str(exc) or type(exc).__name__) from exc
    return products


def cmd_check(args: argparse.Namespace, console: Console) -> int:
    failed = False
    count = 0
    for path, root in _inputs(args.paths):
        result = _compile(path, root)
        count += 1
        console.diagnostics(result, sys.stdout)
        failed = failed or has_errors(result.diagnostics)
    console.info(f"checked {count} file{'s' if count != 1 else ''}: {'errors found' if failed else 'ok'}")
    return EXIT_ERRORS if failed else EXIT_OK


def cmd_export(args: argparse.Namespace, console: Console) -> int:
    from argdoc.nodes import Paper

    if args.to == "schema":
        text = json.dumps(Paper.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
    else:
        if args.path is None:
            raise UsageError("export --to json needs a PATH to a .arg file")
        result = compile_file(args.path)
        console.diagnostics(result, sys.stderr)
        if not result.ok or result.paper is None:
            return EXIT_ERRORS
        data: object = result.paper.model_dump(mode="json")
        if not args.spans:
            data = _strip_spans(data)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomic(Path(args.output), text)
        if not console.quiet:
            print(args.output)
    return EXIT_OK


def _strip_spans(data: object) -> object:
    """The JSON tree without `span`/`id_span` keys, for a position-free export."""
    if isinstance(data, dict):
        return {k: _strip_spans(v) for k, v in data.items() if k != "span" and not k.endswith("_span")}
    if isinstance(data, list):
        return [_strip_spans(v) for v in data]
    return data


class UsageError(Exception):
    pass


# --- the parser ----------------------------------------------------------------


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="print only diagnostics")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour diagnostics: auto (on a terminal, unless NO_COLOR is set), always or never",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argdoc",
        description="Compile structured-argument .arg files into HTML and PDF policy papers.",
        epilog="Run 'argdoc COMMAND --help' for a command's options. "
        "Exit codes: 0 ok, 1 errors in the input, 2 usage or internal error.",
    )
    parser.add_argument("--version", action="version", version=f"argdoc {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser(
        "build",
        help="compile .arg files to HTML and PDF",
        description="Compile .arg files (or every .arg file under a directory) to HTML and PDF. "
        "A file with errors is not built, and its earlier outputs are left untouched.",
    )
    build.add_argument("paths", nargs="+", metavar="PATH", help=".arg file or directory")
    build.add_argument(
        "-o", "--output", type=Path, metavar="OUTDIR", help="write outputs here (default: next to each input)"
    )
    build.add_argument(
        "--format",
        type=_parse_formats,
        default=FORMATS,
        metavar="FORMATS",
        help="comma-separated output formats: html, pdf (default: html,pdf)",
    )
    build.add_argument("--page-size", choices=("A4", "Letter"), default="A4", help="PDF page size (default: A4)")
    _common(build)
    build.set_defaults(handler=cmd_build)

    check = commands.add_parser(
        "check",
        help="parse and resolve .arg files and report problems",
        description="Parse and resolve .arg files; print every diagnostic. Writes nothing.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help=".arg file or directory")
    _common(check)
    check.set_defaults(handler=cmd_check)

    export = commands.add_parser(
        "export",
        help="write the argument tree as JSON, or its JSON Schema",
        description="Write a paper's argument tree as JSON (--to json) or the tree's JSON Schema "
        "(--to schema, no PATH needed).",
    )
    export.add_argument("path", nargs="?", metavar="PATH", help=".arg file")
    export.add_argument("--to", choices=EXPORTS, required=True, help="what to write")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    export.add_argument(
        "--no-spans", dest="spans", action="store_false", help="leave source positions out of the JSON tree"
    )
    _common(export)
    export.set_defaults(handler=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console(quiet=args.quiet, colour=_wants_colour(args.color, sys.stderr))
    try:
        code: int = args.handler(args, console)
        return code
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"argdoc: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("argdoc: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: no traceback for users
        print(f"argdoc: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("This is a bug in argdoc. Please report it with the input that caused it.", file=sys.stderr)
        if os.environ.get("ARGDOC_DEBUG"):
            traceback.print_exc()
        else:
            print("Set ARGDOC_DEBUG=1 to see the traceback.", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
