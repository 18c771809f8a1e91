#!/usr/bin/env python3
"""Performance benchmark of the knowledge base; run with the venv's python (`make bench`).

Measures the following, and checks the results against the budgets in :func:`budgets`:

- cold and warm strict builds of the real site, and the share spent in the project's code
  (the hook's KB_PROFILE report);
- ``mkdocs serve``: time from editing a score in data/results.yaml to the new number being
  served;
- scale: synthetic projects at 1x, 10x and 100x the real record counts, built by the pure
  core (``musekb.render_site.render_site``) in this process, and by MkDocs at 1x and 10x;
- sizes: the search index, and the compressed transfer size of three pages.

MkDocs always runs as a subprocess (``python -m mkdocs``); this script does not import it.
Every build happens in a copy of the project in a temporary folder, so site/ and
.cache/ are left alone. It prints a table, writes JSON, and exits 0 even when a budget
fails: it is a report.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import cProfile
import gc
import gzip
import importlib
import io
import json
import math
import os
import platform
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))  # the package of this checkout, even without `pip install -e`

import musekb.render_site  # noqa: E402
import musekb.yamlio  # noqa: E402
from musekb.clock import build_date  # noqa: E402
from musekb.project import Project  # noqa: E402
from musekb.records import KINDS  # noqa: E402
from musekb.text import number  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TOP_IGNORE = {
    ".venv",
    ".git",
    "node_modules",
    "site",
    "site.partial",
    "site.previous",
    ".cache",
    "build",
    "staging",
    "bench-results.json",
}
ANY_IGNORE = shutil.ignore_patterns("__pycache__", ".*_cache", "*.egg-info")
KB = 1000  # budgets and sizes use decimal kilobytes

# --- helpers -------------------------------------------------------------------------------


def copy_project(dst: Path) -> Path:
    """A copy of the checkout (without venv, caches or built site) to build in."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = TOP_IGNORE.intersection(names) if Path(folder) == ROOT else set()
        return top | ANY_IGNORE(folder, names)

    shutil.copytree(ROOT, dst, ignore=ignore)
    return dst


def mkdocs_build(root: Path, site_dir: Path) -> dict:
    """One strict build in a fresh process: wall time and the hook's in-process profile."""
    profile = root / ".bench-profile.json"
    profile.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    start = time.perf_counter()
    run = subprocess.run(cmd, cwd=root, env={**ENV, "KB_PROFILE": str(profile)}, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {root}:\n{run.stderr[-4000:]}")
    report = json.loads(profile.read_text())
    own = sum(report["events"].values())
    return {
        "wall_seconds": wall,
        "build_seconds": report["build_seconds"],
        "own_seconds": own,
        "own_share": own / report["build_seconds"],
        "events": report["events"],
    }


def median_run(runs: list[dict]) -> dict:
    """The run with the median build time, with every run's times kept alongside."""
    ordered = sorted(runs, key=lambda r: r["build_seconds"])
    return {**ordered[len(ordered) // 2], "runs_build_seconds": [r["build_seconds"] for r in runs]}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 2.0) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


# --- cold and warm builds of the real site --------------------------------------------------


def bench_builds(work: Path, repeats: int) -> dict:
    """Cold (empty chart cache, fresh process) and warm (second build, cache filled) builds."""
    root = copy_project(work / "real")
    cold, warm = [], []
    for _ in range(repeats):
        shutil.rmtree(root / ".cache", ignore_errors=True)
        cold.append(mkdocs_build(root, work / "real-site"))
        warm.append(mkdocs_build(root, work / "real-site"))
    return {"cold": median_run(cold), "warm": median_run(warm), "site_dir": str(work / "real-site")}


# --- mkdocs serve: edit to visible ----------------------------------------------------------


def pick_result(results_yaml: Path) -> tuple[int, dict, str]:
    """Line of the value of Muse Spark's first undisputed result, the record, and its benchmark."""
    root = yaml.compose(results_yaml.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for node in root.value:
        fields = {k.value: v for k, v in node.value}
        if fields["model"].value == "muse-spark" and "conflict" not in fields:
            scalars = {k: v.value for k, v in fields.items() if isinstance(v, yaml.ScalarNode)}
            return fields["value"].start_mark.line, scalars, scalars["benchmark"]
    raise SystemExit("no undisputed Muse Spark result in data/results.yaml")


def bench_serve(work: Path, repeats: int) -> dict:
    """Latency from changing a score in data/results.yaml to the served page showing it."""
    root = copy_project(work / "serve")
    results = root / "data" / "results.yaml"
    line_no, record, bench_id = pick_result(results)
    scale = next(b for b in yaml.safe_load((root / "data" / "benchmarks.yaml").read_text()) if b["id"] == bench_id)["scale"]
    low = float(scale.get("min", 0))
    high = float(scale["max"]) if scale.get("max") is not None else low + 1000
    port = free_port()
    profile = root / ".bench-profile.json"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
    log_file = work / "serve.log"
    log = log_file.open("w")
    server = subprocess.Popen(
        cmd,
        cwd=root,
        # as `make serve` runs it: the code reference is left to `make build`
        env={**ENV, "KB_PROFILE": str(profile), "KB_CODE_REFERENCE": "false"},
        stdout=log,
        stderr=subprocess.STDOUT,
        # a shell without job control starts background jobs ignoring Ctrl-C; undo that so SIGINT stops it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    latencies, rebuilds = [], []
    try:
        start = time.perf_counter()
        url = None
        while url is None or (page := fetch(url)) is None or number(float(record["value"])) not in page:
            if server.poll() is not None or time.perf_counter() - start > 120:
                raise RuntimeError(f"mkdocs serve did not serve the page:\n{log_file.read_text()[-3000:]}")
            # MkDocs serves under the path of site_url, and says where
            served = re.search(r"Serving on (http://\S+)", log_file.read_text())
            url = served and served.group(1).rstrip("/") + f"/benchmarks/{bench_id}/"
            time.sleep(0.2)
        startup = time.perf_counter() - start
        lines = results.read_text(encoding="utf-8").split("\n")
        for i in range(repeats):
            time.sleep(1.5)  # let the server settle, so every edit starts from an idle watcher
            value = round(low + (high - low) * (0.13579 + 0.11111 * i), 3)
            wanted = number(value)
            before = profile.stat().st_mtime_ns if profile.exists() else 0
            indent = lines[line_no][: len(lines[line_no]) - len(lines[line_no].lstrip())]
            lines[line_no] = f"{indent}value: {value}"
            edited = time.perf_counter()
            results.write_text("\n".join(lines), encoding="utf-8")
            while wanted not in (fetch(url) or ""):
                if server.poll() is not None or time.perf_counter() - edited > 60:
                    raise RuntimeError(f"{wanted} never appeared on {url}:\n{log_file.read_text()[-3000:]}")
                time.sleep(0.05)
            latencies.append(time.perf_counter() - edited)
            for _ in range(100):  # the hook writes its profile at the end of the rebuild
                if profile.exists() and profile.stat().st_mtime_ns != before:
                    with contextlib.suppress(ValueError):
                        rebuilds.append(json.loads(profile.read_text()))
                        break
                time.sleep(0.05)
    finally:
        server.send_signal(signal.SIGINT)  # what Ctrl-C does: MkDocs shuts the server down
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.terminate()
            server.wait(timeout=5)
        log.close()
    return {
        "page": f"benchmarks/{bench_id}/",
        "edited": f"{record['model']} on {bench_id}, value {record['value']}",
        "startup_seconds": startup,
        "latencies_seconds": latencies,
        "median_seconds": statistics.median(latencies),
        "rebuild_build_seconds": [r["build_seconds"] for r in rebuilds],
        "rebuild_own_seconds": [sum(r["events"].values()) for r in rebuilds],
        "exit_code": server.returncode,
    }


# --- scale: synthetic projects ---------------------------------------------------------------

# Fields holding ids of other records (top level, and inside people's roles).
ID_FIELDS = ("id", "sources", "about", "model", "benchmark", "org", "parent", "version_of", "maintainer", "speaker", "conflict")


def clone(record: dict, n: int) -> dict:
    """Copy ``n`` of a record: its id and every id it references get the suffix ``-s<n>``."""
    if n == 0:
        return record

    def suffix(value):
        if isinstance(value, list):
            return [suffix(v) for v in value]
        return f"{value}-s{n}" if isinstance(value, str) else value

    out = copy.deepcopy(record)  # nothing shared between copies, so the YAML has no aliases
    for key in ID_FIELDS:
        if key in out:
            out[key] = suffix(out[key])
    if "roles" in out:
        out["roles"] = [clone(role, n) for role in out["roles"]]
    if "url" in out and "publisher" in out:  # a source: the same address may not be recorded twice
        out["url"] = f"{out['url']}#s{n}"
    return out


def make_synthetic(dst: Path, factor: int) -> dict[str, int]:
    """A copy of the project with ``factor`` self-contained copies of every record; docs/ is the real one.

    Copies of a record follow it directly, so the timeline stays in date order.
    """
    copy_project(dst)
    counts = {}
    for kind in KINDS:
        path = ROOT / "data" / f"{kind}.yaml"
        text, _ = musekb.yamlio.decode(path.read_bytes(), str(path))
        doc, problems = musekb.yamlio.parse(text, str(path))
        assert doc and not problems, problems
        records = [clone(rec, k) for rec in doc.value for k in range(factor)]
        counts[kind] = len(records)
        body = yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=110)
        header = f"# yaml-language-server: $schema=schemas/{kind}.schema.json\n"
        (dst / "data" / f"{kind}.yaml").write_text(header + body, encoding="utf-8")
    return counts


@contextlib.contextmanager
def phase_timer(times: dict[str, float]):
    """Time the data loading and chart phases of render_site (the rest is pages and downloads)."""
    originals = {"load": musekb.render_site.gather, "charts": musekb.render_site.all_charts}

    def timed(name, func):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0.0) + time.perf_counter() - start

        return wrapper

    musekb.render_site.gather = timed("load", originals["load"])
    musekb.render_site.all_charts = timed("charts", originals["charts"])
    try:
        yield
    finally:
        musekb.render_site.gather = originals["load"]
        musekb.render_site.all_charts = originals["charts"]


def core_build(root: Path, profile: Path | None = None) -> dict:
    """render_site on a project, with an empty chart cache; optionally under cProfile.

    Besides wall time it records CPU time (other processes on the machine do not inflate
    it) and the time Python's cyclic garbage collector took.
    """
    shutil.rmtree(root / ".cache", ignore_errors=True)
    gc.collect()
    times: dict[str, float] = {}
    gc_clock = {"total": 0.0, "start": 0.0}

    def on_gc(phase: str, _info: dict) -> None:
        if phase == "start":
            gc_clock["start"] = time.perf_counter()
        else:
            gc_clock["total"] += time.perf_counter() - gc_clock["start"]

    profiler = cProfile.Profile() if profile else None
    gc.callbacks.append(on_gc)
    try:
        with phase_timer(times):
            start, cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            site = musekb.render_site.render_site(Project(root), build_date())
            if profiler:
                profiler.disable()
            total, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        gc.callbacks.remove(on_gc)
    if profiler:
        profiler.dump_stats(profile)
    generated = len(site.generated_pages())
    return {
        "seconds": total,
        "cpu_seconds": cpu,
        "gc_seconds": gc_clock["total"],
        "load_check_seconds": times["load"],
        "chart_seconds": times["charts"],
        "pages_seconds": total - times["load"] - times["charts"],
        "pages": len(site.pages),
        "generated_pages": generated,
        "charts": sum(1 for uri in site.assets if uri.endswith(".svg")),
        "ms_per_generated_page": 1000 * total / generated,
    }


def warm_imports() -> None:
    """Import what the first chart imports, so the first scale does not pay for it."""
    for name in ("matplotlib.backends.backend_agg", "matplotlib.dates", "matplotlib.figure", "matplotlib.style"):
        importlib.import_module(name)


def bench_scale(work: Path, factors: list[int], mkdocs_factors: set[int]) -> dict:
    """The project's own time at each scale, and the growth exponent between the last two."""
    warm_imports()
    largest = max(factors) * max(p.stat().st_size for p in (ROOT / "data").glob("*.yaml"))
    if largest > musekb.yamlio.MAX_FILE_BYTES:
        # The loader refuses files over this size (a guard against pasted dumps); the
        # synthetic files at 100x are larger, so the limit is lifted for this process only.
        musekb.yamlio.MAX_FILE_BYTES = 2 * largest
    out: dict = {"factors": {}}
    for factor in factors:
        root = work / f"scale-{factor}x"
        counts = make_synthetic(root, factor)
        entry = {"records": counts, "core": core_build(root)}
        if factor in mkdocs_factors:
            shutil.rmtree(root / ".cache", ignore_errors=True)
            entry["mkdocs"] = mkdocs_build(root, root / "site")
        out["factors"][str(factor)] = entry
        print(f"  {factor}x: render_site {entry['core']['seconds']:.1f} s", file=sys.stderr)
    if len(factors) >= 2:
        a, b = sorted(factors)[-2:]
        ta, tb = (out["factors"][str(f)]["core"] for f in (a, b))
        span = math.log(b / a)
        out["exponent_between"] = [a, b]
        out["exponent"] = math.log(tb["seconds"] / ta["seconds"]) / span
        out["exponent_cpu"] = math.log(tb["cpu_seconds"] / ta["cpu_seconds"]) / span
        out["exponent_by_phase"] = {
            phase: math.log(tb[key] / ta[key]) / span
            for phase, key in (("load_check", "load_check_seconds"), ("charts", "chart_seconds"), ("pages", "pages_seconds"))
        }
    return out


def profile_scale(work: Path, factor: int, top: int = 30) -> str:
    """cProfile of render_site at one scale: the top functions by own and cumulative time."""
    root = work / f"scale-{factor}x"
    if not root.exists():
        make_synthetic(root, factor)
    stats_file = work / f"profile-{factor}x.prof"
    core_build(root, profile=stats_file)
    buf = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


# --- sizes --------------------------------------------------------------------------------


class _Refs(HTMLParser):
    """Stylesheets, scripts and images a page references."""

    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and a.get("href") and ({"stylesheet", "icon", "apple-touch-icon"} & set(rel)):
            self.refs.append(a["href"])
        elif tag == "script" and (a.get("src") or a.get("data-src")):
            # data-src: scripts the page template loads itself after the first paint
            self.refs.append(a.get("src") or a["data-src"])
        elif tag in ("img", "source"):
            if a.get("src"):
                self.refs.append(a["src"])
            for part in (a.get("srcset") or "").split(","):
                if part.strip():
                    self.refs.append(part.split()[0])


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def page_transfer(site: Path, page: str) -> dict:
    """Compressed size of a page's HTML plus every same-site CSS, JS and image it references."""
    html = (site / page / "index.html").read_bytes() if page else (site / "index.html").read_bytes()
    parser = _Refs()
    parser.feed(html.decode("utf-8"))
    base = "https://site.invalid/" + page
    assets = {}
    for ref in parser.refs:
        parts = urlsplit(urljoin(base, ref))
        if parts.netloc != "site.invalid":
            continue  # another site, or a data: URI
        path = parts.path.lstrip("/")
        if path.endswith("search_index.json") or "/workers/search" in "/" + path:
            continue
        file = site / path
        if file.is_file():
            assets[path] = gz(file.read_bytes())
    html_gz = gz(html)
    return {
        "html_gzip_bytes": html_gz,
        "assets_gzip_bytes": sum(assets.values()),
        "total_gzip_bytes": html_gz + sum(assets.values()),
        "assets": dict(sorted(assets.items(), key=lambda kv: -kv[1])),
    }


def bench_sizes(site: Path, bench_page: str) -> dict:
    return {
        "search_index_bytes": (site / "search" / "search_index.json").stat().st_size,
        "pages": {
            name: page_transfer(site, page) for name, page in (("home", ""), ("design", "design/"), ("benchmark", bench_page))
        },
    }


# --- budgets and report -------------------------------------------------------------------


def budgets(res: dict) -> list[dict]:
    """Each budget: what was measured, the limit, and whether it holds."""
    out = []

    def check(name, value, limit, unit):
        if value is not None:
            out.append({"budget": name, "value": value, "limit": limit, "unit": unit, "pass": value <= limit})

    if "builds" in res:
        check("project's own code, share of a warm build", 100 * res["builds"]["warm"]["own_share"], 20, "%")
    if "exponent" in res.get("scale", {}):
        a, b = res["scale"]["exponent_between"]
        check(f"growth exponent of own time, {a}x to {b}x", res["scale"]["exponent"], 1.1, "")
    if "serve" in res:
        check("serve: edit to visible (median)", res["serve"]["median_seconds"], 2, "s")
    if "sizes" in res:
        check("search index", res["sizes"]["search_index_bytes"] / KB, 500, "KB")
        for name, page in res["sizes"]["pages"].items():
            check(f"{name} page, compressed transfer", page["total_gzip_bytes"] / KB, 200, "KB")
    return out


def report(res: dict) -> str:
    lines = []
    add = lines.append
    if "builds" in res:
        add(f"Real site, strict build (median of {len(res['builds']['cold']['runs_build_seconds'])})")
        add(f"  {'':6} {'wall s':>8} {'build s':>8} {'own s':>7} {'own %':>6}   per event (s)")
        for name in ("cold", "warm"):
            r = res["builds"][name]
            events = "  ".join(f"{k.removeprefix('on_')} {v:.4f}" for k, v in r["events"].items())
            add(
                f"  {name:6} {r['wall_seconds']:8.2f} {r['build_seconds']:8.2f} {r['own_seconds']:7.3f} {100 * r['own_share']:5.1f}%   {events}"
            )
    if "serve" in res:
        s = res["serve"]
        add("")
        add(f"mkdocs serve, edit {s['edited']} -> visible on {s['page']}")
        add(
            f"  median {s['median_seconds']:.2f} s   runs {', '.join(f'{x:.2f}' for x in s['latencies_seconds'])} s   "
            f"rebuild (in-process) {', '.join(f'{x:.2f}' for x in s['rebuild_build_seconds'])} s, "
            f"own code {', '.join(f'{x:.2f}' for x in s['rebuild_own_seconds'])} s   startup {s['startup_seconds']:.1f} s"
        )
    if "scale" in res:
        add("")
        add("Scale: synthetic projects; the project's own time is render_site in-process with an empty chart cache")
        add(
            f"  {'x':>4} {'records':>8} {'pages':>6} {'charts':>6} {'own s':>8} {'cpu s':>7} {'gc s':>6} {'load s':>7} "
            f"{'charts s':>9} {'pages s':>8} {'ms/page':>8} {'mkdocs s':>9} {'own %':>6}"
        )
        for factor, e in res["scale"]["factors"].items():
            c, m = e["core"], e.get("mkdocs")
            mk = f"{m['wall_seconds']:9.2f} {100 * m['own_share']:5.1f}%" if m else f"{'—':>9} {'—':>6}"
            add(
                f"  {factor:>4} {sum(e['records'].values()):8} {c['generated_pages']:6} {c['charts']:6} {c['seconds']:8.2f} "
                f"{c['cpu_seconds']:7.2f} {c['gc_seconds']:6.2f} {c['load_check_seconds']:7.2f} {c['chart_seconds']:9.2f} "
                f"{c['pages_seconds']:8.2f} {c['ms_per_generated_page']:8.1f} {mk}"
            )
        if "exponent" in res["scale"]:
            a, b = res["scale"]["exponent_between"]
            phases = ", ".join(f"{k} {v:.2f}" for k, v in res["scale"]["exponent_by_phase"].items())
            add(
                f"  growth exponent {a}x -> {b}x: {res['scale']['exponent']:.2f} wall, {res['scale']['exponent_cpu']:.2f} CPU"
                f"  (by phase, wall: {phases})"
            )
    if "sizes" in res:
        z = res["sizes"]
        add("")
        add(f"Sizes: search index {z['search_index_bytes'] / KB:.1f} KB")
        for name, p in z["pages"].items():
            add(
                f"  {name:10} html {p['html_gzip_bytes'] / KB:6.1f} KB + {len(p['assets'])} assets {p['assets_gzip_bytes'] / KB:6.1f} KB"
                f" = {p['total_gzip_bytes'] / KB:6.1f} KB gzip"
            )
    add("")
    add("Budgets")
    for b in res["budgets"]:
        add(f"  {'PASS' if b['pass'] else 'FAIL'}  {b['budget']}: {b['value']:.2f}{b['unit']} (limit {b['limit']}{b['unit']})")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="bench-results.json", help="JSON report (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each build and serve edit (median reported)")
    parser.add_argument("--scales", default="1,10,100", help="synthetic sizes, e.g. 1,10,100 (empty: skip)")
    parser.add_argument("--mkdocs-scales", default="1,10", help="sizes also built with MkDocs")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: builds, serve, scale")
    parser.add_argument("--profile", type=int, metavar="FACTOR", help="also print a cProfile of render_site at this size")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    factors = [int(f) for f in args.scales.split(",") if f]
    res: dict = {
        "meta": {
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "python": platform.python_version(),
            "mkdocs": version("mkdocs"),
            "mkdocs_material": version("mkdocs-material"),
            "cpus": os.cpu_count(),
            "commit": subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
            ).stdout.strip(),
        }
    }
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        work = Path(tmp)
        if "builds" not in skip:
            print("building the real site...", file=sys.stderr)
            res["builds"] = bench_builds(work, args.repeats)
            _, _, bench_id = pick_result(ROOT / "data" / "results.yaml")
            res["sizes"] = bench_sizes(Path(res["builds"].pop("site_dir")), f"benchmarks/{bench_id}/")
        if "serve" not in skip:
            print("timing mkdocs serve...", file=sys.stderr)
            res["serve"] = bench_serve(work, args.repeats)
        if "scale" not in skip and factors:
            print("building synthetic projects...", file=sys.stderr)
            res["scale"] = bench_scale(work, factors, {int(f) for f in args.mkdocs_scales.split(",") if f})
        if args.profile:
            print(f"profiling render_site at {args.profile}x...", file=sys.stderr)
            res["profile"] = profile_scale(work, args.profile)
    res["budgets"] = budgets(res)
    Path(args.out).write_text(json.dumps(res, indent=1) + "\n")
    if "profile" in res:
        print(res["profile"])
    print(report(res))
    print(f"\nWritten to {args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
