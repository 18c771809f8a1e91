"""Generated pages of the tiny project: what readers rely on, and a reviewed snapshot of each page.

The snapshots (``tests/__snapshots__/test_pages.ambr``) are of the ``mini`` fixture, never of the
real data, so content edits do not churn them. After an intended change to how pages render,
review the diff of ``pytest --snapshot-update``.
"""

import pytest
from conftest import MINI_TODAY
from musekb.comparison import Pair
from musekb.context import Context
from musekb.list_pages import timeline_page
from musekb.names import benchmark_heading, other_names, with_abbr
from musekb.pages import benchmark_page, compare_page
from musekb.render_site import render_site
from musekb.site_urls import page_url
from musekb.validate import load_checked


@pytest.fixture
def ctx(mini):
    return Context.of(load_checked(mini, MINI_TODAY), MINI_TODAY)


def test_every_page_matches_its_snapshot(mini, snapshot):
    site = render_site(mini, MINI_TODAY, site_url="https://kb.example.org/")
    assert sorted(site.pages) == snapshot(name="page list")
    for uri, page in sorted(site.pages.items()):
        assert page.front_matter + page.markdown == snapshot(name=uri)


def test_timeline_groups_by_year_and_anchors_each_event(ctx):
    md = timeline_page(ctx, {"index.md": "Home"}).markdown
    assert (
        md.index("## 2025")
        < md.index("<strong>January 2025</strong> — <strong>Bench X is published</strong>")
        < md.index("## 2026")
    )
    assert '<p id="alpha-launch" class="kb-event"><strong>8 April 2026</strong> — <strong>Alpha is announced</strong>' in md
    assert 'Explained on <a href="../#launch">Home</a>.</p>' in md


def test_comparison_states_leader_margin_and_measurer(ctx):
    md = compare_page(ctx, "beta").markdown
    assert "**Summary.** Alpha leads on 1 and Beta 2.0 on 1 of 2 shared benchmark settings." in md
    bench_row = next(line for line in md.splitlines() if line.startswith('<tr><td><a href="../../benchmarks/bench-x/">'))
    assert bench_row.endswith("<td>Alpha by 2.4 percentage points</td><td>Meta (self-reported)</td></tr>")
    index_row = next(line for line in md.splitlines() if line.startswith('<tr><td><a href="../../benchmarks/index-y/">'))
    assert index_row.endswith("<td>Beta 2.0 by 5 index points</td><td>Index Org</td></tr>")


def test_lead_respects_lower_is_better(ctx):
    a, b = ctx.results_by_benchmark["index-y"]
    bench = ctx.benchmarks["index-y"]
    lower = bench.model_copy(update={"scale": bench.scale.model_copy(update={"higher_is_better": False})})
    assert (Pair(bench, a, b).leader_text("A", "B"), Pair(bench, a, b).lead) == ("B by 5 index points", -5)
    assert (Pair(lower, a, b).leader_text("A", "B"), Pair(lower, a, b).lead) == ("A by 5 index points", 5)


def test_every_page_ends_with_checked_date_and_citation(mini):
    site = render_site(mini, MINI_TODAY, site_url="https://kb.example.org/")
    home = site.pages["index.md"].markdown
    assert "<strong>Facts checked as of 1 May 2026</strong>." in home
    assert "<summary>Cite this page</summary>" in home and "https://kb.example.org/ (facts checked as of 2026-05-01" in home
    assert "*[BX]: Bench X" in home  # glossary abbreviations reach every page
    bench = site.pages["benchmarks/bench-x.md"].markdown
    assert "url{https://kb.example.org/benchmarks/bench-x/}" in bench
    assert "Generated from <code>data/benchmarks.yaml</code> (line 2)." in bench


def test_stale_facts_are_flagged_from_the_build_date(mini):
    import datetime as dt

    later = MINI_TODAY + dt.timedelta(days=400)
    site = render_site(mini, later)
    page = site.pages["benchmarks/bench-x.md"].markdown
    assert "possibly stale" in page and "past their review date" in page
    assert "possibly stale" not in render_site(mini, MINI_TODAY).pages["benchmarks/bench-x.md"].markdown


def test_page_urls_follow_directory_urls():
    assert [page_url(u) for u in ("index.md", "benchmarks/index.md", "benchmarks/hle.md")] == [
        "",
        "benchmarks/",
        "benchmarks/hle/",
    ]


def test_benchmark_page_heading_names_the_abbreviation_and_lists_new_aliases(ctx):
    md = benchmark_page(ctx, "bench-x").markdown
    assert md.startswith("# Bench X (BX)\n")  # search finds the page by either
    bench = ctx.benchmarks["bench-x"].model_copy(update={"aliases": ["bench-x", "BX", "Bench Ten", "The X test"]})
    assert benchmark_heading(bench) == "Bench X (BX)"
    assert other_names(bench) == ["Bench Ten", "The X test"], "aliases that add no word to the heading are left out"


def test_a_name_that_spells_out_its_abbreviation_is_not_repeated():
    assert with_abbr("Arena (LMArena)", "LMArena") == "Arena (LMArena)"
    assert with_abbr("ScreenSpot Pro", "ScreenSpot-Pro") == "ScreenSpot Pro"
    assert with_abbr("MedXpertQA (multimodal)", "MedXpertQA MM") == "MedXpertQA (multimodal; MedXpertQA MM)"
    assert with_abbr("Humanity's Last Exam", None) == "Humanity's Last Exam"
