"""A content-keyed cache of drawn charts, so ``mkdocs serve`` rebuilds do not redraw unchanged ones."""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Callable
from importlib.metadata import version as package_version
from pathlib import Path

CHART_VERSION = "3"
"""Version of the chart code, part of every cache key (with a hash of the drawing code, so an
edit during ``mkdocs serve`` never serves a stale chart even if nobody bumps the version)."""

CACHE_SUBDIR = Path(".cache") / "charts"
"""Cache folder relative to the project root (``.cache/`` is git-ignored)."""

# The files whose code decides the bytes drawn for a spec.
_DRAWING_CODE = ("draw.py", "layout_resets.py", "spec.py")  # every module the SVG depends on


def default_cache_dir(project_root: Path) -> Path:
    """``<project root>/.cache/charts``, the usual ``cache_dir``."""
    return project_root / CACHE_SUBDIR


def cache_key(key_material: str) -> str:
    """Cache key of a chart: sha256 of the drawing code's version and source, matplotlib's version, and the spec."""
    return hashlib.sha256((_code_version() + key_material).encode("utf-8")).hexdigest()


@functools.cache
def _code_version() -> str:
    here = Path(__file__).parent
    source = hashlib.sha256(b"".join((here / name).read_bytes() for name in _DRAWING_CODE)).hexdigest()
    return f"musekb-charts {CHART_VERSION} {source} matplotlib {package_version('matplotlib')}\n"


def render_cached(key_material: str, render: Callable[[], bytes], cache_dir: Path | None, stand_in: bytes | None = None) -> bytes:
    """``render()``, or the bytes it returned last time for the same ``key_material``.

    ``key_material`` must describe everything the drawing depends on (the charts pass
    their full spec as JSON). ``cache_dir=None`` disables the cache. Entries are written
    atomically, so a build stopped half-way never leaves a truncated file behind. When the
    cache has no entry and ``stand_in`` is given, ``stand_in`` is returned without drawing
    (the preview shows the previous drawing until it has drawn the new one).
    """
    if cache_dir is None:
        return render()
    path = cache_dir / f"{cache_key(key_material)}.svg"
    try:
        cached = path.read_bytes()
    except OSError:
        cached = b""
    if cached:
        return cached
    if stand_in is not None:
        return stand_in
    content = render()
    tmp = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except OSError:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        # a read-only checkout still builds, just without the cache
    return content
