# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a new realm and its new objects look like on a Keycloak, for keycloak_realm_export's config output to leave out.

    python scripts/realm_defaults.py read URL OUT.json
        make a throwaway realm on the server at URL (a new client and a new identity provider in it), write its
        partial export's defaults to OUT.json, delete the realm
    python scripts/realm_defaults.py write IN.json...
        the values every IN.json agrees on (one per supported Keycloak version), as plugins/module_utils/realm_defaults.py

Log in as KEYCLOAK_ADMIN_USER / KEYCLOAK_ADMIN_PASSWORD (default admin / kc-local-admin-secret) on master. The realm's
name is written as ``<realm>`` wherever it appears (a built-in client's URLs, the default role's name).
"""

import json
import os
import sys
import uuid

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(os.path.dirname(HERE), "plugins", "module_utils", "realm_defaults.py")
REALM_TOKEN = "<realm>"
# The realm's own sections: each is compared object by object, not as a setting.
SECTIONS = ("roles", "groups", "defaultRole", "clients", "clientScopes", "users", "authenticationFlows", "authenticatorConfig",
            "requiredActions", "identityProviders", "identityProviderMappers", "components", "attributes", "id", "realm",
            "keycloakVersion")
NAMES = ("realm", "realm_attributes", "client", "identity_provider", "built_in_clients", "client_scopes", "realm_roles",
         "built_in_client_roles", "required_actions", "components", "built_in_flows")
NEW_CLIENT = "defaults-new-client"
NEW_IDP = "defaults-new-idp"


def ordered(value):
    """``value`` with every list sorted: Keycloak writes set-like lists in no particular order (the config output compares
    them so)."""
    if isinstance(value, dict):
        return dict((key, ordered(item)) for key, item in value.items())
    if isinstance(value, list):
        return sorted((ordered(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return value


def without_ids(value):
    if isinstance(value, dict):
        return dict((key, item if key in ("config", "attributes") else without_ids(item)) for key, item in value.items()
                    if key not in ("id", "_id", "containerId", "internalId", "parentId"))
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    return value


GENERATED_MATERIAL = ("privateKey", "certificate", "secret", "kid", "publicKey")


def component_key(component):
    """How a component is found among those of its type: by name, within its sub-type where it has one (a client
    registration policy's ``anonymous`` or ``authenticated``)."""
    return "%s/%s" % (component["subType"], component["name"]) if component.get("subType") else component["name"]


def strip_keys(component):
    config = component.get("config") or {}
    for key in GENERATED_MATERIAL:
        config.pop(key, None)
    return component


def read(url, out):
    user = os.environ.get("KEYCLOAK_ADMIN_USER", "admin")
    password = os.environ.get("KEYCLOAK_ADMIN_PASSWORD", "kc-local-admin-secret")
    token = requests.post("%s/realms/master/protocol/openid-connect/token" % url, timeout=60, data={
        "grant_type": "password", "client_id": "admin-cli", "username": user, "password": password}).json()["access_token"]
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token
    name = "defaults-%s" % uuid.uuid4().hex[:8]
    base = "%s/admin/realms" % url
    session.post(base, json={"realm": name}, timeout=60).raise_for_status()
    try:
        session.post("%s/%s/clients" % (base, name), json={"clientId": NEW_CLIENT, "protocol": "openid-connect"}, timeout=60).raise_for_status()
        session.post("%s/%s/identity-provider/instances" % (base, name), timeout=60, json={
            "alias": NEW_IDP, "providerId": "oidc",
            "config": {"clientId": "x", "authorizationUrl": "https://idp.example.com/auth", "tokenUrl": "https://idp.example.com/token"},
        }).raise_for_status()
        answer = session.post("%s/%s/partial-export?exportClients=true&exportGroupsAndRoles=true" % (base, name), timeout=60)
        answer.raise_for_status()
        export = json.loads(answer.text.replace(name, REALM_TOKEN))
    finally:
        session.delete("%s/%s" % (base, name), timeout=60)
    clients = dict((client["clientId"], without_ids(client)) for client in export.get("clients") or [])
    new_client = clients.pop(NEW_CLIENT)
    new_client.pop("clientId")
    providers = dict((provider["alias"], without_ids(provider)) for provider in export.get("identityProviders") or [])
    new_idp = providers.pop(NEW_IDP)
    for field in ("alias", "internalId"):
        new_idp.pop(field, None)
    new_idp["config"] = dict((key, value) for key, value in (new_idp.get("config") or {}).items()
                             if key not in ("clientId", "authorizationUrl", "tokenUrl"))
    defaults = {
        "version": export.get("keycloakVersion"),
        "realm": dict((key, value) for key, value in export.items() if key not in SECTIONS),
        "realm_attributes": export.get("attributes") or {},
        "built_in_clients": clients,
        "client": new_client,
        "client_scopes": dict((scope["name"], without_ids(scope)) for scope in export.get("clientScopes") or []),
        "realm_roles": dict((role["name"], without_ids(role)) for role in (export.get("roles") or {}).get("realm") or []),
        "built_in_client_roles": dict((client_id, dict((role["name"], without_ids(role)) for role in roles))
                                      for client_id, roles in ((export.get("roles") or {}).get("client") or {}).items() if client_id in clients),
        # A new realm's key providers and client registration policies, by type and [subType/]name; a generated key's
        # material left out.
        "components": dict((kind, dict((component_key(component), strip_keys(without_ids(component))) for component in components))
                           for kind, components in (export.get("components") or {}).items()),
        "identity_provider": new_idp,
        "required_actions": dict((action["alias"], action) for action in export.get("requiredActions") or []),
        # Each version's built-in flows as they are (not merged: a flow as any supported version makes it is unchanged).
        "built_in_flows": dict((flow["alias"], [without_ids(flow)]) for flow in export.get("authenticationFlows") or [] if flow.get("builtIn")),
    }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(ordered(defaults), handle, indent=1, sort_keys=True)


def agreed(values):
    """What every one of ``values`` (maps) has alike: for maps of objects, object by object."""
    first = values[0]
    result = {}
    for key in sorted(first):
        found = [value.get(key, KeyError) for value in values]
        if any(item is KeyError for item in found):
            continue
        if all(item == found[0] for item in found):
            result[key] = found[0]
        elif all(isinstance(item, dict) for item in found):
            result[key] = agreed(found)
    return result


def write(inputs):
    loaded = []
    for path in inputs:
        with open(path, encoding="utf-8") as handle:
            loaded.append(json.load(handle))
    versions = sorted(item.pop("version") for item in loaded)
    flows = {}
    for item in loaded:
        for alias, variants in item.pop("built_in_flows", {}).items():
            flows.setdefault(alias, [])
            flows[alias].extend(variant for variant in variants if variant not in flows[alias])
    merged = agreed(loaded)
    merged["built_in_flows"] = flows
    lines = [
        "# -*- coding: utf-8 -*-",
        "# Copyright: (c) 2026, iam.keycloak contributors",
        "# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)",
        '"""What a new realm and its new objects have on every supported Keycloak, for ``keycloak_realm_export format: config``',
        "to leave out (generated by ``scripts/realm_defaults.py`` from Keycloak %s; do not edit)." % ", ".join(versions),
        "",
        "A value is here only when every one of those versions gives it alike. ``%s`` stands for the realm's name." % REALM_TOKEN,
        '"""',
        "",
        "from __future__ import absolute_import, division, print_function",
        "",
        "__metaclass__ = type",
        "",
        "import json",
        "",
        "VERSIONS = %r" % (versions,),
        "REALM_TOKEN = %r" % REALM_TOKEN,
        "",
    ]
    data = dict((key, merged.get(key, {})) for key in NAMES)
    lines.append("_DEFAULTS = json.loads(r\"\"\"")
    lines.extend(json.dumps(data, indent=1, sort_keys=True).splitlines())
    lines.append('\"\"\")')
    lines.append("")
    for key in NAMES:
        lines.append("%s = _DEFAULTS[%r]" % (key.upper(), key))
    lines.append("")
    text = "\n".join(lines)
    with open(TARGET, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(TARGET)


def main(argv):
    if len(argv) == 4 and argv[1] == "read":
        read(argv[2].rstrip("/"), argv[3])
    elif len(argv) >= 3 and argv[1] == "write":
        write(argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
