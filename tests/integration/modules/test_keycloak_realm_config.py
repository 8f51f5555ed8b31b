# -*- coding: utf-8 -*-
"""keycloak_realm_config against the real server: a realm built with the single modules, exported by Keycloak
(partial export), applied to a new empty realm.

Plan equals apply section by section (check mode writes nothing), the rerun plans nothing, a hand edit is
repaired, purge deletes exactly the undeclared objects (built-ins never), a max_deletes refusal writes
nothing, and bad documents fail before any write naming where they are wrong.
"""

import copy
import json
import uuid

import pytest

from test_realm_config_round_trip import differences, normalised  # pylint: disable=import-error
from harness import NOOP_COUNTS  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

MODULE = "keycloak_realm_config"
PASSWORD = "Realm-config-password-1"
IDP_SECRET = "Idp-secret-1"


def unique(prefix="rc"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


def in_realm(admin, realm):
    kc = KeycloakAdmin(connection=copy.copy(admin.connection))
    kc.change_current_realm(realm)
    return kc


def ok(result):
    assert not result.get("failed"), result.get("msg")
    return result


@pytest.fixture(scope="module")
def source(module_runner_module, realm):
    """A realm built with the single modules: roles (a composite holding a client role), a client scope with a mapper, clients
    (mappers, optional scope, a service account with roles), a group tree with attributes and roles."""
    run = module_runner_module
    tasks = [
        ("keycloak_role", dict(name="auditor", description="Reads audit logs", attributes={"level": ["2"]})),
        ("keycloak_client_scope", dict(name="department", protocol="openid-connect", protocol_mappers=[{
            "name": "department", "protocol_mapper": "oidc-usermodel-attribute-mapper",
            "config": {"user.attribute": "department", "claim.name": "department", "access.token.claim": "true"}}])),
        ("keycloak_flow", dict(alias="browser with redirector", description="Cookie, a redirector, or a password", provider_id="basic-flow",
                               executions=[
                                   {"authenticator": "auth-cookie", "requirement": "ALTERNATIVE"},
                                   {"authenticator": "identity-provider-redirector", "requirement": "ALTERNATIVE",
                                    "config": {"alias": "redirector settings", "config": {"defaultProvider": "corp"}}},
                                   {"flow_alias": "browser with redirector forms", "requirement": "ALTERNATIVE", "executions": [
                                       {"authenticator": "auth-username-password-form", "requirement": "REQUIRED"}]}],
                               bind_as=["browser"])),
        ("keycloak_identity_provider", dict(alias="corp", provider_id="oidc", display_name="Corp", client_secret=IDP_SECRET,
                                            first_broker_login_flow_alias="first broker login",
                                            config={"clientId": "keycloak-acme", "authorizationUrl": "https://login.corp.example/authorize",
                                                    "tokenUrl": "https://login.corp.example/token", "clientAuthMethod": "client_secret_post"},
                                            mappers=[{"name": "department", "identity_provider_mapper": "oidc-user-attribute-idp-mapper",
                                                      "config": {"syncMode": "INHERIT", "claim": "department", "user.attribute": "department"}}])),
        ("keycloak_client", dict(client_id="portal", public_client=True,
                                 authentication_flow_binding_overrides={"browser": "browser with redirector"}, redirect_uris=["https://portal.example.com/*"],
                                 web_origins=["https://portal.example.com"], optional_client_scopes=["department"],
                                 protocol_mappers=[{"name": "tenant", "protocol_mapper": "oidc-hardcoded-claim-mapper",
                                                    "config": {"claim.name": "tenant", "claim.value": "acme", "access.token.claim": "true"}}])),
        ("keycloak_role", dict(name="editor", client_id="portal", description="Edits pages")),
        ("keycloak_role", dict(name="publisher", composites=[{"name": "auditor"}, {"name": "editor", "client_id": "portal"}])),
        ("keycloak_client", dict(client_id="robot", public_client=False, service_accounts_enabled=True, standard_flow_enabled=False,
                                 service_account_realm_roles=["auditor"],
                                 service_account_client_roles=[{"client_id": "portal", "roles": ["editor"]}])),
        ("keycloak_group", dict(path="/staff", attributes={"site": ["paris"]}, realm_roles=["auditor"])),
        ("keycloak_group", dict(path="/staff/editors", client_roles=[{"client_id": "portal", "roles": ["editor"]}])),
        ("keycloak_realm", dict(default_groups=["/staff"])),
    ]
    for module, args in tasks:
        ok(run(module, realm=realm, **args))
    return realm


@pytest.fixture(scope="module")
def module_runner_module(admin_credentials):
    from harness import run_module  # pylint: disable=import-error

    def run(module, /, check_mode=False, diff=False, **args):
        full = dict(admin_credentials)
        full.update(args)
        return run_module(module, full, check_mode=check_mode, diff=diff)

    return run


USERS = [
    {"username": "alice", "email": "alice@example.com", "firstName": "Alice", "lastName": "Doe", "enabled": True,
     "attributes": {"department": ["sales"]}, "requiredActions": ["VERIFY_EMAIL"], "groups": ["/staff/editors"],
     "realmRoles": ["publisher"], "clientRoles": {"portal": ["editor"]},
     "federatedIdentities": [{"identityProvider": "corp", "userId": "corp-123", "userName": "alice@corp"}],
     "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}]},
    {"username": "bob", "enabled": False, "groups": ["/staff"]},
]


def retarget(document, source_realm, target_realm):
    """The export of ``source_realm`` as a document for ``target_realm`` (same server, so another name), with the secret
    the export masks filled in (as a vault would)."""
    old, new = "default-roles-%s" % source_realm.lower(), "default-roles-%s" % target_realm.lower()
    document = json.loads(json.dumps(document).replace('"%s"' % old, '"%s"' % new))
    document["realm"] = target_realm
    for provider in document.get("identityProviders") or []:
        provider["config"]["clientSecret"] = IDP_SECRET
    return document


@pytest.fixture(scope="module")
def exported(admin, source):
    kc = in_realm(admin, source)
    export = kc.export_realm(export_clients=True, export_groups_and_role=True)
    export["users"] = copy.deepcopy(USERS) + [user for user in export.get("users") or [] if user.get("serviceAccountClientId")]
    return export


@pytest.fixture()
def target(admin):
    name = unique("rc")
    admin.create_realm({"realm": name, "enabled": True})
    kc = in_realm(admin, name)
    profile = kc.get_user_profile_config()
    profile["unmanagedAttributePolicy"] = "ENABLED"
    kc.update_user_profile_config(profile)
    yield name
    try:
        admin.delete_realm(name)
    except Exception:  # pylint: disable=broad-except
        pass


@pytest.fixture()
def absent_realm(admin):
    """The name of a realm that does not exist yet (a test's apply creates it); deleted afterwards."""
    name = unique("rc-new")
    yield name
    try:
        admin.delete_realm(name)
    except Exception:  # pylint: disable=broad-except
        pass


def apply(run, realm, config, check_mode=False, diff=False, **args):
    return run(MODULE, realm=realm, config=config, check_mode=check_mode, diff=diff, **args)


def objects_of(plan):
    return dict((section, dict((operation, sorted(item["object"] for item in part[operation])) for operation in ("create", "update", "delete")))
                for section, part in plan.items())


def test_round_trip_plan_equals_apply_and_rerun_plans_nothing(module_runner_module, admin, source, exported, target):
    run = module_runner_module
    document = retarget(exported, source, target)
    check = ok(apply(run, target, document, check_mode=True, diff=True))
    assert check.writes == [], check.writes
    assert check["changed"] is True
    assert {"roles", "clientScopes", "authenticationFlows", "identityProviders", "clients", "groups", "users"} <= set(check["plan"]), check["plan"].keys()
    real = ok(apply(run, target, document, diff=True))
    assert real["changed"] is True
    # Plan equals apply, section by section.
    assert objects_of(real["changes"]) == objects_of(check["plan"])
    assert real["changes"] == check["plan"]
    assert real["diff"] == check["diff"]
    rerun = ok(apply(run, target, document))
    assert rerun["changed"] is False, rerun["plan"]
    assert rerun["plan"] == {}
    assert rerun.writes == []
    NOOP_COUNTS[MODULE] = len(rerun.requests)
    print("\nclients %d, client scopes %d, realm roles %d, client roles %d, groups %d, users %d" % (
        len(document["clients"]), len(document["clientScopes"]), len(document["roles"]["realm"]),
        sum(len(roles) for roles in document["roles"]["client"].values()), len(document["groups"]), len(document["users"])))
    print("round trip: check mode %d requests, apply %d (%d writes), rerun %d"
          % (len(check.requests), len(real.requests), len(real.writes), len(rerun.requests)))

    kc = in_realm(admin, target)
    portal = kc.get_client(kc.get_client_id("portal"))
    assert portal["redirectUris"] == ["https://portal.example.com/*"]
    assert "department" in portal["optionalClientScopes"]
    assert [mapper["name"] for mapper in portal["protocolMappers"]] == ["tenant"]
    publisher = kc.get_composite_roles_of_role_by_id(kc.get_realm_role("publisher")["id"])
    assert sorted(role["name"] for role in publisher) == ["auditor", "editor"]
    robot = kc.get_client_service_account_user(kc.get_client_id("robot"))
    mapped = kc.get_all_roles_of_user(robot["id"])
    assert "auditor" in [role["name"] for role in mapped["realmMappings"]]
    assert [role["name"] for role in mapped["clientMappings"]["portal"]["mappings"]] == ["editor"]
    assert kc.get_realm(target)["browserFlow"] == "browser with redirector"
    assert [group["path"] for group in kc.get_realm_default_groups()] == ["/staff"]
    flow_ids = dict((flow["alias"], flow["id"]) for flow in kc.get_authentication_flows())
    assert portal["authenticationFlowBindingOverrides"] == {"browser": flow_ids["browser with redirector"]}
    staff = kc.get_group_by_path("/staff")
    assert staff["attributes"] == {"site": ["paris"]} and staff["realmRoles"] == ["auditor"]
    assert kc.get_group_by_path("/staff/editors")["clientRoles"] == {"portal": ["editor"]}
    alice = kc.get_users({"username": "alice", "exact": True})[0]
    assert alice["requiredActions"] == ["VERIFY_EMAIL"] and alice["attributes"]["department"] == ["sales"]
    assert [group["path"] for group in kc.get_user_groups(alice["id"])] == ["/staff/editors"]
    corp = kc.get_idp("corp")
    assert corp["config"]["tokenUrl"] == "https://login.corp.example/token"
    assert [mapper["name"] for mapper in kc.get_idp_mappers("corp")] == ["department"]
    assert [link["userId"] for link in kc.get_user_social_logins(alice["id"])] == ["corp-123"]
    # The export of the target equals the source's, apart from ids and secrets.
    again = kc.export_realm(export_clients=True, export_groups_and_role=True)
    assert shape(again, target) == shape(exported, source)


def shape(export, realm):
    """What a round trip must keep: names and the fields the test set, ids left out."""
    roles = sorted(role["name"].replace(realm.lower(), "REALM") for role in export["roles"]["realm"])
    client_roles = dict((client_id, sorted(role["name"] for role in roles_)) for client_id, roles_ in export["roles"]["client"].items() if roles_)
    clients = dict((client["clientId"], (sorted(client.get("redirectUris") or []), sorted(client.get("optionalClientScopes") or []),
                                         sorted(mapper["name"] for mapper in client.get("protocolMappers") or [])))
                   for client in export["clients"])
    groups = [(group["name"], group.get("attributes"), group.get("realmRoles"), [child["name"] for child in group.get("subGroups") or []])
              for group in export["groups"]]
    scopes = sorted(scope["name"] for scope in export["clientScopes"])
    flows = dict((flow["id"], flow["alias"]) for flow in export["authenticationFlows"])
    trees = sorted((flow["alias"], [(execution.get("authenticator"), execution.get("flowAlias"), execution["requirement"], execution.get("authenticatorConfig"))
                                    for execution in sorted(flow["authenticationExecutions"], key=lambda item: item["priority"])])
                   for flow in export["authenticationFlows"])
    configs = sorted((config["alias"], config["config"]) for config in export["authenticatorConfig"])
    overrides = dict((client["clientId"], dict((binding, flows.get(flow)) for binding, flow in client["authenticationFlowBindingOverrides"].items()))
                     for client in export["clients"] if client.get("authenticationFlowBindingOverrides"))
    providers = sorted((provider["alias"], provider.get("displayName"), provider.get("firstBrokerLoginFlowAlias"),
                        dict((key, value) for key, value in provider["config"].items() if key != "clientSecret"))
                       for provider in export.get("identityProviders") or [])
    provider_mappers = sorted((mapper["identityProviderAlias"], mapper["name"], mapper["config"]) for mapper in export.get("identityProviderMappers") or [])
    return roles, client_roles, clients, groups, scopes, export["browserFlow"], trees, configs, overrides, providers, provider_mappers


def test_hand_edit_is_repaired_and_password_set_only_at_create(module_runner_module, admin, source, exported, target):
    run = module_runner_module
    document = retarget(exported, source, target)
    ok(apply(run, target, document))
    kc = in_realm(admin, target)
    portal_id = kc.get_client_id("portal")
    portal = kc.get_client(portal_id)
    kc.update_client(portal_id, dict(portal, redirectUris=["https://evil.example.com/*"]))
    staff = kc.get_group_by_path("/staff")
    kc.update_group(staff["id"], {"name": "staff", "attributes": {"site": ["berlin"]}})
    check = ok(apply(run, target, document, check_mode=True))
    assert check.writes == []
    assert objects_of(check["plan"]) == {"clients": {"create": [], "update": ["client 'portal'"], "delete": []},
                                         "groups": {"create": [], "update": ["group '/staff'"], "delete": []}}
    assert check["plan"]["clients"]["update"][0]["fields"] == ["redirectUris"]
    repaired = ok(apply(run, target, document))
    assert repaired["changes"] == check["plan"]
    assert kc.get_client(portal_id)["redirectUris"] == ["https://portal.example.com/*"]
    assert kc.get_group_by_path("/staff")["attributes"] == {"site": ["paris"]}
    # The password of the document is not sent again (update_password: on_create).
    again = ok(apply(run, target, document))
    assert again["changed"] is False and not [url for method, url in again.writes if url.endswith("/reset-password")]
    always = ok(apply(run, target, document, update_password="always"))
    assert always["changed"] is True
    assert [item["object"] for item in always["changes"]["users"]["update"]] == ["user 'alice'"]


def test_purge_deletes_exactly_the_undeclared_and_max_deletes_refuses(module_runner_module, admin, source, exported, target):
    run = module_runner_module
    document = retarget(exported, source, target)
    ok(apply(run, target, document))
    kc = in_realm(admin, target)
    kc.create_client({"clientId": "stray"})
    kc.create_group({"name": "stray-group"})
    kc.create_group({"name": "stray-child"}, parent=kc.get_group_by_path("/staff")["id"])
    kc.create_realm_role({"name": "stray-role"})
    kc.create_user({"username": "stray-user", "enabled": True})

    refused = apply(run, target, document, purge=["all"], max_deletes=3)
    assert refused.get("failed") is True
    assert "deletes 5 object(s), more than max_deletes (3)" in refused["msg"], refused["msg"]
    for section in ("clients 1", "groups 2", "roles 1", "users 1"):
        assert section in refused["msg"], refused["msg"]
    assert refused.writes == []

    check = ok(apply(run, target, document, purge=["all"], check_mode=True))
    assert check.writes == []
    deleted = dict((section, part["delete"]) for section, part in check["plan"].items() if part["delete"])
    assert sorted(item["object"] for items in deleted.values() for item in items) == sorted(
        ["client 'stray'", "group '/stray-group'", "group '/staff/stray-child'", "realm role 'stray-role'", "user 'stray-user'"])
    real = ok(apply(run, target, document, purge=["all"]))
    assert real["changes"] == check["plan"]
    assert kc.get_client_id("stray") is None
    assert kc.get_client_id("account") is not None and kc.get_client_id("realm-management") is not None
    assert [group["name"] for group in kc.get_groups()] == ["staff"]
    assert "offline_access" in [role["name"] for role in kc.get_realm_roles()]
    assert kc.get_users({"username": "stray-user", "exact": True}) == []
    rerun = ok(apply(run, target, document, purge=["all"]))
    assert rerun["changed"] is False, rerun["plan"]


def test_purging_client_scopes_keeps_every_built_in_one(module_runner_module, admin, target):
    """A hand-written document lists one scope: purged, only the scope made by hand goes; the new realm's own scopes stay
    (Keycloak 26.7 added AuthnContextClassRef to them)."""
    run = module_runner_module
    kc = in_realm(admin, target)
    built_in = sorted(scope["name"] for scope in kc.get_client_scopes())
    kc.create_client_scope({"name": "stray-scope", "protocol": "openid-connect"})
    document = {"realm": target, "clientScopes": [{"name": "mine", "protocol": "openid-connect"}]}
    check = ok(apply(run, target, document, purge=["clientScopes"], check_mode=True))
    assert objects_of(check["plan"])["clientScopes"] == {"create": ["client scope 'mine'"], "update": [], "delete": ["client scope 'stray-scope'"]}
    real = ok(apply(run, target, document, purge=["clientScopes"]))
    assert real["changes"] == check["plan"]
    assert sorted(scope["name"] for scope in kc.get_client_scopes()) == sorted(built_in + ["mine"])


@pytest.mark.parametrize("change, expected", [
    (lambda doc: doc.update(realm="other"), "the document is realm 'other'"),
    (lambda doc: doc.update(colour="blue"), "unknown top-level field(s) of a RealmRepresentation: colour"),
    (lambda doc: doc["clients"].append({"clientId": "portal"}), "are the same client 'portal'"),
    (lambda doc: doc["users"].append({"username": "carol", "groups": ["/nowhere"]}), "users[3] (user 'carol'): group '/nowhere' does not exist"),
    (lambda doc: doc["groups"].append({"name": "x", "realmRoles": ["no-such-role"]}), "groups[1] (group '/x'): realm role 'no-such-role' does not exist"),
    (lambda doc: doc["identityProviders"][0]["config"].pop("clientSecret"),
     "a new object needs a secret the document does not give (an export masks it; fill it in, from a vault): "
     "identityProviders[0].config.clientSecret (identity provider 'corp')"),
    (lambda doc: [client.update(authenticationFlowBindingOverrides={"browser": "0b7f7c7e-0000-4000-8000-000000000000"})
                  for client in doc["clients"] if client["clientId"] == "portal"],
     "authenticationFlowBindingOverrides.browser: no flow of the document has the id"),
])
def test_bad_documents_fail_before_any_write(module_runner_module, source, exported, target, change, expected):
    document = retarget(exported, source, target)
    change(document)
    result = apply(module_runner_module, target, document)
    assert result.get("failed") is True
    assert expected in result["msg"], result["msg"]
    assert result.writes == []


def test_new_realm_is_created_then_filled(module_runner_module, admin, source, exported, absent_realm):
    name = absent_realm
    document = retarget(exported, source, name)
    # The source realm's user profile is the default one (its export has no profile component): a new realm would refuse the
    # users' undeclared attributes, as the test of the profile shows.
    for user in document["users"]:
        user.pop("attributes", None)
    check = ok(apply(module_runner_module, name, document, check_mode=True))
    assert check.writes == []
    assert check["plan"]["realm"]["counts"]["create"] == 1
    # Keycloak makes every built-in object of a new realm in the create request: seen above 10 seconds (the default
    # connection_timeout) on a loaded test machine with 26.0.8.
    real = ok(apply(module_runner_module, name, document, connection_timeout=60))
    assert real["changed"] is True
    # The built-ins of the new realm are compared once it exists: the real run may update them, check mode said so.
    assert objects_of(real["changes"])["clients"]["create"] == objects_of(check["plan"])["clients"]["create"]
    rerun = ok(apply(module_runner_module, name, document))
    assert rerun["changed"] is False, rerun["plan"]


def test_a_failed_write_is_reported_and_the_rerun_converges(module_runner_module, admin, source, exported, target):
    """Keycloak refuses a user's password halfway (the realm's password policy, checked at the write): the task says what
    it wrote before; with the policy the document now allows, the rerun creates what is left."""
    run = module_runner_module
    document = retarget(exported, source, target)
    document["passwordPolicy"] = "length(40)"
    failed = apply(run, target, document)
    assert failed.get("failed") is True
    assert "user 'alice'" in failed["msg"] and "written before it" in failed["msg"], failed["msg"]
    written = [item["object"] for item in failed["written"]]
    assert "client 'portal'" in written and "group '/staff'" in written and "user 'alice'" not in written
    kc = in_realm(admin, target)
    assert kc.get_users({"username": "alice", "exact": True}) == []
    document["passwordPolicy"] = "length(8)"
    rerun = ok(apply(run, target, document))
    # What the failed run did not reach (alice, refused; bob, after her) is created now, and nothing else.
    assert [item["object"] for item in rerun["changes"]["users"]["create"]] == ["user 'alice'", "user 'bob'"]
    assert "client 'portal'" not in [item["object"] for item in (rerun["changes"].get("clients") or {}).get("create", [])]
    assert ok(apply(run, target, document))["changed"] is False


def test_required_actions_are_registered_set_and_repaired(module_runner_module, admin, target):
    """A document's required actions: a provider the realm has not registered is registered, the listed fields are set
    (a user of the same document may then be given the action), a hand edit is set back; the others are left alone."""
    run = module_runner_module
    kc = in_realm(admin, target)
    kc.delete_required_action("TERMS_AND_CONDITIONS")
    before_totp = kc.get_required_action_by_alias("CONFIGURE_TOTP")
    document = {
        "realm": target,
        "requiredActions": [
            {"alias": "TERMS_AND_CONDITIONS", "name": "Terms and Conditions", "providerId": "TERMS_AND_CONDITIONS", "enabled": True,
             "defaultAction": True, "priority": 5},
            {"alias": "VERIFY_EMAIL", "enabled": False},
        ],
        "users": [{"username": "ann", "enabled": True, "requiredActions": ["TERMS_AND_CONDITIONS"]}],
    }
    check = ok(apply(run, target, document, check_mode=True, diff=True))
    assert check.writes == []
    assert objects_of(check["plan"])["requiredActions"] == {
        "create": ["required action 'TERMS_AND_CONDITIONS'"], "update": ["required action 'VERIFY_EMAIL'"], "delete": []}
    real = ok(apply(run, target, document, diff=True))
    assert real["changes"] == check["plan"] and real["diff"] == check["diff"]
    terms = kc.get_required_action_by_alias("TERMS_AND_CONDITIONS")
    assert (terms["enabled"], terms["defaultAction"], terms["priority"]) == (True, True, 5), terms
    assert kc.get_required_action_by_alias("VERIFY_EMAIL")["enabled"] is False
    assert kc.get_required_action_by_alias("CONFIGURE_TOTP") == before_totp
    assert kc.get_users({"username": "ann", "exact": True})[0]["requiredActions"] == ["TERMS_AND_CONDITIONS"]
    assert ok(apply(run, target, document))["changed"] is False
    # A hand edit of a listed field is set back; a field the document leaves out stays as edited.
    kc.update_required_action("VERIFY_EMAIL", dict(kc.get_required_action_by_alias("VERIFY_EMAIL"), enabled=True, priority=77))
    repair = ok(apply(run, target, document, check_mode=True))
    assert [item["fields"] for item in repair["plan"]["requiredActions"]["update"]] == [["enabled"]]
    ok(apply(run, target, document))
    verify = kc.get_required_action_by_alias("VERIFY_EMAIL")
    assert (verify["enabled"], verify["priority"]) == (False, 77)
    # purge: all never unregisters a required action.
    purged = ok(apply(run, target, {"realm": target, "requiredActions": []}, purge=["all"], max_deletes=100))
    assert "requiredActions" not in purged["plan"]
    assert kc.get_required_action_by_alias("CONFIGURE_TOTP") is not None


def test_localization_texts_are_set_kept_and_purged(module_runner_module, admin, target):
    """``localizationTexts``: the listed texts of each listed locale are set; other texts and locales are kept, unless the
    section is purged (then the locales the document leaves out are deleted, and the listed ones lose their other texts)."""
    run = module_runner_module
    kc = in_realm(admin, target)
    kc.add_localization_texts("de", {"loginTitle": "Willkommen"})
    kc.add_localization_texts("fr", {"loginTitle": "Bienvenue", "doLogIn": "Connexion"})
    document = {"realm": target, "localizationTexts": {"fr": {"loginTitle": "Bienvenue chez ACME", "doRegister": "S'inscrire"},
                                                       "en": {"loginTitle": "Welcome to ACME"}}}
    check = ok(apply(run, target, document, check_mode=True, diff=True))
    assert check.writes == []
    assert objects_of(check["plan"])["localizationTexts"] == {
        "create": ["localization 'en' of realm '%s'" % target], "update": ["localization 'fr' of realm '%s'" % target], "delete": []}
    real = ok(apply(run, target, document, diff=True))
    assert real["changes"] == check["plan"] and real["diff"] == check["diff"]
    assert kc.get_localization_texts("fr") == {"loginTitle": "Bienvenue chez ACME", "doRegister": "S'inscrire", "doLogIn": "Connexion"}
    assert kc.get_localization_texts("en") == {"loginTitle": "Welcome to ACME"}
    assert kc.get_localization_texts("de") == {"loginTitle": "Willkommen"}
    assert ok(apply(run, target, document))["changed"] is False
    purge = ok(apply(run, target, document, purge=["localizationTexts"], check_mode=True))
    assert objects_of(purge["plan"])["localizationTexts"] == {
        "create": [], "update": ["localization 'fr' of realm '%s'" % target], "delete": ["localization 'de' of realm '%s'" % target]}
    purged = ok(apply(run, target, document, purge=["localizationTexts"]))
    assert purged["changes"] == purge["plan"]
    assert sorted(kc.get_localization_locales()) == ["en", "fr"]
    assert kc.get_localization_texts("fr") == {"loginTitle": "Bienvenue chez ACME", "doRegister": "S'inscrire"}
    assert ok(apply(run, target, document, purge=["localizationTexts"]))["changed"] is False


def fill(document, values):
    """``document`` with its placeholders filled in, as ``include_vars`` fills them from variables."""
    text = json.dumps(document)
    for name, value in values.items():
        text = text.replace(json.dumps("{{ %s }}" % name), json.dumps(value))
    return json.loads(text)


def names_of(document):
    def tree(groups, parent=""):
        return [path for group in groups for path in [parent + "/" + group["name"]] + tree(group.get("subGroups") or [], parent + "/" + group["name"])]

    return {
        "roles": sorted(role["name"] for role in document["roles"]["realm"]),
        "client roles": sorted((client_id, role["name"]) for client_id, roles in document["roles"]["client"].items() for role in roles),
        "clients": sorted(client["clientId"] for client in document["clients"]),
        "scopes": sorted(scope["name"] for scope in document["clientScopes"]),
        "flows": sorted(flow["alias"] for flow in document["authenticationFlows"]),
        "providers": sorted(provider["alias"] for provider in document["identityProviders"]),
        "groups": sorted(tree(document["groups"])),
        "service accounts": sorted(user["serviceAccountClientId"] for user in document["users"]),
    }


def test_an_export_as_config_is_a_no_op_here_and_the_same_realm_elsewhere(module_runner_module, admin, source, absent_realm):
    """keycloak_realm_export format=config: ids, built-in flows and server fields left out, each masked secret a named
    placeholder. Unfilled it is refused; filled with the mask it is a no-op on its own realm; filled with the secrets it
    builds the same realm elsewhere, whose own export is the same document."""
    run = module_runner_module
    exported = ok(run("keycloak_realm_export", realm=source, include_clients=True, include_groups_and_roles=True, format="config"))
    config, secrets = exported["config"], exported["config_secrets"]
    assert secrets == {"keycloak_secret_client_robot": "clients[clientId=robot].secret",
                       "keycloak_secret_idp_corp": "identityProviders[alias=corp].config.clientSecret"}
    managed = ("roles", "clients", "clientScopes", "groups", "authenticationFlows", "identityProviders", "users")
    text = json.dumps(dict((key, value) for key, value in config.items() if key in managed))
    assert '"id":' not in text and '"containerId":' not in text and '"internalId":' not in text
    assert "keycloakVersion" not in config and "defaultRole" not in config and "id" not in config
    portal = next(client for client in config["clients"] if client["clientId"] == "portal")
    assert portal["authenticationFlowBindingOverrides"] == {"browser": "browser with redirector"} and "secret" not in portal
    assert sorted(flow["alias"] for flow in config["authenticationFlows"]) == ["browser with redirector", "browser with redirector forms"]
    assert [item["alias"] for item in config["authenticatorConfig"]] == ["redirector settings"]
    # As it is: refused, naming the placeholders; nothing written.
    raw = apply(run, source, config)
    assert raw.get("failed") is True and raw.writes == []
    assert "keycloak_secret_client_robot" in raw["msg"] and "keycloak_secret_idp_corp" in raw["msg"], raw["msg"]
    # Filled with the mask (keep what the server has): nothing to do on its own realm.
    same = ok(apply(run, source, fill(config, dict((name, "**********") for name in secrets))))
    assert same["changed"] is False and same.writes == [], same["plan"]
    # Filled with the secrets, on another realm: the same realm.
    kc = in_realm(admin, source)
    robot_secret = kc.get_client_secrets(kc.get_client_id("robot"))["value"]
    other = absent_realm
    values = {"keycloak_secret_client_robot": robot_secret, "keycloak_secret_idp_corp": IDP_SECRET}
    created = ok(apply(run, other, fill(retarget(config, source, other), values), connection_timeout=60))
    assert created["changed"] is True
    assert ok(apply(run, other, fill(retarget(config, source, other), values)))["changed"] is False
    again = ok(run("keycloak_realm_export", realm=other, include_clients=True, include_groups_and_roles=True, format="config"))
    assert again["config_secrets"] == secrets
    # Its own export names the same objects (a new realm gets defaults the first one never had: compared by name).
    assert names_of(again["config"]) == names_of(retarget(config, source, other))
    robot = in_realm(admin, other)
    assert robot.get_client_secrets(robot.get_client_id("robot"))["value"] == robot_secret
    # The server's defaults were left out of the document, yet the realm it made is the same: Keycloak's own exports of
    # both realms are alike apart from ids, secrets the server generates and the realm's name.
    assert "accessTokenLifespan" not in config and "account-console" not in names_of(config)["clients"]
    assert "offline_access" not in names_of(config)["roles"] and "email" not in names_of(config)["scopes"]
    exports = [in_realm(admin, name).export_realm(export_clients=True, export_groups_and_role=True) for name in (source, other)]
    first, second = normalised(exports[0], source), normalised(exports[1], other)
    # Except two attributes: Keycloak gives an OpenID Connect client back-channel logout settings when its create names the
    # protocol, as the document does (an export always names it) and keycloak_client's create, which built the source,
    # does not. That is so with Keycloak's own export as the document too.
    for client in second["clients"].values():
        for name in ("backchannel.logout.session.required", "backchannel.logout.revoke.offline.tokens"):
            if name not in first["clients"]["clientId=" + client["clientId"]].get("attributes", {}):
                client.get("attributes", {}).pop(name, None)
    assert first == second, "\n".join(differences(first, second))
    # With its users (include_users): listed as the document takes them, and a no-op where they came from.
    users = copy.deepcopy(USERS)
    for user in users:
        user.pop("attributes", None)  # a new realm's user profile keeps only the attributes it declares
    ok(apply(run, other, {"realm": other, "users": users}))
    with_users = ok(run("keycloak_realm_export", realm=other, include_clients=True, include_groups_and_roles=True, format="config",
                        include_users=True))
    listed = dict((user["username"], user) for user in with_users["config"]["users"] if not user.get("serviceAccountClientId"))
    assert sorted(listed) == ["alice", "bob"]
    alice = listed["alice"]
    assert "id" not in alice and "credentials" not in alice and "createdTimestamp" not in alice
    # /staff is the realm's default group: a new user joins it.
    assert alice["groups"] == ["/staff", "/staff/editors"] and alice["clientRoles"] == {"portal": ["editor"]}
    assert sorted(alice["realmRoles"]) == sorted(["publisher", "default-roles-%s" % other])
    assert alice["federatedIdentities"] == [{"identityProvider": "corp", "userId": "corp-123", "userName": "alice@corp"}]
    assert alice["requiredActions"] == ["VERIFY_EMAIL"] and listed["bob"]["enabled"] is False
    same = ok(apply(run, other, fill(with_users["config"], dict((name, "**********") for name in secrets))))
    assert same["changed"] is False and same.writes == [], same["plan"]


def test_organizations_as_kc_sh_exports_them(module_runner_module, admin, target):
    """``organizations`` in the shape ``kc.sh export`` writes (members as ``{username, membershipType}``, providers with
    their organization config), in a realm whose organizations the same document turns on."""
    run = module_runner_module
    kc = in_realm(admin, target)
    document = {
        "realm": target, "organizationsEnabled": True,
        "identityProviders": [{"alias": "corp", "providerId": "oidc", "enabled": True, "config": {
            "clientId": "x", "clientSecret": IDP_SECRET, "authorizationUrl": "https://login.corp.example/authorize",
            "tokenUrl": "https://login.corp.example/token", "clientAuthMethod": "client_secret_post"}}],
        "users": [{"username": "bob", "enabled": True}],
        "organizations": [{"id": "2b520d42-d3af-4554-a70d-f01bc6c214c3", "name": "Acme Corp", "alias": "acme", "enabled": True,
                           "attributes": {"tier": ["gold"]}, "domains": [{"name": "acme.example", "verified": True}],
                           "members": [{"username": "bob", "membershipType": "UNMANAGED"}],
                           "identityProviders": [{"alias": "corp", "enabled": True, "config": {"kc.org.domain": "acme.example"}}]}],
    }
    check = ok(apply(run, target, document, check_mode=True, diff=True))
    assert check.writes == []
    assert objects_of(check["plan"])["organizations"]["create"] == ["organization 'Acme Corp'"]
    real = ok(apply(run, target, document, diff=True))
    assert real["changes"] == check["plan"] and real["diff"] == check["diff"]
    organization = kc.get_organizations()[0]
    assert (organization["name"], organization["alias"], organization["domains"]) == ("Acme Corp", "acme", [{"name": "acme.example", "verified": True}])
    assert [member["username"] for member in kc.get_organization_members(organization["id"])] == ["bob"]
    assert kc.get_idp("corp")["config"]["kc.org.domain"] == "acme.example"
    assert ok(apply(run, target, document))["changed"] is False
    # Purged: an organization the document does not list is deleted.
    kc.create_organization({"name": "Stray", "alias": "stray", "domains": [{"name": "stray.example"}]})
    purge = ok(apply(run, target, document, purge=["organizations"], check_mode=True))
    assert objects_of(purge["plan"])["organizations"] == {"create": [], "update": [], "delete": ["organization 'Stray'"]}
    ok(apply(run, target, document, purge=["organizations"]))
    assert [item["name"] for item in kc.get_organizations()] == ["Acme Corp"]


def test_client_profiles_and_policies(module_runner_module, admin, target):
    """``clientProfiles``/``clientPolicies`` as an export writes them: planned by the client policies kind, written last;
    purged, the profiles and policies the document does not list are removed."""
    run = module_runner_module
    kc = in_realm(admin, target)
    document = {
        "realm": target,
        "clients": [{"clientId": "spa", "publicClient": True, "redirectUris": ["https://spa.example.com/*"]}],
        "clientProfiles": {"profiles": [{"name": "pkce-required", "description": "PKCE for public clients",
                                         "executors": [{"executor": "pkce-enforcer", "configuration": {"auto-configure": "true"}}]}]},
        "clientPolicies": {"policies": [{"name": "public-pkce", "enabled": True, "profiles": ["pkce-required"],
                                         "conditions": [{"condition": "client-access-type", "configuration": {"type": ["public"]}}]}]},
    }
    check = ok(apply(run, target, document, check_mode=True, diff=True))
    assert check.writes == []
    assert "clientPolicies" in check["plan"], check["plan"]
    real = ok(apply(run, target, document, diff=True))
    assert real["changes"] == check["plan"] and real["diff"] == check["diff"]
    assert [profile["name"] for profile in kc.get_client_profiles()["profiles"]] == ["pkce-required"]
    policies = kc.get_client_policies()["policies"]
    assert [(policy["name"], policy["enabled"], policy["profiles"]) for policy in policies] == [("public-pkce", True, ["pkce-required"])]
    assert ok(apply(run, target, document))["changed"] is False
    # A policy added by hand stays, unless the section is purged.
    policies.append({"name": "by-hand", "enabled": False, "profiles": [],
                     "conditions": [{"condition": "client-access-type", "configuration": {"type": ["confidential"]}}]})
    kc.update_client_policies({"policies": policies})
    assert ok(apply(run, target, document))["changed"] is False
    purged = ok(apply(run, target, document, purge=["clientPolicies"]))
    assert purged["changed"] is True
    assert [policy["name"] for policy in kc.get_client_policies()["policies"]] == ["public-pkce"]
    assert ok(apply(run, target, document, purge=["clientPolicies"]))["changed"] is False


def test_scope_mappings_of_client_scopes_and_clients(module_runner_module, admin, target):
    """``scopeMappings`` (realm roles) and ``clientScopeMappings`` (a client's roles) of the document's client scopes and of a
    client's own scope (entries with ``client``), the client and its role created by the same document."""
    run = module_runner_module
    kc = in_realm(admin, target)
    document = {
        "realm": target,
        "roles": {"realm": [{"name": "auditor"}], "client": {"billing": [{"name": "invoice-reader"}]}},
        "clients": [{"clientId": "billing", "publicClient": False}],
        "clientScopes": [{"name": "audit", "protocol": "openid-connect"}],
        "scopeMappings": [{"clientScope": "audit", "roles": ["auditor"]}, {"client": "billing", "roles": ["auditor"]}],
        "clientScopeMappings": {"billing": [{"clientScope": "audit", "roles": ["invoice-reader"]},
                                            {"client": "billing", "roles": ["invoice-reader"]}]},
    }
    check = ok(apply(run, target, document, check_mode=True, diff=True))
    assert check.writes == []
    real = ok(apply(run, target, document, diff=True))
    assert real["changes"] == check["plan"] and real["diff"] == check["diff"]
    billing = kc.get_client_id("billing")
    own_realm = sorted(role["name"] for role in kc.get_realm_roles_of_client_scope(billing))
    own_client = sorted(role["name"] for role in kc.get_client_roles_of_client_scope(billing, billing))
    assert (own_realm, own_client) == (["auditor"], ["invoice-reader"])
    scope_id = next(scope["id"] for scope in kc.get_client_scopes() if scope["name"] == "audit")
    mappings = kc.get_all_roles_of_client_scope(scope_id)
    realm_roles = [role["name"] for role in mappings.get("realmMappings") or []]
    client_roles = [role["name"] for role in kc.get_client_specific_roles_of_client_scope(scope_id, kc.get_client_id("billing"))]
    assert (realm_roles, client_roles) == (["auditor"], ["invoice-reader"]), mappings
    assert ok(apply(run, target, document))["changed"] is False
    # A mapping added by hand is kept, unless client scopes are purged.
    kc.create_realm_role({"name": "extra"})
    kc.add_role_mappings("client_scope", scope_id, [kc.get_realm_role("extra")])
    assert ok(apply(run, target, document))["changed"] is False
    ok(apply(run, target, document, purge=["clientScopes"], max_deletes=100))
    assert [role["name"] for role in kc.get_all_roles_of_client_scope(scope_id).get("realmMappings") or []] == ["auditor"]
    # Likewise for the client's own scope: kept, unless the clients are purged.
    kc.assign_realm_roles_to_client_scope(billing, [kc.get_realm_role("extra")])
    assert ok(apply(run, target, document))["changed"] is False
    purged = ok(apply(run, target, document, purge=["clients"], max_deletes=100))
    assert objects_of(purged["changes"])["clients"]["update"] == ["client 'billing'"], purged["changes"]
    assert sorted(role["name"] for role in kc.get_realm_roles_of_client_scope(billing)) == ["auditor"]
    bad = apply(run, target, dict(document, scopeMappings=[{"client": "nobody", "roles": ["auditor"]}]))
    assert bad.get("failed") and "scopeMappings[0]: client 'nobody' is not in the document's clients" in bad["msg"]
    bad = apply(run, target, dict(document, scopeMappings=[{"clientScope": "nowhere", "roles": ["auditor"]}]))
    assert bad.get("failed") and "scopeMappings[0]: client scope 'nowhere' is not in the document's clientScopes" in bad["msg"]


def test_the_user_profile_of_an_export_goes_before_its_users(module_runner_module, admin, target, absent_realm):
    """An export keeps the user profile as a component's config (one JSON text): applied to a new realm, the profile (an
    attribute of its own, the unmanaged attribute policy) is written before the users whose attributes it declares."""
    run = module_runner_module
    kc = in_realm(admin, target)
    profile = kc.get_user_profile_config()
    profile["attributes"].append({"name": "department", "displayName": "Department", "multivalued": False,
                                  "permissions": {"view": ["admin"], "edit": ["admin"]}, "validations": {"length": {"max": 40}}})
    kc.update_user_profile_config(profile)
    export = kc.export_realm(export_clients=False, export_groups_and_role=False)
    assert "org.keycloak.userprofile.UserProfileProvider" in export["components"], sorted(export["components"])
    other = absent_realm
    document = json.loads(json.dumps(export).replace('"default-roles-%s"' % target.lower(), '"default-roles-%s"' % other.lower()))
    document["realm"] = other
    document["users"] = [{"username": "dana", "enabled": True, "attributes": {"department": ["sales"], "nickname": ["d"]}}]
    check = ok(apply(run, other, document, check_mode=True))
    assert check.writes == [] and "userProfile" in check["plan"], check["plan"].keys()
    ok(apply(run, other, document, connection_timeout=60))
    created = in_realm(admin, other)
    copied = created.get_user_profile_config()
    assert copied.get("unmanagedAttributePolicy") == "ENABLED"
    assert [attribute for attribute in copied["attributes"] if attribute["name"] == "department"][0]["validations"] == {"length": {"max": 40}}
    dana = created.get_users({"username": "dana", "exact": True})[0]
    assert dana["attributes"] == {"department": ["sales"], "nickname": ["d"]}
    assert ok(apply(run, other, document))["changed"] is False
    # An attribute added by hand stays, unless the section is purged.
    copied["attributes"].append({"name": "extra", "displayName": "Extra", "multivalued": False})
    created.update_user_profile_config(copied)
    assert ok(apply(run, other, document))["changed"] is False
    purged = ok(apply(run, other, document, purge=["userProfile"]))
    assert list(purged["changes"]) == ["userProfile"], purged["changes"]
    assert "extra" not in [attribute["name"] for attribute in created.get_user_profile_config()["attributes"]]


def test_client_registration_policies_by_sub_type_and_name(module_runner_module, admin, target):
    """Client registration policies as an export keeps them (components of their type): a new realm's policy is updated in
    its sub-type only, a new one created; purged, a policy the document does not list is deleted, but a new realm's."""
    run = module_runner_module
    kc = in_realm(admin, target)
    policy_type = "org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy"
    document = {"realm": target, "components": {policy_type: [
        {"name": "Max Clients Limit", "providerId": "max-clients", "subType": "anonymous", "config": {"max-clients": ["50"]}},
        {"name": "Consent for everyone", "providerId": "consent-required", "subType": "authenticated", "config": {}},
    ]}}
    check = ok(apply(run, target, document, check_mode=True, diff=True))
    assert check.writes == []
    assert objects_of(check["plan"])["clientRegistrationPolicies"] == {
        "create": ["authenticated client registration policy 'Consent for everyone'"],
        "update": ["anonymous client registration policy 'Max Clients Limit'"], "delete": []}
    real = ok(apply(run, target, document, diff=True))
    assert real["changes"] == check["plan"] and real["diff"] == check["diff"]
    policies = dict(((item["subType"], item["name"]), item) for item in kc.get_components({"type": policy_type}))
    assert policies[("anonymous", "Max Clients Limit")]["config"]["max-clients"] == ["50"]
    assert ("authenticated", "Consent for everyone") in policies
    assert ok(apply(run, target, document))["changed"] is False
    kc.create_component({"name": "Stray", "providerId": "consent-required", "providerType": policy_type, "subType": "anonymous",
                         "parentId": kc.get_realm(target)["id"], "config": {}})
    purged = ok(apply(run, target, document, purge=["clientRegistrationPolicies"]))
    assert objects_of(purged["changes"])["clientRegistrationPolicies"]["delete"] == ["anonymous client registration policy 'Stray'"]
    left = set((item["subType"], item["name"]) for item in kc.get_components({"type": policy_type}))
    assert ("anonymous", "Stray") not in left and ("anonymous", "Trusted Hosts") in left


STORAGE = "org.keycloak.storage.UserStorageProvider"
LDAP_MAPPER = "org.keycloak.storage.ldap.mappers.LDAPStorageMapper"


@pytest.fixture(scope="module")
def ldap(tmp_path_factory):
    """A private slapd on 127.0.0.1 (tests/ldap/server.py) in a state folder of this module's own."""
    import importlib.util
    import os

    path = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "ldap", "server.py")
    spec = importlib.util.spec_from_file_location("ldap_test_server_rc", path)
    server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server)
    missing = server.available()
    if missing:
        pytest.skip("no local LDAP server for the user federation tests: %s" % missing)
    before = os.environ.get("LDAP_STATE_DIR")
    os.environ["LDAP_STATE_DIR"] = str(tmp_path_factory.mktemp("ldap"))
    try:
        url = server.start()
        yield {"url": url, "bind_dn": server.BIND_DN, "password": server.bind_password(), "users_dn": server.USERS_DN}
        server.stop()
    finally:
        if before is None:
            os.environ.pop("LDAP_STATE_DIR", None)
        else:
            os.environ["LDAP_STATE_DIR"] = before


def test_user_federation_with_its_mappers_from_an_export(module_runner_module, admin, target, absent_realm, ldap):
    """An LDAP provider with a group mapper, exported by Keycloak (components, mappers as subComponents, the bind credential
    masked) and applied to a new realm: refused until the credential is given, then plan equals apply, the users sync from
    the directory, the rerun plans nothing; a hand edit is repaired and purge deletes an undeclared mapper. The export's
    config format names the credential as a placeholder and, filled with the mask, is a no-op where it came from."""
    run = module_runner_module
    ok(run("keycloak_group", realm=target, path="/ldap"))
    config = {"vendor": "other", "connectionUrl": ldap["url"], "bindDn": ldap["bind_dn"], "authType": "simple", "usersDn": ldap["users_dn"],
              "userObjectClasses": "inetOrgPerson", "usernameLDAPAttribute": "uid", "rdnLDAPAttribute": "uid", "uuidLDAPAttribute": "entryUUID",
              "editMode": "READ_ONLY", "importEnabled": True, "enabled": True, "pagination": False, "fullSyncPeriod": -1}
    group_mapper = {"name": "groups", "provider_id": "group-ldap-mapper", "config": {
        "groups.dn": "ou=groups,dc=example,dc=org", "group.name.ldap.attribute": "cn", "group.object.classes": "groupOfNames",
        "membership.ldap.attribute": "member", "membership.attribute.type": "DN", "membership.user.ldap.attribute": "uid", "mode": "READ_ONLY",
        "user.roles.retrieve.strategy": "LOAD_GROUPS_BY_MEMBER_ATTRIBUTE", "preserve.group.inheritance": False, "groups.path": "/ldap"}}
    ok(run("keycloak_user_federation", realm=target, name="corp ldap", bind_credential=ldap["password"], config=config,
           mappers=[group_mapper], sync_users="full"))
    kc = in_realm(admin, target)
    assert kc.get_users({"username": "alice", "exact": True})[0].get("federationLink")
    export = kc.export_realm(export_clients=False, export_groups_and_role=True)
    provider = export["components"][STORAGE][0]
    assert provider["config"]["bindCredential"] == ["**********"]
    assert "groups" in [mapper["name"] for mapper in provider["subComponents"][LDAP_MAPPER]]
    other = absent_realm
    document = json.loads(json.dumps(export).replace('"default-roles-%s"' % target.lower(), '"default-roles-%s"' % other.lower()))
    document["realm"] = other
    # kc.sh export lists the users a federation imported: left to the provider.
    document["users"] = [{"username": "alice", "federationLink": provider["id"], "enabled": True}]
    refused = apply(run, other, document, check_mode=True)
    assert refused.get("failed") is True and refused.writes == []
    assert "components.%s[0].config.bindCredential (user federation 'corp ldap')" % STORAGE in refused["msg"], refused["msg"]
    document["components"][STORAGE][0]["config"]["bindCredential"] = [ldap["password"]]
    check = ok(apply(run, other, document, check_mode=True, diff=True))
    assert check.writes == [] and objects_of(check["plan"])["userFederation"]["create"] == ["user federation 'corp ldap'"]
    assert any("federationLink" in "%s" % warning for warning in check.get("warnings") or []), check.get("warnings")
    assert ldap["password"] not in json.dumps(check)
    real = ok(apply(run, other, document, diff=True, connection_timeout=60))
    assert real["changes"]["userFederation"] == check["plan"]["userFederation"]
    assert ldap["password"] not in json.dumps(real)
    copied = in_realm(admin, other)
    copy_provider = copied.get_components({"type": STORAGE})[0]
    copy_mappers = dict((mapper["name"], mapper) for mapper in copied.get_components({"parent": copy_provider["id"], "type": LDAP_MAPPER}))
    assert sorted(copy_mappers) == sorted(mapper["name"] for mapper in provider["subComponents"][LDAP_MAPPER])
    assert copy_mappers["groups"]["config"]["groups.path"] == ["/ldap"]
    rerun = ok(apply(run, other, document))
    assert rerun["changed"] is False and rerun.writes == [], rerun["plan"]
    # The copy binds with the credential the document gave: a sync imports the directory's users, alice among them, as the
    # provider's (the document never made her a local user).
    assert copied.sync_users(copy_provider["id"], "triggerFullSync")["added"] >= 1
    assert copied.get_users({"username": "alice", "exact": True})[0]["federationLink"] == copy_provider["id"]
    # A hand edit is repaired; a mapper added by hand stays, unless the section is purged.
    copy_provider["config"]["connectionTimeout"] = ["999"]
    copy_provider["config"]["editMode"] = ["UNSYNCED"]
    copied.update_component(copy_provider["id"], copy_provider)
    copied.create_component({"name": "by hand", "providerId": "hardcoded-ldap-role-mapper", "parentId": copy_provider["id"],
                             "providerType": LDAP_MAPPER, "config": {"role": ["offline_access"]}})
    repaired = ok(apply(run, other, document))
    assert objects_of(repaired["changes"])["userFederation"]["update"] == ["user federation 'corp ldap'"]
    assert copied.get_component(copy_provider["id"])["config"]["editMode"] == ["READ_ONLY"]
    purged = ok(apply(run, other, document, purge=["userFederation"]))
    assert list(purged["changes"]) == ["userFederation"], purged["changes"]
    assert "by hand" not in [mapper["name"] for mapper in copied.get_components({"parent": copy_provider["id"], "type": LDAP_MAPPER})]
    assert ok(apply(run, other, document, purge=["userFederation"]))["changed"] is False
    # The config format: the credential a placeholder; filled with the mask, nothing to do where it came from.
    adopted = ok(run("keycloak_realm_export", realm=target, include_groups_and_roles=True, format="config"))
    assert adopted["config_secrets"] == {"keycloak_secret_ldap_corp_ldap": "components[%s][name=corp ldap].config.bindCredential" % STORAGE}
    same = ok(apply(run, target, fill(adopted["config"], {"keycloak_secret_ldap_corp_ldap": "**********"})))
    assert same["changed"] is False and same.writes == [], same["plan"]


KEYS = "org.keycloak.keys.KeyProvider"
# What kc.sh export writes of a generated provider's key (the admin API's export never shows it): made up here, as it is
# never sent.
GENERATED = {"rsa-generated": {"privateKey": ["MIIEpAIBAAKCAQEAmadeup"], "certificate": ["MIICmTCCmadeup"], "keyUse": ["SIG"]},
             "ecdsa-generated": {"ecdsaPrivateKey": ["ME4CAQAwmadeup"], "ecdsaPublicKey": ["MHYwEAYHmadeup"]},
             "hmac-generated": {"kid": ["a15d4356-madeup"], "secret": ["eGR-s0qGmadeup"]}}


def test_key_providers_as_kc_sh_exports_them(module_runner_module, admin, target, absent_realm):
    """Key providers as kc.sh export writes them (generated keys and an imported private key in clear), applied to a new
    realm: a generated provider's key is left to the new server, the imported key is carried (and never shown); plan equals
    apply, the rerun plans nothing, a hand edit is repaired, purge deletes an undeclared provider but never a new realm's, and
    the config-format export names the imported key as a placeholder."""
    from keypairs import pem_body, rsa_key_pem, self_signed_pem  # pylint: disable=import-error

    run = module_runner_module
    key = rsa_key_pem()
    ok(run("keycloak_realm_key", realm=target, name="imported", provider_id="rsa", priority=150, algorithm="RS256", private_key=key,
           certificate=self_signed_pem(key)))
    ok(run("keycloak_realm_key", realm=target, name="ec", provider_id="ecdsa-generated", priority=120, config={"ecdsaEllipticCurveKey": "P-384"}))
    kc = in_realm(admin, target)
    export = kc.export_realm(export_clients=False, export_groups_and_role=False)
    providers = dict((provider["name"], provider) for provider in export["components"][KEYS])
    assert providers["imported"]["config"]["privateKey"] == ["**********"]
    for provider in providers.values():
        provider["config"].update(GENERATED.get(provider["providerId"], {}))
    providers["imported"]["config"]["privateKey"] = [key]
    other = absent_realm
    document = {"realm": other, "components": {KEYS: list(providers.values())}}
    check = ok(apply(run, other, document, check_mode=True, diff=True))
    assert check.writes == [] and objects_of(check["plan"])["keys"]["create"] == ["realm key 'ec'", "realm key 'imported'"]
    assert any("generated key providers" in "%s" % warning for warning in check.get("warnings") or []), check.get("warnings")
    real = ok(apply(run, other, document, diff=True))
    assert real["changes"]["keys"] == check["plan"]["keys"]
    # The keys are no_log values, though the generated ones are never sent: not shown in the task's arguments either.
    assert pem_body(key)[:40] not in json.dumps(real)
    shown = json.dumps(real)
    assert not [value for values in GENERATED.values() for name, value in values.items()
                if name in ("privateKey", "ecdsaPrivateKey", "secret") and value[0] in shown]
    copied = in_realm(admin, other)
    keys = copied.get_keys()["keys"]
    imported = [item for item in keys if item.get("providerPriority") == 150]
    assert imported and imported[0]["certificate"] == pem_body(providers["imported"]["config"]["certificate"][0])
    assert copied.get_keys()["active"]["RS256"] == imported[0]["kid"]
    assert [item["config"]["ecdsaEllipticCurveKey"] for item in copied.get_components({"type": KEYS, "name": "ec"})] == [["P-384"]]
    # The new server's generated keys are its own.
    source_kids = set(item["kid"] for item in kc.get_keys()["keys"] if item.get("providerPriority") != 150)
    assert not source_kids & set(item["kid"] for item in keys if item.get("providerPriority") != 150)
    rerun = ok(apply(run, other, document))
    assert rerun["changed"] is False and rerun.writes == [], rerun["plan"]
    # A hand edit is repaired; a provider made by hand stays, unless keys are purged (never a new realm's own).
    ec = copied.get_components({"type": KEYS, "name": "ec"})[0]
    ec["config"]["priority"] = ["1"]
    copied.update_component(ec["id"], ec)
    copied.create_component({"name": "by hand", "providerId": "hmac-generated", "providerType": KEYS, "parentId": copied.get_realm(other)["id"],
                             "config": {"priority": ["5"]}})
    repaired = ok(apply(run, other, document))
    assert objects_of(repaired["changes"]) == {"keys": {"create": [], "update": ["realm key 'ec'"], "delete": []}}
    assert copied.get_components({"type": KEYS, "name": "ec"})[0]["config"]["priority"] == ["120"]
    without_defaults = dict(document, components={KEYS: [providers["ec"], providers["imported"]]})
    purged = ok(apply(run, other, without_defaults, purge=["keys"], check_mode=True))
    assert objects_of(purged["plan"])["keys"]["delete"] == ["realm key 'by hand'"], purged["plan"]
    ok(apply(run, other, without_defaults, purge=["keys"]))
    assert sorted(item["name"] for item in copied.get_components({"type": KEYS})) == sorted(
        ["aes-generated", "ec", "hmac-generated-hs512", "imported", "rsa-enc-generated", "rsa-generated"])
    # The config format: the imported key a placeholder, the generated ones' keys left out; filled with the mask, a no-op.
    adopted = ok(run("keycloak_realm_export", realm=other, format="config"))
    assert adopted["config_secrets"] == {"keycloak_secret_key_imported_private_key": "components[%s][name=imported].config.privateKey" % KEYS}
    same = ok(apply(run, other, fill(adopted["config"], {"keycloak_secret_key_imported_private_key": "**********"})))
    assert same["changed"] is False and same.writes == [], same["plan"]


def authz_of(kc, client_id):
    """A client's authorization settings as the export has them, ids left out, lists by name."""
    settings = kc.get_client_authz_settings(kc.get_client_id(client_id))
    settings.pop("id", None)
    settings.pop("clientId", None)
    for field in ("resources", "policies", "scopes"):
        items = []
        for item in settings.get(field) or []:
            item = dict((key, value) for key, value in item.items() if key not in ("id", "_id"))
            if "scopes" in item:
                item["scopes"] = sorted(scope["name"] for scope in item["scopes"])
            if isinstance(item.get("config"), dict):
                # Lists of names Keycloak writes as JSON text, in no particular order.
                item["config"] = dict((key, sorted(json.loads(value), key=json.dumps) if value.startswith("[") else value)
                                      for key, value in item["config"].items())
            items.append(item)
        settings[field] = sorted(items, key=lambda item: item["name"])
    return settings


def test_authorization_settings_of_a_client_from_an_export(module_runner_module, admin, target, absent_realm):
    """A client with authorization services (scopes, a resource, role, user, group, time and aggregate policies, scope and
    resource permissions), exported by Keycloak and applied to a new realm: plan equals apply, the rerun plans nothing, the
    copy's setup is the source's (the export shape, ids aside); a hand edit is repaired; with the clients purged, a policy made
    by hand goes."""
    run = module_runner_module
    ok(run("keycloak_role", realm=target, name="auditor"))
    ok(run("keycloak_group", realm=target, path="/staff"))
    ok(run("keycloak_user", realm=target, username="ann", enabled=True))
    ok(run("keycloak_client", realm=target, client_id="billing", public_client=False, service_accounts_enabled=True,
           authorization_services_enabled=True))
    ok(run("keycloak_role", realm=target, name="invoice-reader", client_id="billing"))
    ok(run("keycloak_client_authz", realm=target, client_id="billing", policy_enforcement_mode="PERMISSIVE", decision_strategy="AFFIRMATIVE",
           scopes=[{"name": "read", "display_name": "Read"}, {"name": "write"}],
           resources=[{"name": "invoices", "type": "urn:billing:resources:invoice", "uris": ["/invoices/*"], "scopes": ["read", "write"],
                       "attributes": {"department": "finance"}}],
           policies=[{"name": "auditors", "type": "role", "roles": [{"name": "auditor"}, {"name": "invoice-reader", "client_id": "billing"}]},
                     {"name": "ann only", "type": "user", "users": ["ann"]},
                     {"name": "staff", "type": "group", "groups": [{"path": "/staff", "extend_children": True}]},
                     {"name": "office hours", "type": "time", "hour": "8", "hour_end": "18"},
                     {"name": "staff in office hours", "type": "aggregate", "decision_strategy": "UNANIMOUS", "policies": ["staff", "office hours"]}],
           permissions=[{"name": "read invoices", "type": "scope", "resources": ["invoices"], "scopes": ["read"],
                         "policies": ["auditors", "staff in office hours"], "decision_strategy": "AFFIRMATIVE"},
                        {"name": "all invoices", "type": "resource", "resource_type": "urn:billing:resources:invoice", "policies": ["ann only"]}],
           purge_resources=True, purge_policies=True, purge_permissions=True))
    kc = in_realm(admin, target)
    export = kc.export_realm(export_clients=True, export_groups_and_role=True)
    billing = next(client for client in export["clients"] if client["clientId"] == "billing")
    assert billing["authorizationSettings"]["policies"], billing["authorizationSettings"]
    # Into an existing empty realm (check mode compares a new realm's built-in clients only once it exists).
    other = absent_realm
    admin.create_realm({"realm": other, "enabled": True})
    document = retarget(export, target, other)
    document["users"] = [{"username": "ann", "enabled": True}] + [user for user in document.get("users") or [] if user.get("serviceAccountClientId")]
    check = ok(apply(run, other, document, check_mode=True, diff=True))
    assert check.writes == []
    assert objects_of(check["plan"])["clientAuthorization"] == {"create": [], "update": ["authorization services of client 'billing'"],
                                                                "delete": []}, check["plan"]
    real = ok(apply(run, other, document, diff=True, connection_timeout=60))
    assert real["changes"] == check["plan"] and real["diff"] == check["diff"]
    rerun = ok(apply(run, other, document))
    assert rerun["changed"] is False and rerun.writes == [], rerun["plan"]
    copied = in_realm(admin, other)
    # Keycloak before 26.5 gave the new client its default objects; kept, as the clients are not purged (yet).
    defaults = ("Default Resource", "Default Policy", "Default Permission")
    kept = authz_of(copied, "billing")
    for field in ("resources", "policies"):
        kept[field] = [item for item in kept[field] if item["name"] not in defaults]
    assert kept == authz_of(kc, "billing")
    # A hand edit is repaired; a policy made by hand stays, unless the clients are purged.
    uuid_ = copied.get_client_id("billing")
    time_policy = next(policy for policy in copied.get_client_authz_policies(uuid_) if policy["name"] == "office hours")
    typed = copied.get_client_authz_policy_of_type(uuid_, "time", time_policy["id"])
    copied.update_client_authz_policy_of_type(uuid_, "time", time_policy["id"], dict(typed, hourEnd="20"))
    copied.create_client_authz_policy_of_type(uuid_, "regex", {"name": "by hand", "targetClaim": "email", "pattern": ".*"})
    repaired = ok(apply(run, other, document))
    assert objects_of(repaired["changes"]) == {"clientAuthorization": {"create": [], "update": ["authorization services of client 'billing'"],
                                                                       "delete": []}}, repaired["changes"]
    assert "by hand" in [policy["name"] for policy in copied.get_client_authz_policies(uuid_)]
    assert authz_of(copied, "billing")["policies"] != authz_of(kc, "billing")["policies"]
    purged = ok(apply(run, other, document, purge=["clients"]))
    assert "clientAuthorization" in purged["changes"], purged["changes"]
    assert authz_of(copied, "billing") == authz_of(kc, "billing")


def test_built_in_flows_take_requirements_and_another_versions_are_left(module_runner_module, admin, target):
    """A built-in flow of an export takes its executions' requirements (the identity provider redirector of the browser flow
    turned off); a built-in flow whose executions are not the server's (an export of another version) is left with a warning,
    the rest of the document applied; 'saml ecp', which the admin API does not list, is never created."""
    run = module_runner_module
    kc = in_realm(admin, target)
    export = kc.export_realm(export_clients=False, export_groups_and_role=False)
    flows = dict((flow["alias"], flow) for flow in export["authenticationFlows"])
    assert flows["saml ecp"]["builtIn"] is True
    redirector = next(execution for execution in flows["browser"]["authenticationExecutions"]
                      if execution.get("authenticator") == "identity-provider-redirector")
    redirector["requirement"] = "DISABLED"
    document = {"realm": target, "authenticationFlows": export["authenticationFlows"], "authenticatorConfig": export["authenticatorConfig"]}
    check = ok(apply(run, target, document, check_mode=True, diff=True))
    assert check.writes == [] and objects_of(check["plan"]) == {"authenticationFlows": {
        "create": [], "update": ["authentication flow 'browser'"], "delete": []}}, check["plan"]
    real = ok(apply(run, target, document, diff=True))
    assert real["changes"] == check["plan"] and real["diff"] == check["diff"]
    assert [row["requirement"] for row in kc.get_authentication_flow_executions("browser")
            if row.get("providerId") == "identity-provider-redirector"] == ["DISABLED"]
    rerun = ok(apply(run, target, document))
    assert rerun["changed"] is False and rerun.writes == [], rerun["plan"]
    # Another version's browser flow (one more execution): left, with a warning; the realm's display name is set all the same.
    flows["browser"]["authenticationExecutions"].append({"authenticator": "auth-x509-client-username-form", "requirement": "DISABLED", "priority": 99,
                                                        "authenticatorFlow": False, "userSetupAllowed": False})
    other = ok(apply(run, target, dict(document, displayName="Elsewhere")))
    assert objects_of(other["changes"]) == {"realm": {"create": [], "update": ["realm '%s'" % target], "delete": []}}, other["changes"]
    assert any("built-in flow 'browser'" in "%s" % warning for warning in other.get("warnings") or []), other.get("warnings")
    assert "auth-x509-client-username-form" not in [row.get("providerId") for row in kc.get_authentication_flow_executions("browser")]


def test_a_changed_built_in_flow_goes_into_the_config_output_and_elsewhere(module_runner_module, admin, target, absent_realm):
    """keycloak_realm_export format=config leaves the built-in flows out where a new realm has them as they are; one
    whose requirement was changed is in the document, and applying the document makes the change on another realm."""
    run = module_runner_module
    kc = in_realm(admin, target)
    redirector = next(item for item in kc.get_authentication_flow_executions("browser") if item.get("providerId") == "identity-provider-redirector")
    kc.update_authentication_flow_executions(dict(redirector, requirement="DISABLED"), "browser")
    exported = ok(run("keycloak_realm_export", realm=target, include_clients=True, include_groups_and_roles=True, format="config"))
    config = exported["config"]
    # With its sub-flows (a document lists them as flows of their own); no other built-in flow.
    aliases = [flow["alias"] for flow in config["authenticationFlows"]]
    assert "browser" in aliases and "forms" in aliases and "registration" not in aliases and "first broker login" not in aliases
    # Applied to its own realm: nothing to do; to another: the same requirement there, and the rerun is a no-op.
    assert ok(apply(run, target, config))["changed"] is False
    other = json.loads(json.dumps(config).replace(target, absent_realm))
    assert ok(apply(run, absent_realm, other))["changed"] is True
    made = in_realm(admin, absent_realm)
    assert [item["requirement"] for item in made.get_authentication_flow_executions("browser")
            if item.get("providerId") == "identity-provider-redirector"] == ["DISABLED"]
    rerun = ok(apply(run, absent_realm, other))
    assert rerun["changed"] is False and rerun.writes == [], rerun["plan"]
