"""Where things live in the repository, so every entry point agrees."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """Paths of a project checkout (the real one, or a small one built by a test)."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def schema_dir(self) -> Path:
        return self.data_dir / "schemas"

    def pages(self) -> set[str]:
        """Hand-written Markdown pages, as paths relative to ``docs/``."""
        return {p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*.md")}

    def site_files(self) -> set[str]:
        """Other files of ``docs/`` that are published as they are (stylesheets, scripts, images)."""
        return {
            p.relative_to(self.docs_dir).as_posix()
            for p in self.docs_dir.rglob("*")
            if p.is_file() and p.suffix != ".md" and not p.relative_to(self.docs_dir).as_posix().startswith(_UNPUBLISHED)
        }


#: Folders of docs/ that are not published (mkdocs.yml's exclude_docs).
_UNPUBLISHED = ("_includes/", "overrides/")


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding ``mkdocs.yml`` and ``data/``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").exists() and (folder / "data").is_dir():
            return folder
    raise FileNotFoundError("no project found: run this inside the repository (where mkdocs.yml is)")
