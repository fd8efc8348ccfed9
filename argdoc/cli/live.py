"""Saves in a paper's folder, as they happen: the loop `argdoc watch` and `argdoc serve` share.

watchfiles (inotify on Linux, FSEvents on macOS) reports changes in batches.
Folders are watched, not files: an editor's atomic save (a temporary file
renamed over the paper) replaces the file, and a watch on the file itself
stops hearing after the first one. A batch is unordered, and one save can
arrive as `added` (a rename) or as `added` and `deleted` (vim's backup dance),
so a batch says only which paths changed; whether a file is there now is
for the build to find out.

Only what a paper is made of counts: .arg files, the lint configuration and
the images a figure may show. The outputs (.html, .pdf) and the temporary
files they are written through are not, or every build would start another.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from argdoc.cli.console import shown
from argdoc.cli.exit_codes import UsageError

# What a paper is made of; a change to anything else in its folder is not a reason to rebuild.
SOURCE_SUFFIXES = frozenset({".arg", ".toml", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".csv"})

# How watchfiles groups a save: a batch ends after STEP_MS without a change, or at DEBOUNCE_MS at
# the latest. Its default (1.6 s at most) is for test runners; a preview should feel immediate.
STEP_MS = 30
DEBOUNCE_MS = 300


def require_watchfiles(command: str) -> None:
    """A UsageError saying how to install watchfiles, when it is missing."""
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        raise UsageError(f"argdoc {command} needs the watchfiles package: pip install 'argdoc[watch]'") from None


def build_line(path: Path, what: str, started: float) -> str:
    """`[14:06:44] paper.arg: built html (84 ms)`: the line printed for each build (started: time.monotonic())."""
    seconds = time.monotonic() - started
    took = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"
    return f"[{time.strftime('%H:%M:%S')}] {shown(path)}: {what} ({took})"


def is_source(path: str) -> bool:
    """Whether a change to `path` can change a paper (see SOURCE_SUFFIXES); hidden files never do."""
    name = Path(path).name
    return not name.startswith(".") and Path(name).suffix.lower() in SOURCE_SUFFIXES


def watched_folders(papers: Iterable[Path]) -> list[Path]:
    """The folders to watch for these papers (files or folders): each paper's folder, none inside another.

    An included chapter must lie inside its paper's folder (compiler.py), so
    watching that folder, recursively, hears every file a paper reads.
    """
    folders = sorted({(p if p.is_dir() else p.parent).resolve() for p in papers})
    return [f for f in folders if not any(f != other and f.is_relative_to(other) for other in folders)]


def saves(
    folders: list[Path], stop: threading.Event | None = None, ready: Callable[[], None] | None = None
) -> Iterator[set[Path]]:
    """Each batch of changed source files under `folders` (absolute paths), until `stop` is set.

    `ready` is called once the folders are being watched (a save from then on
    is heard), which is a little after the first call. Ctrl-C ends the
    iteration with KeyboardInterrupt, as it would any loop.
    """
    from watchfiles import Change, DefaultFilter, watch

    class SourceFilter(DefaultFilter):
        def __call__(self, change: Change, path: str) -> bool:
            return bool(super().__call__(change, path)) and is_source(path)

    batches = watch(
        *folders,
        watch_filter=SourceFilter(),
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        rust_timeout=_IDLE_MS,
        yield_on_timeout=True,  # an empty batch: the watch has started (see `ready`)
    )
    for batch in batches:
        if ready is not None:
            ready()
            ready = None
        if batch:
            yield {Path(path).resolve() for _, path in batch}


# How long watchfiles waits for a change before it says it has none (and so that it is watching).
_IDLE_MS = 300
