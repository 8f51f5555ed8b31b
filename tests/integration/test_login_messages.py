# -*- coding: utf-8 -*-
"""A wrong server URL or login realm gets a message that says what to fix, against the real server.

Only logins: nothing on the server is changed.
"""

import os
import sys

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakAuthenticationError

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "modules"))
from harness import run_module  # noqa: E402  pylint: disable=import-error,wrong-import-position

ADMIN_USER = os.environ["KEYCLOAK_ADMIN_USER"]
ADMIN_PASSWORD = os.environ["KEYCLOAK_ADMIN_PASSWORD"]


def login_error(server_url, realm="master", password=ADMIN_PASSWORD):
    admin = KeycloakAdmin(server_url=server_url, username=ADMIN_USER, password=password, realm_name=realm)
    with pytest.raises(KeycloakAuthenticationError) as caught:
        admin.get_realms()
    return caught.value


@pytest.mark.parametrize("suffix", ["/admin", "/admin/", "/admin/master/console", "/admin/master/console/#/master"])
def test_admin_url_says_use_the_base_url(keycloak_url, suffix):
    error = login_error(keycloak_url + suffix)
    message = error.description
    assert "must be the server's base URL, without /admin" in message, message
    assert message.endswith("use %s" % keycloak_url), message


def test_auth_prefix_says_keycloak_17_has_none(keycloak_url):
    error = login_error(keycloak_url + "/auth")
    message = error.description
    assert "Keycloak 17 and later serve no /auth prefix" in message, message
    assert "use %s " % keycloak_url in message
    assert error.response_code == 404 and not error.not_found


def test_unknown_login_realm_is_named(keycloak_url):
    error = login_error(keycloak_url, realm="no-such-login-realm-4b2e")
    assert "realm 'no-such-login-realm-4b2e' does not exist" in error.description
    assert not error.not_found


def test_wrong_relative_path_says_no_token_endpoint_answered(keycloak_url):
    message = login_error(keycloak_url + "/keycloak").description
    assert "no Keycloak token endpoint answered at %s/keycloak/realms/master/protocol/openid-connect/token" % keycloak_url in message


def test_wrong_password_keeps_keycloaks_message(keycloak_url):
    message = login_error(keycloak_url, password="wrong-password").description
    assert "Invalid user credentials" in message and "base URL" not in message


def test_module_with_admin_url_fails_with_the_fix(keycloak_url):
    result = run_module("keycloak_realm_info", {
        "auth_keycloak_url": keycloak_url + "/admin", "auth_username": ADMIN_USER, "auth_password": ADMIN_PASSWORD, "realm": "master",
    })
    assert result.get("failed") is True, result
    assert "without /admin" in result["msg"] and "use %s" % keycloak_url in result["msg"], result["msg"]
    assert len(result.requests) == 1, "one login, no probing"


@pytest.mark.parametrize("url_suffix,login_realm", [("/auth", "master"), ("", "no-such-login-realm-4b2e")], ids=["auth-prefix", "login-realm"])
def test_module_does_not_mistake_a_failed_login_for_a_missing_realm(keycloak_url, url_suffix, login_realm):
    # The login's 404 is not "realm not found": the module fails instead of reporting no realms.
    result = run_module("keycloak_realm_info", {
        "auth_keycloak_url": keycloak_url + url_suffix, "auth_realm": login_realm,
        "auth_username": ADMIN_USER, "auth_password": ADMIN_PASSWORD, "realm": "master",
    })
    assert result.get("failed") is True, result
    assert "/auth prefix" in result["msg"] or "realm '%s' does not exist" % login_realm in result["msg"], result["msg"]
