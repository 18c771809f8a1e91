"""Serve a built site on 127.0.0.1 the way its host does, and open it in Debian's Chromium.

Shared by the browser tests (``tests/``) and the audit and benchmark scripts, so that every
look at the built site uses the same server and the same browser:

- :class:`SiteServer` serves a folder like GitHub Pages: gzip for text, ``Cache-Control:
  max-age=600``, ``404.html`` for a missing page, and the site under its published path
  (``/muse-spark-kb/``: pages such as 404.html link to their assets by absolute path);
- :func:`launch` starts Chromium through Playwright with ``executable_path``: nothing here
  downloads a browser.
"""

from __future__ import annotations

import gzip
import mimetypes
import os
import re
import sys
import threading
import urllib.parse
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_DOWNLOADS = {"PUPPETEER_SKIP_DOWNLOAD": "1", "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}
"""Environment for anything started here: no tool may fetch a browser of its own."""
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml", "application/atom+xml")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kb-site"
    sys_version = ""
    _gzip_cache: ClassVar[dict[tuple[Path, float], bytes]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, *args, root: Path, prefix: str, **kwargs):
        self.root = root
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # quiet: callers report what they measure
        pass

    def do_GET(self):
        self._serve(body=True)

    def do_HEAD(self):
        self._serve(body=False)

    def _resolve(self) -> tuple[HTTPStatus, Path | None, str | None]:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path + "/" == self.prefix:
            return HTTPStatus.MOVED_PERMANENTLY, None, self.prefix
        if not path.startswith(self.prefix):
            return HTTPStatus.NOT_FOUND, self.root / "404.html", None
        target = (self.root / path[len(self.prefix) :]).resolve()
        if not target.is_relative_to(self.root):
            return HTTPStatus.NOT_FOUND, self.root / "404.html", None
        if target.is_dir():
            if not path.endswith("/"):
                return HTTPStatus.MOVED_PERMANENTLY, None, path + "/"
            target = target / "index.html"
        if target.is_file():
            return HTTPStatus.OK, target, None
        return HTTPStatus.NOT_FOUND, self.root / "404.html", None

    def _serve(self, body: bool) -> None:
        status, target, location = self._resolve()
        if location:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        assert target is not None
        data = target.read_bytes() if target.is_file() else b"Not found"
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in {"application/javascript", "application/json"}:
            ctype += "; charset=utf-8"
        compressed = ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compressed:
            key = (target, target.stat().st_mtime) if target.is_file() else (target, 0.0)
            with self._lock:
                if key not in self._gzip_cache:
                    self._gzip_cache[key] = gzip.compress(data, compresslevel=6, mtime=0)
                data = self._gzip_cache[key]
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if compressed:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if body:
            self.wfile.write(data)


def site_prefix(config: Path) -> str:
    """The path a site is published under, from ``site_url`` in its mkdocs.yml (``/muse-spark-kb/``)."""
    match = re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.MULTILINE) if config.is_file() else None
    path = urllib.parse.urlsplit(match.group(1)).path.strip("/") if match else ""
    return f"/{path}/" if path else "/"


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser may drop a kept-alive connection at any time (Lighthouse does between runs):
        # nothing was lost, so no traceback; anything else is still printed.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """A threaded static server of ``site`` on 127.0.0.1 (a free port); a context manager.

    ``base`` is the address of the site's home page, ending in ``/``.
    """

    def __init__(self, site: Path, prefix: str = "/"):
        handler = partial(_Handler, root=site.resolve(), prefix=prefix)
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name=f"serve {site.name}", daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def launch(playwright, executable: Path = CHROMIUM):
    """Headless Chromium (a Playwright ``Browser``) from the system package."""
    return playwright.chromium.launch(
        executable_path=str(executable), headless=True, args=CHROMIUM_FLAGS, env={**os.environ, **NO_DOWNLOADS}
    )
