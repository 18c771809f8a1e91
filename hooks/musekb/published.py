"""What a build hands to the site engine, and a cache of it keyed by every input of the render.

:func:`published_site` is the build's entry point: it returns the pages, files and navigation
groups of the site (:class:`Published`). When nothing the render reads has changed since the
last build (data files, the files of docs/, mkdocs.yml, the files pages include, the package's
code, the build date, the site's addresses and the versions of the libraries that shape the
output), the result of that build is read back from ``.cache/site/`` instead of loading,
checking and rendering again;
otherwise the site is rendered (:func:`musekb.render_site.render_site`) and stored. A warm
build then costs the project a few milliseconds, while an edit re-renders everything as before.

This module imports nothing heavy, so a cache hit skips importing the records and checks too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from .project import Project

CACHE_SUBDIR = Path(".cache") / "site"
FORMAT = "3"
"""Bump when :class:`Published` changes shape."""
_LIBRARIES = ("pydantic", "pyyaml", "matplotlib")


@dataclass
class PublishedPage:
    uri: str
    title: str
    markdown: str
    front_matter: str
    generated: bool
    edit_url: str | None = None
    search: dict = field(default_factory=dict)
    """Material's ``search`` front matter (see :attr:`musekb.page.RenderedPage.search`)."""


@dataclass
class Published:
    """The rendered site, in the plain form a site engine needs."""

    pages: dict[str, PublishedPage] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    nav_groups: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    nav: list | None = None
    """mkdocs.yml's ``nav`` with the placeholders expanded (None when it has none)."""
    included: dict[str, str] = field(default_factory=dict)
    """Repository files the pages included -> their digest when rendered (checked on reuse)."""

    def generated_pages(self) -> list[PublishedPage]:
        return [p for p in self.pages.values() if p.generated]

    def edit_url(self, uri: str) -> str | None:
        page = self.pages.get(uri)
        return page.edit_url if page else None


def published_site(
    project: Project,
    today: dt.date,
    site_url: str = "",
    repo_url: str = "",
    config_file: Path | None = None,
    keep_includes: bool = False,
) -> Published:
    """The site for these inputs, from the cache when possible; raises ``ProblemsFound`` like a render.

    The arguments are those of :func:`musekb.render_site.render_site`.
    """
    key = input_key(project, today, f"{site_url}\0{keep_includes}", repo_url, config_file)
    cache_dir = project.root / CACHE_SUBDIR
    cached = _read(cache_dir / f"{key}.pickle")
    if cached is not None and all(_digest(project.root / path) == sha for path, sha in cached.included.items()):
        return cached
    from .render_site import render_site  # only on a miss: it imports the records and checks

    site = render_site(project, today, site_url=site_url, repo_url=repo_url, config_file=config_file, keep_includes=keep_includes)
    published = Published(
        {
            uri: PublishedPage(uri, p.title, p.markdown, p.front_matter, p.generated, site.edit_url(uri), dict(p.search))
            for uri, p in site.pages.items()
        },
        dict(site.assets),
        site.nav_groups,
        site.nav,
        {path: _digest(project.root / path) for path in sorted(site.included)},
    )
    _write(cache_dir, key, published)
    return published


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def input_key(project: Project, today: dt.date, site_url: str, repo_url: str, config_file: Path | None = None) -> str:
    """A digest of everything the render reads, in a fixed order (included files are checked apart)."""
    sha = hashlib.sha256(f"{FORMAT}\0{today.isoformat()}\0{site_url}\0{repo_url}\0".encode())
    for name in _LIBRARIES:
        sha.update(f"{name} {version(name)}\0".encode())
    config = config_file or project.root / "mkdocs.yml"
    sha.update(config.read_bytes() if config.is_file() else b"")
    package = Path(__file__).parent
    files = [("code", package, p) for p in package.rglob("*.py")]
    files += [("data", project.data_dir, p) for p in project.data_dir.glob("*.yaml")]
    if project.docs_dir.is_dir():  # pages are read; other files are only listed (links may point at them)
        files += [("docs", project.docs_dir, p) for p in project.docs_dir.rglob("*") if p.is_file()]
    for kind, base, path in sorted(files):
        content = path.read_bytes() if kind != "docs" or path.suffix == ".md" else b""
        sha.update(f"{kind}/{path.relative_to(base).as_posix()}\0".encode() + content + b"\0")
    return sha.hexdigest()


def _read(path: Path) -> Published | None:
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return value if isinstance(value, Published) else None


def _write(cache_dir: Path, key: str, published: Published) -> None:
    """Keep one entry (the latest), written atomically; a read-only checkout just goes without."""
    tmp = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(published, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_dir / f"{key}.pickle")
        for old in cache_dir.glob("*.pickle"):
            if old.stem != key:
                old.unlink(missing_ok=True)
    except OSError:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
