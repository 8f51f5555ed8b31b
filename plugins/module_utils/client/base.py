# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every API-area mixin of ``KeycloakAdmin`` stands on.

The mixins (one file per API area) only say which endpoint, which verb, which status
codes are success and what to return; sending, judging the answer, raising the typed
error and paging live here once.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime
import json

try:
    from urllib.parse import unquote
except ImportError:  # pragma: no cover - Python 2 is not supported
    from urllib import unquote  # type: ignore

from . import urls
from .connection import KeycloakOpenIDConnection
from .exceptions import (
    KeycloakAuthenticationError,
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
    KeycloakPutError,
    error_message_of,
    python_keycloak_message,
)

ALREADY_EXISTS = {"msg": "Already exists"}


# Paths of the lists that grow with a realm's users (users, group members, role holders): never kept by ``cache_reads``.
_BIG_LISTS = ("/users", "/members")


class KeycloakAdminBase:
    """Connection handling, request helpers and paging shared by every API area."""

    PAGE_SIZE = 100

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
        connection=None,
    ):
        if connection is None:
            connection = KeycloakOpenIDConnection(
                server_url=server_url,
                grant_type=grant_type,
                username=username,
                password=password,
                token=token,
                totp=totp,
                realm_name=realm_name,
                client_id=client_id,
                verify=verify,
                client_secret_key=client_secret_key,
                custom_headers=custom_headers,
                user_realm_name=user_realm_name,
                timeout=timeout,
                cert=cert,
                max_retries=max_retries,
            )
        self._connection = adopt_connection(connection)

    @property
    def connection(self):
        """The ``KeycloakOpenIDConnection`` this client sends through."""
        return self._connection

    @connection.setter
    def connection(self, value):
        self._connection = adopt_connection(value)

    def get_current_realm(self):
        """Return the realm the admin calls currently manage."""
        return self.connection.realm_name

    def change_current_realm(self, realm_name):
        """Manage ``realm_name`` from now on; the login realm stays as it was."""
        if self.connection.user_realm_name is None:
            # Keep logging into the realm we logged into so far.
            self.connection.user_realm_name = self.connection.realm_name
        self.connection.realm_name = realm_name

    # ----------------------------------------------------------- URL helpers

    def _url(self, template, **values):
        """``template`` filled in, with ``realm`` defaulting to the current realm."""
        values.setdefault("realm", self.connection.realm_name)
        return urls.build(template, **values)

    # ------------------------------------------------------- request helpers

    def _request(self, method, path, error_class, expected, payload=None, params=None, skip_exists=False, headers=None, data=None):
        if data is None and payload is not None:
            body = {"json": payload} if isinstance(payload, (dict, list)) else {"data": payload}
        elif data is not None:
            body = {"data": data}
        else:
            body = {}
        response = self.connection.request(method, path, params=_clean_params(params), headers=headers, **body)
        return judge(response, error_class, expected, skip_exists=skip_exists)

    def _get(self, path, params=None, expected=(200,), error_class=KeycloakGetError, headers=None):
        cache = getattr(self.connection, "read_cache", None)
        # Users and members are the big lists: read once by their callers (``bulk.UserSnapshot``), never held twice.
        if cache is None or path.endswith(_BIG_LISTS):
            return self._request("GET", path, error_class, expected, params=params, headers=headers)
        # Reads reused while the connection caches them (``KeycloakOpenIDConnection.cache_reads``); an error is not kept.
        key = json.dumps([path, _clean_params(params), headers, list(expected)], sort_keys=True, default=str)
        if key not in cache:
            cache[key] = self._request("GET", path, error_class, expected, params=params, headers=headers)
        return copy.deepcopy(cache[key])

    def _post(self, path, payload=None, params=None, expected=(200, 201, 204), error_class=KeycloakPostError, skip_exists=False, data=None, headers=None):
        return self._request("POST", path, error_class, expected, payload=payload, params=params, skip_exists=skip_exists, data=data, headers=headers)

    def _put(self, path, payload=None, params=None, expected=(200, 201, 204), error_class=KeycloakPutError, skip_exists=False):
        return self._request("PUT", path, error_class, expected, payload=payload, params=params, skip_exists=skip_exists)

    def _delete(self, path, payload=None, params=None, expected=(200, 204), error_class=KeycloakDeleteError):
        return self._request("DELETE", path, error_class, expected, payload=payload, params=params)

    def _post_created(self, path, payload, skip_exists=False, params=None):
        """POST that creates an object; return the new id from ``Location``.

        With ``skip_exists`` a 409 returns ``None`` instead of raising.
        """
        response = self.connection.request("POST", path, params=_clean_params(params), json=payload)
        if response.status_code == 409 and skip_exists:
            return None
        judge(response, KeycloakPostError, (201, 204, 200))
        return created_id(response)

    def _fetch_all(self, path, query=None):
        """Every item of a paged list, page by page (``first``/``max``).

        A caller who gives ``first`` or ``max`` asked for that one page only.
        """
        query = dict(query or {})
        # A module passes its optional first/max through as None when unset; taking that
        # for "one page" returned only the server's default page size.
        for key in ("first", "max"):
            if query.get(key) is None:
                query.pop(key, None)
        if "first" in query or "max" in query:
            return self._get(path, params=query)
        results = []
        first = 0
        while True:
            page_query = dict(query, first=first, max=self.PAGE_SIZE)
            page = self._get(path, params=page_query)
            if not isinstance(page, list):
                return page
            results.extend(page)
            if len(page) < self.PAGE_SIZE:
                return results
            first += self.PAGE_SIZE

    def _fetch_all_pages(self, path, query=None):
        """Like ``_fetch_all`` but always walks every page, ignoring no caller page."""
        query = dict(query or {})
        query.pop("first", None)
        query.pop("max", None)
        return self._fetch_all(path, query)


# What python-keycloak's KeycloakOpenIDConnection documents as its attributes: its settings,
# its token and its token's renewal time are read from these.
FOREIGN_CONNECTION_SETTINGS = (
    "grant_type", "username", "password", "token", "totp", "realm_name", "client_id", "verify",
    "client_secret_key", "custom_headers", "user_realm_name", "timeout", "cert",
)


def adopt_connection(connection):
    """The connection the client sends through.

    Ours (or anything else with our ``request``) is used as it is. python-keycloak's
    ``KeycloakOpenIDConnection`` has no such method: a connection of ours is built from its
    documented attributes (server, credentials, realms, token, headers, TLS, timeout), so a
    program that hands one in keeps working. Later changes to that object are not seen.
    Anything else is refused here rather than at the first call.
    """
    if connection is None or callable(getattr(connection, "request", None)):
        return connection
    server_url = getattr(connection, "server_url", None)
    if server_url is None:
        raise TypeError(
            "connection must be a KeycloakOpenIDConnection (this client's or python-keycloak's), not %r" % type(connection).__name__
        )
    settings = dict((name, getattr(connection, name, None)) for name in FOREIGN_CONNECTION_SETTINGS)
    settings["client_id"] = settings["client_id"] or "admin-cli"
    settings["verify"] = True if settings["verify"] is None else settings["verify"]
    settings["timeout"] = 60 if settings["timeout"] is None else settings["timeout"]
    adopted = KeycloakOpenIDConnection(server_url=server_url, **settings)
    expires_at = getattr(connection, "expires_at", None)
    if settings["token"] and isinstance(expires_at, datetime.datetime):
        # Renew when the given connection would have, not a whole lifetime from now.
        adopted.renew_at(expires_at)
    return adopted


def _clean_params(params):
    """Drop ``None`` values; booleans as Keycloak expects them (``true``/``false``)."""
    if not params:
        return None
    cleaned = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        cleaned[key] = value
    return cleaned


def judge(response, error_class, expected, skip_exists=False):
    """The decoded body of an expected answer, else the typed error, as python-keycloak has them.

    A 204 returns ``{}``; a JSON body is returned decoded, any other body (an empty 201
    included) as bytes. With ``skip_exists`` a 409 returns ``{"msg": "Already exists"}``.
    A 401 (still refused after the connection logged in again) raises
    ``KeycloakAuthenticationError`` whatever ``error_class`` says.
    """
    if response.status_code in expected:
        if response.status_code == 204:
            return {}
        try:
            return response.json()
        except ValueError:
            return response.content
    if skip_exists and response.status_code == 409:
        return dict(ALREADY_EXISTS)
    if response.status_code == 401:
        # Not a failed operation but a refused login; callers tell the two apart by type.
        error_class = KeycloakAuthenticationError
    raise error_class(
        python_keycloak_message(response),
        response_code=response.status_code,
        response_body=response.content,
        description=_description(response),
    )


def _description(response):
    """The request and Keycloak's own message, for people: ``GET /admin/realms/x: Realm not found.``."""
    text = "%s %s: %s" % (response.request.method if response.request is not None else "", _path_of(response), error_message_of(response))
    hint = getattr(response, "keycloak_hint", None)
    return "%s (%s)" % (text, hint) if hint else text


def _path_of(response):
    url = response.url or ""
    marker = url.find("/admin/realms")
    if marker >= 0:
        return url[marker:]
    marker = url.find("/realms/")
    return url[marker:] if marker >= 0 else url


def created_id(response):
    """The id at the end of a 201 answer's ``Location`` header, or ``None``."""
    location = response.headers.get("Location")
    if not location:
        return None
    return unquote(location.rstrip("/").split("/")[-1])
