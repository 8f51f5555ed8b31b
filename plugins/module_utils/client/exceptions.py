# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed errors of the admin client.

The attributes python-keycloak documents behave as python-keycloak's: ``response_code``
(the HTTP status), ``error_message`` (the ``message`` of a JSON answer, else the response
body as it came: bytes), ``response_body`` (the raw body) and ``str(error)``
(``"<code>: <error_message>"``). Programs written against python-keycloak parse those.

``description`` adds what a person wants to read: the request and Keycloak's own message,
whatever shape the answer had (``GET /admin/realms/x: Realm not found.``). ``not_found``
and ``conflict`` tell a missing object (404) or a clash (409) from other failures.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re


class KeycloakError(Exception):
    """Base class of every error the client raises."""

    def __init__(self, error_message="", response_code=None, response_body=None, description=None):
        Exception.__init__(self, error_message)
        self.response_code = response_code
        self.response_body = response_body
        self.error_message = error_message
        if description is None:
            description = error_message.decode("utf-8", "replace") if isinstance(error_message, bytes) else "%s" % (error_message,)
        self.description = description

    @property
    def not_found(self):
        """True when the server answered 404: the object does not exist."""
        return self.response_code == 404

    @property
    def conflict(self):
        """True when the server answered 409: the object exists already."""
        return self.response_code == 409

    def __str__(self):
        if self.response_code is not None:
            return "%s: %s" % (self.response_code, self.error_message)
        return "%s" % self.error_message


class KeycloakAuthenticationError(KeycloakError):
    """A login, token refresh or authorization failed.

    Also raised when the login did not reach a token endpoint (a wrong server URL, a login
    realm that does not exist): ``response_code`` is then what that URL answered (404, 405 ...).
    """

    @property
    def not_found(self):
        """Always False: a refused login says nothing about the object that was asked for.

        A token endpoint that answers 404 (wrong server URL, unknown login realm) must not
        read as "the object is absent", or a read would quietly report nothing.
        """
        return False


class KeycloakConnectionError(KeycloakError):
    """The server could not be reached: refused, timed out, TLS failure, an answer cut short.

    ``outcome_unknown`` is True when a request that is not safe to repeat (a POST) may have
    reached the server before its answer was lost: it may or may not have taken effect.
    """

    outcome_unknown = False


class KeycloakOperationError(KeycloakError):
    """An admin API call answered with an unexpected status."""


class KeycloakDeprecationError(KeycloakError):
    """A method that the server version no longer supports."""


class KeycloakGetError(KeycloakOperationError):
    """A GET failed."""


class KeycloakPostError(KeycloakOperationError):
    """A POST failed."""


class KeycloakPutError(KeycloakOperationError):
    """A PUT failed."""


class KeycloakDeleteError(KeycloakOperationError):
    """A DELETE failed."""


class KeycloakLoginError(KeycloakAuthenticationError, KeycloakPostError):
    """A login that the token endpoint refused with another status than 401 (404, 400, ...).

    python-keycloak raises ``KeycloakPostError`` there; this is one too, and still an
    authentication error for callers that tell a refused login from a failed operation.
    """


class KeycloakSecretNotFound(KeycloakOperationError):
    """A client has no secret (public or bearer-only client)."""


class KeycloakInvalidTokenError(KeycloakOperationError):
    """A token could not be decoded or is no longer valid."""


def python_keycloak_message(response):
    """``error_message`` as python-keycloak sets it: the ``message`` of a JSON object, else the body (bytes)."""
    try:
        body = response.json()
    except ValueError:
        return response.content
    if isinstance(body, dict) and "message" in body:
        return body["message"]
    return response.content


def error_message_of(response):
    """Keycloak's own message from an error response, whatever its shape.

    Keycloak answers errors as ``{"errorMessage": ...}``, ``{"error": ...,
    "error_description": ...}``, ``{"field": ..., "errorMessage": ...}``, a list of
    those (user profile validation), or plain text / HTML from a proxy.
    """
    fallback = response.reason or "HTTP %s" % response.status_code
    try:
        body = response.json()
    except ValueError:
        text = (response.text or "").strip()
        if _looks_like_html(response, text):
            # A proxy's error page: its tags would bury the one line that matters.
            text = _html_text(text)
            text = "%s (HTML page, not Keycloak JSON)" % text if text else ""
        if not text:
            return fallback
        return text if len(text) <= 500 else text[:500] + "..."
    return _message_from_body(body) or fallback


def _looks_like_html(response, text):
    content_type = ((getattr(response, "headers", None) or {}).get("Content-Type") or "").lower()
    return "html" in content_type or text[:1] == "<"


def _html_text(html):
    """The title, else the visible text, of an HTML page, on one line."""
    title = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
    if title and title.group(1).strip():
        text = title.group(1)
    else:
        text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.IGNORECASE | re.DOTALL)
        text = re.sub(r"<[^>]*>", " ", text)
    return " ".join(text.replace("&nbsp;", " ").split())


def _oauth_message(body):
    """``error`` and ``error_description`` together: either alone can be the useless half.

    Keycloak answers a disabled feature with error "Feature not enabled" and the description
    "For more on this error consult the server log.", and a bad login with error
    "invalid_grant" and the description "Invalid user credentials".
    """
    error, description = body.get("error"), body.get("error_description")
    if error and description and error != description:
        return "%s (%s)" % (description, error)
    return description or error


def _message_from_body(body):
    if isinstance(body, list):
        return "; ".join(m for m in (_message_from_body(item) for item in body) if m)
    if not isinstance(body, dict):
        return "" if body is None else "%s" % body
    errors = body.get("errors")
    if isinstance(errors, list) and errors:
        # Several user-profile validation errors come as {"errors": [...]}; with one, Keycloak
        # may also copy the first into errorMessage, which would then name one field of many.
        listed = _message_from_body(errors)
        if listed:
            return listed
    message = body.get("errorMessage") or _oauth_message(body) or body.get("message")
    if message is None:
        return ""
    params = body.get("params")
    field = body.get("field")
    if field:
        message = "%s: %s" % (field, message)
    if params:
        message = "%s (%s)" % (message, ", ".join("%s" % p for p in params))
    return "%s" % message
