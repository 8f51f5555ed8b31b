#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_client_certificate
short_description: Store the certificate or public key a Keycloak client uses for signed JWTs or SAML
version_added: 0.2.0
description:
  - Uploads the certificate (or the public key) with which Keycloak checks what a client signs, or encrypts to it.
  - V(jwt) is the key of clients that authenticate with a signed JWT (client authenticator C(client-jwt), "Signed JWT"); V(saml_signing)
    verifies a SAML client's signed requests; V(saml_encryption) encrypts assertions to a SAML client.
  - Only the public part is sent. The upload happens only when the stored certificate or key differs from the one given, so a rerun
    reports C(changed=false). A certificate replaces a stored public key, and the other way round.
  - A malformed PEM is refused before anything is sent.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  client_id:
    description:
      - Client ID (C(clientId)) of the client.
    type: str
    required: true
  usage:
    description:
      - Which of the client's keys to set.
    type: str
    choices: [jwt, saml_encryption, saml_signing]
    default: jwt
  certificate:
    description:
      - An X.509 certificate in PEM (C(-----BEGIN CERTIFICATE-----)).
    type: str
  public_key:
    description:
      - A public key in PEM (C(-----BEGIN PUBLIC KEY-----)), for a client without a certificate.
    type: str
notes:
  - Keycloak caches the keys it verifies clients with, and remembers for a few seconds that a client had none. After replacing a key
    of a client that is in use, M(iam.keycloak.keycloak_cache) with V(keys) makes Keycloak use the new one at once.
seealso:
  - module: iam.keycloak.keycloak_cache
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.operation
"""

EXAMPLES = r"""
- name: A client that authenticates with a JWT signed by its own key
  iam.keycloak.keycloak_client:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    client_id: batch-jobs
    public_client: false
    service_accounts_enabled: true
    client_authenticator_type: client-jwt

- name: Its certificate, to check the JWTs it signs
  iam.keycloak.keycloak_client_certificate:
    realm: acme
    client_id: batch-jobs
    certificate: "{{ lookup('ansible.builtin.file', 'files/batch-jobs.crt') }}"
  register: certificate

- name: Make Keycloak use the new certificate at once
  iam.keycloak.keycloak_cache:
    realm: acme
    caches: [keys]
  when: certificate is changed
"""

RETURN = r"""
stored:
  description:
    - What the client has after the task (in check mode, would have), C(certificate) (base64 of the DER certificate) or C(publicKey)
      (base64 of the DER key), without PEM markers or line breaks.
  returned: always
  type: dict
  sample: {"certificate": "MIIC/TCCAeWgAwIBAgIU..."}
id:
  description: The client's internal id.
  returned: when the client exists
  type: str
  sample: 8f2e4c6a-3b1d-4f5e-9a7c-2d4b6e8f0a1c
actions:
  description: What the task did, or in check mode would do; empty when the certificate was stored already.
  returned: always
  type: list
  elements: str
  sample: ["store the certificate"]
msg:
  description: What was done.
  returned: always
  type: str
  sample: "jwt key of client 'batch-jobs' in realm 'acme': certificate stored"
diff:
  description: The stored certificate or key before and after (public data).
  returned: when diff mode is on and the task changes it
  type: dict
  sample: {"before": {}, "after": {"certificate": "MIIC/TCCAeWgAwIBAgIU..."}}
"""

from ansible_collections.iam.keycloak.plugins.module_utils.operations.client_certificate import CLIENT_CERTIFICATE
from ansible_collections.iam.keycloak.plugins.module_utils.module import run_operation


def main():
    run_operation(CLIENT_CERTIFICATE)


if __name__ == "__main__":
    main()
