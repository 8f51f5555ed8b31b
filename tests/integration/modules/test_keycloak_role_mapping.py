# -*- coding: utf-8 -*-
"""keycloak_role_mapping against the real server.

The target exists before and after, so the scenario is the mapping's life rather than the
target's: check mode writes nothing -> apply -> independent read -> rerun without a write ->
change -> a mapping added by hand survives ``present`` -> ``absent`` removes only the listed
roles -> rerun unchanged -> ``exact``. It runs once for every kind of target.
"""

import uuid

import pytest

from harness import same_prediction  # pylint: disable=import-error

MODULE = "keycloak_role_mapping"
CLIENT = "billing ü/#"
REALM_ROLES = ["reader", "role with space", "a/b", "c+d", "e#f", "ünïcødé ロール", "hand-made", "spare"]
CLIENT_ROLES = ["invoice reader", "x/y", "ü+#", "hand/made"]
# Roles a new user (and a service account user) gets from Keycloak: the realm's default role.
USER_LIKE = ("user", "service_account_of")


def unique(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


@pytest.fixture(scope="module")
def world(keycloak_url, realm, realm_admin):
    """Roles with awkward names, and a client with roles, in the test module's realm."""
    for name in REALM_ROLES:
        realm_admin.create_realm_role({"name": name})
    client_uuid = realm_admin.create_client({"clientId": CLIENT})
    for name in CLIENT_ROLES:
        realm_admin.create_client_role(client_uuid, {"name": name})
    return {"client": client_uuid, "default_role": realm_admin.get_realm(realm)["defaultRole"]["name"], "realm": realm, "url": keycloak_url}


# ------------------------------------------------------------------ targets


class Target:
    """One target: its module option, how to create it, and an independent read of its mappings."""

    def __init__(self, option, admin, world):
        self.option = option
        self.admin = admin
        self.world = world
        self.name, self.id = getattr(self, "_create_" + option)()

    def _create_user(self):
        name = unique("alice")
        return name, self.admin.create_user({"username": name, "enabled": True})

    def _create_group(self):
        parent = self.admin.create_group({"name": unique("parent")})
        name = unique("team ü/+")
        child = self.admin.create_group({"name": name}, parent=parent)
        return self.admin.get_group(child)["path"], child

    def _create_service_account_of(self):
        name = unique("svc")
        client = self.admin.create_client({"clientId": name, "serviceAccountsEnabled": True, "publicClient": False})
        return name, self.admin.get_client_service_account_user(client)["id"]

    def _create_dedicated_scope_of(self):
        name = unique("web")
        return name, self.admin.create_client({"clientId": name, "fullScopeAllowed": False})

    def _create_client_scope(self):
        name = unique("scope")  # Keycloak 26.5 refuses client scope names with spaces or non-ASCII letters
        return name, self.admin.create_client_scope({"name": name, "protocol": "openid-connect"})

    def url(self, suffix):
        """The address of this target's ``realm`` or ``clients/{uuid}`` mappings."""
        base = {"user": "users/%s/role-mappings", "service_account_of": "users/%s/role-mappings", "group": "groups/%s/role-mappings",
                "dedicated_scope_of": "clients/%s/scope-mappings", "client_scope": "client-scopes/%s/scope-mappings"}[self.option]
        return "%s/admin/realms/%s/%s/%s" % (self.world["url"], self.world["realm"], base % self.id, suffix)

    def read(self):
        """Direct mappings as ``{(clientId or "", role)}``, read over the split endpoints the module does not use."""
        admin, client = self.admin, self.world["client"]
        if self.option in USER_LIKE:
            realm_roles, client_roles = admin.get_realm_roles_of_user(self.id), admin.get_client_roles_of_user(self.id, client)
        elif self.option == "group":
            realm_roles, client_roles = admin.get_group_realm_roles(self.id), admin.get_group_client_roles(self.id, client)
        elif self.option == "dedicated_scope_of":
            realm_roles = admin.get_realm_roles_of_client_scope(self.id)
            client_roles = admin.get_client_roles_of_client_scope(self.id, client)
        else:
            realm_roles = admin.get_mapped_roles("client_scope", self.id)
            client_roles = admin.get_client_specific_roles_of_client_scope(self.id, client)
        return set(("", role["name"]) for role in realm_roles) | set((CLIENT, role["name"]) for role in client_roles)

    def hand_map(self, realm_role, client_role):
        admin, client = self.admin, self.world["client"]
        realm_role = admin.get_realm_role(realm_role)
        client_role = admin.get_client_role(client, client_role)
        if self.option in USER_LIKE:
            admin.assign_realm_roles(self.id, [realm_role])
            admin.assign_client_role(self.id, client, [client_role])
        elif self.option == "group":
            admin.assign_group_realm_roles(self.id, [realm_role])
            admin.assign_group_client_roles(self.id, client, [client_role])
        elif self.option == "dedicated_scope_of":
            admin.assign_realm_roles_to_client_scope(self.id, [realm_role])
            admin.assign_client_roles_to_client_scope(self.id, client, [client_role])
        else:
            admin.add_role_mappings("client_scope", self.id, [realm_role])
            admin.add_client_specific_roles_to_client_scope(self.id, client, [client_role])


def ok(result):
    assert not result.get("failed"), result.get("msg")
    return result


def mapped(realm_roles=(), client_roles=()):
    return set(("", name) for name in realm_roles) | set((CLIENT, name) for name in client_roles)


# ------------------------------------------------------------------ the scenario


@pytest.mark.parametrize("option", ["user", "group", "service_account_of", "dedicated_scope_of", "client_scope"])
def test_role_mapping_lifecycle(module_runner, realm, realm_admin, world, option):
    target = Target(option, realm_admin, world)
    base = {"realm": realm, option: target.name}
    start = target.read()
    if option in USER_LIKE:
        assert ("", world["default_role"]) in start

    def run(check_mode=False, **args):
        return ok(module_runner(MODULE, check_mode=check_mode, diff=True, **dict(base, **args)))

    def checked(**args):
        """Check mode first (no write, same prediction), then the real run."""
        before = target.read()
        check = run(check_mode=True, **args)
        assert check.writes == [], "check mode wrote: %s" % check.writes
        assert target.read() == before, "check mode changed the mappings"
        real = run(**args)
        same_prediction(check, real)
        assert real["changed"] is check["changed"] is True, real["msg"]
        return real

    def unchanged(**args):
        again = run(**args)
        assert again["changed"] is False, "rerun changed: %s" % again["msg"]
        assert again.writes == [], "an unchanged rerun wrote: %s" % again.writes
        return again

    # apply, then read it back independently
    first = dict(realm_roles=["reader", "a/b"], client_roles=[{"client_id": CLIENT, "roles": ["invoice reader"]}])
    applied = checked(**first)
    assert applied["diff"]["before"]["roleMappings"] == []
    # one POST per role, to the target's own endpoint for realm roles and for the client's roles
    assert sorted(applied.writes) == sorted(("POST", target.url(suffix)) for suffix in ("realm", "realm", "clients/" + world["client"]))
    assert target.read() == start | mapped(["reader", "a/b"], ["invoice reader"])
    noop = unchanged(**first)
    assert noop["end_state"]["roleMappings"] == sorted(noop["end_state"]["roleMappings"], key=lambda item: (item["clientId"] or "", item["name"]))
    budget = 4 if option == "service_account_of" else 3  # token, find the target (client + account user), read the mappings
    assert len(noop.requests) <= budget, noop.requests

    # change: more roles, every awkward character
    second = dict(realm_roles=["reader", "a/b", "c+d", "e#f", "ünïcødé ロール"], client_roles=[{"client_id": CLIENT, "roles": ["invoice reader", "x/y"]}])
    checked(**second)
    assert target.read() == start | mapped(second["realm_roles"], ["invoice reader", "x/y"])
    unchanged(**second)

    # a mapping added by hand survives a present run that does not name it
    target.hand_map("hand-made", "hand/made")
    checked(realm_roles=["role with space"])
    assert target.read() == start | mapped(second["realm_roles"] + ["role with space", "hand-made"], ["invoice reader", "x/y", "hand/made"])

    # absent removes only the listed roles; a listed role that is not mapped is no change
    gone = dict(realm_roles=["reader", "a/b", "spare"], client_roles=[{"client_id": CLIENT, "roles": ["x/y"]}], state="absent")
    removed = checked(**gone)
    assert sorted(removed.writes) == sorted(("DELETE", target.url(suffix)) for suffix in ("realm", "realm", "clients/" + world["client"]))
    assert removed["diff"]["after"]["roleMappings"] == []
    assert sorted(item["name"] for item in removed["diff"]["before"]["roleMappings"]) == ["a/b", "reader", "x/y"]
    left = start | mapped(["c+d", "e#f", "ünïcødé ロール", "role with space", "hand-made"], ["invoice reader", "hand/made"])
    assert target.read() == left
    unchanged(**gone)

    # exact: the listed roles and nothing else (the realm's default role stays)
    exact = dict(realm_roles=["reader", "ünïcødé ロール"], client_roles=[{"client_id": CLIENT, "roles": ["ü+#"]}], state="exact")
    result = checked(**exact)
    assert target.read() == (start & mapped([world["default_role"]])) | mapped(["reader", "ünïcødé ロール"], ["ü+#"])
    assert world["default_role"] not in [item["name"] for item in result["diff"]["before"]["roleMappings"]]
    again = unchanged(**exact)
    # one more request for a user: the realm tells which mapped role is its default role
    assert len(again.requests) <= budget + (1 if option in USER_LIKE else 0), again.requests


# ------------------------------------------------------------------ the realm's default role


def test_exact_keeps_the_default_role_unless_removed_by_name(module_runner, realm, realm_admin, world):
    target = Target("user", realm_admin, world)
    default = world["default_role"]
    args = dict(realm=realm, user=target.name, state="exact")

    result = module_runner(MODULE, diff=True, realm_roles=["reader"], **args)
    assert result["changed"] is True and target.read() == mapped([default, "reader"])
    assert {"name": default, "clientId": None} in result["end_state"]["roleMappings"]
    # with the default role listed too, exact has nothing to do
    listed = module_runner(MODULE, realm_roles=["reader", default], **args)
    assert listed["changed"] is False and listed.writes == [], listed["msg"]
    # absent takes it away when named ...
    removed = module_runner(MODULE, realm=realm, user=target.name, realm_roles=[default], state="absent")
    assert removed["changed"] is True and target.read() == mapped(["reader"])
    # ... and exact without it does not put it back
    again = module_runner(MODULE, realm_roles=["reader"], **args)
    assert again["changed"] is False and again.writes == [], again["msg"]
    # exact with nothing listed removes every mapping
    empty = module_runner(MODULE, realm_roles=[], **args)
    assert empty["changed"] is True and target.read() == set()


def test_exact_removes_unlisted_client_roles_when_only_realm_roles_are_listed(module_runner, realm, realm_admin, world):
    target = Target("group", realm_admin, world)
    target.hand_map("spare", "hand/made")
    result = module_runner(MODULE, diff=True, realm=realm, group=target.name, realm_roles=["spare"], state="exact")
    assert result["changed"] is True, result["msg"]
    assert target.read() == mapped(["spare"])
    before = sorted(result["diff"]["before"]["roleMappings"], key=lambda item: item["name"])
    assert before == [{"name": "hand/made", "clientId": CLIENT}, {"name": "spare", "clientId": None}]
    assert result["diff"]["after"] == {"roleMappings": [{"name": "spare", "clientId": None}]}


# ------------------------------------------------------------------ bad input, before any write


@pytest.mark.parametrize("option,what", [
    ("user", "user"),
    ("group", "group"),
    ("service_account_of", "service account of client"),
    ("dedicated_scope_of", "dedicated scope of client"),
    ("client_scope", "client scope"),
])
@pytest.mark.parametrize("state", ["present", "absent", "exact"])
def test_missing_target_fails_before_any_write(module_runner, realm, option, what, state):
    missing = "no-such/%s" % option
    result = module_runner(MODULE, realm=realm, state=state, realm_roles=["reader"], **{option: missing})
    assert result.get("failed") is True
    assert "%s '%s' does not exist" % (what, missing) in result["msg"]
    assert result.writes == []


def test_client_without_service_account(module_runner, realm, realm_admin, world):
    name = unique("no-svc")
    realm_admin.create_client({"clientId": name, "serviceAccountsEnabled": False})
    result = module_runner(MODULE, realm=realm, service_account_of=name, realm_roles=["reader"])
    assert result.get("failed") is True and "has no service account" in result["msg"] and name in result["msg"]
    assert result.writes == []


@pytest.mark.parametrize("state", ["present", "absent", "exact"])
@pytest.mark.parametrize("roles,complaint", [
    (dict(realm_roles=["reader", "no such/role"]), "realm role 'no such/role' does not exist"),
    (dict(realm_roles=["reader"], client_roles=[{"client_id": "no-such-client", "roles": ["x"]}]), "client 'no-such-client'"),
    (dict(realm_roles=["reader"], client_roles=[{"client_id": CLIENT, "roles": ["no#such"]}]),
     "client role 'no#such' of client '%s' does not exist" % CLIENT),
])
def test_unknown_role_or_client_fails_before_any_write(module_runner, realm, realm_admin, world, state, roles, complaint):
    target = Target("user", realm_admin, world)
    target.hand_map("spare", "hand/made")
    before = target.read()
    result = module_runner(MODULE, realm=realm, user=target.name, state=state, **roles)
    assert result.get("failed") is True
    assert complaint in result["msg"], result["msg"]
    assert result.writes == []
    assert target.read() == before


@pytest.mark.parametrize("targets", [{}, {"user": "a", "group": "/b"}, {"client_scope": "a", "dedicated_scope_of": "b"}])
def test_exactly_one_target(module_runner, realm, targets):
    result = module_runner(MODULE, realm=realm, realm_roles=["reader"], **targets)
    assert result.get("failed") is True
    assert result.requests == []


def test_roles_are_required(module_runner, realm, realm_admin, world):
    target = Target("user", realm_admin, world)
    result = module_runner(MODULE, realm=realm, user=target.name)
    assert result.get("failed") is True and "realm_roles" in result["msg"]
    assert result.requests == []


def test_duplicate_roles_are_one_mapping(module_runner, realm, realm_admin, world):
    target = Target("client_scope", realm_admin, world)
    args = dict(realm=realm, client_scope=target.name, realm_roles=["reader", "reader"],
                client_roles=[{"client_id": CLIENT, "roles": ["x/y"]}, {"client_id": CLIENT, "roles": ["x/y"]}])
    result = module_runner(MODULE, diff=True, **args)
    assert result["changed"] is True and len(result.writes) == 2, result.writes
    assert result["diff"]["after"]["roleMappings"] == [{"name": "reader", "clientId": None}, {"name": "x/y", "clientId": CLIENT}]
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == []
