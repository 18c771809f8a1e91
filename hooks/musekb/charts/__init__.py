"""Charts drawn from the data at build time: SVG images plus the CSV of exactly what they plot.

The work is split by job:

- :mod:`.plans` chooses what each chart shows and builds its spec, alt text and CSV rows
  (no Matplotlib);
- :mod:`.csvdata` writes the CSV next to each chart;
- :mod:`.draw` draws a spec with Matplotlib;
- :mod:`.cache` keeps drawn SVGs keyed by their spec.

This module joins them: :func:`all_charts` returns every chart of a build, and
:func:`chart_markdown` places one on a page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from ..context import Lookups
from ..text import md, rel
from . import csvdata
from .cache import CACHE_SUBDIR, CHART_VERSION, cache_key, default_cache_dir, render_cached
from .draw import INK, KEY, MUSE, MUTED, OTHER, TRAIL, draw
from .plans import (
    CHART_DIR,
    INDEX_URI,
    LEAD_TRAIL_URI,
    TIMELINE_URI,
    all_plans,
    benchmark_plan,
    benchmark_uri,
    family_timeline_plan,
    index_plan,
    lead_trail_plan,
)
from .spec import Plan


@dataclass(frozen=True)
class Chart:
    """A rendered chart: its SVG, the CSV of what it plots, and where both go in the site."""

    uri: str
    """Path of the SVG in the site, e.g. ``assets/charts/benchmark-hle.svg``."""
    csv_uri: str
    """Path of the CSV download next to it."""
    alt: str
    """Alt text: what the chart shows, with every plotted figure (plain text, not escaped)."""
    svg: bytes
    csv: bytes
    title: str
    """Title drawn on the chart, e.g. ``Humanity's Last Exam: published scores``."""
    drawn: bool = True
    """False when ``svg`` is an earlier drawing standing in for this one (see :func:`all_charts`)."""


def render(plan: Plan, cache_dir: Path | None = None, stand_in: bytes | None = None) -> Chart:
    """Draw a plan (or take its SVG from the cache, or ``stand_in`` if it is not there) and write its CSV."""
    material = json.dumps({"spec": asdict(plan.spec), "type": type(plan.spec).__name__}, sort_keys=True, ensure_ascii=False)
    drawn = []
    svg = render_cached(material, lambda: drawn.append(1) or draw(plan.spec), cache_dir, stand_in)
    csv = csvdata.csv_bytes(plan.columns, plan.rows)
    fresh = stand_in is None or bool(drawn) or svg is not stand_in
    return Chart(plan.uri, plan.uri.removesuffix(".svg") + ".csv", plan.alt, svg, csv, plan.title, fresh)


def _rendered(plan: Plan | None, cache_dir: Path | None) -> Chart | None:
    return render(plan, cache_dir) if plan else None


def benchmark_chart(look: Lookups, bench_id: str, cache_dir: Path | None = None) -> Chart | None:
    return _rendered(benchmark_plan(look, bench_id), cache_dir)


def lead_trail_chart(look: Lookups, cache_dir: Path | None = None) -> Chart | None:
    return _rendered(lead_trail_plan(look), cache_dir)


def index_chart(look: Lookups, cache_dir: Path | None = None) -> Chart | None:
    return _rendered(index_plan(look), cache_dir)


def family_timeline_chart(look: Lookups, cache_dir: Path | None = None) -> Chart | None:
    return _rendered(family_timeline_plan(look), cache_dir)


def all_charts(look: Lookups, cache_dir: Path | None = None, stand_ins: Mapping[str, bytes] | None = None) -> list[Chart]:
    """Every chart: one per benchmark with scores (in data order), then the three overviews.

    Pass ``cache_dir`` (normally :func:`default_cache_dir`) to reuse SVGs drawn by an
    earlier build; ``None`` draws everything afresh. ``stand_ins`` (chart path -> SVG) puts
    off drawing: a chart missing from the cache gets its stand-in, marked not ``drawn``.
    """
    stand_ins = stand_ins or {}
    return [render(plan, cache_dir, stand_ins.get(plan.uri)) for plan in all_plans(look)]


def chart_for_benchmark(charts: Iterable[Chart], bench_id: str) -> Chart | None:
    """The chart of one benchmark among ``charts``, if it has one."""
    return chart_by_uri(charts, benchmark_uri(bench_id))


def chart_by_uri(charts: Iterable[Chart], uri: str) -> Chart | None:
    """The chart whose SVG is at ``uri`` (e.g. :data:`LEAD_TRAIL_URI`), if any."""
    return next((c for c in charts if c.uri == uri), None)


def chart_assets(charts: Iterable[Chart]) -> dict[str, bytes]:
    """Site path -> file content for every SVG and CSV (to merge into the site's assets)."""
    out: dict[str, bytes] = {}
    for chart in charts:
        out[chart.uri] = chart.svg
        out[chart.csv_uri] = chart.csv
    return out


# Characters Python-Markdown lets a backslash escape; escaped, none of them starts markup.
_MD_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!>")


def chart_markdown(chart: Chart, page_uri: str, lazy: bool = True) -> str:
    """Markdown for a page (path relative to docs/) that shows the chart and links its CSV.

    Uses Markdown image syntax (with ``attr_list`` and ``md_in_html``), so MkDocs checks
    and rewrites the relative paths. The alt text is escaped so that it reaches the
    ``alt`` attribute unchanged.
    """
    alt = "".join("\\" + c if c in _MD_ESCAPABLE else c for c in chart.alt.replace("&", "&amp;"))
    svg = rel(page_uri, chart.uri)
    data = rel(page_uri, chart.csv_uri)
    width, height = svg_size(chart.svg)
    return (
        f'<figure class="kb-chart" markdown>\n\n![{alt}]({svg}){{ {"loading=lazy " if lazy else ""}width="{width}" height="{height}" }}\n\n'
        f'<figcaption markdown>[Data shown in this chart (CSV)]({data} "{md(chart.title)}")</figcaption>\n\n</figure>'
    )


def svg_size(svg: bytes) -> tuple[int, int]:
    """Pixel width and height of an SVG drawn in points (so browsers reserve its space)."""
    head = svg[:2000].decode("utf-8", "replace")
    width = re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', head)
    height = re.search(r'<svg[^>]*\sheight="([\d.]+)pt"', head)
    if not (width and height):
        return 720, 400
    return round(float(width.group(1)) * 4 / 3), round(float(height.group(1)) * 4 / 3)


__all__ = [
    "CACHE_SUBDIR",
    "CHART_DIR",
    "CHART_VERSION",
    "INDEX_URI",
    "INK",
    "KEY",
    "LEAD_TRAIL_URI",
    "MUSE",
    "MUTED",
    "OTHER",
    "TIMELINE_URI",
    "TRAIL",
    "Chart",
    "all_charts",
    "benchmark_chart",
    "benchmark_uri",
    "cache_key",
    "chart_assets",
    "chart_by_uri",
    "chart_for_benchmark",
    "chart_markdown",
    "default_cache_dir",
    "family_timeline_chart",
    "index_chart",
    "lead_trail_chart",
    "render",
    "render_cached",
]
