"""Locate grammar/argdoc.lark and build its LALR parser, once per process."""

from __future__ import annotations

import functools
from pathlib import Path

from lark import Lark

from argdoc.cache import cache_dir
from argdoc.lexer import LineLexer

GRAMMAR_NAME = "argdoc.lark"


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
    folder, which another user could plant; this one lives in argdoc's cache
    folder (argdoc.cache). Lark names the grammar's hash inside the file and
    rebuilds when the grammar changes.
    """
    folder = cache_dir()
    return str(folder / "grammar.lark-cache") if folder is not None else False


@functools.cache
def parser() -> Lark:
    """The shared parser. Tokens carry their positions; trees need none (see build_tree).

    The lexer is Lark's basic lexer with a faster loop (argdoc.lexer).
    """
    return Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        lexer=LineLexer,
        propagate_positions=False,
        maybe_placeholders=True,
        cache=cache_file(),
    )
