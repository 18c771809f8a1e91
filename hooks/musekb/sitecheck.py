"""Checks over the built site's HTML: internal links and anchors, external link hygiene.

MkDocs validates links written in Markdown only. Links in raw HTML, templates and
generated pages reach the reader too, so this walks every built HTML file.
"""

from __future__ import annotations

import json
import posixpath
import time
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


@dataclass
class PageLinks:
    """What one HTML page links to and which anchors it offers."""

    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.page.ids.add(values[name])
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.page.links.append(values[name])


def parse_page(html: str) -> PageLinks:
    """Links and anchor ids of one HTML document."""
    collector = _Collector()
    collector.feed(html)
    return collector.page


def site_pages(site: Path) -> dict[str, PageLinks]:
    """Every HTML file of a built site, by path relative to the site root."""
    return {p.relative_to(site).as_posix(): parse_page(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


def _target(site: Path, page: str, link: str) -> tuple[str, str] | None:
    """Resolve a relative link to (file path in the site, fragment); None for external links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:", "data:")):
        return None
    path, fragment = urldefrag(link)
    path = unquote(path)
    if not path:
        return page, fragment
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if resolved.startswith(".."):
        return resolved, fragment
    if path.endswith("/") or (site / resolved).is_dir():
        resolved = posixpath.join(resolved, "index.html")
    return resolved, fragment


def broken_internal_links(site: Path) -> list[str]:
    """Every internal href/src that points at a missing file or a missing #fragment."""
    pages = site_pages(site)
    problems = []
    for page, found in pages.items():
        if page == "404.html":
            continue  # served at any depth, so its relative links are written for the site root
        for link in found.links:
            target = _target(site, page, link)
            if target is None:
                continue
            path, fragment = target
            if not (site / path).is_file():
                problems.append(f"{page}: link '{link}' -> missing file {path}")
            elif fragment and path.endswith(".html") and fragment not in pages[path].ids:
                problems.append(f"{page}: link '{link}' -> no id '{fragment}' in {path}")
    return problems


def external_links(site: Path) -> dict[str, list[str]]:
    """Every external URL in the built pages -> the pages that use it."""
    out: dict[str, list[str]] = {}
    for page, found in site_pages(site).items():
        for link in found.links:
            if urlsplit(link).scheme in ("http", "https"):
                out.setdefault(link, [])
                if page not in out[link]:
                    out[link].append(page)
    return out


def check_external(urls: list[str], cache_file: Path, max_age_days: float = 7, timeout: float = 15) -> dict[str, str]:
    """Request each URL (HEAD, then GET) and return url -> status text; results are cached.

    For a scheduled job: it reports, it never fails a build. Cached answers younger than
    ``max_age_days`` are reused so a weekly run is polite to the sites it checks.
    """
    cache = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    now = time.time()
    results = {}
    for url in urls:
        hit = cache.get(url)
        if hit and now - hit["checked"] < max_age_days * 86400:
            results[url] = hit["status"]
            continue
        status = _probe(url, timeout)
        cache[url] = {"status": status, "checked": now}
        results[url] = status
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache, indent=1, sort_keys=True))
    return results


def _probe(url: str, timeout: float) -> str:
    headers = {"User-Agent": "muse-spark-kb link checker"}
    for method in ("HEAD", "GET"):
        try:
            request = urllib.request.Request(url, method=method, headers=headers)
            with urllib.request.urlopen(request, timeout=timeout) as response:  # https only: the records refuse other schemes
                return str(response.status)
        except urllib.error.HTTPError as err:
            if method == "HEAD" and err.code in (403, 405, 501):
                continue
            return str(err.code)
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            return f"error: {getattr(err, 'reason', err)}"
    return "error: no answer"
