#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_group
short_description: Create, update and delete Keycloak groups and subgroups, with their attributes and roles
version_added: 0.1.0
description:
  - Creates, updates or deletes one group of a realm, top-level or nested, found by its O(path) (for example V(/engineering/backend)).
  - The group is looked up with a single request by path, so a parent with many subgroups costs no more than one with few.
  - Only the options a task sets are compared and written; the group's other settings, its attribute keys not named in the task and
    its role mappings not listed are left as they are on the server.
  - The path is the key, so a group cannot be renamed or moved with this module; a task with another path manages another group.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  path:
    description:
      - Path of the group, its ancestors' names and its own separated by V(/), for example V(/engineering/backend). The leading V(/)
        may be left out. Names may hold spaces, V(+), V(~) and any Unicode letter.
      - The last name of the path is the group's name; the rest is the path of its parent.
      - A V(/) always separates two names, so a new group cannot have a V(/) in its name. Keycloak 26.5 writes such names unescaped
        in paths (V(~/) escaping only applies when the server runs with the C(escape-slashes-in-group-path) option of the
        C(group) provider), and still finds an existing group whose name holds a V(/) by its plain path, so such a group can be
        updated and deleted here.
    type: str
    required: true
  state:
    # type, choices and default: iam.keycloak.resource
    description:
      - V(present) creates the group or updates the options set.
      - V(absent) deletes the group B(and all its subgroups), with their role mappings; members lose these groups.
  parents:
    description:
      - What to do when the parent of a group to create does not exist.
      - V(fail) fails before anything is written, naming the missing parent.
      - V(create) first creates every missing ancestor, as a group with a name only.
    type: str
    choices: [fail, create]
    default: fail
  description:
    description:
      - Description of the group.
      - Keycloak 26.0 groups have no description (the server refuses the field); there a task that sets it, here or in
        O(representation), fails before anything is written. Tasks that leave it out never send it.
    type: str
  attributes:
    description:
      - Attributes of the group. A value is a string or a list of strings (numbers and booleans are turned into strings).
      - Keys not given keep their values on the server; a key given with an empty list V([]) is removed.
    type: dict
  representation:
    # type: iam.keycloak.resource
    description:
      - 'Any other fields of the group representation, in the camelCase of the Keycloak REST API, for example C({"description": "x"}).'
      - Options set in the task win over the same field here.
      - The fields the module sets otherwise or the server decides (C(id), C(path), C(parentId), C(subGroups), C(subGroupCount),
        C(realmRoles), C(clientRoles), C(access)) are refused; C(name) must be the last name of O(path).
notes:
  - Role mappings of an existing group are read from the group itself, so a task that changes nothing sends one request besides the login.
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.resource.role_mappings
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: A top-level group with attributes and roles
  iam.keycloak.keycloak_group:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    path: /engineering
    attributes:
      cost_center: "4711"
      sites: [berlin, lisbon]
    realm_roles: [developer]
    client_roles:
      - client_id: grafana
        roles: [viewer]

- name: Describe the group (not on Keycloak 26.0, whose groups have no description)
  iam.keycloak.keycloak_group:
    realm: acme
    path: /engineering
    description: Everyone who builds things

- name: A subgroup three levels deep, creating /engineering/backend if it is missing
  iam.keycloak.keycloak_group:
    realm: acme
    path: /engineering/backend/on call
    parents: create

- name: Make the listed roles the group's only role mappings
  iam.keycloak.keycloak_group:
    realm: acme
    path: /engineering
    realm_roles: [developer]
    client_roles: []
    purge_roles: true

- name: Remove one attribute key, leave the others
  iam.keycloak.keycloak_group:
    realm: acme
    path: /engineering
    attributes:
      sites: []

- name: Delete a group and all its subgroups
  iam.keycloak.keycloak_group:
    realm: acme
    path: /engineering/backend
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The group after the task. After an update, the group as read merged with the task's fields; after a create, the fields the task
      sent and the path; after a delete, empty. C(roleMappings) (a list of C(name) and C(clientId), null for realm roles) is there when
      the task set O(realm_roles) or O(client_roles).
    - In check mode, the same prediction.
  returned: always
  type: dict
  sample: {"id": "5c1d...", "name": "backend", "path": "/engineering/backend", "parentId": "9e0f...", "subGroupCount": 0,
           "attributes": {"sites": ["berlin"]}, "roleMappings": [{"name": "developer", "clientId": null}]}
diff:
  description: Before and after of the fields and role mappings the task set.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"attributes": {"sites": ["berlin"]}}, "after": {"attributes": {"sites": ["berlin", "lisbon"]}}}
msg:
  description: What was done, or found already as wanted. Names the parents a create makes with O(parents=create).
  returned: always
  type: str
  sample: "group '/engineering/backend': updated attributes.sites"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: Id of the group (null before a create in check mode).
  returned: when the group exists or is created
  type: str
  sample: 5c1d6a44-7f0b-4a37-9b6e-2f1a0c8d9e10
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.group import GROUP


def main():
    run(GROUP)


if __name__ == "__main__":
    main()
