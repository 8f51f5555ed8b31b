# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Groups, found by their path (``/engineering/backend``), and their role mappings.

A group is read with one ``group-by-path`` request, whatever the number of its siblings:
Keycloak walks the path name by name. That answer already carries the group's direct
role mappings (``realmRoles``, ``clientRoles``), so an unchanged run sends no other read.

A group PUT replaces the attribute map whole and clears a description it is not sent, so
an update sends the group just read with the task's fields merged in: the attribute keys
and fields the task does not name survive.

Keycloak 26.0 groups have no ``description`` (a POST or PUT that carries one is refused,
400 ``Unrecognized field "description"``): the module sends it only when the task sets it,
and a task that sets it on such a server fails before any write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..engine import Handler, PlanError, list_map, short
from ..kind import Kind, RoleItems
from .common import Reader, find_group, kept_attributes, normalise_path, or_none, parent_path, path_names, role_item, server_version
from .nested_role_mappings import RoleMappings

# Fields of the representation that the module sets otherwise, or that the server decides.
_NOT_IN_REPRESENTATION = {
    "id": "the group is found by path",
    "path": "use the path option",
    "parentId": "the parent comes from the path option",
    "subGroups": "manage each subgroup with a task of its own",
    "subGroupCount": "the server counts subgroups",
    "realmRoles": "use the realm_roles option",
    "clientRoles": "use the client_roles option",
    "access": "the server decides it",
}
# What a group read carries besides the group itself: role mappings (the collection's) and
# the admin's rights on it; left out of the compared and returned group.
_READ_ONLY = ("realmRoles", "clientRoles", "access", "subGroups")
# Fields of a read group that a PUT does not change.
_SERVER_DECIDED = ("id", "path", "parentId", "subGroupCount")
# The first Keycloak whose GroupRepresentation has a description (26.0 has none; 26.5 has it).
DESCRIPTION_FROM = (26, 1)


class GroupHandler(Handler):
    """One group, keyed by its path. ``flags['parents']`` is ``fail`` or ``create``."""
    # Its update sends the object as read with the task's fields over it: laid over a read right before the write.
    fresh_update = True

    kind = "group"
    not_in_representation = _NOT_IN_REPRESENTATION

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self.mapped_roles = None
        self.parent = None
        self.missing_parents = []

    def describe(self, key):
        if self.missing_parents:
            return "group '%s' (missing parents %s)" % (short(key), ", ".join("'%s'" % short(path) for path in self.missing_parents))
        return "group '%s'" % short(key)

    def reference_key(self):
        return normalise_path(self.request.key)

    def read(self, key):
        path_names(key)
        # While a run that plans many groups plans, every group is read once (``bulk.GroupSnapshot``).
        snapshot = self.snapshot_of("groups")
        path = normalise_path(key)
        if snapshot is not None and snapshot.knows(path):
            group = snapshot.group(path)
        else:
            group = find_group(self.api, key)
        if group is None:
            return None
        if group.get("realmRoles") is not None and group.get("clientRoles") is not None:
            self.mapped_roles = [role_item(name) for name in group["realmRoles"]]
            for client_id, names in group["clientRoles"].items():
                self.mapped_roles.extend(role_item(name, client_id) for name in names)
        return dict((field, value) for field, value in group.items() if field not in _READ_ONLY)

    def prepare(self, desired, current):
        path = self.request.key
        name = path_names(path)[-1]
        wanted_name = desired.get("name")
        if current is not None:
            # The path found the group; Keycloak may have matched a name that holds a '/'.
            name = current["name"]
        if wanted_name is not None and wanted_name != name:
            raise PlanError("representation sets name '%s', but the path names the group '%s'; renaming is not supported" % (wanted_name, name))
        desired["name"] = name
        if "attributes" in desired:
            desired["attributes"] = kept_attributes(list_map(desired["attributes"]), current)
        if current is None:
            self._find_parent(path)
        if "description" in desired:
            self._check_description(current)
        return desired

    def _check_description(self, current):
        """Fail before any write when the server's groups have no description (Keycloak 26.0).

        A group read with a ``description`` proves the server has the field; otherwise (a new
        group, or one never described) the server's version decides, read only then.
        """
        if current is not None and "description" in current:
            return
        version = server_version(self.api)
        if version and version < DESCRIPTION_FROM:
            raise PlanError("Keycloak %s has no group description (it arrived after 26.0): remove description from the task"
                            % ".".join("%d" % number for number in version))

    def _find_parent(self, path):
        """Find the parent now, so a missing one fails before any write (or is planned)."""
        parent = parent_path(path)
        missing = []
        while parent is not None:
            if self.flags.get("parents") != "create" or self.context.is_planned(self.realm, "group", parent):
                self.parent = self.reference("group", parent, lambda path=parent: find_group(self.api, path),
                                             what="parent group '%s'" % parent, hint=" (parents=create creates it)")
                break
            group = None if self.realm_is_new else find_group(self.api, parent)
            if group is not None:
                self.parent = group
                break
            missing.insert(0, parent)
            parent = parent_path(parent)
        for path in missing:
            self.context.will_create(self.realm, "group", path)
        self.missing_parents = missing

    def created_view(self, desired):
        view = dict(desired)
        view["path"] = normalise_path(self.request.key)
        return view

    def create(self, context, desired):
        parent = self.parent
        parent_id = parent.get("id") if isinstance(parent, dict) else (parent.id if parent is not None else None)
        for path in self.missing_parents:
            parent_id = self.api.create_group({"name": path_names(path)[-1]}, parent=parent_id)
        context["id"] = self.api.create_group(desired, parent=parent_id)

    def update(self, context, current, merged, changes):
        # Keycloak 26.5 clears the description when a PUT leaves it out and replaces the
        # attribute map whole, so the PUT carries the group as read in this run with the
        # task's fields laid over it; the server-decided fields stay out. On Keycloak 26.0
        # the group as read has no description, so none is sent unless the task sets one
        # (which prepare refuses there).
        payload = dict((field, value) for field, value in merged.items() if field not in _SERVER_DECIDED)
        self.api.update_group(current["id"], payload)

    def delete(self, context, current):
        self.api.delete_group(current["id"])

    def collections(self):
        return {"roleMappings": GroupRoleMappings(self, "group")}


class GroupRoleMappings(RoleMappings):
    """The group's realm and client roles, known from the group read itself."""

    def _mapped(self):
        return self.handler.mapped_roles

    def read(self, current):
        if self._mapped() is None:
            return RoleMappings.read(self, current)
        return list(self._mapped())

    def resolve(self, item, current):
        # A role mapped already exists: only the roles to add are looked up.
        item = role_item(item["name"], item.get("clientId"))
        if current is not None and self._mapped() is not None and self.key(item) in set(self.key(have) for have in self._mapped()):
            return item
        return RoleMappings.resolve(self, item, current)


# ------------------------------------------------------------------- reading


def find_groups(client, path=None, group_id=None, search=None, exact=None, full_hierarchy=False, include=()):
    """Groups for an info module: one by path or id, else the top-level groups (search on the server).

    Every group returned, nested subgroups included, gets ``members`` (usernames) and
    ``roleMappings`` when ``include`` names them.
    """
    if path is not None:
        group = find_group(client, path)
        groups = [group] if group is not None else []
    elif group_id is not None:
        group = or_none(client.get_group, group_id)
        groups = [group] if group is not None else []
    else:
        query = {"briefRepresentation": False, "search": search, "exact": exact if search is not None else None}
        groups = client.get_groups(query)
    for group in groups:
        _describe(client, group, full_hierarchy, include)
    return groups


def count_groups(client, search=None):
    """How many groups the realm has, subgroups included; with ``search``, those whose name contains it (Keycloak counts)."""
    return client.groups_count({"search": search} if search is not None else None)["count"]


def _describe(client, group, full_hierarchy, include):
    if full_hierarchy:
        group["subGroups"] = client.get_group_children(group["id"]) if group.get("subGroupCount") else []
    if "members" in include:
        members = client.get_group_members(group["id"], {"briefRepresentation": True})
        group["members"] = [user["username"] for user in members]
    if "role_mappings" in include:
        group["roleMappings"] = _role_mappings(client, group)
    for child in group.get("subGroups") or []:
        _describe(client, child, full_hierarchy, include)


def _role_mappings(client, group):
    """``[{name, clientId}]``: from the full representation, else from the role-mappings read."""
    if group.get("realmRoles") is None or group.get("clientRoles") is None:
        mappings = RoleMappings(Reader(client), "group")
        return [mappings.view(item) for item in mappings.read(group)]
    items = [role_item(name) for name in group["realmRoles"]]
    for client_id, names in sorted(group["clientRoles"].items()):
        items.extend(role_item(name, client_id) for name in names)
    return items


# ------------------------------------------------------------------ the kind

GROUP = Kind(
    "group",
    GroupHandler,
    key="path",
    settings=dict(
        description=dict(type="str"),
        attributes=dict(type="dict"),
    ),
    items=[RoleItems()],
    normalise_key=normalise_path,
    flags=dict(
        path=dict(type="str", required=True),
        parents=dict(type="str", choices=["fail", "create"], default="fail"),
    ),

    peers=dict(
        name="a group is found by its path: name: backend with parents [engineering] is path: /engineering/backend, "
             "a top-level group is path: /backend",
        id="a group is found by its path (path: /engineering/backend), never by its id",
    ),
)
