"""One comparison model: the comparison pages, the lead chart and its CSV agree on every pair,
and a conflict only ever hides another value of the same measurement."""

from __future__ import annotations

import csv
import html
import io
import re

from conftest import MINI_TODAY
from helpers import append
from musekb.charts import LEAD_TRAIL_URI
from musekb.comparison import best_rival_pairs, shown
from musekb.context import Context
from musekb.render_site import render_site
from musekb.text import md
from musekb.validate import load_checked


def lead_rows(site) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(site.assets[LEAD_TRAIL_URI.removesuffix(".svg") + ".csv"].decode())))


def test_lead_chart_csv_and_comparison_pages_agree(real_render):
    rows = lead_rows(real_render)
    assert rows, "the real data has rival comparisons"
    ctx = real_render.ctx
    for row in rows:
        page = real_render.pages[f"compare/{row['rival_model']}.md"].markdown
        setting = {"standard": "", "no-tools": " (no tools)", "with-tools": " (with tools)"}[row["setting"]]
        first_cell = f'<tr><td><a href="../../benchmarks/{row["benchmark"]}/">{md(ctx.benchmarks[row["benchmark"]].name)}</a>{setting}</td>'
        lines = [line for line in page.splitlines() if line.startswith(first_cell)]
        assert lines, f"{row['rival_model']}: no row for {row['benchmark']} {row['setting']}"
        lead = float(row["lead"])
        leader = ctx.name(row["muse_model"]) if lead > 0 else ctx.name(row["rival_model"])
        words = [re.search(r"<td>([^<]*) by ([\d.,]+) [^<]*</td><td>[^<]*</td></tr>$", line) for line in lines]
        found = {(html.unescape(m.group(1)), float(m.group(2).replace(",", ""))) for m in words if m}
        assert (leader, abs(lead)) in found, f"{row['benchmark']} {row['setting']}: page says {found}, chart says {lead}"


def test_lead_chart_pairs_rivals_with_the_mode_they_were_compared_against(real_render):
    ctx = real_render.ctx
    for pair in best_rival_pairs(ctx):
        wanted = ctx.models[pair.rival.model].compared_mode or "thinking"
        if pair.muse.mode:
            assert pair.muse.mode == wanted or wanted not in ctx.models[pair.muse.model].modes
        assert pair.muse.mode != "instant"


CONFLICTED = """
- model: beta
  benchmark: bench-x
  mode: high
  setting: with-tools
  value: 50.0
  sources: [news-copy]
  provenance: meta-claim
  confidence: C
  as_of: 2026-05-01
  conflict: beta-bench-x
"""


def test_a_conflict_keeps_rows_that_differ_in_setting(mini):
    # A row of the same conflict in another setting is a distinct measurement: it stays shown.
    append(mini, "results.yaml", CONFLICTED)
    ctx = Context.of(load_checked(mini, MINI_TODAY), MINI_TODAY)
    visible = shown(ctx.results_by_benchmark["bench-x"])
    assert any(r.setting == "with-tools" and r.value == 50.0 for r in visible)
    # while the non-preferred value of the same model, benchmark, mode and setting stays hidden
    assert 39.0 not in [r.value for r in visible]
    site = render_site(mini, MINI_TODAY)
    assert "50%" in site.pages["benchmarks/bench-x.md"].markdown
    chart_csv = site.assets["assets/charts/benchmark-bench-x.csv"].decode()
    assert ",with-tools,50," in chart_csv and ",39," not in chart_csv
