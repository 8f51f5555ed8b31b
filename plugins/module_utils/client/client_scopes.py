# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Client scopes, their mappers and scope mappings, realm default scopes."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import urls
from .base import KeycloakAdminBase


class ClientScopesMixin(KeycloakAdminBase):
    """Client scopes, their mappers and scope mappings, realm default scopes."""

    # ------------------------------------------------------------ client scopes CRUD

    def get_client_scopes(self):
        """Every client scope of the current realm (list of ClientScopeRepresentation)."""
        # The endpoint has no paging: it always answers the whole list.
        return self._get(self._url(urls.CLIENT_SCOPES))

    def get_client_scope(self, client_scope_id):
        """The ClientScopeRepresentation with id ``client_scope_id``."""
        return self._get(self._url(urls.CLIENT_SCOPE, client_scope_id=client_scope_id))

    def get_client_scope_by_name(self, client_scope_name):
        """The ClientScopeRepresentation named ``client_scope_name``, or ``None``."""
        # Keycloak offers no name filter on client scopes, so the one list call is the lookup.
        for scope in self.get_client_scopes() or []:
            if scope.get("name") == client_scope_name:
                return scope
        return None

    def create_client_scope(self, payload, skip_exists=False):
        """Create a client scope and return its id.

        With ``skip_exists`` an existing scope of the same name is not an error: its id is
        returned.
        """
        new_id = self._post_created(self._url(urls.CLIENT_SCOPES), payload, skip_exists=skip_exists)
        if new_id is None and skip_exists:
            existing = self.get_client_scope_by_name(payload.get("name"))
            return existing.get("id") if existing else None
        return new_id

    def update_client_scope(self, client_scope_id, payload):
        """Update client scope ``client_scope_id``; returns ``{}``."""
        return self._put(self._url(urls.CLIENT_SCOPE, client_scope_id=client_scope_id), payload, expected=(204,))

    def delete_client_scope(self, client_scope_id):
        """Delete client scope ``client_scope_id``; returns ``{}``."""
        return self._delete(self._url(urls.CLIENT_SCOPE, client_scope_id=client_scope_id), expected=(204,))

    # ------------------------------------------------------------ protocol mappers

    def get_mappers_from_client_scope(self, client_scope_id):
        """The client scope's protocol mappers (list of ProtocolMapperRepresentation)."""
        return self._get(self._url(urls.CLIENT_SCOPE_PROTOCOL_MAPPERS, client_scope_id=client_scope_id))

    def get_mapper_from_client_scope(self, client_scope_id, protocol_mapper_id):
        """Protocol mapper ``protocol_mapper_id`` of the client scope (ProtocolMapperRepresentation)."""
        path = self._url(urls.CLIENT_SCOPE_PROTOCOL_MAPPER, client_scope_id=client_scope_id, mapper_id=protocol_mapper_id)
        return self._get(path)

    def add_mapper_to_client_scope(self, client_scope_id, payload):
        """Add a protocol mapper to the client scope; returns ``b""`` (the empty 201)."""
        path = self._url(urls.CLIENT_SCOPE_PROTOCOL_MAPPERS, client_scope_id=client_scope_id)
        return self._post(path, payload, expected=(201,))

    def delete_mapper_from_client_scope(self, client_scope_id, protocol_mapper_id):
        """Delete protocol mapper ``protocol_mapper_id`` of the client scope; returns ``{}``."""
        path = self._url(urls.CLIENT_SCOPE_PROTOCOL_MAPPER, client_scope_id=client_scope_id, mapper_id=protocol_mapper_id)
        return self._delete(path, expected=(204,))

    def update_mapper_in_client_scope(self, client_scope_id, protocol_mapper_id, payload):
        """Replace protocol mapper ``protocol_mapper_id`` of the client scope (``payload`` carries its ``id``)."""
        path = self._url(urls.CLIENT_SCOPE_PROTOCOL_MAPPER, client_scope_id=client_scope_id, mapper_id=protocol_mapper_id)
        return self._put(path, payload, expected=(204,))

    # ------------------------------------------------ realm default client scopes

    def get_default_default_client_scopes(self):
        """The realm's default default client scopes, given to new clients (list of ``{"id", "name"}``)."""
        return self._get(self._url(urls.DEFAULT_DEFAULT_CLIENT_SCOPES))

    def delete_default_default_client_scope(self, scope_id):
        """Stop giving client scope ``scope_id`` to new clients as a default scope; returns ``{}``."""
        return self._delete(self._url(urls.DEFAULT_DEFAULT_CLIENT_SCOPE, client_scope_id=scope_id), expected=(204,))

    def add_default_default_client_scope(self, scope_id):
        """Give client scope ``scope_id`` to new clients as a default scope; returns ``{}``."""
        path = self._url(urls.DEFAULT_DEFAULT_CLIENT_SCOPE, client_scope_id=scope_id)
        return self._put(path, {"realm": self.connection.realm_name, "clientScopeId": scope_id}, expected=(204,))

    def get_default_optional_client_scopes(self):
        """The realm's default optional client scopes, given to new clients (list of ``{"id", "name"}``)."""
        return self._get(self._url(urls.DEFAULT_OPTIONAL_CLIENT_SCOPES))

    def delete_default_optional_client_scope(self, scope_id):
        """Stop giving client scope ``scope_id`` to new clients as an optional scope; returns ``{}``."""
        return self._delete(self._url(urls.DEFAULT_OPTIONAL_CLIENT_SCOPE, client_scope_id=scope_id), expected=(204,))

    def add_default_optional_client_scope(self, scope_id):
        """Give client scope ``scope_id`` to new clients as an optional scope; returns ``{}``."""
        path = self._url(urls.DEFAULT_OPTIONAL_CLIENT_SCOPE, client_scope_id=scope_id)
        return self._put(path, {"realm": self.connection.realm_name, "clientScopeId": scope_id}, expected=(204,))
