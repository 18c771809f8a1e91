"""Where code is in a Markdown page: fenced blocks and inline code spans, found one way for every reader.

Shortcodes are expanded, and typed figures looked for, only outside code: a page can show a
shortcode or a number as an example by putting it in code. Both use this scanner, so they
agree on where code starts and ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class Line:
    """One line of a page and where code is on it."""

    number: int
    """1-based line number."""
    text: str
    in_code_block: bool
    """True for the lines of a fenced code block, its fences included."""
    code_spans: tuple[tuple[int, int], ...]
    """(start, end) of each inline code span (empty inside a code block)."""

    def in_code(self, position: int) -> bool:
        """Whether the character at ``position`` is code."""
        return self.in_code_block or any(a <= position < b for a, b in self.code_spans)


def scan(text: str) -> Iterator[Line]:
    """Every line of ``text`` with its code marked.

    A fence closes with the same character repeated at least as often as it opened
    (CommonMark's rule), so a ```` ``` ```` line inside a ```` ```` ```` block stays code.
    """
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not line[match.end() :].strip():
                fence = None
            yield Line(number, line, True, ())
        elif match:
            fence = match.group(1)
            yield Line(number, line, True, ())
        else:
            yield Line(number, line, False, tuple(m.span() for m in _CODE_SPAN.finditer(line)))
