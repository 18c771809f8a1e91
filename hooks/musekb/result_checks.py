"""Checks on benchmark results: a score fits its benchmark's scale, and the model existed.

The mistakes caught here are easy to make when copying a score: the wrong scale or unit (a
percentage typed as a fraction), or a source that cannot report the score (published before
the model was released).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from .dates import DateError, PartialDate
from .load import Dataset
from .problems import Problem
from .records import Record, Result


def _p(data: Dataset, rec: Record, field: str, message: str, fix: str) -> Problem:
    where = data.locate(rec)
    return Problem(where.file, where.line(field), field, message, fix)


def result_ranges(data: Dataset, today, pages) -> Iterator[Problem]:
    """A result lies within its benchmark's scale."""
    benchmarks = data.by_id("benchmarks")
    for rec in data.results:
        bench = benchmarks.get(rec.benchmark)
        if not bench:
            continue
        low, high = bench.scale.min, bench.scale.max
        if rec.value < low or (high is not None and rec.value > high):
            span = f"{low:g} to {high:g}" if high is not None else f"at least {low:g}"
            yield _p(
                data,
                rec,
                "value",
                f"{rec.value:g} is outside the {bench.scale.unit} scale of {bench.id} ({span})",
                "check the figure and its unit",
            )


def released_on(data: Dataset) -> dict[str, PartialDate]:
    """Model id -> release date, from claims with ``attribute: released`` (preferred in a conflict)."""
    out: dict[str, PartialDate] = {}
    for claim in data.claims:
        if claim.attribute == "released" and isinstance(claim.value, str) and (not claim.conflict or claim.preferred):
            try:
                day = PartialDate.parse(claim.value)
            except DateError:
                continue
            for about in claim.about:
                out[about] = day
    return out


def results_after_release(data: Dataset, today, pages) -> Iterator[Problem]:
    """A score cannot have been checked before the model it measures was released."""
    released = released_on(data)
    for rec in data.results:
        day = released.get(rec.model)
        if day and rec.as_of < day.first_day:
            yield _p(
                data,
                rec,
                "as_of",
                f"checked {rec.as_of}, before {rec.model} was released ({day})",
                "fix as_of or the model's released claim",
            )


def percent_typed_as_fraction(data: Dataset, today, pages) -> Iterator[Problem]:
    """A percentage written as a fraction (0.777 for 77.7 %) on a 0–100 benchmark.

    The rule: on a benchmark whose unit is percent, a score between 0 and 1 is reported when
    every other score on that benchmark is more than ten times larger. A fraction typed for a
    percentage is a hundred times too small, so it stands out that way; a genuinely tiny score
    among other small ones (early models on a new, hard benchmark) is left alone.
    """
    benchmarks = data.by_id("benchmarks")
    by_benchmark: dict[str, list[Result]] = defaultdict(list)
    for rec in data.results:
        by_benchmark[rec.benchmark].append(rec)
    for bench_id, results in by_benchmark.items():
        bench = benchmarks.get(bench_id)
        if not bench or bench.scale.unit != "percent":
            continue
        for rec in results:
            others = [r.value for r in results if r is not rec]
            if 0 < rec.value < 1 and others and min(others) > 10 * rec.value:
                yield _p(
                    data,
                    rec,
                    "value",
                    f"{rec.value:g} looks like a fraction: {bench_id} is scored in percent (0–100), and its other "
                    f"scores are {min(others):g} to {max(others):g}",
                    f"write the percentage: {rec.value * 100:g} for {rec.value * 100:g} %",
                )


def sources_before_the_model(data: Dataset, today, pages) -> Iterator[Problem]:
    """A result cites at least one source published once the model existed.

    A score of a model cannot come only from publications that appeared before the model was
    released: the cited source is the wrong one, or one of the dates is.
    """
    released = released_on(data)
    sources = data.by_id("sources")
    for rec in data.results:
        day = released.get(rec.model)
        cited = [sources[s] for s in rec.sources if s in sources]
        if not day or not cited or any(s.published == "undated" for s in cited):
            continue
        if all(s.published.last_day < day.first_day for s in cited):
            latest = max(cited, key=lambda s: s.published.last_day)
            yield _p(
                data,
                rec,
                "sources",
                f"every source was published before {rec.model} was released ({day}); the latest, "
                f"'{latest.id}', on {latest.published}",
                "cite the publication that reports this score, or fix the model's released claim or the source's date",
            )


RESULT_CHECKS = [result_ranges, results_after_release, percent_typed_as_fraction, sources_before_the_model]

__all__ = ["RESULT_CHECKS", "released_on"]
