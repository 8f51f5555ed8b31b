#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_client_installation
short_description: Read a Keycloak client's installation (adapter configuration) document
version_added: 0.2.0
description:
  - Returns the document Keycloak renders for an application to use a client, in one of its installation formats, for example
    C(keycloak.json) for an OIDC adapter or the SAML SP metadata.
  - The client's secret in the document is masked, unless O(return_secret=true) from a task that runs with C(no_log) set to C(true).
  - Changes nothing.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  client_id:
    description:
      - Client ID (C(clientId)) of the client.
    type: str
    required: true
  provider:
    description:
      - The installation format (server info, C(clientInstallations)). OpenID Connect clients have V(keycloak-oidc-keycloak-json),
        V(keycloak-oidc-jboss-subsystem) and V(keycloak-oidc-jboss-subsystem-cli); SAML clients V(keycloak-saml), V(saml-sp-descriptor),
        V(keycloak-saml-subsystem) and V(keycloak-saml-subsystem-cli). Formats that answer a zip archive are refused.
    type: str
    default: keycloak-oidc-keycloak-json
  return_secret:
    description:
      - Leave the client's secret in the document. The task must run with C(no_log) set to C(true); it fails before sending anything
        otherwise.
    type: bool
    default: false
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: The keycloak.json of a confidential client, secret included
  iam.keycloak.keycloak_client_installation:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    client_id: billing
    return_secret: true
  no_log: true
  register: adapter

- name: Install it for the application
  ansible.builtin.copy:
    dest: "{{ app_config_dir }}/keycloak.json"
    content: "{{ adapter.installation | to_nice_json }}"
    mode: "0600"
  no_log: true
  when: not adapter.planned  # a dry run of a new client has no document yet
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
installation:
  description:
    - The document, a dict for a JSON format, else the text. Secrets masked unless O(return_secret=true). Null in check mode when the
      client does not exist yet.
  returned: always
  type: raw
  sample: {"realm": "acme", "auth-server-url": "https://sso.example.com/", "resource": "billing", "credentials": {"secret": "********"}}
planned:
  description:
    - True in check mode when RV(installation) is null because only the real run will know it (the client is planned). A later task that hands the value on
      runs with C(when) set to C(not adapter.planned), so that a dry run passes.
  returned: always
  type: bool
  sample: false
format:
  description: The document's media type.
  returned: always
  type: str
  sample: application/json
filename:
  description: The file name Keycloak suggests for it.
  returned: when the client exists
  type: str
  sample: keycloak.json
"""

from ansible_collections.iam.keycloak.plugins.module_utils.operations.info import CLIENT_INSTALLATION
from ansible_collections.iam.keycloak.plugins.module_utils.module import run_operation


def main():
    run_operation(CLIENT_INSTALLATION)


if __name__ == "__main__":
    main()
