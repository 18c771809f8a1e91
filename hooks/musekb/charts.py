"""Charts drawn from the data at build time: SVG images plus the CSV of exactly what they plot.

Every chart is built in two steps. First the records to show are chosen and ordered
once; from that one list come a *spec* (plain dataclasses holding everything the drawing
uses: labels, values, colours by role, the title), the CSV rows and the alt text, so the
three cannot disagree. The spec, as JSON, is also the cache key. Then matplotlib draws
the spec with its object-oriented API (no pyplot state) under a fixed style, so the same
data always gives byte-identical files.

Charts:

- :func:`benchmark_chart` — every shown score on one benchmark.
- :func:`lead_trail_chart` — Muse Spark's lead over (or gap to) the best rival, per benchmark setting.
- :func:`index_chart` — the independent indexes.
- :func:`family_timeline_chart` — release dates of the Muse family, open or closed weights.

:func:`all_charts` returns them all; :func:`render_cached` keeps rendered SVGs in a
content-keyed cache so ``mkdocs serve`` rebuilds do not redraw unchanged charts.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import json
import os
import re
import tempfile
import textwrap
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from decimal import Decimal
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from .blocks import MODE_LABELS, SETTING_LABELS
from .context import Context
from .dates import DateError, PartialDate
from .records import Benchmark, Result
from .text import UNIT_NAMES, figure, md, number, rel

CHART_VERSION = "2"
"""Version of the chart code, part of every cache key (with a hash of this file, so an edit
during ``mkdocs serve`` never serves a stale chart even if nobody bumps the version)."""

CHART_DIR = "assets/charts"
"""Folder of the chart files in the site."""

CACHE_SUBDIR = Path(".cache") / "charts"
"""Cache folder relative to the project root (``.cache/`` is git-ignored)."""

MUSE_SPARK = "muse-spark"
MUSE_FAMILY = "Muse"
LEAD_TRAIL_URI = f"{CHART_DIR}/muse-spark-lead.svg"
INDEX_URI = f"{CHART_DIR}/independent-indexes.svg"
TIMELINE_URI = f"{CHART_DIR}/muse-family-timeline.svg"

# Muse Spark's mode in the lead chart: the modes Meta compared rivals against, then a
# result whose source names no mode (typical of independent indexes). Instant is left out:
# setting a fast mode against a rival's best would not be a like-for-like comparison.
LEAD_MODES = ("thinking", "contemplating", "")

# Colours, checked against white (the chart background) by the tests: text reaches WCAG
# AA (4.5:1) and bars reach the 3:1 required for graphics. Indigo matches the site theme.
INK = "#1a1a1a"  # titles and labels, 17:1
MUTED = "#4d4d4d"  # tick labels and notes, 8.5:1
GRID = "#d9d9d9"  # grid lines only; not information-bearing
MUSE = "#303f9f"  # Muse models, and Muse Spark's leads (indigo 700), 9.0:1
OTHER = "#7b7f86"  # other models, 4.0:1
TRAIL = "#b45309"  # the best rival leads (amber 700), 5.0:1
KEY = "#4d4d4d"  # provenance swatches in legends: neither Muse nor other colour

WIDTH_IN = 7.5  # inches; at 72 dpi the SVG is 540 pt ≈ 720 px wide and scales down with the page
ROW_IN = 0.3  # height per bar
HATCH = "////"

_STYLE: dict[str, Any] = {
    "svg.hashsalt": "musekb",  # fixed ids for clip paths and hatches: byte-identical output
    # Text stays text: a quarter of the size of glyph paths, and selectable. Layout is
    # measured with DejaVu Sans (bundled with matplotlib); the SVG names it first and then
    # narrower fallbacks, so a reader without it never gets overflowing labels.
    "svg.fonttype": "none",
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans", "Bitstream Vera Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 9.5,
    "figure.dpi": 72,
    "figure.facecolor": "white",  # readable on both the light and the dark page palette
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.titlecolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.color": INK,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "xtick.labelcolor": MUTED,
    "ytick.labelcolor": INK,
    "legend.frameon": False,
    "legend.fontsize": 8.5,
    "hatch.linewidth": 1.1,
    "hatch.color": "edge",
    "axes.unicode_minus": True,
}


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


# --- specs: everything a drawing uses ------------------------------------------------------


@dataclass(frozen=True)
class _Bar:
    label: str  # y tick label
    value: float  # plotted value (the bar's end)
    text: str  # label at the bar end
    colour: str  # MUSE for Muse models (or Muse Spark's leads), else OTHER or TRAIL
    meta: bool  # at least one figure is Meta's own
    gid: str  # SVG id, so tests and readers of the file can find the bar
    aside: str = ""  # note in a column right of the plot (the lead chart's rival)


@dataclass(frozen=True)
class _Panel:
    gid: str
    heading: str  # drawn above the panel when a chart has several
    xlabel: str
    lo: float | None  # fixed axis limits (None: fitted to the data and labels)
    hi: float | None
    baseline: float  # where bars start
    bars: tuple[_Bar, ...]


@dataclass(frozen=True)
class _BarSpec:
    kind: str  # "bars" or "diverging"
    title: str
    panels: tuple[_Panel, ...]
    legend: tuple[tuple[str, str], ...]  # (swatch style, label)


@dataclass(frozen=True)
class _Point:
    label: str
    day: str  # ISO day the marker sits on
    start: str  # first and last day the source's date can mean
    end: str
    text: str
    weights: str  # open, closed or unknown
    gid: str


@dataclass(frozen=True)
class _TimelineSpec:
    title: str
    points: tuple[_Point, ...]
    legend: tuple[tuple[str, str], ...]


# --- public API ----------------------------------------------------------------------------


def benchmark_uri(bench_id: str) -> str:
    """Site path of a benchmark's chart, e.g. ``assets/charts/benchmark-hle.svg``."""
    return f"{CHART_DIR}/benchmark-{bench_id}.svg"


def benchmark_chart(ctx: Context, bench_id: str, cache_dir: Path | None = None) -> Chart | None:
    """Every shown score on one benchmark as horizontal bars, best first; None without scores.

    Muse models are drawn in the highlight colour, other models in grey; Meta's own
    figures are hatched and independent measurements solid. The x axis spans the
    benchmark's scale where it is bounded.
    """
    bench = ctx.benchmarks[bench_id]
    results = _sorted_best_first(bench, ctx.shown_results(ctx.results_by_benchmark.get(bench_id, [])), ctx)
    if not results:
        return None
    title = f"{bench.name}: published scores"
    panel = _bench_panel(ctx, bench, results, heading="")
    spec = _BarSpec("bars", title, (panel,), _bar_legend(ctx, results))
    listed = "; ".join(f"{_result_label(ctx, r)} {figure(r.value, bench.scale.unit)}" for r in results)
    alt = (
        f"Bar chart of {bench.name} scores ({_direction(bench)}), best first: {listed}. "
        f"{_provenance_note(results)} Muse models are highlighted in indigo."
    )
    rows = [_result_row(ctx, bench, r) for r in results]
    uri = benchmark_uri(bench_id)
    return _chart(uri, title, alt, spec, RESULT_COLUMNS, rows, cache_dir)


def lead_trail_chart(ctx: Context, cache_dir: Path | None = None) -> Chart | None:
    """Muse Spark's lead over the best rival on each benchmark setting, as diverging bars.

    For each benchmark and setting where Muse Spark (Thinking mode, else Contemplating,
    else a result without a mode) and at least one rival model have a shown result, the
    bar is Muse Spark's score minus the best rival's, in the benchmark's own points and
    signed so that positive means Muse Spark leads (lower-is-better scales are flipped).
    Benchmarks in different units get separate panels. None when there is no such pair.
    """
    if MUSE_SPARK not in ctx.models:
        return None
    muse_name = ctx.name(MUSE_SPARK)
    pairs = _lead_pairs(ctx)
    if not pairs:
        return None
    by_unit: dict[str, list[tuple[Benchmark, Result, Result, float]]] = {}
    for pair in pairs:
        by_unit.setdefault(pair[0].scale.unit, []).append(pair)
    panels, ordered = [], []  # ordered: the pairs as drawn, top to bottom, for the alt text and CSV
    for unit in sorted(by_unit, key=_unit_order):
        group = sorted(by_unit[unit], key=lambda p: (-p[3], p[0].name.lower(), p[1].setting))
        ordered += group
        bars = tuple(
            _Bar(
                label=_bench_setting_label(bench, muse),
                value=lead,
                text=_signed(lead, unit),
                aside=f"vs {_result_label(ctx, rival, setting=False)}",
                colour=MUSE if lead > 0 else TRAIL if lead < 0 else OTHER,
                meta="meta-claim" in (muse.provenance, rival.provenance),
                gid=_gid("lead", bench.id, muse.setting),
            )
            for bench, muse, rival, lead in group
        )
        points = _DIFF_UNITS.get(unit, (UNIT_NAMES[unit], ""))[0]
        panels.append(
            _Panel(
                gid=_gid("plot-area", "lead", unit),
                heading=f"Difference in {points}" if len(by_unit) > 1 else "",
                # em spaces: SVG collapses runs of ordinary spaces
                xlabel=f"← best rival leads\u2003\u2003difference in {points}\u2003\u2003{muse_name} leads →",
                lo=None,
                hi=None,
                baseline=0.0,
                bars=bars,
            )
        )
    title = f"{muse_name} against the best rival, by benchmark"
    legend = []
    if any(p[3] > 0 for p in pairs):
        legend.append(("muse", f"{muse_name} leads"))
    if any(p[3] < 0 for p in pairs):
        legend.append(("trail", "Best rival leads"))
    if any(p[3] == 0 for p in pairs):
        legend.append(("other", "Tie"))
    legend += _provenance_legend(
        any("meta-claim" in (m.provenance, r.provenance) for _, m, r, _ in pairs),
        any(m.provenance != "meta-claim" and r.provenance != "meta-claim" for _, m, r, _ in pairs),
        hatched="Uses Meta's own figures (hatched)",
        solid="Independent figures only (solid)",
    )
    spec = _BarSpec("diverging", title, tuple(panels), tuple(legend))
    listed = "; ".join(
        f"{_bench_setting_label(b, m, abbr=False)}: {_lead_words(lead, b.scale.unit, muse_name)} "
        f"{_result_label(ctx, r, setting=False)} ({figure(m.value, b.scale.unit)} against {figure(r.value, b.scale.unit)})"
        for b, m, r, lead in ordered
    )
    alt = (
        f"Diverging bar chart of {muse_name}'s lead over the best rival model on each benchmark, "
        f"in each benchmark's own points; bars to the right mean {muse_name} leads: {listed}. "
        "Comparisons that use Meta's own figures are hatched, fully independent ones solid."
    )
    rows = [_lead_row(ctx, b, m, r, lead) for b, m, r, lead in ordered]
    return _chart(LEAD_TRAIL_URI, title, alt, spec, LEAD_COLUMNS, rows, cache_dir)


def index_chart(ctx: Context, cache_dir: Path | None = None) -> Chart | None:
    """The independent indexes (benchmarks marked independent, in index points): one panel each.

    Within a panel, one bar per shown result, best first, Muse models highlighted. None
    when no independent index has a score.
    """
    indexes = [b for b in ctx.data.benchmarks if b.independent and b.scale.unit == "index"]
    panels, rows, listed, shown = [], [], [], []
    for bench in indexes:
        results = _sorted_best_first(bench, ctx.shown_results(ctx.results_by_benchmark.get(bench.id, [])), ctx)
        if not results:
            continue
        panels.append(_bench_panel(ctx, bench, results, heading=bench.name))
        rows += [_result_row(ctx, bench, r) for r in results]
        listed.append(f"{bench.name}: " + ", ".join(f"{_result_label(ctx, r)} {number(r.value)}" for r in results))
        shown += results
    if not panels:
        return None
    title = "Independent indexes"
    spec = _BarSpec("bars", title, tuple(panels), _bar_legend(ctx, shown))
    alt = (
        f"Bar charts of independent index scores (index points, higher is better), best first. "
        f"{'. '.join(listed)}. {_provenance_note(shown)} Muse models are highlighted in indigo."
    )
    return _chart(INDEX_URI, title, alt, spec, RESULT_COLUMNS, rows, cache_dir)


def family_timeline_chart(ctx: Context, cache_dir: Path | None = None) -> Chart | None:
    """Release dates of the Muse family on a time axis, one row per model.

    A model is shown when a claim with ``attribute: released`` about it gives a date
    (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``). Dates known only to the month or year are
    drawn as a span across the possible days with the marker in the middle. The marker
    shape says whether the weights are open, closed or unknown (``attribute: weights``).
    None when no Muse model has a release date.
    """
    found = []
    for model in ctx.data.models:
        if model.family != MUSE_FAMILY:
            continue
        released = _attribute_claim(ctx, model.id, "released")
        when = _partial_date(released.value) if released else None
        if when is None:
            continue
        weights_claim = _attribute_claim(ctx, model.id, "weights")
        weights = _weights(weights_claim.value if weights_claim else None)
        found.append((when.first_day, model.name.lower(), model, when, weights, released, weights_claim))
    if not found:
        return None
    found.sort(key=lambda f: f[:2])
    points, rows, listed = [], [], []
    for _, _, model, when, weights, released, weights_claim in found:
        start, end = when.first_day, when.last_day
        middle = start + (end - start) // 2
        points.append(
            _Point(
                label=model.name,
                day=middle.isoformat(),
                start=start.isoformat(),
                end=end.isoformat(),
                text=when.human(),
                weights=weights,
                gid=_gid("release", model.id),
            )
        )
        claims = [c for c in (released, weights_claim) if c]
        rows.append(
            [
                model.id,
                model.name,
                when.iso(),
                middle.isoformat(),
                start.isoformat(),
                end.isoformat(),
                weights,
                ";".join(dict.fromkeys(c.provenance for c in claims)),
                ";".join(dict.fromkeys(s for c in claims for s in c.sources)),
            ]
        )
        listed.append(f"{model.name}, {when.human()}, weights {weights}")
    kinds = [p.weights for p in points]
    legend = tuple((w, _WEIGHTS_LEGEND[w]) for w in ("closed", "open", "unknown") if w in kinds)
    if any(p.start != p.end for p in points):
        legend += (("span", "Date known only to the month or year"),)
    title = "The Muse family: release dates"
    spec = _TimelineSpec(title, tuple(points), legend)
    alt = (
        f"Timeline of the Muse family's release dates, earliest first: {'; '.join(listed)}. "
        "Marker shape shows whether the weights are open or closed."
    )
    return _chart(TIMELINE_URI, title, alt, spec, TIMELINE_COLUMNS, rows, cache_dir)


def all_charts(ctx: Context, cache_dir: Path | None = None) -> list[Chart]:
    """Every chart: one per benchmark with scores (in data order), then the three overviews.

    Pass ``cache_dir`` (normally :func:`default_cache_dir`) to reuse SVGs drawn by an
    earlier build; ``None`` draws everything afresh.
    """
    charts = [benchmark_chart(ctx, b.id, cache_dir) for b in ctx.data.benchmarks]
    charts += [lead_trail_chart(ctx, cache_dir), index_chart(ctx, cache_dir), family_timeline_chart(ctx, cache_dir)]
    return [c for c in charts if c is not None]


def chart_for_benchmark(charts: Iterable[Chart], bench_id: str) -> Chart | None:
    """The chart of one benchmark among ``charts``, if it has one."""
    return chart_by_uri(charts, benchmark_uri(bench_id))


def chart_by_uri(charts: Iterable[Chart], uri: str) -> Chart | None:
    """The chart whose SVG is at ``uri`` (e.g. :data:`LEAD_TRAIL_URI`), if any."""
    return next((c for c in charts if c.uri == uri), None)


def chart_assets(charts: Iterable[Chart]) -> dict[str, bytes]:
    """Site path -> file content for every SVG and CSV (to merge into ``Site.assets``)."""
    out: dict[str, bytes] = {}
    for chart in charts:
        out[chart.uri] = chart.svg
        out[chart.csv_uri] = chart.csv
    return out


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


# Characters Python-Markdown lets a backslash escape; escaped, none of them starts markup.
_MD_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!>")


def default_cache_dir(project_root: Path) -> Path:
    """``<project root>/.cache/charts``, the usual ``cache_dir``."""
    return project_root / CACHE_SUBDIR


def cache_key(key_material: str) -> str:
    """Cache key of a chart: sha256 of the chart code's version and source, matplotlib's version, and the plotted data."""
    return hashlib.sha256((_code_version() + key_material).encode("utf-8")).hexdigest()


@functools.cache
def _code_version() -> str:
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return f"musekb-charts {CHART_VERSION} {source} matplotlib {package_version('matplotlib')}\n"


def render_cached(key_material: str, render: Callable[[], bytes], cache_dir: Path | None) -> bytes:
    """``render()``, or the bytes it returned last time for the same ``key_material``.

    ``key_material`` must describe everything the drawing depends on (the charts pass
    their full spec as JSON). ``cache_dir=None`` disables the cache. Entries are written
    atomically, so a build stopped half-way never leaves a truncated file behind.
    """
    if cache_dir is None:
        return render()
    path = cache_dir / f"{cache_key(key_material)}.svg"
    try:
        cached = path.read_bytes()
    except OSError:
        cached = b""
    if cached:
        return cached
    content = render()
    tmp = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except OSError:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        # a read-only checkout still builds, just without the cache
    return content


# --- CSV -----------------------------------------------------------------------------------

RESULT_COLUMNS = [
    "benchmark",
    "benchmark_name",
    "model",
    "model_name",
    "mode",
    "setting",
    "value",
    "unit",
    "provenance",
    "sources",
]
LEAD_COLUMNS = [
    "benchmark",
    "benchmark_name",
    "setting",
    "unit",
    "higher_is_better",
    "muse_model",
    "muse_mode",
    "muse_value",
    "muse_provenance",
    "rival_model",
    "rival_name",
    "rival_mode",
    "rival_value",
    "rival_provenance",
    "lead",
    "sources",
]
TIMELINE_COLUMNS = [
    "model",
    "model_name",
    "released",
    "plotted_day",
    "earliest_day",
    "latest_day",
    "weights",
    "provenance",
    "sources",
]


def _csv_bytes(columns: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _num(value: float) -> str:
    """A number as CSV readers expect it: no thousands separators, no float noise."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _result_row(ctx: Context, bench: Benchmark, res: Result) -> list[str]:
    return [
        bench.id,
        bench.name,
        res.model,
        ctx.name(res.model),
        res.mode or "",
        res.setting,
        _num(res.value),
        bench.scale.unit,
        res.provenance,
        ";".join(res.sources),
    ]


def _lead_row(ctx: Context, bench: Benchmark, muse: Result, rival: Result, lead: float) -> list[str]:
    return [
        bench.id,
        bench.name,
        muse.setting,
        bench.scale.unit,
        "true" if bench.scale.higher_is_better else "false",
        muse.model,
        muse.mode or "",
        _num(muse.value),
        muse.provenance,
        rival.model,
        ctx.name(rival.model),
        rival.mode or "",
        _num(rival.value),
        rival.provenance,
        _num(lead),
        ";".join(dict.fromkeys([*muse.sources, *rival.sources])),
    ]


# --- building specs ------------------------------------------------------------------------


def _chart(
    uri: str, title: str, alt: str, spec: _BarSpec | _TimelineSpec, columns: list[str], rows: list, cache_dir: Path | None
) -> Chart:
    material = json.dumps({"spec": asdict(spec), "type": type(spec).__name__}, sort_keys=True, ensure_ascii=False)
    draw = _draw_timeline if isinstance(spec, _TimelineSpec) else _draw_bars
    svg = render_cached(material, lambda: draw(spec), cache_dir)
    return Chart(uri, uri.removesuffix(".svg") + ".csv", alt, svg, _csv_bytes(columns, rows), title)


def _gid(*parts: str) -> str:
    # ids in the data are lowercase words and hyphens, so "__" separates parts unambiguously
    return "__".join(p or "none" for p in parts)


def _sorted_best_first(bench: Benchmark, results: list[Result], ctx: Context) -> list[Result]:
    sign = -1 if bench.scale.higher_is_better else 1
    return sorted(results, key=lambda r: (sign * r.value, ctx.name(r.model).lower(), r.mode or "", r.setting))


def _is_muse(ctx: Context, model_id: str) -> bool:
    model = ctx.models.get(model_id)
    return bool(model and model.family == MUSE_FAMILY)


def _result_label(ctx: Context, res: Result, setting: bool = True) -> str:
    """``Muse Spark (Thinking, no tools)``; mode and setting only when given."""
    details = [MODE_LABELS.get(res.mode, res.mode) if res.mode else "", SETTING_LABELS[res.setting] if setting else ""]
    details = [d for d in details if d]
    name = ctx.name(res.model)
    return f"{name} ({', '.join(details)})" if details else name


def _bench_setting_label(bench: Benchmark, muse: Result, abbr: bool = True) -> str:
    details = [SETTING_LABELS[muse.setting]]
    if muse.mode and muse.mode != "thinking":  # the chart's default mode goes unsaid
        details.append(MODE_LABELS.get(muse.mode, muse.mode))
    details = [d for d in details if d]
    name = (bench.abbr if abbr else None) or bench.name
    return f"{name} ({', '.join(details)})" if details else name


def _direction(bench: Benchmark) -> str:
    return f"{UNIT_NAMES[bench.scale.unit]}, {'higher' if bench.scale.higher_is_better else 'lower'} is better"


def _provenance_note(results: list[Result]) -> str:
    meta = any(r.provenance == "meta-claim" for r in results)
    independent = any(r.provenance != "meta-claim" for r in results)
    if meta and independent:
        return "Meta's own figures are hatched, independent measurements solid."
    if meta:
        return "All figures are Meta's own (hatched bars)."
    return "All figures are independent measurements (solid bars)."


def _bench_panel(ctx: Context, bench: Benchmark, results: list[Result], heading: str) -> _Panel:
    scale = bench.scale
    bars = tuple(
        _Bar(
            label=_result_label(ctx, r),
            value=r.value,
            text=figure(r.value, scale.unit),
            colour=MUSE if _is_muse(ctx, r.model) else OTHER,
            meta=r.provenance == "meta-claim",
            gid=_gid("bar", bench.id, r.model, r.mode or "", r.setting),
        )
        for r in results
    )
    values = [r.value for r in results]
    if scale.max is None and scale.unit == "elo":
        # Elo has no meaningful zero: bars from 0 would make every model look the same,
        # so they start at a round number below the lowest rating (said on the axis).
        baseline = _round_down(min(values) - 0.15 * max(max(values) - min(values), 50))
        lo, hi = baseline, None
        xlabel = f"{UNIT_NAMES[scale.unit]} · {'higher' if scale.higher_is_better else 'lower'} is better · axis starts at {number(baseline)}"
    else:
        baseline, lo, hi = scale.min, scale.min, scale.max
        xlabel = _direction(bench)
    return _Panel(_gid("plot-area", bench.id), heading, xlabel, lo, hi, baseline, bars)


def _round_down(value: float) -> float:
    step = 10 ** max(len(str(int(abs(value)))) - 2, 0)  # two significant digits
    return float(int(value // step) * step)


def _bar_legend(ctx: Context, results: list[Result]) -> tuple[tuple[str, str], ...]:
    legend = []
    if any(_is_muse(ctx, r.model) for r in results):
        legend.append(("muse", "Muse model"))
    if any(not _is_muse(ctx, r.model) for r in results):
        legend.append(("other", "Other model"))
    legend += _provenance_legend(
        any(r.provenance == "meta-claim" for r in results),
        any(r.provenance != "meta-claim" for r in results),
        hatched="Meta's own figure (hatched)",
        solid="Independent measurement (solid)",
    )
    return tuple(legend)


def _provenance_legend(meta: bool, independent: bool, hatched: str, solid: str) -> list[tuple[str, str]]:
    out = []
    if independent:
        out.append(("solid", solid))
    if meta:
        out.append(("hatched", hatched))
    return out


def _lead_pairs(ctx: Context) -> list[tuple[Benchmark, Result, Result, float]]:
    """(benchmark, Muse Spark's result, best rival result, lead) in benchmark data order."""
    out = []
    rivals = {m.id for m in ctx.data.models if m.rival}
    for bench in ctx.data.benchmarks:
        shown = ctx.shown_results(ctx.results_by_benchmark.get(bench.id, []))
        for setting in dict.fromkeys(r.setting for r in shown):
            here = [r for r in shown if r.setting == setting]
            muse = [r for r in here if r.model == MUSE_SPARK and (r.mode or "") in LEAD_MODES]
            others = [r for r in here if r.model in rivals]
            if not muse or not others:
                continue
            mine = min(muse, key=lambda r: LEAD_MODES.index(r.mode or ""))
            best = _sorted_best_first(bench, others, ctx)[0]
            out.append((bench, mine, best, _lead(mine.value, best.value, bench.scale.higher_is_better)))
    return out


def _lead(muse: float, rival: float, higher_is_better: bool) -> float:
    # Decimal keeps 42.5 - 40.1 at 2.4 instead of 2.3999999999999986, so the CSV and the
    # bar hold the number a reader would compute.
    diff = Decimal(repr(muse)) - Decimal(repr(rival))
    return float(diff if higher_is_better else -diff)


# Names of differences, by the benchmark's unit, and the short suffix drawn at bar ends.
_DIFF_UNITS = {
    "percent": ("percentage points", " pts"),
    "percentage-points": ("percentage points", " pts"),
    "index": ("index points", " pts"),
    "elo": ("Elo points", " Elo"),
    "rank": ("places", " places"),
}
_UNIT_ORDER = ("percent", "percentage-points", "index", "elo", "rank")


def _unit_order(unit: str) -> tuple[int, str]:
    return (_UNIT_ORDER.index(unit) if unit in _UNIT_ORDER else len(_UNIT_ORDER), unit)


def _signed(lead: float, unit: str) -> str:
    if lead == 0:
        return "tie"
    body = number(abs(lead)) + _DIFF_UNITS[unit][1] if unit in _DIFF_UNITS else figure(abs(lead), unit)
    return ("+" if lead > 0 else "−") + body


def _lead_words(lead: float, unit: str, muse_name: str) -> str:
    if lead == 0:
        return "tie with"
    points = _DIFF_UNITS[unit][0] if unit in _DIFF_UNITS else UNIT_NAMES[unit]
    size = f"{number(abs(lead))} {points}"
    return f"{muse_name} leads by {size} over" if lead > 0 else f"{muse_name} trails by {size} behind"


def _attribute_claim(ctx: Context, model_id: str, attribute: str):
    claims = [c for c in ctx.claims_about[model_id] if c.attribute == attribute and (not c.conflict or c.preferred)]
    return claims[0] if claims else None


def _partial_date(value: object) -> PartialDate | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a bare year read as a number
    try:
        return PartialDate.parse(value)
    except DateError:
        return None  # not a date: the model is left off the timeline rather than guessed


def _weights(value: object) -> str:
    text = str(value or "").strip().lower()
    if text.startswith("open"):
        return "open"
    if text.startswith("closed"):
        return "closed"
    return "unknown"


_WEIGHTS_LEGEND = {
    "closed": "Closed weights",
    "open": "Open weights",
    "unknown": "Weights not known",
}


# --- drawing -------------------------------------------------------------------------------


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib.style

    # "default" first, so a user's matplotlibrc cannot change the output.
    with matplotlib.style.context(["default", _STYLE]):
        yield


def _svg(fig, title: str) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Title": title})
    return _compact(buf.getvalue())


_FONT_FAMILY = re.compile(rb"font-family: ([^;\"]+); ")
_NO_ROTATION = re.compile(rb' transform="rotate\(-0 [^"]*\)"')
_PATH_DATA = re.compile(rb' d="([^"]*)"')
_MPL_CSS = b"*{stroke-linejoin: round; stroke-linecap: butt}"


def _compact(svg: bytes) -> bytes:
    """Drop what matplotlib repeats on every element (about a fifth of the file).

    The font list moves from each ``<text>`` into one CSS rule, identity rotations go, and
    path data loses its line breaks. Each rewrite matches matplotlib's exact output; if a
    future version writes something else, the rewrite simply does not apply.
    """
    families = set(_FONT_FAMILY.findall(svg))
    if len(families) == 1 and svg.count(_MPL_CSS) == 1:
        (family,) = families
        svg = svg.replace(b"font-family: " + family + b"; ", b"")
        svg = svg.replace(_MPL_CSS, _MPL_CSS + b"\ntext{font-family: " + family + b"}")
    svg = _NO_ROTATION.sub(b"", svg)
    return _PATH_DATA.sub(lambda m: b' d="' + b" ".join(m.group(1).split()) + b'"', svg)


def _figure(height_in: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height_in), layout="constrained")
    FigureCanvasAgg(fig)  # a renderer to measure labels with; savefig still writes SVG
    fig.get_layout_engine().set(h_pad=6 / 72, w_pad=6 / 72, hspace=0.04)
    return fig


def _swatch(style: str):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if style in ("closed", "open", "unknown"):
        return Line2D([], [], linestyle="none", **_MARKERS[style])
    if style == "span":
        return Line2D([], [], color=MUSE, alpha=0.35, linewidth=6, solid_capstyle="butt")
    face, edge, hatch = {
        "muse": (MUSE, MUSE, None),
        "other": (OTHER, OTHER, None),
        "trail": (TRAIL, TRAIL, None),
        "solid": (KEY, KEY, None),
        "hatched": ("white", KEY, HATCH),
    }[style]
    return Patch(facecolor=face, edgecolor=edge, hatch=hatch, linewidth=1.1)


def _legend(fig, entries: tuple[tuple[str, str], ...]) -> None:
    if entries:
        fig.legend(
            [_swatch(style) for style, _ in entries],
            [label for _, label in entries],
            loc="outside lower center",
            ncols=min(len(entries), 2),
            handlelength=2.2,
            handleheight=1.1,
            columnspacing=2.0,
        )


def _legend_height(entries: tuple[tuple[str, str], ...]) -> float:
    return 0.25 + 0.2 * ((len(entries) + 1) // 2) if entries else 0.0


def _title(fig, title: str) -> None:
    fig.suptitle(_wrap(title, 64), x=0.01, ha="left", fontsize=12, fontweight="bold")


def _draw_bars(spec: _BarSpec) -> bytes:
    with _style():
        # Constrained layout gives each panel's ticks, label and heading their own margin and
        # shares the rest by height_ratios, so the figure is sized as plot areas + margins to
        # keep every bar the same thickness across panels and charts.
        areas = [ROW_IN * (len(p.bars) + 0.3) for p in spec.panels]
        margins = sum(0.62 + (0.3 if p.heading else 0) for p in spec.panels)
        fig = _figure(0.45 + sum(areas) + margins + _legend_height(spec.legend))
        axes = fig.subplots(len(spec.panels), 1, squeeze=False, gridspec_kw={"height_ratios": areas})[:, 0]
        fits = [_bar_panel(ax, panel, diverging=spec.kind == "diverging") for ax, panel in zip(axes, spec.panels, strict=True)]
        _title(fig, spec.title)
        _legend(fig, spec.legend)
        _fit(fig, [fit for fit in fits if fit])
        return _svg(fig, spec.title)


def _bar_panel(ax, panel: _Panel, diverging: bool) -> tuple | None:
    """Draw one panel; return what :func:`_fit` must adjust (axes, labels, symmetric), if anything."""
    texts = []
    for i, bar in enumerate(panel.bars):
        colour = bar.colour
        (rect,) = ax.barh(
            i,
            bar.value - panel.baseline,
            left=panel.baseline,
            height=0.68,
            facecolor="white" if bar.meta else colour,
            edgecolor=colour,
            hatch=HATCH if bar.meta else None,
            linewidth=1.1,
        )
        rect.set_gid(bar.gid)
        right = bar.value >= panel.baseline
        texts.append(
            ax.annotate(
                bar.text,
                (bar.value, i),
                xytext=(4 if right else -4, 0),
                textcoords="offset points",
                ha="left" if right else "right",
                va="center",
                fontsize=8.5,
                color=INK,
                annotation_clip=False,
            )
        )
        if bar.aside:
            ax.annotate(
                bar.aside,
                (1, i),
                xycoords=("axes fraction", "data"),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
                color=INK,
                annotation_clip=False,
            )
    ax.set_yticks(range(len(panel.bars)), [_wrap(b.label) for b in panel.bars])
    ax.set_ylim(len(panel.bars) - 0.35, -0.65)  # first bar (the best) at the top
    ax.tick_params(axis="y", length=0, pad=5)
    ax.tick_params(axis="x", labelsize=8.5)
    ax.xaxis.set_major_formatter(_tick_number)
    ax.xaxis.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel(panel.xlabel, fontsize=8.5, color=MUTED)
    ax.patch.set_gid(panel.gid)
    if panel.heading:
        ax.set_title(panel.heading, loc="left", fontsize=10, fontweight="bold", pad=6)
    if diverging:
        ax.spines["left"].set_visible(False)
        ax.axvline(0, color=INK, linewidth=0.9).set_gid(panel.gid.replace("plot-area", "zero", 1))
        span = max((abs(b.value) for b in panel.bars), default=0) or 1.0
        ax.set_xlim(-span * 1.05, span * 1.05)
        return ax, texts, True
    if panel.hi is None:
        top = max(b.value for b in panel.bars)
        ax.set_xlim(panel.lo, top + 0.05 * (top - panel.lo))
        return ax, texts, False
    # a bounded scale is shown whole; labels of bars near the top sit just past the axis
    ax.set_xlim(panel.lo, panel.hi)
    return None


def _tick_number(value: float, _pos: object) -> str:
    # thousands separators as in the labels (1,450), and a true minus sign
    text = number(round(abs(value), 6))
    return text if value >= 0 or text == "0" else "−" + text


_FIT_SLACK = 1.04


def _fit(fig, fits: list[tuple]) -> None:
    """Widen each panel's x limits so that every bar-end label lies inside its plot area.

    A label of width ``w`` anchored at ``x`` fits when ``x + w * (hi - lo) / P <= hi``
    (``P``: the plot width in pixels); this solves for ``hi`` (and ``-lo`` when the panel is
    symmetric, which keeps zero in the middle). Labels may take at most a third of the plot
    width, so a very long label cannot squeeze the bars to nothing. All panels are measured
    from one layout pass, because each pass lays out the whole figure.
    """
    # One measuring pass: each pass lays out the whole figure, which is most of a chart's cost.
    # Widening the limits changes the tick labels and so the plot width a little; the slack
    # below covers that instead of a second pass.
    if not fits:
        return
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    for ax, texts, both in fits:
        lo, hi = ax.get_xlim()
        plot = ax.get_window_extent(renderer).width
        need = hi
        for text in texts:
            anchor = ax.transData.transform((text.xy[0], 0))[0]
            box = text.get_window_extent(renderer)
            share = min((max(box.x1 - anchor, anchor - box.x0) + 4) / plot, 0.34)
            x = text.xy[0]
            need = max(need, abs(x) / (1 - 2 * share) if both else (x - share * lo) / (1 - share))
        if need > hi * (1 + 1e-9):
            need *= _FIT_SLACK
            ax.set_xlim(-need if both else lo, need)


def _wrap(label: str, limit: int = 42) -> str:
    """A label over ``limit`` characters on two balanced lines, so it does not take the bars' width."""
    if len(label) <= limit:
        return label
    return textwrap.fill(label, max(len(label) // 2 + 6, 16), break_on_hyphens=False)


_MARKERS: dict[str, dict[str, Any]] = {
    "closed": {"marker": "s", "markersize": 9, "markerfacecolor": MUSE, "markeredgecolor": MUSE, "markeredgewidth": 1.5},
    "open": {"marker": "o", "markersize": 10, "markerfacecolor": "white", "markeredgecolor": MUSE, "markeredgewidth": 2.2},
    "unknown": {"marker": "D", "markersize": 8, "markerfacecolor": "white", "markeredgecolor": OTHER, "markeredgewidth": 1.8},
}


def _draw_timeline(spec: _TimelineSpec) -> bytes:
    import matplotlib.dates as mdates

    with _style():
        fig = _figure(0.45 + ROW_IN * 1.4 * (len(spec.points) + 0.2) + 0.62 + _legend_height(spec.legend))
        ax = fig.subplots()
        texts = []
        for i, point in enumerate(spec.points):
            day, start, end = (mdates.date2num(dt.date.fromisoformat(d)) for d in (point.day, point.start, point.end))
            if end > start:
                ax.plot([start, end + 1], [i, i], color=MUSE, alpha=0.35, linewidth=6, solid_capstyle="butt")
            (line,) = ax.plot([day], [i], linestyle="none", **_MARKERS[point.weights])
            line.set_gid(point.gid)
            texts.append(
                ax.annotate(
                    point.text,
                    (end + 1, i) if end > start else (day, i),  # after the span, so it stays visible
                    xytext=(6 if end > start else 10, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=8.5,
                    annotation_clip=False,
                )
            )
        days = [mdates.date2num(dt.date.fromisoformat(d)) for p in spec.points for d in (p.start, p.end)]
        # at least five months around the dates, so months are the tick unit
        middle, half = (min(days) + max(days)) / 2, max((max(days) - min(days)) / 2 + 30, 75)
        ax.set_xlim(middle - half, middle + half)
        ax.set_yticks(range(len(spec.points)), [_wrap(p.label) for p in spec.points])
        ax.set_ylim(len(spec.points) - 0.4, -0.6)  # earliest at the top
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))  # C locale: English month names
        ax.tick_params(axis="y", length=0, pad=6)
        ax.tick_params(axis="x", labelsize=8.5)
        ax.xaxis.grid(True, color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("Release date", fontsize=8.5, color=MUTED)
        ax.patch.set_gid("plot-area__timeline")
        _title(fig, spec.title)
        _legend(fig, spec.legend)
        _fit(fig, [(ax, texts, False)])
        return _svg(fig, spec.title)


__all__ = [
    "CACHE_SUBDIR",
    "CHART_DIR",
    "CHART_VERSION",
    "INDEX_URI",
    "LEAD_TRAIL_URI",
    "TIMELINE_URI",
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
    "render_cached",
]
