"""``kb export``: the site as a plain project that another engine builds without the hooks.

The folder holds ``mkdocs.yml`` and ``docs/``: every page with its includes expanded and its
shortcodes rendered, every generated page, chart and download, the stylesheets, scripts and
theme overrides, and a configuration with no hooks and no MkDocs-specific YAML tags. Links
between pages are relative, so the result works under any base URL. The code reference, which
needs mkdocstrings, is replaced by a list of the modules with their summaries and sources.
Plain MkDocs with Material builds it (tests/test_export.py), and so does Zensical
(``make export-zensical``).
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from .render_site import Site

#: Top-level settings that only make sense with this repository's hooks and plugins.
_DROPPED = ("hooks", "watch")
#: mkdocstrings' directive, one module per line.
_AUTODOC = re.compile(r"^::: *(\S+)[ \t]*$", re.M)
#: reStructuredText in docstrings (``code``, :mod:`name`), written as Markdown code spans.
_RST_CODE = re.compile(r"(?::\w+:)?`{1,2}([^`]+)`{1,2}")


class ConfigError(ValueError):
    """mkdocs.yml uses something the export cannot carry over."""


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with MkDocs' ``!ENV`` tag resolved (any other tag is refused)."""


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in values[:-1] if len(values) > 1 else values:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return values[-1] if len(values) > 1 else None


def _refuse(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    raise ConfigError(f"mkdocs.yml line {node.start_mark.line + 1}: the tag !{suffix} has no engine-neutral form")


class _Relative(str):
    """A ``!relative`` path: meaningful to MkDocs only (the export drops the extension that uses it)."""


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_constructor("!relative", lambda loader, node: _Relative(loader.construct_scalar(node)))
_ConfigLoader.add_multi_constructor("!", _refuse)


class _Dumper(yaml.SafeDumper):
    """Writes multi-line strings (such as ``exclude_docs``) as literal blocks, as people write them."""


_Dumper.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|" if "\n" in v else None))


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as plain values."""
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def neutral_config(config: dict, nav: list | None) -> dict:
    """The configuration without hooks, tags, mkdocstrings or the search plugin's options."""
    out = {key: value for key, value in config.items() if key not in _DROPPED}
    plugins = []
    for plugin in config.get("plugins", []) or []:
        name = next(iter(plugin)) if isinstance(plugin, dict) else plugin
        if name == "search":
            plugins.append("search")  # `lang` is MkDocs' option; every engine defaults to English
        elif name != "mkdocstrings":
            plugins.append(plugin)
    out["plugins"] = plugins
    # Exported pages have their includes written in, so the include extension is not needed.
    out["markdown_extensions"] = [
        ext for ext in config.get("markdown_extensions", []) or [] if _extension_name(ext) != "markdown_include.include"
    ]
    if _has_relative(out):
        raise ConfigError("mkdocs.yml uses !relative outside the include extension; the export cannot carry it over")
    # The edit button would send generated pages to docs/ files that do not exist; the pages carry
    # their own edit links to the data.
    out.pop("edit_uri", None)
    out["edit_uri"] = ""
    if nav is not None:
        out["nav"] = nav
    return out


def _extension_name(ext) -> str:
    return next(iter(ext)) if isinstance(ext, dict) else ext


def _has_relative(value) -> bool:
    if isinstance(value, _Relative):
        return True
    if isinstance(value, dict):
        return any(_has_relative(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_relative(v) for v in value)
    return False


def code_reference_note(markdown: str, project_root: Path, repo_url: str) -> str:
    """The code reference without mkdocstrings: each documented module with its summary and source."""
    if not _AUTODOC.search(markdown):
        return markdown

    def entry(match: re.Match) -> str:
        name = match.group(1)
        module = importlib.import_module(name)
        summary = " ".join((module.__doc__ or "").strip().split("\n\n")[0].split())
        # the project's own docstrings, not data: shown as Markdown, as mkdocstrings would
        line = f"- **`{name}`**: {_RST_CODE.sub(lambda m: '`' + m.group(1).lstrip('~') + '`', summary)}"
        source = Path(module.__file__ or "")
        if repo_url and source.is_relative_to(project_root):
            line += f" [Source]({repo_url}/blob/main/{source.relative_to(project_root).as_posix()})."
        return line

    note = (
        '!!! note "In this export"\n\n'
        "    The full reference is generated from the docstrings by mkdocstrings when the site is built "
        "with its hooks (`make build`). Here each module is listed with its summary and a link to its source.\n"
    )
    body = _AUTODOC.sub(entry, markdown)
    # consecutive entries form one list
    body = re.sub(r"(^- \*\*`.+$)\n\n(?=- \*\*`)", r"\1\n", body, flags=re.M)
    heading = re.search(r"^# .*$", body, re.M)
    at = heading.end() + 1 if heading else 0
    return body[:at] + "\n" + note + body[at:]


def export_project(site: Site, config: dict, project_root: Path, out: Path) -> list[Path]:
    """Write the project into ``out`` (replaced); return every file written."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    written: list[Path] = []

    def write(path: Path, content: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)

    for uri, page in sorted(site.pages.items()):
        markdown = code_reference_note(page.markdown, project_root, site.ctx.repo_url)
        write(docs / uri, (page.front_matter + markdown).encode("utf-8"))
    for uri, content in sorted(site.assets.items()):
        write(docs / uri, content)
    source_docs = project_root / "docs"
    for path in sorted(source_docs.rglob("*")):
        if path.is_file() and path.suffix != ".md":  # stylesheets, scripts, theme overrides
            write(docs / path.relative_to(source_docs), path.read_bytes())
    text = "# Written by `kb export`: the knowledge base as a plain project (no hooks).\n"
    text += yaml.dump(neutral_config(config, site.nav), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    write(out / "mkdocs.yml", text.encode("utf-8"))
    return written
