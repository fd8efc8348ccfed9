"""Pydantic's plugin discovery, skipped by the command line when no plugin is installed.

The first time Pydantic builds a model it looks for plugins (the `pydantic`
entry-point group): it imports importlib.metadata, and with it email, zipfile
and csv, then reads every installed distribution's metadata. That is about
13 ms of every `argdoc` command's start-up (a tenth of `argdoc lint` on a
small paper), spent to find, nearly always, nothing.

Before argdoc's models are built, the command line looks for plugins more
cheaply: it lists the folders on sys.path and reads the entry_points.txt of
each distribution there, as importlib.metadata would. Only when it finds none
does it give Pydantic a plugin loader that returns none; whenever a plugin is
declared, or the look cannot be sure (a zip or egg on the path, a
distribution finder other than the standard one), Pydantic's own discovery
runs as always. The library (`import argdoc`) never does this: it is the
command line's process, not its caller's.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
import types

# The module Pydantic imports its plugin loader from (pydantic/plugin/_schema_validator.py).
LOADER = "pydantic.plugin._loader"
GROUP_HEADER = "[pydantic]"


def skip_discovery_when_none_installed() -> bool:
    """Give Pydantic an empty plugin loader if no installed distribution declares a plugin.

    True when discovery was replaced; False when Pydantic's loader has
    already run or will run as usual.
    """
    if LOADER in sys.modules or _plugins_may_be_declared():
        return False
    loader = types.ModuleType(LOADER, "Stands in for Pydantic's plugin loader: no plugin is installed.")
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = loader
    return True


def _no_plugins() -> tuple[()]:
    return ()


def _plugins_may_be_declared() -> bool:
    other_finders = any(
        hasattr(finder, "find_distributions") and finder is not importlib.machinery.PathFinder
        for finder in sys.meta_path
    )
    return other_finders or any(_declared_in(entry) for entry in sys.path)


def _declared_in(entry: str) -> bool:
    """Whether a distribution in this sys.path entry declares a Pydantic plugin (True when unsure)."""
    if entry.lower().endswith(".egg"):
        return True
    try:
        names = os.listdir(entry or ".")
    except OSError:
        return os.path.isfile(entry)  # a zip file, which importlib.metadata also searches
    return any(
        _declares_plugin(os.path.join(entry, name, "entry_points.txt"))
        for name in names
        if name.lower().endswith((".dist-info", ".egg-info"))
    )


def _declares_plugin(entry_points: str) -> bool:
    try:
        with open(entry_points, encoding="utf-8") as file:
            text = file.read()
    except (FileNotFoundError, NotADirectoryError):  # none declared, or an egg-info file
        return False
    except (OSError, UnicodeDecodeError):
        return True
    # importlib.metadata reads a section header from a stripped line the same way.
    return any(line.strip() == GROUP_HEADER for line in text.splitlines())
