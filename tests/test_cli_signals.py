"""Stopping `argdoc build DIR -j 2` with real signals (issue #9, hardening).

A build of a folder runs on worker processes. SIGTERM or SIGINT must stop all
of them, and nothing may be written after argdoc says it stopped; when the
parent is killed outright (SIGKILL), the workers must notice and stop
quietly. The bounds are generous: these tests check that the build stops,
not how fast.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import EXAMPLES

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")

PAPERS = 20


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir()
    text = (EXAMPLES / "russia-iran.arg").read_text(encoding="utf-8")
    for i in range(PAPERS):
        (folder / f"paper{i:02}.arg").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def started() -> Iterator[list[int]]:
    """The processes a test started; any still running at its end (it failed) are killed."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper has stopped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _outputs(out: Path) -> set[str]:
    return {p.name for p in out.iterdir()} if out.exists() else set()


def _start_build(papers: Path, out: Path, log: Path, started: list[int]) -> tuple[subprocess.Popen[bytes], list[int]]:
    """`argdoc build papers -j 2 --format pdf`, once it has written its first PDF; and its workers."""
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "argdoc", "build", str(papers), "-o", str(out), "--format", "pdf", "-j", "2"],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,  # signals from this test reach only the processes meant
        )
    started.append(process.pid)
    assert _wait_for(lambda: any(n.endswith(".pdf") for n in _outputs(out)), 120), log.read_text()
    workers = [pid for pid in _children(process.pid) if "argdoc" in Path(f"/proc/{pid}/cmdline").read_text()]
    started.extend(workers)
    assert len(workers) == 2
    return process, workers


@pytest.mark.parametrize(
    ("signum", "code", "message"),
    [(signal.SIGTERM, 143, "argdoc: terminated"), (signal.SIGINT, 130, "argdoc: interrupted")],
    ids=["SIGTERM", "SIGINT"],
)
def test_a_signal_stops_every_worker_and_nothing_is_written_after(
    papers: Path, tmp_path: Path, started: list[int], signum: int, code: int, message: str
) -> None:
    out, log = tmp_path / "out", tmp_path / "stderr.txt"
    process, workers = _start_build(papers, out, log, started)
    before = _outputs(out)
    process.send_signal(signum)  # to the parent alone, as `kill PID` does
    assert process.wait(timeout=30) == code
    at_exit = _outputs(out)
    assert all(not _alive(pid) for pid in workers)  # stopped with the parent, not after it
    time.sleep(2)
    assert _outputs(out) == at_exit  # nothing written after the message
    assert len(at_exit) <= len(before) + 2  # at most the papers being written at that moment
    assert not [n for n in at_exit if n.endswith(".tmp")]  # no temporary file left behind
    shown = log.read_text()
    assert message in shown and "Traceback" not in shown


def test_a_signal_to_the_whole_group_stops_the_build_quietly(papers: Path, tmp_path: Path, started: list[int]) -> None:
    """As `timeout 4 argdoc build ...` and Ctrl-C in a terminal do: every process gets the signal."""
    out, log = tmp_path / "out", tmp_path / "stderr.txt"
    process, workers = _start_build(papers, out, log, started)
    before = _outputs(out)
    os.killpg(process.pid, signal.SIGTERM)
    assert process.wait(timeout=30) == 143
    assert all(not _alive(pid) for pid in workers)
    time.sleep(2)
    assert len(_outputs(out)) <= len(before) + 2
    shown = log.read_text()
    assert shown.count("argdoc: terminated") == 1 and "Traceback" not in shown


def test_workers_of_a_killed_build_notice_and_stop_quietly(papers: Path, tmp_path: Path, started: list[int]) -> None:
    out, log = tmp_path / "out", tmp_path / "stderr.txt"
    process, workers = _start_build(papers, out, log, started)
    before = _outputs(out)
    process.kill()  # SIGKILL: the parent cannot tell anyone
    process.wait(timeout=30)
    assert _wait_for(lambda: all(not _alive(pid) for pid in workers), 15), "orphaned workers went on"
    settled = _outputs(out)
    time.sleep(2)
    assert _outputs(out) == settled
    assert len(settled) <= len(before) + 2
    assert not [n for n in settled if n.endswith(".tmp")]
    assert "Traceback" not in log.read_text()
