# Two commands on a fresh machine with only python3: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)

export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve test build check bench audit export-zensical lock clean

install: $(STAMP)

# Exactly pinned, hash-checked dependencies; the package itself in editable mode.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

serve: $(STAMP)  ## build and serve on http://127.0.0.1:8000/muse-spark-kb/ with live reload
	KB_CODE_REFERENCE=false $(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

test: $(STAMP)  ## the whole test suite
	$(BIN)/python -m pytest

build: $(STAMP)  ## strict build into site/ (the previous site stays if the build fails)
	$(BIN)/kb build

check: $(STAMP)  ## every check the build runs, on data/ and docs/, without building
	$(BIN)/kb check

bench: $(STAMP)  ## build, preview and test-suite speed as ratios measured side by side (not part of make test)
	$(BIN)/python scripts/bench.py

# Lighthouse, pinned in package.json/package-lock.json; reinstalled when either changes. The
# `overrides` there pin two packages that a Lighthouse dependency asks for as "latest", which
# otherwise stops `npm ci` whenever a newer release appears.
NODE_STAMP := node_modules/.installed-$(shell cat package.json package-lock.json 2>/dev/null | cksum | cut -d' ' -f1)

audit: $(STAMP)  ## Lighthouse against plain Material, search latency, and axe-core on every page (CI=true: gate only machine-independent results)
	@test -f $(NODE_STAMP) || { PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund && touch $(NODE_STAMP); }
	$(MAKE) --no-print-directory build
	$(BIN)/python scripts/audit.py $(AUDIT_ARGS)
	$(BIN)/python -m pytest -q tests/test_accessibility.py --every-page

# Zensical builds `kb export`'s project: pinned, hash-checked, in a venv of its own (its
# dependencies differ from MkDocs'). 0.0.60 is the newest release whose dependencies install
# from the package registry; the target reports how the build went and never fails on it.
ZENSICAL_VERSION := 0.0.60
ZENSICAL_VENV    := .venv-zensical
ZENSICAL_STAMP   := $(ZENSICAL_VENV)/.installed-$(shell cat requirements-zensical.txt 2>/dev/null | cksum | cut -d' ' -f1)

$(ZENSICAL_STAMP): requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-zensical.txt
	rm -f $(ZENSICAL_VENV)/.installed-*
	touch $@

export-zensical: $(STAMP) $(ZENSICAL_STAMP)  ## `kb export` into build/export, then build it with Zensical (reports, does not gate)
	$(BIN)/kb export --out build/export
	cd build/export && ../../$(ZENSICAL_VENV)/bin/zensical build --clean -f mkdocs.yml \
		|| echo "Zensical $(ZENSICAL_VERSION) failed on the export (reported only)"
	$(BIN)/python scripts/export_report.py build/export

lock:  ## re-pin requirements.txt from pyproject.toml, and Zensical's (run after changing dependencies)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev \
		--no-emit-index-url --no-emit-find-links -o requirements.txt pyproject.toml
	echo "zensical==$(ZENSICAL_VERSION)" | $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements-zensical.txt -

clean:
	rm -rf site staging .cache .pytest_cache build *.egg-info hooks/*.egg-info
