"""Pages generated from the data: one per benchmark, model and rival (the pages listing every
source, term, event, person and conflict are in :mod:`musekb.list_pages`).

Each renderer takes the build :class:`~musekb.context.Context` and returns a
:class:`RenderedPage` whose Markdown is complete: names link to their pages, every
figure carries its badge and citations.
"""

from __future__ import annotations

from .blocks import bullets, claim_display, conflict_box, edit_list, event_list, result_value, table
from .comparison import MUSE_SPARK, pairs_against, shown
from .context import Context, page_of
from .labels import SETTING_LABELS, mode_label
from .names import benchmark_heading, other_names
from .page import PageWriter, RenderedPage
from .records import Record, Result
from .text import UNIT_NAMES, md, number


def _origin(ctx: Context, rec: Record) -> tuple[str, int]:
    where = ctx.data.locate(rec)
    return where.file, where.line()


def _results_rows(w: PageWriter, results: list[Result], first_col: str) -> list[list[str]]:
    rows = []
    for res in results:
        lead = w.name(res.model) if first_col == "model" else w.name(res.benchmark)
        rows.append([lead, md(mode_label(res.mode)), md(SETTING_LABELS[res.setting] or "—"), result_value(w, res)])
    return rows


def benchmark_page(ctx: Context, bench_id: str, chart: str | None = None) -> RenderedPage:
    """What a benchmark measures, and every published score on it."""
    bench = ctx.benchmarks[bench_id]
    uri = page_of("benchmarks", bench_id)
    w = PageWriter(ctx, uri)
    results = ctx.results_by_benchmark[bench_id]
    visible = sorted(
        shown(results),
        key=lambda r: (-r.value if bench.scale.higher_is_better else r.value, ctx.name(r.model)),
    )
    scale = bench.scale
    span = f"{number(scale.min)} to {number(scale.max)}" if scale.max is not None else f"from {number(scale.min)}, open-ended"
    better = "higher is better" if scale.higher_is_better else "lower is better"
    parts = [f"# {md(benchmark_heading(bench))}", ""]
    also = other_names(bench)
    if also:
        parts += [f"*Also called {md(', '.join(also))}.*", ""]
    kind = "An independent index or leaderboard" if bench.independent else "A task benchmark"
    parts += [
        f"**What it measures.** {md(bench.measures)} {w.cites(bench.sources)}",
        "",
        f"**Origin.** {md(bench.origin)}",
        "",
        f"**Scale.** {md(UNIT_NAMES[scale.unit])}, {md(span)}; {better}. {kind}.",
        "",
    ]
    if bench.url:
        parts += [f"**Home page.** <{bench.url}>", ""]
    parts += ["## Published scores", ""]
    if chart:
        parts += [chart, ""]
    if visible:
        parts += [
            "Each score carries its provenance: *Meta's claim* means Meta published it (usually in its "
            "launch comparison, including the figures it printed for rival models); *Independent* means a "
            "third party measured it.",
            "",
            table(["Model", "Mode", "Setting", "Score"], _results_rows(w, visible, "model")),
            "",
        ]
    else:
        parts += ["No scores are recorded yet.", ""]
    conflicts = sorted({r.conflict for r in results if r.conflict})
    if conflicts:
        parts += ["## Where sources disagree", ""]
        for cid in conflicts:
            parts += [conflict_box(w, cid), ""]
    terms = ctx.terms_by_benchmark[bench_id]
    if terms:
        parts += [f"See also the glossary entry {w.name(terms[0].id)}.", ""]
    entries = [(f"The benchmark {md(bench.name)}", bench)]
    entries += [
        (_result_label(ctx, res), res) for res in sorted(results, key=lambda r: (ctx.name(r.model), r.mode or "", r.setting))
    ]
    listing = edit_list(w, entries)
    if listing:
        parts += [listing, ""]
    description = f"What {bench.name} measures, its scale and origin, and every published score on it, each with its source."
    return RenderedPage(uri, bench.name, "\n".join(parts), w, [_origin(ctx, bench)], description=description)


def _result_label(ctx: Context, res: Result) -> str:
    """``Muse Spark, Thinking, no tools: 42.8`` (escaped Markdown), naming one result in an edit list."""
    bits = [ctx.name(res.model), mode_label(res.mode) if res.mode else "", SETTING_LABELS[res.setting]]
    return md(", ".join(b for b in bits if b) + f": {number(res.value)}")


def model_page(ctx: Context, model_id: str) -> RenderedPage:
    """A model's key facts, scores, related claims and events."""
    model = ctx.models[model_id]
    uri = page_of("models", model_id)
    w = PageWriter(ctx, uri)
    parts = [f"# {md(model.name)}", ""]
    maker = w.name(model.org)
    line = f"Made by {maker}; family: {md(model.family)}."
    if model.version_of:
        line += f" A version of {w.name(model.version_of)}."
    parts += [line + f" {w.cites(model.sources)}", ""]
    if model.summary:
        parts += [md(model.summary), ""]
    about = ctx.claims_about[model_id]
    attributes = [c for c in about if c.attribute]
    if attributes:
        parts += ["## Key facts", ""]
        rows = [[md(c.attribute.replace("-", " ").capitalize()), claim_display(c), w.marked(c)] for c in attributes]
        parts += [table(["Attribute", "Value", "Provenance and sources"], rows, sortable=False), ""]
    versions = ctx.versions[model_id]
    if versions:
        parts += ["## Versions", "", bullets(w.name(v.id) for v in versions), ""]
    results = sorted(shown(ctx.results_by_model[model_id]), key=lambda r: (ctx.name(r.benchmark), r.mode or "", r.setting))
    if results:
        parts += ["## Scores", ""]
        parts += [table(["Benchmark", "Mode", "Setting", "Score"], _results_rows(w, results, "benchmark")), ""]
        if model.rival:
            parts += [
                f"A benchmark-by-benchmark comparison is on [{md(model.name)} compared with Muse Spark]({w.link('compare/' + model_id + '.md')}).",
                "",
            ]
    claims = [c for c in about if not c.attribute and c.provenance != "opinion"]
    if claims:
        parts += ["## What the sources say", ""]
        parts += [bullets(f"{md(c.statement)} {w.noted(c)}" for c in claims), ""]
    events = ctx.events_about[model_id]
    if events:
        parts += ["## Timeline", "", event_list(w, events), ""]
    description = f"{model.name}: key facts, benchmark scores and sourced statements, each labelled by provenance."
    return RenderedPage(uri, model.name, "\n".join(parts), w, [_origin(ctx, model)], description=description)


def measured_by(ctx: Context, *results: Result) -> str:
    """Who produced a pair of figures: Meta's own table, or the independent measurer(s)."""
    names = []
    for res in results:
        bench = ctx.benchmarks[res.benchmark]
        if res.provenance == "meta-claim":
            name = "Meta (self-reported)"
        elif bench.maintainer:
            name = ctx.name(bench.maintainer)
        else:
            name = " / ".join(dict.fromkeys(ctx.sources[s].publisher for s in res.sources))
        if name not in names:
            names.append(name)
    return "; ".join(names)


def compare_page(ctx: Context, rival_id: str) -> RenderedPage:
    """A rival against the Muse models on every benchmark setting both have a score in."""
    rival = ctx.models[rival_id]
    uri = f"compare/{rival_id}.md"
    w = PageWriter(ctx, uri)
    muse_name = ctx.name(MUSE_SPARK)
    pairs = pairs_against(ctx, rival_id)
    parts = [f"# {md(rival.name)} compared with {md(muse_name)}", ""]
    parts += [
        f"Every benchmark where both {w.name(rival_id)} and a Muse model have a recorded score in the "
        "same setting (a figure in another setting or on another version of an index is never set against it). "
        "The lead is the plain difference in the benchmark's own unit. Figures marked *Meta's claim* "
        "come from Meta's own comparison tables, including the rival's column: Meta chose the settings and ran or "
        "collected the rival's numbers itself. See [the methodology page](" + w.link("benchmarks/methodology.md") + ").",
        "",
    ]
    if not pairs:
        parts += ["No shared benchmarks are recorded.", ""]
    rows = []
    several = len({p.muse.model for p in pairs}) > 1  # name the Muse model only when it varies
    for pair in pairs:
        muse, other, bench = pair.muse, pair.rival, pair.benchmark
        setting = SETTING_LABELS[muse.setting]
        who = f"{w.name(muse.model)}: " if several else ""
        rows.append(
            [
                w.name(bench.id) + (f" ({md(setting)})" if setting else ""),
                f"{who}{result_value(w, muse, compact=True)} <small>{md(mode_label(muse.mode))}</small>",
                f"{result_value(w, other, compact=True)} <small>{md(mode_label(other.mode))}</small>",
                md(pair.leader_text(ctx.name(muse.model), rival.name)),
                md(measured_by(ctx, muse, other)),
            ]
        )
    if rows:
        muse_leads = sum(p.lead > 0 for p in pairs)
        rival_leads = sum(p.lead < 0 for p in pairs)
        parts += [
            f"**Summary.** {'The Muse figure' if several else md(muse_name)} leads on {muse_leads} and "
            f"{md(rival.name)} on {rival_leads} of {len(rows)} shared benchmark settings.",
            "",
            table(["Benchmark", "Muse model" if several else md(muse_name), md(rival.name), "Lead", "Measured by"], rows),
            "",
        ]
    description = (
        f"{rival.name} compared with {muse_name} and the other Muse models on every shared benchmark: who leads, "
        "by how much, and whose measurement it is."
    )
    return RenderedPage(uri, f"{rival.name} vs {muse_name}", "\n".join(parts), w, [_origin(ctx, rival)], description=description)
