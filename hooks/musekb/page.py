"""Rendering for one page: the writer that marks every fact it shows, and the finished page.

:class:`PageWriter` renders references to records for one page: names linked to their
pages, provenance badges, citations. It remembers every fact it rendered and every source
it cited, so the page can say when its facts were last checked and the bibliography can
list the pages citing each source. :class:`RenderedPage` is the finished page that every
renderer returns.

References are written as HTML (every data string escaped by :func:`musekb.text.md` or
:func:`musekb.text.attr`): Python-Markdown passes HTML through untouched, which keeps pages
with hundreds of badges cheap to convert, and the same fragment works in a Markdown
paragraph and inside the HTML tables and lists of :mod:`musekb.blocks`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .context import Context, page_of
from .dates import human_day
from .labels import PROVENANCE_HELP, PROVENANCE_LABELS, SHORT_LABELS, sentence
from .records import Fact, Graded
from .site_urls import href
from .text import attr, md, rel


@dataclass
class PageWriter:
    """Renders references to records for one page and records which facts it showed."""

    ctx: Context
    uri: str
    """Source path of the page being written, relative to docs/ (e.g. ``benchmarks/hle.md``)."""
    facts: list[Fact] = field(default_factory=list)
    """Every fact shown, in order (for the page's "checked as of" line)."""
    cited: dict[str, None] = field(default_factory=dict)
    """Ids of the sources the page cites, in first-cited order (a dict used as an ordered set)."""

    def link(self, target: str) -> str:
        """Relative Markdown link from this page to ``target`` (a docs path, optionally with #anchor)."""
        return rel(self.uri, target)

    def href(self, target: str) -> str:
        """Relative URL from this page to ``target``, for the HTML this writer emits."""
        return href(self.uri, target)

    def anchor(self, target: str, label: str, title: str = "", extra: str = "") -> str:
        """An HTML link to ``target``; ``label`` is HTML already, ``title`` plain text."""
        tip = f' title="{attr(title)}"' if title else ""
        return f'<a href="{self.href(target)}"{tip}{extra}>{label}</a>'

    def name(self, rid: str) -> str:
        """The entity's name, linked to the page that describes it."""
        kind = self.ctx.kind_of[rid]
        label = md(self.ctx.name(rid))
        if kind in ("claims",):
            return label
        return self.anchor(page_of(kind, rid), label)

    def cites(self, source_ids: list[str], compact: bool = False) -> str:
        """Superscript citation links to the bibliography, each titled with publisher and date.

        In compact form (dense tables) the links are numbered; their tooltip and accessible
        name still give the publisher and title.
        """
        links = []
        for n, sid in enumerate(source_ids, start=1):
            src = self.ctx.sources[sid]
            self.cited.setdefault(sid, None)
            title = f"{src.title} — {self.ctx.source_label(src)}"
            target = page_of("sources", sid)
            if compact:
                links.append(self.anchor(target, str(n), title, f' aria-label="Source {n}: {attr(title)}"'))
            else:
                links.append(self.anchor(target, md(src.publisher), title))
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
            extra = ' class="kb-badge kb-badge--disputed" data-search-exclude'
            out += self.anchor(page_of("conflicts", fact.conflict), "disputed", tip, extra)
        out += self.grade(fact, compact)
        if self.ctx.is_stale(fact):
            tip = f"Last checked {human_day(fact.as_of)}; past its review period, so it may be out of date."
            stale = "stale?" if compact else "possibly stale"
            out += f'<span class="kb-badge kb-badge--stale" title="{attr(tip)}" data-search-exclude>{stale}</span>'
        return out

    def grade(self, record: Graded, compact: bool = False) -> str:
        """The record's confidence grade, with what it rests on: shown on hover, read out by screen readers."""
        grade = self.ctx.grade(record)
        label = grade.letter if compact or grade.letter != "C" else "C · weakly sourced"
        why = f"Confidence {grade.why}."
        # The title shows the reason on hover (the browser's own tooltip is never clipped by a
        # scrolling table); the hidden text gives it to screen readers.
        return (
            f'<span class="kb-grade kb-grade--{grade.letter.lower()}" title="{attr(why)}" data-search-exclude>{md(label)}'
            f'<span class="kb-why"> ({md(why)})</span></span>'
        )

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


@dataclass
class RenderedPage:
    """A page ready for the site: where it goes, its Markdown, and where its content came from."""

    uri: str
    """Path relative to docs/, e.g. ``benchmarks/hle.md``."""
    title: str
    markdown: str
    writer: PageWriter
    origin: list[tuple[str, int]] = field(default_factory=list)
    """Data files (and lines) the page is generated from; empty for hand-written pages."""
    generated: bool = True
    front_matter: str = ""
    """A hand-written page's YAML front matter, kept apart from the body (MkDocs reads it itself)."""
    description: str = ""
    """A generated page's summary for search engines (hand-written pages set it in front matter)."""
    search: dict = field(default_factory=dict)
    """Material's ``search`` front matter: left out of the site search, or its boost."""

    @property
    def facts(self) -> list[Fact]:
        return self.writer.facts


def citation_index(pages: Iterable[RenderedPage]) -> dict[str, list[str]]:
    """Source id -> pages that cite it, in page order: the bibliography's "cited on" lists."""
    out: dict[str, list[str]] = {}
    for page in pages:
        for sid in page.writer.cited:
            out.setdefault(sid, []).append(page.uri)
    return out
