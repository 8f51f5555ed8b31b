# -*- coding: utf-8 -*-
"""keycloak_realm_info against the real server."""

import json

import pytest

from harness import run_module  # pylint: disable=import-error

MODULE = "keycloak_realm_info"
SMTP_SECRET = "smtp-secret-m5-realm-info"
KEY_FIELDS = {"kid", "type", "algorithm", "use", "status", "providerId", "providerPriority", "validTo", "publicKey", "certificate"}


@pytest.fixture(scope="module")
def settled(realm, realm_admin, admin):
    """The test realm with an SMTP password, a default group and a realm administrator of its own."""
    admin.update_realm(realm, {"displayName": "Info realm", "smtpServer": {
        "host": "smtp.example.com", "from": "sso@example.com", "auth": "true", "user": "u", "password": SMTP_SECRET}})
    group_id = realm_admin.create_group({"name": "staff"})
    realm_admin.add_realm_default_group(group_id)
    user_id = realm_admin.create_user({"username": "realm-boss", "enabled": True, "firstName": "Realm", "lastName": "Boss",
                                       "email": "boss@example.com", "emailVerified": True,
                                       "credentials": [{"type": "password", "value": "boss-pass-1", "temporary": False}]})
    management = realm_admin.get_client_id("realm-management")
    role = realm_admin.get_client_role(management, "realm-admin")
    realm_admin.assign_client_role(user_id, management, [{"id": role["id"], "name": role["name"]}])
    return realm


def realm_login(keycloak_url, realm):
    return {"auth_keycloak_url": keycloak_url, "auth_realm": realm, "auth_username": "realm-boss", "auth_password": "boss-pass-1"}


def test_every_realm_as_a_summary(module_runner, admin, settled):
    result = module_runner(MODULE)
    assert result["changed"] is False and result.writes == []
    names = [realm["realm"] for realm in result["realms"]]
    assert names == sorted(names) and {"master", settled} <= set(names)
    assert set(names) == set(realm["realm"] for realm in admin.get_realms())
    mine = [realm for realm in result["realms"] if realm["realm"] == settled][0]
    assert set(mine) == {"id", "realm", "displayName", "enabled"} and mine["displayName"] == "Info realm" and mine["enabled"] is True
    assert len(result.requests) == 2, result.requests


def test_one_realm_whole_with_the_smtp_password_masked(module_runner, admin, settled):
    result = module_runner(MODULE, realm=settled)
    [realm] = result["realms"]
    truth = admin.get_realm(settled)
    assert realm["accessTokenLifespan"] == truth["accessTokenLifespan"] and realm["displayName"] == "Info realm"
    assert realm["smtpServer"]["password"] == "********" and realm["smtpServer"]["host"] == "smtp.example.com"
    assert SMTP_SECRET not in result["_stdout"]
    assert "defaultRoles" not in realm and "keys" not in realm
    # The login, the realm, and its discovery document (the issuer and endpoints).
    assert len(result.requests) == 3, result.requests


def test_includes(module_runner, settled):
    result = module_runner(MODULE, realm=settled, include=["default_roles", "default_groups", "default_client_scopes", "events_config", "keys"])
    [realm] = result["realms"]
    assert {"offline_access", "uma_authorization"} <= set(realm["defaultRoles"])
    assert realm["defaultGroups"] == ["/staff"]
    assert "profile" in realm["defaultDefaultClientScopes"] and "phone" in realm["defaultOptionalClientScopes"]
    assert realm["eventsConfig"]["eventsEnabled"] is False and "jboss-logging" in realm["eventsConfig"]["eventsListeners"]
    keys = realm["keys"]
    assert keys["active"]["RS256"] in [key["kid"] for key in keys["keys"]]
    rsa = [key for key in keys["keys"] if key["algorithm"] == "RS256"][0]
    assert rsa["publicKey"] and rsa["certificate"] and rsa["use"] == "SIG"
    for key in keys["keys"]:
        assert set(key) <= KEY_FIELDS, "a key shows more than its public half: %s" % sorted(set(key) - KEY_FIELDS)
    returned = json.dumps(result["realms"])
    assert "privateKey" not in returned and "PRIVATE KEY" not in returned and SMTP_SECRET not in result["_stdout"]
    assert result.writes == []


def test_includes_for_every_realm(module_runner, settled):
    result = module_runner(MODULE, include=["default_groups"])
    mine = [realm for realm in result["realms"] if realm["realm"] == settled][0]
    assert mine["defaultGroups"] == ["/staff"]
    assert [realm for realm in result["realms"] if realm["realm"] == "master"][0]["defaultGroups"] == []


def test_unknown_realm_is_an_empty_list(module_runner):
    result = module_runner(MODULE, realm="no-such-realm-m5", include=["keys"])
    assert result["changed"] is False and result["realms"] == []


def test_check_mode_reads_the_same(module_runner, settled):
    normal = module_runner(MODULE, realm=settled, include=["default_roles"])
    check = module_runner(MODULE, check_mode=True, realm=settled, include=["default_roles"])
    assert check["realms"] == normal["realms"] and check.writes == []


def test_a_realm_administrator_sees_only_its_realm(keycloak_url, settled):
    login = realm_login(keycloak_url, settled)
    listed = run_module(MODULE, dict(login, include=["default_client_scopes"]))
    assert not listed.get("failed"), listed.get("msg")
    assert [realm["realm"] for realm in listed["realms"]] == [settled]
    assert "profile" in listed["realms"][0]["defaultDefaultClientScopes"]
    own = run_module(MODULE, dict(login, realm=settled, include=["keys", "events_config"]))
    assert not own.get("failed"), own.get("msg")
    assert own["realms"][0]["realm"] == settled and own["realms"][0]["smtpServer"]["password"] == "********"
    master = run_module(MODULE, dict(login, realm="master"))
    assert master["failed"] is True and master["http_status"] == 403, master
    assert master.writes == []


def test_issuer_and_endpoints_are_the_realms_own(module_runner, realm, realm_admin, keycloak_url):
    """What an application needs: the issuer and endpoints as the realm's discovery document says, and they work."""
    import requests  # pylint: disable=import-outside-toplevel

    document = requests.get("%s/realms/%s/.well-known/openid-configuration" % (keycloak_url, realm), timeout=30).json()
    found = module_runner(MODULE, realm=realm)
    assert found["issuer"] == document["issuer"] and found["token_endpoint"] == document["token_endpoint"]
    assert found["authorization_endpoint"] == document["authorization_endpoint"] and found["jwks_uri"] == document["jwks_uri"]
    assert requests.get(found["discovery_url"], timeout=30).json()["issuer"] == found["issuer"]

    realm_admin.create_client({"clientId": "shop-api", "publicClient": False, "serviceAccountsEnabled": True,
                               "standardFlowEnabled": False})
    handed = module_runner("keycloak_client_secret", realm=realm, client_id="shop-api", return_secret=True, _ansible_no_log=True)
    assert handed["issuer"] == found["issuer"] and handed["planned"] is False
    # The hand-off works: the application gets a token from the returned endpoint with the returned secret.
    answer = requests.post(handed["token_endpoint"], timeout=30, data={
        "grant_type": "client_credentials", "client_id": "shop-api", "client_secret": handed["secret"]})
    assert answer.status_code == 200 and answer.json()["access_token"], answer.text
    installation = module_runner("keycloak_client_installation", realm=realm, client_id="shop-api")
    assert installation["discovery_url"] == found["discovery_url"] and installation["planned"] is False

    missing = module_runner(MODULE, realm=realm + "-missing")
    assert missing["realms"] == [] and missing["issuer"] is None and missing["discovery_url"] is None


@pytest.mark.parametrize("module", ["keycloak_client_secret", "keycloak_client_installation"])
def test_a_dry_run_of_a_new_realm_plans_the_hand_off(module_runner, module):
    """Check mode on a realm that does not exist yet: the value and the issuer are null, with planned: true."""
    planned = module_runner(module, check_mode=True, realm="planned-realm-hand-off", client_id="shop-api")
    assert planned.get("failed") is not True, planned["msg"]
    assert planned["planned"] is True and planned["issuer"] is None
    assert planned.get("secret", planned.get("installation")) is None
