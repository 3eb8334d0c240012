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

# Quick sizes; the issues' full runs: bench/search_bench.py (10,000 and 50,000 articles),
# bench/copies_bench.py --articles 50000.
bench: $(STAMP)
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/extract_bench.py --articles 1000 --jobs 2
	$(BIN)/python bench/crawl_bench.py
	$(BIN)/python -W ignore bench/search_bench.py --sizes 2000
	$(BIN)/python bench/copies_bench.py --originals 150 --articles 2000 --new 200

clean:
	rm -rf $(VENV) $(DEMO_DATA) *.egg-info
