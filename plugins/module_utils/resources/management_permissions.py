# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fine-grained admin permissions (v2, Keycloak 26.2+): who may view or manage which users, clients, groups
and roles of a realm.

With feature ``admin-fine-grained-authz:v2`` and the realm's ``adminPermissionsEnabled``, a realm has a
client ``admin-permissions`` whose authorization services hold the permissions: scope permissions with a
``resourceType`` (``Users``, ``Clients``, ``Groups``, ``Roles``), the scopes it grants (``view``,
``manage``, ``map-roles``, ...), the objects it applies to (none: every object of the type) and the
policies that decide who is granted. A permission is found by its name; objects and policies are named as
people name them (a username, a clientId, a group path, a role name, a policy name) and turned into ids
when written.

The v1 model (per-object switches on ``realm-management``) is not managed here: on a server that runs v1
the task fails saying so, as it does when the feature or the realm's switch is off.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..engine import Handler, PlanError
from ..kind import REALM, STATE, Kind
from .common import find_group, or_none

ADMIN_CLIENT = "admin-permissions"
RESOURCE_TYPES = ("Users", "Clients", "Groups", "Roles")


class ManagementPermissionHandler(Handler):
    kind = "management permission"
    set_fields = ("scopes", "resources", "policies")
    ignored_fields = ("id",)

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self._client = None
        self._policies = None

    def describe(self, key):
        return "management permission '%s' in realm '%s'" % (key, self.realm)

    # ------------------------------------------------------------ the client

    def admin_client(self):
        """The uuid of the realm's admin-permissions client; a clear error when v2 permissions are not on."""
        if self._client is None:
            self._client = self.api.get_client_id(ADMIN_CLIENT)
            if self._client is None:
                if not self.context.assume_missing:
                    raise PlanError(self._why_off())
                # Check mode: an earlier task of the play may turn them on.
                self.context.warn("%s; planned as if an earlier task turns them on" % self._why_off())
                self._client = False
        return self._client or None

    def _why_off(self):
        features = dict((item.get("name"), item.get("enabled")) for item in (self.api.get_server_info() or {}).get("features") or [])
        if features.get("ADMIN_FINE_GRAINED_AUTHZ") and not features.get("ADMIN_FINE_GRAINED_AUTHZ_V2"):
            return ("this server runs fine-grained admin permissions v1 (per-object switches), which this module does not manage; "
                    "it manages v2 (feature admin-fine-grained-authz:v2, Keycloak 26.2 and later)")
        if not features.get("ADMIN_FINE_GRAINED_AUTHZ_V2"):
            return "fine-grained admin permissions are off on this server (feature admin-fine-grained-authz:v2)"
        return ("realm '%s' has fine-grained admin permissions off: set admin_permissions_enabled: true with "
                "iam.keycloak.keycloak_realm first" % self.realm)

    # ---------------------------------------------------------------- read

    def read(self, key):
        client = self.admin_client()
        if client is None:
            return None
        found = [item for item in self.api.get_client_authz_permissions(client) or [] if item.get("name") == key]
        if not found:
            return None
        permission = found[0]
        resource_type = permission.get("resourceType")
        resources = [item.get("name") for item in self.api.get_client_authz_policy_resources(client, permission["id"]) or []]
        return {
            "id": permission["id"],
            "name": permission["name"],
            "description": permission.get("description"),
            "resourceType": resource_type,
            "decisionStrategy": permission.get("decisionStrategy"),
            "scopes": sorted(item["name"] for item in self.api.get_client_authz_policy_scopes(client, permission["id"]) or []),
            "resources": sorted(self.object_name(resource_type, name) for name in resources if name != resource_type),
            "policies": sorted(item["name"] for item in
                               self.api.get_client_authz_permission_associated_policies(client, permission["id"]) or []),
        }

    def object_name(self, resource_type, object_id):
        """What people call the object with id ``object_id``."""
        if resource_type == "Users":
            found = or_none(self.api.get_user, object_id)
            return found.get("username") if found else object_id
        if resource_type == "Clients":
            found = or_none(self.api.get_client, object_id)
            return found.get("clientId") if found else object_id
        if resource_type == "Groups":
            found = or_none(self.api.get_group, object_id)
            return found.get("path") if found else object_id
        found = or_none(self.api.get_role_by_id, object_id)
        return found.get("name") if found else object_id

    def object_id(self, resource_type, name):
        """The id of the object people call ``name``, or None."""
        if resource_type == "Users":
            return self.api.get_user_id(name)
        if resource_type == "Clients":
            return self.api.get_client_id(name)
        if resource_type == "Groups":
            found = find_group(self.api, name)
            return found.get("id") if found else None
        found = or_none(self.api.get_realm_role, name)
        return found.get("id") if found else None

    # ------------------------------------------------------------- prepare

    def prepare(self, desired, current):
        resource_type = desired.get("resourceType") or (current or {}).get("resourceType")
        if current is None and not resource_type:
            raise PlanError("a new permission needs resource_type (%s)" % ", ".join(RESOURCE_TYPES))
        if current is not None and desired.get("resourceType") not in (None, current.get("resourceType")):
            raise PlanError("resource_type: the permission is of %s; Keycloak cannot change it, give the new one another name"
                            % current.get("resourceType"))
        client = None if self.realm_is_new else self.admin_client()
        if client is None:
            return desired
        if desired.get("scopes") is not None:
            schema = ((self.api.get_client_authz_resource_server(client) or {}).get("authorizationSchema") or {}).get("resourceTypes") or {}
            known = (schema.get(resource_type) or {}).get("scopes") or []
            unknown = sorted(set(desired["scopes"]) - set(known))
            if known and unknown:
                raise PlanError("scopes %s: %s have the scopes %s" % (", ".join(unknown), resource_type, ", ".join(sorted(known))))
        if resource_type == "Groups" and desired.get("resources"):
            desired["resources"] = ["/" + name.strip("/") for name in desired["resources"]]
        for name in desired.get("resources") or []:
            # The keys under which the other kinds' plans of the run are known (a realm role is ("", name)).
            kind, key = {"Users": ("user", name.lower()), "Clients": ("client", name), "Groups": ("group", name),
                         "Roles": ("role", ("", name))}[resource_type]
            self.reference(kind, key, lambda name=name: self.object_id(resource_type, name),
                           what="%s '%s' in realm '%s'" % (kind, name, self.realm))
        policies = self.policy_ids()
        for name in desired.get("policies") or []:
            self.reference("admin policy", name, lambda name=name: policies.get(name),
                           what="policy '%s' of the realm's admin-permissions client" % name,
                           hint=" (create it with iam.keycloak.keycloak_client_authz, client_id: admin-permissions)")
        return desired

    def policy_ids(self):
        if self._policies is None:
            self._policies = dict((item["name"], item["id"]) for item in self.api.get_client_authz_policies(self.admin_client()) or []
                                  if item.get("type") not in ("scope", "resource"))
        return self._policies

    # -------------------------------------------------------------- writes

    def payload(self, representation):
        resource_type = representation["resourceType"]
        self._policies = None
        policies = self.policy_ids()
        payload = {
            "name": representation["name"],
            "type": "scope",
            "resourceType": resource_type,
            "scopes": list(representation.get("scopes") or []),
            "resources": [self.object_id(resource_type, name) for name in representation.get("resources") or []],
            "policies": [policies[name] for name in representation.get("policies") or [] if name in policies],
            "decisionStrategy": representation.get("decisionStrategy") or "UNANIMOUS",
        }
        if representation.get("description") is not None:
            payload["description"] = representation["description"]
        return payload

    def create(self, context, desired):
        created = self.api.create_client_authz_scope_permission(self.payload(desired), self.admin_client())
        context["id"] = (created or {}).get("id")

    def update(self, context, current, merged, changes):
        payload = self.payload(merged)
        payload["id"] = current["id"]
        self.api.update_client_authz_scope_permission(payload, self.admin_client(), current["id"])

    def delete(self, context, current):
        self.api.delete_client_authz_policy(self.admin_client(), current["id"])


MANAGEMENT_PERMISSIONS = Kind(
    "management_permissions",
    ManagementPermissionHandler,
    key="name",
    key_field="name",
    common=dict(realm=REALM, state=STATE),
    settings=dict(
        name=dict(type="str", required=True),
        description=dict(type="str"),
        resource_type=dict(type="str", choices=list(RESOURCE_TYPES)),
        scopes=dict(type="list", elements="str"),
        resources=dict(type="list", elements="str"),
        policies=dict(type="list", elements="str"),
        decision_strategy=dict(type="str", choices=["UNANIMOUS", "AFFIRMATIVE", "CONSENSUS"]),
    ),
)
