# -*- coding: utf-8 -*-
"""The client's methods beyond the python-keycloak reference, against a real Keycloak.

Every call's effect is read back through another method (a reference one where there is one).
"""

import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
    KeycloakPutError,
)

# More than one page of the client (100): lists must come back whole.
MANY = 105
TARGETS = ("user", "group", "client", "client_scope")


def unique(prefix="t"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


def _names(roles):
    return set(role["name"] for role in roles)


def _short(role):
    return {"id": role["id"], "name": role["name"]}


@pytest.fixture(scope="module")
def roles(realm_admin):
    """Realm role ``realm`` and client ``owner`` (clientId ``owner_client_id``) with role ``client``."""
    kc = realm_admin
    realm_role = "%s rôle/+#" % unique("r")
    kc.create_realm_role({"name": realm_role})
    owner_client_id = "%s owner/ü" % unique("c")
    owner = kc.create_client({"clientId": owner_client_id})
    kc.create_client_role(owner, {"name": "c rôle/+#"})
    return {
        "realm": kc.get_realm_role(realm_role),
        "client": kc.get_client_role(owner, "c rôle/+#"),
        "owner": owner,
        "owner_client_id": owner_client_id,
    }


def _target(kc, target):
    """A fresh holder of role mappings of kind ``target``; its id."""
    if target == "user":
        return kc.create_user({"username": unique("user"), "enabled": True})
    if target == "group":
        return kc.create_group({"name": unique("group")})
    if target == "client":
        return kc.create_client({"clientId": unique("client"), "fullScopeAllowed": False})
    return kc.create_client_scope({"name": unique("scope"), "protocol": "openid-connect"})


def _reference_read(kc, target, target_id, owner):
    """(realm role names, owner's role names) mapped into the target, read with the reference's split methods."""
    if target == "user":
        return _names(kc.get_realm_roles_of_user(target_id)), _names(kc.get_client_roles_of_user(target_id, owner))
    if target == "group":
        return _names(kc.get_group_realm_roles(target_id)), _names(kc.get_group_client_roles(target_id, owner))
    if target == "client":
        return _names(kc.get_realm_roles_of_client_scope(target_id)), _names(kc.get_client_roles_of_client_scope(target_id, owner))
    realm_roles = kc.get_all_roles_of_client_scope(target_id).get("realmMappings") or []
    return _names(realm_roles), _names(kc.get_client_specific_roles_of_client_scope(target_id, owner))


# ---------------------------------------------------------------- role mappings of any holder


@pytest.mark.parametrize("target", TARGETS)
def test_role_mappings_of_every_target(realm_admin, roles, target):
    kc = realm_admin
    target_id = _target(kc, target)
    realm_role, client_role, owner = roles["realm"], roles["client"], roles["owner"]
    # A new user holds the realm's default role directly; the others start empty.
    initial_realm = _reference_read(kc, target, target_id, owner)[0]
    before = kc.get_role_mappings(target, target_id)
    assert _names(before.get("realmMappings") or []) == initial_realm
    assert "clientMappings" not in before

    assert kc.add_role_mappings(target, target_id, [_short(realm_role)]) == {}
    assert kc.add_role_mappings(target, target_id, _short(client_role), client_uuid=owner) == {}
    assert _reference_read(kc, target, target_id, owner) == (initial_realm | {realm_role["name"]}, {client_role["name"]})

    mappings = kc.get_role_mappings(target, target_id)
    assert _names(mappings["realmMappings"]) == initial_realm | {realm_role["name"]}
    # Client mappings are keyed by clientId, and carry the client's uuid.
    assert list(mappings["clientMappings"]) == [roles["owner_client_id"]]
    assert mappings["clientMappings"][roles["owner_client_id"]]["id"] == owner
    assert _names(mappings["clientMappings"][roles["owner_client_id"]]["mappings"]) == {client_role["name"]}

    assert _names(kc.get_mapped_roles(target, target_id)) == initial_realm | {realm_role["name"]}
    assert _names(kc.get_mapped_roles(target, target_id, client_uuid=owner)) == {client_role["name"]}

    assert kc.delete_role_mappings(target, target_id, [_short(realm_role)]) == {}
    assert kc.delete_role_mappings(target, target_id, [_short(client_role)], client_uuid=owner) == {}
    assert _reference_read(kc, target, target_id, owner) == (initial_realm, set())
    assert kc.get_role_mappings(target, target_id) == before
    assert kc.get_mapped_roles(target, target_id, client_uuid=owner) == []


@pytest.mark.parametrize("target", TARGETS)
def test_role_mappings_of_a_missing_target_raise_typed_errors(realm_admin, roles, target):
    kc = realm_admin
    for call, error in ((kc.get_role_mappings, KeycloakGetError), (kc.get_mapped_roles, KeycloakGetError)):
        with pytest.raises(error) as caught:
            call(target, "no-such-id")
        assert caught.value.response_code == 404
    for call, error in ((kc.add_role_mappings, KeycloakPostError), (kc.delete_role_mappings, KeycloakDeleteError)):
        with pytest.raises(error) as caught:
            call(target, "no-such-id", [_short(roles["realm"])])
        assert caught.value.response_code == 404


def test_unknown_role_mapping_target_is_a_value_error(realm_admin, roles):
    before = realm_admin.connection.request_count
    for call in (
        lambda: realm_admin.get_role_mappings("users", "x"),
        lambda: realm_admin.get_mapped_roles("realm", "x"),
        lambda: realm_admin.add_role_mappings("role", "x", [roles["realm"]]),
        lambda: realm_admin.delete_role_mappings("", "x", [roles["realm"]], client_uuid=roles["owner"]),
    ):
        with pytest.raises(ValueError) as caught:
            call()
        assert "client_scope" in str(caught.value)
    assert realm_admin.connection.request_count == before


# ---------------------------------------------------------------- user profile


def test_user_profile_config(realm_admin):
    kc = realm_admin
    profile = kc.get_user_profile_config()
    assert {"username", "email"} <= set(attribute["name"] for attribute in profile["attributes"])
    name = "dept_%s" % uuid.uuid4().hex[:6]  # Keycloak allows letters, digits, ".", "_", "-" only
    profile["attributes"].append({"name": name, "displayName": "Départment", "permissions": {"view": ["admin"], "edit": ["admin"]}})
    profile["unmanagedAttributePolicy"] = "ADMIN_VIEW"

    stored = kc.update_user_profile_config(profile)
    assert name in [attribute["name"] for attribute in stored["attributes"]]
    again = kc.get_user_profile_config()
    assert again == stored
    assert again["unmanagedAttributePolicy"] == "ADMIN_VIEW"
    # The declared attribute is now kept on users.
    user_id = kc.create_user({"username": unique("profiled"), "enabled": True, "attributes": {name: ["ït"]}})
    assert kc.get_user(user_id)["attributes"][name] == ["ït"]

    with pytest.raises(KeycloakPutError) as caught:
        kc.update_user_profile_config({"attributes": [{"name": "bad name/+#"}]})
    assert caught.value.response_code == 400
    assert kc.get_user_profile_config() == stored


# ---------------------------------------------------------------- realm default groups


def test_realm_default_groups(realm_admin):
    kc = realm_admin
    assert kc.get_realm_default_groups() == []
    parent = kc.create_group({"name": unique("défault/+#")})
    child = kc.create_group({"name": "child ü"}, parent=parent)

    assert kc.add_realm_default_group(child) == {}
    assert kc.add_realm_default_group(parent) == {}
    listed = dict((group["id"], group["path"]) for group in kc.get_realm_default_groups())
    assert listed == {parent: kc.get_group(parent)["path"], child: kc.get_group(child)["path"]}
    # A new user joins them.
    user_id = kc.create_user({"username": unique("newcomer"), "enabled": True})
    assert set(group["id"] for group in kc.get_user_groups(user_id)) == {parent, child}

    assert kc.remove_realm_default_group(child) == {}
    assert [group["id"] for group in kc.get_realm_default_groups()] == [parent]
    assert kc.remove_realm_default_group(parent) == {}
    assert kc.get_realm_default_groups() == []

    with pytest.raises(KeycloakPutError) as caught:
        kc.add_realm_default_group("no-such-group")
    assert caught.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as caught:
        kc.remove_realm_default_group("no-such-group")
    assert caught.value.response_code == 404


# ---------------------------------------------------------------- composites


def test_composite_client_roles_of_role(realm_admin, roles):
    kc = realm_admin
    owner = roles["owner"]
    parent = "parent %s/+#" % unique("c")
    kc.create_client_role(owner, {"name": parent})
    assert kc.get_composite_client_roles_of_role(owner, parent) == []

    kc.add_composite_client_roles_to_role(owner, parent, [roles["client"], roles["realm"]])
    assert _names(kc.get_composite_client_roles_of_role(owner, parent)) == {roles["client"]["name"], roles["realm"]["name"]}
    kc.remove_composite_client_roles_from_role(owner, parent, [roles["realm"]])
    assert _names(kc.get_composite_client_roles_of_role(owner, parent)) == {roles["client"]["name"]}

    with pytest.raises(KeycloakGetError) as caught:
        kc.get_composite_client_roles_of_role(owner, "no such role")
    assert caught.value.response_code == 404


def test_composite_roles_of_role_by_id_are_all_there(realm_admin, roles):
    kc = realm_admin
    parent = "%s parent" % unique("r")
    kc.create_realm_role({"name": parent})
    parent_id = kc.get_realm_role(parent)["id"]
    assert kc.get_composite_roles_of_role_by_id(parent_id) == []

    prefix = unique("kid")
    children = []
    for index in range(MANY):
        name = "%s-%03d" % (prefix, index)
        kc.create_realm_role({"name": name})
        children.append(kc.get_realm_role(name))
    kc.add_composite_realm_roles_to_role(parent, children + [roles["client"]])
    found = kc.get_composite_roles_of_role_by_id(parent_id)
    assert len(found) == MANY + 1
    assert _names(found) == _names(children) | {roles["client"]["name"]}
    # A client role's children are read the same way.
    by_id = kc.get_composite_roles_of_role_by_id(roles["client"]["id"])
    assert _names(by_id) == _names(kc.get_composite_client_roles_of_role(roles["owner"], roles["client"]["name"]))

    with pytest.raises(KeycloakGetError) as caught:
        kc.get_composite_roles_of_role_by_id("no-such-role")
    assert caught.value.response_code == 404


# ---------------------------------------------------------------- searches


def test_search_client_roles(realm_admin):
    kc = realm_admin
    client_uuid = kc.create_client({"clientId": unique("many-roles")})
    for index in range(MANY):
        kc.create_client_role(client_uuid, {"name": "róle %03d" % index, "attributes": {"n": [str(index)]}})
    kc.create_client_role(client_uuid, {"name": "other/+#"})

    every = kc.search_client_roles(client_uuid)
    assert len(every) == MANY + 1
    assert len(set(role["id"] for role in every)) == MANY + 1
    # Full representations by default: attributes included.
    assert dict((role["name"], role["attributes"]) for role in every)["róle 007"] == {"n": ["7"]}
    brief = kc.search_client_roles(client_uuid, brief_representation=True)
    assert _names(brief) == _names(every) and all("attributes" not in role for role in brief)

    assert _names(kc.search_client_roles(client_uuid, search="róle 10")) == {"róle 100", "róle 101", "róle 102", "róle 103", "róle 104"}
    assert _names(kc.search_client_roles(client_uuid, search="óle")) == _names(every) - {"other/+#"}
    assert _names(kc.search_client_roles(client_uuid, search="r/+#")) == {"other/+#"}
    assert kc.search_client_roles(client_uuid, search="nothing like it") == []
    assert _names(kc.get_client_roles(client_uuid)) == _names(every)

    with pytest.raises(KeycloakGetError) as caught:
        kc.search_client_roles("no-such-client")
    assert caught.value.response_code == 404


def test_search_clients(realm_admin):
    kc = realm_admin
    prefix = unique("sëarch")
    made = dict((kc.create_client({"clientId": "%s/%d" % (prefix, index)}), "%s/%d" % (prefix, index)) for index in range(3))
    made[kc.create_client({"clientId": prefix})] = prefix

    every = kc.search_clients()
    assert set(made) <= set(client["id"] for client in every)
    assert "account" in [client["clientId"] for client in every]
    assert [client["id"] for client in every] == [client["id"] for client in kc.get_clients()]
    # Exact by default; a substring with search.
    assert [client["clientId"] for client in kc.search_clients(prefix)] == [prefix]
    assert kc.search_clients(prefix[:-1]) == []
    assert sorted(client["clientId"] for client in kc.search_clients(prefix, search=True)) == sorted(made.values())
    assert kc.search_clients("no such client", search=True) == []

    # Every page, whatever the page size.
    paged = type(kc)(connection=kc.connection)
    paged.PAGE_SIZE = 2
    assert sorted(client["clientId"] for client in paged.search_clients(prefix, search=True)) == sorted(made.values())
    assert [client["id"] for client in paged.search_clients()] == [client["id"] for client in every]


# ---------------------------------------------------------------- events configuration


def test_get_events_config(realm_admin):
    kc = realm_admin
    config = kc.get_events_config()
    assert config["eventsEnabled"] is False and config["adminEventsEnabled"] is False
    wanted = dict(config, eventsEnabled=True, enabledEventTypes=["LOGIN", "LOGIN_ERROR"], adminEventsEnabled=True, eventsExpiration=3600)
    assert kc.set_events(wanted) == {}
    stored = kc.get_events_config()
    assert stored["eventsEnabled"] is True and stored["adminEventsEnabled"] is True
    assert sorted(stored["enabledEventTypes"]) == ["LOGIN", "LOGIN_ERROR"]
    assert stored["eventsExpiration"] == 3600
    assert kc.get_realm(kc.get_current_realm())["eventsEnabled"] is True
    kc.set_events(config)
    assert kc.get_events_config()["eventsEnabled"] is False
