# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The identity modules document exactly the options they take, and their secrets are no_log.

The same checks as test_module_docs.py, for the kinds of identity brokering, federation, keys,
user profile and organizations, whether or not registry.py lists them yet.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib

import pytest

from test_module_docs import CONNECTION_SECRETS, compare_options, module_argument_spec, module_documentation, secret_options  # pylint: disable=import-error

# module -> (kind module, Kind constant, its no_log options)
IDENTITY_KINDS = {
    "keycloak_identity_provider": ("identity_provider", "IDENTITY_PROVIDER", frozenset(["client_secret"])),
    "keycloak_user_profile": ("user_profile", "USER_PROFILE", frozenset()),
    "keycloak_component": ("component", "COMPONENT", frozenset(["secret_config"])),
    "keycloak_user_federation": ("user_federation", "USER_FEDERATION", frozenset(["bind_credential"])),
    "keycloak_realm_key": ("realm_key", "REALM_KEY", frozenset(["private_key", "keystore_password", "key_password"])),
    "keycloak_organization": ("organization", "ORGANIZATION", frozenset()),
}


def kind_of(module_name):
    resource, constant, _secrets = IDENTITY_KINDS[module_name]
    return getattr(importlib.import_module("ansible_collections.iam.keycloak.plugins.module_utils.resources." + resource), constant)


@pytest.mark.parametrize("module_name", sorted(IDENTITY_KINDS))
def test_documentation_matches_argument_spec(module_name, monkeypatch):
    doc = module_documentation(module_name)
    assert doc.get("module") == module_name
    problems = compare_options(module_name, doc.get("options") or {}, module_argument_spec(kind_of(module_name), monkeypatch))
    assert not problems, "documentation and argument spec differ:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("module_name", sorted(IDENTITY_KINDS))
def test_secret_options(module_name, monkeypatch):
    found = secret_options(module_argument_spec(kind_of(module_name), monkeypatch))
    assert found == CONNECTION_SECRETS | IDENTITY_KINDS[module_name][2]


@pytest.mark.parametrize("module_name", sorted(IDENTITY_KINDS))
def test_kind_name_gives_the_module_name(module_name):
    # registry.MODULES names a kind's module "keycloak_" + its name.
    assert "keycloak_" + kind_of(module_name).name == module_name
