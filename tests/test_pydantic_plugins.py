"""The command line skips Pydantic's plugin discovery only when no plugin is installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from importlib.metadata import entry_points
from pathlib import Path

from argdoc.pydantic_plugins import _declared_in

from .conftest import EXAMPLES

PAPER = str(EXAMPLES / "russia-iran.arg")
PLUGIN = """\
import sys


class Plugin:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, config, plugin_settings):
        print("plugin saw", schema_type_path.name, file=sys.stderr)
        return None, None, None


plugin = Plugin()
"""


def _dist(folder: Path, name: str, entry_points_txt: str | None) -> None:
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    if entry_points_txt is not None:
        (info / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")


def test_a_folder_is_searched_as_importlib_metadata_would(tmp_path: Path) -> None:
    _dist(tmp_path, "plain", None)
    _dist(tmp_path, "tool", "[console_scripts]\ntool = tool:main\n")
    (tmp_path / "old.egg-info").write_text("Name: old\n", encoding="utf-8")  # an egg-info file, no entry points
    assert not _declared_in(str(tmp_path))
    _dist(tmp_path, "logger", "[console_scripts]\nx = y:z\n\n  [pydantic]  \nlogger = logger:plugin\n")
    assert _declared_in(str(tmp_path))


def test_what_cannot_be_read_quickly_counts_as_declared(tmp_path: Path) -> None:
    archive = tmp_path / "packages.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("x.py", "")
    assert _declared_in(str(archive))
    assert _declared_in(str(tmp_path / "thing-1.0-py3.11.egg"))
    assert not _declared_in(str(tmp_path / "missing"))


def _lint(extra_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    probe = (
        "import sys; from argdoc.cli import main; "
        f"code = main(['lint', {PAPER!r}, '-q']); "
        "print(code, 'importlib.metadata' in sys.modules)"
    )
    env = {**os.environ}
    if extra_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(extra_path), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)


def test_without_plugins_the_command_line_does_not_import_importlib_metadata() -> None:
    installed = bool(entry_points(group="pydantic"))
    assert _lint().stdout.split() == ["0", str(installed)]


def test_an_installed_plugin_is_still_loaded(tmp_path: Path) -> None:
    (tmp_path / "spy_plugin.py").write_text(PLUGIN, encoding="utf-8")
    _dist(tmp_path, "spy-plugin", "[pydantic]\nspy = spy_plugin:plugin\n")
    result = _lint(tmp_path)
    assert result.stdout.split() == ["0", "True"]
    assert "plugin saw Paper" in result.stderr
