"""Measure argdoc against the targets of issue #6 and write docs/performance.md.

    .venv/bin/python benchmarks/run.py            # the full run (about half an hour)
    .venv/bin/python benchmarks/run.py --quick    # stop at 10,000 statements

What it measures, all in one run on this machine:

1. Whole-process times of `argdoc lint`, `argdoc build --format html` and
   `argdoc build --format pdf` on the reference paper (examples/russia-iran.arg),
   with hyperfine when it is installed (else a fresh process per run, timed here).
2. Per-stage in-process times (parse, tree, resolve, lint, HTML, PDF; JSON, Argdown
   and fmt as extras) of generated papers of 1,000, 10,000 and 100,000 statements,
   each size in a fresh process (benchmarks/stages.py).
3. Whole-process `argdoc lint` and `build --format html` at 10,000 and 100,000
   statements, and their peak resident memory (`ru_maxrss` of the child, from wait4).
4. Argdown's CLI (@argdown/cli) on argdoc's Argdown export of the same paper, its
   `json` and `html` exports against argdoc's `export --to json` and
   `build --format html`, at 100 and 5,000 statements.
5. WeasyPrint's own CLI on argdoc's HTML, against `argdoc build --format pdf`.
6. A cProfile summary of every missed target (benchmarks/profiles/), and
   `python -X importtime` of the lint path.
7. The adversarial shapes (`generate.py --shape chain|cycle`): each rule that walks
   the relation graph alone (`argdoc lint --select RULE`) on its worst case, beside
   `argdoc check` of the same paper.

Medians are reported with the spread (min-max) of the runs. Raw numbers go to
benchmarks/results/latest.json and hyperfine's exports to benchmarks/results/hyperfine/.
"""

from __future__ import annotations

import argparse
import datetime
import fcntl
import io
import json
import os
import platform
import pstats
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "results"
PROFILES = BENCH / "profiles"
GAPS = BENCH / "gaps.md"
DOC = ROOT / "docs" / "performance.md"
REFERENCE = ROOT / "examples" / "russia-iran.arg"
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
ARGDOC = str(VENV_BIN / "argdoc") if (VENV_BIN / "argdoc").exists() else "argdoc"
WEASYPRINT = str(VENV_BIN / "weasyprint") if (VENV_BIN / "weasyprint").exists() else "weasyprint"
ARGDOWN_CANDIDATES = (
    BENCH / "node_modules" / ".bin" / "argdown",
    ROOT / "tests" / "node" / "node_modules" / ".bin" / "argdown",
)
SEED = 1
# Where the argdoc package being measured lives: the working tree, or a `--rev` export of it.
source_root = ROOT
MB = 1_000_000
BUSY_LOAD = 1.5  # a 1-minute load average above this means something else was running
IDLE_LOAD = 0.5
# No more repeats of one size's stages once this many seconds have gone (there is always one).
STAGE_BUDGET_S = 600
# At 100,000 statements a command runs once more (hyperfine) only if its first run took less than
# this many times the 10,000-statement median: beyond, the growth target is missed by far, and
# more runs of a super-linear command would take hours.
FAR_OVER = 2 * 11
GROWTH_PROFILE_SIZE = 30_000
TIMES = "\u00d7"  # the multiplication sign
DASH = "\u2013"  # an en dash, for ranges

# The targets of issue #6.
LINT_REFERENCE_S = 0.150
HTML_REFERENCE_S = 0.250
PDF_OVER_WEASYPRINT = 1.1
LINT_10K_S = 1.0
HTML_10K_S = 2.0
MEMORY_10K_BYTES = 500 * MB
GROWTH_100K_OVER_10K = 11.0
OVER_ARGDOWN = 5.0
# `argdoc build DIR` of this many papers (of FOLDER_STATEMENTS each) uses both cores when its CPU
# time is at least this many times its wall-clock time with two workers.
FOLDER_PAPERS = 200
FOLDER_STATEMENTS = 20
BOTH_CORES = 1.5
# The worst case of each rule that walks the relation graph (issue #9): shape, statements, rule.
# A rule that walks again from every claim is quadratic on them; a near-linear one stays near `check`.
ADVERSARIAL = (
    ("chain", 4_000, "single-source-dependency"),
    ("chain", 20_000, "single-source-dependency"),
    ("chain", 100_000, "support-cycle"),
    ("cycle", 100_000, "support-cycle"),
)
# An adversarial command runs once more only if its first run took less than this (a quadratic
# rule takes minutes there).
ADVERSARIAL_ONE_RUN_S = 30.0


# --- timing ----------------------------------------------------------------------


@dataclass
class Timing:
    """Wall-clock seconds of repeated runs of one thing, and the CPU seconds (user + system) of a run."""

    name: str
    times: list[float]
    cpu: float  # hyperfine reports the mean; without it, the median of the runs
    command: str = ""
    method: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def low(self) -> float:
        return min(self.times)

    @property
    def high(self) -> float:
        return max(self.times)


@dataclass
class Runner:
    """Runs commands in fresh processes and times them (hyperfine when present)."""

    work: Path
    hyperfine: str | None
    log: Callable[[str], None]
    timings: dict[str, Timing] = field(default_factory=dict)
    loads: list[float] = field(default_factory=list)  # the 1-minute load average before each measurement

    def time(self, name: str, command: Sequence[str], runs: int, warmup: int = 1) -> Timing:
        self.log(f"  {name}: {runs} runs of {shlex.join(command)}")
        self.loads.append(os.getloadavg()[0])
        if self.hyperfine:
            times, cpu = self._hyperfine(name, command, runs, warmup)
            method = "hyperfine"
        else:
            for _ in range(warmup):
                run_checked(command)
            runs_ = [wait4(command) for _ in range(runs)]
            times, cpu = [r.wall for r in runs_], statistics.median(r.cpu for r in runs_)
            method = "fresh process per run (wait4)"
        return self.record(name, command, times, cpu, method)

    def record(self, name: str, command: Sequence[str], times: list[float], cpu: float, method: str) -> Timing:
        timing = Timing(name, times, cpu, shlex.join(_relative(command)), method)
        self.timings[name] = timing
        self.log(f"    median {seconds(timing.median)} ({seconds(timing.low)}-{seconds(timing.high)}, {method})")
        return timing

    def _hyperfine(self, name: str, command: Sequence[str], runs: int, warmup: int) -> tuple[list[float], float]:
        assert self.hyperfine is not None
        export = RESULTS / "hyperfine" / f"{slug(name)}.json"
        export.parent.mkdir(parents=True, exist_ok=True)
        args = [self.hyperfine, "--shell=none", "--style", "none", "--export-json", str(export)]
        args += ["--warmup", str(warmup), "--runs", str(runs), shlex.join(command)]
        done = subprocess.run(args, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"hyperfine failed on {shlex.join(command)}:\n{done.stdout}{done.stderr}")
        result = json.loads(export.read_text())["results"][0]
        return result["times"], result["user"] + result["system"]


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds
    peak_rss: int  # bytes


def wait4(command: Sequence[str]) -> Run:
    """Run a command once: its wall-clock and CPU seconds and its peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{shlex.join(command)} failed ({process.returncode}):\n{errors.decode(errors='replace')}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)  # Linux: ru_maxrss in KiB


def run_checked(command: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise SystemExit(f"{shlex.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done


def _relative(command: Sequence[str]) -> list[str]:
    """A command as a reader would type it: paths inside the repository made relative."""
    out = []
    for part in command:
        if part.startswith(str(ROOT) + "/"):
            part = os.path.relpath(part, ROOT)
        out.append(re.sub(r"/tmp/argdoc-bench-[^/]+/", "", part))
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- formatting --------------------------------------------------------------------


def seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.0f} ms" if value >= 0.0095 else f"{value * 1000:.1f} ms"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def spread(timing: Timing) -> str:
    return f"{seconds(timing.median)} ({seconds(timing.low)}{DASH}{seconds(timing.high)}, n={len(timing.times)})"


def megabytes(value: float) -> str:
    return f"{value / MB:,.0f} MB"


def count(n: int) -> str:
    return f"{n:,}"


def ratio(value: float) -> str:
    return f"{value:.2f}{TIMES}" if value < 10 else f"{value:.1f}{TIMES}"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


# --- machine ---------------------------------------------------------------------


def machine(measured: str) -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with open("/proc/meminfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) * 1024 / 1e9:.1f} GB"
    python = run_checked([PYTHON, "-c", "import sys; print(sys.version.split()[0])"]).stdout.strip()
    versions = run_checked(
        [
            PYTHON,
            "-c",
            "import importlib.metadata as m; print(*(m.version(p) for p in ('argdoc', 'lark', 'weasyprint', 'jinja2',"
            " 'pydantic')))",
        ]
    ).stdout.split()
    node = shutil.which("node")
    return {
        "CPU": f"{cpu} ({os.cpu_count()} cores)",
        "Memory": memory,
        "OS": _os_name(),
        "Python": python,
        "argdoc": f"{versions[0]}, {measured}",
        "Lark / WeasyPrint / Jinja2 / pydantic": " / ".join(versions[1:]),
        "Node": run_checked([node, "--version"]).stdout.strip() if node else "not installed",
        "Date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def prepare(work: Path, rev: str | None) -> str:
    """Set up the environment of every child process; describe the argdoc being measured.

    argdoc/ and grammar/ are copied into the work directory and put first on
    PYTHONPATH, so edits made to the tree while the benchmark runs do not mix
    versions; with `rev`, that git revision is exported (`git archive`) instead.
    Bytecode is cached under the work directory, never in the repository, so
    warm-up runs leave compiled modules for the timed ones (as in normal use),
    whatever PYTHONDONTWRITEBYTECODE says.
    """
    global source_root
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    os.chdir(work)  # `python -m` puts the current directory first on sys.path: not the repository
    snapshot = work / "src"
    snapshot.mkdir()
    if rev is None:
        for folder in ("argdoc", "grammar"):
            shutil.copytree(ROOT / folder, snapshot / folder, ignore=shutil.ignore_patterns("__pycache__"))
        dirty = _git("status", "--porcelain", "--", "argdoc", "grammar")
        measured = f"working tree at commit {_git('rev-parse', '--short=12', 'HEAD')}"
        measured += " plus uncommitted changes (copied at the start of the run)" if dirty else ""
    else:
        commit = _git("rev-parse", "--short=12", rev)
        archive = subprocess.run(["git", "archive", commit, "argdoc", "grammar"], cwd=ROOT, capture_output=True)
        if archive.returncode != 0:
            raise SystemExit(f"git archive {rev} failed: {archive.stderr.decode(errors='replace')}")
        subprocess.run(["tar", "-x", "-C", str(snapshot)], input=archive.stdout, check=True)
        measured = f"commit {commit} (`--rev {rev}`, exported with git archive)"
    os.environ["PYTHONPATH"] = str(snapshot)
    imported = run_checked([PYTHON, "-c", "import argdoc; print(argdoc.__file__)"]).stdout.strip()
    if not imported.startswith(str(snapshot)):
        raise SystemExit(f"argdoc is imported from {imported}, not from the copy in {snapshot}")
    source_root = snapshot
    # Fail now, not half an hour in, if this argdoc cannot build the reference paper.
    run_checked([ARGDOC, "build", str(REFERENCE), "--format", "html,pdf", "-o", str(work / "check")])
    return measured


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _os_name() -> str:
    try:
        release = platform.freedesktop_os_release()["PRETTY_NAME"]
    except OSError:
        release = platform.system()
    return f"{release}, kernel {platform.release()}"


# --- papers ------------------------------------------------------------------------


def generate(statements: int, work: Path, shape: str = "realistic") -> Path:
    path = work / (f"paper-{statements}.arg" if shape == "realistic" else f"{shape}-{statements}.arg")
    if not path.exists():
        with path.open("w", encoding="utf-8") as out:
            command = [PYTHON, str(BENCH / "generate.py"), "--statements", str(statements), "--seed", str(SEED)]
            subprocess.run(
                [*command, "--shape", shape],
                stdout=out,
                check=True,
            )
    return path


def weasyprint_floor(paper: Path, work: Path) -> list[str]:
    """WeasyPrint's CLI on the very HTML (and fonts, and PDF variant) argdoc typesets for a paper."""
    html = work / f"print-{paper.stem}.html"
    run_checked([PYTHON, str(BENCH / "print_html.py"), str(paper), str(html)])
    return [WEASYPRINT, str(html), str(work / "wp.pdf"), "--pdf-variant", "pdf/ua-1"]


def generate_folder(work: Path) -> Path:
    """FOLDER_PAPERS small papers, each from its own seed, in one folder."""
    folder = work / "papers"
    folder.mkdir(exist_ok=True)
    for index in range(FOLDER_PAPERS):
        path = folder / f"paper-{index:03}.arg"
        with path.open("w", encoding="utf-8") as out:
            subprocess.run(
                [PYTHON, str(BENCH / "generate.py"), "--statements", str(FOLDER_STATEMENTS), "--seed", str(index + 1)],
                stdout=out,
                check=True,
            )
    return folder


def progress_updates(folder: Path, out: Path) -> tuple[int, int]:
    """How many progress-bar updates `argdoc build DIR` writes on a terminal (a pty) and when piped."""
    import pty

    command = [ARGDOC, "build", str(folder), "--format", "html", "-o", str(out), "-j", "2"]
    controller, terminal = pty.openpty()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal)
    os.close(terminal)
    seen = bytearray()
    while True:
        try:
            data = os.read(controller, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        seen.extend(data)
    os.close(controller)
    if process.wait() != 0:
        raise SystemExit(f"{shlex.join(command)} failed on a terminal:\n{seen.decode(errors='replace')}")
    piped = run_checked(command)
    return seen.count(b"\r"), (piped.stdout + piped.stderr).count("\r")


def argdown_cli() -> str | None:
    for candidate in ARGDOWN_CANDIDATES:
        if candidate.exists():
            return str(candidate)
    return shutil.which("argdown")


# --- profiles ------------------------------------------------------------------------


@dataclass
class Profile:
    """What a cProfile run of one command spent its time on."""

    name: str
    command: str
    total: float
    imports: float  # time inside imports (loading modules and running their top-level code)
    by_package: list[tuple[str, float]]
    by_tottime: list[tuple[str, float, int]]
    by_cumulative: list[tuple[str, float, int]]  # argdoc's own functions


_ADDRESS = re.compile(r" at 0x[0-9a-f]+")
# Built-ins that run while modules load: reading bytecode, executing module bodies, creating classes.
_IMPORT_BUILTINS = re.compile(r"marshal\.|_imp\.|builtins\.(exec|compile|__build_class__)>")


def profile(name: str, args: Sequence[str], log: Callable[[str], None]) -> Profile:
    """Run `argdoc ARGS` under cProfile; keep the .prof and a text summary in benchmarks/profiles/."""
    PROFILES.mkdir(parents=True, exist_ok=True)
    out = PROFILES / f"{name}.prof"
    command = [PYTHON, "-m", "cProfile", "-o", str(out), "-m", "argdoc", *args]
    log(f"  profile {name}: {shlex.join(_relative(command))}")
    run_checked(command)
    stats = pstats.Stats(str(out))
    text = io.StringIO()
    report = pstats.Stats(str(out), stream=text)
    report.sort_stats("cumulative").print_stats(40)
    report.sort_stats("tottime").print_stats(40)
    (PROFILES / f"{name}.txt").write_text(
        f"# {shlex.join(_relative(['python', '-m', 'cProfile', '-m', 'argdoc', *args]))}\n"
        + re.sub(r"^.*?(?=\s+\d+ function calls)", "", text.getvalue(), count=1, flags=re.S),
        encoding="utf-8",
    )
    return summarise(name, shlex.join(_relative(["argdoc", *args])), stats)


def summarise(name: str, command: str, stats: pstats.Stats) -> Profile:
    entries: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    total: float = stats.total_tt  # type: ignore[attr-defined]
    packages: dict[str, float] = defaultdict(float)
    for key, (_, _, tottime, _, _) in entries.items():
        packages[package_of(key)] += tottime
    imports = max((v[3] for k, v in entries.items() if k[2] == "_find_and_load"), default=0.0)
    by_tottime = sorted(entries.items(), key=lambda item: -item[1][2])[:10]
    # argdoc's functions by cumulative time: where a fix would go. Wrappers that cover (nearly)
    # everything, and callees that take the same time as the entry above them, say nothing new.
    by_cumulative: list[tuple[str, float, int]] = []
    for key, value in sorted(entries.items(), key=lambda item: -item[1][3]):
        if not package_of(key).startswith("argdoc") or value[3] > 0.97 * total or key[2] == "<module>":
            continue
        if by_cumulative and by_cumulative[-1][1] - value[3] < 0.005 * total:
            continue
        by_cumulative.append((label(key), value[3], value[1]))
        if len(by_cumulative) == 10:
            break
    return Profile(
        name,
        command,
        total,
        imports,
        sorted(packages.items(), key=lambda item: -item[1])[:10],
        [(label(key), value[2], value[1]) for key, value in by_tottime],
        by_cumulative,
    )


def package_of(key: tuple[str, int, str]) -> str:
    """Where a profiled function lives: `argdoc.<module>`, a third-party package, stdlib or the import system."""
    file, _, function = key
    if file == "~":
        if _IMPORT_BUILTINS.search(function):
            return "imports"
        match = re.search(r"method '(\w+)' of '(\w+)", function)
        if match:
            return f"built-in {match.group(2)}.{match.group(1)}"
        return "built-in " + _ADDRESS.sub("", function).strip("<>").replace("built-in method ", "")
    if "importlib" in file or file.startswith("<frozen"):
        return "imports"
    package = source_root / "argdoc"
    if file.startswith(str(package)):
        return "argdoc." + Path(file).relative_to(package).with_suffix("").as_posix().replace("/", ".")
    match = re.search(r"site-packages/([^/]+)", file)
    if match:
        return match.group(1).removesuffix(".py")
    match = re.search(r"/python3\.\d+/(.+?)(?:/|\.py)", file)
    if match:
        return "stdlib " + match.group(1)
    return file


def label(key: tuple[str, int, str]) -> str:
    file, line, function = key
    if file == "~":
        return _ADDRESS.sub("", function)
    for base in ("site-packages/", str(source_root) + "/", str(ROOT) + "/"):
        if base in file:
            file = file.split(base, 1)[1]
            break
    else:
        file = Path(file).name
    return f"{file}:{line}({function})"


def growth(small: Path, large: Path, factor: float) -> list[tuple[str, float, float, float]]:
    """Functions whose own time grows faster than the input: (label, small s, large s, excess s)."""

    def own_times(path: Path) -> dict[str, float]:
        found: dict[str, float] = defaultdict(float)
        for key, value in pstats.Stats(str(path)).stats.items():  # type: ignore[attr-defined]
            found[label(key)] += value[2]
        return found

    before, after = own_times(small), own_times(large)
    rows = [(name, before.get(name, 0.0), t, t - factor * before.get(name, 0.0)) for name, t in after.items()]
    return sorted(rows, key=lambda row: -row[3])[:10]


# --- import time ---------------------------------------------------------------------


@dataclass
class Imports:
    total_us: float
    by_package: list[tuple[str, float]]
    heaviest: list[tuple[str, float, float]]  # module, self µs, cumulative µs
    loaded: dict[str, bool]


def import_time(log: Callable[[str], None], runs: int = 5) -> Imports:
    """`python -X importtime -m argdoc lint REFERENCE`, the median of several runs per module."""
    log("  python -X importtime -m argdoc lint examples/russia-iran.arg")
    self_us: dict[str, list[float]] = defaultdict(list)
    cumulative_us: dict[str, list[float]] = defaultdict(list)
    totals = []
    lines: list[str] = []
    for _ in range(runs):
        done = subprocess.run(
            [PYTHON, "-X", "importtime", "-m", "argdoc", "lint", str(REFERENCE)], capture_output=True, text=True
        )
        lines = [line for line in done.stderr.splitlines() if line.startswith("import time:") and "|" in line]
        total = 0.0
        for line in lines[1:]:
            own, cumulative, module = line.removeprefix("import time:").split("|")
            self_us[module.strip()].append(float(own))
            cumulative_us[module.strip()].append(float(cumulative))
            if not module.startswith("  "):  # a top-level import
                total += float(cumulative)
        totals.append(total)
    (PROFILES / "importtime-lint.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    packages: dict[str, float] = defaultdict(float)
    for module, values in self_us.items():
        packages[module.split(".")[0]] += statistics.median(values)
    heaviest = sorted(
        ((m, statistics.median(self_us[m]), statistics.median(v)) for m, v in cumulative_us.items()),
        key=lambda row: -row[2],
    )
    modules = set(self_us)
    return Imports(
        statistics.median(totals),
        sorted(packages.items(), key=lambda item: -item[1])[:12],
        [row for row in heaviest if not row[0].startswith(("argdoc", "encodings", "runpy"))][:12],
        {name: name in modules for name in ("jinja2", "weasyprint", "pydantic", "lark", "markupsafe")},
    )


# --- the run --------------------------------------------------------------------------


@dataclass
class Target:
    what: str
    measured: str  # from wall-clock medians, as the targets are set
    goal: str
    met: bool | None  # None: not measured in this run
    profile: str = ""
    cpu: str = "—"  # the same measure from CPU time (user + system): less sensitive to a busy machine


@dataclass
class Report:
    machine: dict[str, str]
    quick: bool
    repeats: int
    method: str
    sizes: dict[int, tuple[int, int]] = field(default_factory=dict)  # statements: (bytes, lines)
    stages: dict[int, dict[str, list[float]]] = field(default_factory=dict)
    timings: dict[str, Timing] = field(default_factory=dict)
    memory: dict[str, int] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    growth: dict[str, list[tuple[str, float, float, float]]] = field(default_factory=dict)
    imports: Imports | None = None
    # Progress-bar updates (carriage returns) `argdoc build DIR` wrote on a terminal, and when piped.
    progress: tuple[int, int] | None = None
    notes: list[str] = field(default_factory=list)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure argdoc and write docs/performance.md.")
    parser.add_argument("--quick", action="store_true", help="stop at 10,000 statements (a run of a few minutes)")
    parser.add_argument(
        "--repeats", type=int, metavar="R", help="runs of each small measurement (default 10, or 5 with --quick)"
    )
    parser.add_argument(
        "--rev", metavar="REV", help="measure argdoc as of this git revision (exported; the tree is left alone)"
    )
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0,
        metavar="SECONDS",
        help="first wait (at most this long) for the 1-minute load average to fall below 0.5",
    )
    parser.add_argument("--no-doc", action="store_true", help="print the report instead of writing docs/performance.md")
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="measure nothing: write docs/performance.md again from benchmarks/results/latest.json",
    )
    args = parser.parse_args(argv)
    if args.render_only:
        report = _from_jsonable(json.loads((RESULTS / "latest.json").read_text(encoding="utf-8")))
        DOC.write_text(render(report), encoding="utf-8")
        return 0
    repeats = args.repeats or (5 if args.quick else 10)
    if repeats < 1:
        parser.error("--repeats must be at least 1")
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f}s] {message}", file=sys.stderr, flush=True)

    RESULTS.mkdir(parents=True, exist_ok=True)
    with (RESULTS / ".lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log("another benchmark run holds benchmarks/results/.lock: waiting for it to finish")
            fcntl.flock(lock, fcntl.LOCK_EX)  # two runs at once would time each other
        deadline = time.monotonic() + args.wait_idle
        while os.getloadavg()[0] >= IDLE_LOAD and time.monotonic() < deadline:
            log(f"waiting for the machine to be idle (load average {os.getloadavg()[0]:.2f})")
            time.sleep(30)
        with tempfile.TemporaryDirectory(prefix="argdoc-bench-") as tmp:
            try:
                report = measure(Path(tmp), repeats, args.quick, args.rev, log)
            finally:
                os.chdir(ROOT)
    text = render(report)
    if args.no_doc:
        sys.stdout.write(text)
    else:
        DOC.write_text(text, encoding="utf-8")
        log(f"wrote {DOC.relative_to(ROOT)}")
    (RESULTS / "latest.json").write_text(json.dumps(_jsonable(report), indent=1) + "\n", encoding="utf-8")
    return 0


def measure(work: Path, repeats: int, quick: bool, rev: str | None, log: Callable[[str], None]) -> Report:
    hyperfine = shutil.which("hyperfine")
    runner = Runner(work, hyperfine, log)
    method = "hyperfine " + _version([hyperfine, "--version"]) if hyperfine else "a fresh process per run, timed here"
    log("machine")
    report = Report(machine(prepare(work, rev)), quick, repeats, method)
    few = max(3, repeats // 2)
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    out = work / "out"

    for stale in (RESULTS / "hyperfine").glob("*.json"):
        stale.unlink()  # the folder holds the exports of the last run only

    log("whole process, reference paper")
    runner.time("python -c pass", [PYTHON, "-c", "pass"], repeats, warmup=2)
    runner.time("lint reference", [ARGDOC, "lint", str(REFERENCE)], repeats, warmup=2)
    runner.time("html reference", [ARGDOC, "build", str(REFERENCE), "--format", "html", "-o", str(out)], repeats, 2)
    runner.time("pdf reference", [ARGDOC, "build", str(REFERENCE), "--format", "pdf", "-o", str(out)], repeats, 2)
    runner.time("weasyprint reference", weasyprint_floor(REFERENCE, work), repeats, 2)

    log("per-stage, in process")
    for n in sizes:
        paper = generate(n, work)
        data = paper.read_bytes()
        report.sizes[n] = (len(data), data.count(b"\n"))
        stage_repeats = few if n <= 10_000 else min(repeats, 3)
        command = [PYTHON, str(BENCH / "stages.py"), str(paper), "--repeats", str(stage_repeats)]
        command += ["--budget", str(STAGE_BUDGET_S)]
        command += ["--pdf"] if n <= 1_000 else []
        command += ["--extras"] if n <= 10_000 else []
        log(f"  {count(n)} statements: {stage_repeats} repeats")
        report.stages[n] = json.loads(run_checked(command).stdout)

    log("whole process at scale, and peak memory")
    for n in sizes[1:]:
        paper = generate(n, work)
        for kind, command in (
            ("lint", [ARGDOC, "lint", str(paper)]),
            ("html", [ARGDOC, "build", str(paper), "--format", "html", "-o", str(out)]),
        ):
            name = f"{kind} {n}"
            if n <= 10_000:
                runner.time(name, command, few)
                report.memory[name] = wait4(command).peak_rss
            else:
                # The first run also gives the peak memory; more runs only if it was not far over.
                runner.log(f"  {name}: one run of {shlex.join(command)}, for time and peak memory")
                first = wait4(command)
                report.memory[name] = first.peak_rss
                if first.wall > FAR_OVER * runner.timings[f"{kind} 10000"].median:
                    runner.record(name, command, [first.wall], first.cpu, "one run (far over the growth target)")
                else:
                    runner.time(name, command, min(repeats, 3), warmup=0)
            log(f"    peak RSS {megabytes(report.memory[name])}")

    adversarial(runner, work, repeats, quick)

    log("PDF against WeasyPrint on the same HTML, 100 statements")
    paper = generate(100, work)
    runner.time("pdf 100", [ARGDOC, "build", str(paper), "--format", "pdf", "-o", str(out)], few)
    runner.time("weasyprint 100", weasyprint_floor(paper, work), few)

    log(f"a folder of {FOLDER_PAPERS} papers, with one and with two workers")
    folder = generate_folder(work)
    for jobs in (1, 2):
        command = [ARGDOC, "build", str(folder), "--format", "html", "-o", str(work / "folder-out"), "-j", str(jobs)]
        runner.time(f"folder j{jobs}", command, min(repeats, 3), warmup=0)
    report.progress = progress_updates(folder, work / "folder-out")

    argdown = argdown_cli()
    if argdown is None:
        report.notes.append("Argdown's CLI is not installed (`make node-deps`): no side-by-side numbers.")
    else:
        log(f"side by side with Argdown ({argdown})")
        report.machine["Argdown CLI"] = "@argdown/cli " + _version([argdown, "--version"])
        for n in (100, 5_000):
            paper = generate(n, work)
            argdown_file = work / f"{paper.stem}.argdown"
            run_checked([ARGDOC, "export", str(paper), "--to", "argdown", "-o", str(argdown_file)])
            runs, warmup = (repeats, 1) if n <= 100 else (max(3, repeats // 4), 0)
            ad_out = str(work / "argdown-out")
            runner.time(f"argdown json {n}", [argdown, "json", str(argdown_file), ad_out], runs, warmup)
            json_cmd = [ARGDOC, "export", str(paper), "--to", "json", "-o", str(work / "out.json")]
            runner.time(f"argdoc json {n}", json_cmd, runs, warmup)
            runner.time(f"argdown html {n}", [argdown, "html", str(argdown_file), ad_out], runs, warmup)
            html_cmd = [ARGDOC, "build", str(paper), "--format", "html", "-o", str(out)]
            runner.time(f"argdoc html {n}", html_cmd, runs, warmup)

    report.timings = runner.timings
    report.targets = targets(report)

    log("profiles of the missed targets")
    _clear_profiles()
    profiled: dict[str, Profile] = {}

    def profiled_run(kind: str, size: str) -> str:
        name = profile_name(kind, size)
        if name not in profiled:
            profiled[name] = profile(name, _profile_args(kind, size, work, out), log)
            report.profiles.append(profiled[name])
        return name

    for target in report.targets:
        if target.met is False and target.profile:
            kind, size = target.profile.split("-", 1)
            if kind == "growth":
                # 30,000 statements, not 100,000: a super-linear function shows as well, and profiling
                # quadratic code at 100,000 statements can take an hour.
                small, large = profiled_run(size, "10000"), profiled_run(size, str(GROWTH_PROFILE_SIZE))
                report.growth[size] = growth(
                    PROFILES / f"{small}.prof", PROFILES / f"{large}.prof", GROWTH_PROFILE_SIZE / 10_000
                )
            else:
                profiled_run(kind, size)
    report.imports = import_time(log)
    low, high = min(runner.loads), max(runner.loads)
    report.machine["Load average (1 min) during the run"] = f"{low:.2f} to {high:.2f}"
    if high > BUSY_LOAD:
        report.notes.append(
            f"The machine was not always idle during this run (the 1-minute load average reached {high:.2f};"
            " the benchmark itself accounts for about 1). Where another process competed for the two cores,"
            " wall-clock times are upper bounds: compare them with the CPU times beside them."
        )
    return report


def adversarial(runner: Runner, work: Path, repeats: int, quick: bool) -> None:
    """`argdoc check`, and `argdoc lint --select RULE`, of each adversarial paper (up to 10,000 with --quick)."""
    runner.log("adversarial shapes: the rules that walk the relation graph")
    for shape, n, rule in ADVERSARIAL:
        if quick and n > 10_000:
            continue
        paper = str(generate(n, work, shape))
        for name, command in (
            (f"check {shape} {n}", [ARGDOC, "check", paper]),
            (f"{rule} {shape} {n}", [ARGDOC, "lint", "--select", rule, "--exit-zero", paper]),
        ):
            if name in runner.timings:
                continue
            first = wait4(command)
            if first.wall > ADVERSARIAL_ONE_RUN_S:
                runner.record(name, command, [first.wall], first.cpu, f"one run (over {ADVERSARIAL_ONE_RUN_S:.0f} s)")
            else:
                runner.time(name, command, min(repeats, 3), warmup=0)


def profile_name(kind: str, size: str) -> str:
    """`lint-10000`, `build-html-reference`, `export-json-5000`: a profile's file name."""
    return {"lint": "lint", "html": "build-html", "pdf": "build-pdf", "json": "export-json"}[kind] + f"-{size}"


def _profile_args(kind: str, size: str, work: Path, out: Path) -> list[str]:
    """The argdoc arguments that profile one missed target: `kind` of a paper of `size` statements."""
    paper = str(REFERENCE) if size == "reference" else str(generate(int(size), work))
    if kind == "lint":
        return ["lint", paper]
    if kind == "json":
        return ["export", paper, "--to", "json", "-o", str(work / "profile.json")]
    return ["build", paper, "--format", kind, "-o", str(out)]


def _clear_profiles() -> None:
    PROFILES.mkdir(parents=True, exist_ok=True)
    for old in PROFILES.iterdir():
        if old.suffix in (".prof", ".txt"):
            old.unlink()


def _version(command: Sequence[str | None]) -> str:
    if None in command:
        return ""
    words = run_checked([str(c) for c in command]).stdout.split()
    return words[-1] if words else ""


def targets(report: Report) -> list[Target]:
    """Each target of issue #6 with its measured value; `profile` names what to profile when it is missed."""
    t = report.timings
    found: list[Target] = []

    def within(what: str, name: str, limit: float, goal: str, profile: str) -> None:
        timing = t[name]
        met = timing.median <= limit
        found.append(Target(what, seconds(timing.median), goal, met, profile, seconds(timing.cpu)))

    def compare(what: str, top: str, bottom: str, goal: str, met: Callable[[float], bool], profile: str) -> None:
        if top not in t or bottom not in t:
            found.append(Target(what, "not measured", goal, None))
            return
        value = t[top].median / t[bottom].median
        shown = f"{ratio(value)} ({seconds(t[top].median)} vs {seconds(t[bottom].median)})"
        found.append(Target(what, shown, goal, met(value), profile, ratio(t[top].cpu / t[bottom].cpu)))

    within("`argdoc lint` of the reference paper", "lint reference", LINT_REFERENCE_S, "≤ 150 ms", "lint-reference")
    within(
        "`argdoc build --format html` of the reference paper",
        "html reference",
        HTML_REFERENCE_S,
        "≤ 250 ms",
        "html-reference",
    )
    compare(
        "`argdoc build --format pdf` ÷ WeasyPrint on the same HTML, reference paper",
        "pdf reference",
        "weasyprint reference",
        f"≤ {PDF_OVER_WEASYPRINT}{TIMES}",
        lambda r: r <= PDF_OVER_WEASYPRINT,
        "pdf-reference",
    )
    within("`argdoc lint`, 10,000 statements", "lint 10000", LINT_10K_S, "≤ 1.0 s", "lint-10000")
    within("`argdoc build --format html`, 10,000 statements", "html 10000", HTML_10K_S, "≤ 2 s", "html-10000")
    lint_rss, html_rss = report.memory["lint 10000"], report.memory["html 10000"]
    found.append(
        Target(
            "Peak memory at 10,000 statements (lint, HTML)",
            f"{megabytes(lint_rss)}, {megabytes(html_rss)}",
            "≤ 500 MB",
            max(lint_rss, html_rss) <= MEMORY_10K_BYTES,
        )
    )
    for kind, name in (("lint", "`argdoc lint`"), ("html", "`argdoc build --format html`")):
        compare(
            f"{name}: 100,000 ÷ 10,000 statements",
            f"{kind} 100000",
            f"{kind} 10000",
            f"≤ 11{TIMES}",
            lambda r: r <= GROWTH_100K_OVER_10K,
            f"growth-{kind}",
        )
    if "folder j1" in t and "folder j2" in t:
        both = t["folder j2"].cpu / t["folder j2"].median
        bar = report.progress
        shown = (
            f"{ratio(both)} CPU ÷ wall with `-j 2` ({ratio(t['folder j1'].median / t['folder j2'].median)} faster"
            f" than `-j 1`); progress bar: {bar[0] if bar else 0} redraws on a terminal,"
            f" {bar[1] if bar else 0} when piped"
        )
        met = both >= BOTH_CORES and bar is not None and bar[0] > 0 and bar[1] == 0
        found.append(
            Target(
                f"`argdoc build DIR` of {FOLDER_PAPERS} papers: both cores, a progress bar on a terminal only",
                shown,
                f"≥ {BOTH_CORES}{TIMES} CPU ÷ wall",
                met,
            )
        )
    for kind, name in (("json", "`export --to json`"), ("html", "`build --format html`")):
        compare(
            f"Argdown `{kind}` ÷ argdoc {name}, 5,000 statements",
            f"argdown {kind} 5000",
            f"argdoc {kind} 5000",
            f"≥ {OVER_ARGDOWN:.0f}{TIMES}",
            lambda r: r >= OVER_ARGDOWN,
            f"{kind}-5000",
        )
    return found


# --- the document ----------------------------------------------------------------------

STAGE_NAMES = {
    "parse": "parse (Lark)",
    "tree": "tree (build_tree)",
    "resolve": "resolve",
    "lint": "lint (default rules)",
    "html": "HTML (render_html)",
    "pdf": "PDF (render_pdf)",
    "json": "JSON export",
    "argdown": "Argdown export",
    "fmt": "fmt (format_text)",
}
CORE = ("parse", "tree", "resolve", "lint", "html")


def render(report: Report) -> str:
    lines = [
        "# Performance",
        "",
        "<!-- Generated by benchmarks/run.py; do not edit by hand: run `make bench`. -->",
        "",
        "How fast argdoc is, measured against the targets of issue #6. Everything below comes from one run of",
        "`benchmarks/run.py --quick` (which stops at 10,000 statements)" if report.quick else "`benchmarks/run.py`",
        "on the machine described under [Machine](#machine). Times are medians, with the fastest and slowest",
        "run and the number of runs in brackets. Regenerate with `make bench` (`.venv/bin/python",
        "benchmarks/run.py`; `--quick` for a shorter run; `--rev REV` to measure a git revision).",
        "",
    ]
    for note in report.notes:
        lines += [f"> **Note.** {note}", ""]
    lines += ["## Targets", ""]
    status = {True: "MET", False: "**NOT MET**", None: "not measured"}
    rows = [(t.what, t.measured, t.goal, status[t.met], t.cpu) for t in report.targets]
    lines += table(("Target (whole process)", "Measured", "Goal", "Status", "Same, from CPU time"), rows)
    met = sum(1 for t in report.targets if t.met)
    lines += [f"{met} of {len(report.targets)} targets met.", ""]
    lines += _whole_process(report)
    lines += _stages(report)
    lines += _scale(report)
    lines += _adversarial(report)
    lines += _folder(report)
    lines += _argdown(report)
    lines += _pdf(report)
    lines += _gaps()
    lines += _profiles(report)
    lines += _imports(report)
    lines += ["## Machine", ""]
    lines += table(("", ""), [*report.machine.items(), ("Timing", report.method)])
    lines += _method(report)
    return "\n".join(lines).rstrip("\n") + "\n"


def _whole_process(report: Report) -> list[str]:
    t = report.timings
    floor = t["python -c pass"].median
    rows = [
        (f"`{t[name].command}`", spread(t[name]), seconds(t[name].median - floor), seconds(t[name].cpu))
        for name in ("python -c pass", "lint reference", "html reference", "pdf reference", "weasyprint reference")
    ]
    rows[0] = (rows[0][0] + " (the interpreter alone)", rows[0][1], "—", rows[0][3])
    size = REFERENCE.stat().st_size
    return [
        "## Whole process: the reference paper",
        "",
        f"`examples/russia-iran.arg` ({count(size)} bytes, 10 statements), a fresh process per run, after",
        "warm-up runs (the file cache is warm). *Above `python -c pass`* is the median less the bare",
        "interpreter's start-up; *CPU* is user plus system time per run.",
        "",
        *table(("Command", f"Median (min{DASH}max, runs)", "Above `python -c pass`", "CPU"), rows),
    ]


def _stages(report: Report) -> list[str]:
    sizes = sorted(report.stages)
    header = ["Stage", *(f"{count(n)} statements" for n in sizes)]
    if len(sizes) >= 2:
        header.append(f"{count(sizes[-1])} ÷ {count(sizes[-2])}")
    rows = []
    size_row = ["Input", *(f"{report.sizes[n][0] / MB:.2f} MB, {count(report.sizes[n][1])} lines" for n in sizes)]
    rows.append(size_row + ([""] if len(sizes) >= 2 else []))
    for stage in STAGE_NAMES:
        cells = [STAGE_NAMES[stage]]
        for n in sizes:
            samples = report.stages[n].get(stage)
            cells.append(_stage_cell(samples, report.stages[n].get(f"gc:{stage}")) if samples else "—")
        if len(sizes) >= 2:
            last, before = report.stages[sizes[-1]].get(stage), report.stages[sizes[-2]].get(stage)
            cells.append(ratio(statistics.median(last) / statistics.median(before)) if last and before else "—")
        rows.append(cells)
    totals = ["**parse to HTML**"]
    for n in sizes:
        totals.append("**" + seconds(sum(statistics.median(report.stages[n][s]) for s in CORE)) + "**")
    if len(sizes) >= 2:
        smaller, larger = (sum(statistics.median(report.stages[n][s]) for s in CORE) for n in sizes[-2:])
        totals.append(ratio(larger / smaller))
    rows.append(totals)
    per_statement = ["µs per statement, parse to HTML"]
    for n in sizes:
        per_statement.append(f"{sum(statistics.median(report.stages[n][s]) for s in CORE) / n * 1e6:.0f}")
    rows.append(per_statement + ([""] if len(sizes) >= 2 else []))
    return [
        "## Per stage, in process",
        "",
        "Generated papers (`benchmarks/generate.py --seed 1`), each size in a fresh process that first runs the",
        "pipeline once on the reference paper (so grammar loading, template compiling and WeasyPrint's import",
        "are not counted). Parse, tree and resolve are timed inside `compile_text`, as the commands run them.",
        f"Each cell is the median (min{DASH}max), then in italics the part of the median run's time spent in",
        "the garbage collector (when 1% or more). PDF (`render_pdf`: the print HTML, then WeasyPrint) is",
        "timed up to 1,000 statements; the extras (JSON, Argdown, fmt) up to 10,000.",
        "",
        *table(header, rows),
    ]


def _stage_cell(samples: list[float], gc_samples: list[float] | None) -> str:
    median = statistics.median(samples)
    cell = f"{seconds(median)} ({seconds(min(samples))}{DASH}{seconds(max(samples))})"
    if gc_samples:
        # The GC share of the run closest to the median.
        index = min(range(len(samples)), key=lambda i: abs(samples[i] - median))
        share = gc_samples[index] / samples[index] if samples[index] else 0
        cell += f" *gc {share:.0%}*" if share >= 0.005 else ""
    return cell


def _scale(report: Report) -> list[str]:
    t = report.timings
    rows = []
    for kind, name in (("lint", "`argdoc lint`"), ("html", "`argdoc build --format html`")):
        small, big = t.get(f"{kind} 10000"), t.get(f"{kind} 100000")
        rows.append(
            (
                name,
                f"{spread(small)}; CPU {seconds(small.cpu)}" if small else "—",
                f"{spread(big)}; CPU {seconds(big.cpu)}" if big else "—",
                ratio(big.median / small.median) if small and big else "—",
                megabytes(report.memory[f"{kind} 10000"]),
                megabytes(report.memory[f"{kind} 100000"]) if f"{kind} 100000" in report.memory else "—",
            )
        )
    return [
        "## Whole process at scale",
        "",
        "A fresh process per run. Peak memory is the child's maximum resident set size (`ru_maxrss` from",
        "`wait4`), from one more run of each command.",
        "",
        *table(("Command", "10,000 statements", "100,000 statements", "Growth", "Peak RSS 10k", "Peak RSS 100k"), rows),
    ]


def _adversarial(report: Report) -> list[str]:
    t = report.timings
    rows = []
    for shape, n, rule in ADVERSARIAL:
        check, lint = t.get(f"check {shape} {n}"), t.get(f"{rule} {shape} {n}")
        if check and lint:
            paper = f"{shape}, {count(n)}"
            rows.append((f"`{rule}`", paper, spread(check), spread(lint), ratio(lint.median / check.median)))
    if not rows:
        return []
    return [
        "## Adversarial shapes",
        "",
        "The worst case of each rule that walks the relation graph: `benchmarks/generate.py --shape chain`",
        "writes one source and claims that each cite it and support the claim before; `--shape cycle` also",
        "lets the first claim support the last. The rule runs alone (`argdoc lint --select RULE --exit-zero`),",
        "beside `argdoc check` (compile and resolve only) of the same paper; whole process each.",
        "",
        *table(("Rule", "Paper", "`argdoc check`", "`argdoc lint --select RULE`", "lint ÷ check"), rows),
    ]


def _folder(report: Report) -> list[str]:
    t = report.timings
    if "folder j1" not in t:
        return []
    rows = [
        (f"`{t[name].command}`", spread(t[name]), seconds(t[name].cpu), ratio(t[name].cpu / t[name].median))
        for name in ("folder j1", "folder j2")
    ]
    return [
        f"## A folder of {count(FOLDER_PAPERS)} papers",
        "",
        f"`argdoc build DIR` of {count(FOLDER_PAPERS)} generated papers of {FOLDER_STATEMENTS} statements each",
        "(each from its own seed), HTML, with one worker and with two (`-j`). CPU ÷ wall near 2 means both",
        "cores were busy.",
        "",
        *table(("Command", f"Median (min{DASH}max, runs)", "CPU", "CPU ÷ wall"), rows),
    ]


def _argdown(report: Report) -> list[str]:
    t = report.timings
    if "argdown json 100" not in t:
        return ["## Side by side: Argdown", "", "Not measured: Argdown's CLI is not installed.", ""]
    rows = []
    for n in (100, 5_000):
        for kind, ours in (("json", "`argdoc export --to json`"), ("html", "`argdoc build --format html`")):
            theirs, mine = t[f"argdown {kind} {n}"], t[f"argdoc {kind} {n}"]
            rows.append(
                (
                    count(n),
                    f"`argdown {kind}`",
                    spread(theirs),
                    ours,
                    spread(mine),
                    ratio(theirs.median / mine.median),
                    ratio(theirs.cpu / mine.cpu),
                )
            )
    return [
        "## Side by side: Argdown",
        "",
        f"{report.machine.get('Argdown CLI', 'Argdown')} reads argdoc's Argdown export of the same generated paper",
        "(`argdoc export FILE --to argdown`, written before timing) and writes its JSON or HTML export; argdoc",
        "compiles the .arg and writes its own. Whole process each, a fresh process per run. The ratio is",
        "Argdown's time over argdoc's: above 1, argdoc is faster. Node runs its garbage collector and compiler",
        "on helper threads, so Argdown's CPU time can exceed its wall-clock time.",
        "",
        *table(("Statements", "Argdown", "Time", "argdoc", "Time", "Argdown ÷ argdoc", "Same, CPU time"), rows),
    ]


def _pdf(report: Report) -> list[str]:
    t = report.timings
    rows = []
    for name, paper in (("reference", "reference paper"), ("100", "100 statements")):
        ours, theirs = t[f"pdf {name}"], t[f"weasyprint {name}"]
        rows.append(
            (paper, spread(theirs), spread(ours), ratio(ours.median / theirs.median), ratio(ours.cpu / theirs.cpu))
        )
    pdf_stage = report.stages.get(1_000, {}).get("pdf")
    note = []
    if pdf_stage:
        note = [
            f"In process, the PDF stage of the 1,000-statement paper (`render_pdf`) takes "
            f"{seconds(statistics.median(pdf_stage))}.",
            "",
        ]
    return [
        "## PDF: argdoc against WeasyPrint on the same HTML",
        "",
        "`.venv/bin/weasyprint print.html out.pdf --pdf-variant pdf/ua-1` on the HTML argdoc typesets for the",
        "same paper (its print variant with the fonts' `@font-face` rules, written by `benchmarks/print_html.py`;",
        "the same text, pages and fonts come out): the floor for argdoc's PDF time.",
        "",
        *table(("Paper", "WeasyPrint CLI", "`argdoc build --format pdf`", "argdoc ÷ WeasyPrint", "CPU ratio"), rows),
        *note,
    ]


def _gaps() -> list[str]:
    """The maintainers' reading of the missed targets (benchmarks/gaps.md), written by hand.

    The tables above are measured; why a gap remains, and what would close it,
    is judgement, kept in its own file so that regenerating this document
    never overwrites it.
    """
    if not GAPS.is_file():
        return []
    return [GAPS.read_text(encoding="utf-8").rstrip("\n"), ""]


def _profiles(report: Report) -> list[str]:
    lines = ["## Profiles of the missed targets", ""]
    if not report.profiles:
        return [*lines, "Every measured target is met; nothing was profiled.", ""]
    lines += [
        "Each missed target's command, run once under cProfile (`python -m cProfile -m argdoc ...`; cProfile",
        "roughly doubles the time of Python-heavy code, so read shares, not seconds). The full listings, sorted",
        "by cumulative and by own time, are in `benchmarks/profiles/NAME.txt` (and `NAME.prof` for",
        "`snakeviz`/`pstats`). *Own time by package* adds up the time spent inside each package's functions;",
        "`built-in ...` is C code called from Python (regular expressions, `isinstance`, list methods).",
        "",
    ]
    for p in report.profiles:
        missed = ", ".join(t.what for t in report.targets if t.met is False and _profiled_as(t.profile) == p.name)
        lines += [f"### `{p.name}`: {p.command}", ""]
        why = f"For: {missed}." if missed else "The baseline of a growth comparison."
        big = [(name, value) for name, value in p.by_package if value >= 0.02 * p.total]
        packages = "; ".join(f"{name} {share(value, p.total)}" for name, value in big)
        lines += [
            f"{why} {seconds(p.total)} under the profiler, {share(p.imports, p.total)} of it in imports.",
            "",
            f"Own time by package (2% or more): {packages}.",
            "",
        ]
        rows = [(f"`{name}`", share(tt, p.total), count(calls)) for name, tt, calls in p.by_tottime[:8]]
        lines += table(("Top functions by own time", "Share", "Calls"), rows)
        rows = [(f"`{name}`", share(ct, p.total), count(calls)) for name, ct, calls in p.by_cumulative[:8]]
        lines += table(("argdoc's functions by cumulative time", "Share", "Calls"), rows)
    factor = GROWTH_PROFILE_SIZE // 10_000
    for kind, rows_ in report.growth.items():
        lines += [
            f"### Growth of `{kind}` from 10,000 to {count(GROWTH_PROFILE_SIZE)} statements",
            "",
            f"The functions whose own time grows most beyond the input's {factor}{TIMES}, from the two profiles:",
            f"excess = own time at {count(GROWTH_PROFILE_SIZE)} statements - {factor}{TIMES} own time at 10,000",
            "(under the profiler). These are the super-linear code.",
            "",
        ]
        lines += table(
            ("Function", "10,000", count(GROWTH_PROFILE_SIZE), "Excess"),
            [(f"`{name}`", seconds(a), seconds(b), seconds(excess)) for name, a, b, excess in rows_[:8]],
        )
    return lines


def _profiled_as(key: str) -> str:
    """The profile a target's key leads to (growth targets: the larger of their two)."""
    if not key:
        return ""
    kind, size = key.split("-", 1)
    return profile_name(size, str(GROWTH_PROFILE_SIZE)) if kind == "growth" else profile_name(kind, size)


def share(value: float, total: float) -> str:
    return f"{value / total:.0%}" if total else "—"


def _imports(report: Report) -> list[str]:
    imports = report.imports
    if imports is None:
        return []
    loaded = ", ".join(f"{name} {'yes' if used else 'no'}" for name, used in imports.loaded.items())
    rows = [
        (f"`{module}`", f"{own / 1000:.1f} ms", f"{cumulative / 1000:.1f} ms")
        for module, own, cumulative in imports.heaviest[:10]
    ]
    return [
        "## Import time of the lint path",
        "",
        "`python -X importtime -m argdoc lint examples/russia-iran.arg`, median of 5 runs per module",
        "(the raw output of the last run is in `benchmarks/profiles/importtime-lint.txt`). Imports take",
        f"**{imports.total_us / 1000:.0f} ms** in all. Loaded on this path: {loaded}.",
        "",
        "Own import time by top-level package: "
        + "; ".join(f"{name} {own / 1000:.1f} ms" for name, own in imports.by_package[:10])
        + ".",
        "",
        *table(("Heaviest imports (outside argdoc)", "Own", "Cumulative"), rows),
    ]


def _method(report: Report) -> list[str]:
    return [
        "## Method",
        "",
        "- **Papers.** `benchmarks/generate.py --statements N --seed 1` writes a lint-clean paper: per ten",
        "  statements one claim, five components, two tensions (between two and three components) and two",
        "  sources; a section every fifty statements; every kind of inline markup, inline and block",
        "  quotations; about 360 bytes per statement. The same seed gives the same bytes.",
        f"- **Repeats.** `--repeats {report.repeats}`: that many runs for the reference paper and the",
        f"  100-statement comparisons with Argdown; {max(3, report.repeats // 2)} at 1,000 and 10,000 statements",
        f"  and for PDF at 100 statements; {min(report.repeats, 3)} at 100,000 statements, except that a",
        f"  size's stages are not repeated after {STAGE_BUDGET_S} s, and a whole-process command at 100,000",
        f"  statements runs once when that run already takes over {FAR_OVER}{TIMES} its 10,000-statement median;",
        f"  {max(3, report.repeats // 4)} for the 5,000-statement comparisons with Argdown. The *n=* in each",
        "  cell says how many runs it had.",
        f"- **Whole process.** {report.method}, `--shell=none`, with warm-up runs for the small inputs; the",
        "  commands run the virtualenv's `argdoc` console script, as a user would.",
        "- **In process.** `benchmarks/stages.py` times each stage with `time.perf_counter`: parse, tree and",
        "  resolve inside `compile_text` (which pauses the cyclic garbage collector, as in real use), the",
        "  later stages as the commands call them; `gc.callbacks` measure the collector's share.",
        "- **Ratios** compare medians. Raw numbers of the last run: `benchmarks/results/latest.json`; hyperfine's",
        "  exports: `benchmarks/results/hyperfine/`.",
        "",
    ]


def _jsonable(report: Report) -> dict[str, Any]:
    data = asdict(report)
    data["timings"] = {name: {**asdict(timing), "median": timing.median} for name, timing in report.timings.items()}
    return data


def _from_jsonable(data: dict[str, Any]) -> Report:
    """A report read back from benchmarks/results/latest.json (for --render-only)."""

    def tuples(rows: list[list[Any]]) -> list[Any]:
        return [tuple(row) for row in rows]

    imports = data["imports"]
    return Report(
        machine=data["machine"],
        quick=data["quick"],
        repeats=data["repeats"],
        method=data["method"],
        sizes={int(n): (size[0], size[1]) for n, size in data["sizes"].items()},
        stages={int(n): samples for n, samples in data["stages"].items()},
        timings={
            name: Timing(t["name"], t["times"], t["cpu"], t["command"], t["method"])
            for name, t in data["timings"].items()
        },
        memory=data["memory"],
        progress=tuple(data["progress"]) if data.get("progress") else None,
        targets=[Target(**target) for target in data["targets"]],
        profiles=[
            Profile(
                p["name"],
                p["command"],
                p["total"],
                p["imports"],
                tuples(p["by_package"]),
                tuples(p["by_tottime"]),
                tuples(p["by_cumulative"]),
            )
            for p in data["profiles"]
        ],
        growth={kind: tuples(rows) for kind, rows in data["growth"].items()},
        imports=Imports(
            imports["total_us"], tuples(imports["by_package"]), tuples(imports["heaviest"]), imports["loaded"]
        )
        if imports
        else None,
        notes=data["notes"],
    )


if __name__ == "__main__":
    sys.exit(main())
