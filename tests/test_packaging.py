"""The grammar ships inside the wheel, and an editable install finds it in grammar/."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from argdoc.grammar import grammar_path

from .conftest import ROOT


def test_editable_install_reads_the_checkout_grammar() -> None:
    assert grammar_path() == ROOT / "grammar" / "argdoc.lark"


def test_wheel_carries_the_grammar_and_works_when_installed(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("argdoc-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "argdoc/grammar/argdoc.lark" in names
        shipped = archive.read("argdoc/grammar/argdoc.lark")
    assert shipped == (ROOT / "grammar" / "argdoc.lark").read_bytes()

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import argdoc.grammar as g; print(g.grammar_path()); "
        "from argdoc.compiler import compile_text; print(compile_text('claim x:\\n    Body.\\n').ok)"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); {probe}"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.split()
    assert out == [str(target / "argdoc" / "grammar" / "argdoc.lark"), "True"]


def test_grammar_cache_lives_in_the_user_cache_folder(tmp_path: Path) -> None:
    """The analysed grammar and compiled templates are cached in ARGDOC_CACHE_DIR, not the shared temp folder."""
    cache = tmp_path / "cache"
    env = {"ARGDOC_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    probe = (
        "from argdoc.compiler import compile_text; from argdoc.render.html import render_html;"
        " r = compile_text('claim x:\\n    Body.\\n'); render_html(r.paper); print(r.ok)"
    )
    for _ in range(2):  # the first run writes the cache, the second reads it
        out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "True"
    assert (cache / "grammar.lark-cache").is_file()
    assert any((cache / "templates").iterdir()), "compiled templates are cached beside the grammar"
    assert oct((cache).stat().st_mode & 0o777) == "0o700"
    off = subprocess.run(
        [sys.executable, "-c", probe],
        env={**env, "ARGDOC_CACHE_DIR": str(tmp_path / "other"), "ARGDOC_NO_CACHE": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert off.stdout.strip() == "True"
    assert not (tmp_path / "other").exists()


def test_a_cache_folder_others_can_write_to_is_not_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The caches hold code argdoc runs: a folder another user could plant a file in means no cache."""
    from argdoc.cache import cache_dir

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o700)
    monkeypatch.setenv("ARGDOC_CACHE_DIR", str(shared))
    assert cache_dir() == shared
    shared.chmod(0o777)
    assert cache_dir() is None
    shared.chmod(0o720)  # writable by the group
    assert cache_dir() is None
    if os.geteuid() == 0:  # root can hand the folder to someone else
        shared.chmod(0o700)
        os.chown(shared, 65534, 65534)
        assert cache_dir() is None
