# tradecheck — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The matcher's hot modules are compiled with mypyc (setup.py, docs/build.md): an edit
# to any of the package's matching sources rebuilds them before the tests run. (Until
# then a stale binary is never used: tradecheck.match.native falls back to the sources.)
NATIVE := $(VENV)/.native
NATIVE_SRC := setup.py $(wildcard src/tradecheck/match/*.py src/tradecheck/match/*.c)
ifeq ($(TRADECHECK_PURE_PYTHON),1)
BUILT := $(STAMP)
else
BUILT := $(NATIVE)
endif

.PHONY: demo test check lint format bench clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml setup.py
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Rebuilt only when the binaries in place are not the ones in use (stale or missing).
$(NATIVE): $(STAMP) $(NATIVE_SRC)
	$(BIN)/python -c 'import sys; from tradecheck.match.native import native_status as s; \
	  sys.exit(not s().compiled)' || $(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(NATIVE)

demo: $(BUILT)
	$(BIN)/tradecheck demo

test: $(BUILT)
	$(BIN)/python -m pytest -q -n 2

check: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

bench: $(BUILT)
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/load.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
	rm -f src/*.so src/tradecheck/match/*.so src/tradecheck/match/_native.json
