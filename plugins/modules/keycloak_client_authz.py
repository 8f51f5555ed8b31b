#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_client_authz
short_description: Converge the whole Authorization Services setup of a Keycloak client
version_added: 0.1.0
description:
  - Converges a client's Authorization Services in one task, every object by name - the resource-server settings, the
    authorization scopes, the resources, the policies (role, user, group, client, client scope, time, regex, aggregate, and
    JavaScript policies deployed to the server) and the resource- and scope-based permissions.
  - The client is found by its client ID and must exist with authorization services enabled (M(iam.keycloak.keycloak_client) with
    O(iam.keycloak.keycloak_client#module:authorization_services_enabled=true)). This module never creates nor deletes the client,
    and never turns its authorization services on or off.
  - Every reference is a name - a resource's scopes, a permission's resources, scopes and policies, an aggregate policy's policies,
    and the roles, users, groups, clients and client scopes of a policy. The setup is read in one request, with every reference by
    name, and compared by name, so a second run reports no change and sends no write. Ids are looked up only when something is
    written.
  - Listed objects are created or updated (only the fields the task sets; the others keep their value on the server). Objects not
    listed are kept, unless the matching O(purge_scopes), O(purge_resources), O(purge_policies) or O(purge_permissions) is true.
  - Objects are created in the order they use each other (scopes, resources, policies, permissions; an aggregate policy after its
    policies), whatever order the task lists them in.
  - Everything is checked before anything is written - every name an object uses must be listed in the task or be on the server;
    every role, user, group, client and client scope a policy names must exist; a policy type must be one the server offers; and a
    purge must not take away what a kept object still uses.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Name of the realm of the client, and of every role, user, group, client and client scope its policies name.
    type: str
    default: master
  state:
    description:
      - V(present) creates and updates the listed objects and sets the given settings.
      - V(absent) removes every scope, resource, policy and permission of the client (not the resources that users own), and takes
        none of the other options. The settings and the authorization services themselves stay; to turn authorization services
        off, use M(iam.keycloak.keycloak_client). A client that does not exist, or has no authorization services, is no change.
      - To remove some objects only, use V(present) with the purge options.
    type: str
    choices: [present, absent]
    default: present
  client_id:
    description:
      - Client ID (C(clientId), not the internal id) of the client whose authorization services are managed.
    type: str
    required: true
  policy_enforcement_mode:
    description:
      - How the resource server enforces its policies. V(ENFORCING) denies a request that no policy grants, V(PERMISSIVE) grants
        it, V(DISABLED) grants everything.
    type: str
    choices: [ENFORCING, PERMISSIVE, DISABLED]
  decision_strategy:
    description:
      - How the permissions of a resource decide together. V(UNANIMOUS) needs every permission to grant, V(AFFIRMATIVE) one,
        V(CONSENSUS) more granting than denying.
    type: str
    choices: [UNANIMOUS, AFFIRMATIVE, CONSENSUS]
  allow_remote_resource_management:
    description:
      - Whether the resource server can manage its resources remotely (through the UMA protection API).
    type: bool
  scopes:
    description:
      - Authorization scopes (what can be done to a resource - V(read), V(write), ...), by name.
      - Listed scopes are created or updated; others are kept unless O(purge_scopes=true).
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the scope, by which resources and permissions name it.
        type: str
        required: true
      display_name:
        description: Name shown to users. An empty string removes it.
        type: str
      icon_uri:
        description: URI of an icon for the scope. An empty string removes it.
        type: str
  purge_scopes:
    description:
      - Remove the scopes that O(scopes) does not list. Refused, before anything is written, when a kept resource or permission
        uses one of them.
    type: bool
    default: false
  resources:
    description:
      - Resources (what is protected - a URL, a kind of document, ...), by name and owner.
      - Listed resources are created or updated; others are kept unless O(purge_resources=true).
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - Name of the resource, by which permissions name it. Keycloak keeps one resource of a name per owner.
        type: str
        required: true
      display_name:
        description: Name shown to users. An empty string removes it.
        type: str
      type:
        description:
          - Type of the resource (for example V(urn:portal:resources:invoice)); a resource-based permission can apply to every
            resource of a type. An empty string removes it.
        type: str
      uris:
        description: URIs (paths) the resource protects, compared without order. This list is the resource's whole list.
        type: list
        elements: str
      scopes:
        description:
          - Names of the scopes of the resource, compared without order. This list is the resource's whole list.
          - Each must be listed in O(scopes) or exist on the client. (Keycloak itself would make a new scope of an unknown name.)
        type: list
        elements: str
      owner:
        description:
          - Username of the user who owns the resource. Without it, the client owns the resource (Keycloak's default).
          - Keycloak never changes the owner of a resource, so a resource of the same name and another owner is another resource.
        type: str
      attributes:
        description:
          - Attributes of the resource; a value may be a string or a list of strings. Keys not given keep their value on the
            server; a key given an empty list V([]) is removed.
        type: dict
      owner_managed_access:
        description: Whether the owner of the resource manages access to it (user-managed access).
        type: bool
      icon_uri:
        description: URI of an icon for the resource. An empty string removes it.
        type: str
  purge_resources:
    description:
      - Remove the resources that O(resources) does not list, except those that users own (made by applications through the UMA
        protection API), which are never purged. Refused, before anything is written, when a kept permission uses one of them.
    type: bool
    default: false
  policies:
    description:
      - Policies (who or when), by name. Each has a O(policies[].type), and the options of that type; an option of another type
        fails the task.
      - Listed policies are created or updated; others are kept unless O(purge_policies=true).
      - The lists of a policy (O(policies[].roles), O(policies[].users), ...) are compared without order and are the policy's
        whole list.
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - Name of the policy, by which permissions and aggregate policies name it. Policies and permissions share one set of
            names in Keycloak, so a policy and a permission cannot have the same name.
        type: str
        required: true
      type:
        description:
          - V(role), V(user), V(group), V(client), V(client-scope), V(time), V(regex), V(aggregate), or the type of a JavaScript
            policy deployed to the server (V(script-<file>.js)).
          - The type must be one the server offers, checked before anything is written. Keycloak runs only JavaScript policies
            deployed to the server in a JAR; V(js) (code sent through the API) is refused by Keycloak 26, and so by this module
            before any write.
          - Keycloak never changes the type of a policy.
        type: str
        required: true
      description:
        description: Description of the policy. An empty string removes it.
        type: str
      logic:
        description: V(POSITIVE) grants when the policy's condition holds; V(NEGATIVE) grants when it does not.
        type: str
        choices: [POSITIVE, NEGATIVE]
      decision_strategy:
        description: How the policies of an aggregate policy decide together (see O(decision_strategy)).
        type: str
        choices: [UNANIMOUS, AFFIRMATIVE, CONSENSUS]
      roles:
        description: Role policy - the realm and client roles that grant access.
        type: list
        elements: dict
        suboptions:
          name:
            description: Name of the role.
            type: str
            required: true
          client_id:
            description: Client ID of the client the role belongs to; without it, a realm role.
            type: str
          required:
            description: Whether the user must have this role (otherwise any one of the roles is enough).
            type: bool
            default: false
      fetch_roles:
        description: Role policy - read the user's roles from the server rather than from the token.
        type: bool
      users:
        description: User policy - usernames of the users that are granted access.
        type: list
        elements: str
      groups:
        description: Group policy - the groups whose members are granted access.
        type: list
        elements: dict
        suboptions:
          path:
            description: Path of the group, for example V(/staff/backend).
            type: str
            required: true
          extend_children:
            description: Whether members of the group's subgroups are granted access too.
            type: bool
            default: false
      groups_claim:
        description: Group policy - the token claim that holds the user's groups (when groups are read from the token).
        type: str
      clients:
        description: Client policy - client IDs of the clients that are granted access.
        type: list
        elements: str
      client_scopes:
        description: Client scope policy - the client scopes that grant access.
        type: list
        elements: dict
        suboptions:
          name:
            description: Name of the client scope.
            type: str
            required: true
          required:
            description: Whether the token must have this scope (otherwise any one of them is enough).
            type: bool
            default: false
      not_before:
        description: Time policy - grants from this time on (V(yyyy-MM-dd HH:mm:ss)).
        type: str
      not_on_or_after:
        description: Time policy - grants until this time (V(yyyy-MM-dd HH:mm:ss)).
        type: str
      day_month:
        description: Time policy - first day of the month (1-31) that grants.
        type: str
      day_month_end:
        description: Time policy - last day of the month that grants.
        type: str
      month:
        description: Time policy - first month (1-12) that grants.
        type: str
      month_end:
        description: Time policy - last month that grants.
        type: str
      year:
        description: Time policy - first year that grants.
        type: str
      year_end:
        description: Time policy - last year that grants.
        type: str
      hour:
        description: Time policy - first hour (0-23) that grants.
        type: str
      hour_end:
        description: Time policy - last hour that grants.
        type: str
      minute:
        description: Time policy - first minute (0-59) that grants.
        type: str
      minute_end:
        description: Time policy - last minute that grants.
        type: str
      target_claim:
        description: Regex policy - the token claim whose value is matched.
        type: str
      pattern:
        description: Regex policy - the regular expression the claim must match.
        type: str
      target_context_attributes:
        description: Regex policy - match an attribute of the request context rather than a token claim.
        type: bool
      policies:
        description:
          - Aggregate policy - names of the policies (or permissions) it combines with O(policies[].decision_strategy). Each must be
            listed in O(policies) (or O(permissions)) or exist on the client.
        type: list
        elements: str
      code:
        description:
          - JavaScript policy of type V(js) - the code. Only a server that offers the V(js) type takes it (Keycloak 26 does not).
        type: str
  purge_policies:
    description:
      - Remove the policies that O(policies) does not list. Refused, before anything is written, when a kept permission or
        aggregate policy uses one of them (Keycloak would take the policy off it, or delete it along); list the policy, or change
        or purge what uses it in the same task (that update is written first).
    type: bool
    default: false
  permissions:
    description:
      - Permissions (which policies decide on which resources or scopes), by name.
      - Listed permissions are created or updated; others are kept unless O(purge_permissions=true).
      - The lists of a permission are compared without order and are the permission's whole list.
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the permission (one set of names with the policies).
        type: str
        required: true
      type:
        description:
          - V(resource) for a resource-based permission (on resources, or on every resource of O(permissions[].resource_type)),
            V(scope) for a scope-based one (on scopes, of the resources listed or of any resource).
          - Keycloak never changes the type of a permission.
        type: str
        required: true
        choices: [resource, scope]
      description:
        description: Description of the permission. An empty string removes it.
        type: str
      logic:
        description: V(POSITIVE) or V(NEGATIVE) (Keycloak's default is V(POSITIVE)).
        type: str
        choices: [POSITIVE, NEGATIVE]
      decision_strategy:
        description: How the permission's policies decide together (see O(decision_strategy)).
        type: str
        choices: [UNANIMOUS, AFFIRMATIVE, CONSENSUS]
      resources:
        description:
          - Names of the resources the permission applies to. Each must be listed in O(resources) or exist on the client; a name
            that both the client and a user own a resource of means the client's.
        type: list
        elements: str
      resource_type:
        description:
          - Resource-based permission - the permission applies to every resource of this type. An empty string removes it.
        type: str
      scopes:
        description:
          - Scope-based permission - names of the scopes it applies to. Each must be listed in O(scopes) or exist on the client.
        type: list
        elements: str
      policies:
        description:
          - Names of the policies that decide. Each must be listed in O(policies) or exist on the client.
        type: list
        elements: str
  purge_permissions:
    description:
      - Remove the permissions that O(permissions) does not list. Refused when a kept aggregate policy uses one of them.
    type: bool
    default: false
notes:
  - The realm's C(admin-permissions) client (fine-grained admin permissions v2) can be given policies here, for
    M(iam.keycloak.keycloak_management_permissions) to use. Keycloak refuses to export its setup, so it is read object by
    object (more requests), and its built-in resources and scopes are never purged or removed; O(state=absent) removes
    only its policies and permissions.
  - Keycloak 26 makes no objects when authorization services are turned on through the admin API. Older servers (and realms
    imported from them) come with a C(Default Resource), a C(Default Policy) (a JavaScript policy) and a C(Default Permission)
    that uses both. This module treats them as ordinary objects - kept while not listed, removed by the purge options (purging the
    C(Default Policy) needs O(purge_permissions) too, or the C(Default Permission) listed without it). M(iam.keycloak.keycloak_client_authz_info)
    shows them, so a captured setup keeps them.
  - The setup is read through Keycloak's export (C(GET .../authz/resource-server/settings)); a no-op run sends three requests,
    login included, however many objects the client has.
  - Policies that users make to share their own resources (UMA) are not part of the setup; they are neither shown nor purged.
seealso:
  - module: iam.keycloak.keycloak_client_authz_info
  - module: iam.keycloak.keycloak_client
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: Turn on authorization services for the portal client
  iam.keycloak.keycloak_client:
    auth_keycloak_url: http://localhost:8080
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    client_id: portal
    public_client: false
    service_accounts_enabled: true
    authorization_services_enabled: true

- name: The whole authorization setup of the portal client
  iam.keycloak.keycloak_client_authz:
    auth_keycloak_url: http://localhost:8080
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    client_id: portal
    policy_enforcement_mode: ENFORCING
    decision_strategy: AFFIRMATIVE
    scopes:
      - name: read
        display_name: Read
      - name: write
    resources:
      - name: invoices
        type: urn:portal:resources:invoice
        uris: ["/invoices/*"]
        scopes: [read, write]
        attributes:
          department: finance
    policies:
      - name: auditors
        type: role
        roles:
          - name: auditor
          - name: invoice-reader
            client_id: billing
      - name: staff
        type: group
        groups:
          - path: /staff
            extend_children: true
      - name: office hours
        type: time
        hour: "8"
        hour_end: "18"
      - name: staff in office hours
        type: aggregate
        decision_strategy: UNANIMOUS
        policies: [staff, office hours]
    permissions:
      - name: read invoices
        type: scope
        resources: [invoices]
        scopes: [read]
        policies: [auditors, staff in office hours]
        decision_strategy: AFFIRMATIVE
      - name: write invoices
        type: scope
        resources: [invoices]
        scopes: [write]
        policies: [staff in office hours]
    purge_scopes: true
    purge_resources: true
    purge_policies: true
    purge_permissions: true

- name: One more policy for one permission; everything else stays as it is
  iam.keycloak.keycloak_client_authz:
    realm: acme
    client_id: portal
    policies:
      - name: company mail
        type: regex
        target_claim: email
        pattern: ".*@example[.]com$"
    permissions:
      - name: read invoices
        type: scope
        policies: [auditors, staff in office hours, company mail]

- name: Remove every scope, resource, policy and permission of the portal client
  iam.keycloak.keycloak_client_authz:
    realm: acme
    client_id: portal
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The whole setup after the task, every reference by name - the settings, C(scopes), C(resources), C(policies) and
      C(permissions) (each list sorted by name, a policy with the fields of its type). After a real run that changed something, as
      read back; in check mode and on a no-op run, the prediction. After O(state=absent), empty.
  returned: always
  type: dict
  sample:
    clientId: portal
    id: 0d848eba-7297-42ff-9a2c-9f3a1f320055
    policyEnforcementMode: ENFORCING
    decisionStrategy: AFFIRMATIVE
    allowRemoteResourceManagement: true
    scopes: [{"name": "read", "displayName": "Read"}, {"name": "write"}]
    resources: [{"name": "invoices", "type": "urn:portal:resources:invoice", "uris": ["/invoices/*"], "scopes": ["read", "write"],
                 "attributes": {"department": ["finance"]}, "ownerManagedAccess": false}]
    policies: [{"name": "auditors", "type": "role", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS", "fetchRoles": false,
                "roles": [{"name": "auditor", "required": false}, {"name": "invoice-reader", "clientId": "billing", "required": false}]}]
    permissions: [{"name": "read invoices", "type": "scope", "logic": "POSITIVE", "decisionStrategy": "AFFIRMATIVE",
                   "resources": ["invoices"], "scopes": ["read"], "policies": ["auditors"]}]
diff:
  description: Before and after of the settings the task set and of the listed (and purged) objects, by name.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"permissions": [{"name": "read invoices", "policies": ["auditors"]}]},
           "after": {"permissions": [{"name": "read invoices", "policies": ["auditors", "company mail"]}]}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "authorization services of client 'portal': permissions 'read invoices' updated; policies 'company mail' added"
operation:
  description: V(update) when anything is written with O(state=present), V(delete) when O(state=absent) removes objects, V(none).
  returned: always
  type: str
  sample: update
id:
  description: The internal id of the client (null in check mode for a client an earlier task creates).
  returned: when the client exists
  type: str
  sample: 0d848eba-7297-42ff-9a2c-9f3a1f320055
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_authz import CLIENT_AUTHZ


def main():
    run(CLIENT_AUTHZ)


if __name__ == "__main__":
    main()
