# Build, preview and test the site. Everything runs in the project's own venv (.venv).
#
#   make site    convert content/ and build the site into site/
#   make serve   live preview on http://127.0.0.1:8000/ (rebuilds what changed, into build/serve/)
#   make test    the test suite, browser tests included when Debian's chromium is there
#   make check   convert and check all content without building the site
#   make golden  regenerate tests/golden/ after an intended output change (review the diff)
#   make corpus  convert every document of ../shared/corpus-dev (CORPUS=...) and tabulate the problems
#   make lint    ruff and mypy
#   make bench   build generated collections of 100 and 1,000 documents, and the real PDFs of
#                ../shared/corpus-dev when present; figures in BENCHMARKS.md
#   make bench-search  the search on 5,000 generated documents per language: bytes, latency
#   make lock    refresh requirements.lock (the pinned versions every install uses)
#   make clean   remove generated files (not the venv)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
NOTO_CJK := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
PYTEST_ARGS ?=
LOCK := requirements.lock
LOCK_VENV := build/lock-venv

export NO_MKDOCS_2_WARNING := 1

# Reproducible builds: every date the site prints that a document does not give (sitemap,
# feeds, archive entries, the AKN generation date) is the time of the last commit that
# changed content/, unless SOURCE_DATE_EPOCH is set already.
ifeq ($(origin SOURCE_DATE_EPOCH), undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct -- content 2>/dev/null)
endif
ifneq ($(strip $(SOURCE_DATE_EPOCH)),)
export SOURCE_DATE_EPOCH
endif

.PHONY: venv site serve test check golden lint lock bench clean browser-deps reading-deps

venv: $(STAMP)

# Re-installed only when pyproject.toml or the lock changes; every package at the version
# pinned in requirements.lock.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[test]'
	touch $@

# Pin the newest versions pyproject.toml allows (run after changing its dependencies, or to
# upgrade); review the diff of requirements.lock, then run make test.
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check pip-tools
	$(LOCK_VENV)/bin/pip-compile --quiet --upgrade --extra test --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml

site: venv reading-deps
	$(BIN)/python -m build_tools build --strict

serve: venv reading-deps
	$(BIN)/python -m build_tools serve --dev-addr 127.0.0.1:8000

test: venv reading-deps browser-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check: venv reading-deps
	$(BIN)/python -m build_tools check --strict

# Every document of a folder converted (nothing published), one row each, totals by code:
# build/corpus-report.<form>.md. CORPUS=folder, FORMS="pdf pymupdf layout".
CORPUS ?= ../shared/corpus-dev
FORMS ?= pdf pymupdf layout
.PHONY: corpus
corpus: venv reading-deps
	@if [ ! -d "$(CORPUS)" ]; then echo "make corpus: $(CORPUS) is not here (CORPUS=folder to choose one)"; exit 2; fi
	@for form in $(FORMS); do $(BIN)/python -m build_tools report "$(CORPUS)" --form $$form || exit $$?; done

# Generated collections of 100 and 1,000 documents per language (5,000 if the time allows)
# built in build/bench/; the medians go into BENCHMARKS.md. BENCH_ARGS=--runs 5 and so on.
BENCH_ARGS ?=
bench: venv reading-deps
	$(BIN)/python -m bench.run $(BENCH_ARGS)
	$(BIN)/python -m bench.real  # the real PDFs of ../shared/corpus-dev, when present
	$(BIN)/python -m bench.second_reading  # what reading them a second time costs

# The search on N generated documents per language (bench/search.py): index build time and
# size, bytes downloaded for a first query and time from the last keystroke to the results,
# in Debian's chromium. SEARCH_BENCH_ARGS="--n 100 --work build/bench-search" and so on.
SEARCH_BENCH_ARGS ?= --n 5000 --work build/bench-search
.PHONY: bench-search
bench-search: venv browser-deps
	$(BIN)/python -m bench.search $(SEARCH_BENCH_ARGS)

golden: venv
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py -q
	git diff --stat -- tests/golden

# Debian's chromium, CJK fonts and pdftoppm (print screenshots) for the browser tests (Playwright cannot download
# browsers here); installed only when missing, with apt-get, as root.
browser-deps:
	@if [ -x $(CHROMIUM) ] && [ -f $(NOTO_CJK) ] && command -v pdftoppm >/dev/null 2>&1; then \
	  :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "make test: $(CHROMIUM) or fonts-noto-cjk is missing and apt-get is not available: the browser tests will be skipped"; \
	elif [ "$$(id -u)" != 0 ]; then \
	  echo "make test: $(CHROMIUM) or fonts-noto-cjk is missing and we are not root: the browser tests will be skipped (install them with: sudo apt-get install chromium fonts-noto-cjk poppler-utils)"; \
	else \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk poppler-utils; \
	fi

# Poppler's pdftotext, which reads every PDF a second time to prove that no text was lost
# (build_tools/second_reading.py); installed only when missing, with apt-get, as root.
reading-deps:
	@if command -v pdftotext >/dev/null 2>&1; then \
	  :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "make: pdftotext (poppler-utils) is missing and apt-get is not available: PDFs will be converted without their second reading"; \
	elif [ "$$(id -u)" != 0 ]; then \
	  echo "make: pdftotext is missing and we are not root: PDFs will be converted without their second reading (install it with: sudo apt-get install poppler-utils)"; \
	else \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends poppler-utils; \
	fi

# Both run even when the first fails, so that one pass reports everything.
lint: venv
	@status=0; \
	$(BIN)/ruff check build_tools tests bench || status=1; \
	$(BIN)/mypy || status=1; \
	exit $$status

clean:
	rm -rf site .site.*.unres-staging* build test-artifacts .pytest_cache .mypy_cache .ruff_cache
	find build_tools tests -name __pycache__ -type d -prune -exec rm -rf {} +
