# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Client scopes: the scope's own fields, its protocol mappers, its scope mappings and its
realm-level type.

A client scope's "type" is not a field of the scope: it is whether the realm lists the scope
among the client scopes every new client gets as default or as optional scopes. Handled here
as the pseudo-field ``type`` (``default``, ``optional`` or ``none``), read only when a task
manages it, so a run that does not mention it reads neither list.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ..engine import Handler, PlanError, mask, string_map
from ..kind import Items, Kind, RoleItems
from .common import SCOPE_TYPES as TYPES
from .common import Reader, or_none, realm_default_lists, realm_type, set_realm_type
from .nested_protocol_mappers import MAPPER_OPTIONS, ProtocolMappers
from .nested_role_mappings import RoleMappings
# A client scope's name is the OAuth scope clients ask for, so Keycloak 26 accepts only an
# RFC 6749 scope-token: printable ASCII without spaces, '"' or '\'. Checked before the create,
# so check mode fails like the real run instead of predicting a create the server refuses.
SCOPE_TOKEN = re.compile(r'^[\x21\x23-\x5B\x5D-\x7E]+\Z')
# Fields of the pseudo-representation that are not sent with the scope itself.
_NOT_SENT = ("type", "protocolMappers")


class ClientScopeHandler(Handler):
    """A client scope found by name in the realm the client manages."""
    # Its update sends the object as read with the task's fields over it: laid over a read right before the write.
    fresh_update = True

    kind = "client scope"
    # The protocol of the scope as planned: mappers without a protocol get it.
    protocol = "openid-connect"

    # The scope's id once known (found, or just created): the reads after the writes get that one scope.
    scope_id = None

    def read(self, key):
        if self.scope_id is not None:
            current = or_none(self.api.get_client_scope, self.scope_id)
        else:
            # The list answer carries each scope whole, mappers included: one request finds it (none while a run that plans
            # many scopes plans: the list is read once, ``bulk.ListSnapshot``).
            snapshot = self.snapshot_of("clientScopes")
            current = snapshot.get(key) if snapshot is not None else self.api.get_client_scope_by_name(key)
        if current is not None:
            self.scope_id = current["id"]
        if current is not None and self.request.representation.get("type") is not None:
            current["type"] = realm_type(self.api, current["id"])
        return current

    def prepare(self, desired, current):
        if current is None and not SCOPE_TOKEN.match(desired.get("name") or ""):
            raise PlanError(
                "Keycloak accepts as client scope name only printable ASCII without spaces, '\"' or '\\' (an OAuth scope token)"
            )
        if "attributes" in desired:
            desired["attributes"] = string_map(desired["attributes"])
        if desired.get("type") not in (None,) + TYPES:
            raise PlanError("type must be one of %s, not '%s'" % (", ".join(TYPES), desired["type"]))
        if current is None:
            # Keycloak 26 refuses to create a scope without a protocol ("Unexpected protocol").
            desired.setdefault("protocol", "openid-connect")
        self.protocol = desired.get("protocol") or current.get("protocol") or self.protocol
        return desired

    def create(self, context, desired):
        payload = dict((key, value) for key, value in desired.items() if key != "type")
        context["id"] = self.scope_id = self.api.create_client_scope(payload)
        set_realm_type(self.api, context["id"], "none", desired.get("type") or "none")

    def update(self, context, current, merged, changes):
        fields = set(path[0] for path in changes)
        if fields - set(_NOT_SENT):
            # The current scope was read in this run: it is sent whole with the task's fields laid
            # over it, so the fields the task does not set keep their value.
            payload = dict((key, value) for key, value in merged.items() if key not in _NOT_SENT)
            self.api.update_client_scope(current["id"], payload)
        if "type" in fields:
            set_realm_type(self.api, current["id"], current.get("type", "none"), merged["type"])

    def delete(self, context, current):
        self.api.delete_client_scope(current["id"])

    def collections(self):
        return {
            "protocolMappers": ProtocolMappers(
                self,
                protocol=lambda current: self.protocol,
                add=self.api.add_mapper_to_client_scope,
                update=self.api.update_mapper_in_client_scope,
                remove=self.api.delete_mapper_from_client_scope,
            ),
            "scopeMappings": RoleMappings(self, "client_scope", name="scopeMappings"),
        }


# ------------------------------------------------------------------ reading for info


def describe_client_scopes(client, name=None, include=()):
    """Client scopes of the realm (one when ``name`` is given) for an info module, secrets masked.

    ``include`` may hold ``protocol_mappers``, ``type`` (the realm default list the scope is
    in) and ``scope_mappings`` (one more read per scope).
    """
    scopes = [scope for scope in client.get_client_scopes() or [] if name is None or scope.get("name") == name]
    listed = realm_default_lists(client) if "type" in include and scopes else None
    result = []
    for scope in sorted(scopes, key=lambda item: item.get("name") or ""):
        if "protocol_mappers" in include:
            scope["protocolMappers"] = sorted(scope.get("protocolMappers") or [], key=lambda item: item.get("name") or "")
        else:
            scope.pop("protocolMappers", None)
        if listed is not None:
            scope["type"] = realm_type(client, scope["id"], listed)
        if "scope_mappings" in include:
            mappings = RoleMappings(Reader(client), "client_scope", name="scopeMappings")
            scope["scopeMappings"] = sorted((mappings.view(item) for item in mappings.read(scope)), key=mappings.key)
        result.append(mask(scope))
    return result


def client_scope_protocol_mappers(client, scopes):
    """The protocol mappers of ``scopes``, each read from the scope's own mapper endpoint, as one
    list of mappers that carry their scope's name as ``clientScope``, sorted by scope and name."""
    mappers = []
    for scope in scopes:
        for mapper in client.get_mappers_from_client_scope(scope["id"]) or []:
            mapper["clientScope"] = scope["name"]
            mappers.append(mapper)
    return mask(sorted(mappers, key=lambda mapper: (mapper["clientScope"], mapper.get("name") or "")))


# ------------------------------------------------------------------ the kind

CLIENT_SCOPE = Kind(
    "client_scope",
    ClientScopeHandler,
    key="name",
    settings=dict(
        name=dict(type="str", required=True),
        description=dict(type="str"),
        protocol=dict(type="str", choices=["openid-connect", "saml"]),
        attributes=dict(type="dict"),
        type=dict(type="str", choices=list(TYPES)),
    ),
    items=[
        Items("protocolMappers", "protocol_mappers", dict(type="list", elements="dict", options=MAPPER_OPTIONS)),
        RoleItems("scopeMappings"),
    ],

    peers=dict(id="a client scope is found by its name, never by its id: set name"),
)
