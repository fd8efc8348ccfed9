"""Finding argdoc's configuration: `argdoc.toml`, or `[tool.argdoc]` in pyproject.toml.

Each command reads its own table (`lint`, `fmt`). The nearest file wins,
looking from the input's folder upwards; in one folder argdoc.toml beats
pyproject.toml, and a pyproject.toml without the table is passed over.

A file found by looking (not named with --config) may be a link only to a
file inside its own folder: the folder may be a stranger's, and a link out of
it (to another project's settings, or /proc/self/environ) would show that
file's values in an error message.
"""

from __future__ import annotations

import os
import stat
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


# A configuration is a few lines; anything much bigger is a mistake (or a file that never ends).
MAX_CONFIG_BYTES = 1024 * 1024


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ConfigError(path, "file", "is not a regular file")
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(path, "file", f"cannot be read: {exc.strerror}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(path, "file", f"is larger than {MAX_CONFIG_BYTES // 1024} KiB; is it a configuration file?")
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(path, "toml", f"is not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "toml", f"is not valid TOML: {exc}") from None


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
        if _found_file(standalone):
            data = read_toml(standalone)
            if name in data:
                return standalone, table_of(standalone, name, data)
        pyproject = candidate / "pyproject.toml"
        if _found_file(pyproject):
            data = read_toml(pyproject)
            if name in _argdoc_tool(pyproject, data):
                return pyproject, table_of(pyproject, name, data)
    return None


def _found_file(path: Path) -> bool:
    """Whether a configuration file is there; a link out of its folder is an error, not a file to read."""
    if path.is_symlink():
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # a loop of links
            raise ConfigError(path, "file", "is a link that leads nowhere (a loop of links)") from None
        if not target.is_relative_to(path.parent):
            raise ConfigError(
                path,
                "file",
                f"links to {target}, outside its folder; a configuration found by looking is not followed out of "
                "its folder (which may be someone else's): name the file with --config to use it",
            )
    return path.is_file()
