# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Embedded defaults for local development: SQLite, filesystem broker, outbox folder.
DEV_ENV := DEBUG=1 PATH="$(CURDIR)/$(BIN):$$PATH"

.PHONY: run test install setup clean bench lighthouse

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (found %s); set PYTHON=python3.11" % sys.version.split()[0])'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(INSTALLED)

setup: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py setup_shop

# Web server, Celery worker and beat together; one Ctrl-C stops all of them.
run: setup
	@echo "The shop is starting at http://127.0.0.1:8000 (emails go to .local/outbox/)"
	$(DEV_ENV) $(BIN)/honcho --procfile Procfile.dev start

# The whole suite on the default database (SQLite), then again on PostgreSQL when
# TEST_POSTGRES_URL is set (CI sets it; tests marked `postgres` run only there).
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ -n "$$TEST_POSTGRES_URL" ]; then \
		echo "== the suite again on PostgreSQL ($$TEST_POSTGRES_URL)"; \
		DATABASE_URL="$$TEST_POSTGRES_URL" $(BIN)/python -m pytest $(PYTEST_ARGS); \
	elif [ "$$SHOP_TEST_REQUIRE_SERVICES" = 1 ]; then \
		echo "TEST_POSTGRES_URL is not set, and SHOP_TEST_REQUIRE_SERVICES=1" >&2; exit 1; \
	else \
		echo "TEST_POSTGRES_URL is not set: the PostgreSQL pass (and the tests marked postgres) did not run."; \
	fi

# --- dependency lock and audit (issue 6) ---
.PHONY: lock audit
# requirements.lock: every installed version, for pip-audit (and reproducible installs).
lock: install
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^acupressure-shop' > requirements.lock

# Known vulnerabilities in the locked versions (PyPI's advisory API; see scripts/dependency_audit.py).
audit: install
	$(BIN)/python scripts/dependency_audit.py $(AUDIT_ARGS)
# --- end dependency lock and audit ---

clean:
	rm -rf .local

# Storefront pages under gunicorn (production settings) against a bare Django view; needs wrk.
bench: install
	$(BIN)/python scripts/bench_pages.py

# Lighthouse (mobile) scores for home, a product page and the article; npm lighthouse in .local/.
lighthouse: install
	test -x .local/lighthouse/node_modules/.bin/lighthouse || (mkdir -p .local/lighthouse && cd .local/lighthouse && npm install --no-audit --no-fund lighthouse@12.8.2)
	$(BIN)/python scripts/lighthouse.py
