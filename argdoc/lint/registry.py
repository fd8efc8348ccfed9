"""The rule registry: a rule by its code or its name, and the rules a selector names.

The rules are listed in one place, argdoc.lint.rules.RULES; this module only
looks them up. It reads that list on first use rather than at import: the
meta rules look rules up here, so argdoc.lint.rules imports this module while
it is itself being imported.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argdoc.lint.rule import Rule

    # The rules in code order, then keyed by code and by name. A plain tuple, not a
    # NamedTuple: a class costs start-up, and every `argdoc lint` imports this module.
    _Tables = tuple[tuple[type[Rule], ...], dict[str, type[Rule]], dict[str, type[Rule]]]


@functools.cache
def _tables() -> _Tables:
    from argdoc.lint.rules import RULES

    return RULES, {r.code: r for r in RULES}, {r.name: r for r in RULES}


def all_rules() -> list[type[Rule]]:
    """Every rule, in code order."""
    return list(_tables()[0])


def lookup(key: str) -> type[Rule] | None:
    """A rule by its code (any case) or its name."""
    _rules, by_code, by_name = _tables()
    return by_code.get(key.upper()) or by_name.get(key.lower())


def did_you_mean(key: str) -> str:
    """ "did you mean 'NAME'? " for the rule a mistyped key most resembles, else ""."""
    import difflib  # only on the way to an error message

    names = [rule.name for rule in all_rules()]
    close = difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'? " if close else ""


def expand(selector: str) -> list[type[Rule]] | None:
    """The rules a selector names: a code, a name, a code prefix (`ARG2`), or `ALL`.

    None when it names nothing, so configuration can report the mistake.
    """
    rule = lookup(selector)
    if rule is not None:
        return [rule]
    key = selector.upper()
    if key == "ALL":
        return all_rules()
    if re.fullmatch(r"ARG\d{0,2}", key):
        return [r for r in all_rules() if r.code.startswith(key)]
    return None
