#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_role_info
short_description: Read Keycloak realm roles or the roles of one client
version_added: 0.1.0
description:
  - Reads the realm roles of a realm, or the roles of one client when O(client_id) is set, with their attributes.
  - Reads one role by its exact O(name) or its O(id), or the roles whose name contains O(search) (filtered by Keycloak), or every role.
  - Adds on request the roles each role holds (composites), or only those of one client, the users and the groups that hold each
    role directly. Changes nothing.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Name of the realm to read.
    type: str
    default: master
  client_id:
    description:
      - The C(clientId) (not the internal id) of the client whose roles to read. Leave it out to read realm roles.
      - The task fails when the realm has no such client.
    type: str
  name:
    description:
      - Exact name of the one role to read. RV(roles) is empty when there is no such role.
    type: str
  id:
    description:
      - Id of the one role to read (as in a role's C(id), an admin event's C(resourcePath) or another role's C(composites)).
      - With O(client_id), a role of that client; without it, a realm role. RV(roles) is empty when there is no such role there.
    type: str
  search:
    description:
      - Read only the roles whose name contains this text (case-insensitive, filtered by Keycloak).
    type: str
  include:
    description:
      - What to add to each role.
      - V(composites) adds C(composites), the roles the role holds directly, each as C(name) and C(clientId) (null for a realm role).
      - V(members) adds C(members), the users the role is granted to directly. Read page by page, so every member is returned.
      - V(groups) adds C(groups), the groups the role is granted to directly. Read page by page.
      - Each costs one request per role (V(composites) none for a role that holds no roles).
    type: list
    elements: str
    choices: [composites, members, groups]
    default: []
  composites_of_client:
    description:
      - The C(clientId) of a client. Adds to each role C(compositesOfClient), the roles of that client the role holds directly,
        whole (C(id), C(name), C(description), C(composite), C(clientRole), C(containerId)), as Keycloak filters them. The roles of
        other clients and the realm roles the role holds are left out.
      - One request per composite role; a role that holds no roles gets an empty list without one.
      - The task fails when the realm has no such client.
    type: str
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: Every realm role
  iam.keycloak.keycloak_role_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
  register: realm_roles

- name: One client role, with the roles it holds and who has it
  iam.keycloak.keycloak_role_info:
    realm: acme
    client_id: billing
    name: invoice-admin
    include: [composites, members]
  register: invoice_admin

- name: The realm role an id names, for example one found in an admin event
  iam.keycloak.keycloak_role_info:
    realm: acme
    id: "{{ realm_roles.roles[0].id }}"
  register: role_by_id

- name: Realm roles whose name contains "admin"
  iam.keycloak.keycloak_role_info:
    realm: acme
    search: admin
  register: admin_roles

- name: The billing client's roles that the realm role auditor holds
  iam.keycloak.keycloak_role_info:
    realm: acme
    name: auditor
    composites_of_client: billing
  register: auditor_billing

- name: Their names
  ansible.builtin.debug:
    msg: "{{ auditor_billing.roles[0].compositesOfClient | map(attribute='name') | list }}"
  when: auditor_billing.roles | length > 0
"""

RETURN = r"""
roles:
  description:
    - The roles found, as Keycloak represents them (RoleRepresentation, attributes included), with what O(include) asks for.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 5d0b7d4e-2f59-4c6e-9d57-8f0b0c9a1f3e
      name: invoice-admin
      description: Manages invoices
      composite: true
      clientRole: true
      containerId: 0b6f5c7e-3d1a-4d7e-a7f1-9b6e2c1d8a40
      attributes: {"team": ["billing"]}
      composites: [{"name": "reader", "clientId": null}]
      members: [{"id": "8e1c7a52-0d35-4d31-8f52-1b8f0c5e7a11", "username": "alice"}]
      compositesOfClient: [{"id": "1f7a9c3e-6b2d-4e85-a0c4-7d3b9e2f5a18", "name": "invoice-reader", "composite": false,
                            "clientRole": true, "containerId": "0b6f5c7e-3d1a-4d7e-a7f1-9b6e2c1d8a40"}]
"""

from ansible_collections.iam.keycloak.plugins.module_utils.engine import PlanError
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.role import find_roles


def main():
    module = KeycloakModule(
        argument_spec=dict(
            realm=dict(type="str", default="master"),
            client_id=dict(type="str"),
            name=dict(type="str"),
            id=dict(type="str"),
            search=dict(type="str"),
            include=dict(type="list", elements="str", choices=["composites", "members", "groups"], default=[]),
            composites_of_client=dict(type="str"),
        ),
        mutually_exclusive=[("name", "search", "id")],
        supports_check_mode=True,
    )
    params = module.params

    def body():
        client = module.client_for(params["realm"])
        try:
            roles = find_roles(client, params["client_id"], params["name"], params["search"], params["include"],
                               role_id=params["id"], composites_of_client=params["composites_of_client"])
        except PlanError as error:
            module.fail_json(msg="%s" % error)
        return {"changed": False, "roles": roles}

    module.run(body, empty={"roles": []})


if __name__ == "__main__":
    main()
