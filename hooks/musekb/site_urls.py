"""Published addresses of pages (directory URLs, as MkDocs writes them)."""

from __future__ import annotations

from .context import Context
from .text import relative_path


def page_url(uri: str) -> str:
    """Site-relative URL of a page with directory URLs: ``benchmarks/hle.md`` -> ``benchmarks/hle/``."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def href(from_uri: str, target: str) -> str:
    """Relative URL, as written into HTML, from one page to another page or file.

    ``target`` is a docs path (``sources.md#x``) or a file in the site (``assets/charts/a.csv``).
    Links in the HTML that pages emit are not rewritten by MkDocs, so they are written here as
    the built site has them (directory URLs); the built-site link check covers them.
    """
    path, _, anchor = target.partition("#")
    dest = page_url(path) if path.endswith(".md") else path
    url = relative_path(page_url(from_uri).split("/")[:-1], dest.split("/"))
    if anchor:
        return f"{url}#{anchor}"
    return url or "./"


def absolute_url(ctx: Context, uri: str) -> str:
    """Full address of a page when the site URL is known, else its site-relative URL."""
    return (ctx.site_url + page_url(uri)) if ctx.site_url else "/" + page_url(uri)


def record_url(ctx: Context, file: str, line: int) -> str:
    """Address of a line of a repository file (a data record) in the repository, for edit links."""
    return f"{ctx.repo_url}/blob/main/{file}" + (f"#L{line}" if line > 1 else "")
