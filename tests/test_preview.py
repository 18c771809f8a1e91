"""`mkdocs serve` (the preview of `make serve`): a failed build shows its problems in the browser.

MkDocs used to keep every request waiting while the data had an error, and to say why only in
the terminal; it also exited when the very first build failed. Here the preview is started on a
copy of the mini project and read over HTTP, as a browser would. tests/test_browser.py watches
the same page reload itself in Chromium.
"""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
from conftest import MINI_MKDOCS, ROOT
from helpers import edit

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_BUILD_DATE": "2026-06-01"}
HOOKS = f"  - {ROOT / 'hooks' / 'kb_hooks.py'}\n  - {ROOT / 'hooks' / 'kb_preview.py'}\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def preview_config(project, site_url: str | None = None) -> None:
    """The mini project's mkdocs.yml with both hooks (and a site address with a path, if given)."""
    text = MINI_MKDOCS.format(hook="HOOK").replace("  - HOOK\n", HOOKS)
    if site_url:
        text = f"site_url: {site_url}\n" + text
    (project.root / "mkdocs.yml").write_text(text, encoding="utf-8")


class Preview:
    """A running `mkdocs serve` and everything it printed so far."""

    def __init__(self, process: subprocess.Popen, port: int):
        self.process, self.port = process, port
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output.append(line.rstrip("\n"))

    def printed(self) -> str:
        return "\n".join(self.output)

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        """Status and body of a request; a preview that keeps it waiting fails the test."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8")

    def wait_for(self, path: str, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        body = ""
        while time.monotonic() < deadline:
            try:
                _, body = self.get(path)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                body = ""
            if text in body:
                return body
            time.sleep(0.3)
        pytest.fail(f"{path} never showed {text!r}; the preview printed:\n{self.printed()[-3000:]}")


@contextmanager
def preview(project):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Preview(process, port)
    try:
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


PROBLEM = "data/results.yaml:33 benchmark: unknown benchmark 'index-z'"
FIX = "Fix: did you mean 'index-y'?"


def text(body: str) -> str:
    """What a reader sees of a page: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(
        html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S))).split()
    ).replace(" :", ":")


def break_data(project) -> None:
    edit(project, "results.yaml", "benchmark: index-y", "benchmark: index-z")


def fix_data(project) -> None:
    edit(project, "results.yaml", "benchmark: index-z", "benchmark: index-y")


def test_a_failed_first_build_serves_the_problems_at_every_address(mini, tmp_path):
    preview_config(mini)
    break_data(mini)
    with preview(mini) as running:
        home = text(running.wait_for("/", "The site cannot be built"))
        assert PROBLEM in home and FIX in home
        for path in ("/benchmarks/bench-x/", "/no/such/page/", "/timeline/"):
            status, body = running.get(path)
            assert PROBLEM in text(body), f"{path} does not show the problem page ({status})"
            assert "livereload" in body, f"{path}: the problem page must reload itself after a fix"
        assert "data/results.yaml:33: benchmark: unknown benchmark 'index-z'" in running.printed()
        requests = [line for line in running.output if '"GET ' in line]
        assert requests and not [line for line in requests if line.startswith("ERROR")], "the request log is not a build problem"
        fix_data(mini)
        running.wait_for("/", "42.5%")
        status, body = running.get("/benchmarks/bench-x/")
        assert status == 200 and "Bench X" in body and "cannot be built" not in body


def test_a_failed_rebuild_replaces_the_site_and_a_fix_brings_it_back(mini, tmp_path):
    preview_config(mini)
    with preview(mini) as running:
        running.wait_for("/", "42.5%")
        break_data(mini)
        running.wait_for("/timeline/", "The site cannot be built")
        started = time.monotonic()
        _, body = running.get("/benchmarks/bench-x/", timeout=5)
        assert time.monotonic() - started < 5 and PROBLEM in text(body), "requests are answered, not held"
        fix_data(mini)
        running.wait_for("/benchmarks/bench-x/", "Bench X")


def test_the_terminal_gives_the_address_that_serves_the_site(mini, tmp_path):
    preview_config(mini, site_url="https://example.org/mini-kb/")
    with preview(mini) as running:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Serving on" not in running.printed():
            time.sleep(0.2)
        match = re.search(r"Serving on (http://\S+)", running.printed())
        assert match, running.printed()
        address = match.group(1)
        assert address == f"http://127.0.0.1:{running.port}/mini-kb/"
        _, body = running.get("/mini-kb/")
        assert "42.5%" in body


def _documented_addresses(text: str) -> set[str]:
    return set(re.findall(r"http://127\.0\.0\.1:8000\S*?(?=[`\s)]|$)", text))


def test_readme_contributing_and_makefile_give_the_address_make_serve_serves():
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    dev_addr = re.search(r"mkdocs serve .*--dev-addr (\S+)", makefile).group(1)
    path = "/" + site_url.split("://", 1)[1].split("/", 1)[1]
    expected = f"http://{dev_addr}{path}"
    for name in ("README.md", "CONTRIBUTING.md", "Makefile"):
        found = _documented_addresses((ROOT / name).read_text(encoding="utf-8"))
        assert found == {expected}, f"{name} gives {sorted(found)}; make serve serves {expected}"


def test_the_problem_page_escapes_what_it_shows():
    from musekb.problem_page import problem_page
    from musekb.problems import Problem

    page = problem_page([Problem("docs/x.md", 3, "kb:name", "unknown id '<script>'", "use <b>x</b>")], ["<img src=x>"])
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page
