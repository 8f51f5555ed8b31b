# -*- coding: utf-8 -*-
"""keycloak_role_mapping_info against the real server.

Every target type, read directly (one request, and client by client), effectively (a composite role, a
group and a parent group's roles show; the group's realm roles are checked against the server's own
answer) and as still available; the views the admin API has no call for, a missing target or client,
and a missing realm (an error, planned as empty in check mode) fail or answer clearly, writing nothing.
"""

import uuid

import pytest

from harness import warnings_of  # pylint: disable=import-error
from test_keycloak_role_mapping import Target as MappingTarget  # pylint: disable=import-error

MODULE = "keycloak_role_mapping_info"
CLIENT = "shop ü/#"
OTHER = "other-app"
# "parent" holds "child" and the client role "c-child"; the client role "c-direct" holds the realm role "via-client".
REALM_ROLES = ["parent", "child", "via-client", "via-group", "spare ü/+"]
CLIENT_ROLES = ["c-direct", "c-child", "c-spare"]
USER_LIKE = ("user", "service_account_of")
TARGETS = ["user", "group", "service_account_of", "dedicated_scope_of", "client_scope"]


def unique(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


@pytest.fixture(scope="module")
def world(realm, realm_admin):
    kc = realm_admin
    for name in REALM_ROLES:
        kc.create_realm_role({"name": name})
    client = kc.create_client({"clientId": CLIENT})
    kc.create_client({"clientId": OTHER})
    for name in CLIENT_ROLES:
        kc.create_client_role(client, {"name": name})
    kc.add_composite_realm_roles_to_role("parent", [kc.get_realm_role("child"), kc.get_client_role(client, "c-child")])
    kc.add_composite_client_roles_to_role(client, "c-direct", [kc.get_realm_role("via-client")])
    return {"client": client, "default_role": kc.get_realm(realm)["defaultRole"]["name"]}


class Target(MappingTarget):
    """One target of each type (created as keycloak_role_mapping's tests create it), with the realm role ``parent``
    and the client role ``c-direct`` mapped directly."""

    def __init__(self, option, admin, world):
        MappingTarget.__init__(self, option, admin, world)
        kc, client = admin, world["client"]
        realm_role, client_role = [kc.get_realm_role("parent")], [kc.get_client_role(client, "c-direct")]
        if option in USER_LIKE:
            kc.assign_realm_roles(self.id, realm_role)
            kc.assign_client_role(self.id, client, client_role)
        elif option == "group":
            kc.assign_group_realm_roles(self.id, realm_role)
            kc.assign_group_client_roles(self.id, client, client_role)
        elif option == "dedicated_scope_of":
            kc.assign_realm_roles_to_client_scope(self.id, realm_role)
            kc.assign_client_roles_to_client_scope(self.id, client, client_role)
        else:
            kc.add_role_mappings("client_scope", self.id, realm_role)
            kc.add_client_specific_roles_to_client_scope(self.id, client, client_role)

    def _create_group(self):
        # A parent with roles of its own: a child group gets them too (effective view).
        parent = self.admin.create_group({"name": unique("parent ü/+")})
        self.admin.assign_group_realm_roles(parent, [self.admin.get_realm_role("via-group")])
        owner = self.admin.get_client_id(CLIENT)
        self.admin.assign_group_client_roles(parent, owner, [self.admin.get_client_role(owner, "c-spare")])
        child = self.admin.create_group({"name": unique("team/x")}, parent=parent)
        return self.admin.get_group(child)["path"], child


def ok(result):
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is False and result.writes == [], result.writes
    return result


def realm_roles(world, option, *names):
    """``names`` sorted, with the realm's default role a user (and a service account) gets from Keycloak."""
    return sorted(list(names) + ([world["default_role"]] if option in USER_LIKE else []))


# ------------------------------------------------------------------ direct


@pytest.mark.parametrize("option", TARGETS)
def test_direct_roles_of_every_target(module_runner, realm, realm_admin, world, option):
    target = Target(option, realm_admin, world)
    args = {"realm": realm, option: target.name}

    every = ok(module_runner(MODULE, **args))
    assert every["id"] == target.id
    assert every["realm_roles"] == realm_roles(world, option, "parent")
    # roles reached through "parent" (a composite) are not direct
    assert every["client_roles"] == {CLIENT: ["c-direct"]}
    finding = 2 if option == "service_account_of" else 1
    assert len(every.requests) == 1 + finding + 1, every.requests  # token, find the target, one read of every mapping

    # client by client: each listed client is a key, also one the target has no roles of
    listed = ok(module_runner(MODULE, check_mode=True, clients=[OTHER, CLIENT, OTHER], **args))
    assert listed["id"] == target.id
    assert listed["realm_roles"] == every["realm_roles"]
    assert listed["client_roles"] == {CLIENT: ["c-direct"], OTHER: []}
    assert list(listed["client_roles"]) == sorted(listed["client_roles"])

    none = ok(module_runner(MODULE, clients=[], **args))
    assert none["realm_roles"] == every["realm_roles"] and none["client_roles"] == {}


def test_direct_roles_of_a_target_without_any(module_runner, realm, realm_admin):
    name = unique("empty")
    scope = realm_admin.create_client_scope({"name": name, "protocol": "openid-connect"})
    result = ok(module_runner(MODULE, realm=realm, client_scope=name))
    assert result == dict(result, id=scope, realm_roles=[], client_roles={})


# ------------------------------------------------------------------ effective


@pytest.mark.parametrize("option", USER_LIKE)
def test_effective_roles_of_a_user_expand_composites_and_groups(module_runner, realm, realm_admin, world, option):
    target = Target(option, realm_admin, world)
    group = realm_admin.create_group({"name": unique("readers")})
    realm_admin.assign_group_realm_roles(group, [realm_admin.get_realm_role("via-group")])
    realm_admin.group_user_add(target.id, group)
    args = {"realm": realm, option: target.name, "clients": [CLIENT]}

    direct = ok(module_runner(MODULE, **args))
    effective = ok(module_runner(MODULE, view="effective", **args))
    assert "child" not in direct["realm_roles"] and "via-group" not in direct["realm_roles"]
    # composites (a realm role's, and a client role's realm role), the group's role, and the default role's children
    for name in ("parent", "child", "via-client", "via-group", world["default_role"], "offline_access", "uma_authorization"):
        assert name in effective["realm_roles"], effective["realm_roles"]
    assert "spare ü/+" not in effective["realm_roles"]
    assert effective["realm_roles"] == sorted(effective["realm_roles"])
    assert direct["client_roles"] == {CLIENT: ["c-direct"]}
    assert effective["client_roles"] == {CLIENT: ["c-child", "c-direct"]}

    # without ``clients`` no client roles: Keycloak answers them client by client
    assert ok(module_runner(MODULE, view="effective", realm=realm, **{option: target.name}))["client_roles"] == {}


def test_effective_roles_of_a_group_are_the_servers(module_runner, realm, realm_admin, world):
    target = Target("group", realm_admin, world)
    result = ok(module_runner(MODULE, view="effective", realm=realm, group=target.name, clients=[CLIENT, OTHER]))
    assert result["realm_roles"] == ["child", "parent", "via-client", "via-group"]
    # c-spare through the parent group: Keycloak 26.7's own client composite endpoint leaves parents out.
    assert result["client_roles"] == {CLIENT: ["c-child", "c-direct", "c-spare"], OTHER: []}
    # the server's own answer, on the endpoint the admin API has no call for
    server = realm_admin.connection.raw_get("admin/realms/%s/groups/%s/role-mappings/realm/composite" % (realm, target.id)).json()
    assert result["realm_roles"] == sorted(role["name"] for role in server)
    direct = ok(module_runner(MODULE, realm=realm, group=target.name))
    assert direct["realm_roles"] == ["parent"]


# ------------------------------------------------------------------ available


@pytest.mark.parametrize("option", USER_LIKE)
def test_available_roles_leave_out_the_mapped_ones(module_runner, realm, realm_admin, world, option):
    target = Target(option, realm_admin, world)
    result = ok(module_runner(MODULE, view="available", realm=realm, clients=[CLIENT], **{option: target.name}))
    assert "spare ü/+" in result["realm_roles"] and "child" in result["realm_roles"]
    assert "parent" not in result["realm_roles"] and world["default_role"] not in result["realm_roles"]
    assert result["client_roles"] == {CLIENT: ["c-child", "c-spare"]}
    # mapping one more takes it out of the available ones
    realm_admin.assign_realm_roles(target.id, [realm_admin.get_realm_role("spare ü/+")])
    again = ok(module_runner(MODULE, view="available", realm=realm, clients=[CLIENT], **{option: target.name}))
    assert "spare ü/+" not in again["realm_roles"]
    assert sorted(set(result["realm_roles"]) - set(again["realm_roles"])) == ["spare ü/+"]


# ------------------------------------------------------------------ clear failures, nothing written


@pytest.mark.parametrize("option,view", [
    ("group", "available"),
    ("dedicated_scope_of", "effective"),
    ("dedicated_scope_of", "available"),
    ("client_scope", "effective"),
    ("client_scope", "available"),
])
def test_a_view_the_admin_api_has_no_call_for_fails_clearly(module_runner, realm, realm_admin, world, option, view):
    target = Target(option, realm_admin, world)
    result = module_runner(MODULE, view=view, realm=realm, **{option: target.name})
    assert result.get("failed") is True
    assert "view '%s' is not offered for" % view in result["msg"] and target.name in result["msg"], result["msg"]
    assert result.requests == []


@pytest.mark.parametrize("option,what", [
    ("user", "user"),
    ("group", "group"),
    ("service_account_of", "service account of client"),
    ("dedicated_scope_of", "dedicated scope of client"),
    ("client_scope", "client scope"),
])
@pytest.mark.parametrize("check_mode", [False, True])
def test_a_missing_target_fails_clearly(module_runner, realm, option, what, check_mode):
    missing = "no-such/%s" % option
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, **{option: missing})
    assert result.get("failed") is True
    assert result["msg"] == "%s '%s' does not exist in realm '%s'" % (what, missing, realm)
    assert result.writes == []


def test_a_client_without_service_account_fails_clearly(module_runner, realm, realm_admin):
    name = unique("no-svc")
    realm_admin.create_client({"clientId": name, "serviceAccountsEnabled": False})
    result = module_runner(MODULE, realm=realm, service_account_of=name)
    assert result.get("failed") is True and "client '%s' has no service account" % name in result["msg"], result["msg"]


def test_a_missing_client_fails_clearly(module_runner, realm, realm_admin, world):
    target = Target("user", realm_admin, world)
    result = module_runner(MODULE, realm=realm, user=target.name, clients=[CLIENT, "no-such-client"])
    assert result.get("failed") is True
    assert result["msg"] == "client 'no-such-client' does not exist in realm '%s'" % realm
    assert result.writes == []


def test_exactly_one_target(module_runner, realm):
    for targets in ({}, {"user": "a", "group": "/b"}):
        result = module_runner(MODULE, realm=realm, **targets)
        assert result.get("failed") is True and result.requests == []


# ------------------------------------------------------------------ a realm that does not exist


def test_missing_realm_fails_and_is_empty_in_check_mode(module_runner):
    realm = unique("no-such-realm")
    real = module_runner(MODULE, realm=realm, user="alice")
    assert real.get("failed") is True and real["msg"] == "realm '%s' does not exist" % realm, real["msg"]

    check = module_runner(MODULE, check_mode=True, realm=realm, group="/staff", view="effective", clients=["billing"])
    assert not check.get("failed"), check["msg"]
    assert check["changed"] is False and check.writes == []
    assert (check["id"], check["realm_roles"], check["client_roles"]) == (None, [], {})
    assert any("realm '%s' does not exist" % realm in warning for warning in warnings_of(check)), warnings_of(check)
