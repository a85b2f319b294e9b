# The blog's commands. A fresh machine needs only Python 3.11 and make:
#   make html   build the site into _build/html (sets up .venv on first use)
#   make test   run every test (ruff first)
#   make test-fast   the quick subset: code in every module of src/ runs, in under 90 s
# Run `make help` for the rest.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
OUT         := _build/html
DOCTREES    := _build/doctrees

# Builds are reproducible: clinic time, and the last commit as the clock for
# anything that needs one (nothing in the site reads the wall clock).
export TZ := America/New_York
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export PYTHONHASHSEED := 0
# Python keeps the package's compiled modules (src/wnyblog/__pycache__/): a
# machine that turns that off would compile all of them on every build.
unexport PYTHONDONTWRITEBYTECODE
# Messages name the commands as the writer types them here: `make new`, not `blog new`.
export BLOG_COMMANDS := make

SPHINXOPTS  ?= -W --keep-going -n -j auto
BUILD       = $(BIN)/python -m wnyblog.speed.frontend -b dirhtml -c . -d $(DOCTREES) $(SPHINXOPTS) docs $(OUT)

.PHONY: help html serve test test-fast fuzz clean new check preview bench strip-location hooks editor
help:
	@echo "make html   build the site into $(OUT)"
	@echo "make test   run every test (ruff first)"
	@echo "make test-fast   the quick subset (slow tests left out), with each module's coverage"
	@echo "make fuzz [FUZZ_SCALE=0.1]   the property-based tests at their fuzzing budgets"
	@echo "         (100,000+ in-process examples, 300 check-against-build; a fraction with FUZZ_SCALE)"
	@echo "make new TITLE=\"Coping with winter\" [TAGS=sleep,self-care] [CATEGORY=\"Living well\"]"
	@echo "         [AUTHOR=clinic] [DATE=2026-12-01] [DRAFT=1]   start a new post"
	@echo "make check  check every post (or FILES=\"docs/posts/2026/x/index.md ...\")"
	@echo "make strip-location  take location data and camera serial numbers out of the"
	@echo "         pictures under docs/ (or FILES=\"docs/posts/2026/x/photo.jpg ...\"), in place"
	@echo "make preview  live preview with drafts at http://127.0.0.1:8000/"
	@echo "make serve  show the built site at http://127.0.0.1:8000/"
	@echo "make hooks  check posts on every git commit (installs pre-commit)"
	@echo "make editor  the web editor on this computer's copy of the blog, at"
	@echo "         http://127.0.0.1:8001/admin/ (Chrome or Edge only: it needs their folder"
	@echo "         picker); run it beside make preview to see each page as you save"
	@echo "make bench [N=1000] [RUNS=3] [PHOTOS=100]   time our build against stock ABlog + Furo"
	@echo "         (PHOTOS: also with that many posts carrying a 12-megapixel phone photo)"
	@echo "make clean  remove builds (keeps .venv)"

$(VENV)/.site: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.hooks: $(VENV)/.site requirements-hooks.txt
	$(BIN)/python -m pip install --quiet -r requirements-hooks.txt
	touch $@

# The same checks as the pull request's, on every commit (.pre-commit-config.yaml).
hooks: $(VENV)/.hooks
	$(BIN)/pre-commit install

$(VENV)/.dev: $(VENV)/.site requirements-dev.txt requirements-hooks.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# The Nu HTML Checker for the tests (needs Java). --ignore-scripts: vnu-jar's
# install script would download a Java runtime of its own.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

html: $(VENV)/.site
	$(BUILD)

new: $(VENV)/.site
	@test -n "$(TITLE)" || { echo 'Give the title: make new TITLE="Coping with winter"'; exit 2; }
	$(BIN)/blog new "$(TITLE)" $(if $(TAGS),--tags "$(TAGS)") $(if $(CATEGORY),--category "$(CATEGORY)") \
	  $(if $(AUTHOR),--author "$(AUTHOR)") $(if $(DATE),--date "$(DATE)") $(if $(DRAFT),--draft)

check: $(VENV)/.site
	$(BIN)/blog check $(FILES)

strip-location: $(VENV)/.site
	$(BIN)/blog strip-location $(FILES)

preview: $(VENV)/.site
	$(BIN)/blog preview

serve: $(VENV)/.site
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(OUT) 8000

# The web editor (admin/ of the built site) on this repository's own files:
# Sveltia CMS's local mode, which works only on 127.0.0.1 and only in
# browsers with a folder picker (Chrome, Edge). Saving writes the files here.
editor: html
	@echo "Open http://127.0.0.1:8001/admin/ in Chrome or Edge, click \"Work with Local Repository\""
	@echo "and choose this folder ($(CURDIR)). Firefox and Safari cannot open a folder."
	@echo "Beside it, make preview shows each post as you save it. Stop with Ctrl+C."
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(OUT) 8001

# The benchmark builds generated blogs in a temporary folder with the same
# Sphinx options as `make html` (see bench/bench.py).
N    ?= 1000
RUNS ?= 3
bench: $(VENV)/.site
	$(BIN)/python bench/bench.py --n $(N) --runs $(RUNS) $(if $(PHOTOS),--photos $(PHOTOS)) \
	  --sphinxopts "$(SPHINXOPTS)"

# Ruff is part of the verdict, as in pre-commit. The tests run over the cores
# (pytest-xdist): the session's built sites are built once per worker.
TEST_WORKERS ?= auto
test: $(VENV)/.dev node_modules/.package-lock.json
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

# Tests marked slow (pyproject.toml) left out, under coverage.py (the builds
# the tests start in subprocesses too); then every module of src/ must have run.
test-fast: $(VENV)/.dev node_modules/.package-lock.json
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m coverage erase
	$(BIN)/python -m coverage run -m pytest -n $(TEST_WORKERS) -m "not slow" -p no:cacheprovider
	$(BIN)/python -m coverage combine --quiet
	$(BIN)/python tests/tools/every_module_ran.py

# The property-based tests at their fuzzing budgets (tests/fuzzing.py), with a
# fresh random seed each run; what Hypothesis finds is kept in .hypothesis/.
FUZZ_SCALE ?= 1
fuzz: $(VENV)/.dev
	BLOG_FUZZ=1 BLOG_FUZZ_SCALE=$(FUZZ_SCALE) $(BIN)/python -m pytest -q --durations=0 \
	  --hypothesis-show-statistics tests/test_properties.py tests/test_properties_end_to_end.py

clean:
	rm -rf _build
