"""A long-running argdoc command (`watch`, `serve`) in a subprocess, whose standard error is read as it comes."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path


class LiveCommand:
    """`python -m argdoc ARGS...` left running; `wait_for` reads its standard error up to a line."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "argdoc", *args],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
        )
        self.lines: list[str] = []  # every line of standard error so far
        self._queue: queue.Queue[str | None] = queue.Queue()
        assert self.process.stderr is not None
        threading.Thread(target=self._read, args=(self.process.stderr,), daemon=True).start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, pattern: str, timeout: float = 20) -> str:
        """The next line of standard error that matches `pattern` (a regular expression)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._queue.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise AssertionError(
                    f"no line matching {pattern!r} in {timeout} s; so far:\n" + "\n".join(self.lines)
                ) from None
            if line is None:
                raise AssertionError(f"the command ended before {pattern!r}:\n" + "\n".join(self.lines))
            self.lines.append(line)
            if re.search(pattern, line):
                return line

    def since(self, mark: int) -> str:
        return "\n".join(self.lines[mark:])

    def stop(self) -> int:
        """Ctrl-C, as a writer ends the command; its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=15)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        while (line := self._queue.get(timeout=5)) is not None:  # what it said as it ended
            self.lines.append(line)
        return code
