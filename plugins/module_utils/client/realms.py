# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Realms, import/export, server info, keys, events, caches, brute force, initial access tokens."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import urls
from .base import KeycloakAdminBase
from .exceptions import KeycloakPutError


class RealmsMixin(KeycloakAdminBase):
    """Realms, import/export, server info, keys, events, caches, brute force, initial access tokens."""

    # ------------------------------------------------------------ realms CRUD

    def get_realms(self):
        """List all realms (RealmRepresentation dicts)."""
        return self._get(urls.REALMS)

    def get_realm(self, realm_name):
        """Get one realm's RealmRepresentation."""
        return self._get(self._url(urls.REALM, realm=realm_name))

    def create_realm(self, payload, skip_exists=False):
        """Create a realm; with ``skip_exists`` an existing one is not an error.

        Return ``b""`` (Keycloak's empty 201, as python-keycloak returns it), or ``{"msg": "Already exists"}``.
        """
        return self._post(urls.REALMS, payload, expected=(201,), skip_exists=skip_exists)

    def update_realm(self, realm_name, payload):
        """Update a realm's top-level attributes; return ``{}``."""
        return self._put(self._url(urls.REALM, realm=realm_name), payload, expected=(204,))

    def delete_realm(self, realm_name):
        """Delete a realm; return ``{}``."""
        return self._delete(self._url(urls.REALM, realm=realm_name), expected=(204,))

    # ------------------------------------------------------- import / export

    def import_realm(self, payload):
        """Create a realm from a full RealmRepresentation (users, clients, roles, ...); return ``b""`` (the empty 201)."""
        return self._post(urls.REALMS, payload, expected=(201,))

    def partial_import_realm(self, realm_name, payload):
        """Import a PartialImportRepresentation into an existing realm; return the PartialImportResponse."""
        return self._post(self._url(urls.REALM_PARTIAL_IMPORT, realm=realm_name), payload, expected=(200,))

    def export_realm(self, export_clients=False, export_groups_and_role=False):
        """Export the current realm's configuration (secrets masked by Keycloak); return a RealmRepresentation."""
        params = {"exportClients": bool(export_clients), "exportGroupsAndRoles": bool(export_groups_and_role)}
        return self._post(self._url(urls.REALM_PARTIAL_EXPORT), params=params, expected=(200,))

    # ------------------------------------------------------- server and keys

    def get_server_info(self):
        """Return the ServerInfoRepresentation (version, providers, themes, ...)."""
        return self._get(urls.SERVER_INFO)

    def get_realm_openid_configuration(self, realm_name=None):
        """Return the realm's OpenID Connect discovery document (``issuer``, ``token_endpoint``, ...), not an admin endpoint.

        Not part of python-keycloak's KeycloakAdmin (its KeycloakOpenID ``well_known`` reads the same document).
        """
        return self._get(self._url(urls.REALM_DISCOVERY, realm=realm_name or self.connection.realm_name))

    def get_keys(self):
        """Return the current realm's KeysMetadataRepresentation (``active`` and ``keys``)."""
        return self._get(self._url(urls.REALM_KEYS))

    # ----------------------------------------------------------------- events

    def get_admin_events(self, query=None):
        """Return the current realm's admin events matching ``query``; every page unless ``first``/``max`` is given."""
        return self._fetch_all(self._url(urls.REALM_ADMIN_EVENTS), query)

    def get_events(self, query=None):
        """Return the current realm's user events matching ``query``; every page unless ``first``/``max`` is given."""
        return self._fetch_all(self._url(urls.REALM_EVENTS), query)

    def get_events_config(self):
        """Return the current realm's RealmEventsConfigRepresentation (``eventsEnabled``, ``eventsListeners``, ...)."""
        return self._get(self._url(urls.REALM_EVENTS_CONFIG))

    def set_events(self, payload):
        """Set the current realm's RealmEventsConfigRepresentation; return ``{}``."""
        return self._put(self._url(urls.REALM_EVENTS_CONFIG), payload, expected=(204,))

    def get_client_sessions_stats(self):
        """Return the session counts (``id``, ``clientId``, ``active``, ``offline``) of every client with sessions."""
        return self._get(self._url(urls.REALM_CLIENT_SESSION_STATS))

    # -------------------------------------------------------- client policies

    def get_client_policies(self, include_global=False):
        """Return the current realm's client policies (ClientPoliciesRepresentation ``{"policies": [...]}``).

        With ``include_global`` the answer also has ``globalPolicies``, the server's built-in ones.
        """
        return self._get(self._url(urls.REALM_CLIENT_POLICIES), params={"include-global-policies": include_global})

    def update_client_policies(self, payload):
        """Replace the current realm's client policies with ``payload`` (``{"policies": [...]}``); return the (empty) answer.

        Keycloak refuses (400) a policy that names a profile the realm does not have.
        """
        return self._put(self._url(urls.REALM_CLIENT_POLICIES), payload, expected=(204,))

    def get_client_profiles(self, include_global=False):
        """Return the current realm's client profiles (ClientProfilesRepresentation ``{"profiles": [...]}``).

        With ``include_global`` the answer also has ``globalProfiles``, the server's built-in ones (read only).
        """
        return self._get(self._url(urls.REALM_CLIENT_PROFILES), params={"include-global-profiles": include_global})

    def update_client_profiles(self, payload):
        """Replace the current realm's client profiles with ``payload`` (``{"profiles": [...]}``); return the (empty) answer."""
        return self._put(self._url(urls.REALM_CLIENT_PROFILES), payload, expected=(204,))

    # -------------------------------------------------- localization texts

    def get_localization_locales(self):
        """Return the locales for which the current realm has localization texts of its own (list of str)."""
        return self._get(self._url(urls.REALM_LOCALIZATION))

    def get_localization_texts(self, locale):
        """Return the current realm's own texts for ``locale`` (``{key: text}``; ``{}`` when it has none)."""
        return self._get(self._url(urls.REALM_LOCALIZATION_LOCALE, locale=locale))

    def add_localization_texts(self, locale, texts):
        """Add or replace the texts ``{key: text}`` of ``locale``; other texts of the locale stay. Return the (empty) answer."""
        return self._post(self._url(urls.REALM_LOCALIZATION_LOCALE, locale=locale), texts, expected=(204,))

    def update_localization_text(self, locale, key, text):
        """Set the text ``key`` of ``locale`` (created when missing); return the (empty) answer."""
        path = self._url(urls.REALM_LOCALIZATION_TEXT, locale=locale, key=key)
        # Keycloak takes the text as the body, in plain text.
        return self._request("PUT", path, KeycloakPutError, (204,), data=("%s" % text).encode("utf-8"),
                             headers={"Content-Type": "text/plain; charset=utf-8"})

    def delete_localization_text(self, locale, key):
        """Delete the text ``key`` of ``locale``; a 404 when there is none."""
        return self._delete(self._url(urls.REALM_LOCALIZATION_TEXT, locale=locale, key=key), expected=(204,))

    def delete_localization_texts(self, locale):
        """Delete every text of ``locale``; a 404 when there is none."""
        return self._delete(self._url(urls.REALM_LOCALIZATION_LOCALE, locale=locale), expected=(204,))

    # ----------------------------------------------------------------- caches

    def clear_keys_cache(self):
        """Clear the server's cache of external public keys; return ``{}``."""
        return self._post(self._url(urls.REALM_CLEAR_KEYS_CACHE), expected=(204,))

    def clear_realm_cache(self):
        """Clear the server's realm cache; return ``{}``."""
        return self._post(self._url(urls.REALM_CLEAR_REALM_CACHE), expected=(204,))

    def clear_user_cache(self):
        """Clear the server's user cache; return ``{}``."""
        return self._post(self._url(urls.REALM_CLEAR_USER_CACHE), expected=(204,))

    # ------------------------------------------------------------ brute force

    def get_bruteforce_detection_status(self, user_id):
        """Return a user's brute force status (``numFailures``, ``disabled``, ``lastFailure``, ``lastIPFailure``)."""
        return self._get(self._url(urls.ATTACK_DETECTION_USER, user_id=user_id))

    def clear_bruteforce_attempts_for_user(self, user_id):
        """Clear a user's login failures (unlocks a temporarily locked user); return ``{}``."""
        return self._delete(self._url(urls.ATTACK_DETECTION_USER, user_id=user_id), expected=(204,))

    def clear_all_bruteforce_attempts(self):
        """Clear the login failures of every user of the current realm; return ``{}``."""
        return self._delete(self._url(urls.ATTACK_DETECTION), expected=(204,))

    # -------------------------------------------------- initial access tokens

    def create_initial_access_token(self, count=1, expiration=1):
        """Create a client registration initial access token valid for ``count`` clients and ``expiration`` seconds.

        ``expiration`` goes to Keycloak as given, as python-keycloak sends it, and Keycloak counts
        it in seconds (0: no expiry); the reference's "days" is not what happens. Return Keycloak's
        answer: ``token`` (the token string), ``id``, ``count``, ``expiration``, ...
        Keycloak up to 26.6 answers 200, 26.7 and newer 201: both are the token.
        """
        payload = {"count": count, "expiration": expiration}
        return self._post(self._url(urls.CLIENT_INITIAL_ACCESS), payload, expected=(200, 201))

    def get_initial_access_tokens(self):
        """Return the current realm's initial access tokens (``id``, ``count``, ``remainingCount``, ..., no token string)."""
        return self._get(self._url(urls.CLIENT_INITIAL_ACCESS))

    def delete_initial_access_token(self, token_id):
        """Revoke the initial access token ``token_id``; answers 204 when there is no such token too."""
        return self._delete(self._url(urls.CLIENT_INITIAL_ACCESS_TOKEN, token_id=token_id), expected=(204,))
