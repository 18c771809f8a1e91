"""Render the whole site from the data, in one pass and independent of MkDocs.

:func:`render_site` runs the pipeline in a fixed order, each step taking what the previous
ones produced:

1. load and check the data (:mod:`musekb.validate`), and read the hand-written pages with
   their includes expanded (:mod:`musekb.includes`) and their typed figures found;
2. index the data (:class:`~musekb.context.Lookups`) and draw the charts from the index;
3. make the :class:`~musekb.context.Context` that every page is rendered with;
4. expand the shortcodes of every hand-written page, then render the generated pages;
5. index which pages cite which source, then render the bibliography from that index;
6. check every link between pages and every ``page:`` field of the data against the
   anchors of the rendered pages (:mod:`musekb.internal_links`);
7. finish every page with its "checked as of" line and citation block.

Every problem found on the way is collected and raised together, each at the file and line
a contributor edits; ``kb check`` runs this same pipeline without building any HTML. The
MkDocs hook only hands the result to MkDocs; :mod:`musekb.export` writes the same pages as
a project for any other engine.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .changes import FEED_URI, atom_feed, changes_page
from .charts import all_charts, benchmark_uri, chart_assets, chart_markdown, default_cache_dir
from .comparison import MUSE_FAMILY
from .context import Context, Lookups
from .coverage_page import coverage_page
from .dates import human_day
from .export import DOWNLOAD_DIR, downloads
from .includes import expand_includes, single_include
from .internal_links import SiteIndex, page_link_problems, pointer_problems
from .list_pages import conflicts_page, glossary_page, people_page, sources_page, timeline_page
from .navigation import nav_problems, read_nav
from .page import PageWriter, RenderedPage, citation_index
from .pages import benchmark_page, compare_page, model_page
from .problems import Problem, ProblemsFound
from .project import Project
from .reference import data_reference_page, downloads_page
from .search import search_settings
from .shortcodes import expand
from .site_urls import absolute_url, record_url
from .text import plain_title
from .typed_figures import figure_problems
from .validate import gather

SITE_NAME = "Muse Spark knowledge base"
INCLUDES_DIR = "_includes"
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_H1 = re.compile(r"^#\s+(.+?)\s*(\{.*\})?\s*$", re.M)


@dataclass
class PageSource:
    """A hand-written page as read from docs/: includes expanded, problems found without the data."""

    uri: str
    text: str
    """The page with its includes expanded (shortcodes not yet)."""
    raw: str
    """The page as written, include directives and all."""
    origin: Callable[[int], tuple[str, int]]
    """Line of ``text`` -> (file, line) a contributor edits."""
    edit_file: str | None
    """The file to edit when the page is only an include of it (e.g. CONTRIBUTING.md)."""
    problems: list[Problem]
    included: list[str] = field(default_factory=list)
    """Repository files the page includes (for :mod:`musekb.published`, which must know every file read)."""


@dataclass
class Site:
    """The rendered content of one build."""

    ctx: Context
    pages: dict[str, RenderedPage] = field(default_factory=dict)
    """Every page by its path relative to docs/, hand-written and generated."""
    assets: dict[str, bytes] = field(default_factory=dict)
    """Non-page files (charts, downloads) by their path in the site."""
    nav_groups: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Placeholder name (``kb:benchmarks``) -> [(title, page path)] for the navigation."""
    nav: list | None = None
    """mkdocs.yml's ``nav`` with the placeholders expanded (None when it has none)."""
    edit_sources: dict[str, str] = field(default_factory=dict)
    """Hand-written page -> the repository file it is made of, when it only includes that file."""
    stood_in: list[str] = field(default_factory=list)
    """Files given their content from an earlier render (only when the caller passed ``stand_ins``)."""
    included: set[str] = field(default_factory=set)
    """Repository files that hand-written pages include."""

    def generated_pages(self) -> list[RenderedPage]:
        return [p for p in self.pages.values() if p.generated]

    def edit_url(self, uri: str) -> str | None:
        """Where to edit a page that is not simply docs/<uri>: its data record, or the file it includes."""
        if not self.ctx.repo_url:
            return None
        if uri in self.edit_sources:
            return f"{self.ctx.repo_url}/edit/main/{self.edit_sources[uri]}"
        page = self.pages.get(uri)
        if not page or not page.generated or not page.origin:
            return None
        return record_url(self.ctx, *page.origin[0])


def render_site(
    project: Project,
    today: dt.date,
    site_url: str = "",
    repo_url: str = "",
    config_file: Path | None = None,
    stand_ins: Mapping[str, bytes] | None = None,
    keep_includes: bool = False,
) -> Site:
    """Load, check and render everything; raise :class:`ProblemsFound` listing every problem.

    Problems in the pages that do not need the data (includes, typed figures) are reported with
    the data's; shortcodes, links and the navigation are checked once the data is sound.
    ``config_file`` (default: the project's mkdocs.yml, if any) gives the navigation.
    ``stand_ins`` (path -> bytes of an earlier render) lets the preview show a page before its
    changed charts are drawn and the downloads written again: those files keep their earlier
    content, listed in :attr:`Site.stood_in` (see :func:`musekb.charts.all_charts`).
    Includes are always checked; with ``keep_includes`` (the MkDocs build, where the
    markdown-include extension inserts the files) the pages keep their directives, otherwise
    (``kb export``, any other engine) the files are written into the pages.
    """
    data, problems = gather(project, today)
    sources = read_pages(project)
    page_problems = [p for src in sources.values() for p in src.problems]
    if problems:  # nothing can be rendered from unsound data
        raise ProblemsFound(problems + page_problems)
    problems += page_problems
    lookups = Lookups(data, today)
    charts = all_charts(lookups, default_cache_dir(project.root), stand_ins)
    ctx = Context(lookups, {chart.uri: chart for chart in charts}, site_url=site_url, repo_url=repo_url)
    site = Site(ctx, stood_in=[chart.uri for chart in charts if not chart.drawn])
    site.assets.update(chart_assets(charts))
    site.edit_sources = {uri: src.edit_file for uri, src in sources.items() if src.edit_file}
    site.included = {path for src in sources.values() for path in src.included}
    for uri, src in sources.items():
        page, found = render_handwritten(ctx, uri, src.text, src.origin)
        site.pages[uri] = page
        problems += found
    handwritten_titles = {uri: p.title for uri, p in site.pages.items()}
    for page in generate_pages(ctx, handwritten_titles):
        if page.uri in site.pages:
            problems.append(
                Problem(f"docs/{page.uri}", 1, "file", "this page is generated from data", "remove the hand-written file")
            )
        site.pages[page.uri] = page
    earlier = {path: b for path, b in (stand_ins or {}).items() if path.startswith(DOWNLOAD_DIR + "/")}
    files = earlier or downloads(ctx)
    site.stood_in += sorted(earlier)
    site.assets.update(files)
    site.assets[FEED_URI] = atom_feed(ctx)
    for page in (downloads_page(ctx, files), data_reference_page(ctx), changes_page(ctx)):
        site.pages[page.uri] = page
    titles = {uri: p.title for uri, p in site.pages.items()}
    site.pages["coverage.md"] = coverage_page(ctx, titles)
    site.pages["sources.md"] = sources_page(ctx, titles, citation_index(site.pages.values()), grades_section(site))
    problems += link_problems(site, sources, project)
    if keep_includes:
        for uri, src in sources.items():
            if src.raw != src.text:  # the page's own lines only: the included files are added by MkDocs
                site.pages[uri], _ = render_handwritten(ctx, uri, src.raw)
    site.nav_groups = nav_groups(ctx)
    config_file = config_file or project.root / "mkdocs.yml"
    if config_file.is_file():
        site.nav, found = nav_problems(read_nav(config_file), site.nav_groups, set(site.pages), set(sources))
        problems += found
    if problems:
        raise ProblemsFound(problems)
    abbreviations = abbreviation_lines(ctx)
    search = search_settings(ctx.data)
    for page in site.pages.values():
        page.markdown = finish(page, ctx, abbreviations)
        page.search = search.get(page.uri, {})
        page.front_matter = front_matter(page)
    return site


def front_matter(page: RenderedPage) -> str:
    """The page's YAML front matter: a generated page's description and title, and any search setting.

    MkDocs reads a hand-written page's own front matter from its file; the search setting
    reaches it through the hook, and this copy serves ``kb export``.
    """
    meta = {}
    if page.generated and page.description:
        # Material prints the description unescaped inside content="..."
        meta = {"description": html.escape(page.description, quote=True), "title": plain_title(page.title)}
    if page.search:
        meta["search"] = page.search
    if not meta:
        return page.front_matter
    if page.front_matter:
        meta = {**(yaml.safe_load(_FRONT_MATTER.match(page.front_matter).group(1)) or {}), **meta}
    return "---\n" + yaml.safe_dump(meta, width=1000) + "---\n"


GRADES_SECTION = ("benchmarks/methodology.md", "grades")


def grades_section(site: Site) -> str | None:
    """Where the site explains how grades are computed, if its pages have that section."""
    page = site.pages.get(GRADES_SECTION[0])
    return f"{GRADES_SECTION[0]}#{GRADES_SECTION[1]}" if page and f"{{#{GRADES_SECTION[1]}}}" in page.markdown else None


def read_pages(project: Project) -> dict[str, PageSource]:
    """Every page in docs/, with its includes expanded and the problems found without the data."""
    pages: dict[str, PageSource] = {}
    for path in sorted(project.docs_dir.rglob("*.md")):
        uri = path.relative_to(project.docs_dir).as_posix()
        if uri.startswith(INCLUDES_DIR + "/"):
            continue
        shown = f"docs/{uri}"
        text = path.read_text(encoding="utf-8")
        expanded = expand_includes(text, shown, project.root)
        _, body = split_front_matter(text)
        only = single_include(body)
        edit_file = expanded.included[0] if only and expanded.included and not expanded.problems else None
        problems = expanded.problems + figure_problems(text, shown)
        pages[uri] = PageSource(uri, expanded.text, text, expanded.origin, edit_file, problems, expanded.included)
    return pages


def render_handwritten(
    ctx: Context, uri: str, text: str, origin: Callable[[int], tuple[str, int]] | None = None
) -> tuple[RenderedPage, list[Problem]]:
    """Expand the shortcodes of one hand-written page (its includes already expanded)."""
    writer = PageWriter(ctx, uri)
    markdown, problems = expand(text, writer, f"docs/{uri}", origin)
    front_matter, markdown = split_front_matter(markdown)
    match = _H1.search(markdown)
    title = match.group(1) if match else uri.removesuffix(".md")
    return RenderedPage(uri, title, markdown, writer, generated=False, front_matter=front_matter), problems


def link_problems(site: Site, sources: dict[str, PageSource], project: Project) -> list[Problem]:
    """Broken links written in docs/ and broken ``page:`` anchors in data, where each is written."""
    pages = {uri: page.markdown for uri, page in site.pages.items()}
    index = SiteIndex(pages=pages, files=set(site.assets) | project.site_files())
    problems = []
    for uri, src in sources.items():
        problems += page_link_problems(index, uri, src.text, src.origin)
    data = site.ctx.data
    pointers = [
        (rec.page, (data.locate(rec).file, data.locate(rec).line("page"))) for rec in [*data.events, *data.glossary] if rec.page
    ]
    problems += pointer_problems(index, pointers, "page")
    return problems


def split_front_matter(text: str) -> tuple[str, str]:
    """Separate a leading ``---`` YAML block (MkDocs reads it itself) from the page body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", text
    return match.group(0), text[match.end() :]


def generate_pages(ctx: Context, titles: dict[str, str]) -> list[RenderedPage]:
    """Every page generated from data, except the bibliography (rendered from the citation index).

    ``titles`` gives hand-written pages' titles, for links that name the page they lead to.
    """
    pages = [benchmark_page(ctx, b.id, chart=benchmark_chart_block(ctx, b.id)) for b in ctx.data.benchmarks]
    pages += [model_page(ctx, m.id) for m in ctx.data.models]
    pages += [compare_page(ctx, m.id) for m in ctx.data.models if m.rival]
    pages += [timeline_page(ctx, titles), glossary_page(ctx, titles), people_page(ctx), conflicts_page(ctx)]
    return pages


def benchmark_chart_block(ctx: Context, bench_id: str) -> str | None:
    """The chart of a benchmark page, if the benchmark has scores to plot."""
    chart = ctx.charts.get(benchmark_uri(bench_id))
    # the chart is near the top of a benchmark page, so it loads at once rather than lazily
    return chart_markdown(chart, f"benchmarks/{bench_id}.md", lazy=False) if chart else None


def nav_groups(ctx: Context) -> dict[str, list[tuple[str, str]]]:
    """Navigation entries for the generated per-record pages."""
    return {
        "kb:benchmarks": sorted(
            ((plain_title(b.name), f"benchmarks/{b.id}.md") for b in ctx.data.benchmarks), key=lambda x: x[0].lower()
        ),
        "kb:muse-models": [(plain_title(m.name), f"models/{m.id}.md") for m in ctx.data.models if m.family == MUSE_FAMILY],
        "kb:other-models": [(plain_title(m.name), f"models/{m.id}.md") for m in ctx.data.models if m.family != MUSE_FAMILY],
        "kb:comparisons": [(plain_title(f"{m.name} vs Muse Spark"), f"compare/{m.id}.md") for m in ctx.data.models if m.rival],
    }


def abbreviation_lines(ctx: Context) -> str:
    """Markdown abbreviation definitions from the glossary, so abbreviations get tooltips everywhere."""
    lines = []
    for term in ctx.data.glossary:
        if term.abbr and term.abbr.lower() != term.term.lower() and re.fullmatch(r"[\w][\w .\-/]*", term.abbr):
            lines.append(f"*[{term.abbr}]: {' '.join(term.term.split())}")
    return "\n".join(sorted(set(lines)))


def finish(page: RenderedPage, ctx: Context, abbreviations: str) -> str:
    """Append the page footer: when its facts were checked, staleness, and how to cite it.

    The footer is written as HTML (every part of it escaped here), so Markdown does not have to
    parse the same block again on every page.
    """
    lines = ['<div class="kb-page-meta" data-search-exclude>']
    checked = page.writer.checked_range()
    if checked:
        oldest, newest = checked
        stale = sum(1 for f in page.facts if ctx.is_stale(f))
        text = f"<strong>Facts checked as of {human_day(newest)}</strong>"
        if oldest != newest:
            text += f" (oldest check on this page: {human_day(oldest)})"
        text += "."
        if stale:
            text += (
                f" {stale} fact{'s' if stale != 1 else ''} on this page {'are' if stale != 1 else 'is'} past "
                f"{'their' if stale != 1 else 'its'} review date and marked <em>possibly stale</em>."
            )
        lines.append(f"<p>{text}</p>")
    if page.generated and page.origin:
        file, line_no = page.origin[0]
        where = f" (line {line_no})" if line_no > 1 else ""
        lines.append(f"<p>Generated from <code>{html.escape(file)}</code>{where}.</p>")
    lines += [cite_block(page, ctx), "</div>"]
    parts = [page.markdown.rstrip(), "", *lines, ""]
    if abbreviations:
        parts += [abbreviations, ""]
    return "\n".join(parts)


def cite_block(page: RenderedPage, ctx: Context) -> str:
    """A collapsible "Cite this page" block (HTML) with plain text and BibTeX."""
    url = absolute_url(ctx, page.uri)
    day = ctx.today
    checked = page.writer.checked_range()
    as_of = checked[1] if checked else day
    key = "musekb-" + (re.sub(r"[^a-z0-9]+", "-", page.uri.removesuffix(".md").lower()).strip("-") or "home")
    title = page.title.replace("{", "").replace("}", "")
    plain = f"{SITE_NAME}. “{title}”. {url} (facts checked as of {as_of.isoformat()}; accessed {day.isoformat()})."
    bibtex = "\n".join(
        [
            f"@misc{{{key},",
            f"  title        = {{{{{title}}}}},",
            f"  author       = {{{{{SITE_NAME} contributors}}}},",
            f"  howpublished = {{\\url{{{url}}}}},",
            f"  note         = {{Facts checked as of {as_of.isoformat()}}},",
            f"  urldate      = {{{day.isoformat()}}},",
            f"  year         = {{{as_of.year}}}",
            "}",
        ]
    )
    return (
        '<details class="quote"><summary>Cite this page</summary>'
        f"<p>{html.escape(plain)}</p><pre><code>{html.escape(bibtex)}</code></pre></details>"
    )


__all__ = ["Site", "render_site"]
