#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_identity_provider
short_description: Create, update and delete Keycloak identity providers (OIDC, SAML, social) and their mappers
version_added: 0.1.0
description:
  - Creates, updates or deletes an identity provider of a realm, found by its alias. It may be an OpenID Connect or SAML provider,
    or a social one (GitHub, Google, Microsoft, ...). Only the options a task sets are compared and written; every other field and
    config key of the provider is left as it is on the server.
  - Manages the provider's mappers by name. Listed mappers are created or updated; others are kept unless O(purge_mappers=true).
  - Keycloak never shows a stored client secret, so O(update_secret) says when O(client_secret) is sent; it is never compared.
  - The provider id, the mapper types and the first and post broker login flows are checked before anything is written (Keycloak
    itself stores a mapper of a type the provider does not support, and ignores a change of provider id).
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  alias:
    description:
      - The provider's alias, by which it is found. It is part of the provider's redirect URI
        (C(<server>/realms/<realm>/broker/<alias>/endpoint)).
    type: str
    required: true
  display_name:
    description:
      - The name shown on the login page.
    type: str
  provider_id:
    description:
      - The kind of provider, for example V(oidc), V(keycloak-oidc), V(saml), V(oauth2), V(github), V(google), V(microsoft). Required
        to create a provider. Keycloak cannot change it afterwards, so a task that names another one fails.
    type: str
  enabled:
    description:
      - Whether users can log in with the provider.
    type: bool
  trust_email:
    description:
      - Take the e-mail address the provider gives as verified.
    type: bool
  store_token:
    description:
      - Store the provider's tokens after a login.
    type: bool
  add_read_token_role_on_create:
    description:
      - Give new users the C(broker) client's C(read-token) role, so they can read the stored tokens.
    type: bool
  link_only:
    description:
      - Only link existing accounts to the provider; nobody logs in through it.
    type: bool
  hide_on_login:
    description:
      - Do not show the provider on the login page.
    type: bool
  first_broker_login_flow_alias:
    description:
      - Alias of the authentication flow run after a user's first login through the provider. An empty string uses the realm's
        default. The flow must exist (a flow an earlier task creates is planned in check mode).
    type: str
  post_broker_login_flow_alias:
    description:
      - Alias of an authentication flow run after every login through the provider (for example a second factor). An empty string
        removes it. The flow must exist.
    type: str
  config:
    description:
      - The provider's settings, which depend on O(provider_id), for example C(clientId), C(authorizationUrl), C(tokenUrl),
        C(issuer), C(defaultScope), C(syncMode), C(pkceEnabled) for OpenID Connect, or C(singleSignOnServiceUrl),
        C(nameIDPolicyFormat) for SAML. Values may be strings, numbers or booleans; they are compared as the strings Keycloak
        stores. Keys not given keep their value; an empty string removes a key.
      - The client secret is refused here (Ansible would log it with the task's arguments); set it with O(client_secret).
    type: dict
  client_secret:
    description:
      - The secret of the client that Keycloak uses at the provider (C(config.clientSecret)).
      - Keycloak never shows it, so it is never compared. It is sent when the provider is created, when the provider has no secret
        yet, and on every run with O(update_secret=always).
    type: str
  update_secret:
    description:
      - V(on_create) sends O(client_secret) only when the provider is created (or has none), so reruns stay unchanged.
      - V(always) sends it on every run, which therefore always reports a change; use it to rotate the secret.
    type: str
    choices: [on_create, always]
    default: on_create
  mappers:
    description:
      - Mappers of the provider, by name. A listed mapper is created, or updated in the fields given (its C(config) key by key).
    type: list
    elements: dict
    suboptions:
      name:
        description: The mapper's name, by which it is found.
        type: str
        required: true
      identity_provider_mapper:
        description:
          - The mapper type, for example V(hardcoded-attribute-idp-mapper), V(oidc-user-attribute-idp-mapper),
            V(oidc-advanced-role-idp-mapper), V(saml-user-attribute-idp-mapper). Required for a new mapper.
          - It must be a type the provider supports (for a new provider this is checked right after its create, which is undone if
            not).
        type: str
      config:
        description:
          - The mapper's settings, for example C(syncMode), C(claim), C(user.attribute), C(attribute.value), C(role).
        type: dict
  purge_mappers:
    description:
      - Delete the mappers that O(mappers) does not list.
    type: bool
    default: false
  representation:
    # type: iam.keycloak.resource
    description:
      - 'Any other field of the identity provider representation, in the camelCase of the Keycloak REST API, for example
        C({"updateProfileFirstLoginMode": "on"}).'
      - Options set in the task win over the same field here. Mappers have an option of their own and are refused here.
notes:
  - Keycloak answers C(**********) for the client secret. The module never compares that mask; an update that does not send a new
    secret leaves the stored one as it is.
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: An OpenID Connect provider with mappers
  iam.keycloak.keycloak_identity_provider:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    alias: corp-oidc
    provider_id: oidc
    display_name: Corporate login
    trust_email: true
    client_secret: "{{ corp_oidc_client_secret }}"
    config:
      clientId: keycloak-acme
      authorizationUrl: https://login.corp.example.com/oauth2/authorize
      tokenUrl: https://login.corp.example.com/oauth2/token
      issuer: https://login.corp.example.com
      clientAuthMethod: client_secret_post
      defaultScope: openid profile email
      syncMode: IMPORT
      pkceEnabled: true
      pkceMethod: S256
    mappers:
      - name: department
        identity_provider_mapper: oidc-user-attribute-idp-mapper
        config:
          syncMode: INHERIT
          claim: department
          user.attribute: department
      - name: corporate user
        identity_provider_mapper: hardcoded-attribute-idp-mapper
        config:
          syncMode: INHERIT
          attribute: origin
          attribute.value: corp

- name: GitHub login, shown on the login page, with a second factor after each login
  iam.keycloak.keycloak_identity_provider:
    realm: acme
    alias: github
    provider_id: github
    client_secret: "{{ github_client_secret }}"
    post_broker_login_flow_alias: browser
    config:
      clientId: Iv1.0123456789abcdef

- name: Rotate the client secret (reports a change on every run)
  iam.keycloak.keycloak_identity_provider:
    realm: acme
    alias: corp-oidc
    client_secret: "{{ corp_oidc_new_client_secret }}"
    update_secret: always

- name: Exactly these mappers, nothing else
  iam.keycloak.keycloak_identity_provider:
    realm: acme
    alias: corp-oidc
    mappers:
      - name: department
    purge_mappers: true

- name: Delete the provider
  iam.keycloak.keycloak_identity_provider:
    realm: acme
    alias: github
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The identity provider after the task, client secret masked, with C(mappers) when the task set them. After a delete, empty.
    - In check mode, the prediction.
  returned: always
  type: dict
  sample: {"alias": "corp-oidc", "providerId": "oidc", "enabled": true, "config": {"clientId": "keycloak-acme", "clientSecret": "********"},
           "mappers": [{"name": "department", "identityProviderMapper": "oidc-user-attribute-idp-mapper",
                        "config": {"claim": "department", "user.attribute": "department", "syncMode": "INHERIT"}}]}
diff:
  description: Before and after of the fields and mappers the task set, client secret masked.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"displayName": "Corp"}, "after": {"displayName": "Corporate login"}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "identity provider 'corp-oidc': updated displayName; mappers 'department' added"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: The provider's internal id (null before a create in check mode).
  returned: when the provider exists or is created
  type: str
  sample: 9840fa3e-3ffe-4958-b72d-f206d99b118f
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.identity_provider import IDENTITY_PROVIDER


def main():
    run(IDENTITY_PROVIDER)


if __name__ == "__main__":
    main()
