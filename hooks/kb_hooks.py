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

import mkdocs.plugins
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
            name: importlib.import_module(f"musekb.{name}") for name in ("published", "clock", "problems", "project")
        }
        _state["stamp"] = stamp
    return _state["modules"]


class _StrictWarningsAreErrors(logging.Filter):
    """While a strict build runs, a warning stops it, so it is shown as the error it is.

    One instance lives on MkDocs' console handler; every build switches it on and off, so the
    preview server's request log, printed between builds, stays as MkDocs writes it.
    """

    kb_strict = True

    def __init__(self) -> None:
        super().__init__()
        self.active = False
        self.quiet_level: int | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if self.active and record.levelno == logging.WARNING:
            record.levelno, record.levelname = logging.ERROR, "ERROR"
        return True


def _strict_filter(create: bool = False) -> _StrictWarningsAreErrors | None:
    console = next((h for h in logging.getLogger("mkdocs").handlers if h.get_name() == "MkDocsStreamHandler"), None)
    if console is None:
        return None
    found = next((f for f in console.filters if getattr(f, "kb_strict", False)), None)
    if found is None and create:
        found = _StrictWarningsAreErrors()
        console.addFilter(found)
    return found


def _show_what_stops_the_build(config) -> None:
    """With ``-q`` MkDocs drops warnings before strict mode counts them, so a broken link would
    pass unseen; during a strict build every warning is let through and printed as an error
    (afterwards the preview server's request log is as MkDocs prints it)."""
    strict = _strict_filter(create=config.strict)
    if not config.strict or strict is None:
        return
    strict.active = True
    logger = logging.getLogger("mkdocs")
    if logger.getEffectiveLevel() > logging.WARNING:
        strict.quiet_level = logger.level
        logger.setLevel(logging.WARNING)


def _build_ended() -> None:
    strict = _strict_filter()
    if strict is not None:
        strict.active = False
        if strict.quiet_level is not None:
            logging.getLogger("mkdocs").setLevel(strict.quiet_level)
            strict.quiet_level = None


class ProblemsInInput(PluginError):
    """The build stopped on contributors' mistakes; ``problems`` lists them (the preview shows them)."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s) in data/ or docs/, listed above.")
        self.problems = problems


@_timed
def on_config(config):
    _timings.clear()
    _state["build_start"] = time.perf_counter()
    _show_what_stops_the_build(config)
    m = _core()
    project = m["project"].Project(Path(config.config_file_path).parent)
    try:
        site = m["published"].published_site(
            project,
            m["clock"].build_date(),
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            config_file=Path(config.config_file_path),
            keep_includes=True,  # markdown-include (mkdocs.yml) inserts the files; the package has checked them
        )
    except m["problems"].ProblemsFound as err:
        for problem in err.problems:
            log.error(str(problem))
        raise ProblemsInInput(err.problems) from None
    if site.nav is not None:
        config.nav = site.nav
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
    edit_url = site.edit_url(page.file.src_uri)
    if edit_url or rendered.generated:  # a generated page has no docs/ file to edit
        page.edit_url = edit_url
    if rendered.search:
        page.meta["search"] = rendered.search
    return rendered.markdown


def on_build_error(error):
    _build_ended()


@mkdocs.plugins.event_priority(-100)  # after every other post-build step, which may still warn
def on_post_build(config):
    _build_ended()
    if os.environ.get("KB_PROFILE"):
        report = {"build_seconds": time.perf_counter() - _state["build_start"], "events": dict(_timings)}
        Path(os.environ["KB_PROFILE"]).write_text(json.dumps(report, indent=1))
