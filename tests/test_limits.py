"""Papers built to exhaust argdoc: each ends in seconds with a diagnostic, never a hang or a crash.

Issue #9 (hardening). The sizes are the attacker's; the tests assert what
happens (a named diagnostic, bounded work), never how long it took: the
benchmarks in benchmarks/adversarial.py measure the time and memory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from argdoc.compiler import compile_file, compile_text

HEADER = "title: Limits\ndate: 2024-01-01\n\nclaim thesis:\n    A thesis.\n\n"


def argdoc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # A timeout, so that a regression fails the test instead of hanging the run.
    return subprocess.run(
        [sys.executable, "-m", "argdoc", *args], capture_output=True, text=True, check=False, timeout=120, cwd=cwd
    )


def names(path: Path) -> list[str]:
    return [d.name for d in compile_file(path).diagnostics]


def write_include_bomb(folder: Path, files: int) -> Path:
    """Each file includes the next one twice: 2**files inclusions from a few hundred bytes."""
    main = folder / "main.arg"
    main.write_text(HEADER + 'include "f1.arg"\ninclude "f1.arg"\n')
    for i in range(1, files):
        (folder / f"f{i}.arg").write_text(f'include "f{i + 1}.arg"\ninclude "f{i + 1}.arg"\n')
    (folder / f"f{files}.arg").write_text("claim leaf:\n    supports: thesis\n\n    Text.\n")
    return main


def test_an_include_bomb_is_refused_at_the_second_include_of_a_file(tmp_path: Path) -> None:
    main = write_include_bomb(tmp_path, 40)  # 2**40 inclusions if each were followed
    result = compile_file(main)
    repeated = [d for d in result.diagnostics if d.name == "include-repeated"]
    assert len(repeated) == 40  # once in each file: its second line
    assert all(d.line == 8 or d.line == 2 for d in repeated)
    first = next(d for d in repeated if d.path.endswith("main.arg"))
    assert "'f1.arg' is already included" in first.message
    assert first.related and first.related[0].line == 7  # where it was first included
    # Each file was read once: the paper holds one leaf, not 2**40.
    assert len(result.sources) == 41


def test_the_included_text_of_one_paper_is_bounded_in_total(tmp_path: Path) -> None:
    main = tmp_path / "main.arg"
    main.write_text(HEADER + "".join(f'include "c{i}.arg"\n' for i in range(5)))
    for i in range(5):
        (tmp_path / f"c{i}.arg").write_text(f"claim c{i}:\n    supports: thesis\n\n    " + "word " * 60 + "\n")
    assert compile_file(main).ok
    # Every file alone is under the limit; together they are not.
    small = compile_file(main, max_bytes=1000)
    too_large = [d for d in small.diagnostics if d.name == "paper-too-large"]
    assert len(too_large) == 1
    assert "1000" in too_large[0].message and too_large[0].hint and "--max-size" in too_large[0].hint


def test_a_deep_include_chain_is_a_diagnostic_at_the_include_line(tmp_path: Path) -> None:
    (tmp_path / "main.arg").write_text(HEADER + 'include "d1.arg"\n')
    for i in range(1, 500):
        (tmp_path / f"d{i}.arg").write_text(f'include "d{i + 1}.arg"\n')
    (tmp_path / "d500.arg").write_text("claim last:\n    supports: thesis\n\n    Text.\n")
    result = compile_file(tmp_path / "main.arg")
    deep = [d for d in result.diagnostics if d.name == "include-too-deep"]
    assert len(deep) == 1
    assert (deep[0].line, deep[0].column) == (1, 9)  # the path on the include line of the file at the limit
    assert "main.arg -> d1.arg" in deep[0].message  # the chain, named


def test_an_include_name_too_long_for_the_file_system(tmp_path: Path) -> None:
    (tmp_path / "main.arg").write_text(HEADER + f'include "{"a" * 300}.arg"\n')
    (diagnostic,) = compile_file(tmp_path / "main.arg").diagnostics
    assert diagnostic.name == "include-not-found"
    assert (diagnostic.line, diagnostic.column) == (7, 9)
    assert "too long" in diagnostic.message


def test_did_you_mean_for_thousands_of_undefined_references_stays_linear() -> None:
    # 20,000 undefined references among 20,000 ids: the hint compares each with
    # a bounded set of candidates, not every id (that was minutes).
    defined = "".join(f"component part-{i:05d}:\n    supports: thesis\n\n    Text.\n\n" for i in range(20000))
    wrong = "claim lost:\n    supports: thesis\n\n    " + " ".join(f"[@part-{i:05d}x]" for i in range(20000)) + "\n"
    text = HEADER + defined + wrong
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from argdoc.compiler import compile_text;"
            "r = compile_text(sys.stdin.read(), 'x.arg'); print(len(r.diagnostics))",
        ],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert int(result.stdout) == 20000
    # The hint is still given where a close id exists.
    (diagnostic,) = compile_text(HEADER + "claim a:\n    supports: thesiss\n\n    Text.\n").diagnostics
    assert diagnostic.hint == "did you mean 'thesis'?"


def test_a_long_title_costs_memory_in_proportion_to_its_length(tmp_path: Path) -> None:
    path = tmp_path / "title.arg"
    title = "x" * 8_000_000
    path.write_text(f'title: "{title}"\ndate: 2024-01-01\n\nclaim thesis "{title}":\n    A thesis.\n')
    # The child's own peak: on Linux /proc's VmHWM. ru_maxrss is the fallback elsewhere, but on
    # Linux it starts at the forking parent's peak (pytest's, hundreds of MB late in a full run).
    probe = (
        "import os, resource, sys; from argdoc.compiler import compile_file;"
        "r = compile_file(sys.argv[1]); assert r.ok, r.diagnostics;"
        "status = '/proc/self/status';"
        "print(open(status).read().split('VmHWM:')[1].split()[0] if os.path.exists(status)"
        " else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    peak_bytes = int(done.stdout) * 1024
    # 16 MB of input; a backtracking title pattern took ~100 bytes per byte.
    assert peak_bytes < 16_000_000 * 12


def test_pathological_json_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    cases = {
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "digits.json": '{"kind": "paper", "x": ' + "9" * 5000 + "}",
        "surrogate.json": '{"kind": "paper", "meta": {"title": "\\ud800"}}',
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        done = argdoc("import", str(tmp_path / name), "-o", str(tmp_path / "out.arg"))
        assert done.returncode == 1, (name, done.stderr)
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr, (name, done.stderr)
        assert f"{name}:1:" in done.stderr, (name, done.stderr)
        assert not (tmp_path / "out.arg").exists()


def test_a_very_long_source_line_is_shown_as_a_window_around_the_column(tmp_path: Path) -> None:
    path = tmp_path / "long.arg"
    path.write_text(HEADER + "claim x:\n    supports: nowhere " + "word " * 100_000 + "\n\n    Text.\n")
    done = argdoc("check", str(path))
    assert done.returncode == 1
    assert len(done.stdout) < 2000, done.stdout[:300]
    assert "nowhere" in done.stdout


def test_a_configuration_that_is_not_a_table_names_the_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("tool = 5\n")
    (tmp_path / "p.arg").write_text(HEADER)
    done = argdoc("lint", "p.arg", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "pyproject.toml: [tool] must be a table" in done.stderr
    assert "internal error" not in done.stderr


def test_a_negative_option_value_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "argdoc.toml").write_text("[lint.options.long-statement]\nmax-words = -5\n")
    (tmp_path / "p.arg").write_text(HEADER)
    done = argdoc("lint", "p.arg", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "max-words" in done.stderr and "-5" in done.stderr
