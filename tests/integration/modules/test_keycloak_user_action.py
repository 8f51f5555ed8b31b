# -*- coding: utf-8 -*-
"""keycloak_user_action and keycloak_attack_detection against the real server: real logins, real lockouts."""

import time
import uuid

import pytest
import requests

from harness import fails_or_plans  # pylint: disable=import-error

MODULE = "keycloak_user_action"
PASSWORD = "Pw-%s" % uuid.uuid4().hex[:8]


def login(keycloak_url, realm, username, password):
    """A real password-grant login through the realm's admin-cli client (a public client with direct grants)."""
    return requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm),
                         data={"grant_type": "password", "client_id": "admin-cli", "username": username, "password": password}, timeout=30)


@pytest.fixture(scope="module")
def users(realm, realm_admin):
    """Users that can log in; the realm locks a user after 2 failures and sends mail to a port nothing listens on."""
    realm_admin.update_realm(realm, {"bruteForceProtected": True, "failureFactor": 2, "permanentLockout": False,
                                     "smtpServer": {"host": "127.0.0.1", "port": "1", "from": "sso@example.com"}})
    ids = {}
    for name in ("anna", "bert", "carl"):
        ids[name] = realm_admin.create_user({"username": name, "enabled": True, "email": "%s@example.com" % name, "emailVerified": True,
                                             "firstName": name.title(), "lastName": "Test",
                                             "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}]})
    realm_admin.create_user({"username": "no-mail", "enabled": True, "firstName": "No", "lastName": "Mail"})
    return ids


def test_logout_ends_a_real_session(module_runner, realm, realm_admin, users, keycloak_url):
    token = login(keycloak_url, realm, "anna", PASSWORD)
    assert token.status_code == 200, token.text
    assert len(realm_admin.get_sessions(users["anna"])) == 1

    check = module_runner(MODULE, check_mode=True, realm=realm, username="anna", action="logout")
    assert check["changed"] is True and check.writes == [] and check["sessions"] == 1
    assert "would end every session" in check["msg"]
    assert len(realm_admin.get_sessions(users["anna"])) == 1, "check mode logged the user out"

    done = module_runner(MODULE, realm=realm, username="anna", action="logout")
    assert done["changed"] is True and done["actions"] == check["actions"] and done["id"] == users["anna"]
    assert realm_admin.get_sessions(users["anna"]) == []
    refreshed = requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm), timeout=30,
                              data={"grant_type": "refresh_token", "client_id": "admin-cli", "refresh_token": token.json()["refresh_token"]})
    assert refreshed.status_code == 400, "the refresh token of the ended session still works"


def test_unlock_after_real_failed_logins(module_runner, realm, realm_admin, users, keycloak_url):
    nothing = module_runner(MODULE, realm=realm, username="bert", action="unlock")
    assert nothing["changed"] is False and nothing.writes == [], nothing["msg"]
    for _attempt in range(10):
        login(keycloak_url, realm, "bert", "wrong password")
        if realm_admin.get_bruteforce_detection_status(users["bert"]).get("disabled"):
            break
    assert realm_admin.get_bruteforce_detection_status(users["bert"])["disabled"] is True
    # A refused password grant: 401 up to Keycloak 26.6, 400 (invalid_grant) from 26.7.
    assert login(keycloak_url, realm, "bert", PASSWORD).status_code in (400, 401), "a locked user logged in"

    status = module_runner("keycloak_attack_detection", realm=realm, username="bert")
    assert status["changed"] is False and status["locked"] is True and status["brute_force"]["numFailures"] >= 2

    check = module_runner(MODULE, check_mode=True, realm=realm, username="bert", action="unlock")
    assert check["changed"] is True and check.writes == []
    assert realm_admin.get_bruteforce_detection_status(users["bert"])["disabled"] is True
    done = module_runner(MODULE, realm=realm, username="bert", action="unlock")
    assert done["changed"] is True and done["brute_force"]["disabled"] is False
    assert login(keycloak_url, realm, "bert", PASSWORD).status_code == 200, "the user is still locked"
    again = module_runner(MODULE, realm=realm, username="bert", action="unlock")
    assert again["changed"] is False and again.writes == []


def failures_counted(admin, user_id, wanted, timeout=10.0):
    """Keycloak counts a failed login in the background: wait (bounded) until it has ``wanted`` failures of the user."""
    deadline = time.monotonic() + timeout
    while True:
        failures = admin.get_bruteforce_detection_status(user_id)["numFailures"]
        if failures == wanted or time.monotonic() > deadline:
            return failures
        time.sleep(0.2)


def test_attack_detection_clears_one_or_all(module_runner, realm, realm_admin, users, keycloak_url):
    login(keycloak_url, realm, "carl", "wrong password")
    assert failures_counted(realm_admin, users["carl"], 1) == 1
    check = module_runner("keycloak_attack_detection", check_mode=True, realm=realm, username="carl", action="clear")
    assert check["changed"] is True and check.writes == []
    done = module_runner("keycloak_attack_detection", realm=realm, username="carl", action="clear")
    assert done["changed"] is True and done["brute_force"]["numFailures"] == 0 and done["locked"] is False
    again = module_runner("keycloak_attack_detection", realm=realm, username="carl", action="clear")
    assert again["changed"] is False and again.writes == []

    login(keycloak_url, realm, "carl", "wrong password")
    assert failures_counted(realm_admin, users["carl"], 1) == 1
    every = module_runner("keycloak_attack_detection", realm=realm, action="clear")
    assert every["changed"] is True
    assert realm_admin.get_bruteforce_detection_status(users["carl"])["numFailures"] == 0
    refused = module_runner("keycloak_attack_detection", realm=realm)
    assert refused["failed"] is True and "username" in refused["msg"]


def test_set_password(module_runner, realm, users, keycloak_url):
    new = "Other-%s" % uuid.uuid4().hex[:8]
    check = module_runner(MODULE, check_mode=True, diff=True, realm=realm, username="carl", action="set_password", password=new)
    assert check["changed"] is True and check.writes == [] and new not in check["_stdout"]
    assert login(keycloak_url, realm, "carl", PASSWORD).status_code == 200
    done = module_runner(MODULE, diff=True, realm=realm, username="carl", action="set_password", password=new)
    assert done["changed"] is True and new not in done["_stdout"] and done["diff"] == check["diff"]
    assert login(keycloak_url, realm, "carl", new).status_code == 200
    # A refused password grant: 401 up to Keycloak 26.6, 400 (invalid_grant) from 26.7.
    assert login(keycloak_url, realm, "carl", PASSWORD).status_code in (400, 401)
    temporary = module_runner(MODULE, realm=realm, username="carl", action="set_password", password=PASSWORD, temporary=True)
    assert temporary["changed"] is True
    refused = login(keycloak_url, realm, "carl", PASSWORD)
    assert refused.status_code == 400 and "not fully set up" in refused.text, refused.text


def test_email_without_reachable_smtp_reports_keycloaks_error(module_runner, realm, users):
    for action, extra in (("send_verify_email", {}), ("send_actions_email", {"actions": ["UPDATE_PASSWORD"], "lifespan": 600})):
        check = module_runner(MODULE, check_mode=True, realm=realm, username="anna", action=action, **extra)
        assert check["changed"] is True and check.writes == [], check["msg"]
        result = module_runner(MODULE, realm=realm, username="anna", action=action, **extra)
        assert result["failed"] is True and result["http_status"] == 500, result
        assert "Keycloak could not send the e-mail" in result["msg"] and "Failed to send" in result["msg"], result["msg"]
        assert "SMTP" in result["msg"] and "user 'anna'" in result["msg"]
    verify = module_runner(MODULE, realm=realm, username="anna", action="send_verify_email", lifespan=600, client_id="account")
    assert verify["failed"] is True and "Failed to send" in verify["msg"]


@pytest.mark.parametrize("args, named", [
    ({"username": "no-mail", "action": "send_verify_email"}, "no e-mail address"),
    ({"username": "anna", "action": "send_actions_email", "actions": ["NO_SUCH_ACTION"]}, "NO_SUCH_ACTION"),
    ({"username": "anna", "action": "send_verify_email", "redirect_uri": "https://example.com/"}, "client_id"),
    ({"action": "disable_all"}, "confirm_all_users"),
])
def test_bad_input_fails_before_any_write(module_runner, realm, users, args, named):
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, **args)
        assert result.get("failed") is True and named in result["msg"] and result.writes == [], result["msg"]


def test_realm_without_smtp_is_refused_at_once(module_runner, realm, realm_admin, users):
    realm_admin.update_realm(realm, {"smtpServer": {}})
    try:
        result = module_runner(MODULE, realm=realm, username="anna", action="send_verify_email")
        assert result["failed"] is True and "no SMTP server" in result["msg"] and result.writes == []
    finally:
        realm_admin.update_realm(realm, {"smtpServer": {"host": "127.0.0.1", "port": "1", "from": "sso@example.com"}})


def test_disable_and_enable_all(module_runner, realm, realm_admin, users):
    check = module_runner(MODULE, check_mode=True, realm=realm, action="disable_all", confirm_all_users=True)
    assert check["changed"] is True and check.writes == [] and "anna" in check["usernames"]
    assert realm_admin.get_user(users["anna"])["enabled"] is True
    done = module_runner(MODULE, realm=realm, action="disable_all", confirm_all_users=True)
    assert done["changed"] is True and done["usernames"] == check["usernames"]
    assert all(not user["enabled"] for user in realm_admin.get_users())
    again = module_runner(MODULE, realm=realm, action="disable_all", confirm_all_users=True)
    assert again["changed"] is False and again.writes == []
    enabled = module_runner(MODULE, realm=realm, action="enable_all", confirm_all_users=True)
    assert enabled["changed"] is True and sorted(enabled["usernames"]) == sorted(check["usernames"])
    assert all(user["enabled"] for user in realm_admin.get_users())
    login_realm = module_runner(MODULE, realm="master", action="disable_all", confirm_all_users=True)
    assert login_realm["failed"] is True and "lock out" in login_realm["msg"] and login_realm.writes == []


@pytest.mark.parametrize("check_mode", [True, False])
def test_missing_user_or_realm(module_runner, realm, users, check_mode):
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, username="nobody-here", action="logout")
    fails_or_plans(result, check_mode, "nobody-here")
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, username="anna", action="send_actions_email",
                           actions=["UPDATE_PASSWORD"], client_id="no-such-client")
    fails_or_plans(result, check_mode, "no-such-client")
    result = module_runner(MODULE, check_mode=check_mode, realm="no-such-realm-ua", username="anna", action="unlock")
    fails_or_plans(result, check_mode, "no-such-realm-ua")
    result = module_runner("keycloak_attack_detection", check_mode=check_mode, realm="no-such-realm-ua", action="clear")
    fails_or_plans(result, check_mode, "no-such-realm-ua")


def test_disable_and_enable_one_user(module_runner, realm, realm_admin, users, keycloak_url):
    user_id = realm_admin.create_user({"username": "dora", "enabled": True, "firstName": "Dora", "lastName": "Test", "email": "dora@example.com",
                                       "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}]})
    check = module_runner(MODULE, check_mode=True, diff=True, realm=realm, username="dora", action="disable")
    assert check["changed"] is True and check.writes == [] and check["enabled"] is False and "would disable the user" in check["msg"]
    assert realm_admin.get_user(user_id)["enabled"] is True
    done = module_runner(MODULE, diff=True, realm=realm, username="dora", action="disable")
    assert done["changed"] is True and done["actions"] == check["actions"] and done["diff"] == check["diff"]
    assert len(done.writes) == 1
    assert realm_admin.get_user(user_id)["enabled"] is False
    assert login(keycloak_url, realm, "dora", PASSWORD).status_code != 200, "a disabled user logged in"
    again = module_runner(MODULE, realm=realm, username="dora", action="disable")
    assert again["changed"] is False and again.writes == [] and "already disabled" in again["msg"]

    check = module_runner(MODULE, check_mode=True, realm=realm, username="dora", action="enable")
    assert check["changed"] is True and check.writes == [] and realm_admin.get_user(user_id)["enabled"] is False
    done = module_runner(MODULE, realm=realm, username="dora", action="enable")
    assert done["changed"] is True and done["enabled"] is True
    assert realm_admin.get_user(user_id)["enabled"] is True
    # Only the one field changed: the rest of the user is as it was.
    assert realm_admin.get_user(user_id)["firstName"] == "Dora"
    assert login(keycloak_url, realm, "dora", PASSWORD).status_code == 200
    again = module_runner(MODULE, realm=realm, username="dora", action="enable")
    assert again["changed"] is False and again.writes == []


# An OTP credential as Keycloak exports it: a partial import gives a user one without a browser enrolment.
OTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def otp_credential(label):
    return {"type": "otp", "userLabel": label, "secretData": '{"value":"%s"}' % OTP_SECRET,
            "credentialData": '{"subType":"totp","digits":6,"counter":0,"period":30,"algorithm":"HmacSHA1"}'}


def test_delete_credentials_removes_a_real_otp(module_runner, realm, realm_admin, users, keycloak_url):
    realm_admin.partial_import_realm(realm, {"ifResourceExists": "FAIL", "users": [{
        "username": "emil", "enabled": True, "firstName": "Emil", "lastName": "Test", "email": "emil@example.com",
        "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}, otp_credential("phone"), otp_credential("tablet")]}]})
    user_id = realm_admin.get_user_id("emil")
    otp = [item for item in realm_admin.get_credentials(user_id) if item["type"] == "otp"]
    assert sorted(item["userLabel"] for item in otp) == ["phone", "tablet"]
    assert login(keycloak_url, realm, "emil", PASSWORD).status_code != 200, "a password alone opened a login that needs an OTP code"

    check = module_runner(MODULE, check_mode=True, realm=realm, username="emil", action="delete_credentials", credential_type="otp")
    assert check["changed"] is True and check.writes == [] and len(check["actions"]) == 2
    assert sorted(item["userLabel"] for item in check["credentials"]) == ["phone", "tablet"]
    assert OTP_SECRET not in check["_stdout"] and "credentialData" not in check["_stdout"]
    assert len([item for item in realm_admin.get_credentials(user_id) if item["type"] == "otp"]) == 2

    done = module_runner(MODULE, realm=realm, username="emil", action="delete_credentials", credential_type="otp")
    assert done["changed"] is True and done["actions"] == check["actions"] and done["credentials"] == check["credentials"]
    assert len(done.writes) == 2 and OTP_SECRET not in done["_stdout"]
    assert [item["type"] for item in realm_admin.get_credentials(user_id)] == ["password"]
    assert login(keycloak_url, realm, "emil", PASSWORD).status_code == 200, "the user still needs an OTP code"

    again = module_runner(MODULE, realm=realm, username="emil", action="delete_credentials", credential_type="otp")
    assert again["changed"] is False and again.writes == [] and again["credentials"] == [] and "no otp credential" in again["msg"]
    missing = module_runner(MODULE, realm=realm, username="emil", action="delete_credentials")
    assert missing["failed"] is True and "credential_type" in missing["msg"] and missing.writes == []
