# -*- coding: utf-8 -*-
"""keycloak_client_authz against the real server: settings, scopes, resources, every policy type, permissions, purges.

The client exists before and after (the module never creates nor deletes it), so the scenario is
the life of its authorization setup: ``read()`` is None while the setup holds no object, and
``state: absent`` removes every object.
"""

import copy
import json
import uuid

import pytest

import harness  # pylint: disable=import-error
from harness import fails_or_plans, same_prediction, scenario  # pylint: disable=import-error

MODULE = "keycloak_client_authz"
WIKI = "https://wiki.example.com/app"


def unique(prefix="authz"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


@pytest.fixture(scope="module")
def world(realm_admin):
    """What policies name: realm and client roles, users, groups, clients and a client scope."""
    kc = realm_admin
    for name in ("auditor", "operator", "a/b"):
        kc.create_realm_role({"name": name})
    billing = kc.create_client({"clientId": "billing"})
    kc.create_client_role(billing, {"name": "invoice-reader"})
    # A client id with slashes: the export names its role "https://wiki.example.com/app/editor".
    wiki = kc.create_client({"clientId": WIKI})
    kc.create_client_role(wiki, {"name": "editor"})
    for username in ("jane", "bob"):
        kc.create_user({"username": username, "enabled": True})
    kc.create_group({"name": "staff"})
    kc.create_group({"name": "backend"}, parent=kc.get_group_by_path("/staff")["id"])
    kc.create_client_scope({"name": "team", "protocol": "openid-connect"})
    return {"billing": billing}


# Keycloak before 26.5 makes these when authorization services are turned on (verified on 26.0.8; 26.5.6 and 26.7.3 make none).
DEFAULT_OBJECTS = {"resources": {"Default Resource"}, "policies": {"Default Policy"}, "permissions": {"Default Permission"}}


@pytest.fixture(scope="module")
def makes_defaults(keycloak_version):
    """Whether the server makes the default objects when authorization services are turned on."""
    return keycloak_version[:2] < (26, 5)


def without_defaults(export):
    """Whether the export holds nothing but the objects Keycloak made with the authorization services (or nothing at all)."""
    return not export.get("scopes") and all(set(by_name(export, key)) <= names for key, names in DEFAULT_OBJECTS.items())


def new_server(kc, client_id=None):
    """A confidential client with authorization services (and so a service account); returns its clientId."""
    client_id = client_id or unique("rs")
    kc.create_client({"clientId": client_id, "publicClient": False, "serviceAccountsEnabled": True, "authorizationServicesEnabled": True})
    return client_id


def export_of(kc, client_id):
    """The setup as the server exports it (every reference by name)."""
    return kc.get_client_authz_settings(kc.get_client_id(client_id))


def by_name(export, key):
    if key == "permissions":
        return dict((item["name"], item) for item in export["policies"] if item["type"] in ("resource", "scope"))
    if key == "policies":
        return dict((item["name"], item) for item in export["policies"] if item["type"] not in ("resource", "scope"))
    return dict((item["name"], item) for item in export.get(key) or [])


def config_list(item, field):
    return sorted(json.loads(item.get("config", {}).get(field) or "[]"))


def full_setup():
    return dict(
        policy_enforcement_mode="ENFORCING",
        decision_strategy="UNANIMOUS",
        scopes=[{"name": "read", "display_name": "Read", "icon_uri": "https://icons.example.com/read.png"}, {"name": "write"}],
        resources=[
            {"name": "invoices", "display_name": "Invoices", "type": "urn:portal:invoice", "uris": ["/invoices/*", "/invoice"],
             "scopes": ["read", "write"], "attributes": {"department": "finance", "levels": ["1", "2"]}, "owner_managed_access": False},
            {"name": "reports ü/#", "uris": ["/reports/*"], "scopes": ["read"]},
        ],
        policies=[
            # Listed before its members: created after them all the same.
            {"name": "anyone trusted", "type": "aggregate", "decision_strategy": "AFFIRMATIVE", "policies": ["auditors", "jane only"]},
            {"name": "auditors", "type": "role", "description": "auditors and invoice readers",
             "roles": [{"name": "auditor", "required": True}, {"name": "invoice-reader", "client_id": "billing"},
                       {"name": "editor", "client_id": WIKI}, {"name": "a/b"}]},
            {"name": "jane only", "type": "user", "users": ["Jane"]},
            {"name": "staff", "type": "group", "groups": [{"path": "/staff", "extend_children": True}], "groups_claim": "groups"},
            {"name": "billing client", "type": "client", "clients": ["billing"], "logic": "NEGATIVE"},
            {"name": "team scope", "type": "client-scope", "client_scopes": [{"name": "team", "required": True}]},
            {"name": "office hours", "type": "time", "hour": "8", "hour_end": "18", "not_on_or_after": "2099-12-31 23:59:59"},
            {"name": "company mail", "type": "regex", "target_claim": "email", "pattern": ".*@example[.]com$"},
        ],
        permissions=[
            {"name": "read invoices", "type": "scope", "resources": ["invoices"], "scopes": ["read"], "policies": ["anyone trusted"],
             "decision_strategy": "AFFIRMATIVE"},
            {"name": "invoice type", "type": "resource", "resource_type": "urn:portal:invoice", "policies": ["office hours", "staff"]},
            {"name": "reports", "type": "resource", "resources": ["reports ü/#"], "policies": ["auditors"]},
        ],
    )


def with_item(items, name, **changes):
    """``items`` with the one named ``name`` changed."""
    result = copy.deepcopy(items)
    for item in result:
        if item["name"] == name:
            item.update(changes)
    return result


def test_client_authz_lifecycle(module_runner, realm, realm_admin, world, makes_defaults):
    kc = realm_admin
    client_id = new_server(kc)
    client_uuid = kc.get_client_id(client_id)
    made = export_of(kc, client_id)
    assert dict((key, set(by_name(made, key))) for key in DEFAULT_OBJECTS) == (
        DEFAULT_OBJECTS if makes_defaults else dict((key, set()) for key in DEFAULT_OBJECTS))

    def read():
        # The setup is there once it holds more than what Keycloak made with the authorization services.
        export = export_of(kc, client_id)
        return None if without_defaults(export) else export

    args = dict(realm=realm, client_id=client_id, **full_setup())

    def verify(export):
        scopes = by_name(export, "scopes")
        assert scopes["read"]["displayName"] == "Read" and scopes["read"]["iconUri"].endswith("read.png")
        invoices = by_name(export, "resources")["invoices"]
        assert sorted(scope["name"] for scope in invoices["scopes"]) == ["read", "write"]
        assert invoices["attributes"] == {"department": ["finance"], "levels": ["1", "2"]}
        assert sorted(invoices["uris"]) == ["/invoice", "/invoices/*"]
        policies = by_name(export, "policies")
        assert set(policies) == {"anyone trusted", "auditors", "jane only", "staff", "billing client", "team scope", "office hours",
                                 "company mail"} | (DEFAULT_OBJECTS["policies"] if makes_defaults else set()), "no purge: the defaults stay"
        roles = dict((role["id"], role["required"]) for role in json.loads(policies["auditors"]["config"]["roles"]))
        assert roles == {"auditor": True, "billing/invoice-reader": False, WIKI + "/editor": False, "a/b": False}
        assert config_list(policies["anyone trusted"], "applyPolicies") == ["auditors", "jane only"]
        assert config_list(policies["jane only"], "users") == ["jane"]
        assert policies["billing client"]["logic"] == "NEGATIVE"
        assert policies["office hours"]["config"]["hourEnd"] == "18"
        permissions = by_name(export, "permissions")
        assert config_list(permissions["read invoices"], "applyPolicies") == ["anyone trusted"]
        assert config_list(permissions["read invoices"], "scopes") == ["read"]
        assert permissions["invoice type"]["config"]["defaultResourceType"] == "urn:portal:invoice"
        assert config_list(permissions["reports"], "resources") == ["reports ü/#"]

    def verify_update(export):
        assert export["policyEnforcementMode"] == "PERMISSIVE"
        permissions = by_name(export, "permissions")
        assert config_list(permissions["read invoices"], "applyPolicies") == ["company mail", "staff"]
        assert config_list(permissions["reports"], "applyPolicies") == ["auditors", "billing client"]

    def hand_edit():
        kc.create_client_authz_scopes(client_uuid, {"name": "by hand"})
        policy = [item for item in kc.get_client_authz_policies(client_uuid) if item["name"] == "office hours"][0]
        typed = kc.get_client_authz_policy_of_type(client_uuid, "time", policy["id"])
        kc.update_client_authz_policy_of_type(client_uuid, "time", policy["id"], dict(typed, description="set by hand"))

    def verify_hand_edit(export):
        assert "by hand" in by_name(export, "scopes"), "a scope made by hand was removed without a purge"
        office = by_name(export, "policies")["office hours"]
        assert office["config"]["hourEnd"] == "17"
        assert office.get("description") == "set by hand", "a field set by hand was lost by the update"

    update = {
        "policy_enforcement_mode": "PERMISSIVE",
        # A permission whose policy list changes (one replaced), and one that gets one more.
        "permissions": with_item(with_item(full_setup()["permissions"], "read invoices", policies=["staff", "company mail"]),
                                 "reports", policies=["auditors", "billing client"]),
    }
    requests = scenario(
        module_runner, MODULE, args, read, verify,
        update=update,
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"policies": with_item(full_setup()["policies"], "office hours", hour_end="17")},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "client_id": client_id},
    )
    # Login, the client's id, and the whole setup in one export.
    assert requests == 3, requests
    # state=absent removed the objects (Keycloak's defaults too), never the client nor its authorization services.
    assert kc.get_client(client_uuid)["authorizationServicesEnabled"] is True
    export = export_of(kc, client_id)
    assert not export.get("scopes") and not export.get("resources") and not export.get("policies"), export


def test_diff_and_end_state_name_objects(module_runner, realm, realm_admin, world):
    client_id = new_server(realm_admin)
    args = dict(realm=realm, client_id=client_id, **full_setup())
    created = module_runner(MODULE, diff=True, **args)
    assert created["changed"] is True, created["msg"]
    text = json.dumps([created["diff"], created["end_state"]])
    ids = [item["id"] for item in realm_admin.get_client_authz_policies(realm_admin.get_client_id(client_id))]
    assert not any(object_id in text for object_id in ids), "diff or end_state shows server ids"
    auditors = [item for item in created["end_state"]["policies"] if item["name"] == "auditors"][0]
    assert {"name": "editor", "clientId": WIKI, "required": False} in auditors["roles"]
    changed = module_runner(MODULE, diff=True, realm=realm, client_id=client_id,
                            permissions=with_item(full_setup()["permissions"], "reports", policies=["staff"]))
    before = dict((item["name"], item) for item in changed["diff"]["before"]["permissions"])
    after = dict((item["name"], item) for item in changed["diff"]["after"]["permissions"])
    assert before["reports"]["policies"] == ["auditors"] and after["reports"]["policies"] == ["staff"]
    assert [method for method, _url in changed.writes] == ["PUT"], changed.writes
    # No secret is expected here, but the output goes through the engine's masking all the same.
    hidden = "Hidden-%s" % uuid.uuid4().hex[:8]
    masked = module_runner(MODULE, diff=True, realm=realm, client_id=client_id, resources=[{"name": "vault", "attributes": {"secret": hidden}}])
    assert masked["changed"] is True and hidden not in json.dumps([masked["end_state"], masked["diff"], masked["msg"]])
    assert [item for item in masked["end_state"]["resources"] if item["name"] == "vault"][0]["attributes"]["secret"] in ("********", ["********"])
    info = module_runner("keycloak_client_authz_info", realm=realm, client_id=client_id)
    assert hidden not in info["_stdout"]
    again = module_runner(MODULE, realm=realm, client_id=client_id, resources=[{"name": "vault", "attributes": {"secret": hidden}}])
    assert again["changed"] is False and again.writes == []


def test_permission_policy_list_changes(module_runner, realm, realm_admin, world):
    kc = realm_admin
    client_id = new_server(kc)
    policies = [{"name": "a", "type": "user", "users": ["jane"]}, {"name": "b", "type": "user", "users": ["bob"]}]
    base = dict(realm=realm, client_id=client_id, resources=[{"name": "doc"}], policies=policies)
    # One added, the same in another order (no change), one removed, one replaced.
    for wanted, changes in ((["a"], True), (["a", "b"], True), (["b", "a"], False), (["b"], True), (["a"], True)):
        args = dict(base, permissions=[{"name": "doc access", "type": "resource", "resources": ["doc"], "policies": wanted}])
        check = module_runner(MODULE, check_mode=True, diff=True, **args)
        result = module_runner(MODULE, diff=True, **args)
        assert not result.get("failed"), result["msg"]
        assert result["changed"] is changes, (wanted, result["msg"])
        same_prediction(check, result)
        permission = by_name(export_of(kc, client_id), "permissions")["doc access"]
        assert config_list(permission, "applyPolicies") == sorted(wanted)
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], again["msg"]


def test_purging_a_policy_a_permission_uses(module_runner, realm, realm_admin, world, makes_defaults):
    kc = realm_admin
    client_id = new_server(kc)
    client_uuid = kc.get_client_id(client_id)
    policies = [{"name": "old", "type": "user", "users": ["jane"]}, {"name": "new", "type": "user", "users": ["bob"]},
                {"name": "group of old", "type": "aggregate", "policies": ["old"]}]
    permission = {"name": "doc access", "type": "resource", "resources": ["doc"], "policies": ["old", "new"]}
    base = dict(realm=realm, client_id=client_id, resources=[{"name": "doc"}])
    assert module_runner(MODULE, **dict(base, policies=policies, permissions=[permission]))["changed"] is True
    # A resource a user owns is the user's: never purged.
    kc.create_client_authz_resource(client_uuid, {"name": "jane's doc", "owner": "jane"})

    # "old" is not listed, but the kept permission and aggregate still use it: refused, naming both, before any write.
    for check_mode in (True, False):
        refused = module_runner(MODULE, check_mode=check_mode, **dict(base, policies=policies[1:2], purge_policies=True, permissions=[permission]))
        assert refused.get("failed") is True and refused.writes == []
        assert "policy or permission 'old'" in refused["msg"] and "doc access" in refused["msg"], refused["msg"]
    assert "old" in by_name(export_of(kc, client_id), "policies")

    # The permission drops it in the same task: the update goes first, so Keycloak deletes nothing with the policy.
    # The aggregate is purged with it.
    args = dict(base, policies=policies[1:2], purge_policies=True, permissions=[dict(permission, policies=["new"])], purge_resources=True)
    if makes_defaults:
        # The Default Permission Keycloak made uses the Default Policy: purging the policies alone is refused the same way.
        refused = module_runner(MODULE, **args)
        assert refused.get("failed") is True and refused.writes == []
        assert "'Default Policy'" in refused["msg"] and "permission 'Default Permission' uses it" in refused["msg"], refused["msg"]
        args["purge_permissions"] = True
    check = module_runner(MODULE, check_mode=True, diff=True, **args)
    result = module_runner(MODULE, diff=True, **args)
    assert result["changed"] is True, result["msg"]
    same_prediction(check, result)
    export = export_of(kc, client_id)
    assert set(by_name(export, "policies")) == {"new"} and set(by_name(export, "permissions")) == {"doc access"}
    assert config_list(by_name(export, "permissions")["doc access"], "applyPolicies") == ["new"]
    assert "jane's doc" in by_name(export, "resources"), "purge_resources removed a resource a user owns"
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]


def test_purging_a_permission_an_aggregate_uses_updates_the_aggregate_first(module_runner, realm, realm_admin, world):
    """Keycloak deletes an aggregate policy left without policies: the aggregate's update must come before the purge."""
    kc = realm_admin
    client_id = new_server(kc)
    policies = [{"name": "jane", "type": "user", "users": ["jane"]},
                {"name": "bundle", "type": "aggregate", "policies": ["doc access"]}]
    permissions = [{"name": "doc access", "type": "resource", "resources": ["doc"], "policies": ["jane"]}]
    base = dict(realm=realm, client_id=client_id, resources=[{"name": "doc"}])
    assert module_runner(MODULE, **dict(base, policies=policies, permissions=permissions))["changed"] is True
    args = dict(base, policies=with_item(policies, "bundle", policies=["jane"]), permissions=[], purge_permissions=True)
    result = module_runner(MODULE, **args)
    assert result["changed"] is True, result["msg"]
    export = export_of(kc, client_id)
    assert by_name(export, "permissions") == {}
    assert config_list(by_name(export, "policies")["bundle"], "applyPolicies") == ["jane"], "the aggregate was deleted with the permission"


def test_purge_everything_not_listed(module_runner, realm, realm_admin, world, makes_defaults):
    """Keycloak's default objects (servers before 26.5 make them) are ordinary objects: purged when not listed."""
    kc = realm_admin
    client_id = new_server(kc)
    client_uuid = kc.get_client_id(client_id)
    if makes_defaults:
        # Keycloak made them with the authorization services; its Default Policy is a JavaScript policy.
        assert by_name(export_of(kc, client_id), "policies")["Default Policy"]["type"] == "js"
    else:
        # What an older Keycloak makes when authorization is turned on (its Default Policy is a JavaScript policy,
        # which Keycloak 26 cannot make through the API: a user policy stands in for it).
        kc.create_client_authz_resource(client_uuid, {"name": "Default Resource", "type": "urn:%s:resources:default" % client_id, "uris": ["/*"]})
        kc.create_client_authz_policy_of_type(client_uuid, "user", {"name": "Default Policy", "users": [kc.get_user_id("jane")]})
        kc.create_client_authz_resource_based_permission(client_uuid, {"name": "Default Permission", "resourceType": "urn:%s:resources:default" % client_id,
                                                                       "policies": ["Default Policy"]})
    kc.create_client_authz_scopes(client_uuid, {"name": "stray"})
    kept = module_runner(MODULE, realm=realm, client_id=client_id, scopes=[{"name": "read"}])
    assert kept["changed"] is True and set(by_name(export_of(kc, client_id), "resources")) == {"Default Resource"}
    args = dict(realm=realm, client_id=client_id, scopes=[{"name": "read"}], resources=[], policies=[], permissions=[],
                purge_scopes=True, purge_resources=True, purge_policies=True, purge_permissions=True)
    purged = module_runner(MODULE, diff=True, **args)
    assert purged["changed"] is True, purged["msg"]
    export = export_of(kc, client_id)
    assert [scope["name"] for scope in export["scopes"]] == ["read"] and export["resources"] == [] and export["policies"] == []
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == []


@pytest.mark.parametrize(
    "bad, named, missing",
    [
        ({"permissions": [{"name": "p", "type": "resource", "resources": ["doc"], "policies": ["no such policy"]}]}, "no such policy", True),
        ({"permissions": [{"name": "p", "type": "resource", "resources": ["no such resource"], "policies": ["jane"]}]}, "no such resource", True),
        # Keycloak would make a new scope of this name, silently.
        ({"resources": [{"name": "doc", "scopes": ["no such scope"]}]}, "no such scope", True),
        ({"permissions": [{"name": "p", "type": "scope", "scopes": ["no such scope"], "policies": ["jane"]}]}, "no such scope", True),
        ({"policies": [{"name": "x", "type": "aggregate", "policies": ["no such policy"]}]}, "no such policy", True),
        ({"policies": [{"name": "x", "type": "role", "roles": [{"name": "no-such-role"}]}]}, "no-such-role", True),
        ({"policies": [{"name": "x", "type": "role", "roles": [{"name": "r", "client_id": "no-such-client"}]}]}, "no-such-client", True),
        ({"policies": [{"name": "x", "type": "user", "users": ["nobody"]}]}, "nobody", True),
        ({"policies": [{"name": "x", "type": "group", "groups": [{"path": "/nowhere"}]}]}, "/nowhere", True),
        ({"policies": [{"name": "x", "type": "client", "clients": ["no-such-client"]}]}, "no-such-client", True),
        ({"policies": [{"name": "x", "type": "client-scope", "client_scopes": [{"name": "no-such-scope"}]}]}, "no-such-scope", True),
        ({"policies": [{"name": "x", "type": "no-such-type"}]}, "no-such-type", False),
        # Keycloak answers 500 to a JavaScript policy sent through the API: refused before, saying why.
        ({"policies": [{"name": "x", "type": "js", "code": "$evaluation.grant();"}]}, "deployed to the server in a JAR", False),
        ({"policies": [{"name": "x", "type": "time", "hour": "8", "roles": [{"name": "auditor"}]}]}, "takes no roles", False),
        ({"policies": [{"name": "x", "type": "role"}]}, "needs roles", False),
        ({"policies": [{"name": "jane", "type": "role", "roles": [{"name": "auditor"}]}]}, "cannot change the type", False),
        ({"policies": [{"name": "x", "type": "resource"}]}, "list it in permissions", False),
        ({"permissions": [{"name": "p", "type": "resource", "resources": ["doc"], "scopes": ["read"], "policies": ["jane"]}]}, "takes no scopes", False),
        ({"permissions": [{"name": "jane", "type": "resource", "resources": ["doc"], "policies": ["jane"]}]}, "one set of names", False),
        ({"scopes": [{"name": "read"}, {"name": "read"}]}, "listed twice", False),
        ({"state": "absent", "scopes": []}, "state=absent", False),
    ],
)
def test_bad_input_fails_before_any_write(module_runner, realm, realm_admin, world, bad, named, missing):
    kc = realm_admin
    client_id = new_server(kc)
    module_runner(MODULE, realm=realm, client_id=client_id, scopes=[{"name": "read"}], resources=[{"name": "doc"}],
                  policies=[{"name": "jane", "type": "user", "users": ["jane"]}])
    before = export_of(kc, client_id)
    args = dict(realm=realm, client_id=client_id, policy_enforcement_mode="PERMISSIVE", **bad)
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, **args)
        if missing:
            fails_or_plans(result, check_mode, named)
        else:
            assert result.get("failed") is True, result["msg"]
            assert named in result["msg"] and result.writes == [], (result["msg"], result.writes)
    assert export_of(kc, client_id) == before


def test_missing_client_realm_or_authorization(module_runner, realm, realm_admin):
    setup = dict(scopes=[{"name": "read"}], resources=[{"name": "doc", "scopes": ["read"]}],
                 policies=[{"name": "auditors", "type": "role", "roles": [{"name": "auditor"}, {"name": "offline_access"}]}],
                 permissions=[{"name": "p", "type": "resource", "resources": ["doc"], "policies": ["auditors"]}])
    # A realm an earlier task would create: check mode plans it all, warning once per missing object; a real run fails.
    new_realm = unique("realm")
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, diff=True, realm=new_realm, client_id="portal", **setup)
        fails_or_plans(result, check_mode, "realm '%s'" % new_realm)
    assert result["msg"].endswith("realm '%s' does not exist" % new_realm), result["msg"]
    planned = module_runner(MODULE, check_mode=True, diff=True, realm=new_realm, client_id="portal", **setup)
    assert planned["changed"] is True and "policies 'auditors' added" in planned["msg"]
    assert not [warning for warning in harness.warnings_of(planned) if "offline_access" in warning], "a built-in role was taken as missing"
    # A client that does not exist yet.
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, client_id="no-such-client", **setup)
        fails_or_plans(result, check_mode, "client 'no-such-client'")
    # A client without authorization services: a real run says how to turn them on.
    realm_admin.create_client({"clientId": "plain"})
    result = module_runner(MODULE, realm=realm, client_id="plain", **setup)
    assert result.get("failed") and "has no authorization services" in result["msg"] and "authorization_services_enabled" in result["msg"]
    assert result.writes == []
    check = module_runner(MODULE, check_mode=True, realm=realm, client_id="plain", **setup)
    assert check["changed"] is True and any("has no authorization services" in warning for warning in harness.warnings_of(check))
    # Nothing to remove is no change.
    for client_id in ("plain", "no-such-client"):
        gone = module_runner(MODULE, realm=realm, client_id=client_id, state="absent")
        assert gone["changed"] is False and gone.writes == [], gone["msg"]


def test_noop_requests_of_a_large_setup(module_runner, realm, realm_admin, world, makes_defaults):
    """10 resources, 5 scopes, 8 policies and 6 permissions: a rerun reads the client and one export, and writes nothing."""
    client_id = new_server(realm_admin)
    scopes = [{"name": "scope %d" % index, "display_name": "Scope %d" % index} for index in range(5)]
    resources = [{"name": "resource %d" % index, "type": "urn:big:%d" % (index % 3), "uris": ["/r%d/*" % index],
                  "scopes": ["scope %d" % (index % 5), "scope %d" % ((index + 1) % 5)], "attributes": {"index": str(index)}}
                 for index in range(10)]
    policies = [
        {"name": "roles", "type": "role", "roles": [{"name": "auditor"}, {"name": "invoice-reader", "client_id": "billing"}]},
        {"name": "users", "type": "user", "users": ["jane", "bob"]},
        {"name": "groups", "type": "group", "groups": [{"path": "/staff/backend"}]},
        {"name": "clients", "type": "client", "clients": ["billing"]},
        {"name": "client scopes", "type": "client-scope", "client_scopes": [{"name": "team"}]},
        {"name": "time", "type": "time", "hour": "7", "hour_end": "19"},
        {"name": "regex", "type": "regex", "target_claim": "email", "pattern": "@example"},
        {"name": "aggregate", "type": "aggregate", "policies": ["roles", "users"]},
    ]
    permissions = [{"name": "resource permission %d" % index, "type": "resource", "resources": ["resource %d" % index, "resource %d" % (index + 3)],
                    "policies": [policies[index]["name"]]} for index in range(3)]
    permissions += [{"name": "scope permission %d" % index, "type": "scope", "resources": ["resource %d" % index],
                     "scopes": ["scope %d" % index], "policies": [policies[index + 3]["name"], "aggregate"]} for index in range(3)]
    args = dict(realm=realm, client_id=client_id, scopes=scopes, resources=resources, policies=policies, permissions=permissions,
                purge_scopes=True, purge_resources=True, purge_policies=True, purge_permissions=True)
    created = module_runner(MODULE, **args)
    assert created["changed"] is True, created["msg"]
    # With the purges, the Default Permission, Default Policy and Default Resource Keycloak made (before 26.5) go.
    assert len(created.writes) == 5 + 10 + 8 + 6 + (3 if makes_defaults else 0), created.writes
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]
    harness.NOOP_COUNTS["keycloak_client_authz (10 resources, 5 scopes, 8 policies, 6 permissions)"] = len(again.requests)
    print("no-op rerun of 10 resources, 5 scopes, 8 policies, 6 permissions: %d requests: %s" % (len(again.requests), again.requests))
    assert len(again.requests) == 3, again.requests


def test_one_plan_builds_a_realm_and_the_authorization_of_its_client(keycloak_url, admin, makes_defaults):
    """In one planning context (the whole-realm apply), the roles, user, group and client that earlier plans
    create count as existing: the dry plan sends no write, the real run sends exactly the planned writes."""
    import os  # pylint: disable=import-outside-toplevel

    from harness import recording  # pylint: disable=import-error,import-outside-toplevel

    from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin  # pylint: disable=import-outside-toplevel
    from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanContext  # pylint: disable=import-outside-toplevel
    from ansible_collections.iam.keycloak.plugins.module_utils.registry import KINDS  # pylint: disable=import-outside-toplevel
    from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_authz import CLIENT_AUTHZ  # pylint: disable=import-outside-toplevel

    realm = unique("plan")
    password = os.environ["KEYCLOAK_ADMIN_PASSWORD"]

    def api_for(name):
        return KeycloakAdmin(server_url=keycloak_url, username="admin", password=password, realm_name=name, user_realm_name="master")

    def plan_all():
        context = PlanContext(api_for)
        for kind, params in (
            (KINDS["realm"], {"realm": realm}),
            (KINDS["role"], {"realm": realm, "name": "auditor"}),
            (KINDS["client"], {"realm": realm, "client_id": "portal", "service_accounts_enabled": True, "authorization_services_enabled": True}),
            (KINDS["group"], {"realm": realm, "path": "/staff"}),
            (KINDS["user"], {"realm": realm, "username": "jane"}),
            (CLIENT_AUTHZ, {"realm": realm, "client_id": "portal", "scopes": [{"name": "read"}],
                            "resources": [{"name": "doc", "scopes": ["read"]}],
                            "policies": [{"name": "auditors", "type": "role", "roles": [{"name": "auditor"}]},
                                         {"name": "jane", "type": "user", "users": ["jane"]},
                                         {"name": "staff", "type": "group", "groups": [{"path": "/staff"}]}],
                            "permissions": [{"name": "read doc", "type": "scope", "resources": ["doc"], "scopes": ["read"],
                                             "policies": ["auditors", "jane", "staff"]}]}),
        ):
            context.plan(kind, params)
        return context

    def writes(calls):
        return [call for call in calls if call[0] != "GET" and "/protocol/openid-connect/token" not in call[1]]

    try:
        with recording() as calls:
            dry = plan_all()
        assert writes(calls) == [] and dry.warnings == [], (writes(calls), dry.warnings)
        planned = [action.description for action in dry.plans[-1].actions]
        assert len(planned) == 1 + 1 + 3 + 1, planned
        # The client the plan creates comes with Keycloak's default objects before 26.5: planned as there, and kept (no purge).
        defaults = ["Default Permission"] if makes_defaults else []
        assert [item["name"] for item in dry.plans[-1].end_state["permissions"]] == defaults + ["read doc"]
        assert [item["name"] for item in dry.plans[-1].end_state["policies"]] == (["Default Policy"] if makes_defaults else []) + ["auditors", "jane", "staff"]
        with recording() as calls:
            real = plan_all()
            real.apply()
        assert len(writes(calls)) == sum(len(plan.actions) for plan in real.plans), writes(calls)
        assert real.plans[-1].done == planned
        assert [item["name"] for item in real.plans[-1].end_state["permissions"]] == defaults + ["read doc"]
        assert [item["name"] for item in real.plans[-1].end_state["resources"]] == [item["name"] for item in dry.plans[-1].end_state["resources"]]
        with recording() as calls:
            again = plan_all()
        assert [plan.actions for plan in again.plans] == [[]] * 6 and writes(calls) == []
    finally:
        try:
            admin.delete_realm(realm)
        except Exception:  # pylint: disable=broad-except
            pass


def test_every_policy_type_and_resource_updates_in_place(module_runner, realm, realm_admin, world):
    """An update of each type keeps the object (same id), and the rerun sends no write."""
    kc = realm_admin
    client_id = new_server(kc)
    client_uuid = kc.get_client_id(client_id)
    setup = full_setup()
    setup["resources"].append({"name": "jane's notes", "owner": "Jane", "owner_managed_access": True, "uris": ["/notes/jane"]})
    assert module_runner(MODULE, realm=realm, client_id=client_id, **setup)["changed"] is True
    ids = dict((item["name"], item["id"]) for item in kc.get_client_authz_policies(client_uuid))
    resource_ids = dict((item["name"], item["_id"]) for item in kc.get_client_authz_resources(client_uuid))
    changes = {
        "anyone trusted": {"decision_strategy": "UNANIMOUS", "policies": ["auditors", "jane only", "staff"]},
        "auditors": {"roles": [{"name": "auditor"}, {"name": "operator", "required": True}], "fetch_roles": True, "description": ""},
        "jane only": {"users": ["jane", "bob"]},
        "staff": {"groups": [{"path": "/staff/backend"}], "groups_claim": ""},
        "billing client": {"clients": ["billing", WIKI], "logic": "POSITIVE"},
        "team scope": {"client_scopes": [{"name": "team", "required": False}]},
        "office hours": {"hour": "9", "not_on_or_after": "", "month": "1", "month_end": "6"},
        "company mail": {"pattern": "@example[.]org$", "target_context_attributes": True},
    }
    policies = setup["policies"]
    for name, change in changes.items():
        policies = with_item(policies, name, **change)
    resources = with_item(with_item(setup["resources"], "jane's notes", owner="jane", display_name="Jane's notes", uris=["/notes/jane/*"]),
                          "invoices", scopes=["read"], attributes={"levels": [], "region": "eu"})
    args = dict(realm=realm, client_id=client_id, policies=policies, resources=resources)
    check = module_runner(MODULE, check_mode=True, diff=True, **args)
    result = module_runner(MODULE, diff=True, **args)
    assert result["changed"] is True, result["msg"]
    same_prediction(check, result)
    assert result["msg"].count("updated") == len(changes) + 2, result["msg"]
    assert dict((item["name"], item["id"]) for item in kc.get_client_authz_policies(client_uuid)) == ids, "a policy was replaced"
    assert dict((item["name"], item["_id"]) for item in kc.get_client_authz_resources(client_uuid)) == resource_ids
    export = export_of(kc, client_id)
    policies_read = by_name(export, "policies")
    assert policies_read["auditors"]["config"]["fetchRoles"] == "true" and not policies_read["auditors"].get("description")
    assert json.loads(policies_read["staff"]["config"]["groups"]) == [{"path": "/staff/backend", "extendChildren": False}]
    assert "noa" not in policies_read["office hours"]["config"] and policies_read["office hours"]["config"]["monthEnd"] == "6"
    resources_read = by_name(export, "resources")
    assert resources_read["invoices"]["attributes"] == {"department": ["finance"], "region": ["eu"]}
    assert [scope["name"] for scope in resources_read["invoices"]["scopes"]] == ["read"]
    assert resources_read["jane's notes"]["owner"]["name"] == "jane" and resources_read["jane's notes"]["uris"] == ["/notes/jane/*"]
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]


def test_typed_read_is_the_export(module_runner, realm, realm_admin, world):
    """The typed endpoints, read as for a client whose export Keycloak refuses, give what the export gives."""
    from ansible_collections.iam.keycloak.plugins.module_utils.resources import client_authz  # pylint: disable=import-outside-toplevel

    kc = realm_admin
    client_id = new_server(kc)
    setup = full_setup()
    setup["resources"].append({"name": "jane's notes", "owner": "jane", "uris": ["/notes/jane/*"], "scopes": ["read"]})
    setup["policies"].append({"name": "ops or billing", "type": "role", "fetch_roles": True,
                              "roles": [{"name": "operator"}, {"name": "invoice-reader", "client_id": "billing", "required": True}]})
    created = module_runner(MODULE, realm=realm, client_id=client_id, **setup)
    assert created["changed"] is True, created["msg"]
    client_uuid = kc.get_client_id(client_id)
    export = kc.get_client_authz_settings(client_uuid)
    typed = client_authz.export_from_typed(kc, client_uuid)
    assert client_authz.settings_from_export(typed) == client_authz.settings_from_export(export)

    def items(of):
        found = client_authz.items_from_export(of, client_authz.RoleNames(kc))
        return dict((name, sorted(found[name], key=client_authz.canonical)) for name in client_authz.COLLECTIONS)

    assert items(typed) == items(export)


def test_policies_of_the_admin_permissions_client(module_runner, keycloak_url, admin, keycloak_version):
    """Keycloak refuses the export of the admin-permissions client (fine-grained admin permissions v2):
    its policies are read through the typed endpoints, so they can be created and a rerun changes nothing."""
    import os  # pylint: disable=import-outside-toplevel

    from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin  # pylint: disable=import-outside-toplevel

    features = dict((feature["name"], feature["enabled"]) for feature in admin.get_server_info()["features"])
    if not features.get("ADMIN_FINE_GRAINED_AUTHZ_V2"):
        pytest.skip("the server does not run fine-grained admin permissions v2")
    name = unique("fgap")
    try:
        made = module_runner("keycloak_realm", realm=name, admin_permissions_enabled=True)
        assert made["changed"] is True, made["msg"]
        kc = KeycloakAdmin(server_url=keycloak_url, username=os.environ["KEYCLOAK_ADMIN_USER"], password=os.environ["KEYCLOAK_ADMIN_PASSWORD"],
                           realm_name=name, user_realm_name="master")
        for group in ("help desk", "group admins"):
            kc.create_group({"name": group})
        args = dict(realm=name, client_id="admin-permissions", policies=[
            {"name": "help desk members", "type": "group", "groups": [{"path": "/help desk"}]},
            {"name": "group admins", "type": "group", "groups": [{"path": "/group admins", "extend_children": True}]}])
        check = module_runner(MODULE, check_mode=True, **args)
        assert check["changed"] is True and check.writes == [], check["msg"]
        created = module_runner(MODULE, **args)
        assert created["changed"] is True, created["msg"]
        assert len(created.writes) == 2, created.writes
        client_uuid = kc.get_client_id("admin-permissions")
        policies = dict((item["name"], item) for item in kc.get_client_authz_policies(client_uuid))
        assert set(policies) == {"help desk members", "group admins"}
        groups = json.loads(policies["group admins"]["config"]["groups"])
        assert groups == [{"id": kc.get_group_by_path("/group admins")["id"], "extendChildren": True}]
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], (again["msg"], again.writes)
        # A change is seen and written in place.
        args["policies"][0]["description"] = "the help desk"
        changed = module_runner(MODULE, **args)
        assert changed["changed"] is True and [method for method, _url in changed.writes] == ["PUT"], changed.writes
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], (again["msg"], again.writes)
        # Permissions of keycloak_management_permissions (one naming a group) are read along and left alone.
        for permission in (dict(name="help desk sees users", resource_type="Users", scopes=["view"], resources=[]),
                           dict(name="help desk sees group admins", resource_type="Groups", scopes=["view-members"],
                                resources=["group admins"])):
            made = module_runner("keycloak_management_permissions", realm=name, policies=["help desk members"], **permission)
            assert made["changed"] is True, made["msg"]
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], (again["msg"], again.writes)
        info = module_runner("keycloak_client_authz_info", realm=name, client_id="admin-permissions")
        assert sorted(item["name"] for item in info["authorization"]["policies"]) == ["group admins", "help desk members"], info
        assert sorted(item["name"] for item in info["authorization"]["permissions"]) == ["help desk sees group admins", "help desk sees users"]
        # Its resources and scopes are Keycloak's (it refuses to delete them): never purged, nor removed by state=absent.
        kept = module_runner(MODULE, purge_resources=True, purge_scopes=True, **args)
        assert kept["changed"] is False and kept.writes == [], (kept["msg"], kept.writes)
        gone = module_runner(MODULE, realm=name, client_id="admin-permissions", state="absent")
        assert gone["changed"] is True and len(gone.writes) == 4, (gone["msg"], gone.writes)
        assert kc.get_client_authz_policies(client_uuid) == [] and kc.get_client_authz_permissions(client_uuid) == []
        # Keycloak deleted the resource of the group with the permission naming it; the resource types stay
        # (Keycloak 26.7 adds "Organizations" to them).
        types = ["Clients", "Groups", "Roles", "Users"] + (["Organizations"] if keycloak_version[:2] >= (26, 7) else [])
        assert sorted(item["name"] for item in kc.get_client_authz_resources(client_uuid)) == sorted(types)
        gone = module_runner(MODULE, realm=name, client_id="admin-permissions", state="absent")
        assert gone["changed"] is False and gone.writes == [], (gone["msg"], gone.writes)
    finally:
        try:
            admin.delete_realm(name)
        except Exception:  # pylint: disable=broad-except
            pass
