"""JSON Schemas match the record models, and the data reference documents every field."""

import json
import re

from conftest import MINI_TODAY, ROOT
from musekb.context import Context
from musekb.records import KINDS
from musekb.reference import data_reference_page
from musekb.schemas import schema_for, stale_schemas
from musekb.text import md
from musekb.validate import load_checked


def test_committed_schemas_are_current(real_project):
    assert stale_schemas(real_project.schema_dir) == [], "run `kb schemas` after changing records.py"


def test_every_data_file_points_editors_at_its_schema(real_project):
    for kind in KINDS:
        first = (real_project.data_dir / f"{kind}.yaml").read_text().split("\n", 1)[0]
        assert first == f"# yaml-language-server: $schema=schemas/{kind}.schema.json"
        assert (real_project.data_dir / "schemas" / f"{kind}.schema.json").exists()


def test_schemas_forbid_unknown_fields():
    for kind in KINDS:
        schema = schema_for(kind)
        record = schema["$defs"][schema["items"]["$ref"].rsplit("/", 1)[-1]]
        assert record["additionalProperties"] is False


def all_schema_fields(kind):
    schema = schema_for(kind)
    defs = schema["$defs"]
    names = set()

    def walk(definition, prefix):
        for name, prop in definition.get("properties", {}).items():
            names.add(prefix + name)
            ref = prop.get("$ref") or next((o["$ref"] for o in prop.get("anyOf", []) if "$ref" in o), None)
            ref = ref or prop.get("items", {}).get("$ref")
            if ref:
                walk(defs[ref.rsplit("/", 1)[-1]], prefix + name + ("[]." if prop.get("type") == "array" else "."))

    walk(defs[schema["items"]["$ref"].rsplit("/", 1)[-1]], "")
    return names


def test_data_reference_lists_every_field_of_every_schema(mini):
    page = data_reference_page(Context.of(load_checked(mini, MINI_TODAY), MINI_TODAY)).markdown
    for kind in KINDS:
        section = page.split(f"(`data/{kind}.yaml`)", 1)[1].split("\n## ", 1)[0]
        for field in all_schema_fields(kind):
            assert f"<tr><td><code>{md(field)}</code></td>" in section, f"{kind}: {field} missing from the data reference"


def test_each_schema_names_its_file_its_address_and_the_required_fields(real_project):
    """Editors show the title, fetch the schema by its $id, and flag the same missing fields the loader does."""
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    for kind, model in KINDS.items():
        doc = json.loads((real_project.schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert doc["title"] == f"data/{kind}.yaml"
        assert doc["$id"] == f"{site_url}data/schemas/{kind}.schema.json"  # where the downloads publish it
        record = doc["$defs"][doc["items"]["$ref"].rsplit("/", 1)[-1]]
        required = {name for name, info in model.model_fields.items() if info.is_required()}
        assert set(record.get("required", [])) == required, kind
