#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_user_federation
short_description: Create, update and delete Keycloak LDAP and Kerberos user federation, its LDAP mappers, and sync users
version_added: 0.1.0
description:
  - Creates, updates or deletes a user storage provider of a realm (LDAP or Kerberos), found by its name. Only the options a task
    sets are compared and written; config keys the task does not give keep their value on the server.
  - Manages an LDAP provider's mappers by name. Keycloak creates default mappers with a new LDAP provider (C(username), C(email),
    C(first name), C(last name), C(creation date), C(modify date), C(Kerberos principal attribute mapper)); a listed mapper of the
    same name is adopted and updated, never duplicated, and the defaults not listed are deleted only with O(purge_mappers=true).
  - Keycloak never shows the bind credential, so O(update_secret) says when O(bind_credential) is sent; it is never compared.
  - O(sync_users) imports users from LDAP (a full or a changed-users sync) after the other changes; O(test_connection) has Keycloak
    reach and bind to the LDAP server before anything is written.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  name:
    description:
      - The provider's name (shown in the admin console as its UI display name), by which it is found.
    type: str
    required: true
  provider_id:
    description:
      - V(ldap) or V(kerberos). A new provider without it is an LDAP provider. Keycloak cannot change it afterwards.
    type: str
    choices: [ldap, kerberos]
  config:
    description:
      - The provider's settings, as Keycloak names them. Values may be a string, a number, a boolean or a list; Keycloak stores each as
        a list of strings and they are compared that way. Keys not given keep their value; an empty list removes a key.
      - 'For LDAP: connection (C(connectionUrl), C(bindDn), C(authType), C(startTls), C(useTruststoreSpi), C(connectionTimeout)),
        directory (C(vendor), C(usersDn), C(userObjectClasses), C(usernameLDAPAttribute), C(rdnLDAPAttribute), C(uuidLDAPAttribute),
        C(customUserSearchFilter), C(searchScope), C(pagination)), behaviour (C(enabled), C(editMode) V(READ_ONLY), V(WRITABLE) or
        V(UNSYNCED), C(importEnabled), C(syncRegistrations), C(trustEmail), C(priority)), sync (C(fullSyncPeriod),
        C(changedSyncPeriod), C(batchSizeForSync)) and cache (C(cachePolicy) V(DEFAULT), V(EVICT_DAILY), V(EVICT_WEEKLY),
        V(MAX_LIFESPAN) or V(NO_CACHE), C(maxLifespan), C(evictionDay), C(evictionHour), C(evictionMinute)).'
      - For Kerberos, C(kerberosRealm), C(serverPrincipal), C(keyTab), C(allowPasswordAuthentication), C(updateProfileFirstLogin).
      - The bind credential is refused here (Ansible would log it with the task's arguments); set it with O(bind_credential).
    type: dict
  bind_credential:
    description:
      - The password of C(bindDn) (C(config.bindCredential)).
      - Keycloak never shows it, so it is never compared. It is sent when the provider is created, when it has none yet, and on every
        run with O(update_secret=always).
    type: str
  update_secret:
    description:
      - V(on_create) sends O(bind_credential) only when the provider is created (or has none), so reruns stay unchanged.
      - V(always) sends it on every run, which therefore always reports a change; use it to change the password.
    type: str
    choices: [on_create, always]
    default: on_create
  mappers:
    description:
      - LDAP mappers of the provider, by name. A listed mapper is created, or updated in the config keys given.
    type: list
    elements: dict
    suboptions:
      name:
        description: The mapper's name, by which it is found.
        type: str
        required: true
      provider_id:
        description:
          - The mapper type, for example V(user-attribute-ldap-mapper), V(group-ldap-mapper), V(role-ldap-mapper),
            V(full-name-ldap-mapper), V(hardcoded-ldap-role-mapper). Required for a new mapper; Keycloak cannot change it.
        type: str
      config:
        description:
          - The mapper's settings, for example C(ldap.attribute) and C(user.model.attribute) for an attribute mapper, or C(groups.dn),
            C(group.name.ldap.attribute), C(group.object.classes), C(membership.ldap.attribute), C(mode) for a group mapper.
        type: dict
  purge_mappers:
    description:
      - Delete the mappers that O(mappers) does not list, Keycloak's default ones included.
    type: bool
    default: false
  sync_users:
    description:
      - Sync users from LDAP after the other changes, V(full) (every user) or V(changed) (users changed since the last sync).
      - A sync is a change on every run that asks for it. Keycloak's result (C(added), C(updated), C(removed), C(failed), C(status)) is
        in C(end_state.syncUsers).
    type: str
    choices: [changed, full]
  test_connection:
    description:
      - Before writing anything, have Keycloak connect to C(connectionUrl) and bind as C(bindDn) (with O(bind_credential), or the
        stored credential). A failure fails the task with Keycloak's reason and nothing is written.
      - The test is a request that changes nothing; it is sent in check mode too.
    type: bool
    default: false
  representation:
    # type: iam.keycloak.resource
    description:
      - Any other field of the component representation, in the camelCase of the Keycloak REST API.
      - Options set in the task win over the same field here. Mappers and syncs have options of their own and are refused here.
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: A read-only LDAP directory, its groups, and a first full sync
  iam.keycloak.keycloak_user_federation:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    name: corporate-ldap
    bind_credential: "{{ ldap_bind_password }}"
    test_connection: true
    config:
      vendor: other
      connectionUrl: ldaps://ldap.example.org
      bindDn: cn=admin,dc=example,dc=org
      usersDn: ou=people,dc=example,dc=org
      userObjectClasses: inetOrgPerson
      usernameLDAPAttribute: uid
      rdnLDAPAttribute: uid
      uuidLDAPAttribute: entryUUID
      editMode: READ_ONLY
      importEnabled: true
      fullSyncPeriod: 86400
      changedSyncPeriod: 3600
      cachePolicy: EVICT_DAILY
      evictionHour: 3
      evictionMinute: 0
    mappers:
      - name: employee number
        provider_id: user-attribute-ldap-mapper
        config:
          ldap.attribute: employeeNumber
          user.model.attribute: employeeNumber
          read.only: true
      - name: groups
        provider_id: group-ldap-mapper
        config:
          groups.dn: ou=groups,dc=example,dc=org
          group.name.ldap.attribute: cn
          group.object.classes: groupOfNames
          membership.ldap.attribute: member
          membership.attribute.type: DN
          mode: READ_ONLY
    sync_users: full

- name: Import the users changed since the last sync (a change on every run)
  iam.keycloak.keycloak_user_federation:
    realm: acme
    name: corporate-ldap
    sync_users: changed
  register: synced

- name: What the sync did
  ansible.builtin.debug:
    msg: "{{ synced.end_state.syncUsers[0].result.status }}"

- name: A new bind password
  iam.keycloak.keycloak_user_federation:
    realm: acme
    name: corporate-ldap
    bind_credential: "{{ new_ldap_bind_password }}"
    update_secret: always
    test_connection: true

- name: Delete the provider (and the users it imported)
  iam.keycloak.keycloak_user_federation:
    realm: acme
    name: corporate-ldap
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The provider after the task, config values as lists of strings, bind credential masked, with C(mappers) when the task set them
      and C(syncUsers) (each sync's C(action) and Keycloak's C(result)) when it asked for a sync. After a delete, empty.
    - In check mode, the prediction (a sync without its result).
  returned: always
  type: dict
  sample: {"name": "corporate-ldap", "providerId": "ldap", "providerType": "org.keycloak.storage.UserStorageProvider",
           "config": {"connectionUrl": ["ldaps://ldap.example.org"], "bindCredential": "********", "editMode": ["READ_ONLY"]},
           "syncUsers": [{"action": "full", "result": {"added": 3, "updated": 0, "removed": 0, "failed": 0,
                                                       "status": "3 imported users, 0 updated users"}}]}
diff:
  description: Before and after of the config keys and mappers the task set, and the syncs it asked for; bind credential masked.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"config": {"editMode": ["READ_ONLY"]}}, "after": {"config": {"editMode": ["WRITABLE"]}}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "user federation 'corporate-ldap': updated config.editMode; mappers 'groups' added; syncUsers 'full' added"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: The provider's id (null before a create in check mode).
  returned: when the provider exists or is created
  type: str
  sample: 6f1a3a0e-4a63-4d5b-a0c1-3e4f5a6b7c8d
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.user_federation import USER_FEDERATION


def main():
    run(USER_FEDERATION)


if __name__ == "__main__":
    main()
