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
