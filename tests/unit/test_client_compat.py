# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a program written for python-keycloak can see of the client, against a scripted server.

The same promises are checked against python-keycloak itself and a real Keycloak in
tests/integration/client/test_differential.py; these are the cases a real server cannot script:
exact bodies, token handling from request to request, the answers that decide an error's shape.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from test_transport import FakeClock, Reply, Stub  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.client.connection import KeycloakOpenIDConnection
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakAuthenticationError,
    KeycloakConnectionError,
    KeycloakError,
    KeycloakGetError,
    KeycloakLoginError,
    KeycloakPostError,
)


@pytest.fixture
def stub():
    server = Stub()
    yield server
    server.close()


def admin_at(stub, **options):
    options.setdefault("username", "admin")
    options.setdefault("password", "secret")
    return KeycloakAdmin(connection=KeycloakOpenIDConnection(server_url=stub.url, sleep=lambda seconds: None, **options))


# --------------------------------------------------------------------------- errors


def test_error_attributes_are_python_keycloaks():
    error = KeycloakGetError(b'{"error":"Realm not found."}', response_code=404, response_body=b'{"error":"Realm not found."}')
    assert str(error) == "404: b'{\"error\":\"Realm not found.\"}'"
    assert error.description == '{"error":"Realm not found."}'
    assert str(KeycloakError("plain")) == "plain" and KeycloakError("plain").description == "plain"


def test_an_answers_body_is_the_error_message_and_the_sentence_its_description(stub):
    stub.replies = [Reply(404, {"error": "Realm not found."})]
    with pytest.raises(KeycloakGetError) as caught:
        admin_at(stub).get_realm("gone")
    error = caught.value
    assert error.error_message == error.response_body == b'{"error": "Realm not found."}'
    assert str(error) == "404: %s" % (error.response_body,)
    assert error.description == "GET /admin/realms/gone: Realm not found."


def test_a_json_message_is_the_error_message(stub):
    # python-keycloak takes the "message" of a JSON answer, the body otherwise.
    stub.replies = [Reply(400, {"message": "bad thing", "errorMessage": "other"})]
    with pytest.raises(KeycloakGetError) as caught:
        admin_at(stub).get_realm("x")
    assert caught.value.error_message == "bad thing" and str(caught.value) == "400: bad thing"


def test_a_refused_login_keeps_the_readable_sentence_as_description(stub):
    stub.token_replies = [Reply(401, {"error": "invalid_grant", "error_description": "Invalid user credentials"})]
    with pytest.raises(KeycloakAuthenticationError) as caught:
        admin_at(stub, password="wrong").get_realms()
    # A 401 is python-keycloak's KeycloakAuthenticationError, not a KeycloakPostError.
    assert not isinstance(caught.value, KeycloakPostError)
    assert caught.value.error_message == b'{"error": "invalid_grant", "error_description": "Invalid user credentials"}'
    assert "password grant for user 'admin'" in caught.value.description


def test_a_login_answered_otherwise_than_401_is_a_post_error_too(stub):
    stub.token_replies = [Reply(404, {"error": "Realm does not exist"})]
    with pytest.raises(KeycloakPostError) as caught:
        admin_at(stub, user_realm_name="gone").get_realms()
    assert isinstance(caught.value, KeycloakLoginError) and isinstance(caught.value, KeycloakAuthenticationError)
    assert caught.value.not_found is False, "a refused login says nothing about the object asked for"
    assert "realm 'gone' does not exist" in caught.value.description


def test_connection_errors_say_what_python_keycloak_says():
    connection = KeycloakOpenIDConnection(server_url="http://127.0.0.1:9", token="t", max_retries=0)
    with pytest.raises(KeycloakConnectionError) as caught:
        connection.request("GET", "admin/realms")
    assert str(caught.value).startswith("Can't connect to server (")
    assert caught.value.response_code is None
    assert caught.value.description.startswith("cannot reach http://127.0.0.1:9/admin/realms: ")


# --------------------------------------------------------------------------- empty answers


def test_a_204_is_an_empty_dict_and_an_empty_201_bytes(stub):
    admin = admin_at(stub)
    stub.replies = [Reply(204)]
    assert admin.update_user("u", {"firstName": "x"}) == {}
    stub.replies = [Reply(201)]
    assert admin.create_realm({"realm": "r"}) == b""
    stub.replies = [Reply(201)]
    assert admin.create_idp({"alias": "a", "providerId": "github"}) == b""


# --------------------------------------------------------------------------- the token


def test_token_is_none_before_the_first_login_then_the_servers_dict(stub):
    admin = admin_at(stub)
    assert admin.connection.token is None
    assert isinstance(admin.connection.expires_at, datetime.datetime)
    admin.get_users()
    assert admin.connection.token["access_token"] == "access-1" and admin.connection.token["expires_in"] == 300
    assert admin.connection.token is admin.connection.token, "the same dict, so changes to it are kept"


def test_expires_at_is_when_the_token_is_renewed():
    clock = FakeClock()
    connection = KeycloakOpenIDConnection(server_url="http://127.0.0.1:9", clock=clock,
                                          token={"access_token": "a", "refresh_token": "r", "expires_in": 300})
    left = (connection.expires_at - datetime.datetime.now()).total_seconds()
    # Renewed 15 seconds before the end of its 300.
    assert 280 < left <= 285


def test_a_changed_access_token_is_sent_from_the_next_request(stub):
    admin = admin_at(stub)
    admin.get_users()
    admin.connection.token["access_token"] = "changed-by-the-program"
    admin.get_users()
    assert [seen.bearer for seen in stub.admin_requests()] == ["access-1", "changed-by-the-program"]


def test_a_changed_refresh_token_is_used_by_the_next_refresh(stub):
    admin = admin_at(stub)
    admin.get_users()
    admin.connection.token["refresh_token"] = "refresh-from-the-program"
    admin.connection.refresh_token()
    assert stub.token_requests()[-1].form["refresh_token"] == "refresh-from-the-program"


def test_custom_headers_default_to_none_and_stay_as_given(stub):
    assert admin_at(stub).connection.custom_headers is None
    headers = {"X-Tenant": "blue"}
    assert admin_at(stub, custom_headers=headers).connection.custom_headers is headers


def test_a_custom_authorization_header_is_sent_when_there_is_nothing_to_log_in_with(stub):
    admin = admin_at(stub, username=None, password=None, custom_headers={"Authorization": "Bearer from-the-program"})
    admin.get_users()
    assert stub.token_requests() == []
    assert [seen.bearer for seen in stub.admin_requests()] == ["from-the-program"]
    assert admin.connection.token is None


def test_a_custom_authorization_header_wins_over_the_login(stub):
    # python-keycloak's order: the caller's headers are laid over the computed ones (issue 16, item 9).
    admin_at(stub, custom_headers={"Authorization": "Bearer from-the-program", "User-Agent": "mine"}).get_users()
    assert [seen.bearer for seen in stub.admin_requests()] == ["from-the-program"]
    assert [seen.headers.get("User-Agent") for seen in stub.admin_requests()] == ["mine"]


def test_a_custom_authorization_header_wins_over_a_given_token(stub):
    admin_at(stub, username=None, password=None, token="given", custom_headers={"Authorization": "Bearer from-the-program"}).get_users()
    assert [seen.bearer for seen in stub.admin_requests()] == ["from-the-program"]


def test_a_refused_custom_authorization_header_is_named(stub):
    stub.route = lambda seen: Reply(401, {"error": "HTTP 401 Unauthorized"})
    with pytest.raises(KeycloakAuthenticationError) as caught:
        admin_at(stub, custom_headers={"Authorization": "Bearer from-the-program"}).get_users()
    assert "the Authorization header of custom_headers was refused" in caught.value.description


def test_no_credentials_sends_the_request_and_explains_the_401(stub):
    stub.route = lambda seen: Reply(401, {"error": "HTTP 401 Unauthorized"})
    with pytest.raises(KeycloakAuthenticationError) as caught:
        admin_at(stub, username=None, password=None).get_users()
    assert caught.value.response_code == 401
    assert "no credentials to log in with" in caught.value.description
    assert stub.token_requests() == [] and len(stub.admin_requests()) == 1


# --------------------------------------------------------------------------- realms and connections


def test_realm_name_none_logs_into_master(stub):
    admin = admin_at(stub, realm_name=None)
    assert admin.get_current_realm() is None
    admin.get_users()
    assert stub.token_requests()[0].path == "/realms/master/protocol/openid-connect/token"
    assert stub.admin_requests()[0].path == "/admin/realms/None/users"


class ForeignConnection:
    """What python-keycloak's KeycloakOpenIDConnection documents: attributes, and no ``request``."""

    def __init__(self, server_url, **attributes):
        self.server_url = server_url
        self.grant_type = "password"
        self.username = "admin"
        self.password = "secret"
        self.token = None
        self.totp = None
        self.realm_name = "apps"
        self.client_id = "admin-cli"
        self.verify = True
        self.client_secret_key = None
        self.custom_headers = None
        self.user_realm_name = "master"
        self.timeout = 60
        self.cert = None
        self.__dict__.update(attributes)


def test_a_python_keycloak_connection_is_read_for_its_settings(stub):
    admin = KeycloakAdmin(connection=ForeignConnection(stub.url, custom_headers={"X-Tenant": "blue"}))
    assert admin.get_current_realm() == "apps"
    admin.get_users()
    assert stub.token_requests()[0].path == "/realms/master/protocol/openid-connect/token"
    assert stub.admin_requests()[0].path == "/admin/realms/apps/users"
    assert stub.admin_requests()[0].headers["X-Tenant"] == "blue"


def test_a_logged_in_python_keycloak_connection_hands_over_its_token(stub):
    token = {"access_token": "handed-over", "refresh_token": "r", "expires_in": 300}
    renew = datetime.datetime.now() + datetime.timedelta(seconds=100)
    admin = KeycloakAdmin(connection=ForeignConnection(stub.url, token=token, expires_at=renew))
    admin.get_users()
    assert stub.token_requests() == [] and stub.admin_requests()[0].bearer == "handed-over"
    assert admin.connection.expires_at == renew


def test_anything_else_is_refused_at_construction():
    with pytest.raises(TypeError) as caught:
        KeycloakAdmin(connection={"server_url": "http://x"})
    assert "KeycloakOpenIDConnection" in str(caught.value)


def test_no_server_url_fails_at_the_first_request_as_with_python_keycloak():
    admin = KeycloakAdmin()
    with pytest.raises(KeycloakConnectionError):
        admin.get_realms()
