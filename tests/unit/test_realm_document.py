# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""keycloak_realm_export format=config: an export made into a keycloak_realm_config document (no server).

Applied to a real Keycloak (a no-op on its own realm, the same realm elsewhere) in
tests/integration/modules/test_keycloak_realm_config.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils import realm_defaults
from ansible_collections.iam.keycloak.plugins.module_utils.realm_config import Document, DocumentError
from ansible_collections.iam.keycloak.plugins.module_utils.realm_document import as_config

FLOW_ID = "0b7f7c7e-0000-4000-8000-000000000001"
EXPORT = {
    "id": "9d1c", "realm": "acme", "keycloakVersion": "26.7.3", "defaultRole": {"id": "r0", "name": "default-roles-acme"},
    "smtpServer": {"host": "smtp.example.com", "password": "**********"},
    "roles": {"realm": [{"id": "r1", "name": "auditor", "containerId": "9d1c", "attributes": {"id": ["kept: data"]}}],
              "client": {"id": [{"id": "r2", "name": "reader", "containerId": "c9"}]}},
    "clients": [
        {"id": "c1", "clientId": "portal", "publicClient": True, "secret": "**********",
         "authenticationFlowBindingOverrides": {"browser": FLOW_ID}, "protocolMappers": [{"id": "m1", "name": "tenant", "config": {"id": "x"}}]},
        {"id": "c2", "clientId": "robot", "publicClient": False, "secret": "**********",
         "attributes": {"client.secret.creation.time": "1796417794", "post.logout.redirect.uris": "+"}},
        {"id": "c3", "clientId": "Robot Two", "publicClient": False, "secret": "**********"},
    ],
    "authenticationFlows": [
        {"id": FLOW_ID, "alias": "custom", "builtIn": False, "topLevel": True,
         "authenticationExecutions": [{"authenticator": "identity-provider-redirector", "authenticatorConfig": "redirector"}]},
        # As a new realm has it (the built-in "first broker login" uses an authenticator config of its own).
        dict(realm_defaults.BUILT_IN_FLOWS["first broker login"][0], id="f2"),
    ],
    "authenticatorConfig": [{"id": "a1", "alias": "redirector", "config": {}},
                            {"id": "a2", "alias": "review profile config", "config": {"update.profile.on.first.login": "missing"}}],
    "identityProviders": [{"alias": "corp", "internalId": "i1", "providerId": "oidc", "config": {"clientSecret": "**********"}}],
    "components": {"org.example.CustomProvider": [{"id": "c1", "name": "custom", "providerId": "custom"}]},
}


def test_ids_server_fields_and_built_in_flows_are_left_out():
    export = copy.deepcopy(EXPORT)
    config, _secrets = as_config(export)
    assert export == EXPORT, "the export itself is not changed"
    assert not set(("id", "keycloakVersion", "defaultRole")) & set(config)
    role = config["roles"]["realm"][0]
    assert role == {"name": "auditor", "attributes": {"id": ["kept: data"]}}
    # A client named "id" keeps its roles; a mapper's config keeps its "id" key (data, not a server id).
    assert config["roles"]["client"] == {"id": [{"name": "reader"}]}
    portal = config["clients"][0]
    assert portal["authenticationFlowBindingOverrides"] == {"browser": "custom"}
    assert portal["protocolMappers"] == [{"name": "tenant", "config": {"id": "x"}}]
    assert [flow["alias"] for flow in config["authenticationFlows"]] == ["custom"]
    assert config["authenticatorConfig"] == [{"alias": "redirector", "config": {}}]
    assert "internalId" not in config["identityProviders"][0]
    # A section keycloak_realm_config does not manage is kept as Keycloak wrote it.
    assert config["components"] == EXPORT["components"]


def test_each_masked_secret_becomes_a_named_placeholder_and_a_public_client_has_none():
    config, secrets = as_config(EXPORT)
    assert "secret" not in config["clients"][0]
    assert config["clients"][1]["secret"] == "{{ keycloak_secret_client_robot }}"
    # When the secret was made is the server's record, not a setting.
    assert config["clients"][1]["attributes"] == {"post.logout.redirect.uris": "+"}
    assert config["clients"][2]["secret"] == "{{ keycloak_secret_client_robot_two }}"
    assert config["identityProviders"][0]["config"]["clientSecret"] == "{{ keycloak_secret_idp_corp }}"
    assert config["smtpServer"]["password"] == "{{ keycloak_secret_smtp_password }}"
    assert secrets == {
        "keycloak_secret_client_robot": "clients[clientId=robot].secret",
        "keycloak_secret_client_robot_two": "clients[clientId=Robot Two].secret",
        "keycloak_secret_idp_corp": "identityProviders[alias=corp].config.clientSecret",
        "keycloak_secret_smtp_password": "smtpServer.password",
    }


def test_two_places_with_one_name_get_two_variables():
    export = {"clients": [{"clientId": "a b", "secret": "**********"}, {"clientId": "a-b", "secret": "**********"}]}
    _config, secrets = as_config(export)
    assert sorted(secrets) == ["keycloak_secret_client_a_b", "keycloak_secret_client_a_b_2"]


def test_a_placeholder_left_unfilled_is_refused_naming_it():
    config, _secrets = as_config(EXPORT)
    with pytest.raises(DocumentError) as error:
        Document(config, "acme")
    message = "%s" % error.value
    assert "placeholders that were never filled in" in message
    assert "clients[1].secret ({{ keycloak_secret_client_robot }})" in message and "smtpServer.password" in message


def test_two_exports_of_one_realm_in_another_order_are_one_document():
    first = {
        "roles": {"realm": [{"name": "b"}, {"name": "a", "composites": {"realm": ["y", "x"], "client": {"app": ["q", "p"]}}}],
                  "client": {"app": [{"name": "q"}, {"name": "p"}]}},
        "clients": [{"clientId": "web", "redirectUris": ["https://b/*", "https://a/*"], "defaultClientScopes": ["roles", "email"],
                     "protocolMappers": [{"name": "z"}, {"name": "m"}]}, {"clientId": "api"}],
        "groups": [{"name": "staff", "realmRoles": ["b", "a"], "subGroups": [{"name": "ops"}, {"name": "dev"}]}, {"name": "admins"}],
        "users": [{"username": "zoe", "groups": ["/staff", "/admins"], "clientRoles": {"app": ["q", "p"]}}, {"username": "al"}],
        "authenticationFlows": [{"alias": "two", "authenticationExecutions": [{"authenticator": "b"}, {"authenticator": "a"}]},
                                {"alias": "one"}],
        "defaultDefaultClientScopes": ["roles", "email"],
    }
    second = copy.deepcopy(first)
    for value in (second["roles"]["realm"], second["roles"]["client"]["app"], second["clients"], second["clients"][1:],
                  second["groups"], second["users"], second["authenticationFlows"], second["defaultDefaultClientScopes"]):
        value.reverse()
    assert as_config(first) == as_config(second)
    config, _secrets = as_config(first)
    assert [role["name"] for role in config["roles"]["realm"]] == ["a", "b"]
    assert config["roles"]["realm"][0]["composites"] == {"realm": ["x", "y"], "client": {"app": ["p", "q"]}}
    assert [group["name"] for group in config["groups"][1]["subGroups"]] == ["dev", "ops"]
    assert config["clients"][1]["redirectUris"] == ["https://a/*", "https://b/*"]
    # A flow's executions keep their order: it is what the flow does.
    assert [execution["authenticator"] for execution in config["authenticationFlows"][1]["authenticationExecutions"]] == ["b", "a"]


def test_user_federation_loses_ids_and_last_sync_and_its_credential_becomes_a_placeholder():
    storage = "org.keycloak.storage.UserStorageProvider"
    export = {"components": {storage: [
        {"id": "p1", "parentId": "9d1c", "name": "Corp LDAP", "providerId": "ldap",
         "config": {"bindCredential": ["**********"], "lastSync": ["1796417794"], "bindDn": ["cn=admin"]},
         "subComponents": {"org.keycloak.storage.ldap.mappers.LDAPStorageMapper": [
             {"id": "m2", "parentId": "p1", "name": "username", "config": {}}, {"id": "m1", "parentId": "p1", "name": "email", "config": {}}]}}]}}
    config, secrets = as_config(export)
    provider = config["components"][storage][0]
    assert provider["config"] == {"bindCredential": ["{{ keycloak_secret_ldap_corp_ldap }}"], "bindDn": ["cn=admin"]}
    assert "id" not in provider and "parentId" not in provider
    assert provider["subComponents"]["org.keycloak.storage.ldap.mappers.LDAPStorageMapper"] == [
        {"name": "email", "config": {}}, {"name": "username", "config": {}}]
    assert secrets == {"keycloak_secret_ldap_corp_ldap": "components[%s][name=Corp LDAP].config.bindCredential" % storage}


def test_key_providers_lose_ids_and_generated_keys_and_masked_secrets_become_placeholders():
    keys = "org.keycloak.keys.KeyProvider"
    export = {"components": {keys: [
        {"id": "k1", "parentId": "9d1c", "name": "rsa-generated", "providerId": "rsa-generated", "subComponents": {},
         "config": {"privateKey": ["MIIE"], "keyUse": ["SIG"], "certificate": ["MIIC"], "priority": ["100"]}},
        {"id": "k2", "name": "Imported RSA", "providerId": "rsa", "config": {"privateKey": ["**********"], "certificate": ["MIIC-imported"]}},
        {"id": "k3", "name": "store", "providerId": "java-keystore",
         "config": {"keystorePassword": ["**********"], "keyPassword": ["**********"]}}]}}
    config, secrets = as_config(export)
    imported, generated, store = config["components"][keys]
    assert generated == {"name": "rsa-generated", "providerId": "rsa-generated", "subComponents": {}, "config": {"priority": ["100"]}}
    assert imported == {"name": "Imported RSA", "providerId": "rsa",
                        "config": {"privateKey": ["{{ keycloak_secret_key_imported_rsa_private_key }}"], "certificate": ["MIIC-imported"]}}
    assert store["config"] == {"keystorePassword": ["{{ keycloak_secret_key_store_keystore_password }}"],
                               "keyPassword": ["{{ keycloak_secret_key_store_key_password }}"]}
    assert secrets["keycloak_secret_key_imported_rsa_private_key"] == "components[%s][name=Imported RSA].config.privateKey" % keys


def test_the_defaults_a_new_realm_has_are_left_out_unless_asked_for():
    export = {
        "realm": "acme", "enabled": True, "accessTokenLifespan": 300, "ssoSessionIdleTimeout": 900, "loginWithEmailAllowed": True,
        "attributes": {"cibaExpiresIn": "120", "frontendUrl": "https://sso.example.com"},
        "roles": {"realm": [{"name": "offline_access", "description": "${role_offline-access}", "composite": False, "clientRole": False,
                             "attributes": {}},
                            {"name": "uma_authorization", "description": "Changed", "composite": False, "clientRole": False, "attributes": {}},
                            {"name": "auditor", "composite": False}]},
        "clients": [
            {"clientId": "admin-cli", "name": "${client_admin-cli}", "enabled": True, "publicClient": True, "directAccessGrantsEnabled": True},
            {"clientId": "broker", "enabled": False},
            {"clientId": "portal", "protocol": "openid-connect", "publicClient": True, "enabled": True, "bearerOnly": False,
             "frontchannelLogout": False, "redirectUris": ["https://portal.example.com/*"], "defaultClientScopes": ["profile"],
             "attributes": {"backchannel.logout.session.required": "true", "pkce.code.challenge.method": "S256"}},
        ],
        "identityProviders": [{"alias": "corp", "providerId": "oidc", "enabled": True, "config": {"clientId": "kc"}}],
    }
    config, _secrets = as_config(export)
    # The realm: its name and enabled always; the settings at a new realm's defaults left out, the others kept.
    assert config["realm"] == "acme" and config["enabled"] is True
    assert "accessTokenLifespan" not in config and "loginWithEmailAllowed" not in config
    assert config["ssoSessionIdleTimeout"] == 900 and config["attributes"] == {"frontendUrl": "https://sso.example.com"}
    # Built-in roles and clients: gone when as a new realm has them, their changed fields otherwise.
    assert config["roles"]["realm"] == [{"name": "auditor", "composite": False}, {"name": "uma_authorization", "description": "Changed"}]
    assert [client["clientId"] for client in config["clients"]] == ["broker", "portal"]
    assert config["clients"][0] == {"clientId": "broker", "enabled": False}
    # A new client: its protocol, publicClient and scopes kept; the default fields left out.
    assert config["clients"][1] == {"clientId": "portal", "protocol": "openid-connect", "publicClient": True, "defaultClientScopes": ["profile"],
                                    "redirectUris": ["https://portal.example.com/*"], "attributes": {"pkce.code.challenge.method": "S256"}}
    assert config["identityProviders"] == [{"alias": "corp", "providerId": "oidc", "config": {"clientId": "kc"}}]
    # A SAML client is kept whole (the defaults are a new OpenID Connect client's).
    saml = {"clientId": "https://sp.example.com", "protocol": "saml", "enabled": True, "frontchannelLogout": False, "publicClient": True}
    assert as_config(dict(export, clients=[saml]))[0]["clients"] == [saml]
    # include_defaults: every field kept.
    kept, _secrets = as_config(export, defaults=True)
    assert kept["accessTokenLifespan"] == 300 and len(kept["clients"]) == 3 and len(kept["roles"]["realm"]) == 3


def test_every_built_in_object_the_output_may_leave_out_is_one_a_purge_never_deletes():
    """A document without a built-in object must mean the same with ``purge`` on its section: each built-in object the
    defaults may drop is one keycloak_realm_config never deletes."""
    from ansible_collections.iam.keycloak.plugins.module_utils import realm_defaults
    from ansible_collections.iam.keycloak.plugins.module_utils.context import built_ins, BUILT_IN_CLIENTS
    from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_registration_policy import BUILT_IN, POLICY_TYPE

    protected = set(built_ins("acme"))
    assert set(("client", name) for name in realm_defaults.BUILT_IN_CLIENTS) <= protected
    assert set(("client scope", name) for name in realm_defaults.CLIENT_SCOPES) <= protected
    assert set(("role", ("", name.replace("<realm>", "acme"))) for name in realm_defaults.REALM_ROLES) <= protected
    assert set(realm_defaults.BUILT_IN_CLIENT_ROLES) <= set(BUILT_IN_CLIENTS)  # a built-in client's roles are never purged
    keys = realm_defaults.COMPONENTS.get("org.keycloak.keys.KeyProvider", {})
    assert set(("realm key", name) for name in keys) <= protected
    policies = realm_defaults.COMPONENTS.get(POLICY_TYPE, {})
    assert set(tuple(name.split("/", 1)) for name in policies) <= set(BUILT_IN)
    assert set(realm_defaults.COMPONENTS) <= set(("org.keycloak.keys.KeyProvider", POLICY_TYPE))


def test_a_built_in_flow_is_kept_only_where_changed():
    """A built-in flow as a new realm has it is left out (Keycloak makes it); one with a changed requirement is kept, with
    the authenticator configs it uses, so the document makes that change on another server."""
    changed = copy.deepcopy(realm_defaults.BUILT_IN_FLOWS["browser"][0])
    changed["id"] = "f9"
    execution = next(item for item in changed["authenticationExecutions"] if item.get("authenticator") == "auth-cookie")
    execution["requirement"] = "DISABLED"
    export = dict(copy.deepcopy(EXPORT), authenticationFlows=EXPORT["authenticationFlows"] + [changed])
    config, _secrets = as_config(export)
    assert sorted(flow["alias"] for flow in config["authenticationFlows"]) == ["browser", "custom"]
    browser = next(flow for flow in config["authenticationFlows"] if flow["alias"] == "browser")
    assert "id" not in browser and browser["builtIn"] is True
    # include_defaults: every built-in flow kept, with the configs they use.
    kept, _secrets = as_config(export, defaults=True)
    assert sorted(flow["alias"] for flow in kept["authenticationFlows"]) == ["browser", "custom", "first broker login"]
    assert sorted(item["alias"] for item in kept["authenticatorConfig"]) == ["redirector", "review profile config"]
