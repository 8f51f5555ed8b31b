#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_initial_access_token
short_description: Create, list or revoke Keycloak client-registration initial access tokens
version_added: 0.2.0
description:
  - An initial access token lets an application register clients itself through Keycloak's client registration service
    (C(/realms/<realm>/clients-registrations/...)), for O(count) clients within O(expiration) seconds.
  - V(create) creates a token and returns it in RV(token). Keycloak shows a token only once, in the answer to its creation, so the
    task must run with C(no_log) set to C(true) (it fails before sending anything otherwise) and register its result; every run
    creates a new token and reports C(changed=true).
  - V(list) returns the realm's tokens (their ids, counts and expiry; never the token strings).
  - V(delete) revokes the token O(id); one that is gone already (used up, expired or revoked) is left alone.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  action:
    description:
      - V(create), V(list) or V(delete).
    type: str
    choices: [create, list, delete]
    default: create
  count:
    description:
      - For V(create), how many clients the token may register.
    type: int
    default: 1
  expiration:
    description:
      - For V(create), seconds the token stays valid; V(0) for no expiry.
    type: int
    default: 86400
  id:
    description:
      - For V(delete), the id of the token to revoke (RV(id) of its creation, or from RV(tokens)).
    type: str
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.operation
"""

EXAMPLES = r"""
- name: A token that lets the CI pipeline register up to 5 clients this week
  iam.keycloak.keycloak_initial_access_token:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    count: 5
    expiration: 604800
  no_log: true
  register: registration

- name: Hand the token to the pipeline's secret store (here a file only its owner reads)
  ansible.builtin.copy:
    dest: "{{ ci_secrets_dir }}/keycloak-initial-access-token"
    content: "{{ registration.token }}"
    mode: "0600"
  no_log: true
  when: not registration.planned  # a dry run creates no token

- name: Revoke it once the clients are registered
  iam.keycloak.keycloak_initial_access_token:
    realm: acme
    action: delete
    id: "{{ registration.id }}"
  when: not registration.planned
"""

RETURN = r"""
token:
  description:
    - For V(create), the new token, in clear; the task runs with C(no_log), so Ansible prints it nowhere. Null in check mode.
  returned: for V(create)
  type: str
  sample: eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9...
id:
  description: For V(create), the new token's id (null in check mode).
  returned: for V(create)
  type: str
  sample: 0c41a75a-f9ba-4047-9278-f9cf35e01158
planned:
  description:
    - True in check mode when RV(token) is null because only the real run will know it (V(create) in check mode). A later task that hands the value on
      runs with C(when) set to C(not registration.planned), so that a dry run passes.
  returned: always
  type: bool
  sample: false
tokens:
  description:
    - The realm's tokens after the task, oldest first, each with C(id), C(count), C(remainingCount), C(expiration) (seconds) and
      C(timestamp) (its creation, seconds since the epoch). Never the token strings.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "0c41a75a-f9ba-4047-9278-f9cf35e01158", "count": 5, "remainingCount": 5, "expiration": 604800, "timestamp": 1767225600}]
actions:
  description: What the task did, or in check mode would do.
  returned: always
  type: list
  elements: str
  sample: ["create a token for 5 client(s), valid 604800 second(s)"]
msg:
  description: What was done.
  returned: always
  type: str
  sample: "initial access tokens of realm 'acme': token created"
"""

from ansible_collections.iam.keycloak.plugins.module_utils.operations.realm import INITIAL_ACCESS_TOKEN
from ansible_collections.iam.keycloak.plugins.module_utils.module import run_operation


def main():
    run_operation(INITIAL_ACCESS_TOKEN)


if __name__ == "__main__":
    main()
