"""The site's navigation (``nav:`` in mkdocs.yml): placeholders expanded, entries checked.

Generated pages are listed through placeholders such as ``All benchmarks: kb:benchmarks``.
The checks here are the ones MkDocs makes while it builds (a listed page that does not
exist, a page left out of the navigation), made earlier and reported at the line to edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, closest


@dataclass
class NavConfig:
    """What mkdocs.yml says about navigation, with the line of every entry."""

    nav: list | None
    lines: dict[str, int] = field(default_factory=dict)
    """Entry value (page path or placeholder) -> line in mkdocs.yml."""
    omitted_is_problem: bool = False
    """True when a page left out of ``nav`` stops a strict build (``validation: omitted_files: warn``)."""
    file: str = "mkdocs.yml"


def read_nav(config_file: Path) -> NavConfig:
    """Read ``nav`` and the validation setting from mkdocs.yml without running MkDocs.

    The file is composed, not constructed, so MkDocs' own tags (``!ENV``) need no support here.
    """
    root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    config = NavConfig(nav=None, file=config_file.name)
    if not isinstance(root, yaml.MappingNode):
        return config
    top = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)}
    if "nav" in top:
        config.nav = _plain(top["nav"], config.lines)
    strict = _scalar(top.get("strict")) == "true"
    validation = top.get("validation")
    omitted = None
    if isinstance(validation, yaml.MappingNode):
        omitted = next((_scalar(v) for k, v in validation.value if _scalar(k) == "omitted_files"), None)
        nav = next((v for k, v in validation.value if _scalar(k) == "nav"), None)
        if isinstance(nav, yaml.MappingNode):
            omitted = next((_scalar(v) for k, v in nav.value if _scalar(k) == "omitted_files"), omitted)
    config.omitted_is_problem = strict and omitted == "warn"
    return config


def _scalar(node: yaml.Node | None) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _plain(node: yaml.Node, lines: dict[str, int]) -> Any:
    if isinstance(node, yaml.ScalarNode):
        lines.setdefault(node.value, node.start_mark.line + 1)
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, lines) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): _plain(value, lines) for key, value in node.value}
    return None


def expand_nav(
    nav: Any, groups: dict[str, list[tuple[str, str]]], lines: dict[str, int] | None = None, file: str = "mkdocs.yml"
) -> tuple[Any, list[Problem]]:
    """Return a copy of ``nav`` where every ``Title: kb:NAME`` entry becomes a section.

    ``nav`` has the shape of MkDocs' ``nav`` setting: a list whose items are page paths
    or one-key mappings from a title to a path or to a nested list. ``lines`` gives the line
    of each entry in ``file``, for problems.
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
                        line = (lines or {}).get(value, 1)
                        problems.append(Problem(file, line, "nav", f"unknown placeholder '{value}'", f"use one of: {known}"))
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


def listed_pages(nav: Any) -> list[str]:
    """Every page path an (expanded) ``nav`` lists, in order; external links left out."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if "://" not in value:
                found.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(nav)
    return found


def nav_problems(
    config: NavConfig, groups: dict[str, list[tuple[str, str]]], pages: set[str], handwritten: set[str]
) -> tuple[Any, list[Problem]]:
    """The expanded navigation, and every problem with it: unknown placeholders, listed pages that
    do not exist, and (when the configuration makes it an error) pages it leaves out."""
    if config.nav is None:
        return None, []
    expanded, problems = expand_nav(config.nav, groups, config.lines, config.file)
    listed = listed_pages(expanded)
    for path in dict.fromkeys(listed):
        if path not in pages:
            close = closest(path, pages)
            fix = f"did you mean '{close}'?" if close else "give the path relative to docs/"
            problems.append(Problem(config.file, config.lines.get(path, 1), "nav", f"no page '{path}'", fix))
    if config.omitted_is_problem:
        for uri in sorted(pages - set(listed)):
            where = (f"docs/{uri}", 1) if uri in handwritten else (config.file, 1)
            problems.append(Problem(*where, "nav", f"{uri} is not in the navigation", f"list it under nav: in {config.file}"))
    return expanded, problems
