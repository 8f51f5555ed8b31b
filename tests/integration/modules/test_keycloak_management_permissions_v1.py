# -*- coding: utf-8 -*-
"""keycloak_management_permissions on a server that runs the v1 model (per-object switches).

The suite's server runs v2 (Keycloak's default); this module starts a second Keycloak with feature
``admin-fine-grained-authz:v1`` (its own state folder: ``KEYCLOAK_V1_STATE_DIR``, default
``.cache/keycloak/run-<version>-fgap-v1``), runs the usual harness against it by overriding the
connection fixtures, and stops it afterwards (unless it was running already). ``KEYCLOAK_V1_TEST_URL``
points the tests at a v1 server you started yourself.
"""

import json
import os
import subprocess
import sys
import time
import uuid

import pytest
import requests

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from harness import fails_or_plans, scenario  # pylint: disable=import-error

MODULE = "keycloak_management_permissions"
HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(os.path.dirname(os.path.dirname(HERE)), "keycloak", "server.py")
ADMIN_USER = os.environ["KEYCLOAK_ADMIN_USER"]
ADMIN_PASSWORD = os.environ["KEYCLOAK_ADMIN_PASSWORD"]
PASSWORD = "Pw-%s" % uuid.uuid4().hex[:8]


def _v1_environment():
    env = dict(os.environ)
    state = env.get("KEYCLOAK_V1_STATE_DIR")
    if not state:
        with open(os.path.join(os.path.dirname(SERVER), "VERSION"), encoding="utf-8") as handle:
            version = env.get("KEYCLOAK_VERSION") or handle.read().strip()
        state = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(HERE))), ".cache", "keycloak", "run-%s-fgap-v1" % version)
    env["KEYCLOAK_STATE_DIR"] = state
    env.pop("KEYCLOAK_PORT", None)
    # Keycloak 26.5 logs "Deprecated features enabled: admin-fine-grained-authz:v1" with this, 26.0.8 (where v1 is a
    # preview feature and there is no v2) "Preview features enabled: admin-fine-grained-authz:v1": the same spelling.
    env["KC_FEATURES"] = "client-secret-rotation,admin-fine-grained-authz:v1"
    return env


@pytest.fixture(scope="module")
def keycloak_url():
    """A Keycloak that runs fine-grained admin permissions v1 (started here, stopped at teardown)."""
    url = os.environ.get("KEYCLOAK_V1_TEST_URL")
    if url:
        yield url.rstrip("/")
        return
    env = _v1_environment()
    status = subprocess.run([sys.executable, SERVER, "status"], stdout=subprocess.PIPE, text=True, check=False, env=env)
    if status.returncode == 0:
        yield status.stdout.strip().splitlines()[-1]
        return
    started = time.monotonic()
    result = subprocess.run([sys.executable, SERVER, "start"], stdout=subprocess.PIPE, text=True, check=False, env=env)
    if result.returncode != 0:
        pytest.fail("could not start the v1 Keycloak (see the message above)")
    sys.stderr.write("\nKeycloak with admin-fine-grained-authz:v1 started in %.1fs\n" % (time.monotonic() - started))
    try:
        yield result.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([sys.executable, SERVER, "stop"], check=False, env=env)


@pytest.fixture(scope="module")
def admin_credentials(keycloak_url):
    """The module harness (``module_runner``) logs into the v1 server."""
    return {"auth_keycloak_url": keycloak_url, "auth_realm": "master", "auth_username": ADMIN_USER, "auth_password": ADMIN_PASSWORD}


@pytest.fixture(scope="module")
def admin(keycloak_url):
    return KeycloakAdmin(server_url=keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD, realm_name="master")


@pytest.fixture(scope="module")
def staff(realm, realm_admin):
    """Groups /staff and /sales, members alice (of /staff) and bob, a group manager with no admin role but group-manager."""
    realm_admin.create_realm_role({"name": "group-manager"})
    realm_admin.create_realm_role({"name": "auditor"})
    staff_id = realm_admin.create_group({"name": "staff"})
    realm_admin.create_group({"name": "sales"})
    alice = realm_admin.create_user({"username": "alice", "enabled": True})
    realm_admin.create_user({"username": "bob", "enabled": True})
    realm_admin.group_user_add(alice, staff_id)
    manager = realm_admin.create_user({"username": "manager", "enabled": True, "email": "manager@example.com", "firstName": "Group",
                                       "lastName": "Manager", "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}]})
    realm_admin.assign_realm_roles(manager, [realm_admin.get_realm_role("group-manager")])
    realm_admin.create_client({"clientId": "helpdesk", "serviceAccountsEnabled": True, "publicClient": False})
    realm_admin.create_client({"clientId": "billing"})
    return staff_id


def realm_management(realm_admin):
    return realm_admin.get_client_id("realm-management")


def group_permissions(realm_admin, group_id):
    """``{scope: permission}`` of the group's v1 permissions, read independently (by their names); None when off."""
    try:
        permissions = realm_admin.get_client_authz_permissions(realm_management(realm_admin))
    except Exception:  # pylint: disable=broad-except
        return None
    found = dict((p["name"].split(".permission.group.")[0].replace(".", "-"), p) for p in permissions
                 if p["name"].endswith(".permission.group.%s" % group_id))
    return found or None


def policies_of(realm_admin, permission):
    return sorted(p["name"] for p in realm_admin.get_client_authz_permission_associated_policies(realm_management(realm_admin), permission["id"]))


def manager_updates(keycloak_url, realm, realm_admin, username):
    """What the admin API answers the group manager (logged in with its own password) who changes user ``username``."""
    token = requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm), timeout=30,
                          data={"grant_type": "password", "client_id": "admin-cli", "username": "manager", "password": PASSWORD})
    assert token.status_code == 200, token.text
    answer = requests.put("%s/admin/realms/%s/users/%s" % (keycloak_url, realm, realm_admin.get_user_id(username)), timeout=30,
                          json={"firstName": "Changed"}, headers={"Authorization": "Bearer %s" % token.json()["access_token"]})
    return answer.status_code


def test_group_switch_and_wiring(module_runner, realm, realm_admin, staff, keycloak_url):
    """The scenario on /staff; then a group manager may change a member of /staff (only) through the admin API."""
    rm = realm_management(realm_admin)
    manager_role_policy = {"name": "group managers", "type": "role", "roles": ["group-manager"]}
    args = dict(realm=realm, group="/staff", realm_management_policies=[manager_role_policy],
                scope_permissions=[{"scope": "manage-members", "policies": ["group managers"]}])

    def verify(permissions):
        assert sorted(permissions) == ["manage", "manage-members", "manage-membership", "view", "view-members"]
        assert policies_of(realm_admin, permissions["manage-members"]) == ["group managers"]
        assert manager_updates(keycloak_url, realm, realm_admin, "alice") == 204
        assert manager_updates(keycloak_url, realm, realm_admin, "bob") == 403

    def verify_update(permissions):
        assert policies_of(realm_admin, permissions["manage-members"]) == ["group managers", "sales members"]
        assert permissions["manage-members"]["decisionStrategy"] == "AFFIRMATIVE"

    def hand_edit():
        permission = group_permissions(realm_admin, staff)["view-members"]
        policy = [p for p in realm_admin.get_client_authz_policies(rm) if p["name"] == "group managers"][0]
        realm_admin.update_client_authz_scope_permission(dict(permission, policies=[policy["id"]]), rm, permission["id"])

    def verify_hand_edit(permissions):
        assert policies_of(realm_admin, permissions["view-members"]) == ["group managers"]
        role_policy = [p for p in realm_admin.get_client_authz_policies(rm) if p["name"] == "group managers"][0]
        assert len(json.loads(realm_admin.get_client_authz_policy(rm, role_policy["id"])["config"]["roles"])) == 2

    assert manager_updates(keycloak_url, realm, realm_admin, "alice") == 403
    scenario(
        module_runner, MODULE, args,
        lambda: group_permissions(realm_admin, staff), verify,
        update={"realm_management_policies": [manager_role_policy, {"name": "sales members", "type": "group", "groups": ["sales"]}],
                "scope_permissions": [{"scope": "manage-members", "policies": ["group managers", "sales members"],
                                       "decision_strategy": "AFFIRMATIVE"}]},
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"realm_management_policies": [dict(manager_role_policy, roles=["group-manager", "auditor"])]},
        verify_hand_edit=verify_hand_edit,
        absent_args=dict(realm=realm, group="/staff"),
    )
    assert manager_updates(keycloak_url, realm, realm_admin, "alice") == 403
    # Turning the switch off deleted the permissions, not the policies.
    assert set(["group managers", "sales members"]) <= set(p["name"] for p in realm_admin.get_client_authz_policies(rm))


def test_client_switch(module_runner, realm, realm_admin, staff):
    args = dict(realm=realm, client="billing", realm_management_policies=[{"name": "helpdesk client", "type": "client", "clients": ["helpdesk"]}],
                scope_permissions=[{"scope": "configure", "policies": ["helpdesk client"]}, {"scope": "view", "policies": ["helpdesk client"]}])
    billing = realm_admin.get_client_id("billing")
    check = module_runner(MODULE, check_mode=True, diff=True, **args)
    assert check["changed"] is True and check.writes == [] and check["operation"] == "create", check["msg"]
    created = module_runner(MODULE, diff=True, **args)
    assert created["changed"] is True and created["diff"] == check["diff"], created["msg"]
    reference = realm_admin.get_client_management_permissions(billing)
    assert reference["enabled"] is True
    assert policies_of(realm_admin, {"id": reference["scopePermissions"]["configure"]}) == ["helpdesk client"]
    assert created["end_state"]["realmManagementPolicies"] == {"helpdesk client": {"type": "client", "clients": ["helpdesk"], "description": ""}}
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]
    detach = dict(args, scope_permissions=[{"scope": "view", "policies": []}])
    detached = module_runner(MODULE, **detach)
    assert detached["changed"] is True and detached["end_state"]["scopePermissions"]["view"]["policies"] == []
    assert detached["end_state"]["scopePermissions"]["configure"]["policies"] == ["helpdesk client"]
    # Another object's task that defines the same policy finds it, and writes none.
    shared = module_runner(MODULE, realm=realm, group="/sales", realm_management_policies=args["realm_management_policies"],
                           scope_permissions=[{"scope": "view", "policies": ["helpdesk client"]}])
    assert shared["changed"] is True and not [w for w in shared.writes if "/policy" in w[1] and w[0] == "POST"], shared.writes
    assert module_runner(MODULE, realm=realm, group="/sales", state="absent")["changed"] is True
    off = module_runner(MODULE, realm=realm, client="billing", state="absent")
    assert off["changed"] is True and realm_admin.get_client_management_permissions(billing)["enabled"] is False
    assert module_runner(MODULE, realm=realm, client="billing", state="absent").writes == []


@pytest.mark.parametrize("bad, named", [
    ({"group": "/staff", "scope_permissions": [{"scope": "no-such-scope", "policies": []}]}, "no-such-scope"),
    ({"group": "/staff", "scope_permissions": [{"scope": "view", "policies": ["no-such-policy"]}]}, "no-such-policy"),
    ({"group": "/staff", "scope_permissions": [{"scope": "view"}, {"scope": "view"}]}, "twice"),
    ({"group": "/staff", "realm_management_policies": [{"name": "p", "type": "role"}]}, "needs roles"),
    ({"group": "/staff", "realm_management_policies": [{"name": "p", "type": "role", "roles": ["no-such-role"]}]}, "no-such-role"),
    ({"group": "/staff", "realm_management_policies": [{"name": "p", "type": "role", "clients": ["billing"]}]}, "clients"),
    ({"group": "/no-such-group"}, "/no-such-group"),
    ({"group": "/staff", "resource_type": "Groups"}, "resource_type"),
    ({"name": "v2 style", "resource_type": "Users", "scopes": ["view"]}, "v1"),
])
def test_bad_input_fails_before_any_write(module_runner, realm, staff, bad, named):
    result = module_runner(MODULE, realm=realm, **bad)
    assert result["failed"] is True and named in result["msg"] and result.writes == [], result["msg"]


@pytest.mark.parametrize("check_mode", [True, False])
def test_missing_group(module_runner, realm, staff, check_mode):
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, group="/planned",
                           scope_permissions=[{"scope": "view", "policies": []}])
    fails_or_plans(result, check_mode, "/planned")


def test_v1_examples(module_runner, realm, realm_admin, staff):
    """The module's v1 EXAMPLES (not run by test_examples.py, whose server runs v2), each twice: the second changes nothing."""
    import importlib

    import yaml

    module = importlib.import_module("ansible_collections.iam.keycloak.plugins.modules.%s" % MODULE)
    tasks = [task for task in yaml.safe_load(module.EXAMPLES) if "v1" in task["name"]]
    assert len(tasks) == 3, [task["name"] for task in tasks]
    realm_admin.create_client({"clientId": "ops-automation", "serviceAccountsEnabled": True, "publicClient": False})
    for task in tasks:
        args = dict(task["iam.keycloak.%s" % MODULE], realm=realm)
        first = module_runner(MODULE, **args)
        assert not first.get("failed") and first["changed"] is True, (task["name"], first["msg"])
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], (task["name"], again["msg"])
