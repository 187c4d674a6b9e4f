# Set-up and daily commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint format serve clean bench evaluate screenshots loadtest

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

## Install, migrate, load the demo content into an empty database and serve the site,
## with the background worker that reads uploaded documents.
## Absolute URLs (and the Wagtail Site) follow HOST, unless SITE_URL is set.
run: export DEBUG = 1
run: export SITE_URL ?= http://$(HOST)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@# The worker reads uploaded documents in the background; it stops with the server.
	$(BIN)/python manage.py db_worker --backend background --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

## The whole test suite, on the database in DATABASE_URL (SQLite by default). A module's tests
## stay on one worker, so data they share is built once. Modules without a database first, then
## pytest-django's order (those that commit, which empty the database after them, last).
test: install
	$(BIN)/pytest -n auto --dist loadscope --no-loadscope-reorder

## The benchmark (docs/performance.md) on a fresh database: a temporary SQLite file, or the
## PostgreSQL database in BENCH_DATABASE_URL, created and dropped by the command; the engine's
## index in a temporary folder (SEARCH_BACKEND chooses the engine, as for the site).
BENCH_SIZE ?= 10000
BENCH_DB := $(if $(BENCH_DATABASE_URL),postgresql,sqlite)
BENCH_OUT ?= bench-results/bench-$(BENCH_DB)-$(BENCH_SIZE).json
bench: install
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	DATABASE_URL="$${BENCH_DATABASE_URL:-sqlite:///$$tmp/bench.sqlite3}" ALLOWED_HOSTS=localhost \
	SEARCH_INDEX_DIR="$$tmp/search-index" \
	SECRET_KEY="$${SECRET_KEY:-bench-only-not-secret}" \
	$(BIN)/python -m tests.tools.run bench --size $(BENCH_SIZE) --out $(BENCH_OUT)

## Search quality (docs/search-quality.md): our judged queries against our own documents, in a
## fresh temporary SQLite database, or in a new database (created and dropped by the command) on
## the PostgreSQL server of EVALUATE_DATABASE_URL, e.g. postgresql://postgres@127.0.0.1:5432/x.
EVALUATE_DB := $(if $(EVALUATE_DATABASE_URL),postgresql,sqlite)
EVALUATE_OUT ?= bench-results/evaluate-$(EVALUATE_DB).json
EVALUATE_ARGS := --json $(EVALUATE_OUT) $(if $(EVALUATE_DATABASE_URL),--database-url "$(EVALUATE_DATABASE_URL)")
evaluate: install
	SECRET_KEY="$${SECRET_KEY:-evaluate-only-not-secret}" \
	$(BIN)/python -m tests.tools.run evaluate $(EVALUATE_ARGS)

## The site as in production: gunicorn, DEBUG off, static files collected and served by
## whitenoise. SECRET_KEY is generated when not set (sessions end at a restart), and HTTPS=0
## because gunicorn here speaks plain HTTP; behind a TLS proxy set HTTPS=1 and BEHIND_PROXY=1.
WORKERS ?= 3
serve: install
	export SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	HTTPS="$${HTTPS:-0}"; \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0 && \
	$(BIN)/gunicorn kennisbank.config.wsgi --bind $(HOST) --workers $(WORKERS)

## The load test (docs/performance.md) against a running `make serve`: locust, headless.
LOAD_USERS ?= 50
LOAD_TIME ?= 60s
loadtest: install
	$(BIN)/pip install --quiet -e ".[load]"
	mkdir -p bench-results
	$(BIN)/locust -f tests/tools/locustfile.py --headless --host http://$(HOST) \
	--users $(LOAD_USERS) --spawn-rate 10 --run-time $(LOAD_TIME) --only-summary \
	--csv bench-results/loadtest

## Screenshots of home, search and one item of each type, 1280 and 375 pixels wide, of the demo
## content in a temporary database, into .screenshots/ (git-ignored). Needs Debian's chromium.
SCREENSHOT_HOST ?= 127.0.0.1:8765
screenshots: install
	tmp=$$(mktemp -d); server=; trap 'kill $$server 2>/dev/null; rm -rf "$$tmp"' EXIT; \
	export DEBUG=1 DATABASE_URL="sqlite:///$$tmp/db.sqlite3" MEDIA_ROOT="$$tmp/media"; \
	$(BIN)/python manage.py migrate --noinput -v0 && $(BIN)/python manage.py load_demo >/dev/null && \
	{ $(BIN)/python manage.py runserver --noreload $(SCREENSHOT_HOST) >"$$tmp/server.log" 2>&1 & server=$$!; } && \
	$(BIN)/python -m tests.tools.run screenshots --url http://$(SCREENSHOT_HOST) --out .screenshots

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 media static search-index
