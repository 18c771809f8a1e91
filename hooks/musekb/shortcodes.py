"""Shortcodes: how hand-written pages pull names, figures and citations from the data.

A shortcode is an HTML comment, ``<!-- kb:NAME ARG key=value -->``, so a page still
reads cleanly (and renders without the figures) where the hook does not run. Shortcodes
inside fenced code blocks and inline code are left alone, so the docs can show them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .blocks import bullet_claims, bullets, claim_value, conflict_box, event_list, result_value, table
from .charts import INDEX_URI, LEAD_TRAIL_URI, TIMELINE_URI, chart_markdown
from .comparison import MUSE_FAMILY, shown
from .coverage_page import swept_line
from .labels import SETTING_LABELS, mode_label
from .markdown_scan import scan
from .page import PageWriter
from .problems import Problem, closest
from .records import Result
from .text import md

SHORTCODE = re.compile(r"<!--\s*kb:([a-z-]+)(.*?)-->")


class ShortcodeError(Exception):
    """A shortcode that cannot be expanded; carries a hint on how to fix it."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message = message
        self.fix = fix


@dataclass
class Call:
    """A parsed shortcode: its name, positional arguments and options."""

    name: str
    args: list[str]
    options: dict[str, str]


def parse_args(raw: str) -> tuple[list[str], dict[str, str]]:
    """Split ``a b key=value`` into positional arguments and options."""
    args, options = [], {}
    for token in raw.split():
        if "=" in token:
            key, _, value = token.partition("=")
            options[key] = value
        else:
            args.append(token)
    return args, options


def expand(
    markdown: str, writer: PageWriter, page_file: str, origin: Callable[[int], tuple[str, int]] | None = None
) -> tuple[str, list[Problem]]:
    """Replace every shortcode in a page; return the new text and a problem per bad shortcode.

    Args:
        markdown: The page source.
        writer: Renders references for this page and records the facts shown.
        page_file: Path shown in problems, e.g. ``docs/design.md``.
        origin: For a page with included files: line -> (file, line) to report problems at.
    """
    problems: list[Problem] = []
    out_lines = []
    for line in scan(markdown):
        if line.in_code_block:
            out_lines.append(line.text)
            continue

        def replace(m: re.Match, line=line) -> str:
            if line.in_code(m.start()):
                return m.group(0)
            args, options = parse_args(m.group(2))
            call = Call(m.group(1), args, options)
            try:
                return render(call, writer)
            except ShortcodeError as err:
                file, number = origin(line.number) if origin else (page_file, line.number)
                problems.append(Problem(file, number, f"kb:{call.name}", err.message, err.fix))
                return m.group(0)

        out_lines.append(SHORTCODE.sub(replace, line.text))
    return "\n".join(out_lines), problems


def render(call: Call, w: PageWriter) -> str:
    """Expand one shortcode."""
    handler = HANDLERS.get(call.name)
    if handler is None:
        names = ", ".join(sorted(HANDLERS))
        raise ShortcodeError(f"unknown shortcode 'kb:{call.name}'", f"use one of: {names}")
    return handler(call, w)


# --- helpers -------------------------------------------------------------------------------


def _one_arg(call: Call) -> str:
    if len(call.args) != 1:
        raise ShortcodeError(f"kb:{call.name} takes exactly one id, got {len(call.args)}", f"write <!-- kb:{call.name} ID -->")
    return call.args[0]


def _lookup(w: PageWriter, rid: str, kinds: tuple[str, ...], what: str):
    kind = w.ctx.kind_of.get(rid)
    if kind not in kinds:
        close = closest(rid, [i for i, k in w.ctx.kind_of.items() if k in kinds])
        hint = f"did you mean '{close}'?" if close else f"check the id in data/{kinds[0]}.yaml"
        raise ShortcodeError(f"unknown {what} id '{rid}'", hint)
    return w.ctx.data.by_id(kind)[rid]


# --- handlers ----------------------------------------------------------------------------


def _name(call: Call, w: PageWriter) -> str:
    rid = _one_arg(call)
    _lookup(
        w, rid, ("models", "benchmarks", "people", "organisations", "glossary"), "model, benchmark, person, organisation or term"
    )
    return w.name(rid)


def _claim(call: Call, w: PageWriter) -> str:
    claim = _lookup(w, _one_arg(call), ("claims",), "claim")
    return f"{md(claim.statement)} {w.noted(claim)}"


def _value(call: Call, w: PageWriter) -> str:
    claim = _lookup(w, _one_arg(call), ("claims",), "claim")
    if claim.value is None:
        raise ShortcodeError(f"claim '{claim.id}' has no value", "use kb:claim, or give the claim a value in data")
    return claim_value(w, claim)


def find_result(w: PageWriter, model: str, benchmark: str, mode: str | None, setting: str | None) -> Result:
    """The shown result for a model, benchmark, mode and setting (preferred value in a conflict)."""
    _lookup(w, model, ("models",), "model")
    _lookup(w, benchmark, ("benchmarks",), "benchmark")
    rows = [
        r
        for r in shown(w.ctx.results_by_benchmark[benchmark])
        if r.model == model and (mode is None or r.mode == mode) and (setting is None or r.setting == setting)
    ]
    if len(rows) != 1:
        options = sorted(
            f"mode={r.mode or '-'} setting={r.setting}" for r in w.ctx.results_by_benchmark[benchmark] if r.model == model
        )
        found = "no result" if not rows else f"{len(rows)} results"
        hint = ("say which: " + "; ".join(options)) if options else "add the result to data/results.yaml first"
        raise ShortcodeError(f"{found} for {model} on {benchmark}", hint)
    return rows[0]


def _result(call: Call, w: PageWriter) -> str:
    if len(call.args) != 2:
        raise ShortcodeError(
            "kb:result takes a model id and a benchmark id", "write <!-- kb:result MODEL BENCHMARK mode=M setting=S -->"
        )
    res = find_result(w, call.args[0], call.args[1], call.options.get("mode"), call.options.get("setting"))
    return result_value(w, res)


def results_table(w: PageWriter, benchmark_ids: list[str]) -> str:
    """Models as rows, (benchmark, setting) pairs as columns; Muse models first."""
    columns: list[tuple[str, str]] = []
    rows: dict[tuple[str, str], dict[tuple[str, str], Result]] = {}
    for bid in benchmark_ids:
        for res in shown(w.ctx.results_by_benchmark[bid]):
            col = (bid, res.setting)
            if col not in columns:
                columns.append(col)
            rows.setdefault((res.model, res.mode or ""), {})[col] = res
    order = sorted(rows, key=lambda k: (w.ctx.models[k[0]].family != MUSE_FAMILY, w.ctx.name(k[0]), k[1]))
    header = ["Model", "Mode or effort"] + [
        w.name(b) + (f" ({SETTING_LABELS[s]})" if SETTING_LABELS[s] else "") for b, s in columns
    ]
    body = []
    for key in order:
        cells = [w.name(key[0]), md(mode_label(key[1] or None))]
        for col in columns:
            res = rows[key].get(col)
            cells.append(result_value(w, res, compact=True) if res else "—")
        body.append(cells)
    return table(header, body)


def _results(call: Call, w: PageWriter) -> str:
    if not call.args:
        raise ShortcodeError("kb:results needs at least one benchmark id", "write <!-- kb:results BENCH BENCH ... -->")
    for bid in call.args:
        _lookup(w, bid, ("benchmarks",), "benchmark")
        if not w.ctx.results_by_benchmark[bid]:
            raise ShortcodeError(f"benchmark '{bid}' has no results", "add results or drop it from the table")
    return results_table(w, call.args)


def _event(call: Call, w: PageWriter) -> str:
    ev = _lookup(w, _one_arg(call), ("events",), "event")
    return f"[{md(ev.date.human())}]({w.link('timeline.md#' + ev.id)}) {w.marked(ev)}"


def _cite(call: Call, w: PageWriter) -> str:
    if not call.args:
        raise ShortcodeError("kb:cite needs at least one source id", "write <!-- kb:cite SOURCE_ID -->")
    for sid in call.args:
        _lookup(w, sid, ("sources",), "source")
    return w.cites(call.args)


def _conflict(call: Call, w: PageWriter) -> str:
    conflict = _lookup(w, _one_arg(call), ("conflicts",), "conflict")
    return conflict_box(w, conflict.id)


def _claims(call: Call, w: PageWriter) -> str:
    if "topic" in call.options:
        claims = [c for c in w.ctx.data.claims if c.topic == call.options["topic"]]
        if not claims:
            raise ShortcodeError(f"no claims with topic '{call.options['topic']}'", "check the topic name")
    elif call.args:
        claims = [_lookup(w, cid, ("claims",), "claim") for cid in call.args]
    else:
        raise ShortcodeError(
            "kb:claims needs claim ids or topic=T", "write <!-- kb:claims ID ID --> or <!-- kb:claims topic=safety -->"
        )
    return bullet_claims(w, claims)


def _opinions(call: Call, w: PageWriter) -> str:
    debate = _one_arg(call)
    views = [c for c in w.ctx.data.claims if c.debate == debate]
    if not views:
        raise ShortcodeError(f"no opinions in debate '{debate}'", "check the debate id used in data/claims.yaml")
    stances: dict[str, list] = {}
    for view in views:
        stances.setdefault(view.stance or "Other views", []).append(view)
    parts = []
    for stance, items in stances.items():
        lines = []
        for view in items:
            quote = f" In their words: “{md(view.quote)}”." if view.quote else ""
            lines.append(f"{w.name(view.speaker)}: {md(view.statement)}{quote} {w.noted(view)}")
        parts += [f"<p><strong>{md(stance)}</strong></p>", bullets(lines)]
    return '<div class="kb-opinions">\n' + "\n".join(parts) + "\n</div>"


def _events(call: Call, w: PageWriter) -> str:
    if call.args:
        events = [_lookup(w, eid, ("events",), "event") for eid in call.args]
        return event_list(w, events)
    topic = call.options.get("topic")
    events = [e for e in w.ctx.data.events if topic is None or e.topic == topic]
    if "about" in call.options:
        events = [e for e in events if call.options["about"] in e.about]
    if "since" in call.options:
        events = [e for e in events if e.date.iso() >= call.options["since"]]
    if not events:
        raise ShortcodeError("no events match", "check the ids, or topic=, about= and since=")
    return event_list(w, events)


def _recent(call: Call, w: PageWriter) -> str:
    try:
        count = int(call.args[0]) if call.args else 5
    except ValueError:
        raise ShortcodeError("kb:recent takes a number of events", "write <!-- kb:recent 5 -->") from None
    events = sorted(w.ctx.data.events, key=lambda e: e.date.first_day, reverse=True)[:count]
    return event_list(w, events)


FAMILY_COLUMNS = [
    ("released", "Released"),
    ("access", "Access"),
    ("weights", "Weights"),
    ("licence", "Licence"),
    ("context-window", "Context window"),
    ("price-input", "Input price"),
    ("price-output", "Output price"),
]


def family_table(w: PageWriter) -> str:
    """The Muse family: one row per model, one column per key attribute."""
    muse = [m for m in w.ctx.data.models if m.family == MUSE_FAMILY and not m.product]
    facts: dict[tuple[str, str], object] = {}
    for claim in w.ctx.data.claims:
        if claim.attribute and (not claim.conflict or claim.preferred):
            for about in claim.about:
                facts[(about, claim.attribute)] = claim
    rows = []
    for model in muse:
        cells = [w.name(model.id)]
        for attribute, _ in FAMILY_COLUMNS:
            claim = facts.get((model.id, attribute))
            cells.append(claim_value(w, claim, compact=True) if claim else "not confirmed")
        rows.append(cells)
    return table(["Model"] + [label for _, label in FAMILY_COLUMNS], rows)


def _family(call: Call, w: PageWriter) -> str:
    return family_table(w)


CHART_NAMES = {"lead-trail": LEAD_TRAIL_URI, "indexes": INDEX_URI, "family-timeline": TIMELINE_URI}


def _chart(call: Call, w: PageWriter) -> str:
    import csv
    import io

    name = _one_arg(call)
    if name not in CHART_NAMES:
        raise ShortcodeError(f"unknown chart '{name}'", "use one of: " + ", ".join(CHART_NAMES))
    chart = w.ctx.charts.get(CHART_NAMES[name])
    if chart is None:
        raise ShortcodeError(f"chart '{name}' has no data to plot", "check the data it is drawn from")
    rows = list(csv.reader(io.StringIO(chart.csv.decode("utf-8"))))
    # The table repeats the chart's CSV (ids, grades, source ids): shown to readers, not searched.
    numbers = table([md(h) for h in rows[0]], [[md(c) for c in row] for row in rows[1:]], searchable=False)
    details = f'<details class="info">\n<summary>The numbers in this chart</summary>\n{numbers}\n</details>'
    return f"{chart_markdown(chart, w.uri)}\n\n{details}\n"


def _legend(call: Call, w: PageWriter) -> str:
    from .list_pages import badge_legend

    return badge_legend()


def _swept(call: Call, w: PageWriter) -> str:
    line = swept_line(w)
    if not line:
        raise ShortcodeError("no coverage topics recorded", "add topics to data/coverage.yaml")
    return line


HANDLERS: dict[str, Callable[[Call, PageWriter], str]] = {
    "swept": _swept,
    "name": _name,
    "claim": _claim,
    "value": _value,
    "result": _result,
    "results": _results,
    "event": _event,
    "cite": _cite,
    "conflict": _conflict,
    "claims": _claims,
    "opinions": _opinions,
    "events": _events,
    "recent": _recent,
    "family": _family,
    "legend": _legend,
    "chart": _chart,
}
