"""The confidence grade of a record, computed from the sources it cites.

A grade says how far a reader can trust a record, and it must follow from the sources the
record actually cites. The rule, in plain words (also on the methodology page):

- **A** — the original publication was read, directly or through a faithful copy (Meta's own
  page for Meta's claims; the organisation's own page for established facts about it and its
  models; the measurer's own page for
  independent measurements; the speaker's own words for an opinion), or two independent
  reputable outlets were read.
- **B** — one reputable outlet was read, or is known through a summary that was read; or the
  original is known only through relays (read through a summary, or not opened but reproduced
  by a source that was read); or a mid-tier
  outlet and at least one other independent source were read; or three independent weaker
  sources were read.
- **C** — anything less: only one or two weak or aggregator sources, or nothing read at all.

Sources count as independent when they come from different outlets: two pages of one outlet
count once, and a page that repeats another (``relays``) counts as the outlet it repeats.
A source never opened counts for nothing by itself. Data may lower a grade (with a reason);
it can never raise one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .load import Dataset
from .records import Claim, Fact, Graded, Organisation, Result, Role, Source

ORDER = "ABC"
STRONG_TIERS = ("primary", "reputable")
READ = ("direct", "copy")
"""Ways of reading that count as reading the publication itself."""


@dataclass(frozen=True)
class Grade:
    """A record's grade, what it rests on, and whether the data lowered it."""

    letter: str
    """The grade shown: the supported one, or the lower one the data gives."""
    supported: str
    """The best grade the cited sources support."""
    basis: str
    """What the supported grade rests on, for readers: ``one reputable outlet (Axios); Meta's page not opened``."""
    lowered: str | None = None
    """The data's reason for a grade below the supported one."""

    @property
    def why(self) -> str:
        """The full explanation shown with the badge: ``B: one reputable outlet (Axios); ...``."""
        if self.lowered:
            return f"{self.letter}: lowered from {self.supported} ({self.basis}): {self.lowered}"
        return f"{self.letter}: {self.basis}"


def outlet_key(source: Source) -> str:
    """The outlet a source belongs to, for counting independent outlets."""
    if source.kind == "meta":
        return "meta"
    if source.outlet:
        return source.outlet
    return re.sub(r"[^a-z0-9]+", "-", source.publisher.lower()).strip("-")


def independent_key(source: Source, sources: Mapping[str, Source]) -> str:
    """The outlet a source counts as: the end of its ``relays`` chain (cycles stop where they close)."""
    seen = {source.id}
    while source.relays and source.relays in sources and source.relays not in seen:
        source = sources[source.relays]
        seen.add(source.id)
    return outlet_key(source)


def original_outlets(record: Graded, data: Dataset) -> set[str]:
    """Outlets whose own page is the original publication of this record."""
    organisations = data.by_id("organisations")
    if isinstance(record, Role):
        return _with_parents({record.org}, organisations)
    if not isinstance(record, Fact):
        return set()
    if record.provenance == "meta-claim":
        return {"meta"}
    if record.provenance == "fact":
        # An organisation's own page establishes facts about it and about the models it makes.
        models = data.by_id("models")
        makers = {a for a in getattr(record, "about", []) if a in organisations}
        makers |= {models[a].org for a in getattr(record, "about", []) if a in models}
        return _with_parents(makers, organisations)
    if record.provenance == "independent":
        if isinstance(record, Result):
            bench = data.by_id("benchmarks").get(record.benchmark)
            return {bench.maintainer} if bench and bench.maintainer else set()
        return {record.speaker} if isinstance(record, Claim) and record.speaker else set()
    if record.provenance == "opinion" and isinstance(record, Claim) and record.speaker:
        # a person's own words may appear on their employer's pages (Zuckerberg's essays on Meta's site)
        person = data.by_id("people").get(record.speaker)
        employers = {role.org for role in person.roles} if person else set()
        return {record.speaker} | _with_parents(employers, organisations)
    return set()


def _with_parents(orgs: set[str], organisations: Mapping[str, Organisation]) -> set[str]:
    """The organisations and those they belong to (a role at MSL is Meta's to announce too)."""
    out: set[str] = set()
    for org in orgs:
        while org and org not in out:
            out.add(org)
            parent = organisations.get(org)
            org = parent.parent if parent else None
    return out


_ORIGINAL_NAMES = {"meta-claim": "Meta's own page", "independent": "the measurer's own page"}


def supported(record: Graded, sources: Mapping[str, Source], originals: set[str]) -> tuple[str, str]:
    """(grade, basis): the best grade the record's cited sources support, and what it rests on."""
    cited = [sources[s] for s in dict.fromkeys(record.sources) if s in sources]
    readable = [s for s in cited if s.read in READ]
    keys = {s.id: independent_key(s, sources) for s in cited}
    names: dict[str, str] = {}
    for s in readable:
        names.setdefault(keys[s.id], s.publisher)
    strong = _first_by_key([s for s in readable if s.tier in STRONG_TIERS], keys)
    # The original is the outlet's own page; a page that repeats it (relays) is a relay, not the original.
    original = [s for s in cited if outlet_key(s) in originals]
    original_read = [s for s in original if s.read in READ]
    what = _original_name(record, originals)
    notes = []
    if originals and not original:
        notes.append(f"{what} not cited")
    elif original and not original_read:
        state = "read only through a summary" if any(s.read == "summary" for s in original) else "not opened"
        notes.append(f"{what} {state}")
    tail = "".join(f"; {n}" for n in notes)

    if original_read:
        how = "read" if any(s.read == "direct" for s in original_read) else "read through a faithful copy"
        return "A", f"{what} {how}{_also(names, {keys[s.id] for s in original_read})}"
    if len(strong) >= 2:
        return "A", f"{len(strong)} independent reputable outlets ({_list(s.publisher for s in strong)})"
    relayed = [s for s in readable if _relays_original(s, original) or (keys[s.id] in originals and s not in original)]
    if (original or relayed) and (relayed or any(s.read == "summary" for s in original)):
        through = f" ({_list(s.publisher for s in relayed)})" if relayed else ""
        return "B", f"{what} known only through relays{through}"
    if strong:
        return "B", f"one reputable outlet ({strong[0].publisher}){_also(names, {keys[strong[0].id]})}{tail}"
    summarised = [s for s in cited if s.read == "summary" and s.tier in STRONG_TIERS]
    if summarised:
        return "B", f"a reputable outlet known only through a summary ({_list(s.publisher for s in summarised)}){tail}"
    distinct = _first_by_key(readable, keys)
    if len(distinct) >= 3 or (len(distinct) >= 2 and any(s.tier == "mid-tier" for s in distinct)):
        return "B", f"{len(distinct)} independent weaker sources ({_list(s.publisher for s in distinct)}){tail}"
    if not readable:
        return "C", f"no cited source was read{tail}"
    return "C", f"only weak or aggregator sources ({_list(s.publisher for s in distinct)}){tail}"


def grade(record: Graded, data: Dataset) -> Grade:
    """The record's grade: computed from its sources, or lower where the data says so."""
    letter, basis = supported(record, data.by_id("sources"), original_outlets(record, data))
    typed = record.confidence
    if typed and ORDER.index(typed) > ORDER.index(letter):
        return Grade(typed, letter, basis, record.confidence_reason)
    return Grade(letter, letter, basis)


def graded_records(data: Dataset) -> list[Graded]:
    """Every record that carries a grade: results, claims, events and people's roles."""
    roles = [role for person in data.people for role in person.roles]
    return [*data.results, *data.claims, *data.events, *roles]


def grade_all(data: Dataset) -> dict[int, Grade]:
    """Grades of every graded record, keyed by ``id(record)`` (records are frozen, so identity is stable)."""
    return {id(r): grade(r, data) for r in graded_records(data)}


def _relays_original(source: Source, original: list[Source]) -> bool:
    if source.read not in READ:
        return False
    if any(o.kind == "meta" for o in original) and source.relays_meta:
        return True
    return any(source.relays == o.id for o in original)


def _first_by_key(sources: list[Source], keys: dict[str, str]) -> list[Source]:
    out, seen = [], set()
    for s in sources:
        if keys[s.id] not in seen:
            seen.add(keys[s.id])
            out.append(s)
    return out


def _original_name(record: Graded, originals: set[str]) -> str:
    if isinstance(record, Role):
        return "the organisation's own page"
    if isinstance(record, Fact) and record.provenance == "fact":
        return "Meta's own page" if "meta" in originals else "the organisation's own page"
    if isinstance(record, Fact) and record.provenance == "opinion":
        return "the speaker's own words"
    if isinstance(record, Claim) and record.provenance == "independent":
        return "the measurer's own page"
    return _ORIGINAL_NAMES.get(getattr(record, "provenance", ""), "the original")


def _list(names: Iterable[str], most: int = 4) -> str:
    names = list(dict.fromkeys(names))
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _also(names: dict[str, str], used: set[str]) -> str:
    others = [n for k, n in names.items() if k not in used]
    return f"; also {_list(others)}" if others else ""
