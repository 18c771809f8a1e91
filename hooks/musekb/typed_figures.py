"""Hand-written pages must not type figures: every number comes from data through a shortcode.

A figure typed by hand has no source, no provenance and no as-of date, and it silently
goes stale when the data changes. This scan reports any digit left in a page's prose
once shortcodes, code, link targets, HTML tags, attribute lists and the front matter are
removed. The allow-list is deliberately small.
"""

from __future__ import annotations

import re

from .markdown_scan import scan
from .problems import Problem

#: Phrases with digits that are not figures about the subject (kept short on purpose).
ALLOWED = (
    "CC BY 4.0",
    "HTTP 404",
)

_SHORTCODE = re.compile(r"<!--.*?-->", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$")
_TAG = re.compile(r"<[^>]+>")
_ATTR_LIST = re.compile(r"\{[:#.][^}]*\}")
_INCLUDE = re.compile(r"\{!.*?!\}")
_DIGIT = re.compile(r"\d[\d.,%]*")


def typed_figures(text: str) -> list[tuple[int, str]]:
    """(line, figure) for every digit in prose; comments may span lines, so they go first."""
    without_comments = _SHORTCODE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    found = []
    in_front_matter = without_comments.startswith("---\n")
    for line in scan(without_comments):
        if in_front_matter:
            if line.number > 1 and line.text.strip() == "---":
                in_front_matter = False
            continue
        if line.in_code_block or _REF_DEF.match(line.text):
            continue
        prose = "".join(" " if line.in_code(i) else c for i, c in enumerate(line.text))
        for allowed in ALLOWED:
            prose = prose.replace(allowed, "")
        for pattern in (_INCLUDE, _LINK_TARGET, _TAG, _ATTR_LIST):
            prose = pattern.sub(" ", prose)
        found += [(line.number, m.group(0)) for m in _DIGIT.finditer(prose)]
    return found


def figure_problems(text: str, shown: str) -> list[Problem]:
    """One problem per typed figure in a page."""
    return [
        Problem(
            shown,
            line,
            "text",
            f"'{figure}' is typed by hand",
            "take figures, dates and names with digits from data through a shortcode (kb:value, kb:result, kb:event, kb:name)",
        )
        for line, figure in typed_figures(text)
    ]
