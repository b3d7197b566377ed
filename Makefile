# Two commands for a new machine with Python 3.11+, pip and make:
#   make run    set up, load the demo data and serve the portal on http://127.0.0.1:$(PORT)
#   make test   set up and run the whole test suite (checks included)
# DATABASE_URL=postgres://… switches both to PostgreSQL.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: audit axe run serve test lint format install install-test translations migrate demo check messages clean

run: install translations migrate demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Production profile (README, "Deployment"): debug off, gunicorn, whitenoise; needs
# DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS, and DATABASE_URL / CACHE_URL for PostgreSQL and Redis.
serve: export DJANGO_DEBUG = 0
serve: install translations
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input --verbosity 0
	@# With CELERY_BROKER_URL set, a Celery worker runs the imports beside gunicorn (and stops with it).
	if [ -n "$${CELERY_BROKER_URL}" ]; then $(BIN)/celery -A portal worker --beat --loglevel=INFO & \
	  trap "kill $$! 2>/dev/null" EXIT INT TERM; fi; \
	GUNICORN_BIND="$${GUNICORN_BIND:-127.0.0.1:$(PORT)}" $(BIN)/gunicorn -c deploy/gunicorn.conf.py portal.wsgi:application

test: install-test translations axe lint
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# Style (ruff: lint rules and the formatter) and the layering contract (import-linter, pyproject.toml).
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Rewrites files: ruff's safe fixes, then the formatter.
format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's requirements change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# axe-core for the browser tests' accessibility audit; without npm those tests skip and say why.
axe: node_modules/axe-core/axe.min.js
node_modules/axe-core/axe.min.js:
	@if command -v npm >/dev/null; then npm install --no-save --no-audit --no-fund axe-core@4; \
	else echo "npm not found: browser tests will skip (install Node.js and npm to run them)"; fi

translations: install
	$(MANAGE) compile_translations

migrate: install
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) load_demo_data

check: install-test
	$(MANAGE) check --deploy

# For developers (needs GNU gettext): refresh the catalogues after changing strings.
# The installed versions against PyPI's advisory data (needs pypi.org's JSON API, which a
# closed network may not reach: then every package is reported "could not be audited").
audit: install
	$(BIN)/pip install --quiet pip-audit
	$(BIN)/pip freeze --exclude-editable > $(VENV)/audited-requirements.txt
	$(BIN)/pip-audit --strict --no-deps --disable-pip -r $(VENV)/audited-requirements.txt

messages: install
	$(MANAGE) makemessages --no-location --no-wrap --no-obsolete -l kk -l ru --ignore '$(VENV)/*' --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
