"""Reads built HTML the way a browser tokenises it and lists markup from data that would run:
shared by the injection, hostile-URL and export tests."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
_NAV_CLASSES = ("md-nav", "md-tabs", "md-header", "md-footer", "md-sidebar", "md-search")


class MarkupAudit(HTMLParser):
    """Reads a page the way a browser tokenises it and notes markup from data that would be live.

    ``<title>`` and ``<textarea>`` hold text up to their end tag, as in a browser (Python's
    parser only knows that of ``<script>`` and ``<style>``).
    """

    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.live: list[tuple[str, str]] = []
        """(region, what) for every script, handler attribute or javascript: URL that runs."""
        self.content: list[str] = []
        """Text inside the page's <article>, as shown to readers."""

    def region(self) -> str:
        tags = [tag for tag, _ in self.stack]
        if "head" in tags:
            return "head"
        if "article" in tags:
            return "page content"
        if any(k in cls for _, cls in self.stack for k in _NAV_CLASSES):
            return "navigation"
        return "elsewhere"

    def _where(self) -> str:
        classed = [f"{tag}.{cls.split()[0]}" for tag, cls in self.stack if cls]
        return " > ".join(classed[-2:]) or "/".join(tag for tag, _ in self.stack[-3:])

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert" in value:
                self.live.append((self.region(), f'<{tag} {name}="{value}"> in {self._where()}'))
            squeezed = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
            if name in _URL_ATTRS and squeezed.startswith("javascript:"):
                self.live.append((self.region(), f'<{tag} {name}="{value}"> in {self._where()}'))

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        if tag not in _VOID:
            self.stack.append((tag, dict(attrs).get("class") or ""))

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        top = self.stack[-1][0] if self.stack else ""
        if top == "script" and "alert(" in data:
            self.live.append((self.region(), f"<script>{data.strip()[:60]}</script> in {self._where()}"))
        elif top not in ("script", "style", "title") and self.region() == "page content":
            self.content.append(data)

    def text(self) -> str:
        return " ".join("".join(self.content).split())


def audit(page: str) -> MarkupAudit:
    parser = MarkupAudit()
    parser.feed(page)
    parser.close()
    return parser
