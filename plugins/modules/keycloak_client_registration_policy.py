#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_client_registration_policy
short_description: Create, update and delete the client registration policies of a Keycloak realm
version_added: 0.2.0
description:
  - Client registration policies decide what applications may register through Keycloak's client registration service
    (C(/realms/<realm>/clients-registrations/...)). V(anonymous) policies apply to registrations without a token, V(authenticated)
    ones to registrations with an initial access token (M(iam.keycloak.keycloak_initial_access_token)) or a bearer token.
  - A policy is found by its O(name) and O(sub_type); a new realm has policies of the same names in both (C(Trusted Hosts),
    C(Max Clients Limit), C(Allowed Client Scopes), C(Allowed Protocol Mapper Types), C(Consent Required), C(Full Scope Disabled),
    C(Allowed Registration Web Origins)).
  - Only the O(config) keys the task gives are compared and written; the others keep their value. A provider Keycloak does not
    have fails the task before anything is written; the provider of an existing policy cannot change.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  name:
    description:
      - Name of the policy.
    type: str
    required: true
  sub_type:
    description:
      - V(anonymous) for registrations without a token, V(authenticated) for registrations with one.
    type: str
    choices: [anonymous, authenticated]
    required: true
  provider_id:
    description:
      - The policy's provider, needed to create one, for example V(trusted-hosts), V(max-clients), V(allowed-client-templates)
        (allowed client scopes), V(allowed-protocol-mappers), V(consent-required), V(scope) (full scope disabled),
        V(registration-web-origins), V(client-disabled).
    type: str
  config:
    description:
      - The provider's settings; a value may be one string or a list, Keycloak stores lists of strings. For V(trusted-hosts),
        C(trusted-hosts), C(host-sending-registration-request-must-match) and C(client-uris-must-match); for V(max-clients),
        C(max-clients); for V(allowed-client-templates), C(allowed-client-scopes) and C(allow-default-scopes).
    type: dict
  state:
    description:
      - V(present) creates the policy or updates the options set; V(absent) deletes it (registrations are then no longer checked by
        it).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - iam.keycloak.resource.realm
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: Let the build servers register clients without a token
  iam.keycloak.keycloak_client_registration_policy:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    name: Trusted Hosts
    sub_type: anonymous
    config:
      trusted-hosts: [build1.example.com, build2.example.com]
      host-sending-registration-request-must-match: true
      client-uris-must-match: false

- name: At most 50 clients registered anonymously
  iam.keycloak.keycloak_client_registration_policy:
    realm: acme
    name: Max Clients Limit
    sub_type: anonymous
    config:
      max-clients: 50

- name: Registered clients are created disabled until an admin enables them
  iam.keycloak.keycloak_client_registration_policy:
    realm: acme
    name: Disabled until reviewed
    sub_type: authenticated
    provider_id: client-disabled
"""

RETURN = r"""
end_state:
  description: The policy after the task (C(name), C(subType), C(providerId), C(config) as lists of strings, C(parentId), C(id)).
  returned: always
  type: dict
  sample: {"name": "Max Clients Limit", "subType": "anonymous", "providerId": "max-clients", "config": {"max-clients": ["50"]}}
diff:
  description: Before and after of the fields the task set.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"config": {"max-clients": ["200"]}}, "after": {"config": {"max-clients": ["50"]}}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "anonymous client registration policy 'Max Clients Limit': updated config.max-clients"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: The policy's component id (null for a create in check mode).
  returned: when the policy exists or is created
  type: str
  sample: 4f1c1a2e-8a53-4b1f-9f0e-2b7d9b7a6c11
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_registration_policy import CLIENT_REGISTRATION_POLICY


def main():
    run(CLIENT_REGISTRATION_POLICY)


if __name__ == "__main__":
    main()
