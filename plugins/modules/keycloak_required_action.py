#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_required_action
short_description: Register, configure and unregister Keycloak required actions
version_added: 0.1.0
description:
  - Manages one required action of a realm, found by its alias. Required actions are what a user must do at the next login
    (configure OTP, verify the e-mail address, update the password, accept terms and conditions, ...).
  - An action that is not registered in the realm is registered from the server's provider of that id, then given the
    settings of the task. Only the options a task sets are compared and written.
  - O(state=absent) unregisters the action. The provider stays on the server and can be registered again with
    O(state=present). To keep an action registered but out of use, set O(enabled=false) instead.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  alias:
    description:
      - The action's alias, by which it is found, for example V(CONFIGURE_TOTP), V(TERMS_AND_CONDITIONS) or
        V(delete_account). It is the id of the provider the action is registered from.
      - An alias that is neither registered in the realm nor the id of a provider the server offers fails before anything is
        written.
    type: str
    required: true
  name:
    description:
      - The name shown for the action. A newly registered action gets the provider's name unless set.
    type: str
  enabled:
    description:
      - Whether the action is in use. Registering enables it, unless this says otherwise.
    type: bool
  default_action:
    description:
      - Whether every new user gets the action.
    type: bool
  priority:
    description:
      - Where the action comes among the actions of one login; lower comes first. A newly registered action comes last
        unless set.
    type: int
  config:
    description:
      - The action's settings, by name, for example C(max_auth_age) for V(UPDATE_PASSWORD). Values are stored as strings.
        Keys not given keep their value.
    type: dict
  state:
    # type, choices and default: iam.keycloak.resource
    description:
      - V(present) registers the action or updates the options set; V(absent) unregisters it.
  representation:
    # type: iam.keycloak.resource
    description:
      - Any other fields of the required action representation, in the camelCase of the Keycloak REST API.
      - Options set in the task win over the same field here. C(providerId) is the alias and is not the task's to change.
notes:
  - Keycloak replaces a required action whole on every update (a field left out is cleared); the module sends the action as
    read, with the task's fields changed.
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: Every new user configures a one-time password first
  iam.keycloak.keycloak_required_action:
    auth_keycloak_url: http://localhost:8080
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    alias: CONFIGURE_TOTP
    enabled: true
    default_action: true
    priority: 5

- name: Terms and conditions, on
  iam.keycloak.keycloak_required_action:
    realm: acme
    alias: TERMS_AND_CONDITIONS
    enabled: true

- name: Ask again for the password after 10 minutes when users change it themselves
  iam.keycloak.keycloak_required_action:
    realm: acme
    alias: UPDATE_PASSWORD
    config:
      max_auth_age: 600

- name: Users may not delete their account
  iam.keycloak.keycloak_required_action:
    realm: acme
    alias: delete_account
    state: absent

- name: Register it again, disabled
  iam.keycloak.keycloak_required_action:
    realm: acme
    alias: delete_account
    name: Delete Account
    enabled: false
"""

RETURN = r"""
end_state:
  description:
    - The required action after the task (RequiredActionProviderRepresentation). After a delete, empty.
    - After a real run that changed something, the action as read back; in check mode and on a no-op run, the prediction.
  returned: always
  type: dict
  sample: {"alias": "CONFIGURE_TOTP", "name": "Configure OTP", "providerId": "CONFIGURE_TOTP", "enabled": true,
           "defaultAction": true, "priority": 5, "config": {}}
diff:
  description: Before and after of the fields the task set.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"defaultAction": false}, "after": {"defaultAction": true}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "required action 'CONFIGURE_TOTP': updated defaultAction, priority"
operation:
  description: V(create) (registered), V(update), V(delete) (unregistered) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: The action's alias (null before it is registered in check mode).
  returned: when the action is registered or is being registered
  type: str
  sample: CONFIGURE_TOTP
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.required_action import REQUIRED_ACTION


def main():
    run(REQUIRED_ACTION)


if __name__ == "__main__":
    main()
