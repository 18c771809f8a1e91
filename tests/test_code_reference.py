"""The code reference documents every module, and nothing in it can pull a file into the site."""

from __future__ import annotations

import ast
import re

from conftest import ROOT
from musekb.includes import DIRECTIVE

PACKAGE = ROOT / "hooks" / "musekb"


def modules() -> list[str]:
    return sorted(
        "musekb." + path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__")
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py" or path.parent != PACKAGE
    )


def test_every_module_is_in_the_code_reference():
    documented = set(re.findall(r"^::: (musekb[\w.]*)$", (ROOT / "docs" / "reference" / "code.md").read_text(), re.M))
    assert set(modules()) - documented == set()


def test_no_docstring_holds_an_include_directive():
    # mkdocstrings turns docstrings into Markdown, where the include extension would expand one
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node) or ""
                if DIRECTIVE.search(doc):
                    found.append(f"{path.relative_to(ROOT)}: {getattr(node, 'name', 'module')}")
    assert found == []
