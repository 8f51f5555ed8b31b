# -*- coding: utf-8 -*-
"""GroupsMixin against a real Keycloak: every method, with its effect read back."""

import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
    KeycloakPutError,
)


def unique(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


def _partial_import(admin, payload):
    result = admin.partial_import_realm(admin.get_current_realm(), dict(payload, ifResourceExists="FAIL"))
    assert result["added"] == sum(len(v) for v in payload.values())


def _user(admin, username):
    return admin.create_user({"username": username, "enabled": True})


@pytest.fixture(scope="module")
def tree(realm_admin):
    """root ("a/b c+#é …") -> 30 children -> child 07 has a grandchild, which has a great-grandchild."""
    root_name = unique("a/b c+#é ünï")
    root_id = realm_admin.create_group({"name": root_name, "attributes": {"k": ["v"]}})
    children = {}
    for i in range(30):
        name = "kid %02d/+#é" % i
        children[name] = realm_admin.create_group({"name": name}, parent=root_id)
    kid = "kid 07/+#é"
    grand_id = realm_admin.create_group({"name": "grand/ch ild"}, parent=children[kid])
    great_id = realm_admin.create_group({"name": "great#1"}, parent=grand_id)
    return {
        "root_name": root_name,
        "root_id": root_id,
        "children": children,
        "kid": kid,
        "grand_id": grand_id,
        "great_id": great_id,
        "great_path": "/%s/%s/grand/ch ild/great#1" % (root_name, kid),
    }


def test_create_and_get_group(realm_admin, tree):
    group = realm_admin.get_group(tree["root_id"])
    assert group["name"] == tree["root_name"]
    assert group["path"] == "/" + tree["root_name"]
    assert group["attributes"] == {"k": ["v"]}
    assert group["subGroupCount"] == 30

    kid = realm_admin.get_group(tree["children"][tree["kid"]])
    assert kid["parentId"] == tree["root_id"]
    assert kid["path"] == "/%s/%s" % (tree["root_name"], tree["kid"])

    # A second group of the same name at the same level.
    assert realm_admin.create_group({"name": tree["root_name"]}, skip_exists=True) is None
    with pytest.raises(KeycloakPostError) as info:
        realm_admin.create_group({"name": tree["root_name"]})
    assert info.value.response_code == 409
    assert realm_admin.create_group({"name": tree["kid"]}, parent=tree["root_id"], skip_exists=True) is None
    with pytest.raises(KeycloakPostError) as info:
        realm_admin.create_group({"name": tree["kid"]}, parent=tree["root_id"])
    assert info.value.response_code == 409
    with pytest.raises(KeycloakPostError) as info:
        realm_admin.create_group({"name": "orphan"}, parent="no-such-group")
    assert info.value.response_code == 404
    with pytest.raises(KeycloakGetError) as info:
        realm_admin.get_group("no-such-group")
    assert info.value.response_code == 404


def test_get_group_children_pages(realm_admin, tree):
    children = realm_admin.get_group_children(tree["root_id"])
    # Keycloak answers 10 children per page unless asked for more.
    assert len(children) == 30
    assert sorted(c["name"] for c in children) == sorted(tree["children"])
    assert sorted(c["id"] for c in children) == sorted(tree["children"].values())

    assert len(realm_admin.get_group_children(tree["root_id"], query={"first": 25, "max": 10})) == 5
    assert [c["name"] for c in realm_admin.get_group_children(tree["root_id"], query={"search": "kid 07"})] == [tree["kid"]]

    with pytest.raises(ValueError):
        realm_admin.get_group_children(tree["root_id"], query={"max": 5}, full_hierarchy=True)

    deep = realm_admin.get_group_children(tree["root_id"], full_hierarchy=True)
    assert len(deep) == 30
    kid = [c for c in deep if c["name"] == tree["kid"]][0]
    assert [g["name"] for g in kid["subGroups"]] == ["grand/ch ild"]
    assert [g["id"] for g in kid["subGroups"][0]["subGroups"]] == [tree["great_id"]]
    assert kid["subGroups"][0]["subGroups"][0]["subGroups"] == []
    with pytest.raises(KeycloakGetError) as info:
        realm_admin.get_group_children("no-such-group")
    assert info.value.response_code == 404


def test_get_groups_and_hierarchy(realm_admin, tree):
    flat = realm_admin.get_groups()
    root = [g for g in flat if g["id"] == tree["root_id"]][0]
    assert root["subGroupCount"] == 30
    # Keycloak 26 embeds no subgroups in list answers; like python-keycloak, the client reads
    # the direct children of a group that has some, every page of them.
    assert sorted(g["id"] for g in root["subGroups"]) == sorted(g["id"] for g in realm_admin.get_group_children(tree["root_id"]))
    kid = [c for c in root["subGroups"] if c["name"] == tree["kid"]][0]
    assert kid["subGroupCount"] == 1 and kid["subGroups"] == []
    assert [g["id"] for g in realm_admin.get_group(tree["root_id"])["subGroups"]] == [g["id"] for g in root["subGroups"]]

    full = realm_admin.get_groups(full_hierarchy=True)
    root = [g for g in full if g["id"] == tree["root_id"]][0]
    assert len(root["subGroups"]) == 30
    kid = [c for c in root["subGroups"] if c["name"] == tree["kid"]][0]
    assert kid["subGroups"][0]["subGroups"][0]["path"] == tree["great_path"]

    # A search answers the matching groups with the path down to the match only ...
    found = realm_admin.get_groups({"search": "great#1"})
    assert [g["id"] for g in found] == [tree["root_id"]]
    assert len(found[0]["subGroups"]) == 1
    # ... and full_hierarchy completes the groups that were found.
    found = realm_admin.get_groups({"search": "great#1"}, full_hierarchy=True)
    assert len(found[0]["subGroups"]) == 30

    group = realm_admin.get_group(tree["root_id"], full_hierarchy=True)
    assert len(group["subGroups"]) == 30
    kid = [c for c in group["subGroups"] if c["name"] == tree["kid"]][0]
    assert kid["subGroups"][0]["subGroups"][0]["id"] == tree["great_id"]
    plain = realm_admin.get_group(tree["children"][tree["kid"]])
    # Without full_hierarchy the direct children only, as python-keycloak has them.
    assert plain["subGroupCount"] == 1 and [g["id"] for g in plain["subGroups"]] == [tree["grand_id"]]
    assert plain["subGroups"][0]["subGroupCount"] == 1 and plain["subGroups"][0]["subGroups"] == []


def test_get_groups_pages(realm_admin, tree):  # the tree's 32 subgroups are in the count below
    prefix = unique("many")
    _partial_import(realm_admin, {"groups": [{"name": "%s %03d" % (prefix, i), "path": "/%s %03d" % (prefix, i)} for i in range(105)]})
    groups = realm_admin.get_groups({"search": prefix})
    assert sorted(g["name"] for g in groups) == ["%s %03d" % (prefix, i) for i in range(105)]
    assert len(realm_admin.get_groups({"search": prefix, "first": 100, "max": 50})) == 5
    assert realm_admin.groups_count({"search": prefix}) == {"count": 105}
    assert realm_admin.groups_count({"search": prefix, "top": True}) == {"count": 105}
    total = realm_admin.groups_count({"top": True})["count"]
    assert len(realm_admin.get_groups()) == total
    assert realm_admin.groups_count()["count"] >= total + 32


def test_get_subgroups(realm_admin, tree):
    group = realm_admin.get_group(tree["root_id"])
    found = realm_admin.get_subgroups(group, tree["great_path"])
    assert found["id"] == tree["great_id"]
    kid_path = "/%s/%s" % (tree["root_name"], tree["kid"])
    assert realm_admin.get_subgroups(group, kid_path)["id"] == tree["children"][tree["kid"]]
    assert realm_admin.get_subgroups(group, kid_path + "/nope") is None
    assert realm_admin.get_subgroups(group, "/elsewhere") is None
    # On a hierarchy that is already complete no request is needed.
    full = realm_admin.get_group(tree["root_id"], full_hierarchy=True)
    before = realm_admin.connection.request_count
    assert realm_admin.get_subgroups(full, tree["great_path"])["id"] == tree["great_id"]
    assert realm_admin.connection.request_count == before


def test_get_group_by_path(realm_admin, tree):
    assert realm_admin.get_group_by_path("/" + tree["root_name"])["id"] == tree["root_id"]
    assert realm_admin.get_group_by_path(tree["great_path"])["id"] == tree["great_id"]
    kid_path = "/%s/%s" % (tree["root_name"], tree["kid"])
    assert realm_admin.get_group_by_path(kid_path)["id"] == tree["children"][tree["kid"]]
    with pytest.raises(KeycloakGetError) as info:
        realm_admin.get_group_by_path(kid_path + "/nope")
    assert info.value.response_code == 404


def test_update_group(realm_admin):
    group_id = realm_admin.create_group({"name": unique("upd ü")})
    child_id = realm_admin.create_group({"name": "child"}, parent=group_id)
    new_name = unique("renamed/+# é")
    assert realm_admin.update_group(group_id, {"name": new_name, "attributes": {"a b": ["c/d +#é"]}}) == {}
    group = realm_admin.get_group(group_id)
    assert group["name"] == new_name
    assert group["attributes"] == {"a b": ["c/d +#é"]}
    assert realm_admin.get_group(child_id)["path"] == "/%s/child" % new_name
    with pytest.raises(KeycloakPutError) as info:
        realm_admin.update_group("no-such-group", {"name": "x"})
    assert info.value.response_code == 404


def test_members(realm_admin):
    group_name = unique("members +é")
    group_id = realm_admin.create_group({"name": group_name})
    prefix = unique("m")
    _partial_import(realm_admin, {"users": [{"username": "%s-%03d" % (prefix, i), "enabled": True, "groups": ["/" + group_name]} for i in range(110)]})
    members = realm_admin.get_group_members(group_id)
    assert sorted(m["username"] for m in members) == ["%s-%03d" % (prefix, i) for i in range(110)]
    assert len(realm_admin.get_group_members(group_id, {"first": 0, "max": 3})) == 3
    assert len(realm_admin.get_group_members(group_id, {"briefRepresentation": True})) == 110

    user_id = _user(realm_admin, unique("joiner"))
    assert realm_admin.group_user_add(user_id, group_id) == {}
    assert user_id in [m["id"] for m in realm_admin.get_group_members(group_id)]
    assert group_id in [g["id"] for g in realm_admin.get_user_groups(user_id)]
    assert realm_admin.group_user_remove(user_id, group_id) == {}
    assert user_id not in [m["id"] for m in realm_admin.get_group_members(group_id)]
    assert realm_admin.get_user_groups(user_id) == []
    with pytest.raises(KeycloakPutError) as info:
        realm_admin.group_user_add(user_id, "no-such-group")
    assert info.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as info:
        realm_admin.group_user_remove("no-such-user", group_id)
    assert info.value.response_code == 404


def test_group_set_permissions(realm_admin, tree, keycloak_version):
    # Fine-grained admin permissions v1 is a feature the test server does not enable:
    # the server refuses, and that answer reaches the caller.
    if keycloak_version[:2] < (26, 2):
        # Keycloak 26.0 (v1 a preview feature, off) answers the endpoint: turning the switch on fails inside the server
        # (500, a NullPointerException in its log), turning it off answers that it is off.
        with pytest.raises(KeycloakPutError) as info:
            realm_admin.group_set_permissions(tree["root_id"], enabled=True)
        assert info.value.response_code == 500
        assert b"unknown_error" in info.value.response_body
        assert realm_admin.group_set_permissions(tree["root_id"], enabled=False) == {"enabled": False}
        return
    # Keycloak 26.2+: the v1 endpoints answer 501 without feature admin-fine-grained-authz:v1.
    for enabled in (True, False):
        with pytest.raises(KeycloakPutError) as info:
            realm_admin.group_set_permissions(tree["root_id"], enabled=enabled)
        assert info.value.response_code == 501
        assert b"Feature not enabled" in info.value.response_body


def test_delete_group(realm_admin):
    group_id = realm_admin.create_group({"name": unique("gone #/é")})
    child_id = realm_admin.create_group({"name": "kid"}, parent=group_id)
    assert realm_admin.delete_group(group_id) == {}
    for gone in (group_id, child_id):
        with pytest.raises(KeycloakGetError) as info:
            realm_admin.get_group(gone)
        assert info.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as info:
        realm_admin.delete_group(group_id)
    assert info.value.response_code == 404
