#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_session_info
short_description: Read the sessions of a Keycloak user or client, a user's consents, or a realm's session counts
version_added: 0.2.0
description:
  - With O(username), returns the user's sessions and the consents the user granted; with O(client_id) as well, only those of that
    client, and the user's offline sessions of it.
  - With O(client_id) alone, returns every session and offline session that holds the client.
  - With neither, returns the realm's session counts, per client with sessions.
  - Changes nothing. In check mode, a realm, user or client that does not exist yet gives empty lists, with a warning.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  username:
    description:
      - The user whose sessions and consents are read.
    type: str
  client_id:
    description:
      - Client ID (C(clientId)) of the client whose sessions are read, or to which the user's are narrowed.
    type: str
  auth_username:
    # type: iam.keycloak.keycloak
    description:
      - User to log in as with the password grant.
      - Falls back to E(KEYCLOAK_USERNAME).
      - In this module, C(username) is O(username), not an alias of this option.
    aliases: []
seealso:
  - module: iam.keycloak.keycloak_user_action
    description: V(logout) ends a user's sessions.
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: Where is the user logged in?
  iam.keycloak.keycloak_session_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    username: jane.doe
  register: jane

- name: Log the user out when a session is older than a day
  iam.keycloak.keycloak_user_action:
    realm: acme
    username: jane.doe
    action: logout
  when: jane.sessions | selectattr('start', 'lt', (now().timestamp() - 86400) * 1000) | list | length > 0

- name: Active and offline sessions per client
  iam.keycloak.keycloak_session_info:
    realm: acme
  register: stats
"""

RETURN = r"""
sessions:
  description:
    - The sessions, each with C(id), C(username), C(userId), C(ipAddress), C(start) and C(lastAccess) (milliseconds since the epoch),
      C(rememberMe) and C(clients) (client id to clientId).
  returned: when O(username) or O(client_id) is set
  type: list
  elements: dict
  sample: [{"id": "d86waYfw0AAoR", "username": "jane.doe", "ipAddress": "192.0.2.10", "start": 1767225600000, "clients": {"8f2e": "portal"}}]
offline_sessions:
  description: The offline sessions (of the client; with O(username), the user's of that client).
  returned: when O(client_id) is set (with O(username), also when it is not, empty)
  type: list
  elements: dict
consents:
  description: The consents the user granted, each with C(clientId), C(grantedClientScopes), C(createdDate), C(lastUpdatedDate).
  returned: when O(username) is set
  type: list
  elements: dict
stats:
  description: Per client with sessions, C(id), C(clientId), C(active) and C(offline) (the session counts).
  returned: when neither O(username) nor O(client_id) is set
  type: list
  elements: dict
  sample: [{"id": "8f2e4c6a-3b1d-4f5e-9a7c-2d4b6e8f0a1c", "clientId": "portal", "active": 12, "offline": 0}]
msg:
  description: What was read.
  returned: always
  type: str
  sample: "sessions of user 'jane.doe' in realm 'acme': read"
"""

from ansible_collections.iam.keycloak.plugins.module_utils.operations.info import SESSION_INFO
from ansible_collections.iam.keycloak.plugins.module_utils.module import run_operation


def main():
    run_operation(SESSION_INFO)


if __name__ == "__main__":
    main()
