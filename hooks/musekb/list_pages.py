"""Pages that list every record of one kind: sources, glossary terms, events, people and
organisations, conflicts; and the badge legend used on the About page.

Like :mod:`musekb.pages`, each renderer takes the build :class:`~musekb.context.Context` and
returns a complete :class:`~musekb.page.RenderedPage`.
"""

from __future__ import annotations

from collections import defaultdict

from .blocks import bullets, conflict_box, edit_link, table
from .context import Context, page_of
from .dates import human_day
from .labels import CONFIDENCE_HELP, PROVENANCE_HELP, PROVENANCE_LABELS, sentence
from .names import with_abbr
from .page import PageWriter, RenderedPage
from .text import attr, md

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
