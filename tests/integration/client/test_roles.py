# -*- coding: utf-8 -*-
"""Realm and client roles against a real Keycloak: CRUD, by id, composites, defaults, members.

Prerequisites of other areas (users, groups, clients) are made with those areas' create
methods.
"""

import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
)


def unique(prefix="t"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


ODD_NAMES = [
    "role with spaces",
    "path/like/role",
    "plus+role",
    "hash#role",
    "ünïcødé-角色-😀",
]


def _make_client(kc, client_id=None):
    return kc.create_client({"clientId": client_id or unique("client")})


def _make_user(kc, username=None):
    return kc.create_user({"username": username or unique("user"), "enabled": True})


def _make_group(kc, name=None):
    return kc.create_group({"name": name or unique("group")})


def _names(roles):
    return set(role["name"] for role in roles)


def _assert_gone(call, *args):
    with pytest.raises((KeycloakGetError, KeycloakDeleteError)) as caught:
        call(*args)
    assert caught.value.response_code == 404


# ---------------------------------------------------------------- realm roles


@pytest.mark.parametrize("suffix", ODD_NAMES)
def test_realm_role_crud_with_odd_names(realm_admin, suffix):
    kc = realm_admin
    name = "%s %s" % (unique("r"), suffix)
    payload = {"name": name, "description": "first", "attributes": {"team": ["blue"]}}

    assert kc.create_realm_role(payload) == name
    role = kc.get_realm_role(name)
    assert role["name"] == name
    assert role["description"] == "first"
    assert role["attributes"] == {"team": ["blue"]}
    assert kc.get_realm_role_by_id(role["id"])["name"] == name

    # A second create is a 409, unless the caller says an existing role is fine.
    with pytest.raises(KeycloakPostError) as caught:
        kc.create_realm_role(payload)
    assert caught.value.response_code == 409
    assert kc.create_realm_role(payload, skip_exists=True) == name

    kc.update_realm_role(name, {"name": name, "description": "second", "attributes": {"team": ["red"]}})
    role = kc.get_realm_role(name)
    assert role["description"] == "second"
    assert role["attributes"] == {"team": ["red"]}

    found = kc.get_realm_roles(search_text=name)
    assert name in _names(found)
    assert all("attributes" not in item for item in found)
    full = [item for item in kc.get_realm_roles(brief_representation=False, search_text=name) if item["name"] == name]
    assert full[0]["attributes"] == {"team": ["red"]}

    kc.delete_realm_role(name)
    _assert_gone(kc.get_realm_role, name)
    _assert_gone(kc.delete_realm_role, name)


def test_get_realm_roles_walks_every_page(realm_admin):
    kc = realm_admin
    prefix = unique("bulk")
    for index in range(105):
        kc.create_realm_role({"name": "%s-%03d" % (prefix, index)})
    every = kc.get_realm_roles()
    assert len([role for role in every if role["name"].startswith(prefix)]) == 105
    assert {"offline_access", "uma_authorization"} <= _names(every)
    assert len(kc.get_realm_roles(search_text=prefix)) == 105


def test_role_by_id_on_realm_and_client_roles(realm_admin):
    kc = realm_admin
    realm_role = "%s by/id ü" % unique("r")
    kc.create_realm_role({"name": realm_role})
    realm_role_id = kc.get_realm_role(realm_role)["id"]

    client_id = _make_client(kc)
    client_role = "%s client+role" % unique("c")
    kc.create_client_role(client_id, {"name": client_role})
    client_role_id = kc.get_client_role_id(client_id, client_role)

    for role_id, name, is_client in ((realm_role_id, realm_role, False), (client_role_id, client_role, True)):
        role = kc.get_role_by_id(role_id)
        assert role["name"] == name
        assert role["clientRole"] is is_client
        kc.update_role_by_id(role_id, {"name": name, "description": "via id", "attributes": {"k": ["v"]}})
        role = kc.get_role_by_id(role_id)
        assert role["description"] == "via id"
        assert role["attributes"] == {"k": ["v"]}
        kc.delete_role_by_id(role_id)
        _assert_gone(kc.get_role_by_id, role_id)
    _assert_gone(kc.get_realm_role, realm_role)
    _assert_gone(kc.get_client_role, client_id, client_role)


# ---------------------------------------------------------------- client roles


@pytest.mark.parametrize("suffix", ODD_NAMES)
def test_client_role_crud_with_odd_names(realm_admin, suffix):
    kc = realm_admin
    client_id = _make_client(kc, "%s %s" % (unique("client"), suffix))
    name = "%s %s" % (unique("cr"), suffix)
    payload = {"name": name, "description": "first", "attributes": {"tier": ["gold"]}}

    assert kc.create_client_role(client_id, payload) == name
    role = kc.get_client_role(client_id, name)
    assert role["name"] == name
    assert role["clientRole"] is True
    assert role["containerId"] == client_id
    assert kc.get_client_role_id(client_id, name) == role["id"]

    with pytest.raises(KeycloakPostError) as caught:
        kc.create_client_role(client_id, payload)
    assert caught.value.response_code == 409
    assert kc.create_client_role(client_id, payload, skip_exists=True) == name

    brief = kc.get_client_roles(client_id)
    assert _names(brief) == {name}
    assert "attributes" not in brief[0]
    assert kc.get_client_roles(client_id, brief_representation=False)[0]["attributes"] == {"tier": ["gold"]}

    kc.update_client_role(client_id, name, {"name": name, "description": "second"})
    assert kc.get_client_role(client_id, name)["description"] == "second"

    kc.delete_client_role(client_id, name)
    _assert_gone(kc.get_client_role, client_id, name)
    _assert_gone(kc.get_client_role_id, client_id, name)
    _assert_gone(kc.delete_client_role, client_id, name)
    assert kc.get_client_roles(client_id) == []


def test_get_client_roles_walks_every_page(realm_admin):
    kc = realm_admin
    client_id = _make_client(kc)
    for index in range(103):
        kc.create_client_role(client_id, {"name": "role-%03d" % index})
    assert len(kc.get_client_roles(client_id)) == 103


# ---------------------------------------------------------------- composites


def test_realm_role_composites(realm_admin):
    kc = realm_admin
    parent = "%s parent/role #1" % unique("r")
    child_a = "%s child a+" % unique("r")
    child_b = "%s child ü" % unique("r")
    for name in (parent, child_a, child_b):
        kc.create_realm_role({"name": name})
    client_id = _make_client(kc)
    kc.create_client_role(client_id, {"name": "client child/x"})
    client_child = kc.get_client_role(client_id, "client child/x")
    realm_children = [kc.get_realm_role(child_a), kc.get_realm_role(child_b)]

    kc.add_composite_realm_roles_to_role(parent, realm_children)
    # One role on its own (not in a list) is accepted too.
    kc.add_composite_realm_roles_to_role(parent, client_child)
    assert kc.get_realm_role(parent)["composite"] is True
    assert _names(kc.get_composite_realm_roles_of_role(parent)) == {child_a, child_b, "client child/x"}

    parent_id = kc.get_realm_role(parent)["id"]
    assert _names(kc.get_role_client_level_children(client_id, parent_id)) == {"client child/x"}

    kc.remove_composite_realm_roles_to_role(parent, [realm_children[0], client_child])
    assert _names(kc.get_composite_realm_roles_of_role(parent)) == {child_b}
    assert kc.get_role_client_level_children(client_id, parent_id) == []


def test_client_role_composites(realm_admin):
    kc = realm_admin
    client_id = _make_client(kc)
    other_client = _make_client(kc)
    parent = "parent/with slash+plus#hash ü"
    kc.create_client_role(client_id, {"name": parent})
    kc.create_client_role(client_id, {"name": "sibling"})
    kc.create_client_role(other_client, {"name": "foreign"})
    realm_child = "%s realm child" % unique("r")
    kc.create_realm_role({"name": realm_child})
    sibling = kc.get_client_role(client_id, "sibling")
    foreign = kc.get_client_role(other_client, "foreign")
    realm_role = kc.get_realm_role(realm_child)

    kc.add_composite_client_roles_to_role(client_id, parent, [sibling, foreign, realm_role])
    parent_role = kc.get_client_role(client_id, parent)
    assert parent_role["composite"] is True
    composites = kc.get_composite_client_roles_of_role(client_id, parent)
    assert _names(composites) == {"sibling", "foreign", realm_child}
    assert _names(kc.get_role_client_level_children(client_id, parent_role["id"])) == {"sibling"}
    assert _names(kc.get_role_client_level_children(other_client, parent_role["id"])) == {"foreign"}

    kc.remove_composite_client_roles_from_role(client_id, parent, [foreign, realm_role])
    composites = kc.get_composite_client_roles_of_role(client_id, parent)
    assert _names(composites) == {"sibling"}
    kc.remove_composite_client_roles_from_role(client_id, parent, sibling)
    assert kc.get_client_role(client_id, parent)["composite"] is False


# ---------------------------------------------------------------- default roles


def test_realm_default_roles(realm_admin):
    kc = realm_admin
    default_role = kc.get_realm(kc.get_current_realm())["defaultRole"]
    assert kc.get_default_realm_role_id() == default_role["id"]
    assert {"offline_access", "uma_authorization"} <= _names(kc.get_realm_default_roles())
    # Only realm roles: the account client's default roles stay out of this list.
    assert all(role["clientRole"] is False for role in kc.get_realm_default_roles())

    extra = "%s default/ü+#" % unique("r")
    kc.create_realm_role({"name": extra})
    kc.add_realm_default_roles([kc.get_realm_role(extra)])
    assert extra in _names(kc.get_realm_default_roles())
    assert extra in _names(kc.get_composite_realm_roles_of_role(default_role["name"]))

    kc.remove_realm_default_roles([kc.get_realm_role(extra)])
    assert extra not in _names(kc.get_realm_default_roles())
    assert {"offline_access", "uma_authorization"} <= _names(kc.get_realm_default_roles())


# ---------------------------------------------------------------- members and groups


def test_role_members_and_groups_page_through_everything(realm_admin):
    kc = realm_admin
    realm_role = "%s members/ü+#" % unique("r")
    kc.create_realm_role({"name": realm_role})
    client_id = _make_client(kc)
    client_role = "client members/ü+#"
    kc.create_client_role(client_id, {"name": client_role})
    realm_rep = kc.get_realm_role(realm_role)
    client_rep = kc.get_client_role(client_id, client_role)

    prefix = unique("m")
    user_ids = set()
    for index in range(105):
        user_id = _make_user(kc, "%s-%03d" % (prefix, index))
        kc.assign_realm_roles(user_id, [realm_rep])
        kc.assign_client_role(user_id, client_id, [client_rep])
        user_ids.add(user_id)

    members = kc.get_realm_role_members(realm_role)
    assert len(members) == 105
    assert set(user["id"] for user in members) == user_ids
    assert len(kc.get_realm_role_members(realm_role, query={"first": 0, "max": 10})) == 10
    assert len(kc.get_realm_role_members(realm_role, query={"first": 100, "max": 50})) == 5
    brief = kc.get_realm_role_members(realm_role, query={"briefRepresentation": True})
    assert len(brief) == 105

    client_members = kc.get_client_role_members(client_id, client_role)
    assert set(user["id"] for user in client_members) == user_ids
    assert len(kc.get_client_role_members(client_id, client_role, first=0, max=7)) == 7

    group_names = ["%s grp/%d ü" % (unique("g"), index) for index in range(3)]
    group_ids = []
    for name in group_names:
        group_id = _make_group(kc, name)
        kc.update_group(group_id, {"name": name, "attributes": {"site": ["x"]}})
        kc.assign_group_realm_roles(group_id, [realm_rep])
        kc.assign_group_client_roles(group_id, client_id, [client_rep])
        group_ids.append(group_id)

    groups = kc.get_realm_role_groups(realm_role)
    assert _names(groups) == set(group_names)
    assert all(not group.get("attributes") for group in groups)
    full = kc.get_realm_role_groups(realm_role, brief_representation=False)
    assert all(group["attributes"] == {"site": ["x"]} for group in full)
    assert len(kc.get_realm_role_groups(realm_role, query={"first": 0, "max": 2})) == 2

    client_groups = kc.get_client_role_groups(client_id, client_role)
    assert set(group["id"] for group in client_groups) == set(group_ids)
    assert len(kc.get_client_role_groups(client_id, client_role, first=1, max=5)) == 2


def test_missing_roles_are_404(realm_admin):
    kc = realm_admin
    client_id = _make_client(kc)
    missing = "%s nowhere/ü" % unique("r")
    _assert_gone(kc.get_realm_role, missing)
    _assert_gone(kc.get_realm_role_members, missing)
    _assert_gone(kc.get_realm_role_groups, missing)
    _assert_gone(kc.get_composite_realm_roles_of_role, missing)
    _assert_gone(kc.get_client_role, client_id, missing)
    _assert_gone(kc.get_client_role_members, client_id, missing)
    _assert_gone(kc.get_client_role_groups, client_id, missing)
    _assert_gone(kc.get_role_by_id, "00000000-0000-0000-0000-000000000000")
