"""Drawing a chart spec with Matplotlib: fixed style, byte-identical SVG, labels that fit.

Matplotlib's object-oriented API is used (no pyplot state) under a fixed style, so the same
spec always gives the same bytes. Roles in the spec (``muse``, ``other``, ``trail``) map to
the colours below.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..text import number
from .layout_resets import one_reset_per_grid
from .spec import BarSpec, Panel, Spec, TimelineSpec

# Colours, checked against white (the chart background) by the tests: text reaches WCAG
# AA (4.5:1) and bars reach the 3:1 required for graphics. Indigo matches the site theme.
INK = "#1a1a1a"  # titles and labels, 17:1
MUTED = "#4d4d4d"  # tick labels and notes, 8.5:1
GRID = "#d9d9d9"  # grid lines only; not information-bearing
MUSE = "#303f9f"  # Muse models, and Muse Spark's leads (indigo 700), 9.0:1
OTHER = "#7b7f86"  # other models, 4.0:1
TRAIL = "#b45309"  # the best rival leads (amber 700), 5.0:1
KEY = "#4d4d4d"  # provenance swatches in legends: neither Muse nor other colour

WIDTH_IN = 7.5  # inches; at 72 dpi the SVG is 540 pt ≈ 720 px wide and scales down with the page
ROW_IN = 0.3  # height per bar
HATCH = "////"

_STYLE: dict[str, Any] = {
    "svg.hashsalt": "musekb",  # fixed ids for clip paths and hatches: byte-identical output
    # Text stays text: a quarter of the size of glyph paths, and selectable. Layout is
    # measured with DejaVu Sans (bundled with matplotlib); the SVG names it first and then
    # narrower fallbacks, so a reader without it never gets overflowing labels.
    "svg.fonttype": "none",
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans", "Bitstream Vera Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 9.5,
    "figure.dpi": 72,
    "figure.facecolor": "white",  # readable on both the light and the dark page palette
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.titlecolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.color": INK,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "xtick.labelcolor": MUTED,
    "ytick.labelcolor": INK,
    "legend.frameon": False,
    "legend.fontsize": 8.5,
    "hatch.linewidth": 1.1,
    "hatch.color": "edge",
    "axes.unicode_minus": True,
}
WEAK_LINE = (0, (3, 2))  # dashes: a weakly sourced (grade C) figure
WEAK_ALPHA = 0.3  # pale fill of a weakly sourced figure
ROLE_COLOURS = {"muse": MUSE, "other": OTHER, "trail": TRAIL}


def draw(spec: Spec) -> bytes:
    """The SVG of a spec."""
    return _draw_timeline(spec) if isinstance(spec, TimelineSpec) else _draw_bars(spec)


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib.style

    # "default" first, so a user's matplotlibrc cannot change the output.
    with matplotlib.style.context(["default", _STYLE]), one_reset_per_grid():
        yield


def _svg(fig, title: str) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Title": title})
    return _compact(buf.getvalue())


_FONT_FAMILY = re.compile(rb"font-family: ([^;\"]+); ")
_NO_ROTATION = re.compile(rb' transform="rotate\(-0 [^"]*\)"')
_PATH_DATA = re.compile(rb' d="([^"]*)"')
_MPL_CSS = b"*{stroke-linejoin: round; stroke-linecap: butt}"


def _compact(svg: bytes) -> bytes:
    """Drop what matplotlib repeats on every element (about a fifth of the file).

    The font list moves from each ``<text>`` into one CSS rule, identity rotations go, and
    path data loses its line breaks. Each rewrite matches matplotlib's exact output; if a
    future version writes something else, the rewrite simply does not apply.
    """
    families = set(_FONT_FAMILY.findall(svg))
    if len(families) == 1 and svg.count(_MPL_CSS) == 1:
        (family,) = families
        svg = svg.replace(b"font-family: " + family + b"; ", b"")
        svg = svg.replace(_MPL_CSS, _MPL_CSS + b"\ntext{font-family: " + family + b"}")
    svg = _NO_ROTATION.sub(b"", svg)
    return _PATH_DATA.sub(lambda m: b' d="' + b" ".join(m.group(1).split()) + b'"', svg)


def _figure(height_in: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height_in), layout="constrained")
    FigureCanvasAgg(fig)  # a renderer to measure labels with; savefig still writes SVG
    fig.get_layout_engine().set(h_pad=6 / 72, w_pad=6 / 72, hspace=0.04)
    return fig


def _swatch(style: str):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if style in ("closed", "open", "unknown"):
        return Line2D([], [], linestyle="none", **_MARKERS[style])
    if style == "span":
        return Line2D([], [], color=MUSE, alpha=0.35, linewidth=6, solid_capstyle="butt")
    face, edge, hatch = {
        "muse": (MUSE, MUSE, None),
        "other": (OTHER, OTHER, None),
        "trail": (TRAIL, TRAIL, None),
        "solid": (KEY, KEY, None),
        "hatched": ("white", KEY, HATCH),
        "weak": ((KEY, WEAK_ALPHA), KEY, None),
    }[style]
    if style == "weak":
        return Patch(facecolor=face, edgecolor=edge, linewidth=1.6, linestyle=WEAK_LINE)
    return Patch(facecolor=face, edgecolor=edge, hatch=hatch, linewidth=1.1)


def _legend(fig, entries: tuple[tuple[str, str], ...]) -> None:
    if entries:
        fig.legend(
            [_swatch(style) for style, _ in entries],
            [label for _, label in entries],
            loc="outside lower center",
            ncols=min(len(entries), 2),
            handlelength=2.2,
            handleheight=1.1,
            columnspacing=2.0,
        )


def _legend_height(entries: tuple[tuple[str, str], ...]) -> float:
    return 0.25 + 0.2 * ((len(entries) + 1) // 2) if entries else 0.0


def _title(fig, title: str) -> None:
    fig.suptitle(_wrap(title, 64), x=0.01, ha="left", fontsize=12, fontweight="bold")


def _draw_bars(spec: BarSpec) -> bytes:
    with _style():
        # Constrained layout gives each panel's ticks, label and heading their own margin and
        # shares the rest by height_ratios, so the figure is sized as plot areas + margins to
        # keep every bar the same thickness across panels and charts.
        areas = [ROW_IN * (len(p.bars) + 0.3) for p in spec.panels]
        margins = sum(0.62 + (0.3 if p.heading else 0) for p in spec.panels)
        fig = _figure(0.45 + sum(areas) + margins + _legend_height(spec.legend))
        axes = fig.subplots(len(spec.panels), 1, squeeze=False, gridspec_kw={"height_ratios": areas})[:, 0]
        fits = [_bar_panel(ax, panel, diverging=spec.kind == "diverging") for ax, panel in zip(axes, spec.panels, strict=True)]
        _title(fig, spec.title)
        _legend(fig, spec.legend)
        _fit(fig, [fit for fit in fits if fit])
        return _svg(fig, spec.title)


def _bar_panel(ax, panel: Panel, diverging: bool) -> tuple | None:
    """Draw one panel; return what :func:`_fit` must adjust (axes, labels, symmetric), if anything."""
    texts = []
    for i, bar in enumerate(panel.bars):
        colour = ROLE_COLOURS[bar.role]
        (rect,) = ax.barh(
            i,
            bar.value - panel.baseline,
            left=panel.baseline,
            height=0.68,
            # grade C: a pale fill and a dashed outline, on top of the provenance hatching
            facecolor="white" if bar.meta else (colour, WEAK_ALPHA) if bar.weak else colour,
            edgecolor=colour,
            hatch=HATCH if bar.meta else None,
            linewidth=1.6 if bar.weak else 1.1,
            linestyle=WEAK_LINE if bar.weak else "solid",
        )
        rect.set_gid(bar.gid)
        right = bar.value >= panel.baseline
        texts.append(
            ax.annotate(
                bar.text,
                (bar.value, i),
                xytext=(4 if right else -4, 0),
                textcoords="offset points",
                ha="left" if right else "right",
                va="center",
                fontsize=8.5,
                color=INK,
                annotation_clip=False,
            )
        )
        if bar.aside:
            ax.annotate(
                bar.aside,
                (1, i),
                xycoords=("axes fraction", "data"),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
                color=INK,
                annotation_clip=False,
            )
    ax.set_yticks(range(len(panel.bars)), [_wrap(b.label) for b in panel.bars])
    ax.set_ylim(len(panel.bars) - 0.35, -0.65)  # first bar (the best) at the top
    ax.tick_params(axis="y", length=0, pad=5)
    ax.tick_params(axis="x", labelsize=8.5)
    ax.xaxis.set_major_formatter(_tick_number)
    ax.xaxis.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel(panel.xlabel, fontsize=8.5, color=MUTED)
    ax.patch.set_gid(panel.gid)
    if panel.heading:
        ax.set_title(panel.heading, loc="left", fontsize=10, fontweight="bold", pad=6)
    if diverging:
        ax.spines["left"].set_visible(False)
        ax.axvline(0, color=INK, linewidth=0.9).set_gid(panel.gid.replace("plot-area", "zero", 1))
        span = max((abs(b.value) for b in panel.bars), default=0) or 1.0
        ax.set_xlim(-span * 1.05, span * 1.05)
        return ax, texts, True
    if panel.hi is None:
        top = max(b.value for b in panel.bars)
        ax.set_xlim(panel.lo, top + 0.05 * (top - panel.lo))
        return ax, texts, False
    # a bounded scale is shown whole; labels of bars near the top sit just past the axis
    ax.set_xlim(panel.lo, panel.hi)
    return None


def _tick_number(value: float, _pos: object) -> str:
    # thousands separators as in the labels (1,450), and a true minus sign
    text = number(round(abs(value), 6))
    return text if value >= 0 or text == "0" else "−" + text


_FIT_SLACK = 1.04


def _fit(fig, fits: list[tuple]) -> None:
    """Widen each panel's x limits so that every bar-end label lies inside its plot area.

    A label of width ``w`` anchored at ``x`` fits when ``x + w * (hi - lo) / P <= hi``
    (``P``: the plot width in pixels); this solves for ``hi`` (and ``-lo`` when the panel is
    symmetric, which keeps zero in the middle). Labels may take at most a third of the plot
    width, so a very long label cannot squeeze the bars to nothing. All panels are measured
    from one layout pass, because each pass lays out the whole figure.
    """
    # One measuring pass: each pass lays out the whole figure, which is most of a chart's cost.
    # Widening the limits changes the tick labels and so the plot width a little; the slack
    # below covers that instead of a second pass.
    if not fits:
        return
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    for ax, texts, both in fits:
        lo, hi = ax.get_xlim()
        plot = ax.get_window_extent(renderer).width
        need = hi
        for text in texts:
            anchor = ax.transData.transform((text.xy[0], 0))[0]
            box = text.get_window_extent(renderer)
            share = min((max(box.x1 - anchor, anchor - box.x0) + 4) / plot, 0.34)
            x = text.xy[0]
            need = max(need, abs(x) / (1 - 2 * share) if both else (x - share * lo) / (1 - share))
        if need > hi * (1 + 1e-9):
            need *= _FIT_SLACK
            ax.set_xlim(-need if both else lo, need)


def _wrap(label: str, limit: int = 42) -> str:
    """A label over ``limit`` characters on two balanced lines, so it does not take the bars' width."""
    if len(label) <= limit:
        return label
    return textwrap.fill(label, max(len(label) // 2 + 6, 16), break_on_hyphens=False)


_MARKERS: dict[str, dict[str, Any]] = {
    "closed": {"marker": "s", "markersize": 9, "markerfacecolor": MUSE, "markeredgecolor": MUSE, "markeredgewidth": 1.5},
    "open": {"marker": "o", "markersize": 10, "markerfacecolor": "white", "markeredgecolor": MUSE, "markeredgewidth": 2.2},
    "unknown": {"marker": "D", "markersize": 8, "markerfacecolor": "white", "markeredgecolor": OTHER, "markeredgewidth": 1.8},
}


def _draw_timeline(spec: TimelineSpec) -> bytes:
    import matplotlib.dates as mdates

    with _style():
        fig = _figure(0.45 + ROW_IN * 1.4 * (len(spec.points) + 0.2) + 0.62 + _legend_height(spec.legend))
        ax = fig.subplots()
        texts = []
        for i, point in enumerate(spec.points):
            day, start, end = (mdates.date2num(dt.date.fromisoformat(d)) for d in (point.day, point.start, point.end))
            if end > start:
                ax.plot([start, end + 1], [i, i], color=MUSE, alpha=0.35, linewidth=6, solid_capstyle="butt")
            (line,) = ax.plot([day], [i], linestyle="none", **_MARKERS[point.weights])
            line.set_gid(point.gid)
            texts.append(
                ax.annotate(
                    point.text,
                    (end + 1, i) if end > start else (day, i),  # after the span, so it stays visible
                    xytext=(6 if end > start else 10, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=8.5,
                    annotation_clip=False,
                )
            )
        days = [mdates.date2num(dt.date.fromisoformat(d)) for p in spec.points for d in (p.start, p.end)]
        # at least five months around the dates, so months are the tick unit
        middle, half = (min(days) + max(days)) / 2, max((max(days) - min(days)) / 2 + 30, 75)
        ax.set_xlim(middle - half, middle + half)
        ax.set_yticks(range(len(spec.points)), [_wrap(p.label) for p in spec.points])
        ax.set_ylim(len(spec.points) - 0.4, -0.6)  # earliest at the top
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))  # C locale: English month names
        ax.tick_params(axis="y", length=0, pad=6)
        ax.tick_params(axis="x", labelsize=8.5)
        ax.xaxis.grid(True, color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("Release date", fontsize=8.5, color=MUTED)
        ax.patch.set_gid("plot-area__timeline")
        _title(fig, spec.title)
        _legend(fig, spec.legend)
        _fit(fig, [(ax, texts, False)])
        return _svg(fig, spec.title)
