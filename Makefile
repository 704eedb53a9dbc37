# Annuaire SOS — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run setup test lint bench bench-core clean

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

# The national dataset of the benchmark (100,000 offers, ~70 s to build), beside the dev DB.
NATIONAL_DB := bench-national.sqlite3
BENCH_PORT ?= 8130

$(NATIONAL_DB): | $(VENV)/.runtime
	DATABASE_URL=sqlite:///$(CURDIR)/$@ sh -c '$(PY) manage.py migrate --noinput -v0 && $(PY) manage.py load_geo \
	  && $(PY) manage.py load_taxonomy && $(PY) manage.py seed_demo --national --offers 100000'

## Public pages through gunicorn (DEBUG off) on the demo region and the national dataset, at 1 and
## 16 clients; also on PostgreSQL when DATABASE_URL is given. Writes bench-results.json (docs/benchmarks.md).
bench: setup $(NATIONAL_DB)
	env -u DATABASE_URL $(PY) manage.py bench_http --port $(BENCH_PORT)
	DATABASE_URL=sqlite:///$(CURDIR)/$(NATIONAL_DB) $(PY) manage.py bench_http --port $(BENCH_PORT)
	if [ -n "$$DATABASE_URL" ]; then $(PY) manage.py bench_http --port $(BENCH_PORT); fi

## The search core in process (count + one page, HTML, API), on whatever data the database holds.
bench-core: $(VENV)/.runtime
	$(PY) manage.py bench_search

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
