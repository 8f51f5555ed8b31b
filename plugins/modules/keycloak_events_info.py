#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_events_info
short_description: Read the login events or admin events a Keycloak realm saved
version_added: 0.2.0
description:
  - Returns the events a realm saved, newest first, filtered on the server. Login (user) events are saved when the realm's
    C(eventsEnabled) is on, admin events when C(adminEventsEnabled) is on (see M(iam.keycloak.keycloak_events_config)).
  - One page of O(max) events from O(first) is returned; page with O(first) for more.
  - Secrets are masked, in an admin event's C(representation) too. Changes nothing.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  type:
    description:
      - V(user) reads login events (logins, logouts, token refreshes, errors, ...); V(admin) reads admin events (changes made through
        the admin API).
    type: str
    choices: [user, admin]
    default: user
  username:
    description:
      - Login events of this user of the realm only. Not for admin events.
    type: str
  types:
    description:
      - Login events of these types only, for example V(LOGIN), V(LOGIN_ERROR).
    type: list
    elements: str
  client_id:
    description:
      - Login events of this client (its C(clientId)) only.
    type: str
  ip_address:
    description:
      - Login events from this IP address only.
    type: str
  operation_types:
    description:
      - Admin events of these operations only.
    type: list
    elements: str
    choices: [CREATE, UPDATE, DELETE, ACTION]
  resource_types:
    description:
      - Admin events on these resource types only, for example V(USER), V(CLIENT), V(REALM_ROLE).
    type: list
    elements: str
  resource_path:
    description:
      - Admin events on this resource path only, for example C(users/*) or C(clients/<id>).
    type: str
  auth_ip_address:
    description:
      - Admin events made from this IP address only.
    type: str
  date_from:
    description:
      - Events from this day on (C(YYYY-MM-DD)).
    type: str
  date_to:
    description:
      - Events up to this day (C(YYYY-MM-DD)).
    type: str
  first:
    description:
      - How many matching events to skip (paging).
    type: int
    default: 0
  max:
    description:
      - How many events to return at most.
    type: int
    default: 100
  auth_username:
    # type: iam.keycloak.keycloak
    description:
      - User to log in as with the password grant.
      - Falls back to E(KEYCLOAK_USERNAME).
      - In this module, C(username) is O(username), not an alias of this option.
    aliases: []
seealso:
  - module: iam.keycloak.keycloak_events_config
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: Failed logins of the last days
  iam.keycloak.keycloak_events_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    types: [LOGIN_ERROR]
    date_from: "{{ '%Y-%m-%d' | strftime(now().timestamp() - 7 * 86400) }}"
  register: failures

- name: Who changed users through the admin API
  iam.keycloak.keycloak_events_info:
    realm: acme
    type: admin
    resource_types: [USER]
    operation_types: [CREATE, UPDATE, DELETE]
    max: 20
"""

RETURN = r"""
events:
  description:
    - The events, newest first, as Keycloak represents them. Login events have C(time) (milliseconds since the epoch), C(type),
      C(clientId), C(userId), C(ipAddress), C(error) and C(details); admin events have C(time), C(operationType), C(resourceType),
      C(resourcePath), C(authDetails) and, when the realm saves details, C(representation) (a JSON string, secrets masked).
    - Empty in check mode for a realm that does not exist yet.
  returned: always
  type: list
  elements: dict
  sample: [{"time": 1767225600000, "type": "LOGIN_ERROR", "clientId": "portal", "ipAddress": "192.0.2.10", "error": "invalid_user_credentials",
            "details": {"username": "jane.doe"}}]
msg:
  description: How many events were read.
  returned: always
  type: str
  sample: "user events of realm 'acme': 3 event(s) read"
"""

from ansible_collections.iam.keycloak.plugins.module_utils.operations.info import EVENTS_INFO
from ansible_collections.iam.keycloak.plugins.module_utils.module import run_operation


def main():
    run_operation(EVENTS_INFO)


if __name__ == "__main__":
    main()
