# Two commands: `make run` and `make test`. Everything else is a step they share.
# Stamps keep a second run from reinstalling or rebuilding what is up to date.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := .make
WEB_SOURCES := $(shell find web/src web/index.html web/package.json web/vite.config.ts web/tsconfig*.json web/codegen.* schema.graphql -type f 2>/dev/null)

.PHONY: run test check install web schema migrate bench clean

run: install web
	$(PY) -m api.run

# Prints its own wall time (installs and build included) at the end.
test:
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory install web && $(PY) -m pytest $(PYTEST_ARGS); status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s wall time"; exit $$status

# Lint, format, types and the import contracts (pyproject.toml); .ci/run runs it before the tests.
check: install
	$(VENV)/bin/ruff check api worker tests tools bench
	$(VENV)/bin/ruff format --check api worker tests tools bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

install: $(STAMP)/python

$(STAMP)/python: pyproject.toml
	@mkdir -p $(STAMP)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

web: web/dist/index.html

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build

schema: install
	$(PY) -m api.export_schema

migrate: install
	$(PY) -m alembic upgrade head

# Every bench script prints its figures and records them in .bench/results.json; the last step
# prints one table of them (figure, target, measured, pass/fail). Timings are never asserted in tests.
bench: install web
	rm -f .bench/results.json
	for script in bench/bench_*.py; do $(PY) $$script || exit 1; done
	$(PY) bench/summary.py

clean:
	rm -rf $(STAMP) web/dist web/node_modules
