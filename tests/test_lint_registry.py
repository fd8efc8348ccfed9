"""The list of rules: every family's rules are listed, whatever module is imported first."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys

import pytest

import argdoc.lint
import argdoc.lint.rules
from argdoc.lint import all_rules, lookup
from argdoc.lint.rule import Rule

CODES = [rule.code for rule in all_rules()]
# Every module of the linter, found on disk (so a module added later is covered too).
LINT_MODULES = sorted(m.name for m in pkgutil.walk_packages(argdoc.lint.__path__, "argdoc.lint."))
FAMILIES = [m.name for m in pkgutil.iter_modules(argdoc.lint.rules.__path__, "argdoc.lint.rules.")]

_FRESH = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
from argdoc.lint import all_rules, lookup
found = lookup("unused-source")
print(json.dumps([[rule.code for rule in all_rules()], found.code if found else None]))
"""


@pytest.mark.parametrize("module", LINT_MODULES)
def test_importing_any_lint_module_first_changes_no_rule(module: str) -> None:
    """Which module a program imports first must not decide which rules exist."""
    done = subprocess.run([sys.executable, "-c", _FRESH, module], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    codes, unused_source = json.loads(done.stdout)
    assert codes == CODES
    assert unused_source == "ARG006"


def test_the_lint_modules_were_found() -> None:
    assert {"argdoc.lint.registry", "argdoc.lint.rules.meta", "argdoc.lint.rules.structure"} <= set(LINT_MODULES)
    assert len(CODES) >= 35 and lookup("unused-source") is not None  # codes are never withdrawn


@pytest.mark.parametrize("family", FAMILIES)
def test_every_rule_a_family_defines_is_in_its_list(family: str) -> None:
    """A rule class left out of its family's RULES would never run; one in the wrong family would be misfiled.

    Every module of argdoc.lint.rules is a family: helpers live outside the package.
    """
    module = importlib.import_module(family)
    defined = {
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Rule) and value.__module__ == family and hasattr(value, "code")
    }
    assert set(module.RULES) == defined
    assert {rule.family for rule in module.RULES} == {family.rpartition(".")[2]}
    assert set(module.RULES) <= set(all_rules())


def test_the_list_is_in_code_order_and_holds_every_family() -> None:
    assert sorted(CODES) == CODES
    listed = {rule for family in FAMILIES for rule in importlib.import_module(family).RULES}
    assert listed == set(all_rules())
