# Quick start: `make demo` runs the whole lifecycle; `make test` runs every check CI runs.
# Both install what they need first (Debian packages through scripts/install-system-deps).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo serve test lint system-deps templates bench bench-deps bench-render bench-scan bench-lifecycle clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,postgres]'
	touch $@

system-deps:
	scripts/install-system-deps

# The main job: a sample package through submission, a 退文 round, every review gate and publication.
demo: system-deps $(VENV)/.installed
	$(BIN)/policyflow demo --out policyflow-demo

# Prefect server + UI on 127.0.0.1:4200, the deployments of prefect.yaml and a worker.
serve: $(VENV)/.installed
	$(BIN)/policyflow serve

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: system-deps lint
	$(BIN)/pytest

# The Word templates are generated; edit scripts/make_templates.py, run this, commit both.
templates: $(VENV)/.installed
	$(BIN)/python scripts/make_templates.py

# LibreOffice is only the benchmark's baseline, so it is not part of system-deps.
bench-deps:
	scripts/install-system-deps --bench

# Every benchmark prints its figures beside its baseline and exits 1 when it misses its target;
# `make bench` runs them all (several minutes) and fails if any missed.
bench: bench-deps $(VENV)/.installed
	status=0; for name in render scan lifecycle; do $(BIN)/python benchmarks/$$name.py || status=1; done; exit $$status

bench-render: bench-deps $(VENV)/.installed
	$(BIN)/python benchmarks/render.py

bench-scan: $(VENV)/.installed
	$(BIN)/python benchmarks/scan.py

# N packages through the review chain and publication against a bare Prefect flow with as many gates.
bench-lifecycle: system-deps $(VENV)/.installed
	$(BIN)/python benchmarks/lifecycle.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
