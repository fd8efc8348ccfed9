"""Coverage-guided fuzzing of argdoc with atheris (libFuzzer).

    make fuzz                       # 20 minutes, corpus in tests/fuzz/corpus
    .venv/bin/python tests/fuzz/fuzz_argdoc.py tests/fuzz/corpus -max_total_time=60

Every input goes through tests/fuzz/pipeline.py: decode, parse, build,
resolve, every lint rule, fmt (with its safety checks) and the HTML build.
A crash is saved by libFuzzer as crash-<hash>; copy it into
tests/fuzz/crashes/ with a descriptive name, where make test replays it.
Atheris is not a project dependency: `make fuzz` installs it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

# Instrument argdoc (and Lark, whose lexer and parser the input drives) for coverage.
with atheris.instrument_imports(include=["argdoc", "lark"]):
    from tests.fuzz.pipeline import run_bytes


# ARGDOC_FUZZ_RENDER=0 leaves out the HTML build (faster; the front end only).
RENDER = os.environ.get("ARGDOC_FUZZ_RENDER", "1") != "0"


def one_input(data: bytes) -> None:
    run_bytes(data, RENDER)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
