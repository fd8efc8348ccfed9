"""The sandboxed URL fetcher: WeasyPrint reads data: URLs and files inside the paper's folder, nothing else.

The rules are tested on their own (`is_allowed`), then end to end through
WeasyPrint with hand-written hostile HTML: a refused file must not reach the
PDF, and a refused URL must not reach the network.
"""

from __future__ import annotations

import io
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader

from argdoc.render.fetcher import is_allowed, local_file
from argdoc.render.pdf import RenderError, pdf_from_html, sandboxed_fetcher

SECRET = "argdoc-secret-7f3a9c"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


@dataclass
class Folders:
    paper: Path  # the paper's folder: the base_dir
    secret: Path  # a file outside it


@pytest.fixture
def folders(tmp_path: Path) -> Folders:
    paper = tmp_path / "paper"
    outside = tmp_path / "outside"
    paper.mkdir()
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(SECRET)
    (paper / "figure.svg").write_bytes(SVG)
    (paper / "notes.txt").write_text("inside the folder")
    (paper / "leak.txt").symlink_to(secret)
    (paper / "alias.svg").symlink_to(paper / "figure.svg")
    (paper / "random").symlink_to("/dev/urandom")
    return Folders(paper, secret)


# --- the rules -------------------------------------------------------------------------


def test_data_urls_are_allowed_with_or_without_a_folder(folders: Folders) -> None:
    assert is_allowed("data:text/plain,hello", folders.paper)
    assert is_allowed("DATA:image/svg+xml;base64,AAAA", None)


def test_regular_files_inside_the_folder_are_allowed(folders: Folders) -> None:
    assert is_allowed((folders.paper / "figure.svg").as_uri(), folders.paper)
    assert is_allowed(f"file://localhost{folders.paper}/notes.txt", folders.paper)
    assert is_allowed(f"file://{folders.paper}/notes.txt?query#fragment", folders.paper)
    # A symlink that stays inside the folder is fine: what counts is where it leads.
    assert local_file((folders.paper / "alias.svg").as_uri(), folders.paper) == folders.paper / "figure.svg"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hostname",
        "{outside}",
        "file://{paper}/../outside/secret.txt",
        "file://{paper}/%2e%2e/outside/secret.txt",
        "file://{paper}/%2E%2E%2Foutside%2Fsecret.txt",
        "file://{paper}/leak.txt",
        "file://{paper}/random",
        "file:///dev/urandom",
        "file://{paper}/",
        "file://{paper}/missing.txt",
        "file://{paper}/notes.txt%00.svg",
        "file://otherhost{paper}/notes.txt",
        "file:notes.txt",
        "http://127.0.0.1/",
        "https://example.org/figure.svg",
        "ftp://example.org/figure.svg",
        "javascript:alert(1)",
        "figure.svg",
        "",
    ],
)
def test_everything_else_is_refused(folders: Folders, url: str) -> None:
    url = url.format(paper=folders.paper, outside=folders.secret.as_uri())
    assert not is_allowed(url, folders.paper)


def test_a_sibling_folder_sharing_the_name_prefix_is_outside(tmp_path: Path) -> None:
    paper, sibling = tmp_path / "paper", tmp_path / "paper-evil"
    paper.mkdir()
    sibling.mkdir()
    (sibling / "x.txt").write_text("x")
    assert not is_allowed((sibling / "x.txt").as_uri(), paper)


def test_devices_are_refused_even_inside_the_folder() -> None:
    assert not is_allowed("file:///dev/urandom", Path("/dev"))
    assert not is_allowed("file:///dev/null", "/dev")


def test_without_a_folder_no_file_is_allowed(folders: Folders) -> None:
    assert not is_allowed((folders.paper / "figure.svg").as_uri(), None)


# --- through WeasyPrint ------------------------------------------------------------------


def write_pdf(html: str, base_dir: Path | None) -> bytes:
    """Render with the sandboxed fetcher only, uncompressed so that leaked bytes would show."""
    import weasyprint  # type: ignore[import-untyped]

    base_url = base_dir.as_uri() + "/" if base_dir is not None else None
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=sandboxed_fetcher(base_dir))
    pdf: bytes = document.write_pdf(uncompressed_pdf=True)
    return pdf


def attachments(pdf: bytes) -> dict[str, list[bytes]]:
    return dict(PdfReader(io.BytesIO(pdf)).attachments)


def test_the_fetcher_is_a_weasyprint_url_fetcher(folders: Folders) -> None:
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    assert isinstance(sandboxed_fetcher(folders.paper), URLFetcher)


def test_an_attachment_inside_the_folder_is_embedded(folders: Folders) -> None:
    # The control for the test below: this is how a leak would look.
    pdf = write_pdf('<link rel="attachment" href="notes.txt"><p>x</p>', folders.paper)
    assert attachments(pdf) == {"notes.txt": [b"inside the folder"]}


def test_files_outside_the_folder_never_reach_the_pdf(folders: Folders) -> None:
    paper = folders.paper
    hrefs = [
        folders.secret.as_uri(),
        f"file://{paper}/../outside/secret.txt",
        "../outside/secret.txt",
        "%2e%2e/outside/secret.txt",
        "leak.txt",
        "file:///etc/passwd",
        "file:///etc/hostname",
    ]
    html = "".join(
        f'<link rel="attachment" href="{h}"><a rel="attachment" href="{h}">x</a>'
        f'<img src="{h}"><object data="{h}"></object><embed src="{h}">'
        for h in hrefs
    )
    html += f'<style>@import url("{hrefs[0]}");</style><link rel="stylesheet" href="{hrefs[2]}">'
    pdf = write_pdf(html, paper)
    assert SECRET.encode() not in pdf
    assert b"root:x:0:0" not in pdf
    assert attachments(pdf) == {}


def test_devices_do_not_hang_or_leak(folders: Folders) -> None:
    pdf = write_pdf(
        '<img src="random"><link rel="attachment" href="random"><img src="file:///dev/urandom">',
        folders.paper,
    )
    assert attachments(pdf) == {}


def test_data_urls_and_local_images_render_without_errors(folders: Folders) -> None:
    data = "data:image/svg+xml," + urllib.parse.quote(SVG.decode())
    pdf = pdf_from_html(f'<p><img src="{data}" alt="a"><img src="figure.svg" alt="b"></p>', folders.paper)
    assert pdf.startswith(b"%PDF-")


def test_a_refused_resource_is_a_render_error_not_silence(folders: Folders) -> None:
    with pytest.raises(RenderError) as caught:
        pdf_from_html(f'<img src="{folders.secret.as_uri()}" alt="">', folders.paper)
    assert any("secret.txt" in message for message in caught.value.messages)


# --- the network ---------------------------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]]

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"p { color: red }")

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output quiet


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that records every request it receives."""

    class Recorder(_Recorder):
        requests: ClassVar[list[str]] = []  # a new class, and list, per test

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", Recorder.requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def hostile_network_html(base: str) -> str:
    return (
        f'<style>@import url("{base}/import.css"); @font-face {{ font-family: x; src: url("{base}/font.ttf") }}'
        f" p {{ font-family: x; background: url('{base}/background.png') }}</style>"
        f'<link rel="stylesheet" href="{base}/sheet.css">'
        f'<link rel="attachment" href="{base}/attachment.txt">'
        f'<img src="{base}/image.png"><object data="{base}/object.svg"></object>'
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{base}/svg-image.png" width="5" height="5"/></svg>'
        "<p>text</p>"
    )


def test_the_sandbox_makes_no_network_request(loopback: tuple[str, list[str]]) -> None:
    base, requests = loopback
    write_pdf(hostile_network_html(base), None)
    assert requests == []


def test_the_loopback_server_would_see_weasyprints_default_fetcher(loopback: tuple[str, list[str]]) -> None:
    # The control for the test above: without the sandbox, WeasyPrint does call out.
    import weasyprint

    base, requests = loopback
    weasyprint.HTML(string=hostile_network_html(base)).write_pdf()
    assert "/import.css" in requests and "/attachment.txt" in requests


def test_no_request_even_with_a_folder(folders: Folders, loopback: tuple[str, list[str]]) -> None:
    base, requests = loopback
    with pytest.raises(RenderError):
        pdf_from_html(hostile_network_html(base), folders.paper)
    assert requests == []


# --- argdoc's own fonts ------------------------------------------------------------------------


def test_argdoc_fonts_are_allowed_with_or_without_a_paper_folder(folders: Folders) -> None:
    from argdoc.render.fonts import FONT_DIR

    font = FONT_DIR / "noto-serif-latin-400-normal.ttf"
    assert is_allowed(font.as_uri(), folders.paper)
    assert is_allowed(font.as_uri(), None)


@pytest.mark.parametrize(
    "relative",
    ["../themes/house.css", "../css/base.css", "../../html.py", "../../../nodes.py", "./", "missing.ttf"],
)
def test_nothing_else_of_argdocs_is_allowed(folders: Folders, relative: str) -> None:
    from argdoc.render.fonts import FONT_DIR

    assert not is_allowed(f"{FONT_DIR.as_uri()}/{relative}", folders.paper)
    assert not is_allowed(f"{FONT_DIR.as_uri()}/{relative}", None)


def test_a_symlink_into_the_font_folder_from_outside_is_judged_by_its_target(tmp_path: Path) -> None:
    from argdoc.render.fonts import FONT_DIR

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "f.ttf").symlink_to(FONT_DIR / "noto-sans-latin-400-normal.ttf")
    (outside / "passwd").symlink_to("/etc/passwd")
    assert is_allowed((outside / "f.ttf").as_uri(), None)  # it reads argdoc's own font
    assert not is_allowed((outside / "passwd").as_uri(), None)


def test_a_paper_printed_without_a_folder_still_gets_its_fonts() -> None:
    from argdoc.render.html import print_document
    from tests.test_render_html import compile_paper

    document = print_document(compile_paper("title: T\nclaim c:\n    Text.\n"))
    pdf = pdf_from_html(document.html, None, font_css=document.font_css)
    fonts = {
        str(f.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for f in (page["/Resources"].get("/Font") or {}).values()
    }
    assert fonts and all(name.startswith("Argdoc-") for name in fonts)
