"""What the site knows and does not know: topics, when each was last swept, and known gaps.

Each topic in ``data/coverage.yaml`` names the pages that tell it; the dated events whose
``page:`` points there, and the claims about its entities, belong to it. From those come the
newest event and the newest source of each topic (rendered by :mod:`musekb.coverage_page`);
the checks here make sure every topic can be placed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from .load import Dataset
from .problems import Problem, closest
from .records import Claim, CoverageTopic, Event, Source

# --- which records belong to a topic ---------------------------------------------------------


class TopicRecords:
    """The events, claims and sources of each topic, from indexes built once over the data (a
    scan of every record per topic would grow with the square of the data)."""

    def __init__(self, data: Dataset):
        self.sources = data.by_id("sources")
        self._position = {id(e): i for i, e in enumerate(data.events)}
        self._claim_position = {id(c): i for i, c in enumerate(data.claims)}
        self._events_on: dict[str, list[Event]] = defaultdict(list)
        for event in data.events:
            # an event on agent.md#devices belongs to topics listing agent.md#devices or agent.md
            self._events_on[event.page].append(event)
            if "#" in event.page:
                self._events_on[event.page.split("#", 1)[0]].append(event)
        self._claims_about: dict[str, list[Claim]] = defaultdict(list)
        for claim in data.claims:
            for rid in dict.fromkeys(claim.about):
                self._claims_about[rid].append(claim)

    def events(self, topic: CoverageTopic) -> list[Event]:
        """Dated events told on the topic's pages, in date order (the file's order)."""
        found = {id(e): e for page in topic.pages for e in self._events_on.get(page, ())}
        return sorted(found.values(), key=lambda e: self._position[id(e)])

    def claims(self, topic: CoverageTopic) -> list[Claim]:
        """Claims about the topic's entities, in file order."""
        found = {id(c): c for rid in topic.about for c in self._claims_about.get(rid, ())}
        return sorted(found.values(), key=lambda c: self._claim_position[id(c)])

    def topic_sources(self, topic: CoverageTopic) -> list[Source]:
        """Sources cited by the topic's events and claims."""
        ids = dict.fromkeys(s for rec in [*self.events(topic), *self.claims(topic)] for s in rec.sources)
        return [self.sources[s] for s in ids if s in self.sources]

    def newest_event(self, topic: CoverageTopic) -> Event | None:
        return max(self.events(topic), key=lambda e: e.date.first_day, default=None)

    def newest_source(self, topic: CoverageTopic) -> Source | None:
        """The most recently published dated source behind the topic (undated sources cannot be placed)."""
        dated = [s for s in self.topic_sources(topic) if s.published != "undated"]
        return max(dated, key=lambda s: (s.published.first_day, s.published.precision == "day"), default=None)


def latest_sweep(data: Dataset) -> dt.date | None:
    """The most recent day any topic was swept (shown on the home page)."""
    return max((t.swept for t in data.coverage), default=None)


# --- checks ------------------------------------------------------------------------------


def coverage_checks(data: Dataset, today: dt.date, pages: set[str] | None) -> Iterator[Problem]:
    """Topics point at pages and records that exist, and are not dated in the future."""
    sources = set(data.by_id("sources"))
    entities = set().union(*(data.by_id(k) for k in ("models", "organisations", "people", "benchmarks")))
    for topic in data.coverage:
        where = data.locate(topic)
        if topic.swept > today:
            yield Problem(
                where.file, where.line("swept"), "swept", f"{topic.swept} is after today ({today})", "use the day of the sweep"
            )
        for i, page in enumerate(topic.pages):
            if pages is not None and page.split("#", 1)[0] not in pages:
                yield Problem(
                    where.file,
                    where.line("pages", i),
                    f"pages[{i}]",
                    f"no page '{page.split('#', 1)[0]}' in docs/",
                    "use a path relative to docs/, e.g. agent.md#devices",
                )
        for i, rid in enumerate(topic.about):
            if rid not in entities and not data.dropped:
                hint = closest(rid, entities)
                fix = f"did you mean '{hint}'?" if hint else "use the id of a model, organisation, person or benchmark"
                yield Problem(where.file, where.line("about", i), f"about[{i}]", f"unknown id '{rid}'", fix)
        for i, gap in enumerate(topic.gaps):
            if gap.noted > today:
                yield Problem(
                    where.file,
                    where.line("gaps", i, "noted"),
                    f"gaps[{i}].noted",
                    f"{gap.noted} is after today",
                    "use the day it was noted",
                )
            for j, sid in enumerate(gap.sources):
                if sid not in sources and "sources" not in data.dropped:
                    hint = closest(sid, sources)
                    yield Problem(
                        where.file,
                        where.line("gaps", i, "sources", j),
                        f"gaps[{i}].sources[{j}]",
                        f"unknown source '{sid}'",
                        f"did you mean '{hint}'?" if hint else "add the source first or fix the id",
                    )
