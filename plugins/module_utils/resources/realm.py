# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Realms: the realm's own settings, and the defaults that live on the realm.

The realm PUT leaves out fields it is not sent, so an update sends only the top-level
fields that change (with maps such as ``attributes`` and ``smtpServer`` merged with what
the server has: Keycloak replaces those maps whole).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..client import urls as _urls
from ..engine import KEYCLOAK_MASK, Handler, NameCollection, PlanError, string_map
from .client_scope import realm_type, set_realm_type
from .common import or_none, realm_or_none

# List fields of the realm that are sets: their order means nothing to Keycloak.
REALM_SET_FIELDS = (
    "supportedLocales",
    "eventsListeners",
    "enabledEventTypes",
    "otpSupportedApplications",
    "webAuthnPolicySignatureAlgorithms",
    "webAuthnPolicyPasswordlessSignatureAlgorithms",
    "webAuthnPolicyAcceptableAaguids",
    "webAuthnPolicyPasswordlessAcceptableAaguids",
    "webAuthnPolicyExtraOrigins",
    "webAuthnPolicyPasswordlessExtraOrigins",
)


# Realm fields that bind an authentication flow by its alias.
FLOW_BINDINGS = (
    "browserFlow",
    "registrationFlow",
    "directGrantFlow",
    "resetCredentialsFlow",
    "clientAuthenticationFlow",
    "dockerAuthenticationFlow",
    "firstBrokerLoginFlow",
)
# The flows a new realm has: the only ones a realm can be bound to when it is created.
BUILT_IN_FLOWS = frozenset(
    ("browser", "registration", "direct grant", "reset credentials", "clients", "docker auth", "first broker login")
)
# The realm roles and client scopes a new realm has (Keycloak 26): the only ones its defaults can name
# when it is created. A new realm has no group.
BUILT_IN_ROLES = frozenset(("offline_access", "uma_authorization"))
BUILT_IN_CLIENT_SCOPES = frozenset(
    ("acr", "address", "basic", "email", "microprofile-jwt", "offline_access", "organization", "phone", "profile", "role_list",
     "roles", "saml_organization", "service_account", "web-origins")
)
# Realm defaults a task can make exact at creation: collection -> (option, purge option).
_PURGED_AT_CREATE = {
    "defaultRoles": ("default_roles", "purge_default_roles"),
    "defaultDefaultClientScopes": ("default_client_scopes", "purge_default_client_scopes"),
    "defaultOptionalClientScopes": ("optional_client_scopes", "purge_optional_client_scopes"),
}


class RealmHandler(Handler):
    kind = "realm"
    set_fields = REALM_SET_FIELDS
    ignored_fields = ("id",)

    def __init__(self, client, options=None):
        Handler.__init__(self, client, options)
        # Scope names each realm default list was asked for (so one scope is not listed in both).
        self.wanted_scopes = {}

    def read(self, key):
        return realm_or_none(self.client.get_realm, key)

    def identity(self, current):
        return current.get("realm")

    def prepare(self, desired, current):
        self._check_flows(desired, current)
        if "attributes" in desired:
            desired["attributes"] = string_map(desired["attributes"])
        if "smtpServer" in desired:
            desired["smtpServer"] = string_map(desired["smtpServer"])
            stored = ((current or {}).get("smtpServer") or {}).get("password") == KEYCLOAK_MASK
            if stored and self.options.get("update_password") != "always":
                # A password is stored and cannot be compared: sent only when asked (update_password), even when
                # other SMTP settings change. The masked value the server shows keeps the stored one.
                desired["smtpServer"].pop("password", None)
        return desired

    def _check_flows(self, desired, current):
        """A flow binding must name a flow of the realm: Keycloak would store any alias and break logins."""
        wanted = dict((field, desired[field]) for field in FLOW_BINDINGS if desired.get(field) is not None)
        if current is not None:
            wanted = dict((field, alias) for field, alias in wanted.items() if current.get(field) != alias)
        if not wanted:
            return
        known = BUILT_IN_FLOWS if current is None else set(flow["alias"] for flow in self.client.get_authentication_flows())
        for field, alias in sorted(wanted.items()):
            if alias not in known:
                raise PlanError("%s: no authentication flow '%s' in the realm" % (field, alias))

    def unknown_secret(self, path):
        # Keycloak shows the SMTP password as ********** only: it cannot be compared.
        return self.options.get("update_password") == "always"

    def create(self, context, desired):
        self.client.create_realm(desired)
        context["id"] = desired["realm"]
        # The new realm has Keycloak's default roles and client scopes; a task that purges lists all it
        # wants, so the others go now (the engine adds the listed ones next).
        collections = self.collections()
        for field, (option, purge) in sorted(_PURGED_AT_CREATE.items()):
            wanted = self.options.get(option)
            if not self.options.get(purge) or wanted is None:
                continue
            for name in collections[field].read(None):
                if name not in wanted:
                    collections[field].remove(context, name)

    def update(self, context, current, merged, changes):
        fields = sorted(set(path[0] for path in changes))
        payload = dict((field, merged[field]) for field in fields)
        payload["realm"] = current["realm"]
        self.client.update_realm(current["realm"], payload)

    def delete(self, context, current):
        self.client.delete_realm(current["realm"])

    def collections(self):
        return {
            "defaultRoles": DefaultRoles(self),
            "defaultGroups": DefaultGroups(self),
            "defaultDefaultClientScopes": DefaultClientScopes(self, "default"),
            "defaultOptionalClientScopes": DefaultClientScopes(self, "optional"),
        }


class DefaultRoles(NameCollection):
    """Realm roles every new user gets: the composites of ``default-roles-<realm>``."""

    name = "defaultRoles"

    def read(self, current):
        return [role["name"] for role in self.client.get_realm_default_roles()]

    def resolve(self, item, current):
        if current is None and item not in BUILT_IN_ROLES:
            raise PlanError("default role '%s': a new realm has only the realm roles %s; create the role, then make it a default role"
                            % (item, ", ".join(sorted(BUILT_IN_ROLES))))
        if current is not None and or_none(self.client.get_realm_role, item) is None:
            raise PlanError("default role '%s': no such realm role in realm '%s'" % (item, current["realm"]))
        return item

    def add(self, context, item):
        self.client.add_realm_default_roles([self.client.get_realm_role(item)])

    def remove(self, context, have):
        self.client.remove_realm_default_roles([self.client.get_realm_role(have)])


class DefaultGroups(NameCollection):
    """Groups (by path) every new user joins."""

    name = "defaultGroups"

    def read(self, current):
        return [group["path"] for group in self.client._get(self.client._url(_urls.REALM_DEFAULT_GROUPS))]

    def resolve(self, item, current):
        if not item.startswith("/"):
            item = "/" + item
        if current is None:
            raise PlanError("default group '%s': a new realm has no group; create the group, then make it a default group" % item)
        if or_none(self.client.get_group_by_path, item) is None:
            raise PlanError("default group '%s': no such group in realm '%s'" % (item, current["realm"]))
        return item

    def _group_id(self, path):
        return self.client.get_group_by_path(path)["id"]

    def add(self, context, item):
        self.client._put(self.client._url(_urls.REALM_DEFAULT_GROUP, group_id=self._group_id(item)))

    def remove(self, context, have):
        self.client._delete(self.client._url(_urls.REALM_DEFAULT_GROUP, group_id=self._group_id(have)))


class DefaultClientScopes(NameCollection):
    """Client scopes every new client gets, as default or as optional scopes."""

    def __init__(self, handler, which):
        NameCollection.__init__(self, handler)
        self.which = which
        self.other = "optional" if which == "default" else "default"
        self.name = "defaultDefaultClientScopes" if which == "default" else "defaultOptionalClientScopes"

    def _scopes(self):
        if self.which == "default":
            return self.client.get_default_default_client_scopes()
        return self.client.get_default_optional_client_scopes()

    def read(self, current):
        return [scope["name"] for scope in self._scopes()]

    def resolve(self, item, current):
        if item in self.handler.wanted_scopes.get(self.other, ()):
            raise PlanError("client scope '%s' is listed both as default and as optional client scope" % item)
        self.handler.wanted_scopes.setdefault(self.which, set()).add(item)
        if current is None and item not in BUILT_IN_CLIENT_SCOPES:
            raise PlanError("%s client scope '%s': not a client scope a new realm has; create the scope, then list it" % (self.which, item))
        if current is not None and self.client.get_client_scope_by_name(item) is None:
            raise PlanError("%s client scope '%s': no such client scope in realm '%s'" % (self.which, item, current["realm"]))
        return item

    def _scope_id(self, name):
        scope = self.client.get_client_scope_by_name(name)
        if scope is None:
            raise PlanError("%s client scope '%s' does not exist" % (self.which, name))
        return scope["id"]

    def add(self, context, item):
        # Keycloak holds a scope in one of the two lists at most and answers 409 to a second link (a new
        # realm has its built-in scopes linked already): move the scope, or leave it where it is.
        scope_id = self._scope_id(item)
        set_realm_type(self.client, scope_id, realm_type(self.client, scope_id), self.which)

    def remove(self, context, have):
        if self.which == "default":
            self.client.delete_default_default_client_scope(self._scope_id(have))
        else:
            self.client.delete_default_optional_client_scope(self._scope_id(have))
