"""The site's search serves readers: the names they type find their page first.

Every query in ``tests/search_queries.yaml`` is typed key by key into the search box of the
built site in Debian's Chromium; its first result must be the page listed for it, and no page
of the code reference may be among the first three. The built index itself must leave out
the contributor references. Skipped without Chromium (`sudo apt-get install chromium`), except
in CI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from browser import SearchBox, serve
from conftest import ROOT
from musekb.site_urls import page_url

QUERIES_FILE = Path(__file__).resolve().parent / "search_queries.yaml"
CODE_REFERENCE = page_url("reference/code.md")
CONTRIBUTOR_REFERENCES = (CODE_REFERENCE, page_url("reference/data.md"))


def load_queries() -> list[tuple[str, str]]:
    """(query, page) pairs from the queries file; a malformed entry fails with its position."""
    entries = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
    assert isinstance(entries, list) and entries, f"{QUERIES_FILE.name}: expected a list of {{query, page}} entries"
    pairs = []
    for n, entry in enumerate(entries, start=1):
        ok = isinstance(entry, dict) and set(entry) == {"query", "page"}
        ok = ok and all(isinstance(entry[k], str) and entry[k].strip() for k in ("query", "page"))
        assert ok, (
            f"{QUERIES_FILE.name}: entry {n}: write {{query: <what a reader types>, page: <path under docs/>}}, got {entry!r}"
        )
        pairs.append((entry["query"], entry["page"]))
    return pairs


QUERIES = load_queries()


def test_queries_are_distinct_and_name_pages_of_the_site(built_site):
    queries = [q.casefold() for q, _ in QUERIES]
    assert len(set(queries)) == len(queries), "each query is listed once"
    missing = [f"{query!r} -> {page}" for query, page in QUERIES if not (built_site / page_url(page) / "index.html").is_file()]
    assert missing == [], f"{QUERIES_FILE.name} names pages the site does not have: {missing}"
    assert len(QUERIES) >= 20


def test_index_leaves_out_the_contributor_references(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not [p for p in indexed if p.startswith(CONTRIBUTOR_REFERENCES)], "the code and data references are not searched"
    assert (built_site / CODE_REFERENCE / "index.html").is_file(), "the code reference is still published"
    expected = {page_url(page) for _, page in QUERIES}
    assert expected <= indexed, f"pages readers look for are missing from the index: {sorted(expected - indexed)}"


def test_index_leaves_out_the_number_tables_under_charts(built_site):
    """The tables under charts repeat the chart's CSV (record and source ids): readers see them, search does not."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"]]
    pages = [p for p in built_site.rglob("index.html") if "The numbers in this chart" in p.read_text(encoding="utf-8")]
    assert pages, "some page shows the numbers of a chart"
    headers = {csv.read_text(encoding="utf-8").splitlines()[0] for csv in (built_site / "assets" / "charts").glob("*.csv")}
    found = [h for h in headers if any(h.replace(",", " ") in t for t in texts)]
    assert found == [], f"chart number tables in the search index: {found}"


@pytest.fixture(scope="module")
def search_box(built_site, browser):
    with serve(built_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, service_workers="block")
        page.goto(url)
        yield SearchBox(page, url)


@pytest.mark.browser
@pytest.mark.parametrize(("query", "page"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_its_page_first(search_box, query, page):
    results = search_box.results(query)
    assert results, f"{query!r} finds nothing"
    code = [n for n, url in enumerate(results[:3], start=1) if url.startswith(CODE_REFERENCE)]
    assert code == [], f"{query!r}: the code reference is result {code} of {results[:3]}"
    assert results[0] == page_url(page), (
        f"{query!r}: first result is {results[0] or 'the home page'}, expected {page} "
        f"(first three: {results[:3]}; ranking rules in {(ROOT / 'hooks/musekb/search.py').relative_to(ROOT)})"
    )
