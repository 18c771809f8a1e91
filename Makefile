# Two commands on a fresh machine with only python3: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)

export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve test build check bench audit lock clean

install: $(STAMP)

# Exactly pinned, hash-checked dependencies; the package itself in editable mode.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

serve: $(STAMP)  ## build and serve on http://127.0.0.1:8000 with live reload
	KB_CODE_REFERENCE=false $(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

test: $(STAMP)  ## the whole test suite
	$(BIN)/python -m pytest

build: $(STAMP)  ## strict build into site/ (the previous site stays if the build fails)
	$(BIN)/kb build

check: $(STAMP)  ## validate data/ without building
	$(BIN)/kb check

bench: $(STAMP)  ## build, preview and test-suite speed as ratios measured side by side (not part of make test)
	$(BIN)/python scripts/bench.py

# Lighthouse, pinned in package.json/package-lock.json; reinstalled when either changes.
NODE_STAMP := node_modules/.installed-$(shell cat package.json package-lock.json 2>/dev/null | cksum | cut -d' ' -f1)

audit: $(STAMP)  ## Lighthouse against plain Material, search latency, and axe-core on every page (CI=true: gate only machine-independent results)
	@test -f $(NODE_STAMP) || { PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund && touch $(NODE_STAMP); }
	$(MAKE) --no-print-directory build
	$(BIN)/python scripts/audit.py $(AUDIT_ARGS)
	$(BIN)/python -m pytest -q tests/test_accessibility.py --every-page

lock:  ## re-pin requirements.txt from pyproject.toml (run after changing dependencies)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev \
		--no-emit-index-url --no-emit-find-links -o requirements.txt pyproject.toml

clean:
	rm -rf site .cache .pytest_cache build *.egg-info hooks/*.egg-info
