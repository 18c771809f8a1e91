"""Lookups over a checked dataset, and the per-page writer that marks every fact it shows.

:class:`Context` is built once per build from a dataset that passed the checks.
:class:`PageWriter` renders references to records for one page: names linked to their
pages, provenance badges, citations. It remembers every fact it rendered, so the page can
say when its facts were last checked.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .dates import human_day
from .load import Dataset
from .records import Benchmark, Claim, Event, Fact, Model, Organisation, Person, Result, Source, Term
from .text import attr, md, rel

PROVENANCE_LABELS = {
    "fact": "Established",
    "meta-claim": "Meta's claim",
    "independent": "Independent",
    "press-report": "Press report",
    "opinion": "Opinion",
}
SHORT_LABELS = {
    "fact": "Fact",
    "meta-claim": "Meta",
    "independent": "Indep.",
    "press-report": "Press",
    "opinion": "Opinion",
}
PROVENANCE_HELP = {
    "fact": "established fact: Meta or several reputable outlets agree and no source disputes it",
    "meta-claim": "Meta's own claim, not independently verified",
    "independent": "measured by a third party, not by Meta",
    "press-report": "reported by the press, not confirmed by Meta",
    "opinion": "a named person's opinion, not a fact",
}
CONFIDENCE_HELP = {
    "A": "confirmed by Meta or two reputable outlets",
    "B": "one reputable source, or several weaker ones",
    "C": "weakly sourced: only weak or aggregator sources",
}

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


def sentence(text: str) -> str:
    """Capitalise the first letter only (``str.capitalize`` would lowercase "Meta")."""
    return text[:1].upper() + text[1:]


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


class Context:
    """Indexes over a checked dataset, shared by every page of one build."""

    def __init__(self, data: Dataset, today: dt.date, site_url: str = "", repo_url: str = ""):
        self.data = data
        self.today = today
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.repo_url = repo_url.rstrip("/")
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
        for kind in ("models", "benchmarks", "people", "organisations", "sources", "claims", "events", "glossary", "conflicts"):
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
        self.versions: dict[str, list[Model]] = defaultdict(list)
        for model in data.models:
            if model.version_of:
                self.versions[model.version_of].append(model)
        self.terms_by_benchmark: dict[str, list[Term]] = defaultdict(list)
        for term in data.glossary:
            if term.benchmark:
                self.terms_by_benchmark[term.benchmark].append(term)
        self.charts: dict = {}
        """Chart path in the site -> :class:`musekb.charts.Chart` (set by the site build)."""
        self.cited_by: dict[str, list[str]] = defaultdict(list)
        """source id -> pages that cite it (filled while pages are rendered)."""

    # --- lookups -------------------------------------------------------------------------

    def name(self, rid: str) -> str:
        """Display name of an entity, term, event or source."""
        kind = self.kind_of[rid]
        rec = self.data.by_id(kind)[rid]
        return getattr(rec, "name", None) or getattr(rec, "term", None) or getattr(rec, "title", rid)

    def shown_results(self, results: list[Result]) -> list[Result]:
        """Results as tables show them: in a conflict, only the preferred row."""
        return [r for r in results if not r.conflict or r.preferred]

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


@dataclass
class PageWriter:
    """Renders references to records for one page and records which facts it showed."""

    ctx: Context
    uri: str
    """Source path of the page being written, relative to docs/ (e.g. ``benchmarks/hle.md``)."""
    facts: list[Fact] = field(default_factory=list)

    def link(self, target: str) -> str:
        """Relative link from this page to ``target`` (a docs path, optionally with #anchor)."""
        return rel(self.uri, target)

    def name(self, rid: str) -> str:
        """The entity's name, linked to the page that describes it."""
        kind = self.ctx.kind_of[rid]
        label = md(self.ctx.name(rid))
        if kind in ("claims",):
            return label
        return f"[{label}]({self.link(page_of(kind, rid))})"

    def cites(self, source_ids: list[str], compact: bool = False) -> str:
        """Superscript citation links to the bibliography, each titled with publisher and date.

        In compact form (dense tables) the links are numbered; their tooltip and accessible
        name still give the publisher and title.
        """
        links = []
        for n, sid in enumerate(source_ids, start=1):
            src = self.ctx.sources[sid]
            if self.uri not in self.ctx.cited_by[sid]:
                self.ctx.cited_by[sid].append(self.uri)
            title = attr(f"{src.title} — {self.ctx.source_label(src)}")
            target = self.link(page_of("sources", sid))
            if compact:
                links.append(f'[{n}]({target} "{title}"){{ aria-label="Source {n}: {title}" }}')
            else:
                links.append(f'[{md(src.publisher)}]({target} "{title}")')
        return f'<sup class="kb-cite" data-search-exclude>{", ".join(links)}</sup>'

    def badge(self, fact: Fact, compact: bool = False) -> str:
        """Provenance badge (with tooltip naming sources and dates) plus weak/stale/disputed marks."""
        self.facts.append(fact)
        sources = "; ".join(self.ctx.source_label(self.ctx.sources[s]) for s in fact.sources)
        label = (SHORT_LABELS if compact else PROVENANCE_LABELS)[fact.provenance]
        tip = f"{sentence(PROVENANCE_HELP[fact.provenance])}. Source: {sources}. Checked {human_day(fact.as_of)}."
        out = f'<span class="kb-badge kb-badge--{fact.provenance}" title="{attr(tip)}" data-search-exclude>{md(label)}</span>'
        if fact.conflict:
            conflict = self.ctx.conflicts[fact.conflict]
            tip = f"Sources disagree: {conflict.title}. See every value and its source."
            target = self.link(page_of("conflicts", fact.conflict))
            out += f'[disputed]({target} "{attr(tip)}"){{ .kb-badge .kb-badge--disputed data-search-exclude }}'
        if fact.confidence == "C":
            weak = "weak" if compact else "weakly sourced"
            out += f'<span class="kb-badge kb-badge--weak" title="{attr(sentence(CONFIDENCE_HELP["C"]))}" data-search-exclude>{weak}</span>'
        if self.ctx.is_stale(fact):
            tip = f"Last checked {human_day(fact.as_of)}; past its review period, so it may be out of date."
            stale = "stale?" if compact else "possibly stale"
            out += f'<span class="kb-badge kb-badge--stale" title="{attr(tip)}" data-search-exclude>{stale}</span>'
        return out

    def marked(self, fact: Fact, compact: bool = False) -> str:
        """Badge and citations for a fact, as placed after its value or statement."""
        return f"{self.badge(fact, compact)}{self.cites(fact.sources, compact)}"

    def noted(self, fact: Fact) -> str:
        """Badge, citations and the fact's note (used where a statement is shown in full)."""
        note = f' <span class="kb-note">{md(fact.note)}</span>' if fact.note else ""
        return self.marked(fact) + note

    def checked_range(self) -> tuple[dt.date, dt.date] | None:
        """Oldest and newest ``as_of`` among the facts shown on this page."""
        if not self.facts:
            return None
        days = [f.as_of for f in self.facts]
        return min(days), max(days)
