# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint install bench eval clean browser screenshots

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

test: lint browser
	$(BIN)/python -m pytest -q

# Browser tests (tests/test_web_browser.py) drive Debian's chromium; installed here when we can (root
# with apt-get, as in CI), else they are skipped with a note.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "NOTE: could not install chromium: the browser tests will be skipped"; \
	else echo "NOTE: /usr/bin/chromium is absent: the browser tests will be skipped (apt-get install chromium)"; fi

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

eval: $(STAMP)
	$(BIN)/python eval/run_all.py

clean:
	rm -rf $(VENV) newsevents.duckdb .pytest_cache .ruff_cache

# Refresh the README's screenshots of the web explorer (the browser tests take them).
screenshots: $(STAMP) browser
	NEWSEVENTS_SCREENSHOTS=docs/img $(BIN)/python -m pytest -q tests/test_web_browser.py
