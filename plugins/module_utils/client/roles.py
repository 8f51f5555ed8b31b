# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Realm and client roles, composites, and role mappings of users, groups and scopes."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import urls
from .base import KeycloakAdminBase


def _role_list(roles):
    """Keycloak's mapping endpoints take a JSON array; callers may hand in one role."""
    return roles if isinstance(roles, list) else [roles]


class RolesMixin(KeycloakAdminBase):
    """Realm and client roles, composites, and role mappings of users, groups and scopes."""

    # ------------------------------------------------------------ realm roles

    def get_realm_roles(self, brief_representation=True, search_text=""):
        """Every realm role (RoleRepresentation list), optionally filtered by ``search_text``."""
        query = {"briefRepresentation": brief_representation, "search": search_text or None}
        return self._fetch_all(self._url(urls.REALM_ROLES), query)

    def get_realm_role(self, role_name):
        """One realm role by name (RoleRepresentation dict)."""
        return self._get(self._url(urls.REALM_ROLE, role_name=role_name))

    def get_realm_role_by_id(self, role_id):
        """One realm role by id (RoleRepresentation dict)."""
        return self._get(self._url(urls.ROLE_BY_ID, role_id=role_id))

    def create_realm_role(self, payload, skip_exists=False):
        """Create a realm role; return its name (also when ``skip_exists`` met an existing one)."""
        self._post_created(self._url(urls.REALM_ROLES), payload, skip_exists=skip_exists)
        # Keycloak mangles characters outside the BMP in the Location header, so the name
        # the caller sent (and the server stored verbatim) is the reliable answer.
        return payload["name"]

    def update_realm_role(self, role_name, payload):
        """Update a realm role found by name; return ``{}``."""
        return self._put(self._url(urls.REALM_ROLE, role_name=role_name), payload, expected=(204,))

    def delete_realm_role(self, role_name):
        """Delete a realm role by name; return ``{}``."""
        return self._delete(self._url(urls.REALM_ROLE, role_name=role_name), expected=(204,))

    def get_realm_role_groups(self, role_name, query=None, brief_representation=True):
        """Every group holding the realm role directly (GroupRepresentation list).

        ``first``/``max`` in ``query`` ask for that one page only.
        """
        query = dict(query or {}, briefRepresentation=brief_representation)
        return self._fetch_all(self._url(urls.REALM_ROLE_GROUPS, role_name=role_name), query)

    def get_realm_role_members(self, role_name, query=None):
        """Every user holding the realm role directly (UserRepresentation list).

        ``first``/``max`` in ``query`` ask for that one page only.
        """
        return self._fetch_all(self._url(urls.REALM_ROLE_USERS, role_name=role_name), query)

    # ------------------------------------------------------------ realm role composites

    def add_composite_realm_roles_to_role(self, role_name, roles):
        """Make ``roles`` (RoleRepresentations with ids) children of a realm role."""
        return self._post(self._url(urls.REALM_ROLE_COMPOSITES, role_name=role_name), _role_list(roles), expected=(204,))

    def remove_composite_realm_roles_to_role(self, role_name, roles):
        """Remove ``roles`` from a realm role's children."""
        return self._delete(self._url(urls.REALM_ROLE_COMPOSITES, role_name=role_name), _role_list(roles), expected=(204,))

    def get_composite_realm_roles_of_role(self, role_name):
        """A realm role's direct children, realm and client roles alike (RoleRepresentation list)."""
        return self._get(self._url(urls.REALM_ROLE_COMPOSITES, role_name=role_name))

    def get_composite_roles_of_role_by_id(self, role_id):
        """Any role's direct children, realm and client roles alike (RoleRepresentation list)."""
        return self._get(self._url(urls.ROLE_BY_ID_COMPOSITES, role_id=role_id))

    # ------------------------------------------------------------ default roles

    def _default_role(self):
        # The realm's default role is named after the realm only at creation time; its
        # representation in the realm is the one authoritative pointer to it.
        return self._get(self._url(urls.REALM))["defaultRole"]

    def get_default_realm_role_id(self):
        """The id of the realm's default role (the composite every new user gets)."""
        return self._default_role()["id"]

    def get_realm_default_roles(self):
        """The realm roles inside the realm's default role (RoleRepresentation list)."""
        return self._get(self._url(urls.REALM_ROLE_COMPOSITES_REALM, role_name=self._default_role()["name"]))

    def add_realm_default_roles(self, payload):
        """Add roles (RoleRepresentations with ids) to the realm's default role."""
        return self._post(self._url(urls.ROLE_BY_ID_COMPOSITES, role_id=self.get_default_realm_role_id()), _role_list(payload), expected=(204,))

    def remove_realm_default_roles(self, payload):
        """Remove roles from the realm's default role."""
        return self._delete(self._url(urls.ROLE_BY_ID_COMPOSITES, role_id=self.get_default_realm_role_id()), _role_list(payload), expected=(204,))

    # ------------------------------------------------------------ roles by id

    def get_role_by_id(self, role_id):
        """Any role, realm or client, by id (RoleRepresentation dict)."""
        return self._get(self._url(urls.ROLE_BY_ID, role_id=role_id))

    def update_role_by_id(self, role_id, payload):
        """Update any role found by id; return ``{}``."""
        return self._put(self._url(urls.ROLE_BY_ID, role_id=role_id), payload, expected=(204,))

    def delete_role_by_id(self, role_id):
        """Delete any role by id; return ``{}``."""
        return self._delete(self._url(urls.ROLE_BY_ID, role_id=role_id), expected=(204,))

    def get_role_client_level_children(self, client_id, role_id):
        """The children of composite role ``role_id`` that are roles of client ``client_id`` (uuid)."""
        return self._get(self._url(urls.ROLE_BY_ID_COMPOSITES_CLIENT, role_id=role_id, client_id=client_id))

    # ------------------------------------------------------------ client roles

    def get_client_roles(self, client_id, brief_representation=True):
        """Every role of a client (client uuid, not clientId) as RoleRepresentation list."""
        return self.search_client_roles(client_id, brief_representation=brief_representation)

    def search_client_roles(self, client_uuid, search=None, brief_representation=False):
        """Every role of client ``client_uuid`` whose name or description contains ``search`` (ignoring case), all pages."""
        query = {"briefRepresentation": brief_representation, "search": search or None}
        return self._fetch_all(self._url(urls.CLIENT_ROLES, client_id=client_uuid), query)

    def get_client_role(self, client_id, role_name):
        """One client role by name (RoleRepresentation dict)."""
        return self._get(self._url(urls.CLIENT_ROLE, client_id=client_id, role_name=role_name))

    def get_client_role_id(self, client_id, role_name):
        """The id of a client role found by name."""
        return self.get_client_role(client_id, role_name).get("id")

    def create_client_role(self, client_role_id, payload, skip_exists=False):
        """Create a role on client ``client_role_id`` (uuid); return the role's name."""
        self._post_created(self._url(urls.CLIENT_ROLES, client_id=client_role_id), payload, skip_exists=skip_exists)
        # See create_realm_role: the Location header is not trustworthy for non-BMP names.
        return payload["name"]

    def update_client_role(self, client_id, role_name, payload):
        """Update a client role found by name; return ``{}``."""
        return self._put(self._url(urls.CLIENT_ROLE, client_id=client_id, role_name=role_name), payload, expected=(204,))

    def delete_client_role(self, client_role_id, role_name):
        """Delete a client role by name; return ``{}``."""
        return self._delete(self._url(urls.CLIENT_ROLE, client_id=client_role_id, role_name=role_name), expected=(204,))

    def add_composite_client_roles_to_role(self, client_role_id, role_name, roles):
        """Make ``roles`` (RoleRepresentations with ids) children of a client role."""
        path = self._url(urls.CLIENT_ROLE_COMPOSITES, client_id=client_role_id, role_name=role_name)
        return self._post(path, _role_list(roles), expected=(204,))

    def remove_composite_client_roles_from_role(self, client_role_id, role_name, roles):
        """Remove ``roles`` from a client role's children."""
        path = self._url(urls.CLIENT_ROLE_COMPOSITES, client_id=client_role_id, role_name=role_name)
        return self._delete(path, _role_list(roles), expected=(204,))

    def get_composite_client_roles_of_role(self, client_uuid, role_name):
        """A client role's direct children, realm and client roles alike (RoleRepresentation list)."""
        return self._get(self._url(urls.CLIENT_ROLE_COMPOSITES, client_id=client_uuid, role_name=role_name))

    def get_client_role_members(self, client_id, role_name, **query):
        """Every user holding the client role directly (UserRepresentation list).

        ``first``/``max`` in ``query`` ask for that one page only.
        """
        return self._fetch_all(self._url(urls.CLIENT_ROLE_USERS, client_id=client_id, role_name=role_name), query)

    def get_client_role_groups(self, client_id, role_name, **query):
        """Every group holding the client role directly (GroupRepresentation list).

        ``first``/``max`` in ``query`` ask for that one page only.
        """
        return self._fetch_all(self._url(urls.CLIENT_ROLE_GROUPS, client_id=client_id, role_name=role_name), query)

    # ------------------------------------------------------------ role mappings of any holder

    def get_role_mappings(self, target, target_id):
        """The direct role mappings of a ``user``, ``group``, ``client`` (its dedicated scope) or ``client_scope``.

        Keycloak's answer: ``{"realmMappings": [...], "clientMappings": {clientId: {...}}}``, each
        key left out when empty.
        """
        return self._get(self._role_mappings_url(target, target_id, every=True))

    def add_role_mappings(self, target, target_id, roles, client_uuid=None):
        """Map realm roles (``client_uuid`` None) or roles of client ``client_uuid`` into ``target``."""
        return self._post(self._role_mappings_url(target, target_id, client_uuid), _role_list(roles), expected=(204,))

    def delete_role_mappings(self, target, target_id, roles, client_uuid=None):
        """Remove realm roles (``client_uuid`` None) or roles of client ``client_uuid`` from ``target``."""
        return self._delete(self._role_mappings_url(target, target_id, client_uuid), _role_list(roles), expected=(204,))

    def get_mapped_roles(self, target, target_id, client_uuid=None):
        """The realm roles (``client_uuid`` None) or roles of client ``client_uuid`` mapped directly into ``target``."""
        return self._get(self._role_mappings_url(target, target_id, client_uuid))

    def _role_mappings_url(self, target, target_id, client_uuid=None, every=False):
        if target not in urls.ROLE_MAPPING_TARGETS:
            raise ValueError("role mapping target %r is not one of %s" % (target, ", ".join(sorted(urls.ROLE_MAPPING_TARGETS))))
        every_template, realm_template, client_template, holder, owner = urls.ROLE_MAPPING_TARGETS[target]
        if every:
            return self._url(every_template, **{holder: target_id})
        if client_uuid is None:
            return self._url(realm_template, **{holder: target_id})
        return self._url(client_template, **{holder: target_id, owner: client_uuid})

    # ------------------------------------------------------------ user role mappings

    def get_all_roles_of_user(self, user_id):
        """A user's direct role mappings: ``{"realmMappings": [...], "clientMappings": {...}}``."""
        return self._get(self._url(urls.USER_ROLE_MAPPINGS, user_id=user_id))

    def assign_realm_roles(self, user_id, roles):
        """Grant realm roles (RoleRepresentations with ids and names) to a user."""
        return self._post(self._url(urls.USER_REALM_ROLES, user_id=user_id), _role_list(roles), expected=(204,))

    def delete_realm_roles_of_user(self, user_id, roles):
        """Take realm roles away from a user."""
        return self._delete(self._url(urls.USER_REALM_ROLES, user_id=user_id), _role_list(roles), expected=(204,))

    def get_realm_roles_of_user(self, user_id):
        """The realm roles granted to a user directly (RoleRepresentation list)."""
        return self._get(self._url(urls.USER_REALM_ROLES, user_id=user_id))

    def get_available_realm_roles_of_user(self, user_id):
        """The realm roles a user could still be granted (RoleRepresentation list)."""
        return self._get(self._url(urls.USER_REALM_ROLES_AVAILABLE, user_id=user_id))

    def get_composite_realm_roles_of_user(self, user_id, brief_representation=True):
        """A user's effective realm roles, composites and groups expanded (RoleRepresentation list)."""
        return self._get(self._url(urls.USER_REALM_ROLES_COMPOSITE, user_id=user_id), params={"briefRepresentation": brief_representation})

    def assign_client_role(self, user_id, client_id, roles):
        """Grant roles of client ``client_id`` (uuid) to a user."""
        return self._post(self._url(urls.USER_CLIENT_ROLES, user_id=user_id, client_id=client_id), _role_list(roles), expected=(204,))

    def delete_client_roles_of_user(self, user_id, client_id, roles):
        """Take roles of client ``client_id`` (uuid) away from a user."""
        return self._delete(self._url(urls.USER_CLIENT_ROLES, user_id=user_id, client_id=client_id), _role_list(roles), expected=(204,))

    def get_client_roles_of_user(self, user_id, client_id):
        """The roles of client ``client_id`` granted to a user directly (RoleRepresentation list)."""
        return self._get(self._url(urls.USER_CLIENT_ROLES, user_id=user_id, client_id=client_id))

    def get_available_client_roles_of_user(self, user_id, client_id):
        """The roles of client ``client_id`` a user could still be granted (RoleRepresentation list)."""
        return self._get(self._url(urls.USER_CLIENT_ROLES_AVAILABLE, user_id=user_id, client_id=client_id))

    def get_composite_client_roles_of_user(self, user_id, client_id, brief_representation=False):
        """A user's effective roles of client ``client_id``, composites and groups expanded."""
        path = self._url(urls.USER_CLIENT_ROLES_COMPOSITE, user_id=user_id, client_id=client_id)
        return self._get(path, params={"briefRepresentation": brief_representation})

    # ------------------------------------------------------------ group role mappings

    def assign_group_realm_roles(self, group_id, roles):
        """Grant realm roles (RoleRepresentations with ids and names) to a group."""
        return self._post(self._url(urls.GROUP_REALM_ROLES, group_id=group_id), _role_list(roles), expected=(204,))

    def delete_group_realm_roles(self, group_id, roles):
        """Take realm roles away from a group."""
        return self._delete(self._url(urls.GROUP_REALM_ROLES, group_id=group_id), _role_list(roles), expected=(204,))

    def get_group_realm_roles(self, group_id, brief_representation=True):
        """The realm roles granted to a group directly (RoleRepresentation list).

        With ``brief_representation=False`` the roles carry their attributes.
        """
        direct = self._get(self._url(urls.GROUP_REALM_ROLES, group_id=group_id))
        if brief_representation or not direct:
            return direct
        # The direct-mapping endpoint always answers brief; the effective (composite) one
        # honours briefRepresentation and holds every direct role, so take them from there.
        wanted = set(role["id"] for role in direct)
        full = self._get(self._url(urls.GROUP_REALM_ROLES_COMPOSITE, group_id=group_id), params={"briefRepresentation": False})
        return [role for role in full if role["id"] in wanted]

    def assign_group_client_roles(self, group_id, client_id, roles):
        """Grant roles of client ``client_id`` (uuid) to a group."""
        return self._post(self._url(urls.GROUP_CLIENT_ROLES, group_id=group_id, client_id=client_id), _role_list(roles), expected=(204,))

    def delete_group_client_roles(self, group_id, client_id, roles):
        """Take roles of client ``client_id`` (uuid) away from a group."""
        return self._delete(self._url(urls.GROUP_CLIENT_ROLES, group_id=group_id, client_id=client_id), _role_list(roles), expected=(204,))

    def get_group_client_roles(self, group_id, client_id):
        """The roles of client ``client_id`` granted to a group directly (RoleRepresentation list)."""
        return self._get(self._url(urls.GROUP_CLIENT_ROLES, group_id=group_id, client_id=client_id))

    def get_composite_client_roles_of_group(self, client_id, group_id, brief_representation=True):
        """A group's effective roles of client ``client_id``, composites and parent groups expanded."""
        path = self._url(urls.GROUP_CLIENT_ROLES_COMPOSITE, group_id=group_id, client_id=client_id)
        return self._get(path, params={"briefRepresentation": brief_representation})

    # ------------------------------------------------------------ a client's dedicated scope

    def assign_realm_roles_to_client_scope(self, client_id, roles):
        """Add realm roles to the scope of client ``client_id`` (uuid): its dedicated scope."""
        return self._post(self._url(urls.CLIENT_SCOPE_MAPPINGS_REALM, client_id=client_id), _role_list(roles), expected=(204,))

    def delete_realm_roles_of_client_scope(self, client_id, roles):
        """Remove realm roles from the dedicated scope of client ``client_id`` (uuid)."""
        return self._delete(self._url(urls.CLIENT_SCOPE_MAPPINGS_REALM, client_id=client_id), _role_list(roles), expected=(204,))

    def get_realm_roles_of_client_scope(self, client_id):
        """The realm roles in the dedicated scope of client ``client_id`` (RoleRepresentation list)."""
        return self._get(self._url(urls.CLIENT_SCOPE_MAPPINGS_REALM, client_id=client_id))

    def assign_client_roles_to_client_scope(self, client_id, client_roles_owner_id, roles):
        """Add roles of client ``client_roles_owner_id`` to the dedicated scope of client ``client_id``."""
        path = self._url(urls.CLIENT_SCOPE_MAPPINGS_CLIENT, client_id=client_id, client=client_roles_owner_id)
        return self._post(path, _role_list(roles), expected=(204,))

    def delete_client_roles_of_client_scope(self, client_id, client_roles_owner_id, roles):
        """Remove roles of client ``client_roles_owner_id`` from the dedicated scope of client ``client_id``."""
        path = self._url(urls.CLIENT_SCOPE_MAPPINGS_CLIENT, client_id=client_id, client=client_roles_owner_id)
        return self._delete(path, _role_list(roles), expected=(204,))

    def get_client_roles_of_client_scope(self, client_id, client_roles_owner_id):
        """The roles of client ``client_roles_owner_id`` in the dedicated scope of client ``client_id``."""
        return self._get(self._url(urls.CLIENT_SCOPE_MAPPINGS_CLIENT, client_id=client_id, client=client_roles_owner_id))

    # ------------------------------------------------------------ client scopes (client-scopes/{id})

    def add_client_specific_roles_to_client_scope(self, client_scope_id, client_roles_owner_id, roles):
        """Add roles of client ``client_roles_owner_id`` to client scope ``client_scope_id``."""
        path = self._url(urls.CLIENT_SCOPE_ROLE_MAPPINGS_CLIENT, client_scope_id=client_scope_id, client_id=client_roles_owner_id)
        return self._post(path, _role_list(roles), expected=(204,))

    def remove_client_specific_roles_of_client_scope(self, client_scope_id, client_roles_owner_id, roles):
        """Remove roles of client ``client_roles_owner_id`` from client scope ``client_scope_id``."""
        path = self._url(urls.CLIENT_SCOPE_ROLE_MAPPINGS_CLIENT, client_scope_id=client_scope_id, client_id=client_roles_owner_id)
        return self._delete(path, _role_list(roles), expected=(204,))

    def get_client_specific_roles_of_client_scope(self, client_scope_id, client_roles_owner_id):
        """The roles of client ``client_roles_owner_id`` in client scope ``client_scope_id`` (RoleRepresentation list)."""
        return self._get(self._url(urls.CLIENT_SCOPE_ROLE_MAPPINGS_CLIENT, client_scope_id=client_scope_id, client_id=client_roles_owner_id))

    def get_all_roles_of_client_scope(self, client_scope_id):
        """Every role mapped into client scope ``client_scope_id``: ``{"realmMappings": [...], "clientMappings": {...}}``."""
        return self._get(self._url(urls.CLIENT_SCOPE_ROLE_MAPPINGS, client_scope_id=client_scope_id))
