"""Reference pages generated from the schemas and the downloads."""

from __future__ import annotations

import yaml

from .blocks import table
from .context import Context
from .export import DOWNLOAD_DIR, LICENSE
from .page import PageWriter, RenderedPage
from .records import KINDS
from .schemas import field_rows
from .text import code_block, md

KIND_TITLES = {
    "sources": "Sources",
    "organisations": "Organisations",
    "people": "People",
    "models": "Models",
    "benchmarks": "Benchmarks",
    "results": "Benchmark results",
    "claims": "Claims",
    "events": "Timeline events",
    "glossary": "Glossary terms",
    "conflicts": "Conflicts",
    "coverage": "Coverage topics",
}


def _cell(text: str) -> str:
    # Allowed values are already formatted as `code`; everything else is escaped.
    return text if text.startswith("`") else md(text)


def data_reference_page(ctx: Context) -> RenderedPage:
    """Every record kind, field, type, allowed values and an example, from the schemas."""
    uri = "reference/data.md"
    w = PageWriter(ctx, uri)
    parts = [
        "# Data reference",
        "",
        "Every data file in `data/` is a YAML list of records of one kind. This page is generated from the "
        "same models that validate the files, so it lists every field the build accepts. Units of benchmark "
        "results are set per benchmark (`scale.unit`); units of claims are given in their `unit` field. "
        f"The JSON Schemas are in `data/schemas/` and [published with the downloads]({w.link(DOWNLOAD_DIR + '/index.md')}).",
        "",
    ]
    for kind, model in KINDS.items():
        parts += [
            f"## {KIND_TITLES[kind]} (`data/{kind}.yaml`) {{#{kind}}}",
            "",
            md((model.__doc__ or "").strip().split("\n\n")[0]),
            "",
        ]
        rows = [
            [
                f"`{r['field']}`",
                md(r["type"]),
                r["required"],
                _cell(r["allowed"]) or "—",
                md(r["description"]) + (f" Default: `{r['default']}`." if r["default"] else ""),
            ]
            for r in field_rows(kind)
        ]
        parts += [table(["Field", "Type", "Required", "Allowed values", "Meaning"], rows, sortable=False), ""]
        records = ctx.data.records(kind)
        if records:
            example = yaml.safe_dump(
                [records[0].model_dump(mode="json", exclude_defaults=True)], sort_keys=False, allow_unicode=True, width=100
            )
            parts += ["Example (the first record of the file):", "", code_block(example, "yaml"), ""]
    return RenderedPage(
        uri,
        "Data reference",
        "\n".join(parts),
        w,
        [("hooks/musekb/records.py", 1)],
        description="Every record kind, field, type and allowed value in the knowledge base's data files, with examples.",
    )


def downloads_page(ctx: Context, files: dict[str, bytes]) -> RenderedPage:
    """Where to download the data, what each file holds, and how to cite it."""
    uri = f"{DOWNLOAD_DIR}/index.md"
    w = PageWriter(ctx, uri)
    rows = []
    for path, content in sorted(files.items()):
        name = path.removeprefix(DOWNLOAD_DIR + "/")
        if name.endswith(".csv"):
            kind = name.removesuffix(".csv")
            what = f"{KIND_TITLES[kind]}: one row per record ({len(ctx.data.records(kind))} rows)"
        elif name.endswith(".schema.json"):
            kind = name.removeprefix("schemas/").removesuffix(".schema.json")
            what = f"JSON Schema of `data/{kind}.yaml`"
        elif name == "manifest.json":
            what = "Build date, record counts, sizes and SHA-256 checksums of every file"
        else:
            what = "The whole dataset in one JSON document"
        rows.append([f"[{md(name)}]({w.link(path)})", md(what) if "`" not in what else what, f"{len(content):,} bytes"])
    parts = [
        "# Data downloads",
        "",
        f"The dataset behind every page, built on {ctx.today.isoformat()} from the same checked records as the "
        "pages. The addresses below are stable: they keep their names from build to build.",
        "",
        table(["File", "Contents", "Size"], rows),
        "",
        "## Fields and units",
        "",
        f"Each column is a field described in the [data reference]({w.link('reference/data.md')}). Lists are "
        "joined with `; `; nested fields are written `parent.child`; every CSV ends with a `build_date` column. "
        "Scores are in the unit of their benchmark (the `unit` column of `results.csv`).",
        "",
        "## How to cite the data",
        "",
        f"Licence: {md(LICENSE)}. Cite the dataset with its build date and address, and cite the original "
        f"source of any figure you reuse (its `sources` ids resolve in `sources.csv`). See also [Sources]({w.link('sources.md')}).",
        "",
    ]
    return RenderedPage(
        uri,
        "Data downloads",
        "\n".join(parts),
        w,
        [("data/", 1)],
        description="Download the Muse Spark knowledge base as JSON and CSV, with JSON Schemas and a manifest of checksums.",
    )
