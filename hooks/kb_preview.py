"""MkDocs adapter for `mkdocs serve` only: show problems in the browser, and make a saved edit
reach it quickly. It does nothing during `mkdocs build`.

A build that fails does not leave the preview waiting. MkDocs would keep every request
pending until a build succeeds, and say why only in the terminal; here a failed build
replaces the preview with one page listing every problem (file:line, what is wrong, the fix),
served at every address, and a save that fixes them reloads the browser into the site.

MkDocs rebuilds the whole site after every change. Two things dominate that wait here and
neither is the knowledge base's own work:

- MkDocs polls for changes every half second; the operating system's file events report a
  save at once.
- Converting every page's Markdown again, although a data edit changes a handful of pages.
  A page whose final Markdown, site file list and configuration are unchanged since the last
  successful build reuses that build's HTML, table of contents and anchors.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
from pathlib import Path

import mkdocs.commands.serve
from musekb.problem_page import problem_page

log = logging.getLogger("mkdocs.plugins.musekb.preview")
_state: dict = {"serving": False, "cache": {}, "pending": {}, "candidate": None, "digest": "", "error": None}
_H1 = re.compile(r"^#\s.*$", re.M)


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
    return server


def on_files(files, config):
    if _state["serving"]:
        if _state["candidate"] is not None:  # the previous build succeeded: reuse its pages
            _state["cache"], _state["candidate"] = _state["candidate"], None
        site_files = "\n".join(sorted(f.src_uri for f in files))
        settings = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        _state["digest"] = hashlib.sha256(site_files.encode() + settings).hexdigest()
        _state["pending"] = {}
    return files


_DIRECTIVE = re.compile(r"^::: *(\S+)\s*$", re.M)


def on_page_markdown(markdown, page, config, files):
    if not _state["serving"]:
        return markdown
    if "mkdocstrings" not in config.plugins:  # `make serve` leaves the code reference to `make build`
        markdown = _DIRECTIVE.sub(r"`\1` *(documented in full by `make build`; the preview skips it)*", markdown)
    if ":::" in markdown:  # mkdocstrings pages register anchors while rendering: never reuse them
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


def on_build_error(error):
    _state["candidate"] = None
    _state["error"] = error  # the hook's ProblemsInInput carries the problems for the problem page
