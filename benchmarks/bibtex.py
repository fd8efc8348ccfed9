"""Parse time of a 1,000-entry BibTeX library (`bibliography: refs.bib`, issue #12).

    .venv/bin/python benchmarks/bibtex.py                # 1,000 entries, best of 5
    .venv/bin/python benchmarks/bibtex.py --entries 5000 --repeat 3

The library is the hand-written Zotero export of the tests
(tests/cases/cite/zotero.bib: journal articles, books, chapters, reports,
web pages, a thesis; Better BibTeX's braces, LaTeX accents, `file`,
`abstract` and `keywords` fields) repeated under new keys. Measured, each in
a fresh process, best of `--repeat`:

- `read`: argdoc.cite.bibtex.read_bibtex on the file's text (bibtexparser's
  split and middlewares, then argdoc's mapping of every entry to a source);
- `compile`: compile_file of a small paper that cites 20 of the entries
  (reading, resolving, keeping the cited ones), against the same paper with
  its sources written in .arg (`compile_without`), so the difference is
  the cost of the library;
- `import`: importing bibtexparser (paid only by papers that name a .bib file).

Results are printed and written to benchmarks/results/bibtex.json.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "cases" / "cite" / "zotero.bib"
CITED = 20

PROBE = """
import sys, time
start = time.perf_counter()
{setup}
print(time.perf_counter() - start)
"""


def library(entries: int) -> str:
    """`entries` entries: the fixture's, again and again under new keys."""
    text = FIXTURE.read_text(encoding="utf-8")
    blocks = [b for b in re.split(r"\n(?=@)", text) if b.startswith("@") and not b.startswith(("@comment", "@string"))]
    head = '@string{ surv = "Survival" }\n\n'
    out = []
    for n in range(entries):
        block = blocks[n % len(blocks)]
        out.append(re.sub(r"^(@\w+\{)([^,]+),", rf"\g<1>\g<2>-{n},", block, count=1))
    return head + "\n\n".join(out) + "\n"


def paper(keys: list[str], header: str) -> str:
    cites = " ".join(f"[@{key}]" for key in keys)
    return f'title: Bench\ndate: 2024-04-01\n{header}\n\nclaim thesis "T":\n    role: thesis\n\n    Words {cites}.\n'


def time_in_fresh_process(setup: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", PROBE.format(setup=setup)], capture_output=True, text=True)
        done.check_returncode()
        best = min(best, float(done.stdout.strip()))
    return best


def measure(entries: int, repeat: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        bib = folder / "refs.bib"
        bib.write_text(library(entries), encoding="utf-8")
        keys = re.findall(r"^@(?!string)\w+\{([^,}]+),", bib.read_text(encoding="utf-8"), flags=re.MULTILINE)[:CITED]
        (folder / "with.arg").write_text(paper(keys, "bibliography: refs.bib"), encoding="utf-8")
        sources = "".join(f'\nsource {key} "A work":\n    outlet: Journal\n    date: 2020\n' for key in keys)
        (folder / "without.arg").write_text(paper(keys, "") + sources, encoding="utf-8")
        read = (
            "from argdoc.source import SourceFile; from argdoc.cite.bibtex import read_bibtex\n"
            f"text = SourceFile.from_text(open({str(bib)!r}, encoding='utf-8').read(), 'refs.bib')\n"
            "start = time.perf_counter(); entries, problems = read_bibtex(text)\n"
            f"assert len(entries) == {entries} and not problems"
        )
        compile_with = (
            "from argdoc.compiler import compile_file\nstart = time.perf_counter()\n"
            f"result = compile_file({str(folder / 'with.arg')!r}); assert result.ok, result.diagnostics\n"
            f"assert len(result.paper.references) == {CITED}"
        )
        compile_without = (
            "from argdoc.compiler import compile_file\nstart = time.perf_counter()\n"
            f"assert compile_file({str(folder / 'without.arg')!r}).ok"
        )
        return {
            "entries": entries,
            "bytes": bib.stat().st_size,
            "repeat": repeat,
            "read_s": round(time_in_fresh_process(read, repeat), 4),
            "compile_with_library_s": round(time_in_fresh_process(compile_with, repeat), 4),
            "compile_without_s": round(time_in_fresh_process(compile_without, repeat), 4),
            "import_bibtexparser_s": round(time_in_fresh_process("import bibtexparser", repeat), 4),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results = measure(args.entries, args.repeat)
    print(json.dumps(results, indent=2))
    out = ROOT / "benchmarks" / "results" / "bibtex.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
