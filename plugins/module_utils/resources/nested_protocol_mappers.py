# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Protocol mappers of a client or a client scope, as one collection.

Both carry their mappers in their own representation (no read of their own), both take
the mappers of the create request, and both answer the same mapper shape; only the three
write endpoints differ, and the owner hands them in.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..engine import Collection, PlanError, string_map

# The options of one mapper, for the kinds that list mappers.
MAPPER_OPTIONS = dict(
    name=dict(type="str", required=True),
    protocol=dict(type="str", choices=["openid-connect", "saml"]),
    protocol_mapper=dict(type="str"),
    config=dict(type="dict"),
)


class MapperTypes:
    """The server's protocol mapper types, read once, and only when a task brings a mapper of a new type.

    Keycloak stores a mapper of a type it does not know when it comes with the create of its scope or
    client (and refuses it later, alone, after the other writes of the task): checked first.
    """

    def __init__(self, api):
        self.api = api
        self._types = None

    def check(self, item):
        if self._types is None:
            self._types = self.api.get_server_info().get("protocolMapperTypes") or {}
        known = set(mapper_type["id"] for mapper_type in self._types.get(item["protocol"]) or [])
        if item["protocolMapper"] not in known:
            raise PlanError(
                "protocol mapper '%s': Keycloak has no %s mapper type '%s'" % (item["name"], item["protocol"], item["protocolMapper"])
            )


class ProtocolMappers(Collection):
    """Mappers by name; ``config`` is compared key by key, as strings.

    ``protocol(current)`` gives the owner's protocol (a mapper without one gets it: without
    a protocol Keycloak answers a misleading 409 "duplicate resource"); ``add(owner_id,
    mapper)``, ``update(owner_id, mapper_id, mapper)`` and ``remove(owner_id, mapper_id)``
    are the owner's client methods.
    """

    name = "protocolMappers"
    ignored = ("id",)

    def __init__(self, handler, protocol, add, update, remove):
        Collection.__init__(self, handler)
        self._types = MapperTypes(self.api)
        self._protocol = protocol
        self._add, self._update, self._remove = add, update, remove

    def read(self, current):
        # The owner's representation carries its mappers: no request of their own.
        return list((current or {}).get("protocolMappers") or [])

    def resolve(self, item, current):
        if not item.get("name"):
            raise PlanError("every protocol mapper needs a name")
        item = dict(item)
        if "config" in item:
            item["config"] = string_map(item["config"])
        item.setdefault("protocol", self._protocol(current))
        have = dict((mapper.get("name"), mapper) for mapper in self.read(current)).get(item["name"])
        if have is None and not item.get("protocolMapper"):
            raise PlanError("new protocol mapper '%s' needs protocol_mapper (its type, for example oidc-hardcoded-claim-mapper)" % item["name"])
        if item.get("protocolMapper") and (have is None or have.get("protocolMapper") != item["protocolMapper"]):
            self._types.check(item)
        return item

    def sent_with_create(self):
        # Keycloak creates the mappers listed in the create request: no request per mapper.
        return True

    def add(self, context, item):
        self._add(context["id"], item)

    def update(self, context, have, item):
        self._update(context["id"], have["id"], self.merged(have, item))

    def remove(self, context, have):
        self._remove(context["id"], have["id"])
