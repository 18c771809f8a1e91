"""Which pages the site search leaves out or ranks higher: the settings reach the pages they name."""

from __future__ import annotations

import yaml
from musekb.search import CONTRIBUTOR_PAGES, search_settings


def _front_matter(page) -> dict:
    return yaml.safe_load(page.front_matter.split("---\n")[1]) if page.front_matter else {}


def test_search_settings_name_only_pages_of_the_site(real_render):
    stale = sorted(set(search_settings(real_render.ctx.data)) - set(real_render.pages))
    assert stale == [], f"search settings for pages the site does not have: {stale}"


def test_contributor_references_are_excluded_and_keep_their_front_matter(real_render):
    for uri in CONTRIBUTOR_PAGES:
        meta = _front_matter(real_render.pages[uri])
        assert meta["search"] == {"exclude": True}, uri
        assert meta.get("description"), f"{uri} keeps its description for search engines"


def test_every_page_carries_its_search_setting_for_other_engines(real_render):
    """``kb export`` writes each page with its front matter: the settings travel with it."""
    settings = search_settings(real_render.ctx.data)
    assert any("boost" in s for s in settings.values()), "some pages are ranked above the default"
    wrong = [uri for uri, page in real_render.pages.items() if _front_matter(page).get("search") != settings.get(uri)]
    assert wrong == [], f"pages whose front matter does not carry their search setting: {wrong}"
