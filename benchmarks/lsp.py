"""How fast `argdoc lsp` answers a change, and whether its memory stays flat (issue #13).

    .venv/bin/python benchmarks/lsp.py                  # 300 and 1,000 statements, 1,000 edits
    .venv/bin/python benchmarks/lsp.py --edits 200      # quicker

For each size, a generated paper (benchmarks/generate.py) is opened in a warm
server started with `--debounce 0`, so that what is measured is the server's
work and not the pause it waits for: each edit is one incremental change (a
letter of a paragraph toggled, as a writer types), and the latency is the
time from sending didChange to receiving the publishDiagnostics of that
version, over the real stdio pipe. The editor's debounce (150 ms by default)
comes on top of it. The first 20 edits warm the server and are not counted.
Memory is the server's resident set (VmRSS) after the warm-up and after the
last edit. Results are printed and written to benchmarks/results/lsp.json.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 20
TARGETS_MS = {300: 50, 1000: 150}


def _generate(statements: int) -> str:
    spec = importlib.util.spec_from_file_location("benchmarks_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    text: str = module.generate(statements)
    return text


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _prose_line(text: str) -> tuple[int, int]:
    """A line of a paragraph deep in the paper, and a column of a letter on it."""
    lines = text.splitlines()
    for number in range(len(lines) // 2, len(lines)):
        line = lines[number]
        if line.startswith("    ") and ":" not in line and "[" not in line and len(line) > 40:
            column = line.index(" ", 10) - 1
            if line[column].isalpha():
                return number, column
    raise RuntimeError("no plain prose line found")


async def measure(statements: int, edits: int) -> dict[str, float | int]:
    text = _generate(statements)
    folder = Path(tempfile.mkdtemp(prefix="argdoc-lsp-bench-"))
    path = folder / "paper.arg"
    path.write_text(text)
    uri = path.as_uri()
    arrived: dict[int, float] = {}
    event = asyncio.Event()

    client = LanguageClient("argdoc-bench", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.uri == uri and params.version is not None:
            arrived[params.version] = time.perf_counter()
            event.set()

    await client.start_io(sys.executable, "-m", "argdoc", "lsp", "--debounce", "0")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    server = client._server  # the child process, for its memory
    assert server is not None
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="argdoc", version=1, text=text)
        )
    )
    while 1 not in arrived:
        event.clear()
        await event.wait()
    line, column = _prose_line(text)
    original = text.splitlines()[line][column]
    latencies: list[float] = []
    rss_after_warm_up = 0
    for version in range(2, edits + WARM_UP + 2):
        letter = "x" if version % 2 == 0 else original
        change = types.TextDocumentContentChangePartial(
            range=types.Range(
                start=types.Position(line=line, character=column), end=types.Position(line=line, character=column + 1)
            ),
            text=letter,
        )
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change],
            )
        )
        while version not in arrived:
            event.clear()
            await event.wait()
        if version - 1 > WARM_UP:
            latencies.append((arrived[version] - sent) * 1000)
        elif version - 1 == WARM_UP:
            rss_after_warm_up = _rss_kib(server.pid)
    rss_end = _rss_kib(server.pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    latencies.sort()
    return {
        "statements": statements,
        "bytes": len(text.encode()),
        "edits": len(latencies),
        "median_ms": round(statistics.median(latencies), 1),
        "p90_ms": round(latencies[int(len(latencies) * 0.9)], 1),
        "max_ms": round(latencies[-1], 1),
        "target_ms": TARGETS_MS.get(statements, 0),
        "rss_after_warm_up_kib": rss_after_warm_up,
        "rss_at_end_kib": rss_end,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000, help="edits measured per size (default: 1000)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000], help="statements per paper")
    args = parser.parse_args(argv)
    results = [asyncio.run(measure(size, args.edits)) for size in args.sizes]
    for r in results:
        growth = (int(r["rss_at_end_kib"]) - int(r["rss_after_warm_up_kib"])) / 1024
        print(
            f"{r['statements']:>5} statements ({r['bytes']} bytes): change → diagnostics median {r['median_ms']} ms "
            f"(p90 {r['p90_ms']}, max {r['max_ms']}; target {r['target_ms']}) over {r['edits']} edits; "
            f"RSS {int(r['rss_after_warm_up_kib']) / 1024:.1f} → {int(r['rss_at_end_kib']) / 1024:.1f} MiB "
            f"({growth:+.1f})"
        )
    out = ROOT / "benchmarks" / "results" / "lsp.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
