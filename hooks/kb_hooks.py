"""MkDocs adapter for the knowledge base: turns MkDocs events into calls to ``musekb``.

No logic lives here. The package does the work and knows nothing of MkDocs, so the
same content can be produced for another engine (``scripts/kb export``).
"""

from __future__ import annotations

import functools
import importlib
import json
import logging
import os
import sys
import time
from pathlib import Path

import musekb
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.plugins.musekb")
_state: dict = {}
_timings: dict[str, float] = {}


def _timed(event):
    """Accumulate the time spent in each event, for `make bench` (KB_PROFILE=<json file>)."""

    @functools.wraps(event)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return event(*args, **kwargs)
        finally:
            _timings[event.__name__] = _timings.get(event.__name__, 0.0) + time.perf_counter() - start

    return wrapper


def _core():
    """The package, re-imported when its code changed (so ``mkdocs serve`` picks up edits)."""
    package_dir = Path(musekb.__file__).parent
    stamp = max(p.stat().st_mtime_ns for p in package_dir.rglob("*.py"))
    if _state.get("stamp") != stamp:
        if "stamp" in _state:
            for name in [n for n in sys.modules if n == "musekb" or n.startswith("musekb.")]:
                del sys.modules[name]
        _state["modules"] = {
            name: importlib.import_module(f"musekb.{name}")
            for name in ("render_site", "clock", "navigation", "problems", "project")
        }
        _state["stamp"] = stamp
    return _state["modules"]


@_timed
def on_config(config):
    _timings.clear()
    _state["build_start"] = time.perf_counter()
    m = _core()
    project = m["project"].Project(Path(config.config_file_path).parent)
    try:
        site = m["render_site"].render_site(
            project, m["clock"].build_date(), site_url=config.site_url or "", repo_url=config.repo_url or ""
        )
    except m["problems"].ProblemsFound as err:
        for problem in err.problems:
            log.warning(str(problem))
        raise PluginError(f"{len(err.problems)} problem(s) in data/ or docs/, listed above.") from None
    config.nav, problems = m["navigation"].expand_nav(config.nav, site.nav_groups)
    for problem in problems:
        log.warning(str(problem))
    _state["site"] = site
    return config


@_timed
def on_files(files, config):
    site = _state["site"]
    for page in site.generated_pages():
        files.append(File.generated(config, page.uri, content=page.front_matter + page.markdown))
    for uri, content in sorted(site.assets.items()):
        files.append(File.generated(config, uri, content=content))
    return files


@_timed
def on_page_markdown(markdown, page, config, files):
    site = _state["site"]
    rendered = site.pages.get(page.file.src_uri)
    if rendered is None:
        return markdown
    if rendered.generated:
        page.edit_url = site.edit_url(page.file.src_uri)
    if rendered.search:
        page.meta["search"] = rendered.search
    return rendered.markdown


def on_post_build(config):
    if os.environ.get("KB_PROFILE"):
        report = {"build_seconds": time.perf_counter() - _state["build_start"], "events": dict(_timings)}
        Path(os.environ["KB_PROFILE"]).write_text(json.dumps(report, indent=1))
