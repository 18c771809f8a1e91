"""Rules that span records: references, uniqueness, conflicts, provenance and dates.

Each check collects every violation it finds; :func:`check_dataset` runs them all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from .coverage import coverage_checks
from .load import ALL_IDS, Dataset
from .problems import Problem, closest
from .records import Claim, Event, Fact, Record, Result, Sourced
from .result_checks import RESULT_CHECKS
from .source_checks import SOURCE_CHECKS

ENTITY_KINDS = ("models", "organisations", "people", "benchmarks")
ID_KINDS = ("sources", "organisations", "people", "models", "benchmarks", "claims", "events", "glossary", "conflicts")


def check_dataset(data: Dataset, today: dt.date, pages: set[str] | None = None) -> list[Problem]:
    """Run every cross-record check.

    Args:
        data: The loaded records.
        today: The build date; nothing may be dated after it.
        pages: Hand-written page paths relative to ``docs/`` (e.g. ``design.md``) that
            ``page:`` fields may point at; ``None`` skips that check.
    """
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(data, today, pages))
    return problems


def _p(data: Dataset, rec: Record, field: str, message: str, fix: str, *path: str | int) -> Problem:
    where = data.locate(rec)
    return Problem(where.file, where.line(*(path or (field,))), field, message, fix)


def unique_ids(data: Dataset, today, pages) -> Iterator[Problem]:
    """Ids are unique across every kind, so a bare id in a page or a fact is unambiguous."""
    first: dict[str, Record] = {}
    for kind in ID_KINDS:
        for rec in data.records(kind):
            if rec.id in first:
                other = data.locate(first[rec.id])
                yield _p(
                    data,
                    rec,
                    "id",
                    f"id '{rec.id}' is already used ({other.file}:{other.line('id')})",
                    "choose another id",
                )
            else:
                first[rec.id] = rec


def references(data: Dataset, today, pages) -> Iterator[Problem]:
    """Every id a record mentions exists, and in the right kind of record."""
    ids = {kind: set(data.by_id(kind)) | data.dropped.get(kind, set()) for kind in ID_KINDS}
    entities = set().union(*(ids[k] for k in ENTITY_KINDS))
    speakers = ids["people"] | ids["organisations"]

    def ref(rec, field, value, allowed, what, *path):
        if value is not None and value not in allowed and ALL_IDS not in allowed:
            yield _p(data, rec, field, f"unknown {what} '{value}'", _suggest(value, allowed, what), *(path or (field,)))

    for kind in ID_KINDS + ("results",):
        for rec in data.records(kind):
            if isinstance(rec, Sourced):
                for i, sid in enumerate(rec.sources):
                    yield from ref(rec, f"sources[{i}]", sid, ids["sources"], "source", "sources", i)
            if isinstance(rec, Fact):
                yield from ref(rec, "conflict", rec.conflict, ids["conflicts"], "conflict")
            for i, eid in enumerate(getattr(rec, "about", []) or []):
                yield from ref(rec, f"about[{i}]", eid, entities, "model, organisation, person or benchmark", "about", i)
    for rec in data.models:
        yield from ref(rec, "org", rec.org, ids["organisations"], "organisation")
        yield from ref(rec, "version_of", rec.version_of, ids["models"], "model")
    for rec in data.organisations:
        yield from ref(rec, "parent", rec.parent, ids["organisations"], "organisation")
    for rec in data.people:
        for i, role in enumerate(rec.roles):
            yield from ref(rec, f"roles[{i}].org", role.org, ids["organisations"], "organisation", "roles", i, "org")
            for j, sid in enumerate(role.sources):
                yield from ref(rec, f"roles[{i}].sources[{j}]", sid, ids["sources"], "source", "roles", i, "sources", j)
    models = data.by_id("models")
    for rec in data.results:
        yield from ref(rec, "model", rec.model, ids["models"], "model")
        yield from ref(rec, "benchmark", rec.benchmark, ids["benchmarks"], "benchmark")
        model = models.get(rec.model)
        if model and rec.mode is not None and rec.mode not in model.modes:
            modes = ", ".join(model.modes) or "none declared"
            yield _p(
                data,
                rec,
                "mode",
                f"'{rec.mode}' is not a mode of {rec.model} ({modes})",
                "use one of its modes, omit mode, or add the mode in models.yaml",
            )
    for rec in data.claims:
        yield from ref(rec, "speaker", rec.speaker, speakers, "person or organisation")
    for rec in data.glossary:
        yield from ref(rec, "benchmark", rec.benchmark, ids["benchmarks"], "benchmark")
    for rec in data.benchmarks:
        yield from ref(rec, "maintainer", rec.maintainer, ids["organisations"], "organisation")


def _suggest(value: str, allowed: Iterable[str], what: str) -> str:
    close = closest(value, allowed)
    return f"did you mean '{close}'?" if close else f"add the {what.split(',')[0]} first or fix the id"


def orphan_sources(data: Dataset, today, pages) -> Iterator[Problem]:
    """Every source is cited by at least one record."""
    if data.dropped:
        return  # a record that failed to load may be the one citing it
    cited = set()
    for kind in ID_KINDS + ("results",):
        for rec in data.records(kind):
            cited.update(getattr(rec, "sources", []))
            for role in getattr(rec, "roles", []):
                cited.update(role.sources)
    for topic in data.coverage:  # a gap may name the source that announced what is missing
        for gap in topic.gaps:
            cited.update(gap.sources)
    for src in data.sources:
        if src.id not in cited:
            yield _p(data, src, "id", f"source '{src.id}' is not cited by any record", "cite it or remove it")


def one_value_per_key(data: Dataset, today, pages) -> Iterator[Problem]:
    """One result per (model, benchmark, mode, setting), unless the rows form a declared conflict."""
    yield from _one_per_key(data, data.results, lambda r: r.key, "result for this model, benchmark, mode and setting")
    attr_claims = [c for c in data.claims if c.attribute]
    yield from _one_per_key(data, attr_claims, lambda c: (tuple(c.about), c.attribute), "claim giving this attribute")


def _one_per_key(data: Dataset, records: list, key: Callable, what: str) -> Iterator[Problem]:
    groups = defaultdict(list)
    for rec in records:
        groups[key(rec)].append(rec)
    for rows in groups.values():
        if len(rows) < 2:
            continue
        conflicts = {r.conflict for r in rows}
        if None in conflicts or len(conflicts) > 1:
            first = data.locate(rows[0])
            for rec in rows[1:]:
                yield _p(
                    data,
                    rec,
                    "conflict",
                    f"another {what} exists ({first.file}:{first.line()})",
                    "remove the duplicate, or give every row the same conflict: id",
                )
            continue
        preferred = [r for r in rows if r.preferred]
        if len(preferred) != 1:
            yield _p(
                data,
                rows[0],
                "preferred",
                f"conflict '{rows[0].conflict}' has {len(preferred)} rows marked preferred",
                "mark exactly one row preferred: true (the value used in tables)",
            )
        values = [getattr(r, "value", None) for r in rows]
        if len(set(map(repr, values))) < 2:
            yield _p(data, rows[-1], "value", "rows of a conflict must give different values", "remove the duplicate row")
        source_sets = [tuple(sorted(r.sources)) for r in rows]
        if len(set(source_sets)) < len(rows):
            yield _p(
                data,
                rows[-1],
                "sources",
                "each value in a conflict needs its own source",
                "cite the source that gives this value",
            )


def conflicts_used(data: Dataset, today, pages) -> Iterator[Problem]:
    """Every declared conflict is referenced by at least two facts with different values."""
    if data.dropped.keys() & {"results", "claims", "events"}:
        return  # the missing member may be in a record that failed to load
    members = defaultdict(list)
    for rec in [*data.results, *data.claims, *data.events]:
        if rec.conflict:
            members[rec.conflict].append(rec)
    for conflict in data.conflicts:
        rows = members.get(conflict.id, [])
        if len(rows) < 2:
            yield _p(
                data,
                conflict,
                "id",
                f"conflict '{conflict.id}' is referenced by {len(rows)} fact(s)",
                "point at least two facts with different values at it (conflict: id)",
            )


def provenance(data: Dataset, today, pages) -> Iterator[Problem]:
    """Provenance agrees with the sources.

    An independent measurement cannot rest only on Meta's publications or copies of
    them; Meta's claim must cite Meta or a source that relays Meta's material.
    """
    sources = data.by_id("sources")
    for rec in [*data.results, *data.claims, *data.events]:
        cited = [sources[s] for s in rec.sources if s in sources]
        if not cited:
            continue
        from_meta = [s for s in cited if s.kind == "meta" or s.relays_meta]
        if rec.provenance == "independent" and len(from_meta) == len(cited):
            yield _p(
                data,
                rec,
                "provenance",
                "marked independent but every source is Meta's or relays Meta",
                "cite the independent measurer, or mark it meta-claim",
            )
        if rec.provenance == "meta-claim" and not from_meta:
            yield _p(
                data,
                rec,
                "provenance",
                "marked meta-claim but no source is Meta's or relays Meta",
                "cite Meta's publication or a report of it (relays_meta: true), or change provenance",
            )
        if isinstance(rec, Result) and rec.provenance not in ("meta-claim", "independent"):
            yield _p(
                data,
                rec,
                "provenance",
                f"a result must be meta-claim or independent, not {rec.provenance}",
                "say who measured it",
            )


def dates(data: Dataset, today: dt.date, pages) -> Iterator[Problem]:
    """Nothing is dated after the build; nothing was checked before its sources existed."""
    sources = data.by_id("sources")
    for src in data.sources:
        if src.accessed > today:
            yield _p(data, src, "accessed", f"{src.accessed} is after today ({today})", "use the day you read it")
        if src.published != "undated":
            if src.published.first_day > today:
                yield _p(data, src, "published", f"{src.published} is in the future", "check the date")
            elif src.published.first_day > src.accessed:
                yield _p(
                    data,
                    src,
                    "published",
                    f"published {src.published} after it was accessed ({src.accessed})",
                    "fix one of the two dates",
                )
    for rec in [*data.results, *data.claims, *data.events]:
        if rec.as_of > today:
            yield _p(data, rec, "as_of", f"{rec.as_of} is after today ({today})", "use the day you checked it")
            continue
        for sid in rec.sources:
            src = sources.get(sid)
            if src and src.published != "undated" and src.published.first_day > rec.as_of:
                yield _p(
                    data,
                    rec,
                    "as_of",
                    f"checked {rec.as_of}, before source '{sid}' was published ({src.published})",
                    "set as_of to the day you checked the sources",
                )
                break
        if isinstance(rec, Event):
            if rec.date.first_day > today:
                yield _p(data, rec, "date", f"{rec.date} is in the future", "only record events that happened")
            elif rec.date.first_day > rec.as_of:
                yield _p(data, rec, "as_of", f"checked {rec.as_of}, before the event ({rec.date})", "fix as_of")


def timeline_order(data: Dataset, today, pages) -> Iterator[Problem]:
    """events.yaml is kept in date order, so diffs stay readable and the timeline is right."""
    for before, after in zip(data.events, data.events[1:], strict=False):
        if after.date.first_day < before.date.first_day:
            yield _p(
                data,
                after,
                "date",
                f"{after.date} comes before the previous event ({before.date})",
                f"move '{after.id}' above '{before.id}'",
            )


def page_links(data: Dataset, today, pages: set[str] | None) -> Iterator[Problem]:
    """``page:`` fields point at hand-written pages that exist."""
    if pages is None:
        return
    for rec in [*data.events, *data.glossary]:
        target = getattr(rec, "page", None)
        if target and target.split("#", 1)[0] not in pages:
            yield _p(
                data,
                rec,
                "page",
                f"no page '{target.split('#', 1)[0]}' in docs/",
                "use a path relative to docs/, e.g. strategy.md#open-weights",
            )


def opinion_only_in_perspectives(data: Dataset, today, pages) -> Iterator[Problem]:
    """Opinions stay on the perspectives page, apart from the factual pages."""
    for rec in data.claims:
        if isinstance(rec, Claim) and rec.provenance == "opinion" and rec.topic != "perspectives":
            yield _p(
                data,
                rec,
                "topic",
                "an opinion must have topic: perspectives",
                "set topic: perspectives, or restate it as a sourced fact",
            )


CHECKS = [
    unique_ids,
    references,
    orphan_sources,
    one_value_per_key,
    conflicts_used,
    provenance,
    dates,
    timeline_order,
    page_links,
    opinion_only_in_perspectives,
    *RESULT_CHECKS,
    *SOURCE_CHECKS,
    coverage_checks,
]
