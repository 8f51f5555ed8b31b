#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_realm_key
short_description: Create, update and delete the key providers that sign and encrypt a Keycloak realm's tokens
version_added: 0.1.0
description:
  - Creates, updates or deletes a key provider of a realm, found by its name. A key provider generates a key (RSA, HMAC, AES, ECDSA,
    ECDH, EdDSA) or holds an imported one (an RSA private key and its certificate, or a Java keystore).
  - Keycloak uses the active key of the highest priority for each algorithm. Rotate a key by adding a provider with a higher
    O(priority); once tokens signed with the old key have expired, set the old one's O(active=false) (it still verifies) and later
    O(enabled=false) or delete it.
  - Only the options a task sets are compared and written; config keys the task does not give keep their value on the server.
  - Private keys and keystore passwords are never shown by Keycloak, so they are never compared; O(update_secret) says when they are
    sent.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  name:
    description:
      - The provider's name, by which it is found.
    type: str
    required: true
  provider_id:
    description:
      - The kind of provider, for example V(rsa-generated), V(rsa-enc-generated), V(hmac-generated), V(aes-generated),
        V(ecdsa-generated), V(ecdh-generated), V(eddsa-generated), V(rsa) and V(rsa-enc) (an imported key), or V(java-keystore).
        Required to create a provider; Keycloak cannot change it afterwards.
    type: str
  priority:
    description:
      - The provider's priority; for each algorithm, the active key of the highest priority signs.
    type: int
  enabled:
    description:
      - Whether the key is used at all (to sign and to verify).
    type: bool
  active:
    description:
      - Whether the key signs new tokens. An inactive but enabled key still verifies the tokens it signed.
    type: bool
  algorithm:
    description:
      - The algorithm, for example V(RS256), V(PS256), V(RSA-OAEP), V(HS512), V(ES256), V(Ed25519) (depending on the provider).
    type: str
  certificate:
    description:
      - The PEM certificate of an imported private key (V(rsa), V(rsa-enc)). Without it, Keycloak makes a self-signed one.
    type: str
  private_key:
    description:
      - The PEM private key of an V(rsa) or V(rsa-enc) provider.
      - Keycloak never shows it, so it is never compared. It is sent when the provider is created, and on every run with
        O(update_secret=always) (with its O(certificate), which must match it).
    type: str
  keystore_password:
    description:
      - The password of a V(java-keystore) provider's keystore; sent like O(private_key).
    type: str
  key_password:
    description:
      - The password of the key in a V(java-keystore) provider's keystore; sent like O(private_key).
    type: str
  update_secret:
    description:
      - V(on_create) sends O(private_key), O(keystore_password) and O(key_password) only when the provider is created (or has none).
      - V(always) sends them on every run, which therefore always reports a change.
    type: str
    choices: [on_create, always]
    default: on_create
  config:
    description:
      - Other settings of the provider, for example C(keySize) (RSA), C(secretSize) (HMAC, AES), C(ecdsaEllipticCurveKey),
        C(eddsaEllipticCurveKey), C(ecGenerateCertificate), C(keystore), C(keystoreType), C(keyAlias), C(keyUse). Values are compared as
        the lists of strings Keycloak stores. An option of the task wins over the same key here.
      - Keycloak checks the values; for example Keycloak 26.0 takes an RSA C(keySize) of 1024, 2048 or 4096 only, while 26.5
        also takes 3072.
      - Secrets are refused here (Ansible would log them with the task's arguments); use O(private_key), O(keystore_password) and
        O(key_password).
    type: dict
  representation:
    # type: iam.keycloak.resource
    description:
      - Any other field of the component representation, in the camelCase of the Keycloak REST API.
      - Options set in the task win over the same field here.
notes:
  - Keycloak checks an imported key and its certificate when the provider is written; a key it cannot read, or a certificate that
    does not match the key, fails the task with Keycloak's message and nothing is written.
seealso:
  - module: iam.keycloak.keycloak_realm_keys_info
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: A new RSA signing key that takes over from the realm's first one
  iam.keycloak.keycloak_realm_key:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    name: rsa-2026
    provider_id: rsa-generated
    priority: 200
    algorithm: RS256
    config:
      keySize: 4096

- name: The old key verifies, but no longer signs
  iam.keycloak.keycloak_realm_key:
    realm: acme
    name: rsa-generated
    active: false

- name: An imported signing key and its certificate
  iam.keycloak.keycloak_realm_key:
    realm: acme
    name: corporate-signing
    provider_id: rsa
    priority: 300
    algorithm: RS256
    private_key: "{{ lookup('ansible.builtin.file', 'signing-key.pem') }}"
    certificate: "{{ lookup('ansible.builtin.file', 'signing-cert.pem') }}"

- name: Delete a retired key
  iam.keycloak.keycloak_realm_key:
    realm: acme
    name: rsa-generated
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The key provider after the task, config values as lists of strings, private key and passwords masked. After a delete, empty.
    - In check mode, the prediction.
  returned: always
  type: dict
  sample: {"name": "rsa-2026", "providerId": "rsa-generated", "providerType": "org.keycloak.keys.KeyProvider",
           "config": {"priority": ["200"], "algorithm": ["RS256"], "keySize": ["4096"]}}
diff:
  description: Before and after of the config keys the task set, secrets masked.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"config": {"active": ["true"]}}, "after": {"config": {"active": ["false"]}}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "realm key 'rsa-generated': updated config.active"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: create
id:
  description: The provider's id (the C(providerId) of its keys in M(iam.keycloak.keycloak_realm_keys_info)); null before a create in
    check mode.
  returned: when the provider exists or is created
  type: str
  sample: 193a6271-f3d7-48c9-88bc-02bd002b7005
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.realm_key import REALM_KEY


def main():
    run(REALM_KEY)


if __name__ == "__main__":
    main()
