"""Published addresses of pages (directory URLs, as MkDocs writes them)."""

from __future__ import annotations

from .context import Context


def page_url(uri: str) -> str:
    """Site-relative URL of a page with directory URLs: ``benchmarks/hle.md`` -> ``benchmarks/hle/``."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def absolute_url(ctx: Context, uri: str) -> str:
    """Full address of a page when the site URL is known, else its site-relative URL."""
    return (ctx.site_url + page_url(uri)) if ctx.site_url else "/" + page_url(uri)


def record_url(ctx: Context, file: str, line: int) -> str:
    """Address of a line of a repository file (a data record) in the repository, for edit links."""
    return f"{ctx.repo_url}/blob/main/{file}" + (f"#L{line}" if line > 1 else "")
