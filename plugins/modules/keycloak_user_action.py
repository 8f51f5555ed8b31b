#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_user_action
short_description: Log a Keycloak user out, e-mail them, set their password, unlock, disable or enable them, remove their OTP, or disable or enable every user
version_added: 0.2.0
description:
  - Does one thing to a user of a realm when asked, and reports C(changed=true) when it does it; in check mode it says what it would
    do and sends nothing.
  - V(logout) ends every session of the user and revokes every token issued to the user so far (offline tokens included).
  - V(send_verify_email) e-mails the user a link to verify the address; V(send_actions_email) e-mails a link to perform O(actions)
    (for example V(UPDATE_PASSWORD)). Both can set the link's O(lifespan), and O(client_id) and O(redirect_uri) for where the user
    lands afterwards.
  - V(set_password) sets the user's password (a reset; every run that asks does it, and reports a change).
  - V(unlock) clears the user's login failures and a temporary or permanent lockout from brute-force detection. A user that is not
    locked and has no failure is left alone (C(changed=false)).
  - V(disable) and V(enable) disable or enable the user (a disabled user cannot log in; its sessions, settings and credentials are
    kept). A user already in that state is left alone (C(changed=false)).
  - V(delete_credentials) removes every credential of the user of type O(credential_type), for example V(otp) to reset a user's
    one-time-password device, so that the user sets up a new one (when the realm requires it) at the next login. A user without
    such a credential is left alone (C(changed=false)). The credentials' secrets and settings are never returned.
  - V(disable_all) and V(enable_all) disable or enable every user of the realm, and need O(confirm_all_users=true). Users already in
    that state are left alone; the realm the task logs into cannot have all its users disabled.
  - The user, the realm, the client and the required actions are checked before anything is sent. An e-mail action against a
    realm without an SMTP host fails at once; when the SMTP server cannot be reached, the task fails with Keycloak's message and a
    hint to the realm's SMTP settings.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  action:
    description:
      - What to do.
    type: str
    required: true
    choices: [logout, send_verify_email, send_actions_email, set_password, unlock, disable, enable, delete_credentials, disable_all,
              enable_all]
  username:
    description:
      - The user to act on (Keycloak compares usernames ignoring case). Required for every action but V(disable_all) and
        V(enable_all).
    type: str
  actions:
    description:
      - For V(send_actions_email), the required actions the e-mail asks the user to perform, for example V(UPDATE_PASSWORD),
        V(CONFIGURE_TOTP), V(VERIFY_EMAIL), V(UPDATE_PROFILE). Each must be an enabled required action of the realm.
    type: list
    elements: str
  lifespan:
    description:
      - Seconds the e-mailed link stays valid. Keycloak's default is the realm's admin action token lifespan (12 hours).
    type: int
  client_id:
    description:
      - Client ID (C(clientId)) of the client the user is sent to after the e-mailed action. The client must exist.
    type: str
  redirect_uri:
    description:
      - Where the user lands after the e-mailed action; one of O(client_id)'s valid redirect URIs (Keycloak checks it).
    type: str
  password:
    description:
      - For V(set_password), the new password. The realm's password policy applies.
    type: str
  temporary:
    description:
      - For V(set_password), the user must choose a new password at the next login.
    type: bool
    default: false
  credential_type:
    description:
      - For V(delete_credentials) (and required by it), the type of the credentials to remove, as Keycloak names it, for example
        V(otp), V(password), V(webauthn) or V(webauthn-passwordless).
    type: str
  confirm_all_users:
    description:
      - Must be V(true) for V(disable_all) and V(enable_all), which change every user of the realm.
    type: bool
    default: false
  auth_username:
    # type: iam.keycloak.keycloak
    description:
      - User to log in as with the password grant.
      - Falls back to E(KEYCLOAK_USERNAME).
      - In this module, C(username) is the user acted on, O(username), not an alias of this option.
    aliases: []
  auth_password:
    # type: iam.keycloak.keycloak
    description:
      - Password of O(auth_username).
      - Falls back to E(KEYCLOAK_PASSWORD).
      - In this module, C(password) is the password set, O(password), not an alias of this option.
    aliases: []
seealso:
  - module: iam.keycloak.keycloak_attack_detection
    description: Read the brute-force status of a user, clear every user's failures.
  - module: iam.keycloak.keycloak_session_info
    description: The sessions a logout ends.
  - module: iam.keycloak.keycloak_user
    description: The user's settings, and a password set declaratively on create.
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.operation
"""

EXAMPLES = r"""
- name: End every session of a user who left
  iam.keycloak.keycloak_user_action:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    username: jane.doe
    action: logout

- name: Ask a user to choose a new password and set up OTP, with a link valid for one day
  iam.keycloak.keycloak_user_action:
    realm: acme
    username: jane.doe
    action: send_actions_email
    actions: [UPDATE_PASSWORD, CONFIGURE_TOTP]
    lifespan: 86400
    client_id: account-console
    redirect_uri: https://sso.example.com/realms/acme/account/

- name: Send the e-mail verification link again
  iam.keycloak.keycloak_user_action:
    realm: acme
    username: jane.doe
    action: send_verify_email

- name: Reset a password; the user must change it at the next login
  iam.keycloak.keycloak_user_action:
    realm: acme
    username: jane.doe
    action: set_password
    password: "{{ temporary_password }}"
    temporary: true

- name: Unlock a user that brute-force detection locked
  iam.keycloak.keycloak_user_action:
    realm: acme
    username: jane.doe
    action: unlock

- name: Disable a user on leave (the user keeps everything, but cannot log in)
  iam.keycloak.keycloak_user_action:
    realm: acme
    username: jane.doe
    action: disable

- name: Enable the user again
  iam.keycloak.keycloak_user_action:
    realm: acme
    username: jane.doe
    action: enable

- name: Reset a user's OTP after a lost phone; the user sets up a new one at the next login
  iam.keycloak.keycloak_user_action:
    realm: acme
    username: jane.doe
    action: delete_credentials
    credential_type: otp

- name: Disable every user of a realm being retired
  iam.keycloak.keycloak_user_action:
    realm: legacy
    action: disable_all
    confirm_all_users: true
"""

RETURN = r"""
actions:
  description: What the task did, or in check mode would do. Empty when there was nothing to do.
  returned: always
  type: list
  elements: str
  sample: ["end every session of the user and revoke the tokens issued so far"]
msg:
  description: What was done, or why nothing was.
  returned: always
  type: str
  sample: "user 'jane.doe' in realm 'acme': logged out of every session"
id:
  description: The user's id (null when the user does not exist yet, in check mode).
  returned: for the actions on one user
  type: str
  sample: 5b2c7a4e-8d8e-4d53-9a55-1b7a0c0f8a21
sessions:
  description: For V(logout), the number of sessions the user had before.
  returned: for V(logout) of an existing user
  type: int
  sample: 2
brute_force:
  description: For V(unlock), the user's brute-force status (C(disabled), C(numFailures), C(numTemporaryLockouts), C(lastFailure),
    C(lastIPFailure)), after the task.
  returned: for V(unlock) of an existing user
  type: dict
  sample: {"disabled": false, "numFailures": 0, "numTemporaryLockouts": 0}
enabled:
  description: For V(disable) and V(enable), whether the user is enabled after the task.
  returned: for V(disable) and V(enable)
  type: bool
  sample: false
credentials:
  description:
    - For V(delete_credentials), the user's credentials of type O(credential_type) that were (or would be) removed, each with its
      C(id), C(type), C(userLabel) and C(createdDate) (milliseconds since the epoch), never its secret or settings.
    - Empty when the user had none.
  returned: for V(delete_credentials) of an existing user
  type: list
  elements: dict
  sample: [{"id": "0f5e8c7a-3b0d-4b52-9a41-7c1e2d3f4a5b", "type": "otp", "userLabel": "phone", "createdDate": 1764470000000}]
usernames:
  description: For V(disable_all) and V(enable_all), the users that were (or would be) changed.
  returned: for V(disable_all) and V(enable_all)
  type: list
  elements: str
  sample: ["jane.doe", "john.roe"]
diff:
  description: For V(set_password), the password before and after, masked; for V(disable) and V(enable), C(enabled) before and after.
  returned: when diff mode is on, for V(set_password), V(disable) and V(enable)
  type: dict
  sample: {"before": {"password": "********"}, "after": {"password": "******** (changed)"}}
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run_operation
from ansible_collections.iam.keycloak.plugins.module_utils.operations.users import USER_ACTION


def main():
    run_operation(USER_ACTION)


if __name__ == "__main__":
    main()
