#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_flow
short_description: Create, change in place and delete Keycloak authentication flows, their executions, sub-flows and configs
version_added: 0.1.0
description:
  - Creates, updates or deletes a top-level authentication flow of a realm, found by its alias, optionally created as a copy of
    another flow (O(copy_from)).
  - O(executions) is the flow's whole tree of executions and sub-flows, in order. The module changes the flow in place to match
    it, level by level. It adds and removes executions, reorders them by setting their priority, and changes requirements,
    sub-flow descriptions and authenticator configs. It never deletes and recreates the flow, nor an execution the task keeps,
    so the ids of the flow and of every kept execution stay the same, and clients' flow overrides keep working.
  - Everything that can be checked is checked before anything is written. An unknown authenticator, a requirement the server
    does not allow, a config or sub-flow alias already used in the realm, or a change Keycloak cannot make in place fails
    the task first.
  - O(bind_as) binds the flow to the realm (browser flow, direct grant flow, ...).
  - A flow that the realm, a client override or an identity provider still uses is not deleted; the task fails and names
    those uses. Built-in flows are never deleted.
  - How the tree is matched and changed, with an example, is in the collection's guide
    L(Authentication flows,https://github.com/iam-keycloak/iam.keycloak/blob/main/docs/flows.md); a one-time password for one role
    or group only is in L(Tasks,https://github.com/iam-keycloak/iam.keycloak/blob/main/docs/tasks.md).
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  alias:
    description:
      - The flow's alias, by which it is found. Keycloak refuses aliases with C(/), C(+) or C(#).
    type: str
    required: true
  description:
    description:
      - The flow's description.
    type: str
  provider_id:
    description:
      - The flow's type. V(basic-flow) (users log in through it) or V(client-flow) (clients authenticate through it; the
        client authentication binding takes one).
      - A new flow is a V(basic-flow) unless set, or of the type of the flow it copies. An existing flow's type changes only
        while it has no executions.
      - The alias O(providerId) is community.general's name for it (in C(community.general.keycloak_authentication)).
    type: str
    choices: [basic-flow, client-flow]
    aliases: [providerId]
  copy_from:
    description:
      - Alias of a top-level flow to copy when the flow is created, for example V(browser). It has no effect on a flow that
        exists.
      - Keycloak names the copy's sub-flows and configs C(<alias> <old alias>), for example the C(forms) sub-flow of
        V(browser) copied as C(my browser) is C(my browser forms). O(executions) names them so.
      - A flow that does not exist fails the task before anything is written. In check mode, a flow an earlier task creates
        is taken as existing, with a warning.
      - The alias O(copyFrom) is community.general's name for it.
    type: str
    aliases: [copyFrom]
  executions:
    description:
      - The flow's executions and sub-flows, in order. When set, this list is the flow's whole tree. Executions and sub-flows
        not listed are removed, listed ones are added or kept, and each level is put in the listed order. When not set, the
        tree is left alone.
      - An item is an execution (O(executions[].authenticator)) or a sub-flow (O(executions[].flow_alias)). A listed item
        is the existing one with the same sub-flow alias or, for an execution, the same authenticator at the same level. Of
        two executions of one authenticator, the one whose config alias the task names is meant, otherwise the first. A
        sub-flow listed under another parent is removed there and added here (Keycloak cannot move an execution).
      - Options left out of an item leave that setting alone on an existing execution. A new execution is V(DISABLED) unless
        O(executions[].requirement) says otherwise.
      - Built-in flows take requirement, order and config changes, but Keycloak adds no execution to them and removes none
        (copy them with O(copy_from)).
    type: list
    elements: dict
    suboptions:
      authenticator:
        description:
          - The authenticator's provider id, for example V(auth-otp-form) or V(identity-provider-redirector). In a
            V(client-flow), a client authenticator (V(client-secret)); in a V(form-flow) sub-flow, a form action
            (V(registration-user-creation)). M(iam.keycloak.keycloak_flow_info) lists the providers.
          - For a V(form-flow) sub-flow, the form it is built on (V(registration-page-form)).
          - A provider the server does not have fails the task before anything is written.
        type: str
      flow_alias:
        description:
          - Makes the item a sub-flow with this alias. Flow and sub-flow aliases are unique in the realm.
        type: str
      provider_id:
        description:
          - The sub-flow's type, V(basic-flow) (default for a new sub-flow) or V(form-flow). It cannot change in place.
        type: str
        choices: [basic-flow, form-flow]
      description:
        description:
          - The sub-flow's description.
        type: str
      requirement:
        description:
          - V(REQUIRED), V(ALTERNATIVE), V(CONDITIONAL) (for sub-flows, and the few authenticators that allow it) or
            V(DISABLED).
          - It must be one the server allows for that execution (the C(requirementChoices) Keycloak tells, for example
            V(REQUIRED) only for C(auth-username-password-form)). Keycloak itself stores any, so the module checks.
          - For an execution not added yet, these are the choices of the same authenticator elsewhere in the realm's flows.
            The server tells the choices of an authenticator that the realm uses nowhere only once it is in a flow. The module
            then adds it, disabled (which changes no login), before anything else is written. If the requirement is refused,
            it removes the execution again and fails the task, the flow as it was. Check mode cannot ask.
        type: str
        choices: [REQUIRED, ALTERNATIVE, CONDITIONAL, DISABLED]
      config:
        description:
          - The execution's authenticator config.
        type: dict
        suboptions:
          alias:
            description:
              - The config's alias; config aliases are unique in the realm. A different alias renames the execution's config.
            type: str
            required: true
          config:
            description:
              - The settings, by name (M(iam.keycloak.keycloak_flow_info) lists each authenticator's). Values are stored as
                strings. Keys not given keep their value.
              - Settings that the authenticator's config description marks as secret are masked in C(diff) and C(end_state).
            type: dict
          state:
            description:
              - V(absent) deletes the execution's config of this O(executions[].config.alias) (Keycloak unlinks the execution,
                which stays, with its id); nothing when the execution has no config, or one of another alias. It takes no
                O(executions[].config.config).
            type: str
            choices: [present, absent]
            default: present
      executions:
        description:
          - The sub-flow's executions and sub-flows, in order, with the same keys as O(executions), at any depth.
            Authoritative like O(executions).
          - Not set leaves the sub-flow's executions alone.
        type: list
        elements: dict
  bind_as:
    description:
      - Bind the flow to the realm as these flows. V(client_authentication) takes a V(client-flow), every other binding a
        V(basic-flow).
      - Bindings not listed are left as they are (a binding always names some flow; bind another one to change it).
    type: list
    elements: str
    choices: [browser, client_authentication, direct_grant, docker, first_broker_login, registration, reset_credentials]
  state:
    # type, choices and default: iam.keycloak.resource
    description:
      - V(present) creates the flow or changes it in place; V(absent) deletes it.
      - A flow still in use is not deleted. The task fails and names each use (a realm binding, a client's flow override,
        an identity provider's first or post broker login flow). Built-in flows are never deleted.
  representation:
    # type: iam.keycloak.resource
    description:
      - Any other fields of the flow representation, in the camelCase of the Keycloak REST API.
      - Options set in the task win over the same field here. The executions and bindings have options of their own and are
        refused here.
notes:
  - Reordering sets the executions' priorities, which Keycloak reports and takes since version 25. Each level keeps the
    priorities of the longest run of executions already in order, and only the others are written.
  - Authenticator config values come back from Keycloak in clear. They are compared as any field, and those the provider
    marks as secret are masked in the output.
extends_documentation_fragment:
  - iam.keycloak.resource
  - iam.keycloak.keycloak
  - iam.keycloak.attributes
"""

EXAMPLES = r"""
- name: A browser flow with a one-time password sub-flow, bound as the realm's browser flow
  iam.keycloak.keycloak_flow:
    auth_keycloak_url: http://localhost:8080
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
    alias: acme browser
    description: Browser login with OTP for everyone
    copy_from: browser
    executions:
      - authenticator: auth-cookie
        requirement: ALTERNATIVE
      - authenticator: identity-provider-redirector
        requirement: ALTERNATIVE
        config:
          alias: acme idp redirect
          config:
            defaultProvider: corp
      - flow_alias: acme browser forms
        requirement: ALTERNATIVE
        executions:
          - authenticator: auth-username-password-form
            requirement: REQUIRED
          - flow_alias: acme otp
            description: Everyone gives a one-time password
            requirement: REQUIRED
            executions:
              - authenticator: auth-otp-form
                requirement: REQUIRED
    bind_as: [browser]

- name: A direct grant flow built from scratch
  iam.keycloak.keycloak_flow:
    realm: acme
    alias: acme direct grant
    executions:
      - authenticator: direct-grant-validate-username
        requirement: REQUIRED
      - authenticator: direct-grant-validate-password
        requirement: REQUIRED

- name: Only the description; the executions are left alone
  iam.keycloak.keycloak_flow:
    realm: acme
    alias: acme direct grant
    description: Username and password, no OTP

- name: The identity provider redirector loses its config (the default provider)
  iam.keycloak.keycloak_flow:
    realm: acme
    alias: acme browser
    executions:
      - authenticator: auth-cookie
        requirement: ALTERNATIVE
      - authenticator: identity-provider-redirector
        requirement: ALTERNATIVE
        config:
          alias: acme idp redirect
          state: absent
      - flow_alias: acme browser forms  # its executions left as they are
        requirement: ALTERNATIVE

- name: Bind the built-in browser flow again
  iam.keycloak.keycloak_flow:
    realm: acme
    alias: browser
    bind_as: [browser]

- name: Delete the flow (refused, naming the uses, while something still uses it)
  iam.keycloak.keycloak_flow:
    realm: acme
    alias: acme browser
    state: absent
"""

RETURN = r"""
end_state:
  description:
    - The flow after the task. With O(executions) set, C(executions) holds the tree in the shape O(executions) takes (the
      config's secret settings masked). With O(bind_as) set, C(bindAs) lists every binding of the realm that names the flow.
      After a delete, empty.
    - After a real run that changed something, the flow as read back; in check mode and on a no-op run, the prediction.
  returned: always
  type: dict
  sample:
    id: 7f1c2b9e-6a43-4c57-b0b8-1b5c6f2d9e10
    alias: acme browser
    description: Browser login with OTP for everyone
    providerId: basic-flow
    topLevel: true
    builtIn: false
    bindAs: [browser]
    executions:
      - {authenticator: auth-cookie, requirement: ALTERNATIVE}
      - {authenticator: identity-provider-redirector, requirement: ALTERNATIVE,
         config: {alias: acme idp redirect, config: {defaultProvider: corp}}}
      - flow_alias: acme browser forms
        provider_id: basic-flow
        requirement: ALTERNATIVE
        executions:
          - {authenticator: auth-username-password-form, requirement: REQUIRED}
          - {flow_alias: acme otp, provider_id: basic-flow, description: Everyone gives a one-time password, requirement: REQUIRED,
             executions: [{authenticator: auth-otp-form, requirement: REQUIRED}]}
diff:
  description: Before and after of the fields the task set; the executions as whole trees, secret config settings masked.
  returned: when diff mode is on
  type: dict
  sample:
    before: {executions: [{authenticator: auth-otp-form, requirement: ALTERNATIVE}]}
    after: {executions: [{authenticator: auth-otp-form, requirement: REQUIRED}]}
msg:
  description: What was done, or found already as wanted.
  returned: always
  type: str
  sample: "authentication flow 'acme browser': updated executions"
operation:
  description: V(create), V(update), V(delete) or V(none).
  returned: always
  type: str
  sample: update
id:
  description: The flow's id (null before a create in check mode). It stays the same through every change.
  returned: when the flow exists or is created
  type: str
  sample: 7f1c2b9e-6a43-4c57-b0b8-1b5c6f2d9e10
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import run
from ansible_collections.iam.keycloak.plugins.module_utils.resources.flow import FLOW


def main():
    run(FLOW)


if __name__ == "__main__":
    main()
