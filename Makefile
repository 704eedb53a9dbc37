# Annuaire SOS — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run setup test lint bench clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## Prepare the database: migrations, reference data, demo region, open-data files (safe to re-run).
setup: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_geo
	$(PY) manage.py load_taxonomy
	$(PY) manage.py load_ror_mapping
	$(PY) manage.py load_needs
	$(PY) manage.py seed_demo
	$(PY) manage.py export_opendata
	$(PY) manage.py refresh_insight

## Serve the site on http://127.0.0.1:$(PORT)
run: setup
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## Quality gates then the whole test suite (SQLite unless DATABASE_URL is set).
test: $(VENV)/.dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n 2 --dist loadgroup

lint: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## Search speed on the demo region and on a national dataset (prints p50/p95).
bench: $(VENV)/.runtime
	$(PY) manage.py bench_search

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
