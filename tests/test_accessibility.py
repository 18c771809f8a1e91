"""Accessibility of the built site: axe-core in Chromium, in the light and the dark palette.

axe-core comes with axe-playwright-python (PyPI, pinned in requirements.txt), so this runs in
`make test` without npm. Each page must have no axe violation, load nothing from another host
and log no error. `make test` checks a few pages that between them hold every kind of block the
site renders (``SMOKE``: tables, charts, conflict boxes, claim and event lists, the family table,
the 404 page) and the open search dialog; `make audit`, which CI runs too, checks every page of
the site, whole, in both palettes (``--every-page``). The dark palette changes colours only, so
there axe checks colour contrast alone.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve, watch
from conftest import ROOT
from site_browser import site_prefix

pytestmark = pytest.mark.browser

PALETTES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme
DARK_RULES = ["color-contrast", "link-in-text-block"]
PARTS = 4  # the light palette's pages are checked in this many tests, shared out between the workers
#: `make test`'s pages: between them every kind of block (see the module docstring).
SMOKE = ("", "404.html", "about/", "agent/", "benchmarks/humanitys-last-exam/", "family/", "perspectives/")
#: Rows and items that repeat the markup of those before them: `make test` checks the first ones of
#: every table and list; `make audit` (``--every-page``) checks every one.
REPEATS = ".md-typeset tbody tr:nth-of-type(n+9), .md-typeset li:nth-of-type(n+13)"
BLOCK_SHORTCODE = re.compile(r"<!-- kb:(conflict|results|family|claims|claim|events|event|recent|opinions|chart|legend|swept)\b")

# Loaded, the theme's scripts started (docs/overrides/main.html runs them after the first paint)
# and the sortable tables given their buttons.
#: Pages lay out off-screen blocks lazily (content-visibility in kb.css); axe must see them laid out.
LAY_OUT_EVERYTHING = "* { content-visibility: visible !important; }"

READY = """() => {
  const deferred = document.querySelector('script[type="application/x-kb-deferred"]');
  const pending = document.querySelector('.kb-sortable table:not([data-kb-sortable])');
  return document.readyState === 'complete' && (!deferred || window.__kbScriptsLoaded === true) && !pending;
}"""


def every_page(site) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def pages(request, built_site) -> list[str]:
    return every_page(built_site) if request.config.getoption("--every-page") else list(SMOKE)


@pytest.fixture(scope="module")
def site_url(built_site):
    # under the published path, as 404.html links to its assets by absolute path
    with serve(built_site, site_prefix(ROOT / "mkdocs.yml")) as url:
        yield url


def report(where: str, violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())[:300]
            lines.append(f"{where}: {v['id']} ({v['impact']}) at {' '.join(map(str, node['target']))}: {summary}")
    return lines


@pytest.mark.parametrize(("palette", "part"), [*(("light", n) for n in range(PARTS)), ("dark", 0)])
def test_pages_pass_axe_and_load_only_from_the_site(request, browser, site_url, pages, palette, part):
    """Each part takes every PARTS-th page, so that the test workers share the pages out."""
    every = request.config.getoption("--every-page")
    context = browser.new_context(color_scheme=palette, viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    seen = watch(page)
    axe = Axe()
    options = {"resultTypes": ["violations"], **({"runOnly": DARK_RULES} if palette == "dark" else {})}
    if palette == "light":
        pages = pages[part::PARTS]
    elif not every:
        pages = ["", "benchmarks/humanitys-last-exam/"]
    found = []
    try:
        for url in pages:
            page.goto(site_url + url, wait_until="load")
            page.wait_for_function(READY, timeout=15_000)
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == PALETTES[palette], url
            page.add_style_tag(content=LAY_OUT_EVERYTHING)
            scope = None if every else {"exclude": [[REPEATS]]}
            found += report(f"/{url}", axe.run(page, context=scope, options=options).response["violations"])
        page.wait_for_load_state("networkidle")  # the search index, fetched after load
    finally:
        context.close()
    assert found == [], f"{len(found)} axe violation(s) in the {palette} palette:\n" + "\n".join(found[:30])
    assert seen.foreign_requests() == []
    assert seen.problems() == []
    assert seen.dialogs == []


@pytest.mark.parametrize("palette", PALETTES)
def test_open_search_dialog_passes_axe(browser, site_url, palette):
    context = browser.new_context(color_scheme=palette, viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    try:
        page.goto(site_url, wait_until="load")
        page.wait_for_function(READY, timeout=15_000)
        page.locator("input.md-search__input").click()
        page.keyboard.type("muse spark", delay=20)  # results exist only once a query is typed
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
        page.wait_for_timeout(400)  # the dialog's opening transition
        options = {"resultTypes": ["violations"], **({"runOnly": DARK_RULES} if palette == "dark" else {})}
        found = report(
            "search dialog", Axe().run(page, context={"include": [[".md-search"]]}, options=options).response["violations"]
        )
    finally:
        context.close()
    assert found == [], "\n".join(found)


def test_the_smoke_pages_hold_every_kind_of_block():
    """`make test` checks SMOKE only: between them they must render every block the site uses."""
    docs = ROOT / "docs"

    def blocks(path):
        return set(BLOCK_SHORTCODE.findall(path.read_text(encoding="utf-8")))

    used = set().union(*(blocks(p) for p in docs.rglob("*.md")))
    smoke = {(url.rstrip("/") or "index") + ".md" for url in SMOKE if not url.endswith(".html")}
    covered = set().union(*(blocks(docs / page) for page in smoke if (docs / page).exists()))
    # the benchmark page is generated: it holds a results table, a chart and a conflict box
    covered |= {"results", "chart", "conflict"}
    assert used - covered == set(), f"add a page showing {used - covered} to SMOKE"
