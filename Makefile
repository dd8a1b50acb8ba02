# Safeguard: `make run` serves the demo on SQLite; `make test` runs every test, browser tests included.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
# The suite on both cores (pytest-xdist); `make test PYTEST_ARGS=` runs it in one process.
PYTEST_ARGS ?= -n 2
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: run test test-postgres lint bench bench-load install install-dev assets chromium synthetic clean help system-deps

help:
	@echo "make run    - install, build assets, migrate SQLite, load demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   - install dev tools (and Debian chromium if missing), run the whole test suite"
	@echo "make lint   - ruff, mypy, the layer contracts (import-linter) and djlint"
	@echo "make bench  - performance figures on synthetic data, then make bench-load (docs/performance.md)"
	@echo "make bench-load - 20 people signing in and saving at once for 60 s, SQLite (and PostgreSQL if DATABASE_URL)"

# Debian libraries: Pango and a font for WeasyPrint (PDFs), poppler-utils to read PDFs in tests.
system-deps:
	@if ! ldconfig -p | grep -q libpangoft2-1.0 || ! fc-list 2>/dev/null | grep -qi dejavu; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig; fi

$(VENV)/.installed: requirements/base.txt
	@$(MAKE) --no-print-directory system-deps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt requirements/base.txt $(VENV)/.installed
	$(PIP) install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

build/.assets: frontend/package.json frontend/package-lock.json frontend/build.sh
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm)
	./frontend/build.sh
	touch $@

assets: build/.assets

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core)
	@command -v pdftotext >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils)

run: install assets
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py verify_steps --repair
	@echo "Safeguard is at http://127.0.0.1:$(PORT)/ (sign in with a demo account above; Ctrl-C stops it)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-dev assets chromium
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy safeguard config
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint templates safeguard tests --lint

bench: install-dev assets
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m safeguard.demo.bench
	$(PY) -m safeguard.demo.floorbench
	@$(MAKE) --no-print-directory bench-load

# The real server under 20 people writing at once (docs/performance.md); PostgreSQL too when
# DATABASE_URL names one (a throwaway database: the demo data and the benchmark's events stay in it).
bench-load: install assets
	$(PY) -m safeguard.demo.loadbench

synthetic: install
	$(PY) manage.py generate_synthetic --service-users $${N:-1000}

clean:
	rm -rf $(VENV) build frontend/node_modules staticfiles
