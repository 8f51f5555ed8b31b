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
"""

RETURN = r"""
installation:
  description:
    - The document, a dict for a JSON format, else the text. Secrets masked unless O(return_secret=true). Null in check mode when the
      client does not exist yet.
  returned: always
  type: raw
  sample: {"realm": "acme", "auth-server-url": "https://sso.example.com/", "resource": "billing", "credentials": {"secret": "********"}}
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
