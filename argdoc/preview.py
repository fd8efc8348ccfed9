"""The live preview `argdoc serve` shows: the paper's last good page, its problems, and news of each save.

`Preview` holds what the server serves: the HTML of the last build that
succeeded, the diagnostics of the latest build when it failed, and a version
number that every build (good or not) raises. A page in the browser listens
on `/events` (server-sent events) and reloads when the version moves; when
the paper has errors it shows them over the last good render instead of a
dead tab. The PDF is made only when asked for (`/<stem>.pdf`), once per good
build.

The server (`PreviewServer`, the standard library's threaded http.server)
answers on 127.0.0.1 only, and only to requests whose Host is
`127.0.0.1:PORT` or `localhost:PORT`: a page on another site that has
its name re-resolved to 127.0.0.1 (DNS rebinding) is refused with 421. It
serves the paper's own outputs and nothing else: three fixed paths, no
files looked up by name, so no listing and no way up the tree.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from argdoc.cli.verdict import judge
from argdoc.compiler import compile_file
from argdoc.diagnostics import format_text as format_diagnostic

if TYPE_CHECKING:
    from argdoc.lint import LintConfig
    from argdoc.nodes import Paper
    from argdoc.render.options import RenderOptions

# The page's own script: the toolbar (PDF link, status), the problems over the page, and the
# reload on news of a save. The page's Content-Security-Policy allows it by its hash (no inline
# script else), and lets it connect to this server alone.
SCRIPT = """(() => {
  const data = JSON.parse(document.getElementById("argdoc-preview").textContent);
  const bar = document.createElement("div");
  Object.assign(bar.style, {position: "fixed", top: "0.5rem", right: "0.5rem", zIndex: "2147483647",
    font: "13px/1.4 system-ui, sans-serif", background: "#1f2328", color: "#fff", padding: "0.3rem 0.6rem",
    borderRadius: "0.4rem", opacity: "0.85"});
  const pdf = document.createElement("a");
  pdf.href = data.pdf; pdf.textContent = "PDF"; pdf.style.color = "#9cd0ff";
  const state = document.createElement("span");
  state.id = "argdoc-state";
  state.textContent = data.problems ? " \\u2022 errors: showing the last good build" : " \\u2022 live";
  bar.append(pdf, state);
  document.body.append(bar);
  if (data.problems) {
    const box = document.createElement("pre");
    box.id = "argdoc-problems";
    box.setAttribute("role", "alert");
    box.textContent = data.problems;
    Object.assign(box.style, {position: "fixed", left: "1rem", right: "1rem", bottom: "1rem", maxHeight: "60vh",
      overflow: "auto", margin: "0", padding: "1rem", zIndex: "2147483646", background: "rgba(40, 8, 8, 0.94)",
      color: "#ffdede", font: "13px/1.45 ui-monospace, monospace", whiteSpace: "pre-wrap", borderRadius: "0.5rem",
      boxShadow: "0 0.5rem 2rem rgba(0, 0, 0, 0.4)"});
    document.body.append(box);
  }
  const events = new EventSource("/events");
  events.addEventListener("version", (event) => {
    if (Number(event.data) !== data.version) { events.close(); location.reload(); }
  });
})();"""
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
_CSP_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")', re.IGNORECASE)
_PREVIEW_POLICY = f"; script-src &#39;sha256-{_SCRIPT_HASH}&#39;; connect-src &#39;self&#39;"
_BLANK_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
    '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;">'
    "</head><body><h1>{title}</h1><p>The paper has not built yet: see the problems below.</p></body></html>"
)
# How often an idle event stream says it is still there (a comment line), so a dead tab is noticed.
KEEP_ALIVE_SECONDS = 15.0


@dataclass
class Preview:
    """The paper being previewed: its last good page and paper tree, its latest problems, its version."""

    path: Path
    options: RenderOptions
    config: LintConfig
    version: int = 0
    html: str | None = None  # the last good page, as rendered
    paper: Paper | None = None  # its tree, for the PDF
    problems: str = ""  # the latest build's diagnostics, when it failed
    changed: threading.Condition = field(default_factory=threading.Condition)
    _pdf: tuple[int, bytes] | None = None  # (the good build it was made from, the PDF)
    _good: int = 0  # the version of the last good build
    _pdf_lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self) -> bool:
        """Compile, judge and render the paper now; True when it built. Never raises for what a paper holds."""
        from argdoc.render.html import render_html_pieces

        result = compile_file(self.path)
        verdict = judge(result, self.config)
        problems = "\n\n".join(format_diagnostic(d, result.source_of(d.path), colour=False) for d in verdict.reported)
        page = None
        if not verdict.refused and result.paper is not None:
            try:
                page = "".join(render_html_pieces(result.paper, self.options))
            except Exception as exc:  # a renderer failure is shown like a diagnostic, and the preview goes on
                problems = f"{self.path}: rendering failed: {type(exc).__name__}: {exc}"
        with self.changed:
            self.version += 1
            if page is not None:
                self.html, self.paper, self._good, self.problems = page, result.paper, self.version, ""
            else:
                self.problems = problems or f"{self.path}: not built"
            self.changed.notify_all()
        return page is not None

    def page(self) -> bytes:
        """The page to show: the last good render (or a blank one) with the preview's script and problems."""
        with self.changed:
            base, version, problems = self.html, self.version, self.problems
        stem = self.path.stem
        if base is None:
            base = _BLANK_PAGE.format(title=html.escape(self.options.fallback_title))
        data = json.dumps({"version": version, "problems": problems, "pdf": f"/{stem}.pdf"})
        # In a data block, `</script` would end it: `<` is written as its JSON escape.
        block = (
            '<script type="application/json" id="argdoc-preview">'
            + data.replace("<", "\\u003c")
            + f"</script><script>{SCRIPT}</script>"
        )
        page = _CSP_META.sub(lambda m: m.group(1) + m.group(2) + _PREVIEW_POLICY + m.group(3), base, count=1)
        at = page.rfind("</body>")
        page = page[:at] + block + page[at:] if at >= 0 else page + block
        return page.encode("utf-8")

    def pdf(self) -> bytes | None:
        """The PDF of the last good build, made now if not yet made for it; None before any good build."""
        from argdoc.render.pdf import render_pdf

        with self._pdf_lock:  # one PDF at a time: two tabs asking at once get the same one
            with self.changed:
                paper, good = self.paper, self._good
            if paper is None:
                return None
            if self._pdf is None or self._pdf[0] != good:
                self._pdf = (good, render_pdf(paper, self.options))
            return self._pdf[1]

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """The version once it differs from `seen`, or `seen` again after `timeout` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout)
            return self.version


class PreviewServer(ThreadingHTTPServer):
    """The preview's HTTP server, on 127.0.0.1; one thread per request (an open tab holds one)."""

    daemon_threads = True

    def __init__(self, preview: Preview, port: int) -> None:
        self.preview = preview
        super().__init__(("127.0.0.1", port), PreviewHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes its connection mid-answer (a reload, a closed tab) is no error to print."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class PreviewHandler(BaseHTTPRequestHandler):
    """Three paths: `/` (the page), `/events` (news of saves), `/<stem>.pdf`; everything else is 404."""

    server: PreviewServer
    server_version = "argdoc-preview"

    def do_GET(self) -> None:
        if not self._host_allowed():
            self._send(421, b"This preview answers only to 127.0.0.1 and localhost.\n", "text/plain; charset=utf-8")
            return
        preview = self.server.preview
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._send(200, preview.page(), "text/html; charset=utf-8")
        elif path == "/events":
            self._events(preview)
        elif path == f"/{preview.path.stem}.pdf":
            self._pdf(preview)
        else:
            self._send(404, b"Not found.\n", "text/plain; charset=utf-8")

    def do_POST(self) -> None:
        self._send(405, b"Only GET.\n", "text/plain; charset=utf-8", allow="GET")

    do_PUT = do_DELETE = do_PATCH = do_POST

    def _host_allowed(self) -> bool:
        port = self.server.port
        return self.headers.get("Host", "") in {f"127.0.0.1:{port}", f"localhost:{port}"}

    def _pdf(self, preview: Preview) -> None:
        try:
            data = preview.pdf()
        except Exception as exc:  # the page stays usable; the reason is shown where the PDF would be
            message = f"The PDF could not be made: {type(exc).__name__}: {exc}\n"
            self._send(500, message.encode("utf-8"), "text/plain; charset=utf-8")
            return
        if data is None:
            self._send(503, b"The paper has not built yet: fix the errors shown on the page.\n", "text/plain")
            return
        self._send(200, data, "application/pdf")

    def _events(self, preview: Preview) -> None:
        """Server-sent events: the version now, then each new one; a comment now and then to keep it open."""
        self.send_response(200)
        self._common_headers("text/event-stream")
        self.end_headers()
        seen = -1
        try:
            while True:
                version = preview.version if seen < 0 else preview.wait_for_change(seen, KEEP_ALIVE_SECONDS)
                if version == seen:
                    self.wfile.write(b": still here\n\n")
                else:
                    self.wfile.write(f"retry: 500\nevent: version\ndata: {version}\n\n".encode("ascii"))
                    seen = version
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the tab was closed or reloaded

    def _send(self, status: int, body: bytes, content_type: str, **extra: str) -> None:
        self.send_response(status)
        self._common_headers(content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            self.send_header(name.replace("_", "-").title(), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _common_headers(self, content_type: str) -> None:
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")

    do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a request is not news (the command prints one line per rebuild)."""
