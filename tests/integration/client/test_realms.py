# -*- coding: utf-8 -*-
"""RealmsMixin (and the realm switch of the base) against a real Keycloak, every effect read back."""

import os
import time
import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client import urls
from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
)

# The local server's admin (tests/conftest.py sets these from tests/keycloak/server.py).
LOGIN = {"username": os.environ["KEYCLOAK_ADMIN_USER"], "password": os.environ["KEYCLOAK_ADMIN_PASSWORD"]}

# Endpoints of the OIDC protocol, not of the admin API: only the tests call them.
TOKEN = "realms/{realm}/protocol/openid-connect/token"
CLIENT_REGISTRATION = "realms/{realm}/clients-registrations/default"
VERSION_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "keycloak", "VERSION")
PASSWORD = "Rïght pass +#/"


def unique(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


def _manager(keycloak_url, realm_name):
    """A client of its own (logged into master) managing ``realm_name``, so tests may reconfigure it."""
    return KeycloakAdmin(server_url=keycloak_url, **LOGIN, realm_name=realm_name, user_realm_name="master")


def _user(client, username):
    """A user with a complete profile and a password, so it can log in."""
    payload = {
        "username": username,
        "email": "%s@example.org" % username,
        "firstName": "Fïrst",
        "lastName": "Läst",
        "enabled": True,
        "emailVerified": True,
        "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}],
    }
    return client.create_user(payload)


def _login(client, username, password):
    """A password grant on the realm's token endpoint with its built-in public client ``admin-cli``."""
    data = {"client_id": "admin-cli", "grant_type": "password", "username": username, "password": password}
    return client.connection.request("POST", urls.build(TOKEN, realm=client.get_current_realm()), data=data, authenticated=False)


def _eventually(read, check, timeout=15):
    """``read()`` until ``check`` accepts it; Keycloak may record some things just after it answered."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if check(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.3)


# ---------------------------------------------------------------- realms CRUD


def test_realm_crud_with_unicode_and_space(admin):
    name = unique("rëalm ü")
    assert admin.create_realm({"realm": name, "enabled": True, "displayName": "Dïsplay / + #"}) == b""
    try:
        assert admin.get_realm(name)["displayName"] == "Dïsplay / + #"
        assert name in [r["realm"] for r in admin.get_realms()]

        # An existing realm: skipped on request, a 409 otherwise.
        assert admin.create_realm({"realm": name}, skip_exists=True) == {"msg": "Already exists"}
        with pytest.raises(KeycloakPostError) as error:
            admin.create_realm({"realm": name})
        assert error.value.response_code == 409

        assert admin.update_realm(name, {"displayName": "Nëw #+/", "registrationAllowed": True}) == {}
        realm = admin.get_realm(name)
        assert realm["displayName"] == "Nëw #+/"
        assert realm["registrationAllowed"] is True
    finally:
        assert admin.delete_realm(name) == {}
    with pytest.raises(KeycloakGetError) as error:
        admin.get_realm(name)
    assert error.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as error:
        admin.delete_realm(name)
    assert error.value.response_code == 404


def test_realm_names_keycloak_refuses(admin):
    for name in (unique("a/b"), unique("a+b"), unique("a#b")):
        with pytest.raises(KeycloakPostError) as error:
            admin.create_realm({"realm": name})
        assert error.value.response_code == 400
        assert "not allowed" in error.value.description


def test_current_realm(keycloak_url, realm):
    client = KeycloakAdmin(server_url=keycloak_url, **LOGIN, realm_name="master")
    assert client.get_current_realm() == "master"
    client.change_current_realm(realm)
    assert client.get_current_realm() == realm
    # Still logged into master, now managing the other realm.
    assert client.connection.user_realm_name == "master"
    assert client.get_keys()["keys"]
    assert client.export_realm()["realm"] == realm
    client.change_current_realm("master")
    assert client.export_realm()["realm"] == "master"


# ---------------------------------------------------------- import / export


def test_import_realm(admin):
    name = unique("ïmport realm")
    payload = {
        "realm": name,
        "enabled": True,
        "roles": {"realm": [{"name": "rôle / + #"}]},
        "groups": [{"name": "grøup / + #", "path": "/grøup / + #"}],
        "clients": [{"clientId": "clïent/+#", "publicClient": True, "redirectUris": ["https://app.example/*"]}],
        "users": [{"username": "ïmported", "enabled": True, "realmRoles": ["rôle / + #"], "groups": ["/grøup / + #"]}],
    }
    assert admin.import_realm(payload) == b""
    client = _manager(admin.connection.server_url, name)
    try:
        assert admin.get_realm(name)["enabled"] is True
        users = client.get_users({"username": "ïmported", "exact": True})
        assert len(users) == 1
        user_id = users[0]["id"]
        assert [r["name"] for r in client.get_realm_roles_of_user(user_id) if r["name"] == "rôle / + #"]
        assert [g["name"] for g in client.get_user_groups(user_id)] == ["grøup / + #"]
        assert len(client.search_clients("clïent/+#")) == 1
        with pytest.raises(KeycloakPostError) as error:
            admin.import_realm(payload)
        assert error.value.response_code == 409
    finally:
        admin.delete_realm(name)


def test_partial_import_realm(admin, realm):
    client = _manager(admin.connection.server_url, realm)
    payload = {
        "ifResourceExists": "SKIP",
        "roles": {"realm": [{"name": "pärtial rôle / + #"}]},
        # Keycloak 26 needs the group's path here (a 500, NullPointerException, without it).
        "groups": [{"name": "pärtial grøup / + #", "path": "/pärtial grøup / + #"}],
    }
    result = admin.partial_import_realm(realm, payload)
    assert (result["added"], result["skipped"], result["overwritten"]) == (2, 0, 0)
    assert sorted(r["resourceName"] for r in result["results"]) == ["pärtial grøup / + #", "pärtial rôle / + #"]
    assert client.get_realm_role("pärtial rôle / + #")["name"] == "pärtial rôle / + #"
    groups = client.get_groups({"search": "pärtial grøup / + #", "exact": True})
    assert [g["name"] for g in groups] == ["pärtial grøup / + #"]

    again = admin.partial_import_realm(realm, payload)
    assert (again["added"], again["skipped"]) == (0, 2)

    with pytest.raises(KeycloakPostError) as error:
        admin.partial_import_realm(realm, dict(payload, ifResourceExists="FAIL"))
    assert error.value.response_code == 409


def test_export_realm(realm_admin, realm):
    bare = realm_admin.export_realm()
    assert bare["realm"] == realm
    assert "clients" not in bare
    assert "groups" not in bare

    with_clients = realm_admin.export_realm(export_clients=True)
    client_ids = [c["clientId"] for c in with_clients["clients"]]
    assert "admin-cli" in client_ids and "account" in client_ids
    assert "groups" not in with_clients

    with_groups = realm_admin.export_realm(export_groups_and_role=True)
    assert "groups" in with_groups
    assert "offline_access" in [r["name"] for r in with_groups["roles"]["realm"]]
    assert "clients" not in with_groups


# ---------------------------------------------------------------- server, keys


def test_get_server_info(admin):
    info = admin.get_server_info()
    with open(VERSION_FILE, encoding="utf-8") as handle:
        version = os.environ.get("KEYCLOAK_VERSION") or handle.read().strip()
    assert info["systemInfo"]["version"] == version
    assert "ldap" in [p["id"] for p in info["componentTypes"]["org.keycloak.storage.UserStorageProvider"]]


def test_get_keys(realm_admin):
    keys = realm_admin.get_keys()
    assert "RS256" in keys["active"]
    algorithms = [k["algorithm"] for k in keys["keys"]]
    assert "RS256" in algorithms
    active_kid = keys["active"]["RS256"]
    assert active_kid in [k["kid"] for k in keys["keys"]]


# ------------------------------------------------------------------- events


def test_events(keycloak_url, realm):
    client = _manager(keycloak_url, realm)
    config = {
        "eventsEnabled": True,
        "eventsListeners": ["jboss-logging"],
        "enabledEventTypes": [],
        "adminEventsEnabled": True,
        "adminEventsDetailsEnabled": True,
    }
    assert client.set_events(config) == {}
    stored = client.get_events_config()
    assert stored["eventsEnabled"] is True
    assert stored["adminEventsEnabled"] is True
    assert stored["adminEventsDetailsEnabled"] is True

    # User events: two failed logins of an unknown user.
    for _attempt in range(2):
        assert _login(client, "nöbody+#", "wrong").status_code in (400, 401)  # 400 from Keycloak 26.7
    events = _eventually(lambda: client.get_events({"type": "LOGIN_ERROR"}), lambda e: len(e) >= 2)
    assert len(events) == 2
    assert all(e["error"] == "user_not_found" and e["clientId"] == "admin-cli" for e in events)
    assert len(client.get_events({"type": "LOGIN_ERROR", "max": 1})) == 1
    assert client.get_events({"type": "LOGOUT"}) == []

    # Paging walks every page: three pages of one event each with a tiny page size.
    _login(client, "nöbody+#", "wrong")
    paged = _manager(keycloak_url, realm)
    paged.PAGE_SIZE = 1
    assert len(_eventually(lambda: paged.get_events({"type": "LOGIN_ERROR"}), lambda e: len(e) >= 3)) == 3

    # Admin events: a group created through the admin API.
    name = "ëvent grøup / + #"
    group_id = client.create_group({"name": name})
    admin_events = _eventually(
        lambda: client.get_admin_events({"operationTypes": "CREATE", "resourceTypes": "GROUP"}),
        lambda e: len(e) >= 1,
    )
    assert len(admin_events) == 1
    assert admin_events[0]["resourcePath"] == "groups/%s" % group_id
    assert name in admin_events[0]["representation"]
    assert client.get_admin_events({"operationTypes": "DELETE"}) == []
    assert len(client.get_admin_events({"max": 1})) == 1

    # Turned off again: no new user events are recorded.
    assert client.set_events(dict(config, eventsEnabled=False, adminEventsEnabled=False)) == {}
    assert client.get_events_config()["eventsEnabled"] is False
    _login(client, "nöbody+#", "wrong")
    time.sleep(1)
    assert len(client.get_events({"type": "LOGIN_ERROR"})) == 3


def test_client_sessions_stats(keycloak_url, realm):
    client = _manager(keycloak_url, realm)
    assert client.get_client_sessions_stats() == []
    username = unique("sëssion").lower()
    _user(client, username)
    response = _login(client, username, PASSWORD)
    assert response.status_code == 200, response.text
    stats = client.get_client_sessions_stats()
    admin_cli = [s for s in stats if s["clientId"] == "admin-cli"]
    assert len(admin_cli) == 1
    assert admin_cli[0]["active"] == "1"


# ------------------------------------------------------------------- caches


def test_clear_caches(realm_admin, realm):
    assert realm_admin.clear_keys_cache() == {}
    assert realm_admin.clear_realm_cache() == {}
    assert realm_admin.clear_user_cache() == {}
    # The realm is reloaded from the database after the caches went.
    assert realm_admin.get_realm(realm)["realm"] == realm
    assert realm_admin.get_keys()["keys"]


def test_clear_cache_of_missing_realm(keycloak_url):
    client = _manager(keycloak_url, unique("nö realm"))
    with pytest.raises(KeycloakPostError) as error:
        client.clear_realm_cache()
    assert error.value.response_code == 404


# -------------------------------------------------------------- brute force


def test_bruteforce(keycloak_url, realm):
    client = _manager(keycloak_url, realm)
    settings = {"bruteForceProtected": True, "failureFactor": 3, "permanentLockout": False, "waitIncrementSeconds": 600}
    # Failures closer than quickLoginCheckMilliSeconds would lock the user before failureFactor is reached.
    client.update_realm(realm, dict(settings, quickLoginCheckMilliSeconds=1))
    assert client.get_realm(realm)["bruteForceProtected"] is True
    first = unique("brüte").lower()
    second = unique("brüte").lower()
    first_id = _user(client, first)
    second_id = _user(client, second)

    status = client.get_bruteforce_detection_status(first_id)
    assert status["numFailures"] == 0
    assert status["disabled"] is False

    # Keycloak records failures asynchronously and, on a loaded machine, has been seen to count
    # only two of three quick failures: fail until the user is locked, within a bound.
    for _attempt in range(6):
        assert _login(client, first, "wrong").status_code in (400, 401)
        status = _eventually(lambda: client.get_bruteforce_detection_status(first_id), lambda s: s["disabled"], timeout=3)
        if status["disabled"]:
            break
    assert status["disabled"] is True
    assert status["numFailures"] >= 2
    # Locked: even the right password is refused.
    assert _login(client, first, PASSWORD).status_code in (400, 401)

    assert client.clear_bruteforce_attempts_for_user(first_id) == {}
    status = client.get_bruteforce_detection_status(first_id)
    assert (status["numFailures"], status["disabled"]) == (0, False)
    assert _login(client, first, PASSWORD).status_code == 200

    for user, user_id in ((first, first_id), (second, second_id)):
        # A refused password grant: 401 up to Keycloak 26.6, 400 (invalid_grant) from 26.7.
        assert _login(client, user, "wrong").status_code in (400, 401)
        _eventually(lambda uid=user_id: client.get_bruteforce_detection_status(uid), lambda s: s["numFailures"] >= 1)
    assert client.clear_all_bruteforce_attempts() == {}
    for user_id in (first_id, second_id):
        assert client.get_bruteforce_detection_status(user_id)["numFailures"] == 0


# --------------------------------------------------- initial access tokens


def test_create_initial_access_token(realm_admin):
    created = realm_admin.create_initial_access_token(count=2, expiration=3600)
    assert created["count"] == 2
    # Sent as given, as python-keycloak sends it; Keycloak stores and enforces seconds.
    assert created["expiration"] == 3600
    listed = [t for t in realm_admin.get_initial_access_tokens() if t["id"] == created["id"]]
    assert len(listed) == 1
    assert (listed[0]["remainingCount"], listed[0]["expiration"]) == (2, 3600)

    # The token really registers a client (dynamic client registration).
    response = realm_admin.connection.request(
        "POST",
        urls.build(CLIENT_REGISTRATION, realm=realm_admin.get_current_realm()),
        json={"clientId": "rëgistered", "redirectUris": ["https://app.example/cb"]},
        headers={"Authorization": "Bearer %s" % created["token"]},
        authenticated=False,
    )
    assert response.status_code == 201, response.text
    assert len(realm_admin.search_clients("rëgistered")) == 1
    listed = [t for t in realm_admin.get_initial_access_tokens() if t["id"] == created["id"]]
    assert listed[0]["remainingCount"] == 1

    defaults = realm_admin.create_initial_access_token()
    assert (defaults["count"], defaults["expiration"]) == (1, 1)


def test_initial_access_token_expiration_is_seconds(realm_admin):
    """What the server does with ``expiration``: a token of 2 registers a client now and nothing 3 seconds later."""
    def register(token, client_id):
        return realm_admin.connection.request(
            "POST",
            urls.build(CLIENT_REGISTRATION, realm=realm_admin.get_current_realm()),
            json={"clientId": client_id, "redirectUris": ["https://app.example/cb"]},
            headers={"Authorization": "Bearer %s" % token},
            authenticated=False,
        )

    fresh = realm_admin.create_initial_access_token(count=5, expiration=2)
    assert register(fresh["token"], "registered-in-time").status_code == 201
    time.sleep(3)
    late = register(fresh["token"], "registered-too-late")
    assert late.status_code == 401, late.text
    assert realm_admin.search_clients("registered-too-late") == []
