# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What several resource kinds share: one place, so sibling handlers never import each other."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Re-exported for the kinds, so that they import shared things from one place.
from ..client.exceptions import KeycloakError
from ..context import PlanError, or_none, realm_or_none  # noqa: F401  pylint: disable=unused-import
from ..engine import KEYCLOAK_MASK
from ..kind import role_item  # noqa: F401  pylint: disable=unused-import

# ------------------------------------------------------------- server version


def server_version(api, info=None):
    """The running Keycloak's version as a tuple of ints (``(26, 0, 8)``); ``()`` when the server does not tell.

    One server info read (none when ``info``, the server info already read, is given): callers ask
    only when a task needs what differs between versions.
    """
    try:
        if info is None:
            info = api.get_server_info() or {}
        text = (info.get("systemInfo") or {}).get("version") or ""
    except KeycloakError:
        return ()
    numbers = []
    for part in ("%s" % text).split("-", 1)[0].split("."):
        if not part.isdigit():
            break
        numbers.append(int(part))
    return tuple(numbers)


# ------------------------------------------------------------------ the login


def login_of(api):
    """``(realm, user_id, username)`` of the account the task is logged in as (a service account included).

    Read from the access token's claims (``sub``, ``preferred_username``); the token is not verified
    here, Keycloak did that when it issued it. A token that is no JWT leaves the ids unknown (None);
    the realm is the connection's login realm either way.
    """
    connection = api.connection
    token = connection.token or {}
    if not token.get("access_token"):
        connection.get_token()
        token = connection.token or {}
    claims = _jwt_claims(token.get("access_token"))
    username = claims.get("preferred_username") or getattr(connection, "username", None)
    return connection.login_realm, claims.get("sub"), username.lower() if isinstance(username, str) else None


def _jwt_claims(access_token):
    import base64
    import json

    try:
        payload = ("%s" % access_token).split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode("utf-8"))
    except (IndexError, ValueError, TypeError, UnicodeDecodeError):
        return {}
    return claims if isinstance(claims, dict) else {}


# ---------------------------------------------------------------- group paths


def normalise_path(path):
    """``engineering/backend/`` -> ``/engineering/backend`` (spaces are part of the names)."""
    return "/" + (path or "").strip("/")


def path_names(path):
    """The group names along ``path``; a ``/`` always separates two names."""
    names = normalise_path(path)[1:].split("/")
    if not names or "" in names:
        raise PlanError("path '%s' holds an empty group name" % path)
    return names


def parent_path(path):
    """The parent's path of ``path``, or ``None`` for a top-level group."""
    names = path_names(path)
    return "/" + "/".join(names[:-1]) if len(names) > 1 else None


def find_group(api, path):
    """The group at ``path`` (one request, however many siblings), or None."""
    return or_none(api.get_group_by_path, normalise_path(path))


# ----------------------------------------------------------------- attributes


def kept_attributes(attributes, current):
    """``attributes`` less the empty lists of keys ``current`` does not have.

    Keycloak keeps no key with an empty list: an empty list removes a key, and one that is
    already absent needs nothing (else it would show as a change on every run).
    """
    have = (current or {}).get("attributes") or {}
    return dict((key, values) for key, values in attributes.items() if values or key in have)


# ----------------------------------------------------------------- reading


class Reader:
    """The little of a handler that reading a nested collection needs (for info modules): the API."""

    def __init__(self, api):
        self.api = api


# -------------------------------------------------------------------- clients


class ClientIds:
    """``clientId`` <-> client uuid, each looked up once per task."""

    def __init__(self, api):
        self.api = api
        self._uuids = {}
        self._client_ids = {}

    def uuid(self, client_id):
        """The uuid of the client ``client_id``, or None when there is no such client."""
        if self._uuids.get(client_id) is None:
            # Not remembered while absent: a client an earlier plan of the run creates is found later.
            self.remember(client_id, self.api.get_client_id(client_id))
        return self._uuids[client_id]

    def remember(self, client_id, uuid):
        self._uuids[client_id] = uuid
        if uuid is not None:
            self._client_ids[uuid] = client_id

    def client_id(self, uuid):
        """The ``clientId`` of the client with ``uuid`` (a role's ``containerId``)."""
        if uuid not in self._client_ids:
            self._client_ids[uuid] = self.api.get_client(uuid)["clientId"]
            self._uuids[self._client_ids[uuid]] = uuid
        return self._client_ids[uuid]


# -------------------------------------------------- realm default client scopes

SCOPE_TYPES = ("default", "optional", "none")


def realm_default_lists(api):
    """The ids of the realm's default and of its optional client scopes (two reads)."""
    defaults = set(scope["id"] for scope in api.get_default_default_client_scopes() or [])
    optionals = set(scope["id"] for scope in api.get_default_optional_client_scopes() or [])
    return defaults, optionals


def realm_type(api, scope_id, listed=None):
    """``default``, ``optional`` or ``none``: which realm default list holds ``scope_id``.

    ``listed`` is ``realm_default_lists(api)`` when the caller has it already.
    """
    defaults, optionals = listed if listed is not None else realm_default_lists(api)
    if scope_id in defaults:
        return "default"
    if scope_id in optionals:
        return "optional"
    return "none"


def set_realm_type(api, scope_id, old, new):
    """Move a client scope from realm list ``old`` to ``new`` (remove first: a scope is in one at most)."""
    if old == new:
        return
    if old == "default":
        api.delete_default_default_client_scope(scope_id)
    elif old == "optional":
        api.delete_default_optional_client_scope(scope_id)
    if new == "default":
        api.add_default_default_client_scope(scope_id)
    elif new == "optional":
        api.add_default_optional_client_scope(scope_id)


# ------------------------------------------------------------- masked values


def differs_from_stored(wanted, stored):
    """Whether a task's ``wanted`` value differs from the ``stored`` one Keycloak shows, as far as can be told.

    A value Keycloak shows as its mask ``**********`` is set but unknown: a given value (not empty) is taken as
    the same, since a changed secret cannot be told from an unchanged one. An empty or missing one removes it.
    """
    if stored == KEYCLOAK_MASK:
        return wanted in (None, "")
    return wanted != stored
