"""Argument types shared by several commands: whole numbers with a minimum, sizes such as 64M.

Each is an argparse `type`: it turns the text given into a value or raises
ArgumentTypeError with a message that says what to write instead.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable


def at_least(minimum: int) -> Callable[[str], int]:
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


positive = at_least(1)
# The formatter's minimum (argdoc.fmt.MIN_LINE_LENGTH), without importing the formatter for every command.
line_length = at_least(40)


# The largest --max-size: far beyond any paper, and within what a read can be asked for.
MAX_SIZE = 1024**4


def size(value: str) -> int:
    """A size such as 500000, 800K, 64M or 1G (binary multiples), at most 1024G."""
    match = re.fullmatch(r"(\d+)\s*([KMG]?)i?B?", value.strip(), re.I)
    if match is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size; write e.g. 800K, 64M or 1G")
    digits = match.group(1).lstrip("0") or "0"
    multiplier: int = 1024 ** "_KMG".index(match.group(2).upper() or "_")
    # Sixteen digits are more than MAX_SIZE whatever the unit (and int() refuses thousands of them).
    if len(digits) > 15 or int(digits) * multiplier > MAX_SIZE:
        raise argparse.ArgumentTypeError("at most 1024G")
    return int(digits) * multiplier


def citation_style(value: str) -> str:
    """A citation style's name or short name (`apa`, `harvard`), as the style's full name."""
    from argdoc.cite.styles import style_name, unknown_style_hint

    name = style_name(value)
    if name is None:
        raise argparse.ArgumentTypeError(f"unknown citation style {value!r}; {unknown_style_hint(value)}")
    return name
