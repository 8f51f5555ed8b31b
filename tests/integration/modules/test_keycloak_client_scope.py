# -*- coding: utf-8 -*-
"""keycloak_client_scope against the real server."""

import uuid

import pytest

from harness import contained, run_module, scenario  # pylint: disable=import-error

MODULE = "keycloak_client_scope"


def fresh_name(prefix="scope"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


def realm_type(client, name):
    scope = client.get_client_scope_by_name(name)
    if scope["id"] in [item["id"] for item in client.get_default_default_client_scopes()]:
        return "default"
    if scope["id"] in [item["id"] for item in client.get_default_optional_client_scopes()]:
        return "optional"
    return "none"


def mappings(client, name):
    scope = client.get_client_scope_by_name(name)
    answer = client.get_all_roles_of_client_scope(scope["id"])
    found = set(role["name"] for role in answer.get("realmMappings") or [])
    for client_id, roles in (answer.get("clientMappings") or {}).items():
        found.update("%s/%s" % (client_id, role["name"]) for role in roles["mappings"])
    return found


@pytest.fixture(scope="module")
def roles(realm_admin):
    """Realm roles ``reader`` and ``writer``, and client ``shop`` with role ``buyer``."""
    for name in ("reader", "writer"):
        realm_admin.create_realm_role({"name": name})
    realm_admin.create_client({"clientId": "shop"})
    realm_admin.create_client_role(realm_admin.get_client_id("shop"), {"name": "buyer"})
    return realm_admin


def test_client_scope_lifecycle(module_runner, realm, roles):
    client = roles
    # '/', '+' and '#' are valid in an OAuth scope token, and Keycloak takes them.
    name = fresh_name("api/read+all#")

    def read():
        return client.get_client_scope_by_name(name)

    args = dict(
        realm=realm,
        name=name,
        description="First",
        protocol="openid-connect",
        type="default",
        attributes={"include.in.token.scope": True, "gui.order": 5},
        protocol_mappers=[{
            "name": "team",
            "protocol_mapper": "oidc-hardcoded-claim-mapper",
            "config": {"claim.name": "team", "claim.value": "iam", "access.token.claim": True, "jsonType.label": "String"},
        }],
        realm_roles=["reader"],
    )

    def verify(scope):
        assert scope["description"] == "First"
        assert scope["attributes"] == {"include.in.token.scope": "true", "gui.order": "5"}
        mapper = scope["protocolMappers"][0]
        assert mapper["name"] == "team" and mapper["protocol"] == "openid-connect"
        assert mapper["config"]["access.token.claim"] == "true"
        assert realm_type(client, name) == "default"
        assert mappings(client, name) == {"reader"}

    def verify_update(scope):
        assert scope["description"] == "Second"
        # Moved from the default list to the optional one: Keycloak holds a scope in one list at most.
        assert realm_type(client, name) == "optional"

    def hand_edit():
        scope = read()
        scope["attributes"]["consent.screen.text"] = "by hand"
        client.update_client_scope(scope["id"], dict(scope, attributes=scope["attributes"]))
        client.add_mapper_to_client_scope(scope["id"], {
            "name": "by-hand", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
            "config": {"claim.name": "hand", "claim.value": "1"},
        })

    def verify_hand_edit(scope):
        assert scope["attributes"]["consent.screen.text"] == "by hand", "a field set by hand was lost"
        assert scope["attributes"]["display.on.consent.screen"] == "false"
        assert scope["attributes"]["gui.order"] == "5" and scope["description"] == "Second"
        assert sorted(mapper["name"] for mapper in scope["protocolMappers"]) == ["by-hand", "team"]
        assert mappings(client, name) == {"reader", "shop/buyer"}

    requests = scenario(
        module_runner, MODULE, args, read, verify,
        update={"description": "Second", "type": "optional"},
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"attributes": {"display.on.consent.screen": False}, "client_roles": [{"client_id": "shop", "roles": ["buyer"]}]},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "name": name},
    )
    # login, the scope list, the two realm lists, the scope mappings, and the listed role
    assert requests <= 6, "a no-op run sent %s requests" % requests


def test_unset_options_read_nothing_more(module_runner, realm, roles):
    name = fresh_name()
    try:
        created = module_runner(MODULE, realm=realm, name=name, description="d")
        # Once created, the scope is read back by its id: one scope, not the realm's list.
        reads = [url for method, url in created.requests if method == "GET" and "/client-scopes" in url]
        assert reads[-1].endswith("/client-scopes/%s" % created["end_state"]["id"]), reads
        assert created["end_state"]["description"] == "d"
        updated = module_runner(MODULE, realm=realm, name=name, description="e")
        reads = [url for method, url in updated.requests if method == "GET" and "/client-scopes" in url]
        assert reads[0].endswith("/client-scopes") and reads[-1].endswith("/client-scopes/%s" % created["end_state"]["id"]), reads
        assert updated["end_state"]["description"] == "e"
        module_runner(MODULE, realm=realm, name=name, description="d")
        again = module_runner(MODULE, realm=realm, name=name, description="d")
        assert again["changed"] is False and again.writes == []
        # Neither the realm lists nor the scope mappings are read when the task does not manage them.
        assert len(again.requests) == 2, again.requests
        assert "type" not in again["end_state"]
    finally:
        module_runner(MODULE, realm=realm, name=name, state="absent")


def test_names_keycloak_refuses_fail_clearly_before_any_write(module_runner, realm):
    for name in ("two words", "caf\u00e9", 'say"hi'):
        for check_mode in (True, False):
            result = module_runner(MODULE, check_mode=check_mode, realm=realm, name=name)
            assert result["failed"] is True
            assert "client scope '%s'" % name in result["msg"] and "without spaces" in result["msg"], result["msg"]
            assert result.writes == []


def test_unknown_roles_fail_before_any_write(module_runner, realm, roles):
    name = fresh_name()
    cases = (
        ({"realm_roles": ["no-such-role"]}, "realm role 'no-such-role' does not exist"),
        ({"client_roles": [{"client_id": "no-such-client", "roles": ["x"]}]}, "client 'no-such-client'"),
        ({"client_roles": [{"client_id": "shop", "roles": ["no-such-role"]}]}, "client role 'no-such-role' of client 'shop' does not exist"),
    )
    for options, message in cases:
        result = module_runner(MODULE, realm=realm, name=name, description="never", **options)
        assert result["failed"] is True and message in result["msg"], result["msg"]
        assert result.writes == []
        assert roles.get_client_scope_by_name(name) is None
    # The same on an existing scope: nothing of the task is written.
    module_runner(MODULE, realm=realm, name=name)
    try:
        result = module_runner(MODULE, realm=realm, name=name, description="never", realm_roles=["reader", "no-such-role"])
        assert result["failed"] is True and "no-such-role" in result["msg"]
        assert result.writes == []
        assert "description" not in roles.get_client_scope_by_name(name)
    finally:
        module_runner(MODULE, realm=realm, name=name, state="absent")


def test_new_mapper_without_type_fails_before_any_write(module_runner, realm):
    name = fresh_name()
    result = module_runner(MODULE, realm=realm, name=name, protocol_mappers=[{"name": "m", "config": {"a": "b"}}])
    assert result["failed"] is True and "protocol_mapper" in result["msg"] and "'m'" in result["msg"]
    assert result.writes == []


def test_mappers_config_key_by_key_and_purge(module_runner, realm, roles):
    name = fresh_name()
    first = {"name": "a", "protocol_mapper": "oidc-hardcoded-claim-mapper",
             "config": {"claim.name": "a", "claim.value": "1", "access.token.claim": True}}
    second = {"name": "b", "protocol_mapper": "oidc-hardcoded-claim-mapper", "config": {"claim.name": "b", "claim.value": 2}}
    try:
        created = module_runner(MODULE, realm=realm, name=name, protocol_mappers=[first, second])
        assert created["changed"] is True
        # Keycloak created both mappers with the scope itself: one create, no request per mapper.
        assert [method for method, _url in created.writes] == ["POST"]
        # Numbers and booleans are the strings Keycloak stores: unchanged.
        again = module_runner(MODULE, realm=realm, name=name, protocol_mappers=[first, second])
        assert again["changed"] is False and again.writes == [], again["msg"]
        # One config key: the others stay; the mapper not listed stays too.
        changed = module_runner(MODULE, diff=True, realm=realm, name=name, protocol_mappers=[{"name": "a", "config": {"claim.value": "9"}}])
        assert changed["changed"] is True and [method for method, _url in changed.writes] == ["PUT"]
        assert changed["diff"]["before"]["protocolMappers"][0]["config"]["claim.value"] == "1"
        assert changed["diff"]["after"]["protocolMappers"][0]["config"]["claim.value"] == "9"
        mappers = dict((mapper["name"], mapper) for mapper in roles.get_client_scope_by_name(name)["protocolMappers"])
        assert mappers["a"]["config"] == {"claim.name": "a", "claim.value": "9", "access.token.claim": "true"}
        assert set(mappers) == {"a", "b"}
        # purge_protocol_mappers removes what is not listed.
        check = module_runner(MODULE, check_mode=True, realm=realm, name=name, protocol_mappers=[{"name": "a"}], purge_protocol_mappers=True)
        purged = module_runner(MODULE, realm=realm, name=name, protocol_mappers=[{"name": "a"}], purge_protocol_mappers=True)
        assert check["changed"] is purged["changed"] is True and contained(purged["end_state"], check["end_state"])
        assert [mapper["name"] for mapper in purged["end_state"]["protocolMappers"]] == ["a"]
        assert [mapper["name"] for mapper in roles.get_client_scope_by_name(name)["protocolMappers"]] == ["a"]
    finally:
        module_runner(MODULE, realm=realm, name=name, state="absent")


def test_saml_scope_mappers_take_its_protocol(module_runner, realm, roles):
    name = fresh_name("saml")
    try:
        result = module_runner(MODULE, realm=realm, name=name, protocol="saml", protocol_mappers=[{
            "name": "email", "protocol_mapper": "saml-user-property-mapper",
            "config": {"user.attribute": "email", "attribute.name": "email"},
        }])
        assert result["changed"] is True, result["msg"]
        scope = roles.get_client_scope_by_name(name)
        assert scope["protocol"] == "saml" and scope["protocolMappers"][0]["protocol"] == "saml"
    finally:
        module_runner(MODULE, realm=realm, name=name, state="absent")


def test_type_moves_between_realm_lists(module_runner, realm, roles):
    name = fresh_name()
    try:
        created = module_runner(MODULE, realm=realm, name=name, type="optional")
        assert created["end_state"]["type"] == "optional" and realm_type(roles, name) == "optional"
        for wanted in ("default", "none", "default", "optional", "none"):
            check = module_runner(MODULE, check_mode=True, diff=True, realm=realm, name=name, type=wanted)
            real = module_runner(MODULE, diff=True, realm=realm, name=name, type=wanted)
            assert check["changed"] is real["changed"] is True and check["diff"] == real["diff"]
            assert real["end_state"]["type"] == wanted and realm_type(roles, name) == wanted
            again = module_runner(MODULE, realm=realm, name=name, type=wanted)
            assert again["changed"] is False and again.writes == []
    finally:
        module_runner(MODULE, realm=realm, name=name, state="absent")


def test_delete_takes_the_scope_out_of_the_realm_lists(module_runner, realm, roles):
    name = fresh_name()
    module_runner(MODULE, realm=realm, name=name, type="default")
    scope_id = roles.get_client_scope_by_name(name)["id"]
    deleted = module_runner(MODULE, realm=realm, name=name, state="absent")
    assert deleted["changed"] is True
    assert scope_id not in [scope["id"] for scope in roles.get_default_default_client_scopes()]


def test_scope_mappings_purge(module_runner, realm, roles):
    name = fresh_name()
    try:
        module_runner(MODULE, realm=realm, name=name, realm_roles=["reader", "writer"], client_roles=[{"client_id": "shop", "roles": ["buyer"]}])
        assert mappings(roles, name) == {"reader", "writer", "shop/buyer"}
        kept = module_runner(MODULE, realm=realm, name=name, realm_roles=["writer"])
        assert kept["changed"] is False and mappings(roles, name) == {"reader", "writer", "shop/buyer"}
        check = module_runner(MODULE, check_mode=True, diff=True, realm=realm, name=name, realm_roles=["writer"], purge_roles=True)
        purged = module_runner(MODULE, diff=True, realm=realm, name=name, realm_roles=["writer"], purge_roles=True)
        assert check["diff"] == purged["diff"] and contained(purged["end_state"], check["end_state"])
        assert purged["end_state"]["scopeMappings"] == [{"name": "writer", "clientId": None}]
        assert mappings(roles, name) == {"writer"}
        again = module_runner(MODULE, realm=realm, name=name, realm_roles=["writer"], purge_roles=True)
        assert again["changed"] is False and again.writes == []
    finally:
        module_runner(MODULE, realm=realm, name=name, state="absent")


def test_representation_pass_through_and_option_precedence(module_runner, realm, roles):
    name = fresh_name()
    try:
        result = module_runner(MODULE, realm=realm, name=name, description="option wins",
                               representation={"description": "raw", "attributes": {"display.on.consent.screen": "false"}})
        assert result["changed"] is True
        scope = roles.get_client_scope_by_name(name)
        assert scope["description"] == "option wins" and scope["attributes"]["display.on.consent.screen"] == "false"
    finally:
        module_runner(MODULE, realm=realm, name=name, state="absent")


def test_unknown_mapper_type_fails_before_any_write(module_runner, realm, roles):
    name = fresh_name()
    mappers = [{"name": "x", "protocol_mapper": "no-such-mapper-type"}]
    # Keycloak itself would store the unknown type when it comes with the create.
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, name=name, protocol_mappers=mappers)
        assert result["failed"] is True and "no openid-connect mapper type 'no-such-mapper-type'" in result["msg"], result["msg"]
        assert result.writes == []
    assert roles.get_client_scope_by_name(name) is None


def test_keycloak_error_names_the_scope(module_runner, keycloak_url, realm, roles):
    # The module checks names, protocols and mapper types itself, so the server's refusal is provoked by rights:
    # a realm user who may view clients but not manage them (the same 403 on every 26.x).
    user_id = roles.create_user({"username": "scope-viewer", "enabled": True, "firstName": "Scope", "lastName": "Viewer",
                                 "email": "scope-viewer@example.com", "emailVerified": True,
                                 "credentials": [{"type": "password", "value": "viewer-pass-1", "temporary": False}]})
    management = roles.get_client_id("realm-management")
    view = roles.get_client_role(management, "view-clients")
    roles.assign_client_role(user_id, management, [{"id": view["id"], "name": view["name"]}])
    login = {"auth_keycloak_url": keycloak_url, "auth_realm": realm, "auth_username": "scope-viewer", "auth_password": "viewer-pass-1"}
    name = fresh_name()
    result = module_runner(MODULE, realm=realm, name=name, **login)
    assert result["failed"] is True and result.get("http_status") == 403, result["msg"]
    assert result["msg"].startswith("client scope '%s': " % name) and "403" in result["msg"], result["msg"]
    assert roles.get_client_scope_by_name(name) is None


def test_a_realm_administrator_manages_scopes_of_its_realm(keycloak_url, realm, roles):
    """A login from the realm itself, with manage-clients and manage-realm only (no master account)."""
    user_id = roles.create_user({"username": "scope-admin", "enabled": True, "firstName": "Scope", "lastName": "Admin",
                                 "email": "scope-admin@example.com", "emailVerified": True,
                                 "credentials": [{"type": "password", "value": "scope-pass-1", "temporary": False}]})
    management = roles.get_client_id("realm-management")
    granted = [roles.get_client_role(management, name) for name in ("manage-clients", "manage-realm")]
    roles.assign_client_role(user_id, management, [{"id": role["id"], "name": role["name"]} for role in granted])
    login = {"auth_keycloak_url": keycloak_url, "auth_realm": realm, "auth_username": "scope-admin", "auth_password": "scope-pass-1"}
    name = fresh_name("by-realm-admin")
    args = dict(login, realm=realm, name=name, type="optional", realm_roles=["reader"], protocol_mappers=[
        {"name": "a", "protocol_mapper": "oidc-hardcoded-claim-mapper", "config": {"claim.name": "a", "claim.value": "1"}}])
    created = run_module(MODULE, args)
    assert created.get("failed") is None and created["changed"] is True, created.get("msg")
    again = run_module(MODULE, args)
    assert again["changed"] is False and again.writes == [], again.get("msg")
    assert realm_type(roles, name) == "optional"
    gone = run_module(MODULE, dict(login, realm=realm, name=name, state="absent"))
    assert gone["changed"] is True and roles.get_client_scope_by_name(name) is None
