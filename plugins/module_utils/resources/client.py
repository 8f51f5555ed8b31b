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
- Secrets come back in clear (``secret``, SAML private keys in ``attributes``), so they are
  compared like any field; ``engine.mask`` hides them in the output.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..client import urls
from ..engine import Handler, NameCollection, PlanError, string_map
from .common import or_none
from .protocol_mappers import ProtocolMappers
from .role_mappings import RoleMappings, role_items

PKCE_ATTRIBUTE = "pkce.code.challenge.method"
SERVICE_ACCOUNT_SCOPE = "service_account"
SCOPE_LISTS = ("defaultClientScopes", "optionalClientScopes")
# Nested lists with options of their own: never compared nor sent as client fields.
_OWN_OPTIONS = {
    "protocolMappers": "protocol_mappers",
    "defaultClientScopes": "default_client_scopes",
    "optionalClientScopes": "optional_client_scopes",
}
# Fields the server shows that are not the client's to write.
_READ_ONLY = ("access",)
# Purge options of the module, by collection (the create applies them itself, see ``create``).
_PURGE_OPTIONS = {
    "defaultClientScopes": ("purge_default_client_scopes", "default_client_scopes"),
    "optionalClientScopes": ("purge_optional_client_scopes", "optional_client_scopes"),
}
_SERVICE_ACCOUNT_OPTIONS = ("service_account_realm_roles", "service_account_client_roles")


def purge_rules(mappers=False, default_scopes=False, optional_scopes=False, service_account_roles=False):
    """The ``purge`` map of a client plan: the ``service_account`` scope is Keycloak's to link."""
    return {
        "protocolMappers": bool(mappers),
        "defaultClientScopes": _not_service_account if default_scopes else False,
        "optionalClientScopes": bool(optional_scopes),
        "serviceAccountRoleMappings": bool(service_account_roles),
    }


def _not_service_account(name):
    return name != SERVICE_ACCOUNT_SCOPE


class ClientHandler(Handler):
    """A client found by its ``clientId`` in the realm the admin client manages."""

    kind = "client"
    not_in_representation = dict((field, "use the %s option" % option) for field, option in _OWN_OPTIONS.items())
    set_fields = ("redirectUris", "webOrigins")

    def __init__(self, client, options=None):
        Handler.__init__(self, client, options)
        self.desired = {}
        # Names each scope collection was asked for (so one scope is not listed in both).
        self.wanted_scopes = {}
        self._scopes = None
        self._service_accounts = {}

    # ---------------------------------------------------------------- read

    def read(self, key):
        client_uuid = self.client.get_client_id(key)
        if client_uuid is None:
            return None
        return or_none(self.client.get_client, client_uuid)

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
        if desired.get("authorizationServicesEnabled") and not desired.get("serviceAccountsEnabled", have.get("serviceAccountsEnabled")):
            # Keycloak answers 500 (unknown_error) to authorization services without a service account.
            raise PlanError("authorization services need a service account: set service_accounts_enabled to true")
        self.desired = desired
        return desired

    def _flow_ids(self, overrides):
        """Flow aliases (or ids) of the overrides as flow ids: Keycloak answers 500 to an unknown id."""
        flows = None
        result = {}
        for binding, flow in overrides.items():
            if flow is None or flow == "":
                result[binding] = flow
                continue
            if flows is None:
                flows = self.client.get_authentication_flows() or []
            found = [item["id"] for item in flows if flow in (item.get("alias"), item.get("id"))]
            if not found:
                raise PlanError("authentication flow '%s' (%s override) does not exist in realm '%s'" % (flow, binding, self.realm))
            result[binding] = found[0]
        return result

    def _check_service_account(self, desired, have):
        asked = any(self.options.get(option) is not None for option in _SERVICE_ACCOUNT_OPTIONS)
        if not (asked or self.options.get("purge_service_account_roles")):
            return
        enabled = desired.get("serviceAccountsEnabled", have.get("serviceAccountsEnabled"))
        if not enabled:
            raise PlanError("service account roles need a service account: set service_accounts_enabled to true")

    @property
    def realm(self):
        return self.client.get_current_realm()

    def protocol(self, current):
        return self.desired.get("protocol") or (current or {}).get("protocol") or "openid-connect"

    def client_scope(self, name):
        """The realm's client scope ``name`` (one read of the whole list per task), or None."""
        if self._scopes is None:
            self._scopes = dict((scope["name"], scope) for scope in self.client.get_client_scopes() or [])
        return self._scopes.get(name)

    def service_account_id(self, context, current):
        """The id of the client's service account user; None while the client has none."""
        client_uuid = (context or {}).get("id") or (current or {}).get("id")
        if client_uuid is None:
            return None
        if context is None and not (current or {}).get("serviceAccountsEnabled"):
            return None
        if client_uuid not in self._service_accounts:
            self._service_accounts[client_uuid] = self.client.get_client_service_account_user(client_uuid)["id"]
        return self._service_accounts[client_uuid]

    # -------------------------------------------------------------- writes

    def create(self, context, desired):
        context["id"] = self.client.create_client(desired)
        # The new client got the realm's default scopes and, with a service account, the
        # realm's default roles; a task that purges lists all it wants, so the rest go now.
        created = None
        for field, (purge, option) in _PURGE_OPTIONS.items():
            if not (self.options.get(purge) and self.options.get(option) is not None):
                continue
            if created is None:
                created = self.client.get_client(context["id"])
            collection = ClientScopes(self, field)
            for name in created.get(field) or []:
                if name not in self.wanted_scopes.get(field, ()) and _not_service_account(name):
                    collection.remove(context, name)
        roles = role_items(*[self.options.get(option) for option in _SERVICE_ACCOUNT_OPTIONS])
        if self.options.get("purge_service_account_roles") and roles is not None:
            mappings = self.service_account_roles()
            wanted = set(mappings.key(item) for item in roles)
            for item in mappings.read({"id": context["id"], "serviceAccountsEnabled": True}):
                if mappings.key(item) not in wanted:
                    mappings.remove(context, item)

    def update(self, context, current, merged, changes):
        # The client as read in this run with the task's fields laid over it; never the
        # mappers (the PUT would replace them) nor the scope links (the PUT ignores them).
        payload = dict((field, value) for field, value in merged.items() if field not in _OWN_OPTIONS and field not in _READ_ONLY)
        self.client.update_client(current["id"], payload)

    def delete(self, context, current):
        self.client.delete_client(current["id"])

    def collections(self):
        return {
            "protocolMappers": ProtocolMappers(
                self,
                protocol=self.protocol,
                add=self.client.add_mapper_to_client,
                update=self.client.update_client_mapper,
                remove=self.client.remove_client_mapper,
            ),
            "defaultClientScopes": ClientScopes(self, "defaultClientScopes"),
            "optionalClientScopes": ClientScopes(self, "optionalClientScopes"),
            "serviceAccountRoleMappings": self.service_account_roles(),
        }

    def service_account_roles(self):
        return RoleMappings(self, "user", name="serviceAccountRoleMappings", target_id=self.service_account_id)


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
        scope = self.handler.client_scope(item)
        if scope is None:
            raise PlanError("%s client scope '%s' does not exist in realm '%s'" % (self.which, item, self.handler.realm))
        protocol = self.handler.protocol(current)
        if (scope.get("protocol") or "openid-connect") != protocol:
            raise PlanError("%s client scope '%s' is a %s scope; the client's protocol is %s" % (self.which, item, scope.get("protocol"), protocol))
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
            self.client.add_client_default_client_scope(context["id"], scope_id, {})
        else:
            self.client.add_client_optional_client_scope(context["id"], scope_id, {})

    def remove(self, context, have):
        self._unlink(context["id"], self._scope_id(have), self.name)

    def _unlink(self, client_uuid, scope_id, field):
        # Unlinking a scope that is not linked answers 204 too.
        if field == "defaultClientScopes":
            self.client.delete_client_default_client_scope(client_uuid, scope_id)
        else:
            self.client.delete_client_optional_client_scope(client_uuid, scope_id)


def find_clients(admin, client_id=None, search=None):
    """Clients of the realm ``admin`` manages, whole, with the roles of their service accounts.

    ``client_id`` is an exact match, ``search`` a substring of the clientId (server side).
    The list answer carries each client whole (mappers and scope names included), so only
    clients with a service account cost more requests (its user and its role mappings).
    """
    query = None
    if client_id is not None:
        query = {"clientId": client_id, "search": False}
    elif search:
        query = {"clientId": search, "search": True}
    found = admin._fetch_all(admin._url(urls.CLIENTS), query)
    if client_id is not None:
        found = [item for item in found if item.get("clientId") == client_id]
    mappings = ClientHandler(admin).service_account_roles()
    for item in found:
        if item.get("serviceAccountsEnabled"):
            item["serviceAccountRoleMappings"] = sorted(mappings.read(item), key=lambda role: (role.get("clientId") or "", role["name"]))
    return found
