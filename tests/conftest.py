"""Shared fixtures: the real project, a tiny synthetic project, one real build per session,
and a network guard so that no test reaches another host."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
from pathlib import Path

import pytest
from musekb.project import Project
from musekb.publish import atomic_build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_TODAY = dt.date(2026, 6, 1)

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guard(address) -> None:
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and host not in _LOOPBACK:
        raise RuntimeError(f"test tried to reach {host}: the tests never use the network")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Refuse every connection except to loopback (the static server of the built site)."""

    def connect(self, address):
        _guard(address)
        return _real_connect(self, address)

    def connect_ex(self, address):
        _guard(address)
        return _real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture
def mini(tmp_path) -> Project:
    """A copy of the tiny synthetic project (valid data and one page), safe to modify."""
    dest = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", dest)
    return Project(dest)


MINI_MKDOCS = """\
site_name: Mini
strict: true
validation:
  omitted_files: warn
  not_found: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
theme:
  name: material
  font: false
hooks:
  - {hook}
plugins:
  - search
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc
  - pymdownx.details
  - pymdownx.superfences
  - markdown_include.include:
      base_path: !relative $config_dir
      throwException: true
"""


@pytest.fixture
def mini_buildable(mini) -> Project:
    """The tiny project with an mkdocs.yml that runs the real hook."""
    (mini.root / "mkdocs.yml").write_text(MINI_MKDOCS.format(hook=ROOT / "hooks" / "kb_hooks.py"))
    return mini


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One strict build of the real site per test session."""
    out = tmp_path_factory.mktemp("build") / "site"
    code = atomic_build(ROOT, out)
    assert code == 0, "the real site must build in strict mode"
    return out


@pytest.fixture(scope="session")
def real_project() -> Project:
    return Project(ROOT)
