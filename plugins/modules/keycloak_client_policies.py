#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_client_policies
short_description: Set a Keycloak realm's client profiles (executors) and client policies (conditions)
version_added: 0.2.0
description:
  - Client profiles say what Keycloak enforces on a client (executors such as C(pkce-enforcer), C(secure-client-authenticator),
    C(secret-rotation)); client policies apply profiles to the clients their conditions match (C(client-access-type),
    C(client-roles), C(any-client), ...).
  - The listed profiles and policies are created or updated by name; the others are kept unless O(purge_profiles) or
    O(purge_policies). An update of a profile or policy sets the fields the task gives; its executors or conditions, when given,
    are its whole list, in order.
  - Each executor's and condition's configuration is completed with the provider's defaults and shaped as the provider declares it
    (a list setting given as one string becomes a one-item list), as the admin console does. An unknown executor, condition or setting,
    a policy that names a profile the realm does not have, and the removal of a profile a remaining policy names all fail before
    anything is written.
  - Keycloak writes profiles and policies as two whole documents; all changes of a task go in at most three writes, in an order
    Keycloak accepts. The server's global profiles (C(fapi-1-baseline), ...) can be named by policies but not changed.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  profiles:
    description:
      - Client profiles of the realm, by name.
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the profile.
        type: str
        required: true
      description:
        description: What the profile is for.
        type: str
      executors:
        description:
          - The executors of the profile, in the order Keycloak runs them. Given, it is the profile's whole list.
        type: list
        elements: dict
        suboptions:
          executor:
            description: The executor's provider id, for example V(pkce-enforcer), V(secret-rotation), V(secure-client-authenticator).
            type: str
            required: true
          configuration:
            description:
              - The executor's settings (server info, C(componentTypes)); settings not given take the provider's default.
            type: dict
  purge_profiles:
    description:
      - Remove the realm's profiles that O(profiles) does not list (never one that a remaining policy names).
    type: bool
    default: false
  policies:
    description:
      - Client policies of the realm, by name.
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the policy.
        type: str
        required: true
      description:
        description: What the policy is for.
        type: str
      enabled:
        description: Whether the policy applies. A new policy is enabled unless this is V(false).
        type: bool
      conditions:
        description:
          - The conditions a client must meet for the policy to apply (all of them). Given, it is the policy's whole list.
        type: list
        elements: dict
        suboptions:
          condition:
            description: The condition's provider id, for example V(client-access-type), V(client-roles), V(any-client).
            type: str
            required: true
          configuration:
            description:
              - 'The condition''s settings, for example C({"type": ["confidential"]}) for V(client-access-type).'
            type: dict
      profiles:
        description:
          - Names of the profiles the policy applies (the realm's or the server's global ones).
        type: list
        elements: str
  purge_policies:
    description:
      - Remove the realm's policies that O(policies) does not list.
    type: bool
    default: false
seealso:
  - module: iam.keycloak.keycloak_client_secret
    description: Rotating client secrets, which a C(secret-rotation) profile enables.
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: Every public client must use PKCE with S256
  iam.keycloak.keycloak_client_policies:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    profiles:
      - name: pkce
        executors:
          - executor: pkce-enforcer
            configuration:
              auto-configure: true
    policies:
      - name: public clients use pkce
        conditions:
          - condition: client-access-type
            configuration:
              type: [public]
        profiles: [pkce]

- name: Confidential clients rotate their secrets monthly, the old one valid two more days (needs feature client-secret-rotation)
  iam.keycloak.keycloak_client_policies:
    realm: acme
    profiles:
      - name: rotate-secrets
        description: Monthly secret rotation
        executors:
          - executor: secret-rotation
            configuration:
              expiration-period: 2592000
              rotated-expiration-period: 172800
              remaining-rotation-period: 864000
    policies:
      - name: confidential clients rotate
        conditions:
          - condition: client-access-type
            configuration:
              type: [confidential]
        profiles: [rotate-secrets]

- name: Exactly this policy in the realm, the others removed (their profiles stay)
  iam.keycloak.keycloak_client_policies:
    realm: acme
    policies:
      - name: public clients use pkce
        conditions:
          - condition: client-access-type
            configuration:
              type: [public]
        profiles: [pkce]
    purge_policies: true
"""

RETURN = r"""
end_state:
  description:
    - The realm's C(profiles) and C(policies) after the task (in check mode, the prediction), and C(globalProfiles), the names of the
      server's global profiles.
  returned: always
  type: dict
  sample: {"profiles": [{"name": "pkce", "executors": [{"executor": "pkce-enforcer", "configuration": {"auto-configure": true}}]}],
           "policies": [{"name": "public clients use pkce", "enabled": true, "profiles": ["pkce"],
                         "conditions": [{"condition": "client-access-type", "configuration": {"type": ["public"]}}]}],
           "globalProfiles": ["fapi-1-advanced", "fapi-1-baseline"]}
diff:
  description: Before and after of the profiles and policies the task sets or removes.
  returned: when diff mode is on
  type: dict
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "client policies of realm 'acme': profiles 'pkce' added; policies 'public clients use pkce' added"
operation:
  description: V(update) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: The realm's name.
  returned: always
  type: str
  sample: acme
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_policies import CLIENT_POLICIES


def main():
    run(CLIENT_POLICIES)


if __name__ == "__main__":
    main()
