"""Downloads built from the same checked records as the pages: JSON, CSV, schemas, manifest."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from typing import Any

from .context import Context
from .records import KINDS, Graded, Person, Record
from .scaffold import field_order
from .schemas import schema_bytes

DOWNLOAD_DIR = "data"
LICENSE = "CC BY 4.0 (the site's compilation); figures belong to the cited sources"


def record_json(ctx: Context, rec: Record) -> dict[str, Any]:
    """A record as downloads give it: its fields, with the computed grade and what it rests on."""
    dump = rec.model_dump(mode="json")
    out = {name: dump[name] for name in field_order(kind_of(rec))}
    if isinstance(rec, Graded):
        out.update(graded(ctx, rec))
    if isinstance(rec, Person):
        out["roles"] = [{**role, **graded(ctx, r)} for role, r in zip(out["roles"], rec.roles, strict=True)]
    return out


def kind_of(rec: Record) -> str:
    return next(kind for kind, model in KINDS.items() if isinstance(rec, model))


def graded(ctx: Context, rec: Graded) -> dict[str, str]:
    grade = ctx.grade(rec)
    return {"confidence": grade.letter, "confidence_basis": grade.why}


def dataset_json(ctx: Context) -> bytes:
    """The whole dataset in one JSON document."""
    doc = {
        "title": "Muse Spark knowledge base dataset",
        "build_date": ctx.today.isoformat(),
        "license": LICENSE,
        "schemas": {kind: f"schemas/{kind}.schema.json" for kind in KINDS},
        "grades": "confidence is computed from each record's sources; confidence_basis says what it rests on",
        **{kind: [record_json(ctx, rec) for rec in ctx.data.records(kind)] for kind in KINDS},
    }
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode()


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """One CSV row: nested mappings become ``a.b`` columns, lists are joined with ``; ``."""
    row: dict[str, str] = {}
    for key, value in record.items():
        name = prefix + key
        if isinstance(value, dict):
            row.update(flatten(value, name + "."))
        elif isinstance(value, list):
            row[name] = "; ".join(
                json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, dict) else str(v) for v in value
            )
        elif value is None:
            row[name] = ""
        elif isinstance(value, bool):
            row[name] = "true" if value else "false"
        else:
            row[name] = str(value)
    return row


def csv_table(ctx: Context, kind: str) -> bytes:
    """One CSV per record kind; the columns are the schema's fields plus ``build_date``."""
    rows = [flatten(record_json(ctx, rec)) for rec in ctx.data.records(kind)]
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    if kind == "results":
        # Readers of the results table want the unit without joining tables.
        for row, rec in zip(rows, ctx.data.results, strict=True):
            row["unit"] = ctx.benchmarks[rec.benchmark].scale.unit
        columns.append("unit")
    columns.append("build_date")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**{c: "" for c in columns}, **row, "build_date": ctx.today.isoformat()})
    return out.getvalue().encode()


def downloads(ctx: Context) -> dict[str, bytes]:
    """Every download by its path in the site, plus a manifest with sizes and checksums."""
    files: dict[str, bytes] = {f"{DOWNLOAD_DIR}/muse-spark-kb.json": dataset_json(ctx)}
    for kind in KINDS:
        files[f"{DOWNLOAD_DIR}/{kind}.csv"] = csv_table(ctx, kind)
        files[f"{DOWNLOAD_DIR}/schemas/{kind}.schema.json"] = schema_bytes(kind)
    manifest = {
        "build_date": ctx.today.isoformat(),
        "license": LICENSE,
        "records": {kind: len(ctx.data.records(kind)) for kind in KINDS},
        "files": {
            path.removeprefix(DOWNLOAD_DIR + "/"): {"bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            for path, content in sorted(files.items())
        },
    }
    files[f"{DOWNLOAD_DIR}/manifest.json"] = (json.dumps(manifest, indent=1) + "\n").encode()
    return files
