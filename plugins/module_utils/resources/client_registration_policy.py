# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Client registration policies: what the client registration service lets an application register.

A policy is a component of the realm (provider type ``ClientRegistrationPolicy``) that applies to
anonymous registrations (no token) or to authenticated ones (an initial access token or a bearer token),
its ``subType``. A new realm has policies of the same name in both (``Trusted Hosts``,
``Max Clients Limit``, ``Allowed Client Scopes``, ...), so a policy is found by its name *and* its
``sub_type``. The component rules (config as string lists compared key by key, provider checked against
the server's component types, the provider not changeable) are ``nested_components``'.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..engine import PlanError
from ..kind import REALM, STATE, Kind
from .nested_components import ComponentHandler, masked_config

POLICY_TYPE = "org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy"
SUB_TYPES = ("anonymous", "authenticated")
MAPPER_TYPES = ["oidc-address-mapper", "oidc-full-name-mapper", "oidc-sha256-pairwise-sub-mapper", "oidc-usermodel-attribute-mapper",
                "oidc-usermodel-property-mapper", "saml-role-list-mapper", "saml-user-attribute-mapper", "saml-user-property-mapper"]
# The policies a new realm has (Keycloak 26), by (sub type, name): what a realm created earlier in the run is planned against.
BUILT_IN = {
    ("anonymous", "Trusted Hosts"): ("trusted-hosts", {"host-sending-registration-request-must-match": ["true"],
                                                       "client-uris-must-match": ["true"]}),
    ("anonymous", "Max Clients Limit"): ("max-clients", {"max-clients": ["200"]}),
    ("anonymous", "Consent Required"): ("consent-required", {}),
    ("anonymous", "Full Scope Disabled"): ("scope", {}),
}
for _sub_type in SUB_TYPES:
    BUILT_IN[(_sub_type, "Allowed Client Scopes")] = ("allowed-client-templates", {"allow-default-scopes": ["true"]})
    BUILT_IN[(_sub_type, "Allowed Protocol Mapper Types")] = ("allowed-protocol-mappers", {"allowed-protocol-mapper-types": list(MAPPER_TYPES)})
    BUILT_IN[(_sub_type, "Allowed Registration Web Origins")] = ("registration-web-origins", {})


class RegistrationPolicyHandler(ComponentHandler):
    kind = "client registration policy"
    provider_type = POLICY_TYPE

    @property
    def sub_type(self):
        return self.request.representation.get("subType")

    def describe(self, key):
        return "%s client registration policy '%s'" % (self.sub_type, key)

    def reference_key(self):
        return (self.sub_type, self.request.key)

    def read(self, key):
        found = [item for item in self.api.get_components({"type": POLICY_TYPE, "name": key}) or []
                 if item.get("name") == key and item.get("subType") == self.sub_type]
        if len(found) > 1:
            realm_id = self.realm_id()
            found = [item for item in found if item.get("parentId") == realm_id] or found[:1]
        return masked_config(found[0]) if found else None

    def missing(self):
        # A realm an earlier plan creates comes with its default policies: planned as updates of those, never as second copies.
        built_in = BUILT_IN.get((self.sub_type, self.request.key)) if self.realm_is_new else None
        if built_in is None:
            return None
        return {"name": self.request.key, "subType": self.sub_type, "providerType": POLICY_TYPE, "providerId": built_in[0],
                "config": dict((key, list(value)) for key, value in built_in[1].items())}

    def update(self, context, current, merged, changes):
        if current.get("id") is None:
            # Planned against a realm created earlier in the run: its default policy has an id now.
            current = dict(current, id=self.read(self.request.key)["id"])
            merged = dict(merged, id=current["id"], parentId=self.realm_id())
        ComponentHandler.update(self, context, current, merged, changes)

    def prepare_component(self, desired, current):
        desired["subType"] = self.sub_type
        config = desired.get("config") or {}
        have = (current or {}).get("config") or {}
        if any(have.get(key) != value for key, value in config.items()):
            # Keycloak drops a setting its provider does not declare: the task would never see it stored.
            provider_id = desired.get("providerId") or (current or {}).get("providerId")
            declared = [prop["name"] for prop in (self.types.providers(POLICY_TYPE).get(provider_id) or {}).get("properties") or []]
            unknown = sorted(key for key in config if key not in declared)
            if unknown:
                raise PlanError("config %s: the %s policy has no such setting (it has %s)"
                                % (", ".join(unknown), provider_id, ", ".join(declared) or "none"))
        return desired

    def create(self, context, desired):
        payload = self.payload(desired)
        # The realm's id, read when the create runs: the realm may be created earlier in the same run.
        payload["parentId"] = self.realm_id()
        context["id"] = self.api.create_component(payload)


CLIENT_REGISTRATION_POLICY = Kind(
    "client_registration_policy",
    RegistrationPolicyHandler,
    key="name",
    key_field="name",
    common=dict(realm=REALM, state=STATE),
    settings=dict(
        name=dict(type="str", required=True),
        sub_type=dict(type="str", choices=list(SUB_TYPES), required=True),
        provider_id=dict(type="str"),
        config=dict(type="dict"),
    ),
)
