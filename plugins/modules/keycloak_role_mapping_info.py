#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_role_mapping_info
short_description: Read the realm and client roles of a Keycloak user, group, service account, client or client scope
version_added: 0.1.0
description:
  - Reads the roles of one target in a realm, named by exactly one of O(user), O(group), O(service_account_of),
    O(dedicated_scope_of) and O(client_scope) (the targets of M(iam.keycloak.keycloak_role_mapping)). Changes nothing.
  - O(view) chooses which roles, the ones mapped directly, the effective ones, or the ones that could still be mapped.
  - A target that does not exist fails the task.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Realm of the target.
    type: str
    default: master
  user:
    description:
      - Username of the user whose roles are read.
    type: str
  group:
    description:
      - Path of the group whose roles are read, for example V(/staff/admins). The leading slash may be left out.
    type: str
  service_account_of:
    description:
      - Client id (C(clientId)) of the client whose service account user's roles are read.
    type: str
  dedicated_scope_of:
    description:
      - Client id (C(clientId)) of a client whose own scope mappings are read (the C(Scope) tab of the client's dedicated scope
        in the admin console).
    type: str
    aliases: [scope_mappings_of]
  client_scope:
    description:
      - Name of the client scope whose scope mappings are read.
    type: str
  view:
    description:
      - V(direct) returns the roles mapped to the target itself, as M(iam.keycloak.keycloak_role_mapping) manages them.
      - V(effective) returns every role the target holds, also through composite roles and, for users, through their groups
        and, for groups, through their parent groups. Offered for users, service accounts and groups.
      - V(available) returns the roles that are not mapped to the target yet and could be. Offered for users and service
        accounts.
      - The views not offered for a target (V(effective) and V(available) of a dedicated scope or a client scope, V(available)
        of a group) fail the task, because the admin API this collection's client follows (python-keycloak's) has no call
        for them.
    type: str
    choices: [direct, effective, available]
    default: direct
  clients:
    description:
      - Client ids (C(clientId)) of the clients whose roles to return in RV(client_roles); each one listed is a key there, with
        an empty list when the target has none of its roles. A client that does not exist fails the task.
      - Not set, V(direct) returns the roles of every client the target has mappings of, and the other views no client roles,
        because Keycloak answers them per client. A realm has many clients (every realm has six built-in ones), and a
        request per client on each run is what this option lets you avoid.
      - Realm roles are always returned.
    type: list
    elements: str
notes:
  - V(direct) without O(clients) sends, after the login and the requests that find the target (one; two for a service account),
    one request. Otherwise one request for the realm roles and, per listed client, one to find it and one for its roles.
  - V(effective) of a group computes its realm roles from its direct mappings, those of its parent groups and the composite
    roles they reach (one request per parent and per composite role), since the admin API has no call for them.
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: Roles mapped directly to a user
  iam.keycloak.keycloak_role_mapping_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    user: alice
  register: alice_roles

- name: Every realm role and billing role alice holds, through composites and groups too
  iam.keycloak.keycloak_role_mapping_info:
    realm: acme
    user: alice
    view: effective
    clients: [billing]
  register: alice_effective

- name: Fail unless alice may read invoices
  ansible.builtin.assert:
    that: "'invoice-reader' in alice_effective.client_roles.billing"

- name: Billing roles that could still be given to the reporting client's service account
  iam.keycloak.keycloak_role_mapping_info:
    realm: acme
    service_account_of: reporting
    view: available
    clients: [billing]
  register: reporting_available

- name: Roles a group gets, from its parent groups and composite roles too
  iam.keycloak.keycloak_role_mapping_info:
    realm: acme
    group: /staff/admins
    view: effective

- name: Roles that may go into the tokens of the web client
  iam.keycloak.keycloak_role_mapping_info:
    realm: acme
    dedicated_scope_of: web

- name: Roles mapped to a client scope
  iam.keycloak.keycloak_role_mapping_info:
    realm: acme
    client_scope: billing-scope
"""

RETURN = r"""
id:
  description:
    - Server id of the target (for a service account, the id of its user; for a dedicated scope, the client's id).
    - Null in check mode when the realm does not exist yet.
  returned: always
  type: str
  sample: 8f1c0e52-7d1e-4a55-9b0c-3c1f2a7f5d11
realm_roles:
  description:
    - Names of the realm roles in O(view), sorted.
    - Empty in check mode when the realm does not exist yet (taken as created by an earlier task).
  returned: always
  type: list
  elements: str
  sample: [auditor, default-roles-acme]
client_roles:
  description:
    - Names of the client roles in O(view), sorted, by the C(clientId) of the client that defines them (see O(clients)).
    - Empty in check mode when the realm does not exist yet.
  returned: always
  type: dict
  sample: {"billing": ["invoice-reader", "invoice-writer"]}
"""

from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanError
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.role_mapping import (
    INFO_ARGUMENT_SPEC, INFO_EMPTY, INFO_OPTIONS, describe_role_mappings,
)


def main():
    module = KeycloakModule(argument_spec=INFO_ARGUMENT_SPEC, supports_check_mode=True, **INFO_OPTIONS)
    client = module.client_for(module.params["realm"])

    def body():
        try:
            return describe_role_mappings(client, module.params)
        except PlanError as error:
            module.fail_json(msg="%s" % error)

    module.run(body, empty=INFO_EMPTY)


if __name__ == "__main__":
    main()
