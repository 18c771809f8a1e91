"""Which pages the site search leaves out or ranks higher: the settings reach the pages they name."""

from __future__ import annotations

import pytest
import yaml
from musekb.search import CONTRIBUTOR_PAGES, search_settings


@pytest.fixture(scope="module")
def site(real_render):
    return real_render


def _front_matter(page) -> dict:
    return yaml.safe_load(page.front_matter.split("---\n")[1]) if page.front_matter else {}


def test_search_settings_name_only_pages_of_the_site(site):
    stale = sorted(set(search_settings(site.ctx.data)) - set(site.pages))
    assert stale == [], f"search settings for pages the site does not have: {stale}"


def test_contributor_references_are_excluded_and_keep_their_front_matter(site):
    for uri in CONTRIBUTOR_PAGES:
        meta = _front_matter(site.pages[uri])
        assert meta["search"] == {"exclude": True}, uri
        assert meta.get("description"), f"{uri} keeps its description for search engines"


def test_every_page_carries_its_search_setting_for_other_engines(site):
    """``kb export`` writes each page with its front matter: the settings travel with it."""
    settings = search_settings(site.ctx.data)
    assert any("boost" in s for s in settings.values()), "some pages are ranked above the default"
    wrong = [uri for uri, page in site.pages.items() if _front_matter(page).get("search") != settings.get(uri)]
    assert wrong == [], f"pages whose front matter does not carry their search setting: {wrong}"
