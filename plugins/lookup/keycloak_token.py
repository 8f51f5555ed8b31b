# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: keycloak_token
author:
  - iam.keycloak contributors (@iam-keycloak)
short_description: Log in to Keycloak once, for every task of a play
version_added: 0.1.0
description:
  - Logs in with the same options the modules take and returns the access token and its refresh token, so that a play logs in
    once instead of once per task. Store the result with C(ansible.builtin.set_fact) (with C(no_log)) at the start of the play and hand
    it to every module through C(module_defaults) (O(iam.keycloak.keycloak_realm#module:token) and
    O(iam.keycloak.keycloak_realm#module:refresh_token)).
  - A module whose access token has expired (the master realm's last 60 seconds by default) is refused by Keycloak once, then gets a
    new access token with the refresh token (one token request, not a login) and goes on. The refresh token lasts as long as the
    login's session (the realm's SSO Session Idle, 30 minutes by default, renewed by every refresh).
  - A variable set to the lookup itself (in C(vars)) is evaluated again by every task that uses it, so it logs in every time; use
    C(set_fact).
  - Runs on the controller and needs the Python library C(requests) there.
options:
  auth_keycloak_url:
    description: URL of the Keycloak server, without C(/admin).
    type: str
    required: true
    env:
      - name: KEYCLOAK_URL
  auth_realm:
    description: Realm to log into.
    type: str
    default: master
    env:
      - name: KEYCLOAK_REALM
  auth_client_id:
    description: OpenID Connect client used to log in.
    type: str
    default: admin-cli
    env:
      - name: KEYCLOAK_CLIENT_ID
  auth_client_secret:
    description: Secret of O(auth_client_id). With it and without O(auth_username), the client credentials grant is used.
    type: str
    env:
      - name: KEYCLOAK_CLIENT_SECRET
  auth_username:
    description: User to log in as with the password grant.
    type: str
    env:
      - name: KEYCLOAK_USERNAME
  auth_password:
    description: Password of O(auth_username).
    type: str
    env:
      - name: KEYCLOAK_PASSWORD
  validate_certs:
    description: Whether to verify the server's TLS certificate.
    type: bool
    default: true
  ca_path:
    description: A CA bundle to verify the server's certificate with.
    type: path
  connection_timeout:
    description: Seconds to wait for the server's answer.
    type: int
    default: 10
notes:
  - The token is a secret. Set it with C(no_log) on the C(set_fact) task, or it shows in the task's result at C(-v).
seealso:
  - name: Authentication
    description: Every way the modules log in.
    link: https://github.com/iam-keycloak/iam.keycloak/blob/main/docs/authentication.md
"""

EXAMPLES = r"""
- name: Log in once
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Log in once
      ansible.builtin.set_fact:
        keycloak_login: "{{ lookup('iam.keycloak.keycloak_token', auth_keycloak_url='https://sso.example.com',
                                   auth_username='admin', auth_password=vault_keycloak_admin_password) }}"
      no_log: true

- name: Many tasks, one login
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/iam.keycloak.keycloak:
      auth_keycloak_url: https://sso.example.com
      token: "{{ keycloak_login.token }}"
      refresh_token: "{{ keycloak_login.refresh_token }}"
  tasks:
    - name: Every task uses that login
      iam.keycloak.keycloak_role:
        realm: acme
        name: "{{ item }}"
      loop: [auditor, editor, publisher]
"""

RETURN = r"""
_raw:
  description: One dict with the login's tokens.
  type: list
  elements: dict
  contains:
    token:
      description: The access token (the modules' O(iam.keycloak.keycloak_realm#module:token)).
      type: str
    refresh_token:
      description: The refresh token (the modules' O(iam.keycloak.keycloak_realm#module:refresh_token)).
      type: str
    expires_in:
      description: Seconds the access token lasts from the login.
      type: int
    refresh_expires_in:
      description: Seconds the refresh token lasts from the login, unless refreshed.
      type: int
"""

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.iam.keycloak.plugins.module_utils.client.connection import KeycloakOpenIDConnection
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakError


class LookupModule(LookupBase):
    # An empty value is no value, as for the modules (an AWX credential, or an environment variable set to ""):
    # the option's default applies.
    DEFAULTS = {"auth_realm": "master", "auth_client_id": "admin-cli", "validate_certs": True, "connection_timeout": 10}

    def option(self, name):
        value = self.get_option(name)
        return self.DEFAULTS.get(name) if value == "" or value is None else value

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        username, password = self.option("auth_username"), self.option("auth_password")
        if (username is None) != (password is None):
            raise AnsibleLookupError("auth_username and auth_password go together: set both, or neither")
        if username is None and self.option("auth_client_secret") is None:
            raise AnsibleLookupError("no credentials: set auth_username and auth_password, or auth_client_secret (client credentials)")
        verify = self.option("ca_path") or self.option("validate_certs")
        try:
            connection = KeycloakOpenIDConnection(
                server_url=self.option("auth_keycloak_url"), username=username, password=password,
                realm_name=self.option("auth_realm"), user_realm_name=self.option("auth_realm"),
                client_id=self.option("auth_client_id"), client_secret_key=self.option("auth_client_secret"),
                verify=verify, timeout=self.option("connection_timeout"))
            token = connection.get_token()
        except (KeycloakError, ImportError) as error:
            raise AnsibleLookupError("could not log in to %s: %s" % (self.option("auth_keycloak_url"), getattr(error, "description", None) or error))
        return [{
            "token": token["access_token"],
            "refresh_token": token.get("refresh_token"),
            "expires_in": token.get("expires_in"),
            "refresh_expires_in": token.get("refresh_expires_in"),
        }]
