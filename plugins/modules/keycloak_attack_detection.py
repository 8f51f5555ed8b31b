#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_attack_detection
short_description: Read a Keycloak user's brute-force status, or clear the login failures of one user or every user
version_added: 0.2.0
description:
  - With brute-force detection on (O(iam.keycloak.keycloak_realm#module:brute_force_protected)), Keycloak counts failed logins and
    locks a user out for a while or for good. This module reads a user's status, or clears it.
  - V(status) reads the status of O(username) and changes nothing.
  - V(clear) with O(username) clears that user's failures and lockout; a user with none is left alone (C(changed=false)).
  - V(clear) without O(username) clears the failures of every user of the realm. Keycloak keeps no list of locked users to compare
    with, so that is sent every time it is asked and reports C(changed=true).
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  username:
    description:
      - The user whose status is read or cleared. Required for V(status).
    type: str
  action:
    description:
      - V(status) reads; V(clear) clears.
    type: str
    choices: [status, clear]
    default: status
  auth_username:
    # type: iam.keycloak.keycloak
    description:
      - User to log in as with the password grant.
      - Falls back to E(KEYCLOAK_USERNAME).
      - In this module, C(username) is the user acted on, O(username), not an alias of this option.
    aliases: []
seealso:
  - module: iam.keycloak.keycloak_user_action
    description: V(unlock) does the same for one user.
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.operation
"""

EXAMPLES = r"""
- name: Is the user locked out?
  iam.keycloak.keycloak_attack_detection:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    username: jane.doe
  register: status

- name: Unlock the user when locked
  iam.keycloak.keycloak_attack_detection:
    realm: acme
    username: jane.doe
    action: clear
  when: status.locked is true  # null in a dry run where the user is only planned

- name: After a credential-stuffing wave, clear every user's failures
  iam.keycloak.keycloak_attack_detection:
    realm: acme
    action: clear
"""

RETURN = r"""
brute_force:
  description:
    - The user's brute-force status after the task, C(disabled) (locked out now), C(numFailures), C(numTemporaryLockouts),
      C(lastFailure) (milliseconds since the epoch) and C(lastIPFailure).
  returned: when O(username) is set
  type: dict
  sample: {"disabled": true, "numFailures": 3, "numTemporaryLockouts": 1, "lastFailure": 1767225600000, "lastIPFailure": "192.0.2.10"}
locked:
  description: Whether the user is locked out now (null when the user does not exist yet, in check mode).
  returned: when O(username) is set
  type: bool
  sample: true
id:
  description: The user's id.
  returned: when O(username) is set
  type: str
  sample: 5b2c7a4e-8d8e-4d53-9a55-1b7a0c0f8a21
actions:
  description: What the task did, or in check mode would do.
  returned: always
  type: list
  elements: str
  sample: ["clear 3 login failure(s) and the lockout"]
msg:
  description: What was done, or found.
  returned: always
  type: str
  sample: "brute-force status of user 'jane.doe' in realm 'acme': login failures cleared"
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run_operation
from ansible_collections.iam.keycloak.plugins.module_utils.operations.users import ATTACK_DETECTION


def main():
    run_operation(ATTACK_DETECTION)


if __name__ == "__main__":
    main()
