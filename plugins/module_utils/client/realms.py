# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Realms, import/export, server info, keys, events, caches, brute force, initial access tokens."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import urls
from .base import KeycloakAdminBase


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
        """Create a realm; with ``skip_exists`` an existing one is not an error."""
        return self._post(urls.REALMS, payload, expected=(201,), skip_exists=skip_exists)

    def update_realm(self, realm_name, payload):
        """Update a realm's top-level attributes."""
        return self._put(self._url(urls.REALM, realm=realm_name), payload, expected=(204,))

    def delete_realm(self, realm_name):
        """Delete a realm."""
        return self._delete(self._url(urls.REALM, realm=realm_name), expected=(204,))
