"""Blocks shared by shortcodes and generated pages: tables, lists, conflict boxes.

Each block is HTML that starts a line and is followed by a blank line, so Python-Markdown
passes it through as a raw block instead of parsing hundreds of cells and badges: the
largest generated pages convert several times faster. Every piece of data text in a block
was escaped by :func:`musekb.text.md` (entities for HTML and Markdown syntax alike), so
neither Markdown nor any extension (includes, abbreviations) acts on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress

from .dates import DateError, PartialDate
from .labels import SETTING_LABELS, mode_label
from .page import PageWriter
from .records import Claim, Event, Fact, Record, Result
from .site_urls import record_url
from .text import attr, md, md_figure


def table(header: list[str], rows: Iterable[list[str]], sortable: bool = True, searchable: bool = True) -> str:
    """An HTML table; header and cells must already be escaped HTML.

    A sortable table that is not ``searchable`` is left out of the site search.
    """
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    out = f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    exclude = "" if searchable else ' data-search-exclude=""'
    return f'<div class="kb-sortable"{exclude}>\n{out}\n</div>' if sortable else out


def bullets(items: Iterable[str]) -> str:
    """An HTML bullet list; items must already be escaped HTML."""
    return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"


def result_value(w: PageWriter, res: Result, compact: bool = False) -> str:
    """A score with its unit, badge and citations."""
    unit = w.ctx.benchmarks[res.benchmark].scale.unit
    return f"{md_figure(res.value, unit)} {w.marked(res, compact)}"


def claim_display(claim: Claim) -> str:
    """A claim's value as readers see it (Markdown-safe): release dates in words, units attached."""
    value = claim.value if claim.value is not None else claim.statement
    if claim.attribute == "released" and isinstance(value, str):
        with suppress(DateError):  # a released value that is not a date is shown as written
            value = PartialDate.parse(value).human()
    return md_figure(value, claim.unit)


def claim_value(w: PageWriter, claim: Claim, compact: bool = False) -> str:
    """A claim's value (formatted) with badge and citations."""
    return f"{claim_display(claim)} {w.marked(claim, compact)}"


def fact_value_text(w: PageWriter, fact: Fact) -> str:
    """The value a fact gives, as plain escaped Markdown (for conflict tables)."""
    if isinstance(fact, Result):
        return md_figure(fact.value, w.ctx.benchmarks[fact.benchmark].scale.unit)
    if isinstance(fact, Claim):
        return claim_display(fact)
    if isinstance(fact, Event):
        return md(fact.date.human())
    return ""


def fact_subject(w: PageWriter, fact: Fact) -> str:
    """What a disputed fact is about, e.g. ``Muse Spark · HLE · Thinking, no tools``."""
    if isinstance(fact, Result):
        bits = [w.name(fact.model), w.name(fact.benchmark)]
        detail = ", ".join(x for x in (mode_label(fact.mode) if fact.mode else "", SETTING_LABELS[fact.setting]) if x)
        return " · ".join(bits + ([md(detail)] if detail else []))
    if isinstance(fact, Event):
        return md(fact.title)
    if isinstance(fact, Claim):
        return ", ".join(w.name(a) for a in fact.about) or md(fact.topic)
    return ""


def conflict_box(w: PageWriter, conflict_id: str) -> str:
    """A warning box (Material's admonition, as HTML) listing every disputed value with its source."""
    conflict = w.ctx.conflicts[conflict_id]
    members = w.ctx.conflict_members[conflict_id]
    rows = []
    for fact in members:
        used = "yes" if fact.preferred else ""
        rows.append([fact_subject(w, fact), fact_value_text(w, fact), w.marked(fact), used])
    body = table(["About", "Value", "Source", "Used in tables"], rows, sortable=False)
    return "\n".join(
        [
            '<div class="admonition warning">',
            f'<p class="admonition-title">Sources disagree: {md(conflict.title)}</p>',
            f"<p>{md(conflict.summary)}</p>",
            body,
            f"<p><strong>What this site uses.</strong> {md(conflict.resolution)} {w.cites(conflict.sources)}</p>",
            "</div>",
        ]
    )


def bullet_claims(w: PageWriter, claims: Iterable[Claim]) -> str:
    """A bullet list of claims, each with badge and citations."""
    return bullets(f"{md(c.statement)} {w.noted(c)}" for c in claims)


def event_list(w: PageWriter, events: Iterable[Event]) -> str:
    """A dated bullet list of events linking to the timeline."""
    return bullets(
        f"<strong>{w.anchor('timeline.md#' + ev.id, md(ev.date.human()))}</strong> — {md(ev.title)} {w.noted(ev)}"
        for ev in events
    )


def edit_link(w: PageWriter, rec: Record, what: str) -> str:
    """A small "edit" link to the line of the data file that holds ``rec`` (nothing without a repository).

    ``what`` names the record for screen readers, so that the many "edit" links of a list page
    each say which entry they edit.
    """
    if not w.ctx.repo_url:
        return ""
    where = w.ctx.data.locate(rec)
    line = where.line()
    label = attr(f"Edit {what} ({where.file}, line {line})")
    url = attr(record_url(w.ctx, where.file, line))
    return f' <a class="kb-edit" href="{url}" title="{label}" aria-label="{label}" data-search-exclude>edit</a>'


def edit_list(w: PageWriter, entries: Iterable[tuple[str, Record]]) -> str:
    """A collapsed list of edit links, one per record shown on a page (nothing without a repository).

    ``entries`` pairs each record with its label, already escaped.
    """
    if not w.ctx.repo_url:
        return ""
    items = []
    for label, rec in entries:
        where = w.ctx.data.locate(rec)
        line = where.line()
        url = attr(record_url(w.ctx, where.file, line))
        items.append(f'{label}: <a href="{url}">{md(where.file)}, line {line}</a>')
    return (
        '<details class="kb-edit-list" data-search-exclude>\n<summary>Edit the data on this page</summary>\n'
        + bullets(items)
        + "\n</details>"
    )
