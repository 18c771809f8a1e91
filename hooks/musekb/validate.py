"""Load and check the data in one step: the entry point of every build, `kb check` and `kb new`."""

from __future__ import annotations

import datetime as dt

from .checks import check_dataset
from .grading import grade_all
from .load import Dataset, load_dataset
from .problems import Problem, ProblemsFound
from .project import Project


def gather(project: Project, today: dt.date) -> tuple[Dataset, list[Problem]]:
    """Load every data file and run every check; return the data and all problems."""
    data, problems = load_dataset(project.data_dir, project.root)
    data.grades = grade_all(data)
    problems += check_dataset(data, today, project.pages() if project.docs_dir.is_dir() else None)
    return data, sorted(set(problems))


def load_checked(project: Project, today: dt.date) -> Dataset:
    """Load and check the data, raising :class:`ProblemsFound` listing every problem."""
    data, problems = gather(project, today)
    if problems:
        raise ProblemsFound(problems)
    return data
