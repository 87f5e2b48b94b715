# Two commands for a fresh machine: `make run` and `make test`. Everything else is a step.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi.py
DEMO_ADMIN ?= demo-admin@nedmatch.example
DEMO_REVIEWER ?= demo-reviewer@nedmatch.example
# A fixed password for the local demo accounts only; production users are created by hand.
DEMO_PASSWORD ?= demo-password-2026
NHSUK := node_modules/nhsuk-frontend/dist/nhsuk

.PHONY: setup run test test-postgres lint chromium pdf-libraries clean migrate

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/nhsuk/.copied: node_modules/.installed
	rm -rf static/vendor/nhsuk && mkdir -p static/vendor/nhsuk
	cp $(NHSUK)/nhsuk-frontend.min.css $(NHSUK)/nhsuk-frontend.min.js static/vendor/nhsuk/
	cp -r $(NHSUK)/assets static/vendor/nhsuk/assets
	touch $@

setup: $(BIN)/.installed static/vendor/nhsuk/.copied pdf-libraries

# The report PDF is laid out by WeasyPrint, which draws text with pango and subsets fonts
# with harfbuzz (Debian's libraries, not pip's), in Liberation Sans (Arial's metrics).
# Installed when missing and when this machine lets us.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation
pdf-libraries:
	@missing=$$(for p in $(PDF_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's" $$missing "for the report PDF..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	    || echo "Could not install" $$missing": report PDFs will fail."; \
	else echo "Not installed by Debian's packages here:" $$missing"; report PDFs need pango, harfbuzz and a sans-serif font."; fi

# Debian's Chromium for the browser tests, when this machine lets us install it.
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "Could not install chromium: browser tests will be skipped."; \
	else echo "No /usr/bin/chromium and no way to install it: browser tests will be skipped."; fi

run: setup
	$(BIN)/flask db upgrade
	$(BIN)/flask demo seed --if-empty
	$(BIN)/flask model fit --if-missing
	@$(BIN)/flask users create --email $(DEMO_ADMIN) --name "Demo administrator" --role admin --password "$(DEMO_PASSWORD)" >/dev/null
	@$(BIN)/flask users create --email $(DEMO_REVIEWER) --name "Demo reviewer" --role reviewer --password "$(DEMO_PASSWORD)" >/dev/null
	$(BIN)/flask demo open-systems --email $(DEMO_ADMIN)
	@echo
	@echo "NEDMatch is running at http://127.0.0.1:5000"
	@echo "Appointments team sign-in: http://127.0.0.1:5000/team/sign-in"
	@echo "  admin:    $(DEMO_ADMIN) / $(DEMO_PASSWORD)"
	@echo "  reviewer: $(DEMO_REVIEWER) / $(DEMO_PASSWORD)"
	@echo "Emails (return links, confirmations) are saved as files in instance/outbox/; the log names each file."
	@echo
	$(BIN)/flask run --host 127.0.0.1 --port 5000

# On deploy, before the new code takes traffic: apply migrations (DATABASE_URL).
migrate: setup
	$(BIN)/flask db upgrade

# The whole suite, in parallel: one pytest-xdist worker per core, each with a database of its
# own (tests/conftest.py). PYTEST_WORKERS=0 runs it in one process (e.g. for --pdb).
# pytest's exit code 5 means "no tests collected": not a failure of the suite.
PYTEST_WORKERS ?= auto
test: setup chromium
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS); rc=$$?; if [ $$rc -eq 5 ]; then rc=0; fi; exit $$rc

test-postgres: setup
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test} $(MAKE) test

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check nedmatch tests benchmarks config.py wsgi.py

clean:
	rm -rf $(VENV) node_modules static/vendor instance
