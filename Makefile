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

PARTS := sample dev test

run: $(STAMP)
	$(BIN)/extract run corpus --out outputs
	@for part in $(PARTS); do echo "== $$part (corpus/splits.json)"; \
		$(BIN)/extract eval --gold corpus/gold --pred outputs --part $$part --out eval/$$part || exit 1; done

test: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

eval: $(STAMP)
	@for part in $(PARTS); do $(BIN)/extract eval --gold corpus/gold --pred outputs --part $$part \
		--out eval/$$part --min tests/thresholds.json || exit 1; done

# After an improvement: regenerate outputs and raise the thresholds to the new scores.
thresholds: $(STAMP)
	$(BIN)/extract run corpus --out outputs
	@for part in $(PARTS); do $(BIN)/extract eval --gold corpus/gold --pred outputs --part $$part \
		--out eval/$$part --write-thresholds tests/thresholds.json > /dev/null || exit 1; done
