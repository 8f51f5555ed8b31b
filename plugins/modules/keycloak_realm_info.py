#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_realm_info
short_description: Read the settings of a Keycloak realm, or list the realms
version_added: 0.1.0
description:
  - With O(realm), returns that realm's settings as Keycloak represents them, with secrets such as the SMTP password masked.
  - Without O(realm), returns every realm the login may see, each with its name, display name and whether it is enabled. A login
    from a realm other than C(master) sees its own realm only.
  - O(include) adds the realm's default roles, default groups, default client scopes, event settings or key metadata. Changes
    nothing.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Name of the realm to read. A realm that does not exist returns an empty list.
      - Not set lists every realm the login may see.
    type: str
  include:
    description:
      - What to add to each realm returned.
      - V(default_roles) adds C(defaultRoles), the names of the realm roles every new user gets.
      - V(default_groups) adds C(defaultGroups), the paths of the groups every new user joins.
      - V(default_client_scopes) adds C(defaultDefaultClientScopes) and C(defaultOptionalClientScopes), the names of the client
        scopes every new client gets as default and as optional scopes.
      - V(events_config) adds C(eventsConfig), the realm's login and admin event settings.
      - V(keys) adds C(keys), the metadata of the realm's keys with public keys and certificates; private keys and secret keys are
        never returned.
    type: list
    elements: str
    choices: [default_roles, default_groups, default_client_scopes, events_config, keys]
    default: []
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: List the realms
  iam.keycloak.keycloak_realm_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
  register: found

- name: Names of the enabled realms
  ansible.builtin.debug:
    msg: "{{ found.realms | selectattr('enabled') | map(attribute='realm') | list }}"

- name: One realm's settings, defaults and signing keys
  iam.keycloak.keycloak_realm_info:
    realm: acme
    include: [default_roles, default_groups, default_client_scopes, events_config, keys]
  register: acme

- name: The realm's RS256 public key
  ansible.builtin.debug:
    msg: "{{ (acme.realms[0]['keys']['keys'] | selectattr('algorithm', 'eq', 'RS256') | first).publicKey }}"
"""

RETURN = r"""
issuer:
  description:
    - The realm's issuer, as its OpenID Connect discovery document says (the server's configured hostname), what an application
      is configured with. Null when the realm does not exist.
  returned: when O(realm) is set
  type: str
  sample: https://sso.example.com/realms/acme
discovery_url:
  description: The realm's OpenID Connect discovery document (RV(issuer) followed by C(/.well-known/openid-configuration)).
  returned: when O(realm) is set
  type: str
  sample: https://sso.example.com/realms/acme/.well-known/openid-configuration
authorization_endpoint:
  description: Where the application sends users to log in, from the discovery document.
  returned: when O(realm) is set
  type: str
  sample: https://sso.example.com/realms/acme/protocol/openid-connect/auth
token_endpoint:
  description: Where the application gets tokens (with the client secret), from the discovery document.
  returned: when O(realm) is set
  type: str
  sample: https://sso.example.com/realms/acme/protocol/openid-connect/token
userinfo_endpoint:
  description: The user info endpoint, from the discovery document.
  returned: when O(realm) is set
  type: str
  sample: https://sso.example.com/realms/acme/protocol/openid-connect/userinfo
end_session_endpoint:
  description: The logout endpoint, from the discovery document.
  returned: when O(realm) is set
  type: str
  sample: https://sso.example.com/realms/acme/protocol/openid-connect/logout
jwks_uri:
  description: The realm's public keys (JWKS), from the discovery document.
  returned: when O(realm) is set
  type: str
  sample: https://sso.example.com/realms/acme/protocol/openid-connect/certs
realms:
  description:
    - The realms, sorted by name. With O(realm), that realm only (or none); its whole representation, secrets masked.
    - Without O(realm), each realm's C(id), C(realm), C(displayName) (when set) and C(enabled), plus what O(include) asks for.
  returned: always
  type: list
  elements: dict
  contains:
    realm:
      description: Name of the realm.
      type: str
    displayName:
      description: Name of the realm shown to users.
      type: str
      returned: when set
    enabled:
      description: Whether the realm is enabled.
      type: bool
    defaultRoles:
      description: Names of the realm roles every new user gets, sorted.
      type: list
      elements: str
      returned: when O(include) has V(default_roles)
    defaultGroups:
      description: Paths of the groups every new user joins, sorted.
      type: list
      elements: str
      returned: when O(include) has V(default_groups)
    defaultDefaultClientScopes:
      description: Names of the client scopes every new client gets as default scopes, sorted.
      type: list
      elements: str
      returned: when O(include) has V(default_client_scopes)
    defaultOptionalClientScopes:
      description: Names of the client scopes every new client gets as optional scopes, sorted.
      type: list
      elements: str
      returned: when O(include) has V(default_client_scopes)
    eventsConfig:
      description: Login and admin event settings (C(eventsEnabled), C(eventsListeners), C(adminEventsEnabled), ...).
      type: dict
      returned: when O(include) has V(events_config)
    keys:
      description:
        - C(active), the kid of the active key by algorithm, and C(keys), one entry per key with C(kid), C(type), C(algorithm),
          C(use), C(status), C(providerId), C(providerPriority), C(validTo), and C(publicKey) and C(certificate) where the key has
          them.
      type: dict
      returned: when O(include) has V(keys)
  sample: [{"realm": "acme", "displayName": "ACME Corp", "enabled": true, "smtpServer": {"host": "smtp.example.com", "password": "********"},
            "defaultRoles": ["offline_access", "uma_authorization"]}]
"""

from ansible_collections.iam.keycloak.plugins.module_utils.engine import mask
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.context import realm_endpoints
from ansible_collections.iam.keycloak.plugins.module_utils.resources.common import realm_or_none

SUMMARY_FIELDS = ("id", "realm", "displayName", "enabled")
# What a key's metadata may show: public halves only. Anything else Keycloak might add is left out.
PUBLIC_KEY_FIELDS = ("kid", "type", "algorithm", "use", "status", "providerId", "providerPriority", "validTo", "publicKey", "certificate")


def public_keys(metadata):
    keys = [dict((field, key[field]) for field in PUBLIC_KEY_FIELDS if field in key) for key in metadata.get("keys") or []]
    return {"active": metadata.get("active") or {}, "keys": keys}


def add_included(client, realm, include):
    """Lay the parts ``include`` asks for over ``realm`` (a representation of the realm ``client`` manages)."""
    if "default_roles" in include:
        realm["defaultRoles"] = sorted(role["name"] for role in client.get_realm_default_roles() or [])
    if "default_groups" in include:
        realm["defaultGroups"] = sorted(group["path"] for group in client.get_realm_default_groups() or [])
    if "default_client_scopes" in include:
        realm["defaultDefaultClientScopes"] = sorted(scope["name"] for scope in client.get_default_default_client_scopes() or [])
        realm["defaultOptionalClientScopes"] = sorted(scope["name"] for scope in client.get_default_optional_client_scopes() or [])
    if "events_config" in include:
        realm["eventsConfig"] = client.get_events_config()
    if "keys" in include:
        realm["keys"] = public_keys(client.get_keys() or {})
    return mask(realm)


def read_realms(module, name, include):
    """The realm ``name`` whole, or a summary of every realm the login may see."""
    if name is not None:
        client = module.client_for(name)
        realm = realm_or_none(client.get_realm, name)
        return [add_included(client, realm, include)] if realm is not None else []
    result = []
    for realm in sorted(module.client.get_realms() or [], key=lambda item: item.get("realm") or ""):
        summary = dict((field, realm[field]) for field in SUMMARY_FIELDS if field in realm)
        result.append(add_included(module.client_for(realm["realm"]), summary, include))
    return result


def main():
    module = KeycloakModule(
        argument_spec=dict(
            realm=dict(type="str"),
            include=dict(type="list", elements="str", default=[],
                         choices=["default_roles", "default_groups", "default_client_scopes", "events_config", "keys"]),
        ),
        supports_check_mode=True,
    )

    def read():
        result = {"changed": False, "realms": read_realms(module, module.params["realm"], module.params["include"])}
        if module.params["realm"] is not None:
            result.update(realm_endpoints(module.client_for(module.params["realm"]), module.params["realm"]))
        return result

    module.run(read)


if __name__ == "__main__":
    main()
