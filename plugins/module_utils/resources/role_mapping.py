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
from ..engine import Handler, unique
from ..kind import CLIENT_ROLES, REALM, Kind, Request, role_items
from .common import PlanError, find_group
from .nested_role_mappings import RoleMappings

# target type -> (RoleMappings target, what the name is, for messages, the kind other plans know it as)
TARGET_TYPES = {
    "user": ("user", "user", "user"),
    "group": ("group", "group", "group"),
    "service_account": ("user", "service account of client", "client"),
    "dedicated_scope": ("client", "dedicated scope of client", "client"),
    "client_scope": ("client_scope", "client scope", "client scope"),
}
# option of the module -> target type
TARGET_OPTIONS = {
    "user": "user",
    "group": "group",
    "service_account_of": "service_account",
    "dedicated_scope_of": "dedicated_scope",
    "client_scope": "client_scope",
}
COLLECTION = "roleMappings"


class RoleMappingHandler(Handler):
    """The mapping target ``flags['target_type']`` named ``flags['name']`` and its realm and client role mappings.

    The request lists the roles in ``items['roleMappings']``; ``flags['mode']`` is ``present``,
    ``absent`` or ``exact`` (the request's own state is always ``present``: the target itself
    is never created, changed or deleted).
    """

    kind = "role mappings"

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self.target_type = self.flags["target_type"]
        self.name = self.flags["name"]
        self.mode = self.flags["mode"]
        self.mappings = RoleMappings(self, TARGET_TYPES[self.target_type][0], name=COLLECTION, target_id=self._target_id)
        self.listed = unique(request.items.get(COLLECTION) or [], key=self.mappings.key) if self.mode != "absent" else []
        self.named = unique(self.flags.get("named") or [], key=self.mappings.key)
        self.target = None
        self._default_role_id = None

    def describe(self, key):
        return "role mappings of %s '%s' in realm '%s'" % (TARGET_TYPES[self.target_type][1], self.name, self.realm)

    def reference_key(self):
        return self.name

    def _target_id(self, context, current):
        if self.target is not None and not isinstance(self.target, str):
            return self.target.id
        return self.target

    # ---------------------------------------------------------------- target

    def read(self, key):
        found = getattr(self, "_find_" + self.target_type)()
        if found is None:
            return None
        self.target = found
        return {"id": found, "type": self.target_type, "name": self.name}

    def missing(self):
        """A target that is not there: planned or assumed (check mode) through the context, else an error."""
        what = "%s '%s'" % (TARGET_TYPES[self.target_type][1], self.name)
        self.target = self.reference(TARGET_TYPES[self.target_type][2], self.name, lambda: None, what=what, hint="; nothing was changed")
        return {"id": None, "type": self.target_type, "name": self.name}

    def _find_user(self):
        return self.api.get_user_id(self.name)

    def _find_group(self):
        group = find_group(self.api, self.name)
        return group.get("id") if group else None

    def _find_service_account(self):
        client_uuid = self.api.get_client_id(self.name)
        if client_uuid is None:
            return None
        try:
            user = self.api.get_client_service_account_user(client_uuid)
        except KeycloakError as error:
            # Keycloak answers 400 for a client whose service account is turned off.
            if error.response_code not in (400, 404):
                raise
            user = None
        if user is None:
            raise PlanError("client '%s' has no service account (turn on serviceAccountsEnabled)" % self.name)
        return user["id"]

    def _find_dedicated_scope(self):
        return self.api.get_client_id(self.name)

    def _find_client_scope(self):
        scope = self.api.get_client_scope_by_name(self.name)
        return scope.get("id") if scope else None

    def prepare(self, desired, current):
        if self.mode == "absent":
            # The engine resolves only the items it adds; an unknown role named for removal
            # is a typo all the same and fails here, before any write.
            for item in self.named:
                self.mappings.resolve(item, current if current.get("id") else None)
        return desired

    def collections(self):
        # A new collection each call (the engine reads the result back with a fresh one); the
        # handler's rules use the latest.
        self.mappings = RoleMappings(self, TARGET_TYPES[self.target_type][0], name=COLLECTION, target_id=self._target_id)
        return {COLLECTION: self.mappings}

    # ---------------------------------------------------------- the rules

    def purges(self, name, have):
        if self.mode == "absent":
            return self.mappings.key(have) in set(self.mappings.key(item) for item in self.named)
        if self.mode == "exact":
            return self._not_default_role(have)
        return False

    def _not_default_role(self, have):
        if have.get("clientId"):
            return True
        if self._default_role_id is None:
            # Asked only when a realm role outside the list is mapped: the realm names its
            # default role (the name follows the realm's name at creation only).
            self._default_role_id = self.api.get_default_realm_role_id()
        return self.mappings.role(have).id != self._default_role_id


def _request(kind, params):
    option = [name for name in TARGET_OPTIONS if params.get(name) is not None][0]
    listed = role_items(params.get("realm_roles"), params.get("client_roles"))
    mode = params.get("state") or "present"
    return Request(
        kind.name,
        params.get("realm"),
        params[option],
        state="present",
        items={COLLECTION: listed if mode != "absent" else []},
        purge={COLLECTION: mode in ("absent", "exact")},
        flags={"target_type": TARGET_OPTIONS[option], "name": params[option], "mode": mode, "named": listed},
    )


ROLE_MAPPING = Kind(
    "role_mapping",
    RoleMappingHandler,
    key="user",
    common=dict(realm=REALM),
    settings=dict(
        user=dict(type="str"),
        group=dict(type="str"),
        service_account_of=dict(type="str"),
        dedicated_scope_of=dict(type="str", aliases=["scope_mappings_of"]),
        client_scope=dict(type="str"),
        realm_roles=dict(type="list", elements="str"),
        client_roles=dict(type="list", elements="dict", options=dict(CLIENT_ROLES)),
        state=dict(type="str", choices=["present", "absent", "exact"], default="present"),
    ),
    request=_request,
    module=dict(required_one_of=[list(TARGET_OPTIONS), ["realm_roles", "client_roles"]], mutually_exclusive=[list(TARGET_OPTIONS)]),
)
