#!/usr/bin/env python3
"""Browser audit of the built site: `make audit` (CI: `CI=true make audit`, or `--ci`).

Against a static server of site/ on 127.0.0.1 that this script starts and stops itself, with
Debian's Chromium (never a downloaded browser):

1. Lighthouse (npm, pinned in package.json; its default mobile emulation and simulated
   throttling) on the home page, a hand-written page and a generated benchmark page; budgets:
   performance >= 0.98, accessibility, best practices and SEO = 1.0. Each page is measured several
   times and the run with the median performance score is reported, as Lighthouse recommends; the
   other categories must hold on every run.
2. axe-core (npm, pinned) injected through Playwright into every HTML page of the built site and
   into the open search dialog, in the light palette and in the dark one (the site's palette
   follows `prefers-color-scheme`): no violations. Console errors, failed requests and requests
   to another host are reported and fail too.
3. Search latency: once Material's search worker has loaded the index, a query is typed key by
   key into the search box; the time from the last keystroke until the first result of that
   query is painted must stay under 300 ms.

With --ci (or CI=true) only the machine-independent budgets gate (accessibility, best practices,
SEO, axe, console); performance and search latency are measured and printed, not gated, since they
depend on the machine the audit runs on.

The server behaves like the production host (GitHub Pages): gzip for text, `Cache-Control:
max-age=600`, and 404.html for a missing page. Exit status: 0 when every gated budget holds, 1 when
one does not, 2 when the audit could not run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import mimetypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Nothing started here may fetch a browser of its own.
NO_DOWNLOADS = {"PUPPETEER_SKIP_DOWNLOAD": "1", "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}

# The home page, a hand-written page and a generated benchmark page.
LIGHTHOUSE_PAGES = ["", "design/", "benchmarks/humanitys-last-exam/"]
CATEGORIES = {"performance": "performance", "accessibility": "accessibility", "best-practices": "best practices", "seo": "SEO"}
BUDGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
MACHINE_DEPENDENT = {"performance", "search"}
SEARCH_BUDGET_MS = 300.0
SEARCH_QUERIES = ["muse spark", "humanity", "safety evaluation", "benchmark"]
KEY_DELAY_MS = 110  # a quick typist
PALETTES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's data-md-color-scheme

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml", "application/atom+xml")


# --- static server -----------------------------------------------------------------------------


class SiteHandler(BaseHTTPRequestHandler):
    """Serve a built site the way GitHub Pages does: gzip, a 10-minute cache, 404.html."""

    protocol_version = "HTTP/1.1"
    server_version = "kb-audit"
    sys_version = ""
    _gzip_cache: ClassVar[dict[tuple[Path, float], bytes]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, *args, root: Path, prefix: str, **kwargs):
        self.root = root
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # quiet: the audit prints its own report
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
        encoding = None
        if ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            key = (target, target.stat().st_mtime)
            with self._lock:
                if key not in self._gzip_cache:
                    self._gzip_cache[key] = gzip.compress(data, compresslevel=6, mtime=0)
                data = self._gzip_cache[key]
            encoding = "gzip"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        if body:
            self.wfile.write(data)


def site_prefix() -> str:
    """The path the site is published under (from site_url in mkdocs.yml), e.g. `/muse-spark-kb/`.

    Pages such as 404.html link to their assets by absolute path, so the site is served under the
    same path as in production.
    """
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    path = urllib.parse.urlsplit(match.group(1)).path if match else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


class SiteServer:
    """A threaded static server on 127.0.0.1 (a free port), started and stopped as a context manager."""

    def __init__(self, site: Path, prefix: str = "/"):
        handler = partial(SiteHandler, root=site.resolve(), prefix=prefix)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="site-server", daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


# --- results -----------------------------------------------------------------------------------


@dataclass
class Check:
    """One budget: a measured value against a limit."""

    name: str
    group: str  # performance, accessibility, best-practices, seo, axe, console, search
    ok: bool
    detail: str

    @property
    def gated_in_ci(self) -> bool:
        return self.group not in MACHINE_DEPENDENT


@dataclass
class Report:
    ci: bool
    checks: list[Check] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def add(self, name: str, group: str, ok: bool, detail: str) -> None:
        self.checks.append(Check(name, group, ok, detail))

    def gated(self, check: Check) -> bool:
        return check.gated_in_ci or not self.ci


def say(text: str = "") -> None:
    print(text, flush=True)


# --- Lighthouse --------------------------------------------------------------------------------


def lighthouse_once(url: str, out: Path) -> dict:
    cmd = [
        "npx",
        "--no-install",
        "lighthouse",
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--no-enable-error-reporting",
        "--disable-full-page-screenshot",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    env = {**os.environ, **NO_DOWNLOADS, "CHROME_PATH": CHROMIUM}
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if run.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url} (exit {run.returncode}):\n{run.stderr[-3000:]}")
    result = json.loads(out.read_text(encoding="utf-8"))
    if result.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {result['runtimeError'].get('message')}")
    return result


def _failing_audits(result: dict, category: str) -> list[str]:
    """Audits of a category that lost points, each with the elements it names."""
    lines = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if ref.get("weight", 0) == 0 or audit.get("score") is None or audit["score"] >= 1:
            continue
        if audit.get("scoreDisplayMode") in {"informative", "notApplicable", "manual"}:
            continue
        shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
        lines.append(f"      {audit['id']}: score {audit['score']}{shown}: {audit['title']}")
        for item in (audit.get("details") or {}).get("items", [])[:8]:
            node = item.get("node") or {}
            source = item.get("source") if isinstance(item.get("source"), dict) else {}
            where = node.get("selector") or item.get("url") or source.get("url") or item.get("description")
            why = " ".join((node.get("explanation") or "").split())
            if where:
                lines.append(f"        - {where}" + (f": {why[:300]}" if why else ""))
    return lines


METRICS = [
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
]


def audit_lighthouse(report: Report, base: str, pages: list[str], runs: int, keep: Path | None) -> None:
    say(f"== Lighthouse ({runs} run(s) per page, median by performance; mobile emulation, simulated throttling)")
    with tempfile.TemporaryDirectory(prefix="kb-audit-") as tmp:
        for page in pages:
            url = base + page
            results = []
            for i in range(runs):
                results.append(lighthouse_once(url, Path(tmp) / f"lh-{len(results)}-{i}.json"))
            perf = [r["categories"]["performance"]["score"] for r in results]
            median = sorted(range(len(results)), key=lambda i: perf[i])[len(results) // 2]
            chosen = results[median]
            if keep:
                keep.mkdir(parents=True, exist_ok=True)
                name = (page.strip("/").replace("/", "_") or "home") + ".json"
                (keep / name).write_text(json.dumps(chosen), encoding="utf-8")
            label = "/" + page
            scores = {c: chosen["categories"][c]["score"] for c in CATEGORIES}
            # Machine-independent categories must hold on every run, not only on the median one.
            worst = {c: min(r["categories"][c]["score"] for r in results) for c in CATEGORIES}
            metrics = ", ".join(f"{short} {chosen['audits'][key]['displayValue']}" for key, short in METRICS)
            say(
                f"  {label}: performance {scores['performance']:.2f} (runs: {', '.join(f'{p:.2f}' for p in perf)}), "
                f"accessibility {worst['accessibility']:.2f}, best practices {worst['best-practices']:.2f}, SEO {worst['seo']:.2f}"
            )
            say(f"    {metrics}")
            report.data.setdefault("lighthouse", {})[label] = {
                "scores": {c: (scores[c] if c == "performance" else worst[c]) for c in CATEGORIES},
                "performance_runs": perf,
                "metrics": {short: chosen["audits"][key]["numericValue"] for key, short in METRICS},
            }
            for category, title in CATEGORIES.items():
                score = scores[category] if category == "performance" else worst[category]
                ok = score >= BUDGETS[category]
                limit = f">= {BUDGETS[category]:.2f}" if BUDGETS[category] < 1 else "= 1.00"
                report.add(f"{label} {title}", category, ok, f"{score:.2f} (budget {limit})")
                if not ok:
                    worst_run = (
                        chosen if category == "performance" else min(results, key=lambda r: r["categories"][category]["score"])
                    )
                    say(f"    {title} below budget ({score:.2f}); audits losing points:")
                    for line in _failing_audits(worst_run, category):
                        say(line)


# --- axe-core and console, every page, both palettes -------------------------------------------


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as URL paths relative to the root."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel)
    return pages


# Ready: loaded, the theme's scripts run (docs/overrides/main.html starts them after the first
# paint) and the sortable tables have their buttons.
WAIT_READY = """() => {
  const deferred = document.querySelector('script[type="application/x-kb-deferred"]');
  const pending = document.querySelector('.kb-sortable table:not([data-kb-sortable])');
  return document.readyState === 'complete' && (!deferred || window.__kbScriptsLoaded === true) && !pending;
}"""

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({
      target: n.target.map(t => Array.isArray(t) ? t.join(' >> ') : t).join(' '),
      html: n.html.slice(0, 160),
      summary: (n.failureSummary || '').replace(/\\s+/g, ' ').trim(),
    })),
  }));
}"""


def _launch(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[flag for flag in CHROME_FLAGS if not flag.startswith("--headless")],
        env={**os.environ, **NO_DOWNLOADS},
    )


def _guard_hosts(context, base: str, offsite: list[str]) -> None:
    """Abort, and record, any request to another host: pages here load nothing from elsewhere."""
    origin = urllib.parse.urlsplit(base).netloc

    def route(route):
        url = route.request.url
        if urllib.parse.urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urllib.parse.urlsplit(url).netloc != origin:
            offsite.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", route)


def audit_axe(report: Report, playwright, base: str, site: Path, only: list[str] | None) -> None:
    pages = only or html_pages(site)
    axe_source = AXE_JS.read_text(encoding="utf-8")
    say(f"== axe-core on {len(pages)} page(s) and the open search dialog, x {len(PALETTES)} palettes")
    browser = _launch(playwright)
    totals: dict[str, int] = {}
    try:
        for scheme, md_scheme in PALETTES.items():
            context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
            offsite: list[str] = []
            _guard_hosts(context, base, offsite)
            page = context.new_page()
            console: list[str] = []
            page.on(
                "console", lambda msg, log=console: log.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None
            )
            page.on("pageerror", lambda err, log=console: log.append(f"uncaught: {err}"))
            page.on("response", lambda r, log=console: log.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
            count = 0
            for rel in pages:
                console.clear()
                offsite.clear()
                response = page.goto(base + rel, wait_until="load")
                if response is None or response.status != 200:
                    report.add(f"{scheme} /{rel} loads", "console", False, f"HTTP {response and response.status}")
                    continue
                # Settled: Material's components mounted, the search index fetched, sorting buttons added.
                page.wait_for_load_state("networkidle")
                page.wait_for_function(WAIT_READY, timeout=15_000)
                got = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
                if got != md_scheme:
                    raise RuntimeError(f"/{rel}: palette {got!r} under prefers-color-scheme: {scheme} (expected {md_scheme!r})")
                page.add_script_tag(content=axe_source)
                violations = page.evaluate(RUN_AXE)
                for v in violations:
                    count += len(v["nodes"])
                    for node in v["nodes"]:
                        say(f"  [{scheme}] /{rel}: {v['id']} ({v['impact']}): {node['target']}: {v['help']}")
                        say(f"      {node['summary'][:400]}")
                    report.data.setdefault("axe", []).append({"palette": scheme, "page": "/" + rel, **v})
                for line in console:
                    say(f"  [{scheme}] /{rel}: {line}")
                for url in offsite:
                    say(f"  [{scheme}] /{rel}: request to another host blocked: {url}")
                if console or offsite:
                    report.add(f"{scheme} /{rel} console and hosts", "console", False, "; ".join(console + offsite)[:300])
            count += _axe_search_dialog(report, page, base, scheme, axe_source)
            totals[scheme] = count
            context.close()
    finally:
        browser.close()
    by_rule: dict[tuple[str, str], set[str]] = {}
    for v in report.data.get("axe", []):
        by_rule.setdefault((v["id"], v["palette"]), set()).add(v["page"])
    for (rule, scheme), where in sorted(by_rule.items()):
        nodes = sum(len(v["nodes"]) for v in report.data["axe"] if v["id"] == rule and v["palette"] == scheme)
        say(
            f"  {rule} ({scheme}): {nodes} element(s) on {len(where)} page(s): {', '.join(sorted(where)[:6])}{' ...' if len(where) > 6 else ''}"
        )
    for scheme, count in totals.items():
        say(f"  {scheme} palette: {count} violation(s) on {len(pages)} page(s)")
        report.add(
            f"axe, {scheme} palette, {len(pages)} pages and the search dialog",
            "axe",
            count == 0,
            f"{count} violation(s) (budget 0)",
        )
    report.data["axe_counts"] = totals
    if not [c for c in report.checks if c.group == "console" and not c.ok]:
        report.add("console errors and requests to other hosts", "console", True, "none")


def _axe_search_dialog(report: Report, page, base: str, scheme: str, axe_source: str) -> int:
    """axe-core on the search dialog, open with results (they exist only once a query is typed)."""
    page.goto(base, wait_until="load")
    page.wait_for_function(WAIT_READY, timeout=15_000)
    initial = page.evaluate("() => document.querySelector('.md-search-result__meta').textContent.trim()")
    page.wait_for_function(SEARCH_READY, arg=initial, timeout=30_000)
    page.locator("input.md-search__input").click()
    page.keyboard.type(SEARCH_QUERIES[0], delay=20)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=10_000)
    page.wait_for_timeout(400)  # the dialog's opening transition
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(RUN_AXE.replace("axe.run(document,", "axe.run({include: [['.md-search']]},"))
    count = 0
    for v in violations:
        count += len(v["nodes"])
        for node in v["nodes"]:
            say(f"  [{scheme}] / (search open): {v['id']} ({v['impact']}): {node['target']}: {v['help']}")
            say(f"      {node['summary'][:400]}")
        report.data.setdefault("axe", []).append({"palette": scheme, "page": "/ (search open)", **v})
    return count


# --- search latency ----------------------------------------------------------------------------

INSTRUMENT = """() => {
  const input = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const state = window.__kbSearch = {keys: [], renders: []};
  input.addEventListener('keydown', e => state.keys.push(e.timeStamp), true);
  new MutationObserver(records => {
    // A render clears the list and appends the first results in one task: the first item
    // appended to the emptied list has no previous sibling.
    if (!records.some(r => [...r.addedNodes].some(n => n.nodeType === 1 && !n.previousElementSibling))) return;
    const render = {dom: performance.now(), paint: null, count: list.children.length};
    state.renders.push(render);
    requestAnimationFrame(t => { render.paint = t; });
  }).observe(list, {childList: true});
}"""

SEARCH_READY = """(initial) => {
  const meta = document.querySelector('.md-search-result__meta');
  return meta && meta.textContent.trim() && meta.textContent.trim() !== initial;
}"""


def audit_search(report: Report, playwright, base: str, queries: list[str]) -> None:
    say(f"== Search latency (last keystroke to first result painted; budget {SEARCH_BUDGET_MS:.0f} ms)")
    browser = _launch(playwright)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        offsite: list[str] = []
        _guard_hosts(context, base, offsite)
        page = context.new_page()
        started = time.perf_counter()
        page.goto(base, wait_until="load")
        initial = page.evaluate("() => document.querySelector('.md-search-result__meta').textContent.trim()")
        page.wait_for_function(SEARCH_READY, arg=initial, timeout=30_000)
        say(f"  index ready {1000 * (time.perf_counter() - started):.0f} ms after navigation")
        page.evaluate(INSTRUMENT)
        box = page.locator("input.md-search__input")
        latencies = []
        for query in queries:
            box.click()
            box.press("Control+A")
            box.press("Backspace")
            page.wait_for_function("() => !document.querySelector('.md-search-result__list').children.length", timeout=5000)
            page.evaluate("() => { window.__kbSearch.keys = []; window.__kbSearch.renders = []; }")
            box.press_sequentially(query, delay=KEY_DELAY_MS)
            # Wait until rendering has settled: no new render for 600 ms (at most 5 s).
            deadline = time.monotonic() + 5
            seen = -1
            while time.monotonic() < deadline:
                page.wait_for_timeout(600)
                count = page.evaluate("() => window.__kbSearch.renders.length")
                if count == seen:
                    break
                seen = count
            state = page.evaluate("() => window.__kbSearch")
            last_key = state["keys"][-1] if state["keys"] else None
            renders = [r for r in state["renders"] if last_key is not None and r["dom"] >= last_key and r["paint"]]
            if box.input_value() != query or not renders:
                say(f"  {query!r}: no result rendered after the last keystroke")
                report.add(f"search {query!r}", "search", False, "no result after the last keystroke")
                continue
            latency = renders[-1]["paint"] - last_key
            latencies.append(latency)
            say(f"  {query!r}: {latency:.0f} ms ({renders[-1]['count']} results shown)")
            report.add(
                f"search {query!r}", "search", latency <= SEARCH_BUDGET_MS, f"{latency:.0f} ms (budget {SEARCH_BUDGET_MS:.0f} ms)"
            )
        if latencies:
            say(f"  worst {max(latencies):.0f} ms, median {statistics.median(latencies):.0f} ms")
            report.data["search_ms"] = {"worst": max(latencies), "median": statistics.median(latencies), "each": latencies}
        if offsite:
            report.add("search page requests", "console", False, "requests to other hosts: " + ", ".join(offsite))
        context.close()
    finally:
        browser.close()


# --- main --------------------------------------------------------------------------------------


def preflight(site: Path, need_node: bool) -> list[str]:
    problems = []
    if not (site / "index.html").is_file():
        problems.append(f"{site}/index.html is missing: run `make build` first (or `make audit`)")
    if not Path(CHROMIUM).is_file():
        problems.append(f"{CHROMIUM} is missing: install Debian's Chromium (`apt-get install chromium`)")
    if need_node:
        if not shutil.which("npx"):
            problems.append("npx is missing: install Node.js 20 or newer")
        if not AXE_JS.is_file() or not (NODE_MODULES / "lighthouse").is_dir():
            problems.append("node_modules is missing or incomplete: run `npm ci --no-audit --no-fund` (or `make audit`)")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ci", action="store_true", help="gate only machine-independent budgets (also when CI=true)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--runs", type=int, help="Lighthouse runs per page, the median kept (default 3; 1 with --ci)")
    parser.add_argument(
        "--lighthouse-page", action="append", dest="lighthouse_pages", metavar="PATH", help="instead of the default pages"
    )
    parser.add_argument(
        "--axe-page", action="append", dest="axe_pages", metavar="PATH", help="run axe on this page only (repeatable)"
    )
    parser.add_argument("--skip", action="append", default=[], choices=["lighthouse", "axe", "search"], help="leave a part out")
    parser.add_argument("--keep-reports", type=Path, metavar="DIR", help="keep the Lighthouse JSON reports here")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write a summary of the results as JSON")
    args = parser.parse_args(argv)
    ci = args.ci or os.environ.get("CI", "").lower() == "true"
    runs = args.runs or (1 if ci else 3)

    problems = preflight(args.site, need_node="lighthouse" not in args.skip or "axe" not in args.skip)
    if problems:
        for problem in problems:
            print(f"audit: {problem}", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright  # imported once the preflight has passed

    report = Report(ci=ci)
    say(f"audit of {args.site} ({'CI: performance and search latency are reported, not gated' if ci else 'all budgets gate'})")
    with SiteServer(args.site, site_prefix()) as server:
        say(f"serving {args.site} at {server.base}")
        try:
            if "lighthouse" not in args.skip:
                audit_lighthouse(report, server.base, args.lighthouse_pages or LIGHTHOUSE_PAGES, runs, args.keep_reports)
            with sync_playwright() as playwright:
                if "axe" not in args.skip:
                    audit_axe(report, playwright, server.base, args.site, args.axe_pages)
                if "search" not in args.skip:
                    audit_search(report, playwright, server.base, SEARCH_QUERIES)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            print(f"audit: could not run: {exc}", file=sys.stderr)
            return 2

    say("== Budgets")
    passed = failed = ungated = 0
    for check in report.checks:
        if check.ok:
            passed += 1
            mark = "ok  "
        elif report.gated(check):
            failed += 1
            mark = "FAIL"
        else:
            ungated += 1
            mark = "miss (not gated in CI)"
        if not check.ok or check.group in {"performance", "axe", "search"}:
            say(f"  {mark} {check.name}: {check.detail}")
    if ungated:
        say(f"  {ungated} machine-dependent budget(s) missed: reported, not gated (CI)")
    if args.json:
        args.json.write_text(json.dumps({"ci": ci, **report.data}, indent=2), encoding="utf-8")
    say(f"audit: {passed} passed, {failed} failed, {ungated} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
