# Every command sets itself up: a fresh machine needs only Python 3.11+, Java 17+ and Maven.
#   make demo       local Keycloak + the example playbook: plan (--check --diff), apply, rerun with changed=0
#   make test       unit, integration on the newest and the oldest supported Keycloak (every module's EXAMPLES
#                   included), the oldest and newest ansible-core, sanity, lint, the roles' Molecule scenarios,
#                   and the ecosystem checks
#   make docs       the HTML docs site (antsibull-docs + Sphinx) in docs/_build/html
#   make build      the collection tarball in .cache/dist
#   make changelog  check the changelog fragments and render the next release's CHANGELOG.md (preview)
#   make bench      the benchmark (docs/benchmarks.md): SIZES=20 REPEATS=1 is the small variant;
#                   TOOLS=paged-read,partial-import picks columns; DATABASE=postgres runs on PostgreSQL.
#                   Not part of make test.  make bench-report  the published table from scripts/bench/results
#   make url        print the local Keycloak's URL;  make stop  stop it
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SERVER := $(BIN)/python tests/keycloak/server.py
PYTEST_ARGS ?=
# The slowest integration tests are listed after each run, so the time `make test` takes stays visible.
DURATIONS := --durations=15
# Integration tests mostly wait on Keycloak: two workers keep a 2-core machine busy. A module's tests share its
# realm and stay together on one worker, the EXAMPLES spread one by one (the scheduler in tests/integration/conftest.py);
# INTEGRATION_WORKERS=0 runs them in one process. More workers make the dev-file database's table locks time out
# under load (three, on a machine running two other suites: two tests got a 500 "Timeout trying to lock table").
INTEGRATION_WORKERS ?= 2
XDIST := $(if $(filter 0,$(INTEGRATION_WORKERS)),,-n $(INTEGRATION_WORKERS) --dist loadfile)
# The oldest Keycloak runs them on two workers too (17 minutes in one process, 11 on two): under three workers 26.0.8
# once answered a bare 500 to a user-profile read in a realm another test had just configured; OLDEST_WORKERS=0 runs
# them in one process.
OLDEST_WORKERS ?= 2
XDIST_OLDEST := $(if $(filter 0,$(OLDEST_WORKERS)),,-n $(OLDEST_WORKERS) --dist loadfile)
# The oldest Keycloak the collection supports; the newest (the default server) is in tests/keycloak/VERSION.
KEYCLOAK_OLDEST := $(shell cat tests/keycloak/OLDEST_VERSION)
# Ansible finds this repository as ansible_collections/iam/keycloak (a link in .cache/collections).
export ANSIBLE_COLLECTIONS_PATH := $(CURDIR)/.cache/collections
export ANSIBLE_FORCE_COLOR := 0
# Everything Ansible and the tools keep (collection copies made by ansible-lint, galaxy caches,
# temporary files, tool caches) stays inside the repository; the user's ~/.ansible is never
# written. `make test` checks it with scripts/home_guard.py.
export ANSIBLE_HOME := $(CURDIR)/.cache/ansible
export ANSIBLE_LOCAL_TEMP := $(CURDIR)/.cache/ansible/tmp
export ANSIBLE_REMOTE_TMP := $(CURDIR)/.cache/ansible/remote_tmp
export XDG_CACHE_HOME := $(CURDIR)/.cache/xdg

.PHONY: venv collection keycloak demo test unit integration integration-oldest examples compat sanity lint molecule docs ecosystem changelog stop url build bench bench-report bench-round-trip

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

# The repository is the collection root; Ansible finds it as ansible_collections/iam/keycloak.
collection:
	@mkdir -p .cache/collections/ansible_collections/iam
	@ln -sfn $(CURDIR) .cache/collections/ansible_collections/iam/keycloak

keycloak: venv
	@$(SERVER) start

demo: venv collection keycloak
	$(BIN)/python scripts/demo.py

unit: venv collection
	$(BIN)/python -m pytest -q tests/unit $(PYTEST_ARGS)

# Includes tests/integration/test_examples.py: every module's EXAMPLES, run twice.
integration: venv collection keycloak
	$(BIN)/python -m pytest -q tests/integration $(XDIST) $(DURATIONS) $(PYTEST_ARGS)

# The same integration suite against the oldest supported Keycloak (a server of its own, stopped afterwards).
integration-oldest: venv collection
	KEYCLOAK_VERSION=$(KEYCLOAK_OLDEST) $(SERVER) start >/dev/null
	KEYCLOAK_VERSION=$(KEYCLOAK_OLDEST) $(BIN)/python -m pytest -q tests/integration $(XDIST_OLDEST) $(DURATIONS) $(PYTEST_ARGS); \
	  status=$$?; KEYCLOAK_VERSION=$(KEYCLOAK_OLDEST) $(SERVER) stop; exit $$status

examples: venv collection keycloak
	$(BIN)/python -m pytest -q tests/integration/test_examples.py $(PYTEST_ARGS)

# The claimed ansible-core range: unit tests and every module's EXAMPLES on its oldest and newest
# ansible-core, each in a virtualenv of its own under .cache/compat (scripts/compat.py); the middle of
# the range (requirements-dev.txt's ansible-core) runs everything else.
compat: venv collection keycloak
	$(BIN)/python scripts/compat.py

sanity: venv
	bash scripts/sanity.sh

lint: venv collection
	$(BIN)/ansible-lint --profile production

# The roles' Molecule scenarios (extensions/molecule), one pytest test each (tests/molecule/test_scenarios.py):
# each installs or uses a Keycloak of its own on 127.0.0.1, none uses the server of `make keycloak`.
molecule: venv collection keycloak
	$(BIN)/python -m pytest -q tests/molecule $(PYTEST_ARGS)

docs: venv collection
	$(BIN)/python scripts/docs.py --dest docs/_build

# The docs site, the changelog, the execution environment context, a job run as AWX runs it
# (ansible-runner with the credential type's injectors), and Galaxy's importer on the tarball.
ecosystem: venv collection keycloak
	$(BIN)/python -m pytest -q tests/ecosystem $(PYTEST_ARGS)

changelog: venv
	$(BIN)/antsibull-changelog lint
	$(BIN)/python scripts/changelog_preview.py .cache/changelog

# Each layer in turn; the user's ~/.ansible must be exactly as it was afterwards.
test: venv
	@$(BIN)/python scripts/home_guard.py snapshot .cache/home_guard.json
	$(MAKE) --no-print-directory unit integration integration-oldest compat sanity lint molecule ecosystem
	@$(BIN)/python scripts/home_guard.py verify .cache/home_guard.json
	@cat .cache/compat/SKIPPED 2>/dev/null || true

build: venv
	$(BIN)/ansible-galaxy collection build --force --output-path .cache/dist

# Realms of SIZES users converged by every tool of scripts/bench/tools.py through a counting proxy;
# writes docs/benchmarks.md's table and docs/benchmarks.png. Its own virtualenv in .cache/bench.
# DATABASE=postgres: a PostgreSQL-backed Keycloak in production mode of the run's own (the server role; as root).
SIZES ?= 100,1000
TOOLS ?=
REPEATS ?= 3
DATABASE ?= dev-file
# The local dev-mode server only when the run uses it.
bench: venv collection $(if $(filter postgres,$(DATABASE)),,keycloak)
	$(BIN)/python scripts/bench/run.py --sizes "$(SIZES)" --tools "$(TOOLS)" --repeats $(REPEATS) --database $(DATABASE)

# docs/benchmarks.md's table and plot again from the runs the repository keeps (scripts/bench/results); with
# RESULTS=.cache/bench/results/<run>.json, that run is kept there first.
bench-report: venv
	$(BIN)/python -c 'import sys; sys.path.insert(0, "scripts/bench"); import run; run.ensure_bench_venv()'
	.cache/bench/venv/bin/python scripts/bench/report.py --publish $(RESULTS)

# The export round trip of a generated realm (keycloak_realm_export format=config, applied to a new realm), measured.
bench-round-trip: venv collection keycloak
	$(BIN)/python scripts/bench/round_trip.py --users $(or $(USERS),1000)

url:
	@$(PYTHON) tests/keycloak/server.py url

stop:
	@$(PYTHON) tests/keycloak/server.py stop
