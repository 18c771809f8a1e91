"""Cross-record checks: each rule reports every violation, with file and line."""

import datetime as dt

from helpers import append, edit, problems_of


def only(problems, fragment):
    hits = [p for p in problems if fragment in p]
    assert hits, f"no problem mentions {fragment!r}: {problems}"
    return hits


def test_mini_project_passes_every_check(mini):
    assert problems_of(mini) == []


def test_ids_are_unique_across_kinds(mini):
    edit(mini, "glossary.yaml", "id: bench-x-term", "id: bench-x")
    (hit,) = only(problems_of(mini), "id 'bench-x' is already used")
    assert hit.startswith("data/glossary.yaml:2: id:") and "data/benchmarks.yaml:2" in hit


def test_dangling_references_suggest_the_closest_id(mini):
    edit(mini, "results.yaml", "benchmark: bench-x", "benchmark: bench-xx")
    (hit,) = only(problems_of(mini), "unknown benchmark 'bench-xx'")
    assert hit == "data/results.yaml:3: benchmark: unknown benchmark 'bench-xx' (did you mean 'bench-x'?)"


def test_dangling_source_in_a_nested_role(mini):
    edit(mini, "people.yaml", "      sources: [maker-launch]", "      sources: [nobody]")
    only(problems_of(mini), "data/people.yaml:10: roles[0].sources[0]: unknown source 'nobody'")


def test_every_fact_needs_a_source(mini):
    edit(mini, "events.yaml", "  sources: [paper-bench]", "  sources: []")
    only(problems_of(mini), "data/events.yaml:11: sources: List should have at least 1 item")


def test_orphan_sources_are_reported(mini):
    append(
        mini,
        "sources.yaml",
        "- id: unused\n  title: t\n  publisher: p\n  url: https://example.org/u\n  read: direct\n"
        "  published: 2026\n  accessed: 2026-05-01\n  kind: blog\n  tier: weak\n",
    )
    only(problems_of(mini), "source 'unused' is not cited by any record")


def test_same_url_under_two_ids(mini):
    edit(mini, "sources.yaml", "https://example.org/news/alpha", "https://example.org/maker/alpha/")
    only(problems_of(mini), "the same page is already source 'maker-launch'")


def test_results_stay_within_their_scale(mini):
    edit(mini, "results.yaml", "value: 42.5", "value: 142.5")
    only(problems_of(mini), "data/results.yaml:6: value: 142.5 is outside the percent scale of bench-x (0 to 100)")


def test_undeclared_duplicate_results_are_refused(mini):
    append(
        mini,
        "results.yaml",
        "- model: muse-spark\n  benchmark: index-y\n  value: 53\n  provenance: independent\n"
        "  confidence: B\n  as_of: 2026-05-01\n  sources: [index-site]\n",
    )
    only(problems_of(mini), "another result for this model, benchmark, mode and setting exists (data/results.yaml:32)")


def test_a_conflict_needs_one_preferred_row_and_distinct_values_and_sources(mini):
    edit(mini, "results.yaml", "  preferred: true\n", "")
    edit(mini, "results.yaml", "value: 39.0", "value: 40.1")
    edit(mini, "results.yaml", "sources: [news-copy]\n  conflict", "sources: [maker-launch]\n  conflict")
    found = problems_of(mini)
    only(found, "conflict 'beta-bench-x' has 0 rows marked preferred")
    only(found, "rows of a conflict must give different values")
    only(found, "each value in a conflict needs its own source")


def test_declared_conflict_without_members(mini):
    append(
        mini,
        "conflicts.yaml",
        "- id: empty-conflict\n  title: t\n  topic: design\n  summary: s\n  resolution: r\n  sources: [maker-launch]\n",
    )
    only(problems_of(mini), "conflict 'empty-conflict' is referenced by 0 fact(s)")


def test_independent_results_cannot_rest_on_meta_alone(mini):
    edit(mini, "results.yaml", "  sources: [index-site]", "  sources: [news-copy]")
    only(problems_of(mini), "marked independent but every source is Meta's or relays Meta")


def test_meta_claims_must_cite_meta_or_a_report_of_it(mini):
    edit(mini, "results.yaml", "  sources: [maker-launch]\n- model: beta", "  sources: [paper-bench]\n- model: beta")
    only(problems_of(mini), "marked meta-claim but no source is Meta's or relays Meta")


def test_nothing_is_dated_after_the_build(mini):
    edit(mini, "events.yaml", "  as_of: 2026-05-01\n  sources: [maker-launch]", "  as_of: 2026-07-01\n  sources: [maker-launch]")
    only(problems_of(mini, today=dt.date(2026, 6, 1)), "data/events.yaml:20: as_of: 2026-07-01 is after today (2026-06-01)")


def test_facts_cannot_be_checked_before_their_sources_existed(mini):
    edit(mini, "results.yaml", "as_of: 2026-05-01", "as_of: 2026-04-01")
    only(problems_of(mini), "checked 2026-04-01, before source 'maker-launch' was published (2026-04-08)")


def test_timeline_stays_in_date_order(mini):
    edit(mini, "events.yaml", "date: 2026-04-08", "date: 2024-12-31")
    only(
        problems_of(mini), "2024-12-31 comes before the previous event (2025-01) (move 'alpha-launch' above 'bench-x-published')"
    )


def test_page_fields_point_at_existing_pages(mini):
    edit(mini, "events.yaml", "page: index.md#launch", "page: nowhere.md#launch")
    only(problems_of(mini), "data/events.yaml:16: page: no page 'nowhere.md' in docs/")


def test_mode_must_belong_to_the_model(mini):
    edit(mini, "results.yaml", "mode: thinking", "mode: instant")
    only(problems_of(mini), "'instant' is not a mode of muse-spark (thinking, contemplating)")


def test_opinions_stay_on_the_perspectives_page(mini):
    edit(mini, "claims.yaml", "topic: perspectives", "topic: design")
    found = problems_of(mini)
    only(found, "an opinion must have topic: perspectives")


def test_a_typo_in_a_source_does_not_cascade(mini):
    edit(mini, "sources.yaml", "kind: paper", "kind: papper")
    found = problems_of(mini)
    assert len(found) == 1, found


def test_results_cannot_predate_the_model(mini):
    append(
        mini,
        "claims.yaml",
        "- id: beta-released\n  topic: family\n  statement: Beta came out in May.\n"
        "  about: [beta]\n  attribute: released\n  value: '2026-05-15'\n  provenance: fact\n"
        "  as_of: 2026-05-20\n  sources: [news-copy]\n",
    )
    only(problems_of(mini), "checked 2026-05-01, before beta was released (2026-05-15)")


def test_a_percentage_typed_as_a_fraction_is_caught(mini):
    edit(mini, "results.yaml", "value: 42.5", "value: 0.425")
    (hit,) = only(problems_of(mini), "looks like a fraction")
    assert hit == (
        "data/results.yaml:6: value: 0.425 looks like a fraction: bench-x is scored in percent (0–100), and its other "
        "scores are 39 to 40.1 (write the percentage: 42.5 for 42.5 %)"
    )


def test_a_small_score_among_small_scores_is_not_a_fraction(mini):
    """A hard benchmark where every model scores near zero: 0.4 next to 1.2 is a real score."""
    edit(mini, "results.yaml", "value: 42.5", "value: 0.4")
    edit(mini, "results.yaml", "value: 40.1", "value: 1.2")
    edit(mini, "results.yaml", "value: 39.0", "value: 1.5")
    assert problems_of(mini) == []


def test_a_fraction_on_a_scale_that_is_not_percent_is_fine(mini):
    edit(mini, "results.yaml", "value: 52", "value: 0.52")  # index-y is an index, not a percentage
    assert not [p for p in problems_of(mini) if "fraction" in p]


def test_a_result_cannot_rest_only_on_sources_older_than_the_model(mini):
    append(
        mini,
        "claims.yaml",
        "- id: alpha-released\n  topic: family\n  statement: Alpha came out in April.\n"
        "  about: [muse-spark]\n  attribute: released\n  value: '2026-04-08'\n  provenance: fact\n  confidence: A\n"
        "  as_of: 2026-05-01\n  sources: [maker-launch]\n",
    )
    assert problems_of(mini) == []  # the launch page appeared the day the model did
    edit(mini, "results.yaml", "  sources: [index-site]", "  sources: [paper-bench]")
    hits = only(problems_of(mini), "every source was published before muse-spark was released")
    assert hits[0] == (
        "data/results.yaml:38: sources: every source was published before muse-spark was released (2026-04-08); "
        "the latest, 'paper-bench', on 2025-01 (cite the publication that reports this score, or fix the model's "
        "released claim or the source's date)"
    )
