"""The ``kb`` command: check, scaffold, export and count the knowledge base's data."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .clock import build_date
from .problems import format_problems
from .project import Project, find_root
from .validate import gather


def _project() -> Project:
    """The project named by ``kb --root``, or the one around the current folder."""
    root = click.get_current_context().find_root().params.get("root")
    try:
        return Project(Path(root).resolve() if root else find_root())
    except FileNotFoundError as err:
        raise click.ClickException(str(err)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, exists=True), help="Project folder (default: found from here).")
def main(root: str | None) -> None:
    """Work with the Muse Spark knowledge base: its data (data/*.yaml) and pages (docs/)."""


@main.command()
def check() -> None:
    """Run every check the build runs on data/ and docs/, without building the site.

    Data records, shortcodes, typed figures, includes, links and anchors between pages, the
    navigation: each problem is printed as file:line: field: what is wrong (how to fix), at
    the file a contributor edits, and the command exits with status 1 if there is any.
    """
    from .problems import ProblemsFound
    from .render_site import render_site

    project = _project()
    try:
        render_site(project, build_date())
    except ProblemsFound as err:
        click.echo(format_problems(err.problems), err=True)
        sys.exit(1)
    click.echo("data and pages OK")


@main.command()
@click.option("--site-dir", default="site", show_default=True, help="Where the finished site goes (relative to the project).")
def build(site_dir: str) -> None:
    """Strict build of the site, replacing SITE_DIR only if the build succeeds.

    MkDocs empties its output folder before building, so a failed build would leave a
    half-written site. This command builds into SITE_DIR.partial and swaps it in at the end.
    """
    from .publish import atomic_build

    project = _project()
    code = atomic_build(project.root, project.root / site_dir)
    if code:
        click.echo(f"Build failed; {site_dir}/ was left as it was.", err=True)
        sys.exit(code)


@main.command()
@click.option("--out", default="staging", show_default=True, help="Folder to write the project into (replaced).")
def export(out: str) -> None:
    """Write the site as a plain project into OUT: mkdocs.yml and docs/, no hooks.

    Every page has its includes expanded and its shortcodes rendered; generated pages,
    charts, downloads, stylesheets and theme overrides are there; links are relative. Plain
    MkDocs with Material builds it (`mkdocs build -f OUT/mkdocs.yml`), and so does Zensical.
    """
    from .engine_export import ConfigError, export_project, read_config
    from .problems import ProblemsFound
    from .render_site import render_site

    project = _project()
    config_file = project.root / "mkdocs.yml"
    try:
        config = read_config(config_file) if config_file.is_file() else {}
    except ConfigError as err:
        raise click.ClickException(str(err)) from None
    try:
        site = render_site(project, build_date(), site_url=config.get("site_url") or "", repo_url=config.get("repo_url") or "")
    except ProblemsFound as err:
        click.echo(format_problems(err.problems), err=True)
        sys.exit(1)
    written = export_project(site, config, project.root, project.root / out)
    click.echo(f"wrote {len(written)} files to {out}/ (build it with: mkdocs build -f {out}/mkdocs.yml)")


@main.command()
def stats() -> None:
    """Count records per kind and facts per provenance and confidence."""
    from collections import Counter

    from .records import KINDS

    project = _project()
    data, problems = gather(project, build_date())
    click.echo("records per kind:")
    for kind in KINDS:
        click.echo(f"  {kind:<14}{len(data.records(kind)):>6}")
    facts = [*data.results, *data.claims, *data.events]
    counts = {
        "provenance": Counter(f.provenance for f in facts),
        "confidence (computed from sources)": Counter(data.grade(f).letter for f in facts if id(f) in data.grades),
    }
    for label, counter in counts.items():
        click.echo(f"facts per {label}:")
        for value, count in sorted(counter.items()):
            click.echo(f"  {value:<14}{count:>6}")
    if problems:
        click.echo(f"({len(problems)} problems; run `kb check`)", err=True)


@main.command()
@click.option("--check", "only_check", is_flag=True, help="Only report schemas that are out of date (exit 1 if any).")
def schemas(only_check: bool) -> None:
    """Write the JSON Schemas of the data files into data/schemas/.

    Run it after changing hooks/musekb/records.py, so editors validate against the new fields.
    """
    from .schemas import stale_schemas, write_schemas

    project = _project()
    stale = stale_schemas(project.schema_dir)
    if only_check:
        if stale:
            click.echo("out of date: " + ", ".join(stale) + " (run `kb schemas`)", err=True)
            sys.exit(1)
        click.echo("schemas up to date")
        return
    for path in write_schemas(project.schema_dir):
        click.echo(f"wrote {path.relative_to(project.root)}")


@main.command()
@click.option("--site-dir", default="site", show_default=True, help="Built site to check (run `make build` first).")
@click.option("--external", is_flag=True, help="Also request every external URL (network; cached in .cache/links.json).")
@click.option("--max-age", default=7.0, show_default=True, help="Days a cached external answer stays valid.")
def links(site_dir: str, external: bool, max_age: float) -> None:
    """Check the built site's links: internal ones always, external ones with --external.

    Broken internal links or anchors exit with status 1. External links are only
    reported (a scheduled job runs this; a dead third-party page must not block anyone).
    """
    from .sitecheck import broken_internal_links, check_external, external_links

    project = _project()
    site = project.root / site_dir
    if not (site / "index.html").exists():
        raise click.ClickException(f"no built site in {site_dir}/ (run `make build` first)")
    broken = broken_internal_links(site)
    for line in broken:
        click.echo(line, err=True)
    click.echo(f"internal links: {len(broken)} broken")
    if external:
        urls = external_links(site)
        results = check_external(sorted(urls), project.root / ".cache" / "links.json", max_age_days=max_age)
        bad = {u: s for u, s in results.items() if not s.startswith(("2", "3"))}
        for url, status in sorted(bad.items()):
            click.echo(f"{status:>8}  {url}  (on {', '.join(urls[url][:3])})")
        click.echo(f"external links: {len(results)} checked, {len(bad)} not OK (reported only)")
    if broken:
        sys.exit(1)


# --- kb new ---------------------------------------------------------------------------------

_LIST_OPTION_NAMES = {"sources": "source", "about": "about", "aliases": "alias"}
_SKIPPED_FIELDS = {"roles", "via"}  # nested records: edit the file by hand


def _new_command(kind_word: str, kind: str) -> click.Command:
    """Build ``kb new <kind>`` with one option per field of the record model."""
    from .records import KINDS

    model = KINDS[kind]
    params: list[click.Parameter] = []
    fields = sorted(model.model_fields.items(), key=lambda item: not item[1].is_required())
    for name, info in fields:
        if name in _SKIPPED_FIELDS:
            continue
        help_text = (info.description or "").split("\n")[0]
        if name in _LIST_OPTION_NAMES:
            params.append(click.Option([f"--{_LIST_OPTION_NAMES[name]}", name], multiple=True, help=f"{help_text} (repeatable)"))
        else:
            params.append(click.Option([f"--{name.replace('_', '-')}", name], help=help_text))
    if kind == "sources":
        params.append(click.Option(["--via-url"], help="Address of the copy you read, if not the original."))
        params.append(click.Option(["--via-note"], help="What that copy is."))
    params.append(click.Option(["--no-input"], is_flag=True, help="Never prompt; fail if a required field is missing."))
    params.append(click.Option(["--dry-run"], is_flag=True, help="Print the record and the checks, write nothing."))

    def callback(no_input: bool, dry_run: bool, **options) -> None:
        _create(kind, options, _project(), no_input, dry_run)

    article = "an" if kind_word[0] in "aeiou" else "a"
    doc = f"Add {article} {kind_word} to data/{kind}.yaml, checked before it is written.\n\n"
    doc += "Options left out are asked for (or, with --no-input, reported). Dates are YYYY-MM-DD."
    return click.Command(kind_word, params=params, callback=callback, help=doc)


def _create(kind: str, options: dict, project: Project, no_input: bool, dry_run: bool) -> None:
    import shutil
    import tempfile

    from .records import KINDS
    from .scaffold import build_record, field_order, insert_record, render_record, typed

    model = KINDS[kind]
    values: dict = {}
    via_url, via_note = options.pop("via_url", None), options.pop("via_note", None)
    for name, raw in options.items():
        if raw in (None, ()):
            continue
        values[name] = [typed(v) for v in raw] if isinstance(raw, tuple) else typed(raw)
    if via_url or via_note:
        values["via"] = {"url": via_url, "note": via_note}
    today = build_date()
    missing = [
        name
        for name in field_order(kind)
        if model.model_fields[name].is_required() and name not in values and name not in ("accessed", "as_of")
    ]
    if missing and no_input:
        flags = ", ".join("--" + _LIST_OPTION_NAMES.get(m, m).replace("_", "-") for m in missing)
        raise click.UsageError(f"missing required fields: {flags}")
    for name in missing:
        answer = click.prompt(f"{name} ({(model.model_fields[name].description or '').split(chr(10))[0]})")
        values[name] = [typed(a.strip()) for a in answer.split(",")] if name in _LIST_OPTION_NAMES else typed(answer)
    path = project.data_dir / f"{kind}.yaml"
    text = path.read_text(encoding="utf-8")
    record = build_record(kind, values, today, field_order(kind, text))
    new_text, first_line = insert_record(text, kind, record)

    _, before = gather(project, today)
    with tempfile.TemporaryDirectory() as tmp:
        trial = Project(Path(tmp))
        shutil.copytree(project.data_dir, trial.data_dir)
        (trial.root / "docs").symlink_to(project.docs_dir, target_is_directory=True)
        (trial.data_dir / f"{kind}.yaml").write_text(new_text, encoding="utf-8")
        _, after = gather(trial, today)
    known = {(p.file, p.field, p.message) for p in before}
    new_id = record.get("id")
    fresh = [
        p
        for p in after
        if (p.file, p.field, p.message) not in known
        and not (kind == "sources" and "is not cited by any record" in p.message and f"'{new_id}'" in p.message)
    ]
    click.echo(f"data/{kind}.yaml:{first_line}:")
    click.echo(render_record(record).rstrip("\n"))
    if fresh:
        click.echo(format_problems(fresh), err=True)
        click.echo(f"Nothing written to data/{kind}.yaml.", err=True)
        sys.exit(1)
    if dry_run:
        click.echo("(dry run: nothing written)")
        return
    path.write_text(new_text, encoding="utf-8")
    click.echo(f"Added to data/{kind}.yaml at line {first_line}.")
    if kind == "sources":
        click.echo(f"Next: cite it from a record, e.g. kb new result ... --source {new_id}")


@main.group()
def new() -> None:
    """Add a source, result, event or glossary term."""


for _word, _kind in (("source", "sources"), ("result", "results"), ("event", "events"), ("term", "glossary")):
    new.add_command(_new_command(_word, _kind))
