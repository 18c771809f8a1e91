"""The words the data may use: every field whose value comes from a fixed list.

Each list here is a ``Literal`` type; the record models in :mod:`musekb.records` use them, and
the JSON Schemas and the data reference list their allowed values from them.
"""

from __future__ import annotations

from typing import Literal

Provenance = Literal["fact", "meta-claim", "independent", "press-report", "opinion"]
"""How a statement is known: an established fact (Meta or several reputable outlets agree
and nobody disputes it), Meta's own claim, an independent measurement, a press report, or
a named person's opinion."""

Confidence = Literal["A", "B", "C"]
"""A, B or C: computed from a record's sources by :mod:`musekb.grading`; data may only lower it.
Contradicted facts (grade X) are not recorded at all."""

Topic = Literal["design", "family", "benchmarks", "safety", "strategy", "organisation", "market", "perspectives"]

Unit = Literal[
    "percent",
    "percentage-points",
    "elo",
    "index",
    "rank",
    "million-tokens",
    "tokens",
    "usd",
    "usd-billion",
    "usd-per-million-tokens",
    "requests-per-minute",
    "billion-parameters",
    "count",
    "pages",
    "times",
    "months",
]

ReadAs = Literal["direct", "copy", "summary", "not-opened"]
"""How a source was read: the page itself; a faithful copy of it elsewhere (``via``); only a
summary or quotation of it (``via``); or not at all (known because other sources cite it)."""

SourceKind = Literal[
    "meta",
    "news",
    "analysis",
    "blog",
    "docs",
    "leaderboard",
    "paper",
    "podcast",
    "social",
    "aggregator",
    "tracker",
]

Weights = Literal["closed", "open", "unknown"]

BenchmarkCategory = Literal["vision", "health", "reasoning", "science", "coding", "agentic", "knowledge", "index", "arena"]

Setting = Literal["standard", "no-tools", "with-tools"]

Attribute = Literal[
    "released",
    "access",
    "weights",
    "licence",
    "context-window",
    "max-output",
    "parameters",
    "active-parameters",
    "architecture",
    "modalities-in",
    "modalities-out",
    "price-input",
    "price-cached-input",
    "price-output",
    "rate-limit",
]
