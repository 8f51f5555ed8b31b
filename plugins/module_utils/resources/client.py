# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Clients (OpenID Connect and SAML): settings, protocol mappers, client scopes and the
roles of the service account.

What Keycloak 26 does that shapes this handler:

- A client PUT that carries ``protocolMappers`` replaces the client's mappers with that list
  (an empty list deletes them all), so the PUT never carries it; mappers and client scope
  links are written through their own endpoints.
- A create that carries ``defaultClientScopes`` or ``optionalClientScopes`` (either one) gets
  no realm default scope at all, for both lists. So scopes are linked after the create, and a
  new client keeps the realm's defaults unless the task purges them.
- Linking a scope of the other protocol, or as optional a scope that is a default scope of
  the client (or the other way round), answers 204 and changes nothing; so a scope is checked
  before any write, and moved by unlinking it first.
- An unknown scope in a create is ignored; an unknown flow id in a flow override is a 500.
- An empty string removes a client attribute or a flow override.
- Keycloak links the ``service_account`` scope itself when service accounts are turned on
  (and unlinks it when they are turned off): it is never purged.
- Keycloak before 26.1 has no ``service_account`` scope: it gives a client whose service
  accounts are turned on three protocol mappers of its own instead ("Client ID", "Client Host",
  "Client IP Address", user session notes), adds any of them that is missing again on every
  update that sends ``serviceAccountsEnabled: true`` (which every update here does), and keeps
  them when service accounts are turned off. So on those servers they are never purged from a
  client with a service account (a purge would be undone by the next update, every run).
- A create that names the protocol ``openid-connect`` gets the protocol's defaults for what it
  leaves out (``publicClient``, ``directAccessGrantsEnabled``, redirect URIs and web origins
  from ``rootUrl``), and the two backchannel logout attributes at their defaults whatever it
  sends: those two are written again right after such a create, when the task sets them
  otherwise. A create that names no protocol (and Keycloak's partial import) gets none of that.
- Secrets come back in clear (``secret``, SAML private keys in ``attributes``), so they are
  compared like any field; ``engine.mask`` hides them in the output.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..engine import Handler, NameCollection, PlanError, string_map
from ..kind import JAVA_INT_MAX, Items, Kind, RoleItems
from .common import Reader, server_version
from .nested_protocol_mappers import MAPPER_OPTIONS, ProtocolMappers
from .nested_role_mappings import RoleMappings

PKCE_ATTRIBUTE = "pkce.code.challenge.method"
SERVICE_ACCOUNT_SCOPE = "service_account"
SCOPE_LISTS = ("defaultClientScopes", "optionalClientScopes")
# The mappers Keycloak before 26.1 gives a client with a service account (name: user session note).
SERVICE_ACCOUNT_MAPPERS = {"Client ID": "client_id", "Client Host": "clientHost", "Client IP Address": "clientAddress"}
SERVICE_ACCOUNT_MAPPER_TYPE = "oidc-usersessionmodel-note-mapper"
# The first version with the service_account client scope instead of those mappers.
SERVICE_ACCOUNT_SCOPE_FROM = (26, 1)
# Nested lists with options of their own: never compared nor sent as client fields.
_OWN_OPTIONS = {
    "protocolMappers": "protocol_mappers",
    "defaultClientScopes": "default_client_scopes",
    "optionalClientScopes": "optional_client_scopes",
}
# Fields the server shows that are not the client's to write.
_READ_ONLY = ("access",)
# What a create naming the protocol openid-connect sets whatever the create sends (Keycloak's setupClientDefaults).
OIDC_CREATE_ATTRIBUTES = {"backchannel.logout.session.required": "true", "backchannel.logout.revoke.offline.tokens": "false"}


class ClientHandler(Handler):
    """A client found by its ``clientId`` in the realm the admin client manages."""
    # Its update sends the object as read with the task's fields over it: laid over a read right before the write.
    fresh_update = True

    kind = "client"
    not_in_representation = dict((field, "use the %s option" % option) for field, option in _OWN_OPTIONS.items())
    set_fields = ("redirectUris", "webOrigins")

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self.desired = {}
        # Names each scope collection was asked for (so one scope is not listed in both).
        self.wanted_scopes = {}
        self._scopes = None
        self._flows = None
        # Override aliases of flows that do not exist yet: their ids are looked up when written.
        self._planned_flows = set()
        self._service_accounts = {}
        self._current = None
        self._version = None

    # ---------------------------------------------------------------- read

    def purges(self, name, have):
        # Keycloak links the service_account scope itself: never purged.
        if name == "defaultClientScopes" and have == SERVICE_ACCOUNT_SCOPE:
            return False
        # Before 26.1, Keycloak's own mappers of a client with a service account: it would add them again.
        if not Handler.purges(self, name, have):
            return False
        return not (name == "protocolMappers" and self._service_account_mapper(have))

    def _service_account_mapper(self, mapper):
        """Whether ``mapper`` is one Keycloak (before 26.1) keeps on this client because it has a service account."""
        if not isinstance(mapper, dict):
            return False
        note = SERVICE_ACCOUNT_MAPPERS.get(mapper.get("name"))
        if note is None or mapper.get("protocolMapper") != SERVICE_ACCOUNT_MAPPER_TYPE:
            return False
        if (mapper.get("config") or {}).get("user.session.note") != note:
            return False
        if not self.desired.get("serviceAccountsEnabled", (self._current or {}).get("serviceAccountsEnabled")):
            return False
        if self._version is None:
            self._version = server_version(self.api)
        return bool(self._version) and self._version[:2] < SERVICE_ACCOUNT_SCOPE_FROM

    def read(self, key):
        # While a run that plans many clients plans, the realm's clients are read once (``bulk.ListSnapshot``).
        snapshot = self.snapshot_of("clients")
        if snapshot is not None:
            return snapshot.get(key)
        # The search answer carries the client whole, as a read by id does (mappers and scope names included): one
        # request finds it. ``clientId`` is an exact, case-sensitive match on the server.
        for client in self.api.search_clients(key) or []:
            if client.get("clientId") == key:
                return client
        return None

    # ------------------------------------------------------------- prepare

    def prepare(self, desired, current):
        for field in _READ_ONLY:
            desired.pop(field, None)
        have = current or {}
        if "attributes" in desired:
            desired["attributes"] = _without_absent_removals(string_map(desired["attributes"]), have.get("attributes"))
        if "authenticationFlowBindingOverrides" in desired:
            overrides = self._flow_ids(desired["authenticationFlowBindingOverrides"])
            desired["authenticationFlowBindingOverrides"] = _without_absent_removals(overrides, have.get("authenticationFlowBindingOverrides"))
        self._check_service_account(desired, have)
        self._current = current
        if desired.get("authorizationServicesEnabled") and not desired.get("serviceAccountsEnabled", have.get("serviceAccountsEnabled")):
            # Keycloak answers 500 (unknown_error) to authorization services without a service account.
            raise PlanError("authorization services need a service account: set service_accounts_enabled to true")
        self.desired = desired
        return desired

    def _flow_ids(self, overrides):
        """Flow aliases (or ids) of the overrides as flow ids: Keycloak answers 500 to an unknown id.

        A flow that an earlier plan of the run creates (or that check mode assumes) keeps its
        alias in the prediction; the write looks its id up (``_with_flow_ids``).
        """
        result = {}
        for binding, flow in overrides.items():
            if flow is None or flow == "":
                result[binding] = flow
                continue
            found = self.reference("flow", flow, lambda flow=flow: self._find_flow(flow),
                                   what="authentication flow '%s' (%s override) in realm '%s'" % (flow, binding, self.realm))
            result[binding] = found.id if found.exists else flow
            if not found.exists:
                self._planned_flows.add(flow)
        return result

    def _find_flow(self, flow):
        found = [item for item in self._flows or [] if flow in (item.get("alias"), item.get("id"))]
        if not found:
            # Read again for a flow not seen: an earlier plan of the run may have created it since.
            self._flows = self.api.get_authentication_flows() or []
            found = [item for item in self._flows if flow in (item.get("alias"), item.get("id"))]
        return found[0] if found else None

    def _with_flow_ids(self, payload):
        """``payload`` with override aliases (of flows planned earlier in the run) replaced by the flows' ids."""
        overrides = payload.get("authenticationFlowBindingOverrides")
        if not overrides or not self._planned_flows.intersection(overrides.values()):
            return payload
        resolved = {}
        for binding, flow in overrides.items():
            found = self._find_flow(flow) if flow in self._planned_flows else None
            resolved[binding] = found["id"] if found else flow
        return dict(payload, authenticationFlowBindingOverrides=resolved)

    def _check_service_account(self, desired, have):
        if self.request.items.get("serviceAccountRoleMappings") is None and not self.request.purge.get("serviceAccountRoleMappings"):
            return
        enabled = desired.get("serviceAccountsEnabled", have.get("serviceAccountsEnabled"))
        if not enabled:
            raise PlanError("service account roles need a service account: set service_accounts_enabled to true")

    def protocol(self, current):
        return self.desired.get("protocol") or (current or {}).get("protocol") or "openid-connect"

    def client_scope(self, name):
        """The realm's client scope ``name`` (one read of the whole list per task), or None."""
        if self._scopes is None or name not in self._scopes:
            # Read again for a name not seen: an earlier plan of the run may have created it since.
            self._scopes = dict((scope["name"], scope) for scope in self.api.get_client_scopes() or [])
        return self._scopes.get(name)

    def service_account_id(self, context, current):
        """The id of the client's service account user; None while the client has none."""
        client_uuid = (context or {}).get("id") or (current or {}).get("id")
        if client_uuid is None:
            return None
        if context is None and not (current or {}).get("serviceAccountsEnabled"):
            return None
        if client_uuid not in self._service_accounts:
            self._service_accounts[client_uuid] = self.api.get_client_service_account_user(client_uuid)["id"]
        return self._service_accounts[client_uuid]

    # -------------------------------------------------------------- writes

    def create(self, context, desired):
        payload = self._with_flow_ids(desired)
        mappers = payload.get("protocolMappers") or []
        own = [mapper for mapper in mappers if self._service_account_mapper(mapper)]
        if own:
            # Before 26.1 Keycloak makes a service account's three mappers itself. One sent in the create gets the mapper
            # defaults Keycloak's own lack (userinfo.token.claim), so an export's client would not be made as it was: they
            # are left to Keycloak, then brought to what the task lists.
            payload = dict(payload, protocolMappers=[mapper for mapper in mappers if mapper not in own])
            if not payload["protocolMappers"]:
                del payload["protocolMappers"]
        context["id"] = self.api.create_client(payload)
        overwritten = oidc_create_overwrites(payload)
        if overwritten:
            # Keycloak set them to its defaults: written again, onto the client as it was made.
            made = self.api.get_client(context["id"])
            self.update(context, made, dict(made, attributes=dict(made.get("attributes") or {}, **overwritten)), None)
        if own:
            collection = self.protocol_mappers()
            made = dict((mapper.get("name"), mapper) for mapper in self.api.get_mappers_from_client(context["id"]) or [])
            for mapper in own:
                found = made.get(mapper["name"])
                if found is None:
                    collection.add(context, mapper)
                elif collection.differs(found, mapper):
                    collection.update(context, found, mapper)

    def imported(self, payload):
        """``payload`` (a create's) as Keycloak's partial import must get it to make the client this create makes: flows
        by id, and what a create naming openid-connect fills in (the import fills in nothing). ``bulk.importable`` says
        which creates qualify."""
        client = dict(self._with_flow_ids(payload))
        if client.get("protocol") == "openid-connect":
            client["attributes"] = dict(OIDC_CREATE_ATTRIBUTES, **(client.get("attributes") or {}))
            client.setdefault("directAccessGrantsEnabled", True)
            if "bearerOnly" not in client:
                client.setdefault("publicClient", True)
        return client

    def predict(self, end_state, wanted_items):
        # A scope linked in one list leaves the other (Keycloak holds it in one list at most).
        for field, other in (("defaultClientScopes", "optionalClientScopes"), ("optionalClientScopes", "defaultClientScopes")):
            if wanted_items.get(field) is not None and isinstance(end_state.get(other), list):
                end_state[other] = [name for name in end_state[other] if name not in wanted_items[field] or name in (wanted_items.get(other) or [])]
        return end_state

    def update(self, context, current, merged, changes):
        # The client as read in this run with the task's fields laid over it; never the
        # mappers (the PUT would replace them) nor the scope links (the PUT ignores them).
        payload = dict((field, value) for field, value in merged.items() if field not in _OWN_OPTIONS and field not in _READ_ONLY)
        self.api.update_client(current["id"], self._with_flow_ids(payload))

    def delete(self, context, current):
        self.api.delete_client(current["id"])

    def collections(self):
        return {
            "protocolMappers": self.protocol_mappers(),
            "defaultClientScopes": ClientScopes(self, "defaultClientScopes"),
            "optionalClientScopes": ClientScopes(self, "optionalClientScopes"),
            "serviceAccountRoleMappings": self.service_account_roles(),
            # The client's own (dedicated) scope: the roles its tokens may carry when fullScopeAllowed is off. Managed by
            # keycloak_realm_config (an export's scopeMappings and clientScopeMappings entries with ``client``) and by
            # keycloak_role_mapping; the module has no option for it.
            "scopeMappings": RoleMappings(self, "client", name="scopeMappings"),
        }

    def protocol_mappers(self):
        return ProtocolMappers(
            self,
            protocol=self.protocol,
            add=self.api.add_mapper_to_client,
            update=self.api.update_client_mapper,
            remove=self.api.remove_client_mapper,
        )

    def service_account_roles(self):
        return RoleMappings(self, "user", name="serviceAccountRoleMappings", target_id=self.service_account_id)


def oidc_create_overwrites(payload):
    """The attributes of a create ``payload`` that Keycloak sets to other values when the create names openid-connect."""
    if payload.get("protocol") != "openid-connect":
        return {}
    attributes = payload.get("attributes") or {}
    return dict((key, attributes[key]) for key, value in OIDC_CREATE_ATTRIBUTES.items() if attributes.get(key, value) != value)


def _without_absent_removals(wanted, have):
    """``wanted`` without the empty strings (removals) of keys the server does not have."""
    have = have or {}
    return dict((key, value) for key, value in wanted.items() if value != "" or key in have)


class ClientScopes(NameCollection):
    """The default or the optional client scopes of the client, by scope name."""

    def __init__(self, handler, field):
        NameCollection.__init__(self, handler)
        self.name = field
        self.other = [item for item in SCOPE_LISTS if item != field][0]
        self.which = "default" if field == "defaultClientScopes" else "optional"

    def read(self, current):
        # The client's representation carries both lists by name: no request of their own.
        return list(current.get(self.name) or []) if current else []

    def resolve(self, item, current):
        if item in self.handler.wanted_scopes.get(self.other, ()):
            raise PlanError("client scope '%s' is listed both as default and as optional scope" % item)
        self.handler.wanted_scopes.setdefault(self.name, set()).add(item)
        if item in self.read(current):
            return item
        scope = self.handler.reference("client scope", item, lambda: self.handler.client_scope(item),
                                       what="%s client scope '%s' in realm '%s'" % (self.which, item, self.handler.realm))
        if not scope.exists:
            return item
        protocol = self.handler.protocol(current)
        if (scope.value.get("protocol") or "openid-connect") != protocol:
            raise PlanError("%s client scope '%s' is a %s scope; the client's protocol is %s" % (self.which, item, scope.value.get("protocol"), protocol))
        return item

    def _scope_id(self, name):
        scope = self.handler.client_scope(name)
        if scope is None:
            raise PlanError("%s client scope '%s' does not exist in realm '%s'" % (self.which, name, self.handler.realm))
        return scope["id"]

    def add(self, context, item):
        scope_id = self._scope_id(item)
        current = context.get("current")
        if current is None or item in (current.get(self.other) or []):
            # Keycloak ignores a link while the other kind of link is there: move the scope.
            # A new client may have it from the realm's defaults, so a create always unlinks.
            self._unlink(context["id"], scope_id, self.other)
        if self.name == "defaultClientScopes":
            self.api.add_client_default_client_scope(context["id"], scope_id, {})
        else:
            self.api.add_client_optional_client_scope(context["id"], scope_id, {})

    def remove(self, context, have):
        self._unlink(context["id"], self._scope_id(have), self.name)

    def _unlink(self, client_uuid, scope_id, field):
        # Unlinking a scope that is not linked answers 204 too.
        if field == "defaultClientScopes":
            self.api.delete_client_default_client_scope(client_uuid, scope_id)
        else:
            self.api.delete_client_optional_client_scope(client_uuid, scope_id)


def find_clients(admin, client_id=None, search=None, include=()):
    """Clients of the realm ``admin`` manages, whole, with the roles of their service accounts.

    ``client_id`` is an exact match, ``search`` a substring of the clientId (server side).
    The list answer carries each client whole (mappers and scope names included), so only
    clients with a service account cost more requests (its user and its role mappings).
    ``include`` may hold ``client_scopes``: each client's ``clientScopes``, its default and
    optional scopes whole (one read of the realm's scopes, two per client).
    """
    if client_id is not None:
        found = [item for item in admin.search_clients(client_id) if item.get("clientId") == client_id]
    else:
        found = admin.search_clients(search or None, search=bool(search))
    mappings = RoleMappings(Reader(admin), "user", name="serviceAccountRoleMappings",
                            target_id=lambda context, current: admin.get_client_service_account_user(current["id"])["id"])
    for item in found:
        if item.get("serviceAccountsEnabled"):
            item["serviceAccountRoleMappings"] = sorted(mappings.read(item), key=lambda role: (role.get("clientId") or "", role["name"]))
    if "client_scopes" in include and found:
        # The client's scope endpoints answer only ids and names: the realm's list gives the rest.
        whole = dict((scope["id"], scope) for scope in admin.get_client_scopes() or [])

        def linked(scopes):
            return sorted((whole.get(scope["id"], scope) for scope in scopes or []), key=lambda scope: scope.get("name") or "")

        for item in found:
            item["clientScopes"] = {
                "default": linked(admin.get_client_default_client_scopes(item["id"])),
                "optional": linked(admin.get_client_optional_client_scopes(item["id"])),
            }
    return found


def client_protocol_mappers(admin, clients):
    """The protocol mappers of ``clients``, each read from the client's own mapper endpoint, as one
    list of mappers that carry their client's ``clientId``, sorted by client and name."""
    mappers = []
    for item in clients:
        for mapper in admin.get_mappers_from_client(item["id"]) or []:
            mapper["clientId"] = item["clientId"]
            mappers.append(mapper)
    return sorted(mappers, key=lambda mapper: (mapper["clientId"], mapper.get("name") or ""))


# ------------------------------------------------------------------ the kind


def _shape(params, representation):
    if params.get("pkce_code_challenge_method") is not None:
        attributes = dict(representation.get("attributes") or {})
        attributes[PKCE_ATTRIBUTE] = params["pkce_code_challenge_method"]
        representation["attributes"] = attributes
    return representation


CLIENT = Kind(
    "client",
    ClientHandler,
    key="client_id",
    key_field="clientId",
    settings=dict(
        client_id=dict(type="str", required=True),
        name=dict(type="str"),
        description=dict(type="str"),
        enabled=dict(type="bool"),
        protocol=dict(type="str", choices=["openid-connect", "saml"]),
        public_client=dict(type="bool"),
        bearer_only=dict(type="bool"),
        client_authenticator_type=dict(type="str"),
        secret=dict(type="str", no_log=True),
        root_url=dict(type="str"),
        base_url=dict(type="str"),
        admin_url=dict(type="str"),
        redirect_uris=dict(type="list", elements="str"),
        web_origins=dict(type="list", elements="str"),
        standard_flow_enabled=dict(type="bool"),
        implicit_flow_enabled=dict(type="bool"),
        direct_access_grants_enabled=dict(type="bool"),
        service_accounts_enabled=dict(type="bool"),
        authorization_services_enabled=dict(type="bool"),
        consent_required=dict(type="bool"),
        frontchannel_logout=dict(type="bool", aliases=["front_channel_logout"]),
        full_scope_allowed=dict(type="bool"),
        always_display_in_console=dict(type="bool"),
        surrogate_auth_required=dict(type="bool"),
        node_re_registration_timeout=dict(type="int", range=(-1, JAVA_INT_MAX)),
        attributes=dict(type="dict"),
        # Not camelCased: Keycloak's override keys are "browser" and "direct_grant".
        authentication_flow_binding_overrides=dict(type="dict", options=dict(
            browser=dict(type="str", field="browser"),
            direct_grant=dict(type="str", field="direct_grant"),
        )),
    ),
    items=[
        Items("protocolMappers", "protocol_mappers", dict(type="list", elements="dict", options=MAPPER_OPTIONS)),
        Items("defaultClientScopes", "default_client_scopes", dict(type="list", elements="str")),
        Items("optionalClientScopes", "optional_client_scopes", dict(type="list", elements="str")),
        RoleItems("serviceAccountRoleMappings", "service_account_realm_roles", "service_account_client_roles", "purge_service_account_roles"),
    ],
    flags=dict(pkce_code_challenge_method=dict(type="str", choices=["", "S256", "plain"])),
    shape=_shape,

    peers=dict(
        id="a client is found by its client_id, never by its internal id: set client_id",
        authorization_settings="a client's authorization services are managed by iam.keycloak.keycloak_client_authz",
    ),
)
