# -*- coding: utf-8 -*-
"""Faults between the modules and Keycloak lose nothing (issue 16, item 5).

Every fault comes from the recording proxy on 127.0.0.1 (``tests/keycloak/proxy.py``) in front of
the real test Keycloak: a reset connection, an answer cut halfway, 429 with ``Retry-After``, 502,
503 and 504 (one each, and 503 for ten seconds, as a restarting server behind a load balancer
answers), and the answer to a create lost after Keycloak made the object (a reset or a read timeout
after the request was sent). Each case runs a module that creates a user with two realm roles and
asserts the real outcome: the task succeeds, the user and its roles are there exactly once, and a
rerun changes nothing.
"""

import os
import time
import uuid

import pytest

from proxy import Fault, Proxy  # tests/keycloak  pylint: disable=import-error
from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from harness import TOKEN_PATH, run_module, warnings_of  # pylint: disable=import-error

ROLES = ["fault-a", "fault-b"]
ADMIN_USER = os.environ["KEYCLOAK_ADMIN_USER"]
ADMIN_PASSWORD = os.environ["KEYCLOAK_ADMIN_PASSWORD"]


def unique(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


@pytest.fixture(scope="module")
def roles(realm_admin):
    for name in ROLES:
        realm_admin.create_realm_role({"name": name}, skip_exists=True)
    return ROLES


class Once:
    """A fault for the first ``times`` requests that ``match(method, path)`` selects."""

    def __init__(self, match, action, times=1):
        self.match = match
        self.action = action
        self.left = times
        self.hits = 0

    def __call__(self, method, path):
        if self.left and self.match(method, path):
            self.left -= 1
            self.hits += 1
            return self.action
        return None


def is_user_read(method, path):
    return method == "GET" and "/users" in path and "role-mappings" not in path


def is_user_create(method, path):
    return method == "POST" and path.split("?")[0].endswith("/users")


def is_role_mapping_write(method, path):
    return method == "POST" and path.endswith("/role-mappings/realm")


def is_login(method, path):
    return method == "POST" and path.endswith(TOKEN_PATH)


def user_task(proxy, realm, username, **extra):
    args = {
        "auth_keycloak_url": proxy.url,
        "auth_realm": "master",
        "auth_username": ADMIN_USER,
        "auth_password": ADMIN_PASSWORD,
        "realm": realm,
        "username": username,
        "realm_roles": ROLES,
    }
    args.update(extra)
    return run_module("keycloak_user", args)


def converged(proxy, realm_admin, realm, username, result):
    assert result.get("failed") is not True, result.get("msg")
    assert result["changed"] is True and result["operation"] == "create", result
    users = [user for user in realm_admin.get_users({"username": username, "exact": "true"}) if user["username"] == username]
    assert len(users) == 1, users
    mapped = set(role["name"] for role in realm_admin.get_realm_roles_of_user(users[0]["id"]))
    assert set(ROLES) <= mapped
    again = user_task(proxy, realm, username)
    assert again["changed"] is False and again.writes == [], again.get("msg")


FAULTS = {
    "reset on a read": (is_user_read, Fault.reset()),
    "cut answer to a read": (is_user_read, Fault.cut()),
    "cut answer to the login": (is_login, Fault.cut()),
    "reset of the login": (is_login, Fault.reset()),
    "429 with Retry-After": (is_user_read, Fault.status(429, headers={"Retry-After": "1"})),
    "502 on a read": (is_user_read, Fault.status(502, "<html>Bad Gateway</html>")),
    "503 on the login": (is_login, Fault.status(503)),
    "504 on a read": (is_user_read, Fault.status(504)),
    "429 on a create": (is_user_create, Fault.status(429, headers={"Retry-After": "0"})),
    "503 on a role mapping read": (lambda method, path: method == "GET" and "role-mappings" in path, Fault.status(503)),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_a_fault_is_ridden_out(realm, realm_admin, roles, name):
    match, action = FAULTS[name]
    fault = Once(match, action, times=2)
    username = unique("f")
    with Proxy(realm_admin.connection.server_url, fault=fault) as proxy:
        result = user_task(proxy, realm, username)
        assert fault.hits >= 1, "the fault was never injected"
        converged(proxy, realm_admin, realm, username, result)


def test_503_for_ten_seconds_is_ridden_out(realm, realm_admin, roles):
    """A Keycloak restarting behind a load balancer: 503 for everything, for ten seconds (two retries used to give up)."""
    until = []

    def unavailable(method, path):
        if not until:
            until.append(time.monotonic() + 10)
        return Fault.status(503, "Service Unavailable") if time.monotonic() < until[0] else None

    username = unique("f")
    with Proxy(realm_admin.connection.server_url, fault=unavailable) as proxy:
        started = time.monotonic()
        result = user_task(proxy, realm, username)
        took = time.monotonic() - started
        assert took >= 10
        assert sum(1 for answer in proxy.answers if answer[2] == 503) >= 4
        converged(proxy, realm_admin, realm, username, result)


@pytest.mark.parametrize("lost", ["reset", "timeout"])
def test_a_create_whose_answer_is_lost_is_found_and_the_task_goes_on(realm, realm_admin, roles, lost):
    """Keycloak made the user, the answer never came back: the module finds the user by its name, says
    'created', adds the role mappings, and sends the create only once."""
    action = Fault.reset(forward=True) if lost == "reset" else Fault.delay(3, after=True)
    fault = Once(is_user_create, action)
    username = unique("f")
    with Proxy(realm_admin.connection.server_url, fault=fault) as proxy:
        result = user_task(proxy, realm, username, connection_timeout=1)
        assert fault.hits == 1
        assert len([path for path in proxy.paths("POST") if path.split("?")[0].endswith("/users")]) == 1
        assert "created" in result.get("msg", ""), result
        assert any("answer to the create" in warning and "was lost" in warning for warning in warnings_of(result)), result
        converged(proxy, realm_admin, realm, username, result)


def test_a_create_that_never_happened_is_sent_again(realm, realm_admin, roles):
    """The connection broke before Keycloak saw the create (a reset without forwarding): not found, so sent again."""
    fault = Once(is_user_create, Fault.reset())
    username = unique("f")
    with Proxy(realm_admin.connection.server_url, fault=fault) as proxy:
        result = user_task(proxy, realm, username)
        assert fault.hits == 1
        assert len([path for path in proxy.paths("POST") if path.split("?")[0].endswith("/users")]) == 2
        converged(proxy, realm_admin, realm, username, result)


def test_a_lost_role_mapping_answer_is_retried_safely(realm, realm_admin, roles):
    """Adding role mappings is a POST that Keycloak applies idempotently; its lost answer fails the task
    clearly, and the rerun converges."""
    fault = Once(is_role_mapping_write, Fault.reset(forward=True))
    username = unique("f")
    with Proxy(realm_admin.connection.server_url, fault=fault) as proxy:
        first = user_task(proxy, realm, username)
        assert fault.hits == 1
        if first.get("failed"):
            assert "cannot reach" in first["msg"] and first["done"][0] == "created"
            first = user_task(proxy, realm, username)
            assert first["changed"] is True and first["operation"] == "update"
        again = user_task(proxy, realm, username)
        assert again["changed"] is False and again.writes == []


def test_an_expired_given_token_names_refresh_token_and_credentials(realm, keycloak_url):
    admin = KeycloakAdmin(server_url=keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD, realm_name="master")
    token = admin.connection.get_token()["access_token"]
    admin.connection.logout()  # the session ends: its access token is refused from now on
    with Proxy(keycloak_url) as proxy:
        result = run_module("keycloak_user", {"auth_keycloak_url": proxy.url, "token": token, "realm": realm, "username": unique("f")})
    assert result.get("failed") is True
    message = result["msg"]
    assert "the given token was refused" in message and "refresh_token" in message and "credentials" in message, message
    assert token not in result["_stdout"]


def test_a_ten_second_token_lifespan_over_a_long_task(keycloak_url):
    """The login realm's access tokens live 10 s; one task that lasts well beyond that (every request
    slowed by the proxy) renews its token as it goes: no request is refused, nothing fails."""
    admin = KeycloakAdmin(server_url=keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD, realm_name="master")
    realm = unique("short")
    admin.create_realm({"realm": realm, "enabled": True, "accessTokenLifespan": 10})
    try:
        admin.change_current_realm(realm)
        names = ["long-%02d" % index for index in range(20)]
        for name in names:
            admin.create_realm_role({"name": name})
        operator = admin.create_user({"username": "operator", "enabled": True, "email": "operator@example.com", "emailVerified": True,
                                      "firstName": "Op", "lastName": "Erator",
                                      "credentials": [{"type": "password", "value": "operator-secret-1", "temporary": False}]})
        management = admin.get_client_id("realm-management")
        admin.assign_client_role(operator, management, [admin.get_client_role(management, "realm-admin")])
        with Proxy(keycloak_url, fault=lambda method, path: Fault.delay(0.3)) as proxy:
            started = time.monotonic()
            result = run_module("keycloak_user", {
                "auth_keycloak_url": proxy.url, "auth_realm": realm, "auth_username": "operator", "auth_password": "operator-secret-1",
                "realm": realm, "username": unique("u"), "realm_roles": names, "first_name": "Long", "last_name": "Task",
            })
            took = time.monotonic() - started
        assert result.get("failed") is not True, result.get("msg")
        assert took > 12, "the task was too short to outlive its token: %.1f s" % took
        logins = [answer for answer in proxy.answers if answer[1].endswith(TOKEN_PATH)]
        assert len(logins) >= 2 and all(answer[2] == 200 for answer in logins), logins
        assert [answer for answer in proxy.answers if answer[2] == 401] == []
        print("10 s token: task of %.1f s, %d requests, %d token requests" % (took, len(proxy.answers), len(logins)))
    finally:
        admin.change_current_realm("master")
        admin.delete_realm(realm)
