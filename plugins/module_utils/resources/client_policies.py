# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A realm's client policies and client profiles.

A client profile is a named list of executors (what to enforce: PKCE, secret rotation, ...); a client
policy applies profiles to the clients its conditions match. Both are nested collections of the realm,
keyed by name: the listed ones are ensured, the others kept unless purged.

What Keycloak 26 does that shapes this handler:

- Profiles and policies are two documents, each written whole (``PUT client-policies/profiles`` and
  ``.../policies``). A policy that names a profile the realm does not have is refused (400); a profile a
  policy still names is removed without a word. So every change of a run goes in one flush, in the order
  that is always valid: profiles with the new ones (and those being removed, still), then policies, then
  profiles without the removed ones. A profile a remaining policy names is never removed.
- An executor or condition with no ``configuration`` is a 500, and so is a configuration that misses a
  key some executors need (``secret-rotation``); a condition whose list setting is given as a string
  (``type: confidential``) is stored and then breaks every token request of the realm with a 500. So a
  configuration is completed with the provider's defaults and its values shaped as the provider declares
  them (server info ``componentTypes``), and an unknown provider or setting is refused before any write.
- A policy sent without ``enabled`` is stored disabled: a new policy is enabled unless the task says not.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ..engine import Collection, Handler, PlanError, canonical, merge
from ..kind import REALM, Items, Kind

EXECUTOR_TYPE = "org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider"
CONDITION_TYPE = "org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider"
LIST_TYPES = ("MultivaluedList", "MultivaluedString", "IdentityProviderMultiList")


class ClientPoliciesHandler(Handler):
    kind = "client policies"
    ignored_fields = ()

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self._providers = None
        self.wanted = {"profiles": {}, "policies": {}}
        self.flushed = False

    def describe(self, key):
        return "client policies of realm '%s'" % key

    def read(self, key):
        profiles = self.api.get_client_profiles(include_global=True) or {}
        policies = self.api.get_client_policies() or {}
        return {
            "profiles": list(profiles.get("profiles") or []),
            "policies": list(policies.get("policies") or []),
            "globalProfiles": sorted(profile.get("name") for profile in profiles.get("globalProfiles") or []),
        }

    def missing(self):
        return {"profiles": [], "policies": [], "globalProfiles": []} if self.realm_is_new else None

    def identity(self, current):
        return self.realm

    # --------------------------------------------------- provider metadata

    def providers(self, provider_type):
        """``{provider id: {setting: (type, default)}}`` of the executors or conditions this server has."""
        if self._providers is None:
            types = (self.api.get_server_info() or {}).get("componentTypes") or {}
            self._providers = {}
            for name in (EXECUTOR_TYPE, CONDITION_TYPE):
                self._providers[name] = dict(
                    (provider["id"], dict((prop["name"], (prop.get("type"), prop.get("defaultValue"))) for prop in provider.get("properties") or []))
                    for provider in types.get(name) or [])
        return self._providers[provider_type]

    def shaped(self, what, provider_type, provider, configuration):
        """``configuration`` completed with the provider's defaults, each value shaped as the provider declares it."""
        known = self.providers(provider_type)
        if provider not in known:
            raise PlanError("%s: no %s '%s' on this server (it has %s)" % (
                what, "executor" if provider_type == EXECUTOR_TYPE else "condition", provider, ", ".join(sorted(known))))
        settings = known[provider]
        unknown = sorted(set(configuration or {}) - set(settings))
        if unknown:
            raise PlanError("%s: '%s' has no setting %s (it has %s)" % (what, provider, ", ".join(unknown), ", ".join(sorted(settings)) or "none"))
        result = {}
        for name, (kind, default) in sorted(settings.items()):
            value = (configuration or {}).get(name, default)
            if value is None:
                continue
            result[name] = _shape(value, kind)
        return result

    # ------------------------------------------------------------- writes

    def create(self, context, desired):
        raise PlanError("realm '%s' does not exist" % self.realm)

    def update(self, context, current, merged, changes):
        return None

    def delete(self, context, current):
        raise PlanError("the client policies of a realm cannot be deleted; purge them")

    def predict(self, end_state, wanted_items):
        # A profile a remaining policy names must stay, and every named profile must exist.
        names = set(profile["name"] for profile in end_state.get("profiles") or []) | set(end_state.get("globalProfiles") or [])
        for policy in end_state.get("policies") or []:
            missing = [name for name in policy.get("profiles") or [] if name not in names]
            if missing and not (self.realm_is_new and "profiles" not in wanted_items):
                raise PlanError("policy '%s' names client profile %s, which %s" % (
                    policy["name"], ", ".join("'%s'" % name for name in missing),
                    "the task removes" if any(name in self.removed_profiles(end_state) for name in missing) else "does not exist"))
        return end_state

    def removed_profiles(self, end_state):
        have = set(profile["name"] for profile in (self.context_current or {}).get("profiles") or [])
        return have - set(profile["name"] for profile in end_state.get("profiles") or [])

    context_current = None

    def flush(self, context):
        """Write every change of the run, in the order Keycloak accepts; later calls do nothing."""
        if self.flushed:
            return
        self.flushed = True
        current = context.get("current") or {"profiles": [], "policies": []}
        profiles = self._final("profiles", current.get("profiles") or [])
        policies = self._final("policies", current.get("policies") or [])
        names = set(item["name"] for item in profiles)
        interim = profiles + [item for item in current.get("profiles") or [] if item["name"] not in names]
        if _changed(interim, current.get("profiles")):
            self.api.update_client_profiles({"profiles": interim})
        if _changed(policies, current.get("policies")):
            self.api.update_client_policies({"policies": policies})
        if _changed(profiles, interim):
            self.api.update_client_profiles({"profiles": profiles})

    def _final(self, name, have_items):
        """The collection ``name`` after the run: the server's order, listed items laid over, new ones after, purged ones out."""
        wanted = self.wanted[name]
        result = []
        for have in have_items:
            if have["name"] in wanted:
                result.append(merge(have, wanted[have["name"]]))
            elif not self.purges(name, have):
                result.append(have)
        have_names = set(item["name"] for item in have_items)
        result.extend(copy.deepcopy(item) for item_name, item in wanted.items() if item_name not in have_names)
        return result

    def collections(self):
        return {"profiles": Profiles(self), "policies": Policies(self)}


def _shape(value, kind):
    if kind in LIST_TYPES:
        return ["%s" % item for item in value] if isinstance(value, (list, tuple)) else ["%s" % value]
    if kind == "boolean":
        return value if isinstance(value, bool) else "%s" % value == "true"
    if kind == "Integer":
        try:
            return int(value)
        except (TypeError, ValueError):
            raise PlanError("'%s' is not a number" % value)
    if isinstance(value, (dict, list)):
        return value
    return "%s" % value if not isinstance(value, bool) else ("true" if value else "false")


def _changed(new, old):
    return canonical(new) != canonical(old or [])


def _same_value(wanted, have):
    """A configuration value compared as Keycloak uses it: a string equals a one-item list of it."""
    if canonical(wanted) == canonical(have):
        return True
    if isinstance(have, list) and not isinstance(wanted, list):
        return canonical([wanted]) == canonical(have)
    return False


def _same_steps(wanted, have, field, provider_field):
    """Executors (or conditions) in the same order, each with the task's settings as the server has them."""
    wanted, have = wanted or [], have or []
    if len(wanted) != len(have):
        return False
    for want, got in zip(wanted, have):
        if want.get(provider_field) != got.get(provider_field):
            return False
        stored = got.get("configuration") or {}
        for key, value in (want.get("configuration") or {}).items():
            if not _same_value(value, stored.get(key)):
                return False
    return True


class _Named(Collection):
    """Profiles or policies of the realm, by name."""

    ignored = ()
    steps = None
    provider_field = None
    provider_type = None

    def read(self, current):
        return list((current or {}).get(self.name) or [])

    def key(self, item):
        return item["name"]

    def differs(self, have, wanted):
        for field, value in wanted.items():
            if field == self.steps:
                if not _same_steps(value, have.get(field), field, self.provider_field):
                    return True
            elif field != "name" and canonical(value) != canonical(have.get(field)):
                return True
        return False

    def merged(self, have, wanted):
        return merge(have, wanted)

    def resolve(self, item, current):
        self.handler.context_current = current
        have = dict((entry["name"], entry) for entry in self.read(current)).get(item["name"])
        item = self.complete(item, have)
        if have is not None and not self.differs(have, item):
            # As the server has it: a flush writes it back unchanged, never the task's unshaped spelling.
            self.handler.wanted[self.name][item["name"]] = copy.deepcopy(have)
            return item
        # What will be written: each step's configuration completed and shaped as its provider declares it.
        steps = []
        for number, step in enumerate(item.get(self.steps) or [], 1):
            what = "%s '%s', %s %d" % (self.name[:-1], item["name"], self.provider_field, number)
            step = dict(step)
            step["configuration"] = self.handler.shaped(what, self.provider_type, step.get(self.provider_field), step.get("configuration"))
            steps.append(step)
        if self.steps in item:
            item[self.steps] = steps
        self.handler.wanted[self.name][item["name"]] = item
        return item

    def complete(self, item, have):
        return item

    def view(self, item):
        return item

    def add(self, context, item):
        self.handler.flush(context)

    def update(self, context, have, item):
        self.handler.flush(context)

    def remove(self, context, have):
        self.handler.flush(context)


class Profiles(_Named):
    name = "profiles"
    steps = "executors"
    provider_field = "executor"
    provider_type = EXECUTOR_TYPE


class Policies(_Named):
    name = "policies"
    steps = "conditions"
    provider_field = "condition"
    provider_type = CONDITION_TYPE

    def complete(self, item, have):
        if have is None and item.get("enabled") is None:
            # Keycloak stores a policy sent without "enabled" as disabled.
            item = dict(item, enabled=True)
        return item


_EXECUTOR = dict(executor=dict(type="str", required=True), configuration=dict(type="dict"))
_CONDITION = dict(condition=dict(type="str", required=True), configuration=dict(type="dict"))
PROFILE_OPTIONS = dict(
    name=dict(type="str", required=True),
    description=dict(type="str"),
    executors=dict(type="list", elements="dict", options=_EXECUTOR),
)
POLICY_OPTIONS = dict(
    name=dict(type="str", required=True),
    description=dict(type="str"),
    enabled=dict(type="bool"),
    conditions=dict(type="list", elements="dict", options=_CONDITION),
    profiles=dict(type="list", elements="str"),
)

CLIENT_POLICIES = Kind(
    "client_policies",
    ClientPoliciesHandler,
    key="realm",
    common=dict(realm=REALM),
    items=[
        Items("profiles", "profiles", dict(type="list", elements="dict", options=PROFILE_OPTIONS)),
        Items("policies", "policies", dict(type="list", elements="dict", options=POLICY_OPTIONS)),
    ],
)
