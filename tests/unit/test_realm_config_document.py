# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""keycloak_realm_config's document: what a RealmRepresentation becomes before anything is read (no server).

What Keycloak does with the requests is tested against a real Keycloak in
tests/integration/modules/test_keycloak_realm_config.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanError
from ansible_collections.iam.keycloak.plugins.module_utils.realm_config import Document, DocumentError, read_document

FLOW_ID = "0b7f7c7e-0000-4000-8000-000000000001"


def requests_of(document, section):
    return [entry.request for entry in document.entries[section]]


def test_ids_are_left_out_and_objects_keyed_by_natural_key():
    document = Document({
        "id": "realm-id", "realm": "acme", "displayName": "ACME",
        "roles": {"realm": [{"id": "r1", "name": "auditor", "composite": True, "containerId": "acme",
                             "composites": {"realm": ["viewer"], "client": {"portal": ["editor"]}}}],
                  "client": {"portal": [{"id": "r2", "name": "editor", "clientRole": True, "containerId": "c1"}]}},
        "clients": [{"id": "c1", "clientId": "portal", "protocolMappers": [{"id": "m1", "name": "tenant"}]}],
        "groups": [{"id": "g1", "name": "staff", "path": "/staff", "realmRoles": ["auditor"],
                    "subGroups": [{"id": "g2", "name": "editors", "clientRoles": {"portal": ["editor"]}}]}],
    }, "acme")
    realm = requests_of(document, "realm")[0]
    assert "id" not in realm.representation and realm.representation["displayName"] == "ACME"
    auditor, editor = requests_of(document, "roles")
    assert (auditor.key, auditor.representation) == ("auditor", {"name": "auditor"})
    assert auditor.items["composites"] == [{"name": "viewer", "clientId": None}, {"name": "editor", "clientId": "portal"}]
    assert auditor.later == frozenset(("composites",))
    assert (editor.key, editor.flags["client_id"], editor.representation) == ("editor", "portal", {"name": "editor"})
    client = requests_of(document, "clients")[0]
    assert client.items["protocolMappers"] == [{"name": "tenant"}] and "id" not in client.representation
    assert [(group.key, group.items["roleMappings"]) for group in requests_of(document, "groups")] == [
        ("/staff", [{"name": "auditor", "clientId": None}]), ("/staff/editors", [{"name": "editor", "clientId": "portal"}])]
    # A client role is planned after the clients (its client must exist).
    assert [entry.section for entry in document.ordered] == ["realm", "roles", "clients", "roles", "groups", "groups"]


def test_masked_values_mean_keep_and_secrets_are_known():
    document = Document({"realm": "acme", "smtpServer": {"host": "mail", "password": "**********"},
                         "clients": [{"clientId": "robot", "secret": "**********"}, {"clientId": "web", "secret": "in-clear-1"}],
                         "users": [{"username": "alice", "credentials": [{"type": "password", "value": "pw-1"}]}]}, "acme")
    assert requests_of(document, "realm")[0].representation["smtpServer"] == {"host": "mail"}
    robot, web = requests_of(document, "clients")
    assert "secret" not in robot.representation and web.representation["secret"] == "in-clear-1"
    alice = requests_of(document, "users")[0]
    assert alice.flags["password"] == "pw-1" and "credentials" not in alice.representation
    assert {"in-clear-1", "pw-1"} <= document.secrets()


def test_a_document_the_run_owns_lets_its_users_go_and_keeps_their_secrets_known():
    """``owned`` (read from ``src``): each user of the document goes once its request is made; the requests, the paths and
    the secrets (a password, an exported hash) are those of a document that keeps them."""
    def config():
        return {"realm": "acme", "users": [
            {"username": "alice", "credentials": [{"type": "password", "value": "pw-1"}], "groups": ["staff"], "realmRoles": ["auditor"]},
            {"username": "bob", "credentials": [{"type": "password", "secretData": "{\"value\":\"hash-1\"}", "credentialData": "{}"}],
             "clientRoles": {"portal": ["editor"]}},
            {"username": "carol", "realmRoles": ["auditor"]}]}
    kept, owned = config(), config()
    documents = Document(kept, "acme", user_files=[(0, "acme-users-0.json")]), Document(owned, "acme", user_files=[(0, "acme-users-0.json")], owned=True)
    assert owned["users"] == [None, None, None] and kept["users"][0]["username"] == "alice"
    for one, other in zip(*(document.entries["users"] for document in documents)):
        assert (one.path, one.request.key, one.request.representation, one.request.items, one.request.flags) == \
            (other.path, other.request.key, other.request.representation, other.request.items, other.request.flags)
    assert documents[1].entries["users"][2].path == "acme-users-0.json users[2]"
    assert documents[0].secrets() == documents[1].secrets() and {"pw-1", '{"value":"hash-1"}'} <= documents[1].secrets()


def test_a_users_request_is_kept_as_text_and_made_anew_at_each_read():
    """A user's entry keeps its request as JSON text (a big realm's users wait as text while the server is read): each read
    gives an equal, separate ``Request``; a released entry keeps the name; one JSON cannot hold is kept as it is."""
    document = Document({"realm": "acme", "users": [
        {"username": "Alice", "firstName": "Ålice", "attributes": {"tier": ["1"]}, "credentials": [{"type": "password", "value": "pw-1"}],
         "groups": ["staff"], "realmRoles": ["auditor"], "clientRoles": {"portal": ["editor"]}},
        {"username": "bob"}]}, "acme")
    alice, bob = document.entries["users"]
    first, second = alice.request, alice.request
    assert first is not second and first.representation is not second.representation
    assert (first.key, first.realm, first.representation, first.items, first.flags["password"]) == (
        "Alice", "acme", {"username": "Alice", "firstName": "Ålice", "attributes": {"tier": ["1"]}},
        {"groups": ["/staff"], "federatedIdentities": None,
         "roleMappings": [{"name": "auditor", "clientId": None}, {"name": "editor", "clientId": "portal"}]}, "pw-1")
    assert first.purge is second.purge is bob.request.purge and bob.request.flags is bob.request.flags
    assert alice.reference() == ("user", "alice") and bob.reference() == ("user", "bob")
    assert document.user_roles == {("", "auditor"), ("portal", "editor")} and "pw-1" in document.secrets()
    alice.release()
    assert (alice.request.key, alice.request.representation, alice.request.items) == ("Alice", {}, {})
    with_a_set = Document({"realm": "acme", "users": [{"username": "carol", "attributes": {"tier": set(["1"])}}]}, "acme")
    carol = with_a_set.entries["users"][0]
    assert carol.request is carol.request and carol.request.representation["attributes"] == {"tier": set(["1"])}


def test_a_user_bound_for_an_import_is_read_again_from_the_task_or_the_src_folder(tmp_path):
    """``lean_on_source``: a user to import lets go of its text where its request can be made again from the document's
    source (the task's document, or the users file of a ``src`` folder), and makes the same request then; a user of a
    single ``src`` file keeps its text; a user whose file changed under the run is refused by name."""
    def users():
        return [{"username": "u-%d" % number, "email": "U-%d@example.com" % number, "groups": ["staff"], "realmRoles": ["auditor"],
                 "credentials": [{"type": "password", "value": "pw-%d" % number}]} for number in range(5)]

    def requests(document):
        return [(entry.request.key, entry.request.representation, entry.request.items, entry.request.flags) for entry in document.entries["users"]]

    kept = Document({"realm": "acme", "users": users()}, "acme")
    before = requests(kept)
    for entry in kept.entries["users"]:
        entry.lean_on_source()
    assert requests(kept) == before and kept.entries["users"][0]._text is not None and not isinstance(kept.entries["users"][0]._text, str)
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "acme-realm.json").write_text(json.dumps({"realm": "acme"}))
    for number, part in enumerate((users()[:2], users()[2:])):
        (folder / ("acme-users-%d.json" % number)).write_text(json.dumps({"realm": "acme", "users": part}))
    files = []
    owned = Document(read_document(str(folder), "acme", files), "acme", user_files=files, owned=True, src=str(folder))
    for entry in owned.entries["users"]:
        entry.lean_on_source()
    assert requests(owned) == before and not isinstance(owned.entries["users"][3]._text, str)
    (folder / "acme-users-1.json").write_text(json.dumps({"realm": "acme", "users": users()[3:]}))
    assert owned.entries["users"][0].request.key == "u-0"  # the last file read is kept: the other one now
    with pytest.raises(PlanError, match=r"acme-users-1.json users\[0\]: user 'u-3' when read again, not 'u-2'"):
        owned.entries["users"][2].request
    single = tmp_path / "acme.json"
    single.write_text(json.dumps({"realm": "acme", "users": users()}))
    alone = Document(read_document(str(single), "acme"), "acme", owned=True, src=str(single))
    alone.entries["users"][0].lean_on_source()
    assert isinstance(alone.entries["users"][0]._text, str) and requests(alone) == before


def test_service_account_users_become_their_clients_roles():
    document = Document({"realm": "acme", "clients": [{"clientId": "robot", "serviceAccountsEnabled": True}],
                         "users": [{"username": "service-account-robot", "serviceAccountClientId": "robot", "realmRoles": ["auditor"]}]},
                        "acme")
    assert requests_of(document, "users") == []
    robot = requests_of(document, "clients")[0]
    assert robot.items["serviceAccountRoleMappings"] == [{"name": "auditor", "clientId": None}]
    assert robot.later == frozenset(("serviceAccountRoleMappings", "scopeMappings"))


def test_flow_overrides_by_id_are_resolved_through_the_documents_flows():
    document = Document({"realm": "acme", "authenticationFlows": [{"id": FLOW_ID, "alias": "my browser"}],
                         "clients": [{"clientId": "web", "authenticationFlowBindingOverrides": {"browser": FLOW_ID, "direct_grant": ""}}]},
                        "acme")
    assert requests_of(document, "clients")[0].representation["authenticationFlowBindingOverrides"] == {"browser": "my browser", "direct_grant": ""}
    assert [request.key for request in requests_of(document, "authenticationFlows")] == ["my browser"]


@pytest.mark.parametrize("config, message", [
    ({"realm": "other"}, "the document is realm 'other', the task's realm is 'acme'"),
    ({"colour": "blue", "realm": "acme"}, "unknown top-level field(s) of a RealmRepresentation: colour"),
    ({"clients": [{"clientId": "web"}, {"clientId": "web"}]}, "clients[0] and clients[1] are the same client 'web'"),
    ({"groups": [{"name": "a", "subGroups": [{"name": "b"}, {"name": "b"}]}]}, "groups[0].subGroups[0] and groups[0].subGroups[1]"),
    ({"users": [{"username": "x"}, {"username": "X"}]}, "users[0] and users[1] are the same user"),
    ({"users": [{"username": "x"}, {"username": "  member-04"}]},
     "users[1]: username '  member-04' begins or ends with spaces, which Keycloak's default user profile refuses"),
    ({"users": [{"username": 1234}]}, "users[0]: username 1234 is a number, not text (quote it in YAML)"),
    ({"clients": [{"clientId": "web", "authenticationFlowBindingOverrides": {"browser": FLOW_ID}}]},
     "clients[0].authenticationFlowBindingOverrides.browser: no flow of the document has the id"),
    ({"users": [{"username": "service-account-robot", "serviceAccountClientId": "robot"}]}, "users[0]: the service account of client 'robot'"),
    ("not a dict", "config must be a RealmRepresentation"),
    ({"identityProviders": '[{"alias": "a"},]', "clients": [{"clientId": "web"}, "app"], "roles": []},
     "identityProviders: a list of objects, not a string ('[{\"alias\": \"a\"},]'); clients[1]: an object, not a string ('app'); "
     "roles: a map, not a list"),
    ({"requiredActions": [{"name": "Terms"}]}, "requiredActions[0]: a required action needs an alias"),
    ({"requiredActions": [{"alias": "VERIFY_EMAIL"}, {"alias": "VERIFY_EMAIL"}]},
     "requiredActions[0] and requiredActions[1] are the same required action 'VERIFY_EMAIL'"),
])
def test_bad_documents_fail_before_anything_is_read(config, message):
    with pytest.raises(DocumentError) as error:
        Document(config, "acme")
    assert message in "%s" % error.value


def test_an_exported_flow_becomes_a_tree_with_sub_flows_and_configs_by_alias():
    document = Document({"realm": "acme", "authenticationFlows": [
        {"id": "f1", "alias": "my browser", "providerId": "basic-flow", "topLevel": True, "builtIn": False, "authenticationExecutions": [
            {"authenticatorFlow": True, "flowAlias": "my forms", "requirement": "ALTERNATIVE", "priority": 20},
            {"authenticator": "auth-cookie", "authenticatorFlow": False, "requirement": "ALTERNATIVE", "priority": 10}]},
        {"id": "f2", "alias": "my forms", "providerId": "basic-flow", "topLevel": False, "description": "Forms", "authenticationExecutions": [
            {"authenticator": "auth-otp-form", "requirement": "REQUIRED", "priority": 0, "authenticatorConfig": "otp settings"}]},
        {"id": "f3", "alias": "browser", "topLevel": True, "builtIn": True, "authenticationExecutions": []},
        {"id": "f4", "alias": "direct grant", "topLevel": True, "builtIn": True}],
        "authenticatorConfig": [{"id": "c1", "alias": "otp settings", "config": {"key": "value"}}],
        "browserFlow": "my browser"}, "acme")
    flow = requests_of(document, "authenticationFlows")[0]
    assert flow.flags["executions"] == [
        {"authenticator": "auth-cookie", "requirement": "ALTERNATIVE"},
        {"flow_alias": "my forms", "provider_id": "basic-flow", "description": "Forms", "requirement": "ALTERNATIVE", "executions": [
            {"authenticator": "auth-otp-form", "requirement": "REQUIRED", "config": {"alias": "otp settings", "config": {"key": "value"}}}]}]
    assert [request.key for request in requests_of(document, "authenticationFlows")] == ["my browser", "browser"]
    assert "browserFlow" in requests_of(document, "realm")[0].later
    # A built-in flow: its executions only (its own fields are Keycloak's); one without them is not managed.
    built_in = requests_of(document, "authenticationFlows")[1]
    assert built_in.representation == {"alias": "browser"} and built_in.flags["executions"] == [] and document.built_in_flows == {"browser"}


def test_required_actions_are_keyed_by_alias_and_planned_right_after_the_realm():
    document = Document({
        "users": [{"username": "ann", "requiredActions": ["TERMS_AND_CONDITIONS"]}],
        "requiredActions": [{"alias": "TERMS_AND_CONDITIONS", "name": "Terms and Conditions", "providerId": "TERMS_AND_CONDITIONS",
                             "enabled": True, "defaultAction": False, "priority": 20, "config": {}}],
    }, "acme")
    action = requests_of(document, "requiredActions")[0]
    assert action.key == "TERMS_AND_CONDITIONS" and "providerId" not in action.representation
    assert action.representation["enabled"] is True and action.representation["priority"] == 20
    # Before the users: a user's required action is then enabled when the user is written.
    assert [entry.section for entry in document.ordered] == ["realm", "requiredActions", "users"]
    assert not document.warnings


LDAP = "org.keycloak.storage.UserStorageProvider"
LDAP_MAPPER = "org.keycloak.storage.ldap.mappers.LDAPStorageMapper"


def test_user_federation_comes_from_its_components_with_mappers_and_the_credential_as_a_flag():
    document = Document({"realm": "acme", "components": {LDAP: [
        {"id": "p1", "name": "corp ldap", "providerId": "ldap", "parentId": "realm-id",
         "config": {"bindDn": ["cn=admin"], "bindCredential": ["**********"], "lastSync": ["1796417794"], "vendor": ["other"]},
         "subComponents": {LDAP_MAPPER: [{"id": "m1", "parentId": "p1", "name": "email", "providerId": "user-attribute-ldap-mapper",
                                          "subComponents": {}, "config": {"ldap.attribute": ["mail"]}}]}},
        {"name": "kerberos", "providerId": "kerberos", "config": {"bindCredential": ["in-clear-2"]}},
    ]}, "groups": [{"name": "staff"}], "users": [{"username": "bob", "federationLink": "p1"}, {"username": "carol"}]},
        "acme", purge=["userFederation"])
    corp, kerberos = requests_of(document, "userFederation")
    assert (corp.kind, corp.key) == ("user_federation", "corp ldap")
    assert corp.representation == {"name": "corp ldap", "providerId": "ldap", "config": {"bindDn": ["cn=admin"], "vendor": ["other"]}}
    assert corp.items["mappers"] == [{"name": "email", "providerId": "user-attribute-ldap-mapper", "config": {"ldap.attribute": ["mail"]}}]
    assert corp.flags["bind_credential"] is None and corp.purge == {"mappers": True}
    assert kerberos.flags["bind_credential"] == "in-clear-2" and kerberos.items["mappers"] is None
    assert "in-clear-2" in document.secrets()
    # After the groups its mappers may name, before the users; a user the federation imported is left to it.
    assert [entry.section for entry in document.ordered] == ["realm", "groups", "userFederation", "userFederation", "users"]
    assert [request.key for request in requests_of(document, "users")] == ["carol"]
    assert any("users[0]" in warning and "federationLink" in warning for warning in document.warnings)
    assert not any("components" in warning for warning in document.warnings)


def test_a_user_federation_provider_needs_a_name():
    with pytest.raises(DocumentError) as error:
        Document({"components": {LDAP: [{"providerId": "ldap"}]}}, "acme")
    assert "components.%s[0]: a user federation provider needs a name" % LDAP in "%s" % error.value


KEYS = "org.keycloak.keys.KeyProvider"


def test_key_providers_by_name_without_generated_keys_and_imported_keys_as_flags():
    """As ``kc.sh export`` writes them: a generated provider's key is left out (with a warning), an imported key is the
    kind's secret flag (masked: keep), both come last."""
    document = Document({"realm": "acme", "components": {KEYS: [
        {"id": "k1", "name": "rsa-generated", "providerId": "rsa-generated", "subComponents": {},
         "config": {"privateKey": ["MIIE-generated"], "keyUse": ["SIG"], "certificate": ["MIIC"], "priority": ["100"]}},
        {"id": "k2", "name": "hmac-generated-hs512", "providerId": "hmac-generated",
         "config": {"kid": ["a15d"], "secret": ["eGR-s0q"], "priority": ["100"], "algorithm": ["HS512"]}},
        {"id": "k3", "name": "imported", "providerId": "rsa",
         "config": {"privateKey": ["MIIE-imported"], "certificate": ["MIIC-imported"], "priority": ["200"]}},
        {"name": "store", "providerId": "java-keystore",
         "config": {"keystorePassword": ["**********"], "keyPassword": ["**********"], "keystore": ["/etc/keys.p12"]}},
    ]}}, "acme", purge=["keys"])
    generated, hmac, imported, store = requests_of(document, "keys")
    assert (generated.kind, generated.key) == ("realm_key", "rsa-generated")
    assert generated.representation == {"name": "rsa-generated", "providerId": "rsa-generated", "config": {"priority": ["100"]}}
    assert hmac.representation["config"] == {"priority": ["100"], "algorithm": ["HS512"]}
    assert generated.flags["private_key"] is None
    assert imported.representation["config"] == {"certificate": ["MIIC-imported"], "priority": ["200"]}
    assert imported.flags["private_key"] == "MIIE-imported" and imported.flags["update_secret"] == "on_create"
    assert store.flags["keystore_password"] is None and store.flags["key_password"] is None
    # Never sent, the generated keys are no_log values all the same (the task's arguments show them otherwise).
    assert set(("MIIE-imported", "MIIE-generated", "eGR-s0q")) <= document.secrets()
    assert [entry.section for entry in document.ordered] == ["realm"] + ["keys"] * 4
    assert any("rsa-generated, hmac-generated-hs512" in warning for warning in document.warnings), document.warnings
    assert not any("not managed" in warning for warning in document.warnings)


def test_purging_keys_needs_key_providers_in_the_document():
    with pytest.raises(DocumentError) as error:
        Document({"realm": "acme"}, "acme", purge=["keys"])
    assert "purge names keys, but the document lists no key provider" in "%s" % error.value
    # purge: all purges the keys only where the document lists some.
    assert Document({"realm": "acme"}, "acme", purge=["all"]).entries["keys"] == []


def test_two_key_providers_of_one_name_are_refused():
    with pytest.raises(DocumentError) as error:
        Document({"components": {KEYS: [{"name": "k", "providerId": "rsa-generated"}, {"name": "k", "providerId": "ecdsa-generated"}]}}, "acme")
    assert "components.%s[0] and components.%s[1] are the same realm key 'k'" % (KEYS, KEYS) in "%s" % error.value


def test_a_clients_authorization_settings_by_name_after_the_users_their_policies_name():
    """As an export writes them: a role policy names a client role ``clientId/role`` (split at the document's client), the
    lists of names are JSON text; planned by keycloak_client_authz's handler after the users."""
    document = Document({"realm": "acme", "clients": [
        {"clientId": "billing", "authorizationServicesEnabled": True, "authorizationSettings": {
            "policyEnforcementMode": "PERMISSIVE", "decisionStrategy": "AFFIRMATIVE", "allowRemoteResourceManagement": True,
            "scopes": [{"id": "s1", "name": "read"}],
            "resources": [{"_id": "r1", "name": "invoices", "uris": ["/invoices/*"], "scopes": [{"name": "read"}], "attributes": {}}],
            "policies": [
                {"id": "p1", "name": "auditors", "type": "role", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS",
                 "config": {"roles": '[{"id":"billing/invoice-reader","required":false},{"id":"auditor","required":true}]'}},
                {"id": "p2", "name": "read invoices", "type": "scope", "logic": "POSITIVE", "decisionStrategy": "AFFIRMATIVE",
                 "config": {"resources": '["invoices"]', "scopes": '["read"]', "applyPolicies": '["auditors"]'}}]}},
        {"clientId": "portal"}],
        "users": [{"username": "ann"}]}, "acme", purge=["clients"])
    authz, = requests_of(document, "clientAuthorization")
    assert (authz.kind, authz.key) == ("client_authz", "billing")
    assert authz.representation == {"clientId": "billing", "policyEnforcementMode": "PERMISSIVE", "decisionStrategy": "AFFIRMATIVE",
                                    "allowRemoteResourceManagement": True}
    assert authz.items["scopes"] == [{"name": "read"}]
    assert authz.items["resources"] == [{"name": "invoices", "uris": ["/invoices/*"], "scopes": ["read"], "attributes": {},
                                         "ownerManagedAccess": False}]
    auditors, = authz.items["policies"]
    assert auditors["roles"] == [{"name": "auditor", "required": True}, {"name": "invoice-reader", "clientId": "billing", "required": False}]
    assert authz.items["permissions"] == [{"name": "read invoices", "type": "scope", "logic": "POSITIVE", "decisionStrategy": "AFFIRMATIVE",
                                           "resources": ["invoices"], "scopes": ["read"], "policies": ["auditors"]}]
    assert authz.purge == {"scopes": True, "resources": True, "policies": True, "permissions": True}
    assert [entry.section for entry in document.ordered].index("clientAuthorization") > [entry.section for entry in document.ordered].index("users")


def test_authorization_settings_of_a_client_without_authorization_services_are_refused():
    with pytest.raises(DocumentError) as error:
        Document({"clients": [{"clientId": "billing", "authorizationServicesEnabled": False, "authorizationSettings": {"policies": []}}]}, "acme")
    assert "clients[0].authorizationSettings (client 'billing'): authorization settings of a client without authorization " \
        "services" in "%s" % error.value


def test_a_clients_own_scope_mappings_are_managed_when_the_document_maps_one():
    config = {"realm": "acme", "clients": [{"clientId": "billing"}, {"clientId": "portal"}], "clientScopes": [{"name": "audit"}],
              "scopeMappings": [{"clientScope": "audit", "roles": ["auditor"]}, {"client": "billing", "roles": ["auditor"]}],
              "clientScopeMappings": {"billing": [{"client": "portal", "roles": ["invoice-reader"]}]}}
    billing, portal = requests_of(Document(config, "acme", purge=["clients"]), "clients")
    assert billing.items["scopeMappings"] == [{"name": "auditor", "clientId": None}] and billing.purge["scopeMappings"] is True
    assert portal.items["scopeMappings"] == [{"name": "invoice-reader", "clientId": "billing"}]
    assert "scopeMappings" in billing.later
    # Client scopes only: the clients' own scopes are left alone, even purged.
    config = dict(config, scopeMappings=[{"clientScope": "audit", "roles": ["auditor"]}], clientScopeMappings={})
    assert [request.items["scopeMappings"] for request in requests_of(Document(config, "acme", purge=["clients"]), "clients")] == [None, None]


# ------------------------------------------------------------------ src: a file, or a folder of kc.sh export --dir


def _write(folder, name, data):
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_src_file_is_the_document(tmp_path):
    path = _write(tmp_path, "acme.json", {"realm": "acme", "users": [{"username": "ann"}]})
    assert read_document(path, "acme") == {"realm": "acme", "users": [{"username": "ann"}]}


def test_src_folder_adds_the_users_files_in_their_numbers_order(tmp_path):
    # As kc.sh export --dir writes them: the realm's file, then its users a few a file, numbered from 0 (10 after 9, not after 1).
    _write(tmp_path, "acme-realm.json", {"realm": "acme", "enabled": True, "users": [{"username": "svc", "serviceAccountClientId": "robot"}]})
    for number in (0, 1, 2, 10, 9):
        _write(tmp_path, "acme-users-%d.json" % number, {"realm": "acme", "users": [{"username": "user-%d" % number}]})
    _write(tmp_path, "acme-federated-users-0.json", {"realm": "acme", "federatedUsers": [{"id": "f:1:bob"}]})
    # Another realm's files in the same folder (kc.sh export --dir without --realm) are not this realm's.
    _write(tmp_path, "other-realm.json", {"realm": "other"})
    _write(tmp_path, "other-users-0.json", {"realm": "other", "users": [{"username": "stranger"}]})
    document = read_document(str(tmp_path), "acme")
    assert [user["username"] for user in document["users"]] == ["svc", "user-0", "user-1", "user-2", "user-9", "user-10"]
    assert document["federatedUsers"] == [{"id": "f:1:bob"}]
    assert document["enabled"] is True


def test_src_folder_without_the_realms_file_names_what_is_there(tmp_path):
    _write(tmp_path, "other-realm.json", {"realm": "other"})
    with pytest.raises(DocumentError) as error:
        read_document(str(tmp_path), "acme")
    assert "no acme-realm.json" in str(error.value) and "other-realm.json" in str(error.value)


@pytest.mark.parametrize("name, data, message", [
    ("acme-realm.json", "{not json", "cannot read"),
    ("acme-realm.json", ["a", "list"], "not a list"),
    ("acme-users-0.json", {"realm": "other", "users": []}, "the users of realm 'other', not of 'acme'"),
    ("acme-users-0.json", {"realm": "acme", "users": "ann"}, "users is a string ('ann'), not a list"),
])
def test_src_that_is_no_document_is_named(tmp_path, name, data, message):
    if name != "acme-realm.json":
        _write(tmp_path, "acme-realm.json", {"realm": "acme"})
    _write(tmp_path, name, data)
    with pytest.raises(DocumentError) as error:
        read_document(str(tmp_path) if name != "acme-realm.json" else str(tmp_path / name), "acme")
    assert message in str(error.value), error.value


def test_src_that_is_missing_is_named(tmp_path):
    with pytest.raises(DocumentError) as error:
        read_document(str(tmp_path / "nowhere.json"), "acme")
    assert "cannot read" in str(error.value) and "nowhere.json" in str(error.value)


def test_a_user_of_a_users_file_is_named_by_its_file(tmp_path):
    _write(tmp_path, "acme-realm.json", {"realm": "acme", "users": [{"username": "svc"}]})
    _write(tmp_path, "acme-users-0.json", {"realm": "acme", "users": [{"username": "ann"}, {"username": "bob"}]})
    _write(tmp_path, "acme-users-1.json", {"realm": "acme", "users": [{"username": "carol"}, {"username": "BOB"}]})
    files = []
    config = read_document(str(tmp_path), "acme", files)
    assert files == [(1, "acme-users-0.json"), (3, "acme-users-1.json")]
    with pytest.raises(DocumentError) as error:
        Document(config, "acme", user_files=files)
    # The same user twice (Keycloak keeps usernames in lower case), named where each one is.
    assert "acme-users-0.json users[1] and acme-users-1.json users[1] are the same user 'BOB'" in str(error.value)
    del config["users"][-1]
    document = Document(config, "acme", user_files=files)
    assert [entry.path for entry in document.entries["users"]] == [
        "users[0]", "acme-users-0.json users[0]", "acme-users-0.json users[1]", "acme-users-1.json users[0]"]
