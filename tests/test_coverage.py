"""The coverage page: what the site knows and does not know, from data/coverage.yaml."""

from __future__ import annotations

from conftest import MINI_TODAY
from helpers import append, edit, problems_of
from musekb.clock import build_date
from musekb.coverage import TopicRecords, latest_sweep
from musekb.render_site import render_site
from musekb.validate import load_checked


def test_every_topic_needs_a_sweep_date(mini):
    edit(mini, "coverage.yaml", "  swept: 2026-05-01\n", "")
    (problem,) = problems_of(mini)
    assert problem.startswith("data/coverage.yaml:2: swept: required field is missing")


def test_sweep_dates_gaps_and_pages_are_checked(mini):
    edit(mini, "coverage.yaml", "  swept: 2026-05-01", "  swept: 2027-01-01")
    edit(mini, "coverage.yaml", "  pages: [index.md]", "  pages: [index.md, nowhere.md#x]")
    edit(mini, "coverage.yaml", "    sources: [maker-launch]", "    sources: [maker-lunch]")
    problems = problems_of(mini)
    assert any("data/coverage.yaml:5: swept: 2027-01-01 is after today" in p for p in problems)
    assert any("pages[1]: no page 'nowhere.md' in docs/" in p for p in problems)
    assert any("gaps[0].sources[0]: unknown source 'maker-lunch' (did you mean 'maker-launch'?)" in p for p in problems)


def test_the_coverage_page_shows_each_topic_from_data(mini):
    page = render_site(mini, MINI_TODAY).pages["coverage.md"].markdown
    assert "**Latest sweep: 1 May 2026.**" in page
    # Alpha's launch event is told on index.md, the topic's page: it is the topic's newest event
    assert (
        '<tr><td><a href="#launch">Alpha\'s launch</a></td><td>1 May 2026</td>'
        '<td><a href="../timeline/#alpha-launch">8 April 2026</a>: Alpha is announced</td>'
    ) in page
    assert "<li>The maker's results table was not readable. <em>(noted 1 May 2026)</em>" in page
    edit(mini, "coverage.yaml", "  swept: 2026-05-01", "  swept: 2026-05-20")
    later = render_site(mini, MINI_TODAY)
    assert "**Latest sweep: 20 May 2026.**" in later.pages["coverage.md"].markdown
    assert "Latest sweep of the public record: **20 May 2026**" in later.pages["index.md"].markdown


def test_a_topic_without_events_or_gaps_says_so(mini):
    append(
        mini,
        "coverage.yaml",
        "- id: quiet\n  title: Quiet topic\n  summary: Nothing here yet.\n  swept: 2026-04-01\n  pages: [index.md#nothing]\n",
    )
    page = render_site(mini, MINI_TODAY).pages["coverage.md"].markdown
    assert '<tr><td><a href="#quiet">Quiet topic</a></td><td>1 April 2026</td><td>—</td><td>—</td><td>0</td></tr>' in page
    assert "No known gaps." in page


def test_every_real_topic_has_a_newest_event_and_source(real_project):
    data = load_checked(real_project, build_date())
    records = TopicRecords(data)
    assert latest_sweep(data) == max(t.swept for t in data.coverage)
    for topic in data.coverage:
        assert records.newest_source(topic) is not None, topic.id
        assert topic.gaps, f"{topic.id}: a swept topic lists what it could not find"
    assert records.newest_event(next(t for t in data.coverage if t.id == "consumer-agent")).date.iso() >= "2026-09"
