# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role mappings of one target, as a resource of their own.

The resource is the target (a user, a group, a client's service account, a client's
dedicated scope, a client scope): it must exist and is never created, changed or deleted.
Its one collection is ``RoleMappings``; the three states become collection rules:

* ``present``: the listed roles are added, others kept;
* ``absent``: the listed roles that are mapped are removed, others kept;
* ``exact``: the listed roles are added and every other mapping is removed, except the
  realm's default role (``default-roles-<realm>``), which Keycloak maps to every new user and
  whose loss takes away ``offline_access``, ``uma_authorization`` and the account roles.
  It stays unless listed; ``absent`` removes it when asked by name.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..client.exceptions import KeycloakError
from ..engine import Handler, PlanError
from .common import or_none
from .role_mappings import RoleMappings

# target type -> (RoleMappings target, what the name is, for messages)
TARGET_TYPES = {
    "user": ("user", "user"),
    "group": ("group", "group"),
    "service_account": ("user", "service account of client"),
    "dedicated_scope": ("client", "dedicated scope of client"),
    "client_scope": ("client_scope", "client scope"),
}


class RoleMappingHandler(Handler):
    """The mapping target of ``target_type`` named ``name`` and its realm and client role mappings.

    ``listed`` are the role items the task names (see ``role_items``), ``state`` one of
    ``present``, ``absent`` and ``exact``.
    """

    kind = "role mappings"
    collection_name = "roleMappings"

    def __init__(self, client, target_type, name, listed, state="present", realm=None):
        Handler.__init__(self, client)
        self.target_type = target_type
        self.name = name
        self.state = state
        self.realm = realm
        self.mappings = RoleMappings(self, TARGET_TYPES[target_type][0], name=self.collection_name)
        self.listed = _unique(self.mappings, listed or [])
        self._default_role_id = None

    def describe(self, key):
        where = " in realm '%s'" % self.realm if self.realm else ""
        return "role mappings of %s '%s'%s" % (TARGET_TYPES[self.target_type][1], self.name, where)

    # ---------------------------------------------------------------- target

    def read(self, key):
        found = getattr(self, "_find_" + self.target_type)()
        if found is None:
            return None
        return {"id": found, "type": self.target_type, "name": self.name}

    def _find_user(self):
        return self.client.get_user_id(self.name)

    def _find_group(self):
        path = self.name if self.name.startswith("/") else "/" + self.name
        group = or_none(self.client.get_group_by_path, path)
        return group.get("id") if group else None

    def _find_service_account(self):
        client_uuid = self.client.get_client_id(self.name)
        if client_uuid is None:
            return None
        try:
            user = or_none(self.client.get_client_service_account_user, client_uuid)
        except KeycloakError as error:
            # Keycloak answers 400 for a client whose service account is turned off.
            if error.response_code != 400:
                raise
            user = None
        if user is None:
            raise PlanError("client '%s' has no service account (turn on serviceAccountsEnabled)" % self.name)
        return user["id"]

    def _find_dedicated_scope(self):
        return self.client.get_client_id(self.name)

    def _find_client_scope(self):
        scope = self.client.get_client_scope_by_name(self.name)
        return scope.get("id") if scope else None

    def prepare(self, desired, current):
        if current is None:
            raise PlanError("%s '%s' does not exist; nothing was changed" % (TARGET_TYPES[self.target_type][1], self.name))
        if self.state == "absent":
            # The engine resolves only the items it adds; an unknown role named for removal
            # is a typo all the same and fails here, before any write.
            for item in self.listed:
                self.mappings.resolve(item, current)
        return desired

    def collections(self):
        return {self.collection_name: self.mappings}

    # ---------------------------------------------------------- the rules

    def plan_arguments(self):
        """``collections``, ``purge`` and ``state`` for ``engine.plan`` (or ``reconcile``)."""
        if self.state == "absent":
            items, purge = [], self._listed
        elif self.state == "exact":
            items, purge = self.listed, self._not_default_role
        else:
            items, purge = self.listed, False
        # The target itself is always "present": the engine must never delete it.
        return dict(collections={self.collection_name: items}, purge={self.collection_name: purge}, state="present")

    def _listed(self, have):
        return self.mappings.key(have) in set(self.mappings.key(item) for item in self.listed)

    def _not_default_role(self, have):
        if have.get("clientId"):
            return True
        if self._default_role_id is None:
            # Asked only when a realm role outside the list is mapped: the realm names its
            # default role (the name follows the realm's name at creation only).
            self._default_role_id = self.client.get_default_realm_role_id()
        return self.mappings.role(have).get("id") != self._default_role_id


def _unique(mappings, items):
    seen = set()
    result = []
    for item in items:
        if mappings.key(item) not in seen:
            seen.add(mappings.key(item))
            result.append(item)
    return result
