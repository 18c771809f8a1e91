"""Problems found in contributor input, reported as ``file:line: field: what (how to fix)``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a data file or a page, with a hint on how to fix it.

    Attributes:
        file: Path relative to the project root, e.g. ``data/results.yaml``.
        line: 1-based line number the problem points at.
        field: Dotted field path inside the record (``roles[0].org``) or ``file``.
        message: What is wrong, in plain words.
        fix: How to fix it.
    """

    file: str
    line: int
    field: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message} ({self.fix})"


class ProblemsFound(Exception):
    """Raised when input has problems; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def closest(value: str, choices) -> str | None:
    """The choice most like a mistyped id, for "did you mean ...?" hints."""
    import difflib

    close = difflib.get_close_matches(value, sorted(choices), n=1)
    return close[0] if close else None


def format_problems(problems: list[Problem]) -> str:
    """Render problems one per line, followed by a count."""
    lines = [str(p) for p in problems]
    n = len(problems)
    lines.append(f"{n} problem{'s' if n != 1 else ''} found.")
    return "\n".join(lines)
