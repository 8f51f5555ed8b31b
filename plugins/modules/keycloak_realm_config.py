#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_realm_config
short_description: Plan and apply a whole Keycloak realm from one realm document (realm as code)
version_added: 0.3.0
description:
  - Brings a realm to what one document says. The document, O(config), is a RealmRepresentation as Keycloak writes it (C(kc.sh export),
    the admin console's partial export, M(iam.keycloak.keycloak_realm_export)) or the same written by hand, for example from
    C(lookup('file', 'acme.yml') | from_yaml).
  - Every object of the document is planned by the same code as its single module (M(iam.keycloak.keycloak_realm), M(iam.keycloak.keycloak_required_action),
    M(iam.keycloak.keycloak_role), M(iam.keycloak.keycloak_client_scope), M(iam.keycloak.keycloak_flow), M(iam.keycloak.keycloak_identity_provider),
    M(iam.keycloak.keycloak_client),
    M(iam.keycloak.keycloak_group), M(iam.keycloak.keycloak_user), M(iam.keycloak.keycloak_realm_localization),
    M(iam.keycloak.keycloak_organization), M(iam.keycloak.keycloak_client_policies), M(iam.keycloak.keycloak_user_profile),
    M(iam.keycloak.keycloak_client_registration_policy), M(iam.keycloak.keycloak_user_federation), M(iam.keycloak.keycloak_realm_key),
    M(iam.keycloak.keycloak_client_authz)),
    in one plan, in build order.
  - "This version manages these parts of the document: the realm's settings (top-level fields such as C(displayName), C(smtpServer),
    C(attributes), token lifespans, flow bindings by alias), C(defaultDefaultClientScopes), C(defaultOptionalClientScopes),
    C(defaultGroups)."
  - "C(requiredActions): registered when missing and brought to the listed fields, never unregistered. C(localizationTexts): the
    realm's own texts, locale by locale. The user profile, which an export keeps as the config of its
    C(org.keycloak.userprofile.UserProfileProvider) component: its attributes and groups by name, and the unmanaged attribute
    policy, before the users (V(userProfile) in O(purge) removes the attributes and groups it does not list)."
  - "C(roles): realm and client roles, attributes, composites; the realm's default roles are the composites of its
    C(default-roles-<realm>) role. C(clientScopes): with protocol mappers, and the realm and client roles C(scopeMappings) and
    C(clientScopeMappings) give them; their entries with C(client) give a client's own (dedicated) scope its roles, with
    V(clients) in O(purge) exactly."
  - "C(authenticationFlows) and C(authenticatorConfig): top-level flows with their executions, sub-flows and configs; the realm's
    flow bindings are written after them. A built-in flow (C(builtIn)) takes its executions' requirements, priorities and configs
    only; one whose executions are not the server's (an export of another Keycloak version) is left as the server has it, with a
    warning. C(identityProviders) and C(identityProviderMappers)."
  - "C(clients): with protocol mappers, default and optional client scopes, and the roles of their service accounts, which an export
    lists as users with C(serviceAccountClientId). C(groups): the tree, attributes, role mappings. C(users): profile, attributes,
    required actions, groups, identity provider links, roles, password; a user with a C(federationLink), which its user federation
    provider imports and syncs, is left to the provider (a warning counts them)."
  - "A client's C(authorizationSettings) (authorization services): the resource server's settings, and its scopes, resources,
    policies and permissions by name, as an export writes them (a role policy names a client role C(clientId/role)), through
    M(iam.keycloak.keycloak_client_authz)'s handler; after the users, groups, roles and clients its policies name. With
    V(clients) in O(purge), the objects a setup does not list are removed (a resource users own never). On Keycloak before 26.5,
    a client whose authorization services are turned on gets Keycloak's default resource, policy and permission; they are kept
    unless the clients are purged."
  - "User federation (LDAP, Kerberos), which an export keeps as components of type C(org.keycloak.storage.UserStorageProvider): by
    name, with the LDAP mappers an export lists as its C(subComponents), by name; after the groups and clients those mappers may
    name, before the users. The bind credential C(config.bindCredential) is sent when the provider is created, later only with
    O(update_password=always). V(userFederation) in O(purge) deletes the providers (with the users they imported) and the mappers the
    document does not list."
  - "C(organizations): settings, domains, attributes, members by username, linked identity providers, as C(kc.sh export) writes
    them. C(clientProfiles) and C(clientPolicies): by name, written last; V(clientPolicies) in O(purge) removes the profiles and
    policies the document does not list, of the lists it gives. Client registration policies, which an export keeps as
    components of their type: by sub-type and name, written last (V(clientRegistrationPolicies) in O(purge) deletes those the
    document does not list, but the policies of a new realm)."
  - "Key providers, which an export keeps as components of type C(org.keycloak.keys.KeyProvider): by name, their settings
    (C(priority), C(enabled), C(active), C(algorithm), key size, curve, ...), written last, through
    M(iam.keycloak.keycloak_realm_key)'s handler. The key a generated provider (C(rsa-generated), C(hmac-generated), ...) made, which
    C(kc.sh export) writes, is left out: the server keeps or generates its own (a warning names those providers). An imported key
    (C(config.privateKey) of an C(rsa) or C(rsa-enc) provider) and a keystore's passwords (C(java-keystore)) are sent when the
    provider is created, later only with O(update_password=always). V(keys) in O(purge) deletes the providers the document does
    not list, but a new realm's four, and only when the document lists key providers."
  - Other sections Keycloak exports (the components of other types) are accepted, left as the server has them, and named in a
    warning.
  - Objects are matched by their natural key (required action alias, locale, realm role name, client and role name, client scope name,
    C(clientId), group path, username, organization name); ids in the document are never sent nor matched. A client's flow
    overrides, which an export writes as flow ids, are resolved through the document's C(authenticationFlows).
  - A section the document leaves out is not touched. A field an object leaves out is left as the server has it. Nested lists (a role's
    composites, a client's mappers and scopes, a group's or user's roles and groups) are added to, unless their section is purged.
  - Every run compares with the server, field by field, so a field changed by hand in the console is set back.
  - A value Keycloak masks in exports (C(**********), or C(********) as M(iam.keycloak.keycloak_realm_export) masks) means "keep what the
    server has".
  - Before any write, the task fails when the document names another realm than O(realm), has unknown top-level fields, lists one
    object twice, or names an object (a role, group, client scope, client) that neither the document nor the server has; every such
    reference is named with its place in the document.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - The realm the document is applied to. When the document has a C(realm) field it must be the same.
      - A realm that does not exist is created, then the rest of the document is applied to it. In check mode the objects a new realm
        comes with (built-in roles, clients, client scopes) are not compared (a warning says so).
    type: str
    required: true
  config:
    description:
      - The realm document, a RealmRepresentation.
      - One of O(config) and O(src) is required.
    type: dict
  src:
    description:
      - Where to read the realm document on the host the module runs on (C(delegate_to) V(localhost) for a file of the controller)
        instead of O(config), as JSON - a file with a RealmRepresentation, or a folder as C(kc.sh export --dir) writes it, whose
        C(<realm>-realm.json) is the document and whose C(<realm>-users-<n>.json) files add their users to it (with
        C(--users different_files), the default of C(kc.sh export --dir)). O(realm) names the realm file.
      - A big document is best read this way. Given as O(config), it is templated on the controller and Ansible keeps copies of it in
        the module's process beside the module's own; read from O(src), the module alone holds it, and lets go of each user of it once
        the user's request is made (a check-mode no-op of a realm of 100,000 users, 284 MB instead of 514 MB; see the Realm as code
        guide).
    type: path
  purge:
    description:
      - Sections to manage exactly. An object of such a section that the document does not list is deleted, and the nested lists of
        the objects it lists (composites, mappers, client scopes, role mappings, group memberships) lose what the document does not
        list.
      - Built-in objects are never deleted (the realm's built-in roles, C(default-roles-<realm>), the roles of built-in clients,
        built-in client scopes, C(account), C(admin-cli), C(realm-management) and the other built-in clients, service account users,
        users imported from a user federation, the master realm's C(admin), a new realm's key providers).
      - V(all) names every section.
    type: list
    elements: str
    choices: [all, localizationTexts, userProfile, roles, clientScopes, authenticationFlows, identityProviders, clients, groups,
              userFederation, users, organizations, clientPolicies, clientRegistrationPolicies, keys]
    default: []
  max_deletes:
    description:
      - The task fails before any write when its plan deletes more objects than this, naming the count of each section.
    type: int
    default: 10
  update_password:
    description:
      - V(on_create) sets a user's password of the document (C(credentials) of type C(password) with a C(value)) only when the user is
        created; V(always) sets it on every run (Keycloak cannot tell whether it is the same). Also decides, likewise, whether the SMTP
        password of C(smtpServer), an identity provider's C(config.clientSecret), a user federation's C(config.bindCredential) and
        an imported key provider's key and keystore passwords are sent when the server has one.
    type: str
    choices: [on_create, always]
    default: on_create
  parallelism:
    description:
      - How many independent requests the task sends to Keycloak at once - the partial imports of many new users, realm roles,
        client roles, top-level groups, clients and identity providers, and the reads of a big realm's user pages, group members and role holders. Every other
        write is sent one at a time, in the build order.
      - V(1) sends one request at a time. The default came from measurements on a 2-core server, where 2 imported 2,000 users in
        half the time of 1 and 4 was no faster than 2 (see the benchmarks page). A server of more cores may gain from more.
    type: int
    default: 2
notes:
  - A user's hashed credentials of an export (C(secretData) and C(credentialData), as C(kc.sh export) writes them) are stored as they
    are when the user is created. The admin API cannot put a hash on an existing user, so O(update_password=always) leaves those (a
    warning says so); give the password as C(value) to set it.
  - From 20 users in the document, the realm's users, group members and role holders are read page by page once while the document is
    planned, instead of several requests per user; the plan is the same. From 20 new users, they are created through Keycloak's
    partial import, 200 a request (never C(OVERWRITE)), as the single writes would make them (the realm's default role, groups and
    required actions included); a batch Keycloak refuses is written user by user, which names the refused user. From 20 new realm
    roles, client roles or top-level groups, those are created through partial import the same way (a composite role and a subgroup
    by themselves). So are, from 20 new clients or identity providers, the OpenID Connect clients without a service account or
    authorization services and the providers without mappers, unless the realm has a client policy. From 20 roles or groups in the
    document, planning reads the roles' and the groups' lists once instead of each object by itself, and from 10 clients, client
    scopes or identity providers, the list of that section. While the document is planned, a read already sent is not sent again.
    Other objects are read and written one by one in this version.
seealso:
  - module: iam.keycloak.keycloak_realm_export
  - module: iam.keycloak.keycloak_realm_import
  - name: Realm as code
    description: The semantics of this module, compared with keycloak-config-cli and Terraform.
    link: https://github.com/iam-keycloak/iam.keycloak/blob/main/docs/realm-as-code.md
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
attributes:
  check_mode:
    support: full
    details: Check mode returns the plan (O(purge) deletes included) and writes nothing.
  diff_mode:
    support: full
    details: One diff per object the plan changes, secrets masked.
"""

EXAMPLES = r"""
- name: Plan and apply a realm written as one document
  iam.keycloak.keycloak_realm_config:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    config:
      displayName: ACME
      enabled: true
      roles:
        realm:
          - name: auditor
            description: Reads audit logs
        client:
          portal:
            - name: editor
      clientScopes:
        - name: department
          protocol: openid-connect
          protocolMappers:
            - name: department
              protocolMapper: oidc-usermodel-attribute-mapper
              config:
                user.attribute: department
                claim.name: department
                access.token.claim: "true"
      clients:
        - clientId: portal
          publicClient: true
          redirectUris: ["https://portal.example.com/*"]
          optionalClientScopes: [department]
      groups:
        - name: staff
          attributes:
            site: [paris]
          realmRoles: [auditor]
          subGroups:
            - name: editors
              clientRoles:
                portal: [editor]
      users:
        - username: alice
          email: alice@example.com
          firstName: Alice
          lastName: Doe
          enabled: true
          groups: [/staff/editors]
          credentials:
            - type: password
              value: "{{ initial_password }}"
  register: applied

- name: Dry run of a document kept in git; the groups and clients it does not list would be deleted
  iam.keycloak.keycloak_realm_config:
    realm: acme
    config: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/files/acme-realm.yml') | from_yaml }}"
    purge: [groups, clients]
  check_mode: true
  register: dry_run

- name: What the dry run would do, section by section
  ansible.builtin.debug:
    var: dry_run.plan

- name: Converge the realm to Keycloak's own export of it (kc.sh export --dir acme-export --realm acme), read by the module
  iam.keycloak.keycloak_realm_config:
    realm: acme
    src: "{{ playbook_dir }}/files/acme-export"
  delegate_to: localhost
"""

RETURN = r"""
plan:
  description:
    - What the run changes (in check mode, would change), per section (C(realm), C(roles), C(clientScopes), C(authenticationFlows),
      C(identityProviders), C(clients), C(groups), C(users)) with changes only.
    - Each section has C(create), C(update) and C(delete), lists of objects with C(object) (what it is), C(operation), C(fields)
      (the changed fields of an update) and C(changes) (the writes), and C(counts).
  returned: always
  type: dict
  sample: {"groups": {"create": [{"object": "group '/staff'", "operation": "create", "changes": ["created"]}], "update": [],
           "delete": [], "counts": {"create": 1, "update": 0, "delete": 0}}}
changes:
  description: The same as RV(plan), of what the run wrote.
  returned: when not in check mode
  type: dict
  sample: {}
written:
  description: When a write failed, the objects written before it, with their writes.
  returned: on failure after a write
  type: list
  elements: dict
  sample: [{"object": "client 'portal'", "done": ["created"]}]
msg:
  description: The counts of the plan.
  returned: always
  type: str
  sample: "changed groups: 1 create; users: 1 update"
"""

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakError
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.realm_config import (
    DEFAULT_MAX_DELETES,
    DEFAULT_PARALLELISM,
    PURGEABLE,
    DocumentError,
    RealmConfigError,
    read_document,
    run,
)


def main():
    module = KeycloakModule(
        argument_spec=dict(
            realm=dict(type="str", required=True),
            config=dict(type="dict"),
            src=dict(type="path"),
            purge=dict(type="list", elements="str", choices=["all"] + list(PURGEABLE), default=[]),
            max_deletes=dict(type="int", default=DEFAULT_MAX_DELETES),
            update_password=dict(type="str", choices=["on_create", "always"], default="on_create", no_log=False),
            parallelism=dict(type="int", default=DEFAULT_PARALLELISM, range=(1, 16)),
        ),
        supports_check_mode=True,
        required_one_of=[["config", "src"]],
        mutually_exclusive=[["config", "src"]],
    )
    params = module.params
    try:
        user_files = []
        config = params["config"] if params["src"] is None else read_document(params["src"], params["realm"], user_files)
        result, warnings = run(module.client_for, params["realm"], config, purge=params["purge"], max_deletes=params["max_deletes"],
                               check_mode=module.check_mode, diff_mode=module._diff, update_password=params["update_password"],
                               secrets=module.no_log_values, play=module.play(), parallelism=params["parallelism"],
                               user_files=user_files, owned=params["src"] is not None, src=params["src"])
    except DocumentError as error:
        module.fail_json(msg="%s" % error)
    except RealmConfigError as error:
        module.fail_json(msg="%s" % error, **error.result)
    except KeycloakError as error:
        module.fail_keycloak(error, what="realm '%s'" % params["realm"])
    for warning in warnings:
        module.warn(warning)
    module.exit_planned(result, result.pop("_events"))


if __name__ == "__main__":
    main()
