"""Where argdoc keeps what it can reuse between runs: the analysed grammar and compiled templates.

Both are code argdoc loads and runs (a pickle, marshalled bytecode), so they
live in a folder of the user's own, never the shared temporary folder, where
another user could plant a file: ARGDOC_CACHE_DIR, else XDG_CACHE_HOME/argdoc,
else ~/.cache/argdoc, created with mode 0700. A folder that another user owns,
or that a group or everyone may write to, is not used. ARGDOC_NO_CACHE=1 turns
caching off; an unusable folder (read-only home, say) just means no cache.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """argdoc's cache folder, created if need be; None when caching is off or impossible."""
    if os.environ.get("ARGDOC_NO_CACHE"):
        return None
    base = os.environ.get("ARGDOC_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "argdoc"
    )
    try:
        os.makedirs(base, mode=0o700, exist_ok=True)
        private = _private(base)
    except OSError:
        return None
    return Path(base) if private else None


def _private(folder: str) -> bool:
    """Whether only this user can put files in the folder (and can do so)."""
    if not os.access(folder, os.W_OK):
        return False
    if not hasattr(os, "geteuid"):  # Windows: no POSIX owner and mode to check
        return True
    status = os.stat(folder)
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022
