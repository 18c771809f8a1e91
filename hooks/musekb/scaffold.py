"""Write new records into data files: typed values, canonical field order, the right place.

Used by ``kb new``. The record is rendered the way the data files are written by hand
(block mappings, one-line lists, bare dates), inserted in date order for events and at
the end of the file otherwise, and the result is checked before anything is saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from .dates import PartialDate
from .records import KINDS
from .yamlio import parse


class _Dumper(yaml.SafeDumper):
    """Dump records like the hand-written files: dates bare, short lists on one line."""


# Dates are text to the loader; keep them unquoted so files read naturally.
_Dumper.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_Dumper.add_representer(dict, lambda d, value: d.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=False))
_Dumper.add_representer(
    list,
    lambda d, value: d.represent_sequence(
        "tag:yaml.org,2002:seq", value, flow_style=bool(value) and all(not isinstance(v, dict | list) for v in value)
    ),
)


def typed(text: str) -> Any:
    """Type a command-line value the way the data files' YAML would (``42.8`` -> number)."""
    doc, problems = parse(f"- {text}\n" if text.strip() else "- ''\n", "<option>")
    if problems or doc is None or not isinstance(doc.value, list) or isinstance(doc.value[0], dict | list):
        return text
    return doc.value[0]


def field_order(kind: str, text: str | None = None) -> list[str]:
    """Fields in the order the data file uses.

    Without the file's text: id, the kind's own fields, shared fact fields, sources. With it,
    that order is rearranged to follow the records already in the file: a field goes before
    another when more records write it first, so a new record reads like its neighbours.
    """
    names: list[str] = []
    for cls in KINDS[kind].__mro__:
        names += [n for n in getattr(cls, "__annotations__", {}) if n in KINDS[kind].model_fields and n not in names]
    names.sort(key=lambda n: (n != "id", n == "sources"))
    return _as_in_file(names, text) if text else names


def _as_in_file(names: list[str], text: str) -> list[str]:
    """``names`` rearranged to follow the records in ``text``.

    Each field is placed right after the fields that most records write before it (or before
    those written after it); a field the file never uses stays next to its usual neighbour.
    """
    doc, _ = parse(text, "<data file>")
    records = [r for r in (doc.value if doc and isinstance(doc.value, list) else []) if isinstance(r, dict)]
    votes: dict[tuple[str, str], int] = {}
    for rec in records:
        keys = [k for k in rec if k in names]
        for i, first in enumerate(keys):
            for second in keys[i + 1 :]:
                votes[(first, second)] = votes.get((first, second), 0) + 1

    def first(a: str, b: str) -> bool:
        return votes.get((a, b), 0) > votes.get((b, a), 0)

    order: list[str] = []
    for index, name in enumerate(names):
        after = [i for i, placed in enumerate(order) if first(placed, name)]
        before = [i for i, placed in enumerate(order) if first(name, placed)]
        if after:
            position = max(after) + 1
        elif before:
            position = min(before)
        else:
            position = order.index(names[index - 1]) + 1 if index else 0
        order.insert(position, name)
    return order


def build_record(kind: str, values: dict[str, Any], today: dt.date, order: list[str] | None = None) -> dict[str, Any]:
    """A record dict in ``order`` (default: :func:`field_order`), with today's date where a check date is due."""
    record = dict(values)
    if kind == "sources":
        record.setdefault("accessed", today.isoformat())
    if "as_of" in KINDS[kind].model_fields:
        record.setdefault("as_of", today.isoformat())
    order = order or field_order(kind)
    return {name: record[name] for name in order if name in record and record[name] not in (None, [], "")}


def render_record(record: dict[str, Any]) -> str:
    """YAML text of one record as a list item."""
    return yaml.dump([record], Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def insert_record(text: str, kind: str, record: dict[str, Any]) -> tuple[str, int]:
    """Insert a rendered record into a data file's text; return the new text and its first line.

    Events go before the first later-dated event (the timeline is kept in date order);
    other records go at the end.
    """
    block = render_record(record)
    lines = text.rstrip("\n").split("\n")
    if text.strip().endswith("[]"):
        # an empty file written as "[]": replace the empty list with the first record
        lines = [line for line in lines if line.strip() != "[]"]
    position = len(lines)
    if kind == "events":
        doc, _ = parse(text, "events.yaml")
        if doc is not None and isinstance(doc.value, list):
            new_day = PartialDate.parse(record["date"]).first_day
            for index, existing in enumerate(doc.value):
                try:
                    later = PartialDate.parse(existing.get("date")).first_day > new_day
                except (ValueError, AttributeError):
                    continue
                if later:
                    position = doc.line_of((index,)) - 1
                    break
    before, after = lines[:position], lines[position:]
    while before and not before[-1].strip():
        before.pop()
    new_lines = [*before, "", *block.rstrip("\n").split("\n")]
    first_line = len(before) + 2
    if after:
        new_lines += ["", *after]
    return "\n".join(new_lines) + "\n", first_line
