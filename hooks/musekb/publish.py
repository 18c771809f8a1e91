"""Build the site without ever leaving a half-written one in place of the last good one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def atomic_build(root: Path, site_dir: Path, extra_args: list[str] | None = None) -> int:
    """Run a strict MkDocs build into ``<site_dir>.partial`` and swap it in on success.

    Returns MkDocs' exit status. On failure the partial output is removed and
    ``site_dir`` is untouched.
    """
    partial = site_dir.with_name(site_dir.name + ".partial")
    previous = site_dir.with_name(site_dir.name + ".previous")
    for leftover in (partial, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(partial), *(extra_args or [])]
    code = subprocess.call(cmd, cwd=root, env=env)
    if code != 0:
        shutil.rmtree(partial, ignore_errors=True)
        return code
    if site_dir.exists():
        site_dir.rename(previous)
    partial.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    return 0
