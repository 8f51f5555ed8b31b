#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_client_secret
short_description: Read, regenerate or rotate the secret of a confidential Keycloak client
version_added: 0.2.0
description:
  - Reads the secret Keycloak generated for a confidential client, so a later task can hand it to the application, or replaces it.
  - V(regenerate) makes a new secret; the old one stops working at once (unless a rotation policy applies, see V(rotate)).
  - V(rotate) makes a new secret and keeps the old one valid for a grace period. It needs the server feature
    C(client-secret-rotation) (Keycloak 21 and later, a preview feature) and an enabled client policy whose profile has the
    C(secret-rotation) executor; its C(rotated-expiration-period) is the grace period. Without them the task fails before
    anything is written, instead of ending the old secret at once.
  - V(invalidate_rotated) ends the grace period of the rotated secret now.
  - The secret is returned in clear only with O(return_secret=true), and only from a task that runs with C(no_log) set to C(true), so
    that Ansible prints it nowhere; everywhere else it shows as C(********).
  - V(read) changes nothing; the other actions act every time they are asked (V(invalidate_rotated) only when there is a rotated
    secret), and report C(changed=true) when they do.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  client_id:
    description:
      - Client ID (C(clientId), not the internal id) of a confidential client. A public client has no secret; the task fails.
    type: str
    required: true
  action:
    description:
      - V(read) returns the current secret (and the rotated one, during its grace period).
      - V(regenerate) replaces the secret.
      - V(rotate) replaces the secret and keeps the old one valid for the grace period of the realm's rotation policy.
      - V(invalidate_rotated) ends the grace period of the rotated secret.
    type: str
    choices: [read, regenerate, rotate, invalidate_rotated]
    default: read
  return_secret:
    description:
      - Return the secret (and the rotated secret) in clear in RV(secret) and RV(rotated_secret).
      - The task must run with C(no_log) set to C(true); otherwise it fails before sending anything, as Ansible would print the secret
        with C(-v). A registered result keeps the secret for later tasks, and a later task that passes it to a C(no_log) option (for
        example O(iam.keycloak.keycloak_client#module:secret)) prints it nowhere either.
    type: bool
    default: false
notes:
  - In check mode nothing is written; a V(regenerate) or V(rotate) returns RV(secret) null, as the new secret is not known yet.
  - Keycloak keeps the secret of a confidential client in the client itself, so O(iam.keycloak.keycloak_client#module:secret) can set a
    chosen secret declaratively instead.
seealso:
  - module: iam.keycloak.keycloak_client
  - module: iam.keycloak.keycloak_client_policies
    description: Client profiles with the C(secret-rotation) executor, and the policies that apply them.
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.operation
"""

EXAMPLES = r"""
- name: Read the generated secret of a confidential client (no_log keeps it out of every output)
  iam.keycloak.keycloak_client_secret:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    client_id: billing
    return_secret: true
  no_log: true
  register: billing_secret

- name: Hand it to the application in a file only its owner reads
  ansible.builtin.copy:
    dest: /etc/billing/oidc-client-secret
    content: "{{ billing_secret.secret }}"
    mode: "0600"
  no_log: true
  when: not billing_secret.planned  # a dry run of a new client has no secret yet

- name: And the realm's issuer, which the application discovers its endpoints from
  ansible.builtin.copy:
    dest: /etc/billing/oidc-issuer
    content: "{{ billing_secret.issuer }}\n"
    mode: "0644"
  when: not billing_secret.planned

- name: Or keep it in a vault-encrypted variables file on the controller
  ansible.builtin.copy:
    dest: "{{ playbook_dir }}/host_vars/billing/client_secret.vault.yml"
    content: "{{ {'billing_client_secret': billing_secret.secret} | to_nice_yaml | ansible.builtin.vault(vault_password) }}"
    mode: "0600"
  delegate_to: localhost
  no_log: true
  when: not billing_secret.planned

- name: Replace a leaked secret; the old one stops working now
  iam.keycloak.keycloak_client_secret:
    realm: acme
    client_id: billing
    action: regenerate
    return_secret: true
  no_log: true
  register: new_secret

- name: Rotate without downtime (needs a secret-rotation client policy); the old secret works for the grace period
  iam.keycloak.keycloak_client_secret:
    realm: acme
    client_id: billing
    action: rotate

- name: Once every consumer has the new secret, end the grace period
  iam.keycloak.keycloak_client_secret:
    realm: acme
    client_id: billing
    action: invalidate_rotated
"""

RETURN = r"""
issuer:
  description:
    - The realm's issuer, as its OpenID Connect discovery document says (the server's configured hostname), what an application
      is configured with. Null in check mode while the realm is planned.
  returned: always
  type: str
  sample: https://sso.example.com/realms/acme
discovery_url:
  description: The realm's OpenID Connect discovery document (RV(issuer) followed by C(/.well-known/openid-configuration)).
  returned: always
  type: str
  sample: https://sso.example.com/realms/acme/.well-known/openid-configuration
authorization_endpoint:
  description: Where the application sends users to log in, from the discovery document.
  returned: always
  type: str
  sample: https://sso.example.com/realms/acme/protocol/openid-connect/auth
token_endpoint:
  description: Where the application gets tokens (with the client secret), from the discovery document.
  returned: always
  type: str
  sample: https://sso.example.com/realms/acme/protocol/openid-connect/token
userinfo_endpoint:
  description: The user info endpoint, from the discovery document.
  returned: always
  type: str
  sample: https://sso.example.com/realms/acme/protocol/openid-connect/userinfo
end_session_endpoint:
  description: The logout endpoint, from the discovery document.
  returned: always
  type: str
  sample: https://sso.example.com/realms/acme/protocol/openid-connect/logout
jwks_uri:
  description: The realm's public keys (JWKS), from the discovery document.
  returned: always
  type: str
  sample: https://sso.example.com/realms/acme/protocol/openid-connect/certs
secret:
  description:
    - The client's secret, after the action. In clear with O(return_secret=true) (the task runs with C(no_log)), else C(********).
    - Null in check mode for V(regenerate) and V(rotate), and when the client does not exist yet (check mode).
  returned: always
  type: str
  sample: "********"
rotated_secret:
  description:
    - The previous secret while it is still valid after a rotation, masked like RV(secret); null when there is none.
  returned: when the client exists
  type: str
  sample: "********"
rotated_secret_expiration:
  description: When the rotated secret stops working, in seconds since the epoch; null when there is none.
  returned: when the client exists
  type: int
  sample: 1767225600
secret_expiration:
  description: When the current secret expires under a rotation policy, in seconds since the epoch; null when it does not expire.
  returned: when the client exists
  type: int
  sample: 1769817600
planned:
  description:
    - True in check mode when RV(secret) is null because only the real run will know it (the client is planned, or the action makes
      a new secret). A later task that hands the value on runs with C(when) set to C(not billing_secret.planned), so that a dry run passes.
  returned: always
  type: bool
  sample: false
id:
  description: The client's internal id (null when the client does not exist yet, in check mode).
  returned: always
  type: str
  sample: 8f2e4c6a-3b1d-4f5e-9a7c-2d4b6e8f0a1c
actions:
  description: What the task did, or in check mode would do; empty for V(read).
  returned: always
  type: list
  elements: str
  sample: ["regenerate the secret"]
msg:
  description: What was done.
  returned: always
  type: str
  sample: "client 'billing' in realm 'acme': secret regenerated"
diff:
  description: For V(regenerate) and V(rotate), C(secret) before and after, masked.
  returned: when diff mode is on and the secret changes
  type: dict
  sample: {"before": {"secret": "********"}, "after": {"secret": "******** (changed)"}}
"""

from ansible_collections.iam.keycloak.plugins.module_utils.operations.client_secret import CLIENT_SECRET
from ansible_collections.iam.keycloak.plugins.module_utils.module import run_operation


def main():
    run_operation(CLIENT_SECRET)


if __name__ == "__main__":
    main()
