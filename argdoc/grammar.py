"""Locate grammar/argdoc.lark and build its LALR parser, once per process."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

from lark import Lark, LarkError, Token
from lark.lark import PostLex

GRAMMAR_NAME = "argdoc.lark"
# A tab advances indentation to the next multiple of four columns.
TAB_WIDTH = 4
# Bodies nest a level or two; a limit keeps a hostile file from exhausting the
# stack of the tree walkers (a body inside a body is a nested tree).
MAX_DEPTH = 32


class IndentationError_(LarkError):
    """A line is dedented to a column that no enclosing block started at."""

    def __init__(self, token: Token, expected: list[int]) -> None:
        super().__init__(f"unindent does not match any outer indentation level at line {token.line}")
        self.token = token
        self.expected = expected


class LineIndenter(PostLex):
    """Emit _INDENT/_DEDENT from the indentation of the line after each NL.

    Lark's own Indenter reads indentation from the NL token, which means NL
    must swallow it; here the indentation belongs to the TEXT token (only
    indented lines are TEXT), so the lexer needs no parser state to tell a
    body line from a header line.
    """

    always_accept = ("NL",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        levels = [0]
        pending: Token | None = None
        last: Token | None = None
        for token in stream:
            last = token
            if pending is not None:
                yield pending
                yield from _reindent(levels, _indent_of(token), token)
                pending = None
            if token.type == "NL":
                pending = token
            else:
                yield token
        if pending is not None:
            yield pending
        while len(levels) > 1:
            levels.pop()
            assert last is not None  # levels only grow after a token
            yield Token.new_borrow_pos("_DEDENT", "", last)


def _indent_of(token: Token) -> int:
    if token.type != "TEXT":
        return 0
    value = str(token)
    width = 0
    for ch in value:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += TAB_WIDTH - width % TAB_WIDTH
        else:
            break
    return width


class TooDeepError(LarkError):
    """Indentation nested deeper than any paper needs (a hostile or broken file)."""

    def __init__(self, token: Token) -> None:
        super().__init__(f"indentation nested more than {MAX_DEPTH} levels deep at line {token.line}")
        self.token = token


def _reindent(levels: list[int], indent: int, token: Token) -> Iterator[Token]:
    if indent > levels[-1]:
        if len(levels) > MAX_DEPTH:
            raise TooDeepError(token)
        levels.append(indent)
        yield Token.new_borrow_pos("_INDENT", "", token)
        return
    if indent not in levels:
        raise IndentationError_(token, levels[:])
    while indent < levels[-1]:
        levels.pop()
        yield Token.new_borrow_pos("_DEDENT", "", token)


def grammar_path() -> Path:
    """The grammar file: inside the installed package, else the source checkout.

    A wheel carries it as argdoc/grammar/argdoc.lark; an editable install (or
    a plain checkout) reads the top-level grammar/ folder beside the package.
    """
    package_dir = Path(__file__).resolve().parent
    bundled = package_dir / "grammar" / GRAMMAR_NAME
    if bundled.is_file():
        return bundled
    checkout = package_dir.parent / "grammar" / GRAMMAR_NAME
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(f"argdoc's grammar is missing: looked for {bundled} and {checkout}; reinstall argdoc")


def cache_file() -> str | bool:
    """Where Lark keeps the analysed grammar between runs, or False for no cache.

    Building the LALR tables costs about 60 ms per process, more than parsing
    a paper. Lark's own default cache is a pickle in the shared temporary
    folder, which another user could plant; this one lives in the user's own
    cache folder (ARGDOC_CACHE_DIR, else XDG_CACHE_HOME/argdoc, else
    ~/.cache/argdoc). Lark names the grammar's hash inside the file and
    rebuilds when the grammar changes. ARGDOC_NO_CACHE=1 turns it off.
    """
    if os.environ.get("ARGDOC_NO_CACHE"):
        return False
    base = os.environ.get("ARGDOC_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "argdoc"
    )
    try:
        os.makedirs(base, mode=0o700, exist_ok=True)
    except OSError:
        return False
    if not os.access(base, os.W_OK):
        return False
    return os.path.join(base, "grammar.lark-cache")


@functools.cache
def parser() -> Lark:
    """The shared parser. Tokens carry their positions; trees need none (see build_tree)."""
    return Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        lexer="basic",
        postlex=LineIndenter(),
        propagate_positions=False,
        maybe_placeholders=True,
        cache=cache_file(),
    )
