"""The real site: one strict build per session, checked the way a reader would meet it."""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from musekb.clock import build_date
from musekb.records import KINDS
from musekb.sitecheck import broken_internal_links, external_links, parse_page
from musekb.validate import load_checked

pytestmark = pytest.mark.xdist_group("built-sites")  # one build of the real site per session


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


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory) -> Path:
    """A second strict build of the real site, from a copy, in a network namespace with no network at all."""
    if not shutil.which("unshare") or subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode:
        pytest.fail("this test needs `unshare -rn` (util-linux) to cut the network off")
    base = tmp_path_factory.mktemp("offline")
    out = base / "site"
    # A copy without the render cache, so the whole render runs again (drawn charts are reused).
    skip = {".git", ".venv", "node_modules", "site", "site.partial", "site.previous", "staging", "build"}
    copy = shutil.copytree(
        ROOT, base / "project", ignore=lambda folder, names: skip & set(names) if folder == str(ROOT) else set()
    )
    shutil.rmtree(copy / ".cache" / "site", ignore_errors=True)
    run = subprocess.run(
        ["unshare", "-rn", sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=copy,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(out.parent)},
    )
    assert run.returncode == 0, f"the build needs the network:\n{run.stderr[-2000:]}"
    return out


def test_build_needs_no_network(offline_build):
    assert (offline_build / "index.html").is_file()


def test_two_builds_are_byte_identical(built_site, offline_build):
    differ = [
        p.relative_to(built_site).as_posix()
        for p in sorted(built_site.rglob("*"))
        if p.is_file() and (offline_build / p.relative_to(built_site)).read_bytes() != p.read_bytes()
    ]
    assert differ == []
