# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Embedded defaults for local development: SQLite, filesystem broker, outbox folder.
DEV_ENV := DEBUG=1 PATH="$(CURDIR)/$(BIN):$$PATH"

.PHONY: run test install setup clean

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

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf .local
