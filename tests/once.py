"""Build something once per test run, however many pytest-xdist workers (or background
processes) ask for it: the first to hold the lock builds, the others wait and reuse the result.

Run as a script (``python tests/once.py SHARED``) it builds the real site into ``SHARED/real-site``:
conftest starts it in the background right after collection, so the site is built while the
tests that do not read it run (they are ordered first), instead of one worker waiting idle.
"""

from __future__ import annotations

import fcntl
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_SITE = "real-site"


def built_once(shared: Path, name: str, build: Callable[[Path], None]) -> Path:
    """``build(shared / name)`` unless a previous holder of the lock finished it.

    A failed build leaves no ``.done`` mark, so each later caller tries again (and fails itself,
    with its own message).
    """
    folder, done = shared / name, shared / f"{name}.done"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            build(folder)
            done.touch()
    return folder


def build_real_site(folder: Path) -> None:
    from musekb.publish import atomic_build

    assert atomic_build(ROOT, folder / "site") == 0, "the real site must build in strict mode"


if __name__ == "__main__":
    try:
        built_once(Path(sys.argv[1]), REAL_SITE, build_real_site)
    except AssertionError:
        sys.exit(1)  # the fixture that needs the site builds it again and reports the failure
