# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Identity providers (OpenID Connect, SAML, social) and their mappers.

What Keycloak 26 does that shapes this handler:

- The client secret (``config.clientSecret``) comes back as ``**********``: it is never
  compared. It is sent when the provider is created, when the provider has none yet, and on
  every run with ``update_secret: always``. An update that does not send a new one sends the
  mask back, which Keycloak reads as "keep the stored secret".
- A secret in ``config`` would be logged by Ansible with the task's arguments: it is refused
  there (and masked in the arguments Ansible echoes), ``client_secret`` (no_log) sets it.
- An update that names another ``providerId`` answers 204 and changes nothing; so does a
  mapper of an unknown type, or of a type the provider does not support, which Keycloak stores
  as it is. Both are refused before any write.
- An empty string removes a config key or a post/first broker login flow; an unknown flow
  alias is a 500, so flows are looked up first (through the planning context).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ..engine import MASK, Collection, Handler, PlanError, string_map
from ..kind import Items, Kind
from .common import or_none

SECRET = "clientSecret"
FLOW_FIELDS = (("firstBrokerLoginFlowAlias", "first broker login flow"), ("postBrokerLoginFlowAlias", "post broker login flow"))
# Filled in by the server: neither compared nor written.
_SERVER_FIELDS = ("internalId", "types")
# Mapper types that only some kinds of provider support (Keycloak 26, read from each kind's mapper-types
# endpoint): the provider a task creates has no endpoint to ask yet, so its mappers are checked against this
# before any write, in check mode too. Types not listed (hardcoded-*, oidc-username-idp-mapper, custom ones)
# are checked after the create, where Keycloak answers for the new provider.
_OIDC = ("keycloak-oidc", "oidc")
MAPPER_TYPES_ONLY_FOR = dict(
    [("saml-%s" % name, ("saml",)) for name in (
        "advanced-group-idp-mapper", "advanced-role-idp-mapper", "role-idp-mapper", "user-attribute-idp-mapper",
        "username-idp-mapper", "xpath-attribute-idp-mapper")]
    + [("oidc-%s" % name, _OIDC) for name in (
        "advanced-group-idp-mapper", "advanced-role-idp-mapper", "role-idp-mapper", "user-attribute-idp-mapper",
        "user-session-note-idp-mapper")]
    + [("keycloak-oidc-role-to-role-idp-mapper", ("keycloak-oidc",))]
    + [("%s-user-attribute-mapper" % social, (social,)) for social in (
        "facebook", "github", "google", "instagram", "linkedin", "microsoft", "openshift-v4", "paypal", "stackoverflow")]
)
UPDATE_SECRET = dict(type="str", choices=["on_create", "always"], default="on_create", no_log=False)


def without_empty(values):
    """``values`` without its empty strings: what Keycloak keeps of a config map."""
    return dict((key, value) for key, value in (values or {}).items() if value != "")


def without_absent_removals(wanted, have):
    """``wanted`` without the empty strings (removals) of keys ``have`` does not have."""
    have = have or {}
    return dict((key, value) for key, value in wanted.items() if value != "" or have.get(key) not in (None, ""))


class ServerTypes:
    """What the server (not the realm) knows: identity provider ids and mapper types; read once, when needed."""

    def __init__(self, api):
        self.api = api
        self._info = None

    def info(self):
        if self._info is None:
            self._info = self.api.get_server_info() or {}
        return self._info

    def providers(self):
        info = self.info()
        return sorted(set(item["id"] for item in (info.get("identityProviders") or []) + (info.get("socialProviders") or [])))

    def mapper_types(self):
        spi = (self.info().get("providers") or {}).get("identity-provider-mapper") or {}
        return sorted(spi.get("providers") or {})


class IdentityProviderHandler(Handler):
    """An identity provider found by its alias."""

    kind = "identity provider"
    ignored_fields = _SERVER_FIELDS
    not_in_representation = {"mappers": "use the mappers option"}

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self.server = ServerTypes(api)
        self._flows = None
        self._supported = None

    def read(self, key):
        # While a run that plans many providers plans, the realm's providers are read once (``bulk.ListSnapshot``).
        snapshot = self.snapshot_of("identityProviders")
        if snapshot is not None:
            return snapshot.get(key)
        return or_none(self.api.get_idp, key)

    def identity(self, current):
        return current.get("internalId")

    # ------------------------------------------------------------- prepare

    def prepare(self, desired, current):
        have = current or {}
        self._check_provider(desired, current)
        config = desired.get("config")
        if config is not None:
            config = string_map(config)
            if SECRET in config:
                raise PlanError("config.%s: set the secret with the client_secret option, which Ansible keeps out of its output and logs"
                                % SECRET)
        secret = self.flags.get("client_secret")
        if secret is not None and self._sends_secret(have):
            config = dict(config or {})
            config[SECRET] = secret
        if config is not None:
            desired["config"] = without_absent_removals(config, have.get("config"))
        for field, what in FLOW_FIELDS:
            flow = desired.get(field)
            if flow == "" and not have.get(field):
                del desired[field]
            elif flow and flow != have.get(field):
                self.reference("flow", flow, lambda flow=flow: self._find_flow(flow),
                               what="authentication flow '%s' (%s) in realm '%s'" % (flow, what, self.realm))
        return desired

    def _sends_secret(self, have):
        """Whether ``client_secret`` is compared and sent: Keycloak shows a stored secret as a mask."""
        stored = (have.get("config") or {}).get(SECRET)
        return stored != "**********" or self.flags.get("update_secret") == "always"

    def _check_provider(self, desired, current):
        wanted = desired.get("providerId")
        if current is not None:
            if wanted is not None and wanted != current.get("providerId"):
                raise PlanError(
                    "provider_id: Keycloak cannot change the provider of an identity provider (this one is %s); delete it and create it "
                    "again" % current.get("providerId")
                )
            return
        if not wanted:
            raise PlanError("a new identity provider needs provider_id (for example oidc, saml, keycloak-oidc or github)")
        known = self.server.providers()
        if wanted not in known:
            raise PlanError("provider_id '%s': Keycloak has no such identity provider (it has: %s)" % (wanted, ", ".join(known)))

    def _find_flow(self, alias):
        if self._flows is None:
            self._flows = self.api.get_authentication_flows() or []
        found = [flow for flow in self._flows if flow.get("alias") == alias]
        return found[0] if found else None

    def unknown_secret(self, path):
        return path == ("config", SECRET) and self.flags.get("update_secret") == "always"

    def supported_mapper_types(self):
        """``{type: name}`` of the mapper types this (existing) provider supports, read once."""
        if self._supported is None:
            self._supported = self.api.get_idp_mapper_types(self.request.key) or {}
        return self._supported

    def check_mapper_type(self, item, current):
        """Refuse a mapper type that Keycloak would store and never run."""
        mapper_type = item["identityProviderMapper"]
        if current is not None:
            supported = self.supported_mapper_types()
            if mapper_type not in supported:
                raise PlanError(
                    "mapper '%s': identity provider '%s' (%s) does not support mapper type '%s' (it supports: %s)"
                    % (item["name"], self.request.key, current.get("providerId"), mapper_type, ", ".join(sorted(supported)))
                )
            return
        known = self.server.mapper_types()
        if mapper_type not in known:
            raise PlanError("mapper '%s': Keycloak has no identity provider mapper type '%s' (it has: %s)"
                            % (item["name"], mapper_type, ", ".join(known)))
        provider = self.request.representation.get("providerId")
        only = MAPPER_TYPES_ONLY_FOR.get(mapper_type)
        if provider and only and provider not in only:
            raise PlanError("mapper '%s': identity provider '%s' (%s) does not support mapper type '%s' (it is for %s providers)"
                            % (item["name"], self.request.key, provider, mapper_type, " or ".join(only)))

    # -------------------------------------------------------------- writes

    def created_view(self, desired):
        view = copy.deepcopy(desired)
        view.pop("mappers", None)
        return view

    def predict(self, end_state, wanted_items):
        # Keycloak keeps no empty config value nor empty flow alias: the read-back has no such key.
        if isinstance(end_state.get("config"), dict):
            end_state["config"] = without_empty(end_state["config"])
        for field, _what in FLOW_FIELDS:
            if end_state.get(field) == "":
                del end_state[field]
        return end_state

    def create(self, context, desired):
        payload = copy.deepcopy(desired)
        mappers = payload.pop("mappers", None) or []
        self.api.create_idp(payload)
        alias = self.request.key
        context["id"] = self.api.get_idp(alias).get("internalId")
        if not mappers:
            return
        # Only now can Keycloak say which mapper types this provider supports: a mapper it
        # would store and never run undoes the create, so nothing is left half-made.
        supported = self.api.get_idp_mapper_types(alias) or {}
        refused = [mapper for mapper in mappers if mapper["identityProviderMapper"] not in supported]
        if refused:
            self.api.delete_idp(alias)
            raise PlanError(
                "%s: provider %s does not support mapper type(s) %s (it supports: %s); the identity provider was not kept"
                % (", ".join("mapper '%s'" % mapper["name"] for mapper in refused), payload.get("providerId"),
                   ", ".join(sorted(set("'%s'" % mapper["identityProviderMapper"] for mapper in refused))), ", ".join(sorted(supported)))
            )
        for mapper in mappers:
            self.api.add_mapper_to_idp(alias, mapper)

    def update(self, context, current, merged, changes):
        payload = dict((field, value) for field, value in merged.items() if field not in ("mappers", "types"))
        self.api.update_idp(self.request.key, payload)

    def delete(self, context, current):
        self.api.delete_idp(self.request.key)

    def collections(self):
        return {"mappers": IdentityProviderMappers(self)}


class IdentityProviderMappers(Collection):
    """The provider's mappers, by name; ``config`` compared key by key, as strings."""

    name = "mappers"
    ignored = ("id", "identityProviderAlias")

    def __init__(self, handler):
        Collection.__init__(self, handler)
        self._items = None

    def read(self, current):
        if current is None:
            return []
        if self._items is None:
            self._items = list(self.api.get_idp_mappers(current["alias"]) or [])
        return list(self._items)

    def resolve(self, item, current):
        item = dict(item)
        if "config" in item:
            item["config"] = string_map(item["config"])
        have = dict((mapper.get("name"), mapper) for mapper in self.read(current)).get(item["name"])
        mapper_type = item.get("identityProviderMapper")
        if have is None and not mapper_type:
            raise PlanError("new mapper '%s' needs identity_provider_mapper (its type, for example hardcoded-attribute-idp-mapper)" % item["name"])
        if mapper_type and (have is None or have.get("identityProviderMapper") != mapper_type):
            self.handler.check_mapper_type(item, current)
        return item

    def sent_with_create(self):
        # Added by the create itself, once Keycloak has said which types the new provider supports.
        return True

    def add(self, context, item):
        self.api.add_mapper_to_idp(self.handler.request.key, item)

    def update(self, context, have, item):
        self.api.update_mapper_in_idp(self.handler.request.key, have["id"], self.merged(have, item))

    def remove(self, context, have):
        self.api.delete_mapper_from_idp(self.handler.request.key, have["id"])


# ------------------------------------------------------------------ reading


def find_identity_providers(api, alias=None):
    """The realm's identity providers (or the one ``alias``), each with its ``mappers``; secrets as Keycloak masks them."""
    if alias is not None:
        found = or_none(api.get_idp, alias)
        providers = [found] if found else []
    else:
        providers = sorted(api.get_idps() or [], key=lambda item: item.get("alias") or "")
    mappers = IdentityProviderMappers.ignored
    for provider in providers:
        provider["mappers"] = sorted(
            (dict((key, value) for key, value in mapper.items() if key not in mappers) for mapper in api.get_idp_mappers(provider["alias"]) or []),
            key=lambda mapper: mapper.get("name") or "",
        )
    return providers


# ------------------------------------------------------------------ the kind


def scrub_config_secret(params, secret=SECRET):
    """Mask a secret given in ``config`` (or ``representation.config``) in the task's own arguments.

    The handler refuses it there (the dedicated no_log option sets it), and Ansible echoes a
    failed task's arguments: masked in place, the value is not in that echo.
    """
    for holder in (params.get("config"), (params.get("representation") or {}).get("config")):
        if isinstance(holder, dict) and holder.get(secret) not in (None, "", MASK):
            holder[secret] = MASK


def _shape(params, representation):
    scrub_config_secret(params)
    return representation


IDENTITY_PROVIDER = Kind(
    "identity_provider",
    IdentityProviderHandler,
    key="alias",
    key_field="alias",
    settings=dict(
        alias=dict(type="str", required=True),
        display_name=dict(type="str"),
        provider_id=dict(type="str"),
        enabled=dict(type="bool"),
        trust_email=dict(type="bool"),
        store_token=dict(type="bool"),
        add_read_token_role_on_create=dict(type="bool"),
        link_only=dict(type="bool"),
        hide_on_login=dict(type="bool"),
        first_broker_login_flow_alias=dict(type="str"),
        post_broker_login_flow_alias=dict(type="str"),
        config=dict(type="dict"),
    ),
    items=[
        Items(
            "mappers",
            "mappers",
            dict(type="list", elements="dict", options=dict(
                name=dict(type="str", required=True),
                identity_provider_mapper=dict(type="str"),
                config=dict(type="dict"),
            )),
        ),
    ],
    flags=dict(client_secret=dict(type="str", no_log=True), update_secret=UPDATE_SECRET),
    shape=_shape,
)
