"""Expand navigation placeholders (``kb:benchmarks``) into the generated pages they stand for."""

from __future__ import annotations

from typing import Any

from .problems import Problem


def expand_nav(nav: Any, groups: dict[str, list[tuple[str, str]]]) -> tuple[Any, list[Problem]]:
    """Return a copy of ``nav`` where every ``Title: kb:NAME`` entry becomes a section.

    ``nav`` has the shape of MkDocs' ``nav`` setting: a list whose items are page paths
    or one-key mappings from a title to a path or to a nested list.
    """
    problems: list[Problem] = []

    def walk(items: list) -> list:
        out = []
        for item in items:
            if isinstance(item, dict) and len(item) == 1:
                ((title, value),) = item.items()
                if isinstance(value, str) and value.startswith("kb:"):
                    if value not in groups:
                        known = ", ".join(sorted(groups))
                        problems.append(Problem("mkdocs.yml", 1, "nav", f"unknown placeholder '{value}'", f"use one of: {known}"))
                        continue
                    out.append({title: [{t: uri} for t, uri in groups[value]]})
                elif isinstance(value, list):
                    out.append({title: walk(value)})
                else:
                    out.append(item)
            else:
                out.append(item)
        return out

    if not nav:
        return nav, problems
    return walk(nav), problems
