"""The repository's contributor infrastructure agrees with the project it serves.

GitHub workflows, the issue form, the pull-request template, Dependabot and pre-commit are read
here and checked against the Makefile, the `kb` command, .ci/run, README.md and requirements.txt,
so that renaming a make target or a `kb` subcommand, or re-pinning ruff, fails a test instead of a
workflow on GitHub weeks later.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from musekb.cli import main as kb_cli

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
ISSUE_FORM = GITHUB / "ISSUE_TEMPLATE" / "incorrect-data.yml"
CONFIG_YAML = [
    *WORKFLOWS,
    ISSUE_FORM,
    GITHUB / "ISSUE_TEMPLATE" / "config.yml",
    GITHUB / "dependabot.yml",
    ROOT / ".pre-commit-config.yaml",
]

# Commands a workflow may run besides the project's own (`make TARGET`, `.venv/bin/kb SUBCOMMAND`).
SYSTEM_COMMANDS = {
    "apt-get": "installs Debian/Ubuntu packages such as chromium, as .ci/run does",
    "command": "`command -v chromium`: is the browser already there?",
    "sysctl": "lets unprivileged user namespaces work on Ubuntu (Chromium's sandbox, `unshare -rn`)",
    "echo": "job summaries",
    "cat": "job summaries",
    "tee": "job summaries",
}
SHELL_WORDS = {"if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "in", "!", "{", "}"}
OPERATORS = {";", "&&", "||", "|", "&", "(", ")", ";;"}


# --- helpers ---------------------------------------------------------------------------------


class StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys (PyYAML keeps the last one silently; GitHub does not)."""


def _mapping_without_duplicates(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


class MkDocsLoader(StrictLoader):
    """StrictLoader plus MkDocs' own `!relative` and `!ENV` tags (any other unknown tag still fails)."""


MkDocsLoader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))
MkDocsLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))


def load(path: Path, loader: type[yaml.SafeLoader] = StrictLoader):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def triggers(workflow: dict) -> dict:
    """The `on:` block (YAML 1.1 reads a bare `on` key as the boolean True)."""
    block = workflow.get("on", workflow.get(True))
    if isinstance(block, str):
        return {block: None}
    if isinstance(block, list):
        return dict.fromkeys(block)
    return block or {}


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, job, step


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {m.group(1) for m in re.finditer(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, re.MULTILINE)}
    return targets - {".PHONY"}


def shell_commands(script: str) -> list[list[str]]:
    """Split a `run:` script into simple commands (words only: no redirections, operators or keywords)."""
    script = re.sub(r"\\\n", " ", script)
    commands: list[list[str]] = []
    for line in script.splitlines():
        line = re.sub(r"(^|\s)\d+(?=[<>])", r"\1", line)  # the `2` of `2>&1`
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        current: list[str] = []
        skip_next = False
        for token in lexer:
            if skip_next:
                skip_next = False
                continue
            if token in OPERATORS:
                commands.append(current)
                current = []
            elif set(token) <= set("<>&") and set(token) & set("<>"):
                skip_next = True  # a redirection and its target
            elif not current and (token in SHELL_WORDS or re.fullmatch(r"[A-Za-z_]\w*=.*", token)):
                continue  # keywords and leading VAR=value assignments
            else:
                current.append(token)
        commands.append(current)
    stripped = []
    for words in commands:
        if words[:1] == ["sudo"]:
            words = words[1:]
            while words and words[0].startswith("-"):
                words = words[1:]
        if words:
            stripped.append(words)
    return stripped


def run_steps(workflow_path: Path) -> list[tuple[str, str]]:
    return [(str(step.get("name", step["run"])), step["run"]) for _, _, step in steps(load(workflow_path)) if "run" in step]


def project_commands(workflow_path: Path) -> list[str]:
    """The `make ...` and `kb ...` commands a workflow runs, in order."""
    found = []
    for _, script in run_steps(workflow_path):
        for words in shell_commands(script):
            if words[0] == "make" or words[0].endswith("bin/kb"):
                found.append(" ".join(words))
    return found


def ci_run_commands() -> list[str]:
    """The make commands .ci/run runs (the documented CI entry point)."""
    found = []
    for words in shell_commands((ROOT / ".ci" / "run").read_text(encoding="utf-8")):
        if words[0] == "make":
            found.append(" ".join(words))
    return found


# --- every file parses -----------------------------------------------------------------------


@pytest.mark.parametrize("path", CONFIG_YAML, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_config_file_parses_as_yaml(path):
    assert path.exists(), f"{path.relative_to(ROOT)} is missing"
    assert isinstance(load(path), dict), f"{path.relative_to(ROOT)} is not a YAML mapping"


def test_mkdocs_yml_parses_with_its_mkdocs_tags():
    config = load(ROOT / "mkdocs.yml", MkDocsLoader)
    assert config["site_name"]
    with pytest.raises(yaml.YAMLError):  # the tag really is there, so a plain safe load refuses it
        load(ROOT / "mkdocs.yml")


def test_palette_options_are_ones_the_site_toggle_handles():
    # docs/overrides/partials/javascripts/palette.html replaces Material's palette component and
    # implements a list of palettes, each with a media query; not Material's automatic option.
    palette = load(ROOT / "mkdocs.yml", MkDocsLoader)["theme"]["palette"]
    assert isinstance(palette, list) and len(palette) >= 2, "theme.palette: a list of palettes to switch between"
    automatic = [p for p in palette if p.get("media") == "(prefers-color-scheme)"]
    assert automatic == [], (
        "mkdocs.yml: theme.palette uses Material's automatic option, which the site's toggle "
        "(docs/overrides/partials/javascripts/palette.html) does not handle: add it there first"
    )


def test_there_are_the_expected_workflows():
    assert {p.stem for p in WORKFLOWS} >= {"test", "deploy", "links"}


# --- workflows -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_run_steps_only_call_commands_the_project_has(path):
    targets = make_targets()
    subcommands = set(kb_cli.commands)
    problems = []
    for name, script in run_steps(path):
        assert "${{" not in script, f"{path.name}: step {name!r}: pass expressions through env:, not into the script"
        commands = shell_commands(script)
        assert commands, f"{path.name}: step {name!r} runs nothing"
        for words in commands:
            program, args = words[0], words[1:]
            if program == "make":
                unknown = [a for a in args if a not in targets]
                if not args or unknown:
                    problems.append(f"step {name!r}: `make {' '.join(args)}`: not a Makefile target: {unknown or '(none)'}")
            elif program in {".venv/bin/kb", "kb", "scripts/kb"}:
                if not args or args[0] not in subcommands:
                    problems.append(f"step {name!r}: `kb {' '.join(args)}`: no such subcommand (have {sorted(subcommands)})")
            elif program == "apt-get":
                if not args or args[0] not in {"update", "install"}:
                    problems.append(f"step {name!r}: `apt-get {' '.join(args)}`")
            elif program not in SYSTEM_COMMANDS:
                problems.append(f"step {name!r}: runs `{program}`, which is neither a make target, a kb subcommand nor allowed")
    assert problems == [], f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_sha_or_version(path):
    text = path.read_text(encoding="utf-8")
    uses_lines = re.findall(r"^\s*(?:-\s*)?uses:\s*(.+)$", text, re.MULTILINE)
    parsed = [step["uses"] for _, _, step in steps(load(path)) if "uses" in step]
    assert len(uses_lines) == len(parsed) > 0
    for line in uses_lines:
        sha = re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*", line)
        tag = re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+(\.\d+)*\s*(#.*)?", line)
        assert sha or tag, (
            f"{path.name}: `uses: {line}` is pinned neither to a full SHA with a `# vX.Y.Z` comment nor to a version"
        )


def test_each_action_is_pinned_to_the_same_revision_everywhere():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for _, _, step in steps(load(path)):
            if "uses" in step:
                action, _, ref = step["uses"].partition("@")
                pins.setdefault(action, set()).add(ref)
    assert {a: r for a, r in pins.items() if len(r) > 1} == {}


def test_test_workflow_runs_exactly_the_documented_test_command():
    documented = ci_run_commands()
    assert documented, ".ci/run runs no make command"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in documented:
        assert re.search(rf"^{re.escape(command)}(\s|$)", readme, re.MULTILINE), f"README.md does not show `{command}`"
    path = GITHUB / "workflows" / "test.yml"
    assert project_commands(path) == documented
    workflow = load(path)
    on = triggers(workflow)
    assert "pull_request" in on
    assert "main" in on["push"]["branches"]
    (job,) = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    test_steps = [s for _, _, s in steps(workflow) if "run" in s and shell_commands(s["run"])[0][0] == "make"]
    for step in test_steps:
        env = {**workflow.get("env", {}), **job.get("env", {}), **step.get("env", {})}
        assert str(env.get("CI")).lower() == "true", "the test step must run with CI=true (a missing browser then fails)"
    python = [s["with"]["python-version"] for _, _, s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@")]
    assert python == ["3.11"]
    installs = [
        w for _, _, s in steps(workflow) if "run" in s for w in shell_commands(s["run"]) if w[:2] == ["apt-get", "install"]
    ]
    assert any("chromium" in words for words in installs), "the test workflow must install chromium with apt-get"


def test_deploy_workflow_builds_with_make_and_has_least_privilege():
    path = GITHUB / "workflows" / "deploy.yml"
    workflow = load(path)
    on = triggers(workflow)
    assert "main" in on["push"]["branches"]
    assert "workflow_dispatch" in on
    assert project_commands(path) == ["make build"]
    assert workflow["concurrency"]["group"]
    granted: dict[str, str] = dict(workflow.get("permissions", {}))
    for job in workflow["jobs"].values():
        granted.update(job.get("permissions", {}))
    assert granted == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [s.get("uses", "").partition("@")[0] for _, _, s in steps(workflow)]
    assert "actions/upload-pages-artifact" in uses
    assert "actions/deploy-pages" in uses
    (upload,) = [s for _, _, s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    site_dir = kb_cli.commands["build"].params[[p.name for p in kb_cli.commands["build"].params].index("site_dir")].default
    assert upload["with"]["path"].rstrip("/") == site_dir


def test_links_workflow_is_scheduled_cached_and_reports_to_the_summary():
    path = GITHUB / "workflows" / "links.yml"
    workflow = load(path)
    on = triggers(workflow)
    assert on["schedule"] and all(len(entry["cron"].split()) == 5 for entry in on["schedule"])
    assert "workflow_dispatch" in on
    commands = project_commands(path)
    assert commands[0] == "make build"
    assert any(c.split()[1:3] == ["links", "--external"] for c in commands), commands
    external = next(p for p in kb_cli.commands["links"].params if p.name == "external")
    cache_file = re.search(r"[\w./-]+\.json", external.help).group(0)
    cached = [s["with"]["path"] for _, _, s in steps(workflow) if s.get("uses", "").startswith("actions/cache@")]
    assert cached == [cache_file]
    summary = [s for _, _, s in steps(workflow) if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    assert summary and all(s.get("if") == "always()" for s in summary), "the report must reach the summary even after a failure"


# --- issue form, PR template, Dependabot, pre-commit ------------------------------------------


def test_incorrect_data_form_asks_for_the_four_things():
    form = load(ISSUE_FORM)
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f'"{form["name"]}" form' in contributing, "CONTRIBUTING.md names the form differently"
    assert "data" in form["labels"]
    fields = {item["id"]: item for item in form["body"] if item["type"] != "markdown"}
    required = {key for key, item in fields.items() if item.get("validations", {}).get("required")}
    assert required == {"page", "statement", "correct-value", "source"}
    assert fields["page"]["type"] == fields["source"]["type"] == "input"  # one URL each
    assert "notes" in fields and "notes" not in required


def test_pull_request_template_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ]")]
    assert len(items) >= 5
    checklist = "\n".join(items).lower()
    for word in ("source", "own words", "provenance", "confidence", "as_of", "conflict", "preview", "docs/"):
        assert word in checklist, f"the checklist does not mention {word!r}"
    for command in ci_run_commands():
        assert command in checklist


def test_dependabot_watches_pip_and_actions_weekly():
    config = load(GITHUB / "dependabot.yml")
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"pip", "github-actions"}
    assert all(u["schedule"]["interval"] == "weekly" for u in ecosystems.values())
    assert ecosystems["pip"]["directory"] == "/"


def _hooks(config: dict):
    for repo in config["repos"]:
        for hook in repo["hooks"]:
            yield repo, hook


def test_pre_commit_ruff_matches_requirements_pin():
    pin = re.search(r"^ruff==(\S+)", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    config = load(ROOT / ".pre-commit-config.yaml")
    (ruff,) = [r for r in config["repos"] if r["repo"].rstrip("/").endswith("astral-sh/ruff-pre-commit")]
    assert ruff["rev"] == f"v{pin}"
    assert {h["id"] for h in ruff["hooks"]} >= {"ruff-check", "ruff-format"}


def _applies(hook: dict, path: str) -> bool:
    return bool(re.search(hook.get("files", ""), path)) and not (hook.get("exclude") and re.search(hook["exclude"], path))


# Folders that are built, cached or installed, not written: never committed.
UNTRACKED_DIRS = {
    ".git",
    ".venv",
    ".venv-zensical",
    "site",
    "site.partial",
    "site.previous",
    "staging",
    "build",
    ".cache",
    "node_modules",
}
# Deliberately malformed YAML that the loader's tests feed in: the one thing check-yaml may skip.
HOSTILE = "tests/hostile/"


def repo_yaml_files() -> list[str]:
    found = []
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT)
        if path.suffix in {".yml", ".yaml"} and path.is_file() and not (set(rel.parts[:-1]) & UNTRACKED_DIRS):
            found.append(rel.as_posix())
    return sorted(found)


def test_pre_commit_checks_every_yaml_file():
    config = load(ROOT / ".pre-commit-config.yaml")
    check_yaml = [h for r, h in _hooks(config) if r["repo"].endswith("pre-commit/pre-commit-hooks") and h["id"] == "check-yaml"]
    assert check_yaml
    yaml_files = repo_yaml_files()
    assert {p.relative_to(ROOT).as_posix() for p in CONFIG_YAML} | {"mkdocs.yml", "data/results.yaml"} <= set(yaml_files)
    for path in yaml_files:
        if path.startswith(HOSTILE):
            continue
        hooks = [h for h in check_yaml if _applies(h, path)]
        assert hooks, f"no check-yaml hook looks at {path}"
        if path == "mkdocs.yml":  # its !ENV tag needs the syntax-only mode
            assert all("--unsafe" in h.get("args", []) for h in hooks)
        else:  # everything else gets the full check
            assert any("--unsafe" not in h.get("args", []) for h in hooks), f"{path} is only syntax-checked"


def test_pre_commit_runs_kb_check_on_what_kb_check_reads():
    config = load(ROOT / ".pre-commit-config.yaml")
    (hook,) = [h for r, h in _hooks(config) if r["repo"] == "local" and "kb" in h["entry"].split()[0]]
    entry = shlex.split(hook["entry"])
    assert (ROOT / entry[0]).as_posix().endswith(".venv/bin/kb")
    assert entry[1:] == ["check"] and "check" in kb_cli.commands
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    for path in ("data/results.yaml", "docs/design.md", "hooks/musekb/cli.py", "CONTRIBUTING.md", "mkdocs.yml"):
        assert _applies(hook, path), path
    for path in ("README.md", "tests/test_load.py"):
        assert not _applies(hook, path), path


def test_installing_the_package_prints_no_deprecation_banner():
    """setuptools deprecated the `license = { text = ... }` table; every install printed a banner."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index", "--dry-run", "-v", "-e", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    output = run.stdout + run.stderr
    assert "Would install musekb" in output
    assert "deprecat" not in output.lower(), [line for line in output.splitlines() if "deprecat" in line.lower()][:5]
