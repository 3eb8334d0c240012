# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DATA := demo-data

.PHONY: demo test install bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -q

demo: $(STAMP)
	rm -rf $(DEMO_DATA)
	$(BIN)/thidua --data-dir $(DEMO_DATA) ingest corpus/sample
	$(BIN)/thidua --data-dir $(DEMO_DATA) search "hội nghị tổng kết" --limit 5
	$(BIN)/thidua --data-dir $(DEMO_DATA) timeline "thi đua"
	$(BIN)/thidua --data-dir $(DEMO_DATA) stats --by year

bench: $(STAMP)
	$(BIN)/python bench/ingest_bench.py

clean:
	rm -rf $(VENV) $(DEMO_DATA) *.egg-info
