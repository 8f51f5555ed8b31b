# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Role mappings of a user, a group, a client's scope or a client scope, as one collection.

All four answer the same shape on ``.../role-mappings`` (``.../scope-mappings``):
``realmMappings`` and ``clientMappings`` by clientId, so one read gives every mapping; the plan
reads that way. Writes go through the client's call for each target and role kind (``WRITES``).
An item is ``{"name": role, "clientId": client or None}``; ``clientId`` None is a realm role.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..engine import Collection
from ..context import Ref
from .common import ClientIds, or_none, role_item

# Targets of ``api.get_role_mappings``: user, group, client (its dedicated scope), client_scope.
TARGETS = ("user", "group", "client", "client_scope")

# How a target's mappings are written: target -> verb -> (realm roles, roles of client ``owner``), each
# ``(api, target_id, [owner,] roles)``. python-keycloak's API names a call for every pair but one: the
# realm roles of a client scope (``client-scopes/{id}/scope-mappings/realm``) go through the generic call.
WRITES = {
    "user": {
        "add": (lambda api, target, roles: api.assign_realm_roles(target, roles),
                lambda api, target, owner, roles: api.assign_client_role(target, owner, roles)),
        "remove": (lambda api, target, roles: api.delete_realm_roles_of_user(target, roles),
                   lambda api, target, owner, roles: api.delete_client_roles_of_user(target, owner, roles)),
    },
    "group": {
        "add": (lambda api, target, roles: api.assign_group_realm_roles(target, roles),
                lambda api, target, owner, roles: api.assign_group_client_roles(target, owner, roles)),
        "remove": (lambda api, target, roles: api.delete_group_realm_roles(target, roles),
                   lambda api, target, owner, roles: api.delete_group_client_roles(target, owner, roles)),
    },
    # A client's own scope (clients/{id}/scope-mappings), which python-keycloak calls the client's "client scope".
    "client": {
        "add": (lambda api, target, roles: api.assign_realm_roles_to_client_scope(target, roles),
                lambda api, target, owner, roles: api.assign_client_roles_to_client_scope(target, owner, roles)),
        "remove": (lambda api, target, roles: api.delete_realm_roles_of_client_scope(target, roles),
                   lambda api, target, owner, roles: api.delete_client_roles_of_client_scope(target, owner, roles)),
    },
    "client_scope": {
        "add": (lambda api, target, roles: api.add_role_mappings("client_scope", target, roles),
                lambda api, target, owner, roles: api.add_client_specific_roles_to_client_scope(target, owner, roles)),
        "remove": (lambda api, target, roles: api.delete_role_mappings("client_scope", target, roles),
                   lambda api, target, owner, roles: api.remove_client_specific_roles_of_client_scope(target, owner, roles)),
    },
}


class RoleMappings(Collection):
    """Realm and client roles mapped to one target.

    ``target_id(context, current)`` gives the target's server id: by default the
    handler's resource id, for a service account the account user's id. Roles are
    referenced through the run's planning context, so a role an earlier plan creates
    counts as existing.
    """

    name = "roleMappings"
    ignored = ()

    def __init__(self, handler, target, name=None, target_id=None):
        Collection.__init__(self, handler)
        if target not in TARGETS:
            raise ValueError("unknown role mapping target %r" % target)
        self.target = target
        if name:
            self.name = name
        self._target_id = target_id
        self.clients = ClientIds(self.api)
        self._roles = {}
        self._read = {}

    # ------------------------------------------------------------ identity

    def key(self, item):
        return (item.get("clientId") or "", item["name"])

    def label(self, item):
        return "%s/%s" % (item["clientId"], item["name"]) if item.get("clientId") else item["name"]

    def view(self, item):
        return {"name": item["name"], "clientId": item.get("clientId")}

    def differs(self, have, wanted):
        return False

    def merged(self, have, wanted):
        return have

    def target_id(self, context, current):
        if self._target_id is not None:
            return self._target_id(context, current)
        return context.get("id") if context else (current or {}).get("id")

    # ---------------------------------------------------------------- read

    def read(self, current):
        """The target's mappings: one request, remembered for the plan (``resolve`` reads first)."""
        target_id = self.target_id(None, current)
        if target_id is None:
            return []
        if target_id not in self._read:
            self._read[target_id] = self._read_mappings(target_id)
        return list(self._read[target_id])

    def _read_mappings(self, target_id):
        # A user's mappings come from the snapshot of the realm's users while a run that plans many users plans.
        snapshot = self.handler.snapshot() if self.target == "user" and hasattr(self.handler, "snapshot") else None
        mappings = (snapshot.role_mappings(target_id) if snapshot is not None else self.api.get_role_mappings(self.target, target_id)) or {}
        items = []
        for role in mappings.get("realmMappings") or []:
            items.append(role_item(role["name"]))
            self._roles[("", role["name"])] = Ref("role", role["name"], value=role)
        for client_id, client in (mappings.get("clientMappings") or {}).items():
            self.clients.remember(client_id, client.get("id"))
            for role in client.get("mappings") or []:
                items.append(role_item(role["name"], client_id))
                self._roles[(client_id, role["name"])] = Ref("role", (client_id, role["name"]), value=role)
        return items

    # -------------------------------------------------------------- checks

    def resolve(self, item, current):
        """Find the role now, so a missing role or client fails before any write.

        The target's mappings are read first: a role already mapped is known from that read,
        so an unchanged run looks up no role.
        """
        item = role_item(item["name"], item.get("clientId"))
        if current is not None:
            self.read(current)
        self.role(item)
        return item

    def role(self, item):
        """The role of ``item`` (a ``Ref`` for one not mapped yet)."""
        key = self.key(item)
        if key not in self._roles:
            self._roles[key] = role_reference(self.handler, self.clients, item)
        return self._roles[key]

    # -------------------------------------------------------------- writes

    def _send(self, verb, context, item):
        target_id = self.target_id(context, context.get("current"))
        role = self.role(item).value
        payload = [{"id": role["id"], "name": role["name"]}]
        realm_roles, client_roles = WRITES[self.target][verb]
        if item.get("clientId"):
            client_roles(self.api, target_id, self.clients.uuid(item["clientId"]), payload)
        else:
            realm_roles(self.api, target_id, payload)

    def add(self, context, item):
        self._send("add", context, item)

    def remove(self, context, have):
        self._send("remove", context, have)


def role_reference(handler, clients, item, what=None):
    """A ``Ref`` to the realm role or client role of ``item`` (``{name, clientId}``), through the planning context."""
    name, client_id = item["name"], item.get("clientId")
    # The run keeps a reference for the plans after this one: its lookup holds the client, not the plan that made it.
    api = handler.api
    if client_id:
        handler.reference("client", client_id, lambda: clients.uuid(client_id), what="client '%s' (of role '%s')" % (client_id, name))
        return handler.reference(
            "role",
            (client_id, name),
            lambda: or_none(api.get_client_role, clients.uuid(client_id), name) if clients.uuid(client_id) else None,
            what=what or "client role '%s' of client '%s'" % (name, client_id),
        )
    return handler.reference("role", ("", name), lambda: or_none(api.get_realm_role, name), what=what or "realm role '%s'" % name)
