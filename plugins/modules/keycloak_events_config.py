#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_events_config
short_description: Set a Keycloak realm's login and admin event settings
version_added: 0.2.0
description:
  - Sets whether a realm saves login (user) events and admin events, for how long, which event types it saves, and which event
    listeners it runs. Only the options a task sets are compared and written; every other event setting is kept.
  - Every realm has event settings, so there is nothing to create or delete. Keycloak replaces the whole event configuration on
    every write; the module sends the configuration as read with the task's options laid over it, so nothing the task does not
    mention is reset.
  - The same settings are options of M(iam.keycloak.keycloak_realm) (O(iam.keycloak.keycloak_realm#module:events_enabled), ...);
    this module is for a play that manages events on their own, or an existing realm it does not otherwise manage.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  events_enabled:
    description:
      - Save login events (logins, logouts, token refreshes, errors ...) in the database, for M(iam.keycloak.keycloak_events_info) and
        the admin console.
    type: bool
  events_expiration:
    description:
      - Seconds a saved login event is kept. Keycloak deletes older events.
    type: int
  events_listeners:
    description:
      - Event listeners the realm runs for every event, saved or not, for example V(jboss-logging) (the server log) and V(email).
      - This list is authoritative (compared without order). A listener the server does not have fails the task before anything is
        written.
    type: list
    elements: str
  enabled_event_types:
    description:
      - The login event types saved, for example V(LOGIN), V(LOGIN_ERROR), V(LOGOUT), V(REGISTER).
      - This list is authoritative (compared without order). A type the server does not know fails the task before anything is
        written. An empty list is refused, as Keycloak would read it as its own default set of types.
    type: list
    elements: str
  admin_events_enabled:
    description:
      - Save admin events (every change made through the admin API or console).
    type: bool
  admin_events_details_enabled:
    description:
      - Save the representation sent with each admin event. It can hold personal data and secrets as sent.
    type: bool
notes:
  - In check mode for a realm that does not exist yet, the settings are planned against those of a new realm, with a warning.
seealso:
  - module: iam.keycloak.keycloak_events_info
    description: Read the saved events.
  - module: iam.keycloak.keycloak_realm
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: Save logins and login errors for 30 days, and admin events with their details
  iam.keycloak.keycloak_events_config:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    events_enabled: true
    events_expiration: 2592000
    enabled_event_types: [LOGIN, LOGIN_ERROR, LOGOUT, CODE_TO_TOKEN_ERROR]
    admin_events_enabled: true
    admin_events_details_enabled: true

- name: Log events to the server log and e-mail users about their own security events
  iam.keycloak.keycloak_events_config:
    realm: acme
    events_listeners: [jboss-logging, email]

- name: Stop saving login events (the other settings stay)
  iam.keycloak.keycloak_events_config:
    realm: acme
    events_enabled: false
"""

RETURN = r"""
end_state:
  description: The realm's event settings after the task (in check mode, the prediction).
  returned: always
  type: dict
  sample: {"eventsEnabled": true, "eventsExpiration": 2592000, "eventsListeners": ["jboss-logging"],
           "enabledEventTypes": ["LOGIN", "LOGIN_ERROR"], "adminEventsEnabled": true, "adminEventsDetailsEnabled": false}
diff:
  description: Before and after of the settings the task set.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"eventsEnabled": false}, "after": {"eventsEnabled": true}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "events config of realm 'acme': updated eventsEnabled"
operation:
  description: V(update) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: The realm's name.
  returned: always
  type: str
  sample: acme
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.events_config import EVENTS_CONFIG


def main():
    run(EVENTS_CONFIG)


if __name__ == "__main__":
    main()
