# -*- coding: utf-8 -*-
"""UsersMixin against a real Keycloak: every method, with its effect read back."""

import socket
import uuid

import pytest
import requests

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
    KeycloakPutError,
)

PASSWORD = "Secr3t pass +#é"


def unique(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


def _user(admin, username, **extra):
    """A user with a complete profile, so it can log in."""
    payload = {
        "username": username,
        "email": "%s@example.org" % username.replace("+", "-"),
        "firstName": "Fïrst",
        "lastName": "Läst",
        "enabled": True,
        "emailVerified": True,
    }
    payload.update(extra)
    return admin.create_user(payload)


def _token(keycloak_url, realm, username, password, scope=None):
    data = {"client_id": "admin-cli", "grant_type": "password", "username": username, "password": password}
    if scope:
        data["scope"] = scope
    return requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm), data=data, timeout=30)


def _partial_import(admin, payload):
    payload = dict(payload, ifResourceExists="FAIL")
    result = admin.partial_import_realm(admin.get_current_realm(), payload)
    assert result["added"] == sum(len(v) for k, v in payload.items() if isinstance(v, list))


def _free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def test_create_read_update_delete(realm_admin):
    name = unique("jürgen+crud").lower()
    user_id = realm_admin.create_user({"username": name, "email": "crud-%s@example.org" % name[-8:], "firstName": "Jürgen", "enabled": True})
    assert user_id
    user = realm_admin.get_user(user_id)
    assert user["username"] == name
    assert user["firstName"] == "Jürgen"

    assert realm_admin.update_user(user_id, {"lastName": "Ößer Ünï"}) == {}
    user = realm_admin.get_user(user_id)
    assert user["lastName"] == "Ößer Ünï"
    assert user["firstName"] == "Jürgen"

    assert realm_admin.disable_user(user_id) == {}
    assert realm_admin.get_user(user_id)["enabled"] is False
    assert realm_admin.enable_user(user_id) == {}
    assert realm_admin.get_user(user_id)["enabled"] is True

    assert realm_admin.delete_user(user_id) == {}
    with pytest.raises(KeycloakGetError) as info:
        realm_admin.get_user(user_id)
    assert info.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as info:
        realm_admin.delete_user(user_id)
    assert info.value.response_code == 404
    with pytest.raises(KeycloakPutError) as info:
        realm_admin.update_user(user_id, {"firstName": "x"})
    assert info.value.response_code == 404


def test_create_user_exists(realm_admin):
    name = unique("dup")
    user_id = realm_admin.create_user({"username": name, "email": "%s@example.org" % name})
    with pytest.raises(KeycloakPostError) as info:
        realm_admin.create_user({"username": name})
    assert info.value.response_code == 409
    # Keycloak compares usernames case-insensitively.
    assert realm_admin.create_user({"username": name.upper()}, exist_ok=True) == user_id
    # Same e-mail but another username is a conflict that exist_ok does not hide.
    with pytest.raises(KeycloakPostError) as info:
        realm_admin.create_user({"username": unique("other"), "email": "%s@example.org" % name}, exist_ok=True)
    assert info.value.response_code == 409
    with pytest.raises(KeycloakPostError) as info:
        realm_admin.create_user({"username": "bad name/with#chars"})
    assert info.value.response_code == 400


def test_get_user_id_is_exact(realm_admin):
    base = unique("amy+é")
    short_id = _user(realm_admin, base)
    long_id = _user(realm_admin, base + "x")
    assert realm_admin.get_user_id(base) == short_id
    assert realm_admin.get_user_id(base.upper()) == short_id
    assert realm_admin.get_user_id(base + "x") == long_id
    assert realm_admin.get_user_id(base[:-1]) is None
    assert realm_admin.get_user_id("no-such-user-" + base) is None


def test_get_users_pages_and_count(realm_admin, keycloak_version):
    prefix = unique("bulk")
    _partial_import(realm_admin, {"users": [{"username": "%s-%03d" % (prefix, i), "enabled": i % 2 == 0} for i in range(130)]})

    users = realm_admin.get_users({"search": prefix})
    assert len(users) == 130
    assert len(set(u["id"] for u in users)) == 130
    assert sorted(u["username"] for u in users) == ["%s-%03d" % (prefix, i) for i in range(130)]
    page = realm_admin.get_users({"search": prefix, "first": 120, "max": 50})
    assert len(page) == 10
    assert len(realm_admin.get_users({"search": prefix, "max": 7})) == 7
    assert realm_admin.get_users({"username": prefix + "-007", "exact": True})[0]["username"] == prefix + "-007"

    assert realm_admin.users_count({"search": prefix}) == 130
    # Keycloak 26.0's count ignores `enabled` (it counts every match); later versions count the disabled half.
    assert realm_admin.users_count({"search": prefix, "enabled": False}) == (130 if keycloak_version < (26, 1) else 65)
    assert len(realm_admin.get_users({"search": prefix, "enabled": False})) == 65
    total = realm_admin.users_count()
    assert isinstance(total, int) and total >= 130
    assert len(realm_admin.get_users()) == total


def test_disable_and_enable_all_users(realm_admin):
    _user(realm_admin, unique("all-a"))
    _user(realm_admin, unique("all-b"), enabled=False)
    total = realm_admin.users_count()
    assert realm_admin.disable_all_users() is None
    assert realm_admin.users_count({"enabled": True}) == 0
    assert realm_admin.users_count({"enabled": False}) == total
    assert realm_admin.enable_all_users() is None
    assert realm_admin.users_count({"enabled": False}) == 0
    assert realm_admin.users_count({"enabled": True}) == total


def test_get_user_groups(realm_admin):
    prefix = unique("ug")
    groups = [{"name": "%s %03d/é+#" % (prefix, i), "path": "/%s %03d/é+#" % (prefix, i), "attributes": {"n": [str(i)]}} for i in range(105)]
    name = unique("member")
    _partial_import(realm_admin, {"groups": groups})
    _partial_import(realm_admin, {"users": [{"username": name, "enabled": True, "groups": [g["path"] for g in groups]}]})
    user_id = realm_admin.get_user_id(name)

    mine = realm_admin.get_user_groups(user_id)
    assert sorted(g["name"] for g in mine) == sorted(g["name"] for g in groups)
    assert "attributes" not in mine[0]
    full = realm_admin.get_user_groups(user_id, query={"search": "%s 004" % prefix}, brief_representation=False)
    assert [g["name"] for g in full] == ["%s 004/é+#" % prefix]
    assert full[0]["attributes"] == {"n": ["4"]}
    assert len(realm_admin.get_user_groups(user_id, query={"first": 0, "max": 5})) == 5
    with pytest.raises(KeycloakGetError) as info:
        realm_admin.get_user_groups("no-such-user")
    assert info.value.response_code == 404


def test_password_and_credentials(keycloak_url, realm, realm_admin):
    name = unique("cred")
    user_id = _user(realm_admin, name)
    assert realm_admin.get_credentials(user_id) == []

    realm_admin.set_user_password(user_id, PASSWORD, temporary=True)
    creds = realm_admin.get_credentials(user_id)
    assert [c["type"] for c in creds] == ["password"]
    assert "UPDATE_PASSWORD" in realm_admin.get_user(user_id)["requiredActions"]
    answer = _token(keycloak_url, realm, name, PASSWORD)
    assert answer.status_code == 400
    assert "not fully set up" in answer.json()["error_description"]

    realm_admin.set_user_password(user_id, PASSWORD, temporary=False)
    realm_admin.update_user(user_id, {"requiredActions": []})
    assert _token(keycloak_url, realm, name, PASSWORD).status_code == 200

    credential_id = realm_admin.get_credentials(user_id)[0]["id"]
    assert realm_admin.delete_credential(user_id, credential_id) == {}
    assert realm_admin.get_credentials(user_id) == []
    # A refused password grant: 401 up to Keycloak 26.6, 400 (invalid_grant) from 26.7.
    assert _token(keycloak_url, realm, name, PASSWORD).status_code in (400, 401)
    with pytest.raises(KeycloakDeleteError) as info:
        realm_admin.delete_credential(user_id, credential_id)
    assert info.value.response_code == 404


def test_sessions_logout_and_consents(keycloak_url, realm, realm_admin):
    name = unique("sess")
    user_id = _user(realm_admin, name)
    realm_admin.set_user_password(user_id, PASSWORD, temporary=False)
    assert realm_admin.get_sessions(user_id) == []
    assert realm_admin.user_consents(user_id) == []

    assert _token(keycloak_url, realm, name, PASSWORD).status_code == 200
    sessions = realm_admin.get_sessions(user_id)
    assert len(sessions) == 1
    assert sessions[0]["userId"] == user_id
    assert "admin-cli" in sessions[0]["clients"].values()

    # An offline token is a grant Keycloak lists among the user's consents.
    assert _token(keycloak_url, realm, name, PASSWORD, scope="openid offline_access").status_code == 200
    consents = realm_admin.user_consents(user_id)
    assert [c["clientId"] for c in consents] == ["admin-cli"]
    assert consents[0]["additionalGrants"][0]["key"] == "Offline Token"

    assert realm_admin.user_logout(user_id) == {}
    assert realm_admin.get_sessions(user_id) == []
    with pytest.raises(KeycloakPostError) as info:
        realm_admin.user_logout("no-such-user")
    assert info.value.response_code == 404


def test_social_logins(realm_admin):
    alias = unique("idp-é")
    realm_admin.create_idp(
        {
            "alias": alias,
            "providerId": "oidc",
            "config": {"authorizationUrl": "http://127.0.0.1:1/auth", "tokenUrl": "http://127.0.0.1:1/token", "clientId": "c", "clientSecret": "s"},
        },
    )
    user_id = _user(realm_admin, unique("social"))
    assert realm_admin.get_user_social_logins(user_id) == []

    assert realm_admin.add_user_social_login(user_id, alias, "remote id/+#1", "Remote Üser") == {}
    assert realm_admin.get_user_social_logins(user_id) == [{"identityProvider": alias, "userId": "remote id/+#1", "userName": "Remote Üser"}]
    with pytest.raises(KeycloakPostError) as info:
        realm_admin.add_user_social_login(user_id, alias, "other", "other")
    assert info.value.response_code == 409

    assert realm_admin.delete_user_social_login(user_id, alias) == {}
    assert realm_admin.get_user_social_logins(user_id) == []
    with pytest.raises(KeycloakDeleteError) as info:
        realm_admin.delete_user_social_login(user_id, alias)
    assert info.value.response_code == 404
    with pytest.raises(KeycloakPostError) as info:
        realm_admin.add_user_social_login("no-such-user", alias, "x", "x")
    assert info.value.response_code == 404


def test_email_actions_reach_the_server(keycloak_url, realm, realm_admin):
    # An SMTP server on a port nobody listens on: Keycloak tries to send and says it failed.
    realm_admin.update_realm(realm, {"smtpServer": {"host": "127.0.0.1", "port": str(_free_port()), "from": "kc@example.org"}})
    user_id = _user(realm_admin, unique("mail"))
    redirect = "%s/realms/%s/account/" % (keycloak_url, realm)

    with pytest.raises(KeycloakPutError) as info:
        realm_admin.send_update_account(user_id, ["UPDATE_PASSWORD", "VERIFY_EMAIL"], client_id="account", lifespan=600, redirect_uri=redirect)
    assert info.value.response_code == 500
    assert "Failed to send execute actions email" in info.value.description

    with pytest.raises(KeycloakPutError) as info:
        realm_admin.send_verify_email(user_id, client_id="account", redirect_uri=redirect)
    assert info.value.response_code == 500
    assert "Failed to send verify email" in info.value.description
    with pytest.raises(KeycloakPutError) as info:
        realm_admin.send_verify_email(user_id)
    assert info.value.response_code == 500

    # The parameters reach the server: it checks them before it tries to send.
    with pytest.raises(KeycloakPutError) as info:
        realm_admin.send_verify_email(user_id, client_id="account", redirect_uri="http://elsewhere.example/")
    assert info.value.response_code == 400
    assert "Invalid redirect uri" in info.value.description
    with pytest.raises(KeycloakPutError) as info:
        realm_admin.send_update_account(user_id, ["UPDATE_PASSWORD"], client_id="no-such-client")
    assert info.value.response_code == 400
    assert "Client doesn't exist" in info.value.description
    with pytest.raises(KeycloakPutError) as info:
        realm_admin.send_verify_email("no-such-user")
    assert info.value.response_code == 404
