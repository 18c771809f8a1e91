"""`kb check` checks docs/ as the build does, and both report each problem where it is written.

Every mistake here once passed `kb check` and failed only the build (a broken link, a missing
include, a wrong anchor in an event's `page:`), or failed the build with a traceback, a message
blamed on a generated page, or nothing at all under `mkdocs build -q`. Each test makes one
mistake in a copy of the mini project and reads what `kb check` and a quiet strict build print.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT
from helpers import edit
from musekb.cli import main

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_BUILD_DATE": "2026-06-01"}


def kb_check(project) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--root", str(project.root), "check"], env={"KB_BUILD_DATE": "2026-06-01"})
    return result.exit_code, result.output


def quiet_build(project, tmp_path) -> subprocess.CompletedProcess:
    """`mkdocs build -q` with the project's own (strict) configuration."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(tmp_path / "site")],
        cwd=project.root,
        env=ENV,
        capture_output=True,
        text=True,
    )


def assert_both_report(project, tmp_path, expected: str) -> None:
    """`kb check` prints the problem line; the quiet build prints the same line at error level."""
    code, output = kb_check(project)
    assert code == 1, output
    assert expected in output.splitlines(), output
    run = quiet_build(project, tmp_path)
    assert run.returncode != 0
    printed = run.stdout + run.stderr
    assert "Traceback" not in printed, printed
    assert f"ERROR   -  {expected}" in printed.splitlines(), printed


def test_a_typed_figure_fails_kb_check_and_the_quiet_build(mini_buildable, tmp_path):
    edit(mini_buildable, "docs/benchmarks/methodology.md", "How scores are compared.", "How 12 scores are compared.")
    assert_both_report(
        mini_buildable,
        tmp_path,
        "docs/benchmarks/methodology.md:3: text: '12' is typed by hand (take figures, dates and names with digits "
        "from data through a shortcode (kb:value, kb:result, kb:event, kb:name))",
    )


def test_a_shortcode_naming_a_missing_record_fails_kb_check(mini_buildable, tmp_path):
    edit(mini_buildable, "docs/index.md", "<!-- kb:name bench-x -->", "<!-- kb:name bench-q -->")
    assert_both_report(
        mini_buildable,
        tmp_path,
        "docs/index.md:7: kb:name: unknown model, benchmark, person, organisation or term id 'bench-q' (did you mean 'bench-x'?)",
    )


def test_a_broken_link_is_reported_at_its_line_with_a_suggestion(mini_buildable, tmp_path):
    edit(
        mini_buildable, "docs/benchmarks/methodology.md", "How scores", "How [scores](../timelin.md) and [terms](../glossary.md)"
    )
    assert_both_report(
        mini_buildable,
        tmp_path,
        "docs/benchmarks/methodology.md:3: link: no page or file 'timelin.md' for link '../timelin.md' (did you mean '../timeline.md'?)",
    )


def test_a_missing_anchor_is_reported_with_the_nearest_one(mini_buildable, tmp_path):
    edit(mini_buildable, "docs/benchmarks/methodology.md", "How scores", "How [scores](../index.md#lunch)")
    assert_both_report(
        mini_buildable,
        tmp_path,
        "docs/benchmarks/methodology.md:3: link: no anchor '#lunch' on index.md (did you mean '#launch'?)",
    )


def test_links_to_generated_pages_and_their_anchors_are_checked(mini_buildable, tmp_path):
    edit(mini_buildable, "docs/benchmarks/methodology.md", "How scores", "How [launch](../timeline.md#alpha-lunch)")
    assert_both_report(
        mini_buildable,
        tmp_path,
        "docs/benchmarks/methodology.md:3: link: no anchor '#alpha-lunch' on timeline.md (did you mean '#alpha-launch'?)",
    )


def test_a_wrong_anchor_in_an_event_is_reported_in_events_yaml(mini_buildable, tmp_path):
    """It used to be blamed on the generated timeline.md, which is not a file anyone can edit."""
    edit(mini_buildable, "events.yaml", "page: index.md#launch", "page: index.md#launches")
    assert_both_report(
        mini_buildable,
        tmp_path,
        "data/events.yaml:16: page: no anchor '#launches' on index.md (did you mean '#launch'?)",
    )


def test_a_missing_include_is_a_problem_not_a_traceback(mini_buildable, tmp_path):
    (mini_buildable.root / "GUIDE.md").write_text("# Guide\n\nRead this.\n")
    (mini_buildable.docs_dir / "guide.md").write_text("---\ndescription: x\n---\n\n{!GUDE.md!}\n")
    assert_both_report(
        mini_buildable, tmp_path, "docs/guide.md:5: include: no file 'GUDE.md' to include (did you mean 'GUIDE.md'?)"
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/etc/hostname", "'/etc/hostname' is an absolute path (write the path relative to the repository root)"),
        ("../outside.md", "'../outside.md' is outside the repository (include only files of the repository)"),
    ],
    ids=["absolute", "outside"],
)
def test_an_include_may_only_name_a_file_of_the_repository(mini_buildable, tmp_path, path, message):
    (mini_buildable.root.parent / "outside.md").write_text("secret outside the repository\n")
    (mini_buildable.docs_dir / "guide.md").write_text(f"# Guide\n\n{{!{path}!}}\n")
    assert_both_report(mini_buildable, tmp_path, f"docs/guide.md:3: include: {message}")


def test_mistakes_in_an_included_file_are_reported_in_that_file(mini_buildable, tmp_path):
    (mini_buildable.root / "GUIDE.md").write_text(
        "# Guide\n\nSee `<!-- kb:name x -->` and [x](missing.md).\n\nIt scores <!-- kb:result a b -->.\n"
    )
    (mini_buildable.docs_dir / "guide.md").write_text("{!GUIDE.md!}\n")
    code, output = kb_check(mini_buildable)
    assert code == 1
    assert (
        "GUIDE.md:3: link: no page or file 'missing.md' for link 'missing.md' (check the path, relative to this page)" in output
    )
    # the include extension inserts the file after shortcodes run, so one outside code is an error
    assert "GUIDE.md:5: include: shortcodes are not expanded in an included file" in output
    assert "GUIDE.md:3: include" not in output, "a shortcode shown in code is fine"


def test_an_included_file_is_part_of_the_page(mini_buildable, tmp_path):
    (mini_buildable.root / "GUIDE.md").write_text("# Guide\n\nThe guide's own words, inserted by the include extension.\n")
    (mini_buildable.docs_dir / "guide.md").write_text("---\ndescription: The guide.\n---\n\n{!GUIDE.md!}\n")
    run = quiet_build(mini_buildable, tmp_path)
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "site" / "guide" / "index.html").read_text()
    assert "inserted by the include extension" in page


def test_a_directive_in_code_is_refused(mini_buildable, tmp_path):
    # markdown-include expands a directive even inside a code block, so it is reported, not shown
    (mini_buildable.root / "GUIDE.md").write_text("# Guide\n\n```\n{!GUIDE.md!}\n```\n")
    (mini_buildable.docs_dir / "guide.md").write_text("{!GUIDE.md!}\n")
    code, output = kb_check(mini_buildable)
    assert code == 1 and "GUIDE.md:4: include: an include directive in code would be expanded" in output


def test_every_mistake_is_reported_at_once(mini_buildable, tmp_path):
    edit(mini_buildable, "events.yaml", "page: index.md#launch", "page: index.md#launches")
    edit(mini_buildable, "docs/benchmarks/methodology.md", "How scores", "How [x](nowhere.md) 12")
    (mini_buildable.docs_dir / "guide.md").write_text("{!NOPE.md!}\n")
    code, output = kb_check(mini_buildable)
    assert code == 1 and "4 problems found." in output, output


def test_the_quiet_build_shows_every_problem_of_the_data_too(mini_buildable, tmp_path):
    """Problems used to be logged as warnings, which `-q` hides: only the count was printed."""
    edit(mini_buildable, "models.yaml", "family: Beta", "family: Beta\n  colour: red")
    edit(mini_buildable, "results.yaml", "benchmark: index-y", "benchmark: index-z")
    run = quiet_build(mini_buildable, tmp_path)
    lines = (run.stdout + run.stderr).splitlines()
    assert run.returncode != 0
    assert any(line.startswith("ERROR   -  data/models.yaml:13: colour: unknown field") for line in lines)
    assert any(line.startswith("ERROR   -  data/results.yaml:33: benchmark: unknown benchmark 'index-z'") for line in lines)


def test_the_quiet_strict_build_still_fails_on_what_only_mkdocs_finds(mini_buildable, tmp_path):
    """With `-q` MkDocs used to drop its own warnings before strict mode counted them, so the
    build passed in silence. A warning only MkDocs gives (docs/README.md clashing with
    docs/index.md) now stops the quiet build and is printed as an error."""
    (mini_buildable.docs_dir / "README.md").write_text("# Readme\n\nAbout this folder.\n")
    run = quiet_build(mini_buildable, tmp_path)
    printed = run.stdout + run.stderr
    assert run.returncode != 0, printed
    assert any(line.startswith("ERROR   -  Excluding 'README.md' from the site") for line in printed.splitlines()), printed


def test_nav_entries_and_placeholders_are_checked_with_their_line(mini_buildable, tmp_path):
    config = mini_buildable.root / "mkdocs.yml"
    config.write_text(config.read_text() + "nav:\n  - index.md\n  - Benchmarks: kb:benchmark\n  - benchmarks/methodologie.md\n")
    code, output = kb_check(mini_buildable)
    assert code == 1
    lines = config.read_text().splitlines()
    line_of = {text.strip(): n for n, text in enumerate(lines, start=1)}
    placeholder = line_of["- Benchmarks: kb:benchmark"]
    page = line_of["- benchmarks/methodologie.md"]
    assert re.search(
        rf"^mkdocs\.yml:{placeholder}: nav: unknown placeholder 'kb:benchmark' \(use one of: kb:benchmarks", output, re.M
    )
    assert f"mkdocs.yml:{page}: nav: no page 'benchmarks/methodologie.md' (did you mean 'benchmarks/methodology.md'?)" in output


def test_a_page_left_out_of_the_navigation_is_reported_where_the_config_makes_it_an_error(mini_buildable, tmp_path):
    config = mini_buildable.root / "mkdocs.yml"
    nav = "nav:\n  - index.md\n  - Benchmarks: kb:benchmarks\n  - Models: kb:muse-models\n"
    config.write_text(config.read_text() + nav)
    code, output = kb_check(mini_buildable)
    assert code == 1
    assert (
        "docs/benchmarks/methodology.md:1: nav: benchmarks/methodology.md is not in the navigation (list it under nav: in mkdocs.yml)"
        in output
    )
    run = quiet_build(mini_buildable, tmp_path)
    assert run.returncode != 0 and "benchmarks/methodology.md is not in the navigation" in run.stdout + run.stderr


def test_the_real_site_passes_kb_check():
    result = CliRunner().invoke(main, ["--root", str(ROOT), "check"])
    assert result.exit_code == 0, result.output
    assert "data and pages OK" in result.output
