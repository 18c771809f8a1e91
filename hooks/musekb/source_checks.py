"""Checks on what records rest on: grades within their sources, one source per address, no repeated claims."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from .grading import ORDER, graded_records
from .load import Dataset
from .problems import Problem
from .records import Claim, Record


def _problem(data: Dataset, rec: Record, field: str, message: str, fix: str, *path: str | int) -> Problem:
    where = data.locate(rec)
    return Problem(where.file, where.line(*(path or (field,))), field, message, fix)


def grades_within_sources(data: Dataset, today, pages) -> Iterator[Problem]:
    """A typed grade may lower the computed one (with a reason) but never raise it."""
    if data.dropped.keys() & {"sources", "models", "organisations", "benchmarks", "people"}:
        return  # a grade depends on these records: one that failed to load would make it look weaker
    owners = {id(role): (person, i) for person in data.people for i, role in enumerate(person.roles)}
    for rec in graded_records(data):
        typed = rec.confidence
        if not typed:
            continue
        grade = data.grade(rec)
        owner, path = (rec, ()) if id(rec) not in owners else (owners[id(rec)][0], ("roles", owners[id(rec)][1]))
        field = ".".join([f"roles[{path[1]}]"] if path else []) + ("." if path else "") + "confidence"
        if ORDER.index(typed) < ORDER.index(grade.supported):
            yield _problem(
                data,
                owner,
                field,
                f"{typed} is above what the sources support ({grade.supported}: {grade.basis})",
                "cite a stronger source or lower the grade",
                *path,
                "confidence",
            )
        elif ORDER.index(typed) > ORDER.index(grade.supported) and not rec.confidence_reason:
            yield _problem(
                data,
                owner,
                field,
                f"{typed} is below what the sources support ({grade.supported}: {grade.basis}) and gives no reason",
                "add confidence_reason, or remove confidence to use the computed grade",
                *path,
                "confidence",
            )


def url_key(url: str) -> str:
    """An address without what does not change the page: scheme, ``www.``, query, fragment,
    trailing slash, and the ``.md``/``.md.txt`` text variants some sites serve."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = re.sub(r"(\.md\.txt|\.md|\.txt)$", "", parts.path).rstrip("/")
    return host + path


def duplicate_urls(data: Dataset, today, pages) -> Iterator[Problem]:
    """The same page is not recorded under two source ids."""
    seen: dict[str, str] = {}
    for src in data.sources:
        key = url_key(src.url)
        if key in seen:
            yield _problem(
                data,
                src,
                "url",
                f"the same page is already source '{seen[key]}'",
                f"cite '{seen[key]}' instead and remove this one",
            )
        else:
            seen[key] = src.id


def relays_known(data: Dataset, today, pages) -> Iterator[Problem]:
    """``relays`` names a source that exists."""
    ids = set(data.by_id("sources"))
    for src in data.sources:
        if src.relays and src.relays not in ids and "*" not in data.dropped.get("sources", set()):
            yield _problem(data, src, "relays", f"unknown source '{src.relays}'", "give the id of the source this page repeats")


def repeated_claims(data: Dataset, today, pages) -> Iterator[Problem]:
    """Two claims do not give the same figure about the same subject (one fact, one record).

    The subject is a claim's first ``about`` id; the same value in the same unit about it is
    one fact told twice. Values inside declared conflicts are measurements of a named thing
    (one share move, one rank), so two of them never count as a repeat.
    """
    seen: dict[tuple, Claim] = {}
    for claim in data.claims:
        if not isinstance(claim.value, float) or claim.provenance == "opinion" or not claim.about:
            continue
        key = (claim.about[0], claim.value, claim.unit, claim.attribute)
        first = seen.setdefault(key, claim)
        if first is not claim and not (claim.conflict and first.conflict):
            where = data.locate(first)
            yield _problem(
                data,
                claim,
                "value",
                f"claim '{first.id}' ({where.file}:{where.line()}) already gives {claim.value:g} about {claim.about[0]}",
                "merge the two claims into one, citing both sets of sources",
            )


SOURCE_CHECKS = [grades_within_sources, duplicate_urls, relays_known, repeated_claims]

__all__ = ["SOURCE_CHECKS", "url_key"]
