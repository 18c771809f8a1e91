"""Markdown blocks shared by shortcodes and generated pages: tables, lists, conflict boxes."""

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
    """A Markdown table; cells must already be escaped Markdown.

    A sortable table that is not ``searchable`` is left out of the site search.
    """
    rows = list(rows)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    out = "\n".join(lines)
    # attr_list cannot target a table, so sortable tables are wrapped in a marked div.
    exclude = "" if searchable else ' data-search-exclude=""'
    return f'<div class="kb-sortable"{exclude} markdown>\n\n{out}\n\n</div>' if sortable else out


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
    """An admonition listing every disputed value with its source, and the site's resolution."""
    conflict = w.ctx.conflicts[conflict_id]
    members = w.ctx.conflict_members[conflict_id]
    rows = []
    for fact in members:
        used = "yes" if fact.preferred else ""
        rows.append([fact_subject(w, fact), fact_value_text(w, fact), w.marked(fact), used])
    body = table(["About", "Value", "Source", "Used in tables"], rows, sortable=False)
    lines = [
        f'!!! warning "Sources disagree: {_title(conflict.title)}"',
        "",
        _indent(md(conflict.summary)),
        "",
        _indent(body),
        "",
        _indent(f"**What this site uses.** {md(conflict.resolution)} {w.cites(conflict.sources)}"),
    ]
    return "\n".join(lines)


def bullet_claims(w: PageWriter, claims: Iterable[Claim]) -> str:
    """A bullet list of claims, each with badge and citations."""
    return "\n".join(f"- {md(c.statement)} {w.noted(c)}" for c in claims)


def event_list(w: PageWriter, events: Iterable[Event]) -> str:
    """A dated bullet list of events linking to the timeline."""
    lines = []
    for ev in events:
        date = f"[{md(ev.date.human())}]({w.link('timeline.md#' + ev.id)})"
        lines.append(f"- **{date}** — {md(ev.title)} {w.noted(ev)}")
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.splitlines())


def _title(text: str) -> str:
    # admonition titles sit inside double quotes; md() already encodes quotes
    return md(text)


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
    return f' [edit]({record_url(w.ctx, where.file, line)} "{label}"){{ .kb-edit aria-label="{label}" data-search-exclude }}'


def edit_list(w: PageWriter, entries: Iterable[tuple[str, Record]]) -> str:
    """A collapsed list of edit links, one per record shown on a page (nothing without a repository).

    ``entries`` pairs each record with its label, already escaped Markdown.
    """
    if not w.ctx.repo_url:
        return ""
    items = []
    for label, rec in entries:
        where = w.ctx.data.locate(rec)
        line = where.line()
        items.append(f"- {label}: [{where.file}, line {line}]({record_url(w.ctx, where.file, line)})")
    return (
        '<details class="kb-edit-list" markdown data-search-exclude>\n<summary>Edit the data on this page</summary>\n\n'
        + "\n".join(items)
        + "\n\n</details>"
    )
