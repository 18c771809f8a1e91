"""How the site's own search treats each page: Material's ``search`` front matter.

Readers search for names: a benchmark's abbreviation, a model, a person, a codename. Material
ranks a section by where the words match (a heading counts about a thousand times the text
under it, and a page's first section about twice its later ones), then multiplies by the
page's ``boost``. The boosts below only settle near-ties between headings that name the same
thing, so that the page about a thing comes before pages that mention it in a heading:

- the code and data references are written for contributors, so they are left out of the
  index altogether (``exclude``) and never compete with the knowledge pages;
- the page of the site's subject model comes first ("Muse Spark" also heads its versions'
  pages, the Muse Spark Open page and every comparison page);
- a model's, person's or organisation's own page comes before comparison and topic pages
  that name it in a heading, and a model before its versions ("Muse Wonder" before "Muse
  Wonder Full");
- so does the benchmark the glossary names for a term, before other benchmarks that share
  its words ("HLE" is Humanity's Last Exam, not HLE-Diamond; "AA Index" is the version the
  glossary's entry points to): the glossary decides where an abbreviation leads;
- a hand-written topic page comes before the short records that point to it: a glossary
  entry, and a product's page (an app or agent, whose story a topic page tells);
- pages about the record rather than the subject (where sources disagree, what the site
  does not know) come after the pages that tell the story.

No boost reaches the first-section factor, so a query that names a page's title
("timeline", "glossary") still finds that page before sections of the same name elsewhere.
``tests/search_queries.yaml`` holds the queries that check all of this in a browser.
"""

from __future__ import annotations

from .comparison import MUSE_SPARK
from .context import page_of
from .load import Dataset

CONTRIBUTOR_PAGES = ("reference/code.md", "reference/data.md")
"""Pages for contributors, left out of the readers' search (the navigation still lists them)."""

RECORD_PAGES = ("conflicts.md", "coverage.md")
"""Pages about the site's record of the subject: disputes between sources, known gaps."""

SUBJECT_BOOST = 1.6
ENTITY_BOOST = 1.25
VERSION_BOOST = 1.1
SUMMARY_BOOST = 0.9
RECORD_BOOST = 0.7

GLOSSARY_PAGE = "glossary.md"
PEOPLE_PAGE = "people.md"


def page_boosts(data: Dataset) -> dict[str, float]:
    """Page -> boost for the pages that do not keep Material's default of one."""
    boosts = {page_of("benchmarks", t.benchmark): ENTITY_BOOST for t in data.glossary if t.benchmark}
    for model in data.models:
        if model.id == MUSE_SPARK:
            boost = SUBJECT_BOOST
        elif model.product:
            boost = SUMMARY_BOOST
        elif model.version_of:
            boost = VERSION_BOOST
        else:
            boost = ENTITY_BOOST
        boosts[page_of("models", model.id)] = boost
    boosts[PEOPLE_PAGE] = ENTITY_BOOST
    boosts[GLOSSARY_PAGE] = SUMMARY_BOOST
    boosts |= dict.fromkeys(RECORD_PAGES, RECORD_BOOST)
    return boosts


def search_settings(data: Dataset) -> dict[str, dict]:
    """Page -> Material's ``search`` front matter, for every page that needs one."""
    settings: dict[str, dict] = {uri: {"boost": boost} for uri, boost in page_boosts(data).items()}
    settings.update({uri: {"exclude": True} for uri in CONTRIBUTOR_PAGES})
    return settings


__all__ = ["CONTRIBUTOR_PAGES", "RECORD_PAGES", "page_boosts", "search_settings"]
