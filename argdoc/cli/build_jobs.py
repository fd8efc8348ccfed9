"""The work of `argdoc build`: compile, lint, render and write each paper; many papers on all cores.

The command (argdoc.cli.build) reads the command line and makes one BuildJob
per paper; this module does the jobs and reports on each. Everything of a
paper is compiled and rendered in memory first, and written (atomically)
only when every requested format succeeded, so a failed build leaves the
earlier outputs as they were. Jobs run in a process pool; reports come back
in input order, so the output reads the same however many workers there are.

A signal stops the pool at once: the parent stops its workers before it says
so, and a worker whose parent was killed outright notices and stops; either
way a job is unwound (its temporary file removed) and nothing more is written.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from argdoc import codes
from argdoc.cli.console import shown, shown_diagnostic
from argdoc.cli.exit_codes import EXIT_TERMINATED
from argdoc.cli.outputs import write_failure
from argdoc.cli.verdict import judge
from argdoc.compiler import MAX_BYTES, Result, compile_file
from argdoc.diagnostics import Diagnostic, make
from argdoc.diagnostics import format_text as format_diagnostic
from argdoc.lint import LintConfig
from argdoc.output import write_atomic
from argdoc.render.options import PageSize, RenderOptions
from argdoc.source import SourceFile, Span

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

    from argdoc.nodes import Paper


@dataclass(frozen=True)
class BuildJob:
    """One paper to build, and how."""

    path: Path
    target: Path
    formats: tuple[str, ...]
    config: LintConfig
    page_size: PageSize = "A4"
    strict: bool = False
    max_bytes: int = MAX_BYTES
    colour: bool = False
    render: dict[str, object] = field(default_factory=dict)
    name: str | None = None  # the outputs' file name without suffix (`-o brief.pdf`); default: the paper's

    def output(self, fmt: str) -> Path:
        """Where the output in a format is written."""
        return self.target / f"{self.name or self.path.stem}.{fmt}"


@dataclass
class BuildReport:
    """What became of one job: diagnostics (already formatted), files written, failure."""

    path: Path
    messages: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    failed: bool = False
    note: str | None = None
    read: list[Path] = field(default_factory=list)  # the paper's files (it and its chapters), for `watch`


def build_one(job: BuildJob) -> BuildReport:
    report = BuildReport(job.path)
    result = compile_file(job.path, job.max_bytes)
    report.read = [Path(p) for p in result.sources if p != "<stdin>"]
    verdict = judge(result, job.config, job.strict)
    report.messages = [
        format_diagnostic(shown_diagnostic(d), result.source_of(d.path), colour=job.colour) for d in verdict.reported
    ]
    if verdict.refused:
        errors = any(d.is_error for d in verdict.fatal) or result.paper is None
        reason = "errors" if errors else "warnings, with --strict"
        report.failed, report.note = True, f"{shown(job.path)}: not built (fix the {reason} above)"
        return report
    try:
        products = _render(result, job)
    except Exception as exc:  # a renderer failure is this paper's failure, not the whole run's
        report.failed = True
        report.messages.append(
            format_diagnostic(shown_diagnostic(_render_failure(job.path, exc)), None, colour=job.colour)
        )
        return report
    for fmt, data in products:
        out = job.output(fmt)
        try:
            write_atomic(out, data)
        except OSError as exc:
            report.failed = True
            report.messages.append(
                format_diagnostic(shown_diagnostic(write_failure(out, exc)), None, colour=job.colour)
            )
            return report
        report.written.append(out)
    return report


def _render(result: Result, job: BuildJob) -> list[tuple[str, bytes | list[str]]]:
    """Every requested format, in memory: nothing is written unless all succeed.

    The HTML stays in pieces (render_html_pieces): a large page is written
    without ever being one string.
    """
    from argdoc.api import render_pdf
    from argdoc.render.html import render_html_pieces

    assert result.paper is not None
    options = RenderOptions(
        page_size=job.page_size,
        base_dir=job.path.parent.resolve(),
        fallback_title=job.path.stem,
        **job.render,  # type: ignore[arg-type]
    )
    paper = result.paper
    renderers: dict[str, Callable[[], bytes | list[str]]] = {
        "html": lambda: render_html_pieces(paper, options),
        "pdf": lambda: render_pdf(paper, options),
        "docx": lambda: _render_docx(paper, options),
    }
    return [(fmt, renderers[fmt]()) for fmt in job.formats]


def _render_docx(paper: Paper, options: RenderOptions) -> bytes:
    # Imported only for a Word build: it brings in the Markdown export, which HTML and PDF do not need.
    from argdoc.render.docx import render_docx

    return render_docx(paper, options)


def _render_failure(path: Path, exc: Exception) -> Diagnostic:
    """A renderer failure; a broken user template is named with its own file and line."""
    filename = getattr(exc, "filename", None)
    lineno = getattr(exc, "lineno", None)
    if type(exc).__module__.startswith("jinja2") and filename:
        source = SourceFile(str(filename), "")
        span = Span(line=lineno or 1, column=1, end_line=lineno or 1, end_column=1)
        return make(
            codes.RENDER_FAILED,
            f"template error: {getattr(exc, 'message', exc)}",
            source,
            span,
            hint="fix the template (argdoc's own templates are tested; check your --templates folder)",
        )
    source = SourceFile(str(path), "")
    span = Span(line=1, column=1, end_line=1, end_column=1)
    message = str(exc) or type(exc).__name__
    return make(
        codes.RENDER_FAILED,
        f"rendering failed: {message}",
        source,
        span,
        hint="this is likely a bug in argdoc; please report it with the file",
    )


def workers_for(jobs: int, requested: int | None) -> int:
    """How many processes: as asked, else one per core; never more than there are jobs."""
    wanted = requested if requested is not None else (os.cpu_count() or 1)
    return max(1, min(wanted, jobs))


def build_all(
    jobs: Sequence[BuildJob], workers: int, progress: Callable[[int, int, Path], None] | None = None
) -> Generator[BuildReport, None, None]:
    """Build every job, `workers` at a time, yielding reports in input order.

    An exception that passes through (SIGTERM raised as an exception, Ctrl-C),
    or closing the iterator early, stops the workers before it goes on: their
    jobs are interrupted, nothing more is written (see the worker's side below).
    """
    if workers <= 1 or len(jobs) <= 1:
        for done, job in enumerate(jobs, 1):
            report = build_one(job)
            if progress:
                progress(done, len(jobs), report.path)
            yield report
        return
    # Imported here: a process pool (multiprocessing) costs every build ~7 ms to import.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import active_children

    earlier = set(active_children())
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_starts, initargs=(os.getpid(),))
    mine: list[BaseProcess] = []
    try:
        futures = [pool.submit(_build_in_worker, job) for job in jobs]
        mine = [p for p in active_children() if p not in earlier]  # every worker is started by now
        for done, future in enumerate(futures, 1):
            report = future.result()
            if progress:
                progress(done, len(jobs), report.path)
            yield report
    except BaseException:
        _stop(pool, mine)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor, workers: list[BaseProcess]) -> None:
    """Drop the jobs not started and stop the workers now; a worker that does not stop within seconds is killed."""
    # A second Ctrl-C or SIGTERM would interrupt the stopping itself; it is held until this is done.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.terminate()
        deadline = time.monotonic() + _STOP_SECONDS
        for worker in workers:
            worker.join(max(deadline - time.monotonic(), 0))
        for worker in workers:
            if worker.is_alive():
                worker.kill()
                worker.join()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


_STOP_SECONDS = 5


# --- the worker's side --------------------------------------------------------------
#
# A worker stops when the parent sends SIGTERM (see _stop) and when the parent is
# gone (killed with SIGKILL, it could not say so). Either way it stops quietly:
# a job being built is unwound, so that write_atomic removes its temporary file,
# and the process ends without a traceback. Each worker has its own process group,
# so that a signal to the parent's group (Ctrl-C in a terminal, `timeout`) reaches
# the parent alone, which then stops the workers in this order; and it ignores
# SIGINT for the same reason.


class _Stopped(BaseException):
    """Raised in a worker's job by SIGTERM, to unwind it."""


_job_running = False


def _worker_starts(parent: int) -> None:
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm_in_worker)
    threading.Thread(target=_watch_parent, args=(parent,), name="argdoc-watch-parent", daemon=True).start()


def _on_sigterm_in_worker(signum: int, frame: object) -> None:
    if _job_running:
        raise _Stopped
    os._exit(EXIT_TERMINATED)  # waiting for a job: nothing to unwind


def _build_in_worker(job: BuildJob) -> BuildReport:
    global _job_running
    _job_running = True
    try:
        return build_one(job)
    except _Stopped:
        os._exit(EXIT_TERMINATED)
    finally:
        _job_running = False


def _watch_parent(parent: int) -> None:
    """Stop this worker once its parent is gone (it is then adopted, and has another parent)."""
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    # To the main thread, so that a job is unwound and a wait for the next job is interrupted.
    signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGTERM)


_WATCH_SECONDS = 0.2
