#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_management_permissions
short_description: Manage fine-grained admin permissions of a Keycloak realm, v2 permissions or v1 per-object switches
version_added: 0.2.0
description:
  - Fine-grained admin permissions say who may view or manage which users, clients, groups and roles of a realm, beyond the
    C(realm-management) roles. Keycloak has two models, and a server runs one of them (its features say which); a task is of the
    model of the options it sets, and fails before anything is written when the server runs the other one, or neither, saying so.
  - B(v2) (Keycloak 26.2 and later, feature C(admin-fine-grained-authz:v2), on by default), a task with O(name). The permissions of
    the realm's C(admin-permissions) client, each for one O(resource_type), granting O(scopes) on O(resources) (or on every object of
    the type) to whoever its O(policies) allow. A permission is found by its O(name). Objects and policies are named as people name
    them (a username, a client ID, a group path, a realm role name, a policy name); each must exist, or the task fails before
    anything is written. The realm must have fine-grained admin permissions on
    (O(iam.keycloak.keycloak_realm#module:admin_permissions_enabled)); in check mode, an earlier task is assumed to turn them on, with
    a warning. The policies (who) are policies of the C(admin-permissions) client, for example a user, group or role policy.
  - B(v1) (feature C(admin-fine-grained-authz:v1), deprecated by Keycloak), a task with O(group) or O(client). O(state=present) turns
    the object's permissions on, which makes Keycloak create one scope permission per scope of the object (V(view), V(manage),
    V(manage-members)...) in the realm's C(realm-management) client; O(state=absent) turns them off (Keycloak deletes those
    permissions; the policies stay). O(scope_permissions) attaches policies of the C(realm-management) client to those permissions,
    and O(realm_management_policies) keeps the role, client or group policies they name.
  - The v1 switches of a realm's users, roles and identity providers are not managed (the collection's admin client has no call for
    them).
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  name:
    description:
      - Name of the v2 permission. One of O(name), O(group) and O(client) is required.
    type: str
  description:
    description:
      - What the v2 permission is for.
    type: str
  resource_type:
    description:
      - What the v2 permission is about. Needed to create one; it cannot change.
    type: str
    choices: [Users, Clients, Groups, Roles]
  scopes:
    description:
      - What the v2 permission grants, for example V(view), V(manage), V(map-roles), V(reset-password), V(impersonate) for V(Users),
        V(view), V(manage), V(manage-members), V(view-members) for V(Groups). The list is authoritative (compared without order).
    type: list
    elements: str
  resources:
    description:
      - The objects the v2 permission applies to, by username, client ID, group path or realm role name; an empty list for every object
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
      - How the policies' decisions combine in the v2 permission. A new permission gets V(UNANIMOUS) unless set.
    type: str
    choices: [UNANIMOUS, AFFIRMATIVE, CONSENSUS]
  group:
    description:
      - v1. The path of the group whose permissions the task manages (V(/staff), V(/staff/help desk)).
    type: str
  client:
    description:
      - v1. The client ID of the client whose permissions the task manages.
    type: str
  scope_permissions:
    description:
      - v1. Policies attached to the object's permissions, one entry per scope. Scopes not listed are left alone.
      - The scopes of a group are V(view), V(manage), V(view-members), V(manage-members) and V(manage-membership); those of a client
        V(view), V(manage), V(configure), V(map-roles), V(map-roles-client-scope), V(map-roles-composite) and V(token-exchange).
    type: list
    elements: dict
    suboptions:
      scope:
        description:
          - The scope whose permission this entry is about.
        type: str
        required: true
      policies:
        description:
          - Names of the policies of the C(realm-management) client that decide who is granted; authoritative (compared without
            order), V([]) detaches all. Each is listed in O(realm_management_policies) or exists.
        type: list
        elements: str
      decision_strategy:
        description:
          - How the policies' decisions combine.
        type: str
        choices: [UNANIMOUS, AFFIRMATIVE, CONSENSUS]
  realm_management_policies:
    description:
      - v1. Policies of the C(realm-management) client that O(scope_permissions) name, each created when there is none of its name and
        updated when it differs. Policies not listed are left alone, and none is ever deleted.
      - For other policy types, use M(iam.keycloak.keycloak_client_authz) with C(client_id=realm-management).
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - Name of the policy.
        type: str
        required: true
      type:
        description:
          - The policy's type. Needed to create one; it cannot change.
        type: str
        choices: [role, client, group]
      description:
        description:
          - What the policy is for.
        type: str
      roles:
        description:
          - For a V(role) policy, the roles whose holders it grants, by name; a client role as V(<client ID>/<role>). Authoritative.
        type: list
        elements: str
      clients:
        description:
          - For a V(client) policy, the client IDs of the clients it grants (their service accounts). Authoritative.
        type: list
        elements: str
      groups:
        description:
          - For a V(group) policy, the paths of the groups whose members it grants. Authoritative.
        type: list
        elements: str
  state:
    description:
      - V(present) creates the v2 permission or updates the options set, or turns the v1 object's permissions on; V(absent) deletes
        the v2 permission, or turns the v1 object's permissions off.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: iam.keycloak.keycloak_realm
    description: O(iam.keycloak.keycloak_realm#module:admin_permissions_enabled) turns fine-grained admin permissions on.
  - module: iam.keycloak.keycloak_client_authz
    description: Policies of the C(admin-permissions) client (v2), or of the C(realm-management) client (v1).
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

# On a server that runs the v1 model (feature admin-fine-grained-authz:v1)
- name: Holders of the group-manager role may manage the members of /staff (v1)
  iam.keycloak.keycloak_management_permissions:
    realm: acme
    group: /staff
    realm_management_policies:
      - {name: group managers, type: role, roles: [group-manager]}
    scope_permissions:
      - {scope: manage-members, policies: [group managers]}
      - {scope: view-members, policies: [group managers]}

- name: The billing client's v1 permissions on, its configuration left to the ops service account
  iam.keycloak.keycloak_management_permissions:
    realm: acme
    client: billing
    realm_management_policies:
      - {name: ops service account, type: client, clients: [ops-automation]}
    scope_permissions:
      - {scope: configure, policies: [ops service account]}

- name: The v1 permissions of /staff off
  iam.keycloak.keycloak_management_permissions:
    realm: acme
    group: /staff
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - v2, the permission after the task (C(name), C(description), C(resourceType), C(scopes), C(resources) by name, C(policies) by
      name, C(decisionStrategy), C(id)); after a delete, empty.
    - v1, the object's permissions after the task (C(group) or C(client), its C(id), C(scopePermissions) with every scope's
      C(policies) by name and C(decisionStrategy), and C(realmManagementPolicies), the policies the task lists); empty when they are
      off.
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
  description: The v2 permission's id, or the v1 group's or client's id (null for a create in check mode).
  returned: when the permission exists or is created
  type: str
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.management_permissions import MANAGEMENT_PERMISSIONS


def main():
    run(MANAGEMENT_PERMISSIONS)


if __name__ == "__main__":
    main()
