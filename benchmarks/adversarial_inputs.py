"""Time and peak memory of `argdoc check` on hostile inputs (issue #9).

    .venv/bin/python benchmarks/adversarial_inputs.py

Each case is written to a temporary folder and checked in a fresh process;
the table gives wall time and the child's peak resident memory (wait4). The
chain and cycle of claims on one source are in benchmarks/run.py (ADVERSARIAL).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGDOC = ROOT / ".venv" / "bin" / "argdoc"
HEADER = "title: Hostile\ndate: 2024-01-01\n\nclaim thesis:\n    A thesis.\n\n"


def include_bomb(folder: Path, files: int = 40) -> Path:
    """Each file includes the next twice: 2**files inclusions if each were followed."""
    (folder / "main.arg").write_text(HEADER + 'include "f1.arg"\ninclude "f1.arg"\n')
    for i in range(1, files):
        (folder / f"f{i}.arg").write_text(f'include "f{i + 1}.arg"\ninclude "f{i + 1}.arg"\n')
    (folder / f"f{files}.arg").write_text("claim leaf:\n    supports: thesis\n\n    Text.\n")
    return folder / "main.arg"


def undefined_references(folder: Path, count: int = 20000) -> Path:
    """`count` components, and `count` relations and citations naming ids one letter off."""
    defined = "".join(f"component part-{i:05d}:\n    supports: thesis\n\n    Text.\n\n" for i in range(count))
    wrong = "".join(f"claim w{i}:\n    supports: part-{i:05d}x\n\n    See [@src-{i:05d}].\n\n" for i in range(count))
    path = folder / "undefined.arg"
    path.write_text(HEADER + defined + wrong)
    return path


def long_title(folder: Path, size: int = 20_000_000) -> Path:
    title = "x" * size
    path = folder / "title.arg"
    path.write_text(f'title: "{title}"\ndate: 2024-01-01\n\nclaim thesis "{title[: size // 2]}":\n    A thesis.\n')
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    "include bomb (40 files)": include_bomb,
    "20,000 undefined relations + 20,000 citations": undefined_references,
    "20 MB title (30 MB file)": long_title,
}


def measure(path: Path) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit code of `argdoc check PATH`."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(str(ARGDOC), [str(ARGDOC), "check", "--max-size", "64M", str(path)])
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    print("| case | input | time | peak memory | exit |")
    print("|---|---|---|---|---|")
    for name, make in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            path = make(Path(tmp))
            size = sum(p.stat().st_size for p in Path(tmp).iterdir())
            seconds, peak, code = measure(path)
            print(f"| {name} | {size / 1e6:.1f} MB | {seconds:.2f} s | {peak:.0f} MB | {code} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
