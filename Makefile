# Every target bootstraps its own virtual environment in .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: help venv system-deps demo serve test lint bench screenshots clean

help:
	@echo "make demo   build the demo network and serve it at http://$(HOST):$(PORT)"
	@echo "make test   lint, type-check and run the whole test suite"
	@echo "make lint   ruff, mypy, the import contracts and the dead-code check only"
	@echo "make bench  run the benchmarks and write benchmarks/RESULTS.md"
	@echo "make screenshots  redraw the README's pictures of the main pages (docs/screenshots)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

# Debian packages the browser and database tests need: installed when we are root and
# they are missing; otherwise a note says what to install.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v pg_isready >/dev/null 2>&1 || missing="$$missing postgresql"; \
	test -x /usr/sbin/dovecot || missing="$$missing dovecot-imapd"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Please install these packages:$$missing (sudo apt-get install$$missing)"; \
	  fi; \
	fi

demo: venv
	$(BIN)/allies demo --replace
	@echo "Serving the demo network at http://$(HOST):$(PORT)  (Ctrl-C to stop)"
	$(BIN)/allies -w demo serve --host $(HOST) --port $(PORT)

serve: venv
	$(BIN)/allies serve --host $(HOST) --port $(PORT)

lint: venv
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/vulture

# Whole files to each worker, longest first (the order tests/conftest.py gives them).
test: venv system-deps lint
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto --dist loadfile --no-loadscope-reorder

bench: venv
	$(BIN)/python benchmarks/run.py

# The README's tour, drawn again from the demo in headless Chromium.
screenshots: venv system-deps
	ALLIES_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider tests/browser/test_tour_screenshots_browser.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
