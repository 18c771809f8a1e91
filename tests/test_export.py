"""`kb export` writes a project that plain MkDocs + Material builds without the hooks.

The export is built here with no hook, no `musekb` on the path of the build and no plugin
besides search; every page of the real site must come out, links must resolve under any base
URL, and the figures on a sample of pages must be those of the real site.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, shared_temp
from markup_audit import audit
from musekb.cli import main
from musekb.markdown_scan import scan
from musekb.sitecheck import broken_internal_links, site_pages
from once import built_once


def export_and_build(base: Path) -> None:
    """`kb export` into ``base/project``, then a strict build of it by plain MkDocs into its ``site/``,
    from a folder outside the repository."""
    out = base / "project"
    result = CliRunner().invoke(main, ["--root", str(ROOT), "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml"), "-d", str(out / "site")],
        cwd=out,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]


@pytest.fixture(scope="session")
def export(tmp_path_factory) -> Path:
    """The exported project, built once per test run whichever worker asks first."""
    return built_once(shared_temp(tmp_path_factory), "export", export_and_build) / "project"


@pytest.fixture(scope="session")
def export_site(export) -> Path:
    return export / "site"


def test_the_configuration_has_no_hooks_tags_or_plugin_options(export):
    text = (export / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)  # a safe load: no !relative, no !ENV
    assert "hooks" not in config and "watch" not in config
    assert config["plugins"] == ["search"]
    extensions = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert not [e for e in extensions if "include" in e or "snippets" in e]
    assert all("kb:" not in str(entry) for entry in config["nav"]), "navigation placeholders are expanded"


def test_pages_have_nothing_left_for_the_hooks(export):
    for path in sorted((export / "docs").rglob("*.md")):
        if path.relative_to(export / "docs").parts[0] == "overrides":
            continue
        where = path.relative_to(export).as_posix()
        for line in scan(path.read_text(encoding="utf-8")):
            prose = "".join(" " if line.in_code(i) else c for i, c in enumerate(line.text))
            assert not re.search(r"^\s*\{!.*!\}\s*$", prose), f"{where}:{line.number}: an include is left"
            assert not re.search(r"<!--\s*kb:", prose), f"{where}:{line.number}: a shortcode is left"
            assert not prose.startswith("::: "), f"{where}:{line.number}: an mkdocstrings directive is left"
    contributing = (export / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert "## Naming records" in contributing, "CONTRIBUTING.md is included"
    code = (export / "docs" / "reference" / "code.md").read_text(encoding="utf-8")
    assert "**`musekb.records`**" in code and "hooks/musekb/records.py" in code


def test_every_page_of_the_real_site_is_built(export_site, built_site):
    real = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    exported = {p.relative_to(export_site).as_posix() for p in export_site.rglob("index.html")}
    assert real - exported == set()
    for name in ("feed.xml", "data/muse-spark-kb.json", "data/results.csv", "assets/kb.css", "assets/sortable.js"):
        assert (export_site / name).read_bytes() == (built_site / name).read_bytes(), name


def test_links_resolve_and_none_is_root_relative(export_site):
    assert broken_internal_links(export_site) == []
    for page, found in site_pages(export_site).items():
        if page == "404.html":
            continue  # served at any depth, so MkDocs writes its links from the site's own root
        rooted = [link for link in found.links if link.startswith("/") and not link.startswith("//")]
        assert rooted == [], f"{page} links from the site root, which breaks under another base URL: {rooted[:3]}"


def _figures(page_html: str) -> list[str]:
    """Every number in a page's content, in order (what a reader compares)."""
    return re.findall(r"\d+(?:[.,]\d+)*", audit(page_html).text())


SAMPLE = ["index.html", "design/index.html", "family/index.html", "safety/index.html", "timeline/index.html"]


@pytest.mark.parametrize("page", SAMPLE + ["benchmarks/*", "compare/*", "models/muse-spark/index.html"])
def test_figures_match_the_real_site(export_site, built_site, page):
    pages = (
        [p.relative_to(built_site).as_posix() for p in sorted(built_site.glob(page + "/index.html"))] if "*" in page else [page]
    )
    assert pages
    for path in pages:
        real = _figures((built_site / path).read_text(encoding="utf-8"))
        exported = _figures((export_site / path).read_text(encoding="utf-8"))
        assert len(real) > 5, path
        assert exported == real, f"{path}: figures differ from the real site"
