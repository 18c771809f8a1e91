"""The `kb` command: every subcommand, its help, and its error paths."""

import pytest
from click.testing import CliRunner
from musekb.cli import main
from musekb.load import load_dataset


@pytest.fixture
def run(monkeypatch):
    monkeypatch.setenv("KB_BUILD_DATE", "2026-06-01")
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.mark.parametrize(
    "command",
    ["check", "build", "export", "stats", "links", "schemas", "new", "new source", "new result", "new event", "new term"],
)
def test_every_command_has_help(run, command):
    result = run(*command.split(), "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
    assert len(result.output.splitlines()) > 3


def test_check_passes_on_good_data(run, mini):
    result = run("--root", mini.root, "check")
    assert result.exit_code == 0 and "data and pages OK" in result.output


def test_check_lists_every_problem_and_fails(run, mini):
    (mini.data_dir / "models.yaml").write_text(
        (mini.data_dir / "models.yaml").read_text().replace("family: Beta", "family: Beta\n  colour: red")
    )
    (mini.data_dir / "results.yaml").write_text((mini.data_dir / "results.yaml").read_text().replace("value: 42.5", "value: 420"))
    result = run("--root", mini.root, "check")
    assert result.exit_code == 1
    assert "data/models.yaml:13: colour: unknown field" in result.output
    assert "data/results.yaml:6: value: 420 is outside" in result.output
    assert "2 problems found." in result.output


def test_check_outside_a_project_explains(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 1 and "no project found" in result.output


def test_new_result_appends_a_checked_record(run, mini):
    result = run(
        "--root",
        mini.root,
        "new",
        "result",
        "--model",
        "beta",
        "--benchmark",
        "bench-x",
        "--mode",
        "high",
        "--setting",
        "with-tools",
        "--value",
        "44.5",
        "--provenance",
        "meta-claim",
        "--source",
        "maker-launch",
        "--no-input",
    )
    assert result.exit_code == 0, result.output
    data, problems = load_dataset(mini.data_dir, mini.root)
    assert problems == []
    added = data.results[-1]
    assert (added.model, added.setting, added.value, added.as_of.isoformat()) == ("beta", "with-tools", 44.5, "2026-06-01")


def test_new_event_goes_in_date_order(run, mini):
    result = run(
        "--root",
        mini.root,
        "new",
        "event",
        "--id",
        "mid-event",
        "--date",
        "2025-06",
        "--title",
        "Middle",
        "--topic",
        "design",
        "--page",
        "index.md",
        "--provenance",
        "fact",
        "--source",
        "paper-bench",
        "--no-input",
    )
    assert result.exit_code == 0, result.output
    data, _ = load_dataset(mini.data_dir, mini.root)
    assert [e.id for e in data.events] == ["bench-x-published", "mid-event", "alpha-launch"]


def test_new_source_reminds_to_cite_it(run, mini):
    result = run(
        "--root",
        mini.root,
        "new",
        "source",
        "--id",
        "blog-x",
        "--title",
        "A post",
        "--publisher",
        "Blog",
        "--url",
        "https://example.org/blog/x",
        "--published",
        "2026-05",
        "--kind",
        "blog",
        "--tier",
        "weak",
        "--read",
        "copy",
        "--via-url",
        "https://example.org/copy",
        "--via-note",
        "a copy",
        "--no-input",
    )
    assert result.exit_code == 0, result.output
    assert "cite it from a record" in result.output
    data, _ = load_dataset(mini.data_dir, mini.root)
    assert data.sources[-1].via.note == "a copy"


def test_new_term_prompts_for_what_is_missing(run, mini):
    result = run(
        "--root",
        mini.root,
        "new",
        "term",
        "--id",
        "elo",
        "--term",
        "Elo rating",
        input="A rating from pairwise votes.\npaper-bench\n",
    )
    assert result.exit_code == 0, result.output
    data, _ = load_dataset(mini.data_dir, mini.root)
    assert data.glossary[-1].definition == "A rating from pairwise votes." and data.glossary[-1].sources == ["paper-bench"]


def test_new_refuses_a_bad_record_and_writes_nothing(run, mini):
    before = (mini.data_dir / "results.yaml").read_text()
    result = run(
        "--root",
        mini.root,
        "new",
        "result",
        "--model",
        "betta",
        "--benchmark",
        "bench-x",
        "--value",
        "101",
        "--provenance",
        "meta-claim",
        "--source",
        "maker-launch",
        "--no-input",
    )
    assert result.exit_code == 1
    assert "unknown model 'betta' (did you mean 'beta'?)" in result.output
    assert "101 is outside the percent scale" in result.output
    assert (mini.data_dir / "results.yaml").read_text() == before


def test_new_without_input_names_the_missing_flags(run, mini):
    result = CliRunner().invoke(main, ["--root", str(mini.root), "new", "result", "--model", "beta", "--no-input"])
    assert result.exit_code == 2
    assert "missing required fields: --benchmark, --value, --provenance, --source" in result.output


def test_new_dry_run_writes_nothing(run, mini):
    before = (mini.data_dir / "glossary.yaml").read_text()
    result = run(
        "--root",
        mini.root,
        "new",
        "term",
        "--id",
        "x-term",
        "--term",
        "X",
        "--definition",
        "An x.",
        "--source",
        "paper-bench",
        "--dry-run",
        "--no-input",
    )
    assert result.exit_code == 0 and "dry run" in result.output
    assert (mini.data_dir / "glossary.yaml").read_text() == before


def test_stats_counts_records_and_provenance(run, mini):
    result = run("--root", mini.root, "stats")
    assert result.exit_code == 0
    import re

    assert re.search(r"^  results +5$", result.output, re.M)
    assert re.search(r"^  meta-claim +5$", result.output, re.M)  # 3 results + 2 claims


def test_export_writes_expanded_pages(run, mini):
    result = run("--root", mini.root, "export", "--out", "out")
    assert result.exit_code == 0, result.output
    home = (mini.root / "out" / "docs" / "index.md").read_text()
    assert "<!-- kb:result" not in home and "<!-- kb:name muse-spark" not in home and "42.5%" in home
    assert (mini.root / "out" / "docs" / "benchmarks" / "bench-x.md").exists()
    assert (mini.root / "out" / "docs" / "data" / "results.csv").exists()
    assert (mini.root / "out" / "mkdocs.yml").read_text().count("site_name: Mini") == 1


def test_export_fails_cleanly_on_bad_data(run, mini):
    (mini.docs_dir / "index.md").write_text("# Home\n\n<!-- kb:name nobody -->\n")
    result = run("--root", mini.root, "export", "--out", "out")
    assert result.exit_code == 1 and "docs/index.md:3: kb:name: unknown" in result.output
    assert not (mini.root / "out").exists()


def test_schemas_check_detects_stale_schemas(run, mini):
    assert run("--root", mini.root, "schemas").exit_code == 0
    assert run("--root", mini.root, "schemas", "--check").exit_code == 0
    (mini.data_dir / "schemas" / "results.schema.json").write_text("{}")
    result = run("--root", mini.root, "schemas", "--check")
    assert result.exit_code == 1 and "results" in result.output


def test_links_needs_a_built_site(run, mini):
    result = run("--root", mini.root, "links")
    assert result.exit_code == 1 and "make build" in result.output


def test_links_reports_broken_internal_links(run, mini):
    site = mini.root / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">ok</a> <a href="missing/">bad</a> <a href="a/#nope">anchor</a>')
    (site / "a" / "index.html").write_text('<h1 id="top">A</h1>')
    result = run("--root", mini.root, "links")
    assert result.exit_code == 1
    assert "index.html: link 'missing/' -> missing file missing/index.html" in result.output
    assert "no id 'nope' in a/index.html" in result.output


def test_build_keeps_the_old_site_when_it_fails(run, mini_buildable):
    assert run("--root", mini_buildable.root, "build").exit_code == 0
    (mini_buildable.data_dir / "models.yaml").write_text("# yaml-language-server: x\n- id: [\n")
    result = run("--root", mini_buildable.root, "build")
    assert result.exit_code == 1 and "left as it was" in result.output
    assert (mini_buildable.root / "site" / "index.html").exists()
