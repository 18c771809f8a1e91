"""Shared fixtures: the real project, a tiny synthetic project, one real build per session,
and a network guard so that no test reaches another host."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from musekb.project import Project
from once import REAL_SITE, UNSHARE, build_real_site, built_once, can_cut_network

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_TODAY = dt.date(2026, 6, 1)

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def pytest_addoption(parser):
    parser.addoption(
        "--every-page",
        action="store_true",
        help="browser checks on every page of the built site (make audit), not one of each kind",
    )


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


@pytest.fixture(scope="session")
def chart_cache(tmp_path_factory) -> Path:
    """One chart cache for every copy of the tiny project: charts are keyed by what they plot."""
    return tmp_path_factory.mktemp("chart-cache")


def copy_mini(dest: Path, chart_cache: Path) -> Path:
    """A copy of the tiny project at ``dest`` that shares ``chart_cache``."""
    # a local build of the fixture may have left its own cache: never copy it
    shutil.copytree(FIXTURES / "mini", dest, ignore=shutil.ignore_patterns(".cache", "site"))
    (dest / ".cache").mkdir()
    (dest / ".cache" / "charts").symlink_to(chart_cache, target_is_directory=True)
    return dest


@pytest.fixture
def mini(tmp_path, chart_cache) -> Project:
    """A copy of the tiny synthetic project (valid data and one page), safe to modify."""
    return Project(copy_mini(tmp_path / "mini", chart_cache))


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


def shared_temp(tmp_path_factory) -> Path:
    """The temporary folder every pytest-xdist worker of this run can see (its workers' parent)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One strict build of the real site per test run (usually already built in the background)."""
    return built_once(shared_temp(tmp_path_factory), REAL_SITE, build_real_site) / "site"


def _reads_the_real_site(item) -> bool:
    return "built_site" in getattr(item, "fixturenames", ())


def _run_order(item) -> tuple[bool, bool]:
    # Real-site readers after the rest; in each group the browser tests (seconds each) first, so
    # the many short tests at the end even out the workers' last minutes.
    return _reads_the_real_site(item), item.get_closest_marker("browser") is None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """Tests that read the real site run last, and the first worker to get here starts building it
    in the background, so no worker sits waiting for the build (with the network cut off, which
    tests/test_site.py checks)."""
    items.sort(key=_run_order)  # stable, and the same in every worker, as xdist requires
    if not any(map(_reads_the_real_site, items)):
        return
    shared = shared_temp(config._tmp_path_factory)
    try:
        os.close(os.open(shared / f"{REAL_SITE}.started", os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return  # another worker started it
    with (shared / f"{REAL_SITE}.log").open("w") as log:  # if it fails, the fixture builds again and reports it
        config._kb_background_build = subprocess.Popen(
            [*(UNSHARE if can_cut_network() else []), sys.executable, str(Path(__file__).parent / "once.py"), str(shared)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def pytest_sessionfinish(session):
    build = getattr(session.config, "_kb_background_build", None)
    if build is not None and build.poll() is None:
        build.terminate()  # the tests that needed the site were deselected or interrupted
        build.wait()


@pytest.fixture(scope="session", params=["plain-config", "real-site-config"])
def injected_site(request, tmp_path_factory) -> Path:
    """The tiny project with markup in every rendered text field (tests/injection.py), built once
    per test run, with the fixture's plain configuration and with the real site's navigation and
    Markdown extensions."""
    from injection import write_injected_project

    def build(base: Path) -> None:
        root = write_injected_project(base / "project", real_config=request.param == "real-site-config")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_BUILD_DATE": MINI_TODAY.isoformat()}
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(base / "site")],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, f"the injected project must still build:\n{run.stderr[-3000:]}"

    return built_once(shared_temp(tmp_path_factory), f"injected-{request.param}", build) / "site"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per test worker, shared by the browser tests (each opens its own context)."""
    from browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def real_project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def real_render(real_project, built_site):
    """The real site as the hooks hand it to MkDocs, rendered in this process (no render cache);
    tests read it and must not change it. It waits for the real build, whose charts it then
    reuses: on a fresh clone each worker would otherwise draw every chart again."""
    from musekb.clock import build_date
    from musekb.render_site import render_site

    return render_site(real_project, build_date())
