# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Authorization Services of a client: resource-server settings, scopes, resources, policies and permissions.

The object is the resource server of an existing client (found by ``clientId``): the client is
never created nor deleted here, nor are its authorization services turned on or off. Its four
nested lists are reconciled by name; ``state: absent`` removes every object of them (but the
resources users own), leaving the settings.

What Keycloak 26 does that shapes this handler:

- ``GET .../authz/resource-server/settings`` (the admin console's export) answers the whole setup
  in one request, every association by name: a resource's scopes, a role policy's roles
  (``clientId/role`` for a client role), a user policy's usernames, a group policy's paths, a
  permission's resources, scopes and policies. So a plan reads one object, compares names, and
  looks up no id; ids are looked up only when something is written.
  Keycloak 26.5 refuses it (400 ``unknown_error``) for the realm's ``admin-permissions`` client
  (fine-grained admin permissions v2): that one, and any client whose export is refused, is read
  through the typed endpoints instead and turned into the export's shape (``export_from_typed``),
  in more requests.
- The export carries no ids, and the typed write endpoints (``policy/<type>``,
  ``permission/<type>``) take ids. A write looks the ids up once (one list per object kind)
  and remembers those of the objects it creates.
- A resource or a permission written with a scope *name* the server does not have gets a new
  scope of that name, silently. So every name an object refers to must be listed in the task
  or be on the server: checked while planning.
- Deleting cascades: a policy takes itself off every permission and aggregate policy, and one
  left without policies is deleted too; a resource or scope likewise. So a purge that would
  delete something that a kept permission (or resource, or aggregate policy) still uses is
  refused while planning, naming both; an update that drops the reference runs first.
- Policies and permissions share one namespace (a permission is a policy on the server).
- Keycloak never changes an object's type (refused while planning) nor a resource's owner (a
  resource is keyed by name and owner: Keycloak keeps one resource of a name per owner).
- JavaScript policies run only when deployed in a JAR (type ``script-<file>.js``); the server
  answers 500 to a ``js`` policy sent through the API. A policy is written only with a type
  the server offers (``policy/providers``), read only when a policy is to be written.
- Keycloak before 26.5 (keycloak/keycloak#43969; verified on 26.0.8, not on 26.5.6 and 26.7.3)
  creates "Default Resource", "Default Policy" (a JavaScript policy that grants) and "Default
  Permission" whenever authorization services are turned on (at the client's create or by an
  update, and again after they were turned off); realms imported from such servers have them
  too. They are ordinary objects here: kept unless a purge option removes them, and shown by
  ``keycloak_client_authz_info``. A setup that does not exist yet (a client that an earlier
  plan of the run creates, or that check mode assumes, or whose authorization services check
  mode assumes an earlier task turns on) is planned with the objects the server will make
  (``new_setup_export``), as LDAP default mappers are: a listed one of the same name is
  updated, never created twice (Keycloak would answer 409), the others go with a purge.

The engine plans the collections in the order of their names (permissions, policies,
resources, scopes): the right order for removals and for updates that drop references, the
reverse of the order objects must be created in. So a write that needs the id of an object
this run creates creates it first (``id_of``), and a removal first runs the pending updates
that drop references to it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

from ..client.exceptions import KeycloakAuthenticationError, KeycloakOperationError
from ..context import Ref
from ..engine import Collection, Handler, PlanError, canonical, drop_none, list_map
from ..kind import REALM, STATE, Items, Kind, field_of
from .common import ClientIds, find_group, normalise_path, or_none, server_version
from .nested_role_mappings import role_reference

COLLECTIONS = ("scopes", "resources", "policies", "permissions")
# What an object of each collection is called in messages.
WHAT = {"scopes": "scope", "resources": "resource", "policies": "policy", "permissions": "permission"}

SETTINGS_FIELDS = ("policyEnforcementMode", "decisionStrategy", "allowRemoteResourceManagement")
# What a resource server has before anything is set (Keycloak 26's defaults).
DEFAULT_SETTINGS = {"policyEnforcementMode": "ENFORCING", "decisionStrategy": "UNANIMOUS", "allowRemoteResourceManagement": True}

PERMISSION_TYPES = ("resource", "scope")
TIME_FIELDS = ("notBefore", "notOnOrAfter", "dayMonth", "dayMonthEnd", "month", "monthEnd", "year", "yearEnd", "hour", "hourEnd",
               "minute", "minuteEnd")
# The export spells two time fields differently from the typed representation.
TIME_CONFIG = {"notBefore": "nbf", "notOnOrAfter": "noa"}
# Each policy type's own fields (the typed representation's).
POLICY_FIELDS = {
    "role": ("roles", "fetchRoles"),
    "user": ("users",),
    "group": ("groups", "groupsClaim"),
    "client": ("clients",),
    "client-scope": ("clientScopes",),
    "time": TIME_FIELDS,
    "regex": ("targetClaim", "pattern", "targetContextAttributes"),
    "aggregate": ("policies",),
    "js": ("code",),
}
TYPED_FIELDS = frozenset(field for fields in POLICY_FIELDS.values() for field in fields)
# Fields a new policy of the type cannot do without (Keycloak refuses it, or it grants nothing).
REQUIRED_POLICY_FIELDS = {
    "role": ("roles",), "user": ("users",), "group": ("groups",), "client": ("clients",), "client-scope": ("clientScopes",),
    "regex": ("targetClaim", "pattern"), "aggregate": ("policies",), "js": ("code",),
}
COMMON_FIELDS = ("name", "type", "description", "logic", "decisionStrategy")
PERMISSION_FIELDS = COMMON_FIELDS + ("resources", "resourceType", "scopes", "policies")
# The types a server offers when it cannot be asked (a client that check mode assumes).
KNOWN_POLICY_TYPES = frozenset(POLICY_FIELDS)
JS_HELP = ("Keycloak runs only JavaScript policies deployed to the server in a JAR, each one its own type script-<file>.js; "
           "JavaScript code cannot be uploaded through the admin API")


# ---------------------------------------------------------------- values


def _json_list(text):
    """A JSON list from the export's config (``'["a","b"]'``), or []."""
    if not text:
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def _bool(value, default=False):
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return "%s" % value == "true"


def _empty(value):
    return value is None or value == "" or value == [] or value == {}


def _sorted_unique(values, key=canonical):
    seen = {}
    for value in values or []:
        seen.setdefault(key(value), value)
    return [seen[marker] for marker in sorted(seen)]


def _role_sort(role):
    return (role.get("clientId") or "", role.get("name") or "")


def role_string(role):
    """How the export names a role: ``name`` for a realm role, ``clientId/name`` for a client role."""
    return "%s/%s" % (role["clientId"], role["name"]) if role.get("clientId") else role["name"]


def view(item):
    """An item as diff, end_state and the info module show it: no empty values (an empty one means "none")."""
    result = {}
    for key, value in item.items():
        if key == "attributes" and isinstance(value, dict):
            value = dict((name, values) for name, values in value.items() if values not in (None, []))
        if not _empty(value):
            result[key] = value
    return result


def item_differs(have, wanted):
    """Whether ``wanted`` (the fields a task sets) asks ``have`` for a change.

    Lists are sorted on both sides already. An empty value asks for "none", which a missing one
    is; attributes are compared key by key (an empty list removes a key).
    """
    for key, value in wanted.items():
        if value is None:
            continue
        current = have.get(key)
        if key == "attributes":
            current = current or {}
            for name, values in value.items():
                if canonical(values or []) != canonical(current.get(name) or []):
                    return True
            continue
        if _empty(value) and _empty(current):
            continue
        if canonical(value) != canonical(current):
            return True
    return False


def merge_item(have, wanted):
    """``have`` with the fields ``wanted`` sets laid over it (attributes key by key)."""
    result = copy.deepcopy(have)
    for key, value in wanted.items():
        if value is None:
            continue
        if key == "attributes":
            attributes = dict(result.get("attributes") or {})
            attributes.update(copy.deepcopy(value))
            result["attributes"] = dict((name, values) for name, values in attributes.items() if values)
        else:
            result[key] = copy.deepcopy(value)
    return result


def references(collection, item):
    """``(namespace, name)`` of every object ``item`` names: a resource's scopes, a permission's
    resources, scopes and policies, an aggregate policy's policies (a policy or a permission)."""
    found = []
    if collection == "resources":
        found += [("scopes", name) for name in item.get("scopes") or []]
    elif collection == "permissions":
        found += [("resources", name) for name in item.get("resources") or []]
        found += [("scopes", name) for name in item.get("scopes") or []]
        found += [("policies", name) for name in item.get("policies") or []]
    elif collection == "policies" and item.get("type") == "aggregate":
        found += [("policies", name) for name in item.get("policies") or []]
    return found


# ------------------------------------------------------- normal forms


def normal_scope(item):
    return dict((key, item.get(key)) for key in ("name", "displayName", "iconUri") if item.get(key) is not None)


def normal_resource(item, server_client_id=None):
    result = dict((key, item.get(key)) for key in ("name", "displayName", "type", "icon_uri") if item.get(key) is not None)
    if item.get("uris") is not None:
        result["uris"] = _sorted_unique(item["uris"])
    if item.get("scopes") is not None:
        result["scopes"] = _sorted_unique(item["scopes"])
    if item.get("attributes") is not None:
        result["attributes"] = list_map(item["attributes"])
    if item.get("ownerManagedAccess") is not None:
        result["ownerManagedAccess"] = _bool(item["ownerManagedAccess"])
    owner = item.get("owner")
    # Keycloak stores usernames lower-cased; the client itself (the default owner) is no owner to name.
    if owner and owner != server_client_id:
        result["owner"] = ("%s" % owner).lower()
    return result


def normal_policy(item):
    result = dict((key, item.get(key)) for key in COMMON_FIELDS if item.get(key) is not None)
    for key in TYPED_FIELDS:
        value = item.get(key)
        if value is None:
            continue
        if key == "roles":
            value = _sorted_unique(
                [dict(drop_none({"name": role.get("name"), "clientId": role.get("clientId") or None}), required=_bool(role.get("required")))
                 for role in value], key=lambda role: canonical(_role_sort(role)))
        elif key == "users":
            value = _sorted_unique(("%s" % user).lower() for user in value)
        elif key == "groups":
            value = _sorted_unique([{"path": normalise_path(group.get("path")), "extendChildren": _bool(group.get("extendChildren"))}
                                    for group in value], key=lambda group: group["path"])
        elif key == "clientScopes":
            value = _sorted_unique([{"name": scope.get("name"), "required": _bool(scope.get("required"))} for scope in value],
                                   key=lambda scope: scope["name"])
        elif key in ("clients", "policies"):
            value = _sorted_unique(value)
        elif key in ("fetchRoles", "targetContextAttributes"):
            value = _bool(value)
        elif key in TIME_FIELDS or key in ("groupsClaim", "targetClaim", "pattern", "code"):
            value = "%s" % value
        result[key] = value
    return result


def normal_permission(item):
    result = dict((key, item.get(key)) for key in COMMON_FIELDS + ("resourceType",) if item.get(key) is not None)
    for key in ("resources", "scopes", "policies"):
        if item.get(key) is not None:
            result[key] = _sorted_unique(item[key])
    return result


# ------------------------------------------------------------ reading


class RoleNames:
    """Roles as the export names them (``auditor``, ``billing/invoice-reader``) back to ``{name, clientId}``.

    ``clientId/name`` is ambiguous when client ids or role names hold a ``/``: a name the task
    lists is taken as the task spells it; any other with a ``/`` is split at the longest client
    id of the realm that it starts with (the clients are read once, and only then).
    """

    def __init__(self, api, hints=None, client_ids=None):
        self.api = api
        self.hints = dict(hints or {})
        # Given (a document's clients), the client ids are not read from the server.
        self._client_ids = None if client_ids is None else sorted(client_ids, key=len, reverse=True)

    def parse(self, text):
        if text in self.hints:
            return dict(self.hints[text])
        if "/" not in text:
            return {"name": text}
        if self._client_ids is None:
            self._client_ids = sorted((client["clientId"] for client in self.api.get_clients() or []), key=len, reverse=True)
        for client_id in self._client_ids:
            if text.startswith(client_id + "/"):
                return {"name": text[len(client_id) + 1:], "clientId": client_id}
        return {"name": text}


def policy_from_export(policy, roles):
    """A policy of the export as the task spells one (typed fields, names)."""
    config = policy.get("config") or {}
    item = dict((key, policy.get(key)) for key in COMMON_FIELDS if policy.get(key) is not None)
    kind = policy.get("type")
    if kind == "role":
        item["roles"] = [dict(roles.parse(entry.get("id")), required=_bool(entry.get("required"))) for entry in _json_list(config.get("roles"))]
        item["fetchRoles"] = _bool(config.get("fetchRoles"))
    elif kind == "user":
        item["users"] = _json_list(config.get("users"))
    elif kind == "group":
        item["groups"] = [{"path": entry.get("path") or entry.get("id"), "extendChildren": _bool(entry.get("extendChildren"))}
                          for entry in _json_list(config.get("groups"))]
        if config.get("groupsClaim"):
            item["groupsClaim"] = config["groupsClaim"]
    elif kind == "client":
        item["clients"] = _json_list(config.get("clients"))
    elif kind == "client-scope":
        item["clientScopes"] = [{"name": entry.get("id"), "required": _bool(entry.get("required"))} for entry in _json_list(config.get("clientScopes"))]
    elif kind == "time":
        for field in TIME_FIELDS:
            value = config.get(TIME_CONFIG.get(field, field))
            if value not in (None, ""):
                item[field] = value
    elif kind == "regex":
        for field in ("targetClaim", "pattern"):
            if config.get(field) is not None:
                item[field] = config[field]
        item["targetContextAttributes"] = _bool(config.get("targetContextAttributes"))
    elif kind == "aggregate":
        item["policies"] = _json_list(config.get("applyPolicies"))
    elif kind == "js" and config.get("code") is not None:
        item["code"] = config["code"]
    return normal_policy(item)


def permission_from_export(policy):
    config = policy.get("config") or {}
    item = dict((key, policy.get(key)) for key in COMMON_FIELDS if policy.get(key) is not None)
    item["resources"] = _json_list(config.get("resources"))
    item["scopes"] = _json_list(config.get("scopes"))
    item["policies"] = _json_list(config.get("applyPolicies"))
    if config.get("defaultResourceType"):
        item["resourceType"] = config["defaultResourceType"]
    return normal_permission(item)


def resource_from_export(resource):
    item = dict((key, resource.get(key)) for key in ("name", "displayName", "type", "uris", "attributes", "icon_uri"))
    item["scopes"] = [scope.get("name") for scope in resource.get("scopes") or []]
    item["ownerManagedAccess"] = _bool(resource.get("ownerManagedAccess"))
    # The export names the owner only when it is not the client itself.
    owner = resource.get("owner")
    if isinstance(owner, dict) and owner.get("name"):
        item["owner"] = owner["name"]
    return normal_resource(drop_none(item))


def items_from_export(export, roles):
    """``{collection: [items]}`` of the export ``GET .../resource-server/settings``."""
    policies = [policy for policy in export.get("policies") or [] if policy.get("type") not in PERMISSION_TYPES]
    permissions = [policy for policy in export.get("policies") or [] if policy.get("type") in PERMISSION_TYPES]
    return {
        "scopes": [normal_scope(scope) for scope in export.get("scopes") or []],
        "resources": [resource_from_export(resource) for resource in export.get("resources") or []],
        "policies": [policy_from_export(policy, roles) for policy in policies],
        "permissions": [permission_from_export(policy) for policy in permissions],
    }


# Keycloak makes the default objects when authorization services are turned on until this version.
NO_DEFAULT_OBJECTS_FROM = (26, 5)


def default_objects_export(client_id):
    """The export of the objects Keycloak before 26.5 makes when the authorization services of client ``client_id`` are turned on."""
    resource_type = "urn:%s:resources:default" % client_id
    return {
        "scopes": [],
        "resources": [{"name": "Default Resource", "type": resource_type, "ownerManagedAccess": False, "attributes": {}, "uris": ["/*"]}],
        "policies": [
            {"name": "Default Policy", "description": "A policy that grants access only for users within this realm", "type": "js",
             "logic": "POSITIVE", "decisionStrategy": "AFFIRMATIVE",
             "config": {"code": "// by default, grants any permission associated with this policy\n$evaluation.grant();\n"}},
            {"name": "Default Permission", "description": "A permission that applies to the default resource type", "type": "resource",
             "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS",
             "config": {"defaultResourceType": resource_type, "applyPolicies": "[\"Default Policy\"]"}},
        ],
    }


def makes_default_objects(version):
    """Whether a Keycloak of ``version`` (a tuple) makes the default objects when authorization services are turned on."""
    return bool(version) and tuple(version[:2]) < NO_DEFAULT_OBJECTS_FROM


# The client of a realm's fine-grained admin permissions (v2): Keycloak 26.5 refuses its export ("unknown_error").
ADMIN_PERMISSIONS_CLIENT = "admin-permissions"


def read_setup(api, client_uuid, client_id):
    """The setup of the client in the export's shape, or None when it has no authorization services.

    One request (the export), but for a client whose export Keycloak refuses (the realm's
    ``admin-permissions`` client, always; any other answering 400 or 5xx): then the same is read
    through the typed endpoints (``export_from_typed``).
    """
    if client_id != ADMIN_PERMISSIONS_CLIENT:
        try:
            return or_none(api.get_client_authz_settings, client_uuid)
        except KeycloakOperationError as error:
            code = error.response_code or 0
            if isinstance(error, KeycloakAuthenticationError) or not (code == 400 or code >= 500):
                raise
    return export_from_typed(api, client_uuid)


class _Names:
    """The names the export gives to the ids the typed endpoints answer (each looked up once; None when gone)."""

    def __init__(self, api):
        self.api = api
        self._cache = {}
        self._client_scopes = None

    def _once(self, kind, object_id, find):
        if (kind, object_id) not in self._cache:
            self._cache[(kind, object_id)] = find()
        return self._cache[(kind, object_id)]

    def client(self, object_id):
        return self._once("client", object_id, lambda: (or_none(self.api.get_client, object_id) or {}).get("clientId"))

    def user(self, object_id):
        return self._once("user", object_id, lambda: (or_none(self.api.get_user, object_id) or {}).get("username"))

    def group(self, object_id):
        return self._once("group", object_id, lambda: (or_none(self.api.get_group, object_id) or {}).get("path"))

    def role(self, object_id):
        """``name`` of a realm role, ``clientId/name`` of a client role (as the export names roles)."""
        def find():
            role = or_none(self.api.get_role_by_id, object_id)
            if not role:
                return None
            if role.get("clientRole"):
                client_id = self.client(role.get("containerId"))
                return None if client_id is None else "%s/%s" % (client_id, role["name"])
            return role["name"]
        return self._once("role", object_id, find)

    def client_scope(self, object_id):
        if self._client_scopes is None:
            self._client_scopes = dict((scope["id"], scope["name"]) for scope in self.api.get_client_scopes() or [])
        return self._client_scopes.get(object_id)


def _named(entries, name_of, key=None):
    """The entries whose id ``name_of`` names, the id replaced by the name (``key``: where the name goes)."""
    result = []
    for entry in entries:
        object_id = entry.get("id") if isinstance(entry, dict) else entry
        name = name_of(object_id)
        if name is None:
            continue
        if isinstance(entry, dict):
            entry = dict(entry)
            entry.pop("id", None)
            entry[key or "id"] = name
            result.append(entry)
        else:
            result.append(name)
    return result


def export_from_typed(api, client_uuid):
    """What the export answers, read through the typed endpoints: the resource server, its scopes,
    resources, policies (their ids turned into names) and permissions (with their resources, scopes and
    policies); None when the client has no authorization services.

    Keycloak refuses the export of the realm's ``admin-permissions`` client; these endpoints answer.
    Several requests: 5 lists, 3 per permission, 1 per aggregate policy and 1 per role, user, group or
    client a policy names.
    """
    server = or_none(api.get_client_authz_resource_server, client_uuid)
    if server is None:
        return None
    names = _Names(api)
    export = dict((field, server[field]) for field in SETTINGS_FIELDS if field in server)
    export["scopes"] = [dict((key, scope[key]) for key in ("name", "displayName", "iconUri") if scope.get(key) is not None)
                        for scope in api.get_client_authz_scopes(client_uuid) or []]
    export["resources"] = []
    for resource in api.get_client_authz_resources(client_uuid) or []:
        item = dict((key, value) for key, value in resource.items() if key not in ("_id", "owner"))
        item["scopes"] = [{"name": scope.get("name")} for scope in resource.get("scopes") or []]
        owner = resource.get("owner")
        # The export names the owner only when it is not the client itself.
        if isinstance(owner, dict) and owner.get("id") not in (None, client_uuid):
            item["owner"] = {"name": owner.get("name")}
        export["resources"].append(item)
    export["policies"] = []
    for policy in api.get_client_authz_policies(client_uuid) or []:
        config = dict(policy.get("config") or {})
        kind = policy.get("type")
        if kind == "role":
            config["roles"] = json.dumps(_named(_json_list(config.get("roles")), names.role))
        elif kind == "user":
            config["users"] = json.dumps(_named(_json_list(config.get("users")), names.user))
        elif kind == "group":
            config["groups"] = json.dumps(_named(_json_list(config.get("groups")), names.group, key="path"))
        elif kind == "client":
            config["clients"] = json.dumps(_named(_json_list(config.get("clients")), names.client))
        elif kind == "client-scope":
            config["clientScopes"] = json.dumps(_named(_json_list(config.get("clientScopes")), names.client_scope))
        elif kind == "aggregate":
            associated = api.get_client_authz_permission_associated_policies(client_uuid, policy["id"]) or []
            config["applyPolicies"] = json.dumps([item.get("name") for item in associated])
        export["policies"].append(dict(((key, policy.get(key)) for key in COMMON_FIELDS if policy.get(key) is not None), config=config))
    for permission in api.get_client_authz_permissions(client_uuid) or []:
        config = {
            "resources": json.dumps([item.get("name") for item in api.get_client_authz_policy_resources(client_uuid, permission["id"]) or []]),
            "scopes": json.dumps([item.get("name") for item in api.get_client_authz_policy_scopes(client_uuid, permission["id"]) or []]),
            "applyPolicies": json.dumps([item.get("name") for item in
                                         api.get_client_authz_permission_associated_policies(client_uuid, permission["id"]) or []]),
        }
        if permission.get("resourceType"):
            config["defaultResourceType"] = permission["resourceType"]
        export["policies"].append(dict(((key, permission.get(key)) for key in COMMON_FIELDS if permission.get(key) is not None), config=config))
    return export


def settings_from_export(export):
    return dict((field, export.get(field, DEFAULT_SETTINGS[field])) for field in SETTINGS_FIELDS)


def item_key(collection, item):
    """The key of an item: its name; a resource's owner too (names are unique per owner)."""
    if collection == "resources":
        return (item.get("name"), item.get("owner"))
    return item.get("name")


def item_label(collection, item):
    if collection == "resources" and item.get("owner"):
        return "%s' (owner '%s" % (item.get("name"), item.get("owner"))
    return "%s" % item.get("name")


# ------------------------------------------------------------- the handler


class ClientAuthzHandler(Handler):
    """The Authorization Services setup of the client whose ``clientId`` is the key."""

    kind = "client authorization"

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self.client = None  # Ref of the client
        self._export = None
        self._items = None
        self._by_key = None
        self._offered = None
        self.clients = ClientIds(api)
        self.wanted = {}            # collection -> [normalised desired items]
        self.to_create = {}         # (collection, key) -> item
        self.pending_updates = {}   # (collection, key) -> (have, item)
        self._created = set()
        self._creating = []
        self._updated = set()
        self._ids = {}              # collection -> index read from the server (at apply time)
        self._refs = {}             # (kind, key) -> context.Ref of a role, user, group, client or client scope
        self._client_scopes = None
        self._new_setup = False  # whether the setup is one that does not exist yet (planned with new_setup_export)
        self._makes_defaults = None  # whether the server makes default objects (asked only for a setup that does not exist yet)

    def describe(self, key):
        return "authorization services of client '%s'" % key

    # ---------------------------------------------------------------- read

    def _find_client(self):
        return self.reference("client", self.request.key, lambda: self.api.get_client_id(self.request.key),
                              what="client '%s'" % self.request.key)

    def read(self, key):
        """The resource server (``id`` is the client's) with its four lists; one request besides the client's.

        With ``state: absent``, None when there is nothing to remove: no client, no authorization
        services, or no object but the resources users own.
        """
        if self.request.state == "absent":
            return self._read_for_removal(key)
        if self.client is None:
            self.client = self._find_client()
        elif self.client.origin == "planned":
            # Read back after the run: the earlier plan that was to create the client has created it.
            client_uuid = self.api.get_client_id(key)
            if client_uuid is not None:
                self.client = Ref("client", key, value=client_uuid)
        if not self.client.exists:
            return None
        export = read_setup(self.api, self.client.id, key)
        if export is None:
            what = "client '%s' has no authorization services" % key
            if not self.context.assume_missing:
                raise PlanError("%s: enable them first (keycloak_client: authorization_services_enabled: true, which needs "
                                "service_accounts_enabled: true)" % what)
            self.context.warn("%s; planned as if an earlier task enables them" % what)
            export = self.new_setup_export()
        return self._current(export, self.client.id)

    def _read_for_removal(self, key):
        given = [option for option, value in sorted(self.request.items.items()) if value is not None]
        given += [field for field in SETTINGS_FIELDS if self.request.representation.get(field) is not None]
        if given:
            raise PlanError("state=absent removes every scope, resource, policy and permission and takes no %s; to remove some "
                            "objects only, use state=present with the purge options" % ", ".join(_option(name) for name in given))
        client_uuid = self.api.get_client_id(key)
        if client_uuid is None:
            return None
        self.client = Ref("client", key, value=client_uuid)
        export = read_setup(self.api, client_uuid, key)
        if export is None:
            return None
        current = self._current(export, client_uuid)
        if not any(self.removable(collection) for collection in COLLECTIONS):
            return None
        return current

    def removable(self, collection):
        """The items ``state: absent`` removes (not the resources users own, nor what Keycloak keeps for itself)."""
        if self._keycloak_owned(collection):
            return []
        return [item for item in self.items(collection) if not (collection == "resources" and item.get("owner"))]

    def _keycloak_owned(self, collection):
        """Whether the objects of ``collection`` are Keycloak's own: the resources and scopes of the
        ``admin-permissions`` client (the resource types of fine-grained admin permissions v2, and the objects
        permissions name), which Keycloak refuses to delete. Never purged nor removed."""
        return self.request.key == ADMIN_PERMISSIONS_CLIENT and collection in ("resources", "scopes")

    def missing(self):
        if self.request.state == "absent":
            return None
        # A realm or client that an earlier task (or plan of the run) creates: plan against a new resource server.
        if self.client is None:
            self.client = self._find_client()
        return self._current(self.new_setup_export(), None)

    def new_setup_export(self):
        """The export of a setup that authorization services being turned on will give the client: the server's default objects, if it makes them."""
        self._new_setup = True
        if self._makes_defaults is None:
            self._makes_defaults = makes_default_objects(server_version(self.api))
        return default_objects_export(self.request.key) if self._makes_defaults else {}

    def _current(self, export, client_uuid):
        self._export = export
        self._items = None
        self._by_key = None
        current = {"clientId": self.request.key}
        if client_uuid is not None:
            current["id"] = client_uuid
        current.update(settings_from_export(export))
        # The whole setup, so end_state shows it all (the engine lays the listed collections over these).
        for collection in COLLECTIONS:
            current[collection] = sorted((view(item) for item in self.items(collection)), key=lambda item, c=collection: canonical(item_key(c, item)))
        return current

    def items(self, collection):
        """The current items of ``collection``, parsed from the export once per read."""
        if self._items is None:
            hints = {}
            for policy in self.request.items.get("policies") or []:
                for role in policy.get("roles") or []:
                    parsed = drop_none({"name": role.get("name"), "clientId": role.get("clientId") or None})
                    hints[role_string(parsed)] = parsed
            self._items = items_from_export(self._export or {}, RoleNames(self.api, hints))
        return copy.deepcopy(self._items[collection])

    def client_uuid(self):
        return self.client.id

    # ------------------------------------------------------------- prepare

    def prepare(self, desired, current):
        self.wanted = {}
        for collection in COLLECTIONS:
            items = self.request.items.get(collection)
            if items is None:
                continue
            normalised = [self.normalise(collection, drop_none(item)) for item in items]
            seen = set()
            for item in normalised:
                marker = canonical(item_key(collection, item))
                if marker in seen:
                    raise PlanError("%s '%s' is listed twice in %s" % (WHAT[collection], item_label(collection, item), collection))
                seen.add(marker)
            self.wanted[collection] = normalised
        final, purged = self._final_state()
        self._check_items(final)
        self._check_references(final, purged)
        return desired

    def normalise(self, collection, item):
        if collection == "scopes":
            return normal_scope(item)
        if collection == "resources":
            return normal_resource(item, self.request.key)
        if collection == "policies":
            return normal_policy(item)
        return normal_permission(item)

    def _final_state(self):
        """``({collection: {key: item}}, {collection: {key: item}})``: what the setup holds after the run, and what it purges."""
        final, purged = {}, {}
        for collection in COLLECTIONS:
            have = dict((canonical(item_key(collection, item)), item) for item in self.items(collection))
            wanted = self.wanted.get(collection)
            result, removed = {}, {}
            if wanted is None:
                result = have
            else:
                listed = dict((canonical(item_key(collection, item)), item) for item in wanted)
                for marker, item in listed.items():
                    old = have.get(marker)
                    result[marker] = merge_item(old, item) if old is not None else item
                    if old is None:
                        self.to_create[(collection, marker)] = item
                    elif item_differs(old, item):
                        self.pending_updates[(collection, marker)] = (old, item)
                for marker, item in have.items():
                    if marker in listed:
                        continue
                    if self.purges(collection, item):
                        removed[marker] = item
                    else:
                        result[marker] = item
            final[collection], purged[collection] = result, removed
        return final, purged

    def purges(self, name, have):
        # A resource a user owns is that user's (made through the protection API): never purged.
        if name == "resources" and have.get("owner"):
            return False
        if self._keycloak_owned(name):
            return False
        return Handler.purges(self, name, have)

    def _check_items(self, final):
        """Each policy and permission to write is one Keycloak can take (type, the type's fields); no name is both."""
        for collection in ("policies", "permissions"):
            for item in self.wanted.get(collection) or []:
                marker = canonical(item_key(collection, item))
                have = self._have(collection, marker)
                if have is not None and not item_differs(have, item):
                    continue
                if collection == "policies":
                    self._check_policy(item, have)
                elif collection == "permissions":
                    self._check_permission(item, have)
        names = {}
        for collection in ("policies", "permissions"):
            for item in final[collection].values():
                if item["name"] in names and names[item["name"]] != collection:
                    raise PlanError("policy and permission '%s': Keycloak keeps policies and permissions under one set of names, so "
                                    "one name cannot be both" % item["name"])
                names[item["name"]] = collection

    def _have(self, collection, marker):
        """The current item of ``collection`` whose canonical key is ``marker``, or None."""
        if self._by_key is None:
            self._by_key = dict((name, dict((canonical(item_key(name, item)), item) for item in self.items(name))) for name in COLLECTIONS)
        return self._by_key[collection].get(marker)

    def _check_policy(self, item, have):
        name, kind = item["name"], item.get("type")
        if have is not None and kind != have.get("type"):
            raise PlanError("policy '%s' is a %s policy: Keycloak cannot change the type of a policy; give the new one another name "
                            "(and purge this one)" % (name, have.get("type")))
        if kind in PERMISSION_TYPES:
            raise PlanError("policy '%s' has type '%s': list it in permissions" % (name, kind))
        own = POLICY_FIELDS.get(kind, ())
        foreign = sorted(field for field in TYPED_FIELDS if field in item and field not in own)
        if foreign:
            raise PlanError("policy '%s' of type '%s' takes no %s (%s)" % (
                name, kind, ", ".join(_option(field) for field in foreign),
                "; ".join("%s is of %s policies" % (_option(field), _type_of(field)) for field in foreign)))
        if have is None:
            missing = [field for field in REQUIRED_POLICY_FIELDS.get(kind, ()) if _empty(item.get(field))]
            if missing:
                raise PlanError("policy '%s' of type '%s' needs %s" % (name, kind, " and ".join(_option(field) for field in missing)))
        offered = self.offered_policy_types()
        if kind not in offered and not (offered is KNOWN_POLICY_TYPES and kind.startswith("script-")):
            help_text = "; " + JS_HELP if kind == "js" or kind.startswith("script-") else ""
            raise PlanError("policy '%s': this server offers no policy type '%s' (it offers: %s)%s"
                            % (name, kind, ", ".join(sorted(offered)), help_text))

    def _check_permission(self, item, have):
        name, kind = item["name"], item.get("type")
        if have is not None and kind != have.get("type"):
            raise PlanError("permission '%s' is %s-based: Keycloak cannot change the type of a permission; give the new one another "
                            "name (and purge this one)" % (name, have.get("type")))
        if kind == "resource" and item.get("scopes"):
            raise PlanError("permission '%s' is resource-based and takes no scopes: make it a scope-based one (type: scope)" % name)
        if kind == "scope" and have is None and not item.get("scopes"):
            raise PlanError("permission '%s' is scope-based and needs scopes" % name)
        if kind == "scope" and item.get("resourceType"):
            raise PlanError("permission '%s' is scope-based and takes no resource_type" % name)

    def offered_policy_types(self):
        """The policy types the server offers: one read, when a policy is to be written. For a client that is
        not there yet (check mode, or a client an earlier plan creates), the types every Keycloak has."""
        if not self.client.exists or not self._export or self._new_setup:
            return KNOWN_POLICY_TYPES
        if self._offered is None:
            providers = self.api.get_client_authz_policy_providers(self.client.id) or []
            self._offered = frozenset(provider["type"] for provider in providers if provider.get("type") not in PERMISSION_TYPES)
        return self._offered

    def _check_references(self, final, purged):
        """Every name an object of the final setup uses is in it; a purge never takes away what a kept object uses."""
        names = {
            "scopes": set(item["name"] for item in final["scopes"].values()),
            "resources": set(item["name"] for item in final["resources"].values()),
            "policies": set(item["name"] for item in final["policies"].values()) | set(item["name"] for item in final["permissions"].values()),
        }
        gone = {
            "scopes": set(item["name"] for item in purged["scopes"].values()),
            "resources": set(item["name"] for item in purged["resources"].values()),
            "policies": set(item["name"] for item in purged["policies"].values()) | set(item["name"] for item in purged["permissions"].values()),
        }
        for collection in ("resources", "policies", "permissions"):
            for item in final[collection].values():
                for namespace, name in references(collection, item):
                    if name in names[namespace]:
                        continue
                    user = "%s '%s'" % (WHAT[collection], item_label(collection, item))
                    if name in gone[namespace]:
                        kind = "policy or permission" if namespace == "policies" else WHAT[namespace]
                        raise PlanError(
                            "%s '%s' is not listed and would be purged, but %s uses it (Keycloak would take it off %s, or delete %s with "
                            "it): list it, or change or purge %s" % (kind, name, user, user, user, user))
                    self._assume_authz_object(namespace, name, user)
        for collection, items in self.wanted.items():
            for item in items:
                # Later plans of the same run (the whole-realm apply) may name what this one creates.
                self.context.will_create(self.realm, "authorization " + WHAT[collection], (self.request.key, item["name"]))

    def _assume_authz_object(self, namespace, name, user):
        kind = "authorization " + WHAT[namespace]
        what = "%s '%s' (used by %s)" % ("policy" if namespace == "policies" else WHAT[namespace], name, user)
        self.reference(kind, (self.request.key, name), lambda: None, what=what,
                       hint=": it is neither listed in %s nor on the client" % namespace)

    # ----------------------------------------------------- external names

    def check_external(self, collection, item):
        """Look up, through the planning context, every role, user, group, client and client scope that
        ``item`` adds (what the current object names is known to exist): a missing one fails now."""
        if collection != "policies":
            return
        have = self._have(collection, canonical(item_key(collection, item))) or {}
        known = set((kind, key) for kind, key, _find in self.external_names(have))
        for kind, key, find in self.external_names(item):
            if (kind, key) not in known:
                self.external(kind, key, find)

    def external_names(self, item):
        """``(kind, key, find)`` of every object outside the authorization setup that a policy names;
        ``find()`` gives its ``context.Ref``."""
        name = item.get("name")
        found = []
        for role in item.get("roles") or []:
            found.append(("role", (role.get("clientId") or "", role["name"]), lambda role=role: role_reference(
                self, self.clients, role, what="%s (of policy '%s')" % (_role_what(role), name))))
        for user in item.get("users") or []:
            found.append(("user", user, lambda user=user: self.reference(
                "user", user, lambda: self.api.get_user_id(user), what="user '%s' (of policy '%s')" % (user, name))))
        for group in item.get("groups") or []:
            path = group["path"]
            found.append(("group", path, lambda path=path: self.reference(
                "group", path, lambda: find_group(self.api, path), what="group '%s' (of policy '%s')" % (path, name))))
        for client_id in item.get("clients") or []:
            found.append(("client", client_id, lambda client_id=client_id: self.reference(
                "client", client_id, lambda: self.clients.uuid(client_id), what="client '%s' (of policy '%s')" % (client_id, name))))
        for scope in item.get("clientScopes") or []:
            scope_name = scope["name"]
            found.append(("client scope", scope_name, lambda scope_name=scope_name: self.reference(
                "client scope", scope_name, lambda: self._client_scope(scope_name),
                what="client scope '%s' (of policy '%s')" % (scope_name, name))))
        return found

    def external(self, kind, key, find):
        """The ``Ref`` of an outside object, looked up once per run."""
        if (kind, key) not in self._refs:
            self._refs[(kind, key)] = find()
        return self._refs[(kind, key)]

    def external_ids(self, item, kind):
        """The server ids of the objects of ``kind`` that policy ``item`` names, by key."""
        return dict((key, self.external(kind, key, find).id) for entry_kind, key, find in self.external_names(item) if entry_kind == kind)

    def _client_scope(self, name):
        if self._client_scopes is None or name not in self._client_scopes:
            # Read again for a name not seen: an earlier plan of the run may have created it since.
            self._client_scopes = dict((scope["name"], scope) for scope in self.api.get_client_scopes() or [])
        return self._client_scopes.get(name)

    # ----------------------------------------------------------- writes

    def update(self, context, current, merged, changes):
        payload = dict((field, merged.get(field)) for field in SETTINGS_FIELDS)
        self.api.update_client_authz_resource_server(self.client_uuid(), payload)

    def create(self, context, desired):
        raise PlanError("the authorization services of a client are never created here: enable them with keycloak_client")

    def delete(self, context, current):
        """Remove every object (not the resources users own): permissions first, so Keycloak cascades nothing unplanned.

        An object Keycloak deleted with another one (a permission left without policies) is already gone.
        """
        for collection in ("permissions", "policies", "resources", "scopes"):
            namespace = "policies" if collection == "permissions" else collection
            for item in self.removable(collection):
                object_id = self._lookup(namespace, item["name"], owner=None if collection == "resources" else ())
                if object_id is not None:
                    self._remove_object(collection, object_id)

    def collections(self):
        return dict((name, AuthzObjects(self, name)) for name in COLLECTIONS)

    # ids, read only when something is written

    def _index(self, collection, refresh=False):
        if refresh or collection not in self._ids:
            uuid = self.client_uuid()
            if collection == "scopes":
                index = [(scope["name"], None, scope["id"], None) for scope in self.api.get_client_authz_scopes(uuid) or []]
            elif collection == "resources":
                index = []
                for resource in self.api.get_client_authz_resources(uuid) or []:
                    owner = resource.get("owner") or {}
                    owned = owner.get("id") not in (None, uuid)
                    index.append((resource["name"], ("%s" % owner.get("name")).lower() if owned else None, resource["_id"], None))
            else:
                index = [(policy["name"], None, policy["id"], policy.get("type"))
                         for policy in (self.api.get_client_authz_policies(uuid) or []) + (self.api.get_client_authz_permissions(uuid) or [])]
            self._ids[collection] = index
        return self._ids[collection]

    def _remember(self, collection, name, owner, object_id, kind=None):
        index_name = "policies" if collection == "permissions" else collection
        if index_name in self._ids:
            self._ids[index_name].append((name, owner, object_id, kind))

    def _lookup(self, collection, name, owner=(), refresh=False):
        index_name = "policies" if collection == "permissions" else collection
        matches = [entry for entry in self._index(index_name, refresh) if entry[0] == name]
        if owner != ():
            matches = [entry for entry in matches if entry[1] == owner]
        elif len(matches) > 1:
            # A name alone means the client's own resource first.
            matches = [entry for entry in matches if entry[1] is None] or matches
        return matches[0][2] if len(matches) == 1 else None

    def id_of(self, context, namespace, name, owner=()):
        """The id of the scope, resource or policy/permission ``name``, created first if this run creates it."""
        found = self._lookup(namespace, name, owner)
        if found is not None:
            return found
        for collection in (("policies", "permissions") if namespace == "policies" else (namespace,)):
            for (pending_collection, marker), item in list(self.to_create.items()):
                if pending_collection != collection or item["name"] != name:
                    continue
                if owner != () and item.get("owner") != owner:
                    continue
                self.create_item(context, collection, item)
                return self._lookup(namespace, name, owner)
        # Created by an earlier plan of the run, or by someone else since the list was read.
        found = self._lookup(namespace, name, owner, refresh=True)
        if found is None:
            raise PlanError("%s '%s' does not exist" % (WHAT[namespace], name))
        return found

    def create_item(self, context, collection, item):
        marker = (collection, canonical(item_key(collection, item)))
        if marker in self._created:
            return
        label = "%s '%s'" % (WHAT[collection], item_label(collection, item))
        if marker in [entry[0] for entry in self._creating]:
            chain = " -> ".join(entry[1] for entry in self._creating + [(marker, label)])
            raise PlanError("these objects use each other in a circle, so none can be created first: %s" % chain)
        self._creating.append((marker, label))
        try:
            uuid = self.client_uuid()
            payload = self.payload(context, collection, item)
            if collection == "scopes":
                created = self.api.create_client_authz_scopes(uuid, payload)
                self._remember("scopes", item["name"], None, created.get("id"))
            elif collection == "resources":
                created = self.api.create_client_authz_resource(uuid, payload)
                self._remember("resources", item["name"], item.get("owner"), created.get("_id"))
            elif collection == "policies":
                created = self._create_policy(uuid, item["type"], payload)
                self._remember("policies", item["name"], None, created.get("id"), item["type"])
            elif item["type"] == "scope":
                created = self.api.create_client_authz_scope_permission(payload, uuid)
                self._remember("permissions", item["name"], None, created.get("id"), "scope")
            else:
                created = self.api.create_client_authz_resource_based_permission(uuid, payload)
                self._remember("permissions", item["name"], None, created.get("id"), "resource")
        finally:
            self._creating.pop()
        self._created.add(marker)

    def _create_policy(self, uuid, kind, payload):
        """One POST to the policy type's own endpoint (``policy/role``, ``policy/client``, ``policy/<type>``)."""
        if kind == "role":
            return self.api.create_client_authz_role_based_policy(uuid, payload)
        if kind == "client":
            return self.api.create_client_authz_client_policy(payload, uuid)
        return self.api.create_client_authz_policy_of_type(uuid, kind, payload)

    def update_item(self, context, collection, have, item):
        marker = (collection, canonical(item_key(collection, item)))
        if marker in self._updated:
            return
        self._updated.add(marker)
        merged = merge_item(have, item)
        uuid = self.client_uuid()
        object_id = self.id_of(context, collection if collection != "permissions" else "policies", item["name"],
                               owner=item.get("owner") if collection == "resources" else ())
        payload = self.payload(context, collection, merged)
        if collection == "scopes":
            self.api.update_client_authz_scope(uuid, object_id, dict(payload, id=object_id))
        elif collection == "resources":
            self.api.update_client_authz_resource(uuid, object_id, dict(payload, _id=object_id))
        elif collection == "policies":
            self.api.update_client_authz_policy_of_type(uuid, merged["type"], object_id, dict(payload, id=object_id))
        elif merged["type"] == "scope":
            self.api.update_client_authz_scope_permission(dict(payload, id=object_id), uuid, object_id)
        else:
            self.api.update_client_authz_resource_permission(dict(payload, id=object_id), uuid, object_id)

    def remove_item(self, context, collection, have):
        namespace = "policies" if collection == "permissions" else collection
        # An update that takes this object off another one goes first: Keycloak would delete that one with it.
        for (pending_collection, _marker), (old, item) in list(self.pending_updates.items()):
            if (namespace, have["name"]) in references(pending_collection, old):
                self.update_item(context, pending_collection, old, item)
        object_id = self._lookup(namespace, have["name"], owner=have.get("owner") if collection == "resources" else ())
        if object_id is not None:
            self._remove_object(collection, object_id)

    def _remove_object(self, collection, object_id):
        """Delete one object; one Keycloak deleted already, with another it used (all purged together), is gone."""
        uuid = self.client_uuid()
        if collection == "scopes":
            or_none(self.api.delete_client_authz_scope, uuid, object_id)
        elif collection == "resources":
            or_none(self.api.delete_client_authz_resource, uuid, object_id)
        else:
            or_none(self.api.delete_client_authz_policy, uuid, object_id)

    def payload(self, context, collection, item):
        """The typed representation Keycloak takes, names turned into ids (objects this run creates are created first)."""
        if collection == "scopes":
            return view(dict((key, item.get(key)) for key in ("name", "displayName", "iconUri")))
        if collection == "resources":
            payload = view(dict((key, item.get(key)) for key in ("name", "displayName", "type", "uris", "attributes", "icon_uri", "owner")))
            payload["ownerManagedAccess"] = bool(item.get("ownerManagedAccess"))
            # Keycloak finds a resource's scopes by name (and makes a new scope of a name it does not know, which
            # planning rules out); the id is looked up first so that a scope this run creates exists by then.
            payload["scopes"] = [{"id": self.id_of(context, "scopes", name), "name": name} for name in item.get("scopes") or []]
            payload.setdefault("attributes", {})
            payload.setdefault("uris", [])
            return payload
        payload = view(dict((key, item.get(key)) for key in COMMON_FIELDS))
        if collection == "permissions":
            payload["resources"] = [self.id_of(context, "resources", name) for name in item.get("resources") or []]
            payload["scopes"] = [self.id_of(context, "scopes", name) for name in item.get("scopes") or []]
            payload["policies"] = [self.id_of(context, "policies", name) for name in item.get("policies") or []]
            if item.get("resourceType"):
                payload["resourceType"] = item["resourceType"]
            return payload
        return self._policy_payload(context, item, payload)

    def _policy_payload(self, context, item, payload):
        kind = item["type"]
        if kind == "role":
            ids = self.external_ids(item, "role")
            payload["roles"] = [{"id": ids[(role.get("clientId") or "", role["name"])], "required": bool(role.get("required"))}
                                for role in item.get("roles") or []]
            payload["fetchRoles"] = bool(item.get("fetchRoles"))
        elif kind == "user":
            ids = self.external_ids(item, "user")
            payload["users"] = [ids[user] for user in item.get("users") or []]
        elif kind == "client":
            ids = self.external_ids(item, "client")
            payload["clients"] = [ids[client_id] for client_id in item.get("clients") or []]
        elif kind == "group":
            ids = self.external_ids(item, "group")
            payload["groups"] = [{"id": ids[group["path"]], "extendChildren": bool(group.get("extendChildren"))} for group in item.get("groups") or []]
            if "groupsClaim" in item:
                # Keycloak keeps the claim of a policy written without one: "" removes it.
                payload["groupsClaim"] = item["groupsClaim"]
        elif kind == "client-scope":
            ids = self.external_ids(item, "client scope")
            payload["clientScopes"] = [{"id": ids[scope["name"]], "required": bool(scope.get("required"))} for scope in item.get("clientScopes") or []]
        if kind == "aggregate":
            payload["policies"] = [self.id_of(context, "policies", name) for name in item.get("policies") or []]
        for field in TIME_FIELDS + ("targetClaim", "pattern", "code"):
            if field in POLICY_FIELDS.get(kind, ()) and item.get(field) not in (None, ""):
                payload[field] = item[field]
        if kind == "regex":
            payload["targetContextAttributes"] = bool(item.get("targetContextAttributes"))
        return payload


def _option(field):
    """The option that sets ``field`` (``fetchRoles`` -> ``fetch_roles``)."""
    return "".join("_" + char.lower() if char.isupper() else char for char in field)


def _role_what(role):
    if role.get("clientId"):
        return "client role '%s' of client '%s'" % (role["name"], role["clientId"])
    return "realm role '%s'" % role["name"]


def _type_of(field):
    return [kind for kind, fields in sorted(POLICY_FIELDS.items()) if field in fields][0]


class AuthzObjects(Collection):
    """One of the four lists (scopes, resources, policies, permissions), keyed by name (a resource by name and owner)."""

    ignored = ()

    def __init__(self, handler, name):
        Collection.__init__(self, handler)
        self.name = name

    def key(self, item):
        return item_key(self.name, item)

    def label(self, item):
        return item_label(self.name, item)

    def read(self, current):
        return self.handler.items(self.name)

    def resolve(self, item, current):
        item = self.handler.normalise(self.name, item)
        self.handler.check_external(self.name, item)
        return item

    def differs(self, have, wanted):
        return item_differs(have, wanted)

    def merged(self, have, wanted):
        return merge_item(have, wanted)

    def view(self, item):
        return view(item)

    def add(self, context, item):
        self.handler.create_item(context, self.name, item)

    def update(self, context, have, item):
        self.handler.update_item(context, self.name, have, item)

    def remove(self, context, have):
        self.handler.remove_item(context, self.name, have)


# ------------------------------------------------------------------ reading


def read_client_authz(api, client_id):
    """The whole setup of the client ``client_id`` in the options of ``keycloak_client_authz`` (so it can be applied again),
    or None when there is no such client or it has no authorization services. Two requests (three with client roles)."""
    client_uuid = api.get_client_id(client_id)
    if client_uuid is None:
        return None
    export = read_setup(api, client_uuid, client_id)
    if export is None:
        return None
    items = items_from_export(export, RoleNames(api))
    spec = CLIENT_AUTHZ.option_spec()
    result = {"client_id": client_id}
    result.update(to_options(settings_from_export(export), CLIENT_AUTHZ.settings))
    for collection in COLLECTIONS:
        option = spec[collection]["options"]
        result[collection] = [to_options(view(item), option) for item in sorted(items[collection], key=lambda item, c=collection: canonical(item_key(c, item)))]
    return result


def read_client_authz_resource(api, client_id, resource_id):
    """One resource of client ``client_id`` by its id, or None (no such client or resource).

    Admin events, UMA permission tickets and policy evaluation name resources by id; this says which
    one, in the options of ``keycloak_client_authz``'s ``resources`` plus its ``id``. Two requests.
    """
    client_uuid = api.get_client_id(client_id)
    if client_uuid is None:
        return None
    resource = or_none(api.get_client_authz_resource, client_uuid, resource_id)
    if not resource:
        return None
    owner = resource.get("owner")
    if isinstance(owner, dict) and owner.get("id") == client_uuid:
        # The client itself, the default owner, is no owner to name (as in the export).
        resource = dict(resource, owner=None)
    spec = CLIENT_AUTHZ.option_spec()["resources"]["options"]
    result = to_options(view(resource_from_export(resource)), spec)
    result["id"] = resource.get("_id") or resource.get("id")
    return result


def to_options(representation, spec):
    """``kind.to_representation`` the other way round: the options (snake_case) that give ``representation``."""
    result = {}
    for name, option in spec.items():
        field = field_of(name, option)
        if field not in representation or representation[field] is None:
            continue
        value = representation[field]
        suboptions = option.get("options")
        if suboptions and option.get("type") == "list":
            value = [to_options(entry, suboptions) for entry in value]
        elif suboptions and option.get("type") == "dict":
            value = to_options(value, suboptions)
        result[name] = value
    return result


# ------------------------------------------------------------------ the kind

LOGIC = dict(type="str", choices=["POSITIVE", "NEGATIVE"])
DECISION_STRATEGY = dict(type="str", choices=["UNANIMOUS", "AFFIRMATIVE", "CONSENSUS"])

SCOPE_OPTIONS = dict(
    name=dict(type="str", required=True),
    display_name=dict(type="str"),
    icon_uri=dict(type="str"),
)
RESOURCE_OPTIONS = dict(
    name=dict(type="str", required=True),
    display_name=dict(type="str"),
    type=dict(type="str"),
    uris=dict(type="list", elements="str"),
    scopes=dict(type="list", elements="str"),
    owner=dict(type="str"),
    attributes=dict(type="dict"),
    owner_managed_access=dict(type="bool"),
    # ResourceRepresentation spells this one in snake_case.
    icon_uri=dict(type="str", field="icon_uri"),
)
POLICY_OPTIONS = dict(
    name=dict(type="str", required=True),
    type=dict(type="str", required=True),
    description=dict(type="str"),
    logic=LOGIC,
    decision_strategy=DECISION_STRATEGY,
    roles=dict(type="list", elements="dict", options=dict(
        name=dict(type="str", required=True),
        client_id=dict(type="str"),
        required=dict(type="bool", default=False),
    )),
    fetch_roles=dict(type="bool"),
    users=dict(type="list", elements="str"),
    groups=dict(type="list", elements="dict", options=dict(
        path=dict(type="str", required=True),
        extend_children=dict(type="bool", default=False),
    )),
    groups_claim=dict(type="str"),
    clients=dict(type="list", elements="str"),
    client_scopes=dict(type="list", elements="dict", options=dict(
        name=dict(type="str", required=True),
        required=dict(type="bool", default=False),
    )),
    not_before=dict(type="str"),
    not_on_or_after=dict(type="str"),
    day_month=dict(type="str"),
    day_month_end=dict(type="str"),
    month=dict(type="str"),
    month_end=dict(type="str"),
    year=dict(type="str"),
    year_end=dict(type="str"),
    hour=dict(type="str"),
    hour_end=dict(type="str"),
    minute=dict(type="str"),
    minute_end=dict(type="str"),
    target_claim=dict(type="str"),
    pattern=dict(type="str"),
    target_context_attributes=dict(type="bool"),
    policies=dict(type="list", elements="str"),
    code=dict(type="str"),
)
PERMISSION_OPTIONS = dict(
    name=dict(type="str", required=True),
    type=dict(type="str", required=True, choices=list(PERMISSION_TYPES)),
    description=dict(type="str"),
    logic=LOGIC,
    decision_strategy=DECISION_STRATEGY,
    resources=dict(type="list", elements="str"),
    resource_type=dict(type="str"),
    scopes=dict(type="list", elements="str"),
    policies=dict(type="list", elements="str"),
)

CLIENT_AUTHZ = Kind(
    "client_authz",
    ClientAuthzHandler,
    key="client_id",
    key_field="clientId",
    # The client is never created nor deleted here; no representation (every field of the resource server has its option).
    common=dict(realm=REALM, state=STATE),
    settings=dict(
        client_id=dict(type="str", required=True),
        policy_enforcement_mode=dict(type="str", choices=["ENFORCING", "PERMISSIVE", "DISABLED"]),
        decision_strategy=DECISION_STRATEGY,
        allow_remote_resource_management=dict(type="bool"),
    ),
    items=[
        Items("scopes", "scopes", dict(type="list", elements="dict", options=SCOPE_OPTIONS)),
        Items("resources", "resources", dict(type="list", elements="dict", options=RESOURCE_OPTIONS)),
        Items("policies", "policies", dict(type="list", elements="dict", options=POLICY_OPTIONS)),
        Items("permissions", "permissions", dict(type="list", elements="dict", options=PERMISSION_OPTIONS)),
    ],
)
