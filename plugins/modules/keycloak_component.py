#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_component
short_description: Create, update and delete any Keycloak component
version_added: 0.1.0
description:
  - Creates, updates or deletes a component of a realm, found by its name, its provider type and its parent. Components are how
    Keycloak configures pluggable providers, such as client registration policies, key providers, user storage or a custom
    provider. This is the general tool for what has no dedicated module; prefer M(iam.keycloak.keycloak_user_federation) and
    M(iam.keycloak.keycloak_realm_key) for user storage and keys.
  - Only the options a task sets are compared and written; config keys the task does not give keep their value on the server.
  - Secret config values (which Keycloak shows as C(**********)) are set with O(secret_config) and never compared.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  name:
    description:
      - The component's name, by which it is found (with O(provider_type) and O(parent_id)).
    type: str
    required: true
  provider_type:
    description:
      - The component's type, the Java interface of its provider, for example
        V(org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy) or V(org.keycloak.keys.KeyProvider). Required to
        create a component; it narrows the search for an existing one. Keycloak cannot change it.
    type: str
  provider_id:
    description:
      - The provider of that type, for example V(max-clients) or V(trusted-hosts) for a client registration policy. Required to create
        a component; Keycloak cannot change it.
    type: str
  parent_id:
    description:
      - Id of the component's parent. Defaults to the realm (its id), which is the parent of most components.
    type: str
  sub_type:
    description:
      - The component's sub-type, for example V(anonymous) or V(authenticated) for a client registration policy.
    type: str
  config:
    description:
      - The component's settings. Values may be a string, a number, a boolean or a list; Keycloak stores each as a list of strings, and
        they are compared that way. Keys not given keep their value; an empty list removes a key.
      - Secrets (C(privateKey), C(bindCredential), C(secret), C(password), ...) are refused here, as Ansible would log them with the
        task's arguments; set them with O(secret_config).
    type: dict
  secret_config:
    description:
      - Secret config values, set like O(config). Ansible keeps them out of its output and logs.
      - A secret Keycloak already has (it shows C(**********)) is never compared; it is sent again only with O(update_secret=always).
    type: dict
  update_secret:
    description:
      - V(on_create) sends a value of O(secret_config) only when the component is created, or has no such value yet.
      - V(always) sends O(secret_config) on every run, which therefore always reports a change.
    type: str
    choices: [on_create, always]
    default: on_create
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: Anonymous client registration may create 50 clients at most
  iam.keycloak.keycloak_component:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    name: Max Clients Limit
    provider_type: org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy
    provider_id: max-clients
    sub_type: anonymous
    config:
      max-clients: 50

- name: An imported RSA signing key, its private key kept out of the logs
  iam.keycloak.keycloak_component:
    realm: acme
    name: imported-rsa
    provider_type: org.keycloak.keys.KeyProvider
    provider_id: rsa
    config:
      priority: 150
      algorithm: RS256
    secret_config:
      privateKey: "{{ lookup('ansible.builtin.file', 'signing-key.pem') }}"

- name: Delete the policy
  iam.keycloak.keycloak_component:
    realm: acme
    name: Max Clients Limit
    provider_type: org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The component after the task, config values as lists of strings, secrets masked. After a delete, empty.
    - In check mode, the prediction.
  returned: always
  type: dict
  sample: {"name": "Max Clients Limit", "providerId": "max-clients", "subType": "anonymous", "config": {"max-clients": ["50"]},
           "providerType": "org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy"}
diff:
  description: Before and after of the fields and config keys the task set, secrets masked.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"config": {"max-clients": ["200"]}}, "after": {"config": {"max-clients": ["50"]}}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "component 'Max Clients Limit': updated config.max-clients"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: The component's id (null before a create in check mode).
  returned: when the component exists or is created
  type: str
  sample: 193a6271-f3d7-48c9-88bc-02bd002b7005
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.component import COMPONENT


def main():
    run(COMPONENT)


if __name__ == "__main__":
    main()
