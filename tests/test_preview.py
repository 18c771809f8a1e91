"""The preview (`mkdocs serve`) rebuilds in place only what an edit changed, and everything else in full."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import MINI_TODAY, ROOT
from helpers import edit
from musekb.incremental import SiteState, plan_update, site_state
from musekb.render_site import render_site

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


# --- the running preview --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, text: str, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if text in urllib.request.urlopen(url, timeout=5).read().decode():
                return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"{text!r} never appeared on {url}:\n{log.read_text()[-3000:]}")


def test_serve_updates_pages_in_place_and_falls_back_to_a_full_build(mini_buildable, tmp_path):
    config = mini_buildable.root / "mkdocs.yml"
    hook = ROOT / "hooks" / "kb_hooks.py"
    text = config.read_text().replace(f"  - {hook}\n", f"  - {hook}\n  - {hook.with_name('kb_preview.py')}\n", 1)
    config.write_text(text + "watch:\n  - data\n")  # listed after kb_hooks.py, as in the real mkdocs.yml
    port, log = free_port(), tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_BUILD_DATE": MINI_TODAY.isoformat()}
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=mini_buildable.root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base + "benchmarks/bench-x/", "42.5%", log)
        edit(mini_buildable, "results.yaml", "value: 42.5", "value: 43.5")
        wait_for(base + "benchmarks/bench-x/", "43.5%", log)
        edit(mini_buildable, "docs/index.md", "## Launch {#launch}", "## The launch {#launch}")
        wait_for(base, "The launch", log)
        # A browser showing the benchmark page waits for a reload (the live-reload script's request):
        # after a source edit that page comes first, and every other page citing it follows.
        page = urllib.request.urlopen(base + "benchmarks/bench-x/").read().decode()
        epoch, request = re.search(r"livereload\((\d+), (\d+)\)", page).groups()
        waiting = urllib.request.Request(f"{base}livereload/{epoch}/{request}", headers={"Referer": base + "benchmarks/bench-x/"})
        browser = threading.Thread(target=lambda: urllib.request.urlopen(waiting, timeout=60).read(), daemon=True)
        browser.start()
        time.sleep(0.5)
        edit(mini_buildable, "sources.yaml", "title: Introducing Alpha", "title: Introducing Alpha today")
        wait_for(base + "benchmarks/bench-x/", "Introducing Alpha today", log)
        wait_for(base + "models/muse-spark/", "Introducing Alpha today", log)
        browser.join(timeout=10)
        assert not browser.is_alive(), "the waiting browser was told to reload"
        (mini_buildable.docs_dir / "extra.md").write_text("# Extra page\n")
        wait_for(base + "extra/", "Extra page", log)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
    text = log.read_text()
    assert len(re.findall(r"Updated \d+ page\(s\) and \d+ file\(s\) in place", text)) >= 3, text[-3000:]
    assert re.search(r"Updated 1 page\(s\) and \d+ file\(s\) in place; [1-9]\d* more page\(s\) next", text), text[-3000:]
    assert "Full rebuild: a page was added or removed" in text
    assert "Traceback" not in text
