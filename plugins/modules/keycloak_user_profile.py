#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_user_profile
short_description: Declare the attributes of a Keycloak realm's user profile, and its unmanaged attribute policy
version_added: 0.1.0
description:
  - Manages the declarative user profile of a realm (Keycloak 24 and later), the list of user attributes with their validators,
    annotations, permissions and required rules, their attribute groups, and the unmanaged attribute policy.
  - Keycloak keeps only the user attributes the profile declares, unless the unmanaged attribute policy allows others. Declare a
    custom attribute here before M(iam.keycloak.keycloak_user) sets it.
  - Only what the task sets is compared and written. Listed attributes and groups are created, or updated in the fields given;
    attributes and groups the task does not list are kept unless O(purge_attributes) or O(purge_groups) is true. The built-in
    attributes C(username), C(email), C(firstName) and C(lastName) are never purged.
  - Validators and attribute groups are checked before anything is written.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Name of the realm whose user profile the task manages.
    type: str
    default: master
  unmanaged_attribute_policy:
    description:
      - What Keycloak does with user attributes the profile does not declare. V(DISABLED) drops them (Keycloak's default),
        V(ENABLED) keeps them and lets users and admins edit them, V(ADMIN_EDIT) lets only admins see and edit them, V(ADMIN_VIEW)
        lets admins see them.
    type: str
    choices: [ENABLED, ADMIN_EDIT, ADMIN_VIEW, DISABLED]
  attributes:
    description:
      - User attributes, by name. A new attribute is added after the existing ones; for an existing one, each field given replaces
        that field whole (its validators, say), and fields not given keep their value.
    type: list
    elements: dict
    suboptions:
      name:
        description: The attribute's name, as users carry it (C(department), C(phoneNumber)).
        type: str
        required: true
      display_name:
        description: The label of the attribute on forms; may be a message key such as C(${profile.attributes.department}).
        type: str
      validations:
        description:
          - 'Validators by name with their settings, for example C({"length": {"min": 2, "max": 64}, "pattern": {"pattern": "^[a-z]+$",
            "error-message": "lowercase only"}}). Each must be a validator Keycloak has.'
        type: dict
      annotations:
        description:
          - 'Hints for the forms, for example C({"inputType": "select", "inputOptionsFromValidation": "options"}).'
        type: dict
      required:
        description:
          - 'When the attribute is required, for example C({"roles": ["admin", "user"]}) or C({"scopes": ["profile"]}); an empty dict
            makes it always required.'
        type: dict
      permissions:
        description:
          - 'Who sees and edits it, for example C({"view": ["admin", "user"], "edit": ["admin"]}).'
        type: dict
      selector:
        description:
          - 'The client scopes that bring the attribute in, for example C({"scopes": ["profile"]}).'
        type: dict
      group:
        description: The attribute group it is shown under. It must be a group of the profile (listed in O(groups), or there already).
        type: str
      multivalued:
        description: Whether the attribute holds several values.
        type: bool
  purge_attributes:
    description:
      - Delete the attributes that O(attributes) does not list, except the built-in ones. Users keep their values, which become
        unmanaged attributes.
    type: bool
    default: false
  groups:
    description:
      - Attribute groups, by name. Each field given replaces that field; fields not given keep their value.
    type: list
    elements: dict
    suboptions:
      name:
        description: The group's name.
        type: str
        required: true
      display_header:
        description: The group's heading on forms.
        type: str
      display_description:
        description: The text under the heading.
        type: str
      annotations:
        description: Hints for the forms.
        type: dict
  purge_groups:
    description:
      - Delete the attribute groups that O(groups) does not list. A group an attribute still uses fails the task.
    type: bool
    default: false
  representation:
    description:
      - Any other field of the user profile configuration (C(UPConfig)), in the camelCase of the Keycloak REST API.
      - Options set in the task win over the same field here; C(attributes) and C(groups) given here are laid over the profile like
        O(attributes) and O(groups).
    type: dict
notes:
  - Every realm has a user profile, so there is no C(state). A realm the play creates earlier is planned, in check mode, with
    the default profile of a new realm.
  - The module cannot remove a single field from an attribute (make a required attribute optional, say) other than by giving the
    field a new value.
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: A department attribute with a validator, in its own group
  iam.keycloak.keycloak_user_profile:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    groups:
      - name: work
        display_header: Work
    attributes:
      - name: department
        display_name: Department
        group: work
        validations:
          length: {min: 2, max: 64}
          options: {options: [engineering, sales, support]}
        annotations:
          inputType: select
        permissions:
          view: [admin, user]
          edit: [admin]

- name: The user then gets the attribute
  iam.keycloak.keycloak_user:
    realm: acme
    username: jane.doe
    attributes:
      department: engineering

- name: Keep undeclared attributes, for admins only
  iam.keycloak.keycloak_user_profile:
    realm: acme
    unmanaged_attribute_policy: ADMIN_EDIT

- name: Exactly these custom attributes (the built-in ones stay)
  iam.keycloak.keycloak_user_profile:
    realm: acme
    attributes:
      - name: department
    purge_attributes: true
"""

RETURN = r"""
end_state:
  description:
    - The user profile after the task, C(attributes) and C(groups) whole, with C(unmanagedAttributePolicy) (V(DISABLED) when Keycloak
      has none). In check mode, the prediction.
  returned: always
  type: dict
  sample: {"unmanagedAttributePolicy": "DISABLED", "groups": [{"name": "work", "displayHeader": "Work"}],
           "attributes": [{"name": "username"}, {"name": "department", "group": "work", "validations": {"length": {"min": 2, "max": 64}}}]}
diff:
  description: Before and after of what the task set (whole C(attributes) and C(groups) lists).
  returned: when diff mode is on
  type: dict
  sample: {"before": {"unmanagedAttributePolicy": "DISABLED"}, "after": {"unmanagedAttributePolicy": "ADMIN_EDIT"}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "user profile of realm 'acme': updated attributes"
operation:
  description: V(update) or V(none).
  returned: always
  type: str
  sample: update
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.user_profile import USER_PROFILE


def main():
    run(USER_PROFILE)


if __name__ == "__main__":
    main()
