"""Load ``data/*.yaml`` into typed records, collecting every problem with its line."""

from __future__ import annotations

import contextlib
import functools
import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .problems import Problem
from .records import (
    KINDS,
    Benchmark,
    Claim,
    Conflict,
    CoverageTopic,
    Event,
    Model,
    Organisation,
    Person,
    Record,
    Result,
    Source,
    Term,
)
from .yamlio import Document, decode, dotted, parse

if TYPE_CHECKING:
    from .grading import Grade

ALL_IDS = "*"
"""Marker in :attr:`Dataset.dropped`: the whole file failed, so any id of that kind may exist."""

SCHEMA_LINE = "# yaml-language-server: $schema=schemas/{kind}.schema.json"


@dataclass
class Located:
    """Where a record came from, so later checks can point at its lines."""

    file: str
    doc: Document
    index: int

    def line(self, *path: str | int) -> int:
        """Line of a field of this record (or of the record itself)."""
        return self.doc.line_of((self.index, *path))


@dataclass
class Dataset:
    """Every record of every kind, in file order, with where each came from."""

    sources: list[Source] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    models: list[Model] = field(default_factory=list)
    benchmarks: list[Benchmark] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    glossary: list[Term] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    coverage: list[CoverageTopic] = field(default_factory=list)
    where: dict[int, Located] = field(default_factory=dict)
    """id(record) -> location; records are frozen, so object identity is stable."""
    dropped: dict[str, set[str]] = field(default_factory=dict)
    """kind -> ids of records left out because they failed validation (``""`` if no id).

    Cross-record checks use it to avoid follow-on errors, such as reporting every
    citation of a source whose own record had a typo."""
    grades: dict[int, Grade] = field(default_factory=dict)
    """id(record) -> its confidence grade, computed from its sources (:func:`musekb.grading.grade_all`)."""

    def grade(self, record: Record) -> Grade:
        """The grade of a result, claim, event or role."""
        return self.grades[id(record)]

    def records(self, kind: str) -> list[Record]:
        """Records of one kind (a key of :data:`musekb.records.KINDS`)."""
        return getattr(self, kind)

    def locate(self, record: Record) -> Located:
        """Location of a loaded record."""
        return self.where[id(record)]

    # Lookups by id; built on demand because a Dataset is created once per build.
    def by_id(self, kind: str) -> dict[str, Any]:
        """Records of ``kind`` by id (first one wins; duplicates are reported by checks)."""
        cache = self.__dict__.setdefault("_by_id", {})
        if kind not in cache:
            index: dict[str, Any] = {}
            for rec in self.records(kind):
                index.setdefault(rec.id, rec)
            cache[kind] = index
        return cache[kind]


def load_dataset(data_dir: Path, root: Path | None = None) -> tuple[Dataset, list[Problem]]:
    """Load every data file; return what loaded and every problem found.

    Records that fail validation are left out of the dataset, and their problems are
    returned, so one bad record does not hide mistakes in the others.
    """
    root = root or data_dir.parent
    dataset = Dataset()
    problems: list[Problem] = []
    with _collector_paused():
        _load_kinds(data_dir, root, dataset, problems)
    return dataset, problems


@contextlib.contextmanager
def _collector_paused():
    """Parsing builds many objects and frees few: left running, the cycle collector walks them all
    again and again, so loading grew faster than the data (the records hold no cycles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_kinds(data_dir: Path, root: Path, dataset: Dataset, problems: list[Problem]) -> None:
    for kind, model in KINDS.items():
        path = data_dir / f"{kind}.yaml"
        shown = _shown(path, root)
        if not path.exists():
            problems.append(Problem(shown, 1, "file", "data file is missing", f"create {kind}.yaml"))
            continue
        records, found, dropped = _load_file_again(path.read_bytes(), shown, kind, model)
        problems.extend(found)
        if dropped:
            dataset.dropped[kind] = dropped
        for rec, located in records:
            dataset.records(kind).append(rec)
            dataset.where[id(rec)] = located


@functools.lru_cache(maxsize=32)
def _load_file_once(raw: bytes, shown: str, kind: str, model: type[Record]):
    records, problems, dropped = load_file(raw, shown, kind, model)
    return tuple(records), tuple(problems), frozenset(dropped)


def _load_file_again(raw: bytes, shown: str, kind: str, model: type[Record]):
    """:func:`load_file`, remembered by content: a long-running preview parses only the files that changed.

    The records are immutable, so the same objects (and their locations) serve every load.
    """
    records, problems, dropped = _load_file_once(raw, shown, kind, model)
    return list(records), list(problems), set(dropped)


def load_file(
    raw: bytes, shown: str, kind: str, model: type[Record]
) -> tuple[list[tuple[Record, Located]], list[Problem], set[str]]:
    """Parse and validate one data file given as bytes.

    Returns the valid records, the problems, and the ids of records left out (``{ALL_IDS}``
    when the whole file failed), so that checks do not also report references to them.
    """
    text, problems = decode(raw, shown)
    if text is None:
        return [], problems, {ALL_IDS}
    doc, problems = parse(text, shown)
    if doc is None:
        return [], problems, {ALL_IDS}
    if not text.startswith("# yaml-language-server:"):
        problems.append(
            Problem(
                shown,
                1,
                "file",
                "the first line is not the schema comment",
                f"start the file with '{SCHEMA_LINE.format(kind=kind)}'",
            )
        )
    if not isinstance(doc.value, list):
        problems.append(
            Problem(shown, doc.line_of(()), "file", "the file must be a list of records", "start each record with '- '")
        )
        return [], problems, {ALL_IDS}
    out, dropped = [], set()
    for index, raw_record in enumerate(doc.value):
        located = Located(shown, doc, index)
        if not isinstance(raw_record, dict):
            problems.append(
                Problem(shown, located.line(), f"[{index}]", "a record must be a mapping of fields", "write field: value lines")
            )
            dropped.add("")
            continue
        try:
            out.append((model.model_validate(raw_record), located))
        except ValidationError as err:
            problems.extend(_problems_from(err, located, raw_record))
            dropped.add(raw_record["id"] if isinstance(raw_record.get("id"), str) else "")
    if problems and not out:
        dropped = {ALL_IDS}
    return out, problems, dropped


_FIXES = {
    "missing": "add this field",
    "extra_forbidden": "remove it, or check its spelling against the data reference",
    "literal_error": "use one of the allowed values",
    "bool_type": "write true or false",
    "too_short": "add at least one item",
    "list_type": "write a list, e.g. [a, b] or one '- item' per line",
    "int_type": "write a whole number without quotes",
    "int_parsing": "write a whole number without quotes",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
    "model_type": "write the nested fields as a mapping",
    "dict_type": "write the nested fields as a mapping",
}

_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}


def _problems_from(err: ValidationError, located: Located, raw: dict) -> list[Problem]:
    problems = []
    for item in err.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if not _is_union_tag(p))
        where = dotted((located.index, *loc)) if loc else f"[{located.index}]"
        line = located.line(*loc)
        kind = item["type"]
        message = item["msg"]
        if kind == "kb_value":
            fix = item["ctx"]["fix"]
        elif kind == "bool_type" and item.get("input") in _YAML11_BOOLS:
            message = f"'{item['input']}' is text here, not a boolean (YAML 1.2 rules)"
            fix = "write true or false"
        elif kind == "missing":
            message = "required field is missing"
            fix = "add this field"
            line = located.line()
        elif kind == "extra_forbidden":
            message = "unknown field"
            fix = _FIXES[kind]
        elif kind == "literal_error":
            message = f"{item.get('input')!r} is not allowed; expected {item['ctx']['expected']}"
            fix = _FIXES[kind]
        else:
            fix = _FIXES.get(kind, "see the data reference for this field")
        problems.append(Problem(located.file, line, where, _clean(message), fix))
    return _dedupe_union(problems)


def _is_union_tag(part: Any) -> bool:
    # pydantic adds the branch name (e.g. 'function-plain[...]', 'literal[...]') to union locations
    return isinstance(part, str) and "[" in part


def _dedupe_union(problems: list[Problem]) -> list[Problem]:
    # A union field reports one error per branch; keep the first per field.
    seen, out = set(), []
    for p in problems:
        if (p.line, p.field) not in seen:
            seen.add((p.line, p.field))
            out.append(p)
    return out


def _clean(message: str) -> str:
    return message.removeprefix("Value error, ").rstrip(".")


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
