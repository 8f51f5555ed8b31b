# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fine-grained admin permissions: who may view or manage which users, clients, groups and roles of a realm.

The server runs one of two models (its features say which):

* **v2** (Keycloak 26.2+, feature ``admin-fine-grained-authz:v2``, with the realm's ``adminPermissionsEnabled``): the
  realm has a client ``admin-permissions`` whose authorization services hold the permissions: scope permissions with a
  ``resourceType`` (``Users``, ``Clients``, ``Groups``, ``Roles``), the scopes they grant (``view``, ``manage``,
  ``map-roles``, ...), the objects they apply to (none: every object of the type) and the policies that decide who is
  granted. A task names a permission (``name``); objects and policies are named as people name them (a username, a
  clientId, a group path, a role name, a policy name) and turned into ids when written.
* **v1** (feature ``admin-fine-grained-authz:v1``, deprecated): a switch per object (a group, a client) makes Keycloak
  create one scope permission per scope of that object in the realm's ``realm-management`` client; who is granted is
  decided by policies of that client attached to those permissions. A task names the object (``group`` or ``client``);
  ``state`` is the switch, ``scope_permissions`` attaches policies to the scopes' permissions and
  ``realm_management_policies`` keeps the policies they name.

A task of one model on a server that runs the other, or on a server without the feature, fails saying so before
anything is written. Keycloak before 26.2 has no v2 (no ``ADMIN_FINE_GRAINED_AUTHZ_V2`` feature, no realm
``adminPermissionsEnabled``): a v2 task fails there naming the version it needs; v1 is its preview feature
``admin-fine-grained-authz`` (off by default).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ..context import ADMIN_PERMISSIONS_CLIENT as ADMIN_CLIENT
from ..engine import Handler, PlanError
from ..kind import REALM, STATE, Kind, Request, to_representation
from .common import find_group, normalise_path, or_none, server_version

REALM_MANAGEMENT = "realm-management"
RESOURCE_TYPES = ("Users", "Clients", "Groups", "Roles")
# The scopes Keycloak gives a v1 object's permissions (26.x), for a task that turns them on.
V1_SCOPES = {
    "group": ("view", "manage", "view-members", "manage-members", "manage-membership"),
    "client": ("view", "manage", "configure", "map-roles", "map-roles-client-scope", "map-roles-composite", "token-exchange"),
}
V1_POLICY_TYPES = ("role", "client", "group")
# The options of each model, for the message when a task mixes them.
V2_OPTIONS = ("name", "description", "resource_type", "scopes", "resources", "policies", "decision_strategy")
V1_OPTIONS = ("group", "client", "scope_permissions", "realm_management_policies")
FEATURE_V1 = "admin-fine-grained-authz:v1"
FEATURE_V2 = "admin-fine-grained-authz:v2"


# From Keycloak 26.7 a v2 permission takes UNANIMOUS only: any other decisionStrategy is refused (400 unknown_error).
ONLY_UNANIMOUS_FROM = (26, 7)
# The v2 model came with Keycloak 26.2 (its default there); 26.0 (26.0.8 checked) lists no v2 feature and has v1 as a
# preview feature, off by default.
V2_FROM = (26, 2)


def server_model(api, info=None):
    """``v1``, ``v2`` or None (neither), from the server's features (``info``: the server info already read, if any)."""
    if info is None:
        info = api.get_server_info() or {}
    features = dict((item.get("name"), item.get("enabled")) for item in info.get("features") or [])
    if features.get("ADMIN_FINE_GRAINED_AUTHZ_V2"):
        return "v2"
    if features.get("ADMIN_FINE_GRAINED_AUTHZ"):
        return "v1"
    return None


class _Model:
    """What both handlers check first: the task's options are of one model, and the server runs that model."""

    model = None

    def check_model(self, server=True):
        """Raise ``PlanError`` when the task mixes the models' options or (``server``) the server runs another model."""
        if getattr(self, "_model_checked", False):
            return
        misplaced = self.request.flags.get("misplaced") or []
        if misplaced:
            if self.model == "v1":
                raise PlanError("%s: options of a v2 permission (a task with name); a task with group or client manages the v1 "
                                "permissions of that object (scope_permissions, realm_management_policies, state)" % ", ".join(misplaced))
            raise PlanError("%s: options of the v1 model, which need group or client (the object whose permissions they are); "
                            "a task with name manages a v2 permission" % ", ".join(misplaced))
        if not server:
            return
        info = self.api.get_server_info() or {}
        running = server_model(self.api, info)
        if running != self.model:
            version = server_version(self.api, info)
            if version and version[:2] < V2_FROM:
                raise PlanError(self._before_v2(version, running))
        if running is None:
            raise PlanError("fine-grained admin permissions are off on this server: it runs neither feature %s nor %s"
                            % (FEATURE_V2, FEATURE_V1))
        if running != self.model:
            if self.model == "v1":
                raise PlanError("this server runs fine-grained admin permissions v2 (feature %s), where permissions are objects "
                                "of their own: use name, resource_type, scopes, resources and policies instead of group or client"
                                % FEATURE_V2)
            raise PlanError("this server runs fine-grained admin permissions v1 (feature %s, per-object switches): name the object "
                            "with group or client, and attach policies with scope_permissions" % FEATURE_V1)
        self._model_checked = True

    def _before_v2(self, version, running):
        """Why a task cannot run on a Keycloak older than 26.2 (``running``: the model it runs, v1 or None)."""
        text = ".".join("%d" % number for number in version)
        if self.model == "v2":
            message = ("fine-grained admin permissions v2 (a task with name) need Keycloak %s or later, with feature %s (its "
                       "default); this server is Keycloak %s" % (".".join("%d" % n for n in V2_FROM), FEATURE_V2, text))
            if running == "v1":
                return message + (", which runs v1 (feature %s): name the object with group or client, and attach policies "
                                  "with scope_permissions" % FEATURE_V1)
            return message + ", which has v1 only (feature %s, a preview feature off by default)" % FEATURE_V1
        return ("fine-grained admin permissions v1 are off on this server (Keycloak %s, which has no v2): start it with "
                "feature %s (a preview feature of this version, off by default)" % (text, FEATURE_V1))


class ManagementPermissionHandler(_Model, Handler):
    """A v2 permission of the realm's admin-permissions client."""

    kind = "management permission"
    model = "v2"
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
            self.check_model(server=False)
            self._client = self.api.get_client_id(ADMIN_CLIENT)
            if self._client is None:
                # Only v2 makes that client: ask the server why it is not there.
                self.check_model()
                if not self.context.assume_missing:
                    raise PlanError(self._why_off())
                # Check mode: an earlier task of the play may turn them on.
                self.context.warn("%s; planned as if an earlier task turns them on" % self._why_off())
                self._client = False
        return self._client or None

    def _why_off(self):
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
        self.check_model(server=self.realm_is_new)
        self._check_strategy(desired.get("decisionStrategy"))
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

    def _check_strategy(self, strategy):
        """Fail before any write when the task asks for a decision strategy the server refuses (26.7+: UNANIMOUS only)."""
        if strategy in (None, "UNANIMOUS"):
            return
        version = server_version(self.api)
        if version[:2] >= ONLY_UNANIMOUS_FROM:
            raise PlanError("decision_strategy: Keycloak %s takes UNANIMOUS only for a permission of the admin-permissions client "
                            "(earlier versions took %s); to grant when any of several policies does, name one aggregate policy "
                            "of them with decision_strategy AFFIRMATIVE (iam.keycloak.keycloak_client_authz)"
                            % (".".join("%d" % number for number in version), strategy))

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


class ObjectPermissionsHandler(_Model, Handler):
    """The v1 permissions of one group or client: its switch (``state``), the policies attached to its scopes'
    permissions in the realm-management client, and the policies of that client the task keeps.

    Present means the switch is on. The representation compared:
    ``{"scopePermissions": {scope: {"policies": [names], "decisionStrategy": ...}},
    "realmManagementPolicies": {name: {"type", "roles" | "clients" | "groups", "description"}}}``
    (policies only as far as the task names them).
    """

    kind = "management permissions"
    model = "v1"
    ignored_fields = ("id",)

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self.object_type = request.flags["object"]
        self._object = None
        self._realm_management = None
        self._policies = None
        self._existing = {}

    def describe(self, key):
        return "fine-grained admin permissions (v1) of %s '%s' in realm '%s'" % (self.object_type, key, self.realm)

    def reference_key(self):
        return (self.object_type, self.request.key)

    # ------------------------------------------------------------ lookups

    def find_object(self):
        key = self.request.key
        if self.object_type == "group":
            return find_group(self.api, key)
        object_id = self.api.get_client_id(key)
        return {"id": object_id, "clientId": key} if object_id else None

    def object_ref(self):
        """The group or client (a ``Ref``: planned or assumed in check mode when an earlier task creates it)."""
        if self._object is None:
            self._object = self.reference(self.object_type, self.request.key, self.find_object,
                                          what="%s '%s' in realm '%s'" % (self.object_type, self.request.key, self.realm))
        return self._object

    def realm_management(self):
        if self._realm_management is None:
            self._realm_management = self.api.get_client_id(REALM_MANAGEMENT)
        return self._realm_management

    def policy_index(self, refresh=False):
        """``{name: (id, type)}`` of the realm-management client's policies (none before its authorization services exist)."""
        if self._policies is None or refresh:
            found = or_none(self.api.get_client_authz_policies, self.realm_management()) or []
            self._policies = dict((item["name"], (item["id"], item.get("type"))) for item in found)
        return self._policies

    def switch(self, object_id):
        """``{scope: permission id}`` of the object's v1 permissions; None when its switch is off."""
        if self.object_type == "client":
            reference = self.api.get_client_management_permissions(object_id) or {}
            return reference.get("scopePermissions") if reference.get("enabled") else None
        # There is no read of a group's switch in the admin client: its permissions are named
        # "<scope with dots>.permission.group.<id>" in the realm-management client.
        permissions = or_none(self.api.get_client_authz_permissions, self.realm_management()) or []
        by_name = dict((item.get("name"), item["id"]) for item in permissions)
        found = dict((scope, by_name[name]) for scope, name in
                     ((scope, "%s.permission.group.%s" % (scope.replace("-", "."), object_id)) for scope in V1_SCOPES["group"])
                     if name in by_name)
        return found or None

    # ---------------------------------------------------------------- read

    def read(self, key):
        self.check_model()
        if self.request.state == "absent":
            # Nothing to turn off on an object that is not there.
            found = self.find_object()
            if found is None:
                return None
            object_id = found["id"]
        else:
            ref = self.object_ref()
            if not ref.exists:
                return None
            object_id = ref.id
        scopes = self.switch(object_id)
        if scopes is None:
            return None
        realm_management = self.realm_management()
        permissions = {}
        for scope, permission_id in sorted(scopes.items()):
            permission = self.api.get_client_authz_scope_permission(realm_management, permission_id) or {}
            policies = self.api.get_client_authz_permission_associated_policies(realm_management, permission_id) or []
            permissions[scope] = {"policies": sorted(item["name"] for item in policies), "decisionStrategy": permission.get("decisionStrategy")}
        current = {self.object_type: key, "id": object_id, "scopePermissions": permissions}
        wanted = self.request.representation.get("realmManagementPolicies")
        if wanted:
            current["realmManagementPolicies"] = self.read_policies(sorted(wanted))
        return current

    def read_policies(self, names):
        """The policies ``names`` of the realm-management client that exist, members by name."""
        index = self.policy_index(refresh=True)
        client_policies = None
        result = {}
        for name in names:
            if name not in index:
                continue
            policy_id, kind = index[name]
            entry = {"type": kind}
            if kind == "client":
                # One list answers for every client policy, with the clients as ids.
                if client_policies is None:
                    client_policies = dict((item["name"], item) for item in
                                           self.api.get_client_authz_client_policies(self.realm_management()) or [])
                policy = client_policies.get(name) or {}
                entry["clients"] = sorted(self.client_name(object_id) for object_id in policy.get("clients") or [])
            else:
                policy = self.api.get_client_authz_policy(self.realm_management(), policy_id) or {}
                members = json.loads((policy.get("config") or {}).get(kind + "s") or "[]")
                if kind == "role":
                    entry["roles"] = sorted(self.role_name(item["id"]) for item in members)
                elif kind == "group":
                    entry["groups"] = sorted(self.group_path(item["id"]) for item in members)
            entry["description"] = policy.get("description") or ""
            result[name] = entry
        return result

    def client_name(self, object_id):
        return (or_none(self.api.get_client, object_id) or {}).get("clientId") or object_id

    def role_name(self, object_id):
        role = or_none(self.api.get_role_by_id, object_id) or {}
        if role.get("clientRole"):
            return "%s/%s" % (self.client_name(role.get("containerId")), role.get("name"))
        return role.get("name") or object_id

    def group_path(self, object_id):
        return (or_none(self.api.get_group, object_id) or {}).get("path") or object_id

    # ------------------------------------------------------------- prepare

    def prepare(self, desired, current):
        self.check_model()
        self.object_ref()
        listed = self.request.flags.get("scopes_listed") or []
        repeated = sorted(set(scope for scope in listed if listed.count(scope) > 1))
        if repeated:
            raise PlanError("scope_permissions: %s listed twice" % ", ".join(repeated))
        known = sorted((current or {}).get("scopePermissions") or V1_SCOPES[self.object_type])
        unknown = sorted(set(desired.get("scopePermissions") or {}) - set(known))
        if unknown:
            raise PlanError("scope_permissions: a %s has no scope %s (it has %s)" % (self.object_type, ", ".join(unknown), ", ".join(known)))
        defined = desired.get("realmManagementPolicies") or {}
        if current is None and defined and not self.realm_is_new:
            # The object's switch is off, but the policies may be there already (another object's task made them).
            self._existing = self.read_policies(sorted(defined))
        have = (current or {}).get("realmManagementPolicies") or self._existing
        for name, policy in sorted(defined.items()):
            self.prepare_policy(name, policy, have.get(name))
        index = {} if self.realm_is_new else self.policy_index()
        for scope, permission in sorted((desired.get("scopePermissions") or {}).items()):
            if permission.get("policies") is None:
                continue
            permission["policies"] = sorted(set(permission["policies"]))
            for name in permission["policies"]:
                if name not in defined:
                    self.reference("realm-management policy", name, lambda name=name: index.get(name),
                                   what="policy '%s' of the realm-management client" % name,
                                   hint=" (define it in realm_management_policies, or create it with iam.keycloak.keycloak_client_authz,"
                                        " client_id: realm-management)")
        return desired

    def prepare_policy(self, name, policy, have):
        kind = policy.get("type") or (have or {}).get("type")
        if kind is None:
            raise PlanError("realm_management_policies: policy '%s' does not exist yet and needs a type (%s)" % (name, ", ".join(V1_POLICY_TYPES)))
        if have is not None and kind != have.get("type"):
            raise PlanError("realm_management_policies: policy '%s' is a %s policy; Keycloak cannot change its type" % (name, have.get("type")))
        if kind not in V1_POLICY_TYPES:
            raise PlanError("realm_management_policies: policy '%s' of type %s: this module keeps policies of type %s "
                            "(others: iam.keycloak.keycloak_client_authz, client_id: realm-management)" % (name, kind, ", ".join(V1_POLICY_TYPES)))
        policy["type"] = kind
        members = kind + "s"
        for other in V1_POLICY_TYPES:
            if other != kind and policy.get(other + "s") is not None:
                raise PlanError("realm_management_policies: policy '%s' is a %s policy, %s are for a %s policy" % (name, kind, other + "s", other))
        if have is None and not policy.get(members):
            raise PlanError("realm_management_policies: a new %s policy ('%s') needs %s" % (kind, name, members))
        if policy.get(members) is not None:
            if kind == "group":
                policy[members] = [normalise_path(path) for path in policy[members]]
            policy[members] = sorted(set(policy[members]))
            for member in policy[members]:
                self.member_ref(kind, member)

    def member_ref(self, kind, member):
        """The role, client or group a policy grants (a client role as ``clientId/role``)."""
        if kind == "group":
            return self.reference("group", member, lambda: find_group(self.api, member), what="group '%s' in realm '%s'" % (member, self.realm))
        if kind == "client":
            return self.reference("client", member, lambda: self.api.get_client_id(member) and {"id": self.api.get_client_id(member)},
                                  what="client '%s' in realm '%s'" % (member, self.realm))
        client_id, _sep, role = member.rpartition("/")
        if client_id and not self.realm_is_new and self.api.get_client_id(client_id):
            return self.reference("role", (client_id, role),
                                  lambda: or_none(self.api.get_client_role, self.api.get_client_id(client_id), role),
                                  what="role '%s' of client '%s' in realm '%s'" % (role, client_id, self.realm))
        return self.reference("role", ("", member), lambda: or_none(self.api.get_realm_role, member),
                              what="realm role '%s' in realm '%s'" % (member, self.realm))

    # -------------------------------------------------------------- writes

    def write_policy(self, name, policy, have):
        realm_management = self.realm_management()
        kind = policy["type"]
        payload = {"name": name, "type": kind, "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS",
                   "description": policy.get("description") or ""}
        members = policy.get(kind + "s") or []
        ids = [self.member_ref(kind, member).id for member in members]
        if have is None:
            if kind == "role":
                self.api.create_client_authz_role_based_policy(realm_management, dict(payload, roles=[{"id": i, "required": False} for i in ids]))
            elif kind == "client":
                self.api.create_client_authz_client_policy(dict(payload, clients=ids), realm_management)
            else:
                # A group policy through the generic endpoint, its settings in config as the export has them.
                self.api.create_client_authz_policy(realm_management, dict(payload, config={
                    "groups": json.dumps([{"id": i, "extendChildren": False} for i in ids])}))
            return
        policy_id = self.policy_index()[name][0]
        if kind == "role":
            payload["roles"] = [{"id": i, "required": False} for i in ids]
        elif kind == "client":
            payload["clients"] = ids
        else:
            payload["groups"] = [{"id": i, "extendChildren": False} for i in ids]
        self.api.update_client_authz_policy_of_type(realm_management, kind, policy_id, dict(payload, id=policy_id))

    def write_policies(self, desired, current):
        have = (current or {}).get("realmManagementPolicies") or {}
        wrote = False
        for name, policy in sorted((desired.get("realmManagementPolicies") or {}).items()):
            if name not in have or self.policy_differs(policy, have[name]):
                self.write_policy(name, policy, have.get(name))
                wrote = True
        if wrote:
            self.policy_index(refresh=True)

    @staticmethod
    def policy_differs(policy, have):
        return any(value is not None and value != have.get(field) for field, value in policy.items())

    def write_permission(self, permission_id, wanted):
        realm_management = self.realm_management()
        # The permission as the server has it (name, logic, ...), the task's fields laid over it; Keycloak keeps its
        # resource and scope when the write leaves them out.
        payload = dict(self.api.get_client_authz_scope_permission(realm_management, permission_id) or {})
        if wanted.get("policies") is not None:
            index = self.policy_index()
            payload["policies"] = [index[name][0] for name in wanted["policies"]]
        if wanted.get("decisionStrategy") is not None:
            payload["decisionStrategy"] = wanted["decisionStrategy"]
        self.api.update_client_authz_scope_permission(payload, realm_management, permission_id)

    def turn(self, object_id, enabled):
        """The object's switch; returns ``{scope: permission id}``."""
        if self.object_type == "group":
            answer = self.api.group_set_permissions(object_id, enabled)
        else:
            answer = self.api.update_client_management_permissions({"enabled": enabled}, object_id)
        return (answer or {}).get("scopePermissions") or {}

    def create(self, context, desired):
        object_id = self.object_ref().id
        # The realm-management client gets its authorization services with the realm's first switch turned on.
        scopes = self.turn(object_id, True)
        self.write_policies(desired, {"realmManagementPolicies": self._existing})
        self.policy_index(refresh=True)
        for scope, wanted in sorted((desired.get("scopePermissions") or {}).items()):
            self.write_permission(scopes[scope], wanted)
        context["id"] = object_id

    def update(self, context, current, merged, changes):
        self.write_policies(merged, current)
        changed_scopes = sorted(set(path[1] for path in changes if path[0] == "scopePermissions" and len(path) > 1))
        if changed_scopes:
            scopes = self.switch(current["id"])
            for scope in changed_scopes:
                self.write_permission(scopes[scope], merged["scopePermissions"][scope])

    def delete(self, context, current):
        self.turn(current["id"], False)


V2_SETTINGS = dict(
    description=dict(type="str"),
    resource_type=dict(type="str", choices=list(RESOURCE_TYPES)),
    scopes=dict(type="list", elements="str"),
    resources=dict(type="list", elements="str"),
    policies=dict(type="list", elements="str"),
    decision_strategy=dict(type="str", choices=["UNANIMOUS", "AFFIRMATIVE", "CONSENSUS"]),
)
DECISION_STRATEGIES = ["UNANIMOUS", "AFFIRMATIVE", "CONSENSUS"]
V1_SETTINGS = dict(
    group=dict(type="str"),
    client=dict(type="str"),
    scope_permissions=dict(type="list", elements="dict", options=dict(
        scope=dict(type="str", required=True),
        policies=dict(type="list", elements="str"),
        decision_strategy=dict(type="str", choices=DECISION_STRATEGIES),
    )),
    realm_management_policies=dict(type="list", elements="dict", options=dict(
        name=dict(type="str", required=True),
        type=dict(type="str", choices=list(V1_POLICY_TYPES)),
        description=dict(type="str"),
        roles=dict(type="list", elements="str"),
        clients=dict(type="list", elements="str"),
        groups=dict(type="list", elements="str"),
    )),
)


SETTINGS = dict(name=dict(type="str"))
SETTINGS.update(V2_SETTINGS)
SETTINGS.update(V1_SETTINGS)


def _request(kind, params):
    """A task with ``group`` or ``client`` is about that object's v1 permissions; one with ``name``, a v2 permission."""
    def given(names):
        return [name for name in names if params.get(name) is not None]

    common = dict(state=params.get("state") or "present")
    object_type = "group" if params.get("group") is not None else "client" if params.get("client") is not None else None
    if object_type is None:
        representation = to_representation(params, V2_SETTINGS)
        representation["name"] = params["name"]
        return Request(kind.name, params.get("realm"), params["name"], representation=representation,
                       flags=dict(model="v2", misplaced=given(V1_OPTIONS)), **common)
    key = normalise_path(params["group"]) if object_type == "group" else params["client"]
    representation = {object_type: key}
    listed = params.get("scope_permissions")
    if listed is not None:
        representation["scopePermissions"] = dict(
            (entry["scope"], {"policies": entry.get("policies"), "decisionStrategy": entry.get("decision_strategy")}) for entry in listed)
    if params.get("realm_management_policies") is not None:
        representation["realmManagementPolicies"] = dict(
            (entry["name"], dict((field, entry.get(field)) for field in ("type", "description", "roles", "clients", "groups")))
            for entry in params["realm_management_policies"])
    return Request(kind.name, params.get("realm"), key, representation=representation,
                   flags=dict(model="v1", object=object_type, misplaced=given(V2_OPTIONS),
                              scopes_listed=[entry["scope"] for entry in listed or []]), **common)


def _handler(api, request, context):
    if request.flags.get("model") == "v1":
        return ObjectPermissionsHandler(api, request, context)
    return ManagementPermissionHandler(api, request, context)


MANAGEMENT_PERMISSIONS = Kind(
    "management_permissions",
    _handler,
    key="name",
    common=dict(realm=REALM, state=STATE),
    settings=SETTINGS,
    request=_request,
    module=dict(required_one_of=[("name", "group", "client")], mutually_exclusive=[("name", "group", "client")]),
)
