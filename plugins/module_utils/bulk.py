# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading many objects of one kind at once, for a run that plans many of them (a whole-realm document).

A user plan reads, per user, the user (two requests: the id by username, then the user), its groups and
its role mappings: five requests a user, 5,000 for a realm of 1,000 users, although nothing changed. A
``UserSnapshot`` reads the same from the cheaper side instead: every user page by page, the members of
each group and the holders of each role (``/groups/{id}/members``, ``/roles/{name}/users``), so the
requests grow with the number of groups and roles and the pages of users, not with the users one by one.

``RoleSnapshot`` and ``GroupSnapshot`` do the same for roles (a list per container) and groups (page by page),
``ListSnapshot`` for clients, client scopes and identity providers (one list each).
New objects of many kinds are created through Keycloak's partial import (``import_plans``).

A snapshot is only read while a run plans (``PlanContext.snapshot``): every read of the writes that follow
(a read right before an update, the verification after it, the state read back) goes to the server.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import sys

from .resources.common import parent_path

# Users per page of the snapshot's reads (Keycloak caps nothing below this; python-keycloak pages by 100).
PAGE = 500


def each(calls, workers=1):
    """The answers of ``calls`` (functions of no argument), in their order, up to ``workers`` of them running at once
    (threads: each waits on Keycloak, which answers several requests at a time). The first error is raised once every
    call has ended."""
    calls = list(calls)
    if workers <= 1 or len(calls) <= 1:
        return [call() for call in calls]
    from concurrent.futures import ThreadPoolExecutor  # Python 3; a single worker needs none

    with ThreadPoolExecutor(max_workers=min(workers, len(calls))) as pool:
        futures = [pool.submit(call) for call in calls]
    return [future.result() for future in futures]


def pages(call, query=None, size=PAGE, workers=1):
    """Every item of a paged list: ``call(query)`` with ``first``/``max`` walked until a page comes back short. The first
    page alone (a list that fits one page costs one request), then ``workers`` pages at a time (the last round may ask
    for pages past the end: they come back empty)."""
    items = []
    for page in each_page(call, query, size, workers):
        items.extend(page)
    return items


def each_page(call, query=None, size=PAGE, workers=1):
    """The pages of ``pages``, one at a time, for a reader that keeps less than every item."""
    first, at_once = 0, 1
    while True:
        found = each([lambda first=first + number * size: call(dict(query or {}, first=first, max=size)) or [] for number in range(at_once)],
                     workers)
        for page in found:
            yield page
            if len(page) < size:
                return
        first += size * len(found)
        at_once = max(workers, 1)


def role_key(client_id, name=""):
    """How ``UserSnapshot``'s ``roles`` names a role: ``(clientId or "", name)``, both lower-cased (a few more roles read,
    never one too few)."""
    return (("%s" % (client_id or "")).lower(), ("%s" % name).lower())


class UserSnapshot:
    """Every user of a realm, with the groups each is a direct member of and its direct role mappings.

    ``roles`` (a set of ``role_key``), when given, limits the role mappings to those roles: the holders of the others are
    not read. A run that only adds the roles its document lists needs no more; the realm's default role, which every user
    holds (at 100,000 users, 200 pages that Keycloak sorts by username each time), is then read only when listed.

    ``user(username)`` answers as ``get_user`` does (None when there is no such user), ``groups(user_id)``
    as ``get_user_groups``, ``role_mappings(user_id)`` as ``get_role_mappings("user", id)``. A user's
    representation comes from the user list (``briefRepresentation=false``): the same fields as
    ``get_user`` but ``access``, which the list gives shortened.
    """

    def __init__(self, api, workers=1, roles=None):
        self._users = {}
        # Per user id, the indexes of its groups in ``_group_list`` and of its roles in ``_role_list``: a few bytes a
        # membership, where a dict each (at 100,000 users, tens of megabytes) would be.
        self._groups = {}
        self._group_list = []
        self._mappings = {}
        self._role_list = []
        self._read_users(api, workers)
        self._read_groups(api, workers)
        self._read_roles(api, workers, roles)

    def _read_users(self, api, workers):
        # Each user kept as its JSON text, a third of its size as Python objects, and decoded when asked for: a realm of
        # many users is held once, compactly, beside the document that names them.
        for page in each_page(api.get_users, {"briefRepresentation": False}, workers=workers):
            for user in page:
                self._users[("%s" % user.get("username", "")).lower()] = json.dumps(user, separators=(",", ":"))

    @staticmethod
    def _member_ids(call):
        """The ids of a list of users (a group's members, a role's holders), page by page: a page of users at a time, not
        all of them (a role every user holds lists the whole realm). One string per id, however many lists name it."""
        return lambda: [sys.intern(member["id"]) for page in each_page(call, {"briefRepresentation": True}) for member in page]

    @staticmethod
    def _add(table, user_ids, index):
        # ``index`` is one int object for every user of the list (an int above 256 is not shared by Python otherwise).
        for user_id in user_ids:
            table.setdefault(user_id, []).append(index)

    def _read_groups(self, api, workers):
        def walk(group):
            self._group_list.append(dict((field, group.get(field)) for field in ("id", "name", "path")))
            for child in group.get("subGroups") or []:
                walk(child)

        # Every level at once: one request for the top-level groups' pages, one per group that has subgroups.
        for group in api.get_groups({"briefRepresentation": True}, full_hierarchy=True) or []:
            walk(group)
        members = each([self._member_ids(lambda query, uuid=group["id"]: api.get_group_members(uuid, query)) for group in self._group_list],
                       workers)
        for index, found in enumerate(members):
            self._add(self._groups, found, index)
        _freeze(self._groups)

    def _read_roles(self, api, workers, roles):
        def asked(client_id, name):
            return roles is None or role_key(client_id, name) in roles

        # Only the clients a listed role belongs to have their roles listed (none when no client role is listed).
        owners = None if roles is None else set(owner for owner, _name in roles if owner)
        clients = (api.get_clients() or []) if owners is None or owners else []
        realm_roles = [role for role in api.get_realm_roles(brief_representation=True) or [] if asked(None, role["name"])]
        client_roles = [(client, role) for client in clients if owners is None or role_key(client["clientId"])[0] in owners
                        for role in api.get_client_roles(client["id"], brief_representation=True) or []
                        if asked(client["clientId"], role["name"])]
        self._role_list = [(None, role) for role in realm_roles] + client_roles
        found = each([self._member_ids(lambda query, name=role["name"]: api.get_realm_role_members(name, query)) for role in realm_roles]
                     + [self._member_ids(lambda query, uuid=client["id"], name=role["name"]: api.get_client_role_members(uuid, name, **query))
                        for client, role in client_roles], workers)
        for index, user_ids in enumerate(found):
            self._add(self._mappings, user_ids, index)
        _freeze(self._mappings)

    def __len__(self):
        return len(self._users)

    def users(self):
        """Every user's representation, by username, decoded one at a time (an iterator: the snapshot is not held twice)."""
        for name in sorted(self._users):
            yield json.loads(self._users[name])

    def user(self, username):
        """The user of ``username`` (case does not matter: Keycloak keeps usernames lower-cased), or None; a copy of
        its own."""
        found = self._users.get(("%s" % username).lower())
        return None if found is None else json.loads(found)

    def groups(self, user_id):
        """The groups ``user_id`` is a direct member of (``id``, ``name``, ``path``)."""
        return [dict(self._group_list[index]) for index in self._groups.get(user_id) or ()]

    def role_mappings(self, user_id):
        """The direct role mappings of ``user_id``, shaped as ``get_role_mappings`` answers."""
        mappings = {"realmMappings": [], "clientMappings": {}}
        for index in self._mappings.get(user_id) or ():
            client, role = self._role_list[index]
            if client is None:
                mappings["realmMappings"].append(role)
            else:
                mappings["clientMappings"].setdefault(client["clientId"], {"id": client["id"], "client": client["clientId"], "mappings": []})[
                    "mappings"].append(role)
        return mappings


def _freeze(table):
    """Each list of ``table`` as a tuple, which holds the same in less."""
    for key, value in table.items():
        table[key] = tuple(value)


class RoleSnapshot:
    """Every realm role, and the roles of each client asked about, each list read once (``briefRepresentation=false``:
    the same RoleRepresentation as a read by name, attributes included)."""

    def __init__(self, api):
        self._api = api
        self._realm = dict((role["name"], role) for role in api.get_realm_roles(brief_representation=False) or [])
        self._clients = {}

    def realm_role(self, name):
        """As ``get_realm_role`` answers (None when there is no such role)."""
        return copy.deepcopy(self._realm.get(name))

    def client_role(self, client_uuid, name):
        """As ``get_client_role`` answers (None when the client has no such role)."""
        if client_uuid not in self._clients:
            self._clients[client_uuid] = dict((role["name"], role) for role in
                                              self._api.get_client_roles(client_uuid, brief_representation=False) or [])
        return copy.deepcopy(self._clients[client_uuid].get(name))


class GroupSnapshot:
    """Every group of the realm, subgroups included, read page by page (``briefRepresentation=false``: attributes and
    role mappings, as a read by path gives them, which is what a group plan compares).

    ``group(path)`` answers as ``get_group_by_path``, but for the embedded ``subGroups`` and ``access`` (neither is
    compared). A realm with a group whose name holds a ``/`` has paths the snapshot cannot match: then ``complete`` is
    false and a path it does not hold is read from the server.
    """

    def __init__(self, api):
        self._groups = {}
        self.complete = True

        def walk(group):
            self._groups[group.get("path")] = group
            if "/" in (group.get("name") or ""):
                self.complete = False
            for child in group.get("subGroups") or []:
                walk(child)

        for group in api.get_groups({"briefRepresentation": False}, full_hierarchy=True) or []:
            walk(group)

    def knows(self, path):
        """True when the snapshot answers for ``path`` (found, or surely absent)."""
        return path in self._groups or self.complete

    def group(self, path):
        found = self._groups.get(path)
        if found is None:
            return None
        return dict((field, copy.deepcopy(value)) for field, value in found.items() if field not in ("subGroups", "access"))


class ListSnapshot:
    """Every object of one list read once (clients, client scopes, identity providers: the list answer carries each one as
    a read of it does), by its natural key ``field``."""

    def __init__(self, items, field):
        self._items = dict((item.get(field), item) for item in items or [])

    def get(self, key):
        """As a read by key answers (None when there is no such object)."""
        return copy.deepcopy(self._items.get(key))


# ------------------------------------------------------------------ creating many objects

# Objects per partial import request: one request of 10,000 users fails on the server's transaction timeout; batches of
# 200 came within a few percent of the fastest in the measurements of issue 19.
IMPORT_BATCH = 200
# The collection actions a new object's import carries (besides "created"), per kind: a purge of a new object's list
# (it has nothing to remove but what the server gives it, which the import does not give) and the items it lists.
_USER_ACTIONS = ("groups not listed removed", "federatedIdentities not listed removed")
_GROUP_ACTIONS = ("roleMappings not listed removed",)
_ROLE_ACTIONS = ("composites not listed removed",)
# A new client's scope links: the import sends both lists whole (see ``imported_client``). A purge of its mappers or scope
# mappings has nothing to remove (Keycloak gives a client without a service account none).
_CLIENT_ACTIONS = ("defaultClientScopes not listed removed", "optionalClientScopes not listed removed", "scopeMappings not listed removed",
                   "protocolMappers not listed removed")
_CLIENT_ADDS = ("defaultClientScopes '", "optionalClientScopes '")


def importable(plan):
    """True for a plan that Keycloak's partial import writes exactly as the plan's own writes would: a new object
    whose writes are its create and what the import carries with it.

    * a user: its role mappings (groups and identity-provider links go in the create), without a temporary password
      (Keycloak's create adds UPDATE_PASSWORD for one; an import may not);
    * a realm or client role without composites (they may name roles created later in the run);
    * a top-level group, with its role mappings (a subgroup goes under a parent an import cannot name);
    * an OpenID Connect client with its protocol mappers and scope links, without a service account or authorization
      services (Keycloak's create gives those roles, scopes and policies that an import does not), and, where it names
      its protocol, not one whose redirect URIs or admin URL Keycloak's create would derive from ``rootUrl``;
    * an identity provider without mappers (the create checks their types against the provider's first).
    """
    if plan.operation != "create":
        return False
    kind = plan.handler.kind
    described = [action.description for action in plan.actions]
    if kind == "user":
        if any(isinstance(credential, dict) and credential.get("temporary") for credential in (plan.after or {}).get("credentials") or []):
            return False
        # A purge of a new user's groups takes away the realm's default groups, which the import does not add; it has no
        # identity-provider links to take away.
        return all(what in ("created",) + _USER_ACTIONS or what.startswith("roleMappings ") for what in described)
    if kind == "role":
        return (not plan.handler.flags.get("id") and not (plan.after or {}).get("composites")
                and all(what in ("created",) + _ROLE_ACTIONS for what in described))
    if kind == "group":
        return (parent_path(plan.key) is None and not plan.handler.missing_parents
                and all(what in ("created",) + _GROUP_ACTIONS or what.startswith("roleMappings '") for what in described))
    if kind == "client":
        payload = plan.create_payload or {}
        if payload.get("protocol", "openid-connect") != "openid-connect":
            return False
        if payload.get("serviceAccountsEnabled") or payload.get("authorizationServicesEnabled"):
            return False
        if payload.get("protocol") and payload.get("rootUrl") and not (payload.get("redirectUris") and payload.get("adminUrl") is not None):
            return False
        return all(what in ("created",) + _CLIENT_ACTIONS or what.startswith(_CLIENT_ADDS) for what in described)
    if kind == "identity provider":
        # A purge of a new provider's mappers has nothing to remove.
        return not (plan.create_payload or {}).get("mappers") and all(what in ("created", "mappers not listed removed") for what in described)
    return False


def batch_of(plan):
    """Which import a plan joins: ``("user",)``, ``("group",)``, ``("role", None)`` for realm roles, ``("role", clientId)``
    for a client's roles (a client's roles go in when the client exists, right after it)."""
    kind = plan.handler.kind
    if kind == "role":
        return ("role", plan.handler.client_id)
    return (kind,)


def _scope_defaults(api):
    """``{protocol: (default scope names, optional scope names)}``: the scopes a new client gets from the realm."""
    protocols = dict((scope["name"], scope.get("protocol") or "openid-connect") for scope in api.get_client_scopes() or [])
    found = {}
    for index, scopes in enumerate((api.get_default_default_client_scopes(), api.get_default_optional_client_scopes())):
        for scope in scopes or []:
            found.setdefault(protocols.get(scope["name"], "openid-connect"), ([], []))[index].append(scope["name"])
    return found


def _realm_defaults(api, realm):
    """What Keycloak gives every user created through the admin API (and not one created by an import)."""
    default_role = (api.get_realm(realm).get("defaultRole") or {}).get("name") or "default-roles-%s" % realm.lower()
    return {
        "role": default_role,
        "groups": [group["path"] for group in api.get_realm_default_groups() or []],
        "requiredActions": [action["alias"] for action in api.get_required_actions() or []
                            if action.get("enabled") and action.get("defaultAction")],
    }


def _roles_by_kind(roles):
    """``(realm role names, {clientId: [names]})`` of a list of ``{name, clientId}``."""
    realm_roles = [role["name"] for role in roles if not role.get("clientId")]
    client_roles = {}
    for role in roles:
        if role.get("clientId"):
            client_roles.setdefault(role["clientId"], []).append(role["name"])
    return realm_roles, client_roles


def imported_user(plan, defaults):
    """The UserRepresentation that partial import turns into the user the plan's own writes would make.

    The create through the admin API adds the realm's default role, default groups and default required actions;
    the plan then adds the listed roles, removes what a purge does not list, and sets the listed required actions.
    """
    user = dict(plan.after)
    purge = plan.handler.request.purge
    roles = user.pop("roleMappings", None) or []
    groups = list(user.pop("groups", None) or [])
    if not purge.get("groups"):
        groups += [path for path in defaults["groups"] if path not in groups]
    realm_roles, client_roles = _roles_by_kind(roles)
    if not purge.get("roleMappings") and defaults["role"] not in realm_roles:
        realm_roles.append(defaults["role"])
    user.update(groups=groups, realmRoles=realm_roles, clientRoles=client_roles)
    if "requiredActions" not in user:
        user["requiredActions"] = list(defaults["requiredActions"])
    return user


def imported_group(plan):
    """The GroupRepresentation of a new top-level group, its role mappings included (the admin API's create adds none).
    Its ``path`` is needed: Keycloak finds the imported group by it afterwards (a bare 500 without it)."""
    group = dict((field, value) for field, value in plan.after.items() if field != "roleMappings")
    realm_roles, client_roles = _roles_by_kind(plan.after.get("roleMappings") or [])
    group.update(realmRoles=realm_roles, clientRoles=client_roles, subGroups=[])
    return group


def imported_client(plan, scopes):
    """The ClientRepresentation that partial import turns into the client the plan's own writes would make.

    Its create gets the realm's default scopes, then the plan purges the lists it purges and links the listed scopes (a
    scope listed in one list leaves the other). An import that names both lists links exactly those. A create that names
    the protocol gets the defaults Keycloak's create fills in where the plan sets none (``ClientHandler.imported``).
    """
    client = plan.handler.imported(plan.create_payload)
    protocol = client.get("protocol") or "openid-connect"
    purge = plan.handler.request.purge
    wanted = dict((name, (plan.after or {}).get(name)) for name in ("defaultClientScopes", "optionalClientScopes"))
    realm_lists = scopes.get(protocol, ([], []))
    for index, (name, other) in enumerate((("defaultClientScopes", "optionalClientScopes"), ("optionalClientScopes", "defaultClientScopes"))):
        # A purge of a list the client does not list is none (the engine purges only what a task lists).
        kept = [] if purge.get(name) and wanted[name] is not None else [scope for scope in realm_lists[index] if scope not in (wanted[other] or [])]
        client[name] = kept + [scope for scope in wanted[name] or [] if scope not in kept]
    return client


def imported_role(plan):
    """The RoleRepresentation of a new role without composites, as the admin API's create gets it."""
    return dict((field, value) for field, value in plan.after.items() if field != "composites")


def _payload(batch, plans, defaults):
    if batch[0] == "user":
        return {"users": [imported_user(plan, defaults) for plan in plans]}
    if batch[0] == "group":
        return {"groups": [imported_group(plan) for plan in plans]}
    if batch[0] == "client":
        return {"clients": [imported_client(plan, defaults) for plan in plans]}
    if batch[0] == "identity provider":
        # As the provider's create sends it: its mappers (none, see ``importable``) are not part of it.
        return {"identityProviders": [dict((field, value) for field, value in plan.create_payload.items() if field != "mappers")
                                      for plan in plans]}
    roles = [imported_role(plan) for plan in plans]
    return {"roles": {"client": {batch[1]: roles}} if batch[1] else {"realm": roles}}


def import_plans(api, realm, batch, plans, size=IMPORT_BATCH, workers=1):
    """Create the objects of ``plans`` (``importable`` ones, all of ``batch``) through partial import, ``size`` a
    request (never ``OVERWRITE``: it deletes and re-creates), up to ``workers`` requests at once. Returns the plans
    written; each one's ``done`` lists its writes.

    Keycloak imports a request in one transaction: a request it refuses (a password its policy refuses answers a bare
    500; an object made meanwhile by another writer, a 409) wrote nothing, and its objects are left to the plans' own
    writes, which name the object Keycloak refuses, or join the one another writer made.
    """
    from .client.exceptions import KeycloakError  # the client is the engine's; no import cycle at load time

    if batch[0] == "client" and plans and (api.get_client_policies() or {}).get("policies"):
        # A client policy acts on a client the admin API creates, not on one an import makes.
        return []
    defaults = None
    if batch[0] == "user" and plans:
        defaults = _realm_defaults(api, realm)
    elif batch[0] == "client" and plans:
        defaults = _scope_defaults(api)
    parts = [plans[start:start + size] for start in range(0, len(plans), size)]

    def send(part):
        try:
            api.partial_import_realm(realm, dict(_payload(batch, part, defaults), ifResourceExists="FAIL"))
        except KeycloakError:
            return False
        return True

    written = []
    for part, imported in zip(parts, each([lambda part=part: send(part) for part in parts], workers)):
        if imported:
            for plan in part:
                plan.written_elsewhere()
                written.append(plan)
    return written
