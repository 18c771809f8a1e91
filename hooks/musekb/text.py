"""Make data safe and readable inside Markdown: escaping, numbers with units, relative links.

Every text field from data passes through :func:`md` (or :func:`attr` inside an
attribute) before it reaches a page, so markup typed into a YAML field is shown as text
and never run.
"""

from __future__ import annotations

import re

# Characters that start Markdown or HTML syntax anywhere in a line. They are written as
# numeric entities, which Markdown leaves alone and browsers show as the character.
_INLINE_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]<>|{}~^"} | {"&": "&amp;", '"': "&quot;"})
_ATTR_SPECIAL = str.maketrans(
    {c: f"&#{ord(c)};" for c in "\\`*_[](){}!~^|"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)
# Characters that only matter at the start of a block (lists, headings, quotes).
_LEADING = re.compile(r"^([-+#>:=]|\d+(?=[.)]))")


def md(text: str) -> str:
    """Escape text for Markdown so that it always renders as the same plain text.

    HTML is entity-encoded and Markdown syntax is neutralised; line breaks become
    spaces so that a field cannot start a new Markdown block. The result is also valid
    HTML text, so the same call escapes text inside the HTML that pages emit.
    """
    out = " ".join(str(text).split()).translate(_INLINE_SPECIAL)
    return _LEADING.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), out)


def code_block(text: str, language: str) -> str:
    """A highlighted code block holding data, as HTML that no Markdown extension reads.

    A fenced block would show the text as it is, but Markdown preprocessors (an include
    extension, for one) still run over it. Here the text is highlighted and escaped first and
    braces are written as entities, so an include directive typed into data stays those characters.
    """
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name

    out = highlight(text, get_lexer_by_name(language), HtmlFormatter(cssclass="highlight", wrapcode=True))
    return out.rstrip("\n").replace("{", "&#123;").replace("}", "&#125;")


def attr(text: str) -> str:
    """Escape text for a double-quoted HTML or attr_list attribute value.

    Markdown's inline patterns also run over raw HTML attributes (a link pattern can match
    inside ``title="..."``), so Markdown syntax is entity-encoded as well as HTML.
    """
    return " ".join(str(text).split()).translate(_ATTR_SPECIAL)


def plain_title(text: str) -> str:
    """A title safe where templates print it unescaped (navigation, ``<title>``, attributes).

    Material prints navigation titles as raw HTML and passes page titles through
    ``striptags``, which turns entities back into markup; so characters that can open a tag
    or close an attribute are removed rather than escaped.
    """
    return " ".join("".join(c for c in str(text) if c not in '<>"`').split())


def rel(from_page: str, to_page: str) -> str:
    """Relative Markdown link from one page (``benchmarks/hle.md``) to another (``sources.md#x``).

    MkDocs resolves Markdown links against the source file, validates them and rewrites
    them to the built URLs, so links are always written between ``.md`` files.
    """
    target, _, anchor = to_page.partition("#")
    path = relative_path(from_page.split("/")[:-1], target.split("/"))
    return path + (f"#{anchor}" if anchor else "")


def relative_path(base: list[str], target: list[str]) -> str:
    """``target`` (path parts) relative to the folder ``base`` (parts), without touching the disk."""
    common = 0
    while common < min(len(base), len(target) - 1) and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])


_UNIT_SUFFIX = {
    "percent": "%",
    "percentage-points": " pts",
    "million-tokens": "M tokens",
    "tokens": " tokens",
    "requests-per-minute": " requests/min",
    "billion-parameters": "B parameters",
    "pages": " pages",
    "times": "×",
    "months": " months",
}

UNIT_NAMES = {
    "percent": "percent (0–100)",
    "percentage-points": "percentage points",
    "elo": "Elo rating",
    "index": "index points",
    "rank": "rank (1 = best)",
    "million-tokens": "million tokens",
    "tokens": "tokens",
    "usd": "US dollars",
    "usd-billion": "billion US dollars",
    "usd-per-million-tokens": "US dollars per million tokens",
    "requests-per-minute": "requests per minute",
    "billion-parameters": "billion parameters",
    "count": "count",
    "pages": "pages",
    "times": "times (multiplier)",
    "months": "months",
}


def number(value: float) -> str:
    """A number without float noise: ``86.4``, ``52``, ``1,048,576``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def money(value: float) -> str:
    """Dollar amounts show cents when they have any: ``0.1`` -> ``0.10``, ``4`` -> ``4``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    whole, cents = f"{value:,.4f}".rstrip("0").split(".")
    return f"{whole}.{cents.ljust(2, '0')}"


def figure(value: float | str, unit: str | None) -> str:
    """A value with its unit, as a reader expects to see it (plain text, not escaped)."""
    if isinstance(value, str):
        return value
    if unit == "usd":
        return f"${money(value)}"
    if unit == "usd-billion":
        return f"${number(value)}B"
    if unit == "usd-per-million-tokens":
        return f"${money(value)}/M tokens"
    if unit == "rank":
        return f"#{number(value)}"
    return number(value) + _UNIT_SUFFIX.get(unit or "", "")


def md_figure(value: float | str, unit: str | None) -> str:
    """:func:`figure` ready for Markdown: numbers as they are, text values escaped."""
    if isinstance(value, str):
        return md(value)
    return figure(value, unit)  # only digits, separators and unit symbols
