"""A paper as one self-contained HTML document (Jinja2), for the screen or for print.

The same templates make two documents:

* `render_html` (screen): the HTML file a reader opens. Fonts and styles are
  inlined, a strict Content-Security-Policy (styles allowed by hash, fonts and
  images only as `data:`) says it makes no request of any kind, citations are
  endnotes with back-links, and the stylesheet adapts to phones, dark mode
  and printing from the browser.
* `print_document` (print): what WeasyPrint typesets into the PDF. Citations
  are footnotes, the fonts are loaded from argdoc's font folder through the
  sandboxed fetcher (see `argdoc.render.pdf`), and the stylesheet is the
  paged one (running heads, page numbers, leaders in the contents).

Layout (headings, numbers, anchors) is decided in `argdoc.render.layout`;
prose bodies are rendered by `argdoc.render.markup.BodyRenderer`; the
templates only arrange. The Jinja environment is made once per template
folder and process, and its compiled templates are cached between
processes; the macros every statement uses are made once per render and
given to the templates as `macros`.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    Template,
)
from markupsafe import Markup, escape

from argdoc.cache import cache_dir
from argdoc.cite.styles import Style
from argdoc.collector import gc_paused
from argdoc.images import data_uri, locate
from argdoc.likelihood import band_text
from argdoc.nodes import Chart, Claim, Figure, Meta, Paper, Source, Table
from argdoc.render.bibliography import attribution, day_month_year, doi_url, link, paper_citation
from argdoc.render.chart import draw_chart
from argdoc.render.fonts import Medium, Subset, font_face_css, subsets_in
from argdoc.render.glance import Glance, glance
from argdoc.render.language import Direction, text_direction
from argdoc.render.layout import Anchors, Layout, layout, typeset
from argdoc.render.locale import Words, format_date
from argdoc.render.markup import BodyRenderer
from argdoc.render.notes import Notes
from argdoc.render.options import RenderOptions
from argdoc.render.stylesheets import argdoc_css, content_width_pt, page_css, user_css
from argdoc.render.tension_map import WIDTH as MAP_WIDTH
from argdoc.render.tension_map import paper_map
from argdoc.render.toc import contents
from argdoc.render.typography import smarten
from argdoc.walk import plain_blocks

# A running head longer than this is shortened (at a colon, else at a word).
_SHORT_TITLE = 60
# The most statements the printed contents lists on the cover (see _toc_statements).
_COVER_STATEMENTS = 12


@dataclass(frozen=True)
class PrintDocument:
    """The HTML WeasyPrint typesets, and the font rules it needs (relative to the static folder)."""

    html: str
    font_css: str


def render_html(paper: Paper, options: RenderOptions | None = None) -> str:
    """The paper as one self-contained HTML document."""
    return _render(paper, options or RenderOptions(), "screen").html


def render_html_pieces(paper: Paper, options: RenderOptions | None = None) -> list[str]:
    """`render_html`'s document in pieces of about 64 KB, which joined make it.

    For writing the page to a file: a 100,000-statement paper is 170 million
    characters, and joining them into one string (then encoding that) took
    a second; written piece by piece, it never exists whole.
    """
    return _render(paper, options or RenderOptions(), "screen").pieces


def print_document(paper: Paper, options: RenderOptions | None = None) -> PrintDocument:
    """The paper as HTML for WeasyPrint, with its fonts' `@font-face` rules."""
    page = _render(paper, options or RenderOptions(), "print")
    return PrintDocument(page.html, font_face_css(page.subsets(), "print"))


@dataclass(frozen=True)
class _Page:
    """A rendered page in pieces, and the text it shows besides its HTML (the running head, set by CSS)."""

    pieces: list[str]
    running_head: str

    @property
    def html(self) -> str:
        return "".join(self.pieces)

    def subsets(self) -> frozenset[Subset]:
        """The font subsets the page needs: those of the characters it shows.

        The HTML holds every word the page shows and, for the screen, not yet its
        stylesheet (see `_with_fonts`); the running head is in the stylesheet,
        escaped. Scanning the page rather than the tree (its JSON was a third of
        the render) also counts text from a user's templates and from options.
        The pieces are scanned as they are, never joined.
        """
        return subsets_in([*self.pieces, self.running_head])


# --- Jinja --------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def environment(templates_dir: Path | None = None) -> Environment:
    """The Jinja environment for a template folder (None: argdoc's own), made once per process.

    A user's folder comes first, so any template of argdoc's can be replaced
    by a file of the same name there. Only a user's templates are checked for
    edits (a live preview sees them); argdoc's own cannot change under a running
    process, and checking costs two `stat` calls for every include.
    """
    package = PackageLoader("argdoc.render", "templates")
    loader: BaseLoader = package if templates_dir is None else ChoiceLoader([FileSystemLoader(templates_dir), package])
    env = Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=templates_dir is not None,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["long_date"] = day_month_year
    env.globals["link"] = link
    env.globals["likelihood_band"] = band_text  # #15: the estimate.html.j2 partial
    return env


def _bytecode_cache() -> BytecodeCache | None:
    """Jinja's cache of compiled templates, in argdoc's cache folder (argdoc.cache).

    Compiling argdoc's templates costs every process about 30 ms, a tenth of
    a small paper's build; loading them compiled, about 3 ms. Entries are
    keyed by the template's source, so an edited template is compiled again.
    Without a usable folder, templates are compiled as before.
    """
    folder = cache_dir()
    if folder is None:
        return None
    try:
        (folder / "templates").mkdir(mode=0o700, exist_ok=True)
        return FileSystemBytecodeCache(str(folder / "templates"))
    except OSError:
        return None


# --- one render ---------------------------------------------------------------------


def _render(paper: Paper, options: RenderOptions, medium: Medium) -> _Page:
    # A render makes hundreds of thousands of short-lived strings and no cycles
    # to speak of: left on, the collector would rescan the paper's whole tree
    # again and again (about a sixth of the render at 10,000 statements).
    with gc_paused():
        return _render_document(paper, options, medium)


def _render_document(paper: Paper, options: RenderOptions, medium: Medium) -> _Page:
    meta = paper.meta
    vocabulary = options.words_of(meta.language)

    # The reader's words show the typography of the paper's language (#11); ids, addresses
    # and attribute values keep what the author typed.
    def shown(text: str) -> str:
        return smarten(text, meta.language)

    sources = {s.id: s for s in paper.all_statements() if isinstance(s, Source)}
    # The citation style (#12), with the year letters of its sources: notes and list say the same.
    style = Style(options.style_of(meta.style), meta.language).for_sources(sources.values())
    plan = typeset(layout(paper, options.view_of(meta.view), vocabulary, style), shown)
    title = meta.title or options.fallback_title
    direction = text_direction(meta.language)
    notes = Notes(sources, medium, plan.note_prefix, style)
    view = glance(paper, plan.thesis)
    doi = options.doi or _meta_field(meta, "doi")
    permalink = options.permalink or _meta_field(meta, "permalink")
    identifier = doi_url(doi) if doi else permalink
    running_head = short_title(meta, title)
    css = _stylesheet(paper, options, medium, running_head, vocabulary["page"])
    context: dict[str, Any] = {
        "meta": meta,
        "title": title,
        "author_names": [a.name for a in meta.authors] or ([meta.organisation] if meta.organisation else []),
        # The organisation is not repeated under the title when it is also the sole author.
        "organisation": None if [a.name for a in meta.authors] == [meta.organisation] else meta.organisation,
        "description": plain_blocks(meta.summary, plan.references) or meta.subtitle or "",
        "layout": plan,
        "titles": plan.titles,
        "estimates": {
            c.id: c for c in paper.all_statements() if isinstance(c, Claim) and (c.likelihood or c.confidence)
        },
        "render": BodyRenderer(
            {ident: attribution(source) for ident, source in sources.items()},
            notes,
            plan.references,
            meta.language,
        ),
        "typeset": shown,
        "notes": notes,
        "medium": medium,
        "view": plan.view,
        "words": vocabulary,
        "format_date": format_date,
        "direction": direction,
        "theme": options.theme,
        "contents": contents(
            plan,
            vocabulary,
            glance=bool(view),
            endnotes=medium == "screen" and plan.has_notes,
            statements=_toc_statements(plan, medium),
        ),
        "glance": view,
        "tension_map": _tension_map(view, plan, direction, options, medium, vocabulary),
        "cite_this": paper_citation(meta, title, identifier, style) if meta.authors or meta.organisation else None,
        "doi": doi,
        "doi_url": doi_url(doi) if doi else None,
        "permalink": permalink,
        "identifier": identifier if identifier and identifier.startswith(("https://", "http://")) else None,
        **_exhibit_helpers(paper, options, plan),
    }
    env = environment(options.templates_dir)
    # The macros module is made once per render, with the render's context, rather
    # than imported `with context` by each statement's partial: such an import
    # cannot be cached, and made a module per statement.
    context["macros"] = env.get_template("macros.html.j2").make_module(context)
    template = env.get_template("paper.html.j2")
    if medium == "print" or not options.embed_fonts:
        context.update(css=Markup(css), csp=_content_security_policy(css))  # argdoc's and the user's CSS: trusted
        return _Page([template.render(context)], running_head)
    return _with_fonts(template, context, css, running_head)


def _with_fonts(template: Template, context: dict[str, Any], css: str, running_head: str) -> _Page:
    """The screen page with its fonts inlined: only the faces of the scripts the page shows.

    Which faces is known once the page is rendered, so it is rendered with
    placeholders for the stylesheet and its hash, which are then put in. The
    placeholders hold a `<`, which no escaped text can, and a random token.
    The page is kept in chunks until then: a placeholder is one piece of
    Jinja's output, so it is never split, and filling it in never copies the
    whole page (at 100,000 statements, 170 MB).
    """
    token = secrets.token_hex(8)
    css_mark, csp_mark = f"<argdoc-css-{token}>", f"<argdoc-csp-{token}>"
    context.update(css=Markup(css_mark), csp=Markup(csp_mark))
    chunks = _chunks(template.generate(context))
    css = font_face_css(_Page(chunks, running_head).subsets(), "screen") + css
    # The policy is text in an attribute: escaped, as the template would have.
    csp = escape(_content_security_policy(css))
    # str.replace hands back the very chunk when the mark is not in it: no copying.
    return _Page([chunk.replace(css_mark, css).replace(csp_mark, csp) for chunk in chunks], running_head)


def _chunks(pieces: Iterable[str], size: int = 1 << 16) -> list[str]:
    """Jinja's output pieces joined into strings of about `size` characters (whole pieces only)."""
    chunks: list[str] = []
    pending: list[str] = []
    length = 0
    for piece in pieces:
        pending.append(piece)
        length += len(piece)
        if length >= size:
            chunks.append("".join(pending))
            pending, length = [], 0
    chunks.append("".join(pending))
    return chunks


def _toc_statements(plan: Layout, medium: Medium) -> bool:
    """Whether the contents list statements under their sections.

    On screen, always: the contents is the paper's outline. In print it opens
    the second page, above the tension map, so a longer paper lists its
    sections only (its statements are still in the PDF's bookmarks).
    """
    return medium == "screen" or sum(len(g.statements) for g in plan.groups) <= _COVER_STATEMENTS


def _stylesheet(paper: Paper, options: RenderOptions, medium: Medium, running_head: str, page_words: str) -> str:
    """The page's stylesheet, but for the fonts of the screen page (see `_with_fonts`)."""
    meta = paper.meta
    page = page_css(options.page_size, meta.series, running_head, text_direction(meta.language), page_words)
    return argdoc_css(options.theme, medium) + page + user_css(options.templates_dir)


def _content_security_policy(css: str) -> str:
    """Nothing may load but the one inline stylesheet (by its hash) and data: fonts and images."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; font-src data:; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def _tension_map(
    view: Glance, plan: Layout, direction: Direction, options: RenderOptions, medium: Medium, vocabulary: Words
) -> Markup:
    # In print the map spans the text column: its labels are set in points to match.
    scale = content_width_pt(options.page_size) / MAP_WIDTH if medium == "print" else None
    return paper_map(view, plan, direction, vocabulary, print_scale=scale)


def _exhibit_helpers(paper: Paper, options: RenderOptions, plan: Layout) -> dict[str, Any]:
    """What the figure and chart partials call (#10 part B): an image as data:, a chart as SVG, a width class."""
    tables = {e.id: e for e in paper.all_exhibits() if isinstance(e, Table)}
    anchors = Anchors(set(plan.titles) | set(plan.anchors.values()))

    def image_uri(figure: Figure) -> str | None:
        if options.base_dir is None:
            return None  # no folder to read from (text from standard input): the alt text stands in
        where = locate(figure.image, options.base_dir)
        return data_uri(where) if isinstance(where, Path) else None

    def chart_svg(chart: Chart) -> Markup:
        return draw_chart(chart, tables.get(chart.data.id), anchors.reserve(f"{chart.id}-title"))

    def exhibit_width(width: str) -> int:
        # The page's policy allows no style attribute: widths are classes in steps of ten.
        return min(100, max(10, round(int(width.rstrip("%")) / 10) * 10))

    return {"image_uri": image_uri, "draw_chart": chart_svg, "exhibit_width": exhibit_width}


def _meta_field(meta: Meta, name: str) -> str | None:
    """An optional header field (`doi:`, `permalink:`, `short-title:`), when it holds text."""
    value = getattr(meta, name, None)
    return value if isinstance(value, str) and value.strip() else None


def short_title(meta: Meta, title: str) -> str:
    """The running head: `short_title:` if the paper has one, else the title, shortened if long."""
    chosen = _meta_field(meta, "short_title")
    if chosen:
        return chosen
    if len(title) <= _SHORT_TITLE:
        return title
    head = title.split(":", 1)[0].strip()
    if len(head) <= _SHORT_TITLE:
        return head
    return title[:_SHORT_TITLE].rsplit(" ", 1)[0] + "…"
