# -*- coding: utf-8 -*-
"""keycloak_client_info against the real server: every page, exact client ID, search, secrets masked."""

import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.base import KeycloakAdminBase

MODULE = "keycloak_client_info"


@pytest.fixture(scope="module")
def clients(realm_admin):
    """Clients that differ only in case and by a prefix, a confidential one with a service account and roles, and a SAML one."""
    kc = realm_admin
    tag = uuid.uuid4().hex[:6]
    kc.create_realm_role({"name": "auditor"})
    confidential = kc.create_client({
        "clientId": "api-%s" % tag, "secret": "info-secret-value", "serviceAccountsEnabled": True,
        "protocolMappers": [{"name": "team", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
                             "config": {"claim.name": "team", "claim.value": "iam"}}],
    })
    account = kc.get_client_service_account_user(confidential)
    kc.assign_realm_roles(account["id"], [kc.get_realm_role("auditor")])
    kc.create_client({"clientId": "API-%s" % tag, "publicClient": True})
    kc.create_client({"clientId": "api-%s-two" % tag, "publicClient": True})
    kc.create_client({"clientId": "saml-%s" % tag, "protocol": "saml"})
    return tag


def test_every_client_on_every_page(module_runner, realm, realm_admin, clients, monkeypatch):
    # Pages of two, so the module must walk several pages to see every client.
    monkeypatch.setattr(KeycloakAdminBase, "PAGE_SIZE", 2)
    result = module_runner(MODULE, realm=realm)
    assert result["changed"] is False, result.get("msg")
    # By id: Ansible masks the test login's password ("admin") inside names such as admin-cli.
    found = [client["id"] for client in result["clients"]]
    expected = [client["id"] for client in realm_admin.get_clients()]
    assert sorted(found) == sorted(expected) and len(expected) > 6
    assert len([r for r in result.requests if "/clients?" in r[1]]) == len(expected) // 2 + 1


def test_one_client_exact_with_mappers_scopes_and_roles(module_runner, realm, clients, keycloak_version):
    result = module_runner(MODULE, check_mode=True, realm=realm, client_id="api-%s" % clients)
    assert result["changed"] is False and result.writes == []
    assert [client["clientId"] for client in result["clients"]] == ["api-%s" % clients]
    client = result["clients"][0]
    assert client["secret"] == "********" and "info-secret-value" not in result["_stdout"]
    # Keycloak before 26.1 gives a client with a service account three mappers of its own; 26.1+ links its service_account scope.
    own_mappers = [] if keycloak_version[:2] >= (26, 1) else ["Client Host", "Client ID", "Client IP Address"]
    assert sorted(mapper["name"] for mapper in client["protocolMappers"]) == own_mappers + ["team"]
    assert "profile" in client["defaultClientScopes"] and "phone" in client["optionalClientScopes"]
    assert ("service_account" in client["defaultClientScopes"]) is (keycloak_version[:2] >= (26, 1))
    assert {"name": "auditor", "clientId": None} in client["serviceAccountRoleMappings"]
    # Login, the list filtered by the server, the service account user and its role mappings.
    assert len(result.requests) == 4, result.requests


def test_no_such_client_is_an_empty_list(module_runner, realm, clients):
    result = module_runner(MODULE, realm=realm, client_id="api-%s-nope" % clients)
    assert result["changed"] is False and result["clients"] == []


def test_search_is_a_substring_of_the_client_id(module_runner, realm, clients):
    result = module_runner(MODULE, realm=realm, search="api-%s" % clients)
    found = sorted(client["clientId"] for client in result["clients"])
    assert "api-%s" % clients in found and "api-%s-two" % clients in found
    assert "saml-%s" % clients not in found


def test_saml_private_key_is_masked(module_runner, realm, realm_admin, clients):
    key = realm_admin.get_client(realm_admin.get_client_id("saml-%s" % clients))["attributes"]["saml.signing.private.key"]
    result = module_runner(MODULE, realm=realm, client_id="saml-%s" % clients)
    assert result["clients"][0]["attributes"]["saml.signing.private.key"] == "********"
    assert key not in result["_stdout"]


def test_client_id_and_search_exclude_each_other(module_runner, realm):
    result = module_runner(MODULE, realm=realm, client_id="a", search="b")
    assert result.get("failed") is True and "mutually exclusive" in result["msg"]


def _requests_to(result, fragment):
    return [request for request in result.requests if fragment in request[1]]


def test_client_scopes_come_whole_with_an_extra_optional_scope(module_runner, realm, realm_admin, clients):
    kc = realm_admin
    scope_id = kc.create_client_scope({"name": "ledger-%s" % clients, "protocol": "openid-connect",
                                       "attributes": {"include.in.token.scope": "true", "display.on.consent.screen": "false"}})
    two = kc.get_client_id("api-%s-two" % clients)
    kc.add_client_optional_client_scope(two, scope_id, {})
    plain = module_runner(MODULE, realm=realm, search="api-%s" % clients)
    result = module_runner(MODULE, check_mode=True, realm=realm, search="api-%s" % clients, include=["client_scopes"])
    assert result["changed"] is False and result.writes == [], result.get("msg")
    by_client_id = dict((client["clientId"], client) for client in result["clients"])
    for client in result["clients"]:
        scopes = client["clientScopes"]
        # What the server holds: the names it lists for the client, each scope as the realm's scope endpoint gives it.
        assert [scope["name"] for scope in scopes["default"]] == sorted(s["name"] for s in kc.get_client_default_client_scopes(client["id"]))
        assert [scope["name"] for scope in scopes["optional"]] == sorted(s["name"] for s in kc.get_client_optional_client_scopes(client["id"]))
        assert sorted(scope["name"] for scope in scopes["default"]) == sorted(client["defaultClientScopes"])
        for scope in scopes["default"] + scopes["optional"]:
            truth = kc.get_client_scope(scope["id"])
            assert dict((key, scope.get(key)) for key in ("id", "name", "protocol", "attributes")) == \
                dict((key, truth.get(key)) for key in ("id", "name", "protocol", "attributes"))
    ledger = [scope for scope in by_client_id["api-%s-two" % clients]["clientScopes"]["optional"] if scope["id"] == scope_id]
    assert ledger and ledger[0]["attributes"] == {"include.in.token.scope": "true", "display.on.consent.screen": "false"}
    assert not [scope for scope in by_client_id["API-%s" % clients]["clientScopes"]["optional"] if scope["id"] == scope_id]
    # The realm's scopes once, then two reads per client; nothing else changes.
    assert len(result.requests) == len(plain.requests) + 1 + 2 * len(result["clients"]), result.requests
    assert len(_requests_to(result, "/default-client-scopes")) == len(result["clients"])
    assert "clientScopes" not in plain["clients"][0]


def test_protocol_mapper_list_is_what_each_client_holds(module_runner, realm, realm_admin, clients):
    kc = realm_admin
    two = kc.get_client_id("api-%s-two" % clients)
    kc.add_mapper_to_client(two, {"name": "region", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
                                  "config": {"claim.name": "region", "claim.value": "eu"}})
    plain = module_runner(MODULE, realm=realm, search="api-%s" % clients)
    result = module_runner(MODULE, realm=realm, search="api-%s" % clients, include=["protocol_mapper_list"])
    assert result["changed"] is False and result.writes == [], result.get("msg")
    expected = []
    for client in result["clients"]:
        for mapper in kc.get_mappers_from_client(client["id"]):
            expected.append((client["clientId"], mapper["name"], mapper["id"], mapper["protocolMapper"]))
    found = [(mapper["clientId"], mapper["name"], mapper["id"], mapper["protocolMapper"]) for mapper in result["protocol_mappers"]]
    assert found == sorted(expected, key=lambda item: (item[0], item[1]))
    assert ("api-%s" % clients, "team") in [item[:2] for item in found] and ("api-%s-two" % clients, "region") in [item[:2] for item in found]
    # One read per client, from the client's own mapper endpoint.
    assert len(_requests_to(result, "/protocol-mappers/models")) == len(result["clients"])
    assert len(result.requests) == len(plain.requests) + len(result["clients"])
    assert "protocol_mappers" not in plain


def test_protocol_mapper_list_of_no_client_is_empty(module_runner, realm, clients):
    result = module_runner(MODULE, realm=realm, client_id="api-%s-nope" % clients, include=["protocol_mapper_list", "client_scopes"])
    assert result["clients"] == [] and result["protocol_mappers"] == []
    assert len(result.requests) == 2, result.requests
