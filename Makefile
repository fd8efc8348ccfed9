# argdoc: two commands do everything.
#   make demo   set up, then compile examples/ to HTML, PDF and Word in build/
#   make test   set up with the dev tools, then ruff, mypy and pytest

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= build

.PHONY: demo test setup setup-dev system-deps node-deps docs docs-images bench bench-quick bench-lsp bench-preview fuzz lint typecheck pytest clean

demo: setup
	$(BIN)/argdoc build examples -o $(OUT) --format html,pdf,docx

test: setup-dev lint typecheck pytest

setup: system-deps $(VENV)/.installed
setup-dev: system-deps $(VENV)/.installed-dev node-deps

# Tools the tests check argdoc's output with (the SARIF 2.1.0 schema, the TextMate
# grammar, vsce), and the VS Code extension's own dependency (vscode-languageclient,
# packed into its .vsix), from npm.
node-deps: tests/node/node_modules/.installed editors/vscode/node_modules/.installed

tests/node/node_modules/.installed: tests/node/package.json tests/node/package-lock.json
	npm ci --prefix tests/node --no-audit --no-fund --loglevel=error
	touch $@

editors/vscode/node_modules/.installed: editors/vscode/package.json editors/vscode/package-lock.json
	npm ci --prefix editors/vscode --no-audit --no-fund --loglevel=error
	touch $@

# docs/rules.md is generated from the rule registry, and the error tables of
# docs/language.md from argdoc/codes.py (tests fail when either is stale).
docs: setup
	$(BIN)/argdoc rules --format markdown > docs/rules.md
	$(BIN)/python -m argdoc.codes docs/language.md

# WeasyPrint needs Pango; the tests read PDF text with poppler's pdftotext,
# check the DOT and Markdown exports with Graphviz and Pandoc, and open the HTML
# in Chromium, and drive the language server from Neovim. Installed through apt only where they are missing and apt is
# there to ask.
system-deps:
	@if ! ldconfig -p 2>/dev/null | grep -q libpango-1.0 || ! command -v pdftotext >/dev/null \
	    || ! command -v dot >/dev/null || ! command -v pandoc >/dev/null || ! command -v chromium >/dev/null \
	    || ! command -v nvim >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing system packages (pango, poppler-utils, graphviz, pandoc, chromium, neovim)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils graphviz pandoc chromium \
	      neovim >/dev/null; \
	  else \
	    echo "warning: install Pango (for PDF output) and poppler-utils (for the PDF tests) with your package manager"; \
	  fi; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[docx]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(VENV)/.installed $@

# PNG renders of the reference paper's pages and HTML screenshots in docs/images/.
docs-images: setup node-deps
	bash docs/images/render.sh

# Performance against the targets of issue #6; writes docs/performance.md.
bench: setup-dev
	$(BIN)/python benchmarks/run.py

bench-quick: setup-dev
	$(BIN)/python benchmarks/run.py --quick

# The language server: change-to-diagnostics latency and memory over 1,000 edits.
bench-lsp: setup-dev
	$(BIN)/python benchmarks/lsp.py

# `argdoc serve`: save-to-updated-page latency of the reference paper, in headless Chromium.
bench-preview: setup-dev
	$(BIN)/python benchmarks/preview.py

# Coverage-guided fuzzing (atheris, not a project dependency) for FUZZ_SECONDS.
FUZZ_SECONDS ?= 1200
fuzz: setup-dev
	$(BIN)/python -m pip install --quiet --disable-pip-version-check atheris
	mkdir -p build/fuzz-corpus && cp -n tests/fuzz/corpus/* build/fuzz-corpus/
	$(BIN)/python tests/fuzz/fuzz_argdoc.py build/fuzz-corpus -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=8192 -print_final_stats=1 -artifact_prefix=build/fuzz-

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/pytest

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
