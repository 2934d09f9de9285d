# Two commands matter: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make-stamps
HOST ?= 127.0.0.1
PORT ?= 8000
# The address `make run` serves, from which every absolute URL is built (set it when HOST is
# 0.0.0.0 or behind a proxy, e.g. RUN_SITE_URL=http://192.168.1.20:8000).
RUN_SITE_URL ?= http://$(HOST):$(PORT)
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/guoping
PYTEST_ARGS ?=
# pytest-xdist processes for `make test` (one per core; each has its own test database, whole
# test files go to one process). PYTEST_WORKERS=0 runs the suite in this process.
PYTEST_WORKERS ?= 2
# `make test` reuses its test database while no migration changes: the stamp is named after the
# database and a hash of every migration file; without it pytest runs with --create-db.
TEST_DB_KEY = $(shell echo "$(DATABASE_URL)" | sha1sum | cut -c1-10)
TEST_DB_STAMP = $(STAMPS)/test-db-$(TEST_DB_KEY)-$(shell find . -path ./.venv -prune -o -path '*/migrations/*.py' -print | LC_ALL=C sort | xargs cat | sha1sum | cut -c1-12)

.PHONY: help run test bench fuzz lint format check messages demo install install-test system-deps postgres clean serve serve-deps cluster backup restore

help:  ## List the make targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMPS)/install: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/install-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	@mkdir -p $(STAMPS) && touch $@ $(STAMPS)/install

install: $(STAMPS)/install  ## Create .venv and install the site's dependencies

install-test: $(STAMPS)/install-test  ## Install the site's and the tests' dependencies

run: install  ## Build the demo site in an SQLite file and serve it at http://127.0.0.1:8000/
	DJANGO_SETTINGS_MODULE=corporate.settings.dev $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=corporate.settings.dev $(BIN)/python manage.py build_demo_site --renditions
	DJANGO_SETTINGS_MODULE=corporate.settings.dev $(BIN)/python manage.py ensure_demo_admin --site-url $(RUN_SITE_URL)
	DJANGO_SETTINGS_MODULE=corporate.settings.dev SITE_URL=$(RUN_SITE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: install  ## Rebuild the demo content from scratch in the SQLite file (--reset)
	DJANGO_SETTINGS_MODULE=corporate.settings.dev $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=corporate.settings.dev $(BIN)/python manage.py build_demo_site --reset --renditions

system-deps:  ## Install Chromium, CJK fonts, gettext, Varnish and nginx from Debian's packages when missing
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	[ -x /usr/sbin/varnishd ] || missing="$$missing varnish"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
		echo "Installing from Debian's packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

postgres:  ## Start the local PostgreSQL cluster if it is down
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; echo "PostgreSQL did not start"; exit 1

lint: install-test  ## ruff lint and format check, import-linter's layer contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-test  ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install-test postgres  ## Django system checks and the missing-migrations check
	DATABASE_URL=$(DATABASE_URL) DJANGO_SETTINGS_MODULE=corporate.settings.test $(BIN)/python manage.py check
	DATABASE_URL=$(DATABASE_URL) DJANGO_SETTINGS_MODULE=corporate.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	env -u DJANGO_ALLOW_ASYNC_UNSAFE sh -c 'set -a; . ./.env.example; SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))"); DJANGO_SETTINGS_MODULE=corporate.settings.production exec $(BIN)/python manage.py check --deploy --fail-level WARNING'

MESSAGES_IGNORE := -i ".venv/*" -i "corporate/demo/content/*" -i "static_collected/*" -i "node_modules/*" -i "media/*"

messages: install  ## Update and compile the UI catalogues in locale/ (zh_Hans, en), with the Chinese that Wagtail's and wagtail-localize's own catalogues lack (locale/zh_Hans/upstream/); generate zh_Hant from zh_Hans (OpenCC)
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --no-obsolete --no-location $(MESSAGES_IGNORE)
	$(BIN)/python manage.py makemessages -d djangojs -l zh_Hans -l en --no-obsolete --no-location $(MESSAGES_IGNORE)
	for domain in django djangojs; do \
		msgcat --use-first -o locale/zh_Hans/LC_MESSAGES/$$domain.po locale/zh_Hans/LC_MESSAGES/$$domain.po locale/zh_Hans/upstream/$$domain.po || exit 1; \
	done
	$(BIN)/python manage.py compilemessages -l zh_Hans -l en --ignore=.venv
	$(BIN)/python manage.py make_traditional_catalogue

test: system-deps install-test postgres lint check  ## Everything: ruff, checks, the whole pytest suite on PostgreSQL
	@mkdir -p $(STAMPS); stamp=$(TEST_DB_STAMP); \
	if [ -f $$stamp ]; then db=--reuse-db; else db=--create-db; rm -f $(STAMPS)/test-db-$(TEST_DB_KEY)-*; fi; \
	xdist="-n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder"; [ "$(PYTEST_WORKERS)" = 0 ] && xdist="-p no:xdist"; \
	echo "DJANGO_ALLOW_ASYNC_UNSAFE=true DATABASE_URL=$(DATABASE_URL) $(BIN)/pytest $$db $$xdist $(PYTEST_ARGS)"; \
	DJANGO_ALLOW_ASYNC_UNSAFE=true DATABASE_URL=$(DATABASE_URL) $(BIN)/pytest $$db $$xdist $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -le 1 ]; then touch $$stamp; else rm -f $$stamp; fi; exit $$rc

fuzz: install-test  ## Fuzz every public URL and the inquiry form of a served demo site (FUZZ_URL, FUZZ_REQUESTS=3000, FUZZ_SEED): no 5xx, status counts
	$(BIN)/python -m tests.fuzz

bench: install-test postgres serve-deps  ## Benchmarks that print figures (search quality and speed, page speed, HTTP req/s beside a constant view)
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing wrk from Debian's packages"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends wrk; \
	}
	DATABASE_URL=$(DATABASE_URL) DJANGO_SETTINGS_MODULE=corporate.settings.test $(BIN)/python -m tests.bench

serve-deps:  ## Install nginx, redis-server and varnish from Debian's packages when missing
	@missing=""; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	command -v pg_dump >/dev/null 2>&1 || missing="$$missing postgresql-client"; \
	[ -x /usr/sbin/varnishd ] || missing="$$missing varnish"; \
	if [ -n "$$missing" ]; then \
		echo "Installing from Debian's packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

serve: install serve-deps  ## The production way on this machine: PostgreSQL, Redis, gunicorn, Varnish, task worker, nginx on http://127.0.0.1:8080/ (PORT overrides)
	env -u DJANGO_ALLOW_ASYNC_UNSAFE $(BIN)/python deploy/serve.py

cluster: install serve-deps  ## Like serve, with two gunicorn servers on 127.0.0.1:8101 and :8102 (CLUSTER_PORT_A/B) behind one Varnish, sharing PostgreSQL, Redis and media
	env -u DJANGO_ALLOW_ASYNC_UNSAFE $(BIN)/python deploy/cluster.py

backup: install  ## Timestamped pg_dump -Fc of the database and a tar of the media, with checksums, in backups/
	env -u DJANGO_ALLOW_ASYNC_UNSAFE $(BIN)/python deploy/backup.py backup

restore: install  ## Restore a backup (FILE=backups/<timestamp>) into an empty database and media directory
	env -u DJANGO_ALLOW_ASYNC_UNSAFE $(BIN)/python deploy/backup.py restore "$(FILE)"

clean:  ## Remove the virtual environment, the SQLite file, media and caches
	rm -rf $(VENV) $(STAMPS) db.sqlite3 media .test-media* .test-private* static_collected .pytest_cache .ruff_cache screenshots
