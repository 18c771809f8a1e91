"""The real site: one strict build per session, checked the way a reader would meet it."""

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest
from helpers import render_digests
from musekb.clock import build_date
from musekb.records import KINDS
from musekb.sitecheck import broken_internal_links, external_links, parse_page
from musekb.validate import load_checked
from once import OFFLINE_NOTE, can_cut_network


@pytest.fixture(scope="session")
def data(real_project):
    return load_checked(real_project, build_date())


def html(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_every_benchmark_page_exists_and_shows_its_scores(built_site, data):
    for bench in data.benchmarks:
        page = html(built_site, f"benchmarks/{bench.id}/index.html")
        assert bench.name.replace("&", "&amp;").replace("'", "&#x27;") in page or bench.name in page
        for res in data.results:
            if res.benchmark == bench.id and (not res.conflict or res.preferred):
                shown = f"{res.value:g}" if not float(res.value).is_integer() else f"{int(res.value):,}"
                assert shown in page, f"{res.model} {res.value} missing from benchmarks/{bench.id}/"


def test_every_model_and_comparison_page_exists(built_site, data):
    for model in data.models:
        assert (built_site / "models" / model.id / "index.html").is_file()
        if model.rival:
            assert (built_site / "compare" / model.id / "index.html").is_file()


def test_bibliography_lists_every_source_with_its_anchor(built_site, data):
    ids = parse_page(html(built_site, "sources/index.html")).ids
    assert {s.id for s in data.sources} <= ids


def test_timeline_has_every_event(built_site, data):
    ids = parse_page(html(built_site, "timeline/index.html")).ids
    assert {e.id for e in data.events} <= ids


def test_every_internal_link_and_anchor_resolves(built_site):
    assert broken_internal_links(built_site) == []


def test_external_links_are_https(built_site):
    assert [u for u in external_links(built_site) if not u.startswith("https://")] == []


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = []
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", text):
            url = re.search(r'\b(?:src|href)="([^"]+)"', tag)
            if url and re.match(r"(https?:)?//", url.group(1)) and 'rel="canonical"' not in tag:
                offenders.append(f"{path.relative_to(built_site)}: {tag[:120]}")
    assert offenders == []


def test_downloads_match_the_data(built_site, data):
    doc = json.loads(html(built_site, "data/muse-spark-kb.json"))
    for kind in KINDS:
        assert len(doc[kind]) == len(data.records(kind))
    rows = list(csv.DictReader(io.StringIO(html(built_site, "data/results.csv"))))
    assert [(r["model"], r["benchmark"], float(r["value"])) for r in rows] == [
        (r.model, r.benchmark, r.value) for r in data.results
    ]
    assert {r["build_date"] for r in rows} <= {doc["build_date"]}
    manifest = json.loads(html(built_site, "data/manifest.json"))
    assert manifest["records"] == {kind: len(data.records(kind)) for kind in KINDS}


def test_search_index_covers_generated_pages(built_site, data):
    index = json.loads(html(built_site, "search/search_index.json"))
    locations = {d["location"] for d in index["docs"]}
    for bench in data.benchmarks:
        assert f"benchmarks/{bench.id}/" in locations


def test_build_needs_no_network(built_site):
    """The one build of the real site per test run runs with the network cut off (tests/once.py)."""
    if not can_cut_network():
        pytest.fail("this test needs `unshare -rn` (util-linux) to cut the network off")
    note = (built_site.parent / OFFLINE_NOTE).read_text(encoding="utf-8")
    assert note.startswith("yes:"), f"the real site was built with a network interface besides loopback ({note.strip()})"
    assert (built_site / "index.html").is_file()


RENDER_DIGESTS = """\
import json, sys
from pathlib import Path
from helpers import render_digests
from musekb.clock import build_date
from musekb.project import Project
from musekb.render_site import render_site
site = render_site(Project(Path(sys.argv[1])), build_date())
print(json.dumps({**render_digests(site), "nav": site.nav}))
"""


def test_the_render_does_not_depend_on_the_process(real_render, real_project):
    """What the hooks hand to MkDocs is the same in another process with another hash seed, so two
    builds of one commit publish the same bytes (the render cache is bypassed on both sides)."""
    env = {**os.environ, "PYTHONHASHSEED": "4321", "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run(
        [sys.executable, "-c", RENDER_DIGESTS, str(real_project.root)], capture_output=True, text=True, env=env, check=True
    )
    other = json.loads(run.stdout)
    here = render_digests(real_render)
    for part in ("pages", "assets"):
        differ = sorted(u for u in here[part].keys() | other[part].keys() if here[part].get(u) != other[part].get(u))
        assert differ == [], f"{part} that differ from one process to the next: {differ}"
    assert json.loads(json.dumps(real_render.nav)) == other["nav"]


# --- edit links: to the file and line a contributor must change --------------------------------

REPO = "https://github.com/muse-spark-kb/muse-spark-kb"


def _edit_url(html_text: str) -> str:
    """The page's own edit button (Material's content.action.edit)."""
    match = re.search(r'<a href="([^"]+)" title="Edit this page" class="md-content__button', html_text)
    assert match, "the page has an edit button"
    return match.group(1)


def _record_url(data, rec) -> str:
    where = data.locate(rec)
    line = where.line()
    return f"{REPO}/blob/main/{where.file}" + (f"#L{line}" if line > 1 else "")


def test_the_contributing_page_edits_contributing_md(built_site):
    """docs/contributing.md is one include line; the text to edit is CONTRIBUTING.md."""
    assert _edit_url(html(built_site, "contributing/index.html")) == f"{REPO}/edit/main/CONTRIBUTING.md"
    assert _edit_url(html(built_site, "design/index.html")) == f"{REPO}/edit/main/docs/design.md"


def _entry(page_html: str, anchor: str) -> str:
    """The HTML element carrying ``id=anchor`` (a list entry's paragraph or heading and what follows)."""
    start = page_html.index(f'id="{anchor}"')
    end = page_html.find(' id="', start + 5)
    return page_html[start : end if end != -1 else None]


@pytest.mark.parametrize(
    ("page", "kind"),
    [("timeline/index.html", "events"), ("glossary/index.html", "glossary"), ("sources/index.html", "sources")],
)
def test_list_entries_link_to_their_own_record(built_site, data, page, kind):
    page_html = html(built_site, page)
    for rec in data.records(kind):
        entry = _entry(page_html, rec.id)
        assert f'href="{_record_url(data, rec)}"' in entry, f"{rec.id} on {page} has no edit link to its own line"


def test_a_benchmark_page_lists_edit_links_for_its_results(built_site, data):
    for bench in data.benchmarks:
        page_html = html(built_site, f"benchmarks/{bench.id}/index.html")
        assert f'href="{_record_url(data, bench)}"' in page_html
        for res in data.results:
            if res.benchmark == bench.id:
                assert f'href="{_record_url(data, res)}"' in page_html, f"{res.model} on {bench.id}: no edit link"


def test_anchors_read_from_markdown_are_those_of_the_built_pages(built_site, real_render):
    """`kb check` judges links by the anchors it reads in each page's Markdown; they must be the
    ids the built page has (none invented), and every heading's id must be among them (none missed)."""
    from musekb.internal_links import anchors, anchors_known
    from musekb.site_urls import page_url

    for uri, page in real_render.pages.items():
        if not anchors_known(page.markdown):
            continue  # the code reference: mkdocstrings makes its anchors while rendering
        built = html(built_site, page_url(uri) + "index.html")
        read = anchors(page.markdown)
        assert read - parse_page(built).ids == set(), f"{uri}: anchors the built page does not have"
        headings = set(re.findall(r'<h[1-6][^>]*\sid="([^"]+)"', built))
        assert headings - read == set(), f"{uri}: heading ids the Markdown reading misses"
