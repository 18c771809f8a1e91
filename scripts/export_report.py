#!/usr/bin/env python3
"""Report how another engine built `kb export`'s project: which pages it wrote, which it missed.

Usage: scripts/export_report.py EXPORT_DIR  (the folder `kb export --out` wrote, built into EXPORT_DIR/site).
It only reports: the exit status is 0 whatever the engine did.
"""

import sys
from pathlib import Path


def page_file(uri: str) -> str:
    """Where a page of docs/ lands with directory URLs: ``a/b.md`` -> ``a/b/index.html``."""
    stem = uri.removesuffix(".md")
    return ("" if stem == "index" else stem.removesuffix("/index") + "/") + "index.html"


def main(export: Path) -> None:
    docs, site = export / "docs", export / "site"
    pages = sorted(
        p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] not in ("overrides",)
    )
    missing = [uri for uri in pages if not (site / page_file(uri)).is_file()]
    print(f"{len(pages) - len(missing)} of {len(pages)} pages built into {site}")
    for uri in missing:
        print(f"  missing: {uri} -> {page_file(uri)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/export"))
