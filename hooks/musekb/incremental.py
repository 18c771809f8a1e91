"""Which parts of the site a saved edit changes, so the preview rebuilds only those.

After an edit to ``data/`` or to a hand-written page, the preview renders the site again
(:func:`musekb.render_site.render_site`, a fraction of a build) and compares every page and
generated file with the previous render. The pages whose final Markdown changed are exactly
the pages the edited records feed: the record's own page, the tables and charts that show
it, and every page citing an edited source. Comparing output rather than declaring which
page reads which record cannot miss a dependency (a page that names a renamed model, a
footer whose "checked as of" date moved).

Everything that changes the navigation or the templates needs a full build instead: a page
or file added or removed, a changed page title, an edit to ``mkdocs.yml``, the code, the
theme overrides, the stylesheet or an included snippet. :func:`plan_update` says which.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

_H1 = re.compile(r"^#\s.*$", re.M)


@dataclass(frozen=True)
class PageState:
    """What the preview needs to know of a page: a digest of its Markdown, and its title line."""

    digest: str
    heading: str


@dataclass
class SiteState:
    """Digests of every page and generated file of one render, by path in the site."""

    pages: dict[str, PageState] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Update:
    """The outcome of :func:`plan_update`: what to rebuild, or why a full build is needed."""

    pages: tuple[str, ...] = ()
    """Pages (paths relative to docs/) whose Markdown changed."""
    files: tuple[str, ...] = ()
    """Generated files (charts, downloads, feed) whose content changed."""
    full_build: str = ""
    """Why the whole site must be built again; empty when the pages and files above suffice."""


def digest(content: str | bytes) -> str:
    return hashlib.sha256(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()


def page_state(front_matter: str, markdown: str) -> PageState:
    """The state of a page from its front matter and final Markdown."""
    heading = _H1.search(markdown)
    return PageState(digest(front_matter + "\0" + markdown), heading.group(0).strip() if heading else "")


def site_state(pages: Mapping[str, tuple[str, str]], files: Mapping[str, bytes]) -> SiteState:
    """The state of a render: ``pages`` maps a page to (front matter, final Markdown), ``files`` a file to its bytes."""
    return SiteState({uri: page_state(*page) for uri, page in pages.items()}, {uri: digest(b) for uri, b in files.items()})


def edit_kind(path: Path, root: Path) -> str:
    """``data``, ``page`` (a hand-written page) or ``other`` for a changed file of the project."""
    try:
        rel = PurePosixPath(path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return "other"
    parts = rel.parts
    if len(parts) == 2 and parts[0] == "data" and rel.suffix == ".yaml":
        return "data"
    if parts[0] == "docs" and rel.suffix == ".md" and "_includes" not in parts and "overrides" not in parts:
        return "page"
    return "other"


def plan_update(old: SiteState, new: SiteState, changed: Iterable[Path], root: Path) -> Update:
    """What to rebuild after the files in ``changed`` were saved, given the previous and new render."""
    others = sorted(str(p) for p in changed if edit_kind(p, root) == "other")
    if others:
        return Update(full_build=f"{others[0]} is not data or a page")
    if set(old.pages) != set(new.pages):
        return Update(full_build="a page was added or removed")
    if set(old.files) != set(new.files):
        return Update(full_build="a generated file was added or removed")
    retitled = [uri for uri, state in new.pages.items() if state.heading != old.pages[uri].heading]
    if retitled:
        return Update(full_build=f"the title of {retitled[0]} changed (navigation)")
    pages = tuple(sorted(uri for uri, state in new.pages.items() if state.digest != old.pages[uri].digest))
    files = tuple(sorted(uri for uri, sha in new.files.items() if sha != old.files[uri]))
    return Update(pages, files)
