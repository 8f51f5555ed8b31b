#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_group_info
short_description: Read Keycloak groups, their subgroups, members and role mappings
version_added: 0.1.0
description:
  - Reads one group of a realm by O(path) or O(id), or the realm's top-level groups, optionally only those that match O(search).
  - Each group is Keycloak's full group representation, with its attributes and its direct role mappings (C(realmRoles),
    C(clientRoles)).
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Realm of the groups.
    type: str
    default: master
  path:
    description:
      - Path of the one group to read, for example V(/engineering/backend). Returns an empty list when there is no such group.
    type: str
  id:
    description:
      - Id of the one group to read. Returns an empty list when there is no such group.
    type: str
  search:
    description:
      - Read the top-level groups that hold a group whose name contains this text, anywhere in their hierarchy. Keycloak searches
        on the server and puts the matching subgroups, with the groups between, in C(subGroups).
    type: str
  exact:
    description:
      - With O(search), match whole names only.
    type: bool
  full_hierarchy:
    description:
      - Put every descendant of each group returned, level by level, in its C(subGroups), each with all its pages of children.
      - Otherwise a group listed or read by O(id) has its direct subgroups in C(subGroups) (theirs left empty), a group read by
        O(path) none, and groups found by O(search) the matching subgroups with the groups between; C(subGroupCount) says how many
        direct subgroups a group has.
    type: bool
    default: false
  count:
    description:
      - Also return RV(count), the number of groups of the realm, subgroups included, as Keycloak counts them (one more request);
        with O(search), the groups at any level whose name contains it.
      - Not with O(path), O(id) or O(exact) (Keycloak's count has no exact match).
    type: bool
    default: false
  include:
    description:
      - What to add to every group returned, subgroups in C(subGroups) included.
      - V(members) adds C(members), the usernames of the group's direct members (one request per group).
      - V(role_mappings) adds C(roleMappings), the group's direct realm and client role mappings as a list of C(name) and C(clientId)
        (null for realm roles), the shape M(iam.keycloak.keycloak_group) returns.
    type: list
    elements: str
    choices: [members, role_mappings]
    default: []
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: One group with its members
  iam.keycloak.keycloak_group_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    path: /engineering/backend
    include: [members]
  register: backend

- name: The whole group tree of a realm
  iam.keycloak.keycloak_group_info:
    realm: acme
    full_hierarchy: true
  register: tree

- name: How many groups, at any level, have "backend" in their name
  iam.keycloak.keycloak_group_info:
    realm: acme
    search: backend
    count: true
  register: backend_groups

- name: Top-level groups holding a group named exactly "on call"
  iam.keycloak.keycloak_group_info:
    realm: acme
    search: on call
    exact: true
    include: [role_mappings]
"""

RETURN = r"""
groups:
  description:
    - The groups read, as Keycloak represents them, with C(members) and C(roleMappings) when O(include) asks for them.
    - One group (or none) with O(path) or O(id); else the top-level groups.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "5c1d...", "name": "engineering", "path": "/engineering", "subGroupCount": 1, "attributes": {"sites": ["berlin"]},
            "realmRoles": ["developer"], "clientRoles": {"grafana": ["viewer"]}, "members": ["alice"],
            "subGroups": [{"id": "9e0f...", "name": "backend", "path": "/engineering/backend", "parentId": "5c1d...", "subGroupCount": 0,
                           "subGroups": []}]}]
count:
  description: The number of groups of the realm, subgroups included (with O(search), those whose name contains it).
  returned: when O(count=true)
  type: int
  sample: 12
"""

from ansible_collections.iam.keycloak.plugins.module_utils.engine import mask
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.group import count_groups, find_groups


def main():
    argument_spec = dict(
        realm=dict(type="str", default="master"),
        path=dict(type="str"),
        id=dict(type="str"),
        search=dict(type="str"),
        exact=dict(type="bool"),
        full_hierarchy=dict(type="bool", default=False),
        include=dict(type="list", elements="str", choices=["members", "role_mappings"], default=[]),
        count=dict(type="bool", default=False),
    )
    module = KeycloakModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[["path", "id", "search"]],
        required_by={"exact": "search"},
    )
    params = module.params
    client = module.client_for(params["realm"])

    def read():
        uncounted = [name for name in ("path", "id", "exact") if params[name] is not None]
        if params["count"] and uncounted:
            module.fail_json(msg="Keycloak cannot count groups by %s: leave count unset with it" % ", ".join(uncounted))
        groups = find_groups(client, params["path"], params["id"], params["search"], params["exact"], params["full_hierarchy"], params["include"])
        result = {"changed": False, "groups": mask(groups)}
        if params["count"]:
            result["count"] = count_groups(client, params["search"])
        return result

    module.run(read, empty={"groups": []})


if __name__ == "__main__":
    main()
