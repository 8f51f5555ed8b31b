#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_client_scope_info
short_description: Read the client scopes of a Keycloak realm
version_added: 0.1.0
description:
  - Returns every client scope of a realm, or the one named O(name), with its protocol mappers, whether the realm gives it to new
    clients as a default or optional scope, and the roles mapped to it. Changes nothing.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Name of the realm whose client scopes are read.
    type: str
    default: master
  name:
    description:
      - Name of one client scope. Not set returns every client scope of the realm.
      - A name no scope has returns an empty list.
    type: str
  include:
    description:
      - What to return with each client scope.
      - V(protocol_mappers) adds C(protocolMappers) (no extra request).
      - V(type) adds C(type), V(default), V(optional) or V(none) (two extra requests in all).
      - V(scope_mappings) adds C(scopeMappings), the realm and client roles mapped to the scope (one extra request per scope).
    type: list
    elements: str
    choices: [protocol_mappers, type, scope_mappings]
    default: [protocol_mappers, type]
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: Read every client scope of a realm
  iam.keycloak.keycloak_client_scope_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
  register: scopes

- name: Names of the scopes every new client gets
  ansible.builtin.debug:
    msg: "{{ scopes.client_scopes | selectattr('type', 'eq', 'default') | map(attribute='name') | list }}"

- name: Read one scope with the roles mapped to it
  iam.keycloak.keycloak_client_scope_info:
    realm: acme
    name: department
    include: [protocol_mappers, type, scope_mappings]
  register: department
"""

RETURN = r"""
client_scopes:
  description:
    - The client scopes, sorted by name, as Keycloak represents them (camelCase), secrets masked.
    - Empty when O(name) names no scope.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Internal id of the client scope.
      type: str
    name:
      description: Name of the client scope.
      type: str
    description:
      description: Description of the client scope.
      type: str
      returned: when set
    protocol:
      description: Protocol of the client scope.
      type: str
    attributes:
      description: Attributes of the client scope, strings by name.
      type: dict
    protocolMappers:
      description: Protocol mappers, sorted by name.
      type: list
      elements: dict
      returned: when O(include) has V(protocol_mappers)
    type:
      description: V(default), V(optional) or V(none), the realm's list of scopes for new clients that holds the scope.
      type: str
      returned: when O(include) has V(type)
    scopeMappings:
      description: Roles mapped to the scope; C(clientId) is null for realm roles.
      type: list
      elements: dict
      returned: when O(include) has V(scope_mappings)
  sample: [{
    "id": "6f1c5a3e-2d4b-4c8e-9a61-0d7b2e9f4a10", "name": "department", "protocol": "openid-connect",
    "attributes": {"include.in.token.scope": "true"}, "type": "default",
    "protocolMappers": [{"id": "0b6e1b9c-5d55-4b83-a2a4-8f1a1e6b2c33", "name": "department", "protocol": "openid-connect",
                         "protocolMapper": "oidc-usermodel-attribute-mapper", "config": {"claim.name": "department"}}],
    "scopeMappings": [{"name": "staff", "clientId": null}]}]
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_scope import describe_client_scopes


def main():
    module = KeycloakModule(
        argument_spec=dict(
            realm=dict(type="str", default="master"),
            name=dict(type="str"),
            include=dict(type="list", elements="str", choices=["protocol_mappers", "type", "scope_mappings"],
                         default=["protocol_mappers", "type"]),
        ),
        supports_check_mode=True,
    )
    params = module.params
    client = module.client_for(params["realm"])
    module.run(
        lambda: {"changed": False, "client_scopes": describe_client_scopes(client, params["name"], params["include"])},
        empty={"client_scopes": []},
    )


if __name__ == "__main__":
    main()
