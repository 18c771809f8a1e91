"""How the site's own search treats each page: Material's ``search`` front matter.

Readers search for names: a benchmark's abbreviation, a model, a person, a codename. Material
ranks a section by where the words match (a heading counts about a thousand times the text
under it, and a page's first section about twice its later ones), then multiplies by the
page's ``boost``. Words that only match as the start of a longer word count too: "Muse Code"
also finds "Codex". The boosts below only settle near-ties between headings that name the
same thing, so that the page about a thing comes before pages that mention it in a heading:

- the code and data references are written for contributors, so they are left out of the
  index altogether (``exclude``) and never compete with the knowledge pages;
- the page of the site's subject model comes first ("Muse Spark" also heads its versions'
  pages, the Muse Spark Open page and every comparison page);
- the other Muse models come before rival models and before their own versions ("Muse Code"
  before "GPT-5.3 Codex", "Muse Wonder" before "Muse Wonder Full");
- a benchmark's, model's, person's or organisation's own page comes before comparison and
  topic pages that name it in a heading;
- a hand-written topic page comes before the glossary entry that points to it (the entry is
  a short definition with a link to that page), and the glossary entry before the dispute
  about the same thing on "Where sources disagree".

No boost reaches the first-section factor, so a query that names a page's title
("timeline", "glossary") still finds that page before sections of the same name elsewhere.
``tests/search_queries.yaml`` holds the queries that check all of this in a browser.
"""

from __future__ import annotations

from .comparison import MUSE_FAMILY, MUSE_SPARK
from .context import page_of
from .load import Dataset

CONTRIBUTOR_PAGES = ("reference/code.md", "reference/data.md")
"""Pages for contributors, left out of the readers' search (the navigation still lists them)."""

SUBJECT_BOOST = 2.0
MUSE_BOOST = 1.6
ENTITY_BOOST = 1.25
GLOSSARY_BOOST = 0.9
CONFLICTS_BOOST = 0.6

GLOSSARY_PAGE = "glossary.md"
CONFLICTS_PAGE = "conflicts.md"
PEOPLE_PAGE = "people.md"


def page_boosts(data: Dataset) -> dict[str, float]:
    """Page -> boost for the pages that do not keep Material's default of one."""
    boosts = {page_of("benchmarks", b.id): ENTITY_BOOST for b in data.benchmarks}
    for model in data.models:
        if model.id == MUSE_SPARK:
            boost = SUBJECT_BOOST
        elif model.family == MUSE_FAMILY and not model.version_of:
            boost = MUSE_BOOST
        else:
            boost = ENTITY_BOOST
        boosts[page_of("models", model.id)] = boost
    boosts[PEOPLE_PAGE] = ENTITY_BOOST
    boosts[GLOSSARY_PAGE] = GLOSSARY_BOOST
    boosts[CONFLICTS_PAGE] = CONFLICTS_BOOST
    return boosts


def search_settings(data: Dataset) -> dict[str, dict]:
    """Page -> Material's ``search`` front matter, for every page that needs one."""
    settings: dict[str, dict] = {uri: {"boost": boost} for uri, boost in page_boosts(data).items()}
    settings.update({uri: {"exclude": True} for uri in CONTRIBUTOR_PAGES})
    return settings


__all__ = ["CONTRIBUTOR_PAGES", "page_boosts", "search_settings"]
