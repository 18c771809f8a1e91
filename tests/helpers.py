"""Small helpers for tests that edit a copy of a project's data."""

from __future__ import annotations

import hashlib

from conftest import MINI_TODAY
from musekb.clock import build_date
from musekb.project import Project
from musekb.validate import gather


def edit(project: Project, name: str, old: str, new: str, count: int = 1) -> None:
    """Replace text in ``data/<name>`` (or any path under the root), failing if it is absent."""
    path = project.root / name if "/" in name else project.data_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def append(project: Project, name: str, text: str) -> None:
    path = project.data_dir / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def problems_of(project: Project, today=MINI_TODAY) -> list[str]:
    """Every problem the checks report, as the strings contributors see."""
    _, problems = gather(project, today)
    return [str(p) for p in problems]


__all__ = ["append", "build_date", "edit", "problems_of"]


def render_digests(site) -> dict[str, dict[str, str]]:
    """SHA-256 of every page (front matter and Markdown) and every file of a render, by path."""
    return {
        "pages": {u: hashlib.sha256((p.front_matter + p.markdown).encode()).hexdigest() for u, p in site.pages.items()},
        "assets": {u: hashlib.sha256(b).hexdigest() for u, b in site.assets.items()},
    }
