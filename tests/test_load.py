"""Loading turns each YAML mistake into a file:line: field: message (fix) problem."""

import pytest
from helpers import append, edit, problems_of
from musekb.load import load_dataset


def test_the_mini_project_loads_cleanly(mini):
    data, problems = load_dataset(mini.data_dir, mini.root)
    assert problems == []
    assert [m.id for m in data.models] == ["muse-spark", "beta"]
    assert len(data.results) == 5


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "models.yaml",
            "  rival: true\n",
            "  rival: true\n  rivall: true\n",
            "data/models.yaml:15: rivall: unknown field (remove it, or check its spelling against the data reference)",
        ),
        (
            "results.yaml",
            "value: 42.5",
            "value: '42.5'",
            "data/results.yaml:6: value: expected a number, got '42.5' (write digits without quotes, units or % (e.g. 86.4 or 1.0e+25))",
        ),
        (
            "results.yaml",
            "  preferred: true\n",
            "  preferred: yes\n",
            "data/results.yaml:21: preferred: 'yes' is text here, not a boolean (YAML 1.2 rules) (write true or false)",
        ),
        (
            "sources.yaml",
            "published: 2026-04-08",
            "published: 2026-02-30",
            "data/sources.yaml:6: published: '2026-02-30' is not a real calendar date (write YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no day)",
        ),
        (
            "sources.yaml",
            "accessed: 2026-05-01\n  kind: meta",
            "accessed: 20260501\n  kind: meta",
            "data/sources.yaml:7: accessed: expected a full date written YYYY-MM-DD, got 20260501 (write the date as YYYY-MM-DD, e.g. 2026-04-08)",
        ),
        (
            "sources.yaml",
            "url: https://example.org/maker/alpha",
            "url: javascript:alert(1)",
            "data/sources.yaml:5: url: 'javascript:alert(1)' is not an https URL (links must start with https://)",
        ),
        (
            "claims.yaml",
            "topic: family",
            "topic: famly",
            "data/claims.yaml:3: topic: 'famly' is not allowed; expected 'design', 'family', 'benchmarks', 'safety', 'strategy', 'organisation', 'market' or 'perspectives' (use one of the allowed values)",
        ),
        ("glossary.yaml", "  term: Bench X\n", "", "data/glossary.yaml:2: term: required field is missing (add this field)"),
        (
            "organisations.yaml",
            "name: Rival Co",
            "name: 2.0",
            "data/organisations.yaml:8: name: expected text, got float 2.0 (put the value in quotes so YAML reads it as text)",
        ),
    ],
)
def test_each_mistake_names_file_line_and_field(mini, file, old, new, expected):
    edit(mini, file, old, new)
    assert expected in problems_of(mini)


def test_one_bad_record_does_not_hide_another(mini):
    edit(mini, "models.yaml", "family: Muse", "family: Muse\n  colour: red")
    edit(mini, "models.yaml", "family: Beta", "family: Beta\n  size: big")
    found = problems_of(mini)
    assert any("colour: unknown field" in p for p in found)
    assert any("size: unknown field" in p for p in found)


def test_missing_schema_line_is_reported(mini):
    path = mini.data_dir / "people.yaml"
    path.write_text(path.read_text().split("\n", 1)[1])
    assert any("people.yaml:1: file: the first line is not the schema comment" in p for p in problems_of(mini))


def test_a_mapping_instead_of_a_list_is_reported(mini):
    (mini.data_dir / "glossary.yaml").write_text("# yaml-language-server: x\nid: a\n")
    assert any("glossary.yaml:2: file: the file must be a list of records" in p for p in problems_of(mini))


def test_yaml11_number_trap_in_a_title_is_caught(mini):
    append(mini, "glossary.yaml", "- id: t2\n  term: 1e25\n  definition: x\n  sources: [paper-bench]\n")
    assert any("term: expected text, got float 1e+25" in p for p in problems_of(mini))


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_cycle_collector_as_it_found_it(mini, enabled):
    """Loading pauses the collector (it made loading grow faster than the data); it must not leave
    it off for the rest of the build, nor turn it on for a caller that had it off."""
    import gc

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        edit(mini, "results.yaml", "value: 42.5", "value: 'lots'")  # a failing load restores it too
        load_dataset(mini.data_dir)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
