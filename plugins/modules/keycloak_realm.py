#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_realm
short_description: Create, update and delete Keycloak realms and their settings
version_added: 0.1.0
description:
  - Creates, updates or deletes a realm. Only the options a task sets are compared and written; every other setting of the realm is
    left as it is on the server.
  - Covers login, tokens and sessions, themes and languages, SMTP, brute-force detection, OTP and WebAuthn policies, the password
    policy, flow bindings, event settings, and the default roles, groups and client scopes of the realm. Any other field of the
    realm representation can be set through O(representation).
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Name of the realm.
    type: str
    required: true
  state:
    description:
      - V(present) creates the realm or updates the options set; V(absent) deletes the realm and everything in it.
    type: str
    choices: [present, absent]
    default: present
  display_name:
    description:
      - Name of the realm shown to users.
    type: str
  display_name_html:
    description:
      - Name of the realm shown on the login page, as HTML.
    type: str
  enabled:
    description:
      - Whether users and clients can use the realm.
      - A realm that the task creates is enabled unless this is V(false) (as the admin console does; Keycloak itself
        would create a realm sent without it disabled). Left out on an existing realm, the realm's setting is left alone.
    type: bool
  ssl_required:
    description:
      - Which requests must use HTTPS.
    type: str
    choices: [all, external, none]
  registration_allowed:
    description:
      - Users may register themselves on the login page.
    type: bool
  registration_email_as_username:
    description:
      - The e-mail address is the username.
    type: bool
  remember_me:
    description:
      - Show a remember-me box on the login page.
    type: bool
  verify_email:
    description:
      - Users must verify their e-mail address.
    type: bool
  login_with_email_allowed:
    description:
      - Users may log in with their e-mail address.
    type: bool
  duplicate_emails_allowed:
    description:
      - Several users may share one e-mail address.
    type: bool
  reset_password_allowed:
    description:
      - Show a forgot-password link on the login page.
    type: bool
  edit_username_allowed:
    description:
      - Users may change their username.
    type: bool
  user_managed_access_allowed:
    description:
      - Users may manage their resources in the account console (UMA).
    type: bool
  organizations_enabled:
    description:
      - Turn on organizations in the realm.
    type: bool
  admin_permissions_enabled:
    description:
      - Turn on fine-grained admin permissions (version 2) in the realm.
      - Keycloak 26.2 or newer; on an older server the task fails before any write.
    type: bool
  default_signature_algorithm:
    description:
      - Algorithm that signs the realm's tokens, for example V(RS256).
    type: str
  revoke_refresh_token:
    description:
      - A refresh token can be used only O(refresh_token_max_reuse) times.
    type: bool
  refresh_token_max_reuse:
    description:
      - How often a refresh token may be reused when O(revoke_refresh_token) is on.
    type: int
  access_token_lifespan:
    description:
      - Seconds an access token lives.
    type: int
  access_token_lifespan_for_implicit_flow:
    description:
      - Seconds an access token of the implicit flow lives.
    type: int
  sso_session_idle_timeout:
    description:
      - Seconds an idle SSO session lives.
    type: int
  sso_session_max_lifespan:
    description:
      - Seconds an SSO session lives at most.
    type: int
  sso_session_idle_timeout_remember_me:
    description:
      - Seconds an idle remember-me session lives.
    type: int
  sso_session_max_lifespan_remember_me:
    description:
      - Seconds a remember-me session lives at most.
    type: int
  offline_session_idle_timeout:
    description:
      - Seconds an idle offline session lives.
    type: int
  offline_session_max_lifespan_enabled:
    description:
      - Limit the lifespan of offline sessions.
    type: bool
  offline_session_max_lifespan:
    description:
      - Seconds an offline session lives at most.
    type: int
  client_session_idle_timeout:
    description:
      - Seconds an idle client session lives.
    type: int
  client_session_max_lifespan:
    description:
      - Seconds a client session lives at most.
    type: int
  client_offline_session_idle_timeout:
    description:
      - Seconds an idle offline client session lives.
    type: int
  client_offline_session_max_lifespan:
    description:
      - Seconds an offline client session lives at most.
    type: int
  access_code_lifespan:
    description:
      - Seconds an authorization code lives.
    type: int
  access_code_lifespan_user_action:
    description:
      - Seconds a user has for an action such as a password reset.
    type: int
  access_code_lifespan_login:
    description:
      - Seconds a user has to complete the login.
    type: int
  action_token_generated_by_admin_lifespan:
    description:
      - Seconds an action token sent by an admin lives.
    type: int
  action_token_generated_by_user_lifespan:
    description:
      - Seconds an action token asked for by a user lives.
    type: int
  oauth2_device_code_lifespan:
    description:
      - Seconds a device code lives (device authorization grant).
    type: int
  oauth2_device_polling_interval:
    description:
      - Seconds a device must wait between two polls.
    type: int
  login_theme:
    description:
      - Theme of the login pages.
    type: str
  account_theme:
    description:
      - Theme of the account console.
    type: str
  admin_theme:
    description:
      - Theme of the admin console.
    type: str
  email_theme:
    description:
      - Theme of the e-mails.
    type: str
  internationalization_enabled:
    description:
      - Offer several languages.
    type: bool
  supported_locales:
    description:
      - Languages offered (compared without order).
    type: list
    elements: str
  default_locale:
    description:
      - Language used when the user has chosen none.
    type: str
  brute_force_protected:
    description:
      - Lock users out after repeated login failures.
    type: bool
  brute_force_strategy:
    description:
      - How the wait grows with each lockout.
    type: str
    choices: [MULTIPLE, LINEAR]
  permanent_lockout:
    description:
      - Disable the user instead of locking them out for a while.
    type: bool
  max_temporary_lockouts:
    description:
      - Temporary lockouts before a permanent one (0 = never permanent).
    type: int
  max_failure_wait_seconds:
    description:
      - Longest wait after failures, in seconds.
    type: int
  minimum_quick_login_wait_seconds:
    description:
      - Wait after a too-quick login failure, in seconds.
    type: int
  wait_increment_seconds:
    description:
      - How much each failure adds to the wait, in seconds.
    type: int
  quick_login_check_milli_seconds:
    description:
      - Two failures closer than this many milliseconds count as quick.
    type: int
  max_delta_time_seconds:
    description:
      - Seconds after which the failure count is reset.
    type: int
  failure_factor:
    description:
      - Failures before a lockout.
    type: int
  password_policy:
    description:
      - The password policy, in Keycloak's syntax, for example V(length(12\) and notUsername(undefined\)).
    type: str
  otp_policy_type:
    description:
      - One-time password type.
    type: str
    choices: [totp, hotp]
  otp_policy_algorithm:
    description:
      - One-time password hash algorithm, for example V(HmacSHA1).
    type: str
  otp_policy_digits:
    description:
      - Digits of a one-time password.
    type: int
  otp_policy_period:
    description:
      - Seconds a time-based one-time password is valid.
    type: int
  otp_policy_initial_counter:
    description:
      - Initial counter of counter-based one-time passwords.
    type: int
  otp_policy_look_ahead_window:
    description:
      - How many one-time passwords ahead are accepted.
    type: int
  otp_policy_code_reusable:
    description:
      - A one-time password may be used more than once.
    type: bool
  web_authn_policy_rp_entity_name:
    description:
      - WebAuthn relying party name.
    type: str
  web_authn_policy_rp_id:
    description:
      - WebAuthn relying party id (a domain).
    type: str
  web_authn_policy_signature_algorithms:
    description:
      - WebAuthn signature algorithms (compared without order).
    type: list
    elements: str
  web_authn_policy_attestation_conveyance_preference:
    description:
      - WebAuthn attestation conveyance preference.
    type: str
  web_authn_policy_authenticator_attachment:
    description:
      - WebAuthn authenticator attachment.
    type: str
  web_authn_policy_require_resident_key:
    description:
      - WebAuthn resident key requirement (V(Yes), V(No), V(not specified)).
    type: str
  web_authn_policy_user_verification_requirement:
    description:
      - WebAuthn user verification requirement.
    type: str
  web_authn_policy_create_timeout:
    description:
      - Seconds to create a WebAuthn credential.
    type: int
  web_authn_policy_avoid_same_authenticator_register:
    description:
      - Refuse registering the same authenticator twice.
    type: bool
  browser_flow:
    description:
      - Alias of the flow bound to browser logins.
    type: str
  registration_flow:
    description:
      - Alias of the flow bound to registration.
    type: str
  direct_grant_flow:
    description:
      - Alias of the flow bound to the direct grant.
    type: str
  reset_credentials_flow:
    description:
      - Alias of the flow bound to credential reset.
    type: str
  client_authentication_flow:
    description:
      - Alias of the flow bound to client authentication.
    type: str
  docker_authentication_flow:
    description:
      - Alias of the flow bound to Docker authentication.
    type: str
  first_broker_login_flow:
    description:
      - Alias of the flow run on the first login through an identity provider.
    type: str
  events_enabled:
    description:
      - Store login events.
    type: bool
  events_expiration:
    description:
      - Seconds login events are kept.
    type: int
  events_listeners:
    description:
      - Event listeners (compared without order), for example V(jboss-logging).
    type: list
    elements: str
  enabled_event_types:
    description:
      - Login event types stored (compared without order).
    type: list
    elements: str
  admin_events_enabled:
    description:
      - Store admin events.
    type: bool
  admin_events_details_enabled:
    description:
      - Store the representation with each admin event.
    type: bool
  smtp_server:
    description:
      - The realm's SMTP settings. Keys not given keep their value on the server.
    type: dict
    suboptions:
      host:
        description: SMTP host.
        type: str
      port:
        description: SMTP port.
        type: int
      from:
        description: Sender address.
        type: str
      from_display_name:
        description: Sender name.
        type: str
      reply_to:
        description: Reply-to address.
        type: str
      reply_to_display_name:
        description: Reply-to name.
        type: str
      envelope_from:
        description: Envelope sender address.
        type: str
      ssl:
        description: Use SSL.
        type: bool
      starttls:
        description: Use STARTTLS.
        type: bool
      auth:
        description: Log into the SMTP server.
        type: bool
      user:
        description: SMTP user.
        type: str
      password:
        description:
          - SMTP password. Keycloak never shows it, so it is only sent when the realm has no SMTP password yet (when it is created,
            for example) or with O(update_password=always), not when other SMTP settings change.
        type: str
  attributes:
    description:
      - Realm attributes. Keys not given keep their value; values are stored as strings.
    type: dict
  default_roles:
    description:
      - Realm roles every new user gets (the composites of the realm's default role).
      - Listed roles are added; others are kept unless O(purge_default_roles=true).
      - When the task creates the realm, only the roles a new realm has (C(offline_access), C(uma_authorization)) can be listed;
        any other fails the task before anything is written.
    type: list
    elements: str
  purge_default_roles:
    description:
      - Remove default roles not listed in O(default_roles).
    type: bool
    default: false
  default_groups:
    description:
      - Paths of the groups every new user joins, for example V(/staff).
      - Listed groups are added; others are kept unless O(purge_default_groups=true).
      - A new realm has no group, so this option is set on an existing realm, after its groups are created.
    type: list
    elements: str
  purge_default_groups:
    description:
      - Remove default groups not listed in O(default_groups).
    type: bool
    default: false
  default_client_scopes:
    description:
      - Client scopes every new client gets as default scopes.
      - Listed scopes are added (moved from the optional scopes when they are there); others are kept unless
        O(purge_default_client_scopes=true). A scope listed here and in O(optional_client_scopes) fails the task.
      - When the task creates the realm, only the client scopes Keycloak gives a new realm can be listed.
    type: list
    elements: str
  purge_default_client_scopes:
    description:
      - Remove realm default client scopes not listed in O(default_client_scopes).
    type: bool
    default: false
  optional_client_scopes:
    description:
      - Client scopes every new client gets as optional scopes.
      - Listed scopes are added (moved from the default scopes when they are there); others are kept unless
        O(purge_optional_client_scopes=true).
      - When the task creates the realm, only the client scopes Keycloak gives a new realm can be listed.
    type: list
    elements: str
  purge_optional_client_scopes:
    description:
      - Remove realm optional client scopes not listed in O(optional_client_scopes).
    type: bool
    default: false
  update_password:
    description:
      - V(on_create) sends the SMTP password only while the realm has none (when it is created, for example), so reruns stay
        unchanged; V(always) sends it on every run and reports a change each time, because Keycloak never shows the stored password.
    type: str
    choices: [on_create, always]
    default: on_create
  representation:
    description:
      - 'Any other fields of the realm representation, in the camelCase of the Keycloak REST API, for example C({"userManagedAccessAllowed": true}).'
      - Options set in the task win over the same field here.
    type: dict
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: A realm with sessions, SMTP and brute-force detection
  iam.keycloak.keycloak_realm:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    display_name: ACME Corp
    enabled: true
    login_with_email_allowed: true
    sso_session_idle_timeout: 1800
    access_token_lifespan: 300
    brute_force_protected: true
    failure_factor: 5
    password_policy: "length(12) and notUsername(undefined)"
    smtp_server:
      host: smtp.example.com
      port: 587
      from: sso@example.com
      starttls: true
      auth: true
      user: sso
      password: "{{ smtp_password }}"
    events_enabled: true
    events_listeners: [jboss-logging]
    default_roles: [offline_access]

- name: Rotate the SMTP password (reports a change on every run)
  iam.keycloak.keycloak_realm:
    realm: acme
    smtp_server:
      password: "{{ new_smtp_password }}"
    update_password: always

- name: Delete the realm
  iam.keycloak.keycloak_realm:
    realm: acme
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The realm after the task, secrets masked. After a create, the fields the task sent; after a delete, empty.
    - In check mode, the same prediction.
  returned: always
  type: dict
  sample: {"realm": "acme", "enabled": true, "displayName": "ACME Corp", "smtpServer": {"host": "smtp.example.com", "password": "********"}}
diff:
  description: Before and after of the fields the task set, secrets masked.
  returned: when diff mode is on
  type: dict
  sample: {"before": {"displayName": "ACME"}, "after": {"displayName": "ACME Corp"}}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "realm 'acme': updated displayName"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: Name of the realm (null before a create in check mode).
  returned: when the realm exists or is created
  type: str
  sample: acme
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.realm import REALM


def main():
    run(REALM)


if __name__ == "__main__":
    main()
