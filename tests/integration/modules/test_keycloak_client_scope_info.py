# -*- coding: utf-8 -*-
"""keycloak_client_scope_info against the real server."""

import pytest

MODULE = "keycloak_client_scope_info"


@pytest.fixture(scope="module")
def scopes(realm_admin):
    """Two scopes of our own, made with the client: ``tokens/read`` (optional, a mapper, two roles) and ``plain``."""
    client = realm_admin
    client.create_realm_role({"name": "reader"})
    client.create_client({"clientId": "shop"})
    shop = client.get_client_id("shop")
    client.create_client_role(shop, {"name": "buyer"})
    scope_id = client.create_client_scope({
        "name": "tokens/read", "protocol": "openid-connect", "description": "Read tokens",
        "protocolMappers": [{"name": "team", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
                             "config": {"claim.name": "team", "claim.value": "x"}}],
    })
    client.add_default_optional_client_scope(scope_id)
    reader = client.get_realm_role("reader")
    client.add_role_mappings("client_scope", scope_id, [{"id": reader["id"], "name": "reader"}])
    buyer = client.get_client_role(shop, "buyer")
    client.add_client_specific_roles_to_client_scope(scope_id, shop, [{"id": buyer["id"], "name": "buyer"}])
    client.create_client_scope({"name": "plain", "protocol": "openid-connect"})
    return client


def test_every_scope_with_mappers_and_type(module_runner, realm, scopes):
    result = module_runner(MODULE, realm=realm)
    assert result["changed"] is False and result.writes == []
    found = dict((scope["name"], scope) for scope in result["client_scopes"])
    truth = scopes.get_client_scopes()
    assert set(found) == set(scope["name"] for scope in truth)
    assert [scope["name"] for scope in result["client_scopes"]] == sorted(found)
    # Keycloak's own scopes, with their realm-level type.
    assert found["profile"]["type"] == "default" and found["phone"]["type"] == "optional"
    assert found["tokens/read"]["type"] == "optional" and found["plain"]["type"] == "none"
    assert [mapper["name"] for mapper in found["tokens/read"]["protocolMappers"]] == ["team"]
    assert "scopeMappings" not in found["tokens/read"]
    # login, the list, the two realm lists: whatever the number of scopes
    assert len(result.requests) == 4, result.requests


def test_one_scope_with_scope_mappings(module_runner, realm, scopes):
    result = module_runner(MODULE, realm=realm, name="tokens/read", include=["scope_mappings"])
    assert result["changed"] is False
    [scope] = result["client_scopes"]
    assert scope["description"] == "Read tokens" and scope["id"] == scopes.get_client_scope_by_name("tokens/read")["id"]
    assert scope["scopeMappings"] == [{"name": "reader", "clientId": None}, {"name": "buyer", "clientId": "shop"}]
    assert "type" not in scope and "protocolMappers" not in scope
    # login, the list, the scope's mappings
    assert len(result.requests) == 3, result.requests


def test_unknown_name_is_an_empty_list(module_runner, realm, scopes):
    result = module_runner(MODULE, realm=realm, name="no-such-scope", include=["protocol_mappers", "type", "scope_mappings"])
    assert result["changed"] is False and result["client_scopes"] == []
    assert len(result.requests) == 2


def test_check_mode_reads_the_same(module_runner, realm, scopes):
    normal = module_runner(MODULE, realm=realm, name="tokens/read")
    check = module_runner(MODULE, check_mode=True, realm=realm, name="tokens/read")
    assert check["client_scopes"] == normal["client_scopes"] and check.writes == []


def test_unknown_realm_fails_with_keycloaks_message(module_runner, scopes):
    result = module_runner(MODULE, realm="no-such-realm-m5")
    assert result["failed"] is True and result["http_status"] == 404, result
    assert "realm 'no-such-realm-m5' does not exist" in result["msg"], result["msg"]


def test_bad_include_is_refused_before_any_request(module_runner, realm):
    result = module_runner(MODULE, realm=realm, include=["everything"])
    assert result["failed"] is True and "include" in result["msg"]
    assert result.requests == []


def test_protocol_mapper_list_is_what_each_scope_holds(module_runner, realm, scopes):
    scope_id = scopes.get_client_scope_by_name("plain")["id"]
    scopes.add_mapper_to_client_scope(scope_id, {
        "name": "office", "protocol": "openid-connect", "protocolMapper": "oidc-usermodel-attribute-mapper",
        "config": {"user.attribute": "office", "claim.name": "office"}})
    plain = module_runner(MODULE, realm=realm)
    result = module_runner(MODULE, check_mode=True, realm=realm, include=["protocol_mapper_list"])
    assert result["changed"] is False and result.writes == [], result.get("msg")
    expected = []
    for scope in scopes.get_client_scopes():
        for mapper in scopes.get_mappers_from_client_scope(scope["id"]):
            expected.append((scope["name"], mapper["name"], mapper["id"], mapper["config"]))
    found = [(mapper["clientScope"], mapper["name"], mapper["id"], mapper["config"]) for mapper in result["protocol_mappers"]]
    assert found == sorted(expected, key=lambda item: (item[0], item[1]))
    assert ("plain", "office") in [item[:2] for item in found] and ("tokens/read", "team") in [item[:2] for item in found]
    # Only what was asked for is added: no protocolMappers or type on the scopes, one mapper read per scope.
    assert "protocolMappers" not in result["client_scopes"][0] and "type" not in result["client_scopes"][0]
    assert len([request for request in result.requests if request[1].endswith("/protocol-mappers/models")]) == len(result["client_scopes"])
    assert "protocol_mappers" not in plain


def test_protocol_mapper_list_of_one_scope(module_runner, realm, scopes):
    result = module_runner(MODULE, realm=realm, name="tokens/read", include=["protocol_mappers", "protocol_mapper_list"])
    assert [mapper["name"] for mapper in result["protocol_mappers"]] == ["team"]
    assert result["protocol_mappers"][0]["clientScope"] == "tokens/read"
    assert result["protocol_mappers"][0]["id"] == result["client_scopes"][0]["protocolMappers"][0]["id"]
    # Login, the scopes, the one scope's mappers.
    assert len(result.requests) == 3, result.requests
    none = module_runner(MODULE, realm=realm, name="no such scope", include=["protocol_mapper_list"])
    assert none["client_scopes"] == [] and none["protocol_mappers"] == []
