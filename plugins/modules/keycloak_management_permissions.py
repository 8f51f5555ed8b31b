#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_management_permissions
short_description: Create, update and delete fine-grained admin permissions (v2) of a Keycloak realm
version_added: 0.2.0
description:
  - Fine-grained admin permissions say who may view or manage which users, clients, groups and roles of a realm, beyond the
    C(realm-management) roles. This module manages the v2 model (Keycloak 26.2 and later, feature C(admin-fine-grained-authz:v2),
    on by default), the permissions of the realm's C(admin-permissions) client, each for one O(resource_type), granting O(scopes) on
    O(resources) (or on every object of the type) to whoever its O(policies) allow.
  - A permission is found by its O(name). Objects and policies are named as people name them (a username, a client ID, a group
    path, a realm role name, a policy name); each must exist, or the task fails before anything is written.
  - The realm must have fine-grained admin permissions on (O(iam.keycloak.keycloak_realm#module:admin_permissions_enabled)); the
    task fails saying so otherwise, and on a server that runs the v1 model (per-object switches), which this module does not manage.
    In check mode, an earlier task is assumed to turn them on, with a warning.
  - The policies (who) are policies of the C(admin-permissions) client, for example a user, group or role policy.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  name:
    description:
      - Name of the permission.
    type: str
    required: true
  description:
    description:
      - What the permission is for.
    type: str
  resource_type:
    description:
      - What the permission is about. Needed to create one; it cannot change.
    type: str
    choices: [Users, Clients, Groups, Roles]
  scopes:
    description:
      - What the permission grants, for example V(view), V(manage), V(map-roles), V(reset-password), V(impersonate) for V(Users),
        V(view), V(manage), V(manage-members), V(view-members) for V(Groups). The list is authoritative (compared without order).
    type: list
    elements: str
  resources:
    description:
      - The objects the permission applies to, by username, client ID, group path or realm role name; an empty list for every object
        of the type. The list is authoritative (compared without order).
    type: list
    elements: str
  policies:
    description:
      - Names of the policies of the C(admin-permissions) client that decide who is granted. The list is authoritative.
    type: list
    elements: str
  decision_strategy:
    description:
      - How the policies' decisions combine. A new permission gets V(UNANIMOUS) unless set.
    type: str
    choices: [UNANIMOUS, AFFIRMATIVE, CONSENSUS]
  state:
    description:
      - V(present) creates the permission or updates the options set; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: iam.keycloak.keycloak_realm
    description: O(iam.keycloak.keycloak_realm#module:admin_permissions_enabled) turns fine-grained admin permissions on.
  - module: iam.keycloak.keycloak_client_authz
    description: Policies of the C(admin-permissions) client.
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: Fine-grained admin permissions on in the realm
  iam.keycloak.keycloak_realm:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    admin_permissions_enabled: true

- name: The help desk may view users and reset their passwords
  iam.keycloak.keycloak_management_permissions:
    realm: acme
    name: help desk resets passwords
    resource_type: Users
    scopes: [view, reset-password]
    resources: []
    policies: [help desk members]

- name: Group admins may manage the members of two groups only
  iam.keycloak.keycloak_management_permissions:
    realm: acme
    name: group admins manage their groups
    resource_type: Groups
    scopes: [view, manage-members]
    resources: [/engineering, /sales]
    policies: [group admins]
"""

RETURN = r"""
end_state:
  description:
    - The permission after the task (C(name), C(description), C(resourceType), C(scopes), C(resources) by name, C(policies) by name,
      C(decisionStrategy), C(id)); after a delete, empty.
  returned: always
  type: dict
  sample: {"name": "help desk resets passwords", "resourceType": "Users", "scopes": ["reset-password", "view"], "resources": [],
           "policies": ["help desk members"], "decisionStrategy": "UNANIMOUS"}
diff:
  description: Before and after of the fields the task set.
  returned: when diff mode is on
  type: dict
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "management permission 'help desk resets passwords' in realm 'acme': updated scopes"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: create
id:
  description: The permission's id (null for a create in check mode).
  returned: when the permission exists or is created
  type: str
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.management_permissions import MANAGEMENT_PERMISSIONS


def main():
    run(MANAGEMENT_PERMISSIONS)


if __name__ == "__main__":
    main()
