# The blog's commands. A fresh machine needs only Python 3.11 and make:
#   make html   build the site into _build/html (sets up .venv on first use)
#   make test   run every test
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

SPHINXOPTS  ?= -W --keep-going -n -j auto
BUILD       = $(BIN)/python -m wnyblog.speed.frontend -b dirhtml -c . -d $(DOCTREES) $(SPHINXOPTS) docs $(OUT)

.PHONY: help html serve test fuzz clean new check preview bench
help:
	@echo "make html   build the site into $(OUT)"
	@echo "make test   run every test"
	@echo "make fuzz [FUZZ_SCALE=0.1]   the property-based tests at their fuzzing budgets"
	@echo "         (100,000+ in-process examples, 300 check-against-build; a fraction with FUZZ_SCALE)"
	@echo "make new TITLE=\"Coping with winter\" [TAGS=sleep,self-care] [CATEGORY=\"Living well\"]"
	@echo "         [AUTHOR=clinic] [DATE=2026-12-01] [DRAFT=1]   start a new post"
	@echo "make check  check every post (or FILES=\"docs/posts/2026/x/index.md ...\")"
	@echo "make preview  live preview with drafts at http://127.0.0.1:8000/"
	@echo "make serve  show the built site at http://127.0.0.1:8000/"
	@echo "make bench [N=1000] [RUNS=3] [PHOTOS=100]   time our build against stock ABlog + Furo"
	@echo "         (PHOTOS: also with that many posts carrying a 12-megapixel phone photo)"
	@echo "make clean  remove builds (keeps .venv)"

$(VENV)/.site: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.site requirements-dev.txt
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

preview: $(VENV)/.site
	$(BIN)/blog preview

serve: $(VENV)/.site
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(OUT) 8000

# The benchmark builds generated blogs in a temporary folder with the same
# Sphinx options as `make html` (see bench/bench.py).
N    ?= 1000
RUNS ?= 3
bench: $(VENV)/.site
	$(BIN)/python bench/bench.py --n $(N) --runs $(RUNS) $(if $(PHOTOS),--photos $(PHOTOS)) \
	  --sphinxopts "$(SPHINXOPTS)"

test: $(VENV)/.dev node_modules/.package-lock.json
	$(BIN)/python -m pytest

# The property-based tests at their fuzzing budgets (tests/fuzzing.py), with a
# fresh random seed each run; what Hypothesis finds is kept in .hypothesis/.
FUZZ_SCALE ?= 1
fuzz: $(VENV)/.dev
	BLOG_FUZZ=1 BLOG_FUZZ_SCALE=$(FUZZ_SCALE) $(BIN)/python -m pytest -q --durations=0 \
	  --hypothesis-show-statistics tests/test_properties.py tests/test_properties_end_to_end.py

clean:
	rm -rf _build
