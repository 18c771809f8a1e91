"""How a record's names are written where readers and the site search meet them: in headings.

Search ranks a word in a heading far above the same word in the text, so a benchmark's
heading carries its abbreviation, and the glossary's headings carry each term's.
"""

from __future__ import annotations

import re

from .records import Benchmark


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def with_abbr(name: str, abbr: str | None) -> str:
    """A name followed by its abbreviation, unless the name already spells it out."""
    if not abbr or _words(abbr) <= _words(name):
        return name
    if name.endswith(")"):  # "MedXpertQA (multimodal; MedXpertQA MM)", not two brackets
        return f"{name[:-1]}; {abbr})"
    return f"{name} ({abbr})"


def benchmark_heading(bench: Benchmark) -> str:
    """The benchmark's heading: its name and abbreviation, so that search finds the page by either."""
    return with_abbr(bench.name, bench.abbr)


def other_names(bench: Benchmark) -> list[str]:
    """The benchmark's aliases that add a word to its heading, for readers and for search."""
    seen = _words(benchmark_heading(bench))
    out = []
    for alias in bench.aliases:
        if not _words(alias) <= seen:
            out.append(alias)
            seen |= _words(alias)
    return out


__all__ = ["benchmark_heading", "other_names", "with_abbr"]
