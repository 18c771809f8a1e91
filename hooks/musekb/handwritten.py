"""Hand-written pages must not type figures: every number comes from data through a shortcode.

A figure typed by hand has no source, no provenance and no as-of date, and it silently
goes stale when the data changes. This scan reports any digit left in a page's prose
once shortcodes, code, link targets, HTML tags, attribute lists and the front matter are
removed. The allow-list is deliberately small.
"""

from __future__ import annotations

import re

from .problems import Problem

#: Phrases with digits that are not figures about the subject (kept short on purpose).
ALLOWED = (
    "CC BY 4.0",
    "HTTP 404",
)

_SHORTCODE = re.compile(r"<!--.*?-->", re.S)
_INLINE_CODE = re.compile(r"(`+).+?\1")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$")
_TAG = re.compile(r"<[^>]+>")
_ATTR_LIST = re.compile(r"\{[:#.][^}]*\}")
_INCLUDE = re.compile(r"\{!.*?!\}")
_FENCE = re.compile(r"^\s*(```+|~~~+)")
_DIGIT = re.compile(r"\d[\d.,%]*")


def typed_figures(text: str) -> list[tuple[int, str]]:
    """(line, figure) for every digit in prose; comments may span lines, so they go first."""
    without_comments = _SHORTCODE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    found = []
    fence = None
    in_front_matter = without_comments.startswith("---\n")
    for number, line in enumerate(without_comments.split("\n"), start=1):
        if in_front_matter:
            if number > 1 and line.strip() == "---":
                in_front_matter = False
            continue
        match = _FENCE.match(line)
        if fence or match:
            if match and (fence is None or match.group(1)[0] == fence[0]):
                fence = None if fence else match.group(1)
            continue
        if _REF_DEF.match(line):
            continue
        for allowed in ALLOWED:
            line = line.replace(allowed, "")
        for pattern in (_INCLUDE, _INLINE_CODE, _LINK_TARGET, _TAG, _ATTR_LIST):
            line = pattern.sub(" ", line)
        found += [(number, m.group(0)) for m in _DIGIT.finditer(line)]
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
