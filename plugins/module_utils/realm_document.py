# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A realm export made into a document for ``keycloak_realm_config`` (``keycloak_realm_export format: config``).

What an export holds that a document kept in git should not:

- server ids (``id``, ``containerId``, ``internalId``): they differ from one server to the next, and
  ``keycloak_realm_config`` matches by natural key. A client's flow overrides, which Keycloak writes as flow
  ids, are written as flow aliases instead;
- the built-in flows (``builtIn: true``) as a new realm of a supported version has them, and the authenticator configs
  only they use: Keycloak makes them (one whose requirements were changed is kept, with its sub-flows);
- fields Keycloak derives or decides (``keycloakVersion``, ``defaultRole``, the realm's keys and what its generated key
  providers made, when a client's secret was made, ...);
- an order of its own: Keycloak writes set-like lists (roles, clients, mappers, scopes, groups, ...) in no particular
  order, so two exports of one unchanged realm differ; they are sorted by name;
- masked secrets: each becomes a named placeholder, ``{{ keycloak_secret_<where> }}``, for a variable the user
  defines from a vault. Loaded with ``ansible.builtin.include_vars`` (or the ``template`` lookup) the document
  gets the variables' values; ``keycloak_realm_config`` refuses a placeholder left as it is, before any write.

Sections ``keycloak_realm_config`` does not manage are kept as Keycloak wrote them (ids included): it leaves
them as the server has them and names them in a warning.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import re

from . import realm_defaults
from .engine import KEYCLOAK_MASK, MASK, canonical
from .resources.realm_key import GENERATED_MATERIAL, KEY_PROVIDER, RealmKeyHandler, generated
from .resources.user_federation import STORAGE

PLACEHOLDER = re.compile(r"^\s*\{\{.*\}\}\s*$", re.S)
# The sections whose objects lose their ids (keycloak_realm_config manages them).
ID_FREE = ("roles", "clientScopes", "authenticationFlows", "authenticatorConfig", "identityProviders", "identityProviderMappers",
           "clients", "groups", "users", "requiredActions")
# Realm fields that are the server's, not the document's.
SERVER_FIELDS = ("id", "keycloakVersion", "defaultRole", "defaultRoles", "notBefore", "privateKey", "publicKey", "certificate",
                 "codeSecret")
# Client attributes that are the server's record of a secret (when it was made, the rotated one), not settings: an apply
# would write them back as they were on the server they came from.
SECRET_RECORD = ("client.secret.creation.time", "client.secret.rotated", "client.secret.rotated.creation.time",
                 "client.secret.rotated.expiration.time")
# Maps of free values (an ``id`` key in them is data), and maps keyed by clientId.
FREE_MAPS = ("config", "attributes", "clientRoles", "composites")


def is_placeholder(value):
    """Whether ``value`` is a Jinja placeholder left unrendered (``{{ keycloak_secret_x }}``)."""
    return isinstance(value, str) and PLACEHOLDER.match(value) is not None


def _masked(value):
    return value in (KEYCLOAK_MASK, MASK)


def _masked_config(value):
    """Whether a component's config value (a list of one string, as an export writes it, or a string) is masked."""
    return _masked(value) or isinstance(value, list) and len(value) == 1 and _masked(value[0])


def without_ids(value):
    """``value`` without server ids (an authorization resource's is ``_id``); maps of free values (``config``, ``attributes``)
    are left as they are."""
    if isinstance(value, dict):
        return dict((key, item if key in FREE_MAPS else without_ids(item)) for key, item in value.items()
                    if key not in ("id", "_id", "containerId", "internalId"))
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    return value


class Secrets:
    """The placeholders handed out: ``{variable: where it goes}``, one name per place."""

    def __init__(self):
        self.found = {}

    def placeholder(self, where, *parts):
        base = "keycloak_secret_" + "_".join(re.sub(r"[^a-z0-9]+", "_", ("%s" % part).lower()).strip("_") for part in parts)
        name, number = base, 2
        while name in self.found:
            name, number = "%s_%d" % (base, number), number + 1
        self.found[name] = where
        return "{{ %s }}" % name


def as_config(export, defaults=False):
    """``(document, secrets)``: the export ``export`` as a ``keycloak_realm_config`` document, and the placeholders in it
    (``{variable: path in the document}``). ``export`` is not changed. Unless ``defaults``, the values a new realm and
    its new objects get by themselves on every supported Keycloak are left out (``without_defaults``)."""
    export = copy.deepcopy(export)
    secrets = Secrets()
    flows = export.get("authenticationFlows")
    flow_aliases = dict((flow.get("id"), flow.get("alias")) for flow in flows or [] if flow.get("id"))
    for client in export.get("clients") or []:
        overrides = client.get("authenticationFlowBindingOverrides")
        if overrides:
            client["authenticationFlowBindingOverrides"] = dict((binding, flow_aliases.get(flow, flow)) for binding, flow in overrides.items())
        attributes = client.get("attributes") or {}
        for name in SECRET_RECORD:
            attributes.pop(name, None)
        if client.get("publicClient") or client.get("bearerOnly") and not client.get("secret"):
            client.pop("secret", None)
        elif _masked(client.get("secret")):
            client["secret"] = secrets.placeholder("clients[clientId=%s].secret" % client.get("clientId"), "client", client.get("clientId"))
    if flows is not None:
        # A built-in flow as a new realm of a supported version has it: Keycloak makes it. One changed (a requirement) is kept,
        # as is every one with ``defaults``.
        kept = [flow for flow in flows if not flow.get("builtIn") or defaults or not _as_made(flow)]
        # With the sub-flows a kept flow names (a document lists a flow's sub-flows as flows of their own).
        by_alias = dict((flow.get("alias"), flow) for flow in flows)
        wanted = set(flow.get("alias") for flow in kept)
        pending = list(kept)
        while pending:
            for execution in pending.pop().get("authenticationExecutions") or []:
                sub_flow = execution.get("flowAlias")
                if execution.get("authenticatorFlow") and sub_flow in by_alias and sub_flow not in wanted:
                    wanted.add(sub_flow)
                    pending.append(by_alias[sub_flow])
        kept = [flow for flow in flows if flow.get("alias") in wanted]
        export["authenticationFlows"] = kept
        used = set(execution.get("authenticatorConfig") for flow in kept for execution in flow.get("authenticationExecutions") or [])
        if export.get("authenticatorConfig") is not None:
            export["authenticatorConfig"] = [config for config in export["authenticatorConfig"] if config.get("alias") in used]
    for provider in export.get("identityProviders") or []:
        config = provider.get("config") or {}
        if _masked(config.get("clientSecret")):
            config["clientSecret"] = secrets.placeholder("identityProviders[alias=%s].config.clientSecret" % provider.get("alias"), "idp",
                                                         provider.get("alias"))
    for provider in (export.get("components") or {}).get(STORAGE) or []:
        # User federation (keycloak_realm_config manages it): no ids, no record of the last sync, the bind credential a placeholder.
        config = provider.get("config") or {}
        config.pop("lastSync", None)
        credential = config.get("bindCredential")
        if _masked_config(credential):
            config["bindCredential"] = [secrets.placeholder("components[%s][name=%s].config.bindCredential" % (STORAGE, provider.get("name")),
                                                            "ldap", provider.get("name"))]
        for field in ("id", "parentId"):
            provider.pop(field, None)
        for mappers in (provider.get("subComponents") or {}).values():
            for mapper in mappers:
                for field in ("id", "parentId"):
                    mapper.pop(field, None)
    for provider in (export.get("components") or {}).get(KEY_PROVIDER) or []:
        # Key providers (keycloak_realm_config manages them): no ids; a generated provider's key is the server's (kc.sh export
        # writes it); an imported key and a keystore's passwords, masked, become placeholders.
        config = provider.get("config") or {}
        if generated(provider.get("providerId")):
            for key in GENERATED_MATERIAL:
                config.pop(key, None)
        for flag, key in RealmKeyHandler.secret_flags.items():
            if _masked_config(config.get(key)):
                config[key] = [secrets.placeholder("components[%s][name=%s].config.%s" % (KEY_PROVIDER, provider.get("name"), key),
                                                   "key", provider.get("name"), flag)]
        for field in ("id", "parentId"):
            provider.pop(field, None)
    smtp = export.get("smtpServer") or {}
    if _masked(smtp.get("password")):
        smtp["password"] = secrets.placeholder("smtpServer.password", "smtp", "password")
    for field in SERVER_FIELDS:
        export.pop(field, None)
    _in_order(export)
    for section in ID_FREE:
        if section == "roles" and isinstance(export.get(section), dict):
            roles = export["roles"]
            export["roles"] = dict(roles, realm=without_ids(roles.get("realm") or []),
                                   client=dict((client_id, without_ids(items)) for client_id, items in (roles.get("client") or {}).items()))
        elif section in export:
            export[section] = without_ids(export[section])
    if not defaults:
        without_defaults(export)
    return export, secrets.found


def _as_made(flow):
    """Whether a built-in ``flow`` of an export is as a new realm of a supported Keycloak version makes it."""
    variants = realm_defaults.BUILT_IN_FLOWS.get(flow.get("alias")) or []
    flow = without_ids(flow)
    return any(_same(flow, variant) for variant in variants)


def _comparable(value):
    """``value`` with its lists in a canonical order: Keycloak writes set-like lists in no particular order."""
    if isinstance(value, dict):
        return dict((key, _comparable(item)) for key, item in value.items())
    if isinstance(value, list):
        return sorted((_comparable(item) for item in value), key=canonical)
    return value


def _same(value, default):
    return canonical(_comparable(value)) == canonical(_comparable(default))


def _trim(item, default, keep):
    """``item`` (changed in place) without the fields equal to ``default``'s; ``attributes`` and ``config`` entry by entry
    (an empty map left out). Returns whether only ``keep`` fields are left."""
    for key in list(item):
        if key in keep or key not in default:
            continue
        if key in ("attributes", "config") and isinstance(item[key], dict) and isinstance(default[key], dict):
            left = dict((name, value) for name, value in item[key].items()
                        if not (name in default[key] and _same(value, default[key][name])))
            if left:
                item[key] = left
            else:
                del item[key]
        elif _same(item[key], default[key]):
            del item[key]
    return set(item) <= set(keep)


def _not_as_made(items, defaults, key_of, keep):
    """``items`` without those a new realm has as they are (``defaults`` by ``key_of(item)``); the others of those
    ``defaults`` names keep only their changed fields and ``keep``."""
    return [item for item in items if not (isinstance(item, dict) and key_of(item) in defaults and _trim(item, defaults[key_of(item)], keep))]


def _trim_lists(lists, defaults, key_of, keep):
    """``lists`` (``{group: [item]}``, changed in place) through ``_not_as_made`` group by group; an emptied group left out."""
    for group, found in defaults.items():
        if isinstance(lists.get(group), list):
            left = _not_as_made(lists[group], found, key_of, keep)
            if left:
                lists[group] = left
            else:
                del lists[group]


def _name(item):
    return item.get("name")


def _component_key(component):
    """As ``realm_defaults.COMPONENTS`` finds a component among those of its type: ``[subType/]name``."""
    name = component.get("name")
    return "%s/%s" % (component["subType"], name) if component.get("subType") else name


def without_defaults(export):
    """``export`` (changed in place) without what a new realm gets by itself: the realm's settings and attributes at
    their defaults, a new client's or identity provider's default fields, and the built-in clients, client scopes, realm
    roles, built-in clients' roles, required actions, key providers and client registration policies where they are as a
    new realm has them (only the fields changed otherwise). A purge never deletes any of those built-in objects.

    Only values every supported Keycloak gives alike are left out (``realm_defaults``, generated from each version): a
    document without them makes the same realm on an empty server of any of those versions, and changes nothing where it
    came from (a field a document does not list is left as the server has it)."""
    name = export.get("realm")
    if not isinstance(name, str):
        return

    def of(value):
        return json.loads(json.dumps(value).replace(json.dumps(realm_defaults.REALM_TOKEN)[1:-1], json.dumps(name)[1:-1]))

    realm = dict(of(realm_defaults.REALM), attributes=of(realm_defaults.REALM_ATTRIBUTES))
    _trim(export, realm, keep=("realm", "enabled"))
    built_in = of(realm_defaults.BUILT_IN_CLIENTS)
    new_client = of(realm_defaults.CLIENT)
    if isinstance(export.get("clients"), list):
        kept = []
        for client in export["clients"]:
            client_id = client.get("clientId") if isinstance(client, dict) else None
            if client_id in built_in:
                if _trim(client, built_in[client_id], keep=("clientId",)):
                    continue
            elif client_id is not None and client.get("protocol", "openid-connect") == "openid-connect":
                # The defaults are those of a new OpenID Connect client (a SAML client's are others: it is kept whole).
                # A new client's scopes are the realm's default scopes when it is created, which the document may change.
                _trim(client, new_client, keep=("clientId", "protocol", "publicClient", "defaultClientScopes", "optionalClientScopes"))
            kept.append(client)
        export["clients"] = kept
    for section, defaults, key in (("clientScopes", realm_defaults.CLIENT_SCOPES, "name"),
                                   ("requiredActions", realm_defaults.REQUIRED_ACTIONS, "alias")):
        if isinstance(export.get(section), list):
            export[section] = _not_as_made(export[section], of(defaults), lambda item, key=key: item.get(key), (key,))
    roles = export.get("roles")
    if isinstance(roles, dict) and isinstance(roles.get("realm"), list):
        roles["realm"] = _not_as_made(roles["realm"], of(realm_defaults.REALM_ROLES), _name, ("name",))
    if isinstance(roles, dict) and isinstance(roles.get("client"), dict):
        _trim_lists(roles["client"], of(realm_defaults.BUILT_IN_CLIENT_ROLES), _name, ("name",))
    if isinstance(export.get("components"), dict):
        _trim_lists(export["components"], of(realm_defaults.COMPONENTS), _component_key, ("name", "providerId", "subType"))
    new_provider = of(realm_defaults.IDENTITY_PROVIDER)
    for provider in export.get("identityProviders") or []:
        if isinstance(provider, dict):
            _trim(provider, new_provider, keep=("alias", "providerId"))


def _by(field):
    return lambda item: ("%s" % (item.get(field) if isinstance(item, dict) else item)).lower()


def _sort(items, field=None):
    if isinstance(items, list):
        items.sort(key=_by(field) if field else lambda item: "%s" % item)


def _role_lists(holder):
    """A user's, group's or role's ``realmRoles``/``clientRoles`` (or ``composites``' ``realm``/``client``) in order."""
    for realm_key, client_key in (("realmRoles", "clientRoles"), ("realm", "client")):
        _sort(holder.get(realm_key))
        for names in (holder.get(client_key) or {}).values():
            _sort(names)


def _in_order(export):
    """Every set-like list of the export sorted (Keycloak writes them in no particular order, which would make each export
    of an unchanged realm a diff in git); lists whose order means something (a flow's executions, required actions by
    priority) are left as they are."""
    roles = export.get("roles") or {}
    for role_list in [roles.get("realm")] + list((roles.get("client") or {}).values()):
        _sort(role_list, "name")
        for role in role_list or []:
            _role_lists(role.get("composites") or {})
    for section, field in (("clients", "clientId"), ("clientScopes", "name"), ("identityProviders", "alias"), ("authenticationFlows", "alias"),
                           ("authenticatorConfig", "alias"), ("users", "username")):
        _sort(export.get(section), field)
    if isinstance(export.get("identityProviderMappers"), list):
        export["identityProviderMappers"].sort(key=lambda item: (item.get("identityProviderAlias") or "", item.get("name") or ""))
    for holder in (export.get("clients") or []) + (export.get("clientScopes") or []):
        _sort(holder.get("protocolMappers"), "name")
        for field in ("defaultClientScopes", "optionalClientScopes", "redirectUris", "webOrigins"):
            _sort(holder.get(field))
    for user in export.get("users") or []:
        _role_lists(user)
        _sort(user.get("groups"))
        _sort(user.get("requiredActions"))

    def groups(items):
        _sort(items, "name")
        for group in items or []:
            _role_lists(group)
            groups(group.get("subGroups"))

    groups(export.get("groups"))
    for field in ("defaultDefaultClientScopes", "defaultOptionalClientScopes", "defaultGroups", "eventsListeners", "enabledEventTypes",
                  "supportedLocales"):
        _sort(export.get(field))
    for components in (export.get("components") or {}).values():
        _sort(components, "name")
        for component in components or []:
            for sub_components in (component.get("subComponents") or {}).values():
                _sort(sub_components, "name")


def placeholders_in(value, path=""):
    """Paths of the unrendered placeholders in ``value``."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(placeholders_in(item, "%s.%s" % (path, key) if path else key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            found.extend(placeholders_in(item, "%s[%d]" % (path, number)))
    elif is_placeholder(value):
        found.append("%s (%s)" % (path, value.strip()))
    return found


# The fields of a user that a document keeps (the others are the server's: id, createdTimestamp, totp, access, ...).
USER_FIELDS = ("username", "email", "firstName", "lastName", "enabled", "emailVerified", "attributes", "requiredActions")


def users_of(snapshot, identities=None):
    """The users of ``snapshot`` (a ``bulk.UserSnapshot``) as a document lists them: their fields, groups by path, realm and
    client roles, and (``identities(user_id)``, when given) their identity provider links. Service accounts (the export has
    them) and users of a user federation (the federation makes them) are left out; so are credentials."""
    users = []
    for user in snapshot.users():
        if user.get("serviceAccountClientId") or user.get("federationLink"):
            continue
        entry = dict((field, copy.deepcopy(user[field])) for field in USER_FIELDS if user.get(field) not in (None, {}))
        entry["requiredActions"] = sorted(user.get("requiredActions") or [])
        entry["groups"] = sorted(group["path"] for group in snapshot.groups(user["id"]))
        mappings = snapshot.role_mappings(user["id"])
        entry["realmRoles"] = sorted(role["name"] for role in mappings["realmMappings"])
        client_roles = dict((client_id, sorted(role["name"] for role in mapping["mappings"]))
                            for client_id, mapping in mappings["clientMappings"].items() if mapping["mappings"])
        if client_roles:
            entry["clientRoles"] = client_roles
        if identities is not None:
            links = identities(user["id"]) or []
            if links:
                entry["federatedIdentities"] = sorted(
                    (dict((key, link.get(key)) for key in ("identityProvider", "userId", "userName")) for link in links),
                    key=lambda link: (link["identityProvider"], link["userId"]))
        users.append(entry)
    return users
