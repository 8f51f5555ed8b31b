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
        found = find_target(self.api, self.target_type, self.name)
        if found is None:
            return None
        self.target = found
        return {"id": found, "type": self.target_type, "name": self.name}

    def missing(self):
        """A target that is not there: planned or assumed (check mode) through the context, else an error."""
        what = "%s '%s'" % (TARGET_TYPES[self.target_type][1], self.name)
        self.target = self.reference(TARGET_TYPES[self.target_type][2], self.name, lambda: None, what=what, hint="; nothing was changed")
        return {"id": None, "type": self.target_type, "name": self.name}

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


# ---------------------------------------------------------------- finding a target


def find_target(api, target_type, name):
    """The server id of the target (a service account's user id, a dedicated scope's client id), or None."""
    return _FINDERS[target_type](api, name)


def _find_group(api, path):
    group = find_group(api, path)
    return group.get("id") if group else None


def _find_service_account(api, client_id):
    client_uuid = api.get_client_id(client_id)
    if client_uuid is None:
        return None
    try:
        user = api.get_client_service_account_user(client_uuid)
    except KeycloakError as error:
        # Keycloak answers 400 for a client whose service account is turned off.
        if error.response_code not in (400, 404):
            raise
        user = None
    if user is None:
        raise PlanError("client '%s' has no service account (turn on serviceAccountsEnabled)" % client_id)
    return user["id"]


def _find_client_scope(api, name):
    scope = api.get_client_scope_by_name(name)
    return scope.get("id") if scope else None


_FINDERS = {
    "user": lambda api, name: api.get_user_id(name),
    "group": _find_group,
    "service_account": _find_service_account,
    "dedicated_scope": lambda api, client_id: api.get_client_id(client_id),
    "client_scope": _find_client_scope,
}


# ---------------------------------------------------------------- reading (keycloak_role_mapping_info)

VIEWS = ("direct", "effective", "available")

# Who each view beyond ``direct`` is offered for, for the message when it is not.
OFFERED = {"effective": "users, service accounts and groups", "available": "users and service accounts"}


def group_and_parents(api, group_id):
    """The ids of a group and of each of its parent groups, the group first."""
    groups, parent = [group_id], api.get_group(group_id).get("parentId")
    while parent:
        # By id, not by path: a group's name may hold a slash.
        groups.append(parent)
        parent = api.get_group(parent).get("parentId")
    return groups


def effective_client_roles_of_group(api, groups, owner):
    """The roles of client ``owner`` a group holds directly, through its parent groups or through composites.

    ``groups``: the group's id and its parents' (``group_and_parents``, read once for the whole view).
    Keycloak up to 26.6 counts the parent groups' roles in ``groups/{id}/role-mappings/clients/{client}/composite``;
    26.7 no longer does. The union of that answer over the group and its parents is the same on both.
    """
    seen, roles = set(), []
    for group in groups:
        for role in api.get_composite_client_roles_of_group(owner, group) or []:
            if role["id"] not in seen:
                seen.add(role["id"])
                roles.append(role)
    return roles


def effective_realm_roles_of_group(api, groups):
    """The realm roles a group holds directly, through its parent groups or through composites.

    ``groups``: the group's id and its parents' (``group_and_parents``).

    Keycloak answers this on ``groups/{id}/role-mappings/realm/composite``, but python-keycloak's API
    (which the client follows) has no call for it; so it is computed the way Keycloak does: the direct
    mappings of the group and of each parent, expanded through every composite role they reach.
    """
    todo = []
    for group in groups:
        mappings = api.get_role_mappings("group", group) or {}
        todo.extend(mappings.get("realmMappings") or [])
        for client in (mappings.get("clientMappings") or {}).values():
            todo.extend(client.get("mappings") or [])
    seen, realm_roles = set(), []
    while todo:
        role = todo.pop()
        if role["id"] in seen:
            continue
        seen.add(role["id"])
        if not role.get("clientRole"):
            realm_roles.append(role)
        if role.get("composite"):
            todo.extend(api.get_composite_roles_of_role_by_id(role["id"]) or [])
    return realm_roles


# How each RoleMappings target's roles are read, per view: (realm roles, roles of client ``owner``), each
# ``(api, target_id, [owner])``, and for ``direct`` also every mapping in one request. A view a target
# lacks is one python-keycloak's API (which the client follows) has no call for.
READS = {
    "user": {
        "all": lambda api, target: api.get_all_roles_of_user(target),
        "direct": (lambda api, target: api.get_realm_roles_of_user(target),
                   lambda api, target, owner: api.get_client_roles_of_user(target, owner)),
        "effective": (lambda api, target: api.get_composite_realm_roles_of_user(target),
                      lambda api, target, owner: api.get_composite_client_roles_of_user(target, owner, brief_representation=True)),
        "available": (lambda api, target: api.get_available_realm_roles_of_user(target),
                      lambda api, target, owner: api.get_available_client_roles_of_user(target, owner)),
    },
    "group": {
        "all": lambda api, target: api.get_role_mappings("group", target),
        "direct": (lambda api, target: api.get_group_realm_roles(target),
                   lambda api, target, owner: api.get_group_client_roles(target, owner)),
        "effective": (effective_realm_roles_of_group, effective_client_roles_of_group),
    },
    "client": {
        "all": lambda api, target: api.get_role_mappings("client", target),
        "direct": (lambda api, target: api.get_realm_roles_of_client_scope(target),
                   lambda api, target, owner: api.get_client_roles_of_client_scope(target, owner)),
    },
    "client_scope": {
        "all": lambda api, target: api.get_all_roles_of_client_scope(target),
        # No call of python-keycloak's API reads only a client scope's realm roles: the generic one does.
        "direct": (lambda api, target: api.get_mapped_roles("client_scope", target),
                   lambda api, target, owner: api.get_client_specific_roles_of_client_scope(target, owner)),
    },
}


# What the reads of a (target, view) take instead of the target's id: a group's effective view reads the
# group and its parents, whose ids are read once for the realm roles and every client's.
SUBJECTS = {("group", "effective"): group_and_parents}


def read_role_mappings(api, target_type, name, view="direct", clients=None):
    """The roles of one target in ``view``: ``{"id", "realm_roles": [names], "client_roles": {clientId: [names]}}``.

    ``clients`` (clientIds) limits the client roles to those clients, each of which is then a key; left
    out, ``direct`` returns every client with mappings (one request in all) and the other views none.
    """
    mapping_target, what, _kind = TARGET_TYPES[target_type]
    reads = READS[mapping_target]
    if view not in reads:
        raise PlanError("view '%s' is not offered for %s '%s': the admin client (python-keycloak's API) reads it for %s only"
                        % (view, what, name, OFFERED[view]))
    target_id = find_target(api, target_type, name)
    if target_id is None:
        raise PlanError("%s '%s' does not exist in realm '%s'" % (what, name, api.get_current_realm()))
    if view == "direct" and clients is None:
        mappings = reads["all"](api, target_id) or {}
        client_roles = dict(
            (client_id, _names(client.get("mappings"))) for client_id, client in (mappings.get("clientMappings") or {}).items()
        )
        return _result(target_id, _names(mappings.get("realmMappings")), client_roles)
    realm_roles_of, client_roles_of = reads[view]
    subject = SUBJECTS[(mapping_target, view)](api, target_id) if (mapping_target, view) in SUBJECTS else target_id
    client_roles = {}
    for client_id in unique(clients or []):
        owner = api.get_client_id(client_id)
        if owner is None:
            raise PlanError("client '%s' does not exist in realm '%s'" % (client_id, api.get_current_realm()))
        client_roles[client_id] = _names(client_roles_of(api, subject, owner))
    return _result(target_id, _names(realm_roles_of(api, subject)), client_roles)


def _names(roles):
    return sorted(role["name"] for role in roles or [])


def _result(target_id, realm_roles, client_roles):
    return {"id": target_id, "realm_roles": realm_roles, "client_roles": dict(sorted(client_roles.items()))}


INFO_ARGUMENT_SPEC = dict(
    realm=dict(type="str", default="master"),
    user=dict(type="str"),
    group=dict(type="str"),
    service_account_of=dict(type="str"),
    dedicated_scope_of=dict(type="str", aliases=["scope_mappings_of"]),
    client_scope=dict(type="str"),
    view=dict(type="str", choices=list(VIEWS), default="direct"),
    clients=dict(type="list", elements="str"),
)
INFO_OPTIONS = dict(required_one_of=[list(TARGET_OPTIONS)], mutually_exclusive=[list(TARGET_OPTIONS)])
INFO_EMPTY = {"id": None, "realm_roles": [], "client_roles": {}}


def describe_role_mappings(api, params):
    """The whole body of keycloak_role_mapping_info, from its params."""
    option = [name for name in TARGET_OPTIONS if params.get(name) is not None][0]
    result = read_role_mappings(api, TARGET_OPTIONS[option], params[option], params["view"], params.get("clients"))
    return dict(result, changed=False)


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
        # community.general's keycloak_user_rolemapping names the same things so.
        user=dict(type="str", aliases=["target_username"]),
        group=dict(type="str"),
        service_account_of=dict(type="str", aliases=["service_account_user_client_id"]),
        dedicated_scope_of=dict(type="str", aliases=["scope_mappings_of"]),
        client_scope=dict(type="str"),
        realm_roles=dict(type="list", elements="str"),
        client_roles=dict(type="list", elements="dict", options=dict(CLIENT_ROLES)),
        state=dict(type="str", choices=["present", "absent", "exact"], default="present"),
    ),
    request=_request,
    module=dict(required_one_of=[list(TARGET_OPTIONS), ["realm_roles", "client_roles"]], mutually_exclusive=[list(TARGET_OPTIONS)]),

    peers=dict(
        uid="the user is named by its username: set user",
        group_name="the group is named by its path: set group (group_name backend with parents [engineering] is "
                   "group: /engineering/backend)",
        gid="the group is named by its path: set group",
        parents="the group is named by its path: set group",
        cid="client roles are listed in client_roles: [{client_id, roles: [names]}]",
        client_id="client roles are listed in client_roles: [{client_id, roles: [names]}]",
        roles="realm roles are listed in realm_roles: [names], client roles in client_roles: [{client_id, roles: [names]}]",
    ),
)
