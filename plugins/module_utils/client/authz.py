# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Client authorization services: resources, scopes, policies and permissions.

``client_id`` is always the client's id (the UUID of its ClientRepresentation), not its
``clientId``. The list endpoints answer 100 items per call unless asked for another page, so
the "get all" methods walk every page.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import urls
from .base import KeycloakAdminBase


class AuthzMixin(KeycloakAdminBase):
    """Client authorization services: resources, scopes, policies and permissions."""

    # --------------------------------------------------------------- settings

    def get_client_authz_settings(self, client_id):
        """Get the client's authorization settings with its resources, policies and scopes (ResourceServerRepresentation)."""
        return self._get(self._url(urls.CLIENT_AUTHZ_SETTINGS, client_id=client_id))

    def get_client_authz_resource_server(self, client_id):
        """Get the resource server's own settings (ResourceServerRepresentation, without its resources and policies)."""
        return self._get(self._url(urls.CLIENT_AUTHZ_RESOURCE_SERVER, client_id=client_id))

    def update_client_authz_resource_server(self, client_id, payload):
        """Set the resource server's settings: ``policyEnforcementMode``, ``decisionStrategy``, ``allowRemoteResourceManagement``.

        Keycloak reads all three from ``payload`` (one left out is a 409 or a reset), so send them together.
        Returns the server's (empty) answer.
        """
        return self._put(self._url(urls.CLIENT_AUTHZ_RESOURCE_SERVER, client_id=client_id), payload, expected=(204,))

    # -------------------------------------------------------------- resources

    def create_client_authz_resource(self, client_id, payload, skip_exists=False):
        """Create a resource; returns the created ResourceRepresentation, or ``{"msg": "Already exists"}`` on a skipped 409."""
        return self._post(self._url(urls.CLIENT_AUTHZ_RESOURCES, client_id=client_id), payload, expected=(201,), skip_exists=skip_exists)

    def update_client_authz_resource(self, client_id, resource_id, payload):
        """Replace a resource; attributes missing from ``payload`` go back to the server's defaults.

        Returns the server's (empty) answer.
        """
        return self._put(self._url(urls.CLIENT_AUTHZ_RESOURCE, client_id=client_id, resource_id=resource_id), payload, expected=(204,))

    def delete_client_authz_resource(self, client_id, resource_id):
        """Delete a resource; returns the server's (empty) answer."""
        return self._delete(self._url(urls.CLIENT_AUTHZ_RESOURCE, client_id=client_id, resource_id=resource_id), expected=(204,))

    def get_client_authz_resources(self, client_id):
        """List every resource of the client (ResourceRepresentation dicts), all pages."""
        return self._fetch_all(self._url(urls.CLIENT_AUTHZ_RESOURCES, client_id=client_id))

    def get_client_authz_resource(self, client_id, resource_id):
        """Get one resource (ResourceRepresentation)."""
        return self._get(self._url(urls.CLIENT_AUTHZ_RESOURCE, client_id=client_id, resource_id=resource_id))

    # ----------------------------------------------------------------- scopes

    def get_client_authz_scopes(self, client_id):
        """List every authorization scope of the client (ScopeRepresentation dicts), all pages."""
        return self._fetch_all(self._url(urls.CLIENT_AUTHZ_SCOPES, client_id=client_id))

    def create_client_authz_scopes(self, client_id, payload):
        """Create an authorization scope; returns the created ScopeRepresentation."""
        return self._post(self._url(urls.CLIENT_AUTHZ_SCOPES, client_id=client_id), payload, expected=(201,))

    def update_client_authz_scope(self, client_id, scope_id, payload):
        """Replace an authorization scope (``name``, ``displayName``, ``iconUri``: one left out is removed).

        Returns the server's (empty) answer.
        """
        return self._put(self._url(urls.CLIENT_AUTHZ_SCOPE, client_id=client_id, scope_id=scope_id), payload, expected=(204,))

    def delete_client_authz_scope(self, client_id, scope_id):
        """Delete an authorization scope; returns the server's (empty) answer.

        Keycloak takes the scope off every resource and permission that has it, and deletes a
        permission whose only scope it was.
        """
        return self._delete(self._url(urls.CLIENT_AUTHZ_SCOPE, client_id=client_id, scope_id=scope_id), expected=(204,))

    # --------------------------------------------------------------- policies

    def create_client_authz_role_based_policy(self, client_id, payload, skip_exists=False):
        """Create a role policy (``roles``: ``[{"id": role_id}]``).

        Returns the created policy, or ``{"msg": "Already exists"}`` on a skipped 409.
        """
        return self._post(self._url(urls.CLIENT_AUTHZ_ROLE_POLICIES, client_id=client_id), payload, expected=(201,), skip_exists=skip_exists)

    def create_client_authz_policy(self, client_id, payload, skip_exists=False):
        """Create a policy of any type (``payload["type"]``, type settings under ``config``).

        Returns the created policy, or ``{"msg": "Already exists"}`` on a skipped 409.
        """
        return self._post(self._url(urls.CLIENT_AUTHZ_POLICIES, client_id=client_id), payload, expected=(201,), skip_exists=skip_exists)

    def get_client_authz_policy_providers(self, client_id):
        """List the policy types the server offers (``[{"type", "name", "group"}]``), permission types included."""
        return self._get(self._url(urls.CLIENT_AUTHZ_POLICY_PROVIDERS, client_id=client_id))

    def create_client_authz_policy_of_type(self, client_id, policy_type, payload):
        """Create a policy of ``policy_type`` (``role``, ``user``, ``group``, ``time``...) from its typed representation.

        The typed representation carries the type's settings as fields (``roles``, ``users``,
        ``hourEnd``...), with server ids. Returns the created policy.
        """
        return self._post(self._url(urls.CLIENT_AUTHZ_POLICY_OF_TYPE, client_id=client_id, policy_type=policy_type), payload, expected=(201,))

    def get_client_authz_policy_of_type(self, client_id, policy_type, policy_id):
        """Get a policy in the typed representation of ``policy_type`` (its settings as fields, with server ids)."""
        return self._get(self._url(urls.CLIENT_AUTHZ_POLICY_OF_TYPE_ID, client_id=client_id, policy_type=policy_type, policy_id=policy_id))

    def update_client_authz_policy_of_type(self, client_id, policy_type, policy_id, payload):
        """Replace a policy of ``policy_type`` with its typed representation; returns the server's (empty) answer."""
        return self._put(self._url(urls.CLIENT_AUTHZ_POLICY_OF_TYPE_ID, client_id=client_id, policy_type=policy_type, policy_id=policy_id), payload)

    def create_client_authz_client_policy(self, payload, client_id):
        """Create a client policy (``clients``: ids of the clients it grants); returns the created policy."""
        return self._post(self._url(urls.CLIENT_AUTHZ_CLIENT_POLICIES, client_id=client_id), payload, expected=(201,))

    def get_client_authz_policies(self, client_id):
        """List every policy of the client, permissions excluded (PolicyRepresentation dicts), all pages."""
        # Without permission=false the policy endpoint lists the permissions too.
        return self._fetch_all(self._url(urls.CLIENT_AUTHZ_POLICIES, client_id=client_id), {"permission": False})

    def get_client_authz_client_policies(self, client_id):
        """List every client-type policy of the client (PolicyRepresentation dicts), all pages."""
        return self._fetch_all(self._url(urls.CLIENT_AUTHZ_CLIENT_POLICIES, client_id=client_id))

    def get_client_authz_policy(self, client_id, policy_id):
        """Get one policy or permission by id (PolicyRepresentation)."""
        return self._get(self._url(urls.CLIENT_AUTHZ_POLICY, client_id=client_id, policy_id=policy_id))

    def delete_client_authz_policy(self, client_id, policy_id):
        """Delete a policy or permission by id; returns ``{}``."""
        self._delete(self._url(urls.CLIENT_AUTHZ_POLICY, client_id=client_id, policy_id=policy_id), expected=(204,))
        return {}

    def get_client_authz_policy_scopes(self, client_id, policy_id):
        """List the scopes a policy or permission applies to (ScopeRepresentation dicts)."""
        return self._get(self._url(urls.CLIENT_AUTHZ_POLICY_SCOPES, client_id=client_id, policy_id=policy_id))

    def get_client_authz_policy_resources(self, client_id, policy_id):
        """List the resources a policy or permission applies to (ResourceRepresentation dicts)."""
        return self._get(self._url(urls.CLIENT_AUTHZ_POLICY_RESOURCES, client_id=client_id, policy_id=policy_id))

    def get_client_authz_permission_associated_policies(self, client_id, policy_id):
        """List the policies a permission decides with (PolicyRepresentation dicts)."""
        return self._get(self._url(urls.CLIENT_AUTHZ_POLICY_ASSOCIATED_POLICIES, client_id=client_id, policy_id=policy_id))

    # ------------------------------------------------------------ permissions

    def get_client_authz_permissions(self, client_id):
        """List every permission of the client (resource- and scope-based), all pages."""
        return self._fetch_all(self._url(urls.CLIENT_AUTHZ_PERMISSIONS, client_id=client_id))

    def create_client_authz_resource_based_permission(self, client_id, payload, skip_exists=False):
        """Create a resource-based permission; returns it, or ``{"msg": "Already exists"}`` on a skipped 409."""
        return self._post(
            self._url(urls.CLIENT_AUTHZ_RESOURCE_PERMISSIONS_ALL, client_id=client_id), payload, expected=(201,), skip_exists=skip_exists
        )

    def update_client_authz_resource_permission(self, payload, client_id, resource_id):
        """Replace the resource-based permission whose id is ``resource_id``; returns the server's (empty) answer."""
        return self._put(self._url(urls.CLIENT_AUTHZ_RESOURCE_PERMISSION, client_id=client_id, permission_id=resource_id), payload)

    def create_client_authz_scope_permission(self, payload, client_id):
        """Create a scope-based permission; returns the created permission."""
        return self._post(self._url(urls.CLIENT_AUTHZ_SCOPE_PERMISSIONS, client_id=client_id), payload, expected=(201,))

    def get_client_authz_scope_permission(self, client_id, scope_id):
        """Get the scope-based permission whose id is ``scope_id`` (the id ``update_client_authz_scope_permission`` takes)."""
        return self._get(self._url(urls.CLIENT_AUTHZ_SCOPE_PERMISSION, client_id=client_id, permission_id=scope_id))

    def update_client_authz_scope_permission(self, payload, client_id, scope_id):
        """Replace the scope-based permission whose id is ``scope_id``; returns the server's (empty) answer."""
        return self._put(self._url(urls.CLIENT_AUTHZ_SCOPE_PERMISSION, client_id=client_id, permission_id=scope_id), payload)
