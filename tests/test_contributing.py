"""CONTRIBUTING.md's examples work as written, and its naming rules are the data's.

The guide's `kb new` commands, its hand-written YAML, its example paragraph and its example
error messages are read from CONTRIBUTING.md itself and run against a copy of the project;
`kb check` must pass afterwards, and each example error must be what `kb check` prints for that
mistake (line numbers aside, which move as the data grows).
"""

from __future__ import annotations

import re
import shlex
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from musekb.cli import main
from musekb.clock import build_date
from musekb.project import Project
from musekb.render_site import render_site
from musekb.validate import gather
from musekb.yamlio import parse

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
KIND_OF_WORD = {"source": "sources", "result": "results", "event": "events", "term": "glossary"}


def fenced(language: str) -> list[str]:
    """The bodies of the guide's code blocks in ``language``, in order."""
    return re.findall(rf"^```{language}\n(.*?)^```", GUIDE, re.M | re.S)


def commands() -> list[list[str]]:
    """Every `kb new ...` command of the guide, as arguments after `kb`."""
    found = []
    for block in fenced("sh"):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words[:2] == [".venv/bin/kb", "new"]:
                found.append(words[1:])
    return found


def snippets() -> dict[str, str]:
    """Hand-written records of the guide: data file -> YAML (each block names its file first)."""
    found = {}
    for block in fenced("yaml"):
        first, _, body = block.partition("\n")
        match = re.fullmatch(r"# (data/\w+\.yaml)", first.strip())
        if match:
            found[match.group(1)] = body
    return found


def section(title: str) -> str:
    start = GUIDE.index(f"## {title}")
    end = GUIDE.find("\n## ", start + 3)
    return GUIDE[start:end]


def project_copy(dest: Path) -> Project:
    """What a contributor's clone holds that `kb check` reads, plus the drawn charts (for speed)."""
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("mkdocs.yml", "CONTRIBUTING.md", "README.md"):
        shutil.copy(ROOT / name, dest / name)
    if (ROOT / ".cache" / "charts").is_dir():
        shutil.copytree(ROOT / ".cache" / "charts", dest / ".cache" / "charts")
    return Project(dest)


def kb(project: Project, args: list[str]):
    return CliRunner().invoke(main, ["--root", str(project.root), *args])


def problems(project: Project) -> list[str]:
    result = kb(project, ["check"])
    return [line for line in result.output.splitlines() if re.match(r"^[\w/.-]+:\d+: ", line)]


def run_commands(project: Project, skip: set[str] = frozenset()) -> None:
    for args in commands():
        if args[1] in skip:
            continue
        result = kb(project, args)
        assert result.exit_code == 0, f"`kb {shlex.join(args)}` failed:\n{result.output}"


@pytest.fixture
def walked(tmp_path) -> Project:
    """A copy of the project after every command of the guide."""
    project = project_copy(tmp_path / "project")
    run_commands(project)
    return project


def test_the_guide_has_the_examples_this_test_runs():
    assert [args[1] for args in commands()] == ["source", "result", "event", "term"]
    assert list(snippets()) == ["data/sources.yaml"]
    assert len(fenced("markdown")) == 1


def test_every_kb_new_command_works_as_written_and_kb_check_passes(walked):
    result = kb(walked, ["check"])
    assert result.exit_code == 0, result.output
    data, _ = gather(walked, build_date())
    for args in commands():
        new_id = args[args.index("--id") + 1] if "--id" in args else None
        if new_id:
            assert new_id in data.by_id(KIND_OF_WORD[args[1]]), f"{new_id} was not added"


def test_the_hand_written_records_work_in_place_of_the_commands(tmp_path):
    project = project_copy(tmp_path / "project")
    replaced = set()
    for file, body in snippets().items():
        path = project.root / file
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + body, encoding="utf-8")
        replaced |= {word for word, kind in KIND_OF_WORD.items() if file == f"data/{kind}.yaml"}
    run_commands(project, skip=replaced)
    result = kb(project, ["check"])
    assert result.exit_code == 0, result.output


def test_the_example_paragraph_renders_on_a_page(tmp_path, built_site):  # built: the copy takes its drawn charts
    project = project_copy(tmp_path / "project")
    (paragraph,) = fenced("markdown")
    page = project.docs_dir / "design.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + paragraph, encoding="utf-8")
    assert problems(project) == []
    site = render_site(project, build_date())
    assert "<!-- kb:" not in site.pages["design.md"].markdown.split("Nobody outside Meta")[-2][-400:]


def test_kb_new_writes_fields_in_the_order_the_file_uses(walked):
    """Each pair of fields of a new record is in the order most other records of the file write it."""
    for word, kind in KIND_OF_WORD.items():
        doc, _ = parse((walked.data_dir / f"{kind}.yaml").read_text(encoding="utf-8"), kind)
        added = _added(word, doc.value)
        others = [list(rec) for rec in doc.value if rec is not added]
        fields = list(added)
        for i, first in enumerate(fields):
            for second in fields[i + 1 :]:
                agree = sum(1 for r in others if first in r and second in r and r.index(first) < r.index(second))
                disagree = sum(1 for r in others if first in r and second in r and r.index(first) > r.index(second))
                assert agree >= disagree, f"kb new {word} writes {first} before {second}; the file mostly does not"


def _added(word: str, records: list[dict]) -> dict:
    """The record the guide's `kb new WORD` command added."""
    (args,) = [a for a in commands() if a[1] == word]
    if "--id" in args:
        wanted = args[args.index("--id") + 1]
        return next(rec for rec in records if rec.get("id") == wanted)
    source = args[args.index("--source") + 1]
    return next(rec for rec in records if source in rec.get("sources", []))


# --- the example error messages are real -------------------------------------------------------


def _without_line(problem: str) -> str:
    return re.sub(r"^([\w/.-]+):\d+:", r"\1:N:", problem)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_example_errors_are_what_kb_check_prints(walked):
    """The mistakes the guide lists, made on its own walk-through: each printed line is in the guide."""
    results, events = walked.data_dir / "results.yaml", walked.data_dir / "events.yaml"
    printed: list[str] = []
    new_result = "  benchmark: gpqa-diamond\n  mode: instant\n  value: 81.2\n"
    for mistake in (
        "  benchmark: gpqa-diamond\n  mode: instant\n  value: 81.2%\n",
        "  benchmark: gpqa-diamond\n  mode: instant\n  value: 0.812\n",
        "  benchmark: gpqa-diamnd\n  mode: instant\n  value: 81.2\n",
    ):
        _edit(results, new_result, mistake)
        printed += problems(walked)
        _edit(results, mistake, new_result)
    _edit(
        events,
        "  page: benchmarks/independent.md\n  about: [muse-spark, gpqa-diamond]",
        "  page: benchmarks/independent.md#reruns\n  about: [muse-spark, gpqa-diamond]",
    )
    (paragraph,) = fenced("markdown")
    paragraph = paragraph.replace("maverick-compute-efficiency", "maverick-compute")
    paragraph += "See [open weights](strategy.md#open-weight).\n"
    design = walked.docs_dir / "design.md"
    design.write_text(design.read_text(encoding="utf-8") + "\n" + paragraph, encoding="utf-8")
    printed += problems(walked)
    shown = re.findall(r"^```text\n(.*?)^```", section("Reading the error messages"), re.M | re.S)[0].splitlines()
    assert len(shown) >= 5
    assert sorted(map(_without_line, shown)) == sorted(map(_without_line, printed))


# --- naming rules ---------------------------------------------------------------------------------

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def data(real_project):
    loaded, _ = gather(real_project, build_date())
    return loaded


def test_every_id_is_lowercase_words_joined_by_hyphens(data):
    for kind in ("sources", "organisations", "people", "models", "benchmarks", "claims", "events", "glossary", "conflicts"):
        bad = [rec.id for rec in data.records(kind) if not SLUG.match(rec.id)]
        assert bad == [], f"{kind}: {bad}"


def _words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z]+|[0-9]+", ascii_text)


_NUMBERS = {"36": "thirtysix"}  # 36Kr: a number spelled out in its id


def _short_names(source) -> bool:
    """Whether the id's first word is the publisher's short name: its name, initials or site."""
    first = source.id.split("-")[0]
    words = [_NUMBERS.get(w, w) for w in _words(source.publisher)]
    site = _words(source.url.split("/")[2])
    for candidates in (words, site):
        # the first word is made of consecutive words of the name, each whole or cut short
        for start in range(len(candidates)):
            rest = first
            for word in candidates[start:]:
                if not rest:
                    break
                cut = next((n for n in range(len(word), 0, -1) if rest.startswith(word[:n])), 0)
                if not cut:
                    break
                rest = rest[cut:]
            if not rest:
                return True
    return False


def test_source_ids_start_with_the_publishers_short_name(data):
    bad = [f"{s.id} ({s.publisher})" for s in data.sources if not _short_names(s) or s.id.count("-") < 1]
    assert bad == [], "source ids must read <publisher>-<slug> (CONTRIBUTING.md, Naming records)"


def test_glossary_ids_follow_the_guide(data):
    ids = {
        kind: set(data.by_id(kind))
        for kind in ("sources", "organisations", "people", "models", "benchmarks", "claims", "events", "conflicts")
    }
    others = set().union(*ids.values())
    for term in data.glossary:
        if term.benchmark:
            assert term.id.startswith("term-"), f"{term.id} names benchmark {term.benchmark}: its id starts with term-"
        if term.id.endswith("-term"):
            assert term.id.removesuffix("-term") in others, f"{term.id}: -term is only for an id another record has"
    counts = {
        "term-": sum(t.id.startswith("term-") for t in data.glossary),
        "-term": sum(t.id.endswith("-term") for t in data.glossary),
    }
    assert counts["term-"] > 0 and counts["-term"] > 0


def test_the_ids_the_naming_rules_cite_exist_as_described(data):
    rules = section("Naming records")
    kinds = {"Sources": ("sources",), "Glossary terms": ("glossary", "benchmarks", "organisations"), "Events": ("events",)}
    for label, where in kinds.items():
        bullet = re.search(rf"^- \*\*{label}\*\*:(.*?)(?=^- \*\*|\Z)", rules, re.M | re.S).group(1)
        cited = [c for c in re.findall(r"`([a-z0-9-]+)`", bullet) if c not in ("term-", "-term")]
        assert cited, label
        known = set().union(*(data.by_id(kind) for kind in where))
        assert [c for c in cited if c not in known] == [], f"{label}: ids cited by the rule are not in the data"
    assert data.by_id("glossary")["term-gpqa"].benchmark == "gpqa-diamond"
    assert "caisi" in data.by_id("organisations")


def test_the_guide_and_the_sources_file_agree_on_fields(data):
    """The hand-written source record uses only fields the records accept, in the file's order."""
    body = snippets()["data/sources.yaml"]
    record = yaml.safe_load(body)[0]
    text = (ROOT / "data" / "sources.yaml").read_text(encoding="utf-8")
    from musekb.scaffold import field_order

    order = field_order("sources", text)
    assert list(record) == [f for f in order if f in record]
