"""Write the HTML argdoc hands to WeasyPrint for a paper, for timing WeasyPrint on it alone.

    python benchmarks/print_html.py PAPER.arg OUT.html

`argdoc build --format pdf` does not typeset the screen HTML of `--format
html`: it renders a print variant (footnotes, page-numbered contents) and
adds its fonts' `@font-face` rules as a separate stylesheet. This writes that
same print HTML with the font rules inlined (their URLs made absolute), so
that `weasyprint OUT.html x.pdf --pdf-variant pdf/ua-1` does exactly the
typesetting argdoc does: the floor benchmarks/run.py compares argdoc's PDF
time with.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argdoc.compiler import compile_file
from argdoc.render.fonts import STATIC_DIR
from argdoc.render.html import print_document
from argdoc.render.options import RenderOptions


def print_html(paper_path: Path) -> str:
    """The print HTML of a paper, its font rules inlined in a `<style>` before `</head>`."""
    result = compile_file(paper_path)
    if not result.ok or result.paper is None:
        raise SystemExit(f"{paper_path}: does not compile: {result.diagnostics[0].message}")
    options = RenderOptions(base_dir=paper_path.parent.resolve(), fallback_title=paper_path.stem)
    document = print_document(result.paper, options)
    fonts = document.font_css.replace('url("fonts/', f'url("{STATIC_DIR.as_uri()}/fonts/')
    head_end = document.html.index("</head>")
    return document.html[:head_end] + f"<style>{fonts}</style>" + document.html[head_end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("paper", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    args.out.write_text(print_html(args.paper), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
