# Báo nói: `make run` starts the service with the sample article; `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
DEMO   := app/demo/backan-2021-09-21-chat-luong-to-chuc-dang.html
HOST   ?= 127.0.0.1
PORT   ?= 8000
# `make test` runs the test files in this many processes (pytest-xdist; 0: in pytest's own).
# Most tests wait on servers, browsers and subprocesses: two keep a 2-core machine busy.
PYTEST_WORKERS ?= 2

# setuptools prints a box of advice ("Editable installation. Please be careful with folders in
# your working directory...") on every editable install of a project whose package directories
# are mapped (templates/ is app/templates in the wheel): advice for us, noise for a new user.
EDITABLE_INSTALL := PYTHONWARNINGS='ignore:Editable installation' $(BIN)/python -m pip install --quiet -e

.PHONY: help run test lint bench clean

help: ## this list
	@echo "make run   [HOST=127.0.0.1] [PORT=8000]  install the service in .venv, load the sample article, serve it (Ctrl-C stops)"
	@echo "make test  [PYTEST_ARGS='-k reader']     install the test tools too, then ruff, mypy and the whole test suite"
	@echo "           [PYTEST_WORKERS=2]            test processes (0: one)"
	@echo "make lint                                ruff check, ruff format --check, mypy"
	@echo "make bench                               every benchmark in bench/ (python -m bench)"
	@echo "make clean                               remove .venv and the caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# `make run` needs the service only; `make test` adds the test extras (Playwright, Piper, ...).
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(EDITABLE_INSTALL) .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	$(EDITABLE_INSTALL) '.[test]'
	touch $(STAMP) $(RUN_STAMP)

run: $(RUN_STAMP)
	@echo "Báo nói: http://$(HOST):$(PORT)/ (Ctrl-C stops; another port: make run PORT=8080)"
	$(BIN)/baonoi ingest --id bac-kan-chat-luong-to-chuc-dang $(DEMO)
	$(BIN)/baonoi serve --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache
