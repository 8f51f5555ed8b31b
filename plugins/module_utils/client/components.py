# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Components (user storage, key providers, ...) and user storage sync."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import urls
from .base import KeycloakAdminBase


class ComponentsMixin(KeycloakAdminBase):
    """Components (user storage, key providers, ...) and user storage sync."""

    def get_components(self, query=None):
        """Return the current realm's components (ComponentRepresentation dicts).

        ``query`` filters on the server: ``parent`` (id), ``type`` (provider type) and ``name``.
        """
        return self._get(self._url(urls.COMPONENTS), params=query)

    def create_component(self, payload):
        """Create a component (ComponentRepresentation); return its new id."""
        return self._post_created(self._url(urls.COMPONENTS), payload)

    def get_component(self, component_id):
        """Return one component's ComponentRepresentation."""
        return self._get(self._url(urls.COMPONENT, component_id=component_id))

    def update_component(self, component_id, payload):
        """Replace a component's representation; return ``{}``."""
        return self._put(self._url(urls.COMPONENT, component_id=component_id), payload, expected=(204,))

    def delete_component(self, component_id):
        """Delete a component (and its sub-components); return ``{}``."""
        return self._delete(self._url(urls.COMPONENT, component_id=component_id), expected=(204,))

    def sync_users(self, storage_id, action):
        """Run a user storage sync, ``action`` being ``triggerFullSync`` or ``triggerChangedUsersSync``.

        Return Keycloak's SynchronizationResult (``added``, ``updated``, ``removed``, ``failed``, ``status``, ...).
        """
        return self._post(self._url(urls.USER_STORAGE_SYNC, storage_id=storage_id), params={"action": action}, expected=(200,))

    def test_ldap_connection(self, payload):
        """Ask Keycloak to reach an LDAP server: ``payload`` is a TestLdapConnectionRepresentation.

        ``action`` is ``testConnection`` (connect) or ``testAuthentication`` (bind with ``bindDn``
        and ``bindCredential``; ``**********`` with ``componentId`` uses that provider's stored
        credential). Raises ``KeycloakPostError`` with Keycloak's reason when the test fails.
        """
        return self._post(self._url(urls.REALM_TEST_LDAP_CONNECTION), payload, expected=(204,))

    def sync_ldap_mapper(self, storage_id, mapper_id, direction="fedToKeycloak"):
        """Run an LDAP mapper's sync (a group or role mapper): ``direction`` ``fedToKeycloak`` or ``keycloakToFed``.

        Return Keycloak's SynchronizationResult.
        """
        return self._post(self._url(urls.USER_STORAGE_MAPPER_SYNC, storage_id=storage_id, mapper_id=mapper_id),
                          params={"direction": direction}, expected=(200,))
