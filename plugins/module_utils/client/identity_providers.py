# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Identity providers, their mappers, and the organizations that link them to e-mail domains."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from . import urls
from .base import KeycloakAdminBase


_JSON = {"Content-Type": "application/json"}


class IdentityProvidersMixin(KeycloakAdminBase):
    """Identity providers and their mappers."""

    def create_idp(self, payload):
        """Create an identity provider (IdentityProviderRepresentation); return ``b""`` (the empty 201)."""
        return self._post(self._url(urls.IDPS), payload, expected=(201,))

    def update_idp(self, idp_alias, payload):
        """Replace an identity provider's representation (``providerId`` included); return ``{}``.

        A payload without ``alias`` keeps ``idp_alias``.
        """
        # Keycloak takes the alias from the body, not the path: without it the provider
        # would be saved with a null alias and become unreachable.
        payload = dict(payload, alias=payload.get("alias") or idp_alias)
        return self._put(self._url(urls.IDP, alias=idp_alias), payload, expected=(204,))

    def add_mapper_to_idp(self, idp_alias, payload):
        """Add a mapper (IdentityProviderMapperRepresentation) to an identity provider; return ``b""`` (the empty 201)."""
        # Keycloak reads the provider from the body only; without it the insert fails as a 409.
        payload = dict(payload, identityProviderAlias=payload.get("identityProviderAlias") or idp_alias)
        return self._post(self._url(urls.IDP_MAPPERS, alias=idp_alias), payload, expected=(201,))

    def update_mapper_in_idp(self, idp_alias, mapper_id, payload):
        """Replace an identity provider mapper's representation; return ``{}``."""
        # Keycloak looks the mapper up by the body's id and provider, not the path's (500/409 without them).
        payload = dict(payload, id=payload.get("id") or mapper_id, identityProviderAlias=payload.get("identityProviderAlias") or idp_alias)
        return self._put(self._url(urls.IDP_MAPPER, alias=idp_alias, mapper_id=mapper_id), payload, expected=(204,))

    def delete_mapper_from_idp(self, idp_alias, mapper_id):
        """Delete one mapper of an identity provider; return ``{}``."""
        return self._delete(self._url(urls.IDP_MAPPER, alias=idp_alias, mapper_id=mapper_id), expected=(204,))

    def get_idp_mapper_types(self, idp_alias):
        """Return the mapper types an identity provider supports: ``{type id: IdentityProviderMapperTypeRepresentation}``.

        Keycloak stores a mapper of any type, known or not, compatible or not; this is the list to check against.
        """
        return self._get(self._url(urls.IDP_MAPPER_TYPES, alias=idp_alias))

    def get_idp_mappers(self, idp_alias):
        """Return the mappers (IdentityProviderMapperRepresentation dicts) of an identity provider."""
        return self._get(self._url(urls.IDP_MAPPERS, alias=idp_alias))

    def get_idps(self):
        """Return every identity provider (IdentityProviderRepresentation dicts) of the current realm."""
        return self._fetch_all(self._url(urls.IDPS))

    def get_idp(self, idp_alias):
        """Return one identity provider's IdentityProviderRepresentation."""
        return self._get(self._url(urls.IDP, alias=idp_alias))

    def delete_idp(self, idp_alias):
        """Delete an identity provider; return ``{}``."""
        return self._delete(self._url(urls.IDP, alias=idp_alias), expected=(204,))

    # ------------------------------------------------------------ organizations
    # Keycloak 26 organizations, here because an organization is where identity providers are linked to e-mail domains.
    # The member and provider endpoints take a bare JSON string (the user's id, the provider's alias).

    def get_organizations(self, query=None):
        """Return the current realm's organizations (OrganizationRepresentation dicts, brief: no ``attributes``), every page.

        ``query``: ``search`` (name or domain), ``exact``, ``q`` (attribute query), ``first``/``max`` for one page.
        """
        return self._fetch_all(self._url(urls.REALM_ORGANIZATIONS), query)

    def get_organization(self, organization_id):
        """Return one organization's full OrganizationRepresentation (``attributes`` and ``domains`` included)."""
        return self._get(self._url(urls.REALM_ORGANIZATION, organization_id=organization_id))

    def create_organization(self, payload):
        """Create an organization (OrganizationRepresentation); return its new id."""
        return self._post_created(self._url(urls.REALM_ORGANIZATIONS), payload)

    def update_organization(self, organization_id, payload):
        """Replace an organization's representation (Keycloak keeps ``attributes`` a payload leaves out)."""
        return self._put(self._url(urls.REALM_ORGANIZATION, organization_id=organization_id), payload, expected=(204,))

    def delete_organization(self, organization_id):
        """Delete an organization (its managed members with it)."""
        return self._delete(self._url(urls.REALM_ORGANIZATION, organization_id=organization_id), expected=(204,))

    def get_organization_members(self, organization_id, query=None):
        """Return an organization's members (UserRepresentation dicts with ``membershipType``: ``MANAGED`` or ``UNMANAGED``), every page."""
        return self._fetch_all(self._url(urls.REALM_ORGANIZATION_MEMBERS, organization_id=organization_id), query)

    def organization_user_add(self, user_id, organization_id):
        """Make an existing user an (unmanaged) member of an organization."""
        return self._post(self._url(urls.REALM_ORGANIZATION_MEMBERS, organization_id=organization_id), data=json.dumps(user_id),
                          headers=_JSON, expected=(201,))

    def organization_user_remove(self, user_id, organization_id):
        """Remove a member from an organization (a managed member, one the organization's identity provider made, is deleted)."""
        return self._delete(self._url(urls.REALM_ORGANIZATION_MEMBER, organization_id=organization_id, member_id=user_id), expected=(204,))

    def get_organization_idps(self, organization_id):
        """Return the identity providers (IdentityProviderRepresentation dicts) linked to an organization."""
        return self._get(self._url(urls.REALM_ORGANIZATION_IDPS, organization_id=organization_id))

    def organization_idp_add(self, organization_id, idp_alias):
        """Link an identity provider to an organization."""
        return self._post(self._url(urls.REALM_ORGANIZATION_IDPS, organization_id=organization_id), data=json.dumps(idp_alias),
                          headers=_JSON, expected=(204,))

    def organization_idp_remove(self, organization_id, idp_alias):
        """Unlink an identity provider from an organization (the provider stays)."""
        return self._delete(self._url(urls.REALM_ORGANIZATION_IDP, organization_id=organization_id, alias=idp_alias), expected=(204,))
