#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_realm_export
short_description: Export a Keycloak realm's configuration, with its clients, groups and roles as asked
version_added: 0.2.0
description:
  - Returns Keycloak's partial export of a realm (its settings, and with the options its clients, groups and roles; never users'
    credentials), and writes it to O(dest) when given.
  - Secrets are masked (C(********)). With O(include_secrets=true) the clients' secrets are read one by one and kept in clear; the task
    must then run with C(no_log) set to C(true) (it fails before sending anything otherwise). Secrets Keycloak never returns (SMTP
    and identity provider passwords) stay masked.
  - Reading changes nothing. O(dest) is written, readable by its owner only, when its content differs, and the task then reports
    C(changed=true).
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - The realm to export.
    type: str
    required: true
  include_clients:
    description:
      - Export the realm's clients.
    type: bool
    default: false
  include_groups_and_roles:
    description:
      - Export the realm's groups and roles.
    type: bool
    default: false
  include_secrets:
    description:
      - Keep the clients' secrets in clear. The task must run with C(no_log) set to C(true).
    type: bool
    default: false
  format:
    description:
      - V(export) returns (and writes to O(dest)) Keycloak's partial export as it is.
      - V(config) also returns RV(config), the export made into a document for M(iam.keycloak.keycloak_realm_config), and writes that
        to O(dest). Server ids are left out (a client's flow overrides name the flows by alias), so are the built-in flows
        as a new realm has them (Keycloak makes them) with the authenticator configs only they use (a built-in flow whose
        requirements were changed is kept, with its sub-flows), and the fields the server decides (C(keycloakVersion), C(defaultRole),
        the realm's keys, when a client's secret was made). So are the values a new realm and its new objects get by themselves
        (see O(include_defaults)). Each masked secret (a confidential client's secret, an identity
        provider's C(clientSecret), the SMTP password, a user federation's C(bindCredential), an imported key provider's
        C(privateKey) and keystore passwords) becomes a named placeholder, C({{ keycloak_secret_<where> }}), listed in
        RV(config_secrets), for a variable to define from a vault. Sections M(iam.keycloak.keycloak_realm_config) does not manage
        are kept as Keycloak wrote them.
      - Load the written file with C(ansible.builtin.include_vars), which fills the placeholders in when the document is used;
        M(iam.keycloak.keycloak_realm_config) refuses a placeholder left unfilled, before any write. A variable set to
        C(**********) keeps the secret the server has.
      - Users are not in Keycloak's partial export; RV(config) lists them only with O(include_users=true) (service accounts
        aside, whose roles the export lists).
    type: str
    choices: [export, config]
    default: export
    version_added: 0.3.0
  include_users:
    description:
      - With O(format=config), list the realm's users in RV(config) as M(iam.keycloak.keycloak_realm_config) takes them
        (C(username), C(email), C(firstName), C(lastName), C(enabled), C(emailVerified), C(attributes), C(requiredActions), groups
        by path, C(realmRoles), C(clientRoles), and C(federatedIdentities) when the realm has identity providers). Never their
        credentials. Service accounts and users of a user federation are left out.
      - Users are read page by page, their groups and roles from the groups' and roles' side (a request per group and per role,
        not per user); identity provider links take one request per user.
    type: bool
    default: false
    version_added: 0.3.0
  include_defaults:
    description:
      - With O(format=config), keep in RV(config) the values a new realm and its new objects get by themselves. By default they
        are left out, so the document holds what was changed - the realm's settings and attributes at their defaults; a new
        client's or identity provider's default fields (a client's C(protocol), C(publicClient) and scopes are always kept); the
        built-in clients, client scopes, realm roles, built-in clients' roles, required actions, key providers and client
        registration policies where they are as a new realm has them (otherwise only their changed fields). A purge never deletes
        any of these.
      - Only values that every supported Keycloak version gives alike are left out (C(plugins/module_utils/realm_defaults.py), made
        by C(scripts/realm_defaults.py) from each version). A field a document leaves out is left as the server has it, so the
        document changes nothing on the realm it came from and makes the same realm on an empty server.
    type: bool
    default: false
    version_added: 0.3.0
  dest:
    description:
      - A file to write the export to (JSON), on the host the module runs on. Written with mode C(0600). With O(format=config), the
        document RV(config).
    type: path
seealso:
  - module: iam.keycloak.keycloak_realm_import
  - module: iam.keycloak.keycloak_realm_config
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.operation
"""

EXAMPLES = r"""
- name: Keep a copy of the realm's configuration, clients, groups and roles included (secrets masked)
  iam.keycloak.keycloak_realm_export:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    include_clients: true
    include_groups_and_roles: true
    dest: "{{ backup_dir }}/acme-realm.json"
  register: export

- name: Names of the exported clients
  ansible.builtin.debug:
    msg: "{{ export.realm_export.clients | map(attribute='clientId') | list }}"

- name: Adopt a live realm as code - a document for keycloak_realm_config, with placeholders for its secrets
  iam.keycloak.keycloak_realm_export:
    realm: acme
    include_clients: true
    include_groups_and_roles: true
    format: config
    include_users: true
    dest: "{{ backup_dir }}/acme-config.json"
  register: adopted

- name: The variables the document's placeholders name (define each from a vault)
  ansible.builtin.debug:
    msg: "{{ adopted.config_secrets }}"

- name: An export that another Keycloak can import as it is, client secrets included
  iam.keycloak.keycloak_realm_export:
    realm: acme
    include_clients: true
    include_groups_and_roles: true
    include_secrets: true
    dest: "{{ backup_dir }}/acme-realm-with-secrets.json"
  no_log: true
"""

RETURN = r"""
realm_export:
  description:
    - The realm representation Keycloak exported, secrets masked unless O(include_secrets=true). Empty in check mode for a realm
      that does not exist yet.
  returned: always
  type: dict
  sample: {"realm": "acme", "enabled": true, "clients": [{"clientId": "billing", "secret": "********"}]}
config:
  description:
    - With O(format=config), the export as a document for M(iam.keycloak.keycloak_realm_config) (see O(format)). Empty in check mode
      for a realm that does not exist yet.
  returned: when O(format=config)
  type: dict
  sample: {"realm": "acme", "enabled": true, "clients": [{"clientId": "billing", "secret": "{{ keycloak_secret_client_billing }}"}]}
config_secrets:
  description:
    - With O(format=config), each placeholder's variable and where in the document it stands.
  returned: when O(format=config)
  type: dict
  sample: {"keycloak_secret_client_billing": "clients[clientId=billing].secret",
           "keycloak_secret_idp_corp": "identityProviders[alias=corp].config.clientSecret"}
actions:
  description: The file written (or, in check mode, that would be); empty when nothing is written.
  returned: always
  type: list
  elements: str
  sample: ["write the export to /backup/acme-realm.json"]
msg:
  description: What was done.
  returned: always
  type: str
  sample: "export of realm 'acme': written to /backup/acme-realm.json"
"""

from ansible_collections.iam.keycloak.plugins.module_utils.operations.realm_import import REALM_EXPORT
from ansible_collections.iam.keycloak.plugins.module_utils.module import run_operation


def main():
    run_operation(REALM_EXPORT)


if __name__ == "__main__":
    main()
