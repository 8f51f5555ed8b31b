#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_client_scope
short_description: Create, update and delete Keycloak client scopes, their mappers and scope mappings
version_added: 0.1.0
description:
  - Creates, updates or deletes a client scope, found by its name in O(realm). Only the options a task sets are compared and
    written; every other field of the scope is left as it is on the server.
  - Manages the scope's protocol mappers, the roles mapped to the scope (its scope mappings), and whether the realm gives the scope
    to every new client as a default or an optional scope.
  - Keycloak 26 refuses client scope names with spaces or characters outside ASCII; characters such as C(/), C(+) and C(#) are
    accepted.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  name:
    description:
      - Name of the client scope; it identifies the scope in the realm. It is also the name of the OAuth scope clients ask for.
    type: str
    required: true
  description:
    description:
      - Description of the client scope.
    type: str
  protocol:
    description:
      - Protocol of the client scope. A new scope without one gets V(openid-connect) (Keycloak refuses to create a scope with no
        protocol).
    type: str
    choices: [openid-connect, saml]
  attributes:
    description:
      - Attributes of the client scope, for example C(include.in.token.scope), C(display.on.consent.screen),
        C(consent.screen.text) or C(gui.order).
      - Keys not given keep their value on the server. Values are stored as strings (V(true) becomes C("true")).
    type: dict
  type:
    description:
      - Whether the realm gives this scope to every new client as a V(default) scope, as an V(optional) scope, or not at all
        (V(none)). Clients that exist already keep their scopes.
      - Not set means the realm's lists are left as they are (and not read).
    type: str
    choices: [default, optional, none]
  protocol_mappers:
    description:
      - Protocol mappers of the client scope, found by O(protocol_mappers[].name).
      - Listed mappers are created or updated; others are kept unless O(purge_protocol_mappers=true).
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - Name of the mapper.
        type: str
        required: true
      protocol:
        description:
          - Protocol of the mapper. Defaults to the protocol of the client scope.
        type: str
        choices: [openid-connect, saml]
      protocol_mapper:
        description:
          - Type of the mapper, for example V(oidc-usermodel-attribute-mapper), V(oidc-hardcoded-claim-mapper) or
            V(saml-user-property-mapper). Needed to create a mapper.
        type: str
      config:
        description:
          - Settings of the mapper, for example C(claim.name) or C(access.token.claim). Compared key by key as strings; keys not
            given keep their value on the server.
        type: dict
  purge_protocol_mappers:
    description:
      - Remove protocol mappers not listed in O(protocol_mappers).
    type: bool
    default: false
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.resource.role_mappings
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: A client scope that puts the user's department into tokens, given to every new client
  iam.keycloak.keycloak_client_scope:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    name: department
    description: The user's department
    protocol: openid-connect
    type: default
    attributes:
      include.in.token.scope: true
      display.on.consent.screen: true
      consent.screen.text: Your department
    protocol_mappers:
      - name: department
        protocol_mapper: oidc-usermodel-attribute-mapper
        config:
          user.attribute: department
          claim.name: department
          jsonType.label: String
          access.token.claim: true
          id.token.claim: true
          userinfo.token.claim: true

- name: Map roles to the scope, and only these
  iam.keycloak.keycloak_client_scope:
    realm: acme
    name: department
    realm_roles: [staff]
    client_roles:
      - client_id: hr-app
        roles: [reader]
    purge_roles: true

- name: Offer the scope as optional only
  iam.keycloak.keycloak_client_scope:
    realm: acme
    name: department
    type: optional

- name: Delete the client scope
  iam.keycloak.keycloak_client_scope:
    realm: acme
    name: department
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The client scope after the task, secrets masked, with C(protocolMappers), and C(type) and C(scopeMappings) when the task
      manages them. After a create, the fields the task sent; after a delete, empty.
    - In check mode, the same prediction.
  returned: always
  type: dict
  sample: {
    "name": "department", "protocol": "openid-connect", "type": "default", "attributes": {"include.in.token.scope": "true"},
    "protocolMappers": [{"name": "department", "protocol": "openid-connect", "protocolMapper": "oidc-usermodel-attribute-mapper",
                         "config": {"claim.name": "department"}}],
    "scopeMappings": [{"name": "staff", "clientId": null}, {"name": "reader", "clientId": "hr-app"}]}
diff:
  description: Before and after of the fields, mappers and role mappings the task set, secrets masked.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"type": "default"}, "after": {"type": "optional"}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "client scope 'department': updated type"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: Internal id of the client scope (null before a create in check mode).
  returned: when the client scope exists or is created
  type: str
  sample: 6f1c5a3e-2d4b-4c8e-9a61-0d7b2e9f4a10
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_scope import CLIENT_SCOPE


def main():
    run(CLIENT_SCOPE)


if __name__ == "__main__":
    main()
