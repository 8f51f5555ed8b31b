# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""User federation: LDAP and Kerberos user storage providers, their LDAP mappers, and user sync.

A provider is a component (``org.keycloak.storage.UserStorageProvider``) of the realm; its
mappers are components whose parent it is. The shared component rules are in
``nested_components``. What Keycloak 26 does that shapes this kind:

- The bind credential comes back as ``**********``: set with ``bind_credential`` (no_log),
  never compared; sent on create, when there is none, and with ``update_secret: always``.
- Creating an LDAP provider creates default mappers (username, email, first name, last name,
  creation and modify date, Kerberos principal). A listed mapper of the same name is adopted
  (updated in place), never duplicated; the defaults not listed go only with ``purge_mappers``.
- A user sync (``sync_users``) is an action, not a state: asked for, it is a change on every
  run, and its result (Keycloak's SynchronizationResult) is in ``end_state.syncUsers``.
- ``test_connection`` asks Keycloak to reach and bind to the LDAP server before anything is
  written (a POST that changes nothing, sent in check mode too): a server that does not answer
  fails the task with Keycloak's reason.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..client.exceptions import KeycloakError
from ..engine import KEYCLOAK_MASK, Collection, PlanError
from ..kind import Items, Kind
from .nested_components import UPDATE_SECRET, ComponentHandler, SubComponentItems, SubComponents, first_value, scrub_config_secrets

STORAGE = "org.keycloak.storage.UserStorageProvider"
LDAP_MAPPER = "org.keycloak.storage.ldap.mappers.LDAPStorageMapper"
SYNC_ACTIONS = {"full": "triggerFullSync", "changed": "triggerChangedUsersSync"}
# The mappers Keycloak 26 makes with a new LDAP provider.
DEFAULT_LDAP_MAPPERS = ("username", "email", "first name", "last name", "creation date", "modify date", "Kerberos principal attribute mapper")


def _reason(error):
    """Keycloak's own words for a failed request (bytes or text, whichever the client kept)."""
    reason = getattr(error, "description", None) or error.error_message or "%s" % error
    return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else "%s" % reason


class UserFederationHandler(ComponentHandler):
    """A user storage provider of the realm, found by its name."""

    kind = "user federation"
    provider_type = STORAGE
    secret_flags = {"bind_credential": "bindCredential"}
    not_in_representation = {"mappers": "use the mappers option", "syncUsers": "use the sync_users option",
                             "providerType": "a user federation is a %s" % STORAGE}

    def __init__(self, api, request, context):
        ComponentHandler.__init__(self, api, request, context)
        # Results of the syncs this run sent (end_state.syncUsers).
        self.sync_results = []

    def prepare(self, desired, current):
        if current is None and not desired.get("providerId"):
            desired["providerId"] = "ldap"
        return ComponentHandler.prepare(self, desired, current)

    def prepare_component(self, desired, current):
        provider_id = desired.get("providerId") or (current or {}).get("providerId")
        if provider_id != "ldap":
            for collection, option in (("mappers", "mappers"), ("syncUsers", "sync_users")):
                if self.request.items.get(collection) is not None or self.request.purge.get(collection):
                    raise PlanError("%s: only an LDAP provider has them (this one is %s)" % (option, provider_id))
        if self.flags.get("test_connection"):
            if provider_id != "ldap":
                raise PlanError("test_connection: only an LDAP provider can be tested (this one is %s)" % provider_id)
            if not self.realm_is_new:
                self._test_connection(desired, current)
        return desired

    def _test_connection(self, desired, current):
        config = dict((current or {}).get("config") or {})
        config.update(desired.get("config") or {})
        connection_url = first_value(config.get("connectionUrl"))
        if not connection_url:
            raise PlanError("test_connection: the provider has no connectionUrl")
        payload = {"connectionUrl": connection_url}
        for field in ("bindDn", "useTruststoreSpi", "connectionTimeout", "startTls", "authType"):
            if first_value(config.get(field)) is not None:
                payload[field] = first_value(config.get(field))
        credential = first_value(config.get("bindCredential"))
        if credential is not None:
            payload["bindCredential"] = credential
            if credential == KEYCLOAK_MASK and current is not None:
                # Keycloak tests with the credential it has stored for this provider.
                payload["componentId"] = current["id"]
        actions = ["testConnection"]
        if (payload.get("authType") or "simple") != "none" and payload.get("bindDn"):
            actions.append("testAuthentication")
        for action in actions:
            try:
                self.api.test_ldap_connection(dict(payload, action=action))
            except KeycloakError as error:
                what = "connection to" if action == "testConnection" else "bind as %s at" % payload.get("bindDn")
                raise PlanError("LDAP test failed, Keycloak's %s %s: %s" % (what, connection_url, _reason(error)))

    def create(self, context, desired):
        ComponentHandler.create(self, context, desired)
        mappers = desired.get("mappers")
        if mappers:
            self.collections()["mappers"].create_all(context["id"], mappers)

    def collections(self):
        return {"mappers": SubComponents(self, LDAP_MAPPER, DEFAULT_LDAP_MAPPERS), "syncUsers": SyncUsers(self)}

    def predict(self, end_state, wanted_items):
        # A sync stamps the provider's config with its time (lastSync): a value no plan can know beforehand.
        if self.request.items.get("syncUsers") and isinstance((end_state or {}).get("config"), dict):
            end_state = dict(end_state, config=dict((key, value) for key, value in end_state["config"].items() if key != "lastSync"))
        return end_state


class SyncUsers(Collection):
    """The user syncs a task asks for: each is a write on every run; ``read`` gives the results of this run's."""

    name = "syncUsers"
    ignored = ()

    def key(self, item):
        return item.get("action")

    def read(self, current):
        return list(self.handler.sync_results)

    def differs(self, have, wanted):
        return False

    def add(self, context, item):
        result = self.api.sync_users(context["id"], SYNC_ACTIONS[item["action"]])
        self.handler.sync_results.append(dict(item, result=result))


class SyncItems(Items):
    """``sync_users: full|changed``: one sync item, no purge partner."""

    def __init__(self):
        Items.__init__(self, "syncUsers", "sync_users", dict(type="str", choices=sorted(SYNC_ACTIONS)))

    def options(self):
        return {self.option: self.spec}

    def items(self, params):
        action = params.get(self.option)
        return None if action is None else [{"action": action}]

    def purge_rule(self, params):
        return False


# ------------------------------------------------------------------ the kind


def _shape(params, representation):
    scrub_config_secrets(params)
    return representation


USER_FEDERATION = Kind(
    "user_federation",
    UserFederationHandler,
    key="name",
    key_field="name",
    settings=dict(
        name=dict(type="str", required=True),
        provider_id=dict(type="str", choices=["ldap", "kerberos"]),
        config=dict(type="dict"),
    ),
    items=[SubComponentItems(), SyncItems()],
    flags=dict(
        bind_credential=dict(type="str", no_log=True),
        update_secret=UPDATE_SECRET,
        test_connection=dict(type="bool", default=False),
    ),
    shape=_shape,
)
