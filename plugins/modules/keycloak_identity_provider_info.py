#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_identity_provider_info
short_description: Read Keycloak identity providers and their mappers
version_added: 0.1.0
description:
  - Reads one identity provider of a realm by O(alias), or every identity provider of the realm, each with its mappers.
  - Client secrets are masked. Changes nothing.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Realm of the identity providers.
    type: str
    default: master
  alias:
    description:
      - Alias of the one provider to read. Returns an empty list when there is no such provider.
    type: str
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: Every identity provider of the realm
  iam.keycloak.keycloak_identity_provider_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
  register: found

- name: Aliases of the enabled providers
  ansible.builtin.debug:
    msg: "{{ found.identity_providers | selectattr('enabled') | map(attribute='alias') | list }}"

- name: One provider with its mappers
  iam.keycloak.keycloak_identity_provider_info:
    realm: acme
    alias: corp-oidc
"""

RETURN = r"""
identity_providers:
  description:
    - The identity providers, sorted by alias, as Keycloak represents them (client secret masked), each with C(mappers), its mappers
      sorted by name (C(name), C(identityProviderMapper), C(config)).
  returned: always
  type: list
  elements: dict
  sample: [{"alias": "corp-oidc", "providerId": "oidc", "enabled": true, "internalId": "9840fa3e-3ffe-4958-b72d-f206d99b118f",
            "config": {"clientId": "keycloak-acme", "clientSecret": "********"},
            "mappers": [{"name": "department", "identityProviderMapper": "oidc-user-attribute-idp-mapper", "config": {"claim": "department"}}]}]
"""

from ansible_collections.iam.keycloak.plugins.module_utils.engine import mask
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.identity_provider import find_identity_providers


def main():
    module = KeycloakModule(
        argument_spec=dict(realm=dict(type="str", default="master"), alias=dict(type="str")),
        supports_check_mode=True,
    )
    params = module.params

    def body():
        found = find_identity_providers(module.client_for(params["realm"]), params["alias"])
        return {"changed": False, "identity_providers": mask(found)}

    module.run(body, empty={"identity_providers": []})


if __name__ == "__main__":
    main()
