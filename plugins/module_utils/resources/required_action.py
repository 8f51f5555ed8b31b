# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Required actions of a realm: registered providers, enabled, default action, priority, config.

What Keycloak 26 does that shapes this handler:

- A required action is registered from the providers the realm has not registered yet
  (``unregistered-required-actions``); registering takes only ``providerId`` and ``name`` (any other
  field is refused as unparsable JSON), and the new action is enabled, not a default action, at the
  last priority, with ``providerId`` as its alias. Whatever else the task sets is written right after.
- The PUT of a required action takes the whole representation: a field left out is cleared (an
  action sent without its alias loses it), so an update sends the action as read with the task's
  fields laid over it.
- Unregistering (DELETE) puts the provider back among the unregistered ones; it can be registered
  again. A realm comes with its built-in actions registered.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..client.exceptions import KeycloakError
from ..context import BUILT_IN_REQUIRED_ACTIONS, TEMPLATE_REALM
from ..engine import Handler, PlanError, string_map
from ..kind import JAVA_INT_MAX, Kind
from .common import or_none


class RequiredActionHandler(Handler):
    """One required action, found by its alias (the provider id it was registered from)."""

    kind = "required action"
    # The alias is the provider's id: it is the key, not the task's to change.
    ignored_fields = ("providerId",)

    def read(self, key):
        return or_none(self.api.get_required_action_by_alias, key)

    def identity(self, current):
        return current.get("alias")

    def missing(self):
        if self.realm_is_new and self.request.key in BUILT_IN_REQUIRED_ACTIONS:
            # A new realm has it registered already, as the template realm has it: the real run updates it.
            try:
                template = or_none(self.context.api_for(TEMPLATE_REALM).get_required_action_by_alias, self.request.key)
            except KeycloakError:
                template = None
            return template or {"alias": self.request.key, "providerId": self.request.key}
        return None

    def prepare(self, desired, current):
        if "config" in desired:
            desired["config"] = string_map(desired["config"])
        if current is None and not self.realm_is_new:
            self._provider(desired["alias"])
        return desired

    def _provider(self, alias):
        """The unregistered provider ``alias``; a provider the server does not offer fails before any write."""
        unregistered = self.api.get_unregistered_required_actions() or []
        if self.context.play_state(self.realm, self.kind, self.reference_key()) == (True, None):
            # An earlier task of the play (a dry run) unregisters it: the real run finds it unregistered.
            registered = or_none(self.api.get_required_action_by_alias, alias)
            if registered is not None:
                unregistered = unregistered + [{"providerId": registered.get("providerId") or alias, "name": registered.get("name")}]
        for provider in unregistered:
            if provider.get("providerId") == alias:
                return provider
        offered = ", ".join(sorted(provider.get("providerId") for provider in unregistered)) or "none"
        raise PlanError("no required action provider '%s' to register (the realm's unregistered providers: %s)" % (alias, offered))

    def create(self, context, desired):
        provider = self._provider(desired["alias"])
        name = desired.get("name") or provider.get("name") or desired["alias"]
        self.api.register_required_action({"providerId": desired["alias"], "name": name})
        context["id"] = desired["alias"]
        registered = self.api.get_required_action_by_alias(desired["alias"])
        wanted = dict(registered)
        for field, value in desired.items():
            if field == "config":
                value = dict(registered.get("config") or {})
                value.update(desired["config"])
            wanted[field] = value
        if wanted != registered:
            self.api.update_required_action(desired["alias"], wanted)

    def created_view(self, desired):
        view = dict(desired)
        view.setdefault("providerId", desired["alias"])
        # Keycloak registers an action enabled and not a default action (the fields set right after aside).
        view.setdefault("enabled", True)
        view.setdefault("defaultAction", False)
        return view

    def update(self, context, current, merged, changes):
        # The whole action, as read with the task's fields over it: a field left out would be cleared.
        self.api.update_required_action(current["alias"], merged)

    def delete(self, context, current):
        self.api.delete_required_action(current["alias"])


# ------------------------------------------------------------------ the kind

REQUIRED_ACTION = Kind(
    "required_action",
    RequiredActionHandler,
    key="alias",
    key_field="alias",
    settings=dict(
        alias=dict(type="str", required=True),
        name=dict(type="str"),
        enabled=dict(type="bool"),
        default_action=dict(type="bool"),
        priority=dict(type="int", range=(-JAVA_INT_MAX - 1, JAVA_INT_MAX)),
        config=dict(type="dict"),
    ),
)
