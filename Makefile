# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint install bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs exactly the hash-pinned lock, then the project itself without touching dependencies.
$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsevents demo --db newsevents.duckdb

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

eval: $(STAMP)
	$(BIN)/python eval/run_all.py

clean:
	rm -rf $(VENV) newsevents.duckdb .pytest_cache .ruff_cache
