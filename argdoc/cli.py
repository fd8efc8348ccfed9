"""The command line: arguments in, API calls, diagnostics out, exit codes.

Exit codes: 0 success, 1 error diagnostics (or a failed build), 2 usage or
internal error. Nothing else in argdoc prints or exits.

Start-up time is most of what a command on one paper costs, so each command
imports what only it needs when it runs (building, rendering, the lint rules
and their reports, exports), and only the chosen command's options are set
up (see build_parser).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, NoReturn, TextIO

from argdoc import __version__
from argdoc.collector import gc_paused, own_the_process
from argdoc.pydantic_plugins import skip_discovery_when_none_installed

# Before the imports below build argdoc's Pydantic models (see argdoc/pydantic_plugins.py).
skip_discovery_when_none_installed()

# The pipeline's imports (Pydantic, Lark, argdoc's models) make tens of thousands
# of long-lived objects and next to no garbage: without the collector, which would
# otherwise run some sixty times over them (2 % of `argdoc lint` on a small paper).
with gc_paused():
    from argdoc.compiler import MAX_BYTES, Result, compile_file, compile_stream, read_source
    from argdoc.config import ConfigError, find_table
    from argdoc.diagnostics import Diagnostic, Severity, format_text, has_errors, make, sort_key
    from argdoc.output import write_atomic, write_stdout
    from argdoc.source import SourceFile, Span

if TYPE_CHECKING:
    from argdoc.build import BuildJob
    from argdoc.lint import LintConfig

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2
# What a shell reports for a program killed by SIGPIPE (128 + 13): the reader stopped reading.
EXIT_BROKEN_PIPE = 141
FORMATS = ("html", "pdf")
EXPORTS = ("json", "schema", "argdown", "aif", "dot", "markdown")


@dataclass
class Console:
    """Where diagnostics and messages go, and whether to colour them (decided per stream)."""

    quiet: bool
    choice: str = "auto"

    @property
    def colour(self) -> bool:
        """Colour for standard error, where most diagnostics go."""
        return _wants_colour(self.choice, sys.stderr)

    def diagnostics(self, result: Result, stream: TextIO, diagnostics: list[Diagnostic] | None = None) -> None:
        chosen = result.diagnostics if diagnostics is None else diagnostics
        colour = _wants_colour(self.choice, stream)
        for d in sorted(chosen, key=sort_key):
            print(format_text(d, result.source_of(d.path), colour=colour), file=stream)
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


_INCLUDE_LINE = re.compile(r'^include[ \t]+"((?:[^"\\\n]|\\.)*)"', re.MULTILINE)


def _inputs(paths: Sequence[str]) -> Iterator[tuple[Path, Path | None]]:
    """Each .arg file to process, with the directory it was found under (if any).

    In a directory, hidden folders (.git, .venv) are skipped, and so are the
    chapters that another file there includes: they are part of that paper,
    not papers of their own.
    """
    if list(paths).count("-") > 1:
        raise UsageError("'-' (standard input) can be given only once")
    for raw in paths:
        if not raw.strip():
            raise UsageError("an empty path was given (an unset variable?)")
        if raw == "-":
            yield Path("-"), None  # standard input
            continue
        path = Path(raw)
        if not path.is_dir():
            yield path, None
            continue
        found = sorted(p for p in path.rglob("*.arg") if p.is_file() and not _hidden(p.relative_to(path)))
        chapters = _included(found)
        papers = [p for p in found if p.resolve() not in chapters]
        if not papers:
            yield path, path  # reported as "no .arg files" by the caller
        for file in papers:
            yield file, path


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts[:-1])


def _included(files: Sequence[Path]) -> set[Path]:
    """The files that one of `files` names in an `include` line (a quick scan, not a parse)."""
    chapters: set[Path] = set()
    for file in files:
        try:
            text = file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for match in _INCLUDE_LINE.finditer(text):
            chapters.add((file.parent / match.group(1)).resolve())
    return chapters


def _is_empty_dir(path: Path, root: Path | None) -> bool:
    """What _inputs yields for a directory with no papers in it."""
    return root is not None and path == root


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


def _compile(path: Path, root: Path | None, max_bytes: int = MAX_BYTES) -> Result:
    if _is_empty_dir(path, root):
        return _empty_dir_result(path)
    if str(path) == "-":
        return compile_stream(sys.stdin.buffer, max_bytes)
    return compile_file(path, max_bytes)


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
    from argdoc.build import BuildJob, build_all, workers_for

    if "-" in args.paths:
        raise UsageError("build names its output files after the paper: give a .arg file, not standard input")
    configs = _Configs(args.config)
    jobs: list[BuildJob] = []
    failed = False
    for path, root in _inputs(args.paths):
        if _is_empty_dir(path, root):
            console.diagnostics(_empty_dir_result(path), sys.stderr)
            failed = True
            continue
        jobs.append(
            BuildJob(
                path=path,
                target=_output_dir(path, root, args.output),
                formats=args.format,
                config=configs.for_file(path),
                page_size=args.page_size,
                strict=args.strict,
                max_bytes=args.max_size,
                colour=console.colour,
                render=_render_settings(args),
            )
        )
    jobs = _distinct_outputs(jobs)
    progress = Progress(enabled=not console.quiet and sys.stderr.isatty())
    for built in build_all(jobs, workers_for(len(jobs), args.jobs), progress.update):
        progress.clear()
        for message in built.messages:
            print(message, file=sys.stderr)
            print(file=sys.stderr)
        if built.note:
            console.info(built.note)
        if not console.quiet:
            for out in built.written:
                print(out)
        failed = failed or built.failed
    progress.clear()
    return EXIT_ERRORS if failed else EXIT_OK


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
                f"{earlier.path} and {job.path} would both be written to {job.target / job.path.stem}.*; "
                "rename one, or build them into different folders"
            )
    return kept


def _render_settings(args: argparse.Namespace) -> dict[str, object]:
    """The --theme, --templates, --pdf-variant and font options, as RenderOptions fields."""
    settings: dict[str, object] = {
        "theme": args.theme,
        "pdf_variant": args.pdf_variant,
        "embed_fonts": args.embed_fonts,
    }
    if args.templates is not None:
        if not args.templates.is_dir():
            raise UsageError(f"--templates {args.templates}: no such folder")
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


def cmd_check(args: argparse.Namespace, console: Console) -> int:
    failed = False
    count = 0
    for path, root in _inputs(args.paths):
        result = _compile(path, root, args.max_size)
        count += 1
        console.diagnostics(result, sys.stdout)
        failed = failed or has_errors(result.diagnostics)
    console.info(f"checked {count} file{'s' if count != 1 else ''}: {'errors found' if failed else 'ok'}")
    return EXIT_ERRORS if failed else EXIT_OK


def cmd_export(args: argparse.Namespace, console: Console) -> int:
    from argdoc.nodes import Paper, tree_json

    if args.to == "schema":
        import json  # only the schema needs it; see the module docstring

        text = json.dumps(Paper.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
    else:
        if args.path is None:
            raise UsageError(f"export --to {args.to} needs a PATH to a .arg file")
        result = _compile(Path(args.path), None, args.max_size)
        console.diagnostics(result, sys.stderr)
        if not result.ok or result.paper is None:
            return EXIT_ERRORS
        if args.to == "json":
            text = tree_json(result.paper, spans=args.spans) + "\n"
        else:
            from argdoc.export import export

            text = export(result.paper, args.to)
    if args.output is None:
        write_stdout(text)
    elif not _write(Path(args.output), text, console):
        return EXIT_ERRORS
    elif not console.quiet:
        print(args.output)
    return EXIT_OK


def cmd_import(args: argparse.Namespace, console: Console) -> int:
    from argdoc.fmt import DEFAULT_LINE_LENGTH
    from argdoc.import_json import import_json

    path = Path(args.path)
    if args.path == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        read = _read_for_fmt(path, None, args.max_size)
        if isinstance(read, Result):
            console.diagnostics(read, sys.stderr)
            return EXIT_ERRORS
        text, name = read, str(path)
    result = import_json(text, name, args.line_length or DEFAULT_LINE_LENGTH)
    for d in result.diagnostics:
        print(format_text(d, result.source, colour=console.colour), file=sys.stderr)
        print(file=sys.stderr)
    if result.text is None:
        return EXIT_ERRORS
    if args.output is None:
        write_stdout(result.text)
    elif not _write(Path(args.output), result.text, console):
        return EXIT_ERRORS
    elif not console.quiet:
        print(args.output)
    return EXIT_OK


class UsageError(Exception):
    pass


class _Configs:
    """Lint configuration per folder: the nearest config file, read once."""

    def __init__(self, explicit: Path | None, overrides: dict[str, list[str]] | None = None) -> None:
        self.explicit = explicit
        self.overrides = overrides or {}
        self._cache: dict[Path, LintConfig] = {}

    def for_file(self, path: Path) -> LintConfig:
        folder = path.parent.resolve() if not path.is_dir() else path.resolve()
        if folder not in self._cache:
            from argdoc.lint.config import apply_overrides, load_config

            config = load_config(folder, self.explicit)
            self._cache[folder] = apply_overrides(config, self.overrides)
        return self._cache[folder]


def cmd_lint(args: argparse.Namespace, console: Console) -> int:
    from argdoc.lint import lint, report

    overrides = {"select": args.select, "extend-select": args.extend_select, "ignore": args.ignore}
    configs = _Configs(args.config, {k: v for k, v in overrides.items() if v})
    collected: list[Diagnostic] = []
    for path, root in _inputs(args.paths):
        result = _compile(path, root, args.max_size)
        found = lint(result, configs.for_file(path))
        collected.extend(found)
        if args.format == "text":
            console.diagnostics(result, sys.stdout, found)
        elif args.format == "github":
            for d in found:
                print(report.to_github(d))
    if args.format == "json":
        write_stdout(report.to_json(collected))
    elif args.format == "sarif":
        write_stdout(report.to_sarif(collected))
    if args.statistics and collected:
        print(report.statistics(collected), file=sys.stderr if args.format != "text" else sys.stdout)
    console.info(_summary(collected))
    failing = [d for d in collected if d.severity.rank >= Severity(args.fail_on).rank]
    return EXIT_OK if args.exit_zero or not failing else EXIT_ERRORS


def _summary(found: list[Diagnostic]) -> str:
    if not found:
        return "No problems found."
    counts = {level: sum(1 for d in found if d.severity is level) for level in Severity}
    parts = [f"{n} {level.value}{'s' if n != 1 else ''}" for level, n in counts.items() if n]
    return f"Found {len(found)} problem{'s' if len(found) != 1 else ''} ({', '.join(parts)})."


def _fmt_line_length(path: Path, cli_value: int | None) -> int:
    """--line-length, else [tool.argdoc.fmt] line-length, else 88."""
    from argdoc.fmt import DEFAULT_LINE_LENGTH, MIN_LINE_LENGTH

    if cli_value is not None:
        return cli_value
    found = find_table(path, "fmt")
    if found is None:
        return DEFAULT_LINE_LENGTH
    config_path, table = found
    for key in table:
        if key != "line-length":
            raise ConfigError(config_path, f"fmt.{key}", "is not a fmt setting; the settings are: line-length")
    value = table.get("line-length", DEFAULT_LINE_LENGTH)
    if not isinstance(value, int) or isinstance(value, bool) or value < MIN_LINE_LENGTH:
        raise ConfigError(config_path, "fmt.line-length", f"must be a whole number of at least {MIN_LINE_LENGTH}")
    return value


def cmd_fmt(args: argparse.Namespace, console: Console) -> int:
    from argdoc.fmt import FormatError, format_text, unified_diff

    if "-" in args.paths:
        return _fmt_stdin(args, console)
    changed = failed = 0
    for path, root in _inputs(args.paths):
        result = _read_for_fmt(path, root, args.max_size)
        if isinstance(result, Result):
            console.diagnostics(result, sys.stderr)
            failed += 1
            continue
        before = result
        try:
            after = _same_line_endings(before, format_text(before, str(path), _fmt_line_length(path, args.line_length)))
        except FormatError as exc:
            _format_failure(console, str(path), exc, SourceFile.from_text(before, path))
            failed += 1
            continue
        if after == before:
            continue
        changed += 1
        if args.diff:
            write_stdout(unified_diff(before, after, str(path)))
        if args.check or args.diff:
            console.info(f"would reformat {path}")
        elif _write(path, after, console):
            console.info(f"reformatted {path}")
        else:
            failed += 1
    verb = "would be reformatted" if args.check or args.diff else "reformatted"
    console.info(f"{changed} file{'s' if changed != 1 else ''} {verb}" + (f", {failed} failed" if failed else ""))
    return EXIT_ERRORS if failed or ((args.check or args.diff) and changed) else EXIT_OK


def _fmt_stdin(args: argparse.Namespace, console: Console) -> int:
    """`argdoc fmt -`: standard input to standard output; --check and --diff as for files."""
    from argdoc.fmt import FormatError, format_text, unified_diff

    if len(args.paths) > 1:
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    text = sys.stdin.read()
    try:
        after = _same_line_endings(text, format_text(text, "<stdin>", _fmt_line_length(Path.cwd(), args.line_length)))
    except FormatError as exc:
        _format_failure(console, "<stdin>", exc, SourceFile.from_text(text, "<stdin>"))
        return EXIT_ERRORS
    if args.diff:
        write_stdout(unified_diff(text, after, "<stdin>"))
    elif not args.check:
        write_stdout(after)
    return EXIT_ERRORS if (args.check or args.diff) and after != text else EXIT_OK


def _same_line_endings(original: str, formatted: str) -> str:
    """Keep a file's CRLF line endings (a Windows checkout) when formatting it."""
    return formatted.replace("\n", "\r\n") if "\r\n" in original else formatted


def _write(path: Path, data: str | bytes, console: Console) -> bool:
    """Write an output atomically; a failure is reported as a diagnostic, not raised."""
    from argdoc.build import write_failure

    try:
        write_atomic(path, data)
    except OSError as exc:
        print(format_text(write_failure(path, exc), None, colour=console.colour), file=sys.stderr)
        return False
    return True


def _read_for_fmt(path: Path, root: Path | None, max_bytes: int) -> str | Result:
    """The file's exact text (line endings as they are), or a Result saying why it cannot be read."""
    if _is_empty_dir(path, root):
        return _empty_dir_result(path)
    source, problems = read_source(path, max_bytes)
    if problems:
        return Result(source, None, None, problems, {source.path: source})
    return path.read_bytes().decode("utf-8-sig")


def _format_failure(console: Console, path: str, exc: Exception, source: SourceFile) -> None:
    diagnostics = getattr(exc, "diagnostics", [])
    for d in diagnostics:
        print(format_text(d, source, colour=console.colour), file=sys.stderr)
        print(file=sys.stderr)
    print(f"{path}: not formatted: {exc}", file=sys.stderr)


def cmd_rules(args: argparse.Namespace, console: Console) -> int:
    from argdoc.lint import report

    text = {"text": report.rules_table() + "\n", "json": report.rules_json(), "markdown": report.rules_markdown()}
    write_stdout(text[args.format])
    return EXIT_OK


def cmd_rule(args: argparse.Namespace, console: Console) -> int:
    from argdoc.lint import report

    rule = report.find_rule(args.rule)
    if rule is None:
        from argdoc.lint.registry import did_you_mean

        raise UsageError(f"no rule is called {args.rule!r}; {did_you_mean(args.rule)}'argdoc rules' lists them")
    write_stdout(report.rule_page(rule))
    return EXIT_OK


# --- the parser ----------------------------------------------------------------


def _at_least(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number no smaller than `minimum`."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}")
        return number

    return parse


_positive = _at_least(1)
# The formatter's minimum, without importing the formatter for every command.
_line_length = _at_least(40)


def _rule_list(value: str) -> list[str]:
    from argdoc.lint.registry import did_you_mean, expand

    rules = [part.strip() for part in value.split(",") if part.strip()]
    for rule in rules:
        if expand(rule) is None:
            raise argparse.ArgumentTypeError(f"{rule!r} names no rule ({did_you_mean(rule)}see 'argdoc rules')")
    return rules


def _size(value: str) -> int:
    """A size such as 500000, 800K, 64M or 1G (binary multiples)."""
    match = re.fullmatch(r"(\d+)\s*([KMG]?)i?B?", value.strip(), re.I)
    if match is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size; write e.g. 800K, 64M or 1G")
    power = "_KMG".index(match.group(2).upper() or "_")
    multiplier: int = 1024**power
    return int(match.group(1)) * multiplier


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="print only diagnostics")
    parser.add_argument(
        "--max-size",
        type=_size,
        default=MAX_BYTES,
        metavar="SIZE",
        help="refuse input files larger than SIZE (default: 64M)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour diagnostics: auto (on a terminal, unless NO_COLOR is set), always or never",
    )


def _build_arguments(build: argparse.ArgumentParser) -> None:
    from argdoc.render.options import PDF_VARIANTS, THEMES

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
    build.add_argument("--strict", action="store_true", help="treat lint warnings as errors: do not build")
    build.add_argument(
        "-j", "--jobs", type=_positive, metavar="N", help="build N papers at once (default: one per CPU core)"
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
    build.add_argument("--config", type=Path, metavar="FILE", help="lint configuration file (default: nearest)")


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="+", metavar="PATH", help=".arg file, directory, or - for standard input")


def _lint_arguments(lint_cmd: argparse.ArgumentParser) -> None:
    from argdoc.lint import report

    lint_cmd.add_argument("paths", nargs="+", metavar="PATH", help=".arg file, directory, or - for standard input")
    lint_cmd.add_argument("--format", choices=report.FORMATS, default="text", help="output format (default: text)")
    lint_cmd.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )
    lint_cmd.add_argument(
        "--select", type=_rule_list, metavar="RULES", help="comma-separated rules to run instead of the configured ones"
    )
    lint_cmd.add_argument("--extend-select", type=_rule_list, metavar="RULES", help="comma-separated rules to add")
    lint_cmd.add_argument("--ignore", type=_rule_list, metavar="RULES", help="comma-separated rules to skip")
    lint_cmd.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    lint_cmd.add_argument("--statistics", action="store_true", help="print how many findings each rule made")
    lint_cmd.add_argument("--config", type=Path, metavar="FILE", help="configuration file (default: nearest)")


def _fmt_arguments(fmt: argparse.ArgumentParser) -> None:
    fmt.add_argument("paths", nargs="+", metavar="PATH", help=".arg file, directory, or - for standard input")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    fmt.add_argument("--diff", action="store_true", help="change nothing; print a unified diff of the changes")
    fmt.add_argument(
        "--line-length",
        type=_line_length,
        metavar="N",
        help="wrap prose at N columns (default: 88, or [tool.argdoc.fmt])",
    )


def _rules_arguments(rules_cmd: argparse.ArgumentParser) -> None:
    rules_cmd.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="output format")


def _rule_arguments(rule_cmd: argparse.ArgumentParser) -> None:
    rule_cmd.add_argument("rule", metavar="CODE|NAME", help="a rule code (ARG006) or name (unused-source)")


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("path", nargs="?", metavar="PATH", help=".arg file, or - for standard input")
    export.add_argument("--to", choices=EXPORTS, required=True, help="what to write")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    export.add_argument(
        "--no-spans", dest="spans", action="store_false", help="leave source positions out of the JSON tree"
    )


def _import_arguments(importer: argparse.ArgumentParser) -> None:
    importer.add_argument("path", metavar="FILE.json", help="JSON file, or - for standard input")
    importer.add_argument("-o", "--output", metavar="FILE.arg", help="write here (default: standard output)")
    importer.add_argument("--line-length", type=_line_length, metavar="N", help="wrap prose at N columns (default 88)")


class Command(NamedTuple):
    """One subcommand: its help line and page, its options, and the function that runs it.

    A named tuple, not a frozen dataclass: those compile six methods at import,
    a cost every command would pay for a table it only reads.
    """

    help: str
    description: str
    arguments: Callable[[argparse.ArgumentParser], None]
    handler: Callable[[argparse.Namespace, Console], int]


COMMANDS = {
    "build": Command(
        "compile .arg files to HTML and PDF",
        "Compile .arg files (or every .arg file under a directory) to HTML and PDF. "
        "A file with errors is not built, and its earlier outputs are left untouched.",
        _build_arguments,
        cmd_build,
    ),
    "check": Command(
        "parse and resolve .arg files and report problems",
        "Parse and resolve .arg files; print every diagnostic. Writes nothing.",
        _check_arguments,
        cmd_check,
    ),
    "lint": Command(
        "check the structure of arguments with the lint rules",
        "Run the lint rules on .arg files (or every .arg file under a directory). "
        "Configuration comes from the nearest argdoc.toml or pyproject.toml [tool.argdoc.lint]. "
        "Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or configuration error.",
        _lint_arguments,
        cmd_lint,
    ),
    "fmt": Command(
        "rewrite .arg files in the canonical layout",
        "Rewrite .arg files in argdoc's canonical layout (see docs/language.md). A file is "
        "written only when it changes, and only when the result provably means the same. "
        "'-' formats standard input to standard output.",
        _fmt_arguments,
        cmd_fmt,
    ),
    "rules": Command("list every lint rule", "List every lint rule.", _rules_arguments, cmd_rules),
    "rule": Command("show one lint rule's page", "Show one lint rule's page.", _rule_arguments, cmd_rule),
    "export": Command(
        "write the argument tree as JSON, Argdown, AIF, DOT or Markdown",
        "Write a paper's argument tree as JSON (--to json), the tree's JSON Schema "
        "(--to schema, no PATH needed), an Argdown document (argdown), AIF JSON (aif), a Graphviz "
        "digraph (dot) or a Pandoc Markdown rendition (markdown).",
        _export_arguments,
        cmd_export,
    ),
    "import": Command(
        "write a JSON argument tree as a .arg file",
        "Read an argument tree as JSON (the shape 'argdoc export --to json' writes; spans "
        "optional) and write it as a formatted .arg file. Mistakes in the JSON are reported by field.",
        _import_arguments,
        cmd_import,
    ),
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given the arguments, only as much of it as they need.

    When the first argument names a command, everything after it is that
    command's, so only its subparser is made: the others (and their imports)
    would cost a little of every run's start-up. Otherwise (`--help`,
    `--version`, a mistake) the whole parser is made, to list the commands.
    """
    parser = argparse.ArgumentParser(
        prog="argdoc",
        description="Compile structured-argument .arg files into HTML and PDF policy papers.",
        epilog="Run 'argdoc COMMAND --help' for a command's options. "
        "Exit codes: 0 ok, 1 errors in the input, 2 usage or internal error.",
    )
    parser.add_argument("--version", action="version", version=f"argdoc {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    chosen = argv[0] if argv and argv[0] in COMMANDS else None
    for name, command in COMMANDS.items():
        if chosen is None or name == chosen:
            sub = subparsers.add_parser(name, help=command.help, description=command.description)
            command.arguments(sub)
            _common(sub)
            sub.set_defaults(handler=command.handler, command_parser=sub)
    return parser


def _exit_now(code: int) -> NoReturn:
    """End the program without tearing its heap down.

    After a big paper the interpreter's clean-up (freeing a million objects
    one by one, then a last scan for reference cycles) costs more than a
    quarter of the run: about 0.3 s of CPU after linting 10,000 statements.
    Nothing needs it: output files are written and closed, worker processes
    joined; what remains is flushed here. A reader that stopped reading
    (`argdoc rules | head`) ends the program as SIGPIPE would, with 141.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = EXIT_BROKEN_PIPE
    with contextlib.suppress(BrokenPipeError):
        sys.stderr.flush()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        # A profiler or coverage tool writes its results as the interpreter exits: let it.
        sys.exit(code)
    os._exit(code)


class Terminated(BaseException):
    """SIGTERM, raised as an exception so that half-written temporary files are removed."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code.

    Without `argv` this is the program (`argdoc`, `python -m argdoc`): it owns
    the process's garbage collector (argdoc.collector.own_the_process) and
    exits as soon as the command is done (_exit_now), without returning. A
    caller that passes `argv` keeps its process as it was.
    """
    if argv is None:
        own_the_process()
        _exit_now(_run(sys.argv[1:]))
    return _run(list(argv))


def _run(arguments: list[str]) -> int:
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    console = Console(quiet=args.quiet, choice=args.color)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code: int = args.handler(args, console)
        return code
    except ConfigError as exc:
        print(f"argdoc: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        getattr(args, "command_parser", parser).print_usage(sys.stderr)
        print(f"argdoc: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("argdoc: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("argdoc: terminated; files being written were left as they were", file=sys.stderr)
        return 143
    except BrokenPipeError:
        return EXIT_BROKEN_PIPE
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
