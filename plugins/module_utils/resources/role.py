# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Realm and client roles: name, description, attributes, and the roles a composite holds.

A role is a realm role, or a role of the client whose ``clientId`` the handler is given.
Keycloak's role PUT sets the description to whatever it is sent (absent = cleared) and
replaces the attributes whole, so an update sends the fresh role with the desired fields
laid over it. Composites are written through the role's ``composites`` endpoint, one
child at a time, never through the role PUT (which ignores them).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..engine import Collection, Handler, list_map, mask, short
from ..kind import Items, Kind
from .common import ClientIds, PlanError, kept_attributes, or_none
from .nested_role_mappings import role_reference


def composite_item(name, client_id=None):
    return {"name": name, "clientId": client_id or None}


class RoleHandler(Handler):
    """One realm role, or one role of client ``client_id`` (the clientId, not the uuid)."""
    # Its update sends the object as read with the task's fields over it: laid over a read right before the write.
    fresh_update = True

    kind = "role"
    not_in_representation = {"composites": "use the composites option"}
    # Set by Keycloak from where the role lives; never written by a task.
    ignored_fields = ("id", "containerId", "clientRole")

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self.client_id = self.flags.get("client_id")
        self.clients = ClientIds(api)
        # Whether the role has children now; read with the role, it spares a request for
        # the composites of a role that has none.
        self.is_composite = False
        self.name = None
        # Whether the task names the role by id (``flags['id']``): then it is read and written by id.
        self.by_id = False

    def describe(self, key):
        if self.client_id:
            return "client role '%s' of client '%s'" % (short(key), short(self.client_id))
        return "realm role '%s'" % short(key)

    def reference_key(self):
        return (self.client_id or "", self.request.key)

    def client_uuid(self):
        uuid = self.clients.uuid(self.client_id)
        if uuid is None:
            raise PlanError("client '%s' does not exist in realm '%s'" % (self.client_id, self.realm))
        return uuid

    def read(self, key):
        self.name = key
        if self.flags.get("id"):
            return self._read_by_id(self.flags["id"])
        # While a run that plans many roles plans, the roles' lists are read once (``bulk.RoleSnapshot``).
        snapshot = self.snapshot_of("roles")
        if self.client_id:
            owner = self.reference("client", self.client_id, lambda: self.clients.uuid(self.client_id))
            if not owner.exists:
                # A client planned (or assumed) but not there yet has no roles.
                return None
            if snapshot is not None:
                role = snapshot.client_role(self.client_uuid(), key)
            else:
                role = or_none(self.api.get_client_role, self.client_uuid(), key)
        elif snapshot is not None:
            role = snapshot.realm_role(key)
        else:
            role = or_none(self.api.get_realm_role, key)
        return self._as_read(role)

    def _as_read(self, role):
        """The role as read, for comparing (None stays None)."""
        if role is None:
            return None
        # ``composite`` only says whether ``composites`` is empty; kept out of the compared
        # representation so end_state never contradicts the composites the task just set.
        self.is_composite = bool(role.pop("composite", False))
        role.setdefault("attributes", {})
        return role

    def _read_by_id(self, role_id):
        """The role with ``role_id`` (a task that names the role by id may rename it); it must exist and live where the task says."""
        role = or_none(self.api.get_role_by_id, role_id)
        if role is None and self.request.state == "absent":
            return None
        if role is None:
            raise PlanError("no role has the id '%s' in realm '%s' (a role named by id must exist; leave id out to create one)"
                            % (role_id, self.realm))
        if self.client_id:
            owner = self.client_uuid()
            if not role.get("clientRole") or role.get("containerId") != owner:
                raise PlanError("the role with id '%s' ('%s') is not a role of client '%s'" % (role_id, role["name"], self.client_id))
        elif role.get("clientRole"):
            raise PlanError("the role with id '%s' ('%s') is a client role: give its client_id" % (role_id, role["name"]))
        self.by_id = True
        return self._as_read(role)

    def prepare(self, desired, current):
        if self.by_id and current is not None and desired.get("name") != current["name"]:
            # A rename: the new name must be free, or Keycloak refuses the PUT half-way through a run.
            if self.client_id:
                taken = or_none(self.api.get_client_role, self.client_uuid(), desired["name"])
            else:
                taken = or_none(self.api.get_realm_role, desired["name"])
            if taken is not None:
                raise PlanError("cannot rename %s to '%s': a role of that name exists" % (self.describe(current["name"]), desired["name"]))
        # Keycloak derives ``composite`` from the children and ignores it when written.
        desired.pop("composite", None)
        if "attributes" in desired:
            desired["attributes"] = kept_attributes(list_map(desired["attributes"]), current)
        return desired

    def create(self, context, desired):
        if self.client_id:
            uuid = self.client_uuid()
            self.api.create_client_role(uuid, desired)
            context["id"] = self.api.get_client_role_id(uuid, desired["name"])
        else:
            self.api.create_realm_role(desired)
            context["id"] = self.api.get_realm_role(desired["name"])["id"]

    def update(self, context, current, merged, changes):
        # Sent whole: the PUT clears a description it is not sent and replaces attributes.
        # A role the task names by id is written by id (a rename changes its name, never its id);
        # otherwise by name, where the role was read: the client's uuid is known already.
        if self.by_id:
            self.api.update_role_by_id(current["id"], merged)
        elif self.client_id:
            self.api.update_client_role(self.client_uuid(), current["name"], merged)
        else:
            self.api.update_realm_role(current["name"], merged)

    def delete(self, context, current):
        if self.by_id:
            self.api.delete_role_by_id(current["id"])
        elif self.client_id:
            self.api.delete_client_role(self.client_uuid(), current["name"])
        else:
            self.api.delete_realm_role(current["name"])

    def collections(self):
        return {"composites": Composites(self)}


class Composites(Collection):
    """The roles a composite role holds: realm roles and client roles, keyed by (clientId, name)."""

    name = "composites"
    ignored = ()

    def __init__(self, handler):
        Collection.__init__(self, handler)
        self.clients = handler.clients
        self._children = None
        self._roles = {}

    def key(self, item):
        return (item.get("clientId") or "", item["name"])

    def label(self, item):
        return "%s/%s" % (item["clientId"], item["name"]) if item.get("clientId") else item["name"]

    def view(self, item):
        return composite_item(item["name"], item.get("clientId"))

    def differs(self, have, wanted):
        return False

    def merged(self, have, wanted):
        return have

    # ---------------------------------------------------------------- read

    def _read_children(self, current):
        if self.handler.client_id:
            return self.api.get_composite_client_roles_of_role(self.handler.client_uuid(), current["name"])
        return self.api.get_composite_realm_roles_of_role(current["name"])

    def _current_children(self, current):
        """The role's children as {key: RoleRepresentation}, read once."""
        if self._children is None:
            self._children = {}
            if current is not None and self.handler.is_composite:
                for role in self._read_children(current) or []:
                    client_id = self.clients.client_id(role["containerId"]) if role.get("clientRole") else None
                    self._children[self.key(composite_item(role["name"], client_id))] = role
            self._roles.update(self._children)
        return self._children

    def read(self, current):
        return [composite_item(name, client_id) for client_id, name in sorted(self._current_children(current))]

    # -------------------------------------------------------------- checks

    def resolve(self, item, current):
        """Find the child role now (through the planning context), so a missing role or client fails before any write."""
        item = composite_item(item["name"], item.get("clientId"))
        key = self.key(item)
        if key not in self._current_children(current):
            what = "composite '%s': %s" % (self.label(item), "client role" if item["clientId"] else "realm role")
            self._roles[key] = role_reference(self.handler, self.clients, item, what=what)
        return item

    # -------------------------------------------------------------- writes

    def _send(self, verb, context, item):
        role = self._roles[self.key(item)]
        role = role.value if hasattr(role, "value") else role
        payload = [{"id": role["id"], "name": role["name"]}]
        name = self.handler.name
        if self.handler.client_id:
            uuid = self.handler.client_uuid()
            if verb == "add":
                self.api.add_composite_client_roles_to_role(uuid, name, payload)
            else:
                self.api.remove_composite_client_roles_from_role(uuid, name, payload)
        elif verb == "add":
            self.api.add_composite_realm_roles_to_role(name, payload)
        else:
            self.api.remove_composite_realm_roles_to_role(name, payload)

    def add(self, context, item):
        self._send("add", context, item)

    def remove(self, context, have):
        self._send("remove", context, have)


# ------------------------------------------------------------------ reading many


def find_roles(client, client_id=None, name=None, search=None, include=(), role_id=None, composites_of_client=None):
    """Realm roles, or the roles of client ``client_id``, with attributes; ``name`` exact, ``search`` a substring,
    ``role_id`` the one role with that id (none when it is not a role of the realm, or of client ``client_id``).

    ``include`` adds to each role its ``composites`` ({name, clientId}), its direct
    ``members`` (users, every page) and the ``groups`` that hold it directly.
    ``composites_of_client`` (a clientId) adds ``compositesOfClient``, the roles of that client the role holds directly.
    """
    clients = ClientIds(client)
    uuid = _client_uuid(client, clients, client_id)
    children_of = _client_uuid(client, clients, composites_of_client)
    if role_id is not None:
        roles = _role_by_id(client, uuid, role_id)
    elif name is not None:
        role = or_none(client.get_client_role, uuid, name) if uuid else or_none(client.get_realm_role, name)
        roles = [role] if role is not None else []
    elif uuid and search:
        # The client roles endpoint filters by ``search`` on the server, like the realm one.
        roles = client.search_client_roles(uuid, search=search)
    elif uuid:
        roles = client.get_client_roles(uuid, brief_representation=False)
    else:
        roles = client.get_realm_roles(brief_representation=False, search_text=search)
    for role in roles:
        role.setdefault("attributes", {})
        if children_of:
            # Keycloak filters by client on the server: one request per composite role.
            children = client.get_role_client_level_children(children_of, role["id"]) if role.get("composite") else []
            role["compositesOfClient"] = sorted(children or [], key=lambda child: child.get("name") or "")
        if "composites" in include:
            role["composites"] = _composites_of(client, clients, role)
        if "members" in include:
            if uuid:
                role["members"] = client.get_client_role_members(uuid, role["name"])
            else:
                role["members"] = client.get_realm_role_members(role["name"])
        if "groups" in include:
            if uuid:
                role["groups"] = client.get_client_role_groups(uuid, role["name"])
            else:
                role["groups"] = client.get_realm_role_groups(role["name"])
    return mask(roles)


def _client_uuid(client, clients, client_id):
    """The internal id of client ``client_id`` (None when not given); a client the realm does not have fails."""
    if not client_id:
        return None
    uuid = clients.uuid(client_id)
    if uuid is None:
        raise PlanError("client '%s' does not exist in realm '%s'" % (client_id, client.get_current_realm()))
    return uuid


def _role_by_id(client, client_uuid, role_id):
    """The role ``role_id`` as a one-item list when it belongs where the task reads (the realm, or the client), else empty.

    Keycloak's ``roles-by-id`` answers for realm and client roles alike: ``containerId`` says whose it is.
    """
    if client_uuid:
        role = or_none(client.get_role_by_id, role_id)
        return [role] if role is not None and role.get("clientRole") and role.get("containerId") == client_uuid else []
    role = or_none(client.get_realm_role_by_id, role_id)
    return [role] if role is not None and not role.get("clientRole") else []


def _composites_of(client, clients, role):
    if not role.get("composite"):
        return []
    children = client.get_composite_roles_of_role_by_id(role["id"]) or []
    items = [composite_item(child["name"], clients.client_id(child["containerId"]) if child.get("clientRole") else None) for child in children]
    return sorted(items, key=lambda item: (item["clientId"] or "", item["name"]))


# ------------------------------------------------------------------ the kind

ROLE = Kind(
    "role",
    RoleHandler,
    key="name",
    key_field="name",
    settings=dict(
        name=dict(type="str", required=True),
        description=dict(type="str"),
        attributes=dict(type="dict"),
    ),
    items=[Items("composites", "composites", dict(type="list", elements="dict", options=dict(
        name=dict(type="str", required=True),
        client_id=dict(type="str"),
    )))],
    flags=dict(client_id=dict(type="str"), id=dict(type="str")),

    peers=dict(composite="a role with composites is composite: list them in composites"),
)
