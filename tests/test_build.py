"""MkDocs builds through the hook: data mistakes fail it with file:line and no traceback."""

import os
import subprocess
import sys

from helpers import edit
from musekb.publish import atomic_build


def mkdocs_build(project, site_dir):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_BUILD_DATE": "2026-06-01"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
    )


def test_mini_site_builds_with_generated_pages(mini_buildable, tmp_path):
    run = mkdocs_build(mini_buildable, tmp_path / "site")
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "site" / "benchmarks" / "bench-x" / "index.html").read_text()
    assert "42.5%" in page and "Bench X" in page
    assert not (mini_buildable.docs_dir / "benchmarks" / "bench-x.md").exists(), "nothing is written into docs/"


def test_yaml_mistakes_fail_the_build_with_every_problem(mini_buildable, tmp_path):
    edit(mini_buildable, "models.yaml", "family: Beta", "family: Beta\n  colour: red")
    edit(mini_buildable, "results.yaml", "benchmark: index-y", "benchmark: index-z")
    run = mkdocs_build(mini_buildable, tmp_path / "site")
    assert run.returncode != 0
    assert "data/models.yaml:13: colour: unknown field" in run.stderr
    assert "data/results.yaml:33: benchmark: unknown benchmark 'index-z'" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_unknown_shortcode_id_fails_with_page_and_line(mini_buildable, tmp_path):
    edit(mini_buildable, "docs/index.md", "<!-- kb:name bench-x -->", "<!-- kb:name bench-q -->")
    run = mkdocs_build(mini_buildable, tmp_path / "site")
    assert run.returncode != 0
    assert "docs/index.md:7: kb:name: unknown model, benchmark, person, organisation or term id 'bench-q'" in run.stderr
    assert "Traceback" not in run.stderr


def test_failed_build_keeps_the_previous_site(mini_buildable, tmp_path, monkeypatch):
    monkeypatch.setenv("KB_BUILD_DATE", "2026-06-01")
    site = tmp_path / "site"
    assert atomic_build(mini_buildable.root, site) == 0
    before = (site / "index.html").read_bytes()
    edit(mini_buildable, "sources.yaml", "kind: paper", "kind: papper")
    assert atomic_build(mini_buildable.root, site) != 0
    assert (site / "index.html").read_bytes() == before
    assert not (tmp_path / "site.partial").exists()
