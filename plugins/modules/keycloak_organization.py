#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_organization
short_description: Create, update and delete Keycloak organizations, their members and linked identity providers
version_added: 0.1.0
description:
  - Creates, updates or deletes an organization of a realm (Keycloak 25 and later), found by its name. Only the options a task sets
    are compared and written; every other field is left as it is on the server.
  - Manages the organization's members (existing users, by username) and the identity providers linked to it, with the e-mail
    domain each serves and whether users of that domain are sent to it. Listed members and providers are added; others are kept
    unless O(purge_members) or O(purge_identity_providers) is true.
  - Organizations must be enabled in the realm (M(iam.keycloak.keycloak_realm), O(iam.keycloak.keycloak_realm#module:organizations_enabled)).
    A real run in a realm without them fails before anything is written; check mode plans as if an earlier task enabled them, with a
    warning.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  name:
    description:
      - The organization's name, by which it is found.
    type: str
    required: true
  alias:
    description:
      - The organization's alias (in tokens and URLs). Defaults to the name when the organization is created; Keycloak cannot change it
        afterwards.
    type: str
  description:
    description:
      - Free text about the organization.
    type: str
  redirect_url:
    description:
      - Where a member goes after accepting an invitation or registering through the organization.
    type: str
  enabled:
    description:
      - Whether the organization is in use.
    type: bool
  domains:
    description:
      - The organization's e-mail domains, the whole list (compared without order). A new organization needs at least one.
    type: list
    elements: dict
    suboptions:
      name:
        description: The domain, for example V(acme.example).
        type: str
        required: true
      verified:
        description: Whether the organization owns the domain (verified domains let the login page send their users to the organization).
        type: bool
        default: false
  attributes:
    description:
      - Custom attributes; a value may be one string or a list of strings. Keys not given keep their value; an empty list removes a key.
    type: dict
  members:
    description:
      - Usernames of existing users who are members of the organization (unmanaged members). Each user must exist.
    type: list
    elements: str
  purge_members:
    description:
      - Remove the unmanaged members that O(members) does not list. Managed members (made by the organization's identity provider) are
        never removed, as Keycloak would delete their account.
    type: bool
    default: false
  identity_providers:
    description:
      - Identity providers linked to the organization, by alias. Each must exist and not be linked to another organization.
    type: list
    elements: dict
    suboptions:
      alias:
        description: The identity provider's alias.
        type: str
        required: true
      domain:
        description:
          - The e-mail domain whose users this provider serves; one of the organization's O(domains).
        type: str
      redirect_email_matches:
        description:
          - Send users whose e-mail is in O(identity_providers[].domain) to this provider straight from the login page.
        type: bool
  purge_identity_providers:
    description:
      - Unlink the identity providers that O(identity_providers) does not list (the providers themselves stay).
    type: bool
    default: false
  representation:
    # type: iam.keycloak.resource
    description:
      - Any other field of the organization representation, in the camelCase of the Keycloak REST API.
      - Options set in the task win over the same field here. Members and identity providers have options of their own and are refused
        here.
notes:
  - Organization groups are not part of the Keycloak 26.5 admin API, so this module does not manage them.
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: Organizations are a realm setting
  iam.keycloak.keycloak_realm:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    organizations_enabled: true

- name: The identity provider the organization's users log in with
  iam.keycloak.keycloak_identity_provider:
    realm: acme
    alias: globex-oidc
    provider_id: oidc
    config:
      clientId: acme-portal
      authorizationUrl: https://login.globex.example/authorize
      tokenUrl: https://login.globex.example/token

- name: Members are existing users
  iam.keycloak.keycloak_user:
    realm: acme
    username: "{{ item }}"
  loop: [hank.scorpio, frank.grimes]

- name: A customer organization, its domain, its provider and two members
  iam.keycloak.keycloak_organization:
    realm: acme
    name: Globex Corporation
    alias: globex
    description: Our biggest customer
    redirect_url: https://portal.acme.example/globex
    domains:
      - name: globex.example
        verified: true
    attributes:
      tier: gold
    identity_providers:
      - alias: globex-oidc
        domain: globex.example
        redirect_email_matches: true
    members:
      - hank.scorpio
      - frank.grimes

- name: Exactly these members
  iam.keycloak.keycloak_organization:
    realm: acme
    name: Globex Corporation
    members: [hank.scorpio]
    purge_members: true

- name: Delete the organization
  iam.keycloak.keycloak_organization:
    realm: acme
    name: Globex Corporation
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The organization after the task, with C(members) and C(identityProviders) (C(alias), C(domain), C(redirectEmailMatches)) when the
      task set them. After a delete, empty.
    - In check mode, the prediction.
  returned: always
  type: dict
  sample: {"name": "Globex Corporation", "alias": "globex", "enabled": true, "domains": [{"name": "globex.example", "verified": true}],
           "attributes": {"tier": ["gold"]}, "members": ["frank.grimes", "hank.scorpio"],
           "identityProviders": [{"alias": "globex-oidc", "domain": "globex.example", "redirectEmailMatches": true}]}
diff:
  description: Before and after of the fields, members and identity providers the task set.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"members": ["hank.scorpio"]}, "after": {"members": ["frank.grimes", "hank.scorpio"]}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "organization 'Globex Corporation': members 'frank.grimes' added"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: The organization's id (null before a create in check mode).
  returned: when the organization exists or is created
  type: str
  sample: c04a5640-da68-4860-99bb-ad53b621fd39
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.organization import ORGANIZATION


def main():
    run(ORGANIZATION)


if __name__ == "__main__":
    main()
