#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_cache
short_description: Clear a Keycloak realm's realm, user or keys cache
version_added: 0.2.0
description:
  - Clears caches of the Keycloak server for one realm, for example after changing the database behind Keycloak's back or a user
    federation provider's data.
  - V(realm) clears the cached realm settings, clients, roles and groups; V(user) the cached users; V(keys) the cached public keys
    of external identity providers and clients (fetched from their JWKS URLs).
  - Keycloak tells nothing about what a cache holds, so every run that asks clears the caches and reports C(changed=true). In check
    mode nothing is cleared.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  caches:
    description:
      - The caches to clear, in this order.
    type: list
    elements: str
    choices: [realm, user, keys]
    required: true
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.operation
"""

EXAMPLES = r"""
- name: Clear the user cache after a bulk change in the user federation's directory
  iam.keycloak.keycloak_cache:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    caches: [user]

- name: Fetch the identity providers' signing keys again after they rotated theirs
  iam.keycloak.keycloak_cache:
    realm: acme
    caches: [keys]
"""

RETURN = r"""
actions:
  description: The caches cleared (or, in check mode, that would be).
  returned: always
  type: list
  elements: str
  sample: ["clear the user cache"]
msg:
  description: What was done.
  returned: always
  type: str
  sample: "realm 'acme': user cache cleared"
"""

from ansible_collections.iam.keycloak.plugins.module_utils.operations.realm import CACHE
from ansible_collections.iam.keycloak.plugins.module_utils.module import run_operation


def main():
    run_operation(CACHE)


if __name__ == "__main__":
    main()
