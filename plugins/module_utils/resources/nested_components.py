# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Components: what the component kinds share (any component, user federation, realm keys) and their sub-components.

A component is found by its name, its provider type and its parent (the realm, unless said
otherwise). What Keycloak 26 does that shapes this:

- ``config`` is a map of string lists. Options give a value or a list; they are compared as
  the lists Keycloak stores, key by key, and keys the task does not give are left alone.
- A secret config value (``bindCredential``, ``privateKey``, ``keystorePassword``, ...) comes
  back as ``["**********"]``; a PUT that sends that mask keeps the stored secret. Secrets are
  never compared with the mask: they are sent on create, when the component has none, and on
  every run with ``update_secret: always``. Here a masked value is handled as the scalar mask,
  so the engine's rules for write-only secrets apply to it.
- Secrets given in ``config`` would be logged by Ansible with the task's arguments: they are
  refused there (and masked in the arguments Ansible echoes); no_log options set them.
- ``providerId`` and ``providerType`` cannot change (Keycloak ignores it); an unknown provider
  is a 400 at create, checked while planning against the server's component types.
- Sub-components (an LDAP provider's mappers) are components whose parent is the component:
  ``SubComponents`` reconciles them by name. Keycloak creates default ones with some parents
  (an LDAP provider's mappers); a listed one of the same name is adopted (updated), never
  duplicated.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ..engine import KEYCLOAK_MASK, MASK, SECRET_KEYS, Collection, Handler, PlanError, list_map
from ..kind import Items

UPDATE_SECRET = dict(type="str", choices=["on_create", "always"], default="on_create", no_log=False)
# Config keys that hold secrets ("value" and "token" are secrets only among credentials).
SECRET_CONFIG_KEYS = SECRET_KEYS - frozenset(("value", "token"))


def config_lists(config):
    """A task's config as Keycloak stores it: each value a list of strings (``True`` -> ``["true"]``)."""
    return list_map(config)


def first_value(values):
    """The value of a config key, which Keycloak keeps as a list of strings (its first; None for an empty list)."""
    if isinstance(values, list):
        return values[0] if values else None
    return values


def in_stored_order(config, have):
    """``config`` with each list that holds the same values as ``have``'s in ``have``'s order.

    Keycloak does not keep the order of a config key's values: they are compared as sets.
    """
    have = have or {}
    result = {}
    for key, value in (config or {}).items():
        stored = have.get(key)
        if isinstance(value, list) and isinstance(stored, list) and sorted(value) == sorted(stored):
            value = list(stored)
        result[key] = value
    return result


def masked_config(component):
    """``component`` with each config value Keycloak masks as ``["**********"]`` turned into the scalar mask."""
    if component is None:
        return None
    config = component.get("config")
    if isinstance(config, dict):
        component["config"] = dict((key, KEYCLOAK_MASK if value == [KEYCLOAK_MASK] else value) for key, value in config.items())
    return component


def listed_config(config):
    """A config map to send: every value a list again."""
    return dict((key, value if isinstance(value, list) else [value]) for key, value in (config or {}).items() if value is not None)


def scrub_config_secrets(params, option="config"):
    """Mask the secrets given in ``config`` (or ``representation.config``) in the task's own arguments.

    The handler refuses them there (no_log options set secrets), and Ansible echoes a failed
    task's arguments: masked in place, the values are not in that echo.
    """
    for holder in (params.get(option), (params.get("representation") or {}).get("config")):
        if isinstance(holder, dict):
            for key in list(holder):
                if key in SECRET_CONFIG_KEYS and holder[key] not in (None, "", [], MASK):
                    holder[key] = MASK


class ComponentTypes:
    """The server's component types (``componentTypes`` of the server info): read once, when needed."""

    def __init__(self, api):
        self.api = api
        self._types = None

    def providers(self, provider_type):
        if self._types is None:
            self._types = (self.api.get_server_info() or {}).get("componentTypes") or {}
        return dict((item["id"], item) for item in self._types.get(provider_type) or [])

    def known_types(self):
        self.providers(None)
        return sorted(self._types)


class ComponentHandler(Handler):
    """A component found by name, provider type and parent (the realm unless ``parentId`` is given)."""

    kind = "component"
    # A kind for one provider type sets it; the generic kind takes it from the task.
    provider_type = None
    ignored_fields = ("id",)
    # Options (flags) that set a secret config key: {flag: config key}.
    secret_flags = {}
    what_provider = "provider_id"

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self.types = ComponentTypes(api)
        self._realm_id = None

    # ---------------------------------------------------------------- read

    def type_of(self):
        return self.provider_type or self.request.representation.get("providerType")

    def parent_of(self):
        return self.request.representation.get("parentId")

    def realm_id(self):
        if self._realm_id is None:
            self._realm_id = self.api.get_realm(self.realm)["id"]
        return self._realm_id

    def read(self, key):
        provider_type, parent = self.type_of(), self.parent_of()
        query = {"name": key}
        if provider_type:
            query["type"] = provider_type
        found = [item for item in self.api.get_components(query) or [] if item.get("name") == key]
        if parent:
            found = [item for item in found if item.get("parentId") == parent]
        elif len(found) > 1:
            realm_id = self.realm_id()
            found = [item for item in found if item.get("parentId") == realm_id]
        if len(found) > 1:
            raise PlanError("%d components are named '%s'%s: set parent_id (or provider_type) to tell them apart"
                            % (len(found), key, " (type %s)" % provider_type if provider_type else ""))
        return masked_config(found[0]) if found else None

    # ------------------------------------------------------------- prepare

    def prepare(self, desired, current):
        have = current or {}
        if self.provider_type:
            desired["providerType"] = self.provider_type
        self._check_provider(desired, current)
        config = desired.get("config")
        have_config = have.get("config") or {}
        if config is not None:
            config = config_lists(config)
            given = sorted(key for key in config if key in SECRET_CONFIG_KEYS or have_config.get(key) == KEYCLOAK_MASK)
            if given:
                raise PlanError("config %s: %s" % (", ".join(given), self.secret_hint()))
        for key, value in self.secrets().items():
            if value is None:
                continue
            if have_config.get(key) == KEYCLOAK_MASK and self.flags.get("update_secret") != "always":
                continue
            config = dict(config or {})
            config[key] = value
        if config is not None:
            # An empty list removes a key: asked of a component without it, it is no change.
            config = dict((key, value) for key, value in config.items() if value != [] or key in have_config)
            desired["config"] = in_stored_order(config, have_config)
        return self.prepare_component(desired, current)

    def prepare_component(self, desired, current):
        """What a kind checks or completes beyond the shared rules."""
        return desired

    def secret_hint(self):
        return "secrets are set with options of their own (no_log), never in config: %s" % (
            ", ".join(sorted(self.secret_flags)) or "secret_config")

    def secrets(self):
        """``{config key: value}`` of the secrets the task gives through its no_log options."""
        return dict((key, self.flags.get(flag)) for flag, key in self.secret_flags.items())

    def _check_provider(self, desired, current):
        provider_type = desired.get("providerType")
        provider_id = desired.get("providerId")
        if current is not None:
            for field, option in (("providerId", self.what_provider), ("providerType", "provider_type")):
                if desired.get(field) is not None and desired[field] != current.get(field):
                    raise PlanError("%s: Keycloak cannot change the %s of a component (this one is %s); delete it and create it again"
                                    % (option, field, current.get(field)))
            return
        if not provider_type:
            raise PlanError("a new component needs provider_type (for example org.keycloak.keys.KeyProvider)")
        if not provider_id:
            raise PlanError("a new %s needs %s" % (self.kind, self.what_provider))
        known = self.types.providers(provider_type)
        if not known:
            raise PlanError("provider_type '%s': Keycloak has no such component type (it has: %s)"
                            % (provider_type, ", ".join(self.types.known_types())))
        if provider_id not in known:
            raise PlanError("%s '%s': Keycloak has no %s provider of that id (it has: %s)"
                            % (self.what_provider, provider_id, provider_type, ", ".join(sorted(known))))

    def unknown_secret(self, path):
        return len(path) == 2 and path[0] == "config" and self.flags.get("update_secret") == "always"

    # -------------------------------------------------------------- writes

    def payload(self, representation):
        payload = dict((field, value) for field, value in representation.items() if field not in self.collections())
        if "config" in payload:
            payload["config"] = listed_config(payload["config"])
        return payload

    def created_view(self, desired):
        view = copy.deepcopy(desired)
        for name in self.collections():
            view.pop(name, None)
        return view

    def create(self, context, desired):
        context["id"] = self.api.create_component(self.payload(desired))

    def update(self, context, current, merged, changes):
        self.api.update_component(current["id"], self.payload(merged))

    def delete(self, context, current):
        self.api.delete_component(current["id"])


class SubComponents(Collection):
    """Components whose parent is the resource (an LDAP provider's mappers), by name.

    ``provider_type`` is theirs; ``config`` is compared key by key, as string lists.
    """

    name = "mappers"
    ignored = ("id", "parentId", "providerType", "subType")

    def __init__(self, handler, provider_type, made_with_parent=()):
        Collection.__init__(self, handler)
        self.provider_type = provider_type
        # Names of the sub-components Keycloak makes with a new parent: listed without a type, they are adopted.
        self.made_with_parent = frozenset(made_with_parent)
        self._items = None

    def read(self, current):
        if current is None or current.get("id") is None:
            return []
        if self._items is None:
            self._items = list(self.api.get_components({"parent": current["id"], "type": self.provider_type}) or [])
        return list(self._items)

    def resolve(self, item, current):
        item = dict(item)
        if "config" in item:
            item["config"] = config_lists(item["config"])
        have = dict((entry.get("name"), entry) for entry in self.read(current)).get(item["name"])
        if have is not None and "config" in item:
            item["config"] = in_stored_order(item["config"], have.get("config"))
        provider_id = item.get("providerId")
        if have is None and not provider_id and not (current is None and item["name"] in self.made_with_parent):
            raise PlanError("new mapper '%s' needs provider_id (its type, for example user-attribute-ldap-mapper)" % item["name"])
        if have is not None and provider_id and provider_id != have.get("providerId"):
            raise PlanError("mapper '%s' is a %s mapper: Keycloak cannot change its type; give the new one another name"
                            % (item["name"], have.get("providerId")))
        if provider_id and have is None:
            known = self.handler.types.providers(self.provider_type)
            if provider_id not in known:
                raise PlanError("mapper '%s': Keycloak has no mapper type '%s' (it has: %s)" % (item["name"], provider_id, ", ".join(sorted(known))))
        return item

    def sent_with_create(self):
        # The parent's create adopts the sub-components Keycloak makes with it (see ``create_all``).
        return True

    def create_all(self, parent_id, items):
        """After the parent's create: update the listed items Keycloak made itself, add the others."""
        self._items = None
        have = dict((entry.get("name"), entry) for entry in self.read({"id": parent_id}))
        for item in items:
            found = have.get(item["name"])
            if found is not None and item.get("providerId") not in (None, found.get("providerId")):
                # A fresh default of another type than the task lists under its name: replaced.
                self.remove({"id": parent_id}, found)
                found = None
            if found is None:
                if not item.get("providerId"):
                    raise PlanError("mapper '%s': Keycloak did not make it with the provider; give its provider_id" % item["name"])
                self.add({"id": parent_id}, item)
            elif self.differs(found, item):
                self.update({"id": parent_id}, found, item)
        self._items = None

    def add(self, context, item):
        self.api.create_component(dict(item, parentId=context["id"], providerType=self.provider_type))

    def update(self, context, have, item):
        self.api.update_component(have["id"], self.merged(have, item))

    def remove(self, context, have):
        self.api.delete_component(have["id"])


class SubComponentItems(Items):
    """Sub-components listed as ``mappers`` (name, provider_id, config), with ``purge_mappers``."""

    def __init__(self, collection="mappers", option="mappers"):
        Items.__init__(self, collection, option, dict(type="list", elements="dict", options=dict(
            name=dict(type="str", required=True),
            provider_id=dict(type="str"),
            config=dict(type="dict"),
        )))
