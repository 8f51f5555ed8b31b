#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_component_info
short_description: Read Keycloak components (key providers, user storage, client registration policies, ...)
version_added: 0.1.0
description:
  - Reads the components of a realm, filtered on the server by O(name), O(provider_type) and O(parent_id), or one component by O(id).
  - Secret config values are masked. Changes nothing.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Realm of the components.
    type: str
    default: master
  name:
    description:
      - Only components of this exact name.
    type: str
  provider_type:
    description:
      - Only components of this type, for example V(org.keycloak.keys.KeyProvider) or V(org.keycloak.storage.UserStorageProvider).
    type: str
  parent_id:
    description:
      - Only the components whose parent has this id (the realm's id for most components, a user storage provider's id for its
        mappers).
    type: str
  id:
    description:
      - Id of the one component to read. Returns an empty list when there is no such component.
    type: str
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: The realm's key providers
  iam.keycloak.keycloak_component_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    provider_type: org.keycloak.keys.KeyProvider
  register: key_providers

- name: Names and priorities of the key providers
  ansible.builtin.debug:
    msg: "{{ key_providers.components | items2dict(key_name='name', value_name='config') }}"

- name: One component by name
  iam.keycloak.keycloak_component_info:
    realm: acme
    name: Max Clients Limit
"""

RETURN = r"""
components:
  description:
    - The components found, sorted by type and name, as Keycloak represents them (config values are lists of strings), secrets
      masked.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "193a6271-f3d7-48c9-88bc-02bd002b7005", "name": "hmac-generated", "providerId": "hmac-generated",
            "providerType": "org.keycloak.keys.KeyProvider", "parentId": "58648a24-4e8d-4a42-9687-45b4cd302b40",
            "config": {"priority": ["100"], "algorithm": ["HS512"]}}]
"""

from ansible_collections.iam.keycloak.plugins.module_utils.engine import mask
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.component import find_components


def main():
    module = KeycloakModule(
        argument_spec=dict(
            realm=dict(type="str", default="master"),
            name=dict(type="str"),
            provider_type=dict(type="str"),
            parent_id=dict(type="str"),
            id=dict(type="str"),
        ),
        mutually_exclusive=[("id", "name"), ("id", "provider_type"), ("id", "parent_id")],
        supports_check_mode=True,
    )
    params = module.params

    def body():
        found = find_components(module.client_for(params["realm"]), params["name"], params["provider_type"], params["parent_id"], params["id"])
        return {"changed": False, "components": mask(found)}

    module.run(body, empty={"components": []})


if __name__ == "__main__":
    main()
