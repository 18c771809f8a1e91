"""Preview latency for `make bench`: the time from saving an edit to Chromium showing it, with
``mkdocs serve`` running as `make serve` runs it, for a data edit, a page edit and a source edit."""

from __future__ import annotations

import html
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml
from musekb.clock import build_date
from musekb.project import Project
from musekb.render_site import render_site
from musekb.text import number
from playwright.sync_api import sync_playwright
from site_browser import launch

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def undisputed_score(root: Path) -> tuple[int, float, str]:
    """Line of the value of Muse Spark's first undisputed result, the value, and its benchmark."""
    doc = yaml.compose((root / "data" / "results.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for node in doc.value:
        fields = {k.value: v for k, v in node.value}
        if fields["model"].value == "muse-spark" and "conflict" not in fields:
            return fields["value"].start_mark.line, float(fields["value"].value), fields["benchmark"].value
    raise SystemExit("no undisputed Muse Spark result in data/results.yaml")


def edits(root: Path) -> dict:
    """For each kind of edit: a function making the n-th edit, and the page and text showing it."""
    results, sources, design = root / "data" / "results.yaml", root / "data" / "sources.yaml", root / "docs" / "design.md"
    line_no, value, bench_id = undisputed_score(root)
    site = render_site(Project(root), build_date(), config_file=root / "mkdocs.yml")
    cited: dict[str, list[str]] = {}
    for uri, page in site.pages.items():
        for sid in page.writer.cited:
            cited.setdefault(sid, []).append(uri)
    source = max(cited, key=lambda s: (len(cited[s]), s))
    title = site.ctx.sources[source].title
    citing = next(u for u in sorted(cited[source]) if u.startswith("benchmarks/") or u.startswith("models/"))
    page_path = citing.removesuffix(".md") + "/"

    def score(n: int) -> str:
        new = round(value * 0.5 + 0.137 * (n + 1), 3)
        lines = results.read_text(encoding="utf-8").split("\n")
        lines[line_no] = re.sub(r"value: .*", f"value: {new}", lines[line_no])
        results.write_text("\n".join(lines), encoding="utf-8")
        return number(new)

    def prose(n: int) -> str:
        marker = f"Edited in the preview, round {WORDS[n % len(WORDS)]}."  # hand-written pages type no digits
        text = re.sub(r"\n\nEdited in the preview, round \w+\.\n$", "\n", design.read_text(encoding="utf-8"))
        design.write_text(f"{text.rstrip()}\n\n{marker}\n", encoding="utf-8")
        return marker

    title_line = next(
        v.start_mark.line
        for node in yaml.compose(sources.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader).value
        for k, v in node.value
        if k.value == "title" and dict((a.value, b) for a, b in node.value)["id"].value == source
    )

    def retitle(n: int) -> str:
        new = f"{title} (edit {WORDS[n % len(WORDS)]})"
        lines = sources.read_text(encoding="utf-8").split("\n")
        lines[title_line] = re.sub(r"title: .*", "title: " + json.dumps(new), lines[title_line])
        sources.write_text("\n".join(lines), encoding="utf-8")
        return html.escape(new, quote=False)  # as the browser shows the citations' tooltips in its HTML

    return {
        "data": (score, f"benchmarks/{bench_id}/", f"a score on {bench_id}"),
        "page": (prose, "design/", "a paragraph of docs/design.md"),
        "source": (retitle, page_path, f"the title of {source}, cited on {len(cited[source])} pages"),
    }


def shown(page) -> str:
    """The page's current HTML, or nothing while the live-reload script is reloading it."""
    try:
        return page.content()
    except Exception:  # the page is navigating
        return ""


def measure_preview(root: Path, log_file: Path, repeats: int) -> dict:
    """Edit saved -> the change shown in Chromium, where the page is open as while previewing
    (``mkdocs serve`` run in ``root``, a copy of the project that the edits change)."""
    port = free_port()
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
    with log_file.open("w") as log:
        server = subprocess.Popen(
            cmd,
            cwd=root,
            env={**ENV, "KB_CODE_REFERENCE": "false"},  # as `make serve` runs it
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    out: dict = {}
    try:
        base = None
        deadline = time.monotonic() + 180
        while base is None or not fetch(base):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"mkdocs serve did not start:\n{log_file.read_text()[-3000:]}")
            served = re.search(r"Serving on (http://\S+)", log_file.read_text())
            base = served and served.group(1).rstrip("/") + "/"
            time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            for kind, (make_edit, path, what) in edits(root).items():
                page.goto(base + path, wait_until="load")  # open in a browser, whose live-reload script waits
                latencies = []
                for n in range(repeats):
                    time.sleep(4)  # every edit starts from an idle server (the second pass done)
                    start = time.perf_counter()
                    wanted = make_edit(n)
                    while wanted not in shown(page):
                        if server.poll() is not None or time.perf_counter() - start > 60:
                            raise SystemExit(f"{wanted!r} never appeared on {path}:\n{log_file.read_text()[-3000:]}")
                        time.sleep(0.02)
                    latencies.append(time.perf_counter() - start)
                out[kind] = {"what": what, "page": path, "median": statistics.median(latencies), "runs": latencies}
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)  # what Ctrl-C does
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    out["in_place_updates"] = len(re.findall(r"in place", log_file.read_text()))
    return out
