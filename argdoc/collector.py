"""The cyclic garbage collector, paused while argdoc builds big trees of objects.

Compiling, linting and rendering allocate hundreds of thousands of small
objects and hardly any reference cycles. This module has no dependencies, so
any stage can pause the collector without importing another stage.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a tree is built.

    Parsing and building allocate hundreds of thousands of small objects and
    hardly any reference cycles; the collector would rescan the whole growing
    heap again and again (on a 10,000-statement paper, more than the parse
    itself). Reference counting still frees everything as usual.

    On the way out the new objects are promoted to the oldest generation
    (freeze, then unfreeze, moves them in one step) instead of being left
    young: left young, the first collection after re-enabling would scan the
    whole new tree at once (about 0.24 s at 10,000 statements) only to find
    it all alive. Nothing is lost: the oldest generation is still collected.
    A caller's own frozen objects are never touched: the promotion is skipped
    when anything is frozen already.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if _program:
                gc.freeze()  # the program's trees live until it exits: never scan them
            elif gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


# True once the argdoc program (not a library caller) owns the process.
_program = False


def own_the_process() -> None:
    """For the argdoc program only: keep what lives until exit out of the collector's sight.

    Start-up objects (modules, classes, Pydantic's validators) are frozen now,
    and each tree gc_paused sees built is frozen as it is finished, instead of
    being promoted: the program exits soon after, so nothing frozen is ever
    worth scanning. A library caller never calls this; its collector is left
    as it was (see gc_paused).
    """
    global _program
    _program = True
    gc.freeze()


def serve_long() -> None:
    """For a command that runs until it is told to stop (`argdoc lsp`): collect as a library caller would.

    own_the_process bets that the program exits soon after each tree is
    built; a server compiles a paper at every pause in typing for hours, and
    a frozen tree's cycles would never be freed. Start-up objects stay frozen.
    """
    global _program
    _program = False


# The program's last compiled paper, held until the process ends (see keep).
_kept: list[object] = []


def keep(tree: object) -> None:
    """For the argdoc program only: hold a compiled paper until the process ends, instead of freeing it.

    Freeing a tree object by object takes time (about 35 ms at 10,000
    statements), and a command would spend it just before it exits, where
    the operating system takes all of the memory back at once. Only the
    latest paper is held, so a process that compiles paper after paper (a
    `build -j` worker) holds one at a time. A library caller's objects are
    never held.
    """
    if _program:
        _kept[:] = [tree]
