# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A wrong server URL or login realm gets a message that says what to fix.

Against local HTTP servers (the scripted stub of ``test_transport`` and a plain
``http.server`` file server), no Keycloak: every answer here is one a real server gives.
The message is decided from the one login answer; no extra request is sent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from http.server import HTTPServer, SimpleHTTPRequestHandler
from functools import partial

import pytest

from test_transport import Reply, Stub  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.client.connection import KeycloakOpenIDConnection
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakAuthenticationError

TOKEN_PATH = "/realms/master/protocol/openid-connect/token"
NOT_KEYCLOAK = "no Keycloak token endpoint answered at "
MODERN_404 = {"error": "Unable to find matching target resource method"}
BAD_PASSWORD = {"error": "invalid_grant", "error_description": "Invalid user credentials"}


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    # A proxy from the environment would answer for 127.0.0.1 instead of the stub.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def stub():
    server = Stub()
    yield server
    server.close()


@pytest.fixture
def file_server(tmp_path):
    """Some other web server: Python's own file server, which answers a POST with a 501 HTML page."""
    (tmp_path / "index.html").write_text("<html><title>My homepage</title></html>")
    server = HTTPServer(("127.0.0.1", 0), partial(_QuietFiles, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def connect(url, **options):
    """A connection to ``url`` with password credentials, whose retry backoff does not wait."""
    options.setdefault("username", "admin")
    options.setdefault("password", "secret")
    return KeycloakOpenIDConnection(server_url=url, sleep=lambda seconds: None, **options)


def login_error(url, **options):
    """The error of the first request of a password login at ``url``."""
    connection = connect(url, **options)
    admin = KeycloakAdmin(connection=connection)
    with pytest.raises(KeycloakAuthenticationError) as caught:
        admin.get_realm(admin.get_current_realm())
    return caught.value


# --------------------------------------------------------------------------- not Keycloak at all


def test_other_web_server_says_no_token_endpoint_answered(file_server):
    error = login_error(file_server)
    message = error.description
    assert NOT_KEYCLOAK + file_server + TOKEN_PATH in message
    assert "auth_keycloak_url" in message and "base URL" in message
    assert "HTTP 501" in message
    assert error.response_code == 501


@pytest.mark.parametrize("reply", [
    Reply(404, "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>", content_type="text/html"),
    Reply(405, "<html><head><title>405 Not Allowed</title></head><body><center>nginx</center></body></html>",
          content_type="text/html"),
    Reply(404, {"message": "no route"}),
    Reply(403, "Forbidden"),
    Reply(200, "<html><title>Welcome</title></html>", content_type="text/html"),
    Reply(200, {"status": "ok"}),
], ids=["404-html", "405-html", "404-json", "403-text", "200-html", "200-json-without-token"])
def test_non_keycloak_answers_say_no_token_endpoint_answered(stub, reply):
    stub.token_replies = [reply]
    error = login_error(stub.url)
    message = error.description
    assert NOT_KEYCLOAK + stub.url + TOKEN_PATH in message, message
    assert "auth_keycloak_url / server_url should be the Keycloak base URL" in message
    assert error.response_code == reply.status
    assert len(stub.seen) == 1, "the message comes from the login answer alone"
    assert stub.admin_requests() == []


def test_a_failed_login_is_never_not_found(stub):
    # A 404 from the token endpoint must not read as "the object asked for is absent".
    stub.token_replies = [Reply(404, MODERN_404)]
    error = login_error(stub.url)
    assert error.response_code == 404 and error.not_found is False


def test_gateway_errors_keep_the_servers_message(stub):
    # Keycloak down behind its proxy: another URL would not help, so no URL advice.
    stub.token_replies = [Reply(503, "<html><title>503 Service Unavailable</title></html>", content_type="text/html")]
    message = login_error(stub.url, max_retries=0).description
    assert "503 Service Unavailable" in message
    assert NOT_KEYCLOAK not in message and "base URL" not in message


# --------------------------------------------------------------------------- /admin


@pytest.mark.parametrize("suffix,status,body", [
    ("/admin", 401, {"error": "HTTP 401 Unauthorized"}),
    ("/admin/", 401, {"error": "HTTP 401 Unauthorized"}),
    ("/admin/master/console", 405, {"error": "HTTP 405 Method Not Allowed"}),
    ("/admin/master/console/#/master", 405, {"error": "HTTP 405 Method Not Allowed"}),
])
def test_admin_url_says_use_the_base_url(stub, suffix, status, body):
    stub.token_replies = [Reply(status, body)]
    message = login_error(stub.url + suffix).description
    assert "without /admin" in message
    assert message.endswith("use %s" % stub.url), message
    assert len(stub.seen) == 1


def test_admin_url_keeps_the_relative_path_before_admin(stub):
    stub.token_replies = [Reply(401, {"error": "HTTP 401 Unauthorized"})]
    message = login_error(stub.url + "/kc/admin/master/console/").description
    assert message.endswith("use %s/kc" % stub.url), message


def test_server_really_under_admin_gets_the_credentials_message(stub):
    # A refusal from a real token endpoint: the URL is right, the password is not.
    stub.token_replies = [Reply(401, BAD_PASSWORD)]
    message = login_error(stub.url + "/admin").description
    assert "Invalid user credentials" in message and "password grant" in message
    assert "without /admin" not in message


# --------------------------------------------------------------------------- /auth


def test_auth_prefix_on_a_modern_server_says_drop_it(stub):
    stub.token_replies = [Reply(404, MODERN_404)]
    message = login_error(stub.url + "/auth").description
    assert "Keycloak 17 and later serve no /auth prefix" in message
    assert "use %s " % stub.url in message
    assert [seen.path for seen in stub.seen] == ["/auth" + TOKEN_PATH], "no extra probing request"


def test_server_deployed_under_auth_logs_in(stub):
    connection = connect(stub.url + "/auth")
    assert connection.request("GET", "admin/realms/master").status_code == 200
    assert [seen.path for seen in stub.seen] == ["/auth" + TOKEN_PATH, "/auth/admin/realms/master"]


def test_server_deployed_under_auth_keeps_the_credentials_message(stub):
    stub.token_replies = [Reply(401, BAD_PASSWORD)]
    message = login_error(stub.url + "/auth").description
    assert "Invalid user credentials" in message and "/auth prefix" not in message


def test_server_deployed_under_auth_with_unknown_realm(stub):
    stub.token_replies = [Reply(404, {"error": "Realm does not exist"})]
    message = login_error(stub.url + "/auth", realm_name="gone").description
    assert "realm 'gone' does not exist" in message and "/auth prefix" not in message


# --------------------------------------------------------------------------- login realm and credentials


def test_unknown_login_realm_is_named(stub):
    stub.token_replies = [Reply(404, {"error": "Realm does not exist"})]
    error = login_error(stub.url, realm_name="app", user_realm_name="staff")
    assert "realm 'staff' does not exist" in error.description
    assert error.not_found is False
    assert stub.token_requests()[0].path == "/realms/staff/protocol/openid-connect/token"


def test_wrong_client_secret_keeps_keycloaks_message(stub):
    stub.token_replies = [Reply(401, {"error": "unauthorized_client", "error_description": "Invalid client or Invalid client credentials"})]
    message = login_error(stub.url, username=None, password=None, client_id="robot", client_secret_key="nope").description
    assert "client credentials grant for client 'robot'" in message and "Invalid client credentials" in message
    assert "base URL" not in message
