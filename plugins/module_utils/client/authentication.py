# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Authentication flows, executions, authenticator configs and required actions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import urls
from .base import KeycloakAdminBase


class AuthenticationMixin(KeycloakAdminBase):
    """Authentication flows, executions, authenticator configs and required actions."""

    # ------------------------------------------------------------------ flows

    def get_authentication_flows(self):
        """List every authentication flow of the realm (AuthenticationFlowRepresentation dicts)."""
        return self._get(self._url(urls.AUTHN_FLOWS))

    def get_authentication_flow_for_id(self, flow_id):
        """Get one authentication flow by its id (not its alias)."""
        return self._get(self._url(urls.AUTHN_FLOW, flow_id=flow_id))

    def create_authentication_flow(self, payload, skip_exists=False):
        """Create a top-level authentication flow; with ``skip_exists`` an existing alias is not an error.

        Returns the server's (empty) answer, or ``{"msg": "Already exists"}`` on a skipped 409.
        """
        return self._post(self._url(urls.AUTHN_FLOWS), payload, expected=(201,), skip_exists=skip_exists)

    def copy_authentication_flow(self, payload, flow_alias):
        """Copy the flow ``flow_alias`` under the name ``payload["newName"]``; returns the server's (empty) answer."""
        return self._post(self._url(urls.AUTHN_FLOW_COPY, flow_alias=flow_alias), payload, expected=(201,))

    def delete_authentication_flow(self, flow_id):
        """Delete an authentication flow by id; returns the server's (empty) answer."""
        return self._delete(self._url(urls.AUTHN_FLOW, flow_id=flow_id), expected=(204,))

    def update_authentication_flow(self, flow_id, payload):
        """Update a top-level flow (its description, ...) by id; returns the server's (empty) answer.

        Keycloak takes ``payload`` as the whole AuthenticationFlowRepresentation: a field left out
        is cleared, and a flow sent without ``topLevel: true`` stops being a top-level flow. Send the
        flow as read, with the changed fields.
        """
        return self._put(self._url(urls.AUTHN_FLOW, flow_id=flow_id), payload, expected=(202, 204))

    # ------------------------------------------------------------- executions

    def get_authentication_flow_executions(self, flow_alias):
        """List the executions of a flow and its sub-flows (AuthenticationExecutionInfoRepresentation dicts)."""
        return self._get(self._url(urls.AUTHN_FLOW_EXECUTIONS, flow_alias=flow_alias))

    def update_authentication_flow_executions(self, payload, flow_alias):
        """Update one execution of a flow (requirement, priority, ...) from an AuthenticationExecutionInfoRepresentation.

        Returns the server's (empty) answer.
        """
        # Keycloak answers 202 Accepted here, older versions 204.
        return self._put(self._url(urls.AUTHN_FLOW_EXECUTIONS, flow_alias=flow_alias), payload, expected=(202, 204))

    def get_authentication_flow_execution(self, execution_id):
        """Get one execution by id (AuthenticationExecutionRepresentation)."""
        return self._get(self._url(urls.AUTHN_EXECUTION, execution_id=execution_id))

    def create_authentication_flow_execution(self, payload, flow_alias):
        """Add an authenticator execution (``payload["provider"]``) to a flow; returns the server's (empty) answer."""
        return self._post(self._url(urls.AUTHN_FLOW_EXECUTION_CREATE, flow_alias=flow_alias), payload, expected=(201,))

    def delete_authentication_flow_execution(self, execution_id):
        """Delete an execution by id; returns the server's (empty) answer."""
        return self._delete(self._url(urls.AUTHN_EXECUTION, execution_id=execution_id), expected=(204,))

    def create_authentication_flow_subflow(self, payload, flow_alias, skip_exists=False):
        """Add a sub-flow (``alias``, ``type``, ``provider``, ``description``) to a flow.

        Returns the server's (empty) answer, or ``{"msg": "Already exists"}`` on a skipped 409.
        """
        return self._post(
            self._url(urls.AUTHN_FLOW_SUBFLOW_CREATE, flow_alias=flow_alias), payload, expected=(201,), skip_exists=skip_exists
        )

    # ----------------------------------------------------------- authenticators

    def get_authenticator_providers(self):
        """List the authenticator providers an execution can use (dicts with ``id``, ``displayName``, ``description``)."""
        return self._get(self._url(urls.AUTHN_AUTHENTICATOR_PROVIDERS))

    def get_client_authenticator_providers(self):
        """List the client authenticators an execution of a ``client-flow`` can use (``id``, ``displayName``, ...)."""
        return self._get(self._url(urls.AUTHN_CLIENT_AUTHENTICATOR_PROVIDERS))

    def get_form_action_providers(self):
        """List the form actions an execution of a ``form-flow`` can use (``id``, ``displayName``, ``description``)."""
        return self._get(self._url(urls.AUTHN_FORM_ACTION_PROVIDERS))

    def get_form_providers(self):
        """List the forms a ``form-flow`` sub-flow can be built on (``registration-page-form``, ...)."""
        return self._get(self._url(urls.AUTHN_FORM_PROVIDERS))

    def get_per_client_config_description(self):
        """The configuration properties of every client authenticator, by provider id."""
        return self._get(self._url(urls.AUTHN_PER_CLIENT_CONFIG_DESCRIPTION))

    def get_authenticator_provider_config_description(self, provider_id):
        """Describe the configuration an authenticator provider takes (AuthenticatorConfigInfoRepresentation)."""
        return self._get(self._url(urls.AUTHN_CONFIG_DESCRIPTION, provider_id=provider_id))

    def get_authenticator_config(self, config_id):
        """Get one authenticator configuration (AuthenticatorConfigRepresentation)."""
        return self._get(self._url(urls.AUTHN_CONFIG, config_id=config_id))

    def create_authenticator_config(self, payload, execution_id):
        """Give execution ``execution_id`` a configuration (``alias``, ``config``); returns the new config's id."""
        return self._post_created(self._url(urls.AUTHN_EXECUTION_CONFIG, execution_id=execution_id), payload)

    def update_authenticator_config(self, payload, config_id):
        """Replace an authenticator configuration; returns the server's (empty) answer."""
        return self._put(self._url(urls.AUTHN_CONFIG, config_id=config_id), payload, expected=(204,))

    def delete_authenticator_config(self, config_id):
        """Delete an authenticator configuration; returns the server's (empty) answer."""
        return self._delete(self._url(urls.AUTHN_CONFIG, config_id=config_id), expected=(204,))

    # -------------------------------------------------------- required actions

    def get_required_action_by_alias(self, action_alias):
        """Get one registered required action by alias (RequiredActionProviderRepresentation).

        An unknown alias returns ``None``, as with python-keycloak (one list read: the alias
        endpoint answers 404 for an unknown alias and a missing realm alike).
        """
        for action in self.get_required_actions() or []:
            if action.get("alias") == action_alias:
                return action
        return None

    def get_required_actions(self):
        """List the realm's registered required actions (RequiredActionProviderRepresentation dicts)."""
        return self._get(self._url(urls.AUTHN_REQUIRED_ACTIONS))

    def update_required_action(self, action_alias, payload):
        """Update a required action (enabled, default action, priority, config); returns ``{}``."""
        self._put(self._url(urls.AUTHN_REQUIRED_ACTION, action_alias=action_alias), payload, expected=(204,))
        return {}

    def get_unregistered_required_actions(self):
        """List the required action providers the realm has not registered (dicts with ``providerId`` and ``name``)."""
        return self._get(self._url(urls.AUTHN_UNREGISTERED_REQUIRED_ACTIONS))

    def register_required_action(self, payload):
        """Register a required action provider: ``payload`` is ``{"providerId": ..., "name": ...}``.

        Keycloak takes only these two strings (anything else is refused as unparsable JSON); the
        new action is enabled, not a default action, with the alias ``providerId`` and the last
        priority. Returns the server's (empty) answer.
        """
        return self._post(self._url(urls.AUTHN_REGISTER_REQUIRED_ACTION), payload, expected=(204,))

    def delete_required_action(self, action_alias):
        """Unregister a required action; it can be registered again. Returns the server's (empty) answer."""
        return self._delete(self._url(urls.AUTHN_REQUIRED_ACTION, action_alias=action_alias), expected=(204,))
