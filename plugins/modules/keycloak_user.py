#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_user
short_description: Create, update and delete Keycloak users, their password, groups, identity links and roles
version_added: 0.1.0
description:
  - Creates, updates or deletes a user of a realm, found by its username. Only the options a task sets are compared and written;
    every other field of the user is left as it is on the server.
  - Manages the user's profile, attributes and required actions, its password, the groups it is a direct member of, its links to
    identity providers, and its realm and client role mappings. Any other field of the user representation can be set through
    O(representation).
  - A new user is created with its password, groups and identity-provider links in one request, so it is never seen without them.
  - Every referenced group, role, client and identity provider is checked before anything is written.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  username:
    description:
      - The user's username, by which the user is found. Keycloak stores it lower-cased, so V(Jane.Doe) and V(jane.doe) are the same user.
    type: str
    required: true
  email:
    description:
      - The user's e-mail address (Keycloak stores it lower-cased). An empty string removes it.
    type: str
  first_name:
    description:
      - The user's first name. An empty string removes it.
    type: str
  last_name:
    description:
      - The user's last name. An empty string removes it.
    type: str
  enabled:
    description:
      - Whether the user can log in. A user created without this option is enabled.
    type: bool
  email_verified:
    description:
      - Whether the e-mail address counts as verified.
    type: bool
  attributes:
    description:
      - Custom user attributes; a value may be one string or a list of strings. Keys not given keep their value on the server.
      - Keycloak keeps no empty value, so empty strings are left out of a value, and a key given with an empty list V([]) is removed.
      - Keycloak 24 and later keep only attributes that the realm's user profile declares, unless its unmanaged attribute policy
        (C(unmanagedAttributePolicy)) is V(ENABLED) or V(ADMIN_EDIT). An attribute Keycloak would drop is an error, raised before
        anything is written.
    type: dict
  required_actions:
    description:
      - Actions the user must take at the next login, for example V(VERIFY_EMAIL), V(UPDATE_PASSWORD), V(CONFIGURE_TOTP).
      - Each must be a required action enabled in the realm (case does not matter); any other fails the task before anything is
        written, as Keycloak would silently drop it.
      - This list is authoritative (compared without order), except that O(temporary=true) keeps V(UPDATE_PASSWORD) until the user
        has chosen a password. A user created with this option gets exactly these actions, not the realm's default required actions
        (which Keycloak adds to every new user); without it, a new user gets the realm's defaults.
    type: list
    elements: str
  password:
    description:
      - The user's password. Keycloak never shows a stored password, so O(update_password) says when it is sent.
    type: str
  temporary:
    description:
      - The password must be changed at the next login.
    type: bool
    default: false
  update_password:
    description:
      - V(on_create) sends O(password) only when the user is created (in the create request), so reruns stay unchanged.
      - V(always) resets the password on every run and so always reports a change.
    type: str
    choices: [on_create, always]
    default: on_create
  groups:
    description:
      - Paths of the groups the user is a direct member of, for example V(/staff) or V(/engineering/backend) for a subgroup.
      - Listed groups are joined; others are kept unless O(purge_groups=true).
    type: list
    elements: str
  purge_groups:
    description:
      - Leave the groups not listed in O(groups). This includes the realm's default groups that a new user joins.
    type: bool
    default: false
  federated_identities:
    description:
      - Links of the user to accounts at identity providers, one per provider.
      - Listed links are made (a link whose user id or name differs is replaced); others are kept unless
        O(purge_federated_identities=true).
    type: list
    elements: dict
    suboptions:
      identity_provider:
        description: Alias of the identity provider.
        type: str
        required: true
      user_id:
        description: The user's id at the identity provider.
        type: str
        required: true
      user_name:
        description: The user's name at the identity provider.
        type: str
        required: true
  purge_federated_identities:
    description:
      - Remove the identity-provider links not listed in O(federated_identities).
    type: bool
    default: false
  purge_roles:
    # type and default: iam.keycloak.resource.role_mappings
    description:
      - Remove the realm and client role mappings not listed in O(realm_roles) and O(client_roles), the realm's default role
        (C(default-roles-<realm>)) included. Only applies when one of them is set.
  auth_username:
    # type: iam.keycloak.keycloak
    description:
      - User to log in as with the password grant.
      - Falls back to E(KEYCLOAK_USERNAME).
      - In this module, C(username) is the managed user's O(username), not an alias of this option.
    aliases: []
  auth_password:
    # type: iam.keycloak.keycloak
    description:
      - Password of O(auth_username).
      - Falls back to E(KEYCLOAK_PASSWORD).
      - In this module, C(password) is the managed user's O(password), not an alias of this option.
    aliases: []
  representation:
    # type: iam.keycloak.resource
    description:
      - 'Any other fields of the user representation, in the camelCase of the Keycloak REST API, for example C({"notBefore": 0}).'
      - Options set in the task win over the same field here. Passwords, groups, identity links and roles have options of their own
        and are refused here.
notes:
  - Keycloak 24 and later drop custom attributes that the realm's user profile does not declare. Declare them in the user profile,
    or set the profile's unmanaged attribute policy to V(ENABLED) (admin console, Realm settings, General, Unmanaged attributes; or
    C(unmanagedAttributePolicy) in C(GET/PUT admin/realms/<realm>/users/profile)), for O(attributes) to be kept. The module reads
    the user profile when an attribute is to change and fails, before any write, on an attribute that would be dropped.
  - Role mappings are sent right after the user is created; group memberships and identity links are part of the create request.
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.resource.role_mappings
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: A user with a first password, groups and roles
  iam.keycloak.keycloak_user:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    username: jane.doe
    email: jane.doe@example.com
    first_name: Jane
    last_name: Doe
    email_verified: true
    password: "{{ initial_password }}"
    temporary: true
    # Keycloak 26 keeps only the attributes the realm's user profile declares: declare them with
    # iam.keycloak.keycloak_user_profile, or let it keep unmanaged attributes (unmanaged_attribute_policy).
    attributes:
      department: engineering
      phone: ["+41 44 000 00 00"]
    groups:
      - /staff
      - /engineering/backend
    realm_roles: [auditor]
    client_roles:
      - client_id: billing
        roles: [invoice-reader]

- name: Exactly these groups, nothing else
  iam.keycloak.keycloak_user:
    realm: acme
    username: jane.doe
    groups: [/staff]
    purge_groups: true

- name: Link the user to its account at an identity provider
  iam.keycloak.keycloak_user:
    realm: acme
    username: jane.doe
    federated_identities:
      - identity_provider: github
        user_id: "1234567"
        user_name: janedoe

- name: Reset the password (reports a change on every run)
  iam.keycloak.keycloak_user:
    realm: acme
    username: jane.doe
    password: "{{ new_password }}"
    update_password: always

- name: Delete the user
  iam.keycloak.keycloak_user:
    realm: acme
    username: jane.doe
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The user after the task, password masked, with C(groups), C(federatedIdentities) and C(roleMappings) when the task set them.
      After a create, the fields the task sent; after a delete, empty.
    - In check mode, the same prediction.
  returned: always
  type: dict
  sample: {"username": "jane.doe", "enabled": true, "email": "jane.doe@example.com", "groups": ["/staff"],
           "roleMappings": [{"name": "auditor", "clientId": null}]}
diff:
  description: Before and after of the fields the task set, password masked.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"firstName": "Jane"}, "after": {"firstName": "Janet"}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "user 'jane.doe': updated firstName; groups '/staff' added"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: The user's id (null before a create in check mode).
  returned: when the user exists or is created
  type: str
  sample: 5b2c7a4e-8d8e-4d53-9a55-1b7a0c0f8a21
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.user import USER


def main():
    run(USER)


if __name__ == "__main__":
    main()
