"""Helpers for the browser tests: the shared server and browser of ``scripts/site_browser.py``,
skipped without Chromium on a contributor's machine and failed in CI (``CI=true``), and a
record of what a page did.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import site_browser
from site_browser import SiteServer, launch

CHROMIUM: Path = site_browser.CHROMIUM
LOCAL_HOST = "127.0.0.1"


def require_chromium() -> Path:
    """The Chromium binary; skip the test without it, or fail when running in CI."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = f"{CHROMIUM} not found: install Debian's Chromium with `sudo apt-get install chromium` to run the browser tests"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true, where the browser tests must run)")
    pytest.skip(message)


@contextmanager
def serve(folder: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 under ``prefix`` as its host would; yield the base URL (ending in ``/``)."""
    with SiteServer(folder, prefix) as server:
        yield server.base


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium (a Playwright ``Browser``), closed afterwards."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, executable)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """Everything a page did that a test may want to refuse: requests, errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests to any host other than the local test server (data: and blob: URLs are local)."""
        return [
            u for u in self.requests if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).hostname != LOCAL_HOST
        ]

    def problems(self) -> list[str]:
        return [f"console error: {m}" for m in self.console_errors] + [f"page error: {m}" for m in self.page_errors]


def watch(page) -> Watch:
    """Record the page's requests, console errors, uncaught errors and dialogs (dismissing them)."""
    seen = Watch()
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and seen.console_errors.append(f"{msg.text} ({page.url})"))
    page.on("pageerror", lambda error: seen.page_errors.append(f"{error} ({page.url})"))

    def on_dialog(dialog) -> None:
        seen.dialogs.append(f"{dialog.type}: {dialog.message} ({page.url})")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


# --- Material's search box -------------------------------------------------------------------

# Notes the time of the last keystroke and of the last change to the result list, so a test can
# wait until the results have stopped changing after the last key.
_WATCH_RESULTS = """() => {
  const input = document.querySelector("input[data-md-component='search-query']");
  const list = document.querySelector('.md-search-result__list');
  window.__kbSearch = {key: performance.now(), render: performance.now()};
  input.addEventListener('keydown', () => { window.__kbSearch.key = performance.now(); }, true);
  new MutationObserver(() => { window.__kbSearch.render = performance.now(); }).observe(list, {childList: true});
}"""
# Settled: the list changed after the last key, and then not again for a while.
_QUIET_FOR = """(ms) => window.__kbSearch.render > window.__kbSearch.key
  && performance.now() - window.__kbSearch.render > ms"""
# Material's message while its worker loads the index (mkdocs-material's "search.result.initializer").
_INITIALIZING = "Initializing search"
_SEARCH_READY = """(initializing) => {
  const meta = document.querySelector('.md-search-result__meta');
  return meta && meta.textContent.trim() && meta.textContent.trim() !== initializing;
}"""
_RESULT_LINKS = """items => items.map(li => li.querySelector('a.md-search-result__link').href)"""


class SearchBox:
    """Material's search box on an open page: type a query key by key, read the ranked pages.

    Playwright's ``fill()`` sets the value without key events, which Material's search ignores,
    so the last character of a query is typed with ``press_sequentially``.
    """

    def __init__(self, page, base_url: str, quiet_ms: int = 50):
        self.page = page
        self.base_url = base_url
        self.quiet_ms = quiet_ms
        page.wait_for_function(_SEARCH_READY, arg=_INITIALIZING, timeout=30_000)
        page.evaluate(_WATCH_RESULTS)
        self.box = page.locator("input[data-md-component='search-query']")

    def results(self, query: str) -> list[str]:
        """Site-relative URLs of the pages found for ``query``, best first (Material lists each page once)."""
        self.box.click()
        # The query is set at once and only its last key typed: Material searches for the value in
        # the box on each key, so one key runs the whole query (a search per key took most of the
        # search tests' time).
        self.box.fill(query[:-1])
        self.box.press_sequentially(query[-1:])
        # Results arrive asynchronously, at most one render per keystroke (one change of the list,
        # 20-60 ms after the key on a 2-core machine): wait for it, then a short quiet spell.
        self.page.wait_for_function(_QUIET_FOR, arg=self.quiet_ms, polling=50, timeout=15_000)
        hrefs = self.page.eval_on_selector_all(".md-search-result__list > li.md-search-result__item", _RESULT_LINKS)
        return [self._site_path(href) for href in hrefs]

    def _site_path(self, href: str) -> str:
        path = urlsplit(href).path
        base = urlsplit(self.base_url).path
        return path[len(base) :] if path.startswith(base) else path
