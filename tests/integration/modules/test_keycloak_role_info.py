# -*- coding: utf-8 -*-
"""keycloak_role_info against the real server: realm and client roles, filters, includes."""

import uuid

import pytest

MODULE = "keycloak_role_info"


def unique(prefix="r"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


@pytest.fixture(scope="module")
def world(realm_admin):
    """Realm roles, a client with roles, a composite, members and a group holding a role."""
    kc = realm_admin
    tag = unique("info")
    client_id = "%s billing/ü" % tag
    kc.create_client({"clientId": client_id})
    client_uuid = kc.get_client_id(client_id)
    names = {
        "parent": "%s Parent role/+#ü" % tag,
        "child": "%s child" % tag,
        "lonely": "%s lonely" % tag,
        "client": "invoice manager#%s" % tag,
        "client_child": "invoice reader",
    }
    kc.create_realm_role({"name": names["parent"], "description": "top", "attributes": {"team": ["iam"]}})
    kc.create_realm_role({"name": names["child"]})
    kc.create_realm_role({"name": names["lonely"]})
    kc.create_client_role(client_uuid, {"name": names["client"], "attributes": {"tier": ["gold"]}})
    kc.create_client_role(client_uuid, {"name": names["client_child"]})
    kc.add_composite_realm_roles_to_role(names["parent"], [kc.get_realm_role(names["child"]), kc.get_client_role(client_uuid, names["client"])])
    client_children = [kc.get_client_role(client_uuid, names["client_child"]), kc.get_realm_role(names["lonely"])]
    kc.add_composite_client_roles_to_role(client_uuid, names["client"], client_children)
    # More members than one page of the server (100), so paging is exercised.
    parent = kc.get_realm_role(names["parent"])
    users = []
    for index in range(103):
        user_id = kc.create_user({"username": "%s-user-%03d" % (tag, index), "enabled": True})
        kc.assign_realm_roles(user_id, [parent])
        users.append(user_id)
    kc.assign_client_role(users[0], client_uuid, [kc.get_client_role(client_uuid, names["client"])])
    group_id = kc.create_group({"name": "%s group" % tag})
    kc.assign_group_realm_roles(group_id, [parent])
    kc.assign_group_client_roles(group_id, client_uuid, [kc.get_client_role(client_uuid, names["client"])])
    return dict(names, tag=tag, client_id=client_id, client_uuid=client_uuid, users=users, group_id=group_id)


def by_name(result):
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is False and result.writes == []
    return dict((role["name"], role) for role in result["roles"])


def test_every_realm_role_with_attributes(module_runner, realm, world):
    roles = by_name(module_runner(MODULE, realm=realm))
    assert {"offline_access", "uma_authorization", world["parent"], world["child"]} <= set(roles)
    assert world["client"] not in roles
    assert roles[world["parent"]]["attributes"] == {"team": ["iam"]}
    assert roles[world["parent"]]["description"] == "top"
    assert "composites" not in roles[world["parent"]] and "members" not in roles[world["parent"]]


def test_exact_name_and_missing_name(module_runner, realm, world):
    result = module_runner(MODULE, realm=realm, name=world["parent"])
    roles = by_name(result)
    assert list(roles) == [world["parent"]]
    assert roles[world["parent"]]["attributes"] == {"team": ["iam"]}
    assert len(result.requests) == 2, "a login and one read"
    assert by_name(module_runner(MODULE, realm=realm, name=world["parent"].upper())) == {}
    assert by_name(module_runner(MODULE, realm=realm, name="%s nothing" % world["tag"])) == {}


def test_search_filters_on_the_server(module_runner, realm, world):
    roles = by_name(module_runner(MODULE, realm=realm, search="%s PARENT" % world["tag"]))
    assert list(roles) == [world["parent"]]
    roles = by_name(module_runner(MODULE, realm=realm, search=world["tag"]))
    assert set(roles) == {world["parent"], world["child"], world["lonely"]}
    roles = by_name(module_runner(MODULE, realm=realm, client_id=world["client_id"], search="reader"))
    assert list(roles) == [world["client_child"]]


def test_client_roles(module_runner, realm, world):
    roles = by_name(module_runner(MODULE, realm=realm, client_id=world["client_id"]))
    assert set(roles) == {world["client"], world["client_child"]}
    assert roles[world["client"]]["attributes"] == {"tier": ["gold"]}
    assert roles[world["client"]]["clientRole"] is True
    one = by_name(module_runner(MODULE, realm=realm, client_id=world["client_id"], name=world["client"], include=["composites"]))
    assert one[world["client"]]["composites"] == [{"name": world["lonely"], "clientId": None},
                                                  {"name": world["client_child"], "clientId": world["client_id"]}]


def test_include_composites_members_groups(module_runner, realm, world):
    result = module_runner(MODULE, check_mode=True, realm=realm, search=world["tag"], include=["composites", "members", "groups"])
    roles = by_name(result)
    parent = roles[world["parent"]]
    assert parent["composites"] == [{"name": world["child"], "clientId": None}, {"name": world["client"], "clientId": world["client_id"]}]
    assert roles[world["child"]]["composites"] == []
    assert sorted(user["id"] for user in parent["members"]) == sorted(world["users"])
    assert [group["id"] for group in parent["groups"]] == [world["group_id"]]
    assert roles[world["child"]]["members"] == [] and roles[world["child"]]["groups"] == []

    client = by_name(module_runner(MODULE, realm=realm, client_id=world["client_id"], name=world["client"], include=["members", "groups"]))
    assert [user["id"] for user in client[world["client"]]["members"]] == [world["users"][0]]
    assert [group["id"] for group in client[world["client"]]["groups"]] == [world["group_id"]]


def test_unknown_client_and_bad_options(module_runner, realm):
    result = module_runner(MODULE, realm=realm, client_id="no-such-client")
    assert result["failed"] is True and "no-such-client" in result["msg"]
    assert result.writes == []
    result = module_runner(MODULE, realm=realm, name="a", search="b")
    assert result["failed"] is True and "mutually exclusive" in result["msg"]


def test_one_role_by_id(module_runner, realm, realm_admin, world):
    kc = realm_admin
    parent = kc.get_realm_role(world["parent"])
    client_role = kc.get_client_role(world["client_uuid"], world["client"])
    result = module_runner(MODULE, realm=realm, id=parent["id"], include=["composites"])
    roles = by_name(result)
    assert list(roles) == [world["parent"]] and roles[world["parent"]]["attributes"] == {"team": ["iam"]}
    assert roles[world["parent"]]["composites"] == by_name(module_runner(MODULE, realm=realm, name=world["parent"], include=["composites"]))[
        world["parent"]]["composites"]
    assert len(module_runner(MODULE, realm=realm, id=parent["id"]).requests) == 2, "a login and one read"
    client = by_name(module_runner(MODULE, realm=realm, client_id=world["client_id"], id=client_role["id"]))
    assert list(client) == [world["client"]] and client[world["client"]]["attributes"] == {"tier": ["gold"]}
    # An id of a role elsewhere, or of nothing, finds nothing where the task reads.
    assert by_name(module_runner(MODULE, realm=realm, id=client_role["id"])) == {}
    assert by_name(module_runner(MODULE, realm=realm, client_id=world["client_id"], id=parent["id"])) == {}
    assert by_name(module_runner(MODULE, realm=realm, id=str(uuid.uuid4()))) == {}
    refused = module_runner(MODULE, realm=realm, id=parent["id"], name=world["parent"])
    assert refused["failed"] is True and "mutually exclusive" in refused["msg"]


def test_composites_of_one_client(module_runner, realm, realm_admin, world):
    """A realm role holding roles of two clients and a realm role: only the asked client's children come back, as the server holds them."""
    kc = realm_admin
    other = "%s other app" % world["tag"]
    kc.create_client({"clientId": other})
    other_uuid = kc.get_client_id(other)
    kc.create_client_role(other_uuid, {"name": "viewer"})
    holder = "%s holder" % world["tag"]
    kc.create_realm_role({"name": holder})
    kc.add_composite_realm_roles_to_role(holder, [
        kc.get_client_role(world["client_uuid"], world["client"]), kc.get_client_role(world["client_uuid"], world["client_child"]),
        kc.get_client_role(other_uuid, "viewer"), kc.get_realm_role(world["child"])])
    result = module_runner(MODULE, check_mode=True, realm=realm, name=holder, composites_of_client=world["client_id"])
    role = by_name(result)[holder]
    truth = kc.get_role_client_level_children(world["client_uuid"], role["id"])
    assert role["compositesOfClient"] == sorted(truth, key=lambda child: child["name"])
    assert sorted(child["name"] for child in role["compositesOfClient"]) == sorted([world["client"], world["client_child"]])
    assert all(child["containerId"] == world["client_uuid"] and child["clientRole"] for child in role["compositesOfClient"])
    assert "composites" not in role
    # Login, the client's id, the role, its children of that client.
    assert len(result.requests) == 4, result.requests
    other_only = by_name(module_runner(MODULE, realm=realm, name=holder, composites_of_client=other))[holder]
    assert [child["name"] for child in other_only["compositesOfClient"]] == ["viewer"]
    # Every realm role: a role that holds none gets an empty list without a request; the client's own roles too.
    result = module_runner(MODULE, realm=realm, search=world["tag"], composites_of_client=other)
    roles = by_name(result)
    assert roles[world["lonely"]]["compositesOfClient"] == [] and roles[world["parent"]]["compositesOfClient"] == []
    assert len([request for request in result.requests if "/composites/clients/" in request[1]]) == \
        len([name for name in roles if roles[name]["composite"]])
    client_roles = by_name(module_runner(MODULE, realm=realm, client_id=world["client_id"], name=world["client"],
                                         composites_of_client=world["client_id"]))
    assert [child["name"] for child in client_roles[world["client"]]["compositesOfClient"]] == [world["client_child"]]


def test_composites_of_a_client_the_realm_lacks(module_runner, realm, world):
    result = module_runner(MODULE, realm=realm, name=world["parent"], composites_of_client="%s no app" % world["tag"])
    assert result.get("failed") is True and "does not exist" in result["msg"] and result.writes == []
