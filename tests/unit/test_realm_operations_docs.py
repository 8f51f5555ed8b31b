# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The realm-wide settings, operations and read-only modules document exactly the options they take.

The same check as ``test_module_docs`` (documentation with its fragments merged, against the argument spec
``KeycloakModule`` builds), for the modules whose kinds are not in the registry yet and for the operations
(``operations.base.OperationSpec``), which the registry of kinds does not hold. Each module's ``main`` must be
one ``run(...)``/``run_operation(...)`` of the spec named here, and its secrets (``no_log=True``) are pinned.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import importlib
import os

import pytest

import test_module_docs as docs  # pylint: disable=import-error

PACKAGE = "ansible_collections.iam.keycloak.plugins.module_utils."

# module -> (where its spec lives, the spec's name, the secret options besides the connection's)
MODULES = {
    "keycloak_client_secret": ("operations.client_secret", "CLIENT_SECRET", frozenset()),
    "keycloak_events_config": ("resources.events_config", "EVENTS_CONFIG", frozenset()),
    "keycloak_client_registration_policy": ("resources.client_registration_policy", "CLIENT_REGISTRATION_POLICY", frozenset()),
    "keycloak_management_permissions": ("resources.management_permissions", "MANAGEMENT_PERMISSIONS", frozenset()),
    "keycloak_client_policies": ("resources.client_policies", "CLIENT_POLICIES", frozenset()),
    "keycloak_realm_localization": ("resources.realm_localization", "REALM_LOCALIZATION", frozenset()),
    "keycloak_user_action": ("operations.users", "USER_ACTION", frozenset(["password"])),
    "keycloak_attack_detection": ("operations.users", "ATTACK_DETECTION", frozenset()),
    "keycloak_cache": ("operations.realm", "CACHE", frozenset()),
    "keycloak_events_info": ("operations.info", "EVENTS_INFO", frozenset()),
    "keycloak_session_info": ("operations.info", "SESSION_INFO", frozenset()),
    "keycloak_client_installation": ("operations.info", "CLIENT_INSTALLATION", frozenset()),
    "keycloak_realm_import": ("operations.realm_import", "REALM_IMPORT", frozenset()),
    "keycloak_realm_export": ("operations.realm_import", "REALM_EXPORT", frozenset()),
    "keycloak_client_certificate": ("operations.client_certificate", "CLIENT_CERTIFICATE", frozenset()),
    "keycloak_initial_access_token": ("operations.realm", "INITIAL_ACCESS_TOKEN", frozenset()),
}


def spec_of(module_name):
    where, name, _secrets = MODULES[module_name]
    return getattr(importlib.import_module(PACKAGE + where), name)


@pytest.mark.parametrize("module_name", sorted(MODULES))
def test_documentation_matches_argument_spec(module_name, monkeypatch):
    doc = docs.module_documentation(module_name)
    assert doc.get("module") == module_name
    problems = docs.compare_options(module_name, doc.get("options") or {}, docs.module_argument_spec(spec_of(module_name), monkeypatch))
    assert not problems, "documentation and argument spec differ:\n  " + "\n  ".join(problems)


def _descriptions(node, path=""):
    """Every ``description`` of a documentation tree (options named ``description`` are options, not descriptions)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("options", "suboptions", "contains") and isinstance(value, dict):
                for name, option in value.items():
                    yield from _descriptions(option, "%s.%s" % (path, name))
            elif key == "description":
                yield path, value
            else:
                yield from _descriptions(value, "%s.%s" % (path, key))


@pytest.mark.parametrize("module_name", sorted(MODULES))
def test_every_description_is_text(module_name):
    """A ``: `` inside an unquoted line makes YAML read a mapping where a sentence was meant."""
    import yaml  # pylint: disable=import-outside-toplevel

    for constant in ("DOCUMENTATION", "RETURN"):
        tree = yaml.safe_load(docs._literal(os.path.join(docs.MODULES_DIR, module_name + ".py"), constant))
        for path, value in _descriptions(tree):
            for line in value if isinstance(value, list) else [value]:
                assert isinstance(line, str), "%s %s%s: a description line is not text: %r" % (module_name, constant, path, line)


@pytest.mark.parametrize("module_name", sorted(MODULES))
def test_secret_options_are_the_known_ones(module_name, monkeypatch):
    found = docs.secret_options(docs.module_argument_spec(spec_of(module_name), monkeypatch))
    assert found == docs.CONNECTION_SECRETS | MODULES[module_name][2]


@pytest.mark.parametrize("module_name", sorted(MODULES))
def test_module_is_docs_and_one_run(module_name):
    with open(os.path.join(docs.MODULES_DIR, module_name + ".py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    mains = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert [node.name for node in mains] == ["main"], module_name
    calls = [ast.unparse(statement) for statement in mains[0].body]
    assert calls in (["run(%s)" % MODULES[module_name][1]], ["run_operation(%s)" % MODULES[module_name][1]]), calls
    assert not [node for node in tree.body if isinstance(node, ast.ClassDef)], "%s defines a class: it belongs in module_utils" % module_name


def test_every_module_of_mine_is_listed():
    """A new module of the operations or realm-settings family is added here, or its docs go unchecked."""
    names = sorted(name[:-3] for name in os.listdir(docs.MODULES_DIR) if name.endswith(".py"))
    for name in names:
        with open(os.path.join(docs.MODULES_DIR, name + ".py"), encoding="utf-8") as handle:
            text = handle.read()
        if "run_operation(" in text:
            assert name in MODULES, "%s is an operation module: add it to MODULES of %s" % (name, __name__)
