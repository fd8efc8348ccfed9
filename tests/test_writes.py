"""Writes replace what a file holds, never what the file is, and never what the command was given.

Every output goes through `argdoc.output.write_atomic`, and `fmt` through
`argdoc.fmt.format_file`: modes, owners, links and devices are kept, a file
changed while `fmt` worked is not overwritten, and an output is refused where
it would replace an input (fmt, export, import without --force, build).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from argdoc import cli, fmt
from argdoc.fmt import format_file
from argdoc.output import Snapshot, WriteRefused, overwrite_refusal, write_atomic

from .conftest import EXAMPLES

UNFORMATTED = "claim   thesis:\n  Body.\n"
FORMATTED = "claim thesis:\n    Body.\n"
BOM = "\ufeff".encode()
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534


def argdoc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argdoc", *args], capture_output=True, text=True, cwd=cwd, check=False)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- 6. modes and owners ------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755, 0o444])
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "draft.arg"
    path.write_text("old", encoding="utf-8")
    path.chmod(mode)
    if mode & 0o200 or IS_ROOT:
        write_atomic(path, "new")
        assert path.read_text(encoding="utf-8") == "new"
    assert _mode(path) == mode


def test_a_draft_only_its_author_may_read_stays_private_after_fmt(tmp_path: Path) -> None:
    path = tmp_path / "draft.arg"
    path.write_text(UNFORMATTED, encoding="utf-8")
    path.chmod(0o600)
    assert argdoc("fmt", str(path)).returncode == 0
    assert path.read_text(encoding="utf-8") == FORMATTED
    assert _mode(path) == 0o600


@pytest.mark.skipif(not IS_ROOT, reason="only root may give a file away")
def test_a_replaced_file_keeps_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "theirs.html"
    path.write_text("old", encoding="utf-8")
    os.chown(path, NOBODY, NOBODY)
    write_atomic(path, "new")
    assert (path.stat().st_uid, path.stat().st_gid) == (NOBODY, NOBODY)
    assert path.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "out" / "new.html", "new")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "out" / "new.html") == mode


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder anyone may write to, under a folder anyone may enter (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="argdoc-writes-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


def test_a_read_only_file_is_not_replaced_by_someone_who_may_not_write_it(shared_dir: Path) -> None:
    path = shared_dir / "read-only.html"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o444)
    pid = os.fork()
    if pid == 0:  # the child writes as someone who may not write the file (root may write anything)
        code = 1
        try:
            if IS_ROOT:
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            write_atomic(path, "new")
        except PermissionError as exc:
            code = 3 if "read-only" in str(exc) else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 3
    assert path.read_text(encoding="utf-8") == "old"
    assert _mode(path) == 0o444
    assert [p.name for p in shared_dir.iterdir()] == ["read-only.html"]  # no temporary file left


# --- 7. devices, pipes and links to them ---------------------------------------------


def _read_fifo(fifo: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with fifo.open("rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_a_pipe_is_written_to_and_stays_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    write_atomic(fifo, ["one ", "two"])
    reader.join(timeout=10)
    assert received == [b"one two"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_into_a_pipe_leaves_the_pipe_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    run = argdoc("export", str(EXAMPLES / "russia-iran.arg"), "--to", "dot", "-o", str(fifo))
    reader.join(timeout=30)
    assert run.returncode == 0, run.stderr
    assert received and received[0].startswith(b"digraph")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_link_to_a_device_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/dev/null")
    write_atomic(link, "into the device")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


@pytest.mark.skipif(not IS_ROOT, reason="only root could turn /dev/null into a file")
def test_dev_null_stays_a_device_when_root_writes_to_it() -> None:
    null = Path("/dev/null")
    assert stat.S_ISCHR(null.lstat().st_mode)
    try:
        write_atomic(null, "nothing")
        assert stat.S_ISCHR(null.lstat().st_mode)
    finally:
        if not stat.S_ISCHR(null.lstat().st_mode):  # put the device back for everyone else
            null.unlink()
            os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
            null.chmod(0o666)


# --- 8. fmt through links -------------------------------------------------------------


def test_fmt_through_a_symbolic_link_formats_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.arg"
    real.write_text(UNFORMATTED, encoding="utf-8")
    link = tmp_path / "link.arg"
    link.symlink_to(real.name)
    run = argdoc("fmt", str(link))
    assert run.returncode == 0, run.stderr
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_text(encoding="utf-8") == FORMATTED


def test_fmt_refuses_a_file_with_hard_links_and_splits_nothing(tmp_path: Path) -> None:
    first = tmp_path / "first.arg"
    first.write_text(UNFORMATTED, encoding="utf-8")
    second = tmp_path / "second.arg"
    os.link(first, second)
    with pytest.raises(WriteRefused, match="2 hard links"):
        format_file(first).write()
    run = argdoc("fmt", str(first))
    assert run.returncode == 1
    assert "2 hard links" in run.stderr
    assert first.stat().st_ino == second.stat().st_ino
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8") == UNFORMATTED


# --- 9. an edit saved while fmt works ----------------------------------------------------

ADDED = "\nclaim late:\n    Saved while fmt ran.\n"


def test_a_file_changed_after_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "p.arg"
    path.write_text(UNFORMATTED, encoding="utf-8")
    formatted = format_file(path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(ADDED)
    with pytest.raises(WriteRefused, match="changed while argdoc was working on it"):
        formatted.write()
    assert path.read_text(encoding="utf-8") == UNFORMATTED + ADDED
    assert [p.name for p in tmp_path.iterdir()] == ["p.arg"]


def test_an_edit_that_keeps_size_and_time_is_still_seen(tmp_path: Path) -> None:
    path = tmp_path / "p.arg"
    path.write_bytes(b"aaaa")
    snapshot = Snapshot.read(path)
    times = path.stat().st_atime_ns, path.stat().st_mtime_ns
    path.write_bytes(b"bbbb")
    os.utime(path, ns=times)
    assert not snapshot.still_on_disk(path)
    write_atomic(path, b"cccc", unchanged_since=Snapshot.read(path))
    assert path.read_bytes() == b"cccc"


def test_fmt_keeps_a_claim_appended_while_it_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.arg"
    path.write_text(UNFORMATTED, encoding="utf-8")
    format_text = fmt.format_text

    def slow_format(text: str, name: str = "<stdin>", line_length: int = fmt.DEFAULT_LINE_LENGTH) -> str:
        with path.open("a", encoding="utf-8") as handle:  # the writer saves meanwhile
            handle.write(ADDED)
        return format_text(text, name, line_length)

    monkeypatch.setattr(fmt, "format_text", slow_format)
    assert cli.main(["fmt", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == UNFORMATTED + ADDED
    assert "changed while argdoc was working on it" in capsys.readouterr().err


# --- 10. outputs that would replace inputs ----------------------------------------------


def test_an_output_that_is_an_input_by_any_name_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "x.arg"
    source.write_text(FORMATTED, encoding="utf-8")
    (tmp_path / "alias.arg").symlink_to(source.name)
    os.link(source, tmp_path / "hard.arg")
    for name in ("x.arg", "alias.arg", "hard.arg", "./sub/../x.arg"):
        reason = overwrite_refusal(tmp_path / name, [source])
        assert reason is not None and "the output would replace it" in reason, name
    assert overwrite_refusal(tmp_path / "x.json", [source]) is None


def test_an_existing_file_is_kept_unless_replacing_is_asked_for(tmp_path: Path) -> None:
    existing = tmp_path / "existing.arg"
    existing.write_text(FORMATTED, encoding="utf-8")
    reason = overwrite_refusal(existing, [tmp_path / "t.json"], replace_existing=False)
    assert reason is not None and "--force" in reason
    assert overwrite_refusal(existing, [tmp_path / "t.json"]) is None
    assert overwrite_refusal(tmp_path / "new.arg", [tmp_path / "t.json"], replace_existing=False) is None


def test_export_refuses_to_replace_its_source(tmp_path: Path) -> None:
    source = tmp_path / "x.arg"
    source.write_text(FORMATTED, encoding="utf-8")
    run = argdoc("export", str(source), "--to", "json", "-o", str(source))
    assert run.returncode == 2
    assert "the output would replace it" in run.stderr
    assert source.read_text(encoding="utf-8") == FORMATTED


def test_import_keeps_an_existing_file_unless_forced(tmp_path: Path) -> None:
    tree = tmp_path / "t.json"
    assert argdoc("export", str(EXAMPLES / "russia-iran.arg"), "--to", "json", "-o", str(tree)).returncode == 0
    existing = tmp_path / "existing.arg"
    existing.write_text(FORMATTED, encoding="utf-8")
    refused = argdoc("import", str(tree), "-o", str(existing))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert existing.read_text(encoding="utf-8") == FORMATTED
    assert argdoc("import", str(tree), "-o", str(existing), "--force").returncode == 0
    assert existing.read_text(encoding="utf-8").startswith("title:")


def test_build_refuses_to_write_over_its_own_input(tmp_path: Path) -> None:
    paper = tmp_path / "paper.html"
    paper.write_text(FORMATTED, encoding="utf-8")
    run = argdoc("build", str(paper), "--format", "html")
    assert run.returncode == 2
    assert "the output would replace it" in run.stderr
    assert paper.read_text(encoding="utf-8") == FORMATTED


# --- 18. fmt's count and byte-order mark ---------------------------------------------------


def test_format_file_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.arg"
    path.write_bytes(BOM + UNFORMATTED.encode())
    formatted = format_file(path)
    assert formatted.before == UNFORMATTED and formatted.after == FORMATTED
    formatted.write()
    assert path.read_bytes() == BOM + FORMATTED.encode()


def test_format_file_keeps_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.arg"
    path.write_bytes(UNFORMATTED.replace("\n", "\r\n").encode())
    format_file(path).write()
    assert path.read_bytes() == FORMATTED.replace("\n", "\r\n").encode()


def test_fmt_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.arg"
    path.write_bytes(BOM + UNFORMATTED.encode())
    assert argdoc("fmt", str(path)).returncode == 0
    assert path.read_bytes() == BOM + FORMATTED.encode()


def test_fmt_counts_a_failed_write_as_failed_only(tmp_path: Path) -> None:
    first = tmp_path / "first.arg"
    first.write_text(UNFORMATTED, encoding="utf-8")
    os.link(first, tmp_path / "second.arg")  # its write is refused
    run = argdoc("fmt", str(first))
    assert run.returncode == 1
    assert run.stderr.rstrip().endswith("0 files reformatted, 1 failed")
