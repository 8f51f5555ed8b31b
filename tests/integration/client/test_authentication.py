# -*- coding: utf-8 -*-
"""AuthenticationMixin against a real Keycloak: flows, executions, authenticator configs, required actions."""

import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
    KeycloakPutError,
)

# Keycloak accepts spaces and unicode in flow aliases; they must survive URL encoding.
ODD = " ünï cødé %"


def unique(prefix="t"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


def _flow(admin, alias):
    for flow in admin.get_authentication_flows():
        if flow["alias"] == alias:
            return flow
    return None


def _new_flow(admin, prefix):
    alias = unique(prefix) + ODD
    assert admin.create_authentication_flow({"alias": alias, "providerId": "basic-flow", "topLevel": True, "builtIn": False,
                                             "description": "made by a test"}) == b""
    return alias


def test_flow_create_read_copy_delete(realm_admin):
    alias = _new_flow(realm_admin, "flow")
    flow = _flow(realm_admin, alias)
    assert flow is not None and flow["topLevel"] and not flow["builtIn"]
    assert realm_admin.get_authentication_flow_for_id(flow["id"])["alias"] == alias

    assert realm_admin.create_authentication_flow({"alias": alias, "providerId": "basic-flow", "topLevel": True},
                                                  skip_exists=True) == {"msg": "Already exists"}
    with pytest.raises(KeycloakPostError) as exc:
        realm_admin.create_authentication_flow({"alias": alias, "providerId": "basic-flow", "topLevel": True})
    assert exc.value.response_code == 409

    realm_admin.create_authentication_flow_execution({"provider": "auth-otp-form"}, alias)
    copy_alias = alias + " cöpy"
    assert realm_admin.copy_authentication_flow({"newName": copy_alias}, alias) == b""
    copy = _flow(realm_admin, copy_alias)
    assert copy is not None and copy["id"] != flow["id"]
    assert [e.get("providerId") for e in realm_admin.get_authentication_flow_executions(copy_alias)] == ["auth-otp-form"]

    with pytest.raises(KeycloakPostError) as exc:
        realm_admin.copy_authentication_flow({"newName": copy_alias}, alias)
    assert exc.value.response_code == 409

    for flow_id in (copy["id"], flow["id"]):
        assert realm_admin.delete_authentication_flow(flow_id) == {}
        with pytest.raises(KeycloakGetError) as exc:
            realm_admin.get_authentication_flow_for_id(flow_id)
        assert exc.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as exc:
        realm_admin.delete_authentication_flow(flow["id"])
    assert exc.value.response_code == 404


def test_builtin_flows_listed_and_protected(realm_admin):
    flows = dict((f["alias"], f) for f in realm_admin.get_authentication_flows())
    assert {"browser", "direct grant", "registration", "reset credentials", "clients"} <= set(flows)
    assert realm_admin.get_authentication_flow_for_id(flows["direct grant"]["id"])["builtIn"] is True
    # Built-in flows cannot be deleted: the server refuses with 400.
    with pytest.raises(KeycloakDeleteError) as exc:
        realm_admin.delete_authentication_flow(flows["browser"]["id"])
    assert exc.value.response_code == 400


@pytest.mark.parametrize("char", ["/", "+", "#"])
def test_flow_alias_characters_keycloak_refuses(realm_admin, char):
    # Keycloak 26 validates flow aliases: '/', '+' and '#' are rejected with 400 by the server.
    with pytest.raises(KeycloakPostError) as exc:
        realm_admin.create_authentication_flow({"alias": unique("bad") + char + "x", "providerId": "basic-flow", "topLevel": True})
    assert exc.value.response_code == 400
    assert "not allowed" in exc.value.description


def test_executions_and_subflows(realm_admin):
    alias = _new_flow(realm_admin, "exec")
    assert realm_admin.get_authentication_flow_executions(alias) == []

    assert realm_admin.create_authentication_flow_execution({"provider": "auth-otp-form"}, alias) == b""
    sub_alias = unique("sub") + ODD
    sub = {"alias": sub_alias, "type": "basic-flow", "provider": "registration-page-form", "description": "sub flow"}
    assert realm_admin.create_authentication_flow_subflow(sub, alias) == b""
    assert realm_admin.create_authentication_flow_subflow(sub, alias, skip_exists=True) == {"msg": "Already exists"}
    with pytest.raises(KeycloakPostError) as exc:
        realm_admin.create_authentication_flow_subflow(sub, alias)
    assert exc.value.response_code == 409
    # The sub-flow's alias addresses it like a top-level flow.
    realm_admin.create_authentication_flow_execution({"provider": "auth-username-password-form"}, sub_alias)

    executions = realm_admin.get_authentication_flow_executions(alias)
    assert [(e.get("providerId"), e.get("displayName"), e["level"]) for e in executions] == [
        ("auth-otp-form", "OTP Form", 0),
        (None, sub_alias, 0),
        ("auth-username-password-form", "Username Password Form", 1),
    ]
    assert [e.get("providerId") for e in realm_admin.get_authentication_flow_executions(sub_alias)] == ["auth-username-password-form"]

    form = executions[0]
    one = realm_admin.get_authentication_flow_execution(form["id"])
    assert one["id"] == form["id"] and one["authenticator"] == "auth-otp-form"
    assert one["requirement"] == "DISABLED"

    form["requirement"] = "REQUIRED"
    assert realm_admin.update_authentication_flow_executions(form, alias) == {}
    assert realm_admin.get_authentication_flow_execution(form["id"])["requirement"] == "REQUIRED"
    subflow = executions[1]
    subflow["requirement"] = "CONDITIONAL"
    realm_admin.update_authentication_flow_executions(subflow, alias)
    assert realm_admin.get_authentication_flow_executions(alias)[1]["requirement"] == "CONDITIONAL"

    assert realm_admin.delete_authentication_flow_execution(form["id"]) == {}
    with pytest.raises(KeycloakGetError) as exc:
        realm_admin.get_authentication_flow_execution(form["id"])
    assert exc.value.response_code == 404
    # Deleting the sub-flow's execution removes the sub-flow and what it held.
    realm_admin.delete_authentication_flow_execution(subflow["id"])
    assert realm_admin.get_authentication_flow_executions(alias) == []
    with pytest.raises(KeycloakGetError) as exc:
        realm_admin.get_authentication_flow_executions(sub_alias)
    assert exc.value.response_code == 404

    with pytest.raises(KeycloakPostError) as exc:
        realm_admin.create_authentication_flow_execution({"provider": "no-such-authenticator"}, alias)
    assert exc.value.response_code == 400


def test_authenticator_providers_and_config_description(realm_admin):
    providers = dict((p["id"], p) for p in realm_admin.get_authenticator_providers())
    assert {"auth-otp-form", "identity-provider-redirector", "auth-username-password-form"} <= set(providers)
    described = realm_admin.get_authenticator_provider_config_description("identity-provider-redirector")
    assert described["providerId"] == "identity-provider-redirector"
    assert "defaultProvider" in [p["name"] for p in described["properties"]]
    with pytest.raises(KeycloakGetError) as exc:
        realm_admin.get_authenticator_provider_config_description("no such provider/ü")
    assert exc.value.response_code == 404


def test_authenticator_config_read_update_delete(realm_admin):
    alias = _new_flow(realm_admin, "cfg")
    realm_admin.create_authentication_flow_execution({"provider": "identity-provider-redirector"}, alias)
    execution = realm_admin.get_authentication_flow_executions(alias)[0]
    assert execution["configurable"] is True and "authenticationConfig" not in execution

    # The reference has no create method; the client's own one makes the config through its execution.
    config_alias = unique("cfg") + ODD
    config_id = realm_admin.create_authenticator_config({"alias": config_alias, "config": {"defaultProvider": "idp-one"}}, execution["id"])
    assert realm_admin.get_authentication_flow_executions(alias)[0]["authenticationConfig"] == config_id

    config = realm_admin.get_authenticator_config(config_id)
    assert config["alias"] == config_alias and config["config"] == {"defaultProvider": "idp-one"}

    config["config"] = {"defaultProvider": "idp twö"}
    assert realm_admin.update_authenticator_config(config, config_id) == {}
    assert realm_admin.get_authenticator_config(config_id)["config"] == {"defaultProvider": "idp twö"}

    assert realm_admin.delete_authenticator_config(config_id) == {}
    with pytest.raises(KeycloakGetError) as exc:
        realm_admin.get_authenticator_config(config_id)
    assert exc.value.response_code == 404
    assert "authenticationConfig" not in realm_admin.get_authentication_flow_executions(alias)[0]
    with pytest.raises(KeycloakDeleteError) as exc:
        realm_admin.delete_authenticator_config(config_id)
    assert exc.value.response_code == 404


def test_required_actions(realm_admin):
    actions = dict((a["alias"], a) for a in realm_admin.get_required_actions())
    assert {"CONFIGURE_TOTP", "UPDATE_PASSWORD", "VERIFY_EMAIL"} <= set(actions)

    totp = realm_admin.get_required_action_by_alias("CONFIGURE_TOTP")
    assert totp == actions["CONFIGURE_TOTP"]
    assert totp["enabled"] is True and totp["defaultAction"] is False

    changed = dict(totp, defaultAction=True)
    assert realm_admin.update_required_action("CONFIGURE_TOTP", changed) == {}
    assert realm_admin.get_required_action_by_alias("CONFIGURE_TOTP")["defaultAction"] is True
    realm_admin.update_required_action("CONFIGURE_TOTP", dict(changed, enabled=False, defaultAction=False))
    back = realm_admin.get_required_action_by_alias("CONFIGURE_TOTP")
    assert back["enabled"] is False and back["defaultAction"] is False

    # An unknown alias is None, as with python-keycloak.
    assert realm_admin.get_required_action_by_alias("NO SUCH/ACTION ü") is None


def test_update_authentication_flow_takes_the_whole_flow(realm_admin):
    alias = _new_flow(realm_admin, "upd")
    flow = _flow(realm_admin, alias)
    realm_admin.create_authentication_flow_execution({"provider": "auth-otp-form"}, alias)
    wanted = dict(flow, description="changed by update_authentication_flow")
    wanted.pop("authenticationExecutions")
    realm_admin.update_authentication_flow(flow["id"], wanted)
    updated = _flow(realm_admin, alias)
    assert updated["description"] == "changed by update_authentication_flow" and updated["id"] == flow["id"]
    assert [e.get("providerId") for e in realm_admin.get_authentication_flow_executions(alias)] == ["auth-otp-form"]
    with pytest.raises(KeycloakPutError) as exc:
        realm_admin.update_authentication_flow("no-such-flow-id", wanted)
    assert exc.value.response_code == 404


def test_provider_lists_by_flow_type(realm_admin):
    clients = dict((p["id"], p) for p in realm_admin.get_client_authenticator_providers())
    assert {"client-secret", "client-jwt", "client-secret-jwt", "client-x509"} <= set(clients)
    form_actions = set(p["id"] for p in realm_admin.get_form_action_providers())
    assert {"registration-user-creation", "registration-password-action", "registration-recaptcha-action"} <= form_actions
    assert "registration-page-form" in [p["id"] for p in realm_admin.get_form_providers()]
    described = realm_admin.get_per_client_config_description()
    assert set(clients) <= set(described) and isinstance(described["client-jwt"], list)
    # The lists do not overlap: an authenticator is no client authenticator nor form action.
    authenticators = set(p["id"] for p in realm_admin.get_authenticator_providers())
    assert not authenticators & (set(clients) | form_actions)


def test_required_action_unregister_and_register(realm_admin, keycloak_version):
    alias, name = "UPDATE_EMAIL", "Update Email"

    def registered():
        return [action["alias"] for action in realm_admin.get_required_actions()]

    if keycloak_version < (26, 1):
        # Keycloak 26.0: updating the e-mail is a preview feature (update-email), off by default, so
        # UPDATE_EMAIL is neither registered nor offered; Delete Credential is registered in every realm.
        assert alias not in registered()
        assert alias not in [p["providerId"] for p in realm_admin.get_unregistered_required_actions()]
        alias, name = "delete_credential", "Delete Credential"

    assert alias in registered()
    realm_admin.delete_required_action(alias)
    assert alias not in registered()
    offered = dict((p["providerId"], p) for p in realm_admin.get_unregistered_required_actions())
    assert offered[alias]["name"] == name
    with pytest.raises(KeycloakDeleteError) as exc:
        realm_admin.delete_required_action(alias)
    assert exc.value.response_code == 404

    realm_admin.register_required_action({"providerId": alias, "name": name + " ü"})
    action = [action for action in realm_admin.get_required_actions() if action["alias"] == alias][0]
    assert action["name"] == name + " ü" and action["enabled"] is True and action["defaultAction"] is False
    assert alias not in [p["providerId"] for p in realm_admin.get_unregistered_required_actions()]
    with pytest.raises(KeycloakPostError) as exc:
        realm_admin.register_required_action({"providerId": alias, "name": "again"})
    assert exc.value.response_code == 409
    with pytest.raises(KeycloakPostError) as exc:
        realm_admin.register_required_action({"providerId": "NO_SUCH_PROVIDER ü/", "name": "x"})
    assert exc.value.response_code == 400
    realm_admin.update_required_action(alias, dict(action, enabled=False))
