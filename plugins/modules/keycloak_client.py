#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_client
short_description: Create, update and delete Keycloak clients (OpenID Connect and SAML)
version_added: 0.1.0
description:
  - Creates, updates or deletes a client of a realm, found by its client ID. Only the options a task sets are compared and written;
    every other setting of the client is left as it is on the server.
  - Covers the client's settings and attributes, its flow overrides, its own protocol mappers, its default and optional client
    scopes, and the roles of its service account. Any other field of the client representation can be set through
    O(representation).
  - Keycloak shows the client secret, so O(secret) is compared like any other option; it is masked in the output.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  client_id:
    description:
      - Client ID of the client (C(clientId), the name applications use), not its internal id.
    type: str
    required: true
  name:
    description:
      - Name of the client shown to users.
    type: str
  description:
    description:
      - Description of the client.
    type: str
  enabled:
    description:
      - Whether the client can be used.
    type: bool
  protocol:
    description:
      - Protocol of the client. Keycloak makes an OpenID Connect client when it is not set at creation.
    type: str
    choices: [openid-connect, saml]
  public_client:
    description:
      - The client has no secret (a browser or mobile application).
    type: bool
  bearer_only:
    description:
      - The client only accepts bearer tokens and never starts a login.
    type: bool
  client_authenticator_type:
    description:
      - How a confidential client authenticates, for example V(client-secret), V(client-jwt), V(client-secret-jwt) or V(client-x509).
    type: str
  secret:
    description:
      - Secret of a confidential client. Keycloak generates one when it is not set at creation.
    type: str
  root_url:
    description:
      - URL that relative URLs of the client are resolved against.
    type: str
  base_url:
    description:
      - URL Keycloak links to the client with (for example in the account console).
    type: str
  admin_url:
    description:
      - URL of the client's admin interface (back-channel logout and other admin calls).
    type: str
  redirect_uris:
    description:
      - Redirect URIs the client may use after a login (compared without order; the list given is the whole list).
    type: list
    elements: str
  web_origins:
    description:
      - Allowed CORS origins (compared without order; the list given is the whole list). V(+) allows the origins of the redirect URIs.
    type: list
    elements: str
  standard_flow_enabled:
    description:
      - Allow the authorization code flow.
    type: bool
  implicit_flow_enabled:
    description:
      - Allow the implicit flow.
    type: bool
  direct_access_grants_enabled:
    description:
      - Allow the resource owner password grant (direct access grants).
    type: bool
  service_accounts_enabled:
    description:
      - Give the client a service account (client credentials grant).
    type: bool
  authorization_services_enabled:
    description:
      - Turn on fine-grained authorization (the client becomes a resource server).
      - Needs a service account (O(service_accounts_enabled=true), now or already on the server); without one the task fails before
        anything is written.
    type: bool
  consent_required:
    description:
      - Users must consent to the client.
    type: bool
  frontchannel_logout:
    description:
      - Log out through the browser (front channel) instead of a back-channel call.
    type: bool
    aliases: [front_channel_logout]
  full_scope_allowed:
    description:
      - Tokens of the client carry all the user's roles, not only those in the client's scope.
    type: bool
  always_display_in_console:
    description:
      - Show the client in the account console even when the user has no session with it.
    type: bool
  surrogate_auth_required:
    description:
      - Surrogate authentication required (a legacy setting).
    type: bool
  node_re_registration_timeout:
    description:
      - Seconds within which cluster nodes of the client must re-register (V(-1) = never).
    type: int
  attributes:
    description:
      - Client attributes, for example C(pkce.code.challenge.method) or C(post.logout.redirect.uris). Keys not given keep their value;
        values are stored as strings (lists are joined with V(##)); an empty string removes the attribute.
    type: dict
  pkce_code_challenge_method:
    description:
      - PKCE method the client must use (the attribute C(pkce.code.challenge.method)); an empty string turns PKCE off.
      - Wins over the same key in O(attributes).
    type: str
    choices: ['', S256, plain]
  authentication_flow_binding_overrides:
    description:
      - Flows that replace the realm's for this client, by flow alias (or flow id). Overrides not given are kept; an empty string
        removes one. A flow that does not exist fails the task before anything is written.
    type: dict
    suboptions:
      browser:
        description: Flow used for browser logins to the client.
        type: str
      direct_grant:
        description: Flow used for direct grants of the client.
        type: str
  protocol_mappers:
    description:
      - Protocol mappers of the client itself, by name. Listed mappers are created or updated; others are kept unless
        O(purge_protocol_mappers=true).
      - For a new client they are sent with the create request.
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the mapper.
        type: str
        required: true
      protocol:
        description: Protocol of the mapper; the client's protocol when not set.
        type: str
        choices: [openid-connect, saml]
      protocol_mapper:
        description:
          - Mapper type, for example V(oidc-usermodel-attribute-mapper) or V(oidc-hardcoded-claim-mapper). Required to create a mapper.
          - A type Keycloak does not have fails the task before anything is written.
        type: str
      config:
        description:
          - Mapper configuration. Keys not given keep their value; values are compared and stored as strings.
        type: dict
  purge_protocol_mappers:
    description:
      - Remove the client's protocol mappers not listed in O(protocol_mappers).
    type: bool
    default: false
  default_client_scopes:
    description:
      - Client scopes whose claims the client always gets, by name. Listed scopes are linked (moved from the optional scopes when
        they are there); others are kept unless O(purge_default_client_scopes=true).
      - A new client gets the realm's default client scopes first. A scope that does not exist, or is of the other protocol, fails
        the task before anything is written.
    type: list
    elements: str
  purge_default_client_scopes:
    description:
      - Unlink default client scopes not listed in O(default_client_scopes). The C(service_account) scope, which Keycloak links
        itself to clients with a service account, is kept.
    type: bool
    default: false
  optional_client_scopes:
    description:
      - Client scopes the client gets when it asks for them, by name. Listed scopes are linked (moved from the default scopes when
        they are there); others are kept unless O(purge_optional_client_scopes=true).
    type: list
    elements: str
  purge_optional_client_scopes:
    description:
      - Unlink optional client scopes not listed in O(optional_client_scopes).
    type: bool
    default: false
  service_account_realm_roles:
    description:
      - Realm roles of the client's service account user. Needs O(service_accounts_enabled=true) (now or already on the server).
      - Listed roles are mapped; others are kept unless O(purge_service_account_roles=true).
    type: list
    elements: str
  service_account_client_roles:
    description:
      - Client roles of the client's service account user, by client. Needs O(service_accounts_enabled=true).
    type: list
    elements: dict
    suboptions:
      client_id:
        description: Client ID of the client that has the roles.
        type: str
        required: true
      roles:
        description: Names of the client's roles.
        type: list
        elements: str
        required: true
  purge_service_account_roles:
    description:
      - Unmap the service account's realm and client roles not listed in O(service_account_realm_roles) and
        O(service_account_client_roles), including the realm's default roles (C(default-roles-<realm>)) that Keycloak maps to a new
        service account. Needs a service account.
    type: bool
    default: false
  representation:
    # type: iam.keycloak.resource
    description:
      - 'Any other fields of the client representation, in the camelCase of the Keycloak REST API, for example
        C({"notBefore": 0}).'
      - Options set in the task win over the same field here. Protocol mappers and client scopes have options of their own and are
        refused here.
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: A confidential OpenID Connect client with PKCE, a mapper and a service account
  iam.keycloak.keycloak_client:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    client_id: portal
    name: Customer portal
    secret: "{{ portal_client_secret }}"
    root_url: https://portal.example.com
    redirect_uris: ["https://portal.example.com/*"]
    web_origins: ["+"]
    standard_flow_enabled: true
    service_accounts_enabled: true
    pkce_code_challenge_method: S256
    attributes:
      post.logout.redirect.uris: "https://portal.example.com/"
    protocol_mappers:
      - name: department
        protocol_mapper: oidc-usermodel-attribute-mapper
        config:
          user.attribute: department
          claim.name: department
          jsonType.label: String
          access.token.claim: true
          id.token.claim: true
    optional_client_scopes: [phone]
    service_account_realm_roles: [offline_access]
    service_account_client_roles:
      - client_id: realm-management
        roles: [view-users]

- name: A SAML client with its own browser flow
  iam.keycloak.keycloak_client:
    realm: acme
    client_id: https://wiki.example.com/saml
    protocol: saml
    redirect_uris: ["https://wiki.example.com/*"]
    attributes:
      saml.signature.algorithm: RSA_SHA256
    authentication_flow_binding_overrides:
      browser: browser with otp

- name: Exactly these default scopes
  iam.keycloak.keycloak_client:
    realm: acme
    client_id: portal
    default_client_scopes: [profile, email, roles, web-origins, acr, basic]
    purge_default_client_scopes: true

- name: Delete the client
  iam.keycloak.keycloak_client:
    realm: acme
    client_id: portal
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The client after the task, secrets masked, with C(protocolMappers), C(defaultClientScopes) and C(optionalClientScopes), and
      C(serviceAccountRoleMappings) when the task manages them. After a create, the fields the task sent; after a delete, empty.
    - In check mode, the same prediction.
  returned: always
  type: dict
  sample: {"clientId": "portal", "enabled": true, "secret": "********", "redirectUris": ["https://portal.example.com/*"],
           "serviceAccountRoleMappings": [{"name": "offline_access", "clientId": null}]}
diff:
  description: Before and after of the fields and nested lists the task set, secrets masked.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"rootUrl": "https://old.example.com"}, "after": {"rootUrl": "https://portal.example.com"}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "client 'portal': updated rootUrl; protocolMappers 'department' added"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: Internal id of the client (null before a create in check mode).
  returned: when the client exists or is created
  type: str
  sample: 5b1f8a0c-0c8e-4a55-a3f8-2f1d3c1b9a77
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client import CLIENT


def main():
    run(CLIENT)


if __name__ == "__main__":
    main()
