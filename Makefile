# Two entry points: `make run` (set up, run the pipeline on corpus/ into outputs/) and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

.PHONY: setup run test eval thresholds
setup: $(STAMP)

run: $(STAMP)
	$(BIN)/extract run corpus --out outputs
	$(BIN)/extract eval --gold corpus/gold --pred outputs --out eval

test: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/extract eval --gold corpus/gold --pred outputs --out eval --min tests/thresholds.json

# After an improvement: regenerate outputs and raise the thresholds to the new scores.
thresholds: $(STAMP)
	$(BIN)/extract run corpus --out outputs
	$(BIN)/extract eval --gold corpus/gold --pred outputs --out eval --write-thresholds tests/thresholds.json
