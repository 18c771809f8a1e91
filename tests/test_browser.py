"""The built site in a real browser (Debian's Chromium, headless, served from 127.0.0.1).

Search finds generated pages, markup typed into data runs nothing, sortable tables sort,
and the dark palette keeps badges readable. (That pages load nothing from other hosts and
log no errors is checked with axe-core in test_accessibility.py.) Skipped without Chromium (`sudo apt-get install chromium`), except in CI.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter

import pytest
from browser import SearchBox, serve, watch
from musekb.clock import build_date
from musekb.validate import load_checked
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def data(real_project):
    return load_checked(real_project, build_date())


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light", service_workers="block")
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


def _bench(data, name: str):
    (bench,) = [b for b in data.benchmarks if b.name == name]
    return bench


# --- (a) search ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Humanity's Last Exam", "HealthBench Hard"])
def test_search_lists_a_benchmark_page_and_opens_it(context, site_url, data, name):
    bench = _bench(data, name)
    page = context.new_page()
    seen = watch(page)
    page.goto(site_url)
    assert f"benchmarks/{bench.id}/" in SearchBox(page, site_url).results(name)
    # Result links are absolute and carry ?h=<query> (search.highlight); sections add #anchors.
    result = page.locator(f"a.md-search-result__link[href*='/benchmarks/{bench.id}/']:not([href*='#'])").first
    result.wait_for(state="visible")
    result.click()
    page.wait_for_url(re.compile(rf"^{re.escape(site_url)}benchmarks/{re.escape(bench.id)}/(\?[^#]*)?$"))
    heading = page.locator("article h1").first.inner_text()
    assert heading.removesuffix("¶").strip().startswith(name)  # the name, then any abbreviation
    assert seen.problems() == []


# --- (c) the injected-markup site -------------------------------------------------------------

_HOVER_EVERYTHING = """() => {
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'focus']) el.dispatchEvent(new Event(type, {bubbles: true}));
  }
}"""


@pytest.fixture(scope="module")
def injected_url(injected_site):
    pages = sorted(p.relative_to(injected_site).parent.as_posix() for p in injected_site.rglob("index.html"))
    with serve(injected_site) as url:
        yield url, [("" if p == "." else p + "/") for p in pages]


ALERT_LEGEND = (
    "alert 1: <script>, 2: <img onerror>, 3: javascript: link, 4: attribute break-out, "
    "5: </title> break-out, 6: Markdown link run inside an attribute"
)
_LIVE_JAVASCRIPT_URLS = """() => Array.from(document.querySelectorAll('[href], [src], [action]'))
  .map((el) => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action'))
  .filter((url) => /^\\s*javascript:/i.test(url))"""


def test_injected_markup_runs_nothing_in_the_browser(context, injected_url):
    url, pages = injected_url
    page = context.new_page()
    seen = watch(page)
    links = []
    for path in pages:
        page.goto(url + path, wait_until="load")
        page.evaluate(_HOVER_EVERYTHING)  # fires any onmouseover that data smuggled into an attribute
        links += [f"{path or '/'}: {href}" for href in page.evaluate(_LIVE_JAVASCRIPT_URLS)]
    page.wait_for_load_state("networkidle")  # and anything the last page still started
    ran = Counter(d.replace(url, "/") for d in seen.dialogs)
    summary = "\n".join(f"{n} x {what}" for what, n in ran.most_common(12))
    if ran:
        pytest.fail(f"{len(seen.dialogs)} dialog(s) opened by data ({ALERT_LEGEND}):\n{summary}")
    assert links == [], "live javascript: links:\n" + "\n".join(links[:10])
    assert seen.problems() == []
    assert seen.foreign_requests() == []


def test_injected_markup_in_search_results_runs_nothing(context, injected_url):
    """Material writes result titles and text into the page as HTML: data must arrive there as text."""
    url, _ = injected_url
    page = context.new_page()
    seen = watch(page)
    page.goto(url)
    box = SearchBox(page, url)
    for query in ("Bench", "Alpha", "Beta"):
        assert box.results(query), f"the injected site finds {query!r}"
        page.evaluate(_HOVER_EVERYTHING)
    shown = page.locator(".md-search-result").inner_text()
    assert "<script>alert(1)</script>" in shown, "the markup typed into data is shown as text in the results"
    assert seen.dialogs == [], f"dialog(s) opened from search results ({ALERT_LEGEND}): {seen.dialogs}"
    assert seen.problems() == []


# --- (d) sortable tables ----------------------------------------------------------------------

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _keys(cells: list[str]) -> list[float]:
    return [float(_NUMBER.match(c.replace(",", "").replace("$", "").replace("#", "").strip()).group(0)) for c in cells]


def test_sortable_table_sorts_by_the_clicked_column(context, site_url, data):
    bench = max(data.benchmarks, key=lambda b: sum(r.benchmark == b.id for r in data.results))
    page = context.new_page()
    seen = watch(page)
    page.goto(f"{site_url}benchmarks/{bench.id}/")
    table = page.locator(".kb-sortable table").first
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    column = next(i for i, h in enumerate(headers) if h.startswith("Score"))
    cells = table.locator(f"tbody tr td:nth-child({column + 1})")
    assert cells.count() >= 3, "pick a benchmark with several scores"
    button = table.locator("thead th").nth(column).locator("button.kb-sort")

    button.click()
    descending = _keys(cells.all_inner_texts())
    assert descending == sorted(descending, reverse=True)
    assert table.locator("thead th").nth(column).get_attribute("aria-sort") == "descending"

    button.click()
    ascending = _keys(cells.all_inner_texts())
    assert ascending == sorted(ascending)
    assert ascending != descending, "the scores differ, so the order must change"
    assert table.locator("thead th").nth(column).get_attribute("aria-sort") == "ascending"

    name_button = table.locator("thead th").nth(0).locator("button.kb-sort")
    name_button.click()
    names = [n.strip().lower() for n in table.locator("tbody tr td:nth-child(1)").all_inner_texts()]
    assert names == sorted(names, reverse=True)
    assert seen.problems() == []


# --- (e) dark palette -------------------------------------------------------------------------

_BADGE_CONTRAST = """() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return Array.from(document.querySelectorAll('article .kb-badge')).map((el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const fg = lum(rgb(style.color).slice(0, 3)), bg = lum(background(el));
    return {
      text: el.textContent.trim(),
      shown: box.width > 0 && box.height > 0 && style.visibility === 'visible' && style.display !== 'none' && Number(style.opacity) > 0.9,
      contrast: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05),
    };
  });
}"""


def test_dark_palette_toggle_keeps_badges_visible(context, site_url, data):
    bench = _bench(data, "Humanity's Last Exam")
    page = context.new_page()
    seen = watch(page)
    page.goto(f"{site_url}benchmarks/{bench.id}/")
    page.add_style_tag(content="* { content-visibility: visible !important; }")  # lay out off-screen tables too
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    light = page.evaluate(_BADGE_CONTRAST)
    assert light, "the page shows provenance badges"

    # Each palette is a radio input; the visible label selects the next one (Material turns the
    # labels' titles into tooltips, so they are found through their inputs).
    dark_input = page.locator("input.md-option[data-md-color-scheme='slate']").get_attribute("id")
    light_input = page.locator("input.md-option[data-md-color-scheme='default']").get_attribute("id")
    to_dark, to_light = page.locator(f"label[for='{dark_input}']"), page.locator(f"label[for='{light_input}']")
    expect(to_dark).to_be_visible()
    expect(to_light).to_be_hidden()
    to_dark.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    expect(to_light).to_be_visible()
    expect(to_dark).to_be_hidden()
    page.wait_for_timeout(300)  # Material's colour transition
    dark = page.evaluate(_BADGE_CONTRAST)
    assert len(dark) == len(light)
    hidden = [b["text"] for b in dark if not b["shown"]]
    faint = [f"{b['text']} ({b['contrast']:.1f}:1)" for b in dark if b["contrast"] < 4.5]
    assert hidden == [] and faint == [], f"badges hard to see in the dark palette: hidden {hidden}, low contrast {faint}"

    page.reload()
    assert body.get_attribute("data-md-color-scheme") == "slate", "the choice is kept across pages"
    assert seen.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_follows_the_reader_then_their_choice(browser, site_url, scheme):
    # The toggle is the site's own inline script (docs/overrides/partials/javascripts/palette.html),
    # not Material's component: first visit, the browser's preference; Enter switches; the choice
    # is kept; the header colour and the root's colour scheme follow.
    other = {"light": "dark", "dark": "light"}[scheme]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme, service_workers="block")
    ctx.set_default_timeout(TIMEOUT_MS)
    page = ctx.new_page()
    seen = watch(page)
    page.goto(f"{site_url}design/")
    state = """() => {
      const hex = (rgb) => '#' + rgb.match(/\\d+/g).slice(0, 3).map((c) => (+c).toString(16).padStart(2, '0')).join('');
      return {
        scheme: document.body.getAttribute('data-md-color-scheme'),
        root: getComputedStyle(document.documentElement).colorScheme,
        shown: Array.from(document.querySelectorAll('form.md-header__option label')).filter((l) => !l.hidden).map((l) => l.title),
        themeColor: document.querySelector('meta[name=theme-color]')?.content || null,
        header: hex(getComputedStyle(document.querySelector('[data-md-component=header]')).backgroundColor),
      };
    }"""
    names = {"light": "default", "dark": "slate"}
    toggles = {"light": ["Switch to dark mode"], "dark": ["Switch to light mode"]}

    def shows(palette):
        want = {"scheme": names[palette], "root": "dark" if palette == "dark" else "normal", "shown": toggles[palette]}
        with contextlib.suppress(PlaywrightTimeout):  # the assertion below says what is wrong
            page.wait_for_function(
                f"(() => {{ const s = ({state})(); return s.scheme === '{want['scheme']}' && s.themeColor === s.header; }})()"
            )
        now = page.evaluate(state)
        assert {k: now[k] for k in want} == want, now
        assert now["themeColor"] == now["header"], f"theme-color meta {now['themeColor']}, header {now['header']}"

    shows(scheme)
    page.locator("form.md-header__option label:not([hidden])").focus()
    page.keyboard.press("Enter")
    shows(other)
    page.goto(f"{site_url}benchmarks/")
    shows(other)  # kept on the next page
    assert seen.problems() == []
    ctx.close()


# --- without Chromium -------------------------------------------------------------------------


@pytest.mark.parametrize("ci", ["true", ""])
def test_missing_chromium_skips_locally_and_fails_in_ci(monkeypatch, tmp_path, ci):
    import browser as helper

    monkeypatch.setattr(helper, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", ci)
    outcome = pytest.fail.Exception if ci == "true" else pytest.skip.Exception
    with pytest.raises(outcome, match=r"sudo apt-get install chromium"):
        helper.require_chromium()


# --- (f) grades explain themselves -------------------------------------------------------------


def test_hovering_a_grade_shows_what_it_rests_on(context, site_url, data):
    # HLE's Thinking, no-tools figure is lowered to C for a stated reason: the badge must say so.
    page = context.new_page()
    page.goto(site_url + "benchmarks/humanitys-last-exam/")
    badge = page.locator(".kb-grade--c").first
    badge.scroll_into_view_if_needed()
    badge.hover()
    reason = badge.get_attribute("title")
    assert reason.startswith("Confidence C: ") and "lowered from" in reason
    # the same explanation is part of the badge's text for screen readers, not only its tooltip
    assert reason in " ".join(badge.inner_text().split()) or reason in badge.text_content()
    visible = badge.bounding_box()
    assert visible and visible["width"] < 200, "the explanation is hidden text, not shown inline"
    # and every grade on the page carries one
    grades = page.locator(".kb-grade")
    assert grades.count() > 5
    for i in range(grades.count()):
        assert (grades.nth(i).get_attribute("title") or "").startswith("Confidence ")


# --- (g) the preview shows a failed build in the browser and recovers by itself ---------------


def test_the_preview_shows_problems_and_reloads_itself_when_fixed(browser, mini, tmp_path):
    """Break the data while a page is open: the page turns into the problem list without a click;
    fix it: the page turns back into the site. KB_SCREENSHOT=<file> keeps a picture of the list."""
    import os

    from test_preview import break_data, fix_data, preview, preview_config

    preview_config(mini, site_url="https://example.org/mini-kb/")
    with preview(mini) as running:
        base = f"http://127.0.0.1:{running.port}/mini-kb/"
        running.wait_for("/mini-kb/", "42.5%")
        ctx = browser.new_context(viewport={"width": 1100, "height": 700}, color_scheme="light", service_workers="block")
        ctx.set_default_timeout(60_000)
        page = ctx.new_page()
        page.goto(base + "benchmarks/bench-x/")
        expect(page.locator("article h1")).to_contain_text("Bench X")
        break_data(mini)
        expect(page.locator("h1")).to_have_text("The site cannot be built")
        expect(page.locator("li").first).to_contain_text("data/results.yaml:33")
        expect(page.locator("li").first).to_contain_text("Fix: did you mean 'index-y'?")
        if os.environ.get("KB_SCREENSHOT"):
            page.screenshot(path=os.environ["KB_SCREENSHOT"], full_page=True)
        other = ctx.new_page()
        other.goto(base + "any/address/at/all/")
        expect(other.locator("h1")).to_have_text("The site cannot be built")
        fix_data(mini)
        expect(page.locator("article h1")).to_contain_text("Bench X")  # reloaded by itself
        expect(other.locator("article h1")).to_contain_text("404")  # the site's own page for a wrong address
        ctx.close()
