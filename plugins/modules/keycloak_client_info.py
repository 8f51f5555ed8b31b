#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_client_info
short_description: Read Keycloak clients with their mappers, client scopes and service account roles
version_added: 0.1.0
description:
  - Returns the clients of a realm (every page of them), one client by its client ID, or the clients whose client ID contains a
    text. Changes nothing.
  - Each client comes whole, as Keycloak represents it, with its protocol mappers and the names of its default and optional client
    scopes; a client with a service account also lists the realm and client roles of that account.
  - Adds on request each client's client scopes whole, and the protocol mappers of every client returned as one list.
  - Secrets (the client secret, SAML private keys) are masked.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Name of the realm the clients belong to.
    type: str
    default: master
  client_id:
    description:
      - Return only the client with this client ID (exact, case-sensitive match); an empty list when there is none.
    type: str
  search:
    description:
      - Return only the clients whose client ID contains this text (searched by the server).
    type: str
  include:
    description:
      - What to add to the clients returned.
      - V(client_scopes) adds to each client C(clientScopes), its C(default) and C(optional) client scopes whole (C(id), C(name),
        C(protocol), C(attributes), C(protocolMappers)) where C(defaultClientScopes) and C(optionalClientScopes) give only names
        (one request for the realm's scopes, two per client).
      - V(protocol_mapper_list) also returns RV(protocol_mappers), the mappers of every client returned in one list, each with its
        C(clientId), read from each client's own mapper endpoint (one request per client).
    type: list
    elements: str
    choices: [client_scopes, protocol_mapper_list]
    default: []
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: Every client of the realm
  iam.keycloak.keycloak_client_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
  register: all_clients

- name: One client
  iam.keycloak.keycloak_client_info:
    realm: acme
    client_id: portal
  register: portal

- name: The redirect URIs of the portal client
  ansible.builtin.debug:
    msg: "{{ portal.clients[0].redirectUris }}"
  when: portal.clients | length > 0

- name: Clients whose client ID contains "api"
  iam.keycloak.keycloak_client_info:
    realm: acme
    search: api
  register: api_clients

- name: The portal client with its client scopes whole
  iam.keycloak.keycloak_client_info:
    realm: acme
    client_id: portal
    include: [client_scopes]
  register: portal_scopes

- name: The protocol mappers the default scopes of the portal client bring to its tokens
  ansible.builtin.debug:
    msg: "{{ portal_scopes.clients[0].clientScopes.default | map(attribute='protocolMappers', default=[]) | flatten
             | map(attribute='name') | list }}"
  when: portal_scopes.clients | length > 0

- name: Every protocol mapper of every client
  iam.keycloak.keycloak_client_info:
    realm: acme
    include: [protocol_mapper_list]
  register: all_mappers

- name: The clients that send a hard-coded claim
  ansible.builtin.debug:
    msg: "{{ all_mappers.protocol_mappers | selectattr('protocolMapper', 'eq', 'oidc-hardcoded-claim-mapper')
             | map(attribute='clientId') | unique | list }}"
"""

RETURN = r"""
clients:
  description:
    - The clients found, as Keycloak represents them (ClientRepresentation), secrets masked. C(protocolMappers) holds the client's
      own mappers, C(defaultClientScopes) and C(optionalClientScopes) the names of its client scopes, and, for a client with a
      service account, C(serviceAccountRoleMappings) the roles of that account (C(clientId) null for a realm role).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 5b1f8a0c-0c8e-4a55-a3f8-2f1d3c1b9a77
      clientId: portal
      enabled: true
      protocol: openid-connect
      publicClient: false
      secret: "********"
      redirectUris: ["https://portal.example.com/*"]
      attributes: {"pkce.code.challenge.method": "S256"}
      protocolMappers: [{"name": "department", "protocol": "openid-connect", "protocolMapper": "oidc-usermodel-attribute-mapper",
                         "config": {"claim.name": "department"}}]
      defaultClientScopes: [profile, email]
      optionalClientScopes: [phone]
      serviceAccountRoleMappings: [{"name": "offline_access", "clientId": null}, {"name": "view-users", "clientId": "realm-management"}]
      clientScopes:
        default: [{"id": "0c1d8f35-6c53-4b9e-8a8e-3f5b0d2c7e61", "name": "email", "protocol": "openid-connect",
                   "attributes": {"include.in.token.scope": "true"}}]
        optional: [{"id": "5e7a0b42-91d3-4f0e-b6a2-2d9c4e8f1a03", "name": "phone", "protocol": "openid-connect",
                    "attributes": {"include.in.token.scope": "true"}}]
protocol_mappers:
  description:
    - The protocol mappers of the clients returned, as Keycloak represents them (ProtocolMapperRepresentation), each with the
      C(clientId) of its client, sorted by C(clientId) and C(name).
  returned: when O(include) has V(protocol_mapper_list)
  type: list
  elements: dict
  sample:
    - id: 7a4c2e19-3b8d-4f6a-9c01-5e2d8b7f6a34
      name: department
      protocol: openid-connect
      protocolMapper: oidc-usermodel-attribute-mapper
      config: {"claim.name": "department", "user.attribute": "department"}
      clientId: portal
"""

from ansible_collections.iam.keycloak.plugins.module_utils.engine import mask
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client import client_protocol_mappers, find_clients


def main():
    module = KeycloakModule(
        argument_spec=dict(
            realm=dict(type="str", default="master"),
            client_id=dict(type="str"),
            search=dict(type="str"),
            include=dict(type="list", elements="str", choices=["client_scopes", "protocol_mapper_list"], default=[]),
        ),
        mutually_exclusive=[("client_id", "search")],
        supports_check_mode=True,
    )
    params = module.params

    listed = "protocol_mapper_list" in params["include"]

    def body():
        admin = module.client_for(params["realm"])
        clients = find_clients(admin, params["client_id"], params["search"], params["include"])
        result = {"changed": False, "clients": mask(clients)}
        if listed:
            result["protocol_mappers"] = mask(client_protocol_mappers(admin, clients))
        return result

    module.run(body, empty={"clients": [], "protocol_mappers": []} if listed else {"clients": []})


if __name__ == "__main__":
    main()
