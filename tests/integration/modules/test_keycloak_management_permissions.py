# -*- coding: utf-8 -*-
"""keycloak_management_permissions (v2) against the real server: a help-desk user may then see users it could not."""

import uuid

import pytest
import requests

from harness import fails_or_plans, scenario  # pylint: disable=import-error

MODULE = "keycloak_management_permissions"
PASSWORD = "Pw-%s" % uuid.uuid4().hex[:8]


def v2(admin):
    features = dict((f["name"], f["enabled"]) for f in admin.get_server_info()["features"])
    return bool(features.get("ADMIN_FINE_GRAINED_AUTHZ_V2"))


def has_v2(keycloak_version):
    """Keycloak 26.2 brought v2 (feature ADMIN_FINE_GRAINED_AUTHZ_V2, on by default; the realm's adminPermissionsEnabled).
    26.0 knows v1 only, a preview feature off by default."""
    return keycloak_version[:2] >= (26, 2)


@pytest.fixture(scope="module")
def helpdesk(realm, realm_admin, keycloak_version):
    """A realm with v2 permissions on, a help-desk user (no admin role) with a policy naming it, and two users to see."""
    if not has_v2(keycloak_version):
        assert not v2(realm_admin) and "adminPermissionsEnabled" not in realm_admin.get_realm(realm)
        pytest.skip("Keycloak %s has no fine-grained admin permissions v2 (26.2+): test_server_without_v2 covers it"
                    % ".".join(map(str, keycloak_version)))
    if not v2(realm_admin):
        pytest.skip("the server does not run fine-grained admin permissions v2")
    realm_admin.update_realm(realm, {"adminPermissionsEnabled": True})
    helper = realm_admin.create_user({"username": "helper", "enabled": True, "email": "helper@example.com", "firstName": "Help",
                                      "lastName": "Desk", "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}]})
    realm_admin.create_user({"username": "alice", "enabled": True})
    realm_admin.create_user({"username": "bob", "enabled": True})
    realm_admin.create_group({"name": "engineering"})
    admin_client = realm_admin.get_client_id("admin-permissions")
    realm_admin.create_client_authz_policy_of_type(admin_client, "user", {"name": "help desk members", "users": [helper], "logic": "POSITIVE"})
    realm_admin.create_client_authz_policy_of_type(admin_client, "user", {"name": "nobody", "users": [], "logic": "POSITIVE"})
    return admin_client


def helper_token(keycloak_url, realm):
    token = requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm), timeout=30,
                          data={"grant_type": "password", "client_id": "admin-cli", "username": "helper", "password": PASSWORD})
    assert token.status_code == 200, token.text
    return token.json()["access_token"]


def visible_users(keycloak_url, realm):
    """What the help-desk user sees of the realm's users through the admin API, logged in with its own password."""
    answer = requests.get("%s/admin/realms/%s/users" % (keycloak_url, realm), timeout=30,
                          headers={"Authorization": "Bearer %s" % helper_token(keycloak_url, realm)})
    return sorted(user["username"] for user in answer.json()) if answer.status_code == 200 else answer.status_code


def can_view(keycloak_url, realm, admin, username):
    """Whether the help-desk user may read the user ``username`` through the admin API."""
    answer = requests.get("%s/admin/realms/%s/users/%s" % (keycloak_url, realm, admin.get_user_id(username)), timeout=30,
                          headers={"Authorization": "Bearer %s" % helper_token(keycloak_url, realm)})
    return answer.status_code == 200


def only_unanimous(keycloak_version):
    """From 26.7 Keycloak refuses a v2 permission any decisionStrategy but UNANIMOUS (400 unknown_error)."""
    return keycloak_version[:2] >= (26, 7)


def test_permission_lets_the_help_desk_see_users(module_runner, realm, realm_admin, helpdesk, keycloak_url, keycloak_version):
    assert visible_users(keycloak_url, realm) in (403, [])
    found = {}

    def read():
        permissions = [item for item in realm_admin.get_client_authz_permissions(helpdesk) if item["name"] == "help desk sees users"]
        found["id"] = permissions[0]["id"] if permissions else None
        return permissions[0] if permissions else None

    def verify(permission):
        assert permission["resourceType"] == "Users"
        assert sorted(scope["name"] for scope in realm_admin.get_client_authz_policy_scopes(helpdesk, permission["id"])) == ["view"]
        assert visible_users(keycloak_url, realm) == ["alice", "bob", "helper"]

    def hand_edit():
        permission = realm_admin.get_client_authz_scope_permission(helpdesk, found["id"])
        realm_admin.update_client_authz_scope_permission(dict(permission, description="by hand", scopes=["view"],
                                                              policies=[p["id"] for p in realm_admin.get_client_authz_policies(helpdesk)
                                                                        if p["name"] == "help desk members"]),
                                                         helpdesk, found["id"])

    scenario(
        module_runner, MODULE,
        dict(realm=realm, name="help desk sees users", resource_type="Users", scopes=["view"], resources=[], policies=["help desk members"]),
        read, verify,
        update={"resources": ["alice"]},
        verify_update=lambda permission: (can_view(keycloak_url, realm, realm_admin, "alice")
                                          and not can_view(keycloak_url, realm, realm_admin, "bob")) or pytest.fail("alice only"),
        hand_edit=hand_edit,
        other_update=dict({"policies": ["help desk members", "nobody"]},
                          **({} if only_unanimous(keycloak_version) else {"decision_strategy": "AFFIRMATIVE"})),
        verify_hand_edit=lambda permission: (permission.get("description") == "by hand" and sorted(
            policy["name"] for policy in realm_admin.get_client_authz_permission_associated_policies(helpdesk, permission["id"]))
            == ["help desk members", "nobody"]) or pytest.fail(permission),
        absent_args=dict(realm=realm, name="help desk sees users"),
    )
    assert visible_users(keycloak_url, realm) in (403, [])


@pytest.mark.parametrize("check_mode", [True, False])
def test_decision_strategy_the_server_refuses(module_runner, realm, realm_admin, helpdesk, keycloak_version, check_mode):
    args = dict(realm=realm, name="any of two", resource_type="Users", scopes=["view"], policies=["help desk members", "nobody"],
                decision_strategy="AFFIRMATIVE")
    result = module_runner(MODULE, check_mode=check_mode, **args)
    if not only_unanimous(keycloak_version):
        assert result["changed"] is True and not result.get("failed"), result["msg"]
        if not check_mode:
            assert result["end_state"]["decisionStrategy"] == "AFFIRMATIVE"
            module_runner(MODULE, realm=realm, name="any of two", state="absent")
        return
    assert result["failed"] is True and result.writes == [], result["msg"]
    assert "UNANIMOUS only" in result["msg"] and "aggregate" in result["msg"], result["msg"]
    # What the message points to works: one aggregate policy that grants when any of the two does.
    admin_client = realm_admin.get_client_id("admin-permissions")
    realm_admin.create_client_authz_policy_of_type(admin_client, "aggregate", {
        "name": "any of two policies", "decisionStrategy": "AFFIRMATIVE", "logic": "POSITIVE",
        "policies": [p["id"] for p in realm_admin.get_client_authz_policies(admin_client) if p["name"] in ("help desk members", "nobody")]})
    try:
        args = dict(args, policies=["any of two policies"], decision_strategy="UNANIMOUS")
        result = module_runner(MODULE, check_mode=check_mode, **args)
        assert result["changed"] is True and not result.get("failed"), result["msg"]
        if not check_mode:
            assert module_runner(MODULE, **args)["changed"] is False
            module_runner(MODULE, realm=realm, name="any of two", state="absent")
    finally:
        for policy in realm_admin.get_client_authz_policies(admin_client):
            if policy["name"] == "any of two policies":
                realm_admin.delete_client_authz_policy(admin_client, policy["id"])


def test_group_permission_by_path(module_runner, realm, realm_admin, helpdesk):
    args = dict(realm=realm, name="engineering members", resource_type="Groups", scopes=["view-members", "manage-members"],
                resources=["engineering"], policies=["help desk members"])
    created = module_runner(MODULE, **args)
    assert created["changed"] is True and created["end_state"]["resources"] == ["/engineering"]
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]


@pytest.mark.parametrize("bad, named", [
    ({"name": "new", "scopes": ["view"]}, "resource_type"),
    ({"name": "new", "resource_type": "Users", "scopes": ["no-such-scope"]}, "no-such-scope"),
    ({"name": "new", "resource_type": "Users", "scopes": ["view"], "resources": ["nobody-here"]}, "nobody-here"),
    ({"name": "new", "resource_type": "Users", "scopes": ["view"], "policies": ["no-such-policy"]}, "no-such-policy"),
])
def test_bad_input_fails_before_any_write(module_runner, realm, helpdesk, bad, named):
    result = module_runner(MODULE, realm=realm, **bad)
    assert result["failed"] is True and named in result["msg"] and result.writes == [], result["msg"]


@pytest.mark.parametrize("check_mode", [True, False])
def test_realm_without_admin_permissions(module_runner, realm_admin, admin, check_mode, keycloak_version):
    name = "fgap-off-%s" % uuid.uuid4().hex[:6]
    admin.create_realm({"realm": name, "enabled": True})
    try:
        result = module_runner(MODULE, check_mode=check_mode, realm=name, name="p", resource_type="Users", scopes=["view"])
        assert result.writes == []
        if not has_v2(keycloak_version):
            # No realm switch to turn on before 26.2: no earlier task can help, so check mode fails too.
            assert "adminPermissionsEnabled" not in admin.get_realm(name)
            assert result["failed"] is True and "need Keycloak 26.2 or later" in result["msg"], result["msg"]
        elif check_mode:
            assert result["changed"] is True and "admin_permissions_enabled" in " ".join("%s" % w for w in result.get("warnings") or [])
        else:
            assert result["failed"] is True and "admin_permissions_enabled" in result["msg"]
    finally:
        admin.delete_realm(name)
    result = module_runner(MODULE, check_mode=check_mode, realm="no-such-realm-fgap", name="p", resource_type="Users", scopes=["view"])
    if has_v2(keycloak_version):
        fails_or_plans(result, check_mode, "no-such-realm-fgap")
    elif check_mode:
        # A realm an earlier task may create is planned, but the server still has no v2.
        assert result["failed"] is True and result.writes == [] and "need Keycloak 26.2 or later" in result["msg"], result["msg"]
    else:
        assert result["failed"] is True and result.writes == [] and "no-such-realm-fgap" in result["msg"], result["msg"]


@pytest.mark.parametrize("check_mode", [True, False])
def test_server_without_v2(module_runner, realm, admin, check_mode, keycloak_version):
    """Before Keycloak 26.2 (no v2, v1 a preview feature off by default): a v2 task fails before any write, naming the
    version it needs and what the server has; a v1 task names the feature it needs."""
    if has_v2(keycloak_version):
        pytest.skip("Keycloak %s runs v2: the other tests cover it" % ".".join(map(str, keycloak_version)))
    features = dict((f["name"], f["enabled"]) for f in admin.get_server_info()["features"])
    assert "ADMIN_FINE_GRAINED_AUTHZ_V2" not in features and features["ADMIN_FINE_GRAINED_AUTHZ"] is False
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, name="p", resource_type="Users", scopes=["view"])
    assert result["failed"] is True and result.writes == [], result["msg"]
    assert "this server is Keycloak %s, which has v1 only" % ".".join(map(str, keycloak_version)) in result["msg"], result["msg"]
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, group="/nowhere",
                           scope_permissions=[{"scope": "manage-members", "policies": ["p"]}])
    assert result["failed"] is True and result.writes == [], result["msg"]
    assert "v1 are off on this server" in result["msg"] and "admin-fine-grained-authz:v1" in result["msg"], result["msg"]


@pytest.mark.parametrize("check_mode", [True, False])
def test_v1_task_on_a_v2_server(module_runner, realm, helpdesk, check_mode):
    """A task of the v1 model (group or client) fails before any write, saying what this server runs instead."""
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, group="/engineering",
                           scope_permissions=[{"scope": "manage-members", "policies": ["help desk members"]}])
    assert result["failed"] is True and result.writes == [], result["msg"]
    assert "runs fine-grained admin permissions v2" in result["msg"] and "resource_type" in result["msg"], result["msg"]
