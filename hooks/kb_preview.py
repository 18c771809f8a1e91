"""MkDocs adapter for `mkdocs serve` only: make a saved edit reach the browser quickly.

MkDocs rebuilds the whole site after every change. Two things dominate that wait here and
neither is the knowledge base's own work, so they are handled in this small dev-server
adapter (it does nothing during `mkdocs build`):

- MkDocs polls for changes every half second; the operating system's file events report a
  save at once.
- Converting every page's Markdown again, although a data edit changes a handful of pages.
  A page whose final Markdown, site file list and configuration are unchanged since the last
  successful build reuses that build's HTML, table of contents and anchors.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

_state: dict = {"serving": False, "cache": {}, "pending": {}, "candidate": None, "digest": ""}
_H1 = re.compile(r"^#\s.*$", re.M)


def on_startup(command, dirty):
    _state["serving"] = command == "serve"


def on_serve(server, config, builder):
    from watchdog import events, observers

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
