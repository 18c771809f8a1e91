"""Hostile and broken input: refused with ``file:line: field``, never with a traceback, and
markup typed into data is shown as text, never run.

The corpus in ``tests/hostile/`` holds 31 cases, listed in ``tests/hostile/manifest.yaml``:
30 small files, each replacing one data file of the ``mini`` fixture project, and one very
large file generated at test time. For every case ``kb check`` and the build must fail, name
the file, the line and the field, and print no traceback. The cases run in this process
(``kb check`` through its command-line entry point, the build through the loading and rendering
its hook runs); those marked ``isolate`` (input that could exhaust memory or time) first run
``kb check`` in a separate process with limits. A copy with nothing replaced passes ``kb check``
and a strict MkDocs build, so each failure comes from the broken file; tests/test_build.py
shows the MkDocs build printing such problems.

Markup typed into data is never run: see tests/test_injected_markup.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES, MINI_TODAY, ROOT, shared_temp
from helpers import edit, problems_of
from injection import INCLUDE_TARGET, mini_copy
from markup_audit import audit
from musekb.cli import main as kb_cli
from musekb.problems import ProblemsFound
from musekb.project import Project
from musekb.render_site import render_site
from musekb.validate import load_checked
from once import built_once

CORPUS = Path(__file__).resolve().parent / "hostile"
MINI = FIXTURES / "mini"
BUILD_DATE = MINI_TODAY.isoformat()  # the mini data is dated up to 2026-05-01
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_BUILD_DATE": BUILD_DATE}
#: Each isolated run gets this much address space and time, so that an input which makes the
#: loader explode (the "billion laughs" case) fails the test instead of exhausting the machine.
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
    isolate: bool = False

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
        isolate = entry.pop("isolate", "false") == "true"
        cases.append(Case(name=name, isolate=isolate, **entry))
    return cases


CASES = _load_cases()


def _count_in_docstring() -> int:
    match = re.search(r"holds (\d+) cases", __doc__)
    assert match, "the module docstring must name the number of corpus cases"
    return int(match.group(1))


@dataclass
class Run:
    """What a command printed and how it ended."""

    command: str
    returncode: int | None
    output: str  # stdout and stderr together
    reported: int | None = None
    """How many problems a build reported (MkDocs prints the count after listing them)."""

    def lines(self) -> list[str]:
        return self.output.splitlines()

    def __str__(self) -> str:
        tail = "\n".join(self.lines()[-15:])
        return f"`{self.command}` exited {self.returncode}; it printed (last lines):\n{tail}"


# --- in this process --------------------------------------------------------------------------


def check_here(root: Path) -> Run:
    """``kb check`` through its command-line entry point, in this process."""
    result = CliRunner().invoke(kb_cli, ["--root", str(root), "check"], env={"KB_BUILD_DATE": BUILD_DATE})
    return Run("kb check", result.exit_code, result.output)


def build_here(root: Path) -> Run:
    """What the build's hook does first: load, check and render; it prints every problem it gets."""
    try:
        render_site(Project(root), MINI_TODAY)
    except ProblemsFound as err:
        return Run("render (the build's hook)", 1, "\n".join(str(p) for p in err.problems), len(err.problems))
    except Exception as err:
        return Run("render (the build's hook)", 1, f"Traceback: {err!r}")
    return Run("render (the build's hook)", 0, "")


# --- in a separate process with limits --------------------------------------------------------

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


def run_tool(args: list[str], cwd: Path, label: str) -> Run:
    launcher = _LAUNCH.format(limit=MEMORY_LIMIT)
    try:
        done = subprocess.run([sys.executable, "-c", launcher, *args], cwd=cwd, env=ENV, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as err:
        out = (err.stdout or b"") + (err.stderr or b"")
        return Run(label, None, out.decode("utf-8", "replace") + f"\n[killed after {TIMEOUT} s]")
    return Run(label, done.returncode, (done.stdout + done.stderr).decode("utf-8", "replace"))


def kb_check(root: Path) -> Run:
    return run_tool([str(ROOT / "scripts" / "kb"), "--root", str(root), "check"], root, "kb check")


def strict_build(root: Path, site_dir: Path) -> Run:
    run = run_tool(["mkdocs", "build", "--strict", "--site-dir", str(site_dir)], root, "mkdocs build --strict")
    count = re.search(r"(\d+) problem\(s\) in data/ or docs/", run.output)
    run.reported = int(count.group(1)) if count else None
    return run


@dataclass
class Outcome:
    check: Run
    build: Run


def attempt_every_case(base: Path) -> dict[str, Outcome]:
    """``kb check`` and the build of a mini copy per case, and of an untouched copy (built by MkDocs)."""

    def attempt(case: Case | None) -> Outcome:
        name = case.name if case else "untouched"
        root = mini_copy(base / name)
        if case:
            (root / case.replaces).write_bytes(case.content())
        if case is None:
            return Outcome(kb_check(root), strict_build(root, base / f"{name}-site"))
        if not case.isolate:
            return Outcome(check_here(root), build_here(root))
        # Loaded in a separate, limited process first; only input that it refused cleanly is
        # then rendered here (the same loader, now known to stop it).
        check = kb_check(root)
        clean = check.returncode == 1 and "Traceback" not in check.output
        return Outcome(check, build_here(root) if clean else Run("render (not tried)", None, check.output))

    separate = [None, *(c for c in CASES if c.isolate)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(zip(["untouched", *(c.name for c in separate[1:])], pool.map(attempt, separate), strict=True))
    runs.update({c.name: attempt(c) for c in CASES if not c.isolate})
    return runs


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    """Every case's outcome, worked out once per test run whichever worker asks first."""

    def work_out(base: Path) -> None:
        found = attempt_every_case(base)
        (base / "outcomes.json").write_text(json.dumps({name: asdict(o) for name, o in found.items()}), encoding="utf-8")

    saved = json.loads((built_once(shared_temp(tmp_path_factory), "hostile", work_out) / "outcomes.json").read_text("utf-8"))
    return {name: Outcome(Run(**o["check"]), Run(**o["build"])) for name, o in saved.items()}


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


def test_untouched_copy_passes_check_and_build(outcomes, tmp_path):
    """The baseline: without a corpus file the copy is valid, so every failure below is the corpus file's."""
    untouched = outcomes["untouched"]
    assert untouched.check.returncode == 0 and "data and pages OK" in untouched.check.output, untouched.check
    assert untouched.build.returncode == 0, untouched.build
    here = mini_copy(tmp_path / "untouched")
    assert check_here(here).returncode == 0 and build_here(here).returncode == 0


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
def test_the_build_fails_with_the_same_message(case, outcomes):
    run = outcomes[case.name].build
    assert_refused(run, case, line_starts=False)
    if case.problems is not None and run.reported != case.problems:
        pytest.fail(f"expected exactly {case.problems} problem(s), without follow-on errors, got {run.reported}: {run}")


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
