"""Options shared by the HTML and PDF renderers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PageSize = Literal["A4", "Letter"]
PAGE_SIZES: tuple[PageSize, ...] = ("A4", "Letter")


@dataclass(frozen=True)
class RenderOptions:
    """How to render a paper.

    `base_dir` is the paper's own folder: the only place the PDF renderer may
    read files from. `fallback_title` names a paper that has no title field
    (the file's stem, when it came from a file). `tagged` makes the PDF a
    tagged PDF/UA-1 document (a structure tree for screen readers), at some
    cost in rendering time.
    """

    page_size: PageSize = "A4"
    base_dir: Path | None = None
    fallback_title: str = "Untitled paper"
    tagged: bool = False
