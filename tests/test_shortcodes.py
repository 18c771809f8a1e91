"""Shortcodes pull figures from data; mistakes name the page and line."""

from conftest import MINI_TODAY
from musekb.context import Context
from musekb.page import PageWriter
from musekb.shortcodes import expand
from musekb.validate import load_checked


def writer(project, uri="index.md"):
    data = load_checked(project, MINI_TODAY)
    return PageWriter(Context.of(data, MINI_TODAY), uri)


def test_name_links_to_the_generated_page(mini):
    out, problems = expand("See <!-- kb:name bench-x -->.", writer(mini, "guide/page.md"), "docs/guide/page.md")
    assert problems == []
    assert out == "See [Bench X](../benchmarks/bench-x.md)."


def test_result_shows_value_badge_and_citation(mini):
    w = writer(mini)
    out, problems = expand("<!-- kb:result muse-spark bench-x -->", w, "docs/index.md")
    assert problems == []
    assert out.startswith(
        '42.5% <span class="kb-badge kb-badge--meta-claim" title="Meta&#x27;s own claim, not independently verified.'
    )
    assert "Source: Maker Inc, 8 April 2026. Checked 1 May 2026." in out
    assert out.endswith(
        '<sup class="kb-cite" data-search-exclude>[Maker Inc](sources.md#maker-launch "Introducing Alpha — Maker Inc, 8 April 2026")</sup>'
    )
    assert len(w.facts) == 1


def test_disputed_result_uses_the_preferred_value_and_links_the_conflict(mini):
    out, _ = expand("<!-- kb:result beta bench-x -->", writer(mini), "docs/index.md")
    assert out.startswith("40.1% ")
    assert "[disputed](conflicts.md#beta-bench-x" in out
    # its grade is shown with what it rests on (the maker's own page, read)
    assert "kb-grade--a" in out and "Confidence A: Meta's own page read." in out


def test_unknown_id_names_page_and_line_and_suggests(mini):
    text = "# T\n\nIntro.\nScore: <!-- kb:result muse-spark bench-y -->\n"
    _, problems = expand(text, writer(mini), "docs/index.md")
    assert [str(p) for p in problems] == ["docs/index.md:4: kb:result: unknown benchmark id 'bench-y' (did you mean 'bench-x'?)"]


def test_ambiguous_result_lists_the_choices(mini):
    _, problems = expand("<!-- kb:result muse-spark index-y mode=thinking -->", writer(mini), "docs/index.md")
    assert str(problems[0]).endswith("no result for muse-spark on index-y (say which: mode=- setting=standard)")


def test_unknown_shortcode_lists_the_known_ones(mini):
    _, problems = expand("<!-- kb:nmae bench-x -->", writer(mini), "docs/a.md")
    assert problems[0].message == "unknown shortcode 'kb:nmae'" and "name" in problems[0].fix


def test_shortcodes_in_code_are_left_alone(mini):
    text = "`<!-- kb:name nope -->`\n\n```\n<!-- kb:name nope -->\n```\n\n~~~md\n<!-- kb:claim nope -->\n~~~\n"
    out, problems = expand(text, writer(mini), "docs/a.md")
    assert problems == [] and out == text


def test_several_problems_are_all_reported(mini):
    text = "<!-- kb:name a1 --> and <!-- kb:name a2 -->\n<!-- kb:event nope -->\n"
    _, problems = expand(text, writer(mini), "docs/a.md")
    assert [(p.line, p.field) for p in problems] == [(1, "kb:name"), (1, "kb:name"), (2, "kb:event")]


def test_value_claim_and_opinions(mini):
    w = writer(mini)
    out, problems = expand("<!-- kb:value alpha-compute -->\n\n<!-- kb:opinions speed -->", w, "docs/index.md")
    assert problems == []
    assert out.startswith("10× ")
    assert "**Reasoning first**" in out and "[Ada Example](people.md#ada-example): Ada Example thinks" in out
    assert "kb-badge--opinion" in out
