"""The opt-in external link check: it reports status codes and reuses fresh answers."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from musekb.sitecheck import check_external


class _Handler(BaseHTTPRequestHandler):
    hits = 0

    def do_HEAD(self):  # the name http.server dispatches HEAD requests to
        type(self).hits += 1
        self.send_response(404 if self.path == "/gone" else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_external_check_reports_and_caches(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        urls = [f"{base}/ok", f"{base}/gone"]
        cache = tmp_path / "links.json"
        assert check_external(urls, cache) == {urls[0]: "200", urls[1]: "404"}
        hits = _Handler.hits
        assert check_external(urls, cache) == {urls[0]: "200", urls[1]: "404"}
        assert _Handler.hits == hits, "fresh answers come from the cache"
        check_external(urls, cache, max_age_days=0)
        assert _Handler.hits == hits + 2, "stale answers are asked again"
    finally:
        server.shutdown()
