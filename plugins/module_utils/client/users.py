# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users, credentials, sessions, consents, federated identities, e-mail actions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import urls
from .base import KeycloakAdminBase
from .exceptions import KeycloakPostError


class UsersMixin(KeycloakAdminBase):
    """Users, credentials, sessions, consents, federated identities, e-mail actions."""

    # ------------------------------------------------------------ users CRUD

    def get_users(self, query=None):
        """All users matching ``query`` (every page); a ``first``/``max`` in ``query`` asks for one page."""
        return self._fetch_all(self._url(urls.USERS), query)

    def create_user(self, payload, exist_ok=False):
        """Create a user and return its id.

        With ``exist_ok`` a user of the same username is not an error: its id is returned.
        """
        try:
            return self._post_created(self._url(urls.USERS), payload)
        except KeycloakPostError as error:
            # A 409 may also mean "same e-mail, other username": only a user of this
            # very username counts as the one asked for.
            if not (exist_ok and error.response_code == 409 and payload.get("username")):
                raise
            existing = self.get_user_id(payload["username"])
            if existing is None:
                raise
            return existing

    def users_count(self, query=None):
        """Number of users matching ``query`` (an int)."""
        return self._get(self._url(urls.USERS_COUNT), params=query)

    def get_user_id(self, username):
        """Id of the user called ``username``, or ``None`` when there is none."""
        users = self._get(self._url(urls.USERS), params={"username": username, "exact": True, "briefRepresentation": True})
        # Keycloak stores usernames lower-cased and compares them so.
        wanted = ("%s" % username).lower()
        for user in users or []:
            if ("%s" % user.get("username", "")).lower() == wanted:
                return user.get("id")
        return None

    def get_user(self, user_id):
        """The user's UserRepresentation."""
        return self._get(self._url(urls.USER, user_id=user_id))

    def get_user_groups(self, user_id, query=None, brief_representation=True):
        """Every group the user is a direct member of; ``first``/``max`` in ``query`` asks for one page."""
        params = dict(query or {})
        params["briefRepresentation"] = brief_representation
        return self._fetch_all(self._url(urls.USER_GROUPS, user_id=user_id), params)

    def update_user(self, user_id, payload):
        """Update the user with ``payload`` (a UserRepresentation); returns ``{}``."""
        return self._put(self._url(urls.USER, user_id=user_id), payload, expected=(204,))

    def disable_user(self, user_id):
        """Disable the user (a disabled user cannot log in)."""
        return self.update_user(user_id, {"enabled": False})

    def enable_user(self, user_id):
        """Enable the user."""
        return self.update_user(user_id, {"enabled": True})

    def disable_all_users(self):
        """Disable every enabled user of the realm."""
        # The whole list is read before the first change, so paging cannot skip anyone.
        for user in self.get_users({"enabled": True, "briefRepresentation": True}):
            self.disable_user(user["id"])

    def enable_all_users(self):
        """Enable every disabled user of the realm."""
        for user in self.get_users({"enabled": False, "briefRepresentation": True}):
            self.enable_user(user["id"])

    def delete_user(self, user_id):
        """Delete the user; returns ``{}``."""
        return self._delete(self._url(urls.USER, user_id=user_id), expected=(204,))

    # ------------------------------------------------------------ user profile

    def get_user_profile_config(self):
        """The realm's declarative user profile (UPConfig: ``attributes``, ``groups``, ...)."""
        return self._get(self._url(urls.USERS_PROFILE))

    def update_user_profile_config(self, payload):
        """Replace the realm's user profile with ``payload`` (a whole UPConfig); return the stored UPConfig."""
        return self._put(self._url(urls.USERS_PROFILE), payload, expected=(200,))

    # ------------------------------------------------------------ credentials

    def set_user_password(self, user_id, password, temporary=True):
        """Set the user's password; a ``temporary`` one must be changed at the next login."""
        payload = {"type": "password", "temporary": temporary, "value": password}
        return self._put(self._url(urls.USER_RESET_PASSWORD, user_id=user_id), payload, expected=(204,))

    def get_credentials(self, user_id):
        """The user's credentials (list of CredentialRepresentation, without secrets)."""
        return self._get(self._url(urls.USER_CREDENTIALS, user_id=user_id))

    def delete_credential(self, user_id, credential_id):
        """Remove one credential of the user; returns ``{}``."""
        return self._delete(self._url(urls.USER_CREDENTIAL, user_id=user_id, credential_id=credential_id), expected=(204,))

    # ------------------------------------------------------ sessions, consents

    def user_logout(self, user_id):
        """End every session of the user; returns ``{}``."""
        return self._post(self._url(urls.USER_LOGOUT, user_id=user_id), expected=(204,))

    def user_consents(self, user_id):
        """Consents the user granted (list of UserConsentRepresentation)."""
        return self._get(self._url(urls.USER_CONSENTS, user_id=user_id))

    def get_sessions(self, user_id):
        """The user's active sessions (list of UserSessionRepresentation)."""
        return self._get(self._url(urls.USER_SESSIONS, user_id=user_id))

    def get_user_offline_sessions(self, user_id, client_id):
        """The user's offline sessions that hold the client with internal id ``client_id`` (list of UserSessionRepresentation)."""
        return self._get(self._url(urls.USER_OFFLINE_SESSIONS, user_id=user_id, client_id=client_id))

    # --------------------------------------------------- federated identities

    def get_user_social_logins(self, user_id):
        """The identity-provider links of the user (list of FederatedIdentityRepresentation)."""
        return self._get(self._url(urls.USER_FEDERATED_IDENTITIES, user_id=user_id))

    def add_user_social_login(self, user_id, provider_id, provider_userid, provider_username):
        """Link the user to ``provider_userid``/``provider_username`` at identity provider ``provider_id``."""
        payload = {"identityProvider": provider_id, "userId": provider_userid, "userName": provider_username}
        return self._post(self._url(urls.USER_FEDERATED_IDENTITY, user_id=user_id, provider=provider_id), payload, expected=(201, 204))

    def delete_user_social_login(self, user_id, provider_id):
        """Remove the user's link to identity provider ``provider_id``; returns ``{}``."""
        return self._delete(self._url(urls.USER_FEDERATED_IDENTITY, user_id=user_id, provider=provider_id), expected=(204,))

    # -------------------------------------------------------------- e-mails

    def send_update_account(self, user_id, payload, client_id=None, lifespan=None, redirect_uri=None):
        """E-mail the user a link to perform the required actions listed in ``payload``."""
        params = {"client_id": client_id, "lifespan": lifespan, "redirect_uri": redirect_uri}
        return self._put(self._url(urls.USER_EXECUTE_ACTIONS_EMAIL, user_id=user_id), payload, params=params, expected=(204,))

    def send_verify_email(self, user_id, client_id=None, redirect_uri=None):
        """E-mail the user a link to verify the e-mail address."""
        params = {"client_id": client_id, "redirect_uri": redirect_uri}
        return self._put(self._url(urls.USER_SEND_VERIFY_EMAIL, user_id=user_id), params=params, expected=(204,))

    def send_verify_email_with_lifespan(self, user_id, lifespan, client_id=None, redirect_uri=None):
        """E-mail the user a link to verify the e-mail address that expires after ``lifespan`` seconds (Keycloak 24+)."""
        params = {"client_id": client_id, "redirect_uri": redirect_uri, "lifespan": lifespan}
        return self._put(self._url(urls.USER_SEND_VERIFY_EMAIL, user_id=user_id), params=params, expected=(204,))
