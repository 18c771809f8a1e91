"""JSON Schemas for the data files, and the data reference page generated from them.

The schemas are derived from :mod:`musekb.records`, committed under ``data/schemas/``
(editors read them through each file's ``# yaml-language-server`` line), and published
with the downloads. ``kb schemas`` rewrites them; a test fails if they are out of date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .fieldtypes import SCHEMA_TYPE_KEY
from .records import KINDS

SCHEMA_BASE = "https://muse-spark-kb.github.io/muse-spark-kb/data/schemas/"


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one data file: a list of records of that kind."""
    model = KINDS[kind]
    schema = TypeAdapter(list[model]).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{kind}.schema.json",
        "title": f"data/{kind}.yaml",
        "description": (model.__doc__ or "").strip().split("\n\n")[0],
        **schema,
    }


def schema_bytes(kind: str) -> bytes:
    """Stable serialisation (sorted keys, trailing newline) so diffs stay small."""
    return (json.dumps(schema_for(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def write_schemas(schema_dir: Path) -> list[Path]:
    """Write every schema into ``schema_dir``; return the paths written."""
    schema_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in KINDS:
        path = schema_dir / f"{kind}.schema.json"
        path.write_bytes(schema_bytes(kind))
        paths.append(path)
    return paths


def stale_schemas(schema_dir: Path) -> list[str]:
    """Kinds whose committed schema differs from the one the records define."""
    return [
        kind
        for kind in KINDS
        if not (schema_dir / f"{kind}.schema.json").exists()
        or (schema_dir / f"{kind}.schema.json").read_bytes() != schema_bytes(kind)
    ]


# --- field descriptions for the data reference ------------------------------------------------


def describe_type(prop: dict[str, Any], defs: dict[str, Any]) -> tuple[str, str]:
    """A readable type and the allowed values (if an enumeration) of a schema property."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"mapping ({name})", ""
    if "anyOf" in prop:
        kinds, allowed = [], []
        for option in prop["anyOf"]:
            if option.get("type") == "null":
                continue
            text, values = describe_type(option, defs)
            kinds.append(text)
            if values:
                allowed.append(values)
        return " or ".join(dict.fromkeys(kinds)), "; ".join(allowed)
    if "const" in prop:
        return "text", f"`{prop['const']}`"
    if "enum" in prop:
        return "text", ", ".join(f"`{v}`" for v in prop["enum"])
    if SCHEMA_TYPE_KEY in prop:  # one of musekb.fieldtypes: it names itself
        return prop[SCHEMA_TYPE_KEY], ""
    kind = prop.get("type", "any")
    if kind == "array":
        inner, allowed = describe_type(prop.get("items", {}), defs)
        return f"list of {inner}", allowed
    return {"boolean": "true/false", "integer": "whole number", "number": "number", "string": "text"}.get(kind, kind), ""


def field_rows(kind: str) -> list[dict[str, str]]:
    """Every field of a record kind (nested mappings included) as reference rows."""
    schema = schema_for(kind)
    defs = schema.get("$defs", {})
    top = defs[schema["items"]["$ref"].rsplit("/", 1)[-1]]
    rows: list[dict[str, str]] = []

    def walk(definition: dict[str, Any], prefix: str) -> None:
        required = set(definition.get("required", []))
        for name, prop in definition.get("properties", {}).items():
            text, allowed = describe_type(prop, defs)
            rows.append(
                {
                    "field": prefix + name,
                    "type": text,
                    "required": "yes" if name in required else "no",
                    "allowed": allowed,
                    "description": prop.get("description", ""),
                    "default": ""
                    if "default" not in prop or prop["default"] in (None, [], False)
                    else json.dumps(prop["default"]),
                }
            )
            nested = prop.get("$ref") or next((o.get("$ref") for o in prop.get("anyOf", []) if "$ref" in o), None)
            nested = nested or prop.get("items", {}).get("$ref")
            if nested:
                walk(defs[nested.rsplit("/", 1)[-1]], prefix + name + ("[]." if prop.get("type") == "array" else "."))

    walk(top, "")
    return rows
