"""Lookups over a checked dataset, and the build context that pages are rendered with.

The build runs in a fixed order, and the types here make it visible:

1. :class:`Lookups` indexes a dataset that passed the checks (records by id, results by
   model and benchmark, reverse references). Charts are drawn from it.
2. :class:`Context` adds what only exists once the charts are drawn and the site's
   addresses are known. Every page is rendered with it; nothing writes to it afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .load import Dataset
from .records import Benchmark, Claim, Event, Fact, Model, Organisation, Person, Result, Source, Term

if TYPE_CHECKING:
    from .charts import Chart
    from .grading import Grade

#: Default days after ``as_of`` before a fact should be re-checked, by topic.
REVIEW_DAYS = {
    "family": 90,
    "market": 90,
    "strategy": 180,
    "benchmarks": 180,
    "organisation": 180,
    "design": 365,
    "safety": 365,
    "perspectives": 365,
}
RESULT_REVIEW_DAYS = 180

#: Kinds of records that have a page (or an anchor on one) of their own.
LINKED_KINDS = ("models", "benchmarks", "people", "organisations", "sources", "claims", "events", "glossary", "conflicts")


def page_of(kind: str, rid: str) -> str:
    """Page (with anchor) where a record of ``kind`` is shown in full."""
    return {
        "models": f"models/{rid}.md",
        "benchmarks": f"benchmarks/{rid}.md",
        "people": f"people.md#{rid}",
        "organisations": f"people.md#{rid}",
        "sources": f"sources.md#{rid}",
        "conflicts": f"conflicts.md#{rid}",
        "events": f"timeline.md#{rid}",
        "glossary": f"glossary.md#{rid}",
    }[kind]


class Lookups:
    """Indexes over a checked dataset, built once per build and never changed afterwards."""

    def __init__(self, data: Dataset, today: dt.date):
        self.data = data
        self.today = today
        self.sources: dict[str, Source] = data.by_id("sources")
        self.models: dict[str, Model] = data.by_id("models")
        self.benchmarks: dict[str, Benchmark] = data.by_id("benchmarks")
        self.people: dict[str, Person] = data.by_id("people")
        self.organisations: dict[str, Organisation] = data.by_id("organisations")
        self.claims: dict[str, Claim] = data.by_id("claims")
        self.events: dict[str, Event] = data.by_id("events")
        self.terms: dict[str, Term] = data.by_id("glossary")
        self.conflicts = data.by_id("conflicts")
        self.kind_of: dict[str, str] = {}
        for kind in LINKED_KINDS:
            for rid in data.by_id(kind):
                self.kind_of.setdefault(rid, kind)
        self.results_by_benchmark: dict[str, list[Result]] = defaultdict(list)
        self.results_by_model: dict[str, list[Result]] = defaultdict(list)
        for res in data.results:
            self.results_by_benchmark[res.benchmark].append(res)
            self.results_by_model[res.model].append(res)
        self.conflict_members: dict[str, list[Fact]] = defaultdict(list)
        for fact in [*data.results, *data.claims, *data.events]:
            if fact.conflict:
                self.conflict_members[fact.conflict].append(fact)
        # Reverse references, in file order, so that each model and benchmark page looks up
        # its records instead of scanning every claim: the build stays linear in the data.
        self.claims_about: dict[str, list[Claim]] = defaultdict(list)
        for claim in data.claims:
            for rid in dict.fromkeys(claim.about):
                self.claims_about[rid].append(claim)
        self.events_about: dict[str, list[Event]] = defaultdict(list)
        for event in data.events:
            for rid in dict.fromkeys(event.about):
                self.events_about[rid].append(event)
        self.model_position: dict[str, int] = {model.id: i for i, model in enumerate(data.models)}
        self.versions: dict[str, list[Model]] = defaultdict(list)
        for model in data.models:
            if model.version_of:
                self.versions[model.version_of].append(model)
        self.terms_by_benchmark: dict[str, list[Term]] = defaultdict(list)
        for term in data.glossary:
            if term.benchmark:
                self.terms_by_benchmark[term.benchmark].append(term)

    def name(self, rid: str) -> str:
        """Display name of an entity, term, event or source."""
        kind = self.kind_of[rid]
        rec = self.data.by_id(kind)[rid]
        return getattr(rec, "name", None) or getattr(rec, "term", None) or getattr(rec, "title", rid)

    def grade(self, record) -> Grade:
        """A result's, claim's, event's or role's confidence grade and what it rests on."""
        return self.data.grade(record)

    def is_weak(self, record) -> bool:
        """True for a weakly sourced record (grade C), which readers see marked as such."""
        return self.data.grade(record).letter == "C"

    def is_stale(self, fact: Fact) -> bool:
        """True when the fact is past its review period, counted from ``as_of`` to the build date."""
        if isinstance(fact, Event):
            return False  # a past event does not go out of date
        if fact.review_days:
            days = fact.review_days
        elif isinstance(fact, Result):
            days = RESULT_REVIEW_DAYS
        else:
            days = REVIEW_DAYS[fact.topic]
        return (self.today - fact.as_of).days > days

    def source_label(self, src: Source) -> str:
        """``Axios, 8 April 2026`` (plain text)."""
        when = src.published.human() if src.published != "undated" else "undated"
        return f"{src.publisher}, {when}"


class Context(Lookups):
    """Everything a page is rendered with: the lookups, the drawn charts and the site's addresses."""

    def __init__(self, lookups: Lookups, charts: Mapping[str, Chart] | None = None, site_url: str = "", repo_url: str = ""):
        # Share the indexes rather than rebuild them: a Context is the Lookups plus what
        # only exists after the charts are drawn.
        vars(self).update(vars(lookups))
        self.charts: Mapping[str, Chart] = dict(charts or {})
        """Chart path in the site -> :class:`musekb.charts.Chart`."""
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.repo_url = repo_url.rstrip("/")

    @classmethod
    def of(cls, data: Dataset, today: dt.date, **kwargs) -> Context:
        """A context without charts, for tests and tools that render single pages."""
        return cls(Lookups(data, today), **kwargs)
