"""Pages generated from the data: one per benchmark, model and rival, plus reference pages.

Each renderer takes the build :class:`~musekb.context.Context` and returns a
:class:`RenderedPage` whose Markdown is complete: names link to their pages, every
figure carries its badge and citations.
"""

from __future__ import annotations

from collections import defaultdict

from .blocks import bullets, claim_display, conflict_box, edit_link, edit_list, event_list, result_value, table
from .comparison import MUSE_SPARK, pairs_against, shown
from .context import Context, page_of
from .dates import human_day
from .labels import CONFIDENCE_HELP, PROVENANCE_HELP, PROVENANCE_LABELS, SETTING_LABELS, mode_label, sentence
from .names import benchmark_heading, other_names, with_abbr
from .page import PageWriter, RenderedPage
from .records import Record, Result
from .text import UNIT_NAMES, attr, md, number


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


SOURCE_KIND_TITLES = {
    "meta": "Meta's own publications",
    "news": "News reports",
    "analysis": "Analysis and commentary",
    "paper": "Papers",
    "leaderboard": "Leaderboards and independent measurements",
    "docs": "Documentation and developer pages",
    "tracker": "Trackers and digests",
    "aggregator": "Aggregators",
    "blog": "Blogs",
    "podcast": "Podcasts",
    "social": "Social media posts",
}
TIER_LABELS = {
    "primary": "primary source",
    "reputable": "reputable publisher",
    "mid-tier": "mid-tier publisher",
    "weak": "weak source",
}


def sources_page(
    ctx: Context, titles: dict[str, str], cited_by: dict[str, list[str]], grades_section: str | None = None
) -> RenderedPage:
    """The bibliography: every source, how reliable its publisher is, and the pages citing it.

    ``cited_by`` maps a source id to the pages citing it (:func:`musekb.page.citation_index`);
    ``grades_section`` is the page and anchor that explains grades, if the site has one.
    """
    uri = "sources.md"
    w = PageWriter(ctx, uri)
    grades_link = f" ([how grades are computed]({w.link(grades_section)}))" if grades_section else ""
    parts = [
        "# Sources",
        "",
        "Every source the site cites, grouped by kind. Each entry says how it was read: directly, through a "
        "faithful copy or only a summary (the copy is linked where it has an address), or not at all, when a "
        "source is known only because others cite it. How a source was read decides how much it counts "
        f"towards a grade{grades_link}. Each entry lists the pages that cite it.",
        "",
    ]
    by_kind = defaultdict(list)
    for src in ctx.data.sources:
        by_kind[src.kind].append(src)
    for kind, title in SOURCE_KIND_TITLES.items():
        if kind not in by_kind:
            continue
        parts += [f"## {title}", ""]
        for src in sorted(by_kind[kind], key=lambda s: (s.publisher.lower(), s.title.lower())):
            when = src.published.human() if src.published != "undated" else "undated"
            line = f'<strong>{md(src.publisher)}</strong> — <a href="{attr(src.url)}">{md(src.title)}</a> ({md(when)}). '
            line += f"{md(sentence(TIER_LABELS[src.tier]))}"
            if src.relays_meta:
                line += "; reproduces Meta's own material"
            line += f"; accessed {md(human_day(src.accessed))}."
            line += f" {read_note(src)}"
            if src.note:
                line += f" {md(src.note)}"
            cited = cited_by.get(src.id, [])
            if cited:
                ordered = sorted(cited, key=lambda p: titles.get(p, p))
                links = ", ".join(w.anchor(p, md(titles.get(p, p))) for p in ordered)
                line += f' <span class="kb-cited-on" data-search-exclude>Cited on: {links}.</span>'
            line += edit_link(w, src, f"the source {src.title}")
            parts += [f'<p id="{src.id}" class="kb-source">{line}</p>', ""]
    return RenderedPage(
        uri,
        "Sources",
        "\n".join(parts),
        w,
        [("data/sources.yaml", 1)],
        description="Every source the Muse Spark knowledge base cites, with publisher, dates, reliability and the pages that cite it.",
    )


READ_LABELS = {
    "direct": "Read directly.",
    "copy": "Read through a faithful copy",
    "summary": "Read only through a summary",
    "not-opened": "Not opened: known only because other sources cite it.",
}


def read_note(src) -> str:
    """How a source was read, with the copy or summary linked where it has an address."""
    label = READ_LABELS[src.read]
    if not src.via:
        return label
    copy = f'<a href="{attr(src.via.url)}">{md(src.via.note)}</a>' if src.via.url else md(src.via.note)
    return f"{label}: {copy}."


def glossary_page(ctx: Context, titles: dict[str, str]) -> RenderedPage:
    """Every term a newcomer meets, with abbreviations (also shown as tooltips site-wide)."""
    uri = "glossary.md"
    w = PageWriter(ctx, uri)
    parts = [
        "# Glossary",
        "",
        "Benchmarks, modes and terms used on this site. Abbreviations are also explained when you hover over them anywhere on the site.",
        "",
    ]
    for term in sorted(ctx.data.glossary, key=lambda t: t.term.lower()):
        heading = md(with_abbr(term.term, term.abbr))
        definition = f"{md(term.definition)} {w.cites(term.sources)}{edit_link(w, term, f'the glossary entry {term.term}')}"
        parts += [f"## {heading} {{#{term.id}}}", "", definition, ""]
        more = []
        if term.benchmark:
            more.append(f"[Scores on {md(ctx.name(term.benchmark))}]({w.link(page_of('benchmarks', term.benchmark))})")
        if term.page:
            target = term.page.split("#", 1)[0]
            more.append(f"Explained on [{md(titles.get(target, target))}]({w.link(term.page)})")
        if more:
            parts += [" · ".join(more), ""]
    return RenderedPage(
        uri,
        "Glossary",
        "\n".join(parts),
        w,
        [("data/glossary.yaml", 1)],
        description="Benchmarks, modes and terms used in coverage of Muse Spark, defined with their sources.",
    )


def timeline_page(ctx: Context, titles: dict[str, str]) -> RenderedPage:
    """Every dated event, by year, each linking to its sources and to the page explaining it."""
    uri = "timeline.md"
    w = PageWriter(ctx, uri)
    parts = [
        "# Timeline",
        "",
        "Dated events, oldest first. Dates that sources give only to the month or year are shown that way. Each event links to its sources and to the page that explains it.",
        "",
    ]
    year = None
    for ev in ctx.data.events:
        if ev.date.year != year:
            year = ev.date.year
            parts += [f"## {year}", ""]
        line = f"<strong>{md(ev.date.human())}</strong> — <strong>{md(ev.title)}</strong> {w.noted(ev)}"
        if ev.summary:
            line += f" {md(ev.summary)}"
        target = ev.page.split("#", 1)[0]
        line += f" Explained on {w.anchor(ev.page, md(titles.get(target, target)))}."
        line += edit_link(w, ev, f"the event {ev.title}")
        parts += [f'<p id="{ev.id}" class="kb-event">{line}</p>', ""]
    return RenderedPage(
        uri,
        "Timeline",
        "\n".join(parts),
        w,
        [("data/events.yaml", 1)],
        description="Dated events from Llama to the Muse models, each linked to its sources and to the page that explains it.",
    )


def people_page(ctx: Context) -> RenderedPage:
    """People with their dated roles, and organisations."""
    uri = "people.md"
    w = PageWriter(ctx, uri)
    parts = ["# People and organisations", "", "## People", ""]
    for person in sorted(ctx.data.people, key=lambda p: p.name.split()[-1].lower()):
        summary = f"{md(person.summary)} {w.cites(person.sources)}{edit_link(w, person, person.name)}"
        parts += [f"### {md(person.name)} {{#{person.id}}}", "", summary, ""]
        roles = []
        for role in person.roles:
            span = ""
            if role.start or role.end:
                span = f" ({md(role.start.human() if role.start else '?')} – {md(role.end.human() if role.end else 'present')})"
            roles.append(f"{md(role.title)}, {w.name(role.org)}{span}{w.grade(role, compact=True)} {w.cites(role.sources)}")
        if roles:
            parts += [bullets(roles), ""]
    parts += ["## Organisations", ""]
    for org in sorted(ctx.data.organisations, key=lambda o: o.name.lower()):
        parts += [f"### {md(org.name)} {{#{org.id}}}", ""]
        line = f"{md(org.summary)} {w.cites(org.sources)}"
        if org.parent:
            line += f" Part of {w.name(org.parent)}."
        if org.url:
            line += f" <{org.url}>"
        parts += [line + edit_link(w, org, org.name), ""]
    return RenderedPage(
        uri,
        "People and organisations",
        "\n".join(parts),
        w,
        [("data/people.yaml", 1)],
        description="The people and organisations behind Muse Spark and around it, with dated, sourced roles.",
    )


def conflicts_page(ctx: Context) -> RenderedPage:
    """Every place where sources disagree, with every value and the site's choice."""
    uri = "conflicts.md"
    w = PageWriter(ctx, uri)
    parts = [
        "# Where sources disagree",
        "",
        "Where sources give different values for the same fact, the site shows every value with its source "
        "and says which one its tables use, and why. Nothing disputed is resolved silently.",
        "",
    ]
    for conflict in sorted(ctx.data.conflicts, key=lambda c: (c.topic, c.title.lower())):
        parts += [f"## {md(conflict.title)} {{#{conflict.id}}}", "", conflict_box(w, conflict.id), ""]
    return RenderedPage(
        uri,
        "Where sources disagree",
        "\n".join(parts),
        w,
        [("data/conflicts.yaml", 1)],
        description="Every fact about Muse Spark on which sources disagree, with each value, its source and the value the site uses.",
    )


def badge_legend() -> str:
    """A table explaining each provenance badge (used on the About page)."""
    rows = [
        [f'<span class="kb-badge kb-badge--{key}">{md(label)}</span>', md(sentence(PROVENANCE_HELP[key]) + ".")]
        for key, label in PROVENANCE_LABELS.items()
    ]
    rows.append(
        [
            '<span class="kb-badge kb-badge--disputed">disputed</span>',
            "Sources disagree; the badge links to every value and its source.",
        ]
    )
    for letter in "ABC":
        label = letter if letter != "C" else "C · weakly sourced"
        rows.append(
            [f'<span class="kb-grade kb-grade--{letter.lower()}">{label}</span>', md(sentence(CONFIDENCE_HELP[letter]) + ".")]
        )
    rows.append(
        [
            '<span class="kb-badge kb-badge--stale">possibly stale</span>',
            "Past its review period: it may have changed since it was last checked.",
        ]
    )
    return table(["Badge", "Meaning"], rows, sortable=False)
