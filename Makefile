# Annuaire SOS — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run serve setup test audit browser-deps lint bench bench-core loadtest clean

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

# The background worker (imports, docs/adr/0031-background-jobs.md) runs beside the server and
# stops with it (Ctrl+C). Not reloaded on code changes: restart `make run` after editing a job.
WORKER = $(PY) manage.py db_worker --no-reload --queue-name default & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM;

## Serve the site on http://127.0.0.1:$(PORT) (development server, DEBUG on) with its worker
run: setup
	export DEBUG=true; $(WORKER) \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# A secret key of this checkout for `make serve`, made once, never committed.
.serve-secret-key:
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

# The scheduled jobs (annuaire/server/schedule.py: e-mails, yearly check, nightly figures),
# beside the server and the worker, stopped with them.
WORKER_AND_SCHEDULER = $(PY) manage.py db_worker --no-reload --queue-name default & worker=$$!; \
	$(PY) manage.py scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM;

## The production stack on this machine (SQLite): collectstatic, then gunicorn with DEBUG off,
## the background worker and the scheduled jobs.
serve: setup .serve-secret-key
	$(PY) manage.py collectstatic --noinput --verbosity 0
	export DEBUG=false SECRET_KEY="$$(cat .serve-secret-key)" SITE_URL=http://127.0.0.1:$(PORT); $(WORKER_AND_SCHEDULER) \
	  $(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

## Quality gates then the whole test suite (SQLite unless DATABASE_URL is set).
test: $(VENV)/.dev browser-deps audit
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n 2 --dist loadgroup

## Known vulnerabilities in the pinned dependencies (pip-audit; skipped, with a French message, offline).
audit: $(VENV)/.dev
	$(PY) tools/audit_dependencies.py

## Debian's chromium for the browser tests: installed when root, else a French message.
browser-deps:
	@sh tools/browser_deps.sh

lint: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

BENCH_PORT ?= 8130
LOADTEST_PORT ?= 8131
LOADTEST_TIME ?= 2m30s
LOADTEST_USERS ?= 20

## Both datasets (demo region; national: 100,000 offers, built once in bench-national.sqlite3) on
## SQLite and on PostgreSQL (DATABASE_URL's server, else a throw-away one started here), served by
## gunicorn (DEBUG off), at 1 and 16 clients. Writes bench-results.json (docs/benchmarks.md).
bench: $(VENV)/.runtime
	$(PY) manage.py bench --port $(BENCH_PORT) $(BENCH_ARGS)

## Locust, headless, against gunicorn (DEBUG off) on the demo region for $(LOADTEST_TIME):
## patients, nurses, coordinators, a harvester; fails on any error (docs/benchmarks.md).
loadtest: setup $(VENV)/.dev
	$(PY) manage.py loadtest --port $(LOADTEST_PORT) --time $(LOADTEST_TIME) --users $(LOADTEST_USERS)

## The search core in process (count + one page, HTML, API), on whatever data the database holds.
bench-core: $(VENV)/.runtime
	$(PY) manage.py bench_search

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media
