"""argdoc lint: structural checks of an argument, with stable rule codes.

from argdoc.compiler import compile_file
from argdoc.lint import lint, load_config

result = compile_file("paper.arg")
diagnostics = lint(result, load_config(Path("paper.arg")))
"""

from argdoc.config import ConfigError
from argdoc.lint.config import LintConfig, load_config
from argdoc.lint.registry import all_rules, lookup
from argdoc.lint.rule import Finding, Rule
from argdoc.lint.runner import lint

__all__ = ["ConfigError", "Finding", "LintConfig", "Rule", "all_rules", "lint", "load_config", "lookup"]
