"""Build something once per test run, however many pytest-xdist workers (or background
processes) ask for it: the first to hold the lock builds, the others wait and reuse the result.

Run as a script (``python tests/once.py SHARED``) it builds the real site into ``SHARED/real-site``:
conftest starts it in the background right after collection, so the site is built while the
tests that do not read it run (they are ordered first), instead of one worker waiting idle.
conftest starts it with the network cut off (``unshare -rn``) where the system allows, and the
script notes in ``SHARED/real-site/offline`` whether the build saw any network interface but
loopback: the one build of the real site per test run is also the proof that it needs no network.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_SITE = "real-site"
OFFLINE_NOTE = "offline"
UNSHARE = ["unshare", "-rn"]
"""A new user and network namespace: no interface but a loopback that is down."""


def can_cut_network() -> bool:
    return shutil.which("unshare") is not None and subprocess.run([*UNSHARE, "true"], capture_output=True).returncode == 0


def network_interfaces() -> list[str]:
    """The interfaces this process can see, loopback included (Linux's /proc/net/dev)."""
    lines = Path("/proc/net/dev").read_text(encoding="utf-8").splitlines()[2:]
    return [line.split(":")[0].strip() for line in lines]


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

    interfaces = network_interfaces()
    assert atomic_build(ROOT, folder / "site") == 0, "the real site must build in strict mode"
    offline = [i for i in interfaces if i != "lo"] == []
    (folder / OFFLINE_NOTE).write_text(("yes" if offline else "no") + f": interfaces seen: {', '.join(interfaces)}\n")


if __name__ == "__main__":
    try:
        built_once(Path(sys.argv[1]), REAL_SITE, build_real_site)
    except AssertionError:
        sys.exit(1)  # the fixture that needs the site builds it again and reports the failure
