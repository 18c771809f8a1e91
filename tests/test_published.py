"""The build's render cache: a warm build reuses the last render, and any input it reads invalidates it."""

from __future__ import annotations

import pytest
from conftest import MINI_TODAY
from helpers import edit
from musekb import render_site as render_module
from musekb.published import published_site


def no_render(*args, **kwargs):
    pytest.fail("rendered again although nothing it reads changed")


def test_an_unchanged_project_is_not_rendered_twice(mini, monkeypatch):
    first = published_site(mini, MINI_TODAY, site_url="https://kb.example.org/")
    monkeypatch.setattr(render_module, "render_site", no_render)
    again = published_site(mini, MINI_TODAY, site_url="https://kb.example.org/")
    assert again.pages.keys() == first.pages.keys()
    assert again.pages["benchmarks/bench-x.md"].markdown == first.pages["benchmarks/bench-x.md"].markdown
    assert again.assets == first.assets and again.nav_groups == first.nav_groups


@pytest.mark.parametrize(
    "change",
    ["data", "page", "included file", "configuration", "build date", "site address"],
)
def test_every_input_of_the_render_invalidates_it(mini, monkeypatch, change):
    (mini.root / "NOTE.md").write_text("A note kept at the top of the repository.\n")
    (mini.docs_dir / "note.md").write_text("# Note\n\n{!NOTE.md!}\n")
    published_site(mini, MINI_TODAY)
    calls = []
    real = render_module.render_site
    monkeypatch.setattr(render_module, "render_site", lambda *a, **k: calls.append(1) or real(*a, **k))
    today, url = MINI_TODAY, ""
    if change == "data":
        edit(mini, "results.yaml", "value: 42.5", "value: 43.5")
    elif change == "page":
        edit(mini, "docs/index.md", "# ", "# Renamed ")
    elif change == "included file":
        (mini.root / "NOTE.md").write_text("A note, rewritten.\n")
    elif change == "configuration":
        (mini.root / "mkdocs.yml").write_text("site_name: Renamed\n")
    elif change == "build date":
        today = MINI_TODAY.replace(day=2)
    else:
        url = "https://elsewhere.example.org/"
    site = published_site(mini, today, site_url=url)
    assert calls == [1]
    if change == "data":
        assert "43.5%" in site.pages["benchmarks/bench-x.md"].markdown
    if change == "included file":
        assert "A note, rewritten." in site.pages["note.md"].markdown
