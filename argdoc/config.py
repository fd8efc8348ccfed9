"""Finding argdoc's configuration: `argdoc.toml`, or `[tool.argdoc]` in pyproject.toml.

Each command reads its own table (`lint`, `fmt`). The nearest file wins,
looking from the input's folder upwards; in one folder argdoc.toml beats
pyproject.toml, and a pyproject.toml without the table is passed over.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """A configuration file is wrong: which file, which key, what is wrong."""

    def __init__(self, path: Path | None, key: str, message: str) -> None:
        where = f"{path}: " if path is not None else ""
        super().__init__(f"{where}[{key}] {message}")
        self.path = path
        self.key = key


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "toml", f"is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(path, "file", f"cannot be read: {exc.strerror}") from None


def table_of(path: Path, name: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `name` table of a config file (`[name]` in argdoc.toml, `[tool.argdoc.name]` in pyproject)."""
    keys = ("tool", "argdoc", name) if path.name == "pyproject.toml" else (name,)
    node: Any = data if data is not None else read_toml(path)
    for key in keys:
        node = node.get(key, {}) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            raise ConfigError(path, ".".join(keys), "must be a table")
    return dict(node)


def _argdoc_tool(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """`[tool.argdoc]` of a pyproject.toml, empty when absent; an error when it is not a table."""
    node: Any = data
    for depth, key in enumerate(("tool", "argdoc"), start=1):
        node = node.get(key, {})
        if not isinstance(node, dict):
            raise ConfigError(path, ".".join(("tool", "argdoc")[:depth]), "must be a table")
    return dict(node)


def find_table(start: Path, name: str) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration at or above `start` that has a `name` table."""
    folder = (start if start.is_dir() else start.parent).resolve()
    for candidate in [folder, *folder.parents]:
        standalone = candidate / "argdoc.toml"
        if standalone.is_file():
            data = read_toml(standalone)
            if name in data:
                return standalone, table_of(standalone, name, data)
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            data = read_toml(pyproject)
            if name in _argdoc_tool(pyproject, data):
                return pyproject, table_of(pyproject, name, data)
    return None
