#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_user_info
short_description: Read Keycloak users, with their groups, role mappings and credential metadata
version_added: 0.1.0
description:
  - Reads the users of a realm by id, by exact username, or with the server-side filters of Keycloak's user search. Without any
    of them, returns every user of the realm (read page by page). Changes nothing.
  - For each user it can add the paths of its groups, its direct realm and client role mappings, and the metadata of its
    credentials (never a password hash or any other secret data).
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Name of the realm the users are in.
    type: str
    default: master
  id:
    description:
      - The id of one user. Returns an empty list when there is no such user.
    type: str
  username:
    description:
      - The exact username of one user (compared as Keycloak does, without case). Returns an empty list when there is no such user.
    type: str
  search:
    description:
      - A string searched for in username, first name, last name and e-mail. Keycloak matches it as a prefix (V(jane) finds
        V(jane.doe)); V(*doe*) searches inside, and V("jane.doe") in double quotes is an exact search.
    type: str
  email:
    description:
      - Users whose e-mail address contains this (all of it with O(exact=true)).
    type: str
  first_name:
    description:
      - Users whose first name contains this (all of it with O(exact=true)).
    type: str
  last_name:
    description:
      - Users whose last name contains this (all of it with O(exact=true)).
    type: str
  enabled:
    description:
      - Only enabled (V(true)) or only disabled (V(false)) users.
    type: bool
  email_verified:
    description:
      - Only users whose e-mail address is verified (V(true)) or not (V(false)).
    type: bool
  exact:
    description:
      - O(email), O(first_name) and O(last_name) must match whole.
    type: bool
  idp_alias:
    description:
      - Only users linked to this identity provider.
    type: str
  idp_user_id:
    description:
      - Only users with this user id at an identity provider (together with O(idp_alias)).
    type: str
  q:
    description:
      - Attribute query, C(key:value) pairs separated by spaces, for example V(department:engineering site:zurich).
    type: str
  first:
    description:
      - Index of the first user to return (paging). When neither O(first) nor O(max) is set, every user is returned.
    type: int
  max:
    description:
      - Number of users to return at most (paging).
    type: int
  count:
    description:
      - Also return RV(count), the number of users that match the filters on every page, as Keycloak counts them (one more
        request); with O(first) and O(max), the total to page through.
      - Keycloak counts by O(search), O(email), O(first_name), O(last_name), O(enabled), O(email_verified) and O(q) only, so
        O(count) cannot be used with O(id), O(username), O(exact), O(idp_alias) or O(idp_user_id).
      - Keycloak 26.0 ignores O(enabled) and O(email_verified) next to O(search) in its count, and O(email_verified) in its
        list as well; with that combination on that version the module reads the server version, lists every user the
        search finds and filters and counts them itself, so the answer is the same as on later versions.
    type: bool
    default: false
  include:
    description:
      - What to add to each user. V(groups) adds C(groups), the paths of its groups; V(roles) adds C(realmRoles) and C(clientRoles),
        its direct role mappings; V(credentials) adds C(credentials), the id, type, label and creation date of each credential.
      - Each costs one more request per user.
    type: list
    elements: str
    choices: [groups, roles, credentials]
    default: []
  auth_username:
    description:
      - User to log in as with the password grant.
      - Falls back to E(KEYCLOAK_USERNAME).
      - In this module, C(username) is the O(username) of the user to read, not an alias of this option.
    type: str
    aliases: []
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: One user with its groups and roles
  iam.keycloak.keycloak_user_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    username: jane.doe
    include: [groups, roles]
  register: found

- name: Disabled users of the engineering department
  iam.keycloak.keycloak_user_info:
    realm: acme
    enabled: false
    q: department:engineering
  register: disabled

- name: The first 20 users with "doe" in a name or address, and how many there are in all
  iam.keycloak.keycloak_user_info:
    realm: acme
    search: "*doe*"
    first: 0
    max: 20
    count: true
  register: page

- name: Users with an example.com address, and what credentials they have
  iam.keycloak.keycloak_user_info:
    realm: acme
    email: "@example.com"
    include: [credentials]
  register: found
"""

RETURN = r"""
users:
  description:
    - The users found (Keycloak's user representation), each with what O(include) asks for.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 5b2c7a4e-8d8e-4d53-9a55-1b7a0c0f8a21
      username: jane.doe
      email: jane.doe@example.com
      enabled: true
      attributes: {"department": ["engineering"]}
      groups: [/staff, /engineering/backend]
      realmRoles: [default-roles-acme, auditor]
      clientRoles: {"billing": ["invoice-reader"]}
      credentials: [{"id": "0c6f...", "type": "password", "userLabel": null, "createdDate": 1767225600000}]
count:
  description: The number of users that match the filters on every page, as Keycloak counts them.
  returned: when O(count=true)
  type: int
  sample: 42
"""

from ansible_collections.iam.keycloak.plugins.module_utils.engine import mask
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.kind import to_representation
from ansible_collections.iam.keycloak.plugins.module_utils.resources.user import count_users, describe_user, find_users

# Server-side filters of GET /users, named after its query parameters.
FILTERS = dict(
    search=dict(type="str"),
    email=dict(type="str"),
    first_name=dict(type="str"),
    last_name=dict(type="str"),
    enabled=dict(type="bool"),
    email_verified=dict(type="bool"),
    exact=dict(type="bool"),
    idp_alias=dict(type="str"),
    idp_user_id=dict(type="str"),
    q=dict(type="str"),
    first=dict(type="int"),
    max=dict(type="int"),
)


def main():
    argument_spec = dict(
        realm=dict(type="str", default="master"),
        id=dict(type="str"),
        username=dict(type="str"),
        include=dict(type="list", elements="str", choices=["groups", "roles", "credentials"], default=[]),
        count=dict(type="bool", default=False),
    )
    argument_spec.update(FILTERS)
    exclusive = [["id", "username"]] + [[one, other] for one in ("id", "username") for other in FILTERS]
    module = KeycloakModule(argument_spec=argument_spec, mutually_exclusive=exclusive, supports_check_mode=True)
    params = module.params
    client = module.client_for(params["realm"])

    def body():
        uncounted = [name for name in ("id", "username", "exact", "idp_alias", "idp_user_id") if params[name] is not None]
        if params["count"] and uncounted:
            module.fail_json(msg="Keycloak cannot count users by %s: leave count unset with it" % ", ".join(uncounted))
        query = to_representation(params, FILTERS)
        users = find_users(client, user_id=params["id"], username=params["username"], query=query)
        result = {"changed": False, "users": [mask(describe_user(client, user, params["include"])) for user in users]}
        if params["count"]:
            result["count"] = count_users(client, query)
        return result

    module.run(body, empty={"users": []})


if __name__ == "__main__":
    main()
