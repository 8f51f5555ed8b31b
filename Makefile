# Every command sets itself up: a fresh machine needs only Python 3.11+, Java 17+ and Maven.
#   make demo   local Keycloak + the example playbook, then a rerun that must change nothing
#   make test   unit tests, integration tests against a local Keycloak, sanity and lint
#   make stop   stop the local Keycloak
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SERVER := $(BIN)/python tests/keycloak/server.py
export ANSIBLE_COLLECTIONS_PATH := $(CURDIR)/.cache/collections
export ANSIBLE_FORCE_COLOR := 0
PYTEST_ARGS ?=

.PHONY: venv collection keycloak demo test unit integration sanity lint stop build

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

integration: venv collection keycloak
	$(BIN)/python -m pytest -q tests/integration $(PYTEST_ARGS)

sanity: venv
	bash scripts/sanity.sh

lint: venv collection
	$(BIN)/ansible-lint --profile production

test: unit integration sanity lint

build: venv
	$(BIN)/ansible-galaxy collection build --force --output-path .cache/dist

stop:
	@$(PYTHON) tests/keycloak/server.py stop
