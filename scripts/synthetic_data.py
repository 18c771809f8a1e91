"""Synthetic data for `make bench`'s scale measure: the real records copied n times, each copy
with its own ids, references and source addresses, so that the copy passes every check."""

from __future__ import annotations

import copy
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import musekb.yamlio
import yaml
from musekb.records import KINDS

# Fields holding ids of other records (top level, and inside people's roles).
ID_FIELDS = ("id", "sources", "about", "model", "benchmark", "org", "parent", "version_of", "maintainer", "speaker", "conflict")


def clone(record: dict, n: int) -> dict:
    """Copy ``n`` of a record: its id and every id it references get the suffix ``-s<n>``."""
    if n == 0:
        return record

    def suffix(value):
        if isinstance(value, list):
            return [suffix(v) for v in value]
        return f"{value}-s{n}" if isinstance(value, str) else value

    out = copy.deepcopy(record)  # nothing shared between copies, so the YAML has no aliases
    for key in ID_FIELDS:
        if key in out:
            out[key] = suffix(out[key])
    if "roles" in out:
        out["roles"] = [clone(role, n) for role in out["roles"]]
    if "url" in out and "publisher" in out:  # a source: the same page may not be recorded twice
        parts = urlsplit(out["url"])  # in the path: query strings and .md variants do not make another page
        out["url"] = urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}/s{n}"))
    return out


def write_synthetic_data(src: Path, dst: Path, factor: int) -> int:
    """Write into the data folder ``dst`` ``factor`` copies of every record of the data folder
    ``src`` (each next to its original, so the timeline stays in date order). Returns the record count."""
    total = 0
    for kind in KINDS:
        path = src / f"{kind}.yaml"
        text, _ = musekb.yamlio.decode(path.read_bytes(), str(path))
        doc, problems = musekb.yamlio.parse(text, str(path))
        assert doc and not problems, problems
        records = [clone(rec, k) for rec in doc.value for k in range(factor)]
        total += len(records)
        body = yaml.dump(records, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=110)
        (dst / f"{kind}.yaml").write_text(f"# yaml-language-server: $schema=schemas/{kind}.schema.json\n{body}", encoding="utf-8")
    return total
