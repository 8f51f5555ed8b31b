# -*- coding: utf-8 -*-
"""keycloak_client_authz_info against the real server: the setup in the module's own options, captured and applied again."""

import pytest

from harness import run_module, warnings_of  # pylint: disable=import-error
from test_keycloak_client_authz import full_setup, new_server, unique, world  # noqa: F401  pylint: disable=import-error,unused-import

MODULE = "keycloak_client_authz_info"
APPLY = "keycloak_client_authz"
SNAKE_KEYS = {"client_id", "policy_enforcement_mode", "decision_strategy", "allow_remote_resource_management",
              "scopes", "resources", "policies", "permissions"}


@pytest.fixture(scope="module")
def captured(admin_credentials, realm, realm_admin, world):  # noqa: F811  pylint: disable=redefined-outer-name
    """A client with the whole setup of the module's tests, and what this module reads of it."""
    client_id = new_server(realm_admin)
    created = run_module(APPLY, dict(admin_credentials, realm=realm, client_id=client_id, **full_setup()))
    assert created["changed"] is True, created["msg"]
    result = run_module(MODULE, dict(admin_credentials, realm=realm, client_id=client_id))
    assert not result.get("failed"), result["msg"]
    return client_id, result


def test_the_setup_in_the_options_of_the_module(captured):
    client_id, result = captured
    setup = result["authorization"]
    assert result["changed"] is False and result.writes == []
    assert set(setup) == SNAKE_KEYS and setup["client_id"] == client_id
    assert [scope["name"] for scope in setup["scopes"]] == ["read", "write"]
    assert setup["scopes"][0] == {"name": "read", "display_name": "Read", "icon_uri": "https://icons.example.com/read.png"}
    invoices = [item for item in setup["resources"] if item["name"] == "invoices"][0]
    assert invoices["scopes"] == ["read", "write"] and invoices["attributes"] == {"department": ["finance"], "levels": ["1", "2"]}
    policies = dict((item["name"], item) for item in setup["policies"])
    # Client ids and role names with slashes are told apart.
    assert sorted(policies["auditors"]["roles"], key=lambda role: role["name"]) == [
        {"name": "a/b", "required": False},
        {"name": "auditor", "required": True},
        {"name": "editor", "client_id": "https://wiki.example.com/app", "required": False},
        {"name": "invoice-reader", "client_id": "billing", "required": False},
    ]
    assert policies["staff"]["groups"] == [{"path": "/staff", "extend_children": True}] and policies["staff"]["groups_claim"] == "groups"
    assert policies["office hours"]["hour_end"] == "18" and policies["office hours"]["not_on_or_after"] == "2099-12-31 23:59:59"
    assert policies["anyone trusted"]["policies"] == ["auditors", "jane only"]
    assert policies["jane only"]["users"] == ["jane"]
    permissions = dict((item["name"], item) for item in setup["permissions"])
    assert permissions["invoice type"]["resource_type"] == "urn:portal:invoice"
    assert permissions["read invoices"] == {"name": "read invoices", "type": "scope", "logic": "POSITIVE", "decision_strategy": "AFFIRMATIVE",
                                            "resources": ["invoices"], "scopes": ["read"], "policies": ["anyone trusted"]}
    # Login, the client's id, the export, and the clients (to read client roles' names).
    assert len(result.requests) == 4, result.requests


def test_captured_setup_applies_unchanged(module_runner, realm, captured):
    client_id, result = captured
    again = module_runner(APPLY, realm=realm, purge_scopes=True, purge_resources=True, purge_policies=True, purge_permissions=True,
                          **result["authorization"])
    assert again["changed"] is False and again.writes == [], again["msg"]


def test_captured_setup_copies_to_another_client(module_runner, realm, realm_admin, captured):
    client_id, result = captured
    other = new_server(realm_admin)
    copied = module_runner(APPLY, realm=realm, **dict(result["authorization"], client_id=other))
    assert copied["changed"] is True, copied["msg"]
    read_back = module_runner(MODULE, realm=realm, client_id=other)["authorization"]
    assert dict(read_back, client_id=client_id) == result["authorization"]
    again = module_runner(APPLY, realm=realm, **dict(result["authorization"], client_id=other))
    assert again["changed"] is False and again.writes == [], again["msg"]


def test_nothing_to_read(module_runner, realm, realm_admin):
    assert module_runner(MODULE, realm=realm, client_id="no-such-client")["authorization"] == {}
    realm_admin.create_client({"clientId": unique("plain")})
    plain = [client["clientId"] for client in realm_admin.get_clients() if client["clientId"].startswith("plain-")][0]
    assert module_runner(MODULE, realm=realm, client_id=plain)["authorization"] == {}
    missing_realm = unique("realm")
    failed = module_runner(MODULE, realm=missing_realm, client_id="portal")
    assert failed.get("failed") is True and "realm '%s' does not exist" % missing_realm in failed["msg"]
    planned = module_runner(MODULE, check_mode=True, realm=missing_realm, client_id="portal")
    assert planned["authorization"] == {} and any(missing_realm in warning for warning in warnings_of(planned))


def test_one_resource_by_its_id(module_runner, realm, realm_admin, captured):
    client_id, result = captured
    client_uuid = realm_admin.get_client_id(client_id)
    stored = [item for item in realm_admin.get_client_authz_resources(client_uuid) if item["name"] == "invoices"][0]
    found = module_runner(MODULE, realm=realm, client_id=client_id, resource_id=stored["_id"])
    assert found["changed"] is False and found.writes == [], found["msg"]
    listed = [item for item in result["authorization"]["resources"] if item["name"] == "invoices"][0]
    # The same entry as in the whole setup, with the id the server gave it; one request more (the resource).
    assert found["resource"] == dict(listed, id=stored["_id"])
    assert len(found.requests) == len(result.requests) + 2, found.requests
    unknown = module_runner(MODULE, realm=realm, client_id=client_id, resource_id="00000000-0000-4000-8000-000000000000")
    assert unknown["resource"] is None and unknown["changed"] is False, unknown["msg"]
    without = module_runner(MODULE, realm=realm, client_id=client_id)
    assert "resource" not in without and len(without.requests) == len(result.requests)
