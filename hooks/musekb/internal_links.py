"""Links between pages, checked in Markdown before any HTML exists.

MkDocs validates links too, but only while it builds: its message names neither the line nor
a likely fix, a link written in data is blamed on the generated page that shows it, and with
``-q`` it is not printed at all. These checks run in :func:`musekb.render_site.render_site`,
so ``kb check`` and the build report the same problems, each at the file and line to edit.

Anchors are read from a page's final Markdown the way Python-Markdown makes them: explicit
``{#id}`` attribute lists, ``id="..."`` in raw HTML, and headings without an id slugified as
the ``toc`` extension does (tests compare the result with the ids of the built site).
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .markdown_scan import scan
from .problems import Problem, closest

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_TRAILING_ATTRS = re.compile(r"[ \t]*\{:?([^{}]*)\}[ \t]*$")
_ATTR_LIST = re.compile(
    r"\{:?[ \t]*((?:[#.][\w:-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}\"']+))(?:[ \t]+(?:[#.][\w:-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}\"']+)))*)[ \t]*\}"
)
_ATTR_TOKEN = re.compile(r"[#.][\w:-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}\"']+)")
_HTML_ID = re.compile(r"<[a-zA-Z][^>]*?\sid=[\"']([^\"']+)[\"']|<a\s[^>]*?\bname=[\"']([^\"']+)[\"']")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LINK_TEXT = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")

#: ``[text](target "title")`` and ``![alt](target)``; the target may be written ``<...>``.
_INLINE_LINK = re.compile(r"\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
#: ``[label]: target`` reference definitions.
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")


def slugify(value: str, separator: str = "-") -> str:
    """Python-Markdown's ``toc`` slugify (ASCII), which MkDocs uses for heading ids."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


def _heading_text(raw: str) -> str:
    """What a heading shows, as the ``toc`` extension reads it: markup removed, entities decoded."""
    text = _COMMENT.sub("", raw)
    text = _LINK_TEXT.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = re.sub(r"\*+|`+|(?<!\w)_+|_+(?!\w)", "", text)
    return html.unescape(text)


def anchors(markdown: str) -> set[str]:
    """Every id a page's Markdown gives an element, headings included."""
    explicit: set[str] = set()
    headings: list[str] = []  # heading texts that get a generated id, in order
    previous = ""
    for line in scan(markdown):
        if line.in_code_block:
            previous = ""
            continue
        text = _without_code(line)
        heading = _ATX.match(line.text)
        setext = _SETEXT.match(text) if previous.strip() and not _ATX.match(previous) else None
        if heading or setext:
            raw = heading.group(2).rstrip("#").rstrip() if heading else previous.strip()
            attrs = _TRAILING_ATTRS.search(raw)
            ids = _ids(attrs.group(1)) if attrs else []
            if ids:
                explicit.add(ids[-1])
            else:
                headings.append(raw[: attrs.start()] if attrs else raw)
        for match in _ATTR_LIST.finditer(text):
            explicit.update(_ids(match.group(1)))
        explicit.update(a or b for a, b in _HTML_ID.findall(text))
        previous = line.text if not heading else ""
    used = set(explicit)
    for raw in headings:
        used.add(_unique(slugify(_heading_text(raw)), used))
    return used


def _without_code(line) -> str:
    """A line with its inline code spans blanked out (same length, so positions still match)."""
    text = line.text
    for start, end in line.code_spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _ids(attr_list: str) -> list[str]:
    """The ``#id`` tokens of an attribute list (not ``#`` inside a quoted value)."""
    return [token[1:] for token in _ATTR_TOKEN.findall(attr_list) if token.startswith("#")]


def _unique(slug: str, used: set[str]) -> str:
    """``slug``, or ``slug_1``, ``slug_2``... as the ``toc`` extension makes ids unique."""
    candidate, n = slug, 0
    while candidate in used or not candidate:
        n += 1
        candidate = f"{slug}_{n}"
    return candidate


@dataclass(frozen=True)
class Link:
    """A link written in Markdown: where it is and what it points at."""

    line: int
    target: str


#: mkdocstrings' directive: the page's anchors are made while it renders.
_AUTODOC = re.compile(r"^::: ", re.M)


def anchors_known(markdown: str) -> bool:
    """False for pages whose anchors are made by a plugin while rendering (the code reference)."""
    return not _AUTODOC.search(markdown)


def links(markdown: str) -> Iterator[Link]:
    """Every inline link, image and reference definition outside code."""
    for line in scan(markdown):
        if line.in_code_block:
            continue
        ref = _REF_DEF.match(line.text)
        if ref and not line.in_code(ref.start(1)):
            yield Link(line.number, ref.group(1).strip("<>"))
            continue
        for match in _INLINE_LINK.finditer(line.text):
            if not line.in_code(match.start()):
                yield Link(line.number, match.group(1).strip("<>"))


def _is_external(target: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target)) or target.startswith("//")


@dataclass
class SiteIndex:
    """What links can point at: every page (its anchors read when first needed) and every other file."""

    pages: dict[str, str]
    """Page path relative to docs/ -> its final Markdown."""
    files: set[str]
    """Every other file of the site (assets, downloads, charts), relative to docs/."""
    _anchors: dict[str, set[str] | None] = field(default_factory=dict)

    def anchors(self, page: str) -> set[str] | None:
        """The ids of a page; None when they only exist once it is rendered (the code reference)."""
        if page not in self._anchors:
            markdown = self.pages[page]
            self._anchors[page] = anchors(markdown) if anchors_known(markdown) else None
        return self._anchors[page]


def link_problem(index: SiteIndex, page: str, target: str, where: tuple[str, int], field: str = "link") -> Problem | None:
    """The problem with one link from ``page`` (docs path), reported at ``where``; None if it works."""
    file, line = where
    if _is_external(target):
        return None
    path, _, fragment = target.partition("#")
    path = path.split("?", 1)[0]
    if path.startswith("/"):
        return Problem(file, line, field, f"'{target}' is an absolute link", "link to the page's .md file with a relative path")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    here = posixpath.dirname(page) or "."
    if resolved not in index.pages and resolved not in index.files:
        page_file = next(
            (p for p in (resolved.rstrip("/") + ".md", resolved.rstrip("/") + "/index.md") if p in index.pages), None
        )
        if page_file:
            fix = f"link to the .md file: '{posixpath.relpath(page_file, here)}'"
            return Problem(file, line, field, f"'{target}' does not name a page's file", fix)
        close = closest(resolved, [*index.pages, *index.files])
        hint = f"did you mean '{posixpath.relpath(close, here)}'?" if close else "check the path, relative to this page"
        return Problem(file, line, field, f"no page or file '{resolved}' for link '{target}'", hint)
    ids = index.anchors(resolved) if fragment and resolved in index.pages else None
    if ids is not None and fragment not in ids:
        close = closest(fragment, ids)
        hint = f"did you mean '#{close}'?" if close else f"give a heading on {resolved} the anchor {{#{fragment}}}"
        return Problem(file, line, field, f"no anchor '#{fragment}' on {resolved}", hint)
    return None


def page_link_problems(index: SiteIndex, page: str, markdown: str, origin) -> list[Problem]:
    """Problems with the links a hand-written page writes; ``origin(line)`` gives (file, line) to report."""
    found = []
    for link in links(markdown):
        problem = link_problem(index, page, link.target, origin(link.line))
        if problem:
            found.append(problem)
    return found


def pointer_problems(index: SiteIndex, pointers: Iterable[tuple[str, tuple[str, int]]], field: str) -> list[Problem]:
    """Problems with ``page:`` fields in data (``design.md#anchor``), reported at the field's line."""
    found = []
    for target, where in pointers:
        page = target.split("#", 1)[0]
        if page not in index.pages:
            continue  # a missing page is reported by the data checks
        problem = link_problem(index, "", target, where, field)
        if problem:
            found.append(problem)
    return found
