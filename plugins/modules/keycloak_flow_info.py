#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_flow_info
short_description: Read Keycloak authentication flows as keycloak_flow takes them, and the authenticators the server offers
version_added: 0.1.0
description:
  - Returns the top-level authentication flows of a realm, or one by its alias or its id, each with its whole tree of executions and
    sub-flows and their authenticator configs, in the shape M(iam.keycloak.keycloak_flow) takes. Changes nothing.
  - Or returns one execution by its id, with the flow that holds it.
  - Also returns the providers the server offers for executions (authenticators, client authenticators, form actions and
    forms), each with the settings its config takes.
  - Config settings that a provider marks as secret are masked.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  realm:
    description:
      - Name of the realm the flows belong to.
    type: str
    default: master
  alias:
    description:
      - Return only the flow with this alias (exact match); an empty list when there is none.
    type: str
  id:
    description:
      - Return only the top-level flow with this id (one read, not the list), for example one a client's
        C(authenticationFlowBindingOverrides) names; an empty list when there is none, or when the id is a sub-flow's.
    type: str
  execution_id:
    description:
      - The id of one execution, for example from an admin event's C(resourcePath) (C(authentication/executions/<id>)).
      - Returns it as RV(execution), and in RV(flows) only the top-level flow that holds it, at any depth (one more request per
        top-level flow, until found, when the execution is in a sub-flow). RV(execution) is null and RV(flows) empty when the
        realm has no such execution.
    type: str
  providers:
    description:
      - Also return the providers and their config descriptions (about 50 more requests on a stock Keycloak 26).
    type: bool
    default: true
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: Every flow of the realm and the authenticators on offer
  iam.keycloak.keycloak_flow_info:
    auth_keycloak_url: http://localhost:8080
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    realm: acme
  register: acme_flows

- name: The settings the identity provider redirector takes
  ansible.builtin.debug:
    msg: "{{ (acme_flows.providers | selectattr('id', 'equalto', 'identity-provider-redirector') | first).properties
             | map(attribute='name') }}"

- name: One flow, without the providers
  iam.keycloak.keycloak_flow_info:
    realm: acme
    alias: browser
    providers: false
  register: browser

- name: A flow by its id, as a client's authenticationFlowBindingOverrides names it
  iam.keycloak.keycloak_flow_info:
    realm: acme
    id: "{{ browser.flows[0].id }}"
    providers: false

- name: The execution an admin event names (resourcePath authentication/executions/<id>), and the flow that holds it
  iam.keycloak.keycloak_flow_info:
    realm: acme
    execution_id: "{{ event_execution_id }}"
    providers: false
  register: one_execution

- name: What that execution runs, and in which flow
  ansible.builtin.debug:
    msg: "{{ one_execution.execution.authenticator }} ({{ one_execution.execution.requirement }}) in {{ one_execution.flows[0].alias }}"
  when: one_execution.execution is not none

- name: The authenticators the browser flow runs first, in order
  ansible.builtin.debug:
    msg: "{{ browser.flows[0].executions | map(attribute='authenticator', default='(sub-flow)') | list }}"
"""

RETURN = r"""
flows:
  description:
    - The flows found. C(alias), C(description), C(provider_id), C(bind_as) (the realm bindings that name the flow) and
      C(executions) are the options of M(iam.keycloak.keycloak_flow); C(id) and C(built_in) are the server's.
    - Each execution has C(authenticator), or C(flow_alias), C(provider_id), C(description) and C(executions) for a sub-flow,
      with C(requirement) and, when it has one, C(config) (C(alias) and the C(config) settings).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 2b29e474-af08-4636-bed5-63d7a51a05b4
      alias: browser
      description: Browser based authentication
      provider_id: basic-flow
      built_in: true
      bind_as: [browser]
      executions:
        - {authenticator: auth-cookie, requirement: ALTERNATIVE}
        - flow_alias: forms
          provider_id: basic-flow
          description: Username, password, otp and other auth forms.
          requirement: ALTERNATIVE
          executions:
            - {authenticator: auth-username-password-form, requirement: REQUIRED}
execution:
  description:
    - The execution O(execution_id) names, as Keycloak represents it (AuthenticationExecutionRepresentation), or null when there
      is none. C(parentFlow) is the id of the flow or sub-flow it is in; a sub-flow's execution has C(authenticatorFlow) true and
      C(flowId), the sub-flow's id; C(authenticatorConfig) is the id of its config, when it has one.
  returned: when O(execution_id) is set
  type: dict
  sample:
    id: 9f0e6c2a-4b71-4d3e-8a5c-1e2b7d9f3a60
    authenticator: auth-cookie
    authenticatorFlow: false
    requirement: ALTERNATIVE
    priority: 10
    parentFlow: 2b29e474-af08-4636-bed5-63d7a51a05b4
providers:
  description:
    - The providers executions can use. C(type) is V(authenticator) (basic flows), V(client authenticator) (client flows),
      V(form action) (inside form sub-flows) or V(form) (what a form sub-flow is built on). C(properties) are the settings its
      config takes (C(name), C(label), C(helpText), C(type), C(defaultValue), C(options), C(secret)).
  returned: when O(providers=true)
  type: list
  elements: dict
  sample:
    - id: identity-provider-redirector
      type: authenticator
      displayName: Identity Provider Redirector
      description: Redirects to default Identity Provider or Identity Provider specified with kc_idp_hint query parameter
      properties:
        - {name: defaultProvider, label: Default Identity Provider, type: String, secret: false}
"""

from ansible_collections.iam.keycloak.plugins.module_utils.engine import mask
from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule
from ansible_collections.iam.keycloak.plugins.module_utils.resources.flow import describe_execution, describe_flows


def main():
    module = KeycloakModule(
        argument_spec=dict(
            realm=dict(type="str", default="master"),
            alias=dict(type="str"),
            id=dict(type="str"),
            execution_id=dict(type="str"),
            providers=dict(type="bool", default=True),
        ),
        mutually_exclusive=[("alias", "id", "execution_id")],
        supports_check_mode=True,
    )
    params = module.params

    def body():
        api = module.client_for(params["realm"])
        result = {"changed": False}
        if params["execution_id"] is not None:
            result["execution"], flows, providers = describe_execution(api, params["execution_id"], params["providers"])
        else:
            flows, providers = describe_flows(api, params["alias"], params["providers"], flow_id=params["id"])
        result["flows"] = mask(flows)
        if providers is not None:
            result["providers"] = providers
        return result

    empty = {"flows": [], "providers": []} if params["providers"] else {"flows": []}
    if params["execution_id"] is not None:
        empty["execution"] = None
    module.run(body, empty=empty)


if __name__ == "__main__":
    main()
