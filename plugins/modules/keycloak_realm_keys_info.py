#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_realm_keys_info
short_description: Read a Keycloak realm's keys (public halves) and its key providers
version_added: 0.1.0
description:
  - Returns the metadata of a realm's keys, each with its public key or certificate where it has one, the kid of the active key of
    each algorithm, and the realm's key providers.
  - Private keys, secret keys and keystore passwords are never returned. Changes nothing.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - The realm whose keys to read.
    type: str
    default: master
  algorithm:
    description:
      - Only the keys of this algorithm (and its active kid), for example V(RS256).
    type: str
seealso:
  - module: iam.keycloak.keycloak_realm_key
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: The realm's signing keys
  iam.keycloak.keycloak_realm_keys_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    algorithm: RS256
  register: keys

- name: The certificate of the key that signs now
  ansible.builtin.debug:
    msg: "{{ (keys['keys'] | selectattr('kid', 'eq', keys.active.RS256) | first).certificate }}"
"""

RETURN = r"""
active:
  description: The kid of the active key of each algorithm (the one that signs or encrypts).
  returned: always
  type: dict
  sample: {"RS256": "2rUjmAZzPBKppH2-lAAG3CkFXOKxurEkLmtTkU4RUtQ", "HS512": "2bed0cd5-0b6c-4c95-9314-4ed6d0798106"}
keys:
  description:
    - The keys, by algorithm and then highest priority first; C(kid), C(type), C(algorithm), C(use), C(status) (V(ACTIVE), V(PASSIVE) or
      V(DISABLED)), C(providerId) (the provider's id), C(providerName), C(providerPriority), C(validTo), and C(publicKey) and
      C(certificate) where the key has them.
  returned: always
  type: list
  elements: dict
  sample: [{"kid": "2rUjmAZzPBKppH2-lAAG3CkFXOKxurEkLmtTkU4RUtQ", "type": "RSA", "algorithm": "RS256", "use": "SIG", "status": "ACTIVE",
            "providerId": "3f18b650-e78e-4816-a8fe-ec937144693c", "providerName": "rsa-generated", "providerPriority": 100,
            "publicKey": "MIIBIjANBgkq...", "certificate": "MIICmzCCAYMC..."}]
providers:
  description:
    - The realm's key providers (components), highest priority first, config values as lists of strings, secrets masked.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "3f18b650-e78e-4816-a8fe-ec937144693c", "name": "rsa-generated", "providerId": "rsa-generated",
            "providerType": "org.keycloak.keys.KeyProvider", "config": {"priority": ["100"]}}]
"""

from ansible_collections.iam.keycloak.plugins.module_utils.engine import mask
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.realm_key import read_keys


def main():
    module = KeycloakModule(
        argument_spec=dict(realm=dict(type="str", default="master"), algorithm=dict(type="str")),
        supports_check_mode=True,
    )
    params = module.params

    def body():
        found = read_keys(module.client_for(params["realm"]), params["algorithm"])
        return dict(changed=False, **mask(found))

    module.run(body, empty={"active": {}, "keys": [], "providers": []})


if __name__ == "__main__":
    main()
