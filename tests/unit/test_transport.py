# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The admin client's transport against a scripted local HTTP server (no Keycloak).

A real socket server instead of patching ``requests``: retries, timeouts, TLS and
keep-alive only behave as in production when real bytes cross a real connection, and the
server can count exactly how many times a POST arrived.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client import urls
from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.client.connection import KeycloakOpenIDConnection
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakAuthenticationError,
    KeycloakConnectionError,
    KeycloakGetError,
    KeycloakPostError,
)

TOKEN_PATH_END = "/protocol/openid-connect/token"


# --------------------------------------------------------------------------- the stub


class Reply:
    """One scripted answer: status, body (dict/list as JSON, str/bytes as they are), headers, delay."""

    def __init__(self, status=200, body=None, headers=None, delay=0.0, content_type=None, cut=False):
        self.status = status
        # Announce the whole body, send half of it and close: an answer cut short.
        self.cut = cut
        self.headers = dict(headers or {})
        self.delay = delay
        if isinstance(body, (dict, list)):
            self.body = json.dumps(body).encode("utf-8")
            self.headers.setdefault("Content-Type", content_type or "application/json")
        elif body is None:
            self.body = b""
        else:
            self.body = body.encode("utf-8") if not isinstance(body, bytes) else body
            self.headers.setdefault("Content-Type", content_type or "text/plain; charset=utf-8")


class Seen:
    """What the stub received in one request."""

    def __init__(self, method, raw_path, headers, body):
        self.method = method
        self.raw_path = raw_path
        split = urlsplit(raw_path)
        self.path = split.path
        self.query = dict((key, values[-1]) for key, values in parse_qs(split.query).items())
        self.headers = headers
        self.body = body
        self.form = {}
        if "application/x-www-form-urlencoded" in (headers.get("Content-Type") or ""):
            self.form = dict((key, values[-1]) for key, values in parse_qs(body.decode("utf-8")).items())
        self.status = None

    @property
    def is_token(self):
        return self.path.endswith(TOKEN_PATH_END)

    @property
    def bearer(self):
        value = self.headers.get("Authorization") or ""
        return value[len("Bearer "):] if value.startswith("Bearer ") else None


class FakeClock:
    """Shared by the stub and the connection, so token lifetimes pass without waiting."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class Stub:
    """A scripted Keycloak stand-in.

    The token endpoint issues ``access-N``/``refresh-N`` unless ``token_replies`` scripts
    something else (``None`` in that list means "issue one"). Every other request takes the
    next of ``replies``, else asks ``route(seen)``, else gets ``200 []``. With
    ``enforce_tokens`` a bearer token that was not issued or has expired (by ``clock``) gets
    401, as Keycloak would.
    """

    def __init__(self, ssl_context=None):
        self.seen = []
        self.replies = []
        self.token_replies = []
        self.route = None
        self.clock = time.monotonic
        self.expires_in = 300
        self.refresh_expires_in = 1800
        self.enforce_tokens = False
        self._issued = {}
        self._counter = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self.scheme = "http"
        if ssl_context is not None:
            self.server.socket = ssl_context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.daemon = True
        self.thread.start()

    @property
    def url(self):
        return "%s://127.0.0.1:%d" % (self.scheme, self.server.server_address[1])

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def admin_requests(self):
        return [seen for seen in self.seen if not seen.is_token]

    def token_requests(self):
        return [seen for seen in self.seen if seen.is_token]

    def grants(self):
        return [seen.form.get("grant_type") for seen in self.token_requests()]

    def _issue(self):
        self._counter += 1
        access = "access-%d" % self._counter
        self._issued[access] = self.clock() + self.expires_in
        return Reply(200, {
            "access_token": access,
            "refresh_token": "refresh-%d" % self._counter,
            "expires_in": self.expires_in,
            "refresh_expires_in": self.refresh_expires_in,
            "token_type": "Bearer",
        })

    def _answer(self, seen):
        with self._lock:
            self.seen.append(seen)
            if seen.is_token:
                scripted = self.token_replies.pop(0) if self.token_replies else None
                return scripted if scripted is not None else self._issue()
            if self.enforce_tokens:
                expiry = self._issued.get(seen.bearer)
                if expiry is None or self.clock() >= expiry:
                    return Reply(401, {"error": "HTTP 401 Unauthorized"})
            if self.replies:
                return self.replies.pop(0)
        if self.route is not None:
            return self.route(seen)
        return Reply(200, [])

    def _handler_class(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                seen = Seen(self.command, self.path, self.headers, body)
                reply = stub._answer(seen)
                seen.status = reply.status
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if reply.cut:
                        self.wfile.write(reply.body[:len(reply.body) // 2])
                        self.wfile.flush()
                        self.close_connection = True
                        return
                    self.wfile.write(reply.body)
                except OSError:
                    # The client gave up (read timeout) and closed the socket.
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = _serve

            def log_message(self, *args):
                pass

        return Handler


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
def sleeps():
    return []


def connect(stub, sleeps, **options):
    """A connection to ``stub`` with password credentials, whose backoff only records its delays."""
    options.setdefault("username", "admin")
    options.setdefault("password", "secret")
    options.setdefault("sleep", sleeps.append if sleeps is not None else None)
    return KeycloakOpenIDConnection(server_url=options.pop("server_url", stub.url), **options)


def admin_of(connection):
    return KeycloakAdmin(connection=connection)


def free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


# --------------------------------------------------------------------------- retries


def test_503_is_retried_until_success(stub, sleeps):
    stub.replies = [Reply(503), Reply(503), Reply(200, {"realm": "master"})]
    admin = admin_of(connect(stub, sleeps, max_retries=3))
    assert admin.get_realm("master") == {"realm": "master"}
    assert len(stub.admin_requests()) == 3
    assert sleeps == [0.5, 1.0]


@pytest.mark.parametrize("status", [502, 504])
def test_502_and_504_are_retried(stub, sleeps, status):
    stub.replies = [Reply(status), Reply(200, [{"id": "1"}])]
    admin = admin_of(connect(stub, sleeps, max_retries=1))
    assert admin.get_users() == [{"id": "1"}]
    assert len(stub.admin_requests()) == 2
    assert sleeps == [0.5]


def test_429_honours_retry_after_seconds(stub, sleeps):
    stub.replies = [Reply(429, headers={"Retry-After": "7"}), Reply(429, headers={"Retry-After": "2"}), Reply(200, [])]
    admin = admin_of(connect(stub, sleeps, max_retries=5))
    assert admin.get_users() == []
    assert sleeps == [7.0, 2.0]


def test_429_honours_retry_after_http_date(stub, sleeps):
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    stub.replies = [Reply(429, headers={"Retry-After": when}), Reply(200, [])]
    admin_of(connect(stub, sleeps, max_retries=1)).get_users()
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 30


def test_retry_after_is_capped(stub, sleeps):
    stub.replies = [Reply(429, headers={"Retry-After": "3600"}), Reply(200, [])]
    admin_of(connect(stub, sleeps, max_retries=1)).get_users()
    assert sleeps == [60.0]


def test_429_resends_a_post(stub, sleeps):
    # 429 is answered before anything is done, so a POST may go again.
    stub.replies = [Reply(429, headers={"Retry-After": "1"}), Reply(201, headers={"Location": stub.url + "/admin/realms/master/users/u-1"})]
    admin = admin_of(connect(stub, sleeps, max_retries=2))
    assert admin.create_user({"username": "x"}) == "u-1"
    assert [seen.method for seen in stub.admin_requests()] == ["POST", "POST"]
    assert sleeps == [1.0]


def test_retries_are_bounded_by_max_retries(stub, sleeps):
    stub.route = lambda seen: Reply(503, "busy")
    admin = admin_of(connect(stub, sleeps, max_retries=2))
    with pytest.raises(KeycloakGetError) as caught:
        admin.get_users()
    assert caught.value.response_code == 503
    assert len(stub.admin_requests()) == 3
    assert sleeps == [0.5, 1.0]


def test_max_retries_zero_sends_once(stub, sleeps):
    stub.route = lambda seen: Reply(503)
    admin = admin_of(connect(stub, sleeps, max_retries=0))
    with pytest.raises(KeycloakGetError):
        admin.get_users()
    assert len(stub.admin_requests()) == 1 and sleeps == []


def test_backoff_is_exponential_and_capped(stub, sleeps):
    stub.route = lambda seen: Reply(502)
    connection = connect(stub, sleeps, max_retries=7)
    assert connection.request("GET", "admin/realms/master/users").status_code == 502
    assert sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


@pytest.mark.parametrize("status", [502, 503, 504])
def test_post_is_never_resent_on_gateway_errors(stub, sleeps, status):
    # The server may have created the object before the proxy gave up on it.
    stub.route = lambda seen: Reply(status)
    admin = admin_of(connect(stub, sleeps, max_retries=3))
    with pytest.raises(KeycloakPostError) as caught:
        admin.create_user({"username": "x"})
    assert caught.value.response_code == status
    assert len(stub.admin_requests()) == 1
    assert sleeps == []


def test_post_is_never_resent_on_read_timeout(stub, sleeps):
    stub.route = lambda seen: Reply(201, delay=1.5)
    admin = admin_of(connect(stub, sleeps, max_retries=3, timeout=0.3))
    with pytest.raises(KeycloakConnectionError) as caught:
        admin.create_user({"username": "x"})
    assert "timed out" in caught.value.description
    assert len(stub.admin_requests()) == 1
    assert sleeps == []


def test_get_read_timeout_is_retried_then_reported(stub, sleeps):
    stub.route = lambda seen: Reply(200, [], delay=1.5)
    admin = admin_of(connect(stub, sleeps, max_retries=1, timeout=0.3))
    with pytest.raises(KeycloakConnectionError) as caught:
        admin.get_users()
    message = caught.value.description
    assert "timed out" in message and "0.3" in message
    assert stub.url + "/admin/realms/master/users" in message
    assert len(stub.admin_requests()) == 2
    assert sleeps == [0.5]


class Budget:
    """A clock that the backoff's sleep moves forward: a retry budget measured without waiting."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def test_retry_budget_bounds_the_total_wait(stub):
    stub.route = lambda seen: Reply(503)
    clock = Budget()
    admin = admin_of(connect(stub, None, max_retries=50, retry_budget=20, clock=clock, sleep=clock.sleep))
    with pytest.raises(KeycloakGetError) as caught:
        admin.get_users()
    assert caught.value.response_code == 503
    # 0.5 + 1 + 2 + 4 + 8 = 15.5, then the last wait is shortened to what is left of the 20 s.
    assert clock.sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 4.5]
    assert len(stub.admin_requests()) == 7


def test_a_retry_after_beyond_the_budget_is_not_waited_for(stub):
    stub.route = lambda seen: Reply(429, headers={"Retry-After": "30"})
    clock = Budget()
    admin = admin_of(connect(stub, None, max_retries=5, retry_budget=20, clock=clock, sleep=clock.sleep))
    with pytest.raises(KeycloakGetError) as caught:
        admin.get_users()
    assert caught.value.response_code == 429
    assert clock.sleeps == [] and len(stub.admin_requests()) == 1


def test_without_a_budget_max_retries_alone_bounds_the_retries(stub):
    stub.route = lambda seen: Reply(503)
    clock = Budget()
    admin = admin_of(connect(stub, None, max_retries=9, clock=clock, sleep=clock.sleep))
    with pytest.raises(KeycloakGetError):
        admin.get_users()
    assert len(clock.sleeps) == 9 and sum(clock.sleeps) == 0.5 + 1 + 2 + 4 + 8 * 5


def test_a_cut_answer_to_a_get_is_retried(stub, sleeps):
    stub.replies = [Reply(200, [{"id": "u-1", "username": "a" * 200}], cut=True), Reply(200, [{"id": "u-1"}])]
    admin = admin_of(connect(stub, sleeps, max_retries=2))
    assert admin.get_users() == [{"id": "u-1"}]
    assert len(stub.admin_requests()) == 2 and sleeps == [0.5]


def test_a_cut_answer_to_the_token_request_is_retried(stub, sleeps):
    cut = Reply(200, {"access_token": "x" * 200, "expires_in": 300}, cut=True)
    stub.token_replies = [cut, None]
    admin = admin_of(connect(stub, sleeps, max_retries=1))
    assert admin.get_users() == []
    assert stub.grants() == ["password", "password"] and sleeps == [0.5]
    assert stub.admin_requests()[0].bearer == "access-1"


def test_a_cut_answer_that_stays_cut_is_named(stub, sleeps):
    stub.route = lambda seen: Reply(200, [{"id": "u-1", "username": "a" * 200}], cut=True)
    admin = admin_of(connect(stub, sleeps, max_retries=1))
    with pytest.raises(KeycloakConnectionError) as caught:
        admin.get_users()
    assert "the answer was cut short (after 1 retry)" in caught.value.description
    assert caught.value.outcome_unknown is False


def test_a_post_whose_answer_is_lost_is_not_resent_and_says_so(stub, sleeps):
    stub.route = lambda seen: Reply(201, {"padding": "p" * 200}, headers={"Location": stub.url + "/x/id-1"}, cut=True)
    admin = admin_of(connect(stub, sleeps, max_retries=3))
    with pytest.raises(KeycloakConnectionError) as caught:
        admin.create_user({"username": "x"})
    assert caught.value.outcome_unknown is True
    assert len(stub.admin_requests()) == 1 and sleeps == []


def test_a_post_that_never_left_is_no_unknown_outcome(sleeps):
    connection = KeycloakOpenIDConnection(server_url="http://127.0.0.1:%d" % free_port(), token="t", max_retries=1, sleep=sleeps.append)
    with pytest.raises(KeycloakConnectionError) as caught:
        connection.request("POST", "admin/realms/master/users", json={"username": "x"})
    assert caught.value.outcome_unknown is False
    assert sleeps == [0.5]


def test_login_is_retried_on_503(stub, sleeps):
    # A Keycloak restarting behind a proxy answers 503 on the token endpoint too.
    stub.token_replies = [Reply(503), None]
    admin = admin_of(connect(stub, sleeps, max_retries=1))
    assert admin.get_users() == []
    assert stub.grants() == ["password", "password"]
    assert sleeps == [0.5]


# --------------------------------------------------------------------------- 401 and re-login


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE"])
def test_401_refreshes_once_and_resends(stub, sleeps, method):
    stub.replies = [Reply(401, {"error": "HTTP 401 Unauthorized"}), Reply(204)]
    connection = connect(stub, sleeps, max_retries=0)
    body = {"name": "x"} if method in ("POST", "PUT") else None
    response = connection.request(method, "admin/realms/master/groups", json=body)
    assert response.status_code == 204
    sent = stub.admin_requests()
    assert [seen.method for seen in sent] == [method, method]
    assert stub.grants() == ["password", "refresh_token"]
    assert stub.token_requests()[1].form["refresh_token"] == "refresh-1"
    assert [seen.bearer for seen in sent] == ["access-1", "access-2"]
    if body:
        assert json.loads(sent[1].body.decode("utf-8")) == body


def test_refused_refresh_falls_back_to_password_login(stub, sleeps):
    stub.replies = [Reply(401)]
    stub.token_replies = [None, Reply(400, {"error": "invalid_grant", "error_description": "Session not active"}), None]
    admin = admin_of(connect(stub, sleeps))
    assert admin.get_users() == []
    assert stub.grants() == ["password", "refresh_token", "password"]
    assert stub.admin_requests()[-1].bearer == "access-2"


def test_second_401_raises_typed_error_without_looping(stub, sleeps):
    stub.route = lambda seen: Reply(401, {"error": "HTTP 401 Unauthorized"})
    admin = admin_of(connect(stub, sleeps, max_retries=3))
    with pytest.raises(KeycloakAuthenticationError) as caught:
        admin.get_users()
    assert caught.value.response_code == 401
    assert len(stub.admin_requests()) == 2
    assert stub.grants() == ["password", "refresh_token"]
    assert sleeps == []


def test_401_with_a_given_token_is_not_retried(stub, sleeps):
    # Nothing to log in with: the caller learns at once that the token is not accepted, and why.
    stub.route = lambda seen: Reply(401)
    admin = admin_of(connect(stub, sleeps, username=None, password=None, token="handed-in"))
    with pytest.raises(KeycloakAuthenticationError) as caught:
        admin.get_users()
    assert len(stub.admin_requests()) == 1 and stub.token_requests() == []
    message = caught.value.description
    assert "the given token was refused" in message and "refresh_token" in message and "credentials" in message


# --------------------------------------------------------------------------- token expiry and paging


def users_route(total, clock, step):
    """Pages of a ``total``-user list; every page takes ``step`` seconds of ``clock``."""
    def route(seen):
        first = int(seen.query.get("first", 0))
        size = int(seen.query.get("max", 100))
        clock.now += step
        return Reply(200, [{"id": "u-%04d" % n} for n in range(first, min(total, first + size))])
    return route


def test_token_is_refreshed_before_expiry_during_a_long_listing(stub, sleeps):
    clock = FakeClock()
    stub.clock = clock
    stub.enforce_tokens = True
    stub.expires_in = 60
    stub.route = users_route(1050, clock, step=20)
    admin = admin_of(connect(stub, sleeps, clock=clock))
    users = admin.get_users({"briefRepresentation": True})
    assert [user["id"] for user in users] == ["u-%04d" % n for n in range(1050)]
    pages = stub.admin_requests()
    assert len(pages) == 11
    assert [seen.query["first"] for seen in pages] == [str(n) for n in range(0, 1100, 100)]
    assert all(seen.query["max"] == "100" for seen in pages)
    assert all(seen.query["briefRepresentation"] == "true" for seen in pages)
    # Renewed ahead of time, never because the server said 401.
    assert all(seen.status == 200 for seen in pages)
    grants = stub.grants()
    assert grants[0] == "password" and len(grants) >= 3
    assert set(grants[1:]) == {"refresh_token"}
    # 11 pages x 20 s with 60 s tokens: renewed, but not before every page.
    assert len(grants) < len(pages)


def test_callers_first_or_max_means_one_page(stub, sleeps):
    stub.route = users_route(1050, FakeClock(), step=0)
    admin = admin_of(connect(stub, sleeps))
    page = admin.get_users({"first": 200, "max": 10})
    assert [user["id"] for user in page] == ["u-%04d" % n for n in range(200, 210)]
    assert len(stub.admin_requests()) == 1
    assert stub.admin_requests()[0].query == {"first": "200", "max": "10"}


def test_unset_first_and_max_still_list_everything(stub, sleeps):
    # Modules pass optional paging options through as None when the user left them out.
    stub.route = users_route(150, FakeClock(), step=0)
    admin = admin_of(connect(stub, sleeps))
    assert len(admin.get_users({"first": None, "max": None})) == 150
    assert len(stub.admin_requests()) == 2


# --------------------------------------------------------------------------- error bodies


PROXY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n"
)


def test_html_error_page_gives_readable_message(stub, sleeps):
    stub.replies = [Reply(502, PROXY_PAGE, content_type="text/html")]
    admin = admin_of(connect(stub, sleeps, max_retries=0))
    with pytest.raises(KeycloakGetError) as caught:
        admin.get_users()
    error = caught.value
    assert error.response_code == 502
    assert "502 Bad Gateway" in error.description
    assert "<" not in error.description
    assert "/admin/realms/master/users" in error.description
    assert error.response_body == PROXY_PAGE.encode("utf-8")
    # python-keycloak's attributes: the body as it came, and "<code>: <body>".
    assert error.error_message == PROXY_PAGE.encode("utf-8")
    assert str(error) == "502: %s" % PROXY_PAGE.encode("utf-8")


def test_untitled_html_page_gives_its_text(stub, sleeps):
    stub.replies = [Reply(500, "<html><body><h1>Oops</h1><p>Upstream   failed</p></body></html>", content_type="text/html")]
    admin = admin_of(connect(stub, sleeps, max_retries=0))
    with pytest.raises(KeycloakGetError) as caught:
        admin.get_users()
    assert "Oops Upstream failed" in caught.value.description


def test_empty_error_body_gives_reason_and_code(stub, sleeps):
    stub.replies = [Reply(500)]
    admin = admin_of(connect(stub, sleeps, max_retries=0))
    with pytest.raises(KeycloakGetError) as caught:
        admin.get_users()
    assert caught.value.response_code == 500
    assert "Internal Server Error" in caught.value.description
    assert caught.value.description.startswith("GET /admin/realms/master/users")
    assert caught.value.error_message == b"" and str(caught.value) == "500: b''"


def test_plain_text_error_body_is_the_message(stub, sleeps):
    stub.replies = [Reply(400, "unknown_error\n")]
    admin = admin_of(connect(stub, sleeps, max_retries=0))
    with pytest.raises(KeycloakPostError) as caught:
        admin.create_user({})
    assert caught.value.description.endswith(": unknown_error")


@pytest.mark.parametrize(
    "status, body, expected",
    [
        (409, {"errorMessage": "User exists with same username"}, ["User exists with same username"]),
        (400, {"error": "invalid_request", "error_description": "Invalid query parameter"}, ["Invalid query parameter"]),
        (400, {"error": "unknown_error"}, ["unknown_error"]),
        (400, {"field": "email", "errorMessage": "invalidEmailMessage", "params": ["email", "not-an-email"]}, ["email: invalidEmailMessage"]),
        (
            400,
            [{"field": "username", "errorMessage": "error-user-attribute-required"}, {"field": "email", "errorMessage": "invalidEmailMessage"}],
            ["username: error-user-attribute-required", "email: invalidEmailMessage"],
        ),
        (
            400,
            {
                "errorMessage": "error-user-attribute-required",
                "errors": [
                    {"field": "username", "errorMessage": "error-user-attribute-required", "params": ["username"]},
                    {"field": "firstName", "errorMessage": "error-invalid-length", "params": ["firstName", 1, 255]},
                ],
            },
            ["username: error-user-attribute-required", "firstName: error-invalid-length"],
        ),
    ],
    ids=["errorMessage", "error_description", "error", "field-error", "list-of-field-errors", "errors-list"],
)
def test_keycloak_json_errors_give_keycloaks_message(stub, sleeps, status, body, expected):
    stub.replies = [Reply(status, body)]
    admin = admin_of(connect(stub, sleeps, max_retries=0))
    with pytest.raises(KeycloakPostError) as caught:
        admin.create_user({"username": ""})
    assert caught.value.response_code == status
    for text in expected:
        assert text in caught.value.description
    assert caught.value.error_message == json.dumps(body).encode("utf-8")


# --------------------------------------------------------------------------- unreachable servers and TLS


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_connection_refused_names_url_and_cause(sleeps, method):
    url = "http://127.0.0.1:%d" % free_port()
    connection = KeycloakOpenIDConnection(server_url=url, token="t", max_retries=1, sleep=sleeps.append)
    with pytest.raises(KeycloakConnectionError) as caught:
        connection.request(method, "admin/realms/master/users", json={} if method == "POST" else None)
    message = caught.value.description
    assert url + "/admin/realms/master/users" in message
    assert "connection refused" in message.lower()
    # Refused means the request never left, so even the POST was tried once more.
    assert sleeps == [0.5]


def test_connection_refused_on_a_long_path_keeps_the_cause(sleeps):
    # The cause used to be cut off behind a long URL repeated inside requests' message.
    url = "http://127.0.0.1:%d" % free_port()
    connection = KeycloakOpenIDConnection(server_url=url, token="t", max_retries=0, sleep=sleeps.append)
    path = urls.build(urls.CLIENT_AUTHZ_POLICY_ASSOCIATED_POLICIES, realm="r" * 80, client_id="c" * 80, policy_id="p" * 80)
    with pytest.raises(KeycloakConnectionError) as caught:
        connection.request("GET", path)
    assert "Connection refused" in caught.value.description


def make_certificate(folder):
    """A self-signed certificate for 127.0.0.1: (cert file, key file), or None."""
    cert_file = os.path.join(folder, "cert.pem")
    key_file = os.path.join(folder, "key.pem")
    try:
        import datetime
        import ipaddress

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        openssl = shutil.which("openssl")
        if not openssl:
            return None
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key_file, "-out", cert_file, "-days", "2",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
            check=True,
            capture_output=True,
        )
        return cert_file, key_file
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, u"127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(u"127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    with open(cert_file, "wb") as handle:
        handle.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture
def tls_stub(tmp_path):
    files = make_certificate(str(tmp_path))
    if files is None:
        pytest.skip("neither the 'cryptography' package nor the openssl CLI is available to make a test certificate")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*files)
    server = Stub(ssl_context=context)
    server.cert_file = files[0]
    yield server
    server.close()


def test_tls_verification_failure_is_explained(tls_stub, sleeps):
    admin = admin_of(connect(tls_stub, sleeps, max_retries=2))
    with pytest.raises(KeycloakConnectionError) as caught:
        admin.get_users()
    message = caught.value.description
    assert "TLS certificate verification failed" in message
    assert tls_stub.url in message
    # A certificate does not become valid by asking again.
    assert sleeps == []


def test_tls_with_the_certificate_as_ca_bundle_works(tls_stub, sleeps):
    tls_stub.replies = [Reply(200, {"realm": "master"})]
    admin = admin_of(connect(tls_stub, sleeps, verify=tls_stub.cert_file))
    assert admin.get_realm("master") == {"realm": "master"}
    assert tls_stub.grants() == ["password"]


# --------------------------------------------------------------------------- credentials


def test_wrong_password_names_the_grant_and_realm(stub, sleeps):
    stub.token_replies = [Reply(401, {"error": "invalid_grant", "error_description": "Invalid user credentials"})]
    admin = admin_of(connect(stub, sleeps, password="wrong", realm_name="app", user_realm_name="staff"))
    with pytest.raises(KeycloakAuthenticationError) as caught:
        admin.get_users()
    message = caught.value.description
    assert "password grant" in message and "'admin'" in message
    assert "realm 'staff'" in message
    assert "Invalid user credentials" in message
    assert caught.value.response_code == 401
    assert stub.token_requests()[0].path == "/realms/staff/protocol/openid-connect/token"
    assert stub.admin_requests() == []


def test_wrong_client_secret_names_the_grant_and_realm(stub, sleeps):
    stub.token_replies = [Reply(401, {"error": "unauthorized_client", "error_description": "Invalid client or Invalid client credentials"})]
    connection = connect(stub, sleeps, username=None, password=None, client_id="robot", client_secret_key="nope", realm_name="ops")
    with pytest.raises(KeycloakAuthenticationError) as caught:
        connection.request("GET", "admin/realms/ops/users")
    message = caught.value.description
    assert "client credentials grant" in message and "'robot'" in message
    assert "realm 'ops'" in message
    assert "Invalid client credentials" in message


def test_password_grant_sends_the_credentials(stub, sleeps):
    connect(stub, sleeps, totp="123456").request("GET", "admin/realms/master/users")
    form = stub.token_requests()[0].form
    assert form == {"client_id": "admin-cli", "grant_type": "password", "username": "admin", "password": "secret", "totp": "123456",
                    "scope": "openid"}


def test_client_credentials_grant_sends_client_id_and_secret(stub, sleeps):
    connection = connect(stub, sleeps, username=None, password=None, client_id="robot", client_secret_key="s3cret")
    assert connection.request("GET", "admin/realms/master/users").status_code == 200
    form = stub.token_requests()[0].form
    assert form == {"client_id": "robot", "client_secret": "s3cret", "grant_type": "client_credentials", "scope": "openid"}
    assert stub.admin_requests()[0].bearer == "access-1"


def test_given_token_is_used_as_is(stub, sleeps):
    connection = connect(stub, sleeps, username=None, password=None, token="eyJ.given.token")
    connection.request("GET", "admin/realms/master/users")
    connection.request("GET", "admin/realms/master/groups")
    assert stub.token_requests() == []
    assert [seen.bearer for seen in stub.admin_requests()] == ["eyJ.given.token", "eyJ.given.token"]


# --------------------------------------------------------------------------- headers and URLs


def test_custom_headers_and_user_agent_are_sent(stub, sleeps):
    connection = connect(stub, sleeps, custom_headers={"X-Tenant": "blue"}, http_agent="my-agent/1.0")
    connection.request("GET", "admin/realms/master/users")
    for seen in stub.seen:
        assert seen.headers["X-Tenant"] == "blue"
        assert seen.headers["User-Agent"] == "my-agent/1.0"
    assert len(stub.seen) == 2


def test_default_user_agent_names_the_collection(stub, sleeps):
    connect(stub, sleeps).request("GET", "admin/realms/master/users")
    assert all(seen.headers["User-Agent"].startswith("iam.keycloak") for seen in stub.seen)


def test_every_path_value_is_url_encoded(stub, sleeps):
    stub.route = lambda seen: Reply(200, {"name": "ok"})
    admin = admin_of(connect(stub, sleeps, user_realm_name="login realm"))
    admin.change_current_realm(u"my realm/é")
    admin.get_realm_role(u"a b/c+d#e?f%g ü")
    token_request, admin_request = stub.seen
    assert token_request.raw_path == "/realms/login%20realm/protocol/openid-connect/token"
    assert admin_request.raw_path == "/admin/realms/my%20realm%2F%C3%A9/roles/a%20b%2Fc%2Bd%23e%3Ff%25g%20%C3%BC"


def test_urls_build_encodes_each_value_as_one_segment():
    path = urls.build(urls.USER_GROUP, realm="a b", user_id="x/y", group_id=u"+#ü")
    assert path == "admin/realms/a%20b/users/x%2Fy/groups/%2B%23%C3%BC"
