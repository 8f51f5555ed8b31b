#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_realm_import
short_description: Import a Keycloak realm, or import users, clients, groups, roles and identity providers into one
version_added: 0.2.0
description:
  - When O(realm) does not exist, creates it from a realm representation (a realm export) with everything in it. A representation
    without C(enabled) creates an enabled realm (Keycloak alone would create it disabled), as M(iam.keycloak.keycloak_realm) does.
  - When it exists, imports the representation's C(users), C(clients), C(groups), C(roles) (C(realm) and C(client)) and
    C(identityProviders) into it (Keycloak's partial import); what exists already follows O(if_resource_exists). The realm's own
    settings in the representation are not applied to an existing realm (a warning says so), M(iam.keycloak.keycloak_realm) sets them.
  - The module reads first which resources exist, and reports what would be added, skipped and overwritten; check mode stops there.
    With V(FAIL), an existing resource fails the task before anything is sent. When every resource would be skipped, nothing is sent
    and the task reports C(changed=false), so a rerun with V(SKIP) changes nothing.
  - Secrets in the representation (client secrets, user credentials, identity provider secrets) belong in a file read with O(src),
    a value of O(representation) is a module argument, which Ansible shows at high verbosity. A O(representation) holding secrets is
    refused unless the task runs with C(no_log) set to C(true).
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - The realm to create or import into. A representation of another realm is refused.
    type: str
    required: true
  src:
    description:
      - A JSON file with the realm representation, on the host the module runs on (C(delegate_to) V(localhost) for a file of the
        controller), for example a realm export.
    type: path
  representation:
    description:
      - The realm representation, or only the parts to import (C(users), C(clients), C(groups), C(roles), C(identityProviders)), in
        the camelCase of the Keycloak REST API.
    type: dict
  if_resource_exists:
    description:
      - What to do with a resource that exists already in an existing realm.
      - V(SKIP) leaves it as it is. V(FAIL) fails the task, before anything is imported.
      - V(OVERWRITE) deletes it and creates it again from the representation; it gets a new id, and a user loses its credentials,
        sessions and group memberships that the representation does not carry. Every run that overwrites reports a change.
    type: str
    choices: [FAIL, SKIP, OVERWRITE]
    default: SKIP
  strip_ids:
    description:
      - Remove the server ids (C(id), C(containerId)) from the representation, so that every resource gets a new one. Ids are unique
        across a server, so an export of one of its realms, imported under another name, needs this.
    type: bool
    default: false
seealso:
  - module: iam.keycloak.keycloak_realm_export
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.operation
"""

EXAMPLES = r"""
- name: Create the realm from an export kept with the playbook (secrets stay out of the task's arguments)
  iam.keycloak.keycloak_realm_import:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    src: "{{ playbook_dir }}/files/acme-realm.json"
  delegate_to: localhost

- name: Add service users and roles that are not there yet; existing ones stay as they are
  iam.keycloak.keycloak_realm_import:
    realm: acme
    representation:
      users:
        - username: svc-backup
          enabled: true
        - username: svc-monitoring
          enabled: true
      roles:
        realm:
          - name: backup-operator
    if_resource_exists: SKIP
  register: imported

- name: What was added
  ansible.builtin.debug:
    msg: "{{ imported.results | selectattr('action', 'eq', 'ADDED') | map(attribute='resourceName') | list }}"
"""

RETURN = r"""
realm_created:
  description: Whether the realm was (in check mode, would be) created from the representation.
  returned: always
  type: bool
  sample: false
added:
  description: How many resources were (would be) added.
  returned: always
  type: int
  sample: 2
skipped:
  description: How many existing resources were (would be) left as they are.
  returned: always
  type: int
  sample: 1
overwritten:
  description: How many existing resources were (would be) deleted and created again.
  returned: always
  type: int
  sample: 0
results:
  description:
    - One entry per resource, C(action) (V(ADDED), V(SKIPPED) or V(OVERWRITTEN)), C(resourceType) (V(USER), V(CLIENT), V(GROUP),
      V(REALM_ROLE), V(CLIENT_ROLE), V(IDP)) and C(resourceName) (a client role as C(<clientId>-->), then its name). Keycloak's answer
      after a partial import; the prediction in check mode and for a new realm.
  returned: always
  type: list
  elements: dict
  sample: [{"action": "ADDED", "resourceType": "USER", "resourceName": "svc-backup"}]
actions:
  description: What the task did, or in check mode would do.
  returned: always
  type: list
  elements: str
  sample: ["import 2 resource(s), skipping 1 existing one(s)"]
msg:
  description: What was done.
  returned: always
  type: str
  sample: "import into realm 'acme': imported"
"""

from ansible_collections.iam.keycloak.plugins.module_utils.operations.realm_import import REALM_IMPORT
from ansible_collections.iam.keycloak.plugins.module_utils.module import run_operation


def main():
    run_operation(REALM_IMPORT)


if __name__ == "__main__":
    main()
