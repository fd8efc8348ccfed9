"""Lint configuration per folder, for the commands that lint many papers (`lint`, `build`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from argdoc.config import ConfigError

if TYPE_CHECKING:
    from argdoc.lint import LintConfig


class LintConfigs:
    """Lint configuration per folder: the nearest config file, read once, with the command line's overrides."""

    def __init__(self, explicit: Path | None, overrides: dict[str, list[str]] | None = None) -> None:
        if explicit is not None and explicit.is_dir():
            raise ConfigError(explicit, "file", "is a directory; name a configuration file in it (argdoc.toml)")
        self.explicit = explicit
        self.overrides = overrides or {}
        self._cache: dict[Path, LintConfig] = {}

    def for_file(self, path: Path) -> LintConfig:
        folder = path.parent.resolve() if not path.is_dir() else path.resolve()
        if folder not in self._cache:
            from argdoc.lint.config import apply_overrides, load_config

            config = load_config(folder, self.explicit)
            self._cache[folder] = apply_overrides(config, self.overrides)
        return self._cache[folder]
