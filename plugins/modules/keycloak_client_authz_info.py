#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_client_authz_info
short_description: Read the Authorization Services setup of a Keycloak client, in the options of keycloak_client_authz
version_added: 0.1.0
description:
  - Returns the resource-server settings, authorization scopes, resources, policies and permissions of a client, every reference
    by name, in exactly the options that M(iam.keycloak.keycloak_client_authz) takes. Applying the result to the same client
    changes nothing; applying it to another client (or realm) copies the setup. Changes nothing.
  - Two requests besides the login (one more when a role policy names a client role, to tell client IDs from role names).
  - Secrets are masked, though an authorization setup holds none.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Name of the realm the client belongs to.
    type: str
    default: master
  client_id:
    description:
      - Client ID (C(clientId), not the internal id) of the client whose setup is read.
    type: str
    required: true
  resource_id:
    description:
      - The id of one resource of the client, as admin events, UMA permission tickets and policy evaluation results name
        resources. Adds RV(resource), that resource in the options of M(iam.keycloak.keycloak_client_authz) with its C(id).
      - One request more, and only when set.
    type: str
notes:
  - Resources that users own (made through the UMA protection API) are listed with their C(owner); policies that users made to
    share their resources are not part of the setup and are not listed.
seealso:
  - module: iam.keycloak.keycloak_client_authz
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: Read the authorization setup of the portal client
  iam.keycloak.keycloak_client_authz_info:
    auth_keycloak_url: http://localhost:8080
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    client_id: portal
  register: captured

- name: Apply the same setup to the portal client of the staging realm
  iam.keycloak.keycloak_client_authz:
    auth_keycloak_url: http://localhost:8080
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme-staging
    client_id: portal
    policy_enforcement_mode: "{{ captured.authorization.policy_enforcement_mode }}"
    decision_strategy: "{{ captured.authorization.decision_strategy }}"
    allow_remote_resource_management: "{{ captured.authorization.allow_remote_resource_management }}"
    scopes: "{{ captured.authorization.scopes }}"
    resources: "{{ captured.authorization.resources }}"
    policies: "{{ captured.authorization.policies }}"
    permissions: "{{ captured.authorization.permissions }}"
  when: captured.authorization | length > 0

- name: Which resource does an admin event name?
  iam.keycloak.keycloak_client_authz_info:
    realm: acme
    client_id: portal
    resource_id: "{{ event_resource_id }}"
  register: named
"""

RETURN = r"""
resource:
  description:
    - The resource whose id is O(resource_id), as an entry of the O(iam.keycloak.keycloak_client_authz#module:resources) option,
      with its C(id). V(null) when the client has no resource of that id.
  returned: when O(resource_id) is set
  type: dict
  sample: {"id": "5c1a0e8e-0d6f-4a4b-9d0e-3f1c2b7e9a10", "name": "invoices", "type": "urn:portal:invoice", "uris": ["/invoices/*"],
           "scopes": ["read", "write"], "owner_managed_access": false}
authorization:
  description:
    - The client's whole setup as options of M(iam.keycloak.keycloak_client_authz) (snake_case, every reference by name, lists
      sorted by name). Empty when the client does not exist or has no authorization services.
  returned: always
  type: dict
  sample:
    client_id: portal
    policy_enforcement_mode: ENFORCING
    decision_strategy: UNANIMOUS
    allow_remote_resource_management: true
    scopes: [{"name": "read", "display_name": "Read"}, {"name": "write"}]
    resources: [{"name": "invoices", "type": "urn:portal:invoice", "uris": ["/invoices/*"], "scopes": ["read", "write"],
                 "owner_managed_access": false}]
    policies:
      - {"name": "auditors", "type": "role", "logic": "POSITIVE", "decision_strategy": "UNANIMOUS", "fetch_roles": false,
         "roles": [{"name": "auditor", "required": false}, {"name": "invoice-reader", "client_id": "billing", "required": false}]}
      - {"name": "office hours", "type": "time", "logic": "POSITIVE", "decision_strategy": "UNANIMOUS", "hour": "8", "hour_end": "18"}
    permissions:
      - {"name": "read invoices", "type": "scope", "logic": "POSITIVE", "decision_strategy": "UNANIMOUS", "resources": ["invoices"],
         "scopes": ["read"], "policies": ["auditors", "office hours"]}
"""

from ansible_collections.iam.keycloak.plugins.module_utils.engine import mask
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_authz import read_client_authz, read_client_authz_resource


def main():
    module = KeycloakModule(
        argument_spec=dict(
            realm=dict(type="str", default="master"),
            client_id=dict(type="str", required=True),
            resource_id=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    params = module.params

    def body():
        api = module.client_for(params["realm"])
        result = {"changed": False, "authorization": mask(read_client_authz(api, params["client_id"]) or {})}
        if params["resource_id"] is not None:
            result["resource"] = read_client_authz_resource(api, params["client_id"], params["resource_id"])
        return result

    module.run(body, empty={"authorization": {}})


if __name__ == "__main__":
    main()
