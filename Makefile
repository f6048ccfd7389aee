# Deelwijzer. `make run` starts the app (e-mails it would send land in var/mail/);
# `make test` runs every test.
# The virtualenv's interpreter: the distribution's own Python 3 where it has one that can make a
# virtualenv (the one docs/deployment.md installs the app with), else python3 on the PATH. On these
# machines python3 on the PATH is a pyenv build (libpython as a shared library, built without
# --enable-optimizations); on Debian's /usr/bin/python3 the same pages take about a quarter less
# processor time (docs/deployment.md section 1, issue #23). PYTHON=... chooses another.
SYSTEM_PYTHON := $(shell /usr/bin/python3 -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo /usr/bin/python3)
PYTHON ?= $(or $(SYSTEM_PYTHON),python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEDUCE_STAMP := $(VENV)/.deduce-built
BENCH_STAMP := $(VENV)/.bench-installed
# The OpenID Connect provider the sign-in tests run against (oidc/, node-oidc-provider, #21).
OIDC_STAMP := oidc/node_modules/.installed

.PHONY: run test test-fast lint bench bench-scale e2e install deduce oidc clean-db

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

$(DEDUCE_STAMP): $(STAMP)
	@echo "Deduce (de-identificatie) bouwt eenmalig zijn opzoektabellen: dat duurt een paar minuten..."
	$(BIN)/python -m deelwijzer.procedure.deidentify --build
	@touch $(DEDUCE_STAMP)

deduce: $(DEDUCE_STAMP)

run: $(DEDUCE_STAMP)
	$(BIN)/deelwijzer migrate --noinput -v 0
	$(BIN)/deelwijzer demo
	DEELWIJZER_EMAIL_FILE_DIR=$${DEELWIJZER_EMAIL_FILE_DIR:-var/mail} $(BIN)/deelwijzer serve 127.0.0.1:8000

$(OIDC_STAMP): oidc/package.json oidc/package-lock.json
	cd oidc && npm ci --no-audit --no-fund --loglevel=error
	@touch $(OIDC_STAMP)

oidc: $(OIDC_STAMP)

# worksteal: a worker with nothing left takes tests queued for the other, so a long test near
# the end (the API fuzzing, about a minute) no longer leaves one processor idle (a minute less).
test: $(DEDUCE_STAMP) $(OIDC_STAMP)
	$(BIN)/python -m pytest -n $${PYTEST_WORKERS:-2} --dist worksteal $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	PYTHONPATH=src $(BIN)/mypy src/deelwijzer bench
	$(BIN)/deelwijzer makemigrations --check --dry-run

# Browser tests (e2e/): Playwright driving Debian's Chromium (/usr/bin/chromium), axe-core.
# E2E_SCREENSHOTS=1 also writes the screenshots of docs/gebruikershandleiding.md to docs/img/.
e2e: $(DEDUCE_STAMP) $(OIDC_STAMP)
	$(BIN)/python -m pytest e2e $(PYTEST_ARGS)

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e ".[dev,bench]"
	@touch $(BENCH_STAMP)

# Long (seeds 300,000 entries on SQLite and PostgreSQL): BENCH_SCALE=0.02 for a quick run.
bench: $(DEDUCE_STAMP) $(BENCH_STAMP)
	$(BIN)/python -m bench.run

# Issue #23: 100,000 cases in 200 organisations on two gunicorn nodes behind HAProxy (Debian's
# haproxy), locust with 200 users for 5 minutes, a node killed mid-run. Long (the seeding alone
# takes minutes): BENCH_SCALE=0.01 BENCH_SCALE_SECONDS=60 for a quick run. Writes
# bench/results/scale.json and scale.md.
bench-scale: $(DEDUCE_STAMP) $(BENCH_STAMP)
	$(BIN)/python -m bench.scale

clean-db:
	rm -f var/deelwijzer.sqlite3
