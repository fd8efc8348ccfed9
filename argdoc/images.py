"""A figure's image: found inside the paper's folder, its type sniffed, SVG made safe (#10, part B).

The compiler checks that each figure's file exists (E307, with the path it
looked at); the renderers read it through `data_uri`, which inlines it, so the
HTML stays one self-contained file and the PDF renderer reads nothing but
`data:` for it. The rules are the sandboxed fetcher's (argdoc.render.fetcher):
a regular file whose resolved path (links followed) lies inside the folder.

An SVG may carry script and references to other files or the network; it is
inlined only after `sanitise_svg` has removed every script, event handler,
`foreignObject` and reference that does not point inside the image itself.
"""

from __future__ import annotations

import base64
import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from argdoc import codes
from argdoc.diagnostics import Diagnostic, make
from argdoc.nodes import Figure, Paper
from argdoc.source import SourceFile, Span

MAX_IMAGE_BYTES = 16 * 1024 * 1024
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_DROPPED = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video"}
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)


def locate(image: str, folder: Path) -> Path | str:
    """The image's resolved path, or why it cannot be used (a sentence naming the path)."""
    root = Path(os.path.realpath(folder))
    path = Path(os.path.realpath(root / image))
    if not path.is_relative_to(root):
        return f"the image '{image}' is outside the paper's folder ({root})"
    if not path.is_file():
        return f"the image '{image}' does not exist (looked for {path})"
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return f"the image '{image}' is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB"
    return path


def media_type(data: bytes) -> str | None:
    """PNG, JPEG, WebP or SVG, from the bytes themselves (never from the name)."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096].lower():
        return "image/svg+xml"
    return None


def sanitise_svg(data: bytes) -> bytes | None:
    """The SVG without script, handlers or outside references; None when it cannot be read safely."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None  # entities are how an XML file reaches other files (and explodes in size)
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    _clean(root)
    ElementTree.register_namespace("", _SVG_NS)
    ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    cleaned: bytes = ElementTree.tostring(root, encoding="utf-8")
    return cleaned


def _clean(element: ElementTree.Element) -> None:
    for child in list(element):
        if _local(child.tag) in _DROPPED or (_local(child.tag) == "style" and _OUTSIDE_URL.search(child.text or "")):
            element.remove(child)
        else:
            _clean(child)
    for name, value in list(element.attrib.items()):
        if _unsafe_attribute(name, value):
            del element.attrib[name]


def _unsafe_attribute(name: str, value: str) -> bool:
    """An event handler, a link out of the image, or a style that fetches something."""
    local = _local(name)
    handler = local.lower().startswith("on")
    outside_link = (name == _XLINK or local == "href") and not value.strip().startswith("#")
    return handler or outside_link or bool(_OUTSIDE_URL.search(value)) or "@import" in value


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def data_uri(path: Path) -> str | None:
    """The image as a `data:` URL (an SVG sanitised first); None when it is not an image argdoc takes."""
    data = path.read_bytes()
    kind = media_type(data)
    if kind == "image/svg+xml":
        cleaned = sanitise_svg(data)
        if cleaned is None:
            return None
        data = cleaned
    if kind is None:
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def image_problems(paper: Paper, source: SourceFile, sources: dict[str, SourceFile]) -> list[Diagnostic]:
    """E307 for each figure whose image is missing, outside the paper's folder, or not an image."""
    folder = Path(source.path).resolve().parent
    found: list[Diagnostic] = []
    for exhibit in paper.all_exhibits():
        if not isinstance(exhibit, Figure):
            continue
        where = locate(exhibit.image, folder)
        problem = where if isinstance(where, str) else None
        if problem is None and isinstance(where, Path) and data_uri(where) is None:
            problem = f"the image '{exhibit.image}' is not a PNG, JPEG, WebP or SVG file argdoc can read"
        if problem is not None:
            file = sources.get(exhibit.origin, source) if exhibit.origin else source
            span = exhibit.fields_span or exhibit.span or Span(line=1, column=1, end_line=1, end_column=2)
            found.append(
                make(
                    codes.IMAGE_NOT_FOUND,
                    problem,
                    file,
                    span,
                    hint="put the image in the paper's folder and name it by a relative path: image: figures/map.png",
                    statement=exhibit.id,
                )
            )
    return found
