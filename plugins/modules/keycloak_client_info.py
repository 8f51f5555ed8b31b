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
"""

from ansible_collections.iam.keycloak.plugins.module_utils.engine import mask
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client import find_clients


def main():
    module = KeycloakModule(
        argument_spec=dict(
            realm=dict(type="str", default="master"),
            client_id=dict(type="str"),
            search=dict(type="str"),
        ),
        mutually_exclusive=[("client_id", "search")],
        supports_check_mode=True,
    )
    params = module.params

    def body():
        clients = find_clients(module.client_for(params["realm"]), params["client_id"], params["search"])
        return {"changed": False, "clients": mask(clients)}

    module.run(body, empty={"clients": []})


if __name__ == "__main__":
    main()
