"""The page the preview shows while the site cannot be built: every problem, where, and the fix.

``make serve`` shows it at every address of the site until a save fixes the last problem;
the page then reloads itself into the site (the preview adapter, ``hooks/kb_preview.py``,
adds the reload script). It is plain HTML with inline styles: it must not depend on
anything the failed build would have produced.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Protocol


class ProblemLike(Protocol):
    file: str
    line: int
    field: str
    message: str
    fix: str


_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; color: #a4000f; }
ol { padding-left: 1.5rem; }
li { margin: 0 0 1rem; }
.where { font: 600 .95rem ui-monospace, monospace; background: #f3f3f6; padding: .1rem .35rem; border-radius: 3px; }
.field { font-family: ui-monospace, monospace; }
.fix { display: block; margin-top: .2rem; color: #1f5c1f; }
pre { background: #f3f3f6; padding: .75rem; overflow-x: auto; font-size: .9rem; }
.hint { color: #555; }
@media (prefers-color-scheme: dark) {
  body { color: #e8e8ea; background: #1e1f24; } h1 { color: #ff8a8a; } .fix { color: #8fd18f; }
  .where, pre { background: #2c2d33; } .hint { color: #b5b5b8; }
}
"""


def problem_page(problems: Sequence[ProblemLike], other: Iterable[str] = (), address: str = "") -> str:
    """HTML listing ``problems`` (file:line, field, message, fix) and any ``other`` build messages."""
    count = len(problems)
    items = "".join(
        "<li>"
        f'<span class="where">{html.escape(p.file)}:{p.line}</span> '
        f'<span class="field">{html.escape(p.field)}</span>: {html.escape(p.message)}'
        f'<span class="fix">Fix: {html.escape(p.fix)}</span>'
        "</li>"
        for p in problems
    )
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Preview: the site cannot be built</title>",
        f"<style>{_STYLE}</style></head><body><main>",
        "<h1>The site cannot be built</h1>",
    ]
    if count:
        noun = "problem" if count == 1 else "problems"
        parts.append(f"<p>{count} {noun} in <code>data/</code> or <code>docs/</code>. Each names the file and line to edit:</p>")
        parts.append(f"<ol>{items}</ol>")
    lines = [line for line in other if line.strip()]
    if lines:
        parts.append("<p>The build stopped with:</p>" if not count else "<p>The build also said:</p>")
        parts.append(f"<pre>{html.escape(chr(10).join(lines))}</pre>")
    where = f" at <code>{html.escape(address)}</code>" if address else ""
    parts.append(
        f'<p class="hint">Every address of the preview{where} shows this page until the build works again. '
        "Save a fix and this page reloads by itself; <code>make check</code> prints the same list.</p>"
    )
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"
