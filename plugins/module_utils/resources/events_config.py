# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A realm's event settings: login (user) events and admin events.

What Keycloak 26 does that shapes this handler:

- ``PUT events/config`` replaces the whole configuration: a field left out is reset (``eventsEnabled``
  to false, ``eventsExpiration`` removed). So an update sends the configuration as read, with the
  task's fields laid over it.
- An empty ``enabledEventTypes`` is stored as "the default types", and read back as that list of about
  ninety types; an unknown type is stored as it is and never matches an event. So the task's types are
  checked against the server's list of event types before the write, and an empty list is refused.
- An unknown listener is refused by Keycloak (400); it is checked first here too, with the names the
  server has.
- Every realm has an event configuration: there is nothing to create or delete.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..client.exceptions import KeycloakError
from ..context import TEMPLATE_REALM
from ..engine import Handler, PlanError
from ..kind import REALM, Kind

# What a new realm has (Keycloak 26); a realm that is only planned is planned against this.
NEW_REALM_CONFIG = {
    "eventsEnabled": False,
    "eventsListeners": ["jboss-logging"],
    "adminEventsEnabled": False,
    "adminEventsDetailsEnabled": False,
}


class EventsConfigHandler(Handler):
    kind = "events config"
    set_fields = ("eventsListeners", "enabledEventTypes")
    ignored_fields = ()

    def describe(self, key):
        return "events config of realm '%s'" % key

    def read(self, key):
        return self.api.get_events_config()

    def missing(self):
        # The realm is planned (created by an earlier task): it will have the defaults of a new realm. Its event
        # types are Keycloak's saved-by-default ones, which no endpoint lists: the template realm's are taken.
        if not self.realm_is_new:
            return None
        config = dict(NEW_REALM_CONFIG)
        try:
            types = self.context.api_for(TEMPLATE_REALM).get_events_config().get("enabledEventTypes")
        except KeycloakError:
            types = None
        if types:
            config["enabledEventTypes"] = types
        return config

    def identity(self, current):
        return self.realm

    def prepare(self, desired, current):
        wanted_types = desired.get("enabledEventTypes")
        if wanted_types is not None and not wanted_types:
            raise PlanError("enabled_event_types is empty: Keycloak would read that as its default set of types; list the types to save")
        have = current or {}
        new_types = wanted_types and set(wanted_types) != set(have.get("enabledEventTypes") or [])
        new_listeners = desired.get("eventsListeners") is not None and set(desired["eventsListeners"]) != set(have.get("eventsListeners") or [])
        if new_types or new_listeners:
            self._check_known(desired, new_types, new_listeners)
        return desired

    def _check_known(self, desired, types, listeners):
        info = self.api.get_server_info() or {}
        if types:
            known = set((info.get("enums") or {}).get("eventType") or [])
            unknown = sorted(set(desired["enabledEventTypes"]) - known)
            if known and unknown:
                raise PlanError("unknown event types %s (this server knows %s)" % (", ".join(unknown), ", ".join(sorted(known))))
        if listeners:
            known = set((((info.get("providers") or {}).get("eventsListener") or {}).get("providers") or {}).keys())
            unknown = sorted(set(desired["eventsListeners"]) - known)
            if known and unknown:
                raise PlanError("unknown event listeners %s (this server has %s)" % (", ".join(unknown), ", ".join(sorted(known))))

    def create(self, context, desired):
        raise PlanError("realm '%s' does not exist" % self.realm)

    def update(self, context, current, merged, changes):
        # Keycloak resets what the PUT leaves out: the whole configuration goes, as read with the task's fields over it.
        self.api.set_events(merged)

    def delete(self, context, current):
        raise PlanError("the event settings of a realm cannot be deleted")


EVENTS_CONFIG = Kind(
    "events_config",
    EventsConfigHandler,
    key="realm",
    common=dict(realm=REALM),
    settings=dict(
        events_enabled=dict(type="bool"),
        events_expiration=dict(type="int"),
        events_listeners=dict(type="list", elements="str"),
        enabled_event_types=dict(type="list", elements="str"),
        admin_events_enabled=dict(type="bool"),
        admin_events_details_enabled=dict(type="bool"),
    ),
)
