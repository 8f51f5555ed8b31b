# -*- coding: utf-8 -*-
"""keycloak_events_info, keycloak_session_info and keycloak_client_installation against the real server."""

import uuid

import pytest
import requests

from harness import fails_or_plans  # pylint: disable=import-error

PASSWORD = "Pw-%s" % uuid.uuid4().hex[:8]


def login(keycloak_url, realm, username, password, client_id="admin-cli"):
    return requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm), timeout=30,
                         data={"grant_type": "password", "client_id": client_id, "username": username, "password": password})


@pytest.fixture(scope="module")
def setup(realm, realm_admin):
    realm_admin.set_events(dict(realm_admin.get_events_config(), eventsEnabled=True, adminEventsEnabled=True,
                                adminEventsDetailsEnabled=True, enabledEventTypes=["LOGIN", "LOGIN_ERROR"]))
    user_id = realm_admin.create_user({"username": "dora", "enabled": True, "email": "dora@example.com", "firstName": "Dora",
                                       "lastName": "Test", "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}]})
    client = realm_admin.create_client({"clientId": "app", "publicClient": False, "secret": "App-Secret-%s" % uuid.uuid4().hex[:6],
                                        "directAccessGrantsEnabled": True})
    return {"user": user_id, "client": client, "secret": realm_admin.get_client(client)["secret"]}


def test_events_info(module_runner, realm, setup, keycloak_url):
    assert login(keycloak_url, realm, "dora", PASSWORD).status_code == 200
    # A refused password grant: 401 up to Keycloak 26.6, 400 (invalid_grant) from 26.7.
    assert login(keycloak_url, realm, "dora", "wrong").status_code in (400, 401)
    errors = module_runner("keycloak_events_info", realm=realm, types=["LOGIN_ERROR"])
    assert errors["changed"] is False and errors.writes == []
    assert [event["type"] for event in errors["events"]] == ["LOGIN_ERROR"]
    mine = module_runner("keycloak_events_info", realm=realm, username="dora")
    assert sorted(event["type"] for event in mine["events"]) == ["LOGIN", "LOGIN_ERROR"]
    one = module_runner("keycloak_events_info", realm=realm, max=1)
    assert len(one["events"]) == 1
    admin_events = module_runner("keycloak_events_info", realm=realm, type="admin", resource_types=["CLIENT"], operation_types=["CREATE"])
    assert admin_events["events"] and admin_events["events"][0]["resourceType"] == "CLIENT"
    assert setup["secret"] not in admin_events["_stdout"], "a client secret leaked through an admin event"


def test_session_info(module_runner, realm, realm_admin, setup, keycloak_url):
    assert login(keycloak_url, realm, "dora", PASSWORD, client_id="admin-cli").status_code == 200
    user = module_runner("keycloak_session_info", realm=realm, username="dora")
    assert user["changed"] is False and len(user["sessions"]) == len(realm_admin.get_sessions(setup["user"])) >= 1
    assert user["consents"] == []
    client = module_runner("keycloak_session_info", realm=realm, client_id="admin-cli")
    assert client["sessions"] and client["offline_sessions"] == []
    narrowed = module_runner("keycloak_session_info", realm=realm, username="dora", client_id="app")
    assert narrowed["sessions"] == [] and narrowed["offline_sessions"] == []
    stats = module_runner("keycloak_session_info", realm=realm)
    assert [item["active"] for item in stats["stats"] if item["clientId"] == "admin-cli"][0] >= 1


def test_client_installation(module_runner, realm, setup):
    masked = module_runner("keycloak_client_installation", realm=realm, client_id="app")
    assert masked["changed"] is False and masked["format"] == "application/json"
    assert masked["installation"]["resource"] == "app" and masked["installation"]["credentials"]["secret"] == "********"
    assert setup["secret"] not in masked["_stdout"]
    xml = module_runner("keycloak_client_installation", realm=realm, client_id="app", provider="keycloak-oidc-jboss-subsystem")
    assert "<resource>app</resource>" in xml["installation"] and setup["secret"] not in xml["_stdout"] and "********" in xml["installation"]
    refused = module_runner("keycloak_client_installation", realm=realm, client_id="app", return_secret=True)
    assert refused["failed"] is True and "no_log" in refused["msg"] and refused.requests == []
    shown = module_runner("keycloak_client_installation", realm=realm, client_id="app", return_secret=True, _ansible_no_log=True)
    assert shown["installation"]["credentials"]["secret"] == setup["secret"]
    unknown = module_runner("keycloak_client_installation", realm=realm, client_id="app", provider="keycloak-saml")
    assert unknown["failed"] is True and "keycloak-oidc-keycloak-json" in unknown["msg"]


@pytest.mark.parametrize("module, args", [
    ("keycloak_events_info", {}),
    ("keycloak_session_info", {}),
    ("keycloak_session_info", {"username": "dora"}),
    ("keycloak_client_installation", {"client_id": "app"}),
])
def test_missing_realm_is_empty_in_check_mode(module_runner, module, args):
    for check_mode in (True, False):
        result = module_runner(module, check_mode=check_mode, realm="no-such-realm-info", **args)
        fails_or_plans(result, check_mode, "no-such-realm-info")
        if check_mode:
            assert result["changed"] is False
            assert all(result.get(key) in (None, []) for key in ("events", "sessions", "stats", "installation")), result
