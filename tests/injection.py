"""Markup typed into data, and a copy of the tiny project with it in every rendered text field.

Shared by the injection tests (test_injected_markup.py reads the built HTML as a browser tokenises it)
and the browser tests (test_browser.py loads the same pages in Chromium). conftest.py builds
each variant once per test session.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import FIXTURES, MINI_MKDOCS, ROOT


def mini_copy(dest: Path) -> Path:
    """A copy of the mini project with an mkdocs.yml that runs the real hook (as ``mini_buildable``)."""
    shutil.copytree(FIXTURES / "mini", dest)
    (dest / "mkdocs.yml").write_text(MINI_MKDOCS.format(hook=ROOT / "hooks" / "kb_hooks.py"), encoding="utf-8")
    return dest


PAYLOADS = (
    # Inert as text; if Markdown runs inside an HTML attribute, its link closes the attribute early
    # and the rest becomes an onmouseover handler (so it goes first, before any other break-out).
    "[x](https://x/onmouseover=alert(6)//)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[x](javascript:alert(3))",
    '" onmouseover="alert(4)',
    "</title><svg onload=alert(5)>",
)
"""Each payload calls alert() with its own number, so a dialog in the browser says which one ran."""

#: A file outside the project that a data string names by absolute path; its first word is its secret.
INCLUDE_TARGET = Path(__file__).resolve().parent / "hostile" / "include-target.md"
#: (directive typed into data, secret of the file it names). The relative and outside files are
#: written next to (and above) each injected project; a leak of any secret means data was expanded.
INCLUDES = (
    (f"{{!{INCLUDE_TARGET}!}}", "KB-SECRET-ABSOLUTE"),
    ("{!secret-relative.md!}", "KB-SECRET-RELATIVE"),
    ("{!../secret-outside.md!}", "KB-SECRET-OUTSIDE"),
    ('--8<-- "secret-relative.md"', "KB-SECRET-RELATIVE"),  # pymdownx.snippets' syntax
)
PAYLOAD = " ".join(PAYLOADS + tuple(directive for directive, _ in INCLUDES))

#: Text fields whose existing value gets the payload appended, in every data file.
INJECTED_FIELDS = "title|publisher|note|name|summary|measures|origin|statement|stance|term|abbr|definition|resolution|text"
_FIELD_LINE = re.compile(rf"^(\s*(?:- )?)({INJECTED_FIELDS}): (.+)$", re.M)


def _q(text: str) -> str:
    """``text`` plus the payload, as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(f"{text} {PAYLOAD}")


#: Fields the mini data leaves out (or that need care), added with the payload.
ADDITIONS = [
    ("sources.yaml", "  tier: primary\n", f"  tier: primary\n  note: {_q('Launch page note')}\n"),
    ("models.yaml", "  family: Beta\n", f"  family: {_q('Beta')}\n  summary: {_q('The rival model.')}\n"),
    ("claims.yaml", "  value: closed\n", f"  value: {_q('closed')}\n"),
    (
        "claims.yaml",
        "  sources: [maker-launch, news-copy]\n",
        f"  sources: [maker-launch, news-copy]\n  note: {_q('Compute note')}\n",
    ),
    ("claims.yaml", "  debate: speed\n", f"  debate: speed\n  quote: {_q('slower is better')}\n"),
    (
        "events.yaml",
        "  page: index.md#launch\n",
        f"  page: index.md#launch\n  summary: {_q('Launch summary')}\n  note: {_q('Event note')}\n",
    ),
    ("benchmarks.yaml", "  category: reasoning\n", f"  category: reasoning\n  aliases: [{_q('Bench Ex')}]\n"),
]

#: Shortcodes that put data text into the hand-written home page.
INJECTED_SHORTCODES = """

## More from the data {#more}

<!-- kb:claim alpha-compute -->

<!-- kb:value alpha-weights -->

<!-- kb:opinions speed -->

<!-- kb:conflict beta-bench-x -->

<!-- kb:results bench-x index-y -->

<!-- kb:claims topic=design -->

<!-- kb:events topic=design -->

<!-- kb:family -->

<!-- kb:cite maker-launch news-copy -->
"""


def nav_with_placeholders() -> str:
    """A ``nav:`` that lists the generated pages through every ``kb:`` placeholder the real site uses."""
    placeholders = sorted(set(re.findall(r":\s*(kb:[a-z-]+)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)))
    assert placeholders, "the real mkdocs.yml lists generated pages through kb: placeholders"
    lines = ["nav:", "  - Home: index.md", "  - benchmarks/methodology.md"]
    lines += [f"  - Group {n}: {placeholder}" for n, placeholder in enumerate(placeholders, start=1)]
    lines += [f"  - {page}" for page in ("timeline.md", "glossary.md", "people.md", "conflicts.md", "sources.md")]
    return "\n".join(lines) + "\n"


#: (what, page, original text): each must be visible on the page followed by the payload, as text.
SHOWN = [
    ("source title", "sources/index.html", "Introducing Alpha"),
    ("source publisher", "sources/index.html", "Example University"),
    ("source note", "sources/index.html", "Launch page note"),
    ("source via note", "sources/index.html", "reader copy of the article"),
    ("claim statement", "models/muse-spark/index.html", "Maker says Alpha needed ten times less compute than its predecessor."),
    ("claim note", "models/muse-spark/index.html", "Compute note"),
    ("claim text value", "models/muse-spark/index.html", "closed"),
    ("claim statement in kb:claim", "index.html", "Maker says Alpha needed ten times less compute than its predecessor."),
    ("opinion statement", "index.html", "Ada Example thinks slower reasoning is worth it."),
    ("opinion stance", "index.html", "Reasoning first"),
    ("opinion quote", "index.html", "slower is better"),
    ("event title", "timeline/index.html", "Alpha is announced"),
    ("event summary", "timeline/index.html", "Launch summary"),
    ("event note", "timeline/index.html", "Event note"),
    ("model name", "models/beta/index.html", "Beta 2.0"),
    ("model family", "models/beta/index.html", "Beta"),
    ("model summary", "models/muse-spark/index.html", "The model under study."),
    ("model name on its comparison page", "compare/beta/index.html", "Beta 2.0"),
    ("benchmark name", "benchmarks/bench-x/index.html", "Bench X"),
    ("benchmark abbr", "benchmarks/bench-x/index.html", "BX"),
    ("benchmark alias", "benchmarks/bench-x/index.html", "Bench Ex"),
    ("benchmark measures", "benchmarks/bench-x/index.html", "Hard questions answered correctly."),
    ("benchmark origin", "benchmarks/bench-x/index.html", "Example University, 2025."),
    ("glossary term and abbr", "glossary/index.html", f"Bench X {PAYLOAD} (BX"),
    ("term definition", "glossary/index.html", "A benchmark of hard questions."),
    ("person name", "people/index.html", "Ada Example"),
    ("person summary", "people/index.html", "Leads the Alpha team."),
    ("role title", "people/index.html", "Chief scientist"),
    ("organisation name", "people/index.html", "Rival Co"),
    ("organisation summary", "people/index.html", "Makes the Beta model."),
    ("conflict title", "conflicts/index.html", "Beta's Bench X score"),
    ("conflict summary", "conflicts/index.html", "Two reproductions of the launch table give different figures for Beta."),
    ("conflict resolution", "conflicts/index.html", "The launch page's figure is used because it is the original."),
    ("conflict box in kb:conflict", "index.html", "The launch page's figure is used because it is the original."),
    ("coverage topic title", "coverage/index.html", "Alpha's launch"),
    ("coverage topic summary", "coverage/index.html", "What the maker released and how it scored."),
    ("coverage gap", "coverage/index.html", "The maker's results table was not readable."),
]


def write_injected_project(dest: Path, real_config: bool = False) -> Path:
    """A mini copy with the payload in every rendered text field and more shortcodes on its home page.

    With ``real_config`` its mkdocs.yml also lists the generated pages through ``kb:`` placeholders
    and enables the real site's Markdown extensions, as the real site does.
    """
    root = mini_copy(dest)
    (root / "secret-relative.md").write_text("KB-SECRET-RELATIVE: a file of the repository.\n", encoding="utf-8")
    (root.parent / "secret-outside.md").write_text("KB-SECRET-OUTSIDE: a file outside the repository.\n", encoding="utf-8")
    for path in sorted((root / "data").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(_FIELD_LINE.sub(lambda m: f"{m[1]}{m[2]}: {_q(m[3])}", text), encoding="utf-8")
    for name, old, new in ADDITIONS:
        path = root / "data" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with (root / "docs" / "index.md").open("a", encoding="utf-8") as page:
        page.write(INJECTED_SHORTCODES)
    if real_config:
        config = root / "mkdocs.yml"
        # This nav lists only some pages, so pages left out of it are not a warning here.
        text = config.read_text(encoding="utf-8").replace("omitted_files: warn", "omitted_files: info")
        text = text[: text.index("markdown_extensions:")] + real_markdown_extensions()
        config.write_text(text + nav_with_placeholders(), encoding="utf-8")
    return root


def real_markdown_extensions() -> str:
    """The real site's ``markdown_extensions:`` block, so every extension it enables reads the data."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^markdown_extensions:\n(?:(?:[ #].*)?\n)+", text, re.M)
    assert match, "mkdocs.yml has a markdown_extensions block"
    return match.group(0)
