"""`argdoc serve`: a live preview of one paper on 127.0.0.1, rebuilt at every save, until Ctrl-C.

The page (argdoc.preview) reloads itself when a save has been built; when
the paper has errors they are shown over the last good render. The server
answers in threads of its own; this thread watches the paper's folder
(argdoc.cli.live) and rebuilds, one line per build, as `argdoc watch` does.
"""

from __future__ import annotations

import argparse
import errno
import threading
import time
from pathlib import Path

from argdoc.cli import build, live
from argdoc.cli.argument_types import at_least
from argdoc.cli.commands import Command
from argdoc.cli.console import Console, shown
from argdoc.cli.exit_codes import EXIT_OK, UsageError
from argdoc.cli.lint_configs import LintConfigs
from argdoc.config import ConfigError
from argdoc.preview import Preview, PreviewServer

DEFAULT_PORT = 8000


def arguments(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("path", type=Path, metavar="PATH", help="the .arg file to preview")
    serve.add_argument(
        "--port",
        type=at_least(0),
        default=DEFAULT_PORT,
        metavar="N",
        help=f"port on 127.0.0.1 (default: {DEFAULT_PORT}; 0 picks a free one)",
    )
    serve.add_argument("--config", type=Path, metavar="FILE", help="lint configuration file (default: nearest)")
    # The page and its PDF look as `argdoc build` with the same options makes them.
    build.render_arguments(serve)


def run(args: argparse.Namespace, console: Console) -> int:
    from argdoc.render.options import RenderOptions

    live.require_watchfiles("serve")
    path: Path = args.path
    if str(path) == "-" or path.is_dir() or not path.is_file():
        raise UsageError(f"{shown(path)}: give one .arg file to preview")
    options = RenderOptions(
        page_size=args.page_size,
        base_dir=path.parent.resolve(),
        fallback_title=path.stem,
        **build.render_settings(args),  # type: ignore[arg-type]
    )
    preview = Preview(path, options, LintConfigs(args.config).for_file(path))
    try:
        server = PreviewServer(preview, args.port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {args.port} is in use: choose another with --port N (0 picks a free one)") from None
        raise
    threading.Thread(target=server.serve_forever, name="argdoc-preview", daemon=True).start()
    try:
        _build(preview, console)
        console.info(f"previewing {shown(path)} at {server.url} (Ctrl-C to stop)")
        folders = live.watched_folders([path])
        for _ in live.saves(folders, ready=lambda: console.info("watching for changes")):
            _reconfigure(preview, args.config, console)
            _build(preview, console)
    except KeyboardInterrupt:
        console.info("stopped the preview")
    finally:
        server.shutdown()
        server.server_close()
    return EXIT_OK


def _reconfigure(preview: Preview, config: Path | None, console: Console) -> None:
    """Read the lint configuration again (it may be what was saved); a broken one keeps the last."""
    try:
        preview.config = LintConfigs(config).for_file(preview.path)
    except ConfigError as exc:
        console.warning(f"configuration error, the last good configuration is used: {exc}")


def _build(preview: Preview, console: Console) -> None:
    started = time.monotonic()
    try:
        built = preview.rebuild()
        what = "built" if built else "not built (the problems are shown over the page)"
    except Exception as exc:  # a bug must not end the writer's session
        what = f"internal error: {type(exc).__name__}: {exc}"
    console.info(live.build_line(preview.path, what, started))


COMMAND = Command(
    "preview a paper in the browser, live",
    "Serve a live preview of one .arg file on 127.0.0.1 (never on another address). The page "
    "reloads itself when the paper, a chapter, an image or the lint configuration is saved; when "
    "the paper has errors they are shown over the last good render. The PDF is made when asked "
    "for, from the page's PDF link. Only the paper's own page, PDF and event stream are served, "
    "and only to requests for 127.0.0.1 or localhost. Needs the watch extra: "
    "pip install 'argdoc[watch]'.",
    arguments,
    run,
)
