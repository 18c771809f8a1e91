"""Charts drawn from the tiny project: valid small SVGs, CSVs that match the data, honest styling,
byte-identical output and a cache keyed by what is plotted.

Expected figures are written out from ``tests/fixtures/mini/data`` by hand, so a mistake in
the chart code cannot be copied into the expectation.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import html
import importlib
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import markdown
import pytest
from conftest import MINI_TODAY
from helpers import append, edit
from musekb import charts as charts_module
from musekb.charts import (
    INDEX_URI,
    LEAD_TRAIL_URI,
    MUSE,
    OTHER,
    TIMELINE_URI,
    TRAIL,
    Chart,
    all_charts,
    benchmark_chart,
    cache_key,
    chart_assets,
    chart_by_uri,
    chart_for_benchmark,
    chart_markdown,
    default_cache_dir,
    family_timeline_chart,
    lead_trail_chart,
    render_cached,
)
from musekb.charts.spec import Bar, BarSpec, Panel
from musekb.context import Context
from musekb.validate import load_checked

draw_module = importlib.import_module("musekb.charts.draw")  # the package exports a function of that name

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def ctx(mini):
    return Context.of(load_checked(mini, MINI_TODAY), MINI_TODAY)


@pytest.fixture
def charts(ctx):
    return all_charts(ctx)


def context_of(project):
    return Context.of(load_checked(project, MINI_TODAY), MINI_TODAY)


def rows(chart: Chart) -> list[dict[str, str]]:
    text = chart.csv.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def shapes(chart: Chart) -> dict[str, dict]:
    """Every element with an id in the SVG: the x/y extent of its path, and its style."""
    out = {}
    for group in ET.fromstring(chart.svg).iter(f"{SVG}g"):
        path = group.find(f"{SVG}path")
        if path is None or "id" not in group.attrib:
            continue
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
        xs, ys = numbers[0::2], numbers[1::2]
        out[group.get("id")] = {"x0": min(xs), "x1": max(xs), "y0": min(ys), "y1": max(ys), "style": path.get("style", "")}
    return out


def value_at(chart: Chart, area_id: str, x: float, lo: float, hi: float) -> float:
    """The data value at SVG x within a plot area whose axis runs from lo to hi."""
    area = shapes(chart)[area_id]
    return lo + (x - area["x0"]) / (area["x1"] - area["x0"]) * (hi - lo)


# --- files ---------------------------------------------------------------------------------


def test_every_chart_is_a_small_svg_with_its_csv_beside_it(charts):
    assert [c.uri for c in charts] == [
        "assets/charts/benchmark-bench-x.svg",
        "assets/charts/benchmark-index-y.svg",
        LEAD_TRAIL_URI,
        INDEX_URI,
    ]  # no timeline: the tiny project records no release date
    for chart in charts:
        root = ET.fromstring(chart.svg)
        assert root.tag == f"{SVG}svg"
        assert root.find(f"{SVG}title").text == chart.title
        assert len(chart.svg) < 60_000, f"{chart.uri} is {len(chart.svg)} bytes"
        assert chart.csv_uri == chart.uri.removesuffix(".svg") + ".csv"
        assert b"\r" not in chart.csv and chart.csv.endswith(b"\n")
        chart.csv.decode("utf-8")
    assets = chart_assets(charts)
    assert len(assets) == 2 * len(charts) and assets[LEAD_TRAIL_URI] == charts[2].svg


def test_alt_text_names_the_benchmark_and_every_plotted_figure(ctx, charts):
    for bench in ctx.data.benchmarks:
        assert bench.name in chart_for_benchmark(charts, bench.id).alt
    bench_x = chart_for_benchmark(charts, "bench-x").alt
    assert "Alpha (Thinking, no tools) 42.5%" in bench_x and "Beta 2.0 (high, no tools) 40.1%" in bench_x
    assert "39%" not in bench_x  # the conflict's other value is not the one tables use
    assert "Meta's own" in bench_x
    lead = chart_by_uri(charts, LEAD_TRAIL_URI).alt
    assert "Bench X (no tools): Alpha leads by 2.4 percentage points over Beta 2.0 (high)" in lead
    assert "Index Y: Alpha trails by 5 index points behind Beta 2.0" in lead
    assert "Index Y: Beta 2.0 57, Alpha 52" in chart_by_uri(charts, INDEX_URI).alt


# --- the numbers -----------------------------------------------------------------------------


def test_benchmark_csv_holds_exactly_the_shown_results(charts):
    def simple(chart):
        return [
            (r["model"], r["mode"], r["setting"], float(r["value"]), r["unit"], r["provenance"], r["sources"])
            for r in rows(chart)
        ]

    # from results.yaml; Beta's 39.0 (the non-preferred row of a conflict) is left out
    assert simple(chart_for_benchmark(charts, "bench-x")) == [
        ("muse-spark", "thinking", "no-tools", 42.5, "percent", "meta-claim", "maker-launch"),
        ("beta", "high", "no-tools", 40.1, "percent", "meta-claim", "maker-launch"),
    ]
    index_rows = [
        ("beta", "", "standard", 57.0, "index", "independent", "index-site"),
        ("muse-spark", "", "standard", 52.0, "index", "independent", "index-site"),
    ]
    assert simple(chart_for_benchmark(charts, "index-y")) == index_rows
    assert simple(chart_by_uri(charts, INDEX_URI)) == index_rows
    assert list(rows(charts[0])[0]) == [
        "benchmark",
        "benchmark_name",
        "model",
        "model_name",
        "mode",
        "setting",
        "value",
        "unit",
        "provenance",
        "confidence",
        "sources",
    ]


def test_bars_end_at_the_values_in_the_csv(charts):
    # both benchmarks in the tiny project run from 0 to 100, the axis limits of their charts
    for bench_id in ("bench-x", "index-y"):
        chart = chart_for_benchmark(charts, bench_id)
        found = shapes(chart)
        for row in rows(chart):
            bar = found[f"bar__{bench_id}__{row['model']}__{row['mode'] or 'none'}__{row['setting']}"]
            assert value_at(chart, f"plot-area__{bench_id}", bar["x0"], 0, 100) == pytest.approx(0, abs=1e-3)
            assert value_at(chart, f"plot-area__{bench_id}", bar["x1"], 0, 100) == pytest.approx(float(row["value"]), abs=1e-3)


def test_lead_is_muse_spark_minus_the_best_rival(charts):
    chart = chart_by_uri(charts, LEAD_TRAIL_URI)
    got = [(r["benchmark"], r["setting"], r["muse_value"], r["rival_model"], r["rival_value"], r["lead"]) for r in rows(chart)]
    # 42.5 - 40.1 and 52 - 57, from results.yaml
    assert got == [
        ("bench-x", "no-tools", "42.5", "beta", "40.1", "2.4"),
        ("index-y", "standard", "52", "beta", "57", "-5"),
    ]
    found = shapes(chart)
    lead, trail = found["lead__bench-x__no-tools__thinking"], found["lead__index-y__standard__none"]
    assert lead["x0"] == pytest.approx(found["zero__lead__percent"]["x0"])  # starts at zero, goes right
    assert trail["x1"] == pytest.approx(found["zero__lead__index"]["x0"])  # ends at zero: drawn to the left
    assert f"stroke: {MUSE}" in lead["style"] and f"stroke: {TRAIL}" in trail["style"]


# --- styling ---------------------------------------------------------------------------------


def test_muse_bars_are_highlighted_and_meta_claims_are_hatched(charts):
    bench_x = shapes(chart_for_benchmark(charts, "bench-x"))
    muse, beta = bench_x["bar__bench-x__muse-spark__thinking__no-tools"], bench_x["bar__bench-x__beta__high__no-tools"]
    assert f"stroke: {MUSE}" in muse["style"] and f"stroke: {OTHER}" in beta["style"]
    index_y = shapes(chart_for_benchmark(charts, "index-y"))
    muse, beta = index_y["bar__index-y__muse-spark__none__standard"], index_y["bar__index-y__beta__none__standard"]
    assert f"fill: {MUSE}" in muse["style"] and f"fill: {OTHER}" in beta["style"]
    # Meta's own figures (Bench X) are filled with a hatch pattern, independent ones (Index Y) solid
    meta = [s["style"] for k, s in bench_x.items() if k.startswith("bar__")]
    independent = [s["style"] for k, s in index_y.items() if k.startswith("bar__")]
    assert all("fill: url(#" in s for s in meta)
    assert not any("url(#" in s for s in independent)


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(hex_colour: str) -> float:
    return 1.05 / (luminance(hex_colour) + 0.05)


def test_colours_are_readable_on_the_white_background():
    assert contrast_on_white(charts_module.INK) >= 4.5 and contrast_on_white(charts_module.MUTED) >= 4.5  # text: WCAG AA
    for colour in (MUSE, OTHER, TRAIL, charts_module.KEY):
        assert contrast_on_white(colour) >= 3, colour  # graphics: WCAG 1.4.11


# --- lower is better, timelines, missing data -----------------------------------------------------

RANK_BENCHMARK = """\
- id: rank-z
  name: Rank Z
  category: arena
  measures: Place on a leaderboard.
  origin: Index Org.
  scale: {unit: rank, min: 1, max: null, higher_is_better: false}
  independent: true
  sources: [index-site]
"""
RANK_RESULTS = """\
- model: muse-spark
  benchmark: rank-z
  value: 3
  provenance: independent
  as_of: 2026-05-01
  sources: [index-site]
- model: beta
  benchmark: rank-z
  value: 1
  provenance: independent
  as_of: 2026-05-01
  sources: [index-site]
"""


def test_lower_is_better_puts_the_lowest_first_and_flips_the_lead(mini):
    append(mini, "benchmarks.yaml", RANK_BENCHMARK)
    append(mini, "results.yaml", RANK_RESULTS)
    ctx = context_of(mini)
    chart = benchmark_chart(ctx, "rank-z")
    assert [(r["model"], r["value"]) for r in rows(chart)] == [("beta", "1"), ("muse-spark", "3")]
    found = shapes(chart)
    beta, muse = found["bar__rank-z__beta__none__standard"], found["bar__rank-z__muse-spark__none__standard"]
    assert beta["y1"] < muse["y0"]  # Beta, first in rank, is drawn above
    assert chart.alt.index("Beta 2.0 #1") < chart.alt.index("Alpha #3") and "lower is better" in chart.alt
    # Alpha is third and Beta first: Alpha trails by two places
    lead = {r["benchmark"]: r["lead"] for r in rows(lead_trail_chart(ctx))}
    assert lead["rank-z"] == "-2"
    assert "Rank Z: Alpha trails by 2 places behind Beta 2.0" in lead_trail_chart(ctx).alt


RELEASES = """\
- id: alpha-released
  topic: family
  statement: Alpha was released on 8 April 2026.
  about: [muse-spark]
  attribute: released
  value: "2026-04-08"
  provenance: meta-claim
  as_of: 2026-05-01
  sources: [maker-launch]
- id: alpha-open-released
  topic: family
  statement: Alpha Open came out in May 2026.
  about: [alpha-open]
  attribute: released
  value: "2026-05"
  provenance: press-report
  as_of: 2026-05-01
  sources: [news-copy]
- id: alpha-open-weights
  topic: family
  statement: Alpha Open's weights can be downloaded.
  about: [alpha-open]
  attribute: weights
  value: open
  provenance: press-report
  as_of: 2026-05-01
  sources: [news-copy]
"""
MUSE_MODELS = """\
- id: alpha-open
  name: Alpha Open
  org: meta
  family: Muse
  sources: [news-copy]
- id: alpha-next
  name: Alpha Next
  org: meta
  family: Muse
  sources: [maker-launch]
"""


def test_family_timeline_dates_each_muse_model_and_marks_its_weights(mini, ctx):
    assert family_timeline_chart(ctx) is None  # no release dates in the tiny project
    append(mini, "models.yaml", MUSE_MODELS)
    append(mini, "claims.yaml", RELEASES)
    chart = chart_by_uri(all_charts(context_of(mini)), TIMELINE_URI)
    got = [(r["model"], r["released"], r["plotted_day"], r["earliest_day"], r["latest_day"], r["weights"]) for r in rows(chart)]
    # Alpha Next has no release date and is left out; a month-only date sits mid-month
    assert got == [
        ("muse-spark", "2026-04-08", "2026-04-08", "2026-04-08", "2026-04-08", "closed"),
        ("alpha-open", "2026-05", "2026-05-16", "2026-05-01", "2026-05-31", "open"),
    ]
    # Alpha Open's date rests on one mid-tier copy only: grade C, said in the alt text and the CSV
    assert "Alpha, 8 April 2026, weights closed; Alpha Open, May 2026 (weakly sourced), weights open" in chart.alt
    assert [r["confidence"] for r in rows(chart)] == ["A", "C"]
    svg = ET.fromstring(chart.svg)
    styles = {}
    for group in svg.iter(f"{SVG}g"):
        if group.get("id", "").startswith("release__"):
            styles[group.get("id")] = group.find(f".//{SVG}use").get("style")
    assert f"fill: {MUSE}" in styles["release__muse-spark"]  # closed: filled
    assert "fill: #ffffff" in styles["release__alpha-open"]  # open: hollow


def test_charts_without_data_are_left_out(mini):
    edit(mini, "models.yaml", "rival: true", "rival: false")
    append(mini, "benchmarks.yaml", RANK_BENCHMARK)
    ctx = context_of(mini)
    assert lead_trail_chart(ctx) is None  # no rival left
    assert benchmark_chart(ctx, "rank-z") is None  # no scores
    assert [c.uri for c in all_charts(ctx)] == [
        "assets/charts/benchmark-bench-x.svg",
        "assets/charts/benchmark-index-y.svg",
        INDEX_URI,
    ]


# --- determinism and the cache ---------------------------------------------------------------


def test_two_renders_are_byte_identical(ctx, charts):
    again = all_charts(ctx)
    assert [(c.svg, c.csv, c.alt) for c in again] == [(c.svg, c.csv, c.alt) for c in charts]


RENDER_IN_CHILD = """\
import hashlib, json, sys
from conftest import MINI_TODAY
from musekb.charts import all_charts
from musekb.context import Context
from musekb.validate import load_checked
from musekb.project import Project
from pathlib import Path
ctx = Context.of(load_checked(Project(Path(sys.argv[1])), MINI_TODAY), MINI_TODAY)
print(json.dumps({c.uri: hashlib.sha256(c.svg + c.csv).hexdigest() for c in all_charts(ctx)}))
"""


def test_output_does_not_depend_on_the_process(mini, charts):
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run(
        [sys.executable, "-c", RENDER_IN_CHILD, str(mini.root)], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(run.stdout) == {c.uri: hashlib.sha256(c.svg + c.csv).hexdigest() for c in charts}


def panels_chart(n: int) -> BarSpec:
    """A chart with ``n`` panels of two bars, labels of different widths (so the layout aligns them)."""
    panels = tuple(
        Panel(
            f"p{i}",
            f"Index {i}",
            "index points",
            0.0,
            None,
            0.0,
            (
                Bar("Muse Spark" + " (thinking)" * (i % 3), 40.0 + i, f"{40 + i}", "muse", i % 2 == 0, False, f"b{i}a"),
                Bar("Rival", 30.0 + i, f"{30 + i}", "other", False, i % 3 == 0, f"b{i}b"),
            ),
        )
        for i in range(n)
    )
    return BarSpec("bars", "Panels", panels, (("muse", "Muse models"), ("other", "Other models")))


def test_many_panels_are_drawn_as_matplotlib_lays_them_out(monkeypatch):
    # The layout resets each grid once per pass rather than once per panel: the bytes must not change.
    spec = panels_chart(6)
    ours = draw_module.draw(spec)
    monkeypatch.setattr(draw_module, "one_reset_per_grid", contextlib.nullcontext)
    assert draw_module.draw(spec) == ours


def test_layout_work_does_not_grow_with_the_square_of_the_panels(monkeypatch):
    # 30x the data gives the index chart 210 panels; a reset per panel of the whole grid made that chart 37 s.
    from matplotlib._layoutgrid import LayoutGrid

    resets = []
    original = LayoutGrid.reset_margins
    monkeypatch.setattr(LayoutGrid, "reset_margins", lambda self: resets.append(1) or original(self))
    counts = {}
    for n in (3, 12):
        resets.clear()
        draw_module.draw(panels_chart(n))
        counts[n] = len(resets)
    assert counts[12] == counts[3] > 0, counts


def test_render_cached_returns_cached_bytes_without_rendering(tmp_path):
    calls = []

    def render():
        calls.append(1)
        return b"<svg/>"

    assert render_cached("data A", render, tmp_path) == b"<svg/>"
    assert render_cached("data A", lambda: pytest.fail("rendered despite the cache"), tmp_path) == b"<svg/>"
    assert len(calls) == 1
    assert render_cached("data B", render, tmp_path) == b"<svg/>" and len(calls) == 2
    assert cache_key("data A") != cache_key("data B")
    assert render_cached("data A", render, None) == b"<svg/>" and len(calls) == 3  # None: no cache
    assert default_cache_dir(tmp_path) == tmp_path / ".cache" / "charts"


def test_a_data_change_redraws_only_the_charts_that_show_it(mini, ctx, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = all_charts(ctx, cache)
    cached = set(cache.iterdir())
    assert len(cached) == len(first)
    with monkeypatch.context() as patch:  # a second build must not draw anything
        patch.setattr(charts_module, "draw", lambda spec: pytest.fail("redrawn"))
        assert [c.svg for c in all_charts(context_of(mini), cache)] == [c.svg for c in first]
    edit(mini, "results.yaml", "value: 42.5", "value: 43.5")
    changed = all_charts(context_of(mini), cache)
    new = set(cache.iterdir()) - cached
    assert len(new) == 2  # Bench X's chart and the lead chart; Index Y's charts are unchanged
    assert {c.uri for c, old in zip(changed, first, strict=True) if c.svg != old.svg} == {
        "assets/charts/benchmark-bench-x.svg",
        LEAD_TRAIL_URI,
    }


# --- embedding -------------------------------------------------------------------------------


def test_chart_markdown_keeps_the_alt_text_intact(charts):
    tricky = 'Scores of "AT&T [lab]" <b>x</b> `code` *a* _b_ {c} \\ 1.5! #2 +3 −4 — 42.8%'
    chart = Chart("assets/charts/benchmark-x.svg", "assets/charts/benchmark-x.csv", tricky, b"", b"", "X: published scores")
    out = markdown.markdown(chart_markdown(chart, "benchmarks/x.md"), extensions=["attr_list", "md_in_html", "abbr"])
    img = re.search(r'<img alt="([^"]*)"[^>]* src="([^"]*)"', out)
    assert html.unescape(img.group(1)) == tricky
    assert img.group(2) == "../assets/charts/benchmark-x.svg"
    assert 'loading="lazy"' in img.group(0)
    assert 'href="../assets/charts/benchmark-x.csv"' in out
    real = chart_for_benchmark(charts, "bench-x")
    out = markdown.markdown(chart_markdown(real, "benchmarks/bench-x.md"), extensions=["attr_list", "md_in_html"])
    assert html.unescape(re.search(r'alt="([^"]*)"', out).group(1)) == real.alt
