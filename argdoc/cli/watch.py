"""`argdoc watch`: build papers as `argdoc build` does, then again at every save, until Ctrl-C.

Each build is build_one's (argdoc.cli.build_jobs): compiled, judged and
rendered in memory, written atomically only when everything succeeded. So a
save with a mistake in it prints its diagnostics and leaves the last good
HTML and PDF where they were; the next good save replaces them. Nothing a
paper holds ends the watch: only Ctrl-C (or SIGTERM) does.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from argdoc.cli import build, live
from argdoc.cli.commands import Command
from argdoc.cli.console import Console, shown, shown_prose
from argdoc.cli.exit_codes import EXIT_OK
from argdoc.config import ConfigError

if TYPE_CHECKING:
    from argdoc.cli.build_jobs import BuildJob, BuildReport


def arguments(watch: argparse.ArgumentParser) -> None:
    build.paper_arguments(watch)


@dataclass
class Watch:
    """The papers being watched, and the files each read at its last build."""

    args: argparse.Namespace
    console: Console
    read: dict[Path, set[Path]] = field(default_factory=dict)  # paper → the files it read

    def jobs(self) -> list[BuildJob]:
        """The papers the PATHs name now (a folder may have gained one), with today's lint configuration."""
        jobs, _ = build.make_jobs(self.args, self.console)
        return jobs

    def build_all(self) -> None:
        for job in self.jobs():
            self.build(job)

    def rebuild(self, changed: set[Path]) -> None:
        """Build the papers a batch of changes concerns.

        A paper is rebuilt when it read a changed file; a change that no paper
        read (a new chapter, argdoc.toml, an image) rebuilds every paper in
        whose folder it happened.
        """
        known = set().union(*self.read.values()) if self.read else set()
        unknown = changed - known
        for job in self.jobs():
            paper = job.path.resolve()
            mine = self.read.get(paper, {paper})
            if changed & mine or any(c.is_relative_to(paper.parent) for c in unknown):
                self.build(job)

    def build(self, job: BuildJob) -> None:
        from argdoc.cli.build_jobs import build_one

        started = time.monotonic()
        try:
            report = build_one(job)
        except Exception as exc:  # a bug must not end the writer's session; say so and go on
            self._line(job.path, f"internal error: {type(exc).__name__}: {shown_prose(str(exc))}", started)
            return
        self.read[job.path.resolve()] = {p.resolve() for p in report.read} | {job.path.resolve()}
        for message in report.messages:
            print(message, file=sys.stderr)
            print(file=sys.stderr)
        self._line(job.path, _outcome(report, job), started)

    def _line(self, path: Path, what: str, started: float) -> None:
        self.console.info(live.build_line(path, what, started))


def _outcome(report: BuildReport, job: BuildJob) -> str:
    if not report.failed:
        return "built " + ", ".join(job.formats)
    kept = [job.output(fmt) for fmt in job.formats]
    kept = [p for p in kept if p.exists()]
    if kept:
        return f"not built (see above); kept the last good {', '.join(shown(p.name) for p in kept)}"
    return "not built (see above); nothing written yet"


def run(args: argparse.Namespace, console: Console) -> int:
    live.require_watchfiles("watch")
    watch = Watch(args, console)
    folders = live.watched_folders(Path(p) for p in args.paths)
    watch.build_all()
    listening = f"watching {', '.join(shown(f) for f in folders)} for changes (Ctrl-C to stop)"
    try:
        for changed in live.saves(folders, ready=lambda: watch.console.info(listening)):
            try:
                watch.rebuild(changed)
            except ConfigError as exc:  # a half-written argdoc.toml: wait for the next save
                print(f"argdoc: configuration error: {shown_prose(str(exc))}", file=sys.stderr)
    except KeyboardInterrupt:
        console.info("stopped watching")
    return EXIT_OK


COMMAND = Command(
    "build papers, then rebuild them at every save",
    "Build .arg files (or every .arg file under a directory) as 'argdoc build' does, then watch "
    "their folders and rebuild a paper whenever it, a chapter it includes, an image or the lint "
    "configuration is saved. One line per build, with its time. A save with errors prints the "
    "diagnostics and keeps the last good outputs; the watch goes on until Ctrl-C.",
    arguments,
    run,
)
