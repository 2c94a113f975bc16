# Cairn: `make demo` to try it, `make test` to check it. See README.md.
SHELL := /bin/sh
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
PORT ?= 8000
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/cairn
PYTEST_ARGS ?=

.PHONY: setup assets demo test test-sqlite test-postgres test-browser audit clean

setup: $(VENV)/.installed
	@scripts/ensure-services runtime

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# The built styles and scripts are committed under cairn/core/static/ (decision 11), so a server needs neither Node.js
# nor npm. After changing cairn/core/assets/ or package.json, rebuild them with `make assets` and commit the result.
assets: node_modules/.installed
	npm run --silent build
	mkdir -p cairn/core/static/govuk
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js cairn/core/static/govuk/govuk-frontend.min.js
	sha256sum cairn/core/assets/*.scss package-lock.json > cairn/core/assets/built-from.sha256

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: setup
	CAIRN_DEMO=1 $(VENV)/bin/cairn migrate --no-input -v 0
	CAIRN_DEMO=1 $(VENV)/bin/cairn load-demo
	@echo ""
	@echo "Cairn is at http://127.0.0.1:$(PORT)/ (press Ctrl+C to stop)"
	CAIRN_DEMO=1 VENV=$(VENV) scripts/serve $(PORT)

# The whole suite on SQLite, then on PostgreSQL (which must be running: this fails, never skips, without it).
test: setup
	scripts/ensure-services test
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== Tests on SQLite"
	CAIRN_DATA_DIR=$(CURDIR)/build/test-data $(VENV)/bin/python -m pytest $(PYTEST_ARGS)

test-postgres:
	@echo "== Tests on PostgreSQL ($(TEST_DATABASE_URL))"
	CAIRN_DATA_DIR=$(CURDIR)/build/test-data CAIRN_REQUIRE_POSTGRES=1 DATABASE_URL=$(TEST_DATABASE_URL) \
		$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

test-browser: setup
	CAIRN_DATA_DIR=$(CURDIR)/build/test-data $(VENV)/bin/python -m pytest -m browser $(PYTEST_ARGS)

# Known vulnerabilities in the pinned dependencies. Needs a vulnerability database (PyPI's JSON API or OSV); where
# neither can be reached it says the dependencies were not audited and fails (scripts/audit). Not part of `make test`.
# pip-audit lives in its own environment so it never mixes with Cairn's dependencies.
audit:
	test -x build/audit/bin/pip-audit || ($(PYTHON) -m venv build/audit && build/audit/bin/pip install --quiet pip-audit==2.10.1)
	scripts/audit build/audit/bin/pip-audit requirements.txt requirements-dev.txt

clean:
	rm -rf build node_modules $(VENV)
