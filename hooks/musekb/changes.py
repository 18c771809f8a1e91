"""The "What changed" page and its Atom feed: newest events and the latest data checks."""

from __future__ import annotations

from collections import Counter, defaultdict
from xml.sax.saxutils import escape

from .blocks import event_list, table
from .context import Context
from .dates import human_day
from .page import PageWriter, RenderedPage
from .site_urls import absolute_url

FEED_URI = "feed.xml"
RECENT_EVENTS = 15
CHECK_DAYS = 8


def newest_events(ctx: Context, count: int = RECENT_EVENTS):
    """The ``count`` most recent events, newest first (ties keep file order)."""
    return sorted(ctx.data.events, key=lambda e: e.date.first_day, reverse=True)[:count]


def changes_page(ctx: Context) -> RenderedPage:
    """Newest timeline events, then how many facts of each kind were checked on each recent day."""
    uri = "changes.md"
    w = PageWriter(ctx, uri)
    parts = [
        "# What changed",
        "",
        f"The newest events on the [timeline]({w.link('timeline.md')}), and the days on which facts were last "
        f"checked against their sources. Follow new events with the [Atom feed]({w.link(FEED_URI)}).",
        "",
        "## Newest events",
        "",
        event_list(w, newest_events(ctx)),
        "",
        "## Latest data checks",
        "",
        "Each fact records the day it was last checked (`as_of`). The table counts facts by that day, for the "
        "most recent days with checks.",
        "",
    ]
    by_day: dict = defaultdict(Counter)
    for label, facts in (("results", ctx.data.results), ("claims", ctx.data.claims), ("events", ctx.data.events)):
        for fact in facts:
            by_day[fact.as_of][label] += 1
    rows = [
        [human_day(day), str(c["results"]), str(c["claims"]), str(c["events"])]
        for day, c in sorted(by_day.items(), reverse=True)[:CHECK_DAYS]
    ]
    parts += [table(["Checked on", "Results", "Claims", "Events"], rows, sortable=False), ""]
    return RenderedPage(
        uri,
        "What changed",
        "\n".join(parts),
        w,
        [("data/events.yaml", 1)],
        description="The newest events about Muse Spark and Meta Superintelligence Labs, and when the site's facts were last checked.",
    )


def atom_feed(ctx: Context) -> bytes:
    """An Atom feed of the newest events (deterministic: dates come from the data)."""
    events = newest_events(ctx)
    updated = max((e.as_of for e in events), default=ctx.today)
    base = ctx.site_url or "/"
    entries = []
    for ev in events:
        link = absolute_url(ctx, "timeline.md") + f"#{ev.id}"
        summary = ev.summary or ev.title
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(link)}</id>\n"
            f"    <title>{escape(ev.date.human() + ': ' + ev.title)}</title>\n"
            f'    <link href="{escape(link)}"/>\n'
            f"    <updated>{ev.date.first_day.isoformat()}T00:00:00Z</updated>\n"
            f"    <summary>{escape(summary)}</summary>\n"
            "  </entry>\n"
        )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "  <title>Muse Spark knowledge base: new events</title>\n"
        f"  <id>{escape(base)}</id>\n"
        f'  <link href="{escape(absolute_url(ctx, "changes.md"))}"/>\n'
        f"  <updated>{updated.isoformat()}T00:00:00Z</updated>\n"
        "  <author><name>Muse Spark knowledge base contributors</name></author>\n" + "".join(entries) + "</feed>\n"
    )
    return feed.encode()
