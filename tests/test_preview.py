"""`mkdocs serve` (the preview of `make serve`): a failed build shows its problems in the browser,
and an edit rebuilds in place only what it changed.

MkDocs used to keep every request waiting while the data had an error, and to say why only in
the terminal; it also exited when the very first build failed. Here the preview is started on a
copy of the mini project and read over HTTP, as a browser would. tests/test_browser.py watches
the same page reload itself in Chromium. Which pages an edit changes is decided by the pure
:mod:`musekb.incremental`, tested first below.
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
from conftest import MINI_MKDOCS, MINI_TODAY, ROOT
from helpers import edit
from musekb.incremental import SiteState, plan_update, site_state
from musekb.render_site import render_site

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


# --- what to rebuild (pure) ---------------------------------------------------------------


def state_of(project) -> SiteState:
    site = render_site(project, MINI_TODAY)
    return site_state({u: (p.front_matter, p.markdown) for u, p in site.pages.items()}, site.assets)


def test_a_score_edit_rebuilds_its_pages_and_charts_only(mini):
    before = state_of(mini)
    edit(mini, "results.yaml", "value: 42.5", "value: 43.5")
    plan = plan_update(before, state_of(mini), [mini.data_dir / "results.yaml"], mini.root)
    assert plan.full_build == ""
    # the benchmark, the model and the comparison show the score; the home page quotes it; the
    # data reference shows the first result as its example
    assert set(plan.pages) == {
        "benchmarks/bench-x.md",
        "models/muse-spark.md",
        "compare/beta.md",
        "index.md",
        "reference/data.md",
    }
    assert "assets/charts/benchmark-bench-x.svg" in plan.files and "data/results.csv" in plan.files
    assert "assets/charts/benchmark-index-y.svg" not in plan.files


def test_a_source_edit_rebuilds_every_page_citing_it(mini):
    site = render_site(mini, MINI_TODAY)
    citing = {uri for uri, page in site.pages.items() if "news-copy" in page.writer.cited}
    before = state_of(mini)
    edit(mini, "sources.yaml", "title: Alpha scores reported", "title: Alpha scores, as reported")
    plan = plan_update(before, state_of(mini), [mini.data_dir / "sources.yaml"], mini.root)
    # every page citing it shows the title in its citations' tooltips; the bibliography lists it,
    # and the downloads page gives the new size of sources.csv
    assert len(citing) >= 3 and set(plan.pages) == citing | {"sources.md", "data/index.md"}


@pytest.mark.parametrize(
    ("path", "why"),
    [("mkdocs.yml", "not data or a page"), ("hooks/musekb/text.py", "not data or a page"), ("docs/_includes/a.md", "not data")],
)
def test_code_configuration_and_includes_need_a_full_build(mini, path, why):
    state = state_of(mini)
    assert why in plan_update(state, state, [mini.root / path], mini.root).full_build


def test_a_new_title_or_page_needs_a_full_build(mini):
    before = state_of(mini)
    edit(mini, "models.yaml", "name: Beta 2.0", "name: Beta 2.1")
    assert "title of" in plan_update(before, state_of(mini), [mini.data_dir / "models.yaml"], mini.root).full_build
    (mini.docs_dir / "extra.md").write_text("# Extra\n")
    assert "added or removed" in plan_update(before, state_of(mini), [mini.docs_dir / "extra.md"], mini.root).full_build


# --- the running preview: in place ------------------------------------------------------------


def test_serve_updates_pages_in_place_and_falls_back_to_a_full_build(mini):
    preview_config(mini)
    with preview(mini) as running:
        running.wait_for("/benchmarks/bench-x/", "42.5%")
        edit(mini, "results.yaml", "value: 42.5", "value: 43.5")
        running.wait_for("/benchmarks/bench-x/", "43.5%")
        edit(mini, "docs/index.md", "## Launch {#launch}", "## The launch {#launch}")
        running.wait_for("/", "The launch")
        # A browser showing the benchmark page waits for a reload (the live-reload script's request):
        # after a source edit that page comes first, and every other page citing it follows.
        _, page = running.get("/benchmarks/bench-x/")
        epoch, request = re.search(r"livereload\((\d+), (\d+)\)", page).groups()
        address = f"http://127.0.0.1:{running.port}"
        waiting = urllib.request.Request(
            f"{address}/livereload/{epoch}/{request}", headers={"Referer": f"{address}/benchmarks/bench-x/"}
        )
        browser = threading.Thread(target=lambda: urllib.request.urlopen(waiting, timeout=60).read(), daemon=True)
        browser.start()
        time.sleep(0.5)
        edit(mini, "sources.yaml", "title: Introducing Alpha", "title: Introducing Alpha today")
        running.wait_for("/benchmarks/bench-x/", "Introducing Alpha today")
        running.wait_for("/models/muse-spark/", "Introducing Alpha today")
        browser.join(timeout=10)
        assert not browser.is_alive(), "the waiting browser was told to reload"
        (mini.docs_dir / "extra.md").write_text("# Extra page\n")
        running.wait_for("/extra/", "Extra page")
    printed = running.printed()
    assert len(re.findall(r"Updated \d+ page\(s\) and \d+ file\(s\) in place", printed)) >= 3, printed[-3000:]
    assert re.search(r"Updated 1 page\(s\) and \d+ file\(s\) in place; [1-9]\d* more page\(s\) next", printed), printed[-3000:]
    assert "Full rebuild: a page was added or removed" in printed
    assert "Traceback" not in printed
