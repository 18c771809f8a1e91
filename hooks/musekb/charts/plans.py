"""Choosing what each chart shows: the records, their order, the spec, the alt text and the CSV rows.

The records to show are chosen and ordered once per chart; the spec, the CSV rows and the
alt text all come from that one list, so the three cannot disagree. Which results appear
and which figures face each other come from :mod:`musekb.comparison`, as on the pages.

- :func:`benchmark_plan` — every shown score on one benchmark.
- :func:`lead_trail_plan` — Muse Spark's lead over (or gap to) the best rival, per benchmark setting.
- :func:`index_plan` — the independent indexes.
- :func:`family_timeline_plan` — release dates of the Muse family, open or closed weights.
"""

from __future__ import annotations

from ..comparison import MUSE_FAMILY, MUSE_SPARK, Pair, best_rival_pairs, difference_unit, is_muse, shown
from ..context import Lookups
from ..dates import DateError, PartialDate
from ..labels import MODE_LABELS, SETTING_LABELS
from ..records import Benchmark, Result
from ..text import UNIT_NAMES, figure, number
from . import csvdata
from .spec import Bar, BarSpec, Panel, Plan, Point, TimelineSpec, gid

CHART_DIR = "assets/charts"
"""Folder of the chart files in the site."""
LEAD_TRAIL_URI = f"{CHART_DIR}/muse-spark-lead.svg"
INDEX_URI = f"{CHART_DIR}/independent-indexes.svg"
TIMELINE_URI = f"{CHART_DIR}/muse-family-timeline.svg"

WEAK_SUFFIX = " (C)"
"""Drawn after a weakly sourced figure, so a grade-C value never looks like a strong one."""


def benchmark_uri(bench_id: str) -> str:
    """Site path of a benchmark's chart, e.g. ``assets/charts/benchmark-hle.svg``."""
    return f"{CHART_DIR}/benchmark-{bench_id}.svg"


def benchmark_plan(look: Lookups, bench_id: str) -> Plan | None:
    """Every shown score on one benchmark as horizontal bars, best first; None without scores.

    Muse models are drawn in the highlight colour, other models in grey; Meta's own
    figures are hatched and independent measurements solid; weakly sourced figures have a
    dashed outline and "(C)" after the value. The x axis spans the benchmark's scale where
    it is bounded.
    """
    bench = look.benchmarks[bench_id]
    results = _sorted_best_first(look, bench, shown(look.results_by_benchmark.get(bench_id, [])))
    if not results:
        return None
    title = f"{bench.name}: published scores"
    panel = _bench_panel(look, bench, results, heading="")
    spec = BarSpec("bars", title, (panel,), _bar_legend(look, results))
    listed = "; ".join(f"{_result_label(look, r)} {_figure_text(look, r.value, bench.scale.unit, [r])}" for r in results)
    alt = (
        f"Bar chart of {bench.name} scores ({_direction(bench)}), best first: {listed}. "
        f"{_provenance_note(results)}{_weak_note(look, results)} Muse models are highlighted in indigo."
    )
    rows = [csvdata.result_row(look, bench, r) for r in results]
    return Plan(benchmark_uri(bench_id), title, alt, spec, csvdata.RESULT_COLUMNS, rows)


def lead_trail_plan(look: Lookups) -> Plan | None:
    """Muse Spark's lead over the best rival on each benchmark setting, as diverging bars.

    The pairs are :func:`musekb.comparison.best_rival_pairs`: on each benchmark, setting and
    Muse Spark mode, its score minus the best rival's in the benchmark's own points, signed
    so that positive means Muse Spark leads. Benchmarks in different units get separate
    panels. None when there is no such pair.
    """
    if MUSE_SPARK not in look.models:
        return None
    muse_name = look.name(MUSE_SPARK)
    pairs = best_rival_pairs(look)
    if not pairs:
        return None
    by_unit: dict[str, list[Pair]] = {}
    for pair in pairs:
        by_unit.setdefault(pair.unit, []).append(pair)
    panels, ordered = [], []  # ordered: the pairs as drawn, top to bottom, for the alt text and CSV
    for unit in sorted(by_unit, key=_unit_order):
        group = sorted(by_unit[unit], key=lambda p: (-p.lead, p.benchmark.name.lower(), p.muse.setting, p.muse.mode or ""))
        ordered += group
        bars = tuple(
            Bar(
                label=_bench_setting_label(p.benchmark, p.muse),
                value=float(p.lead),
                text=p.signed_text() + (WEAK_SUFFIX if _weak(look, [p.muse, p.rival]) else ""),
                aside=f"vs {_result_label(look, p.rival, setting=False)}",
                role="muse" if p.lead > 0 else "trail" if p.lead < 0 else "other",
                meta="meta-claim" in (p.muse.provenance, p.rival.provenance),
                weak=_weak(look, [p.muse, p.rival]),
                gid=gid("lead", p.benchmark.id, p.muse.setting, p.muse.mode or ""),
            )
            for p in group
        )
        points = difference_unit(unit)
        panels.append(
            Panel(
                gid=gid("plot-area", "lead", unit),
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
    if any(p.lead > 0 for p in pairs):
        legend.append(("muse", f"{muse_name} leads"))
    if any(p.lead < 0 for p in pairs):
        legend.append(("trail", "Best rival leads"))
    if any(p.lead == 0 for p in pairs):
        legend.append(("other", "Tie"))
    legend += _provenance_legend(
        any("meta-claim" in (p.muse.provenance, p.rival.provenance) for p in pairs),
        any(p.muse.provenance != "meta-claim" and p.rival.provenance != "meta-claim" for p in pairs),
        hatched="Uses Meta's own figures (hatched)",
        solid="Independent figures only (solid)",
    )
    if any(_weak(look, [p.muse, p.rival]) for p in pairs):
        legend.append(("weak", "Uses a weakly sourced figure, grade C (dashed, “(C)”)"))
    spec = BarSpec("diverging", title, tuple(panels), tuple(legend))
    listed = "; ".join(
        f"{_bench_setting_label(p.benchmark, p.muse, abbr=False)}: {_lead_words(p, muse_name)} "
        f"{_result_label(look, p.rival, setting=False)} ({_figure_text(look, p.muse.value, p.unit, [p.muse])} against "
        f"{_figure_text(look, p.rival.value, p.unit, [p.rival])})"
        for p in ordered
    )
    weak = sum(_weak(look, [p.muse, p.rival]) for p in ordered)
    alt = (
        f"Diverging bar chart of {muse_name}'s lead over the best rival model on each benchmark, "
        f"in each benchmark's own points; bars to the right mean {muse_name} leads: {listed}. "
        "Comparisons that use Meta's own figures are hatched, fully independent ones solid."
        + (f" {weak} of {len(ordered)} comparisons use a weakly sourced (grade C) figure, marked (C)." if weak else "")
    )
    rows = [csvdata.lead_row(look, p) for p in ordered]
    return Plan(LEAD_TRAIL_URI, title, alt, spec, csvdata.LEAD_COLUMNS, rows)


def index_plan(look: Lookups) -> Plan | None:
    """The independent indexes (benchmarks marked independent, in index points): one panel each.

    Within a panel, one bar per shown result, best first, Muse models highlighted. None
    when no independent index has a score.
    """
    indexes = [b for b in look.data.benchmarks if b.independent and b.scale.unit == "index"]
    panels, rows, listed, plotted = [], [], [], []
    for bench in indexes:
        results = _sorted_best_first(look, bench, shown(look.results_by_benchmark.get(bench.id, [])))
        if not results:
            continue
        panels.append(_bench_panel(look, bench, results, heading=bench.name))
        rows += [csvdata.result_row(look, bench, r) for r in results]
        listed.append(
            f"{bench.name}: "
            + ", ".join(f"{_result_label(look, r)} {_figure_text(look, r.value, 'index', [r])}" for r in results)
        )
        plotted += results
    if not panels:
        return None
    title = "Independent indexes"
    spec = BarSpec("bars", title, tuple(panels), _bar_legend(look, plotted))
    alt = (
        f"Bar charts of independent index scores (index points, higher is better), best first. "
        f"{'. '.join(listed)}. {_provenance_note(plotted)}{_weak_note(look, plotted)} Muse models are highlighted in indigo."
    )
    return Plan(INDEX_URI, title, alt, spec, csvdata.RESULT_COLUMNS, rows)


def family_timeline_plan(look: Lookups) -> Plan | None:
    """Release dates of the Muse family on a time axis, one row per model.

    A model is shown when a claim with ``attribute: released`` about it gives a date
    (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``). Dates known only to the month or year are
    drawn as a span across the possible days with the marker in the middle. The marker
    shape says whether the weights are open, closed or unknown (``attribute: weights``).
    None when no Muse model has a release date.
    """
    found = []
    for model in look.data.models:
        if model.family != MUSE_FAMILY or model.product:
            continue
        released = attribute_claim(look, model.id, "released")
        when = _partial_date(released.value) if released else None
        if when is None:
            continue
        weights_claim = attribute_claim(look, model.id, "weights")
        weights = _weights(weights_claim.value if weights_claim else None)
        found.append((when.first_day, model.name.lower(), model, when, weights, released, weights_claim))
    if not found:
        return None
    found.sort(key=lambda f: f[:2])
    points, rows, listed = [], [], []
    for _, _, model, when, weights, released, weights_claim in found:
        start, end = when.first_day, when.last_day
        middle = start + (end - start) // 2
        weak = look.is_weak(released)
        points.append(
            Point(
                label=model.name,
                day=middle.isoformat(),
                start=start.isoformat(),
                end=end.isoformat(),
                text=when.human() + (WEAK_SUFFIX if weak else ""),
                weights=weights,
                gid=gid("release", model.id),
            )
        )
        claims = [c for c in (released, weights_claim) if c]
        rows.append(csvdata.timeline_row(look, model, when, middle, weights, claims))
        listed.append(f"{model.name}, {when.human()}{' (weakly sourced)' if weak else ''}, weights {weights}")
    kinds = [p.weights for p in points]
    legend = tuple((w, _WEIGHTS_LEGEND[w]) for w in ("closed", "open", "unknown") if w in kinds)
    if any(p.start != p.end for p in points):
        legend += (("span", "Date known only to the month or year"),)
    title = "The Muse family: release dates"
    spec = TimelineSpec(title, tuple(points), legend)
    alt = (
        f"Timeline of the Muse family's release dates, earliest first: {'; '.join(listed)}. "
        "Marker shape shows whether the weights are open or closed."
    )
    return Plan(TIMELINE_URI, title, alt, spec, csvdata.TIMELINE_COLUMNS, rows)


def all_plans(look: Lookups) -> list[Plan]:
    """Every chart: one per benchmark with scores (in data order), then the three overviews."""
    plans = [benchmark_plan(look, b.id) for b in look.data.benchmarks]
    plans += [lead_trail_plan(look), index_plan(look), family_timeline_plan(look)]
    return [p for p in plans if p is not None]


# --- helpers -------------------------------------------------------------------------------


def _weak(look: Lookups, facts: list) -> bool:
    return any(look.is_weak(f) for f in facts)


def _figure_text(look: Lookups, value: float, unit: str, facts: list) -> str:
    """A figure as the alt text gives it, with the grade-C mark where it applies."""
    text = number(value) if unit == "index" else figure(value, unit)
    return text + (WEAK_SUFFIX if _weak(look, facts) else "")


def _weak_note(look: Lookups, results: list[Result]) -> str:
    weak = sum(look.is_weak(r) for r in results)
    return f" {weak} of {len(results)} figures are weakly sourced (grade C), marked (C) and outlined with dashes." if weak else ""


def _sorted_best_first(look: Lookups, bench: Benchmark, results: list[Result]) -> list[Result]:
    sign = -1 if bench.scale.higher_is_better else 1
    return sorted(results, key=lambda r: (sign * r.value, look.name(r.model).lower(), r.mode or "", r.setting))


def _result_label(look: Lookups, res: Result, setting: bool = True) -> str:
    """``Muse Spark (Thinking, no tools)``; mode and setting only when given."""
    details = [MODE_LABELS.get(res.mode, res.mode) if res.mode else "", SETTING_LABELS[res.setting] if setting else ""]
    details = [d for d in details if d]
    name = look.name(res.model)
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


def _bench_panel(look: Lookups, bench: Benchmark, results: list[Result], heading: str) -> Panel:
    scale = bench.scale
    bars = tuple(
        Bar(
            label=_result_label(look, r),
            value=r.value,
            text=figure(r.value, scale.unit) + (WEAK_SUFFIX if look.is_weak(r) else ""),
            role="muse" if is_muse(look, r.model) else "other",
            meta=r.provenance == "meta-claim",
            weak=look.is_weak(r),
            gid=gid("bar", bench.id, r.model, r.mode or "", r.setting),
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
    return Panel(gid("plot-area", bench.id), heading, xlabel, lo, hi, baseline, bars)


def _round_down(value: float) -> float:
    step = 10 ** max(len(str(int(abs(value)))) - 2, 0)  # two significant digits
    return float(int(value // step) * step)


def _bar_legend(look: Lookups, results: list[Result]) -> tuple[tuple[str, str], ...]:
    legend = []
    if any(is_muse(look, r.model) for r in results):
        legend.append(("muse", "Muse model"))
    if any(not is_muse(look, r.model) for r in results):
        legend.append(("other", "Other model"))
    legend += _provenance_legend(
        any(r.provenance == "meta-claim" for r in results),
        any(r.provenance != "meta-claim" for r in results),
        hatched="Meta's own figure (hatched)",
        solid="Independent measurement (solid)",
    )
    if _weak(look, results):
        legend.append(("weak", "Weakly sourced, grade C (dashed, “(C)”)"))
    return tuple(legend)


def _provenance_legend(meta: bool, independent: bool, hatched: str, solid: str) -> list[tuple[str, str]]:
    out = []
    if independent:
        out.append(("solid", solid))
    if meta:
        out.append(("hatched", hatched))
    return out


_UNIT_ORDER = ("percent", "percentage-points", "index", "elo", "rank")


def _unit_order(unit: str) -> tuple[int, str]:
    return (_UNIT_ORDER.index(unit) if unit in _UNIT_ORDER else len(_UNIT_ORDER), unit)


def _lead_words(pair: Pair, muse_name: str) -> str:
    if pair.lead == 0:
        return "tie with"
    size = pair.difference_text()
    return f"{muse_name} leads by {size} over" if pair.lead > 0 else f"{muse_name} trails by {size} behind"


def attribute_claim(look: Lookups, model_id: str, attribute: str):
    """The claim giving a model's attribute (the preferred one in a conflict), if any."""
    claims = [c for c in look.claims_about[model_id] if c.attribute == attribute and (not c.conflict or c.preferred)]
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
