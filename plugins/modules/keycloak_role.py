#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_role
short_description: Create, update and delete Keycloak realm roles and client roles
version_added: 0.1.0
description:
  - Creates, updates or deletes a realm role, or a role of one client when O(client_id) is set.
  - Only the options a task sets are compared and written; the description, attributes and composites of the role that the task does
    not mention are left as they are on the server.
  - Makes the role a composite by adding the realm and client roles listed in O(composites) to it.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  name:
    description:
      - Name of the role. Any character is allowed, spaces, V(/), V(+), V(#) and non-ASCII letters included.
    type: str
    required: true
  client_id:
    description:
      - The C(clientId) (not the internal id) of the client whose role this is. Leave it out for a realm role.
      - The task fails before changing anything when the realm has no such client.
    type: str
  id:
    description:
      - The id of an existing role, to name the role by its id instead of its name. Then O(name) is the name the role
        must have, so a different O(name) renames the role; its id, the users and groups that hold it and the roles it
        holds stay. The role is read, changed and deleted by id.
      - The task fails before changing anything when no role has this id, when the role is a client role and
        O(client_id) is not its client (or a realm role and O(client_id) is set), or when another role already has
        the new name. With O(state=absent), an id no role has is no change.
    type: str
  description:
    description:
      - Description of the role.
    type: str
  attributes:
    description:
      - Role attributes. A value may be a string or a list of strings; Keycloak stores a list of strings per key.
      - Keys not given keep their value on the server; a key given with an empty list V([]) is removed.
    type: dict
  composites:
    description:
      - Roles this role holds (the role becomes a composite role). A user granted this role has these roles too.
      - Listed roles are added; other composites of the role are kept unless O(purge_composites=true).
      - The task fails before changing anything when a listed role or client does not exist.
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - Name of the role.
        type: str
        required: true
      client_id:
        description:
          - The C(clientId) of the client the role belongs to. Leave it out for a realm role.
        type: str
  purge_composites:
    description:
      - Remove composites of the role not listed in O(composites). Nothing is removed when O(composites) is not set; O(composites=[])
        with O(purge_composites=true) removes every composite.
    type: bool
    default: false
  representation:
    # type: iam.keycloak.resource
    description:
      - 'Any other fields of the role representation, in the camelCase of the Keycloak REST API, for example C({"description": "Readers"}).'
      - Options set in the task win over the same field here. Composites are set with O(composites) only.
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: A realm role with attributes
  iam.keycloak.keycloak_role:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    name: reader
    description: Reads everything
    attributes:
      team: iam
      levels: [one, two]

- name: A client role
  iam.keycloak.keycloak_role:
    realm: acme
    client_id: billing
    name: invoice-admin

- name: A composite realm role that holds exactly these roles
  iam.keycloak.keycloak_role:
    realm: acme
    name: power-user
    composites:
      - name: reader
      - name: invoice-admin
        client_id: billing
    purge_composites: true

- name: Delete a client role
  iam.keycloak.keycloak_role:
    realm: acme
    client_id: billing
    name: invoice-admin
    state: absent

- name: Find the role to rename
  iam.keycloak.keycloak_role_info:
    realm: acme
    name: reader
  register: found

- name: Rename it by its id; its holders and the composite roles holding it keep it
  iam.keycloak.keycloak_role:
    realm: acme
    id: "{{ found.roles[0].id }}"
    name: auditor
    description: Reads everything
"""

RETURN = r"""
end_state:
  description:
    - The role after the task. After a create, the fields the task sent; after a delete, empty.
    - C(composites) (C(name) and C(clientId), null for a realm role) is there when the task sets O(composites).
    - In check mode, the same prediction.
  returned: always
  type: dict
  sample: {"name": "power-user", "description": "Reads everything", "attributes": {"team": ["iam"]},
           "composites": [{"name": "reader", "clientId": null}, {"name": "invoice-admin", "clientId": "billing"}]}
diff:
  description: Before and after of the fields and composites the task set.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"description": "Reads"}, "after": {"description": "Reads everything"}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "realm role 'power-user': composites 'reader' added"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: Internal id of the role (null before a create in check mode).
  returned: when the role exists or is created
  type: str
  sample: 5d0b7d4e-2f59-4c6e-9d57-8f0b0c9a1f3e
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.role import ROLE


def main():
    run(ROLE)


if __name__ == "__main__":
    main()
