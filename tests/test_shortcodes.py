"""Shortcodes pull figures from data; mistakes name the page and line.

What each shortcode expands to on the ``mini`` fixture is kept as a snapshot
(``tests/__snapshots__/test_shortcodes.ambr``; review ``pytest --snapshot-update`` after an
intended change).
"""

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
    assert out == 'See <a href="../../benchmarks/bench-x/">Bench X</a>.'


def test_result_shows_value_badge_and_citation(mini):
    w = writer(mini)
    out, problems = expand("<!-- kb:result muse-spark bench-x -->", w, "docs/index.md")
    assert problems == []
    assert out.startswith('42.5% <span class="kb-badge kb-badge--meta-claim"')
    assert "Source: Maker Inc, 8 April 2026. Checked 1 May 2026." in out
    assert '<a href="sources/#maker-launch" title="Introducing Alpha — Maker Inc, 8 April 2026">Maker Inc</a></sup>' in out
    assert len(w.facts) == 1


SHORTCODES = [
    "kb:name beta",
    "kb:claim alpha-compute",
    "kb:value alpha-weights",
    "kb:result beta bench-x",
    "kb:results bench-x index-y",
    "kb:event alpha-launch",
    "kb:cite maker-launch news-copy",
    "kb:conflict beta-bench-x",
    "kb:claims topic=design",
    "kb:opinions speed",
    "kb:events topic=design",
    "kb:recent 2",
    "kb:family",
    "kb:legend",
]


def test_every_shortcode_matches_its_snapshot(mini, snapshot):
    for code in SHORTCODES:
        out, problems = expand(f"<!-- {code} -->", writer(mini), "docs/index.md")
        assert problems == [], code
        assert out == snapshot(name=code)


def test_disputed_result_uses_the_preferred_value_and_links_the_conflict(mini):
    out, _ = expand("<!-- kb:result beta bench-x -->", writer(mini), "docs/index.md")
    assert out.startswith("40.1% ")
    assert '<a href="conflicts/#beta-bench-x" title="Sources disagree: Beta&#x27;s Bench X score.' in out
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
    assert "<strong>Reasoning first</strong>" in out
    assert '<a href="people/#ada-example">Ada Example</a>: Ada Example thinks' in out
    assert "kb-badge--opinion" in out
