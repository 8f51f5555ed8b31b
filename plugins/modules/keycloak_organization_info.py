#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_organization_info
short_description: Read Keycloak organizations, their members and linked identity providers
version_added: 0.1.0
description:
  - Reads one organization of a realm by O(name), the organizations whose name or domain contains O(search), or every organization.
  - Each is read whole (domains and attributes); O(include) adds its members and linked identity providers. Changes nothing.
  - A realm without organizations enabled fails with a message that says so.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Realm of the organizations.
    type: str
    default: master
  name:
    description:
      - Exact name of the one organization to read. Returns an empty list when there is none.
    type: str
  search:
    description:
      - Only the organizations whose name or one of whose domains contains this text.
    type: str
  include:
    description:
      - V(members) adds C(members), each member's C(username) and C(membershipType) (V(MANAGED) or V(UNMANAGED)).
      - V(identity_providers) adds C(identityProviders), each linked provider's C(alias), C(domain) and C(redirectEmailMatches).
    type: list
    elements: str
    choices: [members, identity_providers]
    default: []
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: Organizations are a realm setting (a realm without them fails to read)
  iam.keycloak.keycloak_realm:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    organizations_enabled: true

- name: One organization with its members and providers
  iam.keycloak.keycloak_organization_info:
    realm: acme
    name: Globex Corporation
    include: [members, identity_providers]
  register: globex

- name: Organizations with a domain under example.com
  iam.keycloak.keycloak_organization_info:
    realm: acme
    search: example.com
"""

RETURN = r"""
organizations:
  description: The organizations found, sorted by name, as Keycloak represents them, with what O(include) asks for.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "c04a5640-da68-4860-99bb-ad53b621fd39", "name": "Globex Corporation", "alias": "globex", "enabled": true,
            "domains": [{"name": "globex.example", "verified": true}], "attributes": {"tier": ["gold"]},
            "members": [{"username": "hank.scorpio", "membershipType": "UNMANAGED"}],
            "identityProviders": [{"alias": "globex-oidc", "domain": "globex.example", "redirectEmailMatches": true}]}]
"""

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakError
from ansible_collections.iam.keycloak.plugins.module_utils.engine import mask
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.organization import find_organizations, turned_on_by_play


def main():
    module = KeycloakModule(
        argument_spec=dict(
            realm=dict(type="str", default="master"),
            name=dict(type="str"),
            search=dict(type="str"),
            include=dict(type="list", elements="str", choices=["members", "identity_providers"], default=[]),
        ),
        mutually_exclusive=[("name", "search")],
        supports_check_mode=True,
    )
    params = module.params

    def body():
        try:
            found = find_organizations(module.client_for(params["realm"]), params["name"], params["search"], params["include"])
        except KeycloakError as error:
            if turned_on_by_play(error, module.play(), params["realm"]):
                return {"changed": False, "organizations": []}
            raise
        return {"changed": False, "organizations": mask(found)}

    module.run(body, empty={"organizations": []})


if __name__ == "__main__":
    main()
