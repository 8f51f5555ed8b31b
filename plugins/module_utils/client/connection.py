# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP transport of the admin client: one ``requests.Session``, auth, retries.

No Ansible import lives here: the module layer wraps this, a Python user can use it
directly.

Auth: password grant (optionally with TOTP), client-credentials grant, or a token that
was handed in. The token is refreshed shortly before it expires, and once more when
the server answers 401 (refresh token first, then a fresh login).

Retries: connection errors, answers cut short (the body ends early), 429 (``Retry-After``
honoured) and 502/503/504 are retried with bounded exponential backoff for idempotent
methods (and the token request) only, at most ``max_retries`` times and, when
``retry_budget`` is set, within that many seconds from the first attempt. A POST is never
sent twice, except after a 401 or 429, which the server answers before doing anything, or
when the connection was never made; when its answer is lost after it was sent the error
says so (``outcome_unknown``), and the caller finds out what happened.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import email.utils
import threading
import time
import traceback

try:
    from urllib.parse import urlsplit, urlunsplit
except ImportError:  # pragma: no cover - Python 2
    from urlparse import urlsplit, urlunsplit  # pylint: disable=import-error

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import MaxRetryError, NewConnectionError

    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - reported by the module layer
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from .exceptions import (
    KeycloakAuthenticationError,
    KeycloakConnectionError,
    KeycloakLoginError,
    error_message_of,
    python_keycloak_message,
)

IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "PUT", "DELETE"))
RETRY_STATUSES = frozenset((429, 502, 503, 504))
# Refresh this many seconds before the token expires, so a request never leaves
# with a token that dies in flight.
TOKEN_EXPIRY_MARGIN = 15
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 60.0
DEFAULT_USER_AGENT = "iam.keycloak"


class KeycloakOpenIDConnection:
    """A logged-in connection to one Keycloak server.

    ``realm_name`` is the realm the admin calls manage; ``user_realm_name`` the realm the
    user or client logs into (``realm_name`` when unset, ``master`` when both are None).
    ``token`` may be an access token string or a token response dict with ``access_token``
    and optionally ``refresh_token`` and ``expires_in``.

    As python-keycloak's connection: ``token`` is ``None`` until the first login, then the
    token response dict itself (a change to ``token["access_token"]`` is sent from the next
    request on), ``expires_at`` is a ``datetime`` (when the token will be renewed), and
    ``custom_headers`` is what was given (``None`` by default). The caller's headers win over
    the computed ones: a custom ``Authorization`` header is sent even when the connection has
    credentials or a token of its own.

    ``max_retries`` (python-keycloak's name) bounds how often one request is retried and
    ``retry_budget`` (seconds, ``None`` for no limit) how long from its first attempt a retry
    may still start: a backoff that would end after the budget is shortened to it, a
    ``Retry-After`` that would is not waited for.

    ``sleep`` and ``clock`` are what the retry backoff waits with and what token expiry and
    the retry budget are measured by; tests hand in fakes so they need not wait in real time.
    """

    # The answers of GET requests, by path and query, while a caller that sends no write in the meantime asks for them to
    # be reused (``cache_reads``); None otherwise.
    read_cache = None

    def cache_reads(self, on):
        """From now on (``on``) until turned off, a GET answered once is answered again from memory (a copy) instead
        of being sent. For a caller that reads much and writes nothing meanwhile (``keycloak_realm_config`` while it
        plans); every write it sends must come after turning it off."""
        self.read_cache = {} if on else None

    def __init__(
        self,
        server_url=None,
        grant_type=None,
        username=None,
        password=None,
        token=None,
        totp=None,
        realm_name="master",
        client_id="admin-cli",
        verify=True,
        client_secret_key=None,
        custom_headers=None,
        user_realm_name=None,
        timeout=60,
        cert=None,
        max_retries=1,
        retry_budget=None,
        http_agent=None,
        pool_maxsize=10,
        sleep=time.sleep,
        clock=time.monotonic,
    ):
        if not HAS_REQUESTS:
            raise ImportError("the Python library 'requests' is required: %s" % REQUESTS_IMPORT_ERROR)
        # python-keycloak takes a connection without a URL and fails at its first request; so does this one.
        self.server_url = server_url.rstrip("/") if server_url else server_url
        self.username = username
        self.password = password
        self.totp = totp
        self.realm_name = realm_name
        self.user_realm_name = user_realm_name
        self.client_id = client_id
        self.client_secret_key = client_secret_key
        self.verify = verify
        self.cert = cert
        self.timeout = timeout
        self.max_retries = max(0, int(max_retries or 0))
        # Seconds from a request's first attempt after which no retry starts (None: bounded by max_retries alone).
        self.retry_budget = None if retry_budget is None else max(0.0, float(retry_budget))
        self.custom_headers = custom_headers
        self.http_agent = http_agent or DEFAULT_USER_AGENT
        self.grant_type = grant_type or self._default_grant()
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._token = None
        # When to renew the access token and until when the refresh token is good, on ``clock``.
        self._renew_at = None
        self._refresh_expires_at = None
        self._expires_at = datetime.datetime.now()
        self.request_count = 0
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=pool_maxsize, pool_maxsize=pool_maxsize, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        if token is not None:
            self._accept_token(token)

    # ------------------------------------------------------------------ auth

    def _default_grant(self):
        if self.username is not None:
            return "password"
        if self.client_secret_key is not None:
            return "client_credentials"
        return None

    @property
    def login_realm(self):
        # python-keycloak logs into master when neither realm is set.
        return self.user_realm_name or self.realm_name or "master"

    @property
    def token(self):
        """The token response dict (``access_token``, ``refresh_token``, ``expires_in``, ...), ``None`` before the first login."""
        return self._token

    @token.setter
    def token(self, value):
        self._accept_token(value)

    @property
    def expires_at(self):
        """When the access token is renewed (a ``datetime``); ``None`` for a given token of unknown lifetime."""
        return self._expires_at

    def renew_at(self, when):
        """Renew the access token at ``when`` (a ``datetime``) instead of its lifetime's end."""
        seconds = (when - datetime.datetime.now()).total_seconds()
        self._renew_at = self._clock() + max(0.0, seconds)
        self._expires_at = when

    @property
    def _access_token(self):
        return (self._token or {}).get("access_token")

    @property
    def _refresh_token(self):
        return (self._token or {}).get("refresh_token")

    def _accept_token(self, token):
        now = self._clock()
        if token is not None and not isinstance(token, dict):
            token = {"access_token": token}
        self._token = token
        expires_in = (token or {}).get("expires_in")
        refresh_expires_in = (token or {}).get("refresh_expires_in")
        # Stored as the moment to renew, not the moment of death: a fixed margin larger
        # than a short token lifespan would renew before every single request.
        renew_in = float(expires_in) - _expiry_margin(expires_in) if expires_in else None
        self._renew_at = now + renew_in if renew_in is not None else None
        # Keycloak says 0 for an offline or non-expiring refresh token.
        self._refresh_expires_at = now + float(refresh_expires_in) - _expiry_margin(refresh_expires_in) if refresh_expires_in else None
        if token is None:
            self._expires_at = datetime.datetime.now()
        elif renew_in is None:
            self._expires_at = None
        else:
            self._expires_at = datetime.datetime.now() + datetime.timedelta(seconds=renew_in)

    def _can_login(self):
        if self.grant_type == "password":
            return self.username is not None and self.password is not None
        if self.grant_type == "client_credentials":
            return self.client_secret_key is not None
        return False

    def _token_url(self):
        return "%s/realms/%s/protocol/openid-connect/token" % (self.server_url, _quote(self.login_realm, "user_realm_name"))

    def _describe_grant(self):
        if self.grant_type == "password":
            return "password grant for user '%s' (client '%s')" % (self.username, self.client_id)
        if self.grant_type == "client_credentials":
            return "client credentials grant for client '%s'" % self.client_id
        if self.grant_type == "refresh_token":
            return "token refresh for client '%s'" % self.client_id
        return "given token"

    def get_token(self):
        """Log in with the configured grant and keep the token.

        Without credentials the token stays what it was (``None`` or the one given), as with
        python-keycloak: requests then go with the custom headers only.
        """
        if not self._can_login():
            return self.token
        # python-keycloak asks for the openid scope, so its token response carries an id_token too.
        data = {"client_id": self.client_id, "grant_type": self.grant_type, "scope": "openid"}
        if self.client_secret_key is not None:
            data["client_secret"] = self.client_secret_key
        if self.grant_type == "password":
            data["username"] = self.username
            data["password"] = self.password
            if self.totp:
                data["totp"] = self.totp
        self._accept_token(self._token_request(data, self._describe_grant()))
        return self.token

    def refresh_token(self):
        """Refresh the access token; log in again when the refresh token is gone."""
        usable = self._refresh_token and (self._refresh_expires_at is None or self._refresh_expires_at > self._clock())
        if usable:
            data = {"client_id": self.client_id, "grant_type": "refresh_token", "refresh_token": self._refresh_token}
            if self.client_secret_key is not None:
                data["client_secret"] = self.client_secret_key
            try:
                self._accept_token(self._token_request(data, "token refresh for client '%s'" % self.client_id))
                return self.token
            except KeycloakAuthenticationError:
                if not self._can_login():
                    raise
        return self.get_token()

    def _token_request(self, data, what):
        # A login or refresh is safe to repeat (at worst one more session), so a Keycloak
        # that is restarting behind a proxy (502/503/504) or is briefly unreachable gets
        # the same bounded retries as an idempotent admin call.
        response = self._send("POST", self._token_url(), True, self._base_headers, data=data)
        token = _json_or_none(response) if response.status_code == 200 else None
        if not (isinstance(token, dict) and token.get("access_token")):
            raise self._login_error(response, what)
        return token

    def _login_error(self, response, what):
        """The error of a failed login, judged from its answer alone (no probing requests).

        Keycloak's token endpoint answers a refused login with an OAuth error body
        (``{"error": "invalid_grant", "error_description": ...}``); that gets Keycloak's own
        message. Anything else means the request did not reach a token endpoint: the server
        URL or the login realm is wrong, and the message says which and how to fix it.

        That sentence is the error's ``description``; its ``error_message``, ``str()`` and class
        are python-keycloak's (``KeycloakAuthenticationError`` for a 401, else a
        ``KeycloakPostError``: ``KeycloakLoginError`` is both).
        """
        status = response.status_code
        body = _json_or_none(response)
        message = None
        # 501: the server does not do POST at all. Other 5xx are a server or proxy in trouble,
        # which a different URL would not fix.
        if status in (200, 501) or (400 <= status < 500 and not _oauth_answer(body)):
            message = self._url_problem(status, body, response)
        if message is None:
            message = "%s against realm '%s' failed: %s" % (what, self.login_realm, error_message_of(response))
        else:
            message = "%s against realm '%s' failed: %s" % (what, self.login_realm, message)
        error_class = KeycloakAuthenticationError if status == 401 else KeycloakLoginError
        return error_class(python_keycloak_message(response), response_code=status, response_body=response.content, description=message)

    def _url_problem(self, status, body, response):
        """What is wrong with ``server_url`` or the login realm, or ``None`` when unsure."""
        answer = _answer_of(response, body)
        if status == 404 and isinstance(body, dict) and "realm does not exist" in ("%s" % body.get("error") or "").lower():
            return "realm '%s' does not exist on %s (the realm to log in to: auth_realm / user_realm_name)" % (
                self.login_realm, self.server_url)
        admin_base = _without_segment(self.server_url, "admin")
        if admin_base is not None:
            # The admin console's or admin API's address: no token endpoint lives below it.
            return (
                "%s points into the admin console or admin API, not at the Keycloak base URL (the login answered %s): "
                "auth_keycloak_url / server_url must be the server's base URL, without /admin; use %s"
                % (self.server_url, answer, admin_base)
            )
        if status == 404 and _last_segment(self.server_url) == "auth":
            # Decided on the 404 only: a server started with --http-relative-path=/auth answers there.
            return (
                "%s has the /auth prefix of Keycloak 16 and older, and no token endpoint answered under it (%s): Keycloak 17 "
                "and later serve no /auth prefix; use %s (keep /auth only for a server started with --http-relative-path=/auth)"
                % (self.server_url, answer, _without_last_segment(self.server_url))
            )
        if status in (200, 404, 501) or not isinstance(body, dict):
            return (
                "no Keycloak token endpoint answered at %s (%s): auth_keycloak_url / server_url should be the Keycloak base URL "
                "(e.g. https://keycloak.example.com), including the relative path if the server runs under one "
                "(--http-relative-path)" % (self._token_url(), answer)
            )
        return None

    def _ensure_token(self):
        with self._lock:
            if self._access_token is None:
                self.get_token()
            elif self._renew_at is not None and self._clock() >= self._renew_at:
                if self._can_login() or self._refresh_token:
                    self.refresh_token()

    def _reauthenticate(self, used_token):
        """After a 401: refresh once, unless another thread already did."""
        with self._lock:
            if self._access_token != used_token:
                return True
            if not (self._can_login() or self._refresh_token):
                return False
            self.refresh_token()
            return True

    def logout(self):
        """End the session of the current refresh token, if there is one."""
        if not self._refresh_token:
            return
        data = {"client_id": self.client_id, "refresh_token": self._refresh_token}
        if self.client_secret_key is not None:
            data["client_secret"] = self.client_secret_key
        url = "%s/realms/%s/protocol/openid-connect/logout" % (self.server_url, _quote(self.login_realm, "user_realm_name"))
        try:
            self.session.post(url, data=data, headers=self._base_headers(), timeout=self.timeout, verify=self.verify, cert=self.cert)
        except requests.exceptions.RequestException:
            pass
        self._accept_token(None)

    # --------------------------------------------------------------- requests

    def _base_headers(self):
        headers = {"User-Agent": self.http_agent}
        headers.update(self.custom_headers or {})
        return headers

    def _credentials_hint(self):
        """Why a 401 came back, when this connection cannot log in again by itself (else None)."""
        if any(name.lower() == "authorization" for name in (self.custom_headers or {})):
            return "the Authorization header of custom_headers was refused"
        if self._can_login():
            return None
        if self._access_token is not None:
            if self._refresh_token:
                return None
            # A given token dies with its lifespan (5 minutes by default): without its refresh
            # token or credentials nothing can renew it.
            return (
                "the given token was refused (expired or revoked) and nothing can renew it: give its refresh_token "
                "too, or credentials to log in with (username and password, or a client secret) instead"
            )
        return "no credentials to log in with: set username and password, client_secret_key, or token"

    def request(self, method, path, params=None, json=None, data=None, headers=None, authenticated=True):
        """Send one request to ``server_url/path`` and return the ``requests.Response``.

        ``path`` is already URL-encoded (see ``urls.build``). Retries and re-login happen
        here; status codes are judged by the caller.
        """
        method = method.upper()
        if not self.server_url and not path.startswith(("http://", "https://")):
            raise KeycloakConnectionError("Can't connect to server (no server_url)", description="server_url is not set")
        url = path if path.startswith(("http://", "https://")) else "%s/%s" % (self.server_url, path.lstrip("/"))
        sent = {}

        def prepare():
            # Built again for every attempt: a backoff may outlast the token.
            request_headers = self._base_headers()
            sent["token"] = None
            if authenticated:
                self._ensure_token()
                sent["token"] = self._access_token
                if sent["token"] is not None:
                    request_headers["Authorization"] = "Bearer %s" % sent["token"]
            if json is not None:
                request_headers["Content-Type"] = "application/json"
            # What the caller set wins over what was computed (python-keycloak's order): a
            # custom Authorization goes out even when this connection has a token of its own.
            request_headers.update(self.custom_headers or {})
            if headers:
                request_headers.update(headers)
            return request_headers

        idempotent = method in IDEMPOTENT_METHODS
        response = self._send(method, url, idempotent, prepare, params=params, json=json, data=data)
        # The server refused the token before doing anything, so even a POST is sent once
        # more after a re-login; a second 401 goes back to the caller (no loop).
        if response.status_code == 401 and authenticated and self._reauthenticate(sent["token"]):
            response = self._send(method, url, idempotent, prepare, params=params, json=json, data=data)
        if response.status_code == 401 and authenticated:
            # Read by the error's description (base.judge).
            response.keycloak_hint = self._credentials_hint()
        return response

    def _retry_wait(self, attempt, started, delay, firm=False):
        """Seconds to wait before retry number ``attempt + 1``, or None when there is none left.

        ``firm``: the delay is the server's (``Retry-After``): never shortened, so a retry that
        cannot wait it out within the budget is not made.
        """
        if attempt >= self.max_retries:
            return None
        if self.retry_budget is None:
            return delay
        left = self.retry_budget - (self._clock() - started)
        if left <= 0 or (firm and delay > left):
            return None
        return min(delay, left)

    def _send(self, method, url, idempotent, prepare, **kwargs):
        """One request with the retry policy; ``prepare()`` gives the headers of each attempt."""
        attempt = 0
        started = self._clock()
        while True:
            request_headers = prepare()
            try:
                response = self.session.request(
                    method,
                    url,
                    headers=request_headers,
                    timeout=self.timeout,
                    verify=self.verify,
                    cert=self.cert,
                    **kwargs
                )
            except requests.exceptions.SSLError as error:
                # A certificate does not get valid by asking again.
                raise _connection_error(url, error)
            except requests.exceptions.RequestException as error:
                wait = self._retry_wait(attempt, started, _backoff(attempt)) if _retryable_exception(error, idempotent) else None
                if wait is not None:
                    self._sleep(wait)
                    attempt += 1
                    continue
                failure = _connection_error(url, error, self.timeout, attempt)
                # The request may have reached the server (sent, then the answer was lost):
                # whether a POST took effect is for the caller to find out.
                failure.outcome_unknown = not idempotent and not _never_sent(error)
                raise failure
            self.request_count += 1
            if response.status_code in RETRY_STATUSES and (idempotent or response.status_code == 429):
                delay, firm = _retry_delay(response, attempt)
                wait = self._retry_wait(attempt, started, delay, firm)
                if wait is not None:
                    self._sleep(wait)
                    attempt += 1
                    continue
            return response

    def raw_get(self, path, **params):
        return self.request("GET", path, params=params or None)

    def raw_post(self, path, data, **params):
        return self.request("POST", path, params=params or None, **_body(data))

    def raw_put(self, path, data, **params):
        return self.request("PUT", path, params=params or None, **_body(data))

    def raw_delete(self, path, data=None, **params):
        return self.request("DELETE", path, params=params or None, **_body(data))


def _body(data):
    """Dicts and lists go as JSON, strings and bytes as they are."""
    if data is None:
        return {}
    if isinstance(data, (dict, list)):
        return {"json": data}
    return {"data": data}


# RFC 6749 section 5.2: how a token endpoint refuses a login. Keycloak adds
# error_description to all of them; a body with neither came from somewhere else.
OAUTH_ERRORS = frozenset((
    "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
    "invalid_scope", "access_denied", "invalid_token", "temporarily_unavailable", "server_error",
))


def _json_or_none(response):
    try:
        return response.json()
    except ValueError:
        return None


def _oauth_answer(body):
    """True when ``body`` is a token endpoint's refusal (wrong password, wrong client secret ...)."""
    return isinstance(body, dict) and bool(body.get("error_description") or body.get("error") in OAUTH_ERRORS)


def _answer_of(response, body):
    """The token endpoint's answer in a few words: status, and the server's message or page title."""
    if response.status_code == 200:
        if isinstance(body, dict):
            return "HTTP 200 without an access token"
        content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip() or "no content type"
        return "HTTP 200 with %s, not a JSON token" % content_type
    message = error_message_of(response)
    if message.startswith("HTTP %s" % response.status_code):
        return message
    return "HTTP %s: %s" % (response.status_code, message)


def _path_segments(url):
    parts = urlsplit(url)
    return parts, [segment for segment in parts.path.split("/") if segment]


def _with_path(parts, segments):
    return urlunsplit((parts.scheme, parts.netloc, "/".join([""] + segments), "", ""))


def _without_segment(url, name):
    """``url`` cut before its first path segment ``name`` (``/admin/master/console`` and all), else None."""
    parts, segments = _path_segments(url)
    if name not in segments:
        return None
    return _with_path(parts, segments[:segments.index(name)])


def _last_segment(url):
    segments = _path_segments(url)[1]
    return segments[-1] if segments else None


def _without_last_segment(url):
    parts, segments = _path_segments(url)
    return _with_path(parts, segments[:-1])


def _quote(value, argument):
    from .urls import quote_segment

    return quote_segment(value, argument)


def _retryable_exception(error, idempotent):
    if idempotent:
        # ChunkedEncodingError: the body ended early (urllib3's IncompleteRead / ProtocolError).
        return isinstance(error, (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                                  requests.exceptions.ChunkedEncodingError))
    # The request never left: safe to try a POST again.
    return _never_sent(error)


def _never_sent(error):
    """True when the connection was never made, so the server cannot have seen the request."""
    return isinstance(error, requests.exceptions.ConnectTimeout) or (
        isinstance(error, requests.exceptions.ConnectionError) and isinstance(_root_cause(error), NewConnectionError)
    )


def _expiry_margin(lifetime):
    """Renew this many seconds before a token of ``lifetime`` seconds dies."""
    return min(TOKEN_EXPIRY_MARGIN, float(lifetime) / 2)


def _backoff(attempt):
    return min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))


def _retry_delay(response, attempt):
    """The wait before the next attempt, and whether the server set it (``Retry-After``)."""
    value = (response.headers.get("Retry-After") or "").strip()
    if value:
        try:
            return min(RETRY_AFTER_CAP, max(0.0, float(value))), True
        except ValueError:
            pass
        # RFC 9110 also allows an HTTP date.
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None and when.tzinfo is not None:
            return min(RETRY_AFTER_CAP, max(0.0, when.timestamp() - time.time())), True
    return _backoff(attempt), False


def _connection_error(url, error, timeout=None, retries=0):
    # requests' own text puts the cause last, after the pool and the whole URL, so a long
    # admin path pushed it past the length limit. Name the URL once, then the root cause.
    cause = _root_cause(error)
    if isinstance(error, requests.exceptions.SSLError):
        if "certificate verify failed" in ("%s" % cause).lower():
            reason = "TLS certificate verification failed (set validate_certs/verify to a CA bundle, or false to skip)"
        else:
            reason = "TLS handshake failed"
    elif isinstance(error, requests.exceptions.Timeout):
        reason = "timed out" if timeout is None else "timed out after %s seconds" % (timeout,)
    elif _caused_by(cause, ConnectionRefusedError):
        reason = "connection refused"
    elif isinstance(error, requests.exceptions.ChunkedEncodingError):
        reason = "the answer was cut short"
    else:
        reason = "connection failed"
    if retries:
        reason = "%s (after %d retr%s)" % (reason, retries, "y" if retries == 1 else "ies")
    # python-keycloak's text is the error_message (programs match on it); ours is the description.
    return KeycloakConnectionError(
        "Can't connect to server (%s)" % (error,), description="cannot reach %s: %s: %s" % (url, reason, _short(cause)))


def _root_cause(error):
    """The urllib3 / ssl / socket error that a requests exception wraps."""
    cause = error
    for _depth in range(6):
        if isinstance(cause, MaxRetryError) and cause.reason is not None:
            cause = cause.reason
            continue
        inner = [arg for arg in getattr(cause, "args", ()) if isinstance(arg, BaseException)]
        if not inner:
            break
        cause = inner[-1]
    return cause


def _caused_by(error, kind):
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def _short(error):
    text = "%s" % error
    return text if len(text) <= 300 else text[:300] + "..."
