"""`make bench` measures the render at 10x and 100x the real data: the copies it makes must pass
every check, or the scale figures would time a build that fails (or skips records)."""

from __future__ import annotations

import shutil

from conftest import ROOT
from musekb.clock import build_date
from musekb.project import Project
from musekb.records import KINDS
from musekb.validate import load_checked
from synthetic_data import write_synthetic_data


def test_synthetic_copies_of_the_data_pass_every_check(tmp_path):
    project = tmp_path / "synthetic"
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    real = load_checked(Project(ROOT), build_date())
    records = write_synthetic_data(ROOT / "data", project / "data", 2)
    copied = load_checked(Project(project), build_date())  # raises ProblemsFound, listing every problem
    assert records == 2 * sum(len(getattr(real, kind)) for kind in KINDS)
    for kind in KINDS:
        assert len(getattr(copied, kind)) == 2 * len(getattr(real, kind)), kind
