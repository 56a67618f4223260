# Rabat Process portal. `make run` to try it, `make test` before every commit.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest workers (pytest-xdist): one per core of the 2-core CI machine.
TEST_WORKERS ?= 2
# Settings for the production checks: fake values, nothing is served with them.
DEPLOY_CHECK_ENV := DJANGO_SETTINGS_MODULE=rabat.settings.prod \
	SECRET_KEY=deploy-check-only-9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa \
	ALLOWED_HOSTS=www.processusderabat.net

.PHONY: run install install-dev compilemessages messages migrate demo test lint \
	format checks bench scale-out-check ci vendor clean

run: install compilemessages migrate demo
	@echo "Serving on http://$(HOST):$(PORT)/ with a task worker and the Rabat Review's sweep (Ctrl-C stops all)"
	@trap 'kill 0' INT TERM EXIT; \
		$(MANAGE) db_worker & \
		$(MANAGE) send_review --every 60 & \
		$(MANAGE) runserver $(HOST):$(PORT)

$(BIN)/python:
	command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

compilemessages: install
	@command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt not found: install gettext (apt-get install gettext)"; exit 1; }
	$(MANAGE) compilemessages --ignore=.venv --verbosity 0

messages: install
	$(MANAGE) makemessages --locale fr --no-location --no-obsolete --ignore=.venv --ignore=tests
	$(MANAGE) makemessages --locale fr --domain djangojs --no-location --no-obsolete --ignore=.venv --ignore=tests --ignore=staticfiles --ignore=static/vendor

# The database cache's table is one of the migrations: nothing else to run.
migrate: install
	$(MANAGE) migrate --noinput

# Creates only what is missing: edits made in the site survive every start.
demo: install
	$(MANAGE) load_demo

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

checks: install-dev compilemessages
	DJANGO_SETTINGS_MODULE=rabat.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=rabat.settings.test $(MANAGE) makemigrations --check --dry-run
	$(DEPLOY_CHECK_ENV) $(MANAGE) check --deploy --fail-level WARNING

test: lint checks
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Two nodes behind nginx, two workers, Redis, an S3 server: see the README's
# "Scaling out". Pass options with SCALE_OUT_ARGS="--database other_name".
scale-out-check: install-dev compilemessages
	$(BIN)/python scripts/scale_out_check.py $(SCALE_OUT_ARGS)

ci:
	.ci/run

# Server CPU per page under gunicorn against a bare Django, ~10 minutes (README,
# "Benchmark"); not part of `make test`. BENCH_ARGS="--quick --pages topic".
bench: install
	$(BIN)/python scripts/benchmark_pages.py $(BENCH_ARGS)

# Refresh the vendored front-end packages from the npm registry (pinned).
BOOTSTRAP_VERSION := 5.3.8
JQUERY_UI_VERSION := 1.13.3
AXE_CORE_VERSION := 4.14.1
FLAG_ICONS_VERSION := 7.5.0
WORLD_ATLAS_VERSION := 2.0.2
vendor:
	rm -rf /tmp/rabat-vendor && mkdir -p /tmp/rabat-vendor
	cd /tmp/rabat-vendor && npm pack --silent bootstrap@$(BOOTSTRAP_VERSION) \
		jquery-ui-dist@$(JQUERY_UI_VERSION) axe-core@$(AXE_CORE_VERSION) \
		flag-icons@$(FLAG_ICONS_VERSION) world-atlas@$(WORLD_ATLAS_VERSION) >/dev/null
	cd /tmp/rabat-vendor && for f in *.tgz; do mkdir -p "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}"; done
	cp /tmp/rabat-vendor/bootstrap-$(BOOTSTRAP_VERSION)/package/dist/css/bootstrap.min.css* static/vendor/bootstrap/css/
	cp /tmp/rabat-vendor/bootstrap-$(BOOTSTRAP_VERSION)/package/dist/js/bootstrap.bundle.min.js* static/vendor/bootstrap/js/
	cp /tmp/rabat-vendor/bootstrap-$(BOOTSTRAP_VERSION)/package/LICENSE static/vendor/bootstrap/
	cp /tmp/rabat-vendor/jquery-ui-dist-$(JQUERY_UI_VERSION)/package/jquery-ui.min.js \
		/tmp/rabat-vendor/jquery-ui-dist-$(JQUERY_UI_VERSION)/package/LICENSE.txt static/vendor/jquery-ui/
	cp /tmp/rabat-vendor/axe-core-$(AXE_CORE_VERSION)/package/axe.min.js \
		/tmp/rabat-vendor/axe-core-$(AXE_CORE_VERSION)/package/LICENSE tests/e2e/vendor/axe-core/
	# The flags of Europe and Africa only (the partners and observers).
	rm -rf static/vendor/flag-icons && mkdir -p static/vendor/flag-icons/flags/4x3
	cp /tmp/rabat-vendor/flag-icons-$(FLAG_ICONS_VERSION)/package/LICENSE static/vendor/flag-icons/
	python3 scripts/vendor_flags.py /tmp/rabat-vendor/flag-icons-$(FLAG_ICONS_VERSION)/package static/vendor/flag-icons
	# Natural Earth 1:50m for the i-Map; then `manage.py build_map_shapes`.
	cp /tmp/rabat-vendor/world-atlas-$(WORLD_ATLAS_VERSION)/package/countries-50m.json \
		/tmp/rabat-vendor/world-atlas-$(WORLD_ATLAS_VERSION)/package/LICENSE countries/geodata/world-atlas/

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
	find . -name '*.mo' -not -path './.venv/*' -delete
