# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DATA := demo-data
SCREENSHOTS := $(CURDIR)/test-screenshots

.PHONY: demo test install bench clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,cluster]'
	touch $(STAMP)

# Byte-code compiled ahead, so a one-shot command does not compile its modules each time
# where Python is told not to write them (PYTHONDONTWRITEBYTECODE); up-to-date files are skipped.
install: $(STAMP)
	$(BIN)/python -m compileall -q ingest index search

# The browser tests drive Debian's chromium; installed here when missing and we are root
# (as on CI). Elsewhere they skip, except under CI=true, where they fail.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	  else \
	    echo "chromium is missing and this is not root: the browser tests will skip"; \
	  fi; \
	fi

test: $(STAMP) chromium
	@status=0; THIDUA_SCREENSHOTS=$(SCREENSHOTS) $(BIN)/python -m pytest -q || status=$$?; \
	echo "Screenshots of the browser tests: $(SCREENSHOTS)"; exit $$status

demo: $(STAMP)
	rm -rf $(DEMO_DATA)
	$(BIN)/thidua --data-dir $(DEMO_DATA) ingest corpus/sample
	$(BIN)/thidua --data-dir $(DEMO_DATA) search "hội nghị tổng kết" --limit 5
	$(BIN)/thidua --data-dir $(DEMO_DATA) timeline "thi đua"
	$(BIN)/thidua --data-dir $(DEMO_DATA) stats --by year
	@echo
	@echo "To open the archive in a web browser, run:"
	@echo "    $(BIN)/thidua --data-dir $(DEMO_DATA) serve"
	@echo "then open http://127.0.0.1:8000/ (Ctrl+C stops the server)."

# Quick sizes; the issues' full runs: bench/search_bench.py (10,000 and 50,000 articles),
# bench/copies_bench.py --articles 50000.
bench: $(STAMP)
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/extract_bench.py --articles 1000 --jobs 2
	$(BIN)/python bench/crawl_bench.py
	$(BIN)/python -W ignore bench/search_bench.py --sizes 2000
	$(BIN)/python bench/web_bench.py --articles 2000 --rounds 2
	$(BIN)/python bench/copies_bench.py --originals 150 --articles 2000 --new 200

clean:
	rm -rf $(VENV) $(DEMO_DATA) *.egg-info
