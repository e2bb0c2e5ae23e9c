# Two commands on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
FLASK := FLASK_APP=wsgi.py $(VENV)/bin/flask
PYTEST := $(PY) -m pytest
# The interpreter the virtual environment is made from (Python 3.11 to 3.13).
PYTHON ?= python3
export PYTHON
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve install install-test translations extract-messages db test test-sqlite test-postgres test-e2e bench diagram clean

$(VENV)/.installed: pyproject.toml
	@scripts/check_machine.sh run
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	@scripts/check_machine.sh test
	$(PIP) install --quiet -e '.[test]'
	touch $@

# The independent credential verifier (Digital Bazaar's libraries, from the npm registry).
NODE_VERIFIER := tests/node_verifier
$(NODE_VERIFIER)/node_modules/.installed: $(NODE_VERIFIER)/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix $(NODE_VERIFIER) --no-audit --no-fund && touch $@; \
	else echo "npm missing: the Node verifier tests will be skipped (failed on CI)"; fi

install: $(VENV)/.installed translations
install-test: $(VENV)/.installed-test translations $(NODE_VERIFIER)/node_modules/.installed

# Message catalogues are compiled at install; the .mo files are not committed.
translations: $(VENV)/.installed
	$(VENV)/bin/pybabel compile --use-fuzzy -d vae/translations

extract-messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -o messages.pot --no-location --sort-output .
	$(VENV)/bin/pybabel update -i messages.pot -d vae/translations --no-fuzzy-matching
	rm messages.pot

db: install
	$(FLASK) db upgrade

run: db
	@$(FLASK) vae demo-if-empty
	$(FLASK) run --host 127.0.0.1 --port 5000

# Production: gunicorn with gunicorn.conf.py (settings from the environment, see
# docs/deployment.md); the schema is migrated first, no demo is loaded.
serve: db
	VAE_CONFIG=$${VAE_CONFIG:-production} $(VENV)/bin/gunicorn -c gunicorn.conf.py

# The database passes run on every core (pytest-xdist): each worker has its own SQLite
# files or its own throwaway PostgreSQL cluster, and its own ports (every server a test
# starts binds port 0). `--dist loadfile` keeps a file on one worker, so module-scoped
# worlds are built once and tests/test_architecture.py's probe file is seen by no other
# lint run. TEST_WORKERS=0 runs serially. The browser journeys share one Chromium: serial.
TEST_WORKERS ?= auto
XDIST := -n $(TEST_WORKERS) --dist loadfile

# The whole suite on SQLite, the browser journeys in Chromium, then the suite again
# on a throwaway PostgreSQL cluster that the tests start themselves.
test: install-test
	@echo "== tests on SQLite =="
	$(PYTEST) -p no:cacheprovider -q -m "not e2e" $(XDIST)
	@echo "== journeys in Chromium (SQLite) =="
	$(PYTEST) -p no:cacheprovider -q -m e2e
	@echo "== tests on PostgreSQL =="
	VAE_TEST_DATABASE=postgresql $(PYTEST) -p no:cacheprovider -q -m "not e2e" $(XDIST)

test-sqlite: install-test
	$(PYTEST) -q

test-postgres: install-test
	VAE_TEST_DATABASE=postgresql $(PYTEST) -q -m "not e2e" $(XDIST)

test-e2e: install-test
	$(PYTEST) -q -m e2e

# BENCH_CASES sets the generated dataset's size (default 2,000); the 100k run is in
# docs/performance.md.
bench: install-test
	$(PY) -m bench

diagram: install
	$(PY) scripts/update_readme_diagrams.py

clean:
	rm -rf $(VENV) .pytest_cache
