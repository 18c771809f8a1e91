"""The coverage page and the home page's "latest sweep" line, rendered from :mod:`musekb.coverage`."""

from __future__ import annotations

from .blocks import bullets, table
from .context import Context, page_of
from .coverage import TopicRecords, latest_sweep
from .dates import human_day
from .page import PageWriter, RenderedPage
from .text import md

COVERAGE_URI = "coverage.md"


def swept_line(w: PageWriter) -> str:
    """``Latest sweep of the public record: 30 November 2026 (what the site does not know).``"""
    day = latest_sweep(w.ctx.data)
    if day is None:
        return ""
    return f"Latest sweep of the public record: **{human_day(day)}** ([what the site knows and does not know]({w.link(COVERAGE_URI)}))."


def coverage_page(ctx: Context, titles: dict[str, str]) -> RenderedPage:
    """Per topic: when it was last swept, its newest event and source, and what is known to be missing.

    ``titles`` gives every page's title by path, to name the pages that tell each topic.
    """
    w = PageWriter(ctx, COVERAGE_URI)
    data = ctx.data
    latest = latest_sweep(data)
    parts = [
        "# Coverage: what the site knows and does not know",
        "",
        "The site is kept current by sweeping the public record, topic by topic, for anything new: news, official "
        "pages, documentation, code and issue trackers. This coverage record says when each topic was last swept, the newest "
        "dated event and source it holds, and what the sweeps looked for and could not find. A gap is not a "
        "finding that something did not happen, only that no source for it was found.",
        "",
    ]
    if latest:
        parts += [f"**Latest sweep: {human_day(latest)}.**", ""]
    rows = []
    records = TopicRecords(data)
    for topic in data.coverage:
        event = records.newest_event(topic)
        source = records.newest_source(topic)
        rows.append(
            [
                w.anchor(f"{COVERAGE_URI}#{topic.id}", md(topic.title)),
                md(human_day(topic.swept)),
                f"{w.anchor(page_of('events', event.id), md(event.date.human()))}: {md(event.title)}" if event else "—",
                f"{w.anchor(page_of('sources', source.id), md(source.publisher))}, {md(source.published.human())}"
                if source
                else "—",
                str(len(topic.gaps)),
            ]
        )
    parts += [table(["Topic", "Last swept", "Newest event", "Newest source", "Known gaps"], rows, sortable=False), ""]
    for topic in data.coverage:
        parts += [f"## {md(topic.title)} {{#{topic.id}}}", "", md(topic.summary), ""]
        links = ", ".join(f"[{md(_page_label(p, titles))}]({w.link(p)})" for p in topic.pages)
        parts += [f"Last swept {md(human_day(topic.swept))}. Told on: {links}.", ""]
        if topic.gaps:
            gaps = [
                f"{md(gap.text)} <em>(noted {md(human_day(gap.noted))})</em>"
                + (f" {w.cites(gap.sources)}" if gap.sources else "")
                for gap in topic.gaps
            ]
            parts += ["**Known gaps**", "", bullets(gaps), ""]
        else:
            parts += ["No known gaps.", ""]
    return RenderedPage(
        COVERAGE_URI,
        "Coverage: what the site knows and does not know",
        "\n".join(parts),
        w,
        [("data/coverage.yaml", 1)],
        description="When each topic of the Muse Spark knowledge base was last checked against the public record, "
        "its newest event and source, and the known gaps.",
    )


def _page_label(target: str, titles: dict[str, str]) -> str:
    """``agent.md#devices`` -> ``Muse, the personal agent (devices)``."""
    page, _, anchor = target.partition("#")
    title = titles.get(page, page)
    return f"{title} ({anchor.replace('-', ' ')})" if anchor else title


__all__ = ["COVERAGE_URI", "coverage_page", "swept_line"]
