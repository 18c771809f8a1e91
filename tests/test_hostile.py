"""Hostile and broken input: refused with ``file:line: field``, never with a traceback, and
markup typed into data is shown as text, never run.

The corpus in ``tests/hostile/`` holds 31 cases, listed in ``tests/hostile/manifest.yaml``:
30 small files, each replacing one data file of the ``mini`` fixture project, and one very
large file generated at test time. For every case ``kb check`` and a strict MkDocs build of
the copy must fail, name the file, the line and the field, and print no traceback. A copy
with nothing replaced passes both, so each failure comes from the broken file.

The injection tests put ``<script>``, ``<img onerror>``, a ``javascript:`` Markdown link, an
attribute break-out, a ``</title>`` break-out and a Markdown link that turns into an event
handler if Markdown runs inside an HTML attribute into every rendered kind of text field, build
the copy (with the plain fixture configuration, and with the real site's ``kb:`` navigation
placeholders and Markdown extensions), and read the HTML the way a browser tokenises it: none of
it may become an element, an event-handler attribute or a ``javascript:`` link, while the text
stays visible. The same fields also carry include directives (an absolute path, a path in the
repository, a path outside it, and a snippet line) naming files whose secret must appear in no
built file: not in a page, the feed, a download or the search index.
tests/test_browser.py loads the same sites in Chromium.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from conftest import FIXTURES, MINI_MKDOCS, MINI_TODAY, ROOT
from helpers import edit, problems_of
from musekb.validate import load_checked

CORPUS = Path(__file__).resolve().parent / "hostile"
MINI = FIXTURES / "mini"
BUILD_DATE = MINI_TODAY.isoformat()  # the mini data is dated up to 2026-05-01
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_BUILD_DATE": BUILD_DATE}
#: Each run gets this much address space and time, so that an input which makes the loader
#: explode (the "billion laughs" case) fails the test instead of exhausting the machine.
MEMORY_LIMIT = 1 << 30
TIMEOUT = 120

# --- the corpus ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One broken input: what it replaces and the problem line it must produce."""

    name: str
    replaces: str
    expect: str
    says: str | None = None
    problems: int | None = None
    file: str | None = None
    generate: str | None = None

    def content(self) -> bytes:
        if self.generate:
            return GENERATORS[self.generate]()
        return (CORPUS / self.file).read_bytes()


def _oversize() -> bytes:
    """About 3 MB of well-formed results: a pasted dump, far above the size limit."""
    record = (
        b"- model: muse-spark\n  benchmark: index-y\n  value: 52\n  provenance: independent\n"
        b"  confidence: B\n  as_of: 2026-05-01\n  sources: [index-site]\n"
    )
    return (MINI / "data" / "results.yaml").read_bytes() + record * (3_000_000 // len(record) + 1)


GENERATORS = {"oversize": _oversize}


def _load_cases() -> list[Case]:
    cases = []
    for entry in yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8")):
        name = (entry.get("file") or entry["generate"]).removesuffix(".yaml")
        cases.append(Case(name=name, **entry))
    return cases


CASES = _load_cases()


def _count_in_docstring() -> int:
    match = re.search(r"holds (\d+) cases", __doc__)
    assert match, "the module docstring must name the number of corpus cases"
    return int(match.group(1))


# --- running kb check and the build in a copy -----------------------------------------------

# Each tool runs under a small launcher that caps its address space first (preexec_fn is not
# safe with the thread pool used below).
_LAUNCH = """\
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
target, sys.argv = sys.argv[1], sys.argv[1:]
if target == "mkdocs":
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
else:
    runpy.run_path(target, run_name="__main__")
"""


@dataclass
class Run:
    """What a command printed and how it ended."""

    command: str
    returncode: int | None
    output: str  # stdout and stderr together

    def lines(self) -> list[str]:
        return self.output.splitlines()

    def __str__(self) -> str:
        tail = "\n".join(self.lines()[-15:])
        return f"`{self.command}` exited {self.returncode}; it printed (last lines):\n{tail}"


def run_tool(args: list[str], cwd: Path, label: str) -> Run:
    launcher = _LAUNCH.format(limit=MEMORY_LIMIT)
    try:
        done = subprocess.run(
            [sys.executable, "-c", launcher, *args],
            cwd=cwd,
            env=ENV,
            capture_output=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired as err:
        out = (err.stdout or b"") + (err.stderr or b"")
        return Run(label, None, out.decode("utf-8", "replace") + f"\n[killed after {TIMEOUT} s]")
    out = done.stdout + done.stderr
    return Run(label, done.returncode, out.decode("utf-8", "replace"))


def mini_copy(dest: Path) -> Path:
    """A copy of the mini project with an mkdocs.yml that runs the real hook (as ``mini_buildable``)."""
    shutil.copytree(MINI, dest)
    (dest / "mkdocs.yml").write_text(MINI_MKDOCS.format(hook=ROOT / "hooks" / "kb_hooks.py"), encoding="utf-8")
    return dest


def kb_check(root: Path) -> Run:
    return run_tool([str(ROOT / "scripts" / "kb"), "--root", str(root), "check"], root, "kb check")


def strict_build(root: Path, site_dir: Path) -> Run:
    return run_tool(["mkdocs", "build", "--strict", "--site-dir", str(site_dir)], root, "mkdocs build --strict")


@dataclass
class Outcome:
    check: Run
    build: Run


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    """``kb check`` and a strict build of a mini copy per case (and of an untouched copy),
    run a few at a time because each build takes a second or two."""
    base = tmp_path_factory.mktemp("hostile")

    def attempt(case: Case | None) -> Outcome:
        name = case.name if case else "untouched"
        root = mini_copy(base / name)
        if case:
            (root / case.replaces).write_bytes(case.content())
        return Outcome(kb_check(root), strict_build(root, base / f"{name}-site"))

    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        runs = dict(zip(["untouched", *(c.name for c in CASES)], pool.map(attempt, [None, *CASES]), strict=True))
    return runs


def assert_refused(run: Run, case: Case, line_starts: bool) -> None:
    """The run failed cleanly and printed the case's problem line."""
    if run.returncode is None:
        pytest.fail(f"{run.command} hung on {case.name}: {run}")
    if "Traceback" in run.output:
        pytest.fail(f"{run.command} crashed on {case.name} instead of reporting a problem: {run}")
    if run.returncode == 0:
        pytest.fail(f"{run.command} accepted {case.name}: {run}")
    hits = [ln for ln in run.lines() if (ln.startswith(case.expect) if line_starts else case.expect in ln)]
    if not hits:
        pytest.fail(f"no line {'starts with' if line_starts else 'contains'} {case.expect!r}: {run}")
    if case.says and not any(case.says in ln for ln in hits):
        pytest.fail(f"the problem line does not say {case.says!r}: {hits}")


# --- the corpus tests -------------------------------------------------------------------------


def test_corpus_manifest_lists_every_file_once():
    listed = [c.file for c in CASES if c.file]
    on_disk = sorted(p.name for p in CORPUS.iterdir() if p.name not in ("manifest.yaml", INCLUDE_TARGET.name))
    assert sorted(listed) == on_disk
    assert len(set(listed)) == len(listed)
    assert len(CASES) == _count_in_docstring(), "update the case count in the module docstring"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case_replaces_one_real_file_of_the_mini_project(case):
    original = MINI / case.replaces
    assert original.is_file(), f"{case.replaces} is not a data file of the mini project"
    assert case.content() != original.read_bytes()
    assert case.expect.startswith(case.replaces + ":"), "the problem must name the replaced file"
    assert re.match(r"^[\w/.-]+:\d+: [\w.\[\]]+:", case.expect), f"expect must read file:line: field: ({case.expect!r})"


def test_untouched_copy_passes_check_and_build(outcomes):
    """The baseline: without a corpus file the copy is valid, so every failure below is the corpus file's."""
    untouched = outcomes["untouched"]
    assert untouched.check.returncode == 0 and "data and pages OK" in untouched.check.output, untouched.check
    assert untouched.build.returncode == 0, untouched.build


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_kb_check_names_file_line_and_field(case, outcomes):
    run = outcomes[case.name].check
    assert_refused(run, case, line_starts=True)
    assert run.returncode == 1, f"kb check must exit 1 on bad data: {run}"
    if case.problems is not None:
        total = f"{case.problems} problem{'s' if case.problems != 1 else ''} found."
        if total not in run.output:
            pytest.fail(f"expected exactly {case.problems} problem(s), without follow-on errors: {run}")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_strict_build_fails_with_the_same_message(case, outcomes):
    run = outcomes[case.name].build
    assert_refused(run, case, line_starts=False)
    if case.problems is not None and f"{case.problems} problem(s) in data/ or docs/" not in run.output:
        pytest.fail(f"expected exactly {case.problems} problem(s), without follow-on errors: {run}")


def test_a_bare_date_in_a_text_field_is_text_not_an_error(mini):
    """Dates stay text under the project's YAML rules, so a date typed where text is expected is fine."""
    edit(mini, "claims.yaml", "stance: Reasoning first", "stance: 2026-04-08")
    assert problems_of(mini) == []
    (view,) = [c for c in load_checked(mini, MINI_TODAY).claims if c.id == "ada-view"]
    assert view.stance == "2026-04-08"


@pytest.mark.parametrize(
    ("name", "old", "new", "expect"),
    [
        (
            "sources.yaml",
            "url: https://example.org/maker/alpha",
            "url: javascript:alert(1)",
            "data/sources.yaml:5: url: 'javascript:alert(1)' is not an https URL",
        ),
        (
            "sources.yaml",
            "url: https://example.org/mirror/alpha",
            "url: ' JAVASCRIPT:alert(1)'",
            "data/sources.yaml:31: via.url: 'JAVASCRIPT:alert(1)' is not an https URL",
        ),
        (
            "benchmarks.yaml",
            "  sources: [paper-bench]",
            "  url: javascript:alert(1)\n  sources: [paper-bench]",
            "data/benchmarks.yaml:9: url: 'javascript:alert(1)' is not an https URL",
        ),
        (
            "organisations.yaml",
            "  sources: [news-copy]",
            "  url: javascript://example.org/%0aalert(1)\n  sources: [news-copy]",
            "data/organisations.yaml:11: url: 'javascript://example.org/%0aalert(1)' is not an https URL",
        ),
    ],
    ids=["source-url", "via-url", "benchmark-url", "organisation-url"],
)
def test_javascript_urls_are_refused_in_every_url_field(mini, name, old, new, expect):
    edit(mini, name, old, new)
    found = problems_of(mini)
    assert [p for p in found if p.startswith(expect)], found


# --- markup injection -------------------------------------------------------------------------

PAYLOADS = (
    # Inert as text; if Markdown runs inside an HTML attribute, its link closes the attribute early
    # and the rest becomes an onmouseover handler (so it goes first, before any other break-out).
    "[x](https://x/onmouseover=alert(6)//)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[x](javascript:alert(3))",
    '" onmouseover="alert(4)',
    "</title><svg onload=alert(5)>",
)
"""Each payload calls alert() with its own number, so a dialog in the browser says which one ran."""

#: A file outside the project that a data string names by absolute path; its first word is its secret.
INCLUDE_TARGET = CORPUS / "include-target.md"
#: (directive typed into data, secret of the file it names). The relative and outside files are
#: written next to (and above) each injected project; a leak of any secret means data was expanded.
INCLUDES = (
    (f"{{!{INCLUDE_TARGET}!}}", "KB-SECRET-ABSOLUTE"),
    ("{!secret-relative.md!}", "KB-SECRET-RELATIVE"),
    ("{!../secret-outside.md!}", "KB-SECRET-OUTSIDE"),
    ('--8<-- "secret-relative.md"', "KB-SECRET-RELATIVE"),  # pymdownx.snippets' syntax
)
PAYLOAD = " ".join(PAYLOADS + tuple(directive for directive, _ in INCLUDES))

#: Text fields whose existing value gets the payload appended, in every data file.
INJECTED_FIELDS = "title|publisher|note|name|summary|measures|origin|statement|stance|term|abbr|definition|resolution|text"
_FIELD_LINE = re.compile(rf"^(\s*(?:- )?)({INJECTED_FIELDS}): (.+)$", re.M)


def _q(text: str) -> str:
    """``text`` plus the payload, as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(f"{text} {PAYLOAD}")


#: Fields the mini data leaves out (or that need care), added with the payload.
ADDITIONS = [
    ("sources.yaml", "  tier: primary\n", f"  tier: primary\n  note: {_q('Launch page note')}\n"),
    ("models.yaml", "  family: Beta\n", f"  family: {_q('Beta')}\n  summary: {_q('The rival model.')}\n"),
    ("claims.yaml", "  value: closed\n", f"  value: {_q('closed')}\n"),
    (
        "claims.yaml",
        "  sources: [maker-launch, news-copy]\n",
        f"  sources: [maker-launch, news-copy]\n  note: {_q('Compute note')}\n",
    ),
    ("claims.yaml", "  debate: speed\n", f"  debate: speed\n  quote: {_q('slower is better')}\n"),
    (
        "events.yaml",
        "  page: index.md#launch\n",
        f"  page: index.md#launch\n  summary: {_q('Launch summary')}\n  note: {_q('Event note')}\n",
    ),
    ("benchmarks.yaml", "  category: reasoning\n", f"  category: reasoning\n  aliases: [{_q('Bench Ex')}]\n"),
]

#: Shortcodes that put data text into the hand-written home page.
INJECTED_SHORTCODES = """

## More from the data {#more}

<!-- kb:claim alpha-compute -->

<!-- kb:value alpha-weights -->

<!-- kb:opinions speed -->

<!-- kb:conflict beta-bench-x -->

<!-- kb:results bench-x index-y -->

<!-- kb:claims topic=design -->

<!-- kb:events topic=design -->

<!-- kb:family -->

<!-- kb:cite maker-launch news-copy -->
"""


def nav_with_placeholders() -> str:
    """A ``nav:`` that lists the generated pages through every ``kb:`` placeholder the real site uses."""
    placeholders = sorted(set(re.findall(r":\s*(kb:[a-z-]+)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)))
    assert placeholders, "the real mkdocs.yml lists generated pages through kb: placeholders"
    lines = ["nav:", "  - Home: index.md", "  - benchmarks/methodology.md"]
    lines += [f"  - Group {n}: {placeholder}" for n, placeholder in enumerate(placeholders, start=1)]
    lines += [f"  - {page}" for page in ("timeline.md", "glossary.md", "people.md", "conflicts.md", "sources.md")]
    return "\n".join(lines) + "\n"


#: (what, page, original text): each must be visible on the page followed by the payload, as text.
SHOWN = [
    ("source title", "sources/index.html", "Introducing Alpha"),
    ("source publisher", "sources/index.html", "Example University"),
    ("source note", "sources/index.html", "Launch page note"),
    ("source via note", "sources/index.html", "reader copy of the article"),
    ("claim statement", "models/muse-spark/index.html", "Maker says Alpha needed ten times less compute than its predecessor."),
    ("claim note", "models/muse-spark/index.html", "Compute note"),
    ("claim text value", "models/muse-spark/index.html", "closed"),
    ("claim statement in kb:claim", "index.html", "Maker says Alpha needed ten times less compute than its predecessor."),
    ("opinion statement", "index.html", "Ada Example thinks slower reasoning is worth it."),
    ("opinion stance", "index.html", "Reasoning first"),
    ("opinion quote", "index.html", "slower is better"),
    ("event title", "timeline/index.html", "Alpha is announced"),
    ("event summary", "timeline/index.html", "Launch summary"),
    ("event note", "timeline/index.html", "Event note"),
    ("model name", "models/beta/index.html", "Beta 2.0"),
    ("model family", "models/beta/index.html", "Beta"),
    ("model summary", "models/muse-spark/index.html", "The model under study."),
    ("model name on its comparison page", "compare/beta/index.html", "Beta 2.0"),
    ("benchmark name", "benchmarks/bench-x/index.html", "Bench X"),
    ("benchmark abbr", "benchmarks/bench-x/index.html", "BX"),
    ("benchmark alias", "benchmarks/bench-x/index.html", "Bench Ex"),
    ("benchmark measures", "benchmarks/bench-x/index.html", "Hard questions answered correctly."),
    ("benchmark origin", "benchmarks/bench-x/index.html", "Example University, 2025."),
    ("glossary term and abbr", "glossary/index.html", f"Bench X {PAYLOAD} (BX"),
    ("term definition", "glossary/index.html", "A benchmark of hard questions."),
    ("person name", "people/index.html", "Ada Example"),
    ("person summary", "people/index.html", "Leads the Alpha team."),
    ("role title", "people/index.html", "Chief scientist"),
    ("organisation name", "people/index.html", "Rival Co"),
    ("organisation summary", "people/index.html", "Makes the Beta model."),
    ("conflict title", "conflicts/index.html", "Beta's Bench X score"),
    ("conflict summary", "conflicts/index.html", "Two reproductions of the launch table give different figures for Beta."),
    ("conflict resolution", "conflicts/index.html", "The launch page's figure is used because it is the original."),
    ("conflict box in kb:conflict", "index.html", "The launch page's figure is used because it is the original."),
    ("coverage topic title", "coverage/index.html", "Alpha's launch"),
    ("coverage topic summary", "coverage/index.html", "What the maker released and how it scored."),
    ("coverage gap", "coverage/index.html", "The maker's results table was not readable."),
]


def write_injected_project(dest: Path, real_config: bool = False) -> Path:
    """A mini copy with the payload in every rendered text field and more shortcodes on its home page.

    With ``real_config`` its mkdocs.yml also lists the generated pages through ``kb:`` placeholders
    and enables the real site's Markdown extensions, as the real site does.
    """
    root = mini_copy(dest)
    (root / "secret-relative.md").write_text("KB-SECRET-RELATIVE: a file of the repository.\n", encoding="utf-8")
    (root.parent / "secret-outside.md").write_text("KB-SECRET-OUTSIDE: a file outside the repository.\n", encoding="utf-8")
    for path in sorted((root / "data").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(_FIELD_LINE.sub(lambda m: f"{m[1]}{m[2]}: {_q(m[3])}", text), encoding="utf-8")
    for name, old, new in ADDITIONS:
        path = root / "data" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with (root / "docs" / "index.md").open("a", encoding="utf-8") as page:
        page.write(INJECTED_SHORTCODES)
    if real_config:
        config = root / "mkdocs.yml"
        # This nav lists only some pages, so pages left out of it are not a warning here.
        text = config.read_text(encoding="utf-8").replace("omitted_files: warn", "omitted_files: info")
        text = text[: text.index("markdown_extensions:")] + real_markdown_extensions()
        config.write_text(text + nav_with_placeholders(), encoding="utf-8")
    return root


def real_markdown_extensions() -> str:
    """The real site's ``markdown_extensions:`` block, so every extension it enables reads the data."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^markdown_extensions:\n(?:(?:[ #].*)?\n)+", text, re.M)
    assert match, "mkdocs.yml has a markdown_extensions block"
    return match.group(0)


def build_injected_site(base: Path, real_config: bool = False) -> Path:
    """Write the injected project under ``base`` and build it strictly; return the site folder."""
    root = write_injected_project(base / "project", real_config)
    site = base / "site"
    run = strict_build(root, site)
    assert run.returncode == 0, f"the injected project must still build: {run}"
    return site


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
_NAV_CLASSES = ("md-nav", "md-tabs", "md-header", "md-footer", "md-sidebar", "md-search")


class MarkupAudit(HTMLParser):
    """Reads a page the way a browser tokenises it and notes markup from data that would be live.

    ``<title>`` and ``<textarea>`` hold text up to their end tag, as in a browser (Python's
    parser only knows that of ``<script>`` and ``<style>``).
    """

    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.live: list[tuple[str, str]] = []
        """(region, what) for every script, handler attribute or javascript: URL that runs."""
        self.content: list[str] = []
        """Text inside the page's <article>, as shown to readers."""

    def region(self) -> str:
        tags = [tag for tag, _ in self.stack]
        if "head" in tags:
            return "head"
        if "article" in tags:
            return "page content"
        if any(k in cls for _, cls in self.stack for k in _NAV_CLASSES):
            return "navigation"
        return "elsewhere"

    def _where(self) -> str:
        classed = [f"{tag}.{cls.split()[0]}" for tag, cls in self.stack if cls]
        return " > ".join(classed[-2:]) or "/".join(tag for tag, _ in self.stack[-3:])

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert" in value:
                self.live.append((self.region(), f'<{tag} {name}="{value}"> in {self._where()}'))
            squeezed = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
            if name in _URL_ATTRS and squeezed.startswith("javascript:"):
                self.live.append((self.region(), f'<{tag} {name}="{value}"> in {self._where()}'))

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        if tag not in _VOID:
            self.stack.append((tag, dict(attrs).get("class") or ""))

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        top = self.stack[-1][0] if self.stack else ""
        if top == "script" and "alert(" in data:
            self.live.append((self.region(), f"<script>{data.strip()[:60]}</script> in {self._where()}"))
        elif top not in ("script", "style", "title") and self.region() == "page content":
            self.content.append(data)

    def text(self) -> str:
        return " ".join("".join(self.content).split())


def audit(page: str) -> MarkupAudit:
    parser = MarkupAudit()
    parser.feed(page)
    parser.close()
    return parser


@dataclass
class InjectedSite:
    folder: Path
    pages: dict[str, MarkupAudit]


@pytest.fixture(scope="module", params=["plain-config", "real-site-config"])
def injected(request, tmp_path_factory) -> InjectedSite:
    site = build_injected_site(tmp_path_factory.mktemp(request.param), real_config=request.param == "real-site-config")
    pages = {p.relative_to(site).as_posix(): audit(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}
    return InjectedSite(site, pages)


def test_the_audit_sees_each_payload_when_it_is_live():
    """The detector itself: every payload is caught when written raw, and none when escaped."""
    raw = f"<html><head><title>T {PAYLOADS[5]}</title></head><body><article>"
    raw += f'{PAYLOADS[1]} {PAYLOADS[2]} <a href="javascript:alert(3)">x</a> <a title="{PAYLOADS[4]}">y</a>'
    raw += '<span title="Source: <a href="https://x/onmouseover=alert(6)//">x</a>">z</span>'
    raw += "</article></body></html>"
    found = [what for _, what in audit(raw).live]
    assert len(found) == 6, found  # svg onload, script, onerror, javascript: href, two onmouseover
    escaped = f"<html><head><title>T {html.escape(PAYLOAD)}</title></head><body><article><p>{html.escape(PAYLOAD)}</p>"
    escaped += f'<a href="https://example.org/" title="{html.escape(PAYLOAD)}">z</a></article></body></html>'
    assert audit(escaped).live == []
    assert PAYLOAD in audit(escaped).text()


@pytest.mark.parametrize("region", ["page content", "navigation", "head", "elsewhere"])
def test_markup_from_data_is_never_live(injected, region):
    offenders = [f"{page}: {what}" for page, found in injected.pages.items() for where, what in found.live if where == region]
    if offenders:
        pytest.fail(f"{len(offenders)} live element(s) from data in the {region}:\n" + "\n".join(offenders[:15]))


@pytest.mark.parametrize(("what", "page", "original"), SHOWN, ids=[s[0] for s in SHOWN])
def test_injected_text_stays_visible_as_text(injected, what, page, original):
    assert page in injected.pages, f"{page} was not built"
    expected = original if PAYLOAD in original else f"{original} {PAYLOAD}"
    assert expected in injected.pages[page].text(), f"the {what} is not shown as text on {page}"


def test_no_file_named_in_data_reaches_the_site(injected):
    """Include directives typed into data are never expanded: no page, feed, download, search index
    or sitemap holds the content of the files they name (on the build machine, in the repository,
    or outside it)."""
    secrets = {secret for _, secret in INCLUDES}
    leaks = [
        f"{path.relative_to(injected.folder)}: {secret}"
        for path in sorted(injected.folder.rglob("*"))
        if path.is_file()
        for secret in secrets
        if secret.encode() in path.read_bytes()
    ]
    assert leaks == [], "files named by data were published:\n" + "\n".join(leaks[:20])


@pytest.mark.parametrize(("directive", "secret"), INCLUDES, ids=["absolute", "relative", "outside", "snippet"])
def test_include_directives_in_data_are_shown_as_text_everywhere_data_is(injected, directive, secret):
    """The data reference shows the first record of each file in a code block; the feed and the
    downloads carry the same strings. Each shows the directive as the characters typed."""
    reference = injected.pages["reference/data/index.html"].text()
    assert directive in reference, "the data reference's example records show the directive as text"
    assert directive in injected.pages["timeline/index.html"].text()
    feed = ElementTree.fromstring((injected.folder / "feed.xml").read_bytes())
    assert directive in "".join(feed.itertext())
    dataset = json.loads((injected.folder / "data" / "muse-spark-kb.json").read_text(encoding="utf-8"))
    assert directive in dataset["claims"][0]["statement"]
    assert directive in (injected.folder / "data" / "sources.csv").read_text(encoding="utf-8").replace('""', '"')


@pytest.mark.parametrize(
    "tail",
    ["/<script>alert(1)</script>", ")<svg/onload=alert(1)>"],
    ids=["script-in-path", "paren-breakout"],
)
def test_markup_in_an_https_url_is_refused_or_inert(mini_buildable, tmp_path, tail):
    """An https URL carrying markup must either be refused by the checks (file:line: url)
    or end up as an inert link; it must never become an element on a page."""
    for name in ("sources.yaml", "benchmarks.yaml", "organisations.yaml"):
        path = mini_buildable.data_dir / name
        text = re.sub(r"(url: https://\S+)", lambda m: m[1] + tail, path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    edit(
        mini_buildable,
        "benchmarks.yaml",
        "  sources: [paper-bench]",
        f"  url: https://example.org/bench{tail}\n  sources: [paper-bench]",
    )
    edit(
        mini_buildable,
        "organisations.yaml",
        "  sources: [news-copy]",
        f"  url: https://example.org/rival{tail}\n  sources: [news-copy]",
    )
    found = problems_of(mini_buildable)
    if found:
        assert all(re.match(r"^data/\w+\.yaml:\d+: (via\.)?url: ", p) for p in found), found
        return
    run = strict_build(mini_buildable.root, tmp_path / "site")
    assert run.returncode == 0, run
    offenders = [
        f"{p.relative_to(tmp_path / 'site')}: {what}"
        for p in sorted((tmp_path / "site").rglob("*.html"))
        for _, what in audit(p.read_text(encoding="utf-8")).live
    ]
    if offenders:
        pytest.fail("URLs accepted by the checks become live markup:\n" + "\n".join(offenders))
