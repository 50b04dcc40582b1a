# Two commands set everything up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8100
APP_URL ?= http://localhost:$(PORT)
WEB_WORKERS ?= 2
# Saleor's schema is read, never committed: from ../shared when present, else `make schema`.
SALEOR_SCHEMA_COMMIT ?= 723cd4eba87dfc72822ade45dc08a3caa548428d
SALEOR_SCHEMA_PATH ?= $(abspath $(firstword $(wildcard ../shared/saleor/schema.graphql) .cache/saleor/schema.graphql))
export SALEOR_SCHEMA_PATH

.PHONY: install run test lint format bench manifest messages schema

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/python -m saleor_returns_app migrate --noinput
	$(BIN)/python -m saleor_returns_app collectstatic --noinput --verbosity 0
	@echo "Saleor Returns is starting. Install it in Saleor from: $(APP_URL)/api/manifest"
	@trap 'kill 0' INT TERM EXIT; \
	export PORT=$(PORT) APP_URL=$(APP_URL); \
	$(BIN)/celery -A saleor_returns_app worker --beat --pool=solo --loglevel=INFO \
		--schedule "$${DATA_DIR:-var}/celerybeat-schedule" & \
	$(BIN)/gunicorn saleor_returns_app.wsgi --bind 0.0.0.0:$(PORT) --workers $(WEB_WORKERS) \
		--worker-class gthread --threads 4 \
		--access-logfile -

test: install
	@test -f "$(SALEOR_SCHEMA_PATH)" || $(MAKE) schema
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python -m saleor_returns_app.benchmarks

manifest: install
	$(BIN)/python -m saleor_returns_app write_manifest

# Every app with a locale/ directory: extract its messages (GNU xgettext), compile with Babel.
messages: install
	$(BIN)/python -m saleor_returns_app update_catalogues

schema:
	mkdir -p .cache/saleor
	curl -fsSL -o .cache/saleor/schema.graphql \
		https://raw.githubusercontent.com/saleor/saleor/$(SALEOR_SCHEMA_COMMIT)/saleor/graphql/schema.graphql
