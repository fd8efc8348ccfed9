"""`argdoc lint`: run the lint rules on .arg files; text, JSON, SARIF or GitHub output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argdoc.cli.commands import Command
from argdoc.cli.console import Console, shown_diagnostic
from argdoc.cli.exit_codes import EXIT_ERRORS, EXIT_OK
from argdoc.cli.inputs import compile_input, inputs
from argdoc.cli.lint_configs import LintConfigs
from argdoc.diagnostics import Diagnostic, Severity
from argdoc.output import write_stdout


def arguments(lint_cmd: argparse.ArgumentParser) -> None:
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


def _rule_list(value: str) -> list[str]:
    from argdoc.lint.registry import did_you_mean, expand

    rules = [part.strip() for part in value.split(",") if part.strip()]
    for rule in rules:
        if expand(rule) is None:
            raise argparse.ArgumentTypeError(f"{rule!r} names no rule ({did_you_mean(rule)}see 'argdoc rules')")
    return rules


def run(args: argparse.Namespace, console: Console) -> int:
    from argdoc.lint import lint, report

    overrides = {"select": args.select, "extend-select": args.extend_select, "ignore": args.ignore}
    configs = LintConfigs(args.config, {k: v for k, v in overrides.items() if v})
    collected: list[Diagnostic] = []
    for path, root in inputs(args.paths, console.warning):
        result = compile_input(path, root, args.max_size)
        found = lint(result, configs.for_file(path))
        collected.extend(found)
        if args.format == "text":
            console.diagnostics(result, sys.stdout, found)
        elif args.format == "github":
            for d in found:
                print(report.to_github(shown_diagnostic(d)))
    if args.format == "json":
        write_stdout(report.to_json([shown_diagnostic(d) for d in collected]))
    elif args.format == "sarif":
        write_stdout(report.to_sarif([shown_diagnostic(d) for d in collected]))
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


COMMAND = Command(
    "check the structure of arguments with the lint rules",
    "Run the lint rules on .arg files (or every .arg file under a directory). "
    "Configuration comes from the nearest argdoc.toml or pyproject.toml [tool.argdoc.lint]. "
    "Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or configuration error.",
    arguments,
    run,
)
