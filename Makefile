# Two commands for a new machine: `make demo` and `make test`. Both create .venv and install on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint run ui bench bench-replay lock clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## sample data → DuckDB through Dagster, with a summary
	$(BIN)/creditwh demo

test: $(STAMP)  ## the test suite (installs Debian's chromium and postgresql if missing; starts a private loopback cluster)
	sh scripts/ensure_chromium.sh
	sh scripts/ensure_postgres.sh >/dev/null
	$(BIN)/python -m pytest -q

# The edit loop: everything but the tiers below, on both cores (about 3 minutes).
FAST := not (ducklake or bench or e2e or browser)
test-fast: $(STAMP)  ## the fast tier: no PostgreSQL, benchmark, whole demo or browser
	$(BIN)/python -m pytest -q -n 2 -m "$(FAST)"

lint: $(STAMP)  ## ruff (check and format), sqlfluff, the import contracts and mypy on the platform package
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint sql
	$(BIN)/lint-imports
	$(BIN)/mypy creditwh/platform

run: $(STAMP)  ## materialise what is in the landing folder
	$(BIN)/creditwh run

ui: $(STAMP)  ## the Dagster UI on the demo's instance (pool limits from dagster.yaml)
	mkdir -p data/dagster_home && cp dagster.yaml data/dagster_home/dagster.yaml
	DAGSTER_HOME=$(CURDIR)/data/dagster_home $(BIN)/dagster dev -w workspace.yaml

bench: $(STAMP)  ## benchmark: ROWS sample rows (default 1M) through every asset, also on DuckLake with 1 and 2 workers
	$(BIN)/creditwh bench --rows $(or $(ROWS),1000000) --ducklake 1,2

bench-replay: $(STAMP)  ## replay equivalence at a larger size than CI's (SEEDS histories, default 10) → bench/results/replay.md
	$(BIN)/python -m tests.replay.larger --seeds $(or $(SEEDS),10)

lock: $(STAMP)  ## re-resolve the pinned versions after a dependency change
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf data/landing data/warehouse.duckdb data/warehouse.duckdb.wal
