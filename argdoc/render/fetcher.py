"""The only way WeasyPrint may read anything while printing a paper.

WeasyPrint's default fetcher follows every URL in the document: `http:` for
images and stylesheets, and `file:` for anything readable, including
`<link rel=attachment href=file:///etc/passwd>`, which embeds the file in the
PDF. argdoc's own HTML references nothing, so the fetcher can be strict:

* `data:` URLs are allowed (they carry their bytes with them);
* `file:` URLs are allowed only for a regular file whose fully resolved path
  (percent-decoded, `..` and symlinks followed) lies inside the paper's folder
  or inside argdoc's own font folder (`argdoc/render/static/fonts`, the fonts
  every paper is set in);
* everything else is refused: other schemes, other files, devices and FIFOs
  (`/dev/urandom` would hang the render), and every file outside those two
  folders (only the fonts when there is no paper folder).

`is_allowed` and `local_file` decide without importing WeasyPrint, so the rules
can be tested on their own. The fetcher class needs WeasyPrint, which argdoc
imports only when a PDF is asked for, so it is built on first use by
`fetcher_class()`.
"""

from __future__ import annotations

import functools
import mimetypes
import os
import stat
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from argdoc.render.fonts import FONT_DIR

# The most a single fetched file may hold: a paper's folder holds figures, not archives.
MAX_FILE_BYTES = 64 * 1024 * 1024


def scheme_of(url: str) -> str:
    return url.split(":", 1)[0].strip().lower() if ":" in url else ""


def allowed_roots(base_dir: Path | str | None) -> tuple[Path, ...]:
    """The folders files may be read from: the paper's (if any), then argdoc's fonts."""
    roots = [] if base_dir is None else [Path(os.path.realpath(base_dir))]
    roots.append(Path(os.path.realpath(FONT_DIR)))
    return tuple(roots)


def local_file(url: str, base_dir: Path | str | None) -> Path | None:
    """The resolved path a `file:` URL names, if it is a regular file inside an allowed root; else None."""
    if scheme_of(url) != "file":
        return None
    try:
        parts = urlsplit(url)
        # file://host/... would name another machine's share (UNC paths on Windows).
        if parts.netloc not in ("", "localhost"):
            return None
        raw = url2pathname(parts.path)  # percent-decodes: %2e%2e/ becomes ../
        if "\x00" in raw or not os.path.isabs(raw):
            return None
        resolved = Path(os.path.realpath(raw))
        inside = any(resolved.is_relative_to(root) for root in allowed_roots(base_dir))
        # is_file() follows nothing further: realpath has already resolved every link.
        if inside and resolved.is_file():
            return resolved
    except (OSError, ValueError):
        pass
    return None


def is_allowed(url: str, base_dir: Path | str | None) -> bool:
    """Whether the sandbox lets WeasyPrint read `url` for a paper in base_dir."""
    return scheme_of(url) == "data" or local_file(url, base_dir) is not None


def read_regular_file(path: Path) -> bytes:
    """Read a file checked by `local_file`, re-checking the opened file itself.

    The path could be swapped (for a symlink or a FIFO) between the check and
    the open: O_NOFOLLOW refuses a final symlink, O_NONBLOCK keeps a FIFO from
    hanging the open, and fstat on the open descriptor decides.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise PermissionError(f"not a regular file: {path}")
        if info.st_size > MAX_FILE_BYTES:
            raise PermissionError(f"larger than {MAX_FILE_BYTES} bytes: {path}")
        return handle.read(MAX_FILE_BYTES + 1)[:MAX_FILE_BYTES]


@functools.cache
def fetcher_class() -> type[Any]:
    """The WeasyPrint URLFetcher subclass that enforces `is_allowed` (imports WeasyPrint)."""
    from weasyprint.urls import (  # type: ignore[import-untyped]
        URLFetcher,
        URLFetcherResponse,
        URLFetchingError,
    )

    class SandboxedFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        """Allows `data:` URLs and regular files inside base_dir or argdoc's fonts; refuses everything else.

        A refusal raises URLFetchingError: WeasyPrint logs it as an error and
        goes on without the resource (or stops, with `fail_on_errors=True`).
        """

        def __init__(self, base_dir: Path | str | None, **kwargs: Any) -> None:
            # Only the data: handler of the base class is ever used; limiting its
            # protocols as well means a bug here cannot reopen the network.
            super().__init__(allowed_protocols=("data",), allow_redirects=False, **kwargs)
            self.base_dir = None if base_dir is None else Path(base_dir)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if scheme_of(url) == "data":
                return super().fetch(url, headers)
            path = local_file(url, self.base_dir)
            if path is None:
                raise URLFetchingError(f"argdoc refused to fetch {url!r}: outside the paper's folder")
            try:
                body = read_regular_file(path)
            except OSError as error:
                raise URLFetchingError(f"argdoc refused to fetch {url!r}: {error}") from error
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), body, {"Content-Type": content_type})

    return SandboxedFetcher


def sandboxed_fetcher(base_dir: Path | str | None, **kwargs: Any) -> Any:
    """A fetcher for a paper in base_dir (None: data: URLs and argdoc's fonts only); kwargs go to URLFetcher."""
    return fetcher_class()(base_dir, **kwargs)
