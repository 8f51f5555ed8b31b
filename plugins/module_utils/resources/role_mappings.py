# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Role mappings of a user, a group, a client's scope or a client scope, as one collection.

All four answer the same shape on ``.../role-mappings`` (``.../scope-mappings``):
``realmMappings`` and ``clientMappings`` by clientId, so one read gives every mapping.
An item is ``{"name": role, "clientId": client or None}``; ``clientId`` None is a realm role.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..client import urls
from ..engine import Collection, PlanError
from .common import or_none

# target kind -> (all mappings, realm-level mappings, client-level mappings, id parameter)
TARGETS = {
    "user": (urls.USER_ROLE_MAPPINGS, urls.USER_REALM_ROLES, urls.USER_CLIENT_ROLES, "user_id"),
    "group": (urls.GROUP_ROLE_MAPPINGS, urls.GROUP_REALM_ROLES, urls.GROUP_CLIENT_ROLES, "group_id"),
    "client": (urls.CLIENT_SCOPE_MAPPINGS, urls.CLIENT_SCOPE_MAPPINGS_REALM, urls.CLIENT_SCOPE_MAPPINGS_CLIENT, "client_id"),
    "client_scope": (
        urls.CLIENT_SCOPE_ROLE_MAPPINGS,
        urls.CLIENT_SCOPE_ROLE_MAPPINGS_REALM,
        urls.CLIENT_SCOPE_ROLE_MAPPINGS_CLIENT,
        "client_scope_id",
    ),
}


def role_item(name, client_id=None):
    return {"name": name, "clientId": client_id}


class RoleMappings(Collection):
    """Realm and client roles mapped to one target.

    ``target_id(context, current)`` gives the target's server id: by default the
    handler's resource id, for a service account the account user's id.
    """

    name = "roleMappings"
    ignored = ()

    def __init__(self, handler, target, name=None, target_id=None):
        Collection.__init__(self, handler)
        self.target = target
        if name:
            self.name = name
        self._target_id = target_id
        self._roles = {}
        self._clients = {}
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
        return context.get("id") if context else current.get("id")

    def _url(self, which, target_id, client_uuid=None):
        all_url, realm_url, client_url, parameter = TARGETS[self.target]
        values = {parameter: target_id}
        if which == "all":
            return self.client._url(all_url, **values)
        if which == "realm":
            return self.client._url(realm_url, **values)
        if self.target == "client":
            values["client"] = client_uuid
        else:
            values["client_id"] = client_uuid
        return self.client._url(client_url, **values)

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
        mappings = self.client._get(self._url("all", target_id)) or {}
        items = [role_item(role["name"]) for role in mappings.get("realmMappings") or []]
        for client_id, client in (mappings.get("clientMappings") or {}).items():
            self._clients[client_id] = client.get("id")
            for role in client.get("mappings") or []:
                items.append(role_item(role["name"], client_id))
                self._roles[(client_id, role["name"])] = role
        for role in mappings.get("realmMappings") or []:
            self._roles[("", role["name"])] = role
        return items

    # -------------------------------------------------------------- checks

    def client_uuid(self, client_id):
        if client_id not in self._clients:
            self._clients[client_id] = self.client.get_client_id(client_id)
        return self._clients[client_id]

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
        key = self.key(item)
        if key in self._roles:
            return self._roles[key]
        client_id = item.get("clientId")
        if client_id:
            client_uuid = self.client_uuid(client_id)
            if client_uuid is None:
                raise PlanError("client '%s' (of role '%s') does not exist" % (client_id, item["name"]))
            role = or_none(self.client.get_client_role, client_uuid, item["name"])
            if role is None:
                raise PlanError("client role '%s' does not exist in client '%s'" % (item["name"], client_id))
        else:
            role = or_none(self.client.get_realm_role, item["name"])
            if role is None:
                raise PlanError("realm role '%s' does not exist" % item["name"])
        self._roles[key] = role
        return role

    # -------------------------------------------------------------- writes

    def _send(self, verb, context, item):
        target_id = self.target_id(context, context.get("current"))
        role = self.role(item)
        if item.get("clientId"):
            url = self._url("client", target_id, self.client_uuid(item["clientId"]))
        else:
            url = self._url("realm", target_id)
        payload = [{"id": role["id"], "name": role["name"]}]
        if verb == "add":
            self.client._post(url, payload)
        else:
            self.client._delete(url, payload)

    def add(self, context, item):
        self._send("add", context, item)

    def remove(self, context, have):
        self._send("remove", context, have)


def role_items(realm_roles=None, client_roles=None):
    """Items from the modules' convenience options.

    ``realm_roles`` is a list of names; ``client_roles`` a list of ``{client_id, roles}``
    (or a dict ``{clientId: [roles]}``). None when neither is set: leave mappings alone.
    """
    if realm_roles is None and client_roles is None:
        return None
    items = [role_item(name) for name in realm_roles or []]
    if isinstance(client_roles, dict):
        client_roles = [{"client_id": key, "roles": value} for key, value in client_roles.items()]
    for entry in client_roles or []:
        for name in entry.get("roles") or []:
            items.append(role_item(name, entry["client_id"]))
    return items
