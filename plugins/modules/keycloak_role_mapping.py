#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_role_mapping
short_description: Map Keycloak realm and client roles to a user, group, service account, client or client scope
version_added: 0.1.0
description:
  - Adds, removes or sets the realm and client roles mapped to one target in a realm. The target is named by exactly one of
    O(user), O(group), O(service_account_of), O(dedicated_scope_of) and O(client_scope).
  - The target must exist; this module never creates, changes or deletes it. A missing target, role or client fails the task
    before anything is written.
  - Only direct mappings are managed. Roles a target gets through a composite role or a group are not listed, added or removed.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Realm of the target and of the roles.
    type: str
    default: master
  user:
    description:
      - Username of the user whose role mappings are managed.
      - The alias O(target_username) is community.general's name for it.
    type: str
    aliases: [target_username]
  group:
    description:
      - Path of the group whose role mappings are managed, for example V(/staff/admins). The leading slash may be left out.
    type: str
  service_account_of:
    description:
      - Client id (C(clientId)) of the client whose service account user gets the roles. The client must have service accounts
        enabled.
      - The alias O(service_account_user_client_id) is community.general's name for it.
    type: str
    aliases: [service_account_user_client_id]
  dedicated_scope_of:
    description:
      - Client id (C(clientId)) of a client whose own scope mappings are managed (the C(Scope) tab of the client's dedicated
        scope in the admin console, C(/clients/{id}/scope-mappings) in the REST API). They limit which roles go into the client's
        tokens when the client's C(fullScopeAllowed) is off.
    type: str
    aliases: [scope_mappings_of]
  client_scope:
    description:
      - Name of the client scope whose scope mappings are managed.
    type: str
  realm_roles:
    description:
      - Names of realm roles.
    type: list
    elements: str
  client_roles:
    description:
      - Client roles, grouped by the client that defines them.
    type: list
    elements: dict
    suboptions:
      client_id:
        description:
          - Client id (C(clientId)) of the client that defines the roles.
        type: str
        required: true
      roles:
        description:
          - Names of the client's roles.
        type: list
        elements: str
        required: true
  state:
    description:
      - V(present) maps the listed roles and leaves other mappings alone.
      - V(absent) removes the listed roles that are mapped and leaves other mappings alone.
      - V(exact) maps the listed roles and removes every other realm and client role mapping of the target, so that the
        target's direct mappings are exactly the listed roles. A task that lists only O(realm_roles) removes all client role
        mappings, and the other way round; O(realm_roles=[]) removes every mapping.
      - V(exact) never removes the realm's default role (C(default-roles-<realm>)), which Keycloak maps to every new user and which
        carries the realm's default roles such as C(offline_access). List it in O(realm_roles) to make sure it is mapped, or
        remove it with O(state=absent) and O(realm_roles=[default-roles-<realm>]).
    type: str
    choices: [present, absent, exact]
    default: present
notes:
  - An unchanged run sends the login, one request to find the target (two for a service account), one to read all its
    mappings, and one to look up each listed role that is not mapped (with O(state=absent), to tell a role already removed
    from a misspelt one). With O(state=exact), one more request finds the realm's default role when a realm role outside the
    list is mapped, as it is on every user.
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: Give a user a realm role and two client roles
  iam.keycloak.keycloak_role_mapping:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    user: alice
    realm_roles: [auditor]
    client_roles:
      - client_id: billing
        roles: [invoice-reader, invoice-writer]

- name: Let the reporting client's service account read users
  iam.keycloak.keycloak_role_mapping:
    realm: acme
    service_account_of: reporting
    client_roles:
      - client_id: realm-management
        roles: [view-users, query-users]

- name: Roles of a group are exactly these (the realm's default role is never removed)
  iam.keycloak.keycloak_role_mapping:
    realm: acme
    group: /staff/admins
    realm_roles: [admin]
    state: exact

- name: Only billing roles may go into the tokens of the web client
  iam.keycloak.keycloak_role_mapping:
    realm: acme
    dedicated_scope_of: web
    client_roles:
      - client_id: billing
        roles: [invoice-reader]
    state: exact

- name: Take a role away from a client scope
  iam.keycloak.keycloak_role_mapping:
    realm: acme
    client_scope: billing-scope
    realm_roles: [auditor]
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The target and all its direct role mappings after the task (C(clientId) is null for realm roles), sorted by client and name.
    - In check mode, the same prediction.
  returned: always
  type: dict
  sample:
    id: 8f1c0e52-7d1e-4a55-9b0c-3c1f2a7f5d11
    type: user
    name: alice
    roleMappings:
      - {"name": "auditor", "clientId": null}
      - {"name": "default-roles-acme", "clientId": null}
      - {"name": "invoice-reader", "clientId": "billing"}
diff:
  description:
    - Before and after of the mappings the task manages. With O(state=present) or O(state=absent) only the listed roles, with
      O(state=exact) every mapping except the realm's default role.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"roleMappings": []}, "after": {"roleMappings": [{"name": "auditor", "clientId": null}]}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "role mappings of user 'alice' in realm 'acme': roleMappings 'auditor' added; roleMappings 'billing/invoice-reader' added"
operation:
  description: V(update) when mappings were added or removed, V(none) otherwise.
  returned: always
  type: str
  sample: update
id:
  description: Server id of the target (for a service account, the id of its user; for a dedicated scope, the client's id).
  returned: always
  type: str
  sample: 8f1c0e52-7d1e-4a55-9b0c-3c1f2a7f5d11
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.role_mapping import ROLE_MAPPING


def main():
    run(ROLE_MAPPING)


if __name__ == "__main__":
    main()
