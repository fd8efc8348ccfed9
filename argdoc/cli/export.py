"""`argdoc export`: a paper's argument tree as JSON, its JSON Schema, Argdown, AIF, DOT or Markdown; its sources
as CSL-JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from argdoc.cli.commands import Command
from argdoc.cli.console import Console
from argdoc.cli.exit_codes import EXIT_ERRORS, EXIT_OK, UsageError
from argdoc.cli.inputs import compile_input
from argdoc.cli.outputs import write_output
from argdoc.compiler import STDIN
from argdoc.output import overwrite_refusal, write_stdout

if TYPE_CHECKING:
    from argdoc.nodes import Paper

EXPORTS = ("json", "schema", "argdown", "aif", "dot", "markdown", "csl-json")


def arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("path", nargs="?", metavar="PATH", help=".arg file, or - for standard input")
    export.add_argument("--to", choices=EXPORTS, required=True, help="what to write")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    export.add_argument(
        "--no-spans", dest="spans", action="store_false", help="leave source positions out of the JSON tree"
    )


def run(args: argparse.Namespace, console: Console) -> int:
    from argdoc.nodes import Paper, tree_json

    if args.to == "schema":
        import json  # only the schema needs it: other commands do not pay for importing it

        text = json.dumps(Paper.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
    else:
        if args.path is None:
            raise UsageError(f"export --to {args.to} needs a PATH to a .arg file")
        result = compile_input(Path(args.path), None, args.max_size)
        console.diagnostics(result, sys.stderr)
        if not result.ok or result.paper is None:
            return EXIT_ERRORS
        given = [Path(name) for name in result.sources if name != STDIN]
        if args.output is not None:  # the paper's own file, or one it includes
            reason = overwrite_refusal(Path(args.output), given)
            if reason is not None:
                raise UsageError(reason)
        if args.to == "json":
            text = tree_json(result.paper, spans=args.spans) + "\n"
        elif args.to == "markdown" and args.output is not None:
            beside = _markdown_beside(result.paper, Path(args.output), given, console)
            if beside is None:
                return EXIT_ERRORS
            text = beside
        else:
            from argdoc.export import export

            text = export(result.paper, args.to)
    if args.output is None:
        write_stdout(text)
    elif write_output(Path(args.output), text, console):
        console.wrote(args.output)
    else:
        return EXIT_ERRORS
    return EXIT_OK


def _markdown_beside(paper: Paper, output: Path, given: list[Path], console: Console) -> str | None:
    """The Markdown for `output`, its tension map written beside it first as `<stem>-tension-map.svg`.

    On standard output the map is embedded instead (argdoc.export.markdown);
    a file gets the SVG beside it, so the Markdown stays readable text. The
    map goes first, so the Markdown never names a file that is not there.
    Returns the text, and None when the map could not be written.
    """
    from argdoc.export.markdown import render_with_map

    map_path = output.with_name(f"{output.stem}-tension-map.svg")
    text, svg = render_with_map(paper, map_path.name)
    if svg is None:
        return text  # no tension map to write
    reason = overwrite_refusal(map_path, given)
    if reason is not None:
        raise UsageError(reason)
    if not write_output(map_path, svg + "\n", console):
        return None
    console.wrote(str(map_path))
    return text


COMMAND = Command(
    "write the argument tree as JSON, Argdown, AIF, DOT or Markdown, or the sources as CSL-JSON",
    "Write a paper's argument tree as JSON (--to json), the tree's JSON Schema "
    "(--to schema, no PATH needed), an Argdown document (argdown), AIF JSON (aif), a Graphviz "
    "digraph (dot), a Pandoc Markdown rendition (markdown), or the paper's sources as a CSL-JSON array "
    "(csl-json), as Zotero and Pandoc read them.",
    arguments,
    run,
)
