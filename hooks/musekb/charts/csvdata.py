"""The CSV file next to every chart: exactly the figures it plots, with provenance and grade."""

from __future__ import annotations

import csv
import io

from ..comparison import Pair
from ..context import Lookups
from ..dates import PartialDate
from ..records import Benchmark, Claim, Model, Result

RESULT_COLUMNS = [
    "benchmark",
    "benchmark_name",
    "model",
    "model_name",
    "mode",
    "setting",
    "value",
    "unit",
    "provenance",
    "confidence",
    "sources",
]
LEAD_COLUMNS = [
    "benchmark",
    "benchmark_name",
    "setting",
    "unit",
    "higher_is_better",
    "muse_model",
    "muse_mode",
    "muse_value",
    "muse_provenance",
    "muse_confidence",
    "rival_model",
    "rival_name",
    "rival_mode",
    "rival_value",
    "rival_provenance",
    "rival_confidence",
    "lead",
    "sources",
]
TIMELINE_COLUMNS = [
    "model",
    "model_name",
    "released",
    "plotted_day",
    "earliest_day",
    "latest_day",
    "weights",
    "provenance",
    "confidence",
    "sources",
]


def csv_bytes(columns: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def num(value: float) -> str:
    """A number as CSV readers expect it: no thousands separators, no float noise."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def result_row(look: Lookups, bench: Benchmark, res: Result) -> list[str]:
    return [
        bench.id,
        bench.name,
        res.model,
        look.name(res.model),
        res.mode or "",
        res.setting,
        num(res.value),
        bench.scale.unit,
        res.provenance,
        look.grade(res).letter,
        ";".join(res.sources),
    ]


def lead_row(look: Lookups, pair: Pair) -> list[str]:
    muse, rival, bench = pair.muse, pair.rival, pair.benchmark
    return [
        bench.id,
        bench.name,
        muse.setting,
        bench.scale.unit,
        "true" if bench.scale.higher_is_better else "false",
        muse.model,
        muse.mode or "",
        num(muse.value),
        muse.provenance,
        look.grade(muse).letter,
        rival.model,
        look.name(rival.model),
        rival.mode or "",
        num(rival.value),
        rival.provenance,
        look.grade(rival).letter,
        num(float(pair.lead)),
        ";".join(dict.fromkeys([*muse.sources, *rival.sources])),
    ]


def timeline_row(look: Lookups, model: Model, when: PartialDate, middle, weights: str, claims: list[Claim]) -> list[str]:
    return [
        model.id,
        model.name,
        when.iso(),
        middle.isoformat(),
        when.first_day.isoformat(),
        when.last_day.isoformat(),
        weights,
        ";".join(dict.fromkeys(c.provenance for c in claims)),
        look.grade(claims[0]).letter,  # the release date's grade: it places the marker
        ";".join(dict.fromkeys(s for c in claims for s in c.sources)),
    ]
