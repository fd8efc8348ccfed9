"""`argdoc rules` (every lint rule) and `argdoc rule` (one rule's page), from the rule registry."""

from __future__ import annotations

import argparse

from argdoc.cli.commands import Command
from argdoc.cli.console import Console
from argdoc.cli.exit_codes import EXIT_OK, UsageError
from argdoc.output import write_stdout


def rules_arguments(rules_cmd: argparse.ArgumentParser) -> None:
    rules_cmd.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="output format")


def run_rules(args: argparse.Namespace, console: Console) -> int:
    from argdoc.lint import report

    text = {"text": report.rules_table() + "\n", "json": report.rules_json(), "markdown": report.rules_markdown()}
    write_stdout(text[args.format])
    return EXIT_OK


def rule_arguments(rule_cmd: argparse.ArgumentParser) -> None:
    rule_cmd.add_argument("rule", metavar="CODE|NAME", help="a rule code (ARG006) or name (unused-source)")


def run_rule(args: argparse.Namespace, console: Console) -> int:
    from argdoc.lint import report

    rule = report.find_rule(args.rule)
    if rule is None:
        from argdoc.lint.registry import did_you_mean

        raise UsageError(f"no rule is called {args.rule!r}; {did_you_mean(args.rule)}'argdoc rules' lists them")
    write_stdout(report.rule_page(rule))
    return EXIT_OK


RULES = Command("list every lint rule", "List every lint rule.", rules_arguments, run_rules)
RULE = Command("show one lint rule's page", "Show one lint rule's page.", rule_arguments, run_rule)
