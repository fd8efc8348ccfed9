"""`argdoc serve`: the live preview, over HTTP and in headless Chromium, with the command in a subprocess."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .live_process import LiveCommand
from .test_browser import NODE_DIR, run_browser_script
from .test_cli import GOOD

PAPER = GOOD.replace("date: 2026-11-27\n", "date: 2026-11-27\nsummary: A paper to preview.\n")
BUILT = r"paper\.arg: built \(\d+(\.\d)? m?s\)$"
REFUSED = r"paper\.arg: not built \(the problems are shown over the page\)"


class Served:
    def __init__(self, command: LiveCommand, folder: Path) -> None:
        self.command = command
        self.folder = folder
        line = command.wait_for(r"^previewing paper\.arg at http://127\.0\.0\.1:\d+/")
        self.port = int(re.search(r":(\d+)/", line).group(1))  # type: ignore[union-attr]
        command.wait_for("^watching for changes$")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str, host: str | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", host if host is not None else f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def save(self, text: str) -> None:
        temporary = self.folder / ".paper.arg.swp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, self.folder / "paper.arg")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    (tmp_path / "paper.arg").write_text(PAPER, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the browser\n", encoding="utf-8")
    command = LiveCommand("serve", "paper.arg", "--port", "0", cwd=tmp_path)
    try:
        yield Served(command, tmp_path)
    finally:
        assert command.stop() == 0
        assert "Traceback" not in "\n".join(command.lines)


def _preview_data(page: bytes) -> dict[str, object]:
    block = re.search(rb'<script type="application/json" id="argdoc-preview">(.*?)</script>', page, re.S)
    assert block is not None
    data: dict[str, object] = json.loads(block.group(1))
    return data


def test_the_page_is_the_paper_with_the_preview_script_allowed_by_its_policy(served: Served) -> None:
    status, headers, page = served.get("/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"A small paper" in page
    policy = re.search(rb'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert b"script-src &#39;sha256-" in policy.group(1) and b"connect-src &#39;self&#39;" in policy.group(1)
    assert _preview_data(page) == {"version": 1, "problems": "", "pdf": "/paper.pdf"}


def test_errors_are_shown_over_the_last_good_render_and_user_text_cannot_break_out(served: Served) -> None:
    served.save(PAPER.replace("title: A small paper", "title A </script><script>alert(1)</script>"))
    served.command.wait_for(REFUSED)
    status, _, page = served.get("/")
    assert status == 200
    assert b"A small paper" in page  # the last good render, under the problems
    data = _preview_data(page)
    assert data["version"] == 2
    assert "error[E" in str(data["problems"]) and "paper.arg:1:" in str(data["problems"])
    assert b"<script>alert(1)" not in page  # the problems are data, and `<` is escaped in it
    served.save(PAPER.replace("A small paper", "A fixed paper"))
    served.command.wait_for(BUILT)
    page = served.get("/")[2]
    assert b"A fixed paper" in page and _preview_data(page)["problems"] == ""


def test_the_event_stream_sends_the_version_now_and_at_each_save(served: Served) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    connection.request("GET", "/events")
    response = connection.getresponse()
    assert response.status == 200 and response.getheader("Content-Type") == "text/event-stream"
    assert response.readline() == b"retry: 500\n"
    assert response.readline() == b"event: version\n"
    assert response.readline() == b"data: 1\n"
    served.save(PAPER.replace("A small paper", "Saved again"))
    assert response.readline() == b"\n"
    assert response.readline() == b"retry: 500\n"
    assert response.readline() == b"event: version\n"
    assert response.readline() == b"data: 2\n"
    connection.close()


def test_the_pdf_is_made_on_demand(served: Served) -> None:
    status, headers, body = served.get("/paper.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF-")


@pytest.mark.parametrize(
    "path",
    [
        "/paper.arg",
        "/secret.txt",
        "/../secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd",
        "/./",
        "/paper.pdf/../secret.txt",
        "/index.html",
        "/?",
    ],
)
def test_only_the_papers_own_outputs_are_served(served: Served, path: str) -> None:
    status, _, body = served.get(path)
    if path == "/?":  # the page itself, query aside
        assert status == 200
        return
    assert status == 404
    assert b"not for the browser" not in body and b"title:" not in body  # no file, no listing


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "127.0.0.1", "localhost:1", "", "[::1]:{port}"]
)
def test_a_foreign_host_header_is_refused(served: Served, host: str) -> None:
    status, _, body = served.get("/", host=host.format(port=served.port))
    assert status == 421
    assert b"A small paper" not in body


def test_localhost_by_name_is_allowed_and_other_methods_are_not(served: Served) -> None:
    assert served.get("/", host=f"localhost:{served.port}")[0] == 200
    assert served.get("/", method="POST")[0] == 405


def test_a_request_without_a_host_header_is_refused(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as raw:
        raw.sendall(b"GET / HTTP/1.0\r\n\r\n")
        reply = raw.recv(100)
    assert reply.startswith(b"HTTP/1.0 421")


def test_it_listens_on_the_loopback_address_only(tmp_path: Path) -> None:
    from argdoc.lint import LintConfig
    from argdoc.preview import Preview, PreviewServer
    from argdoc.render.options import RenderOptions

    server = PreviewServer(Preview(tmp_path / "p.arg", RenderOptions(), LintConfig()), 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_the_preview_follows_the_view_and_style_options_as_build_does(tmp_path: Path) -> None:
    # serve ignored --view/--style: a reviewer previewing the analysis view in APA saw the publication in Chicago.
    (tmp_path / "paper.arg").write_text(PAPER, encoding="utf-8")
    command = LiveCommand("serve", "paper.arg", "--port", "0", "--view", "analysis", "--style", "apa", cwd=tmp_path)
    try:
        _, _, page = Served(command, tmp_path).get("/")
    finally:
        assert command.stop() == 0
    assert b'class="kind"' in page  # the analysis view's kind labels
    assert b'<span class="citation">(<a href="#wire"><cite>The Wire</cite>, 2026</a>)</span>' in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-"], "give one .arg file"),
        (["paper.arg", "--templates", "nowhere"], "no such folder"),
        (["."], "give one .arg file"),
        (["paper.arg", "--port", "-1"], "at least 0"),
    ],
)
def test_bad_arguments_exit_two(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "paper.arg").write_text(PAPER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "argdoc", "serve", *args], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 2
    assert message in done.stderr


def test_a_port_in_use_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "paper.arg").write_text(PAPER, encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "argdoc", "serve", "paper.arg", "--port", str(port)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 2
    assert f"port {port} is in use" in done.stderr


def test_in_chromium_the_page_updates_itself_on_save_and_shows_errors_over_the_last_render(served: Served) -> None:
    """Headless Chromium keeps the page open while the file is saved: it must follow without a reload."""
    result = run_browser_script(
        NODE_DIR / "preview-check.mjs", served.url, str(served.folder / "paper.arg"), "3", timeout=120
    )
    assert len(result["latencies_ms"]) == 3  # three saves, each shown without a manual reload
    assert result["navigations"] >= 5  # the page reloaded itself: first load, three edits, the error, the fix
    assert result["liveBadge"].endswith("live")
    assert "error[E" in result["problems"]  # the problems over the page ...
    assert "(edit 3)" in result["titleUnderProblems"]  # ... and the last good render under them
    assert result["pdf"] == {"status": 200, "type": "application/pdf", "magic": "%PDF-"}
    assert result["consoleErrors"] == []  # no CSP violation: the script and the event stream are allowed
    assert result["foreignRequests"] == []
