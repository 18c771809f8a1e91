"""Include directives in hand-written pages: a line naming a file between an opening brace with
an exclamation mark and the same two characters reversed becomes that file.

In the MkDocs build the markdown-include extension inserts the files; this module checks
every directive first, so ``kb check`` and the build report a missing file, an absolute path
or a path outside the repository at the page and line that names it, and it writes the files
in for ``kb export`` and for the checks that read the whole page (every line of the result
knows which file it came from, for problems and edit links).

markdown-include expands a directive wherever it stands, code included, so a directive is
allowed only on a line of its own, outside code. Text that comes from ``data/`` is written
with its braces as entities, so no data string can become a directive.

Rules: a directive stands on a line of its own, outside code; the path is relative to the
repository root and stays inside it; included files may include others (no loops).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .markdown_scan import scan
from .problems import Problem, closest

DIRECTIVE = re.compile(r"\{!\s*(.+?)\s*!\}")
_WHOLE_LINE = re.compile(r"^\s*\{!\s*(.+?)\s*!\}\s*$")
MAX_DEPTH = 5


@dataclass
class Expanded:
    """A page's text with its includes replaced, and where each of its lines comes from."""

    text: str
    origins: list[tuple[str, int]] = field(default_factory=list)
    """(file shown to contributors, 1-based line) for every line of ``text``."""
    included: list[str] = field(default_factory=list)
    """Files included, in order (repository paths)."""
    problems: list[Problem] = field(default_factory=list)

    def origin(self, line: int) -> tuple[str, int]:
        """File and line that line ``line`` (1-based) of the expanded text comes from."""
        return self.origins[line - 1]


def expand_includes(text: str, shown: str, root: Path) -> Expanded:
    """Replace every include directive in ``text`` (the file ``shown``, e.g. ``docs/x.md``)."""
    out = Expanded("")
    lines: list[str] = []
    _expand(text, shown, root.resolve(), out, lines, (shown,))
    out.text = "\n".join(lines)
    return out


def _expand(text: str, shown: str, root: Path, out: Expanded, lines: list[str], chain: tuple[str, ...]) -> None:
    for line in scan(text):
        match = _WHOLE_LINE.match(line.text) if not line.in_code_block else None
        if match is None:
            if DIRECTIVE.search(line.text):  # markdown-include would expand it, in code too
                where = "in code" if line.in_code_block or line.in_code(DIRECTIVE.search(line.text).start()) else "inside a line"
                out.problems.append(
                    Problem(
                        shown,
                        line.number,
                        "include",
                        f"an include directive {where} would be expanded by the include extension",
                        "put the directive alone on its line, or describe it without writing one",
                    )
                )
            lines.append(line.text)
            out.origins.append((shown, line.number))
            continue
        target, problem = resolve(match.group(1), root, shown, line.number)
        if problem is None and target in chain:
            problem = Problem(shown, line.number, "include", f"'{target}' includes itself", "remove the loop")
        if problem is None and len(chain) > MAX_DEPTH:
            problem = Problem(
                shown, line.number, "include", f"includes nested more than {MAX_DEPTH} deep", "include the file directly"
            )
        if problem is not None:
            out.problems.append(problem)
            lines.append(line.text)
            out.origins.append((shown, line.number))
            continue
        out.included.append(target)
        body = (root / target).read_text(encoding="utf-8").rstrip("\n")
        out.problems += _shortcodes_in(body, target)
        _expand(body, target, root, out, lines, (*chain, target))


_SHORTCODE = re.compile(r"<!--\s*kb:[a-z-]+")


def _shortcodes_in(text: str, shown: str) -> list[Problem]:
    """Included files are inserted by the include extension after shortcodes run: they must hold none."""
    return [
        Problem(
            shown,
            line.number,
            "include",
            "shortcodes are not expanded in an included file",
            "move the text that needs figures into a page under docs/, or show the shortcode in code",
        )
        for line in scan(text)
        if (m := _SHORTCODE.search(line.text)) and not line.in_code(m.start())
    ]


def resolve(raw: str, root: Path, shown: str, line: int) -> tuple[str, Problem | None]:
    """The repository path an include names, or the problem with it."""
    if raw.startswith(("/", "~")) or re.match(r"^[A-Za-z]:[\\/]", raw):
        return raw, Problem(
            shown, line, "include", f"'{raw}' is an absolute path", "write the path relative to the repository root"
        )
    path = (root / raw).resolve()
    if not path.is_relative_to(root):
        return raw, Problem(shown, line, "include", f"'{raw}' is outside the repository", "include only files of the repository")
    relative = path.relative_to(root).as_posix()
    if not path.is_file():
        candidates = [p.relative_to(root).as_posix() for p in root.glob("*.md")]
        candidates += [p.relative_to(root).as_posix() for p in (root / "docs").rglob("*.md")]
        close = closest(relative, candidates)
        fix = f"did you mean '{close}'?" if close else "check the path (relative to the repository root)"
        return relative, Problem(shown, line, "include", f"no file '{relative}' to include", fix)
    try:
        path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return relative, Problem(shown, line, "include", f"'{relative}' is not UTF-8 text", "include Markdown files only")
    return relative, None


def single_include(text: str) -> str | None:
    """The path a page consists of, when its body is one include directive (e.g. docs/contributing.md)."""
    body = [ln for ln in text.split("\n") if ln.strip()]
    if len(body) == 1 and (match := _WHOLE_LINE.match(body[0])):
        return match.group(1)
    return None
