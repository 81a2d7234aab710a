# Build, preview and test the site. Everything runs in the project's own venv (.venv).
#
#   make site    convert content/ and build the site into site/
#   make serve   live preview on http://127.0.0.1:8000/ (rebuilds on changes)
#   make test    the test suite, browser tests included when Debian's chromium is there
#   make check   convert and check all content without building the site
#   make golden  regenerate tests/golden/ after an intended output change (review the diff)
#   make lint    ruff and mypy
#   make clean   remove generated files (not the venv)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
NOTO_CJK := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
PYTEST_ARGS ?=

export NO_MKDOCS_2_WARNING := 1

.PHONY: venv site serve test check golden lint clean browser-deps

venv: $(STAMP)

# Re-installed only when pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

site: venv
	$(BIN)/python -m build_tools build --strict

serve: venv
	$(BIN)/python -m build_tools.site.regenerate content build/docs
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: venv browser-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check: venv
	$(BIN)/python -m build_tools check --strict

golden: venv
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py -q
	git diff --stat -- tests/golden

# Debian's chromium and CJK fonts for the browser tests (Playwright cannot download
# browsers here); installed only when missing, with apt-get, as root.
browser-deps:
	@if [ -x $(CHROMIUM) ] && [ -f $(NOTO_CJK) ]; then \
	  :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "make test: $(CHROMIUM) or fonts-noto-cjk is missing and apt-get is not available: the browser tests will be skipped"; \
	elif [ "$$(id -u)" != 0 ]; then \
	  echo "make test: $(CHROMIUM) or fonts-noto-cjk is missing and we are not root: the browser tests will be skipped (install them with: sudo apt-get install chromium fonts-noto-cjk)"; \
	else \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk; \
	fi

# Both run even when the first fails, so that one pass reports everything.
lint: venv
	@status=0; \
	$(BIN)/ruff check build_tools tests || status=1; \
	$(BIN)/mypy || status=1; \
	exit $$status

clean:
	rm -rf site site.tmp site.old build test-artifacts .pytest_cache .mypy_cache .ruff_cache
	find build_tools tests -name __pycache__ -type d -prune -exec rm -rf {} +
