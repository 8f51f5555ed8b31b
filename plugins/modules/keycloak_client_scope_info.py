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
      - V(protocol_mapper_list) also returns RV(protocol_mappers), the mappers of every scope returned in one list, each with the
        name of its scope, read from each scope's own mapper endpoint (one extra request per scope).
    type: list
    elements: str
    choices: [protocol_mappers, type, scope_mappings, protocol_mapper_list]
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

- name: Every protocol mapper of every client scope, in one list
  iam.keycloak.keycloak_client_scope_info:
    realm: acme
    include: [protocol_mapper_list]
  register: scope_mappers

- name: The client scopes that put a user attribute in tokens
  ansible.builtin.debug:
    msg: "{{ scope_mappers.protocol_mappers | selectattr('protocolMapper', 'eq', 'oidc-usermodel-attribute-mapper')
             | map(attribute='clientScope') | unique | list }}"
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
protocol_mappers:
  description:
    - The protocol mappers of the client scopes returned, as Keycloak represents them (ProtocolMapperRepresentation), each with
      C(clientScope), the name of its scope, sorted by scope and name.
  returned: when O(include) has V(protocol_mapper_list)
  type: list
  elements: dict
  sample:
    - id: 0b6e1b9c-5d55-4b83-a2a4-8f1a1e6b2c33
      name: department
      protocol: openid-connect
      protocolMapper: oidc-usermodel-attribute-mapper
      config: {"claim.name": "department", "user.attribute": "department"}
      clientScope: department
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_scope import client_scope_protocol_mappers, describe_client_scopes


def main():
    module = KeycloakModule(
        argument_spec=dict(
            realm=dict(type="str", default="master"),
            name=dict(type="str"),
            include=dict(type="list", elements="str", choices=["protocol_mappers", "type", "scope_mappings", "protocol_mapper_list"],
                         default=["protocol_mappers", "type"]),
        ),
        supports_check_mode=True,
    )
    params = module.params
    client = module.client_for(params["realm"])
    listed = "protocol_mapper_list" in params["include"]

    def body():
        scopes = describe_client_scopes(client, params["name"], params["include"])
        result = {"changed": False, "client_scopes": scopes}
        if listed:
            result["protocol_mappers"] = client_scope_protocol_mappers(client, scopes)
        return result

    module.run(body, empty={"client_scopes": [], "protocol_mappers": []} if listed else {"client_scopes": []})


if __name__ == "__main__":
    main()
