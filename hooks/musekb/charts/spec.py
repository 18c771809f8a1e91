"""What a chart shows, as plain data: everything the drawing uses and nothing of Matplotlib.

A spec is what the drawing code draws and, serialised as JSON, the key of the chart cache:
two builds with the same spec draw the same bytes. Colours are given by role (``muse``,
``other``, ``trail``); :mod:`musekb.charts.draw` maps roles to colours.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str  # y tick label
    value: float  # plotted value (the bar's end)
    text: str  # label at the bar end
    role: str  # "muse" for Muse models (or Muse Spark's leads), else "other" or "trail"
    meta: bool  # at least one figure is Meta's own (hatched)
    weak: bool  # at least one figure is weakly sourced (grade C): dashed outline, "(C)" after the value
    gid: str  # SVG id, so tests and readers of the file can find the bar
    aside: str = ""  # note in a column right of the plot (the lead chart's rival)


@dataclass(frozen=True)
class Panel:
    gid: str
    heading: str  # drawn above the panel when a chart has several
    xlabel: str
    lo: float | None  # fixed axis limits (None: fitted to the data and labels)
    hi: float | None
    baseline: float  # where bars start
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarSpec:
    kind: str  # "bars" or "diverging"
    title: str
    panels: tuple[Panel, ...]
    legend: tuple[tuple[str, str], ...]  # (swatch style, label)


@dataclass(frozen=True)
class Point:
    label: str
    day: str  # ISO day the marker sits on
    start: str  # first and last day the source's date can mean
    end: str
    text: str
    weights: str  # open, closed or unknown
    gid: str


@dataclass(frozen=True)
class TimelineSpec:
    title: str
    points: tuple[Point, ...]
    legend: tuple[tuple[str, str], ...]


Spec = BarSpec | TimelineSpec


@dataclass(frozen=True)
class Plan:
    """A chart before it is drawn: where it goes, its spec, alt text and the rows of its CSV."""

    uri: str
    title: str
    alt: str
    spec: Spec
    columns: list[str]
    rows: list[list[str]]


def gid(*parts: str) -> str:
    """An SVG id from record ids (lowercase words and hyphens, so ``__`` separates parts)."""
    return "__".join(p or "none" for p in parts)
