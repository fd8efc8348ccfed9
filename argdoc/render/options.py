"""Options shared by the HTML and PDF renderers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from argdoc.cite.styles import StyleName
    from argdoc.render.locale import Words

PageSize = Literal["A4", "Letter"]
PAGE_SIZES: tuple[PageSize, ...] = ("A4", "Letter")

# The PDF flavours argdoc offers: tagged for screen readers (the default),
# archival, or plain. "none" is spelled out so a command line can ask for it.
PdfVariant = Literal["pdf/ua-1", "pdf/a-3u", "none"]
PDF_VARIANTS: tuple[PdfVariant, ...] = get_args(PdfVariant)

# The two views of one paper (#11): `publication` reads like the brief a reader is
# sent (statement titles as headings, no kind labels or relation lines, the thesis
# as the unnumbered opening); `analysis` is the reviewer's look, with every kind and
# relation shown. The first is the default.
View = Literal["publication", "analysis"]
VIEWS: tuple[View, ...] = get_args(View)

# The themes shipped in argdoc/render/static/themes/ (see docs/theming.md).
THEMES: tuple[str, ...] = ("house", "plain")


@dataclass(frozen=True)
class RenderOptions:
    """How to render a paper.

    `base_dir` is the paper's own folder: the only place (besides argdoc's own
    fonts) the PDF renderer may read files from. `fallback_title` names a paper
    that has no title field (the file's stem, when it came from a file).

    `pdf_variant` picks the PDF flavour: `pdf/ua-1` (tagged, with a structure
    tree for screen readers; the default), `pdf/a-3u` (archival) or `none`.
    `tagged` is the older switch for the same thing and wins when given:
    True means `pdf/ua-1`, False means `none`.

    `theme` names a stylesheet shipped with argdoc; `templates_dir` is a folder
    whose templates come before argdoc's own and whose `paper.css`, if any, is
    added after the theme. `embed_fonts` inlines argdoc's fonts in the HTML
    (about 120 kB); without it the page uses the reader's own fonts.

    `doi` and `permalink` name the paper on the web when the paper itself
    does not (the header fields `doi:` and `permalink:`, once the language has
    them, are read too; these options win).

    `view` picks the view (`VIEWS`); None takes the paper's `view:` field,
    else `publication`. `style` picks the citation style (a name of
    argdoc.cite.styles.STYLES) the same way: None takes the paper's `style:`.
    """

    page_size: PageSize = "A4"
    base_dir: Path | None = None
    fallback_title: str = "Untitled paper"
    tagged: bool | None = None
    pdf_variant: PdfVariant = "pdf/ua-1"
    theme: str = "house"
    templates_dir: Path | None = None
    embed_fonts: bool = True
    doi: str | None = None
    permalink: str | None = None
    view: View | None = None
    style: str | None = None

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"unknown page size {self.page_size!r}; choose from: {', '.join(PAGE_SIZES)}")
        if self.pdf_variant not in PDF_VARIANTS:
            raise ValueError(f"unknown PDF variant {self.pdf_variant!r}; choose from: {', '.join(PDF_VARIANTS)}")
        if self.view is not None and self.view not in VIEWS:
            raise ValueError(f"unknown view {self.view!r}; choose from: {', '.join(VIEWS)}")
        if self.style is not None and self.style not in _style_names():
            raise ValueError(f"unknown citation style {self.style!r}; choose from: {', '.join(_style_names())}")
        if self.theme not in THEMES:
            raise ValueError(f"unknown theme {self.theme!r}; choose from: {', '.join(THEMES)}")

    def view_of(self, paper_view: str | None) -> View:
        """The view to render: this option, else the paper's `view:` field, else `publication`."""
        if self.view is not None:
            return self.view
        return "analysis" if paper_view == "analysis" else "publication"

    def words_of(self, language: str) -> Words:
        """The UI words of the paper's language, with a `--templates` folder's words.toml over them."""
        from argdoc.render.locale import USER_WORDS, words

        return words(language, self.templates_dir / USER_WORDS if self.templates_dir else None)

    def style_of(self, paper_style: str | None) -> StyleName:
        """The citation style to render: this option, else the paper's `style:` field, else the default."""
        from argdoc.cite.styles import DEFAULT_STYLE, style_name

        return style_name(self.style or paper_style or DEFAULT_STYLE) or DEFAULT_STYLE

    @property
    def weasyprint_variant(self) -> str | None:
        """The `pdf_variant` argument for WeasyPrint (None: a plain PDF)."""
        if self.tagged is not None:
            return "pdf/ua-1" if self.tagged else None
        return None if self.pdf_variant == "none" else self.pdf_variant


def _style_names() -> tuple[str, ...]:
    from argdoc.cite.styles import STYLES

    return STYLES
