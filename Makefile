# Set-up and daily commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint format serve clean bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

## Install, migrate, load the demo content into an empty database and serve the site,
## with the background worker that reads uploaded documents.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	@# The worker reads uploaded documents in the background; it stops with the server.
	DEBUG=1 $(BIN)/python manage.py db_worker --backend background --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

## The whole test suite, on the database in DATABASE_URL (SQLite by default).
test: install
	$(BIN)/pytest

## The benchmark (docs/performance.md) on a fresh database: a temporary SQLite file, or the
## PostgreSQL database in BENCH_DATABASE_URL, created and dropped by the command.
BENCH_SIZE ?= 10000
BENCH_DB := $(if $(BENCH_DATABASE_URL),postgresql,sqlite)
BENCH_OUT ?= bench-results/bench-$(BENCH_DB)-$(BENCH_SIZE).json
bench: install
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	DATABASE_URL="$${BENCH_DATABASE_URL:-sqlite:///$$tmp/bench.sqlite3}" ALLOWED_HOSTS=localhost \
	SECRET_KEY="$${SECRET_KEY:-bench-only-not-secret}" \
	$(BIN)/python manage.py bench --size $(BENCH_SIZE) --out $(BENCH_OUT)

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 media static
