"""MkDocs adapter for `mkdocs serve` only: show problems in the browser, and make a saved edit
reach it quickly. It does nothing during `mkdocs build`.

A build that fails does not leave the preview waiting. MkDocs would keep every request
pending until a build succeeds, and say why only in the terminal; here a failed build
replaces the preview with one page listing every problem (file:line, what is wrong, the fix),
served at every address, and a save that fixes them reloads the browser into the site.

MkDocs rebuilds the whole site after every change. This adapter avoids most of that work:

- MkDocs polls for changes every half second; the operating system's file events report a
  save at once, and say which files changed.
- After an edit to data/ or to a hand-written page, the site is rendered again by the
  package and only the pages and files whose content changed are converted, laid out and
  written (:mod:`musekb.incremental` decides which, or that a full build is needed). Pages
  open in a browser (the live-reload script asks the server about them) come first and are
  reloaded at once; the other changed pages, and charts that must be drawn again, follow in a
  second pass. The search index keeps its last full build.
- A full build (after a code, theme or configuration edit) reuses the HTML of every page
  whose final Markdown, file list and configuration are unchanged.

It must be listed after ``kb_hooks.py`` in ``hooks:``: it reads the files and Markdown that
adapter produced.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import re
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import mkdocs.commands.serve
from musekb.problem_page import problem_page

log = logging.getLogger("mkdocs.plugins.musekb.preview")
_state: dict = {"serving": False, "cache": {}, "pending": {}, "candidate": None, "digest": "", "error": None}
_changed: set[Path] = set()
_changed_lock = threading.Lock()
_viewed: dict[str, float] = {}
"""Path of a page open in a browser -> when its live-reload script last asked the server."""
VIEWED_SECONDS = 65  # the script asks again at least every minute
TOGETHER_SECONDS = 5  # pages reloaded together ask within moments of each other
_H1 = re.compile(r"^#\s.*$", re.M)
_DIRECTIVE = re.compile(r"^::: *(\S+)\s*$", re.M)


def on_startup(command, dirty):
    _state["serving"] = command == "serve"
    if _state["serving"] and "build" not in _state:
        # `mkdocs serve` calls this module-level function for its first build and every rebuild.
        _state["build"] = mkdocs.commands.serve.build
        mkdocs.commands.serve.build = _build_or_show_problems


def on_shutdown():
    if "build" in _state:
        mkdocs.commands.serve.build = _state.pop("build")


class _Messages(logging.Handler):
    """Keeps what a build logs at warning level and above, for the problem page."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _build_or_show_problems(config, **kwargs):
    """Build; if that fails, publish the problem page in place of the site instead of raising.

    MkDocs then treats the build as done: browsers waiting on the old site reload and get the
    page, and the next save rebuilds as usual.
    """
    messages = _Messages()
    logging.getLogger("mkdocs").addHandler(messages)
    _state["error"] = None
    try:
        _state["build"](config, **kwargs)
    except (Exception, SystemExit) as failure:
        problems = list(getattr(_state["error"], "problems", None) or [])
        listed = {str(p) for p in problems}
        other = [line for line in messages.lines if line not in listed and not line.endswith("listed above.")]
        if not problems and not other:
            other = [str(failure) or type(failure).__name__]
        _publish(Path(config.site_dir), problem_page(problems, other, config.site_url or ""))
        log.error(f"Build failed: the preview at {config.site_url} shows the problems until a save fixes them.")
    finally:
        logging.getLogger("mkdocs").removeHandler(messages)


def _publish(site_dir: Path, page: str) -> None:
    """Replace the built site with the problem page, as the home page and as the page for any other address."""
    site_dir.mkdir(parents=True, exist_ok=True)
    for child in site_dir.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    for name in ("index.html", "404.html"):
        (site_dir / name).write_text(page, encoding="utf-8")


def on_serve(server, config, builder):
    from watchdog import events, observers

    # Any address that is not a file gets 404.html, which is the problem page after a failed
    # build: give it the reload script MkDocs adds to the pages it serves, so a fix reloads it.
    not_found = server.error_handler

    def error_handler(code):
        content = not_found(code)
        return server._inject_js_into_html(content, server._visible_epoch) if content else content

    server.error_handler = error_handler

    written = [events.FileModifiedEvent, events.FileCreatedEvent, events.FileDeletedEvent, events.FileMovedEvent]

    class ChangesOnly(observers.Observer):
        # Native observers also report files being opened and read, which every build does.
        def schedule(self, handler, path, *, recursive=False, event_filter=None):
            notify = handler.on_any_event

            def record(event):
                with _changed_lock:
                    _changed.update(Path(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p)
                notify(event)

            handler.on_any_event = record
            return super().schedule(handler, path, recursive=recursive, event_filter=written)

    # MkDocs watched these with its polling observer before this event; move them over.
    own = [config.docs_dir, config.config_file_path]
    for path in own:
        server.unwatch(path)
    server.observer = ChangesOnly()
    for path in own:
        server.watch(path)
    # The build also reads data/ and the repository's Markdown files that pages include,
    # whatever the configuration's `watch:` lists.
    root = Path(config.config_file_path).parent
    for path in [root / "data", *sorted(root.glob("*.md"))]:
        if path.exists() and str(path) not in [str(Path(w).resolve()) for w in config.watch]:
            server.watch(str(path))

    ask = server._log_poll_request  # called with the page's address each time a browser waits for a reload

    def viewed(url, request_id):
        if url:
            _viewed[urlsplit(url).path.removeprefix(server.mount_path.rstrip("/"))] = time.monotonic()
        ask(url, request_id)

    server._log_poll_request = viewed

    def rebuild(config=None):
        with _changed_lock:
            changed = set(_changed)
            _changed.clear()
        second, _state["redraw"] = _state.get("redraw", False), False
        if config is None and (changed or second) and _update_in_place(changed, second_pass=second):
            if _state["redraw"]:  # the open pages are out; the rest and the charts in a second pass
                with server._rebuild_cond:  # what a file event does (LiveReloadServer, MkDocs 1.6)
                    server._want_rebuild = True
                    server._rebuild_cond.notify_all()
            return
        builder(config)

    server.builder = rebuild
    return server


# --- full builds: remember what was built, reuse unchanged pages' HTML --------------------------


def on_config(config):
    if _state["serving"]:
        _state["config"] = config
    return config


def on_files(files, config):
    if _state["serving"]:
        if _state["candidate"] is not None:  # the previous build succeeded: reuse its pages
            _state["cache"], _state["candidate"] = _state["candidate"], None
        site_files = "\n".join(sorted(f.src_uri for f in files))
        settings = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        _state["digest"] = hashlib.sha256(site_files.encode() + settings).hexdigest()
        _state["pending"] = {}
        _state["files"] = files
        _state["rendered"] = {}
        # the knowledge base's own generated files (charts, downloads), not other plugins'
        generated = [f for f in files if (f.generated_by or "").endswith("kb_hooks.py") and not f.is_documentation_page()]
        _state["generated"] = {f.src_uri: f.content_bytes for f in generated}
    return files


def on_nav(nav, config, files):
    _state["nav"] = nav
    return nav


def on_env(env, config, files):
    _state["env"] = env
    return env


def on_page_markdown(markdown, page, config, files):
    if not _state["serving"]:
        return markdown
    newer = _state.get("newer")
    if newer is not None and page.file.src_uri in newer.pages:  # an in-place update: the new render
        markdown = newer.pages[page.file.src_uri].markdown
    front_matter = _core("render_site").split_front_matter(page.file.content_string)[0]
    _state["rendered"][page.file.src_uri] = (front_matter, markdown)
    if "mkdocstrings" not in config.plugins:  # `make serve` leaves the code reference to `make build`
        markdown = _DIRECTIVE.sub(r"`\1` *(documented in full by `make build`; the preview skips it)*", markdown)
    if ":::" in markdown or newer is not None:  # mkdocstrings pages register anchors while rendering
        return markdown
    key = hashlib.sha256((page.file.src_uri + "\0" + _state["digest"] + "\0" + markdown).encode()).hexdigest()
    page.kb_cache_key = key
    if key in _state["cache"]:
        # Only the title heading is converted: MkDocs reads the page title from it.
        heading = _H1.search(markdown)
        return heading.group(0) if heading else ""
    return markdown


def on_page_content(html, page, config, files):
    key = getattr(page, "kb_cache_key", None)
    if key is None:
        return html
    if key in _state["cache"]:
        html, page.toc, page.present_anchor_ids, page.links_to_anchors = _state["cache"][key]
    _state["pending"][key] = (html, page.toc, page.present_anchor_ids, getattr(page, "links_to_anchors", None))
    return html


def on_post_build(config):
    # Strict mode still aborts after this event when there were warnings; on_build_error then
    # drops the candidate, so a page that warned is converted (and warns) again next time.
    if _state["serving"]:
        _state["candidate"] = _state["pending"]
        _state["built"] = _site_state(_state["rendered"], _state["generated"])
        _state["stale"] = set()


def on_build_error(error):
    _state["candidate"] = None
    _state["built"] = None
    _state["error"] = error  # the hook's ProblemsInInput carries the problems for the problem page


# --- in-place updates after a data or page edit -------------------------------------------------


def _core(name: str):
    # Looked up on each use: the MkDocs hook re-imports the package when its code changes.
    return importlib.import_module(f"musekb.{name}")


def _site_state(pages, files):
    return _core("incremental").site_state(pages, files)


def _update_in_place(changed: set[Path], second_pass: bool) -> bool:
    """Rebuild only what the edit changed; False when a full build is needed (it then reports any problem).

    In a first pass, only the changed pages open in a browser are rebuilt (all of them when none
    is known to be open), and charts and downloads keep their previous content;
    ``_state["redraw"]`` then asks for a second pass, which does the rest.
    """
    config, built = _state.get("config"), _state.get("built")
    if config is None or built is None:
        return False
    core = {name: _core(name) for name in ("clock", "incremental", "project", "render_site")}
    root = Path(config.config_file_path).parent
    warnings = _WarningCount()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        site = core["render_site"].render_site(
            core["project"].Project(root),
            core["clock"].build_date(),
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            config_file=Path(config.config_file_path),
            keep_includes=True,  # as the full build (kb_hooks.py): markdown-include inserts the files
            stand_ins=None if second_pass else _state["generated"],
        )
        new = core["incremental"].site_state({u: (p.front_matter, p.markdown) for u, p in site.pages.items()}, site.assets)
        plan = core["incremental"].plan_update(built, new, changed, root)
        if plan.full_build:
            log.info(f"Full rebuild: {plan.full_build}")
            return False
        pending = sorted(set(plan.pages) | _state.get("stale", set()))
        open_now = _open_pages()
        first = pending if second_pass else [u for u in pending if u in open_now] or pending
        _write(site, first, plan.files, config)
        if warnings.count:
            return False  # the full build shows them (and, in strict mode, stops)
    except Exception as err:  # the full build reports problems in data and pages properly
        log.debug(f"In-place update abandoned: {err!r}")
        return False
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
        _state["newer"] = None
    _state["built"] = new
    _state["generated"].update({uri: site.assets[uri] for uri in plan.files})
    _state["stale"] = set(pending) - set(first)
    _state["redraw"] = bool(_state["stale"] or site.stood_in)
    later = f"; {len(_state['stale'])} more page(s) next" if _state["stale"] else ""
    log.info(f"Updated {len(first)} page(s) and {len(plan.files)} file(s) in place{later}")
    return True


def _open_pages() -> set[str]:
    """Pages (paths relative to docs/) that browsers asked about last: the ones being looked at.

    Every open page asks again after each reload and at least once a minute; a page asked about
    long before the latest one was most likely left for another (its tab navigated away).
    """
    now = time.monotonic()
    latest = max(_viewed.values(), default=0.0)
    recent = {
        url.lstrip("/") for url, when in _viewed.items() if now - when < VIEWED_SECONDS and latest - when < TOGETHER_SECONDS
    }
    return {f.src_uri for f in _state["files"].documentation_pages() if f.url in recent or (f.url == "./" and "" in recent)}


def _write(site, page_uris, file_uris, config) -> None:
    from mkdocs.commands.build import _build_page, _populate_page  # MkDocs 1.6 (pinned below 2)

    files, nav, env = _state["files"], _state["nav"], _state["env"]
    doc_files = files.documentation_pages()
    _state["newer"] = site
    pages = []
    for uri in page_uris:
        file = files.get_file_from_path(uri)
        rendered = site.pages[uri]
        if rendered.generated:
            file.content_string = rendered.front_matter + rendered.markdown
        _populate_page(file.page, config, files)
        _build_page(file.page, config, doc_files, nav, env)
        pages.append(file.page)
    for page in pages:
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    site_dir = Path(config.site_dir)
    for uri in file_uris:
        target = site_dir / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(site.assets[uri])


class _WarningCount(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1
