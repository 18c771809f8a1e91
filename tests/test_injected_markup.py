"""Markup typed into data is shown as text, never run.

The injection tests put ``<script>``, ``<img onerror>``, a ``javascript:`` Markdown link, an
attribute break-out, a ``</title>`` break-out and a Markdown link that turns into an event
handler if Markdown runs inside an HTML attribute into every rendered kind of text field, build
the copy (with the plain fixture configuration, and with the real site's ``kb:`` navigation
placeholders and Markdown extensions; once per session, see ``injected_site`` in conftest.py),
and read the HTML the way a browser tokenises it: none of it may become an element, an
event-handler attribute or a ``javascript:`` link, while the text stays visible. The same fields
also carry include directives (an absolute path, a path in the repository, a path outside it,
and a snippet line) naming files whose secret must appear in no built file: not in a page, the
feed, a download or the search index. tests/test_browser.py loads the same sites in Chromium.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from injection import INCLUDES, PAYLOAD, PAYLOADS, SHOWN
from markup_audit import MarkupAudit, audit


@dataclass
class InjectedSite:
    folder: Path
    pages: dict[str, MarkupAudit]


@pytest.fixture(scope="module")
def injected(injected_site) -> InjectedSite:
    pages = {
        p.relative_to(injected_site).as_posix(): audit(p.read_text(encoding="utf-8"))
        for p in sorted(injected_site.rglob("*.html"))
    }
    return InjectedSite(injected_site, pages)


def test_the_audit_sees_each_payload_when_it_is_live():
    """The detector itself: every payload is caught when written raw, and none when escaped."""
    raw = f"<html><head><title>T {PAYLOADS[5]}</title></head><body><article>"
    raw += f'{PAYLOADS[1]} {PAYLOADS[2]} <a href="javascript:alert(3)">x</a> <a title="{PAYLOADS[4]}">y</a>'
    raw += '<span title="Source: <a href="https://x/onmouseover=alert(6)//">x</a>">z</span>'
    raw += "</article></body></html>"
    found = [what for _, what in audit(raw).live]
    assert len(found) == 6, found  # svg onload, script, onerror, javascript: href, two onmouseover
    escaped = f"<html><head><title>T {html.escape(PAYLOAD)}</title></head><body><article><p>{html.escape(PAYLOAD)}</p>"
    escaped += f'<a href="https://example.org/" title="{html.escape(PAYLOAD)}">z</a></article></body></html>'
    assert audit(escaped).live == []
    assert PAYLOAD in audit(escaped).text()


@pytest.mark.parametrize("region", ["page content", "navigation", "head", "elsewhere"])
def test_markup_from_data_is_never_live(injected, region):
    offenders = [f"{page}: {what}" for page, found in injected.pages.items() for where, what in found.live if where == region]
    if offenders:
        pytest.fail(f"{len(offenders)} live element(s) from data in the {region}:\n" + "\n".join(offenders[:15]))


@pytest.mark.parametrize(("what", "page", "original"), SHOWN, ids=[s[0] for s in SHOWN])
def test_injected_text_stays_visible_as_text(injected, what, page, original):
    assert page in injected.pages, f"{page} was not built"
    expected = original if PAYLOAD in original else f"{original} {PAYLOAD}"
    assert expected in injected.pages[page].text(), f"the {what} is not shown as text on {page}"


def test_no_file_named_in_data_reaches_the_site(injected):
    """Include directives typed into data are never expanded: no page, feed, download, search index
    or sitemap holds the content of the files they name (on the build machine, in the repository,
    or outside it)."""
    secrets = {secret for _, secret in INCLUDES}
    leaks = [
        f"{path.relative_to(injected.folder)}: {secret}"
        for path in sorted(injected.folder.rglob("*"))
        if path.is_file()
        for secret in secrets
        if secret.encode() in path.read_bytes()
    ]
    assert leaks == [], "files named by data were published:\n" + "\n".join(leaks[:20])


@pytest.mark.parametrize(("directive", "secret"), INCLUDES, ids=["absolute", "relative", "outside", "snippet"])
def test_include_directives_in_data_are_shown_as_text_everywhere_data_is(injected, directive, secret):
    """The data reference shows the first record of each file in a code block; the feed and the
    downloads carry the same strings. Each shows the directive as the characters typed."""
    reference = injected.pages["reference/data/index.html"].text()
    assert directive in reference, "the data reference's example records show the directive as text"
    assert directive in injected.pages["timeline/index.html"].text()
    feed = ElementTree.fromstring((injected.folder / "feed.xml").read_bytes())
    assert directive in "".join(feed.itertext())
    dataset = json.loads((injected.folder / "data" / "muse-spark-kb.json").read_text(encoding="utf-8"))
    assert directive in dataset["claims"][0]["statement"]
    assert directive in (injected.folder / "data" / "sources.csv").read_text(encoding="utf-8").replace('""', '"')
