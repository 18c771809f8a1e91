"""Which figures the site shows and sets against each other: one rule for pages, charts and downloads.

- :func:`shown` — which rows of a conflict appear in tables, charts and downloads.
- :func:`counterparts` — which Muse figure faces a rival's figure.
- :class:`Pair` and :func:`lead` — who leads and by how much, computed exactly once.

Every comparison page, the lead chart and their CSV files come from these functions, so
they cannot pair, choose or round differently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .context import Lookups
from .records import Benchmark, Result
from .text import UNIT_NAMES, figure, number

MUSE_SPARK = "muse-spark"
"""Id of the launch model, the subject of the site."""
MUSE_FAMILY = "Muse"
"""Family name of Meta Superintelligence Labs' models in models.yaml."""

# Muse modes a rival's figure is set against, in order of preference, when the rival names no
# ``compared_mode``: the modes Meta compared rivals against, then a result whose source names no
# mode (typical of independent indexes). Instant is left out: setting a fast mode against a
# rival's best would not be a like-for-like comparison.
DEFAULT_MODES = ("thinking", "contemplating", "")


def shown(results: Iterable[Result]) -> list[Result]:
    """Results as tables, charts and downloads show them.

    A conflict chooses between values for the same model, benchmark, mode and setting: in
    such a group only the preferred row is shown. Rows of a conflict that differ in any of
    these are distinct measurements and stay, each with its own grade.
    """
    results = list(results)
    chosen = {(r.conflict, r.key) for r in results if r.conflict and r.preferred}
    return [r for r in results if not r.conflict or r.preferred or (r.conflict, r.key) not in chosen]


def is_muse(look: Lookups, model_id: str) -> bool:
    model = look.models.get(model_id)
    return bool(model and model.family == MUSE_FAMILY)


def mode_order(look: Lookups, rival_id: str) -> tuple[str, ...]:
    """Muse modes to set against this rival, most fitting first."""
    wanted = look.models[rival_id].compared_mode
    return ((wanted,) + tuple(m for m in DEFAULT_MODES if m != wanted)) if wanted else DEFAULT_MODES


def counterparts(look: Lookups, rival: Result) -> list[Result]:
    """Shown Muse results that face ``rival``: same benchmark and setting, one per Muse model.

    For each Muse model the mode is the first of :func:`mode_order` it has a result in;
    models with no result in those modes are left out. Ordered by the Muse model's order in
    models.yaml.
    """
    order = mode_order(look, rival.model)
    mine: dict[str, list[Result]] = defaultdict(list)
    for r in shown(look.results_by_benchmark[rival.benchmark]):
        if r.setting == rival.setting and (r.mode or "") in order and is_muse(look, r.model):
            mine[r.model].append(r)
    # the benchmark's results only, not every model: pages stay linear in the data
    models = sorted(mine, key=look.model_position.__getitem__)
    return [min(mine[m], key=lambda r: order.index(r.mode or "")) for m in models]


def lead(muse: float, rival: float, higher_is_better: bool) -> Decimal:
    """Muse's lead over the rival in the benchmark's own points; negative when it trails.

    Decimal keeps 42.5 - 40.1 at 2.4 instead of 2.3999999999999986, so the page, the chart
    and the CSV all hold the number a reader would compute.
    """
    diff = Decimal(repr(float(muse))) - Decimal(repr(float(rival)))
    return diff if higher_is_better else -diff


@dataclass(frozen=True)
class Pair:
    """A Muse figure set against a rival's figure on the same benchmark and setting."""

    benchmark: Benchmark
    muse: Result
    rival: Result

    @property
    def lead(self) -> Decimal:
        return lead(self.muse.value, self.rival.value, self.benchmark.scale.higher_is_better)

    @property
    def unit(self) -> str:
        return self.benchmark.scale.unit

    def difference_text(self) -> str:
        """The size of the lead with its unit, e.g. ``2.4 points`` (no sign)."""
        return f"{number(abs(self.lead))} {difference_unit(self.unit)}"

    def signed_text(self) -> str:
        """``+2.4 pts`` / ``−3 Elo`` / ``tie``, as drawn at a bar's end."""
        if self.lead == 0:
            return "tie"
        short = _DIFF_UNITS[self.unit][1] if self.unit in _DIFF_UNITS else ""
        body = number(abs(self.lead)) + short if short else figure(float(abs(self.lead)), self.unit)
        return ("+" if self.lead > 0 else "−") + body

    def leader_text(self, muse_name: str, rival_name: str) -> str:
        """``Muse Spark by 2.4 points``, or ``tie``."""
        if self.lead == 0:
            return "tie"
        return f"{muse_name if self.lead > 0 else rival_name} by {self.difference_text()}"


# Names of differences, by the benchmark's unit, and the short suffix drawn at bar ends.
_DIFF_UNITS = {
    "percent": ("percentage points", " pts"),
    "percentage-points": ("percentage points", " pts"),
    "index": ("index points", " pts"),
    "elo": ("Elo points", " Elo"),
    "rank": ("places", " places"),
}


def difference_unit(unit: str) -> str:
    """What a difference of two scores in ``unit`` is called: ``percentage points``..."""
    return _DIFF_UNITS[unit][0] if unit in _DIFF_UNITS else UNIT_NAMES[unit]


def pairs_against(look: Lookups, rival_id: str) -> list[Pair]:
    """Every Muse figure set against one rival's figures (the rival's comparison page)."""
    rows = sorted(shown(look.results_by_model[rival_id]), key=lambda r: (look.name(r.benchmark), r.setting, r.mode or ""))
    return [Pair(look.benchmarks[r.benchmark], muse, r) for r in rows for muse in counterparts(look, r)]


def best_rival_pairs(look: Lookups, muse_id: str = MUSE_SPARK) -> list[Pair]:
    """For each benchmark, setting and Muse mode: the Muse model's figure against the best rival's.

    Rivals are the models marked ``rival: true``; each is matched with the mode it is
    compared against, so a Contemplating figure only meets Contemplating-class rivals.
    In benchmark data order.
    """
    groups: dict[tuple[str, str, str], list[Pair]] = {}
    for bench in look.data.benchmarks:
        for res in shown(look.results_by_benchmark[bench.id]):
            if not look.models[res.model].rival:
                continue
            for muse in counterparts(look, res):
                if muse.model == muse_id:
                    groups.setdefault((bench.id, res.setting, muse.mode or ""), []).append(Pair(bench, muse, res))
    out = []
    for pairs in groups.values():
        bench = pairs[0].benchmark
        sign = -1 if bench.scale.higher_is_better else 1
        out.append(min(pairs, key=lambda p: (sign * p.rival.value, look.name(p.rival.model).lower())))
    return out
